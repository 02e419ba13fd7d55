"""vetting's own words in a result, and the numbers in them, written once for every format.

What lives here: the fixed headings and notes (English msgids marked with ``N_`` because
they are defined at import time: a renderer shows them through ``_()``, so they are in the
person's language when shown), every phrase built from a count (warning signs, points),
made here with ``ngettext`` so a plural is never spelled twice, and how numbers are written
for the person's locale (:func:`number`, :func:`percent`; Babel is imported only for a
language other than English, so English output and ``vetting validate`` never load it).

:mod:`vetting.reports.document` re-exports these names: import them from there, as the app
and the renderers always have.
"""

from typing import NamedTuple

from vetting.checklist.model import Checklist, ChecklistKind, Reference, Severity
from vetting.i18n import N_, SOURCE_LANGUAGE, _, current_language, ngettext
from vetting.scoring.results import Completeness, Result

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
DECIDED_BY_FLAGS = N_(
    "The warning signs above decide this result: answering more questions could not make "
    "them count less."
)
DECIDED_BY_RULES = N_("Some of your answers decide where to start, whatever else you answer.")

QUESTIONS_HEADING = N_("Questions to ask on a first call")
#: The heading over the questions to ask, by what the checklist is for. Choosing a
#: professional: the person asks them on a first call. A fit checklist is for someone in
#: therapy now, and its questions are for their own therapist. A red-flags checklist may be
#: read after therapy ended, or when asking someone else is the safer step, so its heading
#: names no one.
QUESTIONS_HEADINGS = {
    ChecklistKind.CHOICE: QUESTIONS_HEADING,
    # TRANSLATORS: heading over questions a person in therapy can ask their own therapist.
    ChecklistKind.FIT: N_("Questions to bring to your therapist"),
    # TRANSLATORS: heading over questions to ask after a check for warning signs (no one named).
    ChecklistKind.RED_FLAGS: N_("Questions you may want to ask"),
}


class Phrase(NamedTuple):
    """vetting's words with values put in, kept apart so a format can mark which part is
    whose (the HTML export gives vetting's words their ``lang``, never the values).

    ``template`` is already in the person's language (``translated``: the catalog had it;
    else it is still the source language's); ``values`` fill its ``{name}`` places.
    """

    template: str
    values: tuple[tuple[str, str], ...]
    translated: bool

    def __str__(self) -> str:
        return self.template.format(**dict(self.values)) if self.values else self.template


def phrase(message: str) -> Phrase:
    """vetting's fixed ``message`` (a msgid) in the person's language, as a :class:`Phrase`."""
    words = _(message)
    return Phrase(words, (), words != message)


def flags_heading(count: int) -> Phrase:
    """The heading over the warning signs the answers raised: "…: 3"."""
    singular = "Warning signs in your answers: {count}"
    # TRANSLATORS: the heading above the warning signs (red flags) the answers raised;
    # {count} is how many there are.
    template = ngettext(
        "Warning signs in your answers: {count}", "Warning signs in your answers: {count}", count
    )
    return Phrase(template, (("count", str(count)),), template != singular)


def warning_signs(count: int) -> str:
    """A section's result in a red-flags checklist: "1 warning sign", "2 warning signs"."""
    return ngettext("{count} warning sign", "{count} warning signs", count).format(count=count)


def points_words(points: float) -> str:
    """ " (5 points)" after a kind of help; nothing for one a rule put first with no points."""
    if not points:
        return ""
    words = ngettext("({points} point)", "({points} points)", plural_count(points))
    return " " + words.format(points=number(points))


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


# -- the result in words ------------------------------------------------------------------


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
            return _(TOO_LITTLE_KNOWN_CHOICE), known_meaning(result, choice=True)
        return _(NO_OUTCOME), ""
    if not result.enough_known:
        return _(TOO_LITTLE_KNOWN), known_meaning(result, choice=False)
    return _(NO_BAND), ""


def known_meaning(result: Result, *, choice: bool) -> str:
    """Why there is no result yet: how many questions that apply have a clear answer."""
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


def decided(result: Result) -> str | None:
    """Why the result stands however little is known (a flag, or a rule), or None."""
    band = result.band
    if band is not None and not band.is_score_band and not band.when_clear:
        return _(DECIDED_BY_FLAGS)
    if any(rule.put_first or rule.band_at_least for rule in result.fired):
        return _(DECIDED_BY_RULES)
    return None


def completeness(c: Completeness, enough: bool, decided_by: str | None) -> str:
    """How much is known, in words: the counts, then why the result stands or is unsure."""
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
    if decided_by:
        return f"{line} {decided_by}"
    return f"{line} " + _("That is too few for a confident result yet.")


# -- numbers ------------------------------------------------------------------------------

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
