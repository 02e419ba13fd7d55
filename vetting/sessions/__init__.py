"""Saved sessions: the value, its file format, atomic private files, the lock and the store.

* :mod:`~vetting.sessions.errors`  every failure, with a stable code and words for a person
* :mod:`~vetting.sessions.model`   :class:`Session` and what an answer or a name may be
* :mod:`~vetting.sessions.codec`   the JSON file format, checked both ways
* :mod:`~vetting.sessions.files`   atomic, private files that never follow a link
* :mod:`~vetting.sessions.lock`    one writer per data folder
* :mod:`~vetting.sessions.store`   :class:`SessionStore`, which puts them together
* :mod:`~vetting.sessions.locations` where things live on this computer

The public names of all of them are importable from here, each imported on first use
(see :mod:`vetting.lazy`), so ``from vetting.sessions import locations`` stays cheap.

Guarantees (see SECURITY-NOTES.md P1-P8, L13):

* **Atomic saves (P1, P2).** A session is serialised to bytes in full first (so a value
  JSON cannot hold fails before any file is touched), written to a new temp file in the
  same folder, flushed, ``fsync``-ed, made ``0600`` and moved over the old file with
  ``os.replace``; then the folder is ``fsync``-ed. If anything fails the temp file is
  removed and the previous file is byte-identical. A process killed at any point leaves
  either the old or the new file, never a mix. Durability against *power loss* relies on
  ``fsync`` and the file system honouring it; the kill tests do not cover that (P8).
* **Private (P3).** Files are ``0600`` and folders ``0700`` even under ``umask 000`` (and
  so is every missing parent folder vetting creates).
* **Yours alone (issue 15.5).** The data folder, the ``sessions`` folder, the lock and
  every session file must belong to this user and be writable by nobody else; otherwise
  they are refused with :class:`UnsafePath`, whose message says what to fix. Folders are
  opened once and then used through their descriptors (:mod:`vetting.sessions.files`),
  and every check is made on the opened descriptor, so swapping a path afterwards
  changes nothing. Files are opened ``O_NONBLOCK``: a FIFO never makes vetting wait.
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
  :class:`UnsafePath`; files are opened with ``O_NOFOLLOW``.
* **One bad file never stops the list.** :meth:`SessionStore.list_sessions` never raises:
  a file it cannot use is listed with its problem, in words.
* **Only JSON (L13).** Answers must be what the answers schema allows: non-empty text, a
  whole number, or a list of option values. Anything else (``nan``, a ``set``, a date,
  ``bytes``, a ``tuple``, a ``bool``) is refused with :class:`SaveFailed` before a byte is
  written, and every file is parsed back before it is written, so vetting never writes a
  file it would refuse to read.
"""

from typing import TYPE_CHECKING

from vetting.lazy import exports

_NAMES = {
    **dict.fromkeys(
        (
            "FORMAT",
            "MAX_SESSION_BYTES",
            "canonical_json",
            "checksum_of",
            "parse_session",
            "serialize_session",
            "session_document",
        ),
        "codec",
    ),
    **dict.fromkeys(
        (
            "SaveFailed",
            "SessionCorrupt",
            "SessionNotFound",
            "SessionTooNew",
            "StorageError",
            "StoreLocked",
            "StoreReadOnly",
            "UnsafePath",
        ),
        "errors",
    ),
    **dict.fromkeys(("FILE_MODE", "write_atomically"), "files"),
    **dict.fromkeys(("LOCK_NAME",), "lock"),
    **dict.fromkeys(
        (
            "MAX_ANSWER_CHARS",
            "MAX_NAME_CHARS",
            "MAX_PICK_CHARS",
            "MAX_PICKS",
            "ChecklistLike",
            "Session",
            "SessionListing",
            "answer_problem",
        ),
        "model",
    ),
    **dict.fromkeys(("SESSIONS_SUBDIR", "SessionStore"), "store"),
}
__getattr__, __dir__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from vetting.sessions.codec import (
        FORMAT as FORMAT,
        MAX_SESSION_BYTES as MAX_SESSION_BYTES,
        canonical_json as canonical_json,
        checksum_of as checksum_of,
        parse_session as parse_session,
        serialize_session as serialize_session,
        session_document as session_document,
    )
    from vetting.sessions.errors import (
        SaveFailed as SaveFailed,
        SessionCorrupt as SessionCorrupt,
        SessionNotFound as SessionNotFound,
        SessionTooNew as SessionTooNew,
        StorageError as StorageError,
        StoreLocked as StoreLocked,
        StoreReadOnly as StoreReadOnly,
        UnsafePath as UnsafePath,
    )
    from vetting.sessions.files import (
        FILE_MODE as FILE_MODE,
        write_atomically as write_atomically,
    )
    from vetting.sessions.lock import (
        LOCK_NAME as LOCK_NAME,
    )
    from vetting.sessions.model import (
        MAX_ANSWER_CHARS as MAX_ANSWER_CHARS,
        MAX_NAME_CHARS as MAX_NAME_CHARS,
        MAX_PICK_CHARS as MAX_PICK_CHARS,
        MAX_PICKS as MAX_PICKS,
        ChecklistLike as ChecklistLike,
        Session as Session,
        SessionListing as SessionListing,
        answer_problem as answer_problem,
    )
    from vetting.sessions.store import (
        SESSIONS_SUBDIR as SESSIONS_SUBDIR,
        SessionStore as SessionStore,
    )
