"""Things that are not ordinary files, and folders that hide things (issues 17.1 and 17.8).

A FIFO, or a link to ``/dev/tty``, given to ``validate``, ``score`` or ``run``, or placed
in the person's checklists folder, used to block forever (and the terminal one read the
person's keystrokes). Each is now refused at once with a message. Every command here
runs in a child with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import termios
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"
TIMEOUT = 30


def vetting(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m vetting ARGS`` in its own session (no terminal), killed after TIMEOUT."""
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": "", **(env or {})},
        start_new_session=True,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path, 0o600)
    return path


def test_validate_refuses_a_fifo_at_once(fifo: Path) -> None:
    run = vetting("validate", str(fifo))
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{fifo}:1:1: error: {fifo} is a pipe (FIFO), not a file" in run.stdout
    assert "[file-unreadable]" in run.stdout
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_validate_refuses_a_link_to_a_device(tmp_path: Path, device: str) -> None:
    link = tmp_path / "device.yaml"
    link.symlink_to(device)
    run = vetting("validate", str(link))
    assert run.returncode == 1
    assert "is a device (such as a terminal or a disk), not a file" in run.stdout


def test_score_refuses_a_fifo_for_answers(fifo: Path) -> None:
    run = vetting("score", str(SMALL), str(fifo))
    assert run.returncode == 1
    assert "is a pipe (FIFO), not a file" in run.stderr
    assert run.stdout == ""


def test_run_refuses_a_fifo_before_opening_the_app(fifo: Path) -> None:
    run = vetting("run", str(fifo))
    assert run.returncode == 1
    assert f"vetting run: {fifo} cannot be opened" in run.stderr
    assert "is a pipe (FIFO), not a file" in run.stderr


def test_a_link_to_the_terminal_is_never_read(tmp_path: Path) -> None:
    """With a real controlling terminal, so ``/dev/tty`` opens: it must be refused as a
    device, not read (reading it took the keys the person typed)."""
    link = tmp_path / "tty.yaml"
    link.symlink_to("/dev/tty")
    master, slave = os.openpty()

    def take_terminal() -> None:  # in the child: make the pty its controlling terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vetting", "validate", str(link)],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
            preexec_fn=take_terminal,  # setsid + TIOCSCTTY, nothing else
        )
        os.write(master, b"typed: secret\n")  # what a person types must stay theirs
        out, err = proc.communicate(timeout=TIMEOUT)
    finally:
        os.close(slave)
        os.close(master)
    assert proc.returncode == 1, out + err
    assert b"is a device (such as a terminal or a disk), not a file" in out
    assert b"secret" not in out + err


def test_the_app_lists_a_fifo_and_a_terminal_link_as_problems(tmp_path: Path) -> None:
    """Files in the person's own checklists folder are checked in a worker; a FIFO there
    used to block that worker, so the home screen never finished loading."""
    data = tmp_path / "data"
    folder = data / "checklists"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yaml", 0o600)
    (folder / "terminal.yaml").symlink_to("/dev/tty")
    shutil.copy(SMALL, folder / "mine.yaml")
    script = textwrap.dedent(
        """
        import asyncio, sys
        from pathlib import Path
        from vetting.tui.app import make_app

        async def main():
            app = make_app(data_dir=Path(sys.argv[1]), checklist_paths=[])
            async with app.run_test() as pilot:
                await app.workers.wait_for_complete()
                await pilot.pause()
                for entry in app.catalog:
                    problems = [p.message for p in entry.report.problems if p.is_error]
                    print(entry.path.name, entry.checklist is not None, problems[:1])
                app.exit()

        asyncio.run(main())
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(data)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        cwd=ROOT,
        start_new_session=True,
    )
    assert run.returncode == 0, run.stderr
    lines = {line.split()[0]: line for line in run.stdout.splitlines()}
    assert "mine.yaml True []" in lines["mine.yaml"]
    assert "is a pipe (FIFO), not a file" in lines["pipe.yaml"]
    assert "False" in lines["terminal.yaml"]  # refused: a device, or no terminal to open


# --------------------------------------------------------------------------- folders (17.8)


def test_a_link_out_of_a_folder_is_not_followed_and_its_secret_never_shown(
    tmp_path: Path,
) -> None:
    secret = tmp_path / "elsewhere" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("api_token: SECRET-TOKEN-123\n")
    folder = tmp_path / "checklists"
    folder.mkdir()
    shutil.copy(SMALL, folder / "mine.yaml")
    (folder / "stolen.yaml").symlink_to(secret)
    (folder / "inside.yaml").symlink_to(folder / "mine.yaml")  # stays inside: fine
    (folder / "sub").symlink_to(secret.parent, target_is_directory=True)
    for fmt in ("text", "json", "github"):
        run = vetting("validate", "--format", fmt, str(folder))
        assert "SECRET-TOKEN-123" not in run.stdout + run.stderr, fmt
        assert run.returncode == 0, run.stdout  # a warning: the real files are fine
    run = vetting("validate", "--format", "json", str(folder))
    import json

    files = {Path(entry["file"]).name: entry for entry in json.loads(run.stdout)["files"]}
    assert files["stolen.yaml"]["problems"][0]["rule"] == "link-outside-folder"
    assert files["stolen.yaml"]["problems"][0]["level"] == "warning"
    assert files["sub"]["problems"][0]["rule"] == "link-outside-folder"
    assert files["mine.yaml"]["valid"] and files["inside.yaml"]["valid"]
    # The summary counts what was read: the two links out were not (a CI log must not
    # say "4 files checked: 4 valid" for them).
    summary = json.loads(run.stdout)["summary"]
    assert (summary["files"], summary["valid"], summary["not_followed"]) == (2, 2, 2)
    text = vetting("validate", str(folder)).stdout.splitlines()[-1]
    assert text == "2 files checked: 2 valid (2 warnings); 2 links not followed"
    strict = vetting("validate", "--strict", str(folder))
    assert strict.returncode == 1  # --strict: a skipped file fails the run


def test_naming_the_linked_file_itself_still_checks_it(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(SMALL)
    assert vetting("validate", str(link)).returncode == 0


def _without_root_powers() -> list[str]:
    """A command prefix under which permissions apply (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root ignores folder permissions and setpriv is not installed")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_an_unreadable_folder_is_reported_as_unreadable(tmp_path: Path) -> None:
    """It used to say "has no .yaml files", which sends a person looking in the wrong place."""
    folder = tmp_path / "checklists"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SMALL, locked / "inside.yaml")
    shutil.copy(SMALL, folder / "open.yaml")
    for target in (locked, folder):
        os.chmod(target, 0)
        try:
            run = subprocess.run(
                [*_without_root_powers(), sys.executable, "-m", "vetting", "validate", str(folder)],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                cwd=ROOT,
                env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
            )
        finally:
            os.chmod(target, 0o755)
        if "Operation not permitted" in run.stderr:
            pytest.skip(f"cannot drop root's powers here: {run.stderr.strip()}")
        assert run.returncode == 1, run.stdout + run.stderr
        assert f"the folder {target} cannot be read (Permission denied)" in run.stdout
        assert "[folder-unreadable]" in run.stdout
        assert "has no .yaml" not in run.stdout


def test_a_nul_byte_is_explained_in_a_whole_sentence(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"id: x\ntitle: a\x00b\n")
    run = vetting("validate", str(path))
    assert "The file is not text (it has a NUL byte at byte 14)." in run.stdout
