"""Messages the screens post upward: past-tense events, so the app can react.

Screens say what happened; the app (or a parent screen) decides what to do with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from vetting.model import AnswerValue


@dataclass
class AnswerChanged(Message):
    """The person changed the answer to ``item_id`` (``None``: the answer was cleared)."""

    item_id: str
    value: AnswerValue | None


@dataclass
class SessionSaved(Message):
    """A session file was written; ``session_id`` names it."""

    session_id: str


@dataclass
class SaveFailed(Message):
    """A save did not happen; ``reason`` is a plain-words message for the person."""

    reason: str


@dataclass
class CrisisOptionChosen(Message):
    """The person picked an answer marked ``crisis: true``."""

    item_id: str
