"""Our own SVG snapshot check (pytest-textual-snapshot pins pytest < 9).

``assert_snapshot(app, name)`` compares ``app.export_screenshot()`` with
``tests/tui/__snapshots__/<name>.svg``, and the screen's words with ``<name>.txt`` beside
it, so a reviewer reads a change in a diff and a failure shows which words moved. Set
``VETTING_UPDATE_SNAPSHOTS=1`` to write (or rewrite) the files, then look at the SVGs in a
browser before committing.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import tempfile
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App

SNAPSHOT_DIR = Path(__file__).resolve().parents[1] / "tui" / "__snapshots__"
UPDATE_ENV = "VETTING_UPDATE_SNAPSHOTS"

# Rich names the SVG's CSS classes "terminal-<number>-...": the number is a hash that is
# not part of what a person sees, so it is replaced before comparing.
_UNIQUE_PREFIX = re.compile(r"terminal-\d+")


def normalise(svg: str) -> str:
    """Remove what changes from run to run but not on screen."""
    return _UNIQUE_PREFIX.sub("terminal", svg)


def assert_snapshot(app: App, name: str) -> None:
    """Fail with a clear message when the screen differs from the stored snapshot."""
    svg = normalise(app.export_screenshot(title=name))
    words = "\n".join(line.rstrip() for line in screen_text(app).splitlines()).rstrip() + "\n"
    expected_path = SNAPSHOT_DIR / f"{name}.svg"
    text_path = SNAPSHOT_DIR / f"{name}.txt"
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(svg, encoding="utf-8")
        text_path.write_text(words, encoding="utf-8")
        return
    if not expected_path.exists() or not text_path.exists():
        pytest.fail(
            f"No snapshot {expected_path.name} (and its .txt) yet. Run with {UPDATE_ENV}=1 to "
            "create it, then open the SVG and check it by eye."
        )
    expected_words = text_path.read_text(encoding="utf-8")
    if expected_words != words:
        diff = "\n".join(
            difflib.unified_diff(
                expected_words.splitlines(), words.splitlines(), "stored", "now", lineterm=""
            )
        )
        pytest.fail(f"The words on screen differ from snapshot {text_path.name}:\n{diff}")
    if expected_path.read_text(encoding="utf-8") != svg:
        actual_dir = Path(tempfile.gettempdir()) / "vetting-snapshots"
        actual_dir.mkdir(exist_ok=True)
        actual = actual_dir / f"{name}.svg"
        actual.write_text(svg, encoding="utf-8")
        pytest.fail(
            f"The screen differs from snapshot {expected_path.name}. The new screen is in "
            f"{actual}; compare the two in a browser. If the change is intended, rerun with "
            f"{UPDATE_ENV}=1."
        )


def _render(app: App, *, styles: bool) -> str:
    """The whole screen (with any modal and its background) as text, as a person sees it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=styles)


def screen_text(app: App) -> str:
    """What is on screen, as plain text (for asserting that words are visible)."""
    return _render(app, styles=False)


def screen_bytes(app: App) -> str:
    """What would be written to the terminal for this screen, escape codes included."""
    return _render(app, styles=True)
