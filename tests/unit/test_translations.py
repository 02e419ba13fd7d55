"""Translations: text paths, fingerprints, localizing, the checks, ``vetting translate``.

The example file ``tests/cases/translations/translated.yaml`` is a small valid checklist
with a complete Spanish block (kept out of ``tests/cases/good`` so the golden output of
that folder does not change).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from vetting.checklist import translations
from vetting.checklist.loader import load_yaml_text
from vetting.checklist.translations import (
    check_translations,
    fingerprint,
    language_from_environment,
    localize,
    text_paths,
)
from vetting.cli import main
from vetting.problems import Level
from vetting.validation import schema
from vetting.validation.pipeline import load_checklist, validate_file, validate_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "cases" / "translations" / "translated.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
SOURCE_PART = TEXT[: TEXT.index("translations:\n")]


def _data(text: str = TEXT) -> dict[str, Any]:
    return load_yaml_text(text, source="t.yaml").data


def _line_of(text: str, marker: str) -> int:
    return text.count("\n", 0, text.index(marker)) + 1


def _rules(text: str) -> list[tuple[str, int | None]]:
    return [(p.rule, p.line) for p in validate_text(text, source="t.yaml").problems]


# --------------------------------------------------------------------------- core


def test_fingerprint_is_sha256_of_nfc_text_cut_to_12_digits() -> None:
    expected = hashlib.sha256("Límites".encode()).hexdigest()[:12]
    assert fingerprint("Límites") == expected
    assert fingerprint(unicodedata.normalize("NFD", "Límites")) == expected
    assert fingerprint("Limites") != expected
    assert len(expected) == 12 and int(expected, 16) >= 0


def test_text_paths_use_ids_and_indexes() -> None:
    paths = text_paths(_data())
    assert paths["title"] == "Warning signs in therapy"
    assert paths["sections.boundaries.title"] == "Boundaries"
    assert paths["items.fees_clear.options.never.label"] == "Not at all"
    assert paths["safety.resources.0.contact"] == "Call or text 988"
    assert paths["bands.high.next_steps.0"] == "Talk to someone you trust."
    # yes_no options without labels have nothing to translate; ids and versions are not text
    assert "items.in_danger.options.yes.label" not in paths
    assert "version" not in paths and "id" not in paths


def test_text_paths_cover_scales_section_bands_and_outcomes() -> None:
    data = _data()
    item = {
        "id": "comfort",
        "kind": "scale",
        "text": "How comfortable?",
        "scale": {"min": 1, "max": 3, "min_label": "No", "max_label": "Yes", "labels": {"2": "Hm"}},
    }
    data["sections"][0]["items"].append(item)
    data["sections"][0]["bands"] = [{"id": "ok", "label": "OK", "meaning": "Fine.", "min": 0}]
    data["outcomes"] = [
        {"id": "lpc", "title": "LPC", "summary": "S.", "questions_to_ask": ["Licensed?"]}
    ]
    paths = text_paths(data)
    assert paths["items.comfort.scale.min_label"] == "No"
    assert paths["items.comfort.scale.labels.2"] == "Hm"
    assert paths["sections.boundaries.bands.ok.meaning"] == "Fine."
    assert paths["outcomes.lpc.questions_to_ask.0"] == "Licensed?"


def test_localize_applies_translations_and_leaves_the_input_alone() -> None:
    data = _data()
    spanish = localize(data, "es")
    assert spanish["title"] == "Señales de alerta en la terapia"
    assert spanish["sections"][0]["items"][1]["options"][1]["label"] == "Para nada"
    assert spanish["bands"][1]["next_steps"] == ["Hable con alguien de confianza."]
    assert spanish["language"] == "es"
    assert data["title"] == "Warning signs in therapy" and data["language"] == "en"


def test_localize_falls_back_for_missing_outdated_and_unknown_languages() -> None:
    data = _data()
    del data["translations"]["es"]["summary"]
    data["sections"][0]["title"] = "Limits"  # the Spanish was made from "Boundaries"
    spanish = localize(data, "es")
    assert spanish["summary"] == data["summary"]
    assert spanish["sections"][0]["title"] == "Limits"
    assert spanish["title"] == "Señales de alerta en la terapia"
    for lang in ("fr", None, "en"):
        same = localize(data, lang)
        assert same == data and same is not data


def test_localize_matches_the_main_language() -> None:
    data = _data()
    assert localize(data, "es-MX")["title"] == "Señales de alerta en la terapia"
    data["translations"] = {"pt-BR": {"title": {"text": "Sinais", "source": "20b0190db0f4"}}}
    assert localize(data, "pt")["title"] == "Sinais"
    assert localize(data, "pt")["language"] == "pt-BR"
    assert translations.available_languages(data) == ["en", "pt-BR"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:en", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LC_ALL": "pt_BR.UTF-8", "LANG": "en_US.UTF-8"}, "pt"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str | None) -> None:
    assert language_from_environment(environ) == expected


# --------------------------------------------------------------------------- checks


def test_the_example_is_valid_without_warnings() -> None:
    report = validate_file(EXAMPLE)
    assert report.problems == []


def test_changed_source_warns_at_the_translation_line() -> None:
    text = TEXT.replace("    title: Boundaries\n", "    title: Limits and boundaries\n", 1)
    (problem,) = validate_text(text, source="t.yaml").problems
    assert problem.rule == "translation-outdated"
    assert problem.level is Level.WARNING
    assert problem.line == _line_of(text, "sections.boundaries.title:")
    assert problem.path == ("translations", "es", "sections.boundaries.title", "source")
    assert "`sections.boundaries.title`: the English text changed" in problem.message
    assert "update its `source`" in problem.message
    assert problem.suggestion == f"source: {fingerprint('Limits and boundaries')}"


def test_unknown_path_is_an_error_with_a_suggestion() -> None:
    text = TEXT.replace("    items.fees_clear.help:", "    items.fees_clear.hepl:", 1)
    problems = validate_text(text, source="t.yaml").problems
    unknown = [p for p in problems if p.rule == "translation-unknown-path"]
    assert len(unknown) == 1 and unknown[0].level is Level.ERROR
    assert unknown[0].suggestion == "did you mean `items.fees_clear.help`?"
    assert unknown[0].line == _line_of(text, "items.fees_clear.hepl:")
    missing = [p for p in problems if p.rule == "translation-missing"]
    assert [p.message for p in missing] == [
        "1 text has no Spanish translation yet; it will show in English"
    ]
    assert validate_text(text).checklist is None  # an error: the app will not open it


def test_missing_texts_are_counted_per_language() -> None:
    block = "\n".join(
        line
        for line in TEXT[len(SOURCE_PART) :].splitlines()
        if not line.startswith(("    title:", "    summary:", "    audience:"))
    )
    text = SOURCE_PART + block
    assert _rules(text) == [("translation-missing", _line_of(text, "  es:"))]
    (problem,) = validate_text(text).problems
    assert problem.message == "3 texts have no Spanish translation yet; they will show in English"
    assert problem.suggestion == "run `vetting translate --lang es <text>` to list them"


def test_a_translation_into_the_checklist_language_is_an_error() -> None:
    text = TEXT + "  en:\n    title: { text: Warning signs, source: 20b0190db0f4 }\n"
    assert _rules(text) == [("translation-same-language", _line_of(text, "  en:"))]


def test_checks_work_without_positions() -> None:
    data = _data()
    data["title"] = "Changed"
    (problem,) = check_translations(data, None, "x.yaml")
    assert (problem.rule, problem.line, problem.file) == ("translation-outdated", None, "x.yaml")


# --------------------------------------------------------------------------- schema


def test_schema_accepts_the_block_and_an_empty_language() -> None:
    assert schema.checklist_problems(load_yaml_text(TEXT)) == []
    assert schema.checklist_problems(load_yaml_text(SOURCE_PART + "translations:\n  fr:\n")) == []


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("source: 20b0190db0f4", "source: 20B0190DB0F4", ("translations", "es", "title", "source")),
        ("source: 20b0190db0f4", "source: 20b0190d", ("translations", "es", "title", "source")),
        ("  es:\n", "  Spanish:\n", ("translations", "Spanish")),
        ("    title: {", "    Title: {", ("translations", "es", "Title")),
    ],
)
def test_schema_rejects_bad_fingerprints_tags_and_paths(old: str, new: str, path: tuple) -> None:
    problems = schema.checklist_problems(load_yaml_text(TEXT.replace(old, new, 1)))
    assert [(p.rule, p.path) for p in problems] == [("schema-pattern", path)]


def test_schema_rejects_an_empty_translation_and_unknown_keys() -> None:
    text = TEXT.replace('{ text: "Límites", source', '{ text: "", note: x, source', 1)
    rules = sorted(p.rule for p in schema.checklist_problems(load_yaml_text(text)))
    assert rules == ["schema-too-short", "schema-unknown-key"]


# --------------------------------------------------------------------------- loading


def test_load_checklist_in_spanish_keeps_ids_scores_and_hash() -> None:
    english = load_checklist(EXAMPLE)
    spanish = load_checklist(EXAMPLE, lang="es")
    assert english.title == "Warning signs in therapy"
    assert spanish.title == "Señales de alerta en la terapia"
    assert spanish.language == "es"
    assert spanish.safety.message.startswith("Si está en peligro")
    assert spanish.content_hash == english.content_hash  # saved sessions stay compatible
    assert [i.id for i in spanish.items] == [i.id for i in english.items]
    assert spanish.bands[1].min == english.bands[1].min
    assert load_checklist(EXAMPLE, lang="fr").title == english.title


def _fake_make_app(seen: dict[str, Any]) -> Any:
    class _App:
        return_code = 0

        def run(self, **options: Any) -> int:  # options: the event loop vetting passes
            return 0

    def make_app(**kwargs: Any) -> _App:
        seen.update(kwargs)
        return _App()

    return make_app


def test_vetting_run_passes_the_language_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import vetting.tui.app as tui_app
    from vetting.commands import app as app_command

    seen: dict[str, Any] = {}
    monkeypatch.setattr(tui_app, "make_app", _fake_make_app(seen))
    # As on a real terminal: under pytest stdin is not one, so `vetting` would use line mode.
    monkeypatch.setattr("vetting.plain.terminal.line_mode_reason", lambda *args: None)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["run", "--lang", "es", str(EXAMPLE)]) == 0
    assert seen["language"] == "es" and seen["open_path"] == EXAMPLE
    assert main(["run", str(EXAMPLE)]) == 0
    assert seen["language"] == "fr"  # the system's; checklists without it stay in English
    assert app_command.chosen_language(argparse.Namespace(lang=None)) == "fr"
    assert main(["--lang", "es"]) == 0  # `vetting --lang es`: the home screen
    assert seen["language"] == "es" and seen["open_path"] is None
    assert main(["app", "--lang", "pt-BR"]) == 0
    assert seen["language"] == "pt-BR"


def test_the_app_builds_its_catalog_in_the_chosen_language(tmp_path: Path) -> None:
    from vetting.tui.app import make_app

    app = make_app(data_dir=tmp_path, checklist_paths=[EXAMPLE], language="es")
    (entry,) = app.scan_catalog()
    assert entry.checklist is not None
    assert entry.checklist.title == "Señales de alerta en la terapia"


# --------------------------------------------------------------------------- vetting translate


def test_translate_prints_a_block_that_validates_when_pasted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "list.yaml"
    target.write_text(SOURCE_PART, encoding="utf-8")
    assert main(["translate", str(target), "--lang", "es"]) == 0
    captured = capsys.readouterr()
    block = captured.out
    assert block.startswith("translations:\n")
    assert '    # en: "Boundaries"\n' in block
    assert '    # sections.boundaries.title: { text: "", source: "b0079f0f7448" }\n' in block
    assert "0 translated" in captured.err and "18 still to translate" in captured.err
    pasted = SOURCE_PART + block
    assert _rules(pasted) == [("translation-missing", _line_of(pasted, "  es:"))]
    # Uncommenting one line and writing the translation makes it count.
    filled = pasted.replace(
        '    # sections.boundaries.title: { text: ""',
        '    sections.boundaries.title: { text: "Límites"',
    )
    report = validate_text(filled)
    assert report.ok and "17 texts" in report.problems[0].message
    assert localize(_data(filled), "es")["sections"][0]["title"] == "Límites"


def test_translate_write_keeps_the_rest_of_the_file_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "list.yaml"
    changed = TEXT.replace("    title: Boundaries\n", "    title: Limits\n", 1).replace(
        '    # en: "Not at all"\n    items.fees_clear.options.never.label: '
        '{ text: "Para nada", source: 93a00d07ebb9 }\n',
        "",
    )
    target.write_bytes(changed.replace("\n", "\r\n").encode())  # CRLF is kept too
    prefix = SOURCE_PART.replace("Boundaries", "Limits", 1).replace("\n", "\r\n").encode()
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 0
    assert "16 translated, 1 to check" in capsys.readouterr().err
    written = target.read_bytes()
    assert written.startswith(prefix)
    assert b"\n" not in written.replace(b"\r\n", b"")
    text = written.decode().replace("\r\n", "\n")
    assert "source changed" in text and f'set source: "{fingerprint("Limits")}"' in text
    # The outdated translation keeps its old fingerprint: validate still warns about it.
    assert sorted(rule for rule, _ in _rules(text)) == [
        "translation-missing",
        "translation-outdated",
    ]
    assert (
        '    # items.fees_clear.options.never.label: { text: "", source: "93a00d07ebb9" }' in text
    )
    # Running it again changes nothing.
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 0
    assert target.read_bytes() == written


def _title_with_a_number_like_fingerprint() -> str:
    """A title whose fingerprint is all digits, so YAML would read it as a number."""
    for n in range(100_000):
        title = f"Boundaries {n}"
        if fingerprint(title).isdigit():
            return title
    raise AssertionError("no such title in range")  # pragma: no cover


def test_translate_write_quotes_fingerprints_that_look_like_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    title = _title_with_a_number_like_fingerprint()
    target = tmp_path / "list.yaml"
    target.write_text(SOURCE_PART.replace("title: Boundaries", f"title: {title}", 1), "utf-8")
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 0
    filled = target.read_text("utf-8").replace(
        '    # sections.boundaries.title: { text: ""',
        '    sections.boundaries.title: { text: "L"',
        1,
    )
    target.write_text(filled, "utf-8")
    # Written once by hand, the file still loads, validates and can be rewritten.
    assert validate_file(target).ok
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 0
    assert "1 translated" in capsys.readouterr().err
    assert localize(_data(target.read_text("utf-8")), "es")["sections"][0]["title"] == "L"


def test_translate_write_comments_out_paths_that_no_longer_exist(tmp_path: Path) -> None:
    target = tmp_path / "list.yaml"
    target.write_text(TEXT.replace("    items.fees_clear.help:", "    items.fees_clear.hepl:"))
    assert validate_file(target).checklist is None  # the unknown path is an error
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 0
    text = target.read_text(encoding="utf-8")
    assert '    # items.fees_clear.hepl: { text: "Las tarifas' in text
    assert validate_file(target).ok


def test_translate_write_appends_to_a_file_without_translations(tmp_path: Path) -> None:
    target = tmp_path / "list.yaml"
    target.write_bytes(SOURCE_PART.rstrip("\n").encode())  # no final newline
    assert main(["translate", str(target), "--lang", "fr", "--write"]) == 0
    written = target.read_text(encoding="utf-8")
    assert written.startswith(SOURCE_PART) and "\n  fr:\n" in written
    assert validate_file(target).ok


def test_translate_keeps_other_languages(tmp_path: Path) -> None:
    target = tmp_path / "list.yaml"
    shutil.copy(EXAMPLE, target)
    assert main(["translate", str(target), "--lang", "fr", "--write"]) == 0
    data = _data(target.read_text(encoding="utf-8"))
    assert data["translations"]["es"] == _data()["translations"]["es"]
    assert data["translations"]["fr"] is None


def test_translate_write_refuses_when_translations_is_not_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = TEXT[len(SOURCE_PART) :]
    tests_start = SOURCE_PART.index("tests:\n")
    moved = SOURCE_PART[:tests_start] + block + SOURCE_PART[tests_start:]
    target = tmp_path / "list.yaml"
    target.write_text(moved, encoding="utf-8")
    assert main(["translate", str(target), "--lang", "es", "--write"]) == 1
    assert "not the last thing in the file" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == moved


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--lang", "Spanish"], 2, "not a language tag"),
        (["--lang", "en"], 1, "already written in `en`"),
    ],
)
def test_translate_usage_errors(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translate", str(EXAMPLE), *argv]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_translate_refuses_a_file_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "list.yaml"
    target.write_text("title: [unclosed\n", encoding="utf-8")
    assert main(["translate", str(target), "--lang", "es"]) == 1
    assert "vetting translate:" in capsys.readouterr().err
