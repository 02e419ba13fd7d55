"""One writer per data folder: an ``flock`` on ``vetting.lock`` (SECURITY-NOTES P6).

The lock file never holds data; closing its descriptor (or the process ending, however it
ends) releases the lock, so a crash never leaves the folder locked.
"""

import fcntl
import os
from pathlib import Path

from vetting.sessions.errors import StoreLocked, UnsafePath
from vetting.sessions.files import FILE_MODE

LOCK_NAME = "vetting.lock"


def take_lock(root: Path) -> int:
    """The descriptor holding the lock on ``root``; :class:`StoreLocked` if another has it."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(root / LOCK_NAME, flags, FILE_MODE)
    except OSError as error:
        raise UnsafePath(f"The lock file in {root} cannot be opened ({error.strerror}).") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreLocked("vetting is already open in another window; close it first.") from None
    return fd


def release(fd: int) -> None:
    """Give the lock up (closing the file releases the ``flock``)."""
    os.close(fd)
