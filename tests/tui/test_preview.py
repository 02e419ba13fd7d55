"""``vetting preview FILE``: items and details, problems in place, golden tests, reloading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.support.snapshots import assert_snapshot, screen_text
from tests.support.tui import HOSTILE, MINI
from vetting.commands.new import starter_text
from vetting.tui.preview_app import PreviewApp
from vetting.tui.screens.preview import FIX_HEADER, PreviewScreen
from vetting.tui.screens.take import TakeScreen
from vetting.validation.live_check import FileWatch

EXTRA_TEST = """\
  - name: Nothing of concern
    answers: { in_danger: "no", sexual_contact: "no" }
    expect: { band: no_signs, flags: [] }
"""


@pytest.fixture
def checklist_file(tmp_path: Path) -> Path:
    """The red-flags starter (as ``vetting new`` writes it) plus a second golden test."""
    path = tmp_path / "mine.yaml"
    path.write_text(starter_text("red-flags", path) + EXTRA_TEST, encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def preview_screen(app: PreviewApp) -> PreviewScreen:
    screen = app.screen
    assert isinstance(screen, PreviewScreen)
    return screen


def listed_ids(app: PreviewApp) -> list[str | None]:
    items = app.screen.query_one("#preview-items", OptionList)
    return [items.get_option_at_index(i).id for i in range(items.option_count)]


async def reload(app: PreviewApp, pilot) -> None:
    app.reload_now()
    await pilot.pause()


async def test_items_listed_then_problems_then_recovered(checklist_file: Path) -> None:
    app = PreviewApp(checklist_file, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert listed_ids(app) == ["in_danger", "sexual_contact"]
        assert "✔ valid" in screen_text(app)
        preview_screen(app).highlight("sexual_contact")

        edit(checklist_file, "\ntitle:", "\ntitel:")
        await reload(app, pilot)
        text = screen_text(app)
        assert FIX_HEADER in text
        assert "unknown key `titel`" in text
        assert "hint: did you mean `title`?" in text
        line = (
            checklist_file.read_text()
            .splitlines()
            .index(
                next(x for x in checklist_file.read_text().splitlines() if x.startswith("titel:"))
            )
        )
        assert f"{line + 1}:1  unknown key `titel`" in text
        assert not app.screen.query_one("#preview-items-view").display

        edit(checklist_file, "\ntitel:", "\ntitle:")
        await reload(app, pilot)
        assert FIX_HEADER not in screen_text(app)
        assert listed_ids(app) == ["in_danger", "sexual_contact"]
        assert preview_screen(app).highlighted_id() == "sexual_contact"  # kept across reloads


async def test_failing_golden_test_shows_fail_with_field(checklist_file: Path) -> None:
    app = PreviewApp(checklist_file, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        assert "Golden tests: 4 of 4 pass" in screen_text(app)
        assert "FAIL" not in screen_text(app)

        # "no" now raises the critical flag: the two all-clear tests fail
        edit(checklist_file, 'value: "no", points: 0', 'value: "no", points: 0, flag: true')
        await reload(app, pilot)
        text = screen_text(app)
        assert "Golden tests: 2 of 4 pass" in text
        assert "PASS A critical flag decides the result" in text
        assert "FAIL Nothing of concern" in text
        assert "band: expected 'no_signs', got 'act_now'" in text
        assert "2 golden tests fail (g)" in text
        await pilot.press("g")  # back to the items, which are still shown
        assert listed_ids(app) == ["in_danger", "sexual_contact"]
        assert "5 points" in screen_text(app) or "No (no)" in screen_text(app)


async def test_highlighted_item_shows_help_citations_conditions_points() -> None:
    app = PreviewApp(MINI, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = preview_screen(app)
        checklist = screen.checklist
        assert checklist is not None
        conditional = next(item for item in checklist.items if item.show_if is not None)
        condition = conditional.show_if.conditions[0]
        screen.highlight(conditional.id)
        await pilot.pause()
        text = screen_text(app)
        assert f'Shown: only when {condition.item} is "{condition.values[0]}"' in text
        for option in conditional.options:
            assert f"{option.label} ({option.value}):" in text
        pointed = next(o for o in conditional.options if o.points)
        unit = "point" if pointed.points == 1 else "points"
        assert f"({pointed.value}): {pointed.points:g} {unit}" in text

        cited = next(item for item in checklist.items if item.references and item.help)
        await pilot.press("home")
        for _ in range([i.id for i in checklist.items].index(cited.id)):
            await pilot.press("down")  # the keys move the detail pane along
        assert screen.highlighted_id() == cited.id
        text = screen_text(app)
        assert "Where this comes from:" in text
        assert cited.references[0].describe() in text
        assert cited.help.split()[0] in text
        assert "Shown: always" in text or "Shown: only when" in text


async def test_unreadable_file_keeps_watching_and_recovers(checklist_file: Path) -> None:
    app = PreviewApp(checklist_file, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        saved = checklist_file.read_bytes()
        checklist_file.unlink()
        await reload(app, pilot)
        assert "The file can't be read right now" in screen_text(app)
        checklist_file.write_bytes(saved[: len(saved) // 3])  # half-written
        await reload(app, pilot)
        assert FIX_HEADER in screen_text(app)
        checklist_file.write_bytes(saved)
        await reload(app, pilot)
        assert listed_ids(app) == ["in_danger", "sexual_contact"]
        assert app.is_running


async def test_watching_reloads_on_save_without_reload_now(checklist_file: Path) -> None:
    app = PreviewApp(checklist_file, poll_interval=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        edit(checklist_file, "\ntitle:", "\ntitel:")
        for _ in range(100):  # up to ~5 s on a slow machine; usually two ticks
            await pilot.pause(0.05)
            if FIX_HEADER in screen_text(app):
                break
        assert FIX_HEADER in screen_text(app)


def test_file_watch_reports_only_real_changes(checklist_file: Path) -> None:
    watch = FileWatch(checklist_file)
    assert watch.look() is not None  # the first look always reports
    assert watch.look() is None
    checklist_file.touch()  # a new time, the same bytes: nothing to reload
    assert watch.look() is None
    edit(checklist_file, "\ntitle:", "\ntitel:")
    changed = watch.look()
    assert changed is not None and changed.checklist is None


async def test_take_it_uses_a_throwaway_session(checklist_file: Path, private_data_dir) -> None:
    app = PreviewApp(checklist_file, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen)
        await pilot.press("2")  # answer "No" (the first question is on screen at once)
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.scratch_dir.exists()
        assert app.store.list_sessions()
    assert not app.scratch_dir.exists()  # removed on close
    assert not private_data_dir.exists()  # the person's data folder was never touched


async def test_markup_in_checklist_text_is_literal_and_inert(hostile_path: Path) -> None:
    app = PreviewApp(hostile_path, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert preview_screen(app).checklist is not None
        text = screen_text(app)
        first = HOSTILE.split(" [ ")[0]
        assert first == "[@click=app.quit]QUIT[/]" and first in text
        detail = app.screen.query_one("#preview-detail-text").region
        lines = screen_text(app).splitlines()
        for marker in ("QUIT", "Q2", "Q3"):
            row, col = next(
                (y, line.index(marker, detail.x))
                for y, line in enumerate(lines)
                if y >= detail.y and marker in line[detail.x :]
            )
            await pilot.click(offset=(col, row))  # on the item's text in the detail pane
            await pilot.pause()
            assert app.is_running and app.return_code is None
        await pilot.press("g")
        assert first in screen_text(app)  # test names too


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_preview_snapshots(checklist_file: Path, size: tuple[int, int]) -> None:
    name = f"{size[0]}x{size[1]}"
    app = PreviewApp(checklist_file, poll_interval=None)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down")
        assert_snapshot(app, f"preview_items_{name}")
        edit(checklist_file, 'value: "no", points: 0', 'value: "no", points: 5')
        await reload(app, pilot)
        await pilot.press("g")
        assert_snapshot(app, f"preview_tests_{name}")
        edit(checklist_file, "\ntitle:", "\ntitel:")
        await reload(app, pilot)
        assert_snapshot(app, f"preview_problems_{name}")


def test_cli_preview_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vetting", "preview", "missing.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "missing.yaml" in result.stderr and "Traceback" not in result.stderr
