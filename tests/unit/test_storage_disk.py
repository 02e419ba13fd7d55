"""A real full disk and a real read-only folder (issues 15.5 and 17.4).

As root, a small ``tmpfs`` is mounted for each test (skipped with the reason where that
is not possible): the disk really fills, the folder really is read-only, so the errors
are the kernel's own (``ENOSPC``, ``EROFS``), not simulated ones. Each time, the previous
file must stay byte-identical, no temp file may be left behind (issue 17.4 found one per
answer on a full disk), and the person is told in words.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.builders import make_checklist
from tests.support.mounts import fill, read_only, small_tmpfs
from vetting.sessions import SaveFailed, SessionStore, StorageError

CHECKLIST = make_checklist(checklist_id="red_flags", content_hash="sha256:" + "ab" * 32)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with small_tmpfs(tmp_path / "disk") as point:
        yield point


def temp_files(store: SessionStore) -> list[str]:
    return sorted(
        path.name for folder in (store.root, store.sessions_dir) for path in folder.glob(".*.tmp")
    )


def test_a_full_disk_keeps_the_previous_file_and_leaves_no_temp_files(small_disk: Path) -> None:
    with SessionStore(small_disk / "data") as store:
        session = store.save_answer(store.create(CHECKLIST, "full"), "q1", "yes")
        session = store.save_answer(session, "q1", "no")  # there is a backup now too
        path, backup = store.path_of(session.id), store.backup_path_of(session.id)
        before, before_backup = path.read_bytes(), backup.read_bytes()
        filler = fill(small_disk)
        for n in range(5):  # one failed save per answer, as a person keeps answering
            with pytest.raises(SaveFailed) as caught:  # more than the page an old backup frees
                store.save_answer(session, f"q{n + 2}", "x" * 9000)
            assert "the disk is full" in caught.value.message
            assert "previous answers are unchanged" in caught.value.message
            assert path.read_bytes() == before
            assert temp_files(store) == []
        assert backup.read_bytes() in (before, before_backup)
        filler.unlink()
        saved = store.save_answer(session, "q2", "after the disk was freed")
        assert store.load(session.id) == saved
        assert temp_files(store) == []


def test_a_read_only_folder_keeps_the_previous_file_and_says_so(small_disk: Path) -> None:
    store = SessionStore(small_disk / "data").open()
    try:
        session = store.save_answer(store.create(CHECKLIST, "ro"), "q1", "yes")
        path = store.path_of(session.id)
        before = path.read_bytes()
        read_only(small_disk)
        with pytest.raises(SaveFailed) as caught:
            store.save_answer(session, "q1", "no")
        assert "the folder cannot be written to" in caught.value.message
        assert "previous answers are unchanged" in caught.value.message
        assert path.read_bytes() == before
    finally:
        store.close()

    # Opening it again: a plain message, and the sessions can still be read.
    with pytest.raises(StorageError) as opened:
        SessionStore(small_disk / "data").open()
    assert "read-only" in opened.value.message
    with SessionStore(small_disk / "data", read_only=True) as reader:
        assert reader.load(session.id) == session


def test_failed_saves_after_a_backup_leave_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17.4, without a special disk: a save that fails after the backup was made
    leaves the session and its backup as one file (two names); each later save then
    renamed a link of that file onto its other name, which does nothing, and the temp
    link stayed, one per answer."""
    with SessionStore(tmp_path / "data") as store:
        session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
        before = store.path_of(session.id).read_bytes()

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", full)
            for n in range(4):
                with pytest.raises(SaveFailed, match="disk is full"):
                    store.save_answer(session, "q1", f"try {n}")
                assert temp_files(store) == []
        path, backup = store.path_of(session.id), store.backup_path_of(session.id)
        assert path.read_bytes() == before
        assert os.path.samefile(path, backup)  # the state that used to leak
        saved = store.save_answer(session, "q1", "at last")
        assert temp_files(store) == []
        assert store.load(session.id) == saved
        assert backup.read_bytes() == before


def test_a_save_is_flushed_to_disk_before_it_counts_and_the_rename_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P8: a power cut cannot be simulated here, but the order that survives one can be
    checked: the new bytes are fsync-ed before the rename makes them the session file, and
    the folder is fsync-ed after it, so the rename itself is on disk when the save returns."""
    store = SessionStore(tmp_path / "data").open()
    session = store.create(CHECKLIST, "durable")
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append(("fsync", kind))
        real_fsync(fd)

    def replace(src: str, dst: str, **kwargs: object) -> None:
        events.append(("replace", Path(dst).name))
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    saved = store.save_answer(session, "q1", "yes")
    name = store.path_of(session.id).name
    rename = events.index(("replace", name))
    assert ("fsync", "file") in events[:rename], events
    assert ("fsync", "folder") in events[rename + 1 :], events
    monkeypatch.undo()
    assert store.load(session.id) == saved
    store.close()
