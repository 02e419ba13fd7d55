"""What the home screen lists: the checklist files, validated, and the saved sessions.

Plain functions over paths and the session store (no widgets), run by the app in a
worker: validating every checklist and reading every session blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from vetting.i18n import _
from vetting.sessions.store import SessionStore, StorageError
from vetting.tui.shared import CatalogEntry, SessionRow, display_time

CHECKLIST_SUFFIXES = (".yaml", ".yml")


def user_checklist_paths(folder: Path) -> tuple[list[Path], str | None]:
    """The person's own checklist files, and why they cannot be listed if they cannot.

    A missing folder simply has none; one that cannot be read has none either, and the
    second value says so in words the home screen shows.
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


def scan_catalog(
    builtin_paths: Iterable[Path],
    user_paths: Iterable[Path],
    opened: Sequence[CatalogEntry],
    language: str | None,
) -> list[CatalogEntry]:
    """Every checklist validated: built-in ones, the person's own, then files opened by path."""
    from vetting.validation.pipeline import validate_file  # YAML and schema, on demand

    entries = [
        CatalogEntry(path, validate_file(path, lang=language), True) for path in builtin_paths
    ]
    entries += [
        CatalogEntry(path, validate_file(path, lang=language), False) for path in user_paths
    ]
    known = {entry.path for entry in entries}
    return entries + [entry for entry in opened if entry.path not in known]


def entry_for(catalog: Iterable[CatalogEntry], checklist_id: str) -> CatalogEntry | None:
    """The first valid checklist with this id (built-in ones come first)."""
    for entry in catalog:
        checklist = entry.checklist
        if checklist is not None and checklist.id == checklist_id:
            return entry
    return None


def session_rows(
    store: SessionStore, entry_for: Callable[[str], CatalogEntry | None]
) -> list[SessionRow]:
    """Every saved session with its progress, or with the reason it cannot be resumed."""
    from vetting.scoring import visible_item_ids

    rows: list[SessionRow] = []
    for listing in store.list_sessions():
        if listing.problem is not None:
            rows.append(SessionRow(listing.id, listing.id, "", "", 0, 0, listing.problem))
            continue
        entry = entry_for(listing.checklist_id)
        checklist = entry.checklist if entry else None
        updated = display_time(listing.updated)
        if checklist is None:
            problem = _("The checklist for this session is not available here.")
            rows.append(
                SessionRow(listing.id, listing.name, listing.checklist_id, updated, 0, 0, problem)
            )
            continue
        try:
            answers = store.load(listing.id).answers
        except StorageError as error:
            rows.append(SessionRow(listing.id, listing.name, "", "", 0, 0, str(error)))
            continue
        shown = visible_item_ids(checklist, answers)
        answered = sum(1 for item_id in shown if item_id in answers)
        rows.append(
            SessionRow(
                listing.id,
                listing.name,
                checklist.title,
                updated,
                answered,
                len(shown),
                None,
                entry,
            )
        )
    return rows
