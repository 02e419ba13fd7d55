"""Ask for a session name ("Dr. Lee, after session 2"), with a sensible default."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from vetting.checklist.textcheck import sanitize
from vetting.i18n import N_, _
from vetting.sessions.store import MAX_NAME_CHARS
from vetting.tui.text import plain


class NameSessionModal(ModalScreen[str | None]):
    """Dismisses with the name typed (trimmed), or ``None`` when cancelled."""

    CSS_PATH = "name_session.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, default: str) -> None:
        """``title`` is marked with ``N_`` by the caller and translated here, as shown."""
        super().__init__()
        self.title_text = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog", classes="dialog"):
            yield Static(_(self.title_text), classes="dialog-title")
            yield Static(
                _("A name helps you find it later, for example “Dr. Lee, after session 2”."),
                classes="dialog-hint",
            )
            yield Input(sanitize(self.default), max_length=MAX_NAME_CHARS, id="session-name")
            yield Static("", id="name-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("OK"), variant="primary", id="name-ok")
                yield Button(_("Cancel"), id="name-cancel")

    def on_mount(self) -> None:
        self.query_one("#session-name", Input).focus()

    @on(Input.Submitted, "#session-name")
    @on(Button.Pressed, "#name-ok")
    def _accept(self) -> None:
        name = self.query_one("#session-name", Input).value.strip()
        if not name:
            self.query_one("#name-error", Static).update(plain(_("Please type a name.")))
            return
        self.dismiss(name)

    def language_changing(self) -> None:
        """Keep what the person typed when the dialog is drawn again in another language."""
        self.default = self.query_one("#session-name", Input).value

    @on(Button.Pressed, "#name-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
