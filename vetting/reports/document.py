"""One document model for a result: what a person is told, in the order they are told it.

Every format (text, Markdown, HTML, JSON) and the app's result screen are made from
:func:`build`, so they say the same things in the same order, and the order is part of
the message: crisis help first when an answer asked for it, then urgent alerts, the warning
signs (most serious first, each with its severity in words, so colour is never the only
signal), what the person was unsure about, the result in words with the reasons the rules
gave, what may fit (with what is ruled out as a first step), section scores, how much is
known, next steps, questions to ask, the answers, sources, the safety block and the
disclaimer.

Checklist and answer text is outside text: every string here has passed
:func:`vetting.checklist.textcheck.sanitize` (no terminal control sequences). Renderers
escape it for their format; an address is a live link only where
:func:`vetting.checklist.urls.safe_https` gives one (``Line.link``).
"""

from collections.abc import Mapping
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
from vetting.checklist.safety import crisis_lines
from vetting.checklist.textcheck import sanitize
from vetting.checklist.urls import safe_https
from vetting.scoring.answers import answer_label
from vetting.scoring.conditions import holds, walk, wording
from vetting.scoring.results import Result

SEVERITY_WORDS = {
    Severity.CRITICAL: "CRITICAL",
    Severity.SERIOUS: "SERIOUS",
    Severity.CAUTION: "CAUTION",
    Severity.INFO: "NOTE",
}

CRISIS_HEADING = "Please read this first: help is available now"
ALERTS_HEADING = "Please read this first"
UNSURE_NOTE = (
    '"Not sure" is never counted as "no". If you want to find out more, you can talk it over '
    "with another licensed professional or someone you trust."
)
NO_BAND = "Not enough answers yet to give a result."
NO_OUTCOME = "Not enough answers yet to point to one kind of help."
TOO_LITTLE_KNOWN = "Too few questions have a clear answer yet to give a result."
TOO_LITTLE_KNOWN_CHOICE = "Too few questions have a clear answer yet to point to one kind of help."
NOT_FIRST = "Not as a first step"


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
        if not self.points:
            return ""
        return f" ({self.points:g} point{'' if self.points == 1 else 's'})"


class SectionRow(NamedTuple):
    id: str
    title: str
    percent: float | None  # None for red-flags checklists: no percentages there
    band: str | None
    flags: int


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


def clean(text: Any) -> str:
    return sanitize(str(text))


def headline(checklist: Checklist, result: Result) -> tuple[str, str]:
    """(headline, meaning) of the result: the band, or the best fit, or why there is none.

    Shared by every report and the app, so a tie is always said as a tie and too little
    known is always said as such, never a confident pick.
    """
    if result.band is not None:
        return result.band.label, result.band.meaning
    if checklist.kind is ChecklistKind.CHOICE or (not checklist.bands and checklist.outcomes):
        if len(result.best) > 1:
            names = _and([o.title for o in result.best])
            return f"These fit equally well: {names}", (
                "Your answers point to each of them as much as to the other. Talking briefly "
                "with one of each can help you choose."
            )
        if result.best:
            top = result.best[0]
            first = bool(result.reasons_for(top.id))
            return (f"Start here: {top.title}" if first else f"Best fit so far: {top.title}"), (
                top.summary
            )
        if not result.enough_known:
            return TOO_LITTLE_KNOWN_CHOICE, _known_meaning(result, choice=True)
        return NO_OUTCOME, ""
    if not result.enough_known:
        return TOO_LITTLE_KNOWN, _known_meaning(result, choice=False)
    return NO_BAND, ""


def _known_meaning(result: Result, *, choice: bool) -> str:
    c = result.completeness
    so = "no one kind of help can be named yet" if choice else "this is not an all-clear"
    return (
        f"{c.known} of the {c.shown - c.not_applicable} questions that apply to you have a "
        f'clear answer so far. "Not sure" and skipped questions are not counted, so {so}. '
        "You can go back and answer more at any time."
    )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def build(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> Document:
    """The document for ``result`` (``answers``: also list them, as the person read them)."""
    seen = walk(checklist, answers or {}).seen
    label, meaning = headline(checklist, result)
    lines = crisis_lines(checklist)
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
        else clean(_known_meaning(result, choice=checklist.kind is ChecklistKind.CHOICE)),
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
            if (s.percent is not None and not red_flags) or s.flags
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
        completeness=_completeness(c, result.enough_known, _decided(result)),
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
        SEVERITY_WORDS.get(flag.severity, flag.severity.value.upper()),
        clean(text),
        clean(answer_label(item, flag.answer)),
        clean(help_text or ""),
        tuple(_reference(ref) for ref in (item.references if item else ())),
    )


def _reference(ref: Reference) -> Line:
    words = ref.describe()
    if ref.url and words.endswith(ref.url):
        words = words[: -len(ref.url)].rstrip(" -")
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


DECIDED_BY_FLAGS = (
    "The warning signs above decide this result: answering more questions could not make "
    "them count less."
)
DECIDED_BY_RULES = "Some of your answers decide where to start, whatever else you answer."


def _decided(result: Result) -> str | None:
    """Why the result stands however little is known (a flag, or a rule), or None."""
    band = result.band
    if band is not None and not band.is_score_band and not band.when_clear:
        return DECIDED_BY_FLAGS
    if any(rule.put_first or rule.band_at_least for rule in result.fired):
        return DECIDED_BY_RULES
    return None


def _completeness(c: Any, enough: bool, decided: str | None) -> str:
    apply = c.shown - c.not_applicable
    line = (
        f"Clear answers: {c.known} of the {apply} questions that apply to you. "
        f"Not sure: {c.unsure}. Skipped: {c.skipped}. Doesn't apply: {c.not_applicable}."
    )
    if enough:
        return line
    if decided:
        return f"{line} {decided}"
    return line + " That is too few for a confident result yet."


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
