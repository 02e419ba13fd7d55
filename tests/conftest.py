"""Shared test setup: every Hypothesis test is derandomized, so CI runs the same cases.

A failure then reproduces on any machine from the test alone, and the example database
(which replays old failures only where it happens to exist) is not used.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("vetting", derandomize=True, database=None, print_blob=True)
settings.load_profile("vetting")


@pytest.fixture(autouse=True, scope="session")
def no_saved_language(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An empty settings folder for the whole run, inherited by every subprocess.

    ``vetting run``, ``vetting ask`` and ``--help`` follow the language picked in the app;
    without this, a developer who picked Spanish would see English tests fail. Tests
    about that choice point ``VETTING_CONFIG_DIR`` at a folder of their own.
    """
    folder = tmp_path_factory.mktemp("config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VETTING_CONFIG_DIR", str(folder))
        yield folder
