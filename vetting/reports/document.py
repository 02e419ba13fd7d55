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

Languages: the checklist's texts are in whatever language it was loaded in (its
``translations`` block); vetting's own words here (the result when there is no band, how
much is known, severities, "Not sure") are looked up in the gettext catalog at build time,
in the language :func:`vetting.i18n.set_language` chose, and numbers are written for that
language's locale (:func:`number`, :func:`percent`; Babel is imported only for a language
other than English, so English output and ``vetting validate`` never load it).
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
from vetting.checklist.safety import CrisisLines, crisis_lines
from vetting.checklist.textcheck import sanitize
from vetting.checklist.urls import safe_https
from vetting.i18n import N_, SOURCE_LANGUAGE, _, current_language, ngettext
from vetting.scoring.answers import answer_label
from vetting.scoring.conditions import holds, walk, wording
from vetting.scoring.results import Result

# The fixed words below are English msgids, marked with N_() because they are defined at
# import time: every renderer shows them through _() (``_(CRISIS_HEADING)``), so they are
# in the person's language when shown. Other modules (the app, the HTML export) import
# these names and must do the same.

#: A flag's severity in words (shown in capitals, so colour is never the only signal).
SEVERITY_WORDS = {
    # TRANSLATORS: a warning sign's severity, shown in capitals before the question.
    Severity.CRITICAL: N_("CRITICAL"),
    # TRANSLATORS: a warning sign's severity, shown in capitals before the question.
    Severity.SERIOUS: N_("SERIOUS"),
    # TRANSLATORS: a warning sign's severity, shown in capitals before the question.
    Severity.CAUTION: N_("CAUTION"),
    # TRANSLATORS: the lowest severity of a warning sign (information), in capitals.
    Severity.INFO: N_("NOTE"),
}

CRISIS_HEADING = N_("Please read this first: help is available now")
ALERTS_HEADING = N_("Please read this first")
UNSURE_NOTE = N_(
    '"Not sure" is never counted as "no". If you want to find out more, you can talk it over '
    "with another licensed professional or someone you trust."
)
NO_BAND = N_("Not enough answers yet to give a result.")
NO_OUTCOME = N_("Not enough answers yet to point to one kind of help.")
TOO_LITTLE_KNOWN = N_("Too few questions have a clear answer yet to give a result.")
TOO_LITTLE_KNOWN_CHOICE = N_(
    "Too few questions have a clear answer yet to point to one kind of help."
)
# TRANSLATORS: heading over the kinds of help the answers rule out as a first step.
NOT_FIRST = N_("Not as a first step")

#: Regions assumed for a language tag without one: vetting is written for US readers.
DEFAULT_REGIONS = {"es": "es_US"}
_number_tag: str | None = None


def set_number_locale(tag: str | None) -> None:
    """Format numbers for ``tag`` (``es-MX``, ``es_US.UTF-8``) when it is in the language
    vetting's words are shown in; else numbers follow that language alone."""
    global _number_tag
    _number_tag = tag


def number_locale() -> str | None:
    """The Babel locale numbers are written in, or None for the source language's own
    (plain Python formatting: Babel is loaded only when another language needs it)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return None
    tag = (_number_tag or "").split(".")[0].split("@")[0].replace("-", "_")
    if tag.split("_")[0].lower() == language and "_" in tag:
        return tag
    return DEFAULT_REGIONS.get(language, language)


def number(value: float) -> str:
    """A count or points in the person's locale (``2.5``; ``2,5`` in es-ES)."""
    locale = number_locale()
    if locale is None:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"
    from babel.numbers import format_decimal

    try:
        return format_decimal(value, locale=locale)
    except (ValueError, LookupError):  # an unknown region: the language's own
        return format_decimal(value, locale=current_language())


def percent(value: float) -> str:
    """A percentage (0-100) rounded to a whole number, in the person's locale (``42%``)."""
    locale = number_locale()
    if locale is None:
        return f"{value:.0f}%"
    from babel.numbers import format_percent

    try:
        return format_percent(value / 100, locale=locale)
    except (ValueError, LookupError):
        return format_percent(value / 100, locale=current_language())


def plural_count(value: float) -> int:
    """The count ngettext is given for ``value``: a fraction (2.5 points) takes the plural."""
    return int(value) if float(value).is_integer() else 2


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
        if not self.points:
            return ""
        words = ngettext("({points} point)", "({points} points)", plural_count(self.points))
        return " " + words.format(points=number(self.points))


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
    #: The language vetting's own words (headings, notes) are in; ``language`` is the
    #: checklist's, which differs when the checklist has no translation into it.
    words_language: str = SOURCE_LANGUAGE


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
            return _("These fit equally well: {names}").format(names=names), _(
                "Your answers point to each of them as much as to the other. Talking briefly "
                "with one of each can help you choose."
            )
        if result.best:
            top = result.best[0]
            if result.reasons_for(top.id):
                # TRANSLATORS: {title} is a kind of help that a rule of the checklist puts first.
                return _("Start here: {title}").format(title=top.title), top.summary
            # TRANSLATORS: {title} is the kind of help the answers so far point to most.
            return _("Best fit so far: {title}").format(title=top.title), top.summary
        if not result.enough_known:
            return _(TOO_LITTLE_KNOWN_CHOICE), _known_meaning(result, choice=True)
        return _(NO_OUTCOME), ""
    if not result.enough_known:
        return _(TOO_LITTLE_KNOWN), _known_meaning(result, choice=False)
    return _(NO_BAND), ""


def _known_meaning(result: Result, *, choice: bool) -> str:
    c = result.completeness
    apply = c.shown - c.not_applicable
    known = ngettext(
        "{known} of the {count} questions that apply to you have a clear answer so far.",
        "{known} of the {count} questions that apply to you have a clear answer so far.",
        apply,
    ).format(known=number(c.known), count=number(apply))
    if choice:
        why = _(
            '"Not sure" and skipped questions are not counted, so no one kind of help can be '
            "named yet."
        )
    else:
        why = _('"Not sure" and skipped questions are not counted, so this is not an all-clear.')
    return f"{known} {why} " + _("You can go back and answer more at any time.")


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    # TRANSLATORS: the last two of several names: {names} is "A, B" and {last} is "C".
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


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


def reference_words(ref: Reference, *, with_url: bool = False) -> str:
    """A reference for people, in their language: "ACA (2014), section A.5.a - Title"
    (``with_url``: then its address, as :meth:`Reference.describe` writes it)."""
    parts: list[str] = []
    if ref.code:
        if ref.section:
            if ref.edition:
                # TRANSLATORS: a part of an ethics code or a law, such as "ACA (2014), section A.5".
                head = _("{code} ({edition}), section {section}")
            else:
                # TRANSLATORS: a part of an ethics code or a law, such as "APA, section 3.05".
                head = _("{code}, section {section}")
            parts.append(head.format(code=ref.code, edition=ref.edition, section=ref.section))
        else:
            parts.append(ref.code + (f" ({ref.edition})" if ref.edition else ""))
    if ref.title:
        parts.append(ref.title)
    if with_url and ref.url:
        parts.append(ref.url)
    return " - ".join(parts)


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


DECIDED_BY_FLAGS = N_(
    "The warning signs above decide this result: answering more questions could not make "
    "them count less."
)
DECIDED_BY_RULES = N_("Some of your answers decide where to start, whatever else you answer.")


def _decided(result: Result) -> str | None:
    """Why the result stands however little is known (a flag, or a rule), or None."""
    band = result.band
    if band is not None and not band.is_score_band and not band.when_clear:
        return _(DECIDED_BY_FLAGS)
    if any(rule.put_first or rule.band_at_least for rule in result.fired):
        return _(DECIDED_BY_RULES)
    return None


def _completeness(c: Any, enough: bool, decided: str | None) -> str:
    apply = c.shown - c.not_applicable
    line = ngettext(
        "Clear answers: {known} of the {count} questions that apply to you. Not sure: "
        "{unsure}. Skipped: {skipped}. Doesn't apply: {not_applicable}.",
        "Clear answers: {known} of the {count} questions that apply to you. Not sure: "
        "{unsure}. Skipped: {skipped}. Doesn't apply: {not_applicable}.",
        apply,
    ).format(
        known=number(c.known),
        count=number(apply),
        unsure=number(c.unsure),
        skipped=number(c.skipped),
        not_applicable=number(c.not_applicable),
    )
    if enough:
        return line
    if decided:
        return f"{line} {decided}"
    return f"{line} " + _("That is too few for a confident result yet.")


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
