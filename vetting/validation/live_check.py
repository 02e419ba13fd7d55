"""What the author preview shows for a checklist file, and how it notices a change.

Plain Python, used by ``vetting preview`` (:mod:`vetting.tui.preview_app`), so it is tested
without a terminal:

* :func:`check_bytes` / :func:`read_state`: one look at the file, as a
  :class:`PreviewState` value (valid, invalid with its problems, or unreadable). A file
  whose only errors are failing golden tests still yields its checklist, so the author
  can see the items and the test panel side by side;
* :class:`FileWatch`: notices a change by size, modification time and a hash of the
  bytes (no extra dependency, no inotify), so a ``touch`` does not reload but an edit
  that keeps the size and time does.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from vetting.checklist import loader
from vetting.checklist.build import build_checklist
from vetting.checklist.model import Checklist, GoldenTest
from vetting.errors import LoadError
from vetting.problems import Problem
from vetting.scoring import GoldenFailure, run_golden_tests
from vetting.validation.pipeline import FileReport, load_error_report, validate_document

#: Errors that concern only the golden tests: the checklist itself is still shown.
GOLDEN_RULES = frozenset({"golden-test-failed", "golden-test-unknown", "golden-test-error"})
DEFAULT_POLL_INTERVAL = 0.5
UNREADABLE = "The file can't be read right now"


@dataclass(frozen=True)
class GoldenRow:
    """One golden test as the panel shows it: passed, failed (which fields), or not run."""

    name: str
    failures: tuple[GoldenFailure, ...] = ()
    not_run: str | None = None  # why the test could not be run

    @property
    def passed(self) -> bool:
        return self.not_run is None and not self.failures


@dataclass(frozen=True)
class PreviewState:
    """What one look at the file found.

    ``checklist`` is set when the items can be shown (no errors, or errors only in the
    golden tests). ``unreadable`` is a plain sentence when the file could not be read
    at all (deleted or moved mid-save, no permission).
    """

    path: Path
    report: FileReport | None = None
    checklist: Checklist | None = None
    tests: tuple[GoldenRow, ...] = ()
    unreadable: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.report.problems if self.report is not None else []

    @property
    def blocking(self) -> list[Problem]:
        """Errors that keep the checklist from being shown."""
        return [p for p in self.problems if p.is_error and p.rule not in GOLDEN_RULES]


def read_bytes(path: Path) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes (the loader refuses more); raises ``OSError``."""
    with open(path, "rb") as handle:
        return handle.read(loader.MAX_BYTES + 1)


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def check_bytes(path: Path, raw: bytes) -> PreviewState:
    """Validate ``raw`` (the file's content) exactly as ``vetting validate`` would."""
    display = os.fspath(path)
    try:
        doc = loader.load_yaml_bytes(raw, source=display)
    except LoadError as error:
        return PreviewState(path, load_error_report(display, error, raw))
    report = validate_document(doc, file=display)
    state = PreviewState(path, report, report.checklist)
    if state.checklist is None and not state.blocking:
        # Only golden tests fail: build the checklist anyway so its items stay visible.
        try:
            state = replace(
                state, checklist=build_checklist(doc.data, content_hash=doc.content_hash)
            )
        except Exception:  # a build bug: show the problems instead of crashing
            return state
    if state.checklist is None:
        return state
    return replace(state, tests=golden_rows(state.checklist, report.problems))


def golden_rows(checklist: Checklist, problems: list[Problem]) -> tuple[GoldenRow, ...]:
    """Run each golden test on its own, so one broken test never hides the others."""
    rows: list[GoldenRow] = []
    for index, test in enumerate(checklist.tests):
        unknown = [
            p
            for p in problems
            if p.rule == "golden-test-unknown" and p.path[:2] == ("tests", index)
        ]
        if unknown:
            rows.append(GoldenRow(test.name, not_run=unknown[0].message))
            continue
        rows.append(_run_one(checklist, test))
    return tuple(rows)


def _run_one(checklist: Checklist, test: GoldenTest) -> GoldenRow:
    single = replace(checklist, tests=(test,), _items_by_id={})
    try:
        return GoldenRow(test.name, tuple(run_golden_tests(single)))
    except Exception as error:  # a scoring bug: say so, keep the preview alive
        return GoldenRow(test.name, not_run=f"it could not be run ({type(error).__name__})")


def read_state(path: Path) -> PreviewState:
    """Read and check the file now; an unreadable file is a state, not an exception."""
    try:
        raw = read_bytes(path)
    except OSError:
        return PreviewState(path, unreadable=UNREADABLE)
    return check_bytes(path, raw)


class FileWatch:
    """Tells whether the file changed since the last look (size + mtime, then content hash)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat: tuple[int, int, int] | None = None
        self._digest: str | None = None
        self._looked = False

    def look(self) -> PreviewState | None:
        """A fresh state if the file changed (or became unreadable); ``None`` if it did not.

        The hash is taken only when size, time or inode moved, so watching an unchanged
        file costs one ``stat`` per tick.
        """
        try:
            info = os.stat(self.path)
            stat = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stat = None
        if self._looked and stat is not None and stat == self._stat:
            return None
        self._stat = stat
        try:
            raw = read_bytes(self.path)
        except OSError:
            return self._remember(None, PreviewState(self.path, unreadable=UNREADABLE))
        return self._remember(digest(raw), None, raw)

    def force(self) -> PreviewState:
        """Look now and return the state whatever changed (``reload_now`` uses it)."""
        self._looked = False
        self._digest = None
        state = self.look()
        assert state is not None
        return state

    def _remember(
        self, new_digest: str | None, state: PreviewState | None, raw: bytes = b""
    ) -> PreviewState | None:
        if self._looked and new_digest == self._digest:
            return None
        self._looked = True
        self._digest = new_digest
        return state if state is not None else check_bytes(self.path, raw)
