"""A result in Spanish says the same thing as in English: only the words change.

The fixtures are small checklists with a Spanish translation block
(``tests/cases/translations``). For any answers, the English and the Spanish result have
the same band, flags, ids, numbers and shape, in the document, the JSON and the line
structure of the text and Markdown exports; vetting's own words follow
:func:`vetting.i18n.set_language`, with plural forms and numbers in the person's locale.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vetting import reports, scoring
from vetting.checklist.model import NOT_APPLICABLE, UNSURE, Checklist, ItemKind, Reference
from vetting.i18n import current_language, set_language
from vetting.reports import document
from vetting.reports.document import (
    OutcomeRow,
    build,
    number,
    percent,
    reference_words,
    set_number_locale,
)
from vetting.scoring import answer_label
from vetting.scoring.golden import actual_fields
from vetting.validation.pipeline import load_checklist

CASES = Path(__file__).resolve().parents[1] / "cases" / "translations"
FIXTURES = ("red_flags_es.yaml", "choice_rules_es.yaml", "translated.yaml")
#: JSON keys whose values are ids or enum values: the same in every language.
ID_KEYS = frozenset(
    {
        "id",
        "item_id",
        "severity",
        "kind",
        "answer",
        "best",
        "top_outcome",
        "put_first",
        "rule_out",
        "band_at_least",
        "alert",
        "when_flag",
        "when_unsure",
        "format",
        "version",
        "content_hash",
    }
)


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    yield
    set_language("en")
    set_number_locale(None)


def _load(name: str, lang: str) -> Checklist:
    set_language(lang)
    return load_checklist(CASES / name, lang=lang)


ENGLISH = {name: load_checklist(CASES / name) for name in FIXTURES}
SPANISH = {name: load_checklist(CASES / name, lang="es") for name in FIXTURES}


def test_the_fixtures_are_translated() -> None:
    for name in FIXTURES:
        assert SPANISH[name].language == "es" and ENGLISH[name].language == "en"
        assert SPANISH[name].title != ENGLISH[name].title


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(FIXTURES))
    answers: dict[str, Any] = {}
    for item in ENGLISH[name].items:
        values: list[Any] = [o.value for o in item.options]
        if item.kind is ItemKind.SCALE and item.scale is not None:
            values = list(range(item.scale.min, item.scale.max + 1))
        choice = draw(st.sampled_from([*values, UNSURE, NOT_APPLICABLE, None]))
        if item.kind is ItemKind.MULTIPLE and choice not in (UNSURE, NOT_APPLICABLE):
            choice = draw(st.lists(st.sampled_from(values), unique=True))
        if choice is not None:
            answers[item.id] = choice
    return name, answers


def _shape(value: Any, key: str = "") -> Any:
    """``value`` with every text a person reads replaced by "text"; ids kept as they are."""
    if isinstance(value, dict):
        return {k: _shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v, key) for v in value]
    if isinstance(value, str) and key not in ID_KEYS and key != "flags":
        return "text"
    return value


def _in(lang: str, name: str, answers: dict[str, Any]) -> dict[str, Any]:
    set_language(lang)
    checklist = (SPANISH if lang == "es" else ENGLISH)[name]
    result = scoring.score(checklist, answers)
    doc = build(checklist, result, answers)
    return {
        "golden": actual_fields(result),
        "json": _shape(reports.report_dict(checklist, result, answers)),
        "doc": (
            doc.kind,
            doc.crisis,
            len(doc.alerts),
            [(f.id, f.severity) for f in doc.flags],
            len(doc.unsure),
            len(doc.reasons),
            doc.known_note is None,
            doc.score,
            [(s.id, s.percent, s.band is None, s.flags) for s in doc.sections],
            len(doc.best),
            [(o.id, o.points, len(o.because), len(o.reasons)) for o in doc.outcomes],
            [(o.id, len(o.reasons)) for o in doc.ruled_out],
            len(doc.next_steps),
            len(doc.questions),
            len(doc.answers),
            len(doc.safety),
            len(doc.safety_from_author),
        ),
        "lines": [
            reports.render(fmt, checklist, result, answers).count("\n")
            for fmt in ("text", "markdown")
        ],
        "text": reports.render_text(checklist, result, answers),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_spanish_changes_only_the_words(scenario: tuple[str, dict[str, Any]]) -> None:
    name, answers = scenario
    english = _in("en", name, answers)
    spanish = _in("es", name, answers)
    assert spanish["golden"] == english["golden"]
    assert spanish["doc"] == english["doc"]
    assert spanish["json"] == english["json"]
    assert spanish["lines"] == english["lines"]
    assert spanish["text"] != english["text"]


def test_answer_words_follow_the_language() -> None:
    item = ENGLISH["red_flags_es.yaml"].item("keep_secret")
    single = ENGLISH["red_flags_es.yaml"].item("seeing_now")
    assert item is not None and single is not None
    english = [answer_label(item, v) for v in (None, UNSURE, NOT_APPLICABLE, "yes", "no")]
    assert english == ["Skipped", "Not sure", "Doesn't apply", "Yes", "No"]
    set_language("es")
    spanish = [answer_label(item, v) for v in (None, UNSURE, NOT_APPLICABLE, "yes", "no")]
    assert spanish == ["Sin responder", "No estoy seguro/a", "No aplica", "Sí", "No"]
    # a label the checklist wrote itself is the checklist's, not vetting's
    assert answer_label(single, "now") == "Yes"


@pytest.mark.parametrize(
    ("lang", "points", "words"),
    [
        ("en", 1, " (1 point)"),
        ("en", 3, " (3 points)"),
        ("en", 2.5, " (2.5 points)"),
        ("es", 1, " (1 punto)"),
        ("es", 3, " (3 puntos)"),
        ("es", 2.5, " (2.5 puntos)"),
        ("es-ES", 2.5, " (2,5 puntos)"),
        ("es", 0, ""),
    ],
)
def test_points_in_words(lang: str, points: float, words: str) -> None:
    set_language(lang)
    set_number_locale(lang)
    row = OutcomeRow("o", "t", "s", "", points, (), (), (), ())
    assert row.points_words == words


def test_numbers_in_the_persons_locale() -> None:
    assert (number(1234.5), percent(42.4)) == ("1234.5", "42%")  # English: as before
    set_language("es")
    assert document.number_locale() == "es_US"  # vetting is written for US readers
    assert (number(1234.5), percent(42.4)) == ("1,234.5", "42%")
    set_number_locale("es_ES.UTF-8")
    assert (number(1234.5), percent(42.4)) == ("1.234,5", "42\u00a0%")
    set_number_locale("es-MX")
    assert document.number_locale() == "es_MX"
    set_number_locale("de_DE.UTF-8")  # another language's region is not the person's
    assert document.number_locale() == "es_US"
    set_number_locale("es_ZZ")  # a region Babel does not know: the language's own
    assert number(2.5) == "2,5"


def test_the_severity_and_headings_are_spanish() -> None:
    checklist = _load("red_flags_es.yaml", "es")
    answers = {"in_danger": "no", "seeing_now": "now", "sexual_contact": "yes"}
    answers.update({"keep_secret": "no", "cut_off": "no", "late": "no"})
    text = reports.render_text(checklist, scoring.score(checklist, answers), answers)
    assert "CRÍTICA: ¿Su terapeuta le ha tocado de forma sexual?" in text
    assert "Resultado: Considere denunciarlo" in text
    assert "Vea: ACA (2014), sección A.5" in text
    assert current_language() == "es"


optional_text = st.one_of(st.none(), st.sampled_from(["ACA", "2014", "A.5.a", "Title - x", ""]))


@given(optional_text, optional_text, optional_text, optional_text, optional_text)
def test_references_in_english_read_as_the_model_describes_them(
    code: str | None, edition: str | None, section: str | None, title: str | None, url: str | None
) -> None:
    ref = Reference(code=code, edition=edition, section=section, title=title, url=url)
    assert reference_words(ref, with_url=True) == ref.describe()


def test_references_in_spanish() -> None:
    set_language("es")
    ref = Reference(code="ACA", edition="2014", section="A.5.a", url="https://example.org")
    assert reference_words(ref) == "ACA (2014), sección A.5.a"
    assert reference_words(ref._replace(edition=None)) == "ACA, sección A.5.a"
    assert reference_words(ref._replace(section=None)) == "ACA (2014)"
