"""What the home screen lists: the checklist files, validated, and the saved sessions.

Plain functions over paths and the session store (no widgets), run by the app in a
worker: validating every checklist and reading every session blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from vetting.checklist.model import Checklist
from vetting.i18n import _
from vetting.sessions.store import SessionStore, StorageError
from vetting.tui.shared import CatalogEntry, SessionRow, display_time


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


# -- the same checklist in another language ------------------------------------------


def same_content(old: Checklist | None, new: Checklist | None) -> bool:
    """Both the same checklist file's content (translations differ; ids and rules do not)."""
    return (
        old is not None
        and new is not None
        and old.id == new.id
        and old.version == new.version
        and old.content_hash == new.content_hash
    )


def in_language(catalog: Iterable[CatalogEntry], checklist: Checklist) -> Checklist:
    """``checklist`` as ``catalog`` (scanned in the new language) has it; else unchanged.

    Only the very same content is swapped in, so the answers on screen always fit it.
    """
    for entry in catalog:
        if entry.checklist is not None and same_content(checklist, entry.checklist):
            return entry.checklist
    return checklist


def revalidated(opened: Iterable[CatalogEntry], language: str | None) -> list[CatalogEntry]:
    """Files opened by path, validated again in ``language`` (blocking: from a thread).

    A file whose content changed on disk since it was opened keeps its old entry: the
    session on screen belongs to what was opened.
    """
    from vetting.validation.pipeline import validate_file

    fresh: list[CatalogEntry] = []
    for entry in opened:
        again = CatalogEntry(entry.path, validate_file(entry.path, lang=language), False)
        fresh.append(again if same_content(entry.checklist, again.checklist) else entry)
    return fresh
