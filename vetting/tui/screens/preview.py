"""The author's view of one checklist file, refreshed on every save.

Three views share the screen and swap by state:

* items: every item in an ``OptionList`` on the left (it draws only the visible lines,
  so 1,000 items stay fast) and, on the right, everything about the highlighted one:
  kind, options with their points, flags and outcomes, scale, weight, severity, when it
  is shown (in words), help and citations;
* problems: when the file has errors, each one as ``line:col  message`` and
  ``hint: suggestion``, in place of the items, until the file is fixed and saved;
* tests (``g``): each golden test with PASS or FAIL and the fields that differ.

``t`` opens the real question screen on the current version; its session lives in the
preview's throwaway folder. All checklist text goes through :mod:`vetting.tui.text`.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from vetting.checklist.model import Checklist
from vetting.i18n import N_, _
from vetting.sessions.store import StorageError
from vetting.tui.preview_words import (
    golden_lines,
    item_detail,
    item_prompt,
    problem_lines,
    status_line,
)
from vetting.tui.shared import services
from vetting.tui.text import notify_plain
from vetting.tui.widgets.key_bar import KeyBar
from vetting.validation.live_check import PreviewState

FIX_HEADER = N_("Fix these and save: the preview comes back by itself")
UNREADABLE_HEADER = N_("Waiting for the file: the preview comes back once it can be read")
MAX_PROBLEMS = 200


# --------------------------------------------------------------------------- screen


class _PreviewApp(Protocol):
    """What the preview screen needs of :class:`vetting.tui.preview_app.PreviewApp`."""

    def reload_now(self) -> None: ...


class PreviewScreen(Screen[None]):
    """Items and details, or the problems, or the golden tests, for one file."""

    CSS_PATH = "preview.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "tests", N_("Golden tests")),
        Binding("t", "take", N_("Take it")),
        Binding("r", "reload", N_("Reload")),
        Binding("escape", "items", N_("Items"), show=False),
        Binding("q", "quit_preview", N_("Quit")),
    ]

    def __init__(self, path: object, state: PreviewState | None = None) -> None:
        super().__init__()
        self.path = path
        self._first_state = state  # what the app found when it opened the file
        self.state: PreviewState | None = None
        self.checklist: Checklist | None = None  # read by the app for crisis help
        self.mode = "items"  # items | problems | tests
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="preview-status")
        with Horizontal(id="preview-items-view"):
            yield OptionList(id="preview-items")
            with VerticalScroll(id="preview-detail"):
                yield Static("", id="preview-detail-text")
        with VerticalScroll(id="preview-problems-view"):
            yield Static("", id="preview-problems-header")
            yield Static("", id="preview-problems")
        with VerticalScroll(id="preview-tests-view"):
            yield Static("", id="preview-tests")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Preview")
        self._ready = True
        if self._first_state is not None:
            self.show_state(self._first_state)
        else:
            self._set_mode("items")

    # -- state ------------------------------------------------------------------------

    def show_state(self, state: PreviewState) -> None:
        """Swap to the items or the problems; keep the highlighted item when it is still there."""
        self.state = state
        self.checklist = state.checklist
        if not self._ready:  # on_mount shows the app's latest state
            return
        self.query_one("#preview-status", Static).update(status_line(state))
        if state.checklist is None:
            self._show_problems(state)
            self._set_mode("problems")
            return
        # Sanitized by the app (format_title).
        self.title = _("Preview: {title}").format(title=state.checklist.title)
        self._fill_items(state.checklist)
        self.query_one("#preview-tests", Static).update(golden_lines(state.tests))
        self._set_mode("tests" if self.mode == "tests" else "items")

    def _show_problems(self, state: PreviewState) -> None:
        header = self.query_one("#preview-problems-header", Static)
        body = self.query_one("#preview-problems", Static)
        if state.unreadable is not None:
            header.update(Content.styled(_(UNREADABLE_HEADER), "bold"))
            body.update(
                Content(
                    _("{reason}. It may be mid-save, moved or deleted.").format(
                        reason=state.unreadable
                    )
                )
            )
            return
        header.update(Content.styled(_(FIX_HEADER), "bold"))
        shown = state.problems[:MAX_PROBLEMS]
        source = state.report.source if state.report is not None else {}
        lines = [problem_lines(problem, source) for problem in shown]
        if len(state.problems) > MAX_PROBLEMS:
            more = len(state.problems) - MAX_PROBLEMS
            lines.append(Content(_("… and {count} more").format(count=more)))
        body.update(Content("\n").join(lines))

    def _fill_items(self, checklist: Checklist) -> None:
        items = self.query_one("#preview-items", OptionList)
        keep = self.highlighted_id()
        items.clear_options()
        items.add_options(ListOption(item_prompt(item), id=item.id) for item in checklist.items)
        ids = [item.id for item in checklist.items]
        items.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        self._show_detail()

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.query_one("#preview-items-view").display = mode == "items"
        self.query_one("#preview-problems-view").display = mode == "problems"
        self.query_one("#preview-tests-view").display = mode == "tests"
        if mode == "items":
            self.query_one("#preview-items", OptionList).focus()

    # -- the highlighted item ---------------------------------------------------------

    def highlighted_id(self) -> str | None:
        items = self.query_one("#preview-items", OptionList)
        if items.highlighted is None or items.option_count == 0:
            return None
        return items.get_option_at_index(items.highlighted).id

    def highlight(self, item_id: str) -> None:
        """Jump to an item by id (for keys, the palette and tests)."""
        items = self.query_one("#preview-items", OptionList)
        items.highlighted = items.get_option_index(item_id)
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#preview-items")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#preview-detail-text", Static)
        item_id = self.highlighted_id()
        item = self.checklist.item(item_id) if self.checklist and item_id else None
        if item is None or self.checklist is None:
            detail.update(Content(_("This checklist has no items yet.")))
            return
        detail.update(item_detail(item, self.checklist))
        self.query_one("#preview-detail", VerticalScroll).scroll_home(animate=False)

    # -- actions ----------------------------------------------------------------------

    def action_tests(self) -> None:
        """Show the golden tests (``g`` again goes back to the items)."""
        if self.checklist is None:
            notify_plain(self.app, _("The golden tests run once the file has no problems."))
            return
        self._set_mode("items" if self.mode == "tests" else "tests")

    def action_items(self) -> None:
        if self.checklist is not None:
            self._set_mode("items")

    def action_reload(self) -> None:
        cast(_PreviewApp, self.app).reload_now()

    def action_quit_preview(self) -> None:
        self.app.exit(return_code=0)

    def action_take(self) -> None:
        """Try the current version as a person would, in a throwaway session."""
        from vetting.tui.screens.take import TakeScreen

        if self.checklist is None:
            notify_plain(self.app, _("Fix the problems first; then you can take the checklist."))
            return
        try:
            session = services(self).store.create(self.checklist, _("Preview"))
        except StorageError as error:
            notify_plain(self.app, str(error), severity="error")
            return
        self.app.push_screen(TakeScreen(self.checklist, session))
