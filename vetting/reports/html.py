"""A result as a complete, standalone HTML page that a screen reader can read well.

Safe: escaped text everywhere, no script, a Content-Security-Policy that forbids loading
anything, and a link only where a checklist gives a plain https address.

Accessible (WCAG 2.1 AA; ``tests/serve/test_export_a11y.py`` runs axe-core on it in headless
Chromium, ``tests/unit/test_html_structure.py`` checks the structure without a browser):

- ``<html lang>`` is the language the checklist is shown in; vetting's own words carry their
  own ``lang`` when they are in another language (a checklist with no Spanish translation,
  read with Spanish chosen; or English, where the catalog has no translation yet), so a
  screen reader reads each part with the right voice;
- landmarks: ``<header>`` with the one ``<h1>``, ``<main>``, ``<footer>``; each part of the
  result is a ``<section>`` named by its ``<h2>``; headings never skip a level (``<h3>`` only
  inside a ``<h2>`` part). There is no ``<nav>``: the page has no table of contents, because
  an in-page link is not an https address and the export links to nothing else;
- tables have a ``<caption>`` and ``<th scope>`` for columns and rows;
- every colour pair in :data:`PALETTES` has a contrast of at least 4.5:1 for text and 3:1
  for borders, in light, dark and print; nothing moves, so there is nothing for
  ``prefers-reduced-motion`` to stop;
- meaning never rests on colour: each warning sign says "Red flag" and its severity in words.

Only how each part is written: which parts a result has, and their order, are the
document's (:attr:`vetting.reports.document.Document.parts`); a part's ``id`` is its
:class:`~vetting.reports.document.Part` value.
"""

import html
from collections.abc import Callable
from string import Formatter

from vetting.checklist.safety import AUTHOR_NOTE
from vetting.i18n import N_, SOURCE_LANGUAGE, _, current_language
from vetting.reports.document import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    Line,
    Part,
    Phrase,
    ResourceLine,
)

#: The page's colours by colour scheme: each text colour is read on ``background`` (and on
#: ``table-head``), each border colour must stand out from ``background``.
#: tests/unit/test_html_structure.py computes every contrast from these values.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "text": "#1a1a1a",
        "background": "#ffffff",
        "table-head": "#f0f0f0",
        "link": "#0645ad",
        "visited": "#5a2a8a",
        "focus": "#0645ad",
        "urgent": "#a00000",
        "border": "#595959",
        "rule": "#767676",
    },
    "dark": {
        "text": "#ececec",
        "background": "#141414",
        "table-head": "#262626",
        "link": "#8ab4f8",
        "visited": "#c9a4f5",
        "focus": "#8ab4f8",
        "urgent": "#ff7a7a",
        "border": "#a6a6a6",
        "rule": "#8c8c8c",
    },
    "print": {
        "text": "#000000",
        "background": "#ffffff",
        "table-head": "#ffffff",
        "link": "#000000",
        "visited": "#000000",
        "focus": "#000000",
        "urgent": "#000000",
        "border": "#000000",
        "rule": "#000000",
    },
}
#: Colours that are text, read on the background (the rest are borders and outlines).
TEXT_COLOURS = ("text", "link", "visited")
BACKGROUNDS = ("background", "table-head")


def _colours(palette: dict[str, str]) -> str:
    c = palette
    return (
        f"body {{ color: {c['text']}; background: {c['background']}; }}\n"
        f"a:link {{ color: {c['link']}; }} a:visited {{ color: {c['visited']}; }}\n"
        f"a:focus-visible {{ outline: 3px solid {c['focus']}; outline-offset: 2px; }}\n"
        f".crisis, .alert, .flag-critical {{ border-color: {c['urgent']}; }}\n"
        f".flag {{ border-left-color: {c['border']}; }}\n"
        f".flag-critical, .flag-serious {{ border-left-color: {c['urgent']}; }}\n"
        f"td, th {{ border-color: {c['rule']}; }} thead th {{ background: {c['table-head']}; }}"
    )


_CSS = f"""
:root {{ color-scheme: light dark; }}
body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.25rem; margin-top: 2rem; }}
h3 {{ font-size: 1.05rem; }}
.crisis, .alert {{ border: 3px solid; padding: 0.5rem 1rem; }}
.alert {{ margin: 0.5rem 0; }}
.flags {{ list-style: none; padding: 0; }}
.flag {{ margin: 0.5rem 0; padding: 0.5rem 1rem; border-left: 6px solid; }}
.flag-critical {{ border: 3px solid; border-left-width: 10px; }}
.severity {{ font-weight: bold; }}
table {{ border-collapse: collapse; margin: 0.5rem 0; }}
caption {{ text-align: left; font-weight: bold; padding: 0.3rem 0; }}
td, th {{ border: 1px solid; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; }}
{_colours(PALETTES["light"])}
@media (prefers-color-scheme: dark) {{
{_colours(PALETTES["dark"])}
}}
@media print {{
{_colours(PALETTES["print"])}
body {{ max-width: none; margin: 0; }}
a {{ text-decoration: underline; }}
}}
""".strip()

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def h(text: str) -> str:
    """HTML-escaped text (quotes too): never live markup."""
    return html.escape(text, quote=True)


def _address(url: str | None, link: str | None) -> str:
    """A live link only where the document says it may be one; else the words, escaped.

    The link's text is its address, so it is never an empty or "click here" link."""
    if link is None:
        return h(url or "")
    return f'<a href="{h(link)}" rel="noopener noreferrer">{h(link)}</a>'


def _line(line: Line) -> str:
    return h(line.text) + (f" ({_address(line.url, line.link)})" if line.url else "")


def _list(items: list[str], tag: str = "ul", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


class _Page:
    """The page being written: knows which language each of vetting's own words is in."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ui = current_language()
        self.page = _primary(doc.language)

    def say(self, message: str, **values: str) -> str:
        """vetting's own ``message`` (an untranslated msgid, marked with ``N_`` where it is
        written) translated now, escaped, with ``values`` (already HTML) put in.

        Its words carry their language when it is not the page's: the person's language when
        the catalog has the message, else the source language it is still written in. The
        values keep the page's language (they are the checklist's words)."""
        words = _(message)
        language = self.ui if words != message else SOURCE_LANGUAGE
        if not values:  # no placeholders to fill: braces in the words are only words
            return self._wrap(h(words), language)
        return self._mark(h(words), language, values)

    def phrase(self, words: Phrase) -> str:
        """vetting's ``words`` made in :mod:`vetting.reports.words` (a count put in), escaped,
        marked with their language as :meth:`say` marks them; the values keep the page's."""
        language = self.ui if words.translated else SOURCE_LANGUAGE
        if not words.values:  # as in say(): braces in the words are only words
            return self._wrap(h(words.template), language)
        return self._mark(h(words.template), language, {k: h(v) for k, v in words.values})

    def own(self, text: str) -> str:
        """Words vetting wrote in the person's language already (the document's), escaped."""
        return self._wrap(h(text), self.ui)

    def _wrap(self, words: str, language: str) -> str:
        """``words`` (HTML) in a span saying their language, when it is not the page's."""
        if not words or _primary(language) == self.page:
            return words
        return f'<span lang="{h(language)}">{words}</span>'

    def _mark(self, template: str, language: str, values: dict[str, str]) -> str:
        """A translated ``template`` (HTML) with ``values`` put in; only its own words are
        wrapped in their language, never the values (the checklist's words)."""
        out = []
        for literal, name, _spec, _conversion in Formatter().parse(template):
            out.append(self._wrap(literal, language))
            if name is not None:
                out.append(values[name])
        return "".join(out)

    def section(self, ident: str, message: str, cls: str = "", html_heading: bool = False) -> str:
        """The opening of a part of the result, named by its ``<h2>`` (a region landmark):
        vetting's ``message`` (or, with ``html_heading``, a heading already made by :meth:`say`)."""
        attr = f' class="{cls}"' if cls else ""
        words = message if html_heading else self.say(message)
        return (
            f'<section id="{ident}"{attr} aria-labelledby="{ident}-heading">'
            f'<h2 id="{ident}-heading">{words}</h2>'
        )

    def percent(self, value: float) -> str:
        """``value`` (0-100) as a percentage the way the person's language writes it."""
        try:
            from babel.numbers import format_percent

            return h(format_percent(value / 100, locale=self.ui))
        except Exception:  # a locale Babel does not know: the plain form
            return f"{value:.0f}%"


def render(doc: Document) -> str:
    p = _Page(doc)
    body: list[str] = ["<header>", f"<h1>{h(doc.title)}</h1>", "</header>", "<main>"]
    for part in doc.parts:
        body += PARTS[part](p)
    # TRANSLATORS: the browser tab's title of the HTML export; {title} is the checklist's.
    title = h(_("{title}: your results")).format(title=h(doc.title))
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{h(doc.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{title}</title>\n<style>\n{_CSS}\n</style>\n"
        "</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def _part(p: _Page, part: Part, message: str, content: list[str], cls: str = "") -> list[str]:
    """A part of the result as a ``<section>`` named by vetting's ``message``."""
    return [p.section(part.value, message, cls), *content, "</section>"]


def _alerts(p: _Page) -> list[str]:
    out = [p.section(Part.ALERTS.value, ALERTS_HEADING)]
    for alert in p.doc.alerts:
        out.append(f'<div class="alert"><h3>{h(alert.title)}</h3><p>{h(alert.text)}</p>')
        if alert.resources:
            out.append(_resources(alert.resources))
        out.append("</div>")
    return [*out, "</section>"]


def _disclaimer(p: _Page) -> list[str]:
    """The checklist's note, the page's ``<footer>``: it closes ``<main>``."""
    # TRANSLATORS: before the checklist's disclaimer, at the foot of the HTML export.
    note = p.say(N_("Please note:"))
    return [
        "</main>",
        "<footer>",
        f'<p id="disclaimer"><strong>{note}</strong> {h(p.doc.disclaimer)}</p>',
        "</footer>",
    ]


def _result(p: _Page) -> list[str]:
    doc = p.doc
    # TRANSLATORS: the heading above the result of a checklist, in the HTML export.
    out = [p.section(Part.RESULT.value, N_("Result"))]
    out.append(f"<p><strong>{h(doc.headline)}</strong></p>")
    if doc.meaning:
        out.append(f"<p>{h(doc.meaning)}</p>")
    if doc.reasons:
        # TRANSLATORS: {reason} is why a rule of the checklist decided the result.
        why = N_("Why: {reason}")
        out.append(_list([p.say(why, reason=h(r)) for r in doc.reasons]))
    if doc.score is not None:
        # TRANSLATORS: {score} is a percentage, already written with its % sign.
        overall = N_("Overall score: {score}")
        out.append(f"<p>{p.say(overall, score=p.percent(doc.score))}</p>")
    return [*out, "</section>"]


def _flags(p: _Page) -> list[str]:
    doc = p.doc
    heading = p.phrase(doc.flags_heading)
    out = [p.section(Part.FLAGS.value, heading, html_heading=True)]
    # TRANSLATORS: before each reference to an ethics code under a warning sign.
    see = N_("See: {reference}")
    # TRANSLATORS: said before each warning sign; {severity} is CRITICAL, SERIOUS,
    # CAUTION or NOTE, so the severity is in words and not only in a colour.
    red_flag = N_("Red flag, {severity}:")
    # TRANSLATORS: {answer} is the person's answer to a warning-sign question.
    answered = N_("You answered: {answer}")
    items = []
    for flag in doc.flags:
        refs = [p.say(see, reference=_line(ref)) for ref in flag.references]
        label = p.say(red_flag, severity=h(flag.word))
        answer = p.say(answered, answer=f"<strong>{h(flag.answer)}</strong>")
        items.append(
            f'<div class="flag flag-{h(flag.severity.value)}">'
            f'<p><span class="severity">{label}</span> {h(flag.question)}</p>'
            f"<p>{answer}</p>" + (_list(refs) if refs else "") + "</div>"
        )
    return [*out, _list(items, cls="flags"), "</section>"]


def _unsure(p: _Page) -> list[str]:
    heading = N_("You were not sure about these warning signs")
    return [
        p.section(Part.UNSURE.value, heading),
        _list([h(q) for q in p.doc.unsure]),
        f"<p>{p.say(UNSURE_NOTE)}</p></section>",
    ]


def _fit(p: _Page) -> list[str]:
    # TRANSLATORS: after a kind of help that a rule of the checklist put first.
    first_words = p.say(N_("First, because of your answers."))
    # TRANSLATORS: above the answers that point to a kind of help.
    because_words = p.say(N_("Because you answered:"))
    rows = []
    for row in p.doc.outcomes:
        first = f" {first_words}" if row.reasons else ""
        because = [f"{h(q)}: {h(a)}" for q, a in row.because]
        rows.append(
            f"<strong>{h(row.title)}</strong>{p.own(row.points_words)}. "
            f"{h(row.summary)}{first}"
            + (f"<p>{because_words}</p>{_list(because)}" if because else "")
        )
    return _part(p, Part.FIT, N_("What may fit you, best first"), [_list(rows, "ol")])


def _not_first(p: _Page) -> list[str]:
    rows = [
        f"<strong>{h(r.title)}</strong>: " + " ".join(h(x) for x in r.reasons)
        for r in p.doc.ruled_out
    ]
    return _part(p, Part.NOT_FIRST, NOT_FIRST, [_list(rows)])


def _sections(p: _Page) -> list[str]:
    rows = p.doc.sections
    banded = any(s.band for s in rows)  # no column that would say nothing in every row
    # TRANSLATORS: the caption of the table of results, one row per section.
    caption = p.say(N_("Your result in each section"))
    # TRANSLATORS: column headings of the table of results by section: the section, its
    # result (a percentage or a number of warning signs) and what that result means.
    columns = [N_("Section"), N_("Result"), N_("What it means")][: 3 if banded else 2]
    out = [
        p.section(Part.BY_SECTION.value, N_("By section")),
        f"<table><caption>{caption}</caption><thead><tr>",
        *(f'<th scope="col">{p.say(c)}</th>' for c in columns),
        "</tr></thead><tbody>",
    ]
    for s in rows:
        score = p.percent(s.percent) if s.percent is not None else p.own(s.flags_words)
        band = f"<td>{h(s.band or '')}</td>" if banded else ""
        out.append(f'<tr><th scope="row">{h(s.title)}</th><td>{score}</td>{band}</tr>')
    return [*out, "</tbody></table></section>"]


#: How each part of a result is written; the order is the document's (:data:`ORDER`).
PARTS: dict[Part, Callable[[_Page], list[str]]] = {
    Part.CRISIS: lambda p: _part(p, Part.CRISIS, CRISIS_HEADING, _safety(p), "crisis"),
    Part.ALERTS: _alerts,
    Part.FLAGS: _flags,
    Part.UNSURE: _unsure,
    Part.RESULT: _result,
    Part.FIT: _fit,
    Part.NOT_FIRST: _not_first,
    Part.BY_SECTION: _sections,
    Part.KNOWN: lambda p: [
        p.section(Part.KNOWN.value, N_("How much is known")),
        f"<p>{p.own(p.doc.completeness)}</p></section>",
    ],
    Part.NEXT_STEPS: lambda p: _part(
        p,
        Part.NEXT_STEPS,
        N_("What you can do next"),
        [_list([_line(s) for s in p.doc.next_steps])],
    ),
    Part.QUESTIONS: lambda p: _questions(p),
    Part.ANSWERS: lambda p: _part(p, Part.ANSWERS, N_("Your answers"), _answers(p)),
    Part.SOURCES: lambda p: _part(
        p, Part.SOURCES, N_("Where this comes from"), [_list([_line(s) for s in p.doc.sources])]
    ),
    Part.SAFETY: lambda p: _part(p, Part.SAFETY, N_("If you need help now"), _safety(p)),
    Part.DISCLAIMER: _disclaimer,
}


def _questions(p: _Page) -> list[str]:
    heading = p.phrase(p.doc.questions_heading)
    return [
        p.section(Part.QUESTIONS.value, heading, html_heading=True),
        _list([h(q) for q in p.doc.questions]),
        "</section>",
    ]


def _answers(p: _Page) -> list[str]:
    # TRANSLATORS: the caption of the table of every question answered, with the answer.
    caption = p.say(N_("Each question you answered, in order"))
    # TRANSLATORS: column headings of the table of answers.
    columns = [N_("Question"), N_("Your answer")]
    out = [
        f"<table><caption>{caption}</caption><thead><tr>",
        *(f'<th scope="col">{p.say(c)}</th>' for c in columns),
        "</tr></thead><tbody>",
    ]
    for question, answer in p.doc.answers:
        out.append(f'<tr><th scope="row">{h(question)}</th><td>{h(answer)}</td></tr>')
    return [*out, "</tbody></table>"]


def _resources(resources: tuple[ResourceLine, ...]) -> str:
    items = []
    for r in resources:
        extra = ([_address(r.url, r.link)] if r.url else []) + [h(x) for x in r.details]
        tail = f" ({'; '.join(extra)})" if extra else ""
        items.append(f"<strong>{h(r.name)}</strong>: {h(r.contact)}{tail}")
    return _list(items)


def _safety(p: _Page) -> list[str]:
    doc = p.doc
    out = [f"<p>{h(doc.safety_message)}</p>", _resources(doc.safety)]
    if doc.safety_from_author:
        out += [f"<p>{p.say(AUTHOR_NOTE)}</p>", _resources(doc.safety_from_author)]
    return out
