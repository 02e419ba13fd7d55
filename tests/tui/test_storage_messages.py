"""What the app tells a person when saving cannot work (issue 15.5): in words, on screen."""

from __future__ import annotations

from pathlib import Path

from tests.support.mounts import fill, small_tmpfs
from tests.support.tui import MINI, fixed_clock, settle
from vetting.tui.app import VettingApp, make_app
from vetting.tui.screens.take import TakeScreen


def notes(app: VettingApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_answering_on_a_full_disk_says_so_and_keeps_the_last_save(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        app = make_app(data_dir=disk / "data", checklist_paths=[MINI], clock=fixed_clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await pilot.press("enter", "enter")  # the first checklist, the default name
            await settle(app, pilot)
            assert isinstance(app.screen, TakeScreen)
            [listing] = app.store.list_sessions()  # the new session is on disk
            before = listing.path.read_bytes()
            fill(disk)
            await pilot.press("2")  # this answer cannot be saved
            await settle(app, pilot)
            assert any(
                "could not be saved (the disk is full)" in note
                and "previous answers are unchanged" in note
                for note in notes(app)
            ), notes(app)
            assert listing.path.read_bytes() == before
            assert list(listing.path.parent.glob(".*.tmp")) == []
            assert app.is_running  # nothing crashed


async def test_an_open_data_folder_is_explained_on_the_home_screen(tmp_path: Path) -> None:
    data = tmp_path / "open"
    data.mkdir()
    data.chmod(0o777)
    app = make_app(data_dir=data, checklist_paths=[MINI], clock=fixed_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.read_only
        assert any(f"fix it with: chmod 700 {data}" in note for note in notes(app)), notes(app)
        await pilot.press("enter", "enter")  # starting a checklist still works, unsaved
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
    assert sorted(p.name for p in data.iterdir()) == []


async def test_one_damaged_session_never_stops_the_home_screen(tmp_path: Path) -> None:
    """Issue 15.2: a lone surrogate escape in one session file stopped the whole list."""
    from vetting.sessions import SessionStore
    from vetting.validation.pipeline import validate_file

    data = tmp_path / "data"
    checklist = validate_file(MINI).checklist
    assert checklist is not None
    with SessionStore(data) as store:
        good = store.create(checklist, "The good one")
        damaged = store.create(checklist, "The damaged one")
        raw = store.path_of(damaged.id).read_bytes().replace(b'"The damaged one"', b'"\\ud800"')
        store.path_of(damaged.id).write_bytes(raw)
    app = make_app(data_dir=data, checklist_paths=[MINI], clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        rows = {row.id: row for row in app.session_rows}
        assert rows[good.id].problem is None and rows[good.id].name == "The good one"
        assert "broken character" in (rows[damaged.id].problem or "")
        assert app.is_running


async def test_the_banner_says_why_nothing_is_saved_not_another_window(tmp_path: Path) -> None:
    """A notification fades; the banner stays, and must give the real reason."""
    data = tmp_path / "open"
    data.mkdir()
    data.chmod(0o777)
    app = make_app(data_dir=data, checklist_paths=[MINI], clock=fixed_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        banner = str(app.screen.query_one("#home-read-only").render())
        assert "cannot be opened" in banner and f"chmod 700 {data}" in banner
        assert "another window" not in banner
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        banner = str(app.screen.query_one("#take-read-only").render())
        assert "cannot be opened" in banner and "another window" not in banner


async def test_an_unreadable_checklists_folder_is_said_not_a_crash(
    tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "data" / "checklists"
    folder.mkdir(parents=True)
    real = Path.iterdir

    def refuse(self: Path):
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", refuse)
    app = make_app(data_dir=tmp_path / "data", checklist_paths=[MINI], clock=fixed_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.is_running
        line = str(app.screen.query_one("#user-folder").render())
        assert "cannot be read (Permission denied)" in line
