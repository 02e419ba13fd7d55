"""Fault injection for vetting.sessions.store: SIGKILL mid-save, failing serialiser, full disk.

SECURITY-NOTES P1 (kill test), P2 (failed saves leave the old file byte-identical), P4
(stray temp files cleaned on the next open). The naive ``open(path, "w").write`` writer
fails the kill test within a few iterations; the atomic writer must pass all of them.
Power loss is *not* simulated here (P8): ``fsync`` is trusted, not tested.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.builders import make_checklist
from vetting.sessions import SaveFailed, Session, SessionStore, codec, parse_session

pytestmark = pytest.mark.slow

KILLS = 200
SEED = 20261125

CHECKLIST = make_checklist(
    checklist_id="red_flags", title="Red flags", content_hash="sha256:" + "ab" * 32
)


def answers_for(n: int) -> dict[str, object]:
    """Generation ``n`` of the answers: every value names ``n``, so a mix is detectable.

    Sizes grow with ``n`` (and wrap) from ~1 KB to ~200 KB so kills land mid-write.
    """
    count = 1 + n % 25
    answers: dict[str, object] = {"n": n}
    for i in range(count):
        answers[f"q{i}"] = f"{n}:{i}:" + "x" * (1000 + 7000 * (i % 2))
    return answers


def generation(session: Session) -> int:
    n = session.answers["n"]
    assert isinstance(n, int)
    assert session.answers == answers_for(n), "answers from two different saves were mixed"
    return n


def save_forever(root: Path, session_id: str, ready: int) -> None:
    """Child process body: open the store (lock, cleanup), say so, save ever-newer answers."""
    code = 1
    try:
        with SessionStore(root) as store:
            session = store.load(session_id)
            n = generation(session)
            os.write(ready, b"!")
            while True:
                n += 1
                session = store.save(replace(session, answers=answers_for(n)))
    except BaseException as error:  # report, then leave without pytest's cleanup
        os.write(2, f"child failed: {error!r}\n".encode())
    finally:
        os._exit(code)


def test_sigkill_during_saves_never_loses_or_mixes_answers(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with SessionStore(root) as store:
        session = store.save(replace(store.create(CHECKLIST, "kill test"), answers=answers_for(0)))
        path, backup = store.path_of(session.id), store.backup_path_of(session.id)
    rng = random.Random(SEED)
    last, stray_seen = 0, 0

    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            save_forever(root, session.id, write_end)
        os.close(write_end)
        os.read(read_end, 1)  # the child holds the lock and is about to save
        os.close(read_end)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), "the saving child stopped by itself: see its stderr"

        raw = path.read_bytes()
        assert raw, "the session file is empty after a kill"
        current = generation(parse_session(raw, expected_id=session.id))
        assert current >= last, "an older version came back after a kill"
        last = current
        if backup.exists():
            generation(parse_session(backup.read_bytes(), expected_id=session.id))
        stray_seen += len(list(path.parent.glob(".*.tmp")))

    # Evidence that kills really landed mid-save (numbers depend on machine load).
    assert last >= KILLS // 5, f"only {last} saves in {KILLS} runs: the test proves too little"
    assert stray_seen > 0, "no kill ever interrupted a save"
    with SessionStore(root) as store:
        assert list(store.sessions_dir.glob(".*.tmp")) == []
        assert generation(store.load(session.id)) == last
    print(f"{KILLS} kills, {last} saves, {stray_seen} stray temp files seen and cleaned")


@pytest.fixture
def saved(tmp_path: Path) -> Iterator[tuple[SessionStore, Session, bytes]]:
    store = SessionStore(tmp_path / "data").open()
    session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
    yield store, session, store.path_of(session.id).read_bytes()
    store.close()


@pytest.mark.parametrize("bad", [float("nan"), {"a", "b"}, object()], ids=["nan", "set", "obj"])
def test_a_failing_serialiser_leaves_the_file_byte_identical(
    saved: tuple[SessionStore, Session, bytes], bad: object
) -> None:
    store, session, before = saved
    answers = {**session.answers, "q2": "a long answer " * 500, "q3": bad}
    with pytest.raises(SaveFailed):
        store.save(replace(session, answers=answers))
    assert store.path_of(session.id).read_bytes() == before
    assert list(store.sessions_dir.glob(".*.tmp")) == []


def test_json_failing_mid_dump_leaves_the_file_byte_identical(
    saved: tuple[SessionStore, Session, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if the answer checks missed something, json fails before any file is opened."""
    store, session, before = saved
    monkeypatch.setattr(codec, "answer_problem", lambda item_id, value: None)
    with pytest.raises(SaveFailed):
        store.save(replace(session, answers={"q1": "yes", "q2": {1, 2}}))
    assert store.path_of(session.id).read_bytes() == before
    assert list(store.sessions_dir.glob(".*.tmp")) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_an_os_error_during_the_write_removes_the_temp_file(
    saved: tuple[SessionStore, Session, bytes], monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A failing write itself is covered by the real full-disk test below."""
    store, session, before = saved

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, failing, boom)
        with pytest.raises(SaveFailed, match="disk is full"):
            store.save_answer(session, "q1", "no")
    assert store.path_of(session.id).read_bytes() == before
    assert list(store.sessions_dir.glob(".*.tmp")) == []


FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from vetting.sessions import SaveFailed, SessionStore
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    with SessionStore(Path(sys.argv[1])) as store:
        session = store.load(sys.argv[2])
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            store.save_answer(session, "q2", "x" * 9000)
        except SaveFailed as error:
            print(error)
            sys.exit(7)
    print("saved anyway")
    """
)


def test_a_full_disk_leaves_the_previous_file_intact(
    saved: tuple[SessionStore, Session, bytes],
) -> None:
    store, session, before = saved
    store.close()  # the child needs the lock
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(store.root), session.id],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 7, result.stdout + result.stderr
    assert "the disk is full" in result.stdout
    assert "previous answers are unchanged" in result.stdout
    assert store.path_of(session.id).read_bytes() == before
    assert list(store.sessions_dir.glob(".*.tmp")) == []
