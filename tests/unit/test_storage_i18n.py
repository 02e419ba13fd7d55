"""The session store speaks the person's language (issue 14): every refusal in Spanish.

A person sees these messages in the app (toasts, dialogs) and in ``vetting ask``. Real
failures are made (a bad name, a really full disk, a folder others can write to, a file
from a newer vetting, damaged files, links...) once in English and once in Spanish: the
Spanish message must differ and hold no English sentence of the store's catalog. A static
check makes sure no prose literal in ``vetting/sessions`` escapes ``_()``/``N_()``, and every
message marked there has a Spanish translation. Error codes stay the same in every language.
"""

from __future__ import annotations

import ast
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import vetting.i18n
from tests.support.builders import make_checklist
from tests.support.mounts import fill, read_only, small_tmpfs
from vetting.errors import VettingError
from vetting.sessions import (
    MAX_SESSION_BYTES,
    SaveFailed,
    SessionStore,
    SessionTooNew,
    StorageError,
    UnsafePath,
    checksum_of,
    parse_session,
)

SESSIONS = Path(vetting.i18n.__file__).parent / "sessions"
SPANISH_PO = vetting.i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "vetting.po"
CHECKLIST = make_checklist(checklist_id="red_flags", content_hash="sha256:" + "ab" * 32)
SESSION_ID = "0b7e2a4c-1f3d-4e5a-9b6c-7d8e9f0a1b2c"


@pytest.fixture
def spanish() -> Iterator[None]:
    vetting.i18n.set_language("es")
    try:
        yield
    finally:
        vetting.i18n.set_language("en")


def in_language(language: str, make: Callable[[], str]) -> str:
    vetting.i18n.set_language(language)
    try:
        return make()
    finally:
        vetting.i18n.set_language("en")


def raised(action: Callable[[], object]) -> VettingError:
    with pytest.raises(VettingError) as caught:
        action()
    return caught.value


# ----------------------------------------------------------- the failures the brief names


def test_a_bad_session_name_is_refused_in_spanish(tmp_path: Path, spanish: None) -> None:
    with SessionStore(tmp_path / "data") as store:
        empty = raised(lambda: store.create(CHECKLIST, "   "))
        long = raised(lambda: store.create(CHECKLIST, "x" * 200))
    assert empty.message == "Póngale un nombre a la sesión."
    assert long.message == "Use un nombre más corto (como máximo 120 caracteres)."
    assert empty.code == long.code == "E_SESSION_NAME"  # codes never change


def test_a_full_disk_is_reported_in_spanish(tmp_path: Path, spanish: None) -> None:
    with small_tmpfs(tmp_path / "disk") as disk, SessionStore(disk / "data") as store:
        session = store.save_answer(store.create(CHECKLIST, "lleno"), "q1", "sí")
        before = store.path_of(session.id).read_bytes()
        fill(disk)
        error = raised(lambda: store.save_answer(session, "q2", "x" * 9000))
        assert store.path_of(session.id).read_bytes() == before
    assert isinstance(error, SaveFailed) and error.code == "E_SAVE_FAILED"
    assert error.message == (
        "No se pudieron guardar sus respuestas (el disco está lleno). "
        "Sus respuestas anteriores no han cambiado."
    )


def test_a_read_only_disk_is_reported_in_spanish(tmp_path: Path, spanish: None) -> None:
    with small_tmpfs(tmp_path / "disk") as disk:
        SessionStore(disk / "data").open().close()
        read_only(disk)
        error = raised(lambda: SessionStore(disk / "data").open())
    assert error.code == "E_READ_ONLY_DISK"
    assert "está en un disco de solo lectura" in error.message


def test_a_folder_others_can_write_to_is_refused_in_spanish_with_the_same_command(
    tmp_path: Path, spanish: None
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, 0o777)
    error = raised(lambda: SessionStore(data).open())
    assert isinstance(error, UnsafePath) and error.code == "E_UNSAFE_PATH"
    assert error.message.startswith(f"vetting no guardará sus respuestas en {data}: otras")
    assert error.message.endswith(f"corríjalo con: chmod 700 {data}")  # the command stays


def test_a_session_from_a_newer_vetting_is_explained_in_spanish(
    tmp_path: Path, spanish: None
) -> None:
    with SessionStore(tmp_path / "data") as store:
        session = store.create(CHECKLIST, "nueva")
        path = store.path_of(session.id)
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["format"] = 99
        doc["checksum"] = checksum_of(doc)
        path.write_text(json.dumps(doc), encoding="utf-8")
        error = raised(lambda: store.load(session.id))
        listed = store.list_sessions()
    assert isinstance(error, SessionTooNew) and error.code == "E_SESSION_TOO_NEW"
    assert error.message == (
        "Esta sesión se creó con una versión más nueva de vetting; actualice vetting para "
        "abrirla. No se ha modificado."
    )
    assert [listing.problem for listing in listed] == [error.message]


# ------------------------------------------------------- every failure path, both languages


def _with_doc(**changes: object) -> bytes:
    """A session file with an honest checksum, changed as asked."""
    doc: dict[str, object] = {
        "format": 1,
        "checklist": {"id": "red_flags", "version": "1.0.0", "content_hash": "sha256:ab"},
        "session": {"id": SESSION_ID, "name": "x", "created": "t", "updated": "t"},
        "answers": {},
    }
    doc.update(changes)
    doc["checksum"] = checksum_of(doc)
    return json.dumps(doc).encode("utf-8")


RAW = {
    "empty": b"  ",
    "too big": b" " * MAX_SESSION_BYTES + b"{}",
    "not text": b"\xff{}",
    "not json": b"{",
    "duplicate key": b'{"a": 1, "a": 2}',
    "nan": b'{"format": NaN}',
    "huge number": b"[1e999]",
    "long number": b"[" + b"9" * 5000 + b"]",
    "deep": b"[" * 100_000,
    "surrogate": b'["\\ud800"]',
    "a list": b"[]",
    "no format": b"{}",
    "format text": b'{"format": "1"}',
    "too new": b'{"format": 2}',
    "old format": b'{"format": 0}',
    "no checksum": b'{"format": 1}',
    "wrong checksum": b'{"format": 1, "checksum": "sha256:00"}',
    "other id": _with_doc(session={"id": "1" * 8, "name": "x", "created": "t", "updated": "t"}),
    "parts": _with_doc(extra=1),
    "checklist": _with_doc(checklist=[]),
    "times": _with_doc(session={"id": SESSION_ID}),
    "name": _with_doc(session={"id": SESSION_ID, "name": "", "created": "t", "updated": "t"}),
    "answers": _with_doc(answers=[]),
    "answer id": _with_doc(answers={"Bad Id": "x"}),
    "answer empty": _with_doc(answers={"q1": ""}),
    "answer kind": _with_doc(answers={"q1": 1.5}),
    "answer picks": _with_doc(answers={"q1": ["a", 3]}),
}


def _parse(raw: bytes) -> Callable[[Path], str]:
    return lambda _root: raised(lambda: parse_session(raw, expected_id=SESSION_ID)).message


def _store_error(action: Callable[[SessionStore], object]) -> Callable[[Path], str]:
    def run(root: Path) -> str:
        with SessionStore(root) as store:
            return raised(lambda: action(store)).message

    return run


def _saved(store: SessionStore, **changes: object) -> object:
    session = store.create(CHECKLIST, "s")
    return store.save(replace(session, **changes))  # type: ignore[arg-type]


def _damaged(root: Path, *, backup: bool) -> SessionStore:
    store = SessionStore(root).open()
    session = store.save_answer(store.create(CHECKLIST, "s"), "q1", "yes")
    if backup:
        store.save_answer(session, "q1", "no")
    store.path_of(session.id).write_bytes(b"not json")
    return store


def _load_damaged(root: Path, *, backup: bool) -> str:
    store = _damaged(root, backup=backup)
    try:
        (listing,) = store.list_sessions()
        loaded = raised(lambda: store.load(listing.id)).message
        return f"{listing.problem} | {loaded}"
    finally:
        store.close()


def _restore(root: Path, *, bad_backup: bool) -> str:
    with SessionStore(root) as store:
        session = store.create(CHECKLIST, "s")
        if bad_backup:
            store.save(session)
            store.backup_path_of(session.id).write_bytes(b"")
        return raised(lambda: store.restore_backup(session.id)).message


def _locked(root: Path) -> str:
    with SessionStore(root):
        return raised(lambda: SessionStore(root).open()).message


def _file_problem(root: Path, make: Callable[[Path], None]) -> str:
    with SessionStore(root) as store:
        path = store.path_of(store.create(CHECKLIST, "s").id)
        make(path)
        (listing,) = store.list_sessions()
        loaded = raised(lambda: store.load(listing.id)).message
        return f"{listing.problem} | {loaded}"


def _sessions_folder(root: Path, make: Callable[[Path], None]) -> str:
    root.mkdir(mode=0o700)
    make(root / "sessions")
    return raised(lambda: SessionStore(root).open()).message


def _chown(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    os.chown(path, 65534, 65534, follow_symlinks=False)


def _link_to_file(path: Path) -> None:
    path.unlink()
    (path.parent / "elsewhere").write_text("{}")
    path.symlink_to(path.parent / "elsewhere")


def _lock_dir(root: Path) -> str:
    root.mkdir(mode=0o700)
    (root / "vetting.lock").mkdir()
    return raised(lambda: SessionStore(root).open()).message


def _lock_of_other(root: Path) -> str:
    root.mkdir(mode=0o700)
    (root / "vetting.lock").touch()
    _chown(root / "vetting.lock")
    return raised(lambda: SessionStore(root).open()).message


def _folder_of_other(root: Path) -> str:
    root.mkdir(mode=0o700)
    _chown(root)
    return raised(lambda: SessionStore(root).open()).message


def _folder_under_a_file(root: Path) -> str:
    root.write_text("")
    return raised(lambda: SessionStore(root / "data").open()).message


PATHS: dict[str, Callable[[Path], str]] = {
    **{f"parse: {name}": _parse(raw) for name, raw in RAW.items()},
    "name: control": _store_error(lambda s: s.create(CHECKLIST, "a\x07b")),
    "not found": _store_error(lambda s: s.load(SESSION_ID)),
    "not open": lambda root: raised(lambda: SessionStore(root).create(CHECKLIST, "s")).message,
    "read-only window": lambda root: (
        raised(lambda: SessionStore(root, read_only=True).open().create(CHECKLIST, "s")).message
    ),
    "locked": _locked,
    "save: bad answer": _store_error(lambda s: _saved(s, answers={"q1": 1.5})),
    "save: unstorable": _store_error(lambda s: _saved(s, answers={"q1": "\ud800"})),
    "save: long name": _store_error(lambda s: _saved(s, name="x" * 200)),
    "save: too large": _store_error(
        lambda s: _saved(s, answers={f"q{n}": "x" * 9999 for n in range(110)})
    ),
    "damaged, no backup": lambda root: _load_damaged(root, backup=False),
    "damaged, backup": lambda root: _load_damaged(root, backup=True),
    "restore: none": lambda root: _restore(root, bad_backup=False),
    "restore: bad backup": lambda root: _restore(root, bad_backup=True),
    "set aside elsewhere": _store_error(lambda s: s.set_aside(s.root / "x.json")),
    "file: others write": lambda root: _file_problem(root, lambda p: os.chmod(p, 0o666)),
    "file: a link": lambda root: _file_problem(root, _link_to_file),
    "file: a fifo": lambda root: _file_problem(root, lambda p: (p.unlink(), os.mkfifo(p))),
    "file: another user's": lambda root: _file_problem(root, _chown),
    "sessions: a link": lambda root: _sessions_folder(
        root, lambda p: p.symlink_to(root.parent, target_is_directory=True)
    ),
    "sessions: a file": lambda root: _sessions_folder(root, lambda p: p.write_text("")),
    "sessions: others write": lambda root: _sessions_folder(
        root, lambda p: (p.mkdir(), os.chmod(p, 0o733))
    ),
    "lock: a folder": _lock_dir,
    "lock: another user's": _lock_of_other,
    "data: another user's": _folder_of_other,
    "data: under a file": _folder_under_a_file,
}


def english_sentences() -> set[str]:
    """The English text of every message marked in vetting/sessions, cut at placeholders."""
    parts: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SESSIONS), keywords={**DEFAULT_KEYWORDS, "N_": None}
    ):
        for text in message if isinstance(message, tuple) else (message,):
            parts.update(p.strip() for p in re.split(r"\{[^}]*\}", text) if len(p.strip()) > 8)
    return parts


@pytest.mark.parametrize("name", sorted(PATHS))
def test_every_failure_of_the_store_is_spanish_in_spanish(name: str, tmp_path: Path) -> None:
    english = in_language("en", lambda: PATHS[name](tmp_path / "en"))
    spanish = in_language("es", lambda: PATHS[name](tmp_path / "es"))
    assert spanish != english, f"{name}: not translated: {english!r}"
    left = sorted(part for part in english_sentences() if part in spanish)
    assert not left, f"{name}: English left in the Spanish message {spanish!r}: {left}"


def test_the_english_fragments_are_found() -> None:
    """The check above has something to look for (extraction really finds the messages)."""
    parts = english_sentences()
    assert "Please give the session a name." in parts
    assert "vetting is already open in another window; close it first." in parts
    assert (
        "is a link to another place. vetting keeps sessions only in a real folder; "
        "remove the link and open vetting again." in parts
    )  # an N_() constant, cut at {path}


# ------------------------------------------------------------------------ static checks

_PROSE = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")
_MARKERS = {"_", "N_", "ngettext"}


def unmarked_prose(source: str) -> list[tuple[int, str]]:
    """String literals (and f-string text) that read as words but are not marked."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in _MARKERS:
            skip.update(id(sub) for arg in node.args for sub in ast.walk(arg))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            skip.update(id(value) for value in node.values)
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if _PROSE.search(text):
            found.append((node.lineno, text))
    return found


def test_the_prose_check_finds_an_unmarked_message() -> None:
    source = 'def f(p):\n    """Doc string here."""\n    raise E(f"{p} is not a folder")\n'
    assert unmarked_prose(source) == [(3, " is not a folder")]
    assert unmarked_prose('x = _("Please give the session a name.")\n') == []
    assert unmarked_prose('raise E("the disk is full")\n') == [(1, "the disk is full")]


@pytest.mark.parametrize("module", sorted(p.name for p in SESSIONS.glob("*.py")))
def test_no_message_in_the_session_store_escapes_the_catalog(module: str) -> None:
    stray = unmarked_prose((SESSIONS / module).read_text(encoding="utf-8"))
    assert not stray, f"vetting/sessions/{module}: mark these with _() or N_(): {stray}"


def test_every_message_of_the_store_has_its_spanish() -> None:
    with SPANISH_PO.open("rb") as handle:
        catalog = read_po(handle)
    missing = []
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SESSIONS), keywords={**DEFAULT_KEYWORDS, "N_": None}
    ):
        entry = catalog.get(message)
        if entry is None or not entry.string or entry.string == message:
            missing.append(message)
    assert not missing, f"translate these in {SPANISH_PO.name}: {missing}"


def test_codes_are_the_same_in_every_language(tmp_path: Path) -> None:
    def code(language: str) -> str:
        vetting.i18n.set_language(language)
        try:
            return raised(lambda: parse_session(b"{", expected_id=None)).code
        finally:
            vetting.i18n.set_language("en")

    assert code("en") == code("es") == "E_SESSION_CORRUPT"
    assert issubclass(SessionTooNew, StorageError)
