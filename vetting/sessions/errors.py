"""Every way the session store can fail, as exceptions with a stable ``code``.

Each message is written for the person using the app (the app shows it as it is).
"""

from pathlib import Path

from vetting.errors import VettingError
from vetting.i18n import N_, _


class StorageError(VettingError):
    """Base for every failure of the session store."""

    code = "E_STORAGE"


class StoreLocked(StorageError):
    """Another vetting already has the store open."""

    code = "E_LOCKED"


class StoreReadOnly(StorageError):
    """A write on a store opened ``read_only=True`` (or not opened)."""

    code = "E_READ_ONLY"


class SessionNotFound(StorageError):
    code = "E_SESSION_NOT_FOUND"


class SessionCorrupt(StorageError):
    """A session file could not be trusted; its bytes were kept under ``moved_to``."""

    code = "E_SESSION_CORRUPT"

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to: Path | None = None
        self.backup_available = False


class SessionTooNew(StorageError):
    """Made by a newer vetting: left untouched, never treated as corrupt."""

    code = "E_SESSION_TOO_NEW"


class SaveFailed(StorageError):
    """Nothing was written; the previous file is unchanged."""

    code = "E_SAVE_FAILED"


class UnsafePath(StorageError):
    """A symbolic link (or other non-regular file) where a session folder or file belongs."""

    code = "E_UNSAFE_PATH"


# TRANSLATORS: {problem} is why, such as "it is empty" or "it is not valid JSON (line 3,
# column 7)".
CANNOT_BE_USED = N_("This session file cannot be used: {problem}.")


def no_session(session_id: object) -> str:
    """There is no session with this id, in words."""
    return _("There is no session called {name}.").format(name=repr(session_id))


def listing_problem(error: Exception) -> str:
    """Why a file is listed but cannot be opened, completing nothing: a whole sentence."""
    if isinstance(error, SessionCorrupt):
        return _(CANNOT_BE_USED).format(problem=error.message)
    if isinstance(error, StorageError):
        return error.message
    if isinstance(error, OSError):
        return _("This session file cannot be read ({reason}).").format(
            reason=error.strerror or error
        )
    # TRANSLATORS: {kind} is a Python error name such as MemoryError, kept in English.
    return _("This session file cannot be read (an unexpected {kind}).").format(
        kind=type(error).__name__
    )
