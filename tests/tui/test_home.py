"""The home screen, the app frame and its safety nets (crisis key, markup, controls, crashes)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.snapshots import assert_snapshot, screen_bytes, screen_text
from tests.support.tui import HOSTILE, MINI, settle
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp
from vetting.tui.screens.confirm import ConfirmModal
from vetting.tui.screens.crisis import CrisisModal
from vetting.tui.screens.help import HelpModal
from vetting.tui.screens.home import HomeScreen
from vetting.tui.screens.name_session import NameSessionModal
from vetting.tui.screens.problems import ProblemsScreen
from vetting.tui.screens.take import TakeScreen
from vetting.validation.pipeline import validate_file

BROKEN = "format: 1\nid: broken\nkind: fit\ntitle: [unclosed\n"
REPO = Path(__file__).resolve().parents[2]


async def test_home_lists_checklists_with_length_and_folder(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "A short test checklist  ·  6 questions" in text
        assert "Five questions that use every kind of answer." in text
        assert "Your own checklists go in: ~/data/checklists" in text
        assert "No saved sessions yet." in text
        assert "F1 Crisis help" in text.replace("f1", "F1")


async def test_broken_checklist_is_listed_with_its_problems(app_factory, user_checklists) -> None:
    (user_checklists / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "⚠ Has problems: broken.yaml  (yours)" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        text = screen_text(app)
        assert "This checklist cannot be opened" in text
        assert "✖ Error" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running


async def test_rename_and_delete_a_session(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.store.create(validate_file(MINI).checklist, "First name")
        app.screen.refresh_lists()
        await settle(app, pilot)
        await pilot.press("tab", "r")
        await pilot.pause()
        assert isinstance(app.screen, NameSessionModal)
        app.screen.query_one("#session-name").value = ""
        await pilot.press(*"Dr. Lee, after session 2", "enter")
        await settle(app, pilot)
        assert "Dr. Lee, after session 2" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the focus is on Cancel: nothing is deleted
        await settle(app, pilot)
        assert len(app.store.list_sessions()) == 1
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert app.store.list_sessions() == []
        assert "No saved sessions yet." in screen_text(app)


async def test_crisis_key_works_on_every_screen(app_factory, user_checklists) -> None:
    (user_checklists / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = app_factory()

    async def crisis_then_close(expected: type) -> None:
        assert isinstance(app.screen, expected)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisModal)
        assert "988" in screen_text(app) or "Test Lifeline" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, expected)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await crisis_then_close(HomeScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        await crisis_then_close(ProblemsScreen)
        await pilot.press("escape", "up", "enter")
        await pilot.pause()
        await crisis_then_close(NameSessionModal)
        await pilot.press("enter")
        await settle(app, pilot)
        await crisis_then_close(TakeScreen)
        await pilot.press("h")
        await crisis_then_close(HelpModal)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("tab", "d")
        await pilot.pause()
        await crisis_then_close(ConfirmModal)


async def test_crisis_help_is_in_the_command_palette(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"crisis")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CrisisModal)
        assert "988" in screen_text(app)
        assert "not a substitute for emergency help" in screen_text(app)


async def test_quick_exit_leaves_at_once_and_saves_nothing_more(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        take._save({"in_danger": "no"}, 99)  # a save arriving after quick exit is dropped
    assert app.return_code == 0
    store = SessionStore(app.data_dir, read_only=True).open()
    [listing] = store.list_sessions()
    assert store.load(listing.id).answers == {}


def _clickable_spots(app: VettingApp) -> list[tuple[int, int]]:
    """Screen cells on each marker word of the hostile string (QUIT, Q2, Q3)."""
    spots = []
    for y, line in enumerate(screen_text(app).splitlines()):
        for word in ("QUIT", "Q2", "Q3"):
            x = line.find(word)
            if x >= 0:
                spots.append((x + 1, y))
    return spots


async def _click_markers_and_check(app: VettingApp, pilot, whole: bool = True) -> None:
    """Click every marker on screen; the app keeps running and shows the text as written."""
    screen = app.screen
    text = screen_text(app)
    if whole:
        assert "[@click=app.quit]QUIT[/]" in text, text
    spots = _clickable_spots(app)
    assert spots
    for x, y in spots:
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        if app.screen is not screen:  # a click picked an option and opened crisis help
            await pilot.press("escape")
            await pilot.pause()


async def test_markup_in_a_checklist_is_shown_literally_and_never_runs(
    app_factory, hostile_path: Path
) -> None:
    app = app_factory([hostile_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _click_markers_and_check(app, pilot)  # home
        await pilot.press("enter")
        await pilot.pause()
        name_box = app.screen.query_one("#session-name")
        assert name_box.value == f"{HOSTILE} – 2026-11-25"  # the default holds the title
        await _click_markers_and_check(app, pilot, whole=False)  # a one-line box scrolls
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        await _click_markers_and_check(app, pilot)  # disclaimer, question, section, options
        await pilot.press("n", "h")
        await pilot.pause()
        await _click_markers_and_check(app, pilot)  # help
        await pilot.press("escape", "f1")
        await pilot.pause()
        # crisis: the checklist's own (hostile) lines are below the app's; show them
        app.screen.query_one("#crisis-body").scroll_end(animate=False)
        await pilot.pause()
        await _click_markers_and_check(app, pilot)
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        await pilot.press("tab", "d")
        await pilot.pause()
        await _click_markers_and_check(app, pilot)  # confirm (session name holds it)


CONTROL_STRINGS = ("\x1b]0;PWN\x1b\\", "\x9b2J", "\x1bP1$r\x1b\\", "\x1b]52;c;SGVsbG8=\x07")


async def test_no_terminal_control_bytes_from_checklist_text(app_factory) -> None:
    """Checklist text is sanitized on the way to the screen: no ESC, OSC, DCS or C1."""
    checklist = validate_file(MINI).checklist
    assert checklist is not None
    evil = "".join(CONTROL_STRINGS)
    first = checklist.sections[0]
    item = first.items[1]._replace(text="Q " + evil, help="H " + evil)
    section = first._replace(title="S " + evil, intro="I " + evil, items=(item,))
    bad = replace(checklist, title="T " + evil, disclaimer="D " + evil, sections=(section,))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.open_session(bad, app.store.create(checklist, "controls"))
        await pilot.pause()
        for keys in ((), ("h",), ("escape", "f1")):  # disclaimer and question, help, crisis
            await pilot.press(*keys)
            await pilot.pause()
            output = screen_bytes(app)
            for forbidden in ("\x1b]", "\x1bP", "\x9b", "\x1b[2J", "\x07"):
                assert forbidden not in output
            assert "\ufffd" in output or isinstance(app.screen, CrisisModal)


CRASH_SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from textual.app import App
    import vetting.tui.app
    from vetting.tui.app import VettingApp

    class Crashing(VettingApp):
        CSS_PATH = str(Path(vetting.tui.app.__file__).with_name("app.tcss"))
        BINDINGS = [("x", "boom", "Boom")]

        def action_boom(self):
            answers = {"q": "MARKER-SECRET-ANSWER"}
            raise RuntimeError(f"failed with {answers}")

    if sys.argv[1] == "textual-default":  # prove the test can fail
        Crashing._handle_exception = App._handle_exception
        Crashing._fatal_error = App._fatal_error

    async def auto_pilot(pilot):
        await pilot.pause()
        await pilot.press("x")

    app = Crashing(checklist_paths=[])
    app.run(headless=True, auto_pilot=auto_pilot)
    sys.exit(app.return_code or 0)
    """
)


@pytest.mark.parametrize("mode", ["vetting", "textual-default"])
def test_a_crash_never_prints_answers(tmp_path: Path, mode: str) -> None:
    env = {**os.environ, "VETTING_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    script = tmp_path / "crash.py"
    script.write_text(CRASH_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), mode],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    if mode == "vetting":
        assert "MARKER" not in output
        assert "unexpected problem (RuntimeError)" in done.stderr
    else:
        assert "MARKER" in output  # Textual's own handler shows locals: why we override it


def test_vetting_run_refuses_a_broken_checklist(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "VETTING_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "run", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 1
    assert "cannot be opened" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_home_snapshots(app_factory, user_checklists, size: tuple[int, int]) -> None:
    (user_checklists / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = app_factory()
    tag = f"{size[0]}x{size[1]}"
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        app.store.create(validate_file(MINI).checklist, "Dr. Lee, after session 2")
        app.screen.refresh_lists()
        await settle(app, pilot)
        assert_snapshot(app, f"home_{tag}")
        await pilot.press("f1")
        await pilot.pause()
        assert_snapshot(app, f"crisis_{tag}")
        await pilot.press("escape", "tab", "d")
        await pilot.pause()
        assert_snapshot(app, f"confirm_{tag}")
        await pilot.press("escape", "shift+tab", "down", "enter")
        await pilot.pause()
        assert_snapshot(app, f"problems_{tag}")
        await pilot.press("escape", "up", "enter")
        await pilot.pause()
        app.screen.query_one("#session-name").cursor_blink = False
        assert_snapshot(app, f"name_session_{tag}")
