"""`vetting score --lang es`: the whole result in Spanish, run as a person would run it.

The checklists are small fixtures with a Spanish translation block
(``tests/cases/translations/*_es.yaml``); the built-ins get theirs separately. Each test runs
the real command in a subprocess and reads what it prints: Spanish headings, band and
recommendation wording, the app's Spanish crisis lines (``APP_SAFETY_ES``), plural forms,
numbers in the person's locale, and none of vetting's own English words. The list of those
words is the catalog itself: every message extracted from the result modules.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po

from vetting.checklist.safety import APP_SAFETY_ES

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "translations"
RED_FLAGS = CASES / "red_flags_es.yaml"
CHOICE = CASES / "choice_rules_es.yaml"
FIT = CASES / "translated.yaml"
POT = ROOT / "vetting" / "locale" / "vetting.pot"
PO = ROOT / "vetting" / "locale" / "es" / "LC_MESSAGES" / "vetting.po"
#: The modules whose words are a result's (HTML's fixed words are checked by its own tests).
RESULT_MODULES = (
    "vetting/reports/document.py",
    "vetting/reports/words.py",
    "vetting/reports/text.py",
    "vetting/reports/markdown.py",
    "vetting/reports/json_report.py",
    "vetting/scoring/",
    "vetting/checklist/safety.py",
)

#: Crisis, two serious flags that make a pattern, "not sure" about a critical one.
RED_ANSWERS = {
    "in_danger": "yes",
    "seeing_now": "now",
    "sexual_contact": "unsure",
    "keep_secret": "yes",
    "cut_off": "yes",
    "late": "no",
}
#: One caution flag: one warning sign in its section.
ONE_FLAG = {**RED_ANSWERS, "in_danger": "no", "keep_secret": "no", "cut_off": "no"}
ONE_FLAG.update({"sexual_contact": "no", "late": "yes"})
#: Fear at home: a rule puts safety first and rules couples work out.
RULED = {"in_danger": "no", "who_for": "me", "focus": "couple", "afraid": "yes"}
RULED["payment"] = "self_pay"
#: Equal points: a tie.
TIE = {"in_danger": "no", "who_for": "me", "focus": "both", "afraid": "no"}
TIE["payment"] = "insurance"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **extra})
    return env


def _answers(tmp_path: Path, checklist: str, answers: dict[str, Any]) -> Path:
    path = tmp_path / f"{checklist}.answers.json"
    header = {"id": checklist, "version": "1.0.0"}
    path.write_text(json.dumps({"format": 1, "checklist": header, "answers": answers}))
    return path


def score(
    checklist: Path,
    answers: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "score", *args, str(checklist), str(answers)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or _env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _result_messages() -> list[tuple[str, str]]:
    """(English msgid, Spanish msgstr) of every form of every message the result modules mark."""
    with PO.open("rb") as f:
        spanish = read_po(f)
    with POT.open("rb") as f:
        template = read_po(f)
    out = []
    for message in template:
        if not message.id or not any(
            path.startswith(RESULT_MODULES) for path, _ in message.locations
        ):
            continue
        translated = spanish.get(message.id)
        assert translated is not None and translated.string, f"no Spanish for {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            translated.string if isinstance(translated.string, tuple) else (translated.string,)
        )
        out += [(english, " ".join(strings)) for english in ids]
    return out


def _english_words(text: str) -> list[str]:
    """vetting's own English words found in ``text``: each literal part of each message
    (between its placeholders) that is not also in its Spanish translation."""
    found = []
    for english, spanish in _result_messages():
        for part in re.split(r"\{[a-z_]+\}", english):
            part = part.strip(" :()|.")
            if len(part) < 2 or part in spanish:
                continue
            start = r"\b" if part[0].isalnum() else ""
            end = r"\b" if part[-1].isalnum() else ""
            if re.search(start + re.escape(part) + end, text):
                found.append(part)
    return found


def test_the_catalog_has_the_result_words() -> None:
    messages = dict(_result_messages())
    assert "Please read this first: help is available now" in messages
    assert "{count} warning signs" in messages
    assert len(messages) > 40


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_red_flags_result_in_spanish(tmp_path: Path, fmt: str) -> None:
    out = score(
        RED_FLAGS, _answers(tmp_path, "red_flags_es", RED_ANSWERS), "--lang", "es", "--format", fmt
    )
    # vetting's own headings and words
    for words in (
        "Lea esto primero: hay ayuda disponible ahora",
        "Señales de alerta en sus respuestas: 2",
        "GRAVE",
        "Usted respondió: Sí",
        "No estaba seguro/a de estas señales de alerta",
        '"No estoy seguro/a" nunca cuenta como "no".',
        "Por qué: El secreto y el aislamiento",
        "Qué puede hacer ahora",
        "Si necesita ayuda ahora",
        "Tenga en cuenta",
        "Respuestas claras: 5 de las 6 preguntas que le corresponden.",
        "Indicadas por quien escribió esta lista",
    ):
        assert words in out, words
    # the checklist's own words, from its translation block: the band and the disclaimer
    assert "Considere denunciarlo" in out and "Esto no es un consejo médico ni legal." in out
    # the app's verified crisis lines in Spanish, all of them
    assert "988" in out and "AYUDA" in out and "741741" in out
    assert APP_SAFETY_ES.message in out.replace("\\", "")
    for resource in APP_SAFETY_ES.resources:
        assert resource.name.split(" (")[0] in out, resource.name
    assert _english_words(out) == []


def test_the_same_result_in_english_has_the_english_words(tmp_path: Path) -> None:
    """The check above can fail: the English result is full of the words it looks for."""
    out = score(RED_FLAGS, _answers(tmp_path, "red_flags_es", RED_ANSWERS), "--lang", "en")
    found = _english_words(out)
    assert "Please read this first: help is available now" in found
    assert "Warning signs in your answers" in found and "SERIOUS" in found
    assert "Lea esto primero" not in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_choice_result_in_spanish(tmp_path: Path, fmt: str) -> None:
    ruled = score(
        CHOICE, _answers(tmp_path, "choice_rules_es", RULED), "--lang", "es", "--format", fmt
    )
    assert "Empiece aquí: Ayuda por su cuenta y una persona de apoyo" in ruled
    assert "No como primer paso" in ruled
    assert "Preguntas para hacer en una primera llamada" in ruled
    if fmt == "markdown":  # `score` lists the answers in every format but text
        assert "Sus respuestas" in ruled
        assert "**Por mi cuenta**" in ruled and "**Sí**" in ruled  # a label, a default one
    assert _english_words(ruled) == []
    tie = score(CHOICE, _answers(tmp_path, "choice_rules_es", TIE), "--lang", "es", "--format", fmt)
    assert "Estas opciones encajan igual de bien: Terapeuta matrimonial y familiar" in tie
    assert "con licencia (LMFT) y Consejero/a" in tie.replace("\\", "")
    assert "(3 puntos)" in tie.replace("\\", "")
    assert _english_words(tie) == []


def test_too_little_known_in_spanish(tmp_path: Path) -> None:
    out = score(CHOICE, _answers(tmp_path, "choice_rules_es", {"focus": "mood"}), "--lang", "es")
    assert "Resultado: Lo que mejor encaja por ahora" not in out
    assert "Todavía hay muy pocas preguntas con una respuesta clara" in out
    assert "Por ahora hay una respuesta clara en 1 de las 5 preguntas" in out
    assert "Todavía son muy pocas para dar un resultado con confianza." in out
    assert "No estoy seguro/a: 0. Sin responder: 4." in out
    assert _english_words(out) == []


@pytest.mark.parametrize(
    ("answers", "words"),
    [(ONE_FLAG, "Sobre esta terapia: 1 señal de alerta"), (RED_ANSWERS, "2 señales de alerta")],
)
def test_plural_forms(tmp_path: Path, answers: dict[str, Any], words: str) -> None:
    out = score(RED_FLAGS, _answers(tmp_path, "red_flags_es", answers), "--lang", "es")
    section = "Lo que pasó: " + words.split(": ")[-1]
    assert section in out, out
    md = score(
        RED_FLAGS,
        _answers(tmp_path, "red_flags_es", answers),
        "--lang",
        "es",
        "--format",
        "markdown",
    )
    assert f"| Lo que pasó | {words.split(': ')[-1]} |" in md


def test_one_warning_sign_is_singular_in_english_markdown_too(tmp_path: Path) -> None:
    md = score(RED_FLAGS, _answers(tmp_path, "red_flags_es", ONE_FLAG), "--format", "markdown")
    assert "| What happened | 1 warning sign |" in md


def test_json_keeps_keys_and_ids_and_translates_the_words(tmp_path: Path) -> None:
    answers = _answers(tmp_path, "red_flags_es", RED_ANSWERS)
    english = json.loads(score(RED_FLAGS, answers, "--lang", "en", "--format", "json"))
    spanish = json.loads(score(RED_FLAGS, answers, "--lang", "es", "--format", "json"))
    assert sorted(spanish) == sorted(english)
    for key in ("band", "flags", "unsure_flags", "rules", "alerts", "completeness", "crisis"):
        assert type(spanish[key]) is type(english[key])
    assert spanish["band"]["id"] == english["band"]["id"] == "report"
    assert [f["severity"] for f in spanish["flags"]] == ["serious", "serious"]
    assert [f["answer"] for f in spanish["flags"]] == ["yes", "yes"]
    assert spanish["checklist"]["kind"] == "red-flags"
    assert spanish["headline"]["label"] == "Considere denunciarlo"
    assert [f["answer_label"] for f in spanish["flags"]] == ["Sí", "Sí"]
    assert spanish["safety"]["message"] == APP_SAFETY_ES.message


def test_numbers_follow_the_persons_locale(tmp_path: Path) -> None:
    answers = _answers(tmp_path, "translated_small", {"in_danger": "no", "fees_clear": "never"})
    us = score(FIT, answers, "--lang", "es")  # written for US readers: es-US
    assert "Puntuación general: 100%" in us
    spain = score(FIT, answers, "--lang", "es-ES")
    assert "Puntuación general: 100\u00a0%" in spain
    from_system = score(FIT, answers, env=_env(LANG="es_ES.UTF-8"))
    assert from_system == spain


def test_the_language_comes_from_the_system_by_default(tmp_path: Path) -> None:
    answers = _answers(tmp_path, "red_flags_es", RED_ANSWERS)
    assert score(RED_FLAGS, answers, env=_env(LANGUAGE="es")) == score(
        RED_FLAGS, answers, "--lang", "es"
    )
    # before the command, as for the app
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "--lang", "es", "score", str(RED_FLAGS), str(answers)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and "Lea esto primero" in done.stdout


def test_a_language_without_a_catalog_is_english(tmp_path: Path) -> None:
    answers = _answers(tmp_path, "red_flags_es", RED_ANSWERS)
    assert score(RED_FLAGS, answers, "--lang", "xx") == score(RED_FLAGS, answers)


def test_english_results_never_load_babel(tmp_path: Path) -> None:
    """Babel is imported only where another language's numbers are written."""
    answers = _answers(tmp_path, "translated_small", {"in_danger": "no", "fees_clear": "never"})

    def babel_loaded(*args: str) -> str:
        code = (
            "import runpy, sys\n"
            f"sys.argv = ['vetting', *{list(args)!r}]\n"
            "try:\n"
            "    runpy.run_module('vetting', run_name='__main__')\n"
            "except SystemExit:\n"
            "    pass\n"
            "print('BABEL:', any(m == 'babel' or m.startswith('babel.') for m in sys.modules),"
            " file=sys.stderr)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
            check=False,
        )
        return done.stderr.strip().splitlines()[-1]

    assert babel_loaded("score", str(FIT), str(answers)) == "BABEL: False"
    assert babel_loaded("validate", str(FIT)) == "BABEL: False"
    assert babel_loaded("--help") == "BABEL: False"
    assert babel_loaded("score", "--lang", "es", str(FIT), str(answers)) == "BABEL: True"


def test_a_checklist_without_spanish_still_gets_spanish_words_and_crisis_lines(
    tmp_path: Path,
) -> None:
    """Its own texts stay English (nothing to translate them with); vetting's do not, and a
    Spanish reader in crisis gets the Spanish lines."""
    checklist = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"
    data = yaml.safe_load(checklist.read_text(encoding="utf-8"))
    crisis = next(
        (item["id"], option["value"])
        for section in data["sections"]
        for item in section["items"]
        for option in item.get("options") or ()
        if option.get("crisis")
    )
    answers = _answers(tmp_path, data["id"], {crisis[0]: crisis[1]})
    answers.write_text(answers.read_text().replace('"1.0.0"', json.dumps(str(data["version"]))))
    out = score(checklist, answers, "--lang", "es")
    assert "Lea esto primero: hay ayuda disponible ahora" in out
    assert APP_SAFETY_ES.message in out and data["title"] in out
    assert _english_words(out) == []
