"""axe-core, run in headless Chromium on a page, for the accessibility tests.

axe-core comes from npm, pinned in the repo's ``package.json`` / ``package-lock.json``
(``npm ci`` at the repo root installs it in ``node_modules/``; ``.ci/run`` does). Without it,
or without Chromium, the tests skip and say why (in CI they fail instead).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.serve import Browser, browser_missing, skip_outside_ci

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")

RUN_JS = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                summary: n.failureSummary}))})),
    version: axe.version}))
  .catch(e => done({error: String(e)}));
"""


def axe_missing() -> str | None:
    if not AXE.is_file():
        return (
            f"needs axe-core from npm ({AXE.relative_to(ROOT)} is missing): run `npm ci` "
            "in the repo root; .ci/run does"
        )
    return None


@pytest.fixture(scope="module")
def axe_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for a whole test module (pages are opened one after another)."""
    reason = browser_missing() or axe_missing()
    if reason:
        skip_outside_ci(reason)
    folder = tmp_path_factory.mktemp("axe-browser")
    (folder / "downloads").mkdir()
    chrome = Browser(folder / "profile", folder / "downloads")
    chrome.driver.set_script_timeout(120)
    yield chrome
    chrome.quit()


def emulate(browser: Browser, scheme: str) -> None:
    """Show the open page as ``light``, ``dark`` (prefers-color-scheme) or ``print``."""
    browser.driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {
            "media": "print" if scheme == "print" else "screen",
            "features": [
                {"name": "prefers-color-scheme", "value": "dark" if scheme == "dark" else "light"}
            ],
        },
    )


def run_axe(browser: Browser, tags: tuple[str, ...] = TAGS) -> list[dict[str, Any]]:
    """axe's violations on the open page (injected from node_modules, past the page's CSP)."""
    browser.driver.execute_script(AXE.read_text(encoding="utf-8"))
    outcome = browser.driver.execute_async_script(RUN_JS, list(tags))
    if "error" in outcome:
        pytest.fail(f"axe.run failed: {outcome['error']}")
    return outcome["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    """Each violation's id, help and failing nodes, for a person to fix them."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:200]}")
            lines += [f"        {line}" for line in (node["summary"] or "").splitlines()]
    return "\n".join(lines) or json.dumps(violations)
