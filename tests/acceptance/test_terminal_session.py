"""The real ``vetting`` in a real pseudo-terminal: nothing recorded, and quick exit ends it.

Issue 17.6: ``TEXTUAL_LOG=file`` made Textual write every key press (every answer typed)
to a file others could read; the devtools and screenshot variables send or save the
screen. vetting forgets them before Textual is imported. Issue 17.1: Ctrl+Q cleared the
screen, but a worker thread stuck reading kept the process alive; a quick exit now ends
the process whatever a worker is waiting on.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "tui" / "data" / "mini.yaml"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """A child process on a pty: read what it draws, type keys, see whether it ended."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.out = bytearray()
        self.child = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        os.close(slave)

    def read_until(self, marker: bytes, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if marker in self.out:
                return True
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return marker in self.out
                if not chunk:
                    return marker in self.out
                self.out += chunk
        return marker in self.out

    def type(self, keys: bytes, settle: float = 0.4) -> None:
        os.write(self.master, keys)
        self.read_until(b"\x00never", settle)

    def ended_within(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.read_until(b"\x00never", 0.05)  # keep the pty drained
            if self.child.poll() is not None:
                return True
        return False

    def close(self) -> None:
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGKILL)
            self.child.wait()
        os.close(self.master)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
        "VETTING_DATA_DIR": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        **extra,
    }


def test_textual_recording_variables_are_ignored(tmp_path: Path) -> None:
    log = tmp_path / "keys.log"
    shots = tmp_path / "shots"
    shots.mkdir()
    env = environment(
        tmp_path,
        TEXTUAL_LOG=str(log),
        TEXTUAL="devtools,debug",
        TEXTUAL_DEVTOOLS_PORT="1",
        TEXTUAL_SCREENSHOT="0",
        TEXTUAL_SCREENSHOT_LOCATION=str(shots),
        TEXTUAL_PRESS="1",
    )
    terminal = Terminal([sys.executable, "-m", "vetting", "run", str(MINI)], env)
    try:
        assert terminal.read_until(b"danger", 30), bytes(terminal.out[-2000:])
        terminal.type(b"2")  # an answer, typed
        terminal.type(b"\x11")  # Ctrl+Q
        assert terminal.ended_within(15)
    finally:
        terminal.close()
    assert terminal.child.returncode == 0, bytes(terminal.out[-2000:])
    assert not log.exists() or log.read_bytes() == b"", log.read_bytes()[:500]
    assert list(shots.iterdir()) == []


def test_the_variables_are_gone_before_textual_is_imported() -> None:
    script = textwrap.dedent(
        """
        import os, sys
        os.environ["TEXTUAL_LOG"] = "/tmp/should-not-be-used"
        os.environ["TEXTUAL"] = "devtools"
        os.environ["TEXTUAL_DRIVER"] = sys.argv[1]
        from vetting import cli
        cli.forget_textual_recording()
        assert "textual" not in sys.modules
        from textual import constants
        print(constants.LOG_FILE, os.environ.get("TEXTUAL"), constants.DRIVER)
        """
    )

    def after(driver: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", script, driver],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.strip()

    assert after("evil_module:Driver") == "None None None"  # would import other code
    # The one value kept: Textual's own web driver, set by `vetting serve` for its tabs.
    web = "textual.drivers.web_driver:WebDriver"
    assert after(web) == f"None None {web}"


STUCK_WORKER = textwrap.dedent(
    """
    import threading, sys
    from vetting import cli
    from vetting.tui.app import VettingApp

    def stuck(self):  # a worker that never returns, as one blocked on a FIFO did
        threading.Event().wait()

    VettingApp.scan_catalog = stuck
    raise SystemExit(cli.main(["app"]))
    """
)


def test_quick_exit_ends_the_process_even_with_a_stuck_worker(tmp_path: Path) -> None:
    terminal = Terminal([sys.executable, "-c", STUCK_WORKER], environment(tmp_path))
    try:
        assert terminal.read_until(b"Checklists", 30), bytes(terminal.out[-2000:])
        terminal.type(b"\x11")  # Ctrl+Q
        assert terminal.ended_within(10), "the process stayed after a quick exit"
    finally:
        terminal.close()
    assert terminal.child.returncode == 0
    assert b"\x1b[?1049l" in terminal.out  # the terminal was given back (alternate screen off)


def test_an_ordinary_session_still_ends_normally(tmp_path: Path) -> None:
    """The hard exit is for quick exit only: answering, then quick exit, keeps the save."""
    terminal = Terminal([sys.executable, "-m", "vetting", "run", str(MINI)], environment(tmp_path))
    try:
        assert terminal.read_until(b"danger", 30)
        terminal.type(b"2", settle=1.0)
        terminal.type(b"\x11")
        assert terminal.ended_within(10)
    finally:
        terminal.close()
    sessions = list((tmp_path / "data" / "sessions").glob("*.json"))
    assert len(sessions) == 1 and b'"in_danger": "no"' in sessions[0].read_bytes()
