"""A result as plain text for a terminal: no colour, no markup, severity always in words."""

from vetting.checklist.safety import AUTHOR_NOTE
from vetting.reports.document import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    Line,
    ResourceLine,
)


def render(doc: Document) -> str:
    out: list[str] = [doc.title, "=" * min(len(doc.title), 72), ""]
    if doc.crisis:
        out += [f"!! {CRISIS_HEADING}", *_safety(doc), ""]
    if doc.alerts:
        out.append(f"!! {ALERTS_HEADING}")
        for alert in doc.alerts:
            out += [f"  {alert.title}", f"  {alert.text}", *_resources(alert.resources, "    ")]
        out.append("")
    out += _flags(doc)
    out.append(f"Result: {doc.headline}")
    if doc.meaning:
        out.append(f"  {doc.meaning}")
    out += [f"  Why: {reason}" for reason in doc.reasons]
    if doc.score is not None:
        out.append(f"  Overall score: {doc.score:.0f}%")
    out.append("")
    out += _outcomes(doc)
    sections = [s for s in doc.sections if s.percent is not None or s.flags]
    if sections:
        out.append("By section:")
        for s in sections:
            score = f"{s.percent:.0f}%" if s.percent is not None else _signs(s.flags)
            band = f" - {s.band}" if s.band else ""
            out.append(f"  {s.title}: {score}{band}")
        out.append("")
    out += [doc.completeness, ""]
    out += _bullets("What you can do next:", [_line(step) for step in doc.next_steps])
    out += _bullets("Questions to ask on a first call:", doc.questions)
    if doc.answers:
        out += ["Your answers:", *[f"  - {q}: {a}" for q, a in doc.answers], ""]
    out += _bullets("Where this comes from:", [_line(s) for s in doc.sources])
    out += ["If you need help now:", *_safety(doc), ""]
    out.append(f"Please note: {doc.disclaimer}")
    return "\n".join(out) + "\n"


def _signs(count: int) -> str:
    return f"{count} warning sign{'s' if count != 1 else ''}"


def _flags(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.flags:
        out.append(f"Warning signs in your answers: {len(doc.flags)}")
        for flag in doc.flags:
            out += [f"{flag.word}: {flag.question}", f"  You answered: {flag.answer}"]
            out += [f"  See: {_line(ref)}" for ref in flag.references]
        out.append("")
    if doc.unsure:
        out.append("You were not sure about these warning signs:")
        out += [f"  ? {question}" for question in doc.unsure]
        out += [f"  {UNSURE_NOTE}", ""]
    return out


def _outcomes(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.outcomes:
        out.append("What may fit you, best first:")
        for rank, row in enumerate(doc.outcomes, start=1):
            first = " (first, because of your answers)" if row.reasons else ""
            out.append(f"  {rank}. {row.title}{row.points_words}{first}")
            out.append(f"     {row.summary}")
            if row.because:
                out.append("     Because you answered:")
                out += [f"     - {question} -> {answer}" for question, answer in row.because]
        out.append("")
    if doc.ruled_out:
        out.append(f"{NOT_FIRST}:")
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
        out += [f"  {AUTHOR_NOTE}", *_resources(doc.safety_from_author, "    ")]
    return out
