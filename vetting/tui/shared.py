"""What the screens share with the app, so that no screen imports ``app.py``.

The app (:mod:`vetting.tui.app`) imports screens; screens import this module. It holds
the values both speak in (a catalog entry, a session row), the few words and formats
every screen shows the same way, and :class:`AppServices`: what a screen may ask of the
app, typed, so screens need neither ``type: ignore`` nor the app's module.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

from textual.content import Content

from vetting.checklist.model import Checklist
from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport
from vetting.tui.text import plain

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from vetting.sessions.store import Session, SessionStore
    from vetting.validation.answers_file import ChecklistChange

READ_ONLY_NOTICE = (
    "vetting is open in another window: you can look, but answers will not be saved here."
)


class CatalogEntry(NamedTuple):
    """One checklist file the app knows about, with its validation report."""

    path: Path
    report: FileReport
    builtin: bool

    @property
    def checklist(self) -> Checklist | None:
        """The checklist, only when the file has no errors."""
        return self.report.checklist if self.report.ok else None

    @property
    def title(self) -> str:
        checklist = self.checklist
        return checklist.title if checklist is not None else self.path.name


class SessionRow(NamedTuple):
    """One saved session as the home screen lists it."""

    id: str
    name: str
    checklist_title: str
    updated: str
    answered: int
    shown: int
    problem: str | None = None
    entry: CatalogEntry | None = None


def change_notice(change: ChecklistChange) -> Content:
    """The words a person sees when a session was answered with an older checklist."""
    if change.old_version != change.new_version:
        head = (
            f"This session was answered with version {change.old_version} of the checklist; "
            f"it is now version {change.new_version}."
        )
    else:
        head = (
            "This checklist has been edited since this session was answered "
            f"(both say version {change.new_version})."
        )
    parts: list[Content | str] = [Content(sanitize(head))]
    if change.set_aside:
        count = len(change.set_aside)
        parts.append(
            f"\n{count} earlier answer{'s' if count != 1 else ''} no longer "
            f"fit{'s' if count == 1 else ''} and {'is' if count == 1 else 'are'} set aside "
            "(not counted in your results):"
        )
        for problem in change.set_aside:
            parts += ["\n• ", plain(problem.message)]
    else:
        parts.append("\nAll your answers still fit, and they are kept.")
    return Content.assemble(*parts)


def display_path(path: Path) -> str:
    """``path`` with the home folder written as ``~``: shorter, and the same on every machine."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def display_time(stamp: str) -> str:
    """``2026-11-25T20:05:00Z`` as ``2026-11-25 20:05`` (UTC, as stored)."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M")


def default_session_name(checklist: Checklist, today: datetime | None = None) -> str:
    """``"<checklist title> – <date>"``, cut so it stays a valid session name."""
    day = (today or datetime.now()).strftime("%Y-%m-%d")
    title = checklist.title if len(checklist.title) <= 100 else checklist.title[:99] + "…"
    return f"{title} – {day}"


class AppServices(Protocol):
    """What screens may ask of the app (:class:`vetting.tui.app.VettingApp` provides it)."""

    store: SessionStore
    catalog: list[CatalogEntry]
    session_rows: list[SessionRow]
    user_checklists_dir: Path
    language: str | None
    clock: Callable[[], datetime] | None
    closing: bool  # quick exit has begun: nothing more is written
    read_only_reason: str  # why nothing is saved, when the store is read-only
    user_folder_problem: str | None  # why the person's own checklists are not listed

    @property
    def read_only(self) -> bool: ...

    def scan_catalog(self) -> list[CatalogEntry]: ...

    def scan_sessions(self) -> list[SessionRow]: ...

    def start_checklist(self, entry: CatalogEntry) -> None: ...

    def resume_session(self, session_id: str) -> None: ...

    def open_session(self, checklist: Checklist, session: Session) -> None: ...

    def show_crisis(self, checklist: Checklist | None = None) -> None: ...

    def leave_to_home(self, screen: Screen[Any]) -> None: ...

    def entry_for(self, checklist_id: str) -> CatalogEntry | None: ...

    def action_crisis(self) -> None: ...

    def action_quick_exit(self) -> None: ...

    def action_toggle_theme(self) -> None: ...


def services(node: DOMNode) -> AppServices:
    """The app behind ``node``, as the screens may use it."""
    return cast(AppServices, node.app)
