"""The app's remaining edges: an older checklist, a second window, compare from home,
crisis help on a small terminal, and what a real terminal receives (SECURITY-NOTES T4).
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.support.snapshots import assert_snapshot, screen_text
from tests.support.tui import MINI, settle
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp
from vetting.tui.screens.compare import CompareScreen
from vetting.tui.screens.crisis import CrisisModal
from vetting.tui.screens.home import HomeScreen
from vetting.tui.screens.results import ResultsScreen
from vetting.tui.screens.take import TakeScreen
from vetting.tui.shared import READ_ONLY_NOTICE
from vetting.tui.widgets.key_bar import KeyBar
from vetting.validation.pipeline import validate_file

REPO = Path(__file__).resolve().parents[2]


def flat(text: str) -> str:
    """Screen text with line breaks and runs of spaces folded, so wrapped sentences match."""
    return " ".join(text.replace("▌", " ").split())


@dataclass(frozen=True)
class OldMini:
    """The mini checklist as it was at version 0.9.0 (all a session records of it)."""

    id: str = "mini"
    version: str = "0.9.0"
    content_hash: str = "sha256:" + "1" * 64


def saved_sessions(data_dir: Path) -> list:
    store = SessionStore(data_dir, read_only=True).open()
    return [store.load(listing.id) for listing in store.list_sessions()]


# -- 1. a session answered with an older checklist ------------------------------------


async def test_session_from_an_older_checklist_explains_and_still_scores(
    app_factory, private_data_dir: Path
) -> None:
    with SessionStore(private_data_dir) as store:
        session = store.create(OldMini(), "Before the update")
        old_answers = {"in_danger": "no", "old_question": "yes", "has_therapist": "maybe"}
        store.save(replace(session, answers=old_answers))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "enter")  # the sessions list, then resume
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        text = flat(screen_text(app))
        assert (
            "This session was answered with version 0.9.0 of the checklist; "
            "it is now version 1.0.0." in text
        )
        assert "2 earlier answers no longer fit and are set aside" in text
        # Named as the person saw them, never by ids.
        assert "an answer to a question that is no longer in the checklist" in text
        assert "your answer to “Do you see a therapist now?”: the question has changed" in text
        assert "old_question" not in text and "has_therapist" not in text
        assert take.answers == {"in_danger": "no"}  # only what still fits is counted
        assert take.current == "has_therapist"  # resumes at the answer that was set aside
        assert_snapshot(app, "take_changed_120x40")
        await pilot.resize_terminal(80, 24)  # on a small terminal the notice still fits
        await settle(app, pilot)
        assert "set aside" in flat(screen_text(app))
        assert_snapshot(app, "take_changed_80x24")
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.session.answers == {"in_danger": "no"}
        assert "old_question" not in screen_text(app)
        assert saved_sessions(app.data_dir)[0].answers == old_answers  # not yet rewritten
        await pilot.press("escape", "2", "n")  # back to the question, answer No, move on
        await settle(app, pilot)
        assert "version 0.9.0" not in screen_text(app)  # the notice was read; it goes
    [saved] = saved_sessions(app.data_dir)
    assert saved.checklist_version == "1.0.0"
    assert saved.answers == {"in_danger": "no", "has_therapist": "no"}


async def test_same_version_and_fitting_answers_show_no_notice(
    app_factory, private_data_dir: Path
) -> None:
    checklist = validate_file(MINI).checklist
    assert checklist is not None
    with SessionStore(private_data_dir) as store:
        session = store.create(checklist, "Current")
        store.save(replace(session, answers={"in_danger": "no"}))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert not app.screen.query("#take-notice")
        assert "set aside" not in screen_text(app)


# -- 2. a second window ------------------------------------------------------------------

HOLD_LOCK = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vetting.sessions.store import SessionStore

    store = SessionStore(Path(sys.argv[1])).open()
    print("locked", flush=True)
    sys.stdin.read()
    store.close()
    """
)


@pytest.fixture
def other_window(private_data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """A real second process holding the store's lock until its stdin closes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(private_data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=10)


async def test_second_window_is_read_only_and_writes_nothing(
    app_factory, other_window, private_data_dir: Path
) -> None:
    sessions_dir = private_data_dir / "sessions"
    before = sorted(p.name for p in sessions_dir.iterdir())
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.store.read_only
        assert READ_ONLY_NOTICE in flat(screen_text(app))
        await pilot.press("enter", "enter")  # start the checklist with the default name
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        assert READ_ONLY_NOTICE in flat(screen_text(app))
        # The page never claims what this window does not do.
        assert "your answers are not saved" in flat(screen_text(app))
        assert "saved on this computer as you go" not in flat(screen_text(app))
        assert_snapshot(app, "take_read_only_80x24")
        await pilot.press("2", "n", "1")  # answer two questions
        await settle(app, pilot)
        assert take.answers == {"in_danger": "no", "has_therapist": "yes"}
        assert app.is_running
    assert sorted(p.name for p in sessions_dir.iterdir()) == before == []
    assert app.return_code in (None, 0)


# -- 3. compare from the home screen -------------------------------------------------------


async def _two_sessions(app: VettingApp, pilot) -> None:
    checklist = validate_file(MINI).checklist
    assert checklist is not None
    first = app.store.create(checklist, "Dr. Lee")
    app.store.save(replace(first, answers={"in_danger": "no", "has_therapist": "yes"}))
    second = app.store.create(checklist, "Dr. Kim")
    app.store.save(replace(second, answers={"in_danger": "no", "has_therapist": "no"}))
    app.screen.refresh_lists()
    await settle(app, pilot)


def _compare_columns(app: VettingApp) -> list[str]:
    table = app.screen.query_one("#compare-table", DataTable)
    return [str(column.label) for column in table.columns.values()]


async def test_compare_from_home_by_key(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await _two_sessions(app, pilot)
        await pilot.press("tab", "down", "c")  # the second session in the list
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        highlighted = app.session_rows[1].name
        assert _compare_columns(app)[:2] == ["Question", highlighted]
        assert len(_compare_columns(app)) == 3
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_compare_from_home_by_mouse(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _two_sessions(app, pilot)
        bar = app.screen.query_one(KeyBar)
        [column] = [start for start, _end, key in bar.spans if key == "c"]
        padding = bar.styles.padding.left
        assert await pilot.click(bar, offset=(padding + column + 1, 0))
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        assert "Dr. Lee" in screen_text(app) and "Dr. Kim" in screen_text(app)


async def test_compare_without_sessions_says_so(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        messages = [notification.message for notification in app._notifications]
        assert "There is no saved session to pick yet." in messages


# -- 4. crisis help on a small terminal ----------------------------------------------------


async def test_every_crisis_number_fits_80x24_without_scrolling(app_factory) -> None:
    app = app_factory([])  # no checklist on screen: the app's own lines
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisModal)
        text = flat(screen_text(app))  # the first view, before any scrolling
        for words in (
            "988 Suicide & Crisis Lifeline",
            "Call or text 988",
            "Call 911",
            "Crisis Text Line",
            "741741",
            "National Domestic Violence Hotline",
            "1-800-799-7233",
            "SAMHSA National Helpline",
            "1-800-662-4357",
            "not a substitute for emergency help",
            "Close (Esc)",
        ):
            assert words in text, words
        details = app.screen.query_one("#crisis-details")  # below the numbers, by scrolling
        words = flat(str(details.render()))
        assert "2 for Spanish" in words and "TTY 1-800-787-3224" in words


# -- 6. a real terminal (SECURITY-NOTES T4) ------------------------------------------------

EVIL = (
    "\x1b]0;PWNTITLE\x1b\\",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;http://evil\x1b\\",
    "\x1bP1$r\x1b\\",
    "\x9b2J",
    "\x1b[2J",
)
FORBIDDEN = (
    b"\x1b]0;PWN",
    b"\x1b]2;PWN",
    b"\x1b]52;",
    b"\x1b]8;;http://evil",
    b"\x1bP",
    b"\xc2\x9b",
)

PTY_DRIVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    sys.path.insert(0, sys.argv[1])
    import builders
    import vetting.tui.app
    from vetting.tui.app import VettingApp

    EVIL = "".join({evil!r})
    checklist = builders.make_checklist(
        [
            builders.section(
                "s",
                builders.yes_no("q1", "Q1 " + EVIL, help="H " + EVIL),
                builders.yes_no("q2", "Q2 " + EVIL),
                title="S " + EVIL,
            )
        ],
        bands=builders.score_bands(),
        title="T " + EVIL,
        disclaimer="D " + EVIL,
    )

    class Driver(VettingApp):
        CSS_PATH = str(Path(vetting.tui.app.__file__).with_name("app.tcss"))

        def on_ready(self):  # after VettingApp.on_mount has shown the home screen
            self.open_session(checklist, self.store.create(checklist, "pty"))

    Driver(checklist_paths=[]).run()
    """
)


def _read_until(master: int, out: bytearray, deadline: float, marker: bytes | None) -> None:
    """Collect output until ``marker`` shows up, the child closes, or ``deadline`` passes."""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if not ready:
            if marker is None:
                return  # quiet for a moment: the screen has caught up
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return
        if not chunk:
            return
        out += chunk
        if marker is not None and marker in out:
            return


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_real_terminal_gets_no_control_sequences_from_checklist_text(tmp_path: Path) -> None:
    import fcntl
    import struct
    import termios

    driver = tmp_path / "driver.py"
    driver.write_text(PTY_DRIVER.format(evil=EVIL), encoding="utf-8")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "VETTING_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
    }
    env.pop("TEXTUAL", None)
    child = subprocess.Popen(
        [sys.executable, str(driver), str(REPO / "tests" / "support")],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + 10
    try:
        _read_until(master, out, deadline, b"Before you start")
        assert b"Before you start" in out, bytes(out[-2000:])
        for keys in (b"n", b"h", b"\x1b", b"\x1bOP", b"\x1b", b"n"):  # F1 is ESC O P
            os.write(master, keys)
            _read_until(master, out, min(deadline, time.monotonic() + 0.6), None)
        os.write(master, b"\x1b[24~")  # F12: quick exit
        _read_until(master, out, deadline, b"\x00never")
        child.wait(timeout=max(deadline - time.monotonic(), 0.1))
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        os.close(master)
    assert child.returncode == 0, bytes(out[-2000:])
    assert b"Q1" in out and b"Help is available" in out  # the question and crisis help drew
    for forbidden in FORBIDDEN:
        assert forbidden not in out, forbidden
