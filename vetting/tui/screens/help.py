"""Why a question matters, with the ethics-code sections behind it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from vetting.checklist.model import Item
from vetting.i18n import N_, _
from vetting.reports.document import reference_words
from vetting.scoring.answers import option_label
from vetting.tui.text import plain, styled


def help_content(item: Item) -> Content:
    """The item's help, its options' help, then its citations; never empty."""
    parts: list[Content | str] = [styled(item.text, "bold"), "\n\n"]
    parts.append(
        plain(item.help) if item.help else _("There is no extra explanation for this one.")
    )
    for option in item.options:
        if option.help:
            parts += ["\n\n", styled(option_label(item, option), "bold"), ": ", plain(option.help)]
    if item.references:
        parts += ["\n\n", _("Where this comes from:")]
        for reference in item.references:
            parts += ["\n• ", plain(reference_words(reference))]
    return Content.assemble(*parts)


class HelpModal(ModalScreen[None]):
    """ "Why this matters" for one question (``h`` or ``?`` on the question screen)."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h,question_mark", "close", N_("Close")),
    ]

    def __init__(self, item: Item, *, reword: Callable[[], Item | None] | None = None) -> None:
        """``reword`` gives the item again as the screen underneath now words it (after a
        change of language, in the checklist's translation)."""
        super().__init__()
        self.item = item
        self.reword = reword

    def language_changing(self) -> None:
        fresh = self.reword() if self.reword is not None else None
        if fresh is not None and fresh.id == self.item.id:
            self.item = fresh

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(_("Why this matters"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_content(self.item), id="help-text")
            yield Button(_("Close (Esc)"), id="help-close")

    def on_mount(self) -> None:
        self.query_one("#help-close", Button).focus()

    @on(Button.Pressed, "#help-close")
    def action_close(self) -> None:
        self.dismiss(None)
