"""Another person on the same computer, and things that are not plain files (issues 15.5, 17).

The hostile cases are prepared by a real second local user (created with ``useradd``
when the tests run as root; skipped with the reason otherwise), acting through ``sh``
in a shared sticky folder, as an attacker with a shell on the machine would: a data
folder they own and left open (``0777``), a link to their folder, a session file
swapped for a link to a file of theirs. vetting must refuse each, write nothing where
they can see it, and say what to fix. The rest needs no second user: folders and files
of ours that others can write to, a FIFO where a session belongs, parents created under
``umask 000``, and a folder swapped after the store opened it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.builders import make_checklist
from vetting.sessions import (
    SessionStore,
    StorageError,
    UnsafePath,
    files,
    write_atomically,
)

CHECKLIST = make_checklist(checklist_id="red_flags", content_hash="sha256:" + "ab" * 32)
OTHER_USER = "vetting-other"


# --------------------------------------------------------------------------- a second user


@pytest.fixture(scope="session")
def other() -> pwd.struct_passwd:
    """A second local account (made once with useradd; it has no home and no login)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to create a second local user with useradd")
    try:
        return pwd.getpwnam(OTHER_USER)
    except KeyError:
        pass
    useradd = shutil.which("useradd")
    if useradd is None:
        pytest.skip("useradd is not installed, so no second user can be made")
    made = subprocess.run(
        [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OTHER_USER],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return pwd.getpwnam(OTHER_USER)
    except KeyError:
        pytest.skip(f"useradd could not create a second user: {made.stderr.strip()}")


@pytest.fixture
def shared() -> Iterator[Path]:
    """A sticky, world-writable folder like /tmp that both users can reach."""
    folder = Path(tempfile.mkdtemp(prefix="vetting-two-users-", dir="/tmp"))
    os.chmod(folder, 0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_user(user: pwd.struct_passwd, script: str, cwd: Path, stdin: bytes = b"") -> None:
    """Run shell commands as ``user`` (what the attacker does, with their own rights)."""
    subprocess.run(
        ["/bin/sh", "-ec", script],
        cwd=cwd,
        input=stdin,
        user=user.pw_uid,
        group=user.pw_gid,
        extra_groups=[],
        check=True,
        capture_output=True,
        timeout=30,
    )


def tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_the_second_user_really_is_someone_else(other: pwd.struct_passwd, shared: Path) -> None:
    """The fixture is not vacuous: files the other user makes are theirs, not ours."""
    as_user(other, "mkdir theirs && echo hi > theirs/file", shared)
    assert (shared / "theirs").stat().st_uid == other.pw_uid != os.geteuid()
    assert (shared / "theirs" / "file").stat().st_uid == other.pw_uid


def test_a_data_folder_another_user_left_open_is_refused(
    other: pwd.struct_passwd, shared: Path
) -> None:
    as_user(other, "mkdir data && chmod 777 data", shared)
    data = shared / "data"
    with pytest.raises(UnsafePath) as caught:
        SessionStore(data).open()
    message = caught.value.message
    assert f"belongs to another user ({OTHER_USER})" in message
    assert "VETTING_DATA_DIR" in message  # what to do about it
    assert tree(data) == []  # no lock, no sessions folder: nothing of ours in their folder
    assert stat.S_IMODE(data.stat().st_mode) == 0o777  # and their folder is not touched


def test_a_data_folder_of_another_user_is_refused_even_if_closed(
    other: pwd.struct_passwd, shared: Path
) -> None:
    """Not writable by us either way; they could read and swap whatever we put there."""
    as_user(other, "mkdir data && chmod 755 data", shared)
    with pytest.raises(UnsafePath, match="belongs to another user"):
        SessionStore(shared / "data").open()


def test_a_link_to_the_other_users_folder_is_refused(
    other: pwd.struct_passwd, shared: Path, tmp_path: Path
) -> None:
    """Whether the other user planted the link or we were talked into making it."""
    as_user(other, "mkdir theirs && chmod 777 theirs && ln -s theirs planted", shared)
    (tmp_path / "mine").symlink_to(shared / "theirs")
    for link in (shared / "planted", tmp_path / "mine"):
        with pytest.raises(UnsafePath, match="belongs to another user"):
            SessionStore(link).open()
    assert tree(shared / "theirs") == []


def test_a_session_file_swapped_for_a_link_to_their_file_is_never_followed(
    other: pwd.struct_passwd, shared: Path
) -> None:
    """Their file keeps its bytes: loading refuses, and saving replaces nothing of theirs."""
    data = shared / "mine"
    with SessionStore(data) as store:
        session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
        path = store.path_of(session.id)
        before = path.read_bytes()
    # Prepared in advance by the other user: a copy of a real session in their folder.
    as_user(other, "mkdir theirs && chmod 755 theirs && cat > theirs/bait.json", shared, before)
    bait = shared / "theirs" / "bait.json"
    path.unlink()
    path.symlink_to(bait)  # the swap itself needs write access to our private folder

    with SessionStore(data) as store:
        with pytest.raises(UnsafePath, match="is a link to another place"):
            store.load(session.id)
        with pytest.raises(UnsafePath, match="is a link to another place"):
            store.save_answer(session, "q1", "no")
        [listing] = store.list_sessions()
        assert listing.problem is not None and "link to another place" in listing.problem
    assert bait.read_bytes() == before
    assert bait.stat().st_uid == other.pw_uid


def test_a_session_file_of_another_user_is_refused_and_kept(
    other: pwd.struct_passwd, tmp_path: Path
) -> None:
    """A file made by someone else (or by ``sudo vetting``) in our folder: not ours to use."""
    with SessionStore(tmp_path / "data") as store:
        session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
        path = store.path_of(session.id)
        before = path.read_bytes()
        os.chown(path, other.pw_uid, other.pw_gid)
        with pytest.raises(UnsafePath) as caught:
            store.load(session.id)
        assert f"belongs to another user ({OTHER_USER})" in caught.value.message
        assert f"sudo chown root {path}" in caught.value.message
        with pytest.raises(UnsafePath):
            store.save_answer(session, "q1", "no")
        [listing] = store.list_sessions()
        assert listing.problem is not None and "belongs to another user" in listing.problem
    assert path.read_bytes() == before


def test_a_sessions_folder_or_lock_of_another_user_is_refused(
    other: pwd.struct_passwd, tmp_path: Path
) -> None:
    for name in ("sessions", "vetting.lock"):
        data = tmp_path / name.replace(".", "-")
        with SessionStore(data):
            pass
        os.chown(data / name, other.pw_uid, other.pw_gid)
        with pytest.raises(UnsafePath, match=r"belongs to another user|not an ordinary file"):
            SessionStore(data).open()


# --------------------------------------------------------------------------- open to others


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_data_folder_others_can_write_to_is_refused_with_the_fix(
    tmp_path: Path, mode: int
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chmod(data, mode)
    with pytest.raises(UnsafePath) as caught:
        SessionStore(data).open()
    assert "other people on this computer can change that folder" in caught.value.message
    assert caught.value.message.endswith(f"fix it with: chmod 700 {data}")
    assert tree(data) == []
    assert stat.S_IMODE(data.stat().st_mode) == mode  # refused, not silently changed
    os.chmod(data, 0o700)  # the fix the message gives works
    with SessionStore(data) as store:
        store.create(CHECKLIST, "x")


def test_a_sessions_folder_others_can_write_to_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with SessionStore(data):
        pass
    os.chmod(data / "sessions", 0o733)
    with pytest.raises(UnsafePath, match="chmod 700"):
        SessionStore(data).open()


def test_a_session_file_others_can_write_to_is_refused_with_the_fix(tmp_path: Path) -> None:
    with SessionStore(tmp_path / "data") as store:
        session = store.save_answer(store.create(CHECKLIST, "x"), "q1", "yes")
        path = store.path_of(session.id)
        os.chmod(path, 0o666)
        with pytest.raises(UnsafePath) as caught:
            store.load(session.id)
        assert caught.value.message.endswith(f"fix it with: chmod 600 {path}")
        os.chmod(path, 0o600)
        assert store.load(session.id) == session


# --------------------------------------------------------------------------- not a plain file


def test_a_fifo_where_a_session_belongs_never_blocks(tmp_path: Path) -> None:
    """Issue 17.1: ``<uuid>.json`` as a FIFO blocked listing forever. Run in a child with a
    timeout, so a regression fails instead of hanging the suite."""
    data = tmp_path / "data"
    with SessionStore(data) as store:
        good = store.create(CHECKLIST, "good")
    fifo_id = "0b7e2a4c-1f3d-4e5a-9b6c-7d8e9f0a1b2c"
    os.mkfifo(data / "sessions" / f"{fifo_id}.json", 0o600)
    os.mkfifo(data / "sessions" / f"{fifo_id}.json.bak", 0o600)
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from vetting.sessions import SessionStore, UnsafePath
        with SessionStore(Path(sys.argv[1])) as store:
            for listing in store.list_sessions():
                print("LIST:", listing.id, listing.problem)
            try:
                store.load(sys.argv[2])
            except UnsafePath as error:
                print("LOAD:", error)
            print("BACKUP:", store.has_backup(sys.argv[2]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(data), fifo_id],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"LIST: {good.id} None" in result.stdout
    assert f"LIST: {fifo_id} " in result.stdout and "not an ordinary file" in result.stdout
    assert "LOAD: " in result.stdout and "not an ordinary file" in result.stdout
    assert "BACKUP: False" in result.stdout


# --------------------------------------------------------------------------- parents, swaps


def test_parents_vetting_creates_are_private_under_umask_000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17.5: ``~/.local`` and ``~/.local/share`` were created 0777 under umask 000."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("VETTING_DATA_DIR", raising=False)
    old = os.umask(0)
    try:
        with SessionStore() as store:
            store.create(CHECKLIST, "x")
        with SessionStore(tmp_path / "a" / "b" / "c"):
            pass
    finally:
        os.umask(old)
    created = [
        home / ".local",
        home / ".local" / "share",
        home / ".local" / "share" / "vetting",
        tmp_path / "a",
        tmp_path / "a" / "b",
        tmp_path / "a" / "b" / "c",
    ]
    assert {str(p): oct(stat.S_IMODE(p.stat().st_mode)) for p in created} == {
        str(p): "0o700" for p in created
    }


def test_a_folder_swapped_after_opening_is_not_written_to(tmp_path: Path) -> None:
    """Checks are on the descriptor: renaming the data folder away and putting a link in its
    place after the store opened changes nothing about where vetting writes."""
    data, moved, decoy = tmp_path / "data", tmp_path / "moved", tmp_path / "decoy"
    decoy.mkdir()
    (decoy / "sessions").mkdir()
    with SessionStore(data) as store:
        session = store.create(CHECKLIST, "x")
        data.rename(moved)
        data.symlink_to(decoy)
        store.save_answer(session, "q1", "yes")
        assert store.load(session.id).answers == {"q1": "yes"}
    assert tree(decoy) == ["sessions"]
    assert (moved / "sessions" / f"{session.id}.json").is_file()


def test_saving_replaces_a_link_and_never_writes_through_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even if a link appears between the check and the rename (a race), the rename
    replaces the link itself: the file it pointed to is never written."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "session.json"
    link.symlink_to(victim)
    monkeypatch.setattr(files, "refuse_link", lambda path, dir_fd=None: True)  # lose the race
    write_atomically(link, b"{}")
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_bytes() == b"{}"


def test_a_data_folder_that_is_a_file_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        SessionStore(blocker).open()
    assert "not a folder" in caught.value.message
