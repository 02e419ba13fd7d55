"""A scoring :class:`~vetting.scoring.Result` as plain text, Markdown, HTML or JSON.

Every format tells the same things in the same order, because the order is part of the
message: crisis help first when an answer asked for it, then the warning signs (most
serious first, each with its severity in words, so colour is never the only signal), what
the person was unsure about, the band in words, section scores, how complete the answers
are, ranked outcomes with the answers behind them, next steps, sources, the safety block
and the disclaimer.

Checklist and answer text is third-party text. It always passes through
:func:`vetting.checklist.textcheck.sanitize` (no terminal control sequences), and in HTML through
:func:`html.escape` too; the page has no script, a Content-Security-Policy that forbids
loading anything, and a link only where a checklist URL is plain ``https``. Markdown
backslash-escapes the characters that would otherwise make links, emphasis or raw HTML.

JSON keys (stable; numbers are unrounded floats, ``null`` where there is no value)::

    format                  1
    checklist               {id, version, title, kind, content_hash}
    percent, total, lowest, highest
    band                    {id, label, meaning, when_flag} or null
    sections                [{id, title, percent, total, lowest, highest, band, flags}]
    flags                   [{item_id, severity, text, answer, answer_label, references}]
    unsure_flags            [{item_id, text}]
    crisis                  true / false
    outcomes                [{id, title, points, because: [{item_id, item_text, answer,
                              answer_label, points}]}]
    top_outcome             outcome id or null
    completeness            {shown, answered, unsure, not_applicable, skipped, fraction}
    next_steps              [text]
    answers                 [{item_id, text, answer, answer_label}] (shown items; only when
                            answers were given to the renderer)
    safety                  {message, resources: [{name, contact, url, hours, note}]}
    disclaimer              text
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from vetting.checklist.model import Band, Checklist, ChecklistKind, Item, Reference, Severity
from vetting.checklist.textcheck import sanitize
from vetting.scoring import Flag, OutcomeScore, Result, answer_label, visible_item_ids

FORMATS = ("text", "markdown", "html", "json")
JSON_FORMAT = 1

SEVERITY_WORDS = {
    Severity.CRITICAL: "CRITICAL",
    Severity.SERIOUS: "SERIOUS",
    Severity.CAUTION: "CAUTION",
    Severity.INFO: "NOTE",
}

UNSURE_NOTE = (
    '"Not sure" is never counted as safe. If you can, find out, or ask your therapist directly.'
)
CRISIS_HEADING = "Please read this first: help is available now"
NO_BAND = "Not enough answers yet to give a result."
NO_OUTCOME = "Not enough answers yet to point to one kind of help."


def _clean(text: Any) -> str:
    return sanitize(str(text))


# --------------------------------------------------------------------------- shared pieces


def _item_text(checklist: Checklist, item_id: str) -> str:
    item = checklist.item(item_id)
    return item.text if item else item_id


def _severity_word(severity: Severity) -> str:
    return SEVERITY_WORDS.get(severity, severity.value.upper())


def _percent(value: float | None) -> str:
    return "no score yet" if value is None else f"{value:.0f}%"


def _flag_answer(checklist: Checklist, flag: Flag) -> str:
    return answer_label(checklist.item(flag.item_id), flag.answer)


def _references(checklist: Checklist, item_id: str) -> tuple[Reference, ...]:
    item = checklist.item(item_id)
    return item.references if item else ()


def _answer_rows(checklist: Checklist, answers: Mapping[str, Any] | None) -> list[tuple[Item, Any]]:
    """Shown items with the answer given (None = skipped), in checklist order."""
    if answers is None:
        return []
    shown = set(visible_item_ids(checklist, answers))
    return [(item, answers.get(item.id)) for item in checklist.items if item.id in shown]


def _ranked(result: Result) -> list[OutcomeScore]:
    return [o for o in result.outcomes if o.points > 0]


def result_words(checklist: Checklist, result: Result) -> tuple[str, str]:
    """(headline, meaning) of the result, shared by every report and the app.

    A checklist with bands is summed up by its band; a choice checklist without bands by
    its top outcome, so it never claims "not enough answers" when it has a ranking.
    """
    if result.band is not None:
        return result.band.label, result.band.meaning
    if not checklist.bands and checklist.outcomes:
        top = result.top_outcome
        if top is None:
            return NO_OUTCOME, ""
        return f"Best fit so far: {top.title}", top.summary
    return NO_BAND, ""


def safe_https(url: str | None) -> str | None:
    """``url`` if it is a plain https address with a host and nothing odd in it, else None."""
    if not url or any(ch.isspace() or ch in "<>\"'`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    return url if sanitize(url) == url else None


# --------------------------------------------------------------------------- text


def render_text(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """Plain text for a terminal: no colour, no markup, severity always in words."""
    out: list[str] = [_clean(checklist.title), "=" * min(len(checklist.title), 72), ""]
    if result.crisis:
        out += [f"!! {CRISIS_HEADING}", *_safety_lines(checklist), ""]
    out += _text_flags(checklist, result)
    label, meaning = result_words(checklist, result)
    out.append(f"Result: {_clean(label)}")
    if meaning:
        out.append(f"  {_clean(meaning)}")
    if result.percent is not None:
        out.append(f"  Overall score: {_percent(result.percent)}")
    out.append("")
    sections = [s for s in result.sections if s.percent is not None]
    if sections:
        out.append("Scores by section:")
        for s in sections:
            band = f" - {_clean(s.band.label)}" if s.band else ""
            out.append(f"  {_clean(s.title)}: {_percent(s.percent)}{band}")
        out.append("")
    out += [_completeness_line(result), ""]
    out += _text_outcomes(checklist, result)
    out += _bullets("Next steps:", result.next_steps)
    out += _text_answers(checklist, answers)
    out += _bullets("Where this comes from:", [_source(s.title, s.url) for s in checklist.sources])
    out += ["If you need help now:", *_safety_lines(checklist), ""]
    out.append(f"Please note: {_clean(checklist.disclaimer)}")
    return "\n".join(out) + "\n"


def _text_flags(checklist: Checklist, result: Result) -> list[str]:
    out: list[str] = []
    if result.flags:
        count = len(result.flags)
        out.append(f"Warning signs in your answers: {count}")
        for flag in result.flags:
            out.append(
                f"{_severity_word(flag.severity)}: {_clean(_item_text(checklist, flag.item_id))}"
            )
            out.append(f"  You answered: {_clean(_flag_answer(checklist, flag))}")
            for ref in _references(checklist, flag.item_id):
                out.append(f"  See: {_clean(ref.describe())}")
        out.append("")
    if result.unsure_flags:
        out.append("You were unsure about these warning signs:")
        out += [f"  ? {_clean(_item_text(checklist, i))}" for i in result.unsure_flags]
        out += [f"  {UNSURE_NOTE}", ""]
    return out


def _completeness_line(result: Result) -> str:
    c = result.completeness
    return (
        f"You answered {c.answered} of the {c.shown} questions you were shown. "
        f"Not sure: {c.unsure}. Doesn't apply: {c.not_applicable}. Skipped: {c.skipped}."
    )


def _text_outcomes(checklist: Checklist, result: Result) -> list[str]:
    if checklist.kind is not ChecklistKind.CHOICE:
        return []
    ranked = _ranked(result)
    if not ranked:
        return ["What may fit you: your answers do not point to one yet.", ""]
    out = ["What may fit you, best first:"]
    for rank, scored in enumerate(ranked, start=1):
        out.append(f"  {rank}. {_clean(scored.outcome.title)} ({scored.points:g} points)")
        out.append(f"     {_clean(scored.outcome.summary)}")
        if scored.because:
            out.append("     Because you answered:")
            for c in scored.because:
                out.append(f"     - {_clean(c.item_text)} -> {_clean(c.answer_label)}")
    return [*out, ""]


def _text_answers(checklist: Checklist, answers: Mapping[str, Any] | None) -> list[str]:
    rows = _answer_rows(checklist, answers)
    if not rows:
        return []
    out = ["Your answers:"]
    for item, value in rows:
        out.append(f"  - {_clean(item.text)}: {_clean(answer_label(item, value))}")
    return [*out, ""]


def _bullets(heading: str, lines: Any) -> list[str]:
    lines = list(lines)
    if not lines:
        return []
    return [heading, *[f"  - {_clean(line)}" for line in lines], ""]


def _source(title: str, url: str | None) -> str:
    return f"{title} ({url})" if url else title


def _safety_lines(checklist: Checklist) -> list[str]:
    safety = checklist.safety
    out = [f"  {_clean(safety.message)}"]
    for r in safety.resources:
        extra = [x for x in (r.url, r.hours, r.note) if x]
        tail = f" ({'; '.join(_clean(x) for x in extra)})" if extra else ""
        out.append(f"  - {_clean(r.name)}: {_clean(r.contact)}{tail}")
    return out


# --------------------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def md(text: Any) -> str:
    """Literal Markdown text: sanitized, on one line, every active character escaped."""
    one_line = " ".join(_clean(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)


def _md_link(url: str | None) -> str:
    safe = safe_https(url)
    return f"<{safe}>" if safe else md(url or "")


def render_markdown(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """A Markdown report; checklist text can never become a link, tag or heading."""
    out: list[str] = [f"# {md(checklist.title)}", ""]
    if result.crisis:
        out += [f"## {CRISIS_HEADING}", "", *_md_safety(checklist), ""]
    out += _md_flags(checklist, result)
    label, meaning = result_words(checklist, result)
    out += ["## Result", "", f"**{md(label)}**", ""]
    if meaning:
        out += [md(meaning), ""]
    if result.percent is not None:
        out += [f"Overall score: {_percent(result.percent)}", ""]
    sections = [s for s in result.sections if s.percent is not None]
    if sections:
        out += ["## Scores by section", "", "| Section | Score | Band |", "|---|---|---|"]
        for s in sections:
            out.append(
                f"| {md(s.title)} | {_percent(s.percent)} | {md(s.band.label) if s.band else '-'} |"
            )
        out.append("")
    out += ["## How complete this is", "", _completeness_line(result), ""]
    out += _md_outcomes(checklist, result)
    if result.next_steps:
        out += ["## Next steps", "", *[f"- {md(s)}" for s in result.next_steps], ""]
    rows = _answer_rows(checklist, answers)
    if rows:
        out += ["## Your answers", ""]
        out += [f"- {md(item.text)}: **{md(answer_label(item, v))}**" for item, v in rows]
        out.append("")
    if checklist.sources:
        out += ["## Where this comes from", ""]
        for s in checklist.sources:
            out.append(f"- {md(s.title)}" + (f" ({_md_link(s.url)})" if s.url else ""))
        out.append("")
    out += ["## If you need help now", "", *_md_safety(checklist), ""]
    out += [f"*Please note:* {md(checklist.disclaimer)}", ""]
    return "\n".join(out)


def _md_flags(checklist: Checklist, result: Result) -> list[str]:
    out: list[str] = []
    if result.flags:
        out += [f"## Warning signs in your answers: {len(result.flags)}", ""]
        for flag in result.flags:
            word = _severity_word(flag.severity)
            out.append(f"- **{word}:** {md(_item_text(checklist, flag.item_id))}")
            out.append(f"  - You answered: {md(_flag_answer(checklist, flag))}")
            for ref in _references(checklist, flag.item_id):
                out.append(f"  - See: {md(ref.describe())}")
        out.append("")
    if result.unsure_flags:
        out += ["## You were unsure about these warning signs", ""]
        out += [f"- {md(_item_text(checklist, i))}" for i in result.unsure_flags]
        out += ["", md(UNSURE_NOTE), ""]
    return out


def _md_outcomes(checklist: Checklist, result: Result) -> list[str]:
    if checklist.kind is not ChecklistKind.CHOICE:
        return []
    ranked = _ranked(result)
    if not ranked:
        return ["## What may fit you", "", "Your answers do not point to one yet.", ""]
    out = ["## What may fit you, best first", ""]
    for rank, scored in enumerate(ranked, start=1):
        out.append(
            f"{rank}. **{md(scored.outcome.title)}** ({scored.points:g} points): "
            f"{md(scored.outcome.summary)}"
        )
        for c in scored.because:
            out.append(f"   - Because you answered {md(c.answer_label)} to: {md(c.item_text)}")
    return [*out, ""]


def _md_safety(checklist: Checklist) -> list[str]:
    out = [md(checklist.safety.message), ""]
    for r in checklist.safety.resources:
        extra = [_md_link(r.url)] if r.url else []
        extra += [md(x) for x in (r.hours, r.note) if x]
        out.append(
            f"- **{md(r.name)}**: {md(r.contact)}" + (f" ({'; '.join(extra)})" if extra else "")
        )
    return out


# --------------------------------------------------------------------------- html

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.crisis, .flag-critical { border: 3px solid #a00000; padding: 0.5rem 1rem; }
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


def h(text: Any) -> str:
    """Sanitized, HTML-escaped text (quotes too): never live markup."""
    return html.escape(_clean(text), quote=True)


def _h_link(url: str | None) -> str:
    safe = safe_https(url)
    if safe is None:
        return h(url or "")
    return f'<a href="{h(safe)}" rel="noopener noreferrer">{h(safe)}</a>'


def render_html(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """A complete standalone HTML page: escaped text, no script, nothing loaded from outside."""
    body: list[str] = [f"<h1>{h(checklist.title)}</h1>"]
    if result.crisis:
        body += [
            f'<section class="crisis" role="alert"><h2>{h(CRISIS_HEADING)}</h2>',
            *_h_safety(checklist),
            "</section>",
        ]
    body += _h_flags(checklist, result)
    label, meaning = result_words(checklist, result)
    body += ['<section id="result"><h2>Result</h2>', f"<p><strong>{h(label)}</strong></p>"]
    if meaning:
        body.append(f"<p>{h(meaning)}</p>")
    if result.percent is not None:
        body.append(f"<p>Overall score: {h(_percent(result.percent))}</p>")
    body.append("</section>")
    body += _h_sections(result)
    body.append(
        f"<section><h2>How complete this is</h2><p>{h(_completeness_line(result))}</p></section>"
    )
    body += _h_outcomes(checklist, result)
    if result.next_steps:
        body += [
            "<section><h2>Next steps</h2><ul>",
            *[f"<li>{h(s)}</li>" for s in result.next_steps],
            "</ul></section>",
        ]
    rows = _answer_rows(checklist, answers)
    if rows:
        body += [
            "<section><h2>Your answers</h2><ul>",
            *[f"<li>{h(i.text)}: <strong>{h(answer_label(i, v))}</strong></li>" for i, v in rows],
            "</ul></section>",
        ]
    if checklist.sources:
        body.append("<section><h2>Where this comes from</h2><ul>")
        for s in checklist.sources:
            link = f" ({_h_link(s.url)})" if s.url else ""
            body.append(f"<li>{h(s.title)}{link}</li>")
        body.append("</ul></section>")
    body += [
        '<section id="safety"><h2>If you need help now</h2>',
        *_h_safety(checklist),
        "</section>",
    ]
    body.append(f'<p id="disclaimer"><strong>Please note:</strong> {h(checklist.disclaimer)}</p>')
    lang = h(checklist.language or "en")
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(checklist.title)}: your results</title>\n<style>\n{_CSS}\n</style>\n"
        "</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def _h_flags(checklist: Checklist, result: Result) -> list[str]:
    out: list[str] = []
    if result.flags:
        out.append(
            f'<section id="flags"><h2>Warning signs in your answers: {len(result.flags)}</h2>'
        )
        for flag in result.flags:
            refs = "".join(
                f"<li>See: {_h_reference(ref)}</li>" for ref in _references(checklist, flag.item_id)
            )
            out.append(
                f'<div class="flag flag-{h(flag.severity.value)}">'
                f'<p><span class="severity">{h(_severity_word(flag.severity))}:</span> '
                f"{h(_item_text(checklist, flag.item_id))}</p>"
                f"<p>You answered: {h(_flag_answer(checklist, flag))}</p>"
                + (f"<ul>{refs}</ul>" if refs else "")
                + "</div>"
            )
        out.append("</section>")
    if result.unsure_flags:
        out.append('<section id="unsure"><h2>You were unsure about these warning signs</h2><ul>')
        out += [f"<li>{h(_item_text(checklist, i))}</li>" for i in result.unsure_flags]
        out.append(f"</ul><p>{h(UNSURE_NOTE)}</p></section>")
    return out


def _h_reference(ref: Reference) -> str:
    """A citation in words; its URL becomes a link only when it is plain https."""
    words = ref.describe()
    if ref.url and safe_https(ref.url):
        words = words[: -len(ref.url)].rstrip(" -") if words.endswith(ref.url) else words
        return (h(words) + " - " if words else "") + _h_link(ref.url)
    return h(words)


def _h_sections(result: Result) -> list[str]:
    sections = [s for s in result.sections if s.percent is not None]
    if not sections:
        return []
    out = [
        "<section><h2>Scores by section</h2><table>",
        "<tr><th>Section</th><th>Score</th><th>Band</th></tr>",
    ]
    for s in sections:
        band = h(s.band.label) if s.band else "-"
        out.append(
            f"<tr><td>{h(s.title)}</td><td>{h(_percent(s.percent))}</td><td>{band}</td></tr>"
        )
    return [*out, "</table></section>"]


def _h_outcomes(checklist: Checklist, result: Result) -> list[str]:
    if checklist.kind is not ChecklistKind.CHOICE:
        return []
    ranked = _ranked(result)
    if not ranked:
        return [
            "<section><h2>What may fit you</h2>"
            "<p>Your answers do not point to one yet.</p></section>"
        ]
    out = ["<section><h2>What may fit you, best first</h2><ol>"]
    for scored in ranked:
        because = "".join(f"<li>{h(c.item_text)}: {h(c.answer_label)}</li>" for c in scored.because)
        out.append(
            f"<li><strong>{h(scored.outcome.title)}</strong> ({scored.points:g} points). "
            f"{h(scored.outcome.summary)}"
            + (f"<p>Because you answered:</p><ul>{because}</ul>" if because else "")
            + "</li>"
        )
    return [*out, "</ol></section>"]


def _h_safety(checklist: Checklist) -> list[str]:
    out = [f"<p>{h(checklist.safety.message)}</p>", "<ul>"]
    for r in checklist.safety.resources:
        extra = [_h_link(r.url)] if r.url else []
        extra += [h(x) for x in (r.hours, r.note) if x]
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"<li><strong>{h(r.name)}</strong>: {h(r.contact)}{tail}</li>")
    return [*out, "</ul>"]


# --------------------------------------------------------------------------- json


def report_dict(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON report as plain data (keys documented in the module docstring)."""
    data: dict[str, Any] = {
        "format": JSON_FORMAT,
        "checklist": {
            "id": checklist.id,
            "version": checklist.version,
            "title": checklist.title,
            "kind": checklist.kind.value,
            "content_hash": checklist.content_hash or None,
        },
        "percent": result.percent,
        "total": result.total,
        "lowest": result.lowest,
        "highest": result.highest,
        "band": _band_dict(result.band),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "percent": s.percent,
                "total": s.total,
                "lowest": s.lowest,
                "highest": s.highest,
                "band": _band_dict(s.band),
                "flags": [f.item_id for f in s.flags],
            }
            for s in result.sections
        ],
        "flags": [
            {
                "item_id": f.item_id,
                "severity": f.severity.value,
                "text": _item_text(checklist, f.item_id),
                "answer": f.answer,
                "answer_label": _flag_answer(checklist, f),
                "references": [r.describe() for r in _references(checklist, f.item_id)],
            }
            for f in result.flags
        ],
        "unsure_flags": [
            {"item_id": i, "text": _item_text(checklist, i)} for i in result.unsure_flags
        ],
        "crisis": result.crisis,
        "outcomes": [
            {
                "id": o.outcome.id,
                "title": o.outcome.title,
                "points": o.points,
                "because": [
                    {
                        "item_id": c.item_id,
                        "item_text": c.item_text,
                        "answer": c.answer,
                        "answer_label": c.answer_label,
                        "points": c.points,
                    }
                    for c in o.because
                ],
            }
            for o in result.outcomes
        ],
        "top_outcome": result.top_outcome.id if result.top_outcome else None,
        "completeness": {
            "shown": result.completeness.shown,
            "answered": result.completeness.answered,
            "unsure": result.completeness.unsure,
            "not_applicable": result.completeness.not_applicable,
            "skipped": result.completeness.skipped,
            "fraction": result.completeness.fraction,
        },
        "next_steps": list(result.next_steps),
        "safety": {
            "message": checklist.safety.message,
            "resources": [
                {
                    "name": r.name,
                    "contact": r.contact,
                    "url": r.url,
                    "hours": r.hours,
                    "note": r.note,
                }
                for r in checklist.safety.resources
            ],
        },
        "disclaimer": checklist.disclaimer,
    }
    if answers is not None:
        data["answers"] = [
            {"item_id": i.id, "text": i.text, "answer": v, "answer_label": answer_label(i, v)}
            for i, v in _answer_rows(checklist, answers)
        ]
    return _json_clean(data)


def _band_dict(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {
        "id": band.id,
        "label": band.label,
        "meaning": band.meaning,
        "when_flag": band.when_flag.value if band.when_flag else None,
    }


def _json_clean(value: Any) -> Any:
    """Sanitized strings, lists for tuples, and no NaN/inf (they are not JSON)."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, Mapping):
        return {str(k): _json_clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def render_json(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """Stable JSON: sorted keys, two-space indent, no NaN."""
    data = report_dict(checklist, result, answers)
    return json.dumps(data, sort_keys=True, allow_nan=False, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- dispatch

RENDERERS: dict[str, Callable[[Checklist, Result, Mapping[str, Any] | None], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}


def render(
    fmt: str, checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """Render in ``fmt`` (one of :data:`FORMATS`); raises ``ValueError`` for anything else."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        ) from None
    return renderer(checklist, result, answers)


__all__ = [
    "FORMATS",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "report_dict",
    "safe_https",
]
