"""The export dialog explains a name or a place it cannot use, and stays open (issue 15.3).

A 300-character file name made the dialog's first look at the disk raise ``OSError``
(``File name too long``), which stopped the app; a place that cannot be written to gave
a bare error. Each now gives a sentence in the dialog, the app keeps running, and
nothing is written anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support.mounts import read_only, small_tmpfs
from tests.support.results import (
    CRITICAL_ANSWERS,
    HostApp,
    make_session,
    open_store,
    red_flags,
    sync,
)
from vetting.sessions.store import SessionStore
from vetting.tui.screens.export import ExportModal
from vetting.tui.screens.results import ResultsScreen


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    monkeypatch.setenv("VETTING_DOCUMENTS_DIR", str(folder))
    return folder


@pytest.fixture
def store(docs: Path, private_data_dir: Path) -> Iterator[SessionStore]:
    store = open_store(private_data_dir)
    yield store
    store.close()


async def _save_as(store: SessionStore, target: str) -> tuple[bool, str, bool]:
    """Open the dialog, type ``target``, press Enter: (still open?, its message, running?)."""
    checklist = red_flags()
    session = make_session(store, checklist, "Dr. Lee", CRITICAL_ANSWERS)
    app = HostApp(store, ResultsScreen(checklist, session))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = target
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        still_open = isinstance(app.screen, ExportModal)
        message = str(app.screen.query_one("#export-error").render()) if still_open else ""
        return still_open, message, app.is_running


@sync
async def test_a_300_character_file_name_is_explained(store: SessionStore, docs: Path) -> None:
    still_open, message, running = await _save_as(store, "a" * 296 + ".md")
    assert running and still_open
    assert "This file name is too long (299 characters)" in message
    assert "at most 200 characters" in message
    assert list(docs.iterdir()) == []


@sync
async def test_a_long_name_in_a_folder_path_is_explained(store: SessionStore, docs: Path) -> None:
    """Too long for the disk once inside a folder whose own name is too long."""
    still_open, message, running = await _save_as(store, str(docs / ("d" * 300) / "x.md"))
    assert running and still_open
    assert "too long" in message
    assert list(docs.iterdir()) == []


@sync
async def test_a_folder_that_does_not_exist_is_explained(store: SessionStore, docs: Path) -> None:
    still_open, message, running = await _save_as(store, str(docs / "nowhere" / "x.md"))
    assert running and still_open
    assert f"The folder {docs / 'nowhere'} does not exist. Choose another place." in message


@sync
async def test_a_read_only_place_is_explained(
    store: SessionStore, docs: Path, tmp_path: Path
) -> None:
    with small_tmpfs(tmp_path / "ro") as disk:
        read_only(disk)
        still_open, message, running = await _save_as(store, str(disk / "x.md"))
    assert running and still_open
    assert f"{disk} cannot be written to (it is read-only). Choose another place." in message


@sync
async def test_a_place_without_permission_is_explained(store: SessionStore, docs: Path) -> None:
    """``/sys`` refuses new files even to root (EACCES)."""
    if not os.path.isdir("/sys/kernel"):
        pytest.skip("no /sys here")
    still_open, message, running = await _save_as(store, "/sys/kernel/vetting-results.md")
    assert running and still_open
    assert "You do not have permission to save in /sys/kernel" in message
