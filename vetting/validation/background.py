"""Validate a checklist in a child process while the caller gets on with something else.

``vetting run FILE`` must validate the file before showing it, and must load Textual
before drawing anything. Done one after the other, reading the YAML, checking it and
importing the parser and schema machinery came before Textual's own import, which
alone takes longer than all of that. On a machine with two or more cores both can
happen at once: the file is validated in a forked child while the parent imports the
app, and the report comes back through a pipe (bench/RESULTS.md has the figures).

The result is always the report :func:`vetting.validation.pipeline.validate_file` gives. If the
child cannot be started (no ``fork`` on this system, or threads already running, where
forking is unsafe) or fails in any way, the file is validated here instead, so errors
are reported exactly as without this module. The pipe carries the report (pickled)
from this program to itself and nothing else; nothing is written anywhere.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

# Imported only where used: everything this module loads before the fork is time the
# two processes do not overlap.
if TYPE_CHECKING:
    from vetting.problems import FileReport


class PendingReport:
    """A report being made; :meth:`result` waits for it (once)."""

    def __init__(self, path: Path, lang: str | None) -> None:
        self.path = path
        self.lang = lang
        self.forked = False
        self._pid = 0
        self._read_fd = -1
        self._report: FileReport | None = None

    def start(self) -> PendingReport:
        """Fork a child that validates the file; without one, validate it now."""
        if not can_fork():
            self._report = _validate(self.path, self.lang)
            return self
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: validate, send, and leave without running any cleanup
            os.close(read_fd)
            _child(self.path, self.lang, write_fd)
        os.close(write_fd)
        self.forked, self._pid, self._read_fd = True, pid, read_fd
        return self

    def result(self) -> FileReport:
        """The report; validated here if the child did not deliver one."""
        if self._report is None:
            self._report = self._receive() or _validate(self.path, self.lang)
        return self._report

    def _receive(self) -> FileReport | None:
        import pickle

        from vetting.problems import FileReport

        with os.fdopen(self._read_fd, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not payload:
            return None
        try:
            report = pickle.loads(payload)  # from our own child, through our own pipe
        except Exception:
            return None
        return report if isinstance(report, FileReport) else None


def can_fork() -> bool:
    """Fork only where it is safe: POSIX ``fork`` exists and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def validate_in_background(path: Path, lang: str | None = None) -> PendingReport:
    """Start validating ``path`` (in ``lang``); call ``.result()`` when the report is needed."""
    return PendingReport(Path(path), lang).start()


def _validate(path: Path, lang: str | None) -> FileReport:
    from vetting.validation.pipeline import validate_file

    return validate_file(path, lang=lang)


def _child(path: Path, lang: str | None, write_fd: int) -> None:
    """Runs in the forked child; never returns. Exit status 0 only after a full send."""
    status = 1
    try:
        import pickle

        payload = pickle.dumps(_validate(path, lang), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
        status = 0
    except BaseException:  # any failure: the parent validates the file itself
        status = 1
    finally:
        os._exit(status)
