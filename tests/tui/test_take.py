"""Taking a checklist as a person would: keys, mouse, conditions, crisis, saving, resuming."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual import events
from textual.widgets import SelectionList

from tests.support.snapshots import assert_snapshot, screen_text
from tests.support.tui import MINI, saved_answers, settle, start_mini
from vetting.checklist.model import UNSURE
from vetting.tui.screens.crisis import CrisisModal
from vetting.tui.screens.help import HelpModal
from vetting.tui.screens.home import HomeScreen
from vetting.tui.screens.take import TakeScreen
from vetting.tui.widgets.question import ChoiceList
from vetting.validation.pipeline import validate_file


async def test_a_whole_session_with_keys_then_resume(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot, name="Dr. Lee, after session 2")
        assert take.current == "in_danger"  # the first question, the disclaimer above it
        assert "This is not medical advice." in screen_text(app)
        assert "Are you in danger right now?" in screen_text(app)
        assert "Some words before the first question." in screen_text(app)  # section intro
        await pilot.press("2")  # No
        await pilot.press("n", "1")  # has_therapist: Yes -> how_long appears
        await settle(app, pilot)
        assert "how_long" in take.shown_ids
        await pilot.press("n", "2", "b")  # how_long: a month or more, then back
        assert take.current == "has_therapist"
        await pilot.press("n", "n", "s")  # skip worries
        assert take.current == "comfort"
        await settle(app, pilot)
        assert "3 of 6 answered" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Dr. Lee, after session 2" in screen_text(app)
        assert "3 of 6 answered" in screen_text(app)
    assert saved_answers(app) == {"in_danger": "no", "has_therapist": "yes", "how_long": "long"}

    reopened = app_factory()  # a new app: reopen, resume where they left off
    async with reopened.run_test(size=(80, 24)) as pilot:
        await settle(reopened, pilot)
        await pilot.press("tab", "enter")  # to the sessions list, open the first
        await settle(reopened, pilot)
        take = reopened.screen
        assert isinstance(take, TakeScreen)
        assert take.current == "worries"  # the first question still without an answer


async def test_mouse_clicks_pick_options(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        await pilot.press("n")  # has_therapist
        choices = take.query_one(ChoiceList)
        await pilot.click(choices, offset=(6, 3))  # third line inside the border: "Not sure"
        await settle(app, pilot)
        assert take.answers["has_therapist"] == UNSURE
        await pilot.press("n")  # worries (how_long stays hidden for "Not sure")
        assert take.current == "worries"
        selection = take.query_one(SelectionList)
        await pilot.click(selection, offset=(6, 1))  # first line inside the border: Money
        await pilot.press("2")  # number key toggles Time
        await settle(app, pilot)
        assert take.answers["worries"] == ["money", "time"]
        await pilot.press("3")  # "Doesn't apply" clears the real picks
        await settle(app, pilot)
        assert take.answers["worries"] == "not_applicable"
    assert saved_answers(app)["worries"] == "not_applicable"


async def test_conditional_item_appears_and_disappears(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        await pilot.press("n")
        assert "how_long" not in take.shown_ids
        await pilot.press("1")
        assert "how_long" in take.shown_ids
        await pilot.press("2")
        assert "how_long" not in take.shown_ids
        await pilot.press("n")
        assert take.current == "worries"


async def test_scale_and_note(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        take.current = "comfort"
        take._show()
        await pilot.pause()
        assert "1 = Not at all" in screen_text(app) and "5 = Very" in screen_text(app)
        await pilot.press("4", "n")
        assert take.answers["comfort"] == 4
        assert take.current == "notes"
        await pilot.press(*"calm", "enter")  # Enter on the last question: finish
        await settle(app, pilot)
        assert take.answers["notes"] == "calm"
    assert saved_answers(app)["notes"] == "calm"


async def test_crisis_answer_shows_crisis_help_at_once(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_mini(app, pilot)
        await pilot.press("1")  # in_danger: Yes (crisis: true)
        await pilot.pause()
        assert isinstance(app.screen, CrisisModal)
        text = screen_text(app)
        assert "not a substitute for emergency help" in text
        assert "Call or text 988" in text  # the app's own verified lines come first
        # the checklist's own line is there too, below them and labelled as its author's
        author = [str(w.render()) for w in app.screen.query(".crisis-resource")]
        assert any("Test Lifeline" in words for words in author)
        assert app.screen.query_one("#crisis-author-note")


async def test_help_modal_shows_why_and_citations(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_mini(app, pilot)
        await pilot.press("n", "h")
        assert isinstance(app.screen, HelpModal)
        text = screen_text(app)
        assert "Knowing this helps pick the next questions." in text
        assert "ACA (2014), section A.1.a" in text
        await pilot.press("escape")
        assert isinstance(app.screen, TakeScreen)


async def test_only_one_question_is_ever_mounted(app_factory, tmp_path: Path) -> None:
    """The screen's cost does not grow with the checklist: 1,000 items, one mounted."""
    checklist = validate_file(MINI).checklist
    assert checklist is not None
    section = checklist.sections[1]
    many = tuple(section.items[0]._replace(id=f"q{n}") for n in range(1000))
    big = replace(checklist, sections=(section._replace(items=many),))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        session = app.store.create(big, "big")
        app.open_session(big, session)
        await pilot.pause()
        await pilot.press("1", "n", "1")
        await settle(app, pilot)
        take = app.screen
        assert isinstance(take, TakeScreen)
        assert len(take.query("QuestionView")) == 1
        assert len(take.query(SelectionList)) == 1
        assert "Question 2 of 1000" in screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_take_snapshots(app_factory, size: tuple[int, int]) -> None:
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        take = await start_mini(app, pilot)
        assert_snapshot(app, f"take_disclaimer_{size[0]}x{size[1]}")
        await pilot.press("n", "1")
        await settle(app, pilot)
        assert_snapshot(app, f"take_question_{size[0]}x{size[1]}")
        await pilot.press("h")
        assert_snapshot(app, f"help_{size[0]}x{size[1]}")
        await pilot.press("escape")
        take.current = "comfort"
        take._show()
        await pilot.pause()
        assert_snapshot(app, f"take_scale_{size[0]}x{size[1]}")


async def test_arrows_and_space_pick_and_enter_moves_on(app_factory) -> None:
    """The list of choices works from the keyboard alone, with no number keys."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        assert take.current == "in_danger"
        assert isinstance(app.focused, ChoiceList)  # keys work at once
        await pilot.press("down", "space")
        await settle(app, pilot)
        assert take.answers["in_danger"] == "no"
        assert "● 2. No" in screen_text(app) and "○ 1. Yes" in screen_text(app)
        await pilot.press("enter")  # Enter is "next", not "pick"
        await settle(app, pilot)
        assert take.current == "has_therapist"
        assert isinstance(app.focused, ChoiceList)  # the next question's list has the keys
        await pilot.press("down", "space")
        await settle(app, pilot)
        assert take.answers["has_therapist"] == "no"
        await pilot.press("up", "space")  # changing the pick moves the mark
        await settle(app, pilot)
        assert take.answers["has_therapist"] == "yes"
        assert "● 1. Yes" in screen_text(app) and "○ 2. No" in screen_text(app)
    assert saved_answers(app)["has_therapist"] == "yes"


async def test_an_answer_and_the_next_key_at_once_never_lose_the_answer(app_factory) -> None:
    """Keys sent back to back, as a fast typist or a paste does: each answer is kept.

    The control reports a change with a message; before, ``n`` could replace the control
    while that message was still queued, and the answer was gone.
    """
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        take = await start_mini(app, pilot)
        # in_danger: No, has_therapist: Yes, how_long: 2nd, worries: 1st, comfort: 4, note.
        # Posted as the terminal driver posts them, with no pause between keys (Pilot's
        # press() waits for the app to be idle after each key, which a person's typing
        # does not).
        for key in ["2", "n", "1", "n", "2", "n", "1", "n", "4", "n"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(app, pilot)
        # Text goes to the note box once it is on screen (keys typed into a box that is
        # still appearing have nowhere to go yet); the box's answer is then kept likewise.
        for key in [*"calm", "enter"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(app, pilot)
        assert take.answers == {
            "in_danger": "no",
            "has_therapist": "yes",
            "how_long": take.checklist.item("how_long").options[1].value,
            "worries": [take.checklist.item("worries").options[0].value],
            "comfort": 4,
            "notes": "calm",
        }
    saved = saved_answers(app)
    assert saved["comfort"] == 4 and saved["notes"] == "calm" and saved["in_danger"] == "no"
