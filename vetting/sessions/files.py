"""Private, atomic files: how a session reaches the disk and is read back.

Every write goes to a temp file in the same folder, is ``fsync``-ed, made ``0600`` and
renamed over the old file, so a crash at any moment leaves the old or the new bytes.
Reads never follow a symbolic link and never read more than a limit.
"""

import contextlib
import errno
import os
import stat
import tempfile
import uuid
from pathlib import Path

from vetting.sessions.errors import SaveFailed, UnsafePath

FILE_MODE = 0o600


def fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (P8: only meaningful on power loss)."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def refuse_link(path: Path) -> bool:
    """True if ``path`` exists (as a regular file); raise :class:`UnsafePath` for anything else."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(
            f"{path} is a link to another place. vetting does not write through links; "
            "move the real file here if you want to use it."
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(f"{path} is not an ordinary file, so vetting will not use it.")
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` so a crash at any moment leaves the old or the new bytes.

    Temp file in the same folder (so ``os.replace`` is a rename), ``fsync`` before the
    rename, ``0600`` before the data becomes visible, folder ``fsync`` after. On any
    failure the temp file is removed and ``path`` is untouched.
    """
    refuse_link(path)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes, never through a symbolic link."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnsafePath(f"{path} is not an ordinary file, so vetting will not use it.")
        return handle.read(limit + 1)


def save_failed(error: OSError) -> SaveFailed:
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = "the disk is full"
    else:
        reason = error.strerror or "the file could not be written"
    return SaveFailed(
        f"Your answers could not be saved ({reason}). Your previous answers are unchanged."
    )


def link_atomically(source: Path, target: Path, limit: int) -> None:
    """Make ``target`` another name of ``source``'s bytes, replacing ``target`` atomically.

    A hard link costs no copy and keeps the old inode even after ``source`` is replaced.
    Falls back to an atomic copy where the file system has no hard links.
    """
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        os.link(source, tmp, follow_symlinks=False)
    except OSError:
        write_atomically(target, read_limited(source, limit))
        return
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
