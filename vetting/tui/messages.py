"""Messages the screens post upward: past-tense events, so the app can react.

Screens say what happened; the app (or a parent screen) decides what to do with it.
Plain ``Message`` subclasses, as in Textual's own widgets (a dataclass each cost more to
create than the rest of this module, at every start of the app).
"""

from __future__ import annotations

from textual.message import Message

from vetting.checklist.model import AnswerValue


class AnswerChanged(Message):
    """The person changed the answer to ``item_id`` (``None``: the answer was cleared)."""

    def __init__(self, item_id: str, value: AnswerValue | None) -> None:
        super().__init__()
        self.item_id = item_id
        self.value = value


class AnswersNotSaved(Message):
    """A save did not happen; ``reason`` is a plain-words message for the person.

    (Named apart from :class:`vetting.sessions.store.SaveFailed`, the storage error it reports.)
    """

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
