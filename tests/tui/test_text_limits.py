"""What the app does with outside text before it reaches a widget (SECURITY-NOTES R6, E2d, E2e).

R6: one huge message cannot flood a screen or a toast: ``shorten`` cuts it, and the problems
screen uses it. E2d/E2e: the reason vetting never relies on ``rich.markup.escape``: two
payloads measured in the first release survive it and still carry a click action, while
``Content(text)`` (what ``vetting.tui.text.plain`` builds) keeps them as plain letters.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from rich.markup import escape
from textual.content import Content

from vetting.problems import Level, Problem
from vetting.tui.screens.problems import problem_content
from vetting.tui.text import MAX_PROBLEM_CHARS, plain, shorten


@settings(derandomize=True, max_examples=200)
@given(st.text(max_size=2 * MAX_PROBLEM_CHARS), st.integers(min_value=2, max_value=400))
def test_shorten_never_exceeds_the_limit_and_keeps_the_start(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert len(short) <= limit
    if len(text) <= limit:
        assert short == text
    else:
        assert short.endswith("…") and text.startswith(short[:-1])


def test_a_huge_problem_message_is_cut_on_the_problems_screen() -> None:
    problem = Problem("list.yaml", 3, 1, "schema-type", "x" * 10_000, Level.ERROR)
    shown = problem_content(problem).plain
    assert len(shown) < MAX_PROBLEM_CHARS + 20  # the level label and spacing, then the cut text
    assert shown.endswith("…")


BYPASSES = ("[ @click=app.quit]Q2", "[$accent @click=app.bell]Q3")


def _actions(content: Content) -> list[str]:
    return [str(span.style) for span in content.spans if "@click" in str(span.style)]


def test_markup_escape_does_not_stop_a_click_action() -> None:
    """E2d/E2e reproduced: if this ever fails, Rich fixed escape(); plain() is still the rule."""
    for payload in BYPASSES:
        assert _actions(Content.from_markup(escape(payload))), payload


def test_plain_content_keeps_every_payload_as_letters() -> None:
    for payload in (*BYPASSES, "[@click=app.quit]Q1", "[b]bold[/b]"):
        content = plain(payload)
        assert content.plain == payload and not _actions(content)
