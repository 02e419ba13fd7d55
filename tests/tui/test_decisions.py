"""Decision rules in the app, played as a person would: worded for who the help is for,
and a result that puts safety first, says why, and never names the ruled-out help first."""

from __future__ import annotations

from pathlib import Path

from tests.support.snapshots import assert_snapshot, screen_text
from tests.support.tui import settle, start_mini
from vetting.tui.screens.results import ResultsScreen
from vetting.tui.screens.take import TakeScreen

RULES = Path(__file__).resolve().parents[1] / "cases" / "good" / "choice_rules.yaml"


async def test_fear_at_home_puts_safety_first_in_the_app(app_factory) -> None:
    app = app_factory(paths=[RULES])
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        assert isinstance(take, TakeScreen)
        await pilot.press("2")  # in danger: no
        await pilot.press("n", "2")  # who is it for: my child
        await pilot.press("n")
        await settle(app, pilot)
        # the question follows the earlier answer
        assert "What do you most want help with for your child?" in screen_text(app)
        await pilot.press("1", "n")  # a relationship
        await pilot.press("1", "n")  # afraid at home: yes
        await pilot.press("2", "n")  # pays: myself
        await settle(app, pilot)
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        alerts = str(app.screen.query_one("#results-alerts").render())
        assert "If you are afraid of someone at home" in alerts
        band = str(app.screen.query_one("#results-band").render())
        assert "Start here: Help on your own, and an advocate" in band
        assert "Why: Couples sessions are not a safe first step" in band
        ruled_out = str(app.screen.query_one("#results-ruled-out").render())
        assert "Not as a first step" in ruled_out and "Marriage and family therapist" in ruled_out
        assert not app.screen.query("#outcome-mft")  # never listed among what fits first
        steps = str(app.screen.query_one("#results-next-steps").render())
        assert "Good Faith Estimate" in steps
        assert_snapshot(app, "results_decisions_80x24")
