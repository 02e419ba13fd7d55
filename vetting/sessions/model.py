"""The session value and the rules for what it may hold.

A :class:`Session` is one person's answers to one checklist; :func:`answer_problem` is
what an answer must be to be stored (the answers schema's rules), and :func:`check_name`
what a session name must be. Nothing here touches a file.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
import copy
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from vetting.i18n import _
from vetting.sessions.errors import StorageError

MAX_NAME_CHARS = 120

# Session ids are UUIDs (also the file name); item ids follow the checklist format.
SESSION_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_ITEM_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}\Z")
MAX_ANSWER_CHARS = 10_000  # as in schemas/answers.schema.json
MAX_PICKS = 20
MAX_PICK_CHARS = 64
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class ChecklistLike(Protocol):
    """What a session needs from a :class:`vetting.checklist.model.Checklist`."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Session:
    """One saved session. ``answers`` is copied in, so callers never share state with it."""

    id: str
    name: str
    checklist_id: str
    checklist_version: str
    content_hash: str
    created: str
    updated: str
    answers: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "answers", copy.deepcopy(dict(self.answers)))

    def answers_copy(self) -> dict[str, Any]:
        """A private copy to edit; the session itself is never changed in place."""
        return copy.deepcopy(self.answers)


class SessionListing(NamedTuple):
    """One line of :meth:`SessionStore.list_sessions`; ``problem`` is set for a bad file."""

    id: str
    path: Path
    name: str = ""
    checklist_id: str = ""
    checklist_version: str = ""
    updated: str = ""
    problem: str | None = None


def answer_problem(item_id: object, value: object) -> str | None:
    """Why an answer cannot be stored, or ``None`` (the rules of the answers schema).

    An answer is non-empty text, a whole number, or a list of up to 20 option values:
    exactly the JSON types scoring expects, so a saved file always reads back the same.
    """
    if not isinstance(item_id, str) or not _ITEM_ID_RE.match(item_id):
        return _("{item} is not a valid question id").format(item=repr(item_id))
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(value, str):
        if 0 < len(value) <= MAX_ANSWER_CHARS:
            return None
        return _("the answer to {item} is empty or longer than {limit} characters").format(
            item=repr(item_id), limit=MAX_ANSWER_CHARS
        )
    if type(value) is list and len(value) <= MAX_PICKS:
        if all(isinstance(v, str) and 0 < len(v) <= MAX_PICK_CHARS for v in value):
            return None
        return _("the answer to {item} holds something that is not an option value").format(
            item=repr(item_id)
        )
    # TRANSLATORS: {kind} is a Python type name such as float or dict, kept in English.
    return _("the answer to {item} is a {kind}, not text, a number or a list").format(
        item=repr(item_id), kind=type(value).__name__
    )


def now_text(clock: Callable[[], datetime]) -> str:
    moment = clock()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def new_session(
    checklist: ChecklistLike, name: str, clock: Callable[[], datetime] | None = None
) -> Session:
    """A new, empty session for ``checklist``, not saved yet.

    The one place a session is made, so the store, the app's read-only windows and the line
    mode give every session the same id, name check and UTC time stamps."""
    now = now_text(clock or _utc_now)
    return Session(
        id=str(uuid.uuid4()),
        name=check_name(name),
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        content_hash=checklist.content_hash,
        created=now,
        updated=now,
        answers={},
    )


def _utc_now() -> datetime:
    return datetime.now(UTC)


def default_name(checklist: ChecklistLike, today: datetime | None = None) -> str:
    """``"<checklist title> – <date>"``, cut so it stays a valid session name: what a
    session is called until the person names it."""
    day = (today or datetime.now()).strftime("%Y-%m-%d")
    title = checklist.title if len(checklist.title) <= 100 else checklist.title[:99] + "…"
    return f"{title} – {day}"


def check_name(name: str) -> str:
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise StorageError(_("Please give the session a name."), code="E_SESSION_NAME")
    if len(cleaned) > MAX_NAME_CHARS:
        raise StorageError(
            _("Please use a shorter name (at most {limit} characters).").format(
                limit=MAX_NAME_CHARS
            ),
            code="E_SESSION_NAME",
        )
    if _CONTROL_RE.search(cleaned):
        raise StorageError(
            _("Please use only ordinary characters in the name."), code="E_SESSION_NAME"
        )
    return cleaned
