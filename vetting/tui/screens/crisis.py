"""Crisis help: who to call or text right now. One key away on every screen (F1 or ``!``).

Shows the checklist's own safety block, or the built-in one (988, 911, Crisis Text Line,
SAMHSA). It says plainly that this app is not emergency help.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from vetting.checklist.model import Resource, Safety
from vetting.tui.text import plain, styled

NOT_A_SUBSTITUTE = (
    "This app is not a substitute for emergency help. If you might hurt yourself, "
    "call 911 or go to the nearest emergency room now."
)


def resource_content(resource: Resource) -> Content:
    """Name on one line, then how to reach them with hours and link on the next.

    Two lines per resource, so the four built-in ones fit an 80×24 terminal with no
    scrolling: a person in crisis should not have to find a scroll bar.
    """
    parts: list[Content | str] = [
        "• ",
        styled(resource.name, "bold"),
        "\n  ",
        plain(resource.contact),
    ]
    for extra in (resource.hours, resource.url, resource.note):
        if extra:
            parts += [" · ", plain(extra)]
    return Content.assemble(*parts)


class CrisisModal(ModalScreen[None]):
    """The safety block of a checklist, above everything else on screen."""

    CSS_PATH = "crisis.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
    ]

    def __init__(self, safety: Safety) -> None:
        super().__init__()
        self.safety = safety

    def compose(self) -> ComposeResult:
        with Vertical(id="crisis-dialog", classes="dialog"):
            yield Static("⚠ Help is available now", classes="dialog-title", id="crisis-title")
            yield Static(NOT_A_SUBSTITUTE, id="crisis-note")
            with VerticalScroll(id="crisis-body"):
                yield Static(plain(self.safety.message), id="crisis-message")
                for resource in self.safety.resources:
                    yield Static(resource_content(resource), classes="crisis-resource")
            yield Button("Close (Esc)", id="crisis-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#crisis-close", Button).focus()

    @on(Button.Pressed, "#crisis-close")
    def action_close(self) -> None:
        self.dismiss(None)
