"""Lines in, lines out: the only place line mode touches the terminal.

* Every text that comes from a checklist, a file name or a session passes :func:`clean`
  first: escape sequences are removed whole (``ESC [ 31 m``, ``ESC ] ... BEL``), and any
  other control or bidi character is replaced as the app replaces it
  (:func:`vetting.checklist.textcheck.sanitize`). A checklist can never colour, move or
  clear the screen, set the window title, or reorder what a screen reader reads.
* Nothing is drawn but whole lines: no cursor movement, no clearing, no colour unless
  ``--color`` or ``FORCE_COLOR`` asks for it; ``NO_COLOR`` turns ``FORCE_COLOR`` off
  (https://no-color.org: a command-line flag still wins), and so does ``TERM=dumb``.
* Input is read a line at a time, as bytes decoded leniently, so a pasted line that is
  not valid UTF-8 is one more line to answer, never a crash. End of input is ``None``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping
from typing import IO, Any

from vetting.checklist.textcheck import sanitize
from vetting.i18n import _

# ESC followed by a CSI (``[`` ... final byte), an OSC/DCS/PM/APC string (up to BEL or
# ESC \), or a single character; and the 8-bit CSI (U+009B) form.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)


def clean(text: str) -> str:
    """``text`` safe to print: escape sequences removed, other controls replaced."""
    return sanitize(_ESCAPES.sub("", text))


def colour_wanted(flag: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Colour only when asked: ``--color``, or ``FORCE_COLOR`` without ``NO_COLOR``."""
    env = os.environ if environ is None else environ
    if flag:
        return True
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    return env.get("FORCE_COLOR", "") not in ("", "0")


def line_mode_reason(
    stdin: Any, stdout: Any, environ: Mapping[str, str] | None = None
) -> str | None:
    """Why ``vetting`` should run in line mode by itself, or None for the full screen.

    ``TERM=dumb``, or input or output that is not a terminal (piped, redirected, a
    file). Never under ``vetting serve``, which runs the full-screen app for a browser
    with pipes on purpose (it sets ``TEXTUAL_DRIVER``).
    """
    env = os.environ if environ is None else environ
    if env.get("TEXTUAL_DRIVER"):
        return None
    if env.get("TERM") == "dumb":
        return _("the terminal is TERM=dumb")
    if not _isatty(stdin):
        return _("the input is not a terminal")
    if not _isatty(stdout):
        return _("the output is not a terminal")
    return None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Console:
    """Whole lines out (cleaned of control characters), whole lines in."""

    BOLD = "\x1b[1m"
    RED = "\x1b[1;31m"
    RESET = "\x1b[0m"

    def __init__(self, stdin: IO[str], stdout: IO[str], *, colour: bool = False) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.colour = colour

    def say(self, text: str = "", *, style: str | None = None) -> None:
        """Print ``text`` (already cleaned by the caller where it holds outside text)."""
        for line in clean(text).split("\n"):
            if self.colour and style and line:
                line = f"{style}{line}{self.RESET}"
            self._write(line + "\n")
        self._flush()

    def ask(self, prompt: str) -> str | None:
        """Show ``prompt`` and read one line; None at the end of input."""
        self._write(clean(prompt))
        self._flush()
        try:
            raw = self._read_line()
        except (OSError, ValueError):  # a closed or unreadable input ends it, like EOF
            return None
        if raw is None:
            return None
        line = raw.rstrip("\r\n")
        if self._echo_needed():
            self._write(clean(line) + "\n")
        return line

    def _read_line(self) -> str | None:
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is not None:
            data = buffer.readline()
            if not data:
                return None
            return data.decode(getattr(self.stdin, "encoding", None) or "utf-8", "replace")
        line = self.stdin.readline()
        return line or None

    def _echo_needed(self) -> bool:
        """Piped input is not echoed by a terminal: write it after the prompt, so what was
        printed reads as a whole conversation (and the next line starts fresh)."""
        return not _isatty(self.stdin)

    def _write(self, text: str) -> None:
        try:
            self.stdout.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stdout, "encoding", None) or "ascii"
            self.stdout.write(text.encode(encoding, "replace").decode(encoding))

    def _flush(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stdout.flush()
