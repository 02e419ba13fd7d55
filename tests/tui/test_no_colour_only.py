"""Colour is never the only signal: a picked answer is visible on a monochrome screen."""

from __future__ import annotations

from tests.support.snapshots import screen_text
from tests.support.tui import settle, start_mini


async def test_picked_single_choice_is_marked_in_text(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_mini(app, pilot)  # on in_danger, the disclaimer above it
        assert "○ 1. Yes" in screen_text(app) and "○ 2. No" in screen_text(app)
        await pilot.press("2")
        await settle(app, pilot)
        text = screen_text(app)
        assert "● 2. No" in text and "○ 1. Yes" in text


async def test_picked_multiple_choices_are_ticked_in_text(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        await pilot.press("2", "n", "2", "n")  # in_danger no, has_therapist no
        await settle(app, pilot)
        assert take.current == "worries"
        await pilot.press("2")  # Time
        await settle(app, pilot)
        lines = screen_text(app).splitlines()
        time_line = next(line for line in lines if "Time" in line)
        money_line = next(line for line in lines if "Money" in line)
        assert "✓" in time_line and "✓" not in money_line
