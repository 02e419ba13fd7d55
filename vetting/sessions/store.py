""":class:`SessionStore`: where a person's answers live, and how they survive crashes.

Layout (``root`` is :func:`vetting.sessions.locations.data_dir`)::

    root/vetting.lock               single-instance lock (flock), never holds data
    root/sessions/<id>.json         one saved session (schemas/answers.schema.json)
    root/sessions/<id>.json.bak     the previous good version, kept on every save
    root/sessions/<id>.json.corrupt-<uuid>   a damaged file, moved aside, never deleted

The store puts the other modules of :mod:`vetting.sessions` together; what it guarantees
(atomic, private, yours alone, damaged files kept, one instance, no links, only JSON) is
listed in the package's docstring. Nothing here imports Textual or touches the network.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
import contextlib
import copy
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vetting.i18n import _
from vetting.sessions import locations
from vetting.sessions.codec import MAX_SESSION_BYTES, parse_session, serialize_session
from vetting.sessions.errors import (
    CANNOT_BE_USED,
    SessionCorrupt,
    SessionNotFound,
    StorageError,
    StoreLocked,
    StoreReadOnly,
    UnsafePath,
    listing_problem,
    no_session,
)
from vetting.sessions.files import (
    folder_error,
    fsync_dir,
    link_atomically,
    make_subdir,
    move_aside,
    open_private_dir,
    read_limited,
    refuse_link,
    remove,
    save_failed,
    write_atomically,
)
from vetting.sessions.lock import release, take_lock
from vetting.sessions.model import (
    MAX_NAME_CHARS,
    SESSION_ID_RE,
    ChecklistLike,
    Session,
    SessionListing,
    check_name,
    new_session,
    now_text,
)

# Names the app imports from here (their homes are the modules above).
__all__ = [
    "MAX_NAME_CHARS",
    "SESSIONS_SUBDIR",
    "Session",
    "SessionStore",
    "StorageError",
    "StoreLocked",
]

SESSIONS_SUBDIR = "sessions"


class SessionStore:
    """The saved sessions of one person, on this computer.

    Use as ``with SessionStore() as store:`` (or call :meth:`open` / :meth:`close`). A
    second instance on the same folder gets :class:`StoreLocked`; it may use
    ``read_only=True`` to list and load without the lock (it then never moves or deletes
    anything and refuses every write with :class:`StoreReadOnly`).
    """

    def __init__(
        self,
        root: Path | None = None,
        clock: Callable[[], datetime] | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self._clock = clock or (lambda: datetime.now(UTC))
        self.read_only = read_only
        # P7: the data folder is resolved once; later links inside it are refused instead.
        self.root = Path(os.path.realpath(root if root is not None else locations.data_dir()))
        self.sessions_dir = self.root / SESSIONS_SUBDIR
        self._root_fd: int | None = None
        self._sessions_fd: int | None = None
        self._lock_fd: int | None = None
        self._opened = False
        self._write_lock = threading.RLock()

    # -- lifetime ---------------------------------------------------------------

    def __enter__(self) -> "SessionStore":
        return self.open()

    def __exit__(self, *_: object) -> None:
        self.close()

    def open(self) -> "SessionStore":
        """Check (and create) the private folders, take the lock, clean stale temp files.

        Read-only, nothing is created or locked; the folders are checked all the same.
        """
        with self._write_lock:
            if self._opened:
                return self
            self._open_folders(create=not self.read_only)
            if not self.read_only:
                try:
                    self._lock_fd = take_lock(self.root, dir_fd=self._root_fd)
                except BaseException:
                    self._close_folders()
                    raise
            self._opened = True
            if not self.read_only:
                self.remove_stale_temp_files()
            return self

    def _open_folders(self, *, create: bool) -> None:
        """Open the data and sessions folders once, checked on their descriptors.

        Without ``create`` a missing folder is simply not opened (nothing saved yet).
        """
        try:
            if create:
                locations.ensure_private_dir(self.root)
            root_fd = open_private_dir(self.root)
        except FileNotFoundError:
            return
        except OSError as error:
            raise folder_error(self.root, error) from None
        try:
            if create:
                make_subdir(root_fd, SESSIONS_SUBDIR)
            sessions_fd: int | None = open_private_dir(self.sessions_dir, parent_fd=root_fd)
        except FileNotFoundError:
            sessions_fd = None
        except BaseException as error:
            os.close(root_fd)
            if isinstance(error, OSError):
                raise folder_error(self.sessions_dir, error) from None
            raise
        self._root_fd, self._sessions_fd = root_fd, sessions_fd

    def close(self) -> None:
        """Release the lock (closing the file releases the ``flock``) and the folders."""
        with self._write_lock:
            if self._lock_fd is not None:
                release(self._lock_fd)
                self._lock_fd = None
            self._close_folders()
            self._opened = False

    def _close_folders(self) -> None:
        for fd in (self._sessions_fd, self._root_fd):
            if fd is not None:
                os.close(fd)
        self._root_fd = self._sessions_fd = None

    def _folder(self) -> int | None:
        """The sessions folder's descriptor for reading (opened now if need be), or None."""
        with self._write_lock:
            if self._root_fd is None:
                self._open_folders(create=False)
            return self._sessions_fd

    def remove_stale_temp_files(self) -> list[Path]:
        """Remove ``.<name>.*.tmp`` left by a save that was killed; only with the lock held."""
        self._require_writable()
        removed = []
        for folder, fd in ((self.root, self._root_fd), (self.sessions_dir, self._sessions_fd)):
            if fd is None:
                continue
            for name in os.listdir(fd):
                if not (name.startswith(".") and name.endswith(".tmp")):
                    continue
                with contextlib.suppress(OSError):
                    mode = os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode
                    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
                        os.unlink(name, dir_fd=fd)
                        removed.append(folder / name)
        return removed

    def _require_writable(self) -> int:
        """Writes need the lock; reads never do (a read-only window can still list and load).

        Returns the sessions folder's descriptor, which a writable open store always has.
        """
        if self.read_only:
            raise StoreReadOnly(
                _("Sessions are open read-only because vetting is open in another window.")
            )
        if self._lock_fd is None or self._sessions_fd is None:
            raise StorageError(_("The session store is not open."), code="E_NOT_OPEN")
        return self._sessions_fd

    # -- paths ------------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        """The file of ``session_id``; ids are checked so no path can leave the folder."""
        if not isinstance(session_id, str) or not SESSION_ID_RE.match(session_id):
            raise SessionNotFound(no_session(session_id))
        return self.sessions_dir / f"{session_id}.json"

    def backup_path_of(self, session_id: str) -> Path:
        return self.path_of(session_id).with_name(f"{session_id}.json.bak")

    # -- reading ----------------------------------------------------------------

    def list_sessions(self) -> list[SessionListing]:
        """Every session, newest first; bad files are listed with a ``problem``, never raised.

        A folder that cannot be used lists nothing (opening the store said why).
        """
        try:
            folder = self._folder()
            names = sorted(os.listdir(folder)) if folder is not None else []
        except (StorageError, OSError):
            return []
        good: list[SessionListing] = []
        bad: list[SessionListing] = []
        for name in names:
            stem = name.removesuffix(".json")
            if stem == name or not SESSION_ID_RE.match(stem):
                continue
            path = self.sessions_dir / name
            try:
                raw = read_limited(path, MAX_SESSION_BYTES, dir_fd=folder)
                session = parse_session(raw, expected_id=stem)
            except Exception as error:  # one bad file must never hide the others
                bad.append(SessionListing(id=stem, path=path, problem=listing_problem(error)))
                continue
            good.append(
                SessionListing(
                    id=session.id,
                    path=path,
                    name=session.name,
                    checklist_id=session.checklist_id,
                    checklist_version=session.checklist_version,
                    updated=session.updated,
                )
            )
        good.sort(key=lambda listing: listing.updated, reverse=True)
        return good + bad

    def load(self, session_id: str) -> Session:
        """The session, or :class:`SessionCorrupt` (bytes moved aside) / :class:`SessionTooNew`."""
        path = self.path_of(session_id)
        with self._write_lock:
            raw = self._read_session_bytes(path, session_id)
            try:
                return parse_session(raw, expected_id=session_id)
            except SessionCorrupt as error:
                raise self._corrupt(error, path, session_id) from None

    def _read_session_bytes(self, path: Path, session_id: str) -> bytes:
        folder = self._folder()
        try:
            if folder is None:
                raise FileNotFoundError
            return read_limited(path, MAX_SESSION_BYTES, dir_fd=folder)
        except FileNotFoundError:
            raise SessionNotFound(no_session(session_id)) from None
        except OSError as error:
            raise StorageError(
                _("The session could not be read ({reason}).").format(reason=error.strerror),
                code="E_READ",
            ) from None

    def _corrupt(self, error: SessionCorrupt, path: Path, session_id: str) -> SessionCorrupt:
        """Fill in the user-facing message; move the bytes aside when we hold the lock."""
        result = SessionCorrupt(_(CANNOT_BE_USED).format(problem=error.message), path=path)
        result.backup_available = self.has_backup(session_id)
        if not self.read_only and self._lock_fd is not None:
            result.moved_to = self.set_aside(path)
            result.message += " " + _("Its contents were kept in {name}.").format(
                name=result.moved_to.name
            )
        if result.backup_available:
            result.message += " " + _("The version from your previous save can be restored.")
        return result

    # -- writing ----------------------------------------------------------------

    def create(self, checklist: ChecklistLike, name: str) -> Session:
        """A new, empty session for ``checklist``, saved at once."""
        self._require_writable()
        return self.save(new_session(checklist, name, self._clock))

    def save(self, session: Session) -> Session:
        """Write ``session`` atomically, ``updated`` set to now; the old file becomes ``.bak``."""
        folder = self._require_writable()
        path = self.path_of(session.id)
        with self._write_lock:
            saved = replace(session, updated=now_text(self._clock))
            data = serialize_session(saved)  # fails here, before any file is touched
            try:
                self._keep_previous(path, session.id, folder)
                write_atomically(path, data, dir_fd=folder)
            except OSError as error:
                raise save_failed(error) from None
            return saved

    def save_answer(self, session: Session, item_id: str, value: Any) -> Session:
        """Save one answer (``None`` removes it: the question is skipped again)."""
        answers = session.answers_copy()
        if value is None:
            answers.pop(item_id, None)
        else:
            answers[item_id] = copy.deepcopy(value)
        return self.save(replace(session, answers=answers))

    def _keep_previous(self, path: Path, session_id: str, folder: int) -> None:
        """Before replacing ``path``: a good file becomes ``.bak``, a damaged one is set aside."""
        if not self._holds_good_session(path, session_id, folder):
            return
        backup = self.backup_path_of(session_id)
        refuse_link(backup, dir_fd=folder)
        link_atomically(path, backup, MAX_SESSION_BYTES, dir_fd=folder)

    def _holds_good_session(self, path: Path, session_id: str, folder: int) -> bool:
        """Whether ``path`` is a session that parses; a damaged one is set aside first."""
        if not refuse_link(path, dir_fd=folder):
            return False
        raw = read_limited(path, MAX_SESSION_BYTES, dir_fd=folder)
        try:
            parse_session(raw, expected_id=session_id)
        except SessionCorrupt:
            self.set_aside(path)
            return False
        return True

    def rename(self, session_id: str, new_name: str) -> Session:
        with self._write_lock:
            session = self.load(session_id)
            return self.save(replace(session, name=check_name(new_name)))

    def delete(self, session_id: str) -> None:
        """Really delete the session and its backup; damaged copies set aside are kept."""
        folder = self._require_writable()
        with self._write_lock:
            path = self.path_of(session_id)
            try:
                os.stat(path.name, dir_fd=folder, follow_symlinks=False)
            except FileNotFoundError:
                raise SessionNotFound(no_session(session_id)) from None
            for target in (path, self.backup_path_of(session_id)):
                with contextlib.suppress(OSError):
                    remove(target, dir_fd=folder)
            fsync_dir(folder)

    def set_aside(self, path: Path) -> Path:
        """Move a damaged file to ``<name>.corrupt-<uuid>``: never overwritten, never deleted."""
        folder = self._require_writable()
        path = Path(path)
        if Path(os.path.realpath(path.parent)) != self.sessions_dir:
            raise UnsafePath(
                _("{path} is not in the sessions folder; vetting will not move it.").format(
                    path=path
                )
            )
        with self._write_lock:
            return move_aside(path, dir_fd=folder)

    def has_backup(self, session_id: str) -> bool:
        folder = self._folder()
        if folder is None:
            return False
        try:
            return refuse_link(self.backup_path_of(session_id), dir_fd=folder)
        except UnsafePath:
            return False

    def restore_backup(self, session_id: str) -> Session:
        """Make the ``.bak`` the session again (a damaged current file is set aside first)."""
        folder = self._require_writable()
        path, backup = self.path_of(session_id), self.backup_path_of(session_id)
        with self._write_lock:
            try:
                raw = self._read_session_bytes(backup, session_id)
            except SessionNotFound:
                raise SessionNotFound(
                    _("There is no earlier version of this session to restore.")
                ) from None
            try:
                session = parse_session(raw, expected_id=session_id)
            except SessionCorrupt as error:
                raise SessionCorrupt(
                    _("The earlier version cannot be used either: {problem}.").format(
                        problem=error.message
                    ),
                    path=backup,
                ) from None
            self._holds_good_session(path, session_id, folder)  # damaged: set aside
            try:
                write_atomically(path, raw, dir_fd=folder)
            except OSError as error:
                raise save_failed(error) from None
            return session
