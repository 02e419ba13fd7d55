"""One writer per data folder: an ``flock`` on ``vetting.lock`` (SECURITY-NOTES P6).

The lock file never holds data; closing its descriptor (or the process ending, however it
ends) releases the lock, so a crash never leaves the folder locked. It is opened in the
already-checked data folder, never through a link, and must be this user's own file.
"""

import errno
import fcntl
import os
import stat
from pathlib import Path

from vetting.i18n import _
from vetting.sessions.errors import StorageError, StoreLocked, UnsafePath
from vetting.sessions.files import FILE_MODE

LOCK_NAME = "vetting.lock"
# Read-only: flock needs no write access, and an open read-only file never stops the disk
# from being remounted read-only (an app left open on a backup disk, say).
_FLAGS = (
    os.O_RDONLY
    | os.O_CREAT
    | getattr(os, "O_NOFOLLOW", 0)
    | os.O_NONBLOCK
    | getattr(os, "O_CLOEXEC", 0)
)


def take_lock(root: Path, *, dir_fd: int | None = None) -> int:
    """The descriptor holding the lock on ``root``; :class:`StoreLocked` if another has it."""
    path = root / LOCK_NAME
    try:
        fd = os.open(LOCK_NAME if dir_fd is not None else path, _FLAGS, FILE_MODE, dir_fd=dir_fd)
    except OSError as error:
        if error.errno == errno.EROFS:
            raise read_only_disk(root) from None
        raise UnsafePath(
            _("The lock file {path} cannot be opened ({reason}).").format(
                path=path, reason=error.strerror
            )
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            raise UnsafePath(
                _(
                    "The lock file {path} is not an ordinary file of yours; remove it and open "
                    "vetting again."
                ).format(path=path)
            )
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstatvfs(fd).f_flag & os.ST_RDONLY:
            raise read_only_disk(root)
    except BlockingIOError:
        os.close(fd)
        raise StoreLocked(_("vetting is already open in another window; close it first.")) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_only_disk(root: Path) -> StorageError:
    """The folder is on a disk that cannot be written: readable, never saved to."""
    return StorageError(
        _(
            "vetting cannot save in {path}: it is on a read-only disk. Your saved sessions "
            "can be read, but nothing new will be saved."
        ).format(path=root),
        code="E_READ_ONLY_DISK",
    )


def release(fd: int) -> None:
    """Give the lock up (closing the file releases the ``flock``)."""
    os.close(fd)
