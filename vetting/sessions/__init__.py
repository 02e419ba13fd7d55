"""Saved sessions: the value, its file format, atomic private files, the lock and the store.

* :mod:`~vetting.sessions.errors`  every failure, with a stable code and words for a person
* :mod:`~vetting.sessions.model`   :class:`Session` and what an answer or a name may be
* :mod:`~vetting.sessions.codec`   the JSON file format, checked both ways
* :mod:`~vetting.sessions.files`   atomic, private files that never follow a link
* :mod:`~vetting.sessions.lock`    one writer per data folder
* :mod:`~vetting.sessions.store`   :class:`SessionStore`, which puts them together
* :mod:`~vetting.sessions.locations` where things live on this computer

The public names of all of them are importable from here.
"""

from vetting.sessions import locations
from vetting.sessions.codec import (
    FORMAT,
    MAX_SESSION_BYTES,
    canonical_json,
    checksum_of,
    parse_session,
    serialize_session,
    session_document,
)
from vetting.sessions.errors import (
    SaveFailed,
    SessionCorrupt,
    SessionNotFound,
    SessionTooNew,
    StorageError,
    StoreLocked,
    StoreReadOnly,
    UnsafePath,
)
from vetting.sessions.files import FILE_MODE, write_atomically
from vetting.sessions.lock import LOCK_NAME
from vetting.sessions.model import (
    MAX_ANSWER_CHARS,
    MAX_NAME_CHARS,
    MAX_PICK_CHARS,
    MAX_PICKS,
    ChecklistLike,
    Session,
    SessionListing,
    answer_problem,
)
from vetting.sessions.store import SESSIONS_SUBDIR, SessionStore

__all__ = [
    "FILE_MODE",
    "FORMAT",
    "LOCK_NAME",
    "MAX_ANSWER_CHARS",
    "MAX_NAME_CHARS",
    "MAX_PICKS",
    "MAX_PICK_CHARS",
    "MAX_SESSION_BYTES",
    "SESSIONS_SUBDIR",
    "ChecklistLike",
    "SaveFailed",
    "Session",
    "SessionCorrupt",
    "SessionListing",
    "SessionNotFound",
    "SessionStore",
    "SessionTooNew",
    "StorageError",
    "StoreLocked",
    "StoreReadOnly",
    "UnsafePath",
    "answer_problem",
    "canonical_json",
    "checksum_of",
    "locations",
    "parse_session",
    "serialize_session",
    "session_document",
    "write_atomically",
]
