"""The compare screen: several sessions of one checklist side by side, item by item.

A person who saw two or three therapists answers the same checklist once per therapist;
this screen puts those answers in columns so differences jump out. Only sessions of the
same checklist id are offered (their items line up). Flagged answers carry "⚠" and the
severity in words, never colour alone. Cells are ``rich.text.Text`` made from sanitized
strings, the one safe form ``DataTable`` takes (SECURITY-NOTES R1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, SelectionList, Static
from textual.widgets.selection_list import Selection

from vetting.checklist.model import UNSURE, Checklist, ChecklistKind, Severity
from vetting.i18n import N_, _
from vetting.reports import result_words
from vetting.scoring import Result, answer_label, score, visible_item_ids
from vetting.sessions.store import Session, SessionStore, StorageError
from vetting.tui.shared import AppServices, display_percent
from vetting.tui.text import notify_plain, plain, rich_plain
from vetting.tui.widgets.key_bar import KeyBar

MAX_COLUMNS = 4
QUESTION_WIDTH = 30
ANSWER_WIDTH = 18
#: A flag's severity in a cell, in capitals so it reads at a glance (translated where shown).
SEVERITY_CELL = {
    Severity.CRITICAL: N_("⚠ CRITICAL: "),
    Severity.SERIOUS: N_("⚠ SERIOUS: "),
    Severity.CAUTION: N_("⚠ CAUTION: "),
    Severity.INFO: N_("⚠ INFO: "),
}
#: After a "not sure" answer to a question that would raise a flag.
UNSURE_CELL = {
    Severity.CRITICAL: N_("{answer} (critical if so)"),
    Severity.SERIOUS: N_("{answer} (serious if so)"),
    Severity.CAUTION: N_("{answer} (caution if so)"),
    Severity.INFO: N_("{answer} (worth noting if so)"),
}


def _cell(text: str, style: str = "") -> Text:
    """A table cell: sanitized, and a rich ``Text`` so it is never parsed as markup."""
    return rich_plain(text, style)


def sessions_for(store: SessionStore, checklist_id: str) -> list[Session]:
    """Every readable session of ``checklist_id``, newest first; damaged ones are skipped."""
    sessions: list[Session] = []
    for listing in store.list_sessions():
        if listing.problem is not None or listing.checklist_id != checklist_id:
            continue
        try:
            sessions.append(store.load(listing.id))
        except StorageError:
            continue
    return sessions


class CompareScreen(Screen[None]):
    """Pick up to four sessions of one checklist and see their answers in columns."""

    CSS_PATH = "compare.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", N_("Back"))]

    def __init__(
        self,
        checklist: Checklist,
        sessions: Sequence[Session],
        *,
        selected: Iterable[str] = (),
    ) -> None:
        super().__init__(classes="compare-screen")
        self.checklist = checklist
        self.sessions = [s for s in sessions if s.checklist_id == checklist.id]
        wanted = set(selected) or {s.id for s in self.sessions[:2]}
        self.selected_ids = [s.id for s in self.sessions if s.id in wanted][:MAX_COLUMNS]
        self._results: dict[str, Result] = {}
        self._visible: dict[str, set[str]] = {}

    @classmethod
    def for_session(cls, app: AppServices, checklist: Checklist, session: Session) -> CompareScreen:
        """From the results screen: this session, plus the others in the app's store."""
        others = sessions_for(app.store, checklist.id)
        sessions = [session, *[s for s in others if s.id != session.id]]
        second = [s.id for s in sessions[1:2]]
        return cls(checklist, sessions, selected=[session.id, *second])

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble((_("Compare sessions: "), "bold"), plain(self.checklist.title)),
            id="compare-title",
        )
        if len(self.sessions) < 2:
            yield Static(
                Content(
                    _(
                        "To compare, you need at least two sessions of this checklist, "
                        "for example one per therapist. Start another from the home screen."
                    )
                ),
                id="compare-empty",
            )
        yield Static(
            Content(
                _(
                    "Tick up to {count} sessions (space). "
                    "⚠ marks a warning sign, with how serious it is."
                ).format(count=MAX_COLUMNS)
            ),
            id="compare-hint",
        )
        yield SelectionList[str](
            *[
                Selection(plain(s.name or s.id), s.id, s.id in self.selected_ids)
                for s in self.sessions
            ],
            id="compare-pick",
        )
        yield DataTable(id="compare-table", zebra_stripes=True, cursor_type="row")
        yield KeyBar()

    def language_changing(self) -> None:
        """Results are worded from the checklist, which may now be its translation."""
        self._results.clear()

    def on_mount(self) -> None:
        self._rebuild()
        self.query_one("#compare-table").focus()

    @on(SelectionList.SelectedChanged, "#compare-pick")
    def _picked(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = list(event.selection_list.selected)
        if len(chosen) > MAX_COLUMNS:
            dropped = [v for v in chosen if v not in self.selected_ids]
            for value in dropped:
                event.selection_list.deselect(value)
            notify_plain(
                self.app,
                _("You can compare up to {count} sessions at once.").format(count=MAX_COLUMNS),
            )
            return
        order = [s.id for s in self.sessions]
        self.selected_ids = sorted(chosen, key=order.index)
        self._rebuild()

    def _result_of(self, session: Session) -> Result:
        if session.id not in self._results:
            self._results[session.id] = score(self.checklist, session.answers)
        return self._results[session.id]

    def _visible_of(self, session: Session) -> set[str]:
        if session.id not in self._visible:
            self._visible[session.id] = set(visible_item_ids(self.checklist, session.answers))
        return self._visible[session.id]

    def _rebuild(self) -> None:
        """Columns are the picked sessions; rows are the band, then every question."""
        table = self.query_one("#compare-table", DataTable)
        table.clear(columns=True)
        chosen = [s for s in self.sessions if s.id in self.selected_ids]
        table.add_column(_cell(_("Question"), "bold"), width=QUESTION_WIDTH, key="question")
        for session in chosen:
            table.add_column(
                _cell(session.name or session.id, "bold"), width=ANSWER_WIDTH, key=session.id
            )
        table.add_row(
            _cell(_("Result"), "bold"),
            *[self._band_cell(s) for s in chosen],
            key="band",
            height=None,
        )
        for item in self.checklist.items:
            cells = [self._answer_cell(s, item.id) for s in chosen]
            table.add_row(_cell(item.text), *cells, key=f"item-{item.id}", height=None)

    def _band_cell(self, session: Session) -> Text:
        result = self._result_of(session)
        if result.band is None:
            return _cell(result_words(self.checklist, result)[0])
        text = result.band.label
        if result.percent is not None and self.checklist.kind is not ChecklistKind.RED_FLAGS:
            # Red flags are never a share of the answers.
            text += f" ({display_percent(result.percent)})"
        if not result.band.is_score_band and not result.band.when_clear:
            return Text.assemble(("⚠ ", "bold"), _cell(text, "bold"))
        return _cell(text)

    def _answer_cell(self, session: Session, item_id: str) -> Text:
        item = self.checklist.item(item_id)
        result = self._result_of(session)
        if item_id not in self._visible_of(session):
            return _cell(_("(not asked)"), "dim")
        value = session.answers.get(item_id)
        label = answer_label(item, value)
        flag = next((f for f in result.flags if f.item_id == item_id), None)
        if flag is not None:
            word = _(SEVERITY_CELL[flag.severity])
            return Text.assemble((word, "bold reverse"), _cell(label, "bold"))
        if value == UNSURE and item is not None and item.severity is not None:
            if_so = _(UNSURE_CELL[item.severity]).format(answer=label)
            return Text.assemble(("? ", "bold"), _cell(if_so))
        return _cell(label)

    def action_back(self) -> None:
        self.dismiss(None)
