"""A checklist that failed validation: its problems, listed, and nothing else.

Such a checklist is never opened half-broken. Each problem is shown as
``line L: path: message`` from the report (never a raw library message), cut to a
sane length (SECURITY-NOTES R6).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from vetting.i18n import N_, _
from vetting.problems import Problem
from vetting.tui.shared import CatalogEntry, display_path
from vetting.tui.text import fill, plain, shorten
from vetting.tui.widgets.key_bar import KeyBar


def problem_content(problem: Problem) -> Content:
    """One problem: level in words, where, what, and the suggestion when there is one."""
    label = (_("✖ Error"), "bold $error") if problem.is_error else (_("! Warning"), "bold $warning")
    # TRANSLATORS: where a problem is in a checklist file: "line 12" or "file" (no line).
    where = _("line {number}").format(number=problem.line) if problem.line else _("file")
    text = f"{where}, {problem.json_path()}: {problem.message}"
    if problem.suggestion:
        text += f" ({problem.suggestion})"
    return Content.assemble(label, "  ", plain(shorten(text)))


class ProblemsScreen(Screen[None]):
    """Why a checklist cannot be opened (Esc goes back)."""

    CSS_PATH = "problems.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", N_("Back"))]

    def __init__(self, entry: CatalogEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems-body"):
            yield Static(
                Content.assemble((_("⚠ This checklist cannot be opened"), "bold"), "\n")
                + fill(_("File: {path}"), path=display_path(self.entry.path)),
                id="problems-title",
            )
            yield Static(
                _(
                    "Its author needs to fix the problems below. Nothing from it was shown "
                    "to you, and none of your saved sessions were changed."
                ),
                id="problems-intro",
            )
            for problem in self.entry.report.problems[:200]:
                yield Static(problem_content(problem), classes="problem")
        yield KeyBar()

    def action_back(self) -> None:
        self.dismiss(None)
