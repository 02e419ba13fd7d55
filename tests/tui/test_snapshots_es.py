"""Every screen in Spanish at 80×24 (issue 14.3), beside the English snapshots.

The same flows as the English snapshot tests (test_home, test_take, test_results,
test_compare, test_gaps, test_decisions, test_preview), with the app in Spanish. The app's
own words come from the Spanish catalog; checklist texts are Spanish where the checklist
has a Spanish translation (the test checklists here have none, so theirs stay English).
``VETTING_UPDATE_SNAPSHOTS=1`` rewrites them; look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.snapshots import assert_snapshot, screen_text
from tests.support.tui import MINI, fixed_clock, settle, start_mini
from tests.tui.test_gaps import OldMini, other_window  # noqa: F401  (a fixture)
from tests.tui.test_preview import EXTRA_TEST, edit, reload
from tests.tui.test_results import _sessions_for_snapshots
from vetting.commands.new import starter_text
from vetting.i18n import current_language
from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp, make_app
from vetting.tui.preview_app import PreviewApp
from vetting.tui.screens.compare import CompareScreen
from vetting.tui.screens.language import LanguageModal
from vetting.tui.screens.results import ResultsScreen
from vetting.tui.screens.take import TakeScreen
from vetting.validation.pipeline import validate_file

SIZE = (80, 24)
BROKEN = "format: 1\nid: broken\nkind: fit\ntitle: [unclosed\n"
RULES = Path(__file__).resolve().parents[1] / "cases" / "good" / "choice_rules.yaml"


def spanish(data_dir: Path, paths: list[Path] | None = None) -> VettingApp:
    return make_app(
        data_dir=data_dir,
        checklist_paths=[MINI] if paths is None else paths,
        clock=fixed_clock,
        language="es",
    )


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "docs"
    folder.mkdir()
    monkeypatch.setenv("VETTING_DOCUMENTS_DIR", str(folder))
    yield folder


async def test_es_home_and_its_dialogs(private_data_dir: Path, user_checklists: Path) -> None:
    (user_checklists / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = spanish(private_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert current_language() == "es"
        app.store.create(validate_file(MINI).checklist, "Dr. Lee, after session 2")
        app.screen.refresh_lists()
        await settle(app, pilot)
        assert "Elija una lista para empezar" in screen_text(app)
        assert_snapshot(app, "es_home_80x24")
        await pilot.press("f1")
        await pilot.pause()
        assert_snapshot(app, "es_crisis_80x24")
        await pilot.press("escape", "tab", "d")
        await pilot.pause()
        assert_snapshot(app, "es_confirm_80x24")
        await pilot.press("escape", "shift+tab", "down", "enter")
        await pilot.pause()
        assert_snapshot(app, "es_problems_80x24")
        await pilot.press("escape", "l")
        await pilot.pause()
        assert isinstance(app.screen, LanguageModal)
        assert_snapshot(app, "es_language_80x24")
        await pilot.press("escape", "up", "enter")
        await pilot.pause()
        app.screen.query_one("#session-name").cursor_blink = False  # type: ignore[attr-defined]
        assert_snapshot(app, "es_name_session_80x24")


async def test_es_take(private_data_dir: Path) -> None:
    app = spanish(private_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        take = await start_mini(app, pilot)
        assert_snapshot(app, "es_take_disclaimer_80x24")
        await pilot.press("n", "1")
        await settle(app, pilot)
        assert_snapshot(app, "es_take_question_80x24")
        await pilot.press("h")
        assert_snapshot(app, "es_help_80x24")
        await pilot.press("escape")
        take.current = "comfort"
        take._show()
        await pilot.pause()
        assert_snapshot(app, "es_take_scale_80x24")


async def test_es_results_export_and_compare(private_data_dir: Path, docs: Path) -> None:
    checklist, sessions = _sessions_for_snapshots(private_data_dir)
    app = spanish(private_data_dir, paths=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await app.push_screen(ResultsScreen(checklist, sessions[0]))
        await pilot.pause()
        assert_snapshot(app, "es_results_80x24")
        await pilot.press("e")
        await pilot.pause()
        assert_snapshot(app, "es_export_80x24")
        await pilot.press("escape", "h")
        await pilot.pause()
        await app.push_screen(CompareScreen(checklist, sessions))
        await pilot.pause()
        assert_snapshot(app, "es_compare_80x24")


async def test_es_session_from_an_older_checklist(private_data_dir: Path) -> None:
    with SessionStore(private_data_dir) as store:
        session = store.create(OldMini(), "Before the update")
        old_answers = {"in_danger": "no", "old_question": "yes", "has_therapist": "maybe"}
        store.save(replace(session, answers=old_answers))
    app = spanish(private_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert "Esta sesión se respondió con la versión 0.9.0" in " ".join(screen_text(app).split())
        assert_snapshot(app, "es_take_changed_80x24")


async def test_es_second_window(private_data_dir: Path, other_window) -> None:  # noqa: F811
    app = spanish(private_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.store.read_only
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TakeScreen)
        assert_snapshot(app, "es_take_read_only_80x24")


async def test_es_results_with_decision_rules(private_data_dir: Path) -> None:
    app = spanish(private_data_dir, paths=[RULES])
    async with app.run_test(size=SIZE) as pilot:
        await start_mini(app, pilot)
        await pilot.press("2")
        await pilot.press("n", "2")
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press("1", "n")
        await pilot.press("1", "n")
        await pilot.press("2", "n")
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert_snapshot(app, "es_results_decisions_80x24")


async def test_es_author_preview(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(starter_text("red-flags", path) + EXTRA_TEST, encoding="utf-8")
    app = PreviewApp(path, poll_interval=None, language="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        assert_snapshot(app, "es_preview_items_80x24")
        edit(path, 'value: "no", points: 0', 'value: "no", points: 5')
        await reload(app, pilot)
        await pilot.press("g")
        assert_snapshot(app, "es_preview_tests_80x24")
        edit(path, "\ntitle:", "\ntitel:")
        await reload(app, pilot)
        assert_snapshot(app, "es_preview_problems_80x24")
