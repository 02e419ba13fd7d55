"""A result as plain text for a terminal: no colour, no markup, severity always in words."""

from vetting.checklist.safety import AUTHOR_NOTE
from vetting.i18n import _, ngettext
from vetting.reports.document import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    Line,
    ResourceLine,
    percent,
)


def render(doc: Document) -> str:
    out: list[str] = [doc.title, "=" * min(len(doc.title), 72), ""]
    if doc.crisis:
        out += [f"!! {_(CRISIS_HEADING)}", *_safety(doc), ""]
    if doc.alerts:
        out.append(f"!! {_(ALERTS_HEADING)}")
        for alert in doc.alerts:
            out += [f"  {alert.title}", f"  {alert.text}", *_resources(alert.resources, "    ")]
        out.append("")
    out += _flags(doc)
    out.append(_("Result: {headline}").format(headline=doc.headline))
    if doc.meaning:
        out.append(f"  {doc.meaning}")
    # TRANSLATORS: {reason} is why a rule of the checklist decided part of the result.
    out += ["  " + _("Why: {reason}").format(reason=reason) for reason in doc.reasons]
    if doc.score is not None:
        out.append("  " + _("Overall score: {percent}").format(percent=percent(doc.score)))
    out.append("")
    out += _outcomes(doc)
    sections = [s for s in doc.sections if s.percent is not None or s.flags]
    if sections:
        out.append(_("By section:"))
        for s in sections:
            score = percent(s.percent) if s.percent is not None else _signs(s.flags)
            band = f" - {s.band}" if s.band else ""
            out.append(f"  {s.title}: {score}{band}")
        out.append("")
    out += [doc.completeness, ""]
    out += _bullets(_("What you can do next:"), [_line(step) for step in doc.next_steps])
    out += _bullets(_("Questions to ask on a first call:"), doc.questions)
    if doc.answers:
        out += [_("Your answers:"), *[f"  - {q}: {a}" for q, a in doc.answers], ""]
    out += _bullets(_("Where this comes from:"), [_line(s) for s in doc.sources])
    out += [_("If you need help now:"), *_safety(doc), ""]
    # TRANSLATORS: {disclaimer} is the checklist's own note (such as "This is not medical advice.").
    out.append(_("Please note: {disclaimer}").format(disclaimer=doc.disclaimer))
    return "\n".join(out) + "\n"


def _signs(count: int) -> str:
    return ngettext("{count} warning sign", "{count} warning signs", count).format(count=count)


def _flags(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.flags:
        out.append(_("Warning signs in your answers: {count}").format(count=len(doc.flags)))
        for flag in doc.flags:
            out.append(f"{flag.word}: {flag.question}")
            out.append("  " + _("You answered: {answer}").format(answer=flag.answer))
            # TRANSLATORS: {source} is where a rule comes from (an ethics code section, a law).
            out += ["  " + _("See: {source}").format(source=_line(r)) for r in flag.references]
        out.append("")
    if doc.unsure:
        out.append(_("You were not sure about these warning signs:"))
        out += [f"  ? {question}" for question in doc.unsure]
        out += [f"  {_(UNSURE_NOTE)}", ""]
    return out


def _outcomes(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.outcomes:
        out.append(_("What may fit you, best first:"))
        for rank, row in enumerate(doc.outcomes, start=1):
            first = " " + _("(first, because of your answers)") if row.reasons else ""
            out.append(f"  {rank}. {row.title}{row.points_words}{first}")
            out.append(f"     {row.summary}")
            if row.because:
                out.append("     " + _("Because you answered:"))
                out += [f"     - {question} -> {answer}" for question, answer in row.because]
        out.append("")
    if doc.ruled_out:
        out.append(f"{_(NOT_FIRST)}:")
        for row in doc.ruled_out:
            out.append(f"  - {row.title}")
            out += [f"    {reason}" for reason in row.reasons]
        out.append("")
    return out


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
