"""A result as a complete, standalone HTML page.

Escaped text everywhere, no script, a Content-Security-Policy that forbids loading
anything, and a link only where a checklist gives a plain https address. The page has a
language, landmarks, headings in order and colours with enough contrast.
"""

import html

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

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.crisis, .alert, .flag-critical { border: 3px solid #a00000; padding: 0.5rem 1rem; }
.alert { margin: 0.5rem 0; }
.flag { margin: 0.5rem 0; padding: 0.5rem 1rem; border-left: 6px solid #555; }
.flag-critical { border-left-width: 10px; }
.severity { font-weight: bold; text-transform: uppercase; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 0.2rem 0.6rem; }
@media print { a { color: inherit; } }
""".strip()

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def h(text: str) -> str:
    """HTML-escaped text (quotes too): never live markup."""
    return html.escape(text, quote=True)


def _address(url: str | None, link: str | None) -> str:
    """A live link only where the document says it may be one; else the words, escaped."""
    if link is None:
        return h(url or "")
    return f'<a href="{h(link)}" rel="noopener noreferrer">{h(link)}</a>'


def _line(line: Line) -> str:
    return h(line.text) + (f" ({_address(line.url, line.link)})" if line.url else "")


def _list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def render(doc: Document) -> str:
    body: list[str] = ["<header>", f"<h1>{h(doc.title)}</h1>", "</header>", "<main>"]
    if doc.crisis:
        body.append(f'<section class="crisis" role="alert"><h2>{h(CRISIS_HEADING)}</h2>')
        body += [*_safety(doc), "</section>"]
    if doc.alerts:
        body.append(f'<section id="alerts" role="alert"><h2>{h(ALERTS_HEADING)}</h2>')
        for alert in doc.alerts:
            body.append(f'<div class="alert"><h3>{h(alert.title)}</h3><p>{h(alert.text)}</p>')
            if alert.resources:
                body.append(_resources(alert.resources))
            body.append("</div>")
        body.append("</section>")
    body += _flags(doc)
    body += ['<section id="result"><h2>Result</h2>', f"<p><strong>{h(doc.headline)}</strong></p>"]
    if doc.meaning:
        body.append(f"<p>{h(doc.meaning)}</p>")
    if doc.reasons:
        body.append(_list([f"Why: {h(r)}" for r in doc.reasons]))
    if doc.score is not None:
        body.append(f"<p>Overall score: {doc.score:.0f}%</p>")
    body.append("</section>")
    body += _outcomes(doc)
    body += _sections(doc)
    body.append(f"<section><h2>How much is known</h2><p>{h(doc.completeness)}</p></section>")
    if doc.next_steps:
        body.append("<section><h2>What you can do next</h2>")
        body += [_list([_line(s) for s in doc.next_steps]), "</section>"]
    if doc.questions:
        body.append("<section><h2>Questions to ask on a first call</h2>")
        body += [_list([h(q) for q in doc.questions]), "</section>"]
    if doc.answers:
        body.append("<section><h2>Your answers</h2>")
        body += [_list([f"{h(q)}: <strong>{h(a)}</strong>" for q, a in doc.answers]), "</section>"]
    if doc.sources:
        body.append("<section><h2>Where this comes from</h2>")
        body += [_list([_line(s) for s in doc.sources]), "</section>"]
    body += ['<section id="safety"><h2>If you need help now</h2>', *_safety(doc), "</section>"]
    body += ["</main>", "<footer>"]
    body.append(f'<p id="disclaimer"><strong>Please note:</strong> {h(doc.disclaimer)}</p>')
    body.append("</footer>")
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{h(doc.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(doc.title)}: your results</title>\n<style>\n{_CSS}\n</style>\n"
        "</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def _flags(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.flags:
        out.append(f'<section id="flags"><h2>Warning signs in your answers: {len(doc.flags)}</h2>')
        for flag in doc.flags:
            refs = [f"See: {_line(ref)}" for ref in flag.references]
            out.append(
                f'<div class="flag flag-{h(flag.severity.value)}">'
                f'<p><span class="severity">{h(flag.word)}:</span> {h(flag.question)}</p>'
                f"<p>You answered: {h(flag.answer)}</p>" + (_list(refs) if refs else "") + "</div>"
            )
        out.append("</section>")
    if doc.unsure:
        out.append('<section id="unsure"><h2>You were not sure about these warning signs</h2>')
        out += [_list([h(q) for q in doc.unsure]), f"<p>{h(UNSURE_NOTE)}</p></section>"]
    return out


def _outcomes(doc: Document) -> list[str]:
    out: list[str] = []
    if doc.outcomes:
        rows = []
        for row in doc.outcomes:
            first = " First, because of your answers." if row.reasons else ""
            because = [f"{h(q)}: {h(a)}" for q, a in row.because]
            rows.append(
                f"<strong>{h(row.title)}</strong>{row.points_words}. {h(row.summary)}{first}"
                + (f"<p>Because you answered:</p>{_list(because)}" if because else "")
            )
        out += ["<section><h2>What may fit you, best first</h2>", _list(rows, "ol"), "</section>"]
    if doc.ruled_out:
        rows = [
            f"<strong>{h(r.title)}</strong>: " + " ".join(h(x) for x in r.reasons)
            for r in doc.ruled_out
        ]
        out += [f"<section><h2>{h(NOT_FIRST)}</h2>", _list(rows), "</section>"]
    return out


def _sections(doc: Document) -> list[str]:
    rows = [s for s in doc.sections if s.percent is not None or s.flags]
    if not rows:
        return []
    out = [
        "<section><h2>By section</h2><table>",
        '<tr><th scope="col">Section</th><th scope="col">Result</th><th scope="col">Band</th></tr>',
    ]
    for s in rows:
        score = f"{s.percent:.0f}%" if s.percent is not None else f"{s.flags} warning signs"
        band = h(s.band) if s.band else "-"
        out.append(f"<tr><td>{h(s.title)}</td><td>{score}</td><td>{band}</td></tr>")
    return [*out, "</table></section>"]


def _resources(resources: tuple[ResourceLine, ...]) -> str:
    items = []
    for r in resources:
        extra = ([_address(r.url, r.link)] if r.url else []) + [h(x) for x in r.details]
        tail = f" ({'; '.join(extra)})" if extra else ""
        items.append(f"<strong>{h(r.name)}</strong>: {h(r.contact)}{tail}")
    return _list(items)


def _safety(doc: Document) -> list[str]:
    out = [f"<p>{h(doc.safety_message)}</p>", _resources(doc.safety)]
    if doc.safety_from_author:
        out += [f"<p>{h(AUTHOR_NOTE)}</p>", _resources(doc.safety_from_author)]
    return out
