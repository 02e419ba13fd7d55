"""Where the built-in checklists and schemas live, installed or not.

A wheel carries them in ``vetting/data/`` (copied there by ``setup.py``); a source
checkout or an editable install reads the top-level ``checklists/`` and ``schemas/``
folders, so an author's edit is seen at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from vetting.i18n import _
from vetting.problems import FileReport

if TYPE_CHECKING:
    from vetting.checklist.model import Checklist

#: What counts as a checklist file in the person's own folder.
CHECKLIST_SUFFIXES = (".yaml", ".yml")

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


def user_checklist_paths(folder: Path) -> tuple[list[Path], str | None]:
    """The person's own checklist files, and why they cannot be listed if they cannot.

    A missing folder simply has none; one that cannot be read has none either, and the
    second value says so in the person's words (the app's home screen and the line mode
    both show it).
    """
    try:
        if not folder.is_dir():
            return [], None
        return sorted(p for p in folder.iterdir() if p.suffix in CHECKLIST_SUFFIXES), None
    except OSError as error:
        return [], _(
            "Your checklists folder cannot be read ({reason}), "
            "so your own checklists are not listed."
        ).format(reason=error.strerror or _("no access"))


class CatalogEntry(NamedTuple):
    """One checklist file the app or the line mode lists, with its validation report."""

    path: Path
    report: FileReport
    builtin: bool

    @property
    def checklist(self) -> Checklist | None:
        """The checklist, only when the file has no errors."""
        return self.report.checklist if self.report.ok else None

    @property
    def title(self) -> str:
        checklist = self.checklist
        return checklist.title if checklist is not None else self.path.name
