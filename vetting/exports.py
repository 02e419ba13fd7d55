"""Saving a copy of a result: the formats offered, file names, and the careful write.

The exported file holds the person's answers, so it is written the same careful way as a
session: fully rendered first, then a private (``0600``) temporary file in the target
folder, ``fsync``, and an atomic rename. An existing file is never replaced silently: the
caller asks the person first, and without their yes the final step is a hard link, which
fails rather than overwrite if a file appeared in the meantime. Every failure is an
:class:`ExportError` that says, in words, what to do instead.

The formats themselves belong to :mod:`vetting.reports`; the app's export dialog
(``vetting.tui.screens.export``) chooses one and calls :func:`write_private_atomic` from a
worker. No terminal code here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vetting import reports
from vetting.checklist.model import Checklist
from vetting.errors import VettingError
from vetting.i18n import N_, _
from vetting.scoring import Result
from vetting.sessions import locations
from vetting.sessions.files import FILE_MODE

MAX_NAME_BYTES = 200
"""Longest file name offered to the disk: most systems allow 255 bytes, and the temporary
file is the name plus about 40 more (``.<name>.<random>.tmp``)."""


@dataclass(frozen=True)
class ExportFormat:
    """One format the person can pick: its id, the words shown (translated where shown),
    and the file suffix."""

    id: str
    label: str
    suffix: str
    mime_type: str


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "markdown",
        N_("Markdown (.md): plain text that reads well anywhere"),
        ".md",
        "text/markdown",
    ),
    ExportFormat(
        "html", N_("HTML (.html): opens in a web browser, easy to print"), ".html", "text/html"
    ),
    ExportFormat("json", N_("JSON (.json): for other programs"), ".json", "application/json"),
)


class ExportError(VettingError):
    """The file could not be written; the message says why in plain words."""

    code = "E_EXPORT"


def render_report(fmt: str, checklist: Checklist, result: Result, answers: dict[str, Any]) -> str:
    """The whole report as text, rendered before any file is touched."""
    if fmt not in {export.id for export in FORMATS}:
        raise ExportError(_("Unknown export format {name}.").format(name=repr(fmt)))
    return reports.render(fmt, checklist, result, answers)


def default_export_dir() -> Path:
    """The Documents folder (or ``$VETTING_DOCUMENTS_DIR``), else the home folder."""
    folder = locations.documents_dir()
    return folder if folder.is_dir() else Path.home()


def default_file_name(checklist_id: str, session_name: str, suffix: str) -> str:
    """A file name safe on every system, made only of letters, digits and dashes."""
    slug = re.sub(r"[^a-z0-9]+", "-", session_name.lower()).strip("-")[:40]
    stem = f"vetting-{checklist_id}" + (f"-{slug}" if slug else "")
    return stem + suffix


def resolve_target(text: str) -> Path:
    """The path typed by the person; a bare name goes into the default export folder.

    A name too long for the disk is refused here, in words (issue 15.3: a 300-character
    name made the first look at the disk raise ``OSError`` and stopped the app).
    """
    raw = text.strip()
    if not raw:
        raise ExportError(_("Please type a file name."))
    path = Path(raw).expanduser()
    path = path if path.is_absolute() else default_export_dir() / path
    length = len(os.fsencode(path.name))
    if length > MAX_NAME_BYTES or len(os.fsencode(path)) > 4000:
        raise ExportError(
            _(
                "This file name is too long ({length} characters). Please use a shorter "
                "name, of at most {limit} characters."
            ).format(length=length, limit=MAX_NAME_BYTES)
        )
    return path


def existing_file(path: Path) -> bool:
    """Whether ``path`` is an existing file; a place that cannot be looked at says why."""
    try:
        return path.exists() and not path.is_dir()
    except OSError as exc:
        raise ExportError(_place_problem(path, exc)) from None


def _place_problem(path: Path, exc: OSError) -> str:
    """Why nothing can be saved at ``path``, in words, with what to do instead."""
    folder = path.parent
    if exc.errno == errno.ENAMETOOLONG:
        return _("This file name is too long for the disk. Please use a shorter name.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _(
            "You do not have permission to save in {folder}. Choose another place, such as "
            "your Documents folder."
        ).format(folder=folder)
    if exc.errno == errno.EROFS:
        return _("{folder} cannot be written to (it is read-only). Choose another place.").format(
            folder=folder
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _("The disk is full, so nothing was saved. Free some space or choose another place.")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return _(NO_FOLDER).format(folder=folder)
    return _("Could not save {path}: {reason}. Nothing was changed.").format(
        path=path, reason=exc.strerror or exc
    )


NO_FOLDER = N_("The folder {folder} does not exist. Choose another place.")


def write_private_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write ``data`` to ``path`` as a ``0600`` file in one atomic step.

    Raises :class:`FileExistsError` if ``path`` exists and ``overwrite`` is false, and
    :class:`ExportError` for every other failure. The temporary file is always removed.
    """
    folder = path.parent
    try:
        if not folder.is_dir():
            raise ExportError(_(NO_FOLDER).format(folder=folder))
        if path.is_dir():
            raise ExportError(
                _("{path} is a folder. Add a file name at the end.").format(path=path)
            )
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(_place_problem(path, exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _publish(tmp, path, overwrite=overwrite)
        _fsync_dir(folder)
    except FileExistsError:
        raise
    except OSError as exc:
        raise ExportError(_place_problem(path, exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _publish(tmp: Path, path: Path, *, overwrite: bool) -> None:
    """Move the finished temp file into place; without ``overwrite``, never clobber."""
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails with EEXIST instead of replacing
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if path.exists():  # a file system without hard links: best effort
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from exc
        os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every system allows opening a folder."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
