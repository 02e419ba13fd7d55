"""The home screen: checklists to start, and saved sessions to pick up again.

Every checklist file is validated before it is listed (in a worker); a file with errors is
shown with a "⚠ Has problems" marker and opens the list of its problems, never the
checklist itself. Sessions can be resumed (Enter), renamed (``r``), deleted (``d``,
after a confirmation) and compared with the other sessions of the same checklist (``c``).
In a read-only window (vetting is open elsewhere) a banner says that nothing is saved.
The language button (or ``l``) opens the language picker; the choice is remembered.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from vetting.checklist.model import Checklist
from vetting.i18n import N_, _, ngettext
from vetting.sessions.store import Session, StorageError
from vetting.tui.commands import LANGUAGES
from vetting.tui.shared import (
    AppServices,
    CatalogEntry,
    SessionRow,
    answered_words,
    display_path,
    services,
)
from vetting.tui.text import fill, notify_plain, plain, styled
from vetting.tui.widgets.key_bar import KeyBar


def checklist_prompt(entry: CatalogEntry) -> Content:
    """Title, length and summary; a broken file says so in words, not only in colour."""
    # TRANSLATORS: after the title of a checklist the person added themselves.
    owner = "" if entry.builtin else "  " + _("(yours)")
    checklist = entry.checklist
    if checklist is None:
        errors = entry.report.errors
        return Content.assemble(
            (_("⚠ Has problems: "), "bold $warning"),
            plain(entry.title),
            owner,
            "\n  ",
            ngettext(
                "Cannot be opened ({count} problem). Press Enter to see it.",
                "Cannot be opened ({count} problems). Press Enter to see them.",
                errors,
            ).format(count=errors),
        )
    count = len(checklist.items)
    return Content.assemble(
        styled(checklist.title, "bold"),
        owner,
        "  ·  ",
        ngettext("{count} question", "{count} questions", count).format(count=count),
        "\n  ",
        plain(checklist.summary),
    )


def session_prompt(row: SessionRow) -> Content:
    """Name, checklist, last update and progress, all written out."""
    if row.problem is not None:
        return Content.assemble(
            (_("⚠ Cannot be opened: "), "bold $warning"),
            plain(row.name),
            "\n  ",
            plain(row.problem),
        )
    return Content.assemble(
        styled(row.name, "bold"),
        "\n  ",
        plain(row.checklist_title),
        "  ·  ",
        # TRANSLATORS: {time} is a date and time, written in the person's language.
        _("updated {time}").format(time=row.updated),
        "  ·  ",
        answered_words(row.answered, row.shown),
    )


class HomeScreen(Screen[None]):
    """Lists checklists and sessions; all reading happens in a worker."""

    CSS_PATH = "home.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rename", N_("Rename")),
        Binding("d", "delete", N_("Delete")),
        Binding("c", "compare", N_("Compare")),
        Binding("l", "language", N_("Language"), show=False),  # the button says so
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(plain(services(self).read_only_reason), id="home-read-only")
        with VerticalScroll(id="home-body"):
            yield Static(
                _(
                    "Choose a checklist to start, or pick up a saved session. "
                    "Nothing you enter leaves this computer."
                ),
                id="home-intro",
            )
            name = dict(LANGUAGES).get(self.vetting.ui_language, "English")
            yield Button(
                # TRANSLATORS: the language button; {language} is the language's own name.
                _("Language: {language} (l)").format(language=name),
                id="home-language",
                compact=True,
            )
            yield Static(_("Checklists"), classes="heading")
            yield OptionList(id="checklists")
            yield Static("", id="user-folder")
            yield Static(_("Saved sessions"), classes="heading")
            yield OptionList(id="sessions")
            yield Static(_("No saved sessions yet."), id="no-sessions")
        yield KeyBar()

    @property
    def vetting(self) -> AppServices:
        return services(self)

    def on_mount(self) -> None:
        self._prepare()

    def _prepare(self) -> None:
        """What the freshly composed screen shows before the lists are read."""
        folder = display_path(self.vetting.user_checklists_dir)
        self.query_one("#user-folder", Static).update(
            fill(_("Your own checklists go in: {folder}"), folder=folder)
        )
        self.query_one("#home-read-only").display = self.vetting.read_only
        self.query_one("#checklists", OptionList).loading = True
        self.refresh_lists()

    def language_changed(self) -> None:
        """Drawn again in another language: list the checklists again, translated."""
        self._prepare()

    # -- the language -------------------------------------------------------------

    @on(Button.Pressed, "#home-language")
    def action_language(self) -> None:
        from vetting.tui.screens.language import LanguageModal

        def chosen(language: str | None) -> None:
            if language:
                self.vetting.choose_language(language)

        self.app.push_screen(LanguageModal(self.vetting.ui_language), chosen)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_lists()

    @work(thread=True, exclusive=True, group="home-scan")
    def refresh_lists(self) -> None:
        """Validate the checklists and read the sessions off the main thread."""
        entries = self.vetting.scan_catalog()
        rows = self.vetting.scan_sessions()
        self.app.call_from_thread(self._show, entries, rows)

    def _show(self, entries: list[CatalogEntry], rows: list[SessionRow]) -> None:
        if not self.query("#checklists"):  # being drawn again (a change of language)
            return
        problem = self.vetting.user_folder_problem
        if problem:
            self.query_one("#user-folder", Static).update(plain(problem))
        checklists = self.query_one("#checklists", OptionList)
        highlighted = checklists.highlighted
        checklists.loading = False
        checklists.set_options(
            Option(checklist_prompt(entry), id=f"c{index}") for index, entry in enumerate(entries)
        )
        if entries:
            checklists.highlighted = min(highlighted or 0, len(entries) - 1)
        sessions = self.query_one("#sessions", OptionList)
        sessions.set_options(Option(session_prompt(row), id=f"s{i}") for i, row in enumerate(rows))
        sessions.display = bool(rows)
        if rows:
            sessions.highlighted = 0
        self.query_one("#no-sessions").display = not rows
        if not isinstance(self.focused, OptionList):
            checklists.focus()

    # -- choosing ---------------------------------------------------------------

    @on(OptionList.OptionSelected, "#checklists")
    def _start(self, event: OptionList.OptionSelected) -> None:
        self.vetting.start_checklist(self.vetting.catalog[event.option_index])

    @on(OptionList.OptionSelected, "#sessions")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        row = self.vetting.session_rows[event.option_index]
        if row.problem is not None:
            notify_plain(self.app, row.problem, severity="warning")
            return
        self.vetting.resume_session(row.id)

    def _selected_session(self) -> SessionRow | None:
        index = self.query_one("#sessions", OptionList).highlighted
        rows = self.vetting.session_rows
        if index is None or not 0 <= index < len(rows):
            notify_plain(self.app, _("There is no saved session to pick yet."))
            return None
        return rows[index]

    # -- rename and delete ------------------------------------------------------

    def action_rename(self) -> None:
        from vetting.tui.screens.name_session import NameSessionModal

        row = self._selected_session()
        if row is None or row.problem is not None:
            return

        def renamed(name: str | None) -> None:
            if name and name != row.name:
                self._rename(row.id, name)

        self.app.push_screen(NameSessionModal(N_("Rename this session"), row.name), renamed)

    def action_delete(self) -> None:
        from vetting.tui.screens.confirm import ConfirmModal

        row = self._selected_session()
        if row is None:
            return

        def question() -> Content:
            return fill(
                _(
                    "Delete the session “{name}”? Its answers will be removed from this "
                    "computer. This cannot be undone."
                ),
                name=row.name,
            )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(row.id)

        self.app.push_screen(ConfirmModal(question, yes_label=N_("Delete")), confirmed)

    @work(thread=True, group="home-write")
    def _rename(self, session_id: str, name: str) -> None:
        try:
            self.vetting.store.rename(session_id, name)
        except StorageError as error:
            self.app.call_from_thread(notify_plain, self.app, str(error), severity="error")
        self.app.call_from_thread(self.refresh_lists)

    @work(thread=True, group="home-write")
    def _delete(self, session_id: str) -> None:
        try:
            self.vetting.store.delete(session_id)
        except StorageError as error:
            self.app.call_from_thread(notify_plain, self.app, str(error), severity="error")
        self.app.call_from_thread(self.refresh_lists)

    # -- compare ----------------------------------------------------------------

    def action_compare(self) -> None:
        """Open the compare screen for the highlighted session and its checklist's others."""
        row = self._selected_session()
        if row is None:
            return
        checklist = row.entry.checklist if row.entry is not None else None
        if row.problem is not None or checklist is None:
            notify_plain(
                self.app, row.problem or _("This session cannot be opened."), severity="warning"
            )
            return
        self._open_compare(checklist, row.id)

    @work(thread=True, group="home-compare")
    def _open_compare(self, checklist: Checklist, session_id: str) -> None:
        """Reading every session of the checklist is file I/O, so it runs off the main thread."""
        from vetting.tui.screens.compare import sessions_for

        store = self.vetting.store
        try:
            session = store.load(session_id)
        except StorageError as error:
            self.app.call_from_thread(notify_plain, self.app, str(error), severity="error")
            return
        others = [s for s in sessions_for(store, checklist.id) if s.id != session_id]
        self.app.call_from_thread(self._push_compare, checklist, [session, *others])

    def _push_compare(self, checklist: Checklist, sessions: list[Session]) -> None:
        """The highlighted session first, next to the newest other one (as from results)."""
        from vetting.tui.screens.compare import CompareScreen

        selected = [s.id for s in sessions[:2]]
        self.app.push_screen(CompareScreen(checklist, sessions, selected=selected))
