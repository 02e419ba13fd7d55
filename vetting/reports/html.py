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
"""

import html
from string import Formatter

from vetting.checklist.safety import AUTHOR_NOTE
from vetting.i18n import N_, SOURCE_LANGUAGE, _, current_language, ngettext
from vetting.reports.document import (
    ALERTS_HEADING,
    CRISIS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    Line,
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
    if doc.crisis:
        body.append(p.section("crisis", CRISIS_HEADING, "crisis"))
        body += [*_safety(p), "</section>"]
    if doc.alerts:
        body.append(p.section("alerts", ALERTS_HEADING))
        for alert in doc.alerts:
            body.append(f'<div class="alert"><h3>{h(alert.title)}</h3><p>{h(alert.text)}</p>')
            if alert.resources:
                body.append(_resources(alert.resources))
            body.append("</div>")
        body.append("</section>")
    body += _flags(p)
    body += _result(p)
    body += _outcomes(p)
    body += _sections(p)
    body.append(p.section("known", N_("How much is known")))
    body.append(f"<p>{p.own(doc.completeness)}</p></section>")
    if doc.next_steps:
        body.append(p.section("next-steps", N_("What you can do next")))
        body += [_list([_line(s) for s in doc.next_steps]), "</section>"]
    if doc.questions:
        body.append(p.section("questions", N_("Questions to ask on a first call")))
        body += [_list([h(q) for q in doc.questions]), "</section>"]
    if doc.answers:
        body.append(p.section("answers", N_("Your answers")))
        body += [*_answers(p), "</section>"]
    if doc.sources:
        body.append(p.section("sources", N_("Where this comes from")))
        body += [_list([_line(s) for s in doc.sources]), "</section>"]
    body += [p.section("safety", N_("If you need help now")), *_safety(p), "</section>"]
    # TRANSLATORS: before the checklist's disclaimer, at the foot of the HTML export.
    note = p.say(N_("Please note:"))
    body += ["</main>", "<footer>"]
    body.append(f'<p id="disclaimer"><strong>{note}</strong> {h(doc.disclaimer)}</p>')
    body.append("</footer>")
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


def _result(p: _Page) -> list[str]:
    doc = p.doc
    # TRANSLATORS: the heading above the result of a checklist, in the HTML export.
    out = [p.section("result", N_("Result")), f"<p><strong>{h(doc.headline)}</strong></p>"]
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
    out: list[str] = []
    if doc.flags:
        # TRANSLATORS: the heading above the warning signs (red flags) the answers raised;
        # {count} is how many there are.
        heading = p.say(N_("Warning signs in your answers: {count}"), count=str(len(doc.flags)))
        out.append(p.section("flags", heading, html_heading=True))
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
        out += [_list(items, cls="flags"), "</section>"]
    if doc.unsure:
        out.append(p.section("unsure", N_("You were not sure about these warning signs")))
        out += [_list([h(q) for q in doc.unsure]), f"<p>{p.say(UNSURE_NOTE)}</p></section>"]
    return out


def _outcomes(p: _Page) -> list[str]:
    doc = p.doc
    out: list[str] = []
    if doc.outcomes:
        # TRANSLATORS: after a kind of help that a rule of the checklist put first.
        first_words = p.say(N_("First, because of your answers."))
        # TRANSLATORS: above the answers that point to a kind of help.
        because_words = p.say(N_("Because you answered:"))
        rows = []
        for row in doc.outcomes:
            first = f" {first_words}" if row.reasons else ""
            because = [f"{h(q)}: {h(a)}" for q, a in row.because]
            rows.append(
                f"<strong>{h(row.title)}</strong>{p.own(row.points_words)}. "
                f"{h(row.summary)}{first}"
                + (f"<p>{because_words}</p>{_list(because)}" if because else "")
            )
        heading = N_("What may fit you, best first")
        out += [p.section("fit", heading), _list(rows, "ol"), "</section>"]
    if doc.ruled_out:
        rows = [
            f"<strong>{h(r.title)}</strong>: " + " ".join(h(x) for x in r.reasons)
            for r in doc.ruled_out
        ]
        out += [p.section("not-first", NOT_FIRST), _list(rows), "</section>"]
    return out


def _sections(p: _Page) -> list[str]:
    rows = [s for s in p.doc.sections if s.percent is not None or s.flags]
    if not rows:
        return []
    banded = any(s.band for s in rows)  # no column that would say nothing in every row
    # TRANSLATORS: the caption of the table of results, one row per section.
    caption = p.say(N_("Your result in each section"))
    # TRANSLATORS: column headings of the table of results by section: the section, its
    # result (a percentage or a number of warning signs) and what that result means.
    columns = [N_("Section"), N_("Result"), N_("What it means")][: 3 if banded else 2]
    out = [
        p.section("by-section", N_("By section")),
        f"<table><caption>{caption}</caption><thead><tr>",
        *(f'<th scope="col">{p.say(c)}</th>' for c in columns),
        "</tr></thead><tbody>",
    ]
    for s in rows:
        if s.percent is not None:
            score = p.percent(s.percent)
        else:
            count = ngettext("{count} warning sign", "{count} warning signs", s.flags)
            score = p.own(count.format(count=s.flags))
        band = f"<td>{h(s.band or '')}</td>" if banded else ""
        out.append(f'<tr><th scope="row">{h(s.title)}</th><td>{score}</td>{band}</tr>')
    return [*out, "</tbody></table></section>"]


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
