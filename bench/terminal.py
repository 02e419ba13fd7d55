"""Launch a program in a pseudo-terminal and time it until given words are on the screen.

The launch goal (bench/run.py) drives both apps headless with ``run_test`` and reads the
compositor's strips. This is the cross-check a person would make: the real command, as
installed (``vetting run FILE``, and a hello-world calling ``App.run()``), in an 80x24
terminal, timed from the start of the process until the words arrive in what it writes
to the terminal. Escape sequences are stripped before looking for the words; the program
is then killed, so tearing it down is not counted.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence

# What a terminal program writes besides text: colours, cursor moves, titles, queries.
ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS, APC, PM, SOS
    r"|\x1b[ -/]*[0-~]"  # the rest: ESC 7, ESC ( B and the like
)

HELLO_APP = """
from textual.app import App
from textual.widgets import Label


class Hello(App):
    def compose(self):
        yield Label("Hello")


Hello().run()
"""


def seconds_until_shown(
    argv: Sequence[str], words: str, env: dict[str, str], *, size: tuple[int, int] = (80, 24)
) -> float:
    """Seconds from starting ``argv`` in a terminal of ``size`` until ``words`` appear."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program (the terminal is its stdin/stdout/stderr)
        try:
            os.execvpe(argv[0], list(argv), env)
        finally:
            os._exit(127)
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    shown = ""
    try:
        while time.perf_counter() - start < 20:
            readable, _, _ = select.select([fd], [], [], 0.5)
            if not readable:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:  # the program ended
                break
            shown += data.decode("utf-8", "replace")
            if words in ESCAPES.sub("", shown):
                return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    raise SystemExit(f"{words!r} never appeared on the terminal of {list(argv)}")
