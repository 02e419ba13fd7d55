"""The order of a result's parts is written once (``document.ORDER``) and every format
follows it; each phrase built from a count is made once (``reports/words.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.builders import flag_band, make_checklist, score_bands, yes_no
from vetting import reports, scoring
from vetting.checklist.model import Advice, AdviceKind, ChecklistKind
from vetting.i18n import set_language
from vetting.reports import document, html, markdown, text, words
from vetting.reports.document import ORDER, Document, Part, build
from vetting.validation.pipeline import load_checklist

ROOT = Path(__file__).resolve().parents[2]
RENDERERS = {"text": text, "markdown": markdown, "html": html}


def _documents() -> list[Document]:
    """A document for each golden test of the built-in checklists: every part is in some."""
    docs = []
    for name in ("which_professional", "good_fit", "red_flags"):
        checklist = load_checklist(str(ROOT / "checklists" / f"{name}.yaml"))
        for test in checklist.tests:
            answers = test.answers_dict()
            docs.append(build(checklist, scoring.score(checklist, answers), answers))
    return docs


DOCS = _documents()


def test_the_order_names_every_part_once() -> None:
    assert sorted(ORDER) == sorted(Part)
    assert len(set(ORDER)) == len(ORDER)


def test_every_part_is_shown_by_some_built_in_result() -> None:
    shown = {part for doc in DOCS for part in doc.parts}
    assert shown == set(Part)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_each_format_says_how_to_write_every_part_and_only_that(fmt: str) -> None:
    assert set(RENDERERS[fmt].PARTS) == set(Part)


def test_parts_follow_the_order_and_leave_out_empty_ones() -> None:
    for doc in DOCS:
        assert list(doc.parts) == sorted(doc.parts, key=ORDER.index)
        assert {Part.RESULT, Part.KNOWN, Part.SAFETY, Part.DISCLAIMER} <= set(doc.parts)
        assert (Part.FLAGS in doc.parts) == bool(doc.flags)
        assert (Part.QUESTIONS in doc.parts) == bool(doc.questions)


def _html_order(page: str) -> list[str]:
    return re.findall(r'<section id="([a-z-]+)"', page) + (
        ["disclaimer"] if 'id="disclaimer"' in page else []
    )


def test_the_html_sections_come_in_the_documents_order() -> None:
    for doc in DOCS:
        assert _html_order(html.render(doc)) == [part.value for part in doc.parts]


def _start(fmt: str, doc: Document, part: Part) -> str:
    """The first line a format writes for ``part``."""
    if fmt == "html":
        return 'id="disclaimer"' if part is Part.DISCLAIMER else f'<section id="{part.value}"'
    return str(RENDERERS[fmt].PARTS[part](doc)[0])


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_each_part_starts_where_the_order_puts_it(fmt: str) -> None:
    for doc in DOCS[:: max(1, len(DOCS) // 12)]:
        out = RENDERERS[fmt].render(doc)
        where = [out.index(_start(fmt, doc, part)) for part in doc.parts]
        assert where == sorted(where), (fmt, doc.parts)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_format_follows_the_order_it_is_given_and_writes_none_of_its_own(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = max(DOCS, key=lambda d: len(d.parts))
    module = RENDERERS[fmt]
    before = module.render(doc)
    order = (Part.SAFETY, *reversed([p for p in ORDER if p not in (Part.SAFETY,)]))
    monkeypatch.setattr(document, "ORDER", order)
    after = module.render(doc)
    assert after != before
    assert after.index(_start(fmt, doc, Part.SAFETY)) < after.index(_start(fmt, doc, Part.RESULT))
    assert before.index(_start(fmt, doc, Part.SAFETY)) > before.index(_start(fmt, doc, Part.RESULT))


@pytest.fixture
def spanish_then_english() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.usefixtures("spanish_then_english")
def test_a_count_phrase_is_plural_aware_in_every_language() -> None:
    assert words.warning_signs(1) == "1 warning sign"
    assert words.warning_signs(2) == "2 warning signs"
    assert str(words.flags_heading(3)) == "Warning signs in your answers: 3"
    set_language("es")
    assert words.warning_signs(1) == "1 señal de alerta"
    assert words.warning_signs(2) == "2 señales de alerta"
    heading = words.flags_heading(2)
    assert str(heading) == "Señales de alerta en sus respuestas: 2"
    assert heading.translated and heading.values == (("count", "2"),)


#: The words of each phrase built from a count, as written in the source.
COUNT_PHRASES = (
    '"{count} warning sign"',
    '"Warning signs in your answers: {count}"',
    '"({points} point)"',
    '"Clear answers: {known}',
    '"{known} of the {count} questions',
)


@pytest.mark.parametrize("phrase", COUNT_PHRASES)
def test_a_count_phrase_is_written_once(phrase: str) -> None:
    where = [
        path.name
        for path in sorted((ROOT / "vetting" / "reports").glob("*.py"))
        if phrase in path.read_text(encoding="utf-8")
    ]
    assert where == ["words.py"]


def test_the_public_names_are_importable_where_they_always_were() -> None:
    for name in document.__all__:
        assert getattr(document, name) is not None
    assert reports.headline is words.headline
    assert document.set_number_locale is words.set_number_locale


def _questions_heading(kind: str, fmt: str) -> str:
    checklist = make_checklist(
        kind=kind,
        items=[yes_no("late", "Do they often start late?", severity="caution", points=1)],
        bands=[flag_band("raise", "caution", label="Worth raising"), *score_bands()],
        advice=[Advice("ask", "Can we talk about start times?", AdviceKind.QUESTION)],
    )
    answers = {"late": "yes"}
    return reports.render(fmt, checklist, scoring.score(checklist, answers), answers)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize(
    ("kind", "heading"),
    [
        ("choice", "Questions to ask on a first call"),
        ("fit", "Questions to bring to your therapist"),
        ("red-flags", "Questions you may want to ask"),
    ],
)
def test_the_questions_heading_fits_who_the_person_will_ask(
    kind: str, heading: str, fmt: str
) -> None:
    out = _questions_heading(kind, fmt)
    assert "Can we talk about start times?" in out
    assert heading in out
    others = {"Questions to ask on a first call", "Questions to bring to your therapist"}
    assert not [h for h in others - {heading} if h in out]


@pytest.mark.usefixtures("spanish_then_english")
def test_the_questions_headings_are_in_spanish() -> None:
    set_language("es")
    headings = {kind: words.phrase(m) for kind, m in words.QUESTIONS_HEADINGS.items()}
    assert all(h.translated for h in headings.values())
    assert str(headings[ChecklistKind.FIT]) == "Preguntas para hacerle a su terapeuta"
