"""The results screen and the export dialog, driven with Pilot on a finished session."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.widgets import Input, Static

from tests.support.results import (
    CALM_ANSWERS,
    CRITICAL_ANSWERS,
    INJECT,
    SCRIPT,
    HostApp,
    hostile_checklist,
    make_session,
    open_store,
    red_flags,
    sync,
)
from tests.support.snapshots import assert_snapshot
from vetting.checklist.model import Checklist
from vetting.exports import default_file_name, write_private_atomic
from vetting.sessions.store import Session, SessionStore
from vetting.tui.app import VettingApp
from vetting.tui.screens.export import ConfirmOverwriteModal, ExportModal
from vetting.tui.screens.results import ResultsScreen

MARKERS = ("QUIT", "Q2", "Q3")


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The documents folder for exports, inside ``tmp_path`` (``~/docs`` on screen)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    monkeypatch.setenv("VETTING_DOCUMENTS_DIR", str(folder))
    return folder


@pytest.fixture
def store(docs: Path, private_data_dir: Path) -> Iterator[SessionStore]:
    """The session store in the per-test data folder (``private_data_dir`` is conftest's)."""
    store = open_store(private_data_dir)
    yield store
    store.close()


def screen_lines(app: App[object]) -> list[str]:
    """The text on screen now, one string per row (the top screen, modal or not)."""
    screen = app.screen
    return [strip.text for strip in screen._compositor.render_strips(screen.size)]


def screen_text(app: App[object]) -> str:
    return "\n".join(screen_lines(app))


def marker_offsets(app: App[object]) -> list[tuple[int, int]]:
    """Cell positions of every injected marker word visible on screen."""
    offsets: list[tuple[int, int]] = []
    for y, line in enumerate(screen_lines(app)):
        for marker in MARKERS:
            start = line.find(marker)
            while start != -1:
                offsets.append((cell_len(line[:start]) + 1, y))
                start = line.find(marker, start + 1)
    return offsets


# -- the results screen -----------------------------------------------------


@sync
async def test_critical_flag_is_on_screen_before_the_band(store: SessionStore) -> None:
    checklist = red_flags()
    session = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "⚠ Critical:" in text
        assert "Has your therapist touched you in a sexual way?" in text
        flag = app.screen.query_one("#flag-sexual_contact", Static)
        band = app.screen.query_one("#results-band", Static)
        assert flag.region.y < band.region.y
        assert flag.region.y < 24, "the critical flag must be visible without scrolling"
        band_text = str(band.render())
        assert "Please look at this now" in band_text
        flag_text = str(flag.render())
        assert "A therapist must never" in flag_text  # why it matters
        assert "ACA (2014), section A.5.a" in flag_text  # the citation


@sync
async def test_results_show_unsure_sections_completeness_and_next_steps(
    store: SessionStore,
) -> None:
    checklist = red_flags()
    session = make_session(store, checklist, "Dr. Ray", {**CRITICAL_ANSWERS, "secrets": "unsure"})
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        unsure = str(screen.query_one("#results-unsure", Static).render())
        assert "You were not sure about" in unsure
        assert "Has your therapist asked you to keep secrets?" in unsure
        assert "ask your therapist" not in unsure.lower()
        completeness = str(screen.query_one("#results-completeness", Static).render())
        assert "Clear answers: 2 of the 3 questions" in completeness
        assert "Not sure: 1" in completeness
        section = str(screen.query_one("#section-boundaries", Static).render())
        assert "Boundaries and touch: 1 warning sign" in section and "%" not in section
        steps = str(screen.query_one("#results-next-steps", Static).render())
        assert "state licensing board" in steps
        assert "Write down dates" in steps
        safety = str(screen.query_one("#results-safety", Static).render())
        assert "Call or text 988" in safety


@sync
async def test_footer_keys_and_escape_goes_back(store: SessionStore) -> None:
    checklist = red_flags()
    session = make_session(store, checklist, "Dr. Lee", CALM_ANSWERS)
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert {"e", "c", "escape"} <= shown
        assert "h" in app.screen.active_bindings  # works, but left out of the 80-column footer
        footer = screen_lines(app)[-1]
        assert "Export" in footer and "Compare" in footer and "Back" in footer
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ResultsScreen)


# -- export -----------------------------------------------------------------


async def _export_with_keys(pilot, downs: int) -> None:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ExportModal)
    for _ in range(downs):
        await pilot.press("down")
    if downs:
        await pilot.press("enter")
    await pilot.press("tab")  # to the file name
    await pilot.press("enter")  # save
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(("downs", "suffix"), [(0, ".md"), (1, ".html"), (2, ".json")])
@sync
async def test_export_each_format_with_keys(
    store: SessionStore, docs: Path, downs: int, suffix: str
) -> None:
    hostile = f"{SCRIPT} {INJECT}"
    checklist = red_flags(title=hostile)
    session = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _export_with_keys(pilot, downs)
        target = docs / default_file_name(checklist.id, "Dr. Lee", suffix)
        assert target.is_file(), sorted(p.name for p in docs.iterdir())
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert not isinstance(app.screen, ExportModal)
        assert app.is_running
    body = target.read_text(encoding="utf-8")
    assert "Has your therapist touched you in a sexual way?" in body
    assert not [p for p in docs.iterdir() if p.name.endswith(".tmp")]
    if suffix == ".json":
        data = json.loads(body)
        assert data["checklist"]["id"] == checklist.id
        assert "sexual_contact" in json.dumps(data["flags"])
    elif suffix == ".html":
        assert "<script>" not in body
        assert "&lt;script&gt;" in body
        assert "[@click=app.quit]" in body  # shown as text, and meaningless in HTML
    else:
        assert "critical" in body.lower()


@sync
async def test_export_asks_before_overwriting(store: SessionStore, docs: Path) -> None:
    checklist = red_flags()
    session = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    target = docs / default_file_name(checklist.id, "Dr. Lee", ".md")
    target.write_text("OLD", encoding="utf-8")
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwriteModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)
        assert target.read_text(encoding="utf-8") == "OLD"
        assert "Nothing was saved" in str(app.screen.query_one("#export-error").render())
        app.screen.query_one("#export-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwriteModal)
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, (ExportModal, ConfirmOverwriteModal))
    assert target.read_text(encoding="utf-8") != "OLD"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_write_private_atomic_never_clobbers_without_consent(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_bytes(b"OLD")
    with pytest.raises(FileExistsError):
        write_private_atomic(target, b"NEW", overwrite=False)
    assert target.read_bytes() == b"OLD"
    write_private_atomic(target, b"NEW", overwrite=True)
    assert target.read_bytes() == b"NEW"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


# -- markup injection ---------------------------------------------------------


@sync
async def test_results_render_markup_literally_and_clicks_do_nothing(
    store: SessionStore,
) -> None:
    checklist = hostile_checklist()
    answers = {"sexual_contact": "yes", "secrets": "unsure", "fees_clear": "vague"}
    session = make_session(store, checklist, INJECT[:100], answers)
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "[@click=app.quit]QUIT[/]" in screen_text(app)
        flag = str(app.screen.query_one("#flag-sexual_contact", Static).render())
        assert INJECT in flag
        offsets = marker_offsets(app)
        assert len(offsets) >= 3
        for offset in offsets:
            await pilot.click(offset=offset)
            assert app.is_running and app.return_code is None
        await pilot.press("e")  # the export dialog shows the (slugged) session name too
        await pilot.pause()
        for offset in marker_offsets(app):
            await pilot.click(offset=offset)
            assert app.is_running and app.return_code is None


# -- snapshots, in the real app frame ----------------------------------------


def _sessions_for_snapshots(private_data_dir: Path) -> tuple[Checklist, list[Session]]:
    """Two closed sessions, so the app can take the store's lock itself."""
    checklist = red_flags()
    with open_store(private_data_dir) as store:
        lee = make_session(store, checklist, "Dr. Lee", {**CRITICAL_ANSWERS, "secrets": "unsure"})
        ray = make_session(store, checklist, "Dr. Ray", CALM_ANSWERS)
    return checklist, [lee, ray]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@sync
async def test_snapshot_results_and_export(
    app_factory: Callable[..., VettingApp],
    private_data_dir: Path,
    docs: Path,
    size: tuple[int, int],
) -> None:
    checklist, (lee, _) = _sessions_for_snapshots(private_data_dir)
    app = app_factory(paths=[])
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.push_screen(ResultsScreen(checklist, lee))
        await pilot.pause()
        assert_snapshot(app, f"results_{size[0]}x{size[1]}")
        await pilot.press("e")
        await pilot.pause()
        assert_snapshot(app, f"export_{size[0]}x{size[1]}")
        await pilot.press("escape", "h")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


def test_the_fixture_checklists_are_valid() -> None:
    """The built-in-like fixtures follow the format, so the screens are tested on real shapes."""
    from vetting.validation.rules import check_checklist

    problems = check_checklist(red_flags(), golden_tests=False)
    assert [p.message for p in problems if p.is_error] == []
