"""A result as Markdown: checklist text can never become a link, a tag or a heading.

Every character Markdown would act on is backslash-escaped. Web addresses and e-mail
addresses in checklist text would still be turned into live links by the autolink
extensions of GitHub and other viewers (they work on the text after escapes are undone),
so such words are written as code spans, which no viewer links. A link appears only where
the checklist gives a plain https address as a link of its own.
"""

import re

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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
#: A word a viewer might turn into a link: a scheme, www., an e-mail, or name.tld.
_LINKISH = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*:\S|www\.|\S@\S|[a-z0-9-]\.[a-z]{2,})")


def md(text: str) -> str:
    """Literal Markdown text on one line: active characters escaped, link-like words in code."""
    return " ".join(_word(word) for word in text.split())


def _word(word: str) -> str:
    if not _LINKISH.search(word):
        return _SPECIAL.sub(r"\\\1", word)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", word)), default=0) + 1)
    pad = " " if word.startswith("`") or word.endswith("`") else ""
    return f"{fence}{pad}{word}{pad}{fence}"


def _address(url: str | None, link: str | None) -> str:
    """A live link only where the document says it may be one; else the words, inert."""
    return f"<{link}>" if link else md(url or "")


def _line(line: Line) -> str:
    return md(line.text) + (f" ({_address(line.url, line.link)})" if line.url else "")


def render(doc: Document) -> str:
    out: list[str] = [f"# {md(doc.title)}", ""]
    if doc.crisis:
        out += [f"## {CRISIS_HEADING}", "", *_safety(doc), ""]
    if doc.alerts:
        out += [f"## {ALERTS_HEADING}", ""]
        for alert in doc.alerts:
            out += [f"**{md(alert.title)}**", "", md(alert.text), ""]
            out += [*_resources(alert.resources), ""] if alert.resources else []
    out += _flags(doc)
    out += ["## Result", "", f"**{md(doc.headline)}**", ""]
    if doc.meaning:
        out += [md(doc.meaning), ""]
    out += [*(f"- Why: {md(r)}" for r in doc.reasons), ""] if doc.reasons else []
    if doc.score is not None:
        out += [f"Overall score: {doc.score:.0f}%", ""]
    out += _outcomes(doc)
    rows = [s for s in doc.sections if s.percent is not None or s.flags]
    if rows:
        out += ["## By section", "", "| Section | Result | Band |", "|---|---|---|"]
        for s in rows:
            score = f"{s.percent:.0f}%" if s.percent is not None else f"{s.flags} warning signs"
            out.append(f"| {md(s.title)} | {score} | {md(s.band) if s.band else '-'} |")
        out.append("")
    out += ["## How much is known", "", md(doc.completeness), ""]
    if doc.next_steps:
        out += ["## What you can do next", "", *(f"- {_line(s)}" for s in doc.next_steps), ""]
    if doc.questions:
        out += ["## Questions to ask on a first call", "", *(f"- {md(q)}" for q in doc.questions)]
        out.append("")
    if doc.answers:
        out += ["## Your answers", "", *(f"- {md(q)}: **{md(a)}**" for q, a in doc.answers), ""]
    if doc.sources:
        out += ["## Where this comes from", "", *(f"- {_line(s)}" for s in doc.sources), ""]
    out += ["## If you need help now", "", *_safety(doc), ""]
    out += [f"*Please note:* {md(doc.disclaimer)}", ""]
    return "\n".join(out)


def _flags(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.flags:
        out += [f"## Warning signs in your answers: {len(doc.flags)}", ""]
        for flag in doc.flags:
            out.append(f"- **{flag.word}:** {md(flag.question)}")
            out.append(f"  - You answered: {md(flag.answer)}")
            out += [f"  - See: {_line(ref)}" for ref in flag.references]
        out.append("")
    if doc.unsure:
        out += ["## You were not sure about these warning signs", ""]
        out += [f"- {md(q)}" for q in doc.unsure]
        out += ["", md(UNSURE_NOTE), ""]
    return out


def _outcomes(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.outcomes:
        out += ["## What may fit you, best first", ""]
        for rank, row in enumerate(doc.outcomes, start=1):
            first = " First, because of your answers." if row.reasons else ""
            out.append(f"{rank}. **{md(row.title)}**{row.points_words}: {md(row.summary)}{first}")
            for question, answer in row.because:
                out.append(f"   - Because you answered {md(answer)} to: {md(question)}")
        out.append("")
    if doc.ruled_out:
        out += [f"## {NOT_FIRST}", ""]
        for row in doc.ruled_out:
            out.append(f"- **{md(row.title)}**: " + " ".join(md(r) for r in row.reasons))
        out.append("")
    return out


def _resources(resources: tuple[ResourceLine, ...]) -> list[str]:
    out = []
    for r in resources:
        extra = ([_address(r.url, r.link)] if r.url else []) + [md(x) for x in r.details]
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"- **{md(r.name)}**: {md(r.contact)}{tail}")
    return out


def _safety(doc: Document) -> list[str]:
    out = [md(doc.safety_message), "", *_resources(doc.safety)]
    if doc.safety_from_author:
        out += ["", md(AUTHOR_NOTE), "", *_resources(doc.safety_from_author)]
    return out
