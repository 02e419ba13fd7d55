"""A yes/no question before anything that cannot be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from vetting.i18n import N_, _


class ConfirmModal(ModalScreen[bool]):
    """Dismisses with ``True`` only when the person chooses the yes button.

    ``question`` is ``Content`` so any name inside it was made safe by the caller; a
    function that builds it is called each time the dialog is drawn, so it follows a
    change of language. The labels are marked with ``N_`` and translated as shown.
    "No" has the focus, so a stray Enter never deletes anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", N_("Cancel")),
        Binding("y", "yes", N_("Yes"), show=False),
        Binding("n", "no", N_("No"), show=False),
    ]

    def __init__(
        self,
        question: Content | Callable[[], Content],
        *,
        yes_label: str = N_("Yes"),
        no_label: str = N_("Cancel"),
    ):
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            question = self.question if isinstance(self.question, Content) else self.question()
            yield Static(question, id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_(self.yes_label), variant="error", id="confirm-yes")
                yield Button(_(self.no_label), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        self.dismiss(False)
