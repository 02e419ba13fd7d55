"""The HTML export is accessible: axe-core finds nothing in headless Chromium (issue 14.5).

Each export in tests/support/exports.py (every built-in checklist with a worked example that
raises red flags and alerts, with every warning raised, with no answers, and the Spanish
pages) is saved to a file, opened from ``file://`` as a person opens a saved export, and
checked by axe-core (WCAG 2.0 and 2.1 A and AA, and best practices) as the screen shows it
in light and dark mode and as it prints. axe comes from npm (``package.json``); without it
or Chromium the test skips and says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.axe import axe_browser, describe, emulate, run_axe
from tests.support.exports import ExportCase, export_cases
from tests.support.serve import Browser
from vetting.reports.html import PALETTES

pytestmark = pytest.mark.browser

__all__ = ["axe_browser"]  # the fixture, used by name below

CASES = export_cases()
SCHEMES = ("light", "dark", "print")
BACKGROUND_JS = "return getComputedStyle(document.body).backgroundColor"


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def open_page(browser: Browser, page: str, folder: Path, name: str) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    browser.open(path.as_uri())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_axe_finds_no_violation(case: ExportCase, axe_browser: Browser, tmp_path: Path) -> None:
    open_page(axe_browser, case.render(), tmp_path, case.name)
    lang = axe_browser.driver.execute_script("return document.documentElement.lang")
    assert lang == case.page_language
    found = {}
    for scheme in SCHEMES:
        emulate(axe_browser, scheme)
        # The emulation took: the page is drawn in this scheme's colours as axe checks it.
        background = axe_browser.driver.execute_script(BACKGROUND_JS)
        assert background == _rgb(PALETTES[scheme]["background"]), (scheme, background)
        violations = run_axe(axe_browser)
        if violations:
            found[scheme] = describe(violations)
    report = "\n".join(f"--- {scheme}:\n{text}" for scheme, text in found.items())
    if report:
        print(report)
    assert not found, f"axe found violations in {case.name}:\n{report}"


BAD_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>p { color: #aaaaaa; }</style></head>
<body><h1>Results</h1><h3>Skipped a level</h3><p>Faint words</p>
<a href="https://example.org/"></a><table><tr><th>A</th></tr><tr><td>1</td></tr></table>
</body></html>"""


def test_axe_does_find_violations(axe_browser: Browser, tmp_path: Path) -> None:
    """The check can fail: a page with no language, no title, no main, a skipped heading,
    faint text and an empty link gets all of them reported."""
    open_page(axe_browser, BAD_PAGE, tmp_path, "bad")
    emulate(axe_browser, "light")
    ids = {v["id"] for v in run_axe(axe_browser)}
    expected = {"html-has-lang", "document-title", "landmark-one-main", "heading-order"}
    assert ids >= expected | {"color-contrast", "link-name"}, ids
