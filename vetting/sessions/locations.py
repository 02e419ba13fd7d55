"""Where vetting keeps things on this computer, in one place.

A person's answers are the most private data the product handles, so every folder that
holds them is created private (``0700``) whatever the umask says, and tests can point all
of it at a temporary folder through ``$VETTING_DATA_DIR``. Nothing here writes a file.

* ``data_dir()``            ``$VETTING_DATA_DIR`` or the platform's user data folder
* ``sessions_dir()``        saved sessions (see :mod:`vetting.sessions.store`)
* ``user_checklists_dir()`` where a person can drop their own checklists
* ``documents_dir()``       where exports go: ``$VETTING_DOCUMENTS_DIR`` or the user's Documents
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "vetting"
DATA_DIR_ENV = "VETTING_DATA_DIR"
DOCUMENTS_DIR_ENV = "VETTING_DOCUMENTS_DIR"
PRIVATE_DIR_MODE = 0o700


def data_dir() -> Path:
    """The folder that holds everything vetting saves (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    """The folder of saved sessions, one ``<id>.json`` each."""
    return data_dir() / "sessions"


def user_checklists_dir() -> Path:
    """Where a person can add their own checklists; the app shows this path."""
    return data_dir() / "checklists"


def documents_dir() -> Path:
    """Where exports are offered by default; never created or re-permissioned by vetting."""
    override = os.environ.get(DOCUMENTS_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_documents_dir())


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it ``0700``, even under ``umask 000``.

    ``os.makedirs(mode=...)`` is filtered by the umask and ignored for folders that already
    exist, so the explicit ``chmod`` is what actually guarantees privacy.
    """
    os.makedirs(path, mode=PRIVATE_DIR_MODE, exist_ok=True)
    os.chmod(path, PRIVATE_DIR_MODE)
    return path
