"""The HTML export's structure, checked without a browser (issue 14, point 5).

axe-core in headless Chromium checks the same pages in tests/serve/test_export_a11y.py; this
file catches a regression where Chromium is missing: the page's language, one ``<h1>`` and one
``<main>``, headings that never skip a level, named parts, tables with captions and scoped
headers, links with words, red flags said in words, and colours with enough contrast.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings, strategies as st

from tests.support.exports import ExportCase, export_cases
from vetting import i18n
from vetting.checklist.textcheck import sanitize as clean
from vetting.i18n import set_language
from vetting.reports import Document, build, html as html_report
from vetting.scoring import score

CASES = export_cases()
IDS = [case.name for case in CASES]
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class Outline(HTMLParser):
    """What a screen reader's lists of headings, landmarks, tables and links are made from."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.html_lang: str | None = None
        self.counts: dict[str, int] = {}
        self.headings: list[tuple[int, str, str, tuple[str, ...]]] = []  # level, id, text, in
        self.ids: list[str] = []
        self.labelled_by: list[str] = []
        self.langs: list[str] = []
        self.th_without_scope = 0
        self.tables_without_caption = 0
        self.links: list[str] = []
        self.flags: list[str] = []  # the words of each red flag
        self.title = ""
        self._text: list[list[str]] = []  # open text collectors (headings, links, flags)
        self._table_children: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag == "html":
            self.html_lang = a.get("lang")
        elif "lang" in a:
            self.langs.append(a["lang"])
        if "id" in a:
            self.ids.append(a["id"])
        if "aria-labelledby" in a:
            self.labelled_by.append(a["aria-labelledby"])
        if self._table_children and not self._table_children[-1]:
            self._table_children[-1].append(tag)
        if tag == "table":
            self._table_children.append([])
        if tag == "th" and a.get("scope") not in ("col", "row"):
            self.th_without_scope += 1
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if re.fullmatch(r"h[1-6]|a|title", tag) or "flag" in a.get("class", "").split():
            self._text.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        _tag, a = self.stack.pop()
        if tag == "table":
            children = self._table_children.pop()
            self.tables_without_caption += children[:1] != ["caption"]
        collects = re.fullmatch(r"h[1-6]|a|title", tag) or "flag" in a.get("class", "").split()
        if not collects:
            return
        words = " ".join("".join(self._text.pop()).split())
        if tag == "title":
            self.title = words
        elif tag == "a":
            self.links.append(words)
        elif tag.startswith("h"):
            inside = tuple(t for t, _ in self.stack)
            self.headings.append((int(tag[1]), a.get("id", ""), words, inside))
        else:
            self.flags.append(words)

    def handle_data(self, data: str) -> None:
        for collector in self._text:
            collector.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser


def problems(page: str, expected_lang: str) -> list[str]:
    """Everything wrong with ``page``'s structure, in words (empty: nothing wrong)."""
    o = outline(page)
    found: list[str] = []
    if o.html_lang != expected_lang:
        found.append(f"<html lang={o.html_lang!r}>, expected {expected_lang!r}")
    found += [f"not a language tag: lang={tag!r}" for tag in o.langs if not LANGUAGE_TAG.match(tag)]
    if not o.title:
        found.append("no <title>")
    for tag in ("h1", "main", "header", "footer"):
        if o.counts.get(tag, 0) != 1:
            found.append(f"{o.counts.get(tag, 0)} <{tag}>, expected exactly one")
    levels = [level for level, *_ in o.headings]
    if levels[:1] != [1]:
        found.append(f"the first heading is not the <h1>: {levels[:1]}")
    for (before, *_), (after, _, words, _) in zip(o.headings, o.headings[1:], strict=False):
        if after > before + 1:
            found.append(f"<h{before}> then <h{after}> ({words!r}): a level is skipped")
    for level, _, words, inside in o.headings:
        if not words:
            found.append(f"an empty <h{level}>")
        if level == 1 and "header" not in inside:
            found.append("the <h1> is not in the <header>")
        if level > 1 and "main" not in inside:
            found.append(f"<h{level}> {words!r} is outside <main>")
    duplicates = {i for i in o.ids if o.ids.count(i) > 1}
    if duplicates:
        found.append(f"ids used twice: {sorted(duplicates)}")
    heading_ids = {ident for _, ident, _, _ in o.headings}
    found += [
        f"names its part by a missing heading: {i}" for i in o.labelled_by if i not in heading_ids
    ]
    if o.counts.get("section", 0) != len(o.labelled_by):
        found.append("a <section> without a heading naming it")
    if o.th_without_scope:
        found.append(f"{o.th_without_scope} <th> without scope")
    if o.tables_without_caption:
        found.append(f"{o.tables_without_caption} <table> without a <caption> first")
    found += [f"a link without words: {words!r}" for words in o.links if not words.strip()]
    if "nav" in o.counts:
        found.append("a <nav> on a page with no table of contents")
    return found


# --------------------------------------------------------------------------- the checker


BAD = """<!DOCTYPE html><html><head></head><body><h1>One</h1><main><h1>Two</h1>
<section aria-labelledby="x"><h3 id="y">Deep</h3><table><tr><th>A</th></tr></table>
<a href="https://example.org/"> </a></section></main></body></html>"""


def test_the_checker_finds_what_is_wrong() -> None:
    """The structure check can fail: a page with every mistake gets every complaint."""
    found = "\n".join(problems(BAD, "en"))
    for words in (
        "<html lang=None>",
        "no <title>",
        "2 <h1>",
        "0 <header>",
        "0 <footer>",
        "<h1> then <h3>",
        "not in the <header>",
        "missing heading: x",
        "without scope",
        "without a <caption>",
        "a link without words",
    ):
        assert words in found, (words, found)


# --------------------------------------------------------------------------- the exports


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_export_is_well_structured(case: ExportCase) -> None:
    page = case.render()
    assert problems(page, case.page_language) == []


def test_there_are_spanish_pages_and_mixed_ones() -> None:
    """The cases hold pages in Spanish and an English checklist with vetting's words in Spanish."""
    assert {c.page_language for c in CASES} >= {"en", "es"}
    assert any(c.ui == "es" and c.page_language == "en" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_vetting_words_say_their_language_only_when_it_differs(case: ExportCase) -> None:
    """A screen reader reads each part in its own language's voice: vetting's words are
    marked when their language is not the page's (English where the catalog lacks one)."""
    langs = set(outline(case.render()).langs)
    assert langs <= {case.ui, "en"} - {case.page_language}
    if case.ui != case.page_language:
        assert case.ui in langs


def _document(name: str) -> Document:
    case = next(c for c in CASES if c.name == name)
    return build(case.checklist, score(case.checklist, case.answers), case.answers)


def test_a_word_the_catalog_lacks_is_marked_english_and_values_keep_the_page_language() -> None:
    set_language("es")
    try:
        spanish = html_report._Page(_document("es-checklist"))
        assert spanish.say("Result") == "Resultado"  # translated: the page's own language
        assert spanish.say("Not in any catalog") == '<span lang="en">Not in any catalog</span>'
        english = html_report._Page(_document("red_flags-example"))
        assert english.say("Why: {reason}", reason="<b>x</b>") == (
            '<span lang="es">Por qué: </span><b>x</b>'
        )
    finally:
        set_language("en")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_red_flag_says_red_flag_and_its_severity_in_words(case: ExportCase) -> None:
    o = outline(case.render())
    set_language(case.ui)
    try:
        red_flag = i18n._("Red flag, {severity}:").split("{")[0].strip()
    finally:
        set_language("en")
    for words in o.flags:
        assert words.startswith(red_flag), words
        assert re.search(r"CRITICAL|SERIOUS|CAUTION|NOTE|CRÍTIC|GRAVE|PRECAUCI|NOTA", words), words
    assert len(o.flags) == len(score(case.checklist, case.answers).flags)


def test_the_red_flag_cases_raise_red_flags_and_alerts() -> None:
    """Guard against vacuous cases: red flags, alerts and crisis appear, in both languages."""
    pages = {case.name: outline(case.render()) for case in CASES}
    assert all(pages[f"{n}-every-warning"].flags for n in ("red_flags", "good_fit"))
    assert pages["es-checklist"].flags and pages["es-words-english-checklist"].flags
    assert all(pages[f"{n}-example"].counts.get("h3") for n in ("red_flags", "which_professional"))
    assert "crisis" in pages["es-checklist"].ids and "alerts" in pages["es-checklist"].ids


def test_spanish_pages_use_vetting_words_in_spanish() -> None:
    page = next(c for c in CASES if c.name == "es-checklist").render()
    assert '<html lang="es">' in page
    for words in ("Señal de alerta", "Sus respuestas", "Si necesita ayuda ahora"):
        assert words in page
    assert "Red flag" not in page and "Your answers" not in page


# --------------------------------------------------------------------------- colours


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("scheme", sorted(html_report.PALETTES))
def test_every_colour_has_enough_contrast(scheme: str) -> None:
    """Text 4.5:1 (WCAG 1.4.3) and borders 3:1 (1.4.11) on every background of the scheme."""
    palette = html_report.PALETTES[scheme]
    for background in html_report.BACKGROUNDS:
        for name, colour in palette.items():
            if name in html_report.BACKGROUNDS:
                continue
            need = 4.5 if name in html_report.TEXT_COLOURS else 3.0
            ratio = contrast(colour, palette[background])
            assert ratio >= need, f"{scheme}: {name} {colour} on {background}: {ratio:.2f}"


def test_the_page_uses_only_the_palette_colours() -> None:
    """No colour in the CSS escapes the contrast check above."""
    page = CASES[0].render()
    css = page.split("<style>")[1].split("</style>")[0]
    used = set(re.findall(r"#[0-9a-fA-F]{3,8}\b", css))
    palette = {c for p in html_report.PALETTES.values() for c in p.values()}
    assert used and used <= palette, used - palette
    assert "prefers-color-scheme: dark" in css and "@media print" in css


def test_nothing_moves() -> None:
    """No animation or transition, so there is nothing for prefers-reduced-motion to stop;
    anything that moves must come with a ``prefers-reduced-motion: reduce`` rule."""
    css = CASES[0].render().split("<style>")[1].split("</style>")[0]
    moves = re.search(r"animation|transition|scroll-behavior:\s*smooth|marquee|blink", css)
    assert moves is None or "prefers-reduced-motion" in css


# --------------------------------------------------------------------------- any text


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=40).filter(lambda t: clean(t).strip()),
    note=st.text(max_size=40),
)
def test_any_checklist_text_keeps_the_structure(title: str, note: str) -> None:
    """Whatever a checklist's title or a person's note says, the outline stays whole and the
    words are shown as words (escaped), never as markup."""
    case = next(c for c in CASES if c.name == "es-checklist")
    checklist = dataclasses.replace(case.checklist, title=title)
    page = ExportCase("any", checklist, {**case.answers, "notas": note}, ui="es").render()
    assert problems(page, "es") == []
    o = outline(page)
    [h1] = [words for level, _id, words, _in in o.headings if level == 1]
    assert h1 == " ".join(clean(title).split())
