"""Private, atomic files: how a session reaches the disk and is read back.

Every write goes to a new temp file in the same folder (``O_EXCL | O_NOFOLLOW``, so it
can never be a link planted in advance), is ``fsync``-ed, made ``0600`` and renamed over
the old file, so a crash at any moment leaves the old or the new bytes.

Folders are opened once and then used through their descriptor (``dir_fd``): a folder
checked when the store opens stays the folder written to, even if someone renames or
swaps a path afterwards. Every check is made on what was actually opened (``fstat`` of
the descriptor), never on a path looked up a moment before:

* a folder must be a real folder, belong to this user and be writable by nobody else;
  one that others can only read or enter is made ``0700`` (SECURITY-NOTES P3);
* a file must be a regular file (never a link, a FIFO or a device: opening is
  ``O_NOFOLLOW | O_NONBLOCK``, so a FIFO cannot make vetting wait forever), belong to
  this user and be writable by nobody else.

Each refusal is an :class:`UnsafePath` whose message says what to do about it.
"""

import contextlib
import errno
import os
import stat
import uuid
from pathlib import Path

from vetting.i18n import N_, _
from vetting.sessions.errors import SaveFailed, StorageError, UnsafePath

FILE_MODE = 0o600
DIR_MODE = 0o700
_GROUP_OTHER_WRITE = stat.S_IWGRP | stat.S_IWOTH
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | _CLOEXEC
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_NO_HARD_LINKS = (errno.EPERM, errno.EMLINK, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP)

# ---------------------------------------------------------------------------- folders


def open_private_dir(path: Path, *, parent_fd: int | None = None) -> int:
    """A descriptor on the folder ``path`` (looked up in ``parent_fd`` if given), checked.

    Never follows a link for the last part of the path. Raises :class:`UnsafePath` for a
    link, something that is not a folder, a folder of another user or one that others
    may write to; makes a folder of ours that others can read ``0700``.
    """
    target = path.name if parent_fd is not None else path
    try:
        fd = os.open(target, _DIR_FLAGS, dir_fd=parent_fd)
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.ENOTDIR):
            raise
        # Linux says ENOTDIR for a link opened with O_DIRECTORY | O_NOFOLLOW: look closer.
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.stat(target, dir_fd=parent_fd, follow_symlinks=False).st_mode):
                raise UnsafePath(_(_LINKED_FOLDER).format(path=path)) from None
        raise UnsafePath(_(_NOT_A_FOLDER).format(path=path)) from None
    try:
        _check_folder(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


_LINKED_FOLDER = N_(
    "{path} is a link to another place. vetting keeps sessions only in a real folder; "
    "remove the link and open vetting again."
)
_NOT_A_FOLDER = N_("{path} is not a folder, so vetting cannot keep sessions in it.")


def _check_folder(fd: int, path: Path) -> None:
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafePath(_(_NOT_A_FOLDER).format(path=path))
    if info.st_uid != os.geteuid():
        raise UnsafePath(
            _(
                "vetting will not keep your answers in {path}: that folder belongs to "
                "{owner}, who could read or change them. Remove it, or choose "
                "another folder with VETTING_DATA_DIR."
            ).format(path=path, owner=_owner(info.st_uid))
        )
    if info.st_mode & _GROUP_OTHER_WRITE:
        raise UnsafePath(
            _(
                "vetting will not keep your answers in {path}: other people on this computer "
                "can change that folder. If it is yours, fix it with: chmod 700 {path}"
            ).format(path=path)
        )
    if stat.S_IMODE(info.st_mode) != DIR_MODE:
        os.fchmod(fd, DIR_MODE)  # ours, and only readable by others: make it private (P3)


def make_subdir(parent_fd: int, name: str) -> None:
    """Create the folder ``name`` in ``parent_fd`` as ``0700`` (nothing if it exists)."""
    with contextlib.suppress(FileExistsError):
        os.mkdir(name, DIR_MODE, dir_fd=parent_fd)


def fsync_dir(directory: Path | int) -> None:
    """Make a rename itself durable (P8: only meaningful on power loss)."""
    if isinstance(directory, int):
        os.fsync(directory)
        return
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _owner(uid: int) -> str:
    """``another user (alice)``: whose a refused file or folder is."""
    # TRANSLATORS: {name} is a user name on this computer, such as alice.
    return _("another user ({name})").format(name=_name_of(uid))


def _me() -> str:
    return _name_of(os.geteuid())


def _name_of(uid: int) -> str:
    import pwd  # only to word a refusal

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


# ---------------------------------------------------------------------------- files


def _check_file(info: os.stat_result, path: Path) -> None:
    """A regular file of this user that nobody else can write to, or :class:`UnsafePath`."""
    if stat.S_ISLNK(info.st_mode):
        raise UnsafePath(_(_LINKED_FILE).format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise UnsafePath(
            _("{path} is not an ordinary file, so vetting will not use it.").format(path=path)
        )
    if info.st_uid != os.geteuid():
        raise UnsafePath(
            # TRANSLATORS: "sudo chown {user} {path}" is a command: keep it as it is.
            _(
                "vetting will not use {path}: it belongs to {owner}. If it is "
                "really yours (made with sudo, say), fix it with: sudo chown {user} {path}"
            ).format(path=path, owner=_owner(info.st_uid), user=_me())
        )
    if info.st_mode & _GROUP_OTHER_WRITE:
        raise UnsafePath(
            # TRANSLATORS: "chmod 600 {path}" is a command: keep it as it is.
            _(
                "vetting will not use {path}: other people on this computer can change it. "
                "If it is yours, fix it with: chmod 600 {path}"
            ).format(path=path)
        )


_LINKED_FILE = N_(
    "{path} is a link to another place. vetting does not read or write through links; "
    "move the real file here if you want to use it."
)


def refuse_link(path: Path, *, dir_fd: int | None = None) -> bool:
    """True if ``path`` exists as a file vetting may use; :class:`UnsafePath` if it may not."""
    target = path.name if dir_fd is not None else path
    try:
        info = os.stat(target, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    _check_file(info, path)
    return True


def read_limited(path: Path, limit: int, *, dir_fd: int | None = None) -> bytes:
    """At most ``limit + 1`` bytes of a file checked on its descriptor (see the module).

    ``O_NONBLOCK`` makes opening a FIFO return at once (a regular file ignores the flag).
    """
    target = path.name if dir_fd is not None else path
    try:
        fd = os.open(target, _READ_FLAGS, dir_fd=dir_fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafePath(_(_LINKED_FILE).format(path=path)) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        _check_file(os.fstat(handle.fileno()), path)
        return handle.read(limit + 1)


def write_atomically(path: Path, data: bytes, *, dir_fd: int | None = None) -> None:
    """Replace ``path`` by ``data`` so a crash at any moment leaves the old or the new bytes.

    Temp file in the same folder (so ``os.replace`` is a rename), ``fsync`` before the
    rename, ``0600`` before the data becomes visible, folder ``fsync`` after. On any
    failure the temp file is removed and ``path`` is untouched. With ``dir_fd`` every
    step happens in that already-checked folder, whatever its path now leads to.
    """
    if dir_fd is None:
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
        try:
            write_atomically(path, data, dir_fd=folder)
        finally:
            os.close(folder)
        return
    refuse_link(path, dir_fd=dir_fd)
    tmp = _temp_name(path.name)
    fd = os.open(tmp, _CREATE_FLAGS, FILE_MODE, dir_fd=dir_fd)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise
    fsync_dir(dir_fd)


def _temp_name(name: str) -> str:
    """``.<name>.<random>.tmp``: the pattern the store cleans up after a crash (P4)."""
    return f".{name}.{uuid.uuid4().hex}.tmp"


def link_atomically(source: Path, target: Path, limit: int, *, dir_fd: int) -> None:
    """Make ``target`` another name of ``source``'s bytes, replacing ``target`` atomically.

    A hard link costs no copy and keeps the old inode even after ``source`` is replaced.
    Falls back to an atomic copy where the file system has no hard links. If both names
    are already the same file (a save failed after the backup was made), there is
    nothing to do: renaming one name of a file onto another is a no-op that would leave
    the temp name behind (issue 17.4).
    """
    with contextlib.suppress(FileNotFoundError):
        before = os.stat(target.name, dir_fd=dir_fd, follow_symlinks=False)
        now = os.stat(source.name, dir_fd=dir_fd, follow_symlinks=False)
        if os.path.samestat(before, now):
            return
    tmp = _temp_name(target.name)
    try:
        os.link(source.name, tmp, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        write_atomically(target, read_limited(source, limit, dir_fd=dir_fd), dir_fd=dir_fd)
        return
    try:
        os.replace(tmp, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dir_fd)  # still there only if the rename did nothing


def remove(path: Path, *, dir_fd: int) -> None:
    """Remove the name ``path`` from the folder (a link is removed, never followed)."""
    os.unlink(path.name, dir_fd=dir_fd)


def save_failed(error: OSError) -> SaveFailed:
    """What a failed write tells the person: why, and that nothing they had is lost."""
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = _("the disk is full")
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = _("the folder cannot be written to")
    else:
        reason = error.strerror or _("the file could not be written")
    return SaveFailed(
        # TRANSLATORS: {reason} is "the disk is full", "the folder cannot be written to" or
        # the system's own words for the failure.
        _(
            "Your answers could not be saved ({reason}). Your previous answers are unchanged."
        ).format(reason=reason)
    )


def folder_error(path: Path, error: OSError) -> StorageError:
    """A folder that cannot be created or opened, in words."""
    return StorageError(
        _("vetting cannot use its folder {path} ({reason}).").format(
            path=path, reason=error.strerror
        ),
        code="E_DATA_DIR",
    )


def move_aside(path: Path, *, dir_fd: int) -> Path:
    """Give ``path`` a new name, ``<name>.corrupt-<uuid>``, that no file has yet.

    A hard link to a fresh name (which fails rather than replace a file), then the old
    name removed: the bytes are never overwritten and never deleted.
    """
    while True:
        target = path.with_name(f"{path.name}.corrupt-{uuid.uuid4().hex}")
        try:
            os.link(
                path.name, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False
            )
        except FileExistsError:
            continue
        remove(path, dir_fd=dir_fd)
        fsync_dir(dir_fd)
        return target
