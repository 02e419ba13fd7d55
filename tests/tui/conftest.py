"""Shared fixtures for the app tests: a private data folder per test, and test checklists.

Every test gets ``$VETTING_DATA_DIR`` (and ``$HOME``) inside its own ``tmp_path``, so no
test ever reads or writes a real person's sessions, and paths shown on screen read the
same on every machine (``~/data/checklists``).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from tests.support.tui import MINI, fixed_clock, poison
from vetting.i18n import set_language
from vetting.tui.app import VettingApp, make_app


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests here with ``asyncio.run`` (no pytest-asyncio dependency)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("VETTING_DATA_DIR", str(data))
    monkeypatch.setenv("VETTING_CONFIG_DIR", str(tmp_path / "config"))  # the saved language
    monkeypatch.setenv("HOME", str(tmp_path))
    return data


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    """Each test starts, and leaves the process, with vetting's words in English.

    The language is process-wide (:mod:`vetting.i18n`): an app built in Spanish must not
    leave the next test in Spanish.
    """
    set_language(None)
    yield
    set_language(None)


@pytest.fixture
def app_factory(private_data_dir: Path) -> Callable[..., VettingApp]:
    """``app_factory(paths=[...])``: the app over test checklists with a fixed clock."""

    def build(paths: list[Path] | None = None) -> VettingApp:
        return make_app(
            data_dir=private_data_dir,
            checklist_paths=[MINI] if paths is None else paths,
            clock=fixed_clock,
        )

    return build


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    """The mini checklist with every human-readable string replaced by markup."""
    document = poison(yaml.safe_load(MINI.read_text(encoding="utf-8")))
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, width=1000), encoding="utf-8")
    return path


@pytest.fixture
def user_checklists(private_data_dir: Path) -> Path:
    folder = private_data_dir / "checklists"
    folder.mkdir(parents=True)
    return folder
