"""Where the built-in checklists and schemas live, installed or not.

A wheel carries them in ``vetting/data/`` (copied there by ``setup.py``); a source
checkout or an editable install reads the top-level ``checklists/`` and ``schemas/``
folders, so an author's edit is seen at once.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # the vetting package


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def builtin_checklists_dir() -> Path:
    return _first_existing(_PACKAGE / "data" / "checklists", _PACKAGE.parent / "checklists")


def schemas_dir() -> Path:
    return _first_existing(_PACKAGE / "data" / "schemas", _PACKAGE.parent / "schemas")


def checklist_schema_path() -> Path:
    return schemas_dir() / "checklist.schema.json"


def answers_schema_path() -> Path:
    return schemas_dir() / "answers.schema.json"


def builtin_checklist_paths() -> list[Path]:
    return sorted(builtin_checklists_dir().glob("*.yaml"))
