"""A result as Markdown: checklist text can never become a link, a tag or a heading.

Every character Markdown would act on is backslash-escaped. Web addresses and e-mail
addresses in checklist text would still be turned into live links by the autolink
extensions of GitHub and other viewers (they work on the text after escapes are undone),
so such words are written as code spans, which no viewer links. A link appears only where
the checklist gives a plain https address as a link of its own.

Only how each part is written: which parts a result has, and their order, are the
document's (:attr:`vetting.reports.document.Document.parts`).
"""

import re
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

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
#: Punctuation that ends a sentence after an address, and closing brackets (with their opener).
_TRAILING = frozenset(".,;:!?\"'")
_CLOSERS = {")": "(", "]": "["}
#: A word a viewer might turn into a link: a scheme, www., an e-mail, or name.tld.
_LINKISH = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*:\S|www\.|\S@\S|[a-z0-9-]\.[a-z]{2,})")


def md(text: str) -> str:
    """Literal Markdown text on one line: active characters escaped, link-like words in code."""
    return " ".join(_word(word) for word in text.split())


def _word(word: str) -> str:
    if not _LINKISH.search(word):
        return _SPECIAL.sub(r"\\\1", word)
    core, tail = _split_tail(word)
    if tail and _LINKISH.search(core):
        return _code(core) + _SPECIAL.sub(r"\\\1", tail)
    return _code(word)


def _split_tail(word: str) -> tuple[str, str]:
    """``word`` without the punctuation that ends its sentence ("988lifeline.org," ->
    "988lifeline.org", ","), so that stays outside the code span; a closing bracket goes
    with it only when the word did not open it ("(see x.org)" -> ")", "f(x)" keeps it)."""
    end = len(word)
    while end > 0:
        ch = word[end - 1]
        if ch in _CLOSERS and word[:end].count(_CLOSERS[ch]) >= word[:end].count(ch):
            break
        if ch not in _TRAILING and ch not in _CLOSERS:
            break
        end -= 1
    return word[:end], word[end:]


def _code(word: str) -> str:
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
    for part in doc.parts:
        out += PARTS[part](doc)
    return "\n".join(out)


def _crisis(doc: Document) -> list[str]:
    return [f"## {_(CRISIS_HEADING)}", "", *_safety(doc), ""]


def _alerts(doc: Document) -> list[str]:
    out = [f"## {_(ALERTS_HEADING)}", ""]
    for alert in doc.alerts:
        out += [f"**{md(alert.title)}**", "", md(alert.text), ""]
        out += [*_resources(alert.resources), ""] if alert.resources else []
    return out


def _flags(doc: Document) -> list[str]:
    out = ["## " + str(doc.flags_heading), ""]
    for flag in doc.flags:
        out.append(f"- **{md(flag.word)}:** {md(flag.question)}")
        out.append("  - " + _("You answered: {answer}").format(answer=md(flag.answer)))
        out += ["  - " + _("See: {source}").format(source=_line(r)) for r in flag.references]
    return [*out, ""]


def _unsure(doc: Document) -> list[str]:
    out = ["## " + _("You were not sure about these warning signs"), ""]
    out += [f"- {md(q)}" for q in doc.unsure]
    return [*out, "", md(_(UNSURE_NOTE)), ""]


def _result(doc: Document) -> list[str]:
    out = ["## " + _("Result"), "", f"**{md(doc.headline)}**", ""]
    if doc.meaning:
        out += [md(doc.meaning), ""]
    why = [_("Why: {reason}").format(reason=md(r)) for r in doc.reasons]
    out += [*(f"- {w}" for w in why), ""] if why else []
    if doc.score is not None:
        out += [_("Overall score: {percent}").format(percent=percent(doc.score)), ""]
    return out


def _fit(doc: Document) -> list[str]:
    out = ["## " + _("What may fit you, best first"), ""]
    for rank, row in enumerate(doc.outcomes, start=1):
        first = " " + _("First, because of your answers.") if row.reasons else ""
        out.append(f"{rank}. **{md(row.title)}**{row.points_words}: {md(row.summary)}{first}")
        for question, answer in row.because:
            # TRANSLATORS: {answer} is the person's answer and {question} the question.
            words = _("Because you answered {answer} to: {question}")
            out.append("   - " + words.format(answer=md(answer), question=md(question)))
    return [*out, ""]


def _not_first(doc: Document) -> list[str]:
    out = [f"## {_(NOT_FIRST)}", ""]
    for row in doc.ruled_out:
        out.append(f"- **{md(row.title)}**: " + " ".join(md(r) for r in row.reasons))
    return [*out, ""]


def _by_section(doc: Document) -> list[str]:
    # TRANSLATORS: the three column headings of the table of results by section.
    head = _("| Section | Result | Band |")
    out = ["## " + _("By section"), "", head, "|---|---|---|"]
    for s in doc.sections:
        score = percent(s.percent) if s.percent is not None else s.flags_words
        out.append(f"| {md(s.title)} | {score} | {md(s.band) if s.band else '-'} |")
    return [*out, ""]


def _list(heading: str, items: list[str]) -> list[str]:
    return ["## " + heading, "", *(f"- {item}" for item in items), ""]


def _disclaimer(doc: Document) -> list[str]:
    # TRANSLATORS: printed in italics before the checklist's own note (its disclaimer).
    return ["*" + _("Please note:") + f"* {md(doc.disclaimer)}", ""]


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
    Part.KNOWN: lambda doc: ["## " + _("How much is known"), "", md(doc.completeness), ""],
    Part.NEXT_STEPS: lambda doc: _list(
        _("What you can do next"), [_line(s) for s in doc.next_steps]
    ),
    Part.QUESTIONS: lambda doc: _list(str(doc.questions_heading), [md(q) for q in doc.questions]),
    Part.ANSWERS: lambda doc: _list(
        _("Your answers"), [f"{md(q)}: **{md(a)}**" for q, a in doc.answers]
    ),
    Part.SOURCES: lambda doc: _list(_("Where this comes from"), [_line(s) for s in doc.sources]),
    Part.SAFETY: lambda doc: ["## " + _("If you need help now"), "", *_safety(doc), ""],
    Part.DISCLAIMER: _disclaimer,
}


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
        out += ["", md(_(AUTHOR_NOTE)), "", *_resources(doc.safety_from_author)]
    return out
