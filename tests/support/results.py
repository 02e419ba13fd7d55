"""Checklists, sessions and a host app for the results, export and compare tests.

Checklists are built from dicts with :func:`vetting.checklist.build.build_checklist` (the same path
a loaded file takes); sessions are created through :class:`vetting.sessions.store.SessionStore`
directly, so these tests do not depend on playing a checklist through the UI.
"""

from __future__ import annotations

import asyncio
import copy
import functools
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from vetting.checklist.build import build_checklist
from vetting.checklist.model import Checklist
from vetting.sessions.store import Session, SessionStore

INJECT = "[@click=app.quit]QUIT[/] [ @click=app.quit]Q2 [$accent @click=app.quit]Q3 x[/y] [/]"
SCRIPT = "<script>alert(1)</script>"

RED_FLAGS: dict[str, Any] = {
    "format": 1,
    "id": "red_flags_test",
    "kind": "red-flags",
    "title": "Warning signs in therapy",
    "version": "1.0.0",
    "summary": "Warning signs to look out for.",
    "audience": "Adults in therapy.",
    "language": "en",
    "authors": [{"name": "A. Counselor", "role": "LPC"}],
    "last_reviewed": "2026-01-01",
    "disclaimer": "This is not medical or legal advice.",
    "sources": [{"title": "ACA Code of Ethics (2014)", "url": "https://www.counseling.org/"}],
    "safety": {
        "message": "If you are in danger, help is available now.",
        "resources": [{"name": "988 Lifeline", "contact": "Call or text 988"}],
    },
    "sections": [
        {
            "id": "boundaries",
            "title": "Boundaries and touch",
            "items": [
                {
                    "id": "sexual_contact",
                    "kind": "yes_no",
                    "severity": "critical",
                    "text": "Has your therapist touched you in a sexual way?",
                    "help": "A therapist must never have a sexual relationship with a client.",
                    "references": [{"code": "ACA", "edition": "2014", "section": "A.5.a"}],
                    "allow_unsure": True,
                    "options": [{"value": "yes", "points": 10, "flag": True}, {"value": "no"}],
                },
                {
                    "id": "secrets",
                    "kind": "yes_no",
                    "severity": "serious",
                    "text": "Has your therapist asked you to keep secrets?",
                    "allow_unsure": True,
                    "options": [{"value": "yes", "points": 5, "flag": True}, {"value": "no"}],
                },
            ],
        },
        {
            "id": "money",
            "title": "Money and fees",
            "items": [
                {
                    "id": "fees_clear",
                    "kind": "single",
                    "text": "Were the fees explained before the first session?",
                    "options": [
                        {"value": "clear", "label": "Yes, clearly", "points": 0},
                        {"value": "vague", "label": "Only vaguely", "points": 2},
                        {"value": "never", "label": "Never", "points": 4},
                    ],
                },
            ],
        },
    ],
    "bands": [
        {
            "id": "urgent",
            "when_flag": "critical",
            "label": "Please look at this now",
            "meaning": "Something you described is never acceptable in therapy.",
            "next_steps": [
                "Find your state licensing board: search for the board of your therapist's "
                "license and state.",
                "Write down dates, what happened and who was there.",
            ],
        },
        {
            "id": "serious",
            "when_flag": "serious",
            "label": "A serious warning sign",
            "meaning": "One of your answers is a serious warning sign.",
        },
        {
            "id": "unsure",
            "when_unsure": "serious",
            "label": "Worth finding out more",
            "meaning": "You were not sure about something serious.",
        },
        {
            "id": "clear",
            "when_clear": True,
            "label": "Nothing stands out",
            "meaning": "None of your answers is a warning sign.",
        },
    ],
}


def red_flags(**overrides: Any) -> Checklist:
    """The red-flags test checklist, with top-level keys replaced by ``overrides``."""
    data = copy.deepcopy(RED_FLAGS)
    data.update(overrides)
    return build_checklist(data, content_hash="sha256:" + "0" * 64)


def hostile_checklist(text: str = INJECT) -> Checklist:
    """Every string a person can see replaced by ``text`` (ids and values stay valid)."""
    data = copy.deepcopy(RED_FLAGS)
    _replace_strings(data, text)
    return build_checklist(data, content_hash="sha256:" + "0" * 64)


_KEEP = {
    "id",
    "value",
    "kind",
    "severity",
    "when_flag",
    "when_unsure",
    "code",
    "edition",
    "language",
    "version",
    "last_reviewed",
    "url",
}


def _replace_strings(node: Any, text: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key not in _KEEP:
                node[key] = text
            else:
                _replace_strings(value, text)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, str):
                node[index] = text
            else:
                _replace_strings(value, text)


def make_session(
    store: SessionStore, checklist: Checklist, name: str, answers: dict[str, Any]
) -> Session:
    """A saved session with ``answers``, created through the real store."""
    session = store.create(checklist, name)
    return store.save(replace(session, answers=answers))


CRITICAL_ANSWERS: dict[str, Any] = {"sexual_contact": "yes", "secrets": "no", "fees_clear": "clear"}
CALM_ANSWERS: dict[str, Any] = {"sexual_contact": "no", "secrets": "unsure", "fees_clear": "vague"}


class HostApp(App[None]):
    """A bare app that opens one screen, with the session store the screens look for."""

    def __init__(self, store: SessionStore, screen: Screen[Any]) -> None:
        super().__init__()
        self.store = store
        self._first = screen

    def on_mount(self) -> None:
        self.push_screen(self._first)


def open_store(root: Path) -> SessionStore:
    return SessionStore(root).open()


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with ``asyncio.run`` (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
