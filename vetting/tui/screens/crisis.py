"""Crisis help: who to call or text right now. One key away on every screen (F1 or ``!``).

Shows the app's own verified crisis lines first, always (988, 911, Crisis Text Line, the
Domestic Violence Hotline, SAMHSA); any other lines the checklist on screen lists come
after them, labelled as its author's (:mod:`vetting.checklist.safety`). It says plainly
that this app is not emergency help.
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

from vetting.checklist.model import Resource
from vetting.checklist.safety import AUTHOR_NOTE, CrisisLines
from vetting.i18n import N_, _
from vetting.tui.shared import services
from vetting.tui.text import plain, styled

# The checklist core keeps this note in English (vetting/checklist/safety.py); it is marked
# for the catalog here, where the app shows it, and translated as it is shown.
N_("Listed by this checklist's author (not checked by vetting):")
NOT_A_SUBSTITUTE = N_(
    "This app is not a substitute for emergency help. If you might hurt yourself, "
    "call 911 or go to the nearest emergency room now."
)


def resource_content(resource: Resource) -> Content:
    """Who, and how to reach them: the one thing that must be on screen without scrolling.

    One line per resource where it fits, so every number fits an 80×24 terminal at
    once: a person in crisis should not have to find a scroll bar for a phone number.
    """
    return Content.assemble("• ", styled(resource.name, "bold"), ": ", plain(resource.contact))


def details_content(resources: tuple[Resource, ...]) -> Content:
    """Hours, links and notes (Spanish, ASL, TTY...), below the numbers."""
    parts: list[Content | str] = [styled(_("More about these lines"), "bold")]
    for resource in resources:
        extras = [x for x in (resource.hours, resource.url, resource.note) if x]
        if extras:
            parts += ["\n", styled(resource.name, "bold"), ": "]
            parts += [
                part for k, x in enumerate(extras) for part in ((" · " if k else ""), plain(x))
            ]
    return Content.assemble(*parts)


class CrisisModal(ModalScreen[None]):
    """The crisis lines, above everything else on screen."""

    CSS_PATH = "crisis.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("enter", "close", N_("Close"), show=False),
    ]

    def __init__(self, lines: CrisisLines) -> None:
        super().__init__()
        self.lines = lines

    def language_changing(self) -> None:
        """The app's lines in the new language (the checklist's own lines stay as they are)."""
        fresh = services(self).crisis_lines(None)
        self.lines = fresh._replace(from_author=self.lines.from_author)

    def compose(self) -> ComposeResult:
        with Vertical(id="crisis-dialog", classes="dialog"):
            yield Static(_("⚠ Help is available now"), classes="dialog-title", id="crisis-title")
            yield Static(_(NOT_A_SUBSTITUTE), id="crisis-note")
            with VerticalScroll(id="crisis-body"):
                yield Static(plain(self.lines.message), id="crisis-message")
                for resource in self.lines.verified:
                    yield Static(resource_content(resource), classes="crisis-resource")
                yield Static(details_content(self.lines.verified), id="crisis-details")
                if self.lines.from_author:
                    yield Static(_(AUTHOR_NOTE), id="crisis-author-note")
                    for resource in self.lines.from_author:
                        yield Static(resource_content(resource), classes="crisis-resource")
                    yield Static(details_content(self.lines.from_author))
            yield Button(_("Close (Esc)"), id="crisis-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#crisis-close", Button).focus()

    @on(Button.Pressed, "#crisis-close")
    def action_close(self) -> None:
        self.dismiss(None)
