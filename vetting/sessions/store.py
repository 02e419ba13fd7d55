"""Sessions on disk: where a person's answers live, and how they survive crashes.

Layout (``root`` is :func:`vetting.sessions.locations.data_dir`)::

    root/vetting.lock               single-instance lock (flock), never holds data
    root/sessions/<id>.json         one saved session (schemas/answers.schema.json)
    root/sessions/<id>.json.bak     the previous good version, kept on every save
    root/sessions/<id>.json.corrupt-<uuid>   a damaged file, moved aside, never deleted

Guarantees (see SECURITY-NOTES.md P1-P8, L13):

* **Atomic saves (P1, P2).** A session is serialised to bytes in full first (so a value
  JSON cannot hold fails before any file is touched), written to a ``mkstemp`` file in the
  same folder, flushed, ``fsync``-ed, made ``0600`` and moved over the old file with
  ``os.replace``; then the folder is ``fsync``-ed. If anything fails the temp file is
  removed and the previous file is byte-identical. A process killed at any point leaves
  either the old or the new file, never a mix. Durability against *power loss* relies on
  ``fsync`` and the file system honouring it; the kill tests do not cover that (P8).
* **Private (P3).** Files are ``0600`` and folders ``0700`` even under ``umask 000``.
* **Stale temp files (P4)** ``.<name>.*.tmp`` left by a killed save are removed when the
  store is opened, once the lock is held (never while another instance might be writing).
* **Damaged files are kept (P5).** A file that is empty, not JSON, not a vetting session,
  of an unknown format or with a wrong checksum is never overwritten: :meth:`load` moves
  its bytes aside to ``<name>.corrupt-<uuid>`` and raises :class:`SessionCorrupt` in plain
  words; :meth:`SessionStore.restore_backup` brings back the ``.bak``. A file from a
  *newer* vetting raises :class:`SessionTooNew` and is left alone.
* **One instance (P6).** :meth:`SessionStore.open` takes ``flock(LOCK_EX | LOCK_NB)`` on
  ``vetting.lock``; a second instance gets :class:`StoreLocked` (no lost updates), and may
  open the store ``read_only=True`` instead. Threads of one process share a lock around
  every write, because the app saves from a worker thread.
* **Symlinks (P7).** The data folder is resolved with ``realpath`` once, when the store is
  opened. After that, the ``sessions`` folder and each session file must not be symbolic
  links: ``os.replace`` would replace a link instead of writing where it points, and a
  link planted in the folder could make us write elsewhere. Such paths are refused with
  :class:`UnsafePath`; files are read with ``O_NOFOLLOW``.
* **Only JSON (L13).** Answers must be what the answers schema allows: non-empty text, a
  whole number, or a list of option values. Anything else (``nan``, a ``set``, a date,
  ``bytes``, a ``tuple``, a ``bool``) is refused with :class:`SaveFailed` before a byte is
  written, and every file is parsed back before it is written, so vetting never writes a
  file it would refuse to read.

Nothing here imports Textual or touches the network.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
import contextlib
import copy
import errno
import fcntl
import json
import os
import re
import stat
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from vetting.errors import VettingError
from vetting.sessions import locations

FORMAT = 1
MAX_SESSION_BYTES = 1024 * 1024  # vetting never writes a session this big
MAX_NAME_CHARS = 120
LOCK_NAME = "vetting.lock"
SESSIONS_SUBDIR = "sessions"
FILE_MODE = 0o600

# Session ids are UUIDs (also the file name); item ids follow the checklist format.
_ID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_ITEM_ID_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}\Z")
MAX_ANSWER_CHARS = 10_000  # as in schemas/answers.schema.json
MAX_PICKS = 20
MAX_PICK_CHARS = 64
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# ---------------------------------------------------------------------------- errors


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


# ---------------------------------------------------------------------------- values


class ChecklistLike(Protocol):
    """What a session needs from a :class:`vetting.checklist.model.Checklist`."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def content_hash(self) -> str: ...


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


# ---------------------------------------------------------------------------- JSON


def canonical_json(document: dict[str, Any]) -> bytes:
    """The bytes the checksum is computed over (stable across platforms and versions)."""
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def checksum_of(document: dict[str, Any]) -> str:
    """``sha256:<hex>`` of the canonical JSON of ``document`` without its ``checksum`` key."""
    import hashlib  # only when a session is written or read, never before the first paint

    body = {key: value for key, value in document.items() if key != "checksum"}
    return "sha256:" + hashlib.sha256(canonical_json(body)).hexdigest()


class _BadJson(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _BadJson(f"the key {key!r} appears twice")
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _BadJson(f"it contains {name}, which is not a number JSON allows")


def _parse_json(raw: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, no duplicate keys."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _BadJson(f"it is not text (unreadable byte at offset {error.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except _BadJson:
        raise
    except json.JSONDecodeError as error:
        raise _BadJson(
            f"it is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError:
        raise _BadJson("it holds a number far too long to be an answer") from None
    except RecursionError:
        raise _BadJson("it is nested far too deeply") from None


# ---------------------------------------------------------------------------- checking


def answer_problem(item_id: object, value: object) -> str | None:
    """Why an answer cannot be stored, or ``None`` (the rules of the answers schema).

    An answer is non-empty text, a whole number, or a list of up to 20 option values:
    exactly the JSON types scoring expects, so a saved file always reads back the same.
    """
    if not isinstance(item_id, str) or not _ITEM_ID_RE.match(item_id):
        return f"{item_id!r} is not a valid question id"
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if isinstance(value, str):
        if 0 < len(value) <= MAX_ANSWER_CHARS:
            return None
        return f"the answer to {item_id!r} is empty or longer than {MAX_ANSWER_CHARS} characters"
    if type(value) is list and len(value) <= MAX_PICKS:
        if all(isinstance(v, str) and 0 < len(v) <= MAX_PICK_CHARS for v in value):
            return None
        return f"the answer to {item_id!r} holds something that is not an option value"
    return f"the answer to {item_id!r} is a {type(value).__name__}, not text, a number or a list"


def _is_text(value: object, limit: int = 200) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _shape_problem(doc: dict[str, Any]) -> str | None:
    """The first way ``doc`` (format and checksum already checked) is not a session."""
    expected = {"format", "checklist", "session", "answers", "checksum"}
    if set(doc) != expected:
        return "it does not have the parts of a vetting session file"
    checklist, session, answers = doc["checklist"], doc["session"], doc["answers"]
    if not isinstance(checklist, dict) or set(checklist) != {"id", "version", "content_hash"}:
        return "it does not say which checklist it answers"
    if not all(_is_text(checklist[key]) for key in ("id", "version", "content_hash")):
        return "it does not say which checklist it answers"
    if not isinstance(session, dict) or set(session) != {"id", "name", "created", "updated"}:
        return "it does not have a session name and times"
    if not all(_is_text(session[key]) for key in ("created", "updated", "id")):
        return "it does not have a session name and times"
    if not _is_text(session["name"], MAX_NAME_CHARS):
        return "its session name is missing or too long"
    if not isinstance(answers, dict):
        return "its answers are not a list of answers by question"
    for item_id, value in answers.items():
        problem = answer_problem(item_id, value)
        if problem:
            return problem
    return _schema_problem(doc)


def _schema_problem(doc: dict[str, Any]) -> str | None:
    """Also apply the bundled answers schema when :mod:`vetting.validation.schema` provides it."""
    try:
        from vetting.validation.schema import answers_problems  # type: ignore[attr-defined]
    except ImportError:
        return None
    for problem in answers_problems(doc):
        if problem.is_error:
            return f"it does not match the session format ({problem.message})"
    return None


def _check_format(doc: dict[str, Any]) -> None:
    fmt = doc.get("format")
    if fmt is None:
        raise SessionCorrupt("it does not say which format it uses, so it is not a vetting session")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SessionCorrupt("its format is not a number, so it is not a vetting session")
    if fmt > FORMAT:
        raise SessionTooNew(
            "This session was made by a newer version of vetting; please upgrade to open it. "
            "It has been left untouched."
        )
    if fmt != FORMAT:
        raise SessionCorrupt(f"its format {fmt} is not one vetting knows")


def parse_session(raw: bytes, *, expected_id: str | None = None) -> Session:
    """Check ``raw`` bytes of a session file and build the :class:`Session`.

    Raises :class:`SessionCorrupt` (message: what is wrong, in plain words, completing
    "This session file cannot be used: ...") or :class:`SessionTooNew`. Never writes.
    """
    if not raw.strip():
        raise SessionCorrupt("it is empty")
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionCorrupt("it is far larger than any session vetting writes")
    try:
        doc = _parse_json(raw)
    except _BadJson as error:
        raise SessionCorrupt(str(error)) from None
    if not isinstance(doc, dict):
        raise SessionCorrupt("it is not a vetting session file")
    _check_format(doc)
    if not isinstance(doc.get("checksum"), str):
        raise SessionCorrupt("it has no checksum, so it is not a vetting session file")
    if doc["checksum"] != checksum_of(doc):
        raise SessionCorrupt("it was damaged or changed outside vetting (its checksum is wrong)")
    session = doc.get("session")
    if expected_id is not None and isinstance(session, dict) and session.get("id") != expected_id:
        raise SessionCorrupt("it belongs to another session (its id does not match its name)")
    problem = _shape_problem(doc)
    if problem:
        raise SessionCorrupt(problem)
    return Session(
        id=doc["session"]["id"],
        name=doc["session"]["name"],
        checklist_id=doc["checklist"]["id"],
        checklist_version=doc["checklist"]["version"],
        content_hash=doc["checklist"]["content_hash"],
        created=doc["session"]["created"],
        updated=doc["session"]["updated"],
        answers=doc["answers"],
    )


def session_document(session: Session) -> dict[str, Any]:
    """The JSON document for ``session``, checksum included."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "checklist": {
            "id": session.checklist_id,
            "version": session.checklist_version,
            "content_hash": session.content_hash,
        },
        "session": {
            "id": session.id,
            "name": session.name,
            "created": session.created,
            "updated": session.updated,
        },
        "answers": session.answers_copy(),
    }
    doc["checksum"] = checksum_of(doc)
    return doc


def serialize_session(session: Session) -> bytes:
    """The full file bytes, produced before any file is touched (P1, L13)."""
    for item_id, value in session.answers.items():
        problem = answer_problem(item_id, value)
        if problem:
            raise SaveFailed(f"Your answers were not saved: {problem}.", code="E_BAD_ANSWER")
    try:
        doc = session_document(session)
        text = json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=2, sort_keys=True)
        data = (text + "\n").encode("utf-8")
    except (TypeError, ValueError) as error:  # UnicodeEncodeError is a ValueError
        raise SaveFailed(
            f"Your answers were not saved: they hold a value that cannot be stored ({error}).",
            code="E_BAD_ANSWER",
        ) from None
    if len(data) > MAX_SESSION_BYTES:
        raise SaveFailed("Your answers were not saved: this session is too large to store.")
    try:  # never write a file we would refuse to read back
        parse_session(data, expected_id=session.id)
    except StorageError as error:
        raise SaveFailed(
            f"Your answers were not saved: {error.message}.", code="E_BAD_ANSWER"
        ) from None
    return data


# ---------------------------------------------------------------------------- files


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (P8: only meaningful on power loss)."""
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _refuse_link(path: Path) -> bool:
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
    _refuse_link(path)
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
    _fsync_dir(path.parent)


def _read_limited(path: Path) -> bytes:
    """At most ``MAX_SESSION_BYTES + 1`` bytes, never through a symbolic link."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnsafePath(f"{path} is not an ordinary file, so vetting will not use it.")
        return handle.read(MAX_SESSION_BYTES + 1)


def _save_failed(error: OSError) -> SaveFailed:
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        reason = "the disk is full"
    else:
        reason = error.strerror or "the file could not be written"
    return SaveFailed(
        f"Your answers could not be saved ({reason}). Your previous answers are unchanged."
    )


def _now_text(clock: Callable[[], datetime]) -> str:
    moment = clock()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_name(name: str) -> str:
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned:
        raise StorageError("Please give the session a name.", code="E_SESSION_NAME")
    if len(cleaned) > MAX_NAME_CHARS:
        raise StorageError(
            f"Please use a shorter name (at most {MAX_NAME_CHARS} characters).",
            code="E_SESSION_NAME",
        )
    if _CONTROL_RE.search(cleaned):
        raise StorageError(
            "Please use only ordinary characters in the name.", code="E_SESSION_NAME"
        )
    return cleaned


# ---------------------------------------------------------------------------- the store


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
        self._lock_fd: int | None = None
        self._opened = False
        self._write_lock = threading.RLock()

    # -- lifetime ---------------------------------------------------------------

    def __enter__(self) -> "SessionStore":
        return self.open()

    def __exit__(self, *_: object) -> None:
        self.close()

    def open(self) -> "SessionStore":
        """Create the private folders, take the lock, then clean stale temp files (P4)."""
        if self._opened:
            return self
        if self.read_only:
            self._opened = True
            return self
        try:
            locations.ensure_private_dir(self.root)
            if os.path.islink(self.sessions_dir):
                raise UnsafePath(
                    f"{self.sessions_dir} is a link to another place. vetting keeps sessions "
                    "only in a real folder; remove the link and open vetting again."
                )
            locations.ensure_private_dir(self.sessions_dir)
        except OSError as error:
            raise StorageError(
                f"vetting cannot use its folder {self.root} ({error.strerror}).",
                code="E_DATA_DIR",
            ) from None
        self._lock_fd = self._take_lock()
        self._opened = True
        self.remove_stale_temp_files()
        return self

    def _take_lock(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.root / LOCK_NAME, flags, FILE_MODE)
        except OSError as error:
            raise UnsafePath(
                f"The lock file in {self.root} cannot be opened ({error.strerror})."
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(
                "vetting is already open in another window; close it first."
            ) from None
        return fd

    def close(self) -> None:
        """Release the lock (closing the file releases the ``flock``)."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        self._opened = False

    def remove_stale_temp_files(self) -> list[Path]:
        """Remove ``.<name>.*.tmp`` left by a save that was killed; only with the lock held."""
        self._require_writable()
        removed = []
        for folder in (self.root, self.sessions_dir):
            for candidate in folder.glob(".*.tmp"):
                if candidate.is_file() or candidate.is_symlink():
                    with contextlib.suppress(OSError):
                        candidate.unlink()
                        removed.append(candidate)
        return removed

    def _require_writable(self) -> None:
        """Writes need the lock; reads never do (a read-only window can still list and load)."""
        if self.read_only:
            raise StoreReadOnly(
                "Sessions are open read-only because vetting is open in another window."
            )
        if self._lock_fd is None:
            raise StorageError("The session store is not open.", code="E_NOT_OPEN")

    # -- paths ------------------------------------------------------------------

    def path_of(self, session_id: str) -> Path:
        """The file of ``session_id``; ids are checked so no path can leave the folder."""
        if not isinstance(session_id, str) or not _ID_RE.match(session_id):
            raise SessionNotFound(f"There is no session called {session_id!r}.")
        return self.sessions_dir / f"{session_id}.json"

    def backup_path_of(self, session_id: str) -> Path:
        return self.path_of(session_id).with_name(f"{session_id}.json.bak")

    def _session_files(self) -> Iterator[Path]:
        if not self.sessions_dir.is_dir():
            return
        for path in sorted(self.sessions_dir.glob("*.json")):
            if not path.name.startswith(".") and _ID_RE.match(path.stem):
                yield path

    # -- reading ----------------------------------------------------------------

    def list_sessions(self) -> list[SessionListing]:
        """Every session, newest first; bad files are listed with a ``problem``, never raised."""
        good: list[SessionListing] = []
        bad: list[SessionListing] = []
        for path in self._session_files():
            try:
                session = parse_session(_read_limited(path), expected_id=path.stem)
            except (StorageError, OSError) as error:
                bad.append(SessionListing(id=path.stem, path=path, problem=_listing_problem(error)))
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
        try:
            return _read_limited(path)
        except FileNotFoundError:
            raise SessionNotFound(f"There is no session called {session_id!r}.") from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise UnsafePath(
                    f"{path} is a link to another place; vetting does not follow links."
                ) from None
            raise StorageError(
                f"The session could not be read ({error.strerror}).", code="E_READ"
            ) from None

    def _corrupt(self, error: SessionCorrupt, path: Path, session_id: str) -> SessionCorrupt:
        """Fill in the user-facing message; move the bytes aside when we hold the lock."""
        result = SessionCorrupt(f"This session file cannot be used: {error.message}.", path=path)
        result.backup_available = self.backup_path_of(session_id).is_file()
        if not self.read_only and self._lock_fd is not None:
            result.moved_to = self.set_aside(path)
            result.message += f" Its contents were kept in {result.moved_to.name}."
        if result.backup_available:
            result.message += " The version from your previous save can be restored."
        return result

    # -- writing ----------------------------------------------------------------

    def create(self, checklist: ChecklistLike, name: str) -> Session:
        """A new, empty session for ``checklist``, saved at once."""
        self._require_writable()
        now = _now_text(self._clock)
        session = Session(
            id=str(uuid.uuid4()),
            name=_check_name(name),
            checklist_id=checklist.id,
            checklist_version=checklist.version,
            content_hash=checklist.content_hash,
            created=now,
            updated=now,
            answers={},
        )
        return self.save(session)

    def save(self, session: Session) -> Session:
        """Write ``session`` atomically, ``updated`` set to now; the old file becomes ``.bak``."""
        self._require_writable()
        path = self.path_of(session.id)
        with self._write_lock:
            saved = replace(session, updated=_now_text(self._clock))
            data = serialize_session(saved)  # fails here, before any file is touched
            try:
                self._keep_previous(path, session.id)
                write_atomically(path, data)
            except OSError as error:
                raise _save_failed(error) from None
            return saved

    def save_answer(self, session: Session, item_id: str, value: Any) -> Session:
        """Save one answer (``None`` removes it: the question is skipped again)."""
        answers = session.answers_copy()
        if value is None:
            answers.pop(item_id, None)
        else:
            answers[item_id] = copy.deepcopy(value)
        return self.save(replace(session, answers=answers))

    def _keep_previous(self, path: Path, session_id: str) -> None:
        """Before replacing ``path``: a good file becomes ``.bak``, a damaged one is set aside."""
        if not _refuse_link(path):
            return
        raw = _read_limited(path)
        try:
            parse_session(raw, expected_id=session_id)
        except SessionCorrupt:
            self.set_aside(path)
            return
        backup = self.backup_path_of(session_id)
        _refuse_link(backup)
        _link_atomically(path, backup)

    def rename(self, session_id: str, new_name: str) -> Session:
        with self._write_lock:
            session = self.load(session_id)
            return self.save(replace(session, name=_check_name(new_name)))

    def delete(self, session_id: str) -> None:
        """Really delete the session and its backup; damaged copies set aside are kept."""
        self._require_writable()
        with self._write_lock:
            path = self.path_of(session_id)
            if not path.exists() and not path.is_symlink():
                raise SessionNotFound(f"There is no session called {session_id!r}.")
            for target in (path, self.backup_path_of(session_id)):
                with contextlib.suppress(OSError):
                    target.unlink()
            _fsync_dir(self.sessions_dir)

    def set_aside(self, path: Path) -> Path:
        """Move a damaged file to ``<name>.corrupt-<uuid>``: never overwritten, never deleted."""
        self._require_writable()
        path = Path(path)
        if Path(os.path.realpath(path.parent)) != self.sessions_dir:
            raise UnsafePath(f"{path} is not in the sessions folder; vetting will not move it.")
        with self._write_lock:
            while True:
                target = path.with_name(f"{path.name}.corrupt-{uuid.uuid4().hex}")
                try:
                    os.link(path, target, follow_symlinks=False)
                except FileExistsError:
                    continue
                os.unlink(path)
                _fsync_dir(path.parent)
                return target

    def has_backup(self, session_id: str) -> bool:
        return self.backup_path_of(session_id).is_file()

    def restore_backup(self, session_id: str) -> Session:
        """Make the ``.bak`` the session again (a damaged current file is set aside first)."""
        self._require_writable()
        path, backup = self.path_of(session_id), self.backup_path_of(session_id)
        with self._write_lock:
            try:
                raw = self._read_session_bytes(backup, session_id)
            except SessionNotFound:
                raise SessionNotFound(
                    "There is no earlier version of this session to restore."
                ) from None
            try:
                session = parse_session(raw, expected_id=session_id)
            except SessionCorrupt as error:
                raise SessionCorrupt(
                    f"The earlier version cannot be used either: {error.message}.", path=backup
                ) from None
            if _refuse_link(path):
                try:
                    parse_session(_read_limited(path), expected_id=session_id)
                except SessionCorrupt:
                    self.set_aside(path)
            try:
                write_atomically(path, raw)
            except OSError as error:
                raise _save_failed(error) from None
            return session


def _link_atomically(source: Path, target: Path) -> None:
    """Make ``target`` another name of ``source``'s bytes, replacing ``target`` atomically.

    A hard link costs no copy and keeps the old inode even after ``source`` is replaced.
    Falls back to an atomic copy where the file system has no hard links.
    """
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        os.link(source, tmp, follow_symlinks=False)
    except OSError:
        write_atomically(target, _read_limited(source))
        return
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _listing_problem(error: Exception) -> str:
    if isinstance(error, SessionCorrupt):
        return f"This session file cannot be used: {error.message}."
    if isinstance(error, StorageError):
        return error.message
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return "This is a link to another place; vetting does not follow links."
    return f"This session file cannot be read ({getattr(error, 'strerror', None) or error})."
