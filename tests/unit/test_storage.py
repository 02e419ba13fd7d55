"""Sessions on disk (vetting.sessions.store, vetting.sessions.locations): SECURITY-NOTES P1-P7 and
L13.

Crash and fault injection (SIGKILL, full disk) live in test_storage_faults.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import platformdirs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.builders import make_checklist
from vetting.sessions import (
    FORMAT,
    MAX_SESSION_BYTES,
    SaveFailed,
    Session,
    SessionCorrupt,
    SessionNotFound,
    SessionStore,
    SessionTooNew,
    StorageError,
    StoreLocked,
    StoreReadOnly,
    UnsafePath,
    checksum_of,
    locations,
    parse_session,
    write_atomically,
)

CHECKLIST = make_checklist(
    checklist_id="red_flags", title="Red flags", content_hash="sha256:" + "ab" * 32
)


def fixed_clock() -> Callable[[], dt.datetime]:
    """A clock that moves one minute per call, so ``updated`` is predictable."""
    state = {"now": dt.datetime(2026, 11, 25, 20, 0, tzinfo=dt.UTC)}

    def tick() -> dt.datetime:
        state["now"] += dt.timedelta(minutes=1)
        return state["now"]

    return tick


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VETTING_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def store(root: Path) -> Iterator[SessionStore]:
    with SessionStore(root, clock=fixed_clock()) as opened:
        yield opened


@pytest.fixture
def umask_zero() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def document_bytes(doc: dict, *, fix_checksum: bool = True) -> bytes:
    """A session file as an attacker or a broken tool could write it."""
    doc = dict(doc)
    if fix_checksum:
        doc["checksum"] = checksum_of(doc)
    return json.dumps(doc).encode()


def valid_document(session_id: str) -> dict:
    return {
        "format": FORMAT,
        "checklist": {"id": "red_flags", "version": "1.0.0", "content_hash": "sha256:" + "0" * 64},
        "session": {
            "id": session_id,
            "name": "Dr. Lee",
            "created": "2026-11-25T20:00:00Z",
            "updated": "2026-11-25T20:05:00Z",
        },
        "answers": {"q1": "yes"},
    }


GOOD_ID = "0c9d7f4e-1111-4222-8333-944455556666"
NOW = "2026-11-25T20:00:00Z"


def tmp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


# ------------------------------------------------------------------ round trip


def test_round_trip_keeps_every_answer_type(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "  Dr. Lee, after session 2 ")
    session = store.save_answer(session, "sexual_contact", "no")
    session = store.save_answer(session, "comfort", 4)
    session = store.save_answer(session, "worries", ["money", "time"])
    session = store.save_answer(session, "notes", "Ça va — 日本語 \u2028 ok")

    loaded = store.load(session.id)

    assert loaded == session
    assert loaded.name == "Dr. Lee, after session 2"
    assert (loaded.checklist_id, loaded.checklist_version) == ("red_flags", "1.0.0")
    assert loaded.content_hash == CHECKLIST.content_hash
    assert loaded.answers == {
        "sexual_contact": "no",
        "comfort": 4,
        "worries": ["money", "time"],
        "notes": "Ça va — 日本語 \u2028 ok",
    }
    assert loaded.created == "2026-11-25T20:01:00Z"
    assert loaded.updated == "2026-11-25T20:06:00Z"


def test_file_follows_the_documented_shape_and_checksum(store: SessionStore) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    doc = json.loads(store.path_of(session.id).read_bytes())

    assert set(doc) == {"format", "checklist", "session", "answers", "checksum"}
    assert doc["format"] == 1
    assert doc["session"]["id"] == session.id
    assert doc["checksum"] == checksum_of(doc)
    assert doc["checksum"].startswith("sha256:") and len(doc["checksum"]) == 7 + 64


def test_skipping_an_answer_removes_it(store: SessionStore) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    session = store.save_answer(session, "q1", None)
    assert store.load(session.id).answers == {}


def test_callers_never_share_answers_with_a_session(store: SessionStore) -> None:
    mine = {"worries": ["money"]}
    session = Session("abc", "n", "c", "1", "h", "t", "t", mine)
    mine["worries"].append("time")
    session.answers_copy()["worries"].append("other")
    assert session.answers == {"worries": ["money"]}


def test_save_from_several_threads_leaves_a_valid_file(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "x")

    def work(n: int) -> None:
        for i in range(15):
            store.save_answer(session, f"q{n}", i)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(store.load(session.id).answers) == 1
    assert tmp_files(store.sessions_dir) == []


# ------------------------------------------------------------------ listing


def test_listing_is_newest_first_and_reports_a_bad_file_without_raising(
    store: SessionStore,
) -> None:
    first = store.create(CHECKLIST, "first")
    second = store.create(CHECKLIST, "second")
    bad = store.path_of(GOOD_ID)
    bad.write_bytes(b"{not json")

    listings = store.list_sessions()

    assert [listing.id for listing in listings] == [second.id, first.id, GOOD_ID]
    assert listings[0].name == "second" and listings[0].checklist_id == "red_flags"
    assert listings[0].checklist_version == "1.0.0" and listings[0].problem is None
    assert listings[2].problem is not None and "not valid JSON" in listings[2].problem
    assert bad.read_bytes() == b"{not json"  # listing never moves or changes files


def test_listing_ignores_backups_corrupt_copies_and_temp_files(store: SessionStore) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    for name in (f"{session.id}.json.corrupt-1", ".x.json.1.tmp", "notes.txt"):
        (store.sessions_dir / name).write_text("junk")
    assert store.backup_path_of(session.id).exists()
    assert [listing.id for listing in store.list_sessions()] == [session.id]


# ------------------------------------------------------------------ damaged files (P5)


def _truncated() -> bytes:
    raw = document_bytes(valid_document(GOOD_ID))
    return raw[: len(raw) // 2]


def _bad_checksum() -> bytes:
    doc = valid_document(GOOD_ID)
    doc["checksum"] = checksum_of(doc)
    doc["answers"]["q1"] = "no"  # changed after the checksum was taken
    return json.dumps(doc).encode()


def _with_nan() -> bytes:
    doc = valid_document(GOOD_ID)
    doc["answers"]["q1"] = float("nan")
    doc["checksum"] = "sha256:0"
    return json.dumps(doc).encode()  # json writes NaN unless told not to


def _duplicate_keys() -> bytes:
    raw = document_bytes(valid_document(GOOD_ID)).decode()
    return raw.replace('"answers": {', '"answers": {"q1": "no", ', 1).encode()


def _doc_with(**changes: object) -> bytes:
    doc = valid_document(GOOD_ID)
    doc.update(changes)
    return document_bytes(doc)


CORRUPT_VARIANTS: dict[str, tuple[Callable[[], bytes], str]] = {
    "not JSON": (lambda: b"\xff\xfe binary junk", "not text"),
    "not JSON text": (lambda: b"answers: yes", "not valid JSON"),
    "empty": (lambda: b"", "empty"),
    "whitespace only": (lambda: b"  \n", "empty"),
    "truncated": (_truncated, "not valid JSON"),
    "wrong format": (lambda: _doc_with(format=0), "format 0"),
    "format as text": (lambda: _doc_with(format="1"), "format is not a number"),
    "no format": (lambda: document_bytes({"hello": "world"}), "does not say which format"),
    "foreign JSON list": (lambda: b"[1, 2, 3]", "not a vetting session"),
    "no checksum": (
        lambda: document_bytes(valid_document(GOOD_ID), fix_checksum=False),
        "no checksum",
    ),
    "bad checksum": (_bad_checksum, "checksum is wrong"),
    "NaN": (_with_nan, "NaN"),
    "duplicate keys": (_duplicate_keys, "appears twice"),
    "answer not JSON-typed": (lambda: _doc_with(answers={"q1": {"x": 1}}), "answer to 'q1'"),
    "missing parts": (lambda: _doc_with(session={"id": GOOD_ID}), "session name"),
    "id of another session": (
        lambda: document_bytes(valid_document("0c9d7f4e-1111-4222-8333-000000000000")),
        "belongs to another session",
    ),
    "huge number": (lambda: b'{"format": 1' + b"1" * 5000 + b"}", "number far too long"),
}


@pytest.mark.parametrize("variant", sorted(CORRUPT_VARIANTS))
def test_a_damaged_file_is_reported_and_kept_aside(store: SessionStore, variant: str) -> None:
    make, words = CORRUPT_VARIANTS[variant]
    raw = make()
    path = store.path_of(GOOD_ID)
    path.write_bytes(raw)

    [listing] = store.list_sessions()
    assert listing.problem is not None and words in listing.problem

    with pytest.raises(SessionCorrupt) as caught:
        store.load(GOOD_ID)

    error = caught.value
    assert words in error.message
    assert error.message.startswith("This session file cannot be used: ")
    assert "Traceback" not in error.message
    assert not path.exists()
    [kept] = store.sessions_dir.glob(f"{GOOD_ID}.json.corrupt-*")
    assert error.moved_to == kept
    assert kept.read_bytes() == raw


def test_a_file_over_the_size_limit_is_corrupt(store: SessionStore) -> None:
    store.path_of(GOOD_ID).write_bytes(b" " * MAX_SESSION_BYTES + b"{}")
    with pytest.raises(SessionCorrupt, match="far larger"):
        store.load(GOOD_ID)


def test_saving_over_a_damaged_file_keeps_its_bytes(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "x")
    path = store.path_of(session.id)
    path.write_bytes(b"garbage the user may want back")

    store.save_answer(session, "q1", "yes")

    [kept] = store.sessions_dir.glob(f"{session.id}.json.corrupt-*")
    assert kept.read_bytes() == b"garbage the user may want back"
    assert store.load(session.id).answers == {"q1": "yes"}


def test_set_aside_never_overwrites_an_earlier_copy(store: SessionStore) -> None:
    path = store.path_of(GOOD_ID)
    kept = []
    for content in (b"one", b"two"):
        path.write_bytes(content)
        kept.append(store.set_aside(path))
    assert kept[0] != kept[1]
    assert [p.read_bytes() for p in kept] == [b"one", b"two"]


def test_set_aside_only_moves_files_in_the_sessions_folder(
    store: SessionStore, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.json"
    outside.write_text("mine")
    with pytest.raises(UnsafePath):
        store.set_aside(outside)
    assert outside.read_text() == "mine"


def test_a_newer_format_asks_to_upgrade_and_is_left_alone(store: SessionStore) -> None:
    doc = valid_document(GOOD_ID)
    doc["format"] = FORMAT + 1
    doc["something_new"] = {"we": "do not know"}
    raw = document_bytes(doc)
    path = store.path_of(GOOD_ID)
    path.write_bytes(raw)

    with pytest.raises(SessionTooNew, match="newer version of vetting; please upgrade"):
        store.load(GOOD_ID)
    with pytest.raises(SessionTooNew):
        store.save(replace(store_session(GOOD_ID), answers={"q1": "no"}))

    assert path.read_bytes() == raw
    assert list(store.sessions_dir.glob("*.corrupt-*")) == []
    [listing] = store.list_sessions()
    assert listing.problem is not None and "upgrade" in listing.problem


def store_session(session_id: str) -> Session:
    return Session(session_id, "n", "red_flags", "1.0.0", "sha256:" + "0" * 64, NOW, NOW, {})


# ------------------------------------------------------------------ backups


def test_each_save_keeps_the_previous_good_version(store: SessionStore) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    session = store.save_answer(session, "q1", "no")

    backup = parse_session(store.backup_path_of(session.id).read_bytes())
    assert backup.answers == {"q1": "yes"}
    assert stat.S_IMODE(store.backup_path_of(session.id).stat().st_mode) == 0o600


def test_restore_backup_after_damage(store: SessionStore) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    session = store.save_answer(session, "q1", "no")
    store.path_of(session.id).write_bytes(b"{")

    with pytest.raises(SessionCorrupt) as caught:
        store.load(session.id)
    assert caught.value.backup_available
    assert "can be restored" in caught.value.message

    restored = store.restore_backup(session.id)
    assert restored.answers == {"q1": "yes"}
    assert store.load(session.id) == restored


def test_restore_backup_sets_a_damaged_file_still_in_place_aside(store: SessionStore) -> None:
    """Restoring straight away (before anything opened the damaged file) keeps its bytes."""
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    session = store.save_answer(session, "q1", "no")
    store.path_of(session.id).write_bytes(b"{")

    restored = store.restore_backup(session.id)
    assert restored.answers == {"q1": "yes"}
    aside = list(store.path_of(session.id).parent.glob(f"{session.id}.json.corrupt-*"))
    assert [p.read_bytes() for p in aside] == [b"{"]


def test_restore_without_backup_says_so(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "x")
    with pytest.raises(SessionNotFound, match="no earlier version"):
        store.restore_backup(session.id)


# ------------------------------------------------------------------ rename / delete


def test_rename_persists_and_checks_the_name(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "old")
    renamed = store.rename(session.id, "new name")
    assert renamed.name == "new name"
    assert store.load(session.id).name == "new name"
    for bad in ("", "   ", "x" * 121, "bell\x07", "esc\x1b[2J"):
        with pytest.raises(StorageError) as caught:
            store.rename(session.id, bad)
        assert caught.value.code == "E_SESSION_NAME"
    assert store.load(session.id).name == "new name"


def test_delete_removes_the_session_and_its_backup_only(store: SessionStore) -> None:
    keep = store.create(CHECKLIST, "keep")
    session = store.save_answer(store.create(CHECKLIST, "gone"), "q1", "yes")
    aside = store.sessions_dir / f"{session.id}.json.corrupt-1"
    aside.write_text("kept for the user")

    store.delete(session.id)

    assert not store.path_of(session.id).exists()
    assert not store.backup_path_of(session.id).exists()
    assert aside.exists()
    assert store.load(keep.id).name == "keep"
    with pytest.raises(SessionNotFound):
        store.load(session.id)
    with pytest.raises(SessionNotFound):
        store.delete(session.id)


@pytest.mark.parametrize("bad_id", ["../data", "../../etc/passwd", "/abs", "", "A", "x/y"])
def test_session_ids_cannot_leave_the_folder(store: SessionStore, root: Path, bad_id: str) -> None:
    (root / "data.json").write_text("{}")
    with pytest.raises(SessionNotFound):
        store.load(bad_id)
    with pytest.raises(SessionNotFound):
        store.delete(bad_id)
    assert (root / "data.json").exists()


# ------------------------------------------------------------------ permissions (P3)


def test_files_are_0600_and_folders_0700_even_under_umask_000(
    tmp_path: Path, umask_zero: None
) -> None:
    root = tmp_path / "deep" / "data"
    with SessionStore(root) as store:
        session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
        session = store.save_answer(session, "q1", "no")
        modes = {
            "root": root.stat().st_mode,
            "sessions": store.sessions_dir.stat().st_mode,
            "session": store.path_of(session.id).stat().st_mode,
            "backup": store.backup_path_of(session.id).stat().st_mode,
            "lock": (root / "vetting.lock").stat().st_mode,
        }
    perms = {name: stat.S_IMODE(mode) for name, mode in modes.items()}
    assert perms == {
        "root": 0o700,
        "sessions": 0o700,
        "session": 0o600,
        "backup": 0o600,
        "lock": 0o600,
    }


def test_an_existing_open_folder_is_made_private(tmp_path: Path, umask_zero: None) -> None:
    """Folders others can read (but not change) are ours to close; folders others can write
    to are refused instead (issue 15.5): see test_data_folder_safety.py,
    test_a_data_folder_others_can_write_to_is_refused_with_the_fix."""
    root = tmp_path / "data"
    (root / "sessions").mkdir(parents=True, mode=0o755)
    os.chmod(root, 0o755)
    with SessionStore(root):
        pass
    assert stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE((root / "sessions").stat().st_mode) == 0o700


# ------------------------------------------------------------------ stale temp files (P4)


def test_stale_temp_files_are_removed_on_open(root: Path) -> None:
    sessions = root / "sessions"
    sessions.mkdir(parents=True)
    stale = [sessions / ".abc.json.x1y2.tmp", sessions / ".abc.json.bak.9.tmp", root / ".z.tmp"]
    for path in stale:
        path.write_text("half a save")
    keep = sessions / "notes.tmp"  # not ours: no leading dot
    keep.write_text("x")

    with SessionStore(root) as store:
        assert tmp_files(store.sessions_dir) == []
    assert not any(path.exists() for path in stale)
    assert keep.exists()


def test_temp_files_are_not_touched_without_the_lock(store: SessionStore, root: Path) -> None:
    in_flight = store.sessions_dir / ".abc.json.inflight.tmp"
    in_flight.write_text("another instance is writing this")
    with pytest.raises(StoreLocked):
        SessionStore(root).open()
    SessionStore(root, read_only=True).open()
    assert in_flight.exists()


# ------------------------------------------------------------------ symlinks (P7)


def test_a_symlinked_session_file_is_refused(store: SessionStore, tmp_path: Path) -> None:
    session = store.create(CHECKLIST, "x")
    path = store.path_of(session.id)
    target = tmp_path / "outside.json"
    target.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(target)
    before = target.read_bytes()

    with pytest.raises(UnsafePath, match="is a link to another place"):
        store.save_answer(session, "q1", "yes")
    with pytest.raises(UnsafePath, match="is a link to another place"):
        store.load(session.id)

    assert path.is_symlink()
    assert target.read_bytes() == before
    assert tmp_files(store.sessions_dir) == []
    [listing] = store.list_sessions()
    assert listing.problem is not None and "link to another place" in listing.problem


def test_the_atomic_writer_itself_refuses_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("precious")
    link = tmp_path / "session.json"
    link.symlink_to(target)
    with pytest.raises(UnsafePath, match="is a link to another place"):
        write_atomically(link, b"{}")
    assert link.is_symlink() and target.read_text() == "precious"
    assert tmp_files(tmp_path) == []


def test_a_symlinked_backup_is_refused(store: SessionStore, tmp_path: Path) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    target = tmp_path / "victim.txt"
    target.write_text("precious")
    store.backup_path_of(session.id).unlink(missing_ok=True)
    store.backup_path_of(session.id).symlink_to(target)

    with pytest.raises(UnsafePath):
        store.save_answer(session, "q1", "no")
    assert target.read_text() == "precious"


def test_a_symlinked_sessions_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    (root / "sessions").symlink_to(elsewhere)

    with pytest.raises(UnsafePath, match="is a link to another place"):
        SessionStore(root).open()
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert list(elsewhere.iterdir()) == []


def test_a_symlinked_data_folder_is_resolved_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with SessionStore(tmp_path / "link") as store:
        assert store.root == real.resolve()
        session = store.create(CHECKLIST, "x")
    assert (real / "sessions" / f"{session.id}.json").is_file()


# ------------------------------------------------------------------ one instance (P6)


def test_a_second_store_on_the_same_folder_is_locked_out(store: SessionStore, root: Path) -> None:
    with pytest.raises(StoreLocked) as caught:
        SessionStore(root).open()
    assert str(caught.value) == "vetting is already open in another window; close it first."


def test_a_read_only_second_store_can_read_but_never_write(store: SessionStore, root: Path) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    store.path_of(GOOD_ID).write_bytes(b"{")
    with SessionStore(root, read_only=True) as reader:
        assert reader.load(session.id) == session
        assert len(reader.list_sessions()) == 2
        with pytest.raises(SessionCorrupt) as caught:
            reader.load(GOOD_ID)
        assert caught.value.moved_to is None
        for write in (
            lambda: reader.save(session),
            lambda: reader.create(CHECKLIST, "y"),
            lambda: reader.delete(session.id),
            lambda: reader.rename(session.id, "z"),
        ):
            with pytest.raises(StoreReadOnly):
                write()
    assert store.path_of(GOOD_ID).read_bytes() == b"{"


def test_the_lock_is_released_on_close(root: Path) -> None:
    SessionStore(root).open().close()
    with SessionStore(root):
        pass


SECOND_PROCESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vetting.sessions.store import SessionStore, StoreLocked
    try:
        SessionStore(Path(sys.argv[1])).open()
    except StoreLocked as error:
        print(error)
        sys.exit(3)
    print("opened")
    """
)

HOLDER_PROCESS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vetting.sessions.store import SessionStore
    store = SessionStore(Path(sys.argv[1])).open()
    print("holding", flush=True)
    sys.stdin.read()
    """
)


def test_a_second_process_is_locked_out(store: SessionStore, root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SECOND_PROCESS, str(root)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "already open in another window" in result.stdout


def test_a_store_held_by_another_process_locks_us_out(root: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER_PROCESS, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreLocked):
            SessionStore(root).open()
    finally:
        holder.communicate("", timeout=30)
    with SessionStore(root):  # the lock went away with the process
        pass


# ------------------------------------------------------------------ only JSON (L13)


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        1.5,
        {"a", "b"},
        ("yes",),
        b"yes",
        dt.date(2024, 1, 31),
        True,
        object(),
        {"nested": "dict"},
        ["ok", 3],
        10**5000,
        "\ud800 lone surrogate",
        "",
        "x" * 10_001,
        ["a"] * 21,
        [""],
    ],
    ids=lambda value: type(value).__name__,
)
def test_a_value_json_cannot_hold_is_refused_before_any_write(
    store: SessionStore, value: object
) -> None:
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    before = store.path_of(session.id).read_bytes()

    with pytest.raises(SaveFailed) as caught:
        store.save_answer(session, "q2", value)

    assert caught.value.code == "E_BAD_ANSWER"
    assert store.path_of(session.id).read_bytes() == before
    assert tmp_files(store.sessions_dir) == []


def test_a_bad_question_id_is_refused(store: SessionStore) -> None:
    session = store.create(CHECKLIST, "x")
    with pytest.raises(SaveFailed):
        store.save(replace(session, answers={"Bad Id": "yes"}))


answer_values = st.one_of(
    st.text(min_size=1, max_size=50),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.lists(st.text(min_size=1, max_size=20), max_size=5),
)
answers_strategy = st.dictionaries(
    st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True), answer_values, max_size=8
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=answers_strategy)
def test_any_allowed_answers_round_trip_exactly(store: SessionStore, answers: dict) -> None:
    session = store.create(CHECKLIST, "x")
    saved = store.save(replace(session, answers=answers))
    loaded = store.load(session.id)
    assert loaded.answers == answers == saved.answers
    json.dumps(loaded.answers, allow_nan=False)
    store.delete(session.id)


# ------------------------------------------------------------------ locations


def test_locations_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VETTING_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("VETTING_DOCUMENTS_DIR", str(tmp_path / "docs"))
    assert locations.data_dir() == tmp_path / "d"
    assert locations.sessions_dir() == tmp_path / "d" / "sessions"
    assert locations.user_checklists_dir() == tmp_path / "d" / "checklists"
    assert locations.documents_dir() == tmp_path / "docs"
    assert not (tmp_path / "d").exists()  # asking for a path creates nothing


def test_locations_default_to_the_platform_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VETTING_DATA_DIR", raising=False)
    monkeypatch.delenv("VETTING_DOCUMENTS_DIR", raising=False)
    assert locations.data_dir() == Path(platformdirs.user_data_dir("vetting", appauthor=False))
    assert locations.documents_dir() == Path(platformdirs.user_documents_dir())


def test_store_uses_the_data_dir_by_default(root: Path) -> None:
    with SessionStore() as store:
        session = store.create(CHECKLIST, "x")
    assert (root / "sessions" / f"{session.id}.json").is_file()


def test_a_data_folder_that_cannot_be_created_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as caught:
        SessionStore(blocker / "data").open()
    assert caught.value.code == "E_DATA_DIR"
    assert "cannot use its folder" in caught.value.message


def test_reads_need_no_lock_but_writes_do(store: SessionStore, root: Path) -> None:
    session = store.create(CHECKLIST, "x")
    reader = SessionStore(root, read_only=True)  # never opened: reading still works
    assert [listing.id for listing in reader.list_sessions()] == [session.id]
    assert reader.load(session.id) == session
    with pytest.raises(StorageError) as caught:
        SessionStore(root).save(session)
    assert caught.value.code == "E_NOT_OPEN"


def test_a_session_made_in_memory_is_stamped_in_utc_and_its_name_checked() -> None:
    """The app's read-only windows and the line mode make sessions with the same function
    as the store: a clock in another time zone still gives UTC stamps (the app once wrote
    local time with a ``Z``), and a bad name is refused, not kept."""
    from vetting.sessions.model import default_name, new_session

    checklist = make_checklist(checklist_id="red_flags")
    new_york = dt.timezone(dt.timedelta(hours=-5))
    session = new_session(
        checklist, "  Dr. Lee  ", lambda: dt.datetime(2026, 11, 25, 15, 5, tzinfo=new_york)
    )
    assert session.created == session.updated == "2026-11-25T20:05:00Z"
    assert session.name == "Dr. Lee" and session.answers == {}
    with pytest.raises(StorageError):
        new_session(checklist, "bad\x1bname")
    long = replace(checklist, title="T" * 300)
    assert len(default_name(long, dt.datetime(2026, 1, 2))) <= 120
