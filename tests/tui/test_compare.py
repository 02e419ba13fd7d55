"""The compare screen: sessions of one checklist side by side, with flags marked in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, SelectionList

from tests.support.results import (
    CALM_ANSWERS,
    CRITICAL_ANSWERS,
    INJECT,
    HostApp,
    hostile_checklist,
    make_session,
    open_store,
    red_flags,
    sync,
)
from tests.support.snapshots import assert_snapshot
from tests.tui.test_results import _sessions_for_snapshots, marker_offsets, screen_text
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp
from vetting.tui.screens.compare import CompareScreen
from vetting.tui.screens.results import ResultsScreen


@pytest.fixture
def store(private_data_dir: Path) -> Iterator[SessionStore]:
    store = open_store(private_data_dir)
    yield store
    store.close()


def cell_texts(table: DataTable, row_key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(row_key)]


@sync
async def test_two_sessions_side_by_side_with_flag_marks(store: SessionStore) -> None:
    checklist = red_flags()
    lee = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    ray = make_session(store, checklist, "Dr. Ray", CALM_ANSWERS)
    app = HostApp(store, CompareScreen(checklist, [lee, ray]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["Question", "Dr. Lee", "Dr. Ray"]
        assert table.get_row_index("band") == 0
        band = cell_texts(table, "band")
        assert band[1].startswith("⚠ Please look at this now")
        assert band[2].startswith("⚠ Worth finding out more")  # "not sure" on a serious sign
        assert "%" not in band[2]
        flagged = cell_texts(table, "item-sexual_contact")
        assert flagged == [
            "Has your therapist touched you in a sexual way?",
            "⚠ CRITICAL: Yes",
            "No",
        ]
        unsure = cell_texts(table, "item-secrets")
        assert unsure[1] == "No" and unsure[2] == "? Not sure (serious if so)"
        assert cell_texts(table, "item-fees_clear")[1:] == ["Yes, clearly", "Only vaguely"]
        text = screen_text(app)
        assert "⚠ CRITICAL: Yes" in text and "Dr. Ray" in text


@sync
async def test_only_sessions_of_the_same_checklist_are_offered(store: SessionStore) -> None:
    checklist = red_flags()
    other = red_flags(id="another_list")
    lee = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    stranger = make_session(store, other, "Other list", CALM_ANSWERS)
    ray = make_session(store, checklist, "Dr. Ray", CALM_ANSWERS)
    app = HostApp(store, ResultsScreen(checklist, lee))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        picker = screen.query_one("#compare-pick", SelectionList)
        offered = [picker.get_option_at_index(i).value for i in range(picker.option_count)]
        assert set(offered) == {lee.id, ray.id}
        assert stranger.id not in offered
        assert picker.selected == [lee.id, ray.id]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)


@sync
async def test_four_sessions_fit_and_a_fifth_is_refused(store: SessionStore) -> None:
    checklist = red_flags()
    sessions = [
        make_session(
            store, checklist, f"Therapist {n}", CRITICAL_ANSWERS if n % 2 else CALM_ANSWERS
        )
        for n in range(5)
    ]
    ids = [s.id for s in sessions]
    app = HostApp(store, CompareScreen(checklist, sessions, selected=ids[:4]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        assert len(table.columns) == 5
        picker = app.screen.query_one("#compare-pick", SelectionList)
        picker.select(ids[4])
        await pilot.pause()
        assert ids[4] not in picker.selected
        assert len(table.columns) == 5
        picker.deselect(ids[0])
        await pilot.pause()
        assert len(table.columns) == 4


@sync
async def test_compare_renders_markup_literally_and_clicks_do_nothing(
    store: SessionStore,
) -> None:
    checklist = hostile_checklist()
    one = make_session(store, checklist, INJECT[:100], CRITICAL_ANSWERS)
    two = make_session(store, checklist, "Second", CALM_ANSWERS)
    app = HostApp(store, CompareScreen(checklist, [one, two]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]QUIT[/]" in text
        offsets = marker_offsets(app)
        assert len(offsets) >= 3
        for offset in offsets:
            await pilot.click(offset=offset)
            assert app.is_running and app.return_code is None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_snapshot_compare(
    app_factory: Callable[..., VettingApp], private_data_dir: Path, size: tuple[int, int]
) -> None:
    checklist, sessions = _sessions_for_snapshots(private_data_dir)
    app = app_factory(paths=[])
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.push_screen(CompareScreen(checklist, sessions))
        await pilot.pause()
        assert_snapshot(app, f"compare_{size[0]}x{size[1]}")
