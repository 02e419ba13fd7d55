"""Radio buttons that show their state without colour, and the row of them for a scale.

Imported when a scale question (or the export dialog) is first shown: a question of
another kind never loads Textual's radio widgets.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import RadioButton, RadioSet

from vetting.i18n import N_
from vetting.tui.localize import localize_bindings


class AnswerButton(RadioButton):
    """A radio button whose mark shows the choice without colour: ● picked, ○ not.

    Textual draws the same ● for both states and tells them apart by colour alone, which
    a colour-blind person or a monochrome terminal cannot see.
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else "○"


class ScaleSet(RadioSet, inherit_bindings=False):
    """A horizontal radio set for a scale: left/right move, space picks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "next_button", N_("Next point"), show=False),
        Binding("left", "previous_button", N_("Previous point"), show=False),
        Binding("space", "toggle_button", N_("Pick"), show=False),
    ]

    def on_mount(self) -> None:
        localize_bindings(self)  # the keys panel lists these
