"""Exported reports never carry live markup, links or terminal control sequences.

A report is what a person saves, prints or sends to someone they trust, so a hostile
checklist must not be able to put a script in the HTML, a ``javascript:`` link in the
Markdown, or an escape sequence in any format (SECURITY-NOTES T4, R5).

The loader already refuses control characters in files, so these checklists are built
in code, past the loader: the test is about defence in depth in :mod:`vetting.reports`.
Every display string of each built-in checklist is replaced by a payload that combines
Textual markup, terminal escapes (ESC, OSC 8, OSC 52, DCS, C1), bidi overrides and HTML;
every URL by a hostile URL. Answers raise flags, crisis and outcomes so every part of
each report is rendered.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from vetting import reports
from vetting.checklist.model import NOT_APPLICABLE, UNSURE, Checklist, Item, ItemKind
from vetting.checklist.resources import builtin_checklist_paths
from vetting.checklist.safety import APP_SAFETY
from vetting.scoring import score
from vetting.validation.pipeline import load_checklist

ROOT = Path(__file__).resolve().parents[2]

MARKUP = [
    "[@click=app.quit]Q1[/]",
    "[ @click=app.quit]Q2",
    "[$accent @click=app.bell]Q3",
    "[/]",
    "[link=file:///etc/passwd]x[/]",
]
TERMINAL = [
    "\x1b[2J",  # clear the screen
    "\x1b]0;PWNTITLE\x1b\\",  # set the window title
    "\x1b]8;;https://evil.example\x1b\\Crisis line\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52: write the clipboard
    "\x1bP+q544e\x1b\\",  # DCS request
    "\x9b2J\x9d0;C1TITLE\x9c",  # the same through C1 controls
    "\x07\x08\x00",
]
HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "![x](https://evil.example/pixel.png)",
    "I do \u202eton\u202c feel hopeful",
]
PAYLOAD = " ".join(MARKUP + TERMINAL + HTML)
HOSTILE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "http://evil.example/plain-http",
    'https://evil.example/"><script>alert(1)</script>',
    "https://evil.example/\x1b]52;c;eA==\x07",
    "https://evil.example/\u202egnp.exe",
    "https://example.org/a-plain-link",  # the one kind that may become a link
]
KEEP = {"id", "value", "item", "values", "kind", "content_hash", "tests", "outcomes", "format"}
# Ids a decision rule or condition names: kept, so the rules fire and their alerts render.
KEEP |= {"section", "band", "rule_out", "put_first", "band_at_least", "alert"}
URL_FIELDS = {"url"}

#: The one plain link a poisoned checklist gives, and the app's own verified crisis lines,
#: which are always shown (vetting.checklist.safety), never the checklist's.
ALLOWED_LINKS = {"https://example.org/a-plain-link"} | {
    r.url for r in APP_SAFETY.resources if r.url
}

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


# --------------------------------------------------------------------------- poisoning


def _is_record(value: Any) -> bool:
    """A model record: the dataclass ``Checklist`` or one of the named-tuple leaf types."""
    if isinstance(value, type):
        return False
    return dataclasses.is_dataclass(value) or (
        isinstance(value, tuple) and hasattr(value, "_fields")
    )


def _poison(node: Any, urls: itertools.cycle[str]) -> Any:
    """A copy of a model object with every display string and URL made hostile."""
    if not _is_record(node):
        return node
    if isinstance(node, tuple):  # a named tuple: every field is set by its constructor
        return node._replace(
            **{
                name: _poison_value(getattr(node, name), name, urls)
                for name in node._fields
                if name not in KEEP
            }
        )
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(node):
        if field.name.startswith("_"):
            changes[field.name] = type(getattr(node, field.name))()  # a fresh cache
            continue
        if field.name in KEEP or not field.init:
            continue
        changes[field.name] = _poison_value(getattr(node, field.name), field.name, urls)
    return dataclasses.replace(node, **changes)


def _poison_value(value: Any, name: str, urls: itertools.cycle[str]) -> Any:
    if type(value) is str:
        return next(urls) if name in URL_FIELDS else f"{name}: {PAYLOAD}"
    if _is_record(value):
        return _poison(value, urls)
    if isinstance(value, tuple):
        return tuple(_poison_value(v, name, urls) for v in value)
    return value


def hostile(checklist: Checklist) -> Checklist:
    poisoned = _poison(checklist, itertools.cycle(HOSTILE_URLS))
    assert poisoned.items and all(PAYLOAD in item.text for item in poisoned.items)
    return poisoned


def _worst_answers(checklist: Checklist) -> dict[str, Any]:
    """Answers that raise every flag and crisis they can, with hostile free text."""
    answers: dict[str, Any] = {}
    for item in checklist.items:
        answers[item.id] = _worst(item)
    return answers


def _worst(item: Item) -> Any:
    if item.kind is ItemKind.NOTE:
        return f"My note: {PAYLOAD}"
    if item.kind is ItemKind.MULTIPLE:
        return [option.value for option in item.options]
    if item.kind is ItemKind.SCALE and item.scale is not None:
        low = item.scale.flag_at_or_below is not None
        return item.scale.min if low else item.scale.max
    flagged = [o for o in item.options if o.flag or o.crisis]
    options = flagged or sorted(item.options, key=lambda o: o.points)
    return options[-1].value if options else "yes"


def _unsure_answers(checklist: Checklist) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in checklist.items:
        if item.allow_unsure:
            out[item.id] = UNSURE
        elif item.allow_not_applicable:
            out[item.id] = NOT_APPLICABLE
    return out


def _cases() -> list[tuple[str, Checklist, dict[str, Any]]]:
    cases = []
    for path in builtin_checklist_paths():
        checklist = hostile(load_checklist(path))
        sets = {
            "worst": _worst_answers(checklist),
            "unsure": _unsure_answers(checklist),
            **{f"golden{n}": t.answers_dict() for n, t in enumerate(checklist.tests[:2])},
        }
        cases += [(f"{path.stem}-{name}", checklist, given) for name, given in sets.items()]
    return cases


CASES = _cases()
IDS = [case[0] for case in CASES]


def test_the_hostile_checklists_reach_every_part_of_a_report() -> None:
    """Guard against a vacuous test: flags, crisis, outcomes and unsure all appear."""
    results = [score(checklist, answers) for _, checklist, answers in CASES]
    assert any(result.flags for result in results)
    assert any(result.crisis for result in results)
    assert any(result.top_outcome is not None for result in results)
    assert any(result.unsure_flags for result in results)
    pages = [reports.render_html(c, r, a) for (_, c, a), r in zip(CASES, results, strict=True)]
    assert any('href="https://example.org/a-plain-link"' in page for page in pages)


# --------------------------------------------------------------------------- every format


@pytest.mark.parametrize("fmt", reports.FORMATS)
@pytest.mark.parametrize(("name", "checklist", "answers"), CASES, ids=IDS)
def test_no_control_sequence_in_any_format(
    name: str, checklist: Checklist, answers: dict[str, Any], fmt: str
) -> None:
    text = reports.render(fmt, checklist, score(checklist, answers), answers)
    found = CONTROL.search(text)
    assert found is None, (
        f"{found.group()!r} at {found.start()}: {text[found.start() - 40 :][:80]!r}"
    )
    assert "PWNTITLE" in text  # the words survive; only the control characters are gone


@pytest.mark.parametrize(("name", "checklist", "answers"), CASES, ids=IDS)
def test_text_and_json_keep_markup_as_literal_words(
    name: str, checklist: Checklist, answers: dict[str, Any]
) -> None:
    result = score(checklist, answers)
    text = reports.render_text(checklist, result, answers)
    data = json.loads(reports.render_json(checklist, result, answers))
    for marker in MARKUP:
        assert marker in text
        assert marker in data["disclaimer"]


@pytest.mark.parametrize(("name", "checklist", "answers"), CASES, ids=IDS)
def test_json_round_trips(name: str, checklist: Checklist, answers: dict[str, Any]) -> None:
    result = score(checklist, answers)
    rendered = reports.render_json(checklist, result, answers)
    data = json.loads(rendered)
    assert data == reports.report_dict(checklist, result, answers)
    assert (
        json.dumps(data, sort_keys=True, allow_nan=False, indent=2, ensure_ascii=False) + ("\n")
        == rendered
    )


# --------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    parser.close()
    return parser


LIVE_TAGS = {
    "script",
    "img",
    "iframe",
    "svg",
    "object",
    "embed",
    "form",
    "input",
    "link",
    "base",
    "frame",
    "video",
    "audio",
    "source",
    "math",
}


@pytest.mark.parametrize(("name", "checklist", "answers"), CASES, ids=IDS)
def test_html_has_no_live_markup(name: str, checklist: Checklist, answers: dict[str, Any]) -> None:
    page = reports.render_html(checklist, score(checklist, answers), answers)
    parsed = _parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & LIVE_TAGS, tags & LIVE_TAGS
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "src" not in attrs and "style" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            parts = urlsplit(href)
            assert parts.scheme == "https" and parts.hostname, href
            assert not re.search(r"[\s\"'<>\\]", href) and CONTROL.search(href) is None, href
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            assert "default-src 'none'" in (attrs.get("content") or "")
    assert any(
        tag == "meta" and a.get("http-equiv") == "Content-Security-Policy" for tag, a in parsed.tags
    ), "the page must forbid loading anything"
    hrefs = [attrs["href"] for _, attrs in parsed.tags if attrs.get("href")]
    assert set(hrefs) <= ALLOWED_LINKS, hrefs
    shown = "".join(parsed.text)
    assert "<script>alert(1)</script>" in shown  # visible as words, never run


# --------------------------------------------------------------------------- Markdown


def _viewers(text: str) -> dict[str, str]:
    """The Markdown as HTML, the way real viewers show it: GitHub's own cmark-gfm (with
    its autolink and tag filter extensions) and markdown-it with linkify (the fuzzy links
    many editors and chat tools add)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options
    from markdown_it import MarkdownIt

    gfm = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    linkify = MarkdownIt("commonmark", {"linkify": True, "html": True}).enable("linkify")
    return {"cmark-gfm": gfm, "markdown-it+linkify": linkify.render(text)}


@pytest.mark.parametrize(("name", "checklist", "answers"), CASES, ids=IDS)
def test_markdown_has_no_live_links_or_html(
    name: str, checklist: Checklist, answers: dict[str, Any]
) -> None:
    """Rendered by real viewers, with raw HTML allowed: still no tag but plain formatting,
    and no link but the checklist's one plain https address (no autolinked ``www.``,
    ``http://``, e-mail or ``name.tld`` from checklist text)."""
    text = reports.render_markdown(checklist, score(checklist, answers), answers)
    for viewer, page in _viewers(text).items():
        parsed = _parse(page)
        tags = {tag for tag, _ in parsed.tags}
        assert not tags & LIVE_TAGS, (viewer, tags & LIVE_TAGS)
        hrefs = {attrs.get("href") for tag, attrs in parsed.tags if tag == "a"}
        assert hrefs <= ALLOWED_LINKS, (viewer, hrefs)
        shown = "".join(parsed.text)
        assert "<script>alert(1)</script>" in shown, viewer  # the words are kept, inert


def test_the_viewers_would_link_plain_words() -> None:
    """The check above can fail: both viewers do link these words when they are not guarded."""
    for page in _viewers("see www.evil.example, http://x.example and mail@x.example").values():
        assert "<a href" in page


# --------------------------------------------------------------------------- the app's code


def test_markup_escape_is_never_used_as_a_boundary() -> None:
    """``rich``/``textual`` ``markup.escape`` miss ``[ @click=...]`` and ``[$x @click=...]``.

    SECURITY-NOTES E2d/E2e: after escaping, both still ran the action when clicked, so the
    app must pass checklist text as ``Content``/``Text`` instead (R1, R2).
    """
    pattern = re.compile(r"markup\s+import\s+[^\n]*\bescape\b|markup\.escape\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "vetting").rglob("*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for match in pattern.finditer(text)
    ]
    assert offenders == []
