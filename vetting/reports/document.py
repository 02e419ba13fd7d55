"""One document model for a result: what a person is told, in the order they are told it.

Every format (text, Markdown, HTML, JSON) and the app's result screen are made from
:func:`build`, so they say the same things; and the order, which is part of the message, is
written once here, as :data:`ORDER` (:attr:`Document.parts` is the parts one result has, in
that order): crisis help first when an answer asked for it, then urgent alerts, the warning
signs (most serious first, each with its severity in words, so colour is never the only
signal), what the person was unsure about, the result in words with the reasons the rules
gave, what may fit (then what is ruled out as a first step), section scores, how much is
known, next steps, questions to ask, the answers, sources, the safety block and the
disclaimer. A renderer walks ``doc.parts`` and only says how each kind of :class:`Part` is
written in its format.

Checklist and answer text is outside text: every string here has passed
:func:`vetting.checklist.textcheck.sanitize` (no terminal control sequences). Renderers
escape it for their format; an address is a live link only where
:func:`vetting.checklist.urls.safe_https` gives one (``Line.link``).

Languages: the checklist's texts are in whatever language it was loaded in (its
``translations`` block); vetting's own words (:mod:`vetting.reports.words`: headings, notes,
every phrase built from a count, numbers in the person's locale) are looked up in the
gettext catalog in the language :func:`vetting.i18n.set_language` chose.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, NamedTuple

from vetting.checklist.model import (
    Advice,
    AdviceKind,
    Checklist,
    ChecklistKind,
    Reference,
    Resource,
    Severity,
)
from vetting.checklist.safety import CrisisLines, crisis_lines
from vetting.checklist.textcheck import sanitize
from vetting.checklist.urls import safe_https
from vetting.i18n import SOURCE_LANGUAGE, _, current_language
from vetting.reports.words import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    DECIDED_BY_FLAGS,
    DECIDED_BY_RULES,
    DEFAULT_REGIONS,
    NO_BAND,
    NO_OUTCOME,
    NOT_FIRST,
    QUESTIONS_HEADING,
    QUESTIONS_HEADINGS,
    SEVERITY_WORDS,
    TOO_LITTLE_KNOWN,
    TOO_LITTLE_KNOWN_CHOICE,
    UNSURE_NOTE,
    Phrase,
    completeness,
    decided,
    flags_heading,
    headline,
    known_meaning,
    number,
    number_locale,
    percent,
    phrase,
    plural_count,
    points_words,
    reference_words,
    set_number_locale,
    warning_signs,
)
from vetting.scoring.answers import answer_label
from vetting.scoring.conditions import holds, walk, wording
from vetting.scoring.results import Result


def result_crisis_lines(checklist: Checklist) -> CrisisLines:
    """The crisis lines a result shows: in the person's language when vetting's words are
    not in the source language (a checklist without that translation still gets the
    Spanish lines for a Spanish reader), else in the checklist's own."""
    language = current_language()
    return crisis_lines(checklist, None if language == SOURCE_LANGUAGE else language)


class Line(NamedTuple):
    """A line of text, with a web address when it has one.

    ``url`` is the address as shown; ``link`` is the same address when it may be a live
    link (:func:`vetting.checklist.urls.safe_https`: https, a real host, no user part,
    shown as the browser would visit it, in punycode), else None and ``url`` is the
    sanitized words only.
    """

    text: str
    url: str | None = None
    link: str | None = None


def line(text: Any, url: str | None = None) -> Line:
    link = safe_https(url)
    return Line(clean(text), link or (clean(url) if url else None), link)


class ResourceLine(NamedTuple):
    name: str
    contact: str
    url: str | None  # as shown
    link: str | None  # when it may be a live link
    details: tuple[str, ...]  # hours, note


class AlertBlock(NamedTuple):
    title: str
    text: str
    resources: tuple[ResourceLine, ...]


class FlagRow(NamedTuple):
    id: str  # the item's id
    severity: Severity
    word: str  # the severity in words, so colour is never the only signal
    question: str
    answer: str
    help: str  # why it matters (may be empty)
    references: tuple[Line, ...]


class OutcomeRow(NamedTuple):
    id: str
    title: str
    summary: str
    details: str
    points: float
    because: tuple[tuple[str, str], ...]  # (question, answer)
    reasons: tuple[str, ...]  # why a rule put it first (or ruled it out)
    questions: tuple[str, ...]  # its questions to ask that apply
    references: tuple[Line, ...]

    @property
    def points_words(self) -> str:
        """ " (5 points)"; nothing for an outcome a rule put first with no points."""
        return points_words(self.points)


class SectionRow(NamedTuple):
    id: str
    title: str
    percent: float | None  # None for red-flags checklists: no percentages there
    band: str | None
    flags: int

    @property
    def flags_words(self) -> str:
        """The section's result where there is no percentage: "2 warning signs"."""
        return warning_signs(self.flags)


class Part(StrEnum):
    """A part of a result as a person reads it (the value is its id in the HTML export)."""

    CRISIS = "crisis"  # help now, when an answer asked for it
    ALERTS = "alerts"  # what the decision rules raised as urgent
    FLAGS = "flags"  # the warning signs, most serious first
    UNSURE = "unsure"  # warning signs the person was not sure about
    RESULT = "result"  # the headline, its meaning, the rules' reasons, the overall score
    FIT = "fit"  # what may fit, best first
    NOT_FIRST = "not-first"  # what is ruled out as a first step
    BY_SECTION = "by-section"  # each section's result
    KNOWN = "known"  # how much is known
    NEXT_STEPS = "next-steps"
    QUESTIONS = "questions"
    ANSWERS = "answers"  # each answer, as the person read the question
    SOURCES = "sources"
    SAFETY = "safety"  # the crisis lines, always
    DISCLAIMER = "disclaimer"  # the checklist's own note, always last


#: The order of a result's parts, for every format: the one place it is written.
ORDER: tuple[Part, ...] = (
    Part.CRISIS,
    Part.ALERTS,
    Part.FLAGS,
    Part.UNSURE,
    Part.RESULT,
    Part.FIT,
    Part.NOT_FIRST,
    Part.BY_SECTION,
    Part.KNOWN,
    Part.NEXT_STEPS,
    Part.QUESTIONS,
    Part.ANSWERS,
    Part.SOURCES,
    Part.SAFETY,
    Part.DISCLAIMER,
)


class Document(NamedTuple):
    title: str
    kind: ChecklistKind
    language: str
    crisis: bool
    alerts: tuple[AlertBlock, ...]
    flags: tuple[FlagRow, ...]
    unsure: tuple[str, ...]
    headline: str
    meaning: str
    reasons: tuple[str, ...]  # what the decision rules decided, in words
    known_note: str | None  # said when too little is known
    score: float | None  # the overall percentage, where one is shown
    sections: tuple[SectionRow, ...]
    best: tuple[str, ...]  # titles of the best fit (several: a tie)
    outcomes: tuple[OutcomeRow, ...]  # what may fit, best first
    ruled_out: tuple[OutcomeRow, ...]  # not as a first step, with the reasons
    completeness: str
    next_steps: tuple[Line, ...]
    questions: tuple[str, ...]
    answers: tuple[tuple[str, str], ...]  # (question as the person read it, answer)
    sources: tuple[Line, ...]
    safety_message: str
    safety: tuple[ResourceLine, ...]  # the app's own verified crisis lines, always first
    safety_from_author: tuple[ResourceLine, ...]  # the checklist's other lines, labelled
    disclaimer: str
    #: The heading over ``questions`` (it fits the checklist's kind), in the person's language.
    questions_heading: Phrase = Phrase(QUESTIONS_HEADING, (), False)
    #: The language vetting's own words (headings, notes) are in; ``language`` is the
    #: checklist's, which differs when the checklist has no translation into it.
    words_language: str = SOURCE_LANGUAGE

    @property
    def parts(self) -> tuple[Part, ...]:
        """The parts this result has, in :data:`ORDER`: a part with nothing to say is left
        out; the result, how much is known, the safety block and the disclaimer never are."""
        has = {
            Part.CRISIS: self.crisis,
            Part.ALERTS: bool(self.alerts),
            Part.FLAGS: bool(self.flags),
            Part.UNSURE: bool(self.unsure),
            Part.FIT: bool(self.outcomes),
            Part.NOT_FIRST: bool(self.ruled_out),
            Part.BY_SECTION: bool(self.sections),
            Part.NEXT_STEPS: bool(self.next_steps),
            Part.QUESTIONS: bool(self.questions),
            Part.ANSWERS: bool(self.answers),
            Part.SOURCES: bool(self.sources),
        }
        return tuple(part for part in ORDER if has.get(part, True))

    @property
    def flags_heading(self) -> Phrase:
        """The heading over the warning signs: "Warning signs in your answers: 2"."""
        return flags_heading(len(self.flags))


def clean(text: Any) -> str:
    return sanitize(str(text))


def build(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> Document:
    """The document for ``result`` (``answers``: also list them, as the person read them)."""
    seen = walk(checklist, answers or {}).seen
    label, meaning = headline(checklist, result)
    lines = result_crisis_lines(checklist)
    red_flags = checklist.kind is ChecklistKind.RED_FLAGS
    c = result.completeness
    return Document(
        title=clean(checklist.title),
        kind=checklist.kind,
        language=clean(checklist.language or "en"),
        crisis=result.crisis,
        alerts=tuple(
            AlertBlock(clean(a.title), clean(a.text), _resources(a.resources))
            for a in result.alerts
        ),
        flags=tuple(_flag_row(checklist, flag, seen) for flag in result.flags),
        unsure=tuple(_question(checklist, i, seen) for i in result.unsure_flags),
        headline=clean(label),
        meaning=clean(meaning),
        reasons=tuple(
            clean(rule.reason)
            for rule in result.fired
            if rule.rule_out or rule.put_first or rule.band_at_least
        ),
        known_note=None
        if result.enough_known
        else clean(known_meaning(result, choice=checklist.kind is ChecklistKind.CHOICE)),
        score=None if red_flags else result.percent,
        sections=tuple(
            SectionRow(
                s.id,
                clean(s.title),
                None if red_flags else s.percent,
                clean(s.band.label) if s.band else None,
                len(s.flags),
            )
            for s in result.sections
            if (s.percent is not None and not red_flags) or s.flags  # no empty rows
        ),
        best=tuple(clean(o.title) for o in result.best),
        outcomes=tuple(
            _outcome_row(result, scored, seen)
            for scored in result.outcomes
            if scored.outcome not in result.ruled_out
            and (scored.points > 0 or scored.outcome in result.best)
        ),
        ruled_out=tuple(
            _outcome_row(result, scored, seen)
            for scored in result.outcomes
            if scored.outcome in result.ruled_out
        ),
        completeness=completeness(c, result.enough_known, decided(result)),
        next_steps=(
            *(line(s) for s in result.next_steps),
            *_advice(result.advice, AdviceKind.STEP),
        ),
        questions=(
            *(clean(q) for q in result.questions),
            *(line.text for line in _advice(result.advice, AdviceKind.QUESTION)),
        ),
        answers=_answers(checklist, answers, seen),
        sources=tuple(line(s.title, s.url) for s in checklist.sources),
        safety_message=clean(lines.message),
        safety=_resources(lines.verified),
        safety_from_author=_resources(lines.from_author, live=False),
        disclaimer=clean(checklist.disclaimer),
        questions_heading=phrase(QUESTIONS_HEADINGS[checklist.kind]),
        words_language=current_language(),
    )


def _question(checklist: Checklist, item_id: str, seen: Any) -> str:
    item = checklist.item(item_id)
    return clean(wording(item, seen)[0] if item else item_id)


def _flag_row(checklist: Checklist, flag: Any, seen: Any) -> FlagRow:
    item = checklist.item(flag.item_id)
    text, help_text = wording(item, seen) if item else (flag.item_id, None)
    return FlagRow(
        flag.item_id,
        flag.severity,
        _(SEVERITY_WORDS[flag.severity])
        if flag.severity in SEVERITY_WORDS
        else flag.severity.value.upper(),
        clean(text),
        clean(answer_label(item, flag.answer)),
        clean(help_text or ""),
        tuple(_reference(ref) for ref in (item.references if item else ())),
    )


def _reference(ref: Reference) -> Line:
    words = reference_words(ref)
    if ref.url:
        words = words.rstrip(" -")
    return line(words or ref.url or "", ref.url)


def _outcome_row(result: Result, scored: Any, seen: Any) -> OutcomeRow:
    outcome = scored.outcome
    return OutcomeRow(
        outcome.id,
        clean(outcome.title),
        clean(outcome.summary),
        clean(outcome.details or ""),
        scored.points,
        tuple((clean(c.item_text), clean(c.answer_label)) for c in scored.because),
        tuple(clean(r) for r in result.reasons_for(outcome.id)),
        tuple(clean(q.text) for q in outcome.questions_to_ask if holds(q.when, seen)),
        tuple(_reference(ref) for ref in outcome.references),
    )


def _advice(advice: tuple[Advice, ...], kind: AdviceKind) -> tuple[Line, ...]:
    return tuple(line(a.text, a.url) for a in advice if a.kind is kind)


def _resources(resources: tuple[Resource, ...], *, live: bool = True) -> tuple[ResourceLine, ...]:
    """Resources as shown; ``live=False``: their addresses are never links (lines a
    checklist's author adds are shown, not vouched for)."""
    return tuple(
        ResourceLine(
            clean(r.name),
            clean(r.contact),
            (safe_https(r.url) if live else None) or (clean(r.url) if r.url else None),
            safe_https(r.url) if live else None,
            tuple(clean(x) for x in (r.hours, r.note) if x),
        )
        for r in resources
    )


def _answers(
    checklist: Checklist, answers: Mapping[str, Any] | None, seen: Any
) -> tuple[tuple[str, str], ...]:
    if answers is None:
        return ()
    return tuple(
        (clean(wording(item, seen)[0]), clean(answer_label(item, answers.get(item.id))))
        for item in checklist.items
        if item.id in seen.answers
    )


#: What this module offers (the words and numbers are :mod:`vetting.reports.words`'s,
#: re-exported so every caller imports a result's pieces from one place).
__all__ = [
    "ALERTS_HEADING",
    "CRISIS_HEADING",
    "DECIDED_BY_FLAGS",
    "DECIDED_BY_RULES",
    "DEFAULT_REGIONS",
    "NOT_FIRST",
    "NO_BAND",
    "NO_OUTCOME",
    "ORDER",
    "QUESTIONS_HEADING",
    "QUESTIONS_HEADINGS",
    "SEVERITY_WORDS",
    "TOO_LITTLE_KNOWN",
    "TOO_LITTLE_KNOWN_CHOICE",
    "UNSURE_NOTE",
    "AlertBlock",
    "Document",
    "FlagRow",
    "Line",
    "OutcomeRow",
    "Part",
    "Phrase",
    "ResourceLine",
    "SectionRow",
    "build",
    "clean",
    "headline",
    "line",
    "number",
    "number_locale",
    "percent",
    "plural_count",
    "reference_words",
    "result_crisis_lines",
    "safe_https",
    "set_number_locale",
]
