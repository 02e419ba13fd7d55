"""``vetting run FILE``: straight to the first question, validated once, home only on Esc."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vetting.tui.app as tui_app
import vetting.validation.background
import vetting.validation.pipeline
from tests.support.snapshots import screen_text
from tests.support.tui import MINI, fixed_clock, settle
from vetting.cli import main
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp, make_app
from vetting.tui.screens.home import HomeScreen
from vetting.tui.screens.name_session import NameSessionModal
from vetting.tui.screens.problems import ProblemsScreen
from vetting.tui.screens.take import TakeScreen
from vetting.validation.pipeline import validate_file

DEFAULT_NAME = "A short test checklist – 2026-11-25"


def run_app(data_dir: Path) -> VettingApp:
    """What the CLI builds for ``vetting run mini.yaml``: the file and its report."""
    return make_app(
        data_dir=data_dir,
        checklist_paths=[],
        open_path=MINI,
        open_report=validate_file(MINI),
        clock=fixed_clock,
    )


def saved(data_dir: Path) -> list[tuple[str, dict]]:
    """Every session on disk as (name, answers), read after the app has closed."""
    store = SessionStore(data_dir, read_only=True).open()
    return [(s.name, store.load(s.id).answers) for s in store.list_sessions()]


async def test_run_opens_on_the_first_question_then_esc_goes_home(private_data_dir) -> None:
    app = run_app(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [TakeScreen]  # nothing under it
        take = app.screen
        assert isinstance(take, TakeScreen) and take.current == "in_danger"
        text = screen_text(app)
        assert "Are you in danger right now?" in text
        assert "This is not medical advice." in text  # the disclaimer, above the question
        assert DEFAULT_NAME in text  # the session's name, in the title line
        assert [entry.path for entry in app.catalog] == [MINI]  # no catalog scan yet
        assert app.store.list_sessions()[0].name == DEFAULT_NAME  # saved before any answer
        await pilot.press("2")  # in_danger: No
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen]
        home = app.screen
        text = screen_text(app)
        assert "A short test checklist  (yours)  ·  6 questions" in text  # listed on home
        assert DEFAULT_NAME in text and "1 of 5 answered" in text
        await pilot.press("tab", "enter")  # the session resumes from home
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert app.screen.answers == {"in_danger": "no"}
        assert app.screen.current == "has_therapist"
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen_stack == [home]  # back to the same home, not a new one
    assert saved(private_data_dir) == [(DEFAULT_NAME, {"in_danger": "no"})]


async def test_run_never_validates_the_file_again(private_data_dir, monkeypatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the file was validated a second time")

    app = run_app(private_data_dir)  # the report is made here, before the patch
    monkeypatch.setattr(vetting.validation.pipeline, "validate_file", refuse)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert "Are you in danger right now?" in screen_text(app)


async def test_a_broken_file_shows_its_problems_over_home(private_data_dir, tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\nkind: fit\ntitle: [unclosed\n", encoding="utf-8")
    app = make_app(data_dir=private_data_dir, checklist_paths=[], open_path=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen, ProblemsScreen]
        assert "This checklist cannot be opened" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen]
        assert "⚠ Has problems: broken.yaml" in screen_text(app)  # still listed, not opened
    assert saved(private_data_dir) == []


async def test_rename_on_the_take_screen_is_kept_by_later_saves(private_data_dir) -> None:
    app = run_app(private_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, NameSessionModal)
        app.screen.query_one("#session-name").value = ""
        await pilot.press(*"Dr. Lee, first visit", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert "Dr. Lee, first visit" in screen_text(app)
        await pilot.press("2")  # a save after the rename must not bring the old name back
        await settle(app, pilot)
    assert saved(private_data_dir) == [("Dr. Lee, first visit", {"in_danger": "no"})]


def test_the_cli_validates_once_and_hands_the_report_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Path] = []
    real = vetting.validation.pipeline.validate_file

    def counting(path: Any, **kwargs: Any) -> Any:
        calls.append(Path(path))
        return real(path, **kwargs)

    seen: dict[str, Any] = {}

    class FakeApp:
        return_code = 0

        def run(self, **options: Any) -> int:  # options: the event loop vetting passes
            return 0

    def fake_make_app(**kwargs: Any) -> FakeApp:
        seen.update(kwargs)
        return FakeApp()

    monkeypatch.setattr(vetting.validation.pipeline, "validate_file", counting)
    monkeypatch.setattr(tui_app, "make_app", fake_make_app)
    # Validated here, not in a forked child (whose calls this process could not count).
    monkeypatch.setattr(vetting.validation.background, "can_fork", lambda: False)
    assert main(["run", "--lang", "en", str(MINI)]) == 0
    assert calls == [MINI]
    report = seen["open_report"]
    assert report.ok and report.checklist.id == "mini"
    assert seen["open_path"] == MINI
