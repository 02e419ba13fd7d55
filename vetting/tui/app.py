"""The vetting app: its frame, global keys, and the seams the screens plug into.

What lives here (and nowhere else):

* the session store (``app.store``), opened once with its lock when the app starts;
* the catalog of checklists: built-in ones plus the person's own folder, each validated,
  so a broken file is listed with its problems and never opened;
* keys that work on every screen: crisis help (F1 or ``!``), quick exit (Ctrl+Q or F12),
  theme toggle (F2) and the command palette (Ctrl+P);
* the crash path, from :class:`vetting.tui.crash.QuietCrashApp`: an unexpected error
  prints one short line and never a traceback with local variables, which could hold
  answers (SECURITY-NOTES R7).

Screens call the small methods here (:meth:`VettingApp.start_checklist`,
:meth:`VettingApp.resume_session`, :meth:`VettingApp.show_crisis`) and hold no I/O
themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen

from vetting.checklist import resources
from vetting.checklist.model import Checklist
from vetting.checklist.safety import CrisisLines, crisis_lines
from vetting.checklist.textcheck import sanitize
from vetting.i18n import N_, _, set_language
from vetting.problems import FileReport
from vetting.sessions import locations
from vetting.sessions.model import default_name, new_session
from vetting.sessions.store import Session, SessionStore, StorageError, StoreLocked
from vetting.tui import catalog
from vetting.tui.commands import VettingCommands, localized_palette, system_commands
from vetting.tui.crash import QuietCrashApp
from vetting.tui.localize import localize_bindings, redraw_in_language
from vetting.tui.shared import (
    READ_ONLY_NOTICE,
    CatalogEntry,
    SessionRow,
    change_notice,
)
from vetting.tui.text import notify_plain

HERE = Path(__file__).parent  # the stylesheets, wherever a subclass of the app is defined
LIGHT_THEME = "textual-light"
DARK_THEME = "textual-dark"


class VettingApp(QuietCrashApp):
    """The terminal app. Build it with :func:`make_app` (the CLI and the tests do)."""

    TITLE = "vetting"
    SUB_TITLE = N_("private: your answers stay on this computer")
    COMMANDS = App.COMMANDS | {VettingCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "crisis", N_("Crisis help"), priority=True),
        Binding("exclamation_mark", "crisis", N_("Crisis help"), show=False),
        Binding("ctrl+q", "quick_exit", N_("Quick exit"), priority=True),
        Binding("f12", "quick_exit", N_("Quick exit"), show=False, priority=True),
        Binding("f2", "toggle_theme", N_("Theme"), show=False),
    ]

    def __init__(
        self,
        *,
        data_dir: Path | None = None,
        checklist_paths: Sequence[Path] | None = None,
        open_path: Path | None = None,
        open_report: FileReport | None = None,
        clock: Callable[[], datetime] | None = None,
        language: str | None = None,
        config_dir: Path | None = None,
    ) -> None:
        # The shared rules, plus those of the screen the app opens on. Every other screen
        # brings its own file when first shown; Textual then re-parses all the CSS it has
        # (a few ms), which is fine later but not before the first question.
        first_screen = "take.tcss" if open_path is not None else "home.tcss"
        super().__init__(css_path=[HERE / "app.tcss", HERE / "screens" / first_screen])
        # The language picked in the app, remembered between runs; ``language`` (``--lang``,
        # or what the CLI chose) wins over it. A settings file that cannot be read is
        # ignored and said so once the app is open.
        from vetting import settings

        self.config_dir = config_dir
        loaded = settings.load(config_dir)
        self.settings_problem = loaded.problem
        if language is None:
            language = loaded.settings.language
        self._apply_language(language)
        self.data_dir = Path(data_dir) if data_dir is not None else locations.data_dir()
        self.user_checklists_dir = self.data_dir / "checklists"
        self.builtin_paths = (
            list(checklist_paths)
            if checklist_paths is not None
            else resources.builtin_checklist_paths()
        )
        self.open_path = open_path
        # ``vetting run`` validated the file already: its report is reused, not redone.
        self.open_report = open_report
        # Files opened by path (``vetting run FILE``): kept in the catalog after every scan,
        # so their sessions can be resumed from the home screen.
        self.opened: list[CatalogEntry] = []
        self.clock = clock
        self.store = SessionStore(self.data_dir, clock=clock)
        self.catalog: list[CatalogEntry] = []
        self.session_rows: list[SessionRow] = []
        self.closing = False
        #: Why the store was refused, when it was (else the store is simply another window's).
        self.store_problem: StorageError | None = None
        #: Why the person's own checklists could not be listed, if they could not.
        self.user_folder_problem: str | None = None
        self.theme = DARK_THEME

    # -- start and stop -------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The first screen on the stack: home, or under ``vetting run FILE`` that file.

        Not pushed over Textual's blank default screen: one screen to style and draw
        before the first question, not two (bench/RESULTS.md). The store opens first, as
        the take screen says at once whether answers are saved.
        """
        self._open_store()
        screen = self._opened_file_screen(self.open_path) if self.open_path else None
        if screen is None:
            from vetting.tui.screens.home import HomeScreen

            screen = HomeScreen()
        self._load_screen_css(screen)  # Textual skips it for its default screen
        # Textual gives a pushed or switched-to screen a result callback and its default
        # screen none, so switching away from it (Esc, leave_to_home) fails: textual#2650.
        screen._push_result_callback(screen, None)
        return screen

    def on_mount(self, event: events.Mount) -> None:
        """Say what the person should know at once; show a broken file's problems."""
        if self.store_problem is not None:
            # The banner on every screen says this too, since a notification fades.
            notify_plain(self, self.read_only_reason, severity="error")
        elif self.read_only:
            notify_plain(self, _(READ_ONLY_NOTICE), severity="warning")
        if self.settings_problem:
            notify_plain(self, self.settings_problem, severity="warning")
        opened = self.opened[0] if self.opened else None  # the file of ``vetting run FILE``
        if opened is not None and opened.checklist is None:
            from vetting.tui.screens.problems import ProblemsScreen  # only for a broken file

            self.push_screen(ProblemsScreen(opened))

    def leave_to_home(self, screen: Screen) -> None:
        """Close ``screen`` (the one on top): back to the screen underneath, if any.

        After ``vetting run FILE`` nothing is underneath yet: the home screen is built now,
        in the leaving screen's place, so it costs nothing until a person asks for it.
        """
        from vetting.tui.screens.home import HomeScreen

        if len(self.screen_stack) > 1:
            screen.dismiss(None)
        else:
            self.switch_screen(HomeScreen())

    def _open_store(self) -> None:
        """Take the lock; a second window gets a read-only store (``on_mount`` says so)."""
        try:
            self.store.open()
        except StoreLocked:
            self.store = SessionStore(self.data_dir, clock=self.clock, read_only=True).open()
        except StorageError as error:
            self.store = SessionStore(self.data_dir, clock=self.clock, read_only=True)
            self.store_problem = error

    @property
    def read_only_reason(self) -> str:
        """What the read-only banner says: another window, or why the store was refused."""
        if self.store_problem is None:
            return _(READ_ONLY_NOTICE)
        return _(
            "Your sessions cannot be opened: {error} Nothing you answer is saved "
            "until this is fixed."
        ).format(error=self.store_problem)

    def on_unmount(self, event: events.Unmount) -> None:
        self.store.close()

    # -- the catalog (called from workers) ------------------------------------

    def user_checklist_paths(self) -> list[Path]:
        """The person's own checklist files; :attr:`user_folder_problem` says why if none."""
        paths, self.user_folder_problem = resources.user_checklist_paths(self.user_checklists_dir)
        return paths

    def scan_catalog(self) -> list[CatalogEntry]:
        """Validate every checklist file; blocking, so screens call it from a worker."""
        self.catalog = catalog.scan_catalog(
            self.builtin_paths, self.user_checklist_paths(), self.opened, self.language
        )
        return self.catalog

    def entry_for(self, checklist_id: str) -> CatalogEntry | None:
        """The valid checklist with this id (built-in first, then the person's own)."""
        return catalog.entry_for(self.catalog, checklist_id)

    def scan_sessions(self) -> list[SessionRow]:
        """Every saved session with its progress; blocking, so call it from a worker."""
        self.session_rows = catalog.session_rows(self.store, self.entry_for)
        return self.session_rows

    # -- starting and resuming ------------------------------------------------

    def start_checklist(self, entry: CatalogEntry) -> None:
        """Ask for a session name, then open the checklist (or its problems, if broken)."""
        from vetting.tui.screens.name_session import NameSessionModal
        from vetting.tui.screens.problems import ProblemsScreen

        checklist = entry.checklist
        if checklist is None:
            self.push_screen(ProblemsScreen(entry))
            return
        default = default_name(checklist, self.clock() if self.clock else None)

        def named(name: str | None) -> None:
            if name:
                self._create_session(checklist, name)

        self.push_screen(NameSessionModal(N_("Name this session"), default), named)

    def _opened_file_screen(self, path: Path) -> Screen | None:
        """``vetting run FILE``: a session under the default name (``r`` renames it), or
        None for a file with errors (``on_mount`` shows them over home). The file is
        validated here only without ``open_report``, the CLI's report."""
        report = self.open_report
        if report is None:
            from vetting.validation.pipeline import validate_file

            report = validate_file(path, lang=self.language)
        entry = CatalogEntry(Path(path), report, False)
        self.opened.append(entry)
        self.catalog.append(entry)
        checklist = entry.checklist
        if checklist is None:
            return None
        from vetting.tui.screens.take import TakeScreen

        name = default_name(checklist, self.clock() if self.clock else None)
        # Shown at once and written by the take screen's first save: waiting for the file
        # before drawing would put a disk write and a thread hop before the first question.
        session = self.unsaved_session(checklist, name)
        return TakeScreen(checklist, session, unsaved=True)

    @property
    def read_only(self) -> bool:
        """True in a second window: sessions can be read, and nothing is ever written."""
        return self.store.read_only

    def unsaved_session(self, checklist: Checklist, name: str) -> Session:
        """A new session in memory: a read-only window never writes it; ``vetting run``
        shows it first and saves it right after."""
        return new_session(checklist, name, self.clock)

    @work(thread=True, group="sessions")
    def _create_session(self, checklist: Checklist, name: str) -> None:
        if self.read_only:
            self.call_from_thread(
                self.open_session, checklist, self.unsaved_session(checklist, name)
            )
            return
        try:
            session = self.store.create(checklist, name)
        except StorageError as error:
            self.call_from_thread(self._create_failed, str(error))
            return
        self.call_from_thread(self.open_session, checklist, session)

    def _create_failed(self, reason: str) -> None:
        """Say why; the screen the person started from stays."""
        notify_plain(self, reason, severity="error")

    def resume_session(self, session_id: str) -> None:
        """Load a saved session (in a worker) and continue where the person left off."""
        self._load_session(session_id)

    @work(thread=True, group="sessions")
    def _load_session(self, session_id: str) -> None:
        try:
            session = self.store.load(session_id)
        except StorageError as error:
            self.call_from_thread(notify_plain, self, str(error), severity="error")
            return
        entry = self.entry_for(session.checklist_id)
        if entry is None or entry.checklist is None:
            message = _("The checklist for this session is not available here.")
            self.call_from_thread(notify_plain, self, message, severity="warning")
            return
        self.call_from_thread(self.open_session, entry.checklist, session)

    def open_session(self, checklist: Checklist, session: Session) -> None:
        """Open ``session`` to answer; an older checklist version is explained, not hidden
        (answers that no longer fit are set aside: :func:`refitted`)."""
        from vetting.tui.screens.take import TakeScreen
        from vetting.validation.answers_file import refitted  # not needed before the first draw

        current, change = refitted(checklist, session)
        notice = change_notice(checklist, change) if change is not None else None
        self.push_screen(TakeScreen(checklist, current, notice=notice))

    def format_title(self, title: str, sub_title: str) -> Content:
        """Screens set titles from checklists and session names: sanitize them (T4)."""
        return super().format_title(sanitize(title), sanitize(sub_title))

    # -- global actions ---------------------------------------------------------

    def current_checklist(self) -> Checklist | None:
        """The checklist on screen, if any (its own crisis lines come after the app's)."""
        for screen in reversed(self.screen_stack):
            checklist = getattr(screen, "checklist", None)
            if isinstance(checklist, Checklist):
                return checklist
        return None

    def show_crisis(self, checklist: Checklist | None = None) -> None:
        """Show crisis help on top of whatever is on screen (once, never stacked)."""
        from vetting.tui.screens.crisis import CrisisModal

        if isinstance(self.screen, CrisisModal):
            return
        self.push_screen(CrisisModal(self.crisis_lines(checklist or self.current_checklist())))

    def crisis_lines(self, checklist: Checklist | None) -> CrisisLines:
        """The app's lines in the language on screen, then the checklist's own.

        With a language chosen (``--lang``, the picker, the system's), the app's lines are
        in it whether or not a checklist is open; with none, in the checklist's language.
        """
        return crisis_lines(checklist, self.ui_language if self.language else None)

    # -- the language -------------------------------------------------------------

    def choose_language(self, language: str) -> None:
        """The language picker: show everything in ``language`` now, and remember it.

        The app's words, its keys, the built-in checklists (the catalog is scanned again in
        that language) and the crisis lines all change; every screen on the stack is drawn
        again. What a person typed on a screen (a session name, a file name) is kept.
        """
        self._apply_language(language)
        self._remember_language(language)
        self._redraw_in_language()

    def _apply_language(self, language: str | None) -> None:
        """The person's language (``None``: the system's); checklists translated into it
        are shown in it, and so are the app's own words when vetting has a catalog."""
        self.language = language
        self.ui_language = set_language(language)
        self.sub_title = _(self.SUB_TITLE)
        localize_bindings(self)

    @work(thread=True, group="settings")
    def _remember_language(self, language: str) -> None:
        from vetting import settings

        problem = settings.remember_language(language, self.config_dir)
        if problem is not None:
            self.call_from_thread(self._not_remembered, problem)

    def _not_remembered(self, reason: str) -> None:
        """The choice applies now; say calmly that the next start will not know it."""
        message = _(
            "Your language choice could not be saved ({reason}); it applies until you "
            "close vetting."
        ).format(reason=reason)
        notify_plain(self, message, severity="warning")

    @work(group="language", exclusive=True)
    async def _redraw_in_language(self) -> None:
        """Every screen drawn again; a checklist on screen (being answered, its results, an
        export) becomes the same checklist in the new language, validated again off the
        main thread and used only when its content is the very same, so answers fit."""
        import asyncio

        if any(isinstance(getattr(s, "checklist", None), Checklist) for s in self.screen_stack):
            await asyncio.to_thread(self._relocalize_catalog)
        await redraw_in_language(self.screen_stack, partial(catalog.in_language, self.catalog))
        self.refresh_bindings()

    def _relocalize_catalog(self) -> None:
        """Validate every checklist again in the new language (blocking: from a thread)."""
        self.opened = catalog.revalidated(self.opened, self.language)
        self.scan_catalog()

    def action_crisis(self) -> None:
        self.show_crisis()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.theme == DARK_THEME else DARK_THEME

    def action_quick_exit(self) -> None:
        """Leave at once: no further saves, nothing printed; the terminal is restored."""
        self.closing = True
        self.workers.cancel_all()
        self.exit(return_code=0)

    @on(events.DeliveryComplete)
    @on(events.DeliveryFailed)
    def _delivery_finished(self, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
        """A download reached the browser (``vetting serve``): tell the dialog that sent it
        (screens/export.py), which waits on top for this."""
        finished = getattr(self.screen, "delivery_finished", None)
        if finished is not None:
            finished(event)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the language on screen."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(localized_palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return system_commands(self)

    def _load_screen_css(self, screen: Screen) -> None:
        """Every screen the app shows passes here first (push, switch, the first mode): its
        keys are described in the language on screen (see :mod:`vetting.tui.localize`).

        Private Textual API, pinned to textual==8.2.8 (as the crash path, ``crash.py``).
        """
        localize_bindings(screen)
        super()._load_screen_css(screen)


def make_app(**options: Any) -> VettingApp:
    """The one way to build the app, shared by the CLI and the tests (which replace it).

    ``options`` are :class:`VettingApp`'s: ``open_path`` opens that checklist file
    straight away (``vetting run FILE``); ``open_report`` is its validation report when
    the caller has one already.
    """
    return VettingApp(**options)
