"""Every way the session store can fail, as exceptions with a stable ``code``.

Each message is written for the person using the app (the app shows it as it is).
"""

from pathlib import Path

from vetting.errors import VettingError


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
