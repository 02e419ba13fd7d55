"""The language picker: vetting's own words, and the checklists, in English or Spanish.

Opened from the home screen (its button, or ``l``); the command palette offers the same
choice on every screen. The choice is the app's business
(:meth:`vetting.tui.app.VettingApp.choose_language` shows it and remembers it): this
dialog only asks. Each language is listed by its own name, so a person finds theirs
whatever language is on screen now.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from vetting.i18n import N_, _
from vetting.tui.commands import LANGUAGES


class LanguageModal(ModalScreen[str | None]):
    """Dismisses with the language tag picked (``en``, ``es``), or ``None`` when cancelled."""

    CSS_PATH = "language.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="language-dialog", classes="dialog"):
            # Both words always: the way back for someone who cannot read the other one.
            yield Static("Language / Idioma", classes="dialog-title")
            yield Static(
                _(
                    "vetting's own words are shown in this language, and so are the "
                    "checklists that have a translation. Your choice is remembered."
                ),
                classes="dialog-hint",
            )
            yield OptionList(
                *[
                    Option(("● " if tag == self.current else "○ ") + name, id=tag)
                    for tag, name in LANGUAGES
                ],
                id="language-list",
            )

    def on_mount(self) -> None:
        picker = self.query_one("#language-list", OptionList)
        tags = [tag for tag, _name in LANGUAGES]
        picker.highlighted = tags.index(self.current) if self.current in tags else 0
        picker.focus()

    @on(OptionList.OptionSelected, "#language-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
