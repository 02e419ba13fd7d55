"""A result as plain text for a terminal: no colour, no markup, severity always in words.

Only how each part is written: which parts a result has, and their order, are the
document's (:attr:`vetting.reports.document.Document.parts`).
"""

from collections.abc import Callable

from vetting.checklist.safety import AUTHOR_NOTE
from vetting.i18n import _
from vetting.reports.document import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    Line,
    Part,
    ResourceLine,
    percent,
)


def render(doc: Document) -> str:
    out: list[str] = [doc.title, "=" * min(len(doc.title), 72), ""]
    for part in doc.parts:
        out += PARTS[part](doc)
    return "\n".join(out) + "\n"


def _crisis(doc: Document) -> list[str]:
    return [f"!! {_(CRISIS_HEADING)}", *_safety(doc), ""]


def _alerts(doc: Document) -> list[str]:
    out = [f"!! {_(ALERTS_HEADING)}"]
    for alert in doc.alerts:
        out += [f"  {alert.title}", f"  {alert.text}", *_resources(alert.resources, "    ")]
    return [*out, ""]


def _flags(doc: Document) -> list[str]:
    out = [str(doc.flags_heading)]
    for flag in doc.flags:
        out.append(f"{flag.word}: {flag.question}")
        out.append("  " + _("You answered: {answer}").format(answer=flag.answer))
        # TRANSLATORS: {source} is where a rule comes from (an ethics code section, a law).
        out += ["  " + _("See: {source}").format(source=_line(r)) for r in flag.references]
    return [*out, ""]


def _unsure(doc: Document) -> list[str]:
    out = [_("You were not sure about these warning signs:")]
    out += [f"  ? {question}" for question in doc.unsure]
    return [*out, f"  {_(UNSURE_NOTE)}", ""]


def _result(doc: Document) -> list[str]:
    out = [_("Result: {headline}").format(headline=doc.headline)]
    if doc.meaning:
        out.append(f"  {doc.meaning}")
    # TRANSLATORS: {reason} is why a rule of the checklist decided part of the result.
    out += ["  " + _("Why: {reason}").format(reason=reason) for reason in doc.reasons]
    if doc.score is not None:
        out.append("  " + _("Overall score: {percent}").format(percent=percent(doc.score)))
    return [*out, ""]


def _fit(doc: Document) -> list[str]:
    out = [_("What may fit you, best first:")]
    for rank, row in enumerate(doc.outcomes, start=1):
        first = " " + _("(first, because of your answers)") if row.reasons else ""
        out.append(f"  {rank}. {row.title}{row.points_words}{first}")
        out.append(f"     {row.summary}")
        if row.because:
            out.append("     " + _("Because you answered:"))
            out += [f"     - {question} -> {answer}" for question, answer in row.because]
    return [*out, ""]


def _not_first(doc: Document) -> list[str]:
    out = [f"{_(NOT_FIRST)}:"]
    for row in doc.ruled_out:
        out.append(f"  - {row.title}")
        out += [f"    {reason}" for reason in row.reasons]
    return [*out, ""]


def _by_section(doc: Document) -> list[str]:
    out = [_("By section:")]
    for s in doc.sections:
        score = percent(s.percent) if s.percent is not None else s.flags_words
        band = f" - {s.band}" if s.band else ""
        out.append(f"  {s.title}: {score}{band}")
    return [*out, ""]


def _disclaimer(doc: Document) -> list[str]:
    # TRANSLATORS: {disclaimer} is the checklist's own note (such as "This is not medical advice.").
    return [_("Please note: {disclaimer}").format(disclaimer=doc.disclaimer)]


#: How each part of a result is written; the order is the document's (:data:`ORDER`).
PARTS: dict[Part, Callable[[Document], list[str]]] = {
    Part.CRISIS: _crisis,
    Part.ALERTS: _alerts,
    Part.FLAGS: _flags,
    Part.UNSURE: _unsure,
    Part.RESULT: _result,
    Part.FIT: _fit,
    Part.NOT_FIRST: _not_first,
    Part.BY_SECTION: _by_section,
    Part.KNOWN: lambda doc: [doc.completeness, ""],
    Part.NEXT_STEPS: lambda doc: _bullets(
        _("What you can do next:"), [_line(step) for step in doc.next_steps]
    ),
    Part.QUESTIONS: lambda doc: _bullets(f"{doc.questions_heading}:", doc.questions),
    Part.ANSWERS: lambda doc: [
        _("Your answers:"),
        *[f"  - {q}: {a}" for q, a in doc.answers],
        "",
    ],
    Part.SOURCES: lambda doc: _bullets(
        _("Where this comes from:"), [_line(s) for s in doc.sources]
    ),
    Part.SAFETY: lambda doc: [_("If you need help now:"), *_safety(doc), ""],
    Part.DISCLAIMER: _disclaimer,
}


def _line(line: Line) -> str:
    return f"{line.text} ({line.url})" if line.url else line.text


def _bullets(heading: str, lines: list[str] | tuple[str, ...]) -> list[str]:
    return [heading, *[f"  - {line}" for line in lines], ""] if lines else []


def _resources(resources: tuple[ResourceLine, ...], indent: str = "  ") -> list[str]:
    out = []
    for r in resources:
        extra = [x for x in (r.url, *r.details) if x]
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"{indent}- {r.name}: {r.contact}{tail}")
    return out


def _safety(doc: Document) -> list[str]:
    out = [f"  {doc.safety_message}", *_resources(doc.safety)]
    if doc.safety_from_author:
        out += [f"  {_(AUTHOR_NOTE)}", *_resources(doc.safety_from_author, "    ")]
    return out
