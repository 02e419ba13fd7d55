"""What the app tests share: the test checklists, a fixed clock and Pilot helpers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from vetting.sessions.store import SessionStore
from vetting.tui.app import VettingApp
from vetting.tui.screens.take import TakeScreen

DATA = Path(__file__).resolve().parents[1] / "tui" / "data"
MINI = DATA / "mini.yaml"
HOSTILE = "[@click=app.quit]QUIT[/] [ @click=app.quit]Q2 [$accent @click=app.quit]Q3 x[/y] [/]"
HOSTILE_KEYS = {
    "title",
    "summary",
    "audience",
    "disclaimer",
    "text",
    "help",
    "label",
    "intro",
    "message",
    "name",
    "contact",
    "placeholder",
    "min_label",
    "max_label",
    "meaning",
    "note",
    "hours",
}


def fixed_clock() -> datetime:
    return datetime(2026, 11, 25, 20, 5, tzinfo=UTC)


def poison(node: object, key: str | None = None) -> object:
    if isinstance(node, dict):
        return {k: poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key) for v in node]
    if isinstance(node, str) and key in HOSTILE_KEYS:
        return HOSTILE
    return node


async def settle(app: VettingApp, pilot) -> None:
    """Let workers (scans, saves) finish and the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def start_mini(app: VettingApp, pilot, name: str | None = None) -> TakeScreen:
    """From home: Enter on the first checklist, accept (or type) a name, open it."""
    await settle(app, pilot)
    await pilot.press("enter")
    await pilot.pause()
    if name is not None:
        app.screen.query_one("#session-name").value = ""
        await pilot.press(*name)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, TakeScreen)
    return app.screen


def saved_answers(app: VettingApp) -> dict:
    """What is on disk (read after the app has closed and released its lock)."""
    store = SessionStore(app.data_dir, read_only=True).open()
    [listing] = store.list_sessions()
    return store.load(listing.id).answers
