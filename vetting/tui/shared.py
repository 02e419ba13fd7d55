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
from vetting.checklist.resources import CatalogEntry
from vetting.i18n import N_, current_language, ngettext
from vetting.tui.text import plain

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from vetting.checklist.safety import CrisisLines
    from vetting.sessions.store import Session, SessionStore
    from vetting.validation.answers_file import ChecklistChange

READ_ONLY_NOTICE = N_(
    "vetting is open in another window: you can look, but answers will not be saved here."
)
#: The Babel locale for each language of the app's words: Spanish as written in the US.
BABEL_LOCALES = {"en": "en_US", "es": "es_US"}
#: What ``babel.numbers.format_percent`` writes for a whole percentage in those locales.
PERCENT_PATTERNS = {"en_US": "{}%", "es_US": "{}%"}


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


def change_notice(checklist: Checklist, change: ChecklistChange) -> Content:
    """The words a person sees when a session was answered with an older checklist."""
    from vetting.validation.answers_file import change_words  # only for such a session

    head, second, *answers = change_words(checklist, change)
    parts: list[Content | str] = [plain(head), "\n", plain(second)]
    for line in answers:
        parts += ["\n• ", plain(line)]
    return Content.assemble(*parts)


def answered_words(answered: int, shown: int) -> str:
    """``3 of 6 answered``: the plural follows the number answered (Spanish agrees with it)."""
    # TRANSLATORS: {answered} questions of the {shown} shown have an answer.
    return ngettext(
        "{answered} of {shown} answered", "{answered} of {shown} answered", answered
    ).format(answered=answered, shown=shown)


def display_path(path: Path) -> str:
    """``path`` with the home folder written as ``~``: shorter, and the same on every machine."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def babel_locale() -> str:
    """The Babel locale of the language on screen (``es_US``, ``en_US``)."""
    return BABEL_LOCALES.get(current_language(), "en_US")


def display_time(stamp: str) -> str:
    """``2026-11-25T20:05:00Z`` in the person's language: ``11/25/26 8:05 PM`` in English,
    ``25/11/2026 8:05 p.m.`` in Spanish (UTC, as stored).

    Babel is imported here, on first use: only the home screen's worker shows times, so
    the app's start never waits for it.
    """
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return stamp
    from babel.dates import format_date, format_time

    locale = babel_locale()
    day = format_date(moment, "short", locale=locale)
    text = f"{day} {format_time(moment, 'short', locale=locale)}"
    return text.replace("\u202f", " ").replace("\xa0", " ")  # one cell wide everywhere


def display_percent(percent: float) -> str:
    """A whole percentage as the person's locale writes it (``17%`` in en_US and es_US).

    Babel's pattern for each locale the app ships is known in advance
    (:data:`PERCENT_PATTERNS`, checked against Babel by the tests), so the first question
    is drawn without loading Babel (about 20 ms); any other locale asks Babel.
    """
    locale = babel_locale()
    pattern = PERCENT_PATTERNS.get(locale)
    if pattern is not None:
        return pattern.format(round(percent))
    from babel.numbers import format_percent

    text = format_percent(round(percent) / 100, locale=locale)
    return text.replace("\u202f", " ").replace("\xa0", " ")


class AppServices(Protocol):
    """What screens may ask of the app (:class:`vetting.tui.app.VettingApp` provides it)."""

    store: SessionStore
    catalog: list[CatalogEntry]
    session_rows: list[SessionRow]
    user_checklists_dir: Path
    clock: Callable[[], datetime] | None
    closing: bool  # quick exit has begun: nothing more is written
    language: str | None  # the language picked (checklists and the app's words)
    ui_language: str  # the language of the app's own words now (``en`` without a catalog)

    @property
    def read_only_reason(self) -> str:  # why nothing is saved, when the store is read-only
        ...

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

    def action_show_help_panel(self) -> None: ...

    def choose_language(self, language: str) -> None: ...

    def crisis_lines(self, checklist: Checklist | None) -> CrisisLines: ...


def services(node: DOMNode) -> AppServices:
    """The app behind ``node``, as the screens may use it."""
    return cast(AppServices, node.app)
