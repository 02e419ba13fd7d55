"""The export dialog: save a copy of a result as Markdown, HTML or JSON.

In a browser (``vetting serve``, where Textual runs under its web driver) the copy is a
download instead: the browser saves it where it saves downloads, and nothing is written on
the server's side (:func:`served` is the one place that decides).

The exported file holds the person's answers, so it is written the same careful way as a
session: fully rendered first, then a private (``0600``) temporary file in the target
folder, ``fsync``, and an atomic rename. An existing file is never replaced silently: the
person is asked first, and without their yes the final step is a hard link, which fails
rather than overwrite if a file appeared in the meantime. The formats themselves belong to
:mod:`vetting.reports`; this module only chooses one and writes it.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static
from textual.worker import Worker, WorkerState

from vetting import reports
from vetting.checklist.model import Checklist
from vetting.errors import VettingError
from vetting.i18n import N_, _
from vetting.scoring import Result
from vetting.sessions import locations
from vetting.tui.shared import display_path
from vetting.tui.text import notify_plain, plain
from vetting.tui.widgets.radio import AnswerButton

FILE_MODE = 0o600
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
DOWNLOAD_NAME = "vetting-export"  # how the app tells its downloads from Textual's own


def served(app: App) -> bool:
    """True when the app runs in a browser tab (``vetting serve``): exports are downloads."""
    return app.is_web


class ExportError(VettingError):
    """The file could not be written; the message says why in plain words."""

    code = "E_EXPORT"


def render_report(fmt: str, checklist: Checklist, result: Result, answers: dict[str, Any]) -> str:
    """The whole report as text, rendered before any file is touched."""
    if fmt == "markdown":
        return reports.render_markdown(checklist, result, answers)
    if fmt == "html":
        return reports.render_html(checklist, result, answers)
    if fmt == "json":
        return reports.render_json(checklist, result, answers)
    raise ExportError(_("Unknown export format {name}.").format(name=repr(fmt)))


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


class ConfirmOverwriteModal(ModalScreen[bool]):
    """Ask before replacing a file that already exists: yes replaces, no goes back."""

    CSS_PATH = "export.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Replace it")),
        Binding("n,escape", "answer(False)", N_("Keep it")),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__(classes="confirm-overwrite")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="overwrite-dialog", classes="dialog"):
            yield Static(
                Content(_("A file with this name already exists:")), classes="dialog-title"
            )
            yield Static(plain(str(self.path)), id="overwrite-path")
            yield Static(Content(_("Replace it with your results? The old file will be lost.")))
            with Horizontal(classes="dialog-buttons"):
                # TRANSLATORS: the keys y and n stay as they are, whatever the language.
                yield Button(Content(_("Replace (y)")), variant="warning", id="overwrite-yes")
                yield Button(Content(_("Keep it (n)")), variant="primary", id="overwrite-no")

    def on_mount(self) -> None:
        self.query_one("#overwrite-no", Button).focus()

    @on(Button.Pressed, "#overwrite-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#overwrite-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)


class ExportModal(ModalScreen[Path | None]):
    """Choose a format and a file, then save; dismisses with the saved path (or None)."""

    CSS_PATH = "export.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        checklist: Checklist,
        result: Result,
        answers: dict[str, Any],
        *,
        session_name: str = "",
    ) -> None:
        super().__init__(classes="export-modal")
        self.checklist = checklist
        self.result = result
        self.answers = answers
        self.session_name = session_name
        self.format = FORMATS[0]
        self.saved_path: Path | None = None
        self.typed_path: str | None = None  # kept when the dialog is drawn again

    def language_changing(self) -> None:
        """Keep the file name typed when the dialog is drawn again in another language."""
        for box in self.query("#export-path").results(Input):
            self.typed_path = box.value

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static(Content(_("Save a copy of your results")), classes="dialog-title")
            yield Static(
                Content(
                    _("The file will contain your answers. Anyone who can open it can read them.")
                ),
                id="export-privacy",
            )
            yield Label(Content(_("Format")))
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield AnswerButton(
                        Content(_(fmt.label)), value=fmt == self.format, id=f"fmt-{fmt.id}"
                    )
            if served(self.app):
                yield Static(
                    Content(_("Your browser will download the file, as it does any download.")),
                    id="export-download",
                )
            else:
                yield Label(Content(_("File")))
                path = self.typed_path or display_path(self._default_path(self.format))
                yield Input(value=path, id="export-path")
            yield Static(Content(""), id="export-error")
            with Horizontal(classes="dialog-buttons"):
                label = _("Download") if served(self.app) else _("Save")
                yield Button(Content(label), variant="primary", id="export-save")
                yield Button(Content(_("Cancel")), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", RadioSet).focus()

    def _default_path(self, fmt: ExportFormat) -> Path:
        name = default_file_name(self.checklist.id, self.session_name, fmt.suffix)
        return default_export_dir() / name

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        """Keep the typed name, but give it the new format's suffix."""
        old, self.format = self.format, FORMATS[event.index]
        if served(self.app):
            return
        path_input = self.query_one("#export-path", Input)
        value = path_input.value
        if value.endswith(old.suffix):
            path_input.value = value[: -len(old.suffix)] + self.format.suffix

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-save")
    @on(Input.Submitted, "#export-path")
    def action_save(self) -> None:
        """Check the path, ask before replacing a file, then write in a worker."""
        if served(self.app):
            self._show_error(_("Preparing your download…"))
            self.query_one("#export-save", Button).disabled = True
            self._render_download()
            return
        try:
            path = resolve_target(self.query_one("#export-path", Input).value)
            exists = existing_file(path)
        except ExportError as exc:
            self._show_error(exc.message)
            return
        if exists:
            self.app.push_screen(ConfirmOverwriteModal(path), self._after_confirm(path))
            return
        self._start_write(path, overwrite=False)

    def _after_confirm(self, path: Path):
        def callback(replace: bool | None) -> None:
            if replace:
                self._start_write(path, overwrite=True)
            else:
                self._show_error(_("Nothing was saved. Choose another name, or save again."))

        return callback

    def _start_write(self, path: Path, *, overwrite: bool) -> None:
        self._show_error(_("Saving…"))
        self.query_one("#export-save", Button).disabled = True
        self._write(path, overwrite)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write(self, path: Path, overwrite: bool) -> Path:
        """Render and write off the UI thread: a slow disk must not freeze the screen."""
        text = render_report(self.format.id, self.checklist, self.result, self.answers)
        write_private_atomic(path, text.encode("utf-8"), overwrite=overwrite)
        return path

    @work(thread=True, exclusive=True, group="download", exit_on_error=False)
    def _render_download(self) -> str:
        return render_report(self.format.id, self.checklist, self.result, self.answers)

    def _deliver(self, text: str) -> None:
        """Hand the report to the browser (on the app's own thread, as Textual writes).

        The dialog stays as it is until Textual says the download is done
        (:meth:`delivery_finished`): Textual sends the file from another thread, and a
        screen redrawn meanwhile could be written into the middle of it.
        """
        name = default_file_name(self.checklist.id, self.session_name, self.format.suffix)
        self.app.deliver_text(
            io.StringIO(text),
            save_filename=name,
            mime_type=self.format.mime_type,
            encoding="utf-8",
            name=DOWNLOAD_NAME,
        )
        self.saved_path = Path(name)

    def delivery_finished(self, event: events.DeliveryComplete | events.DeliveryFailed) -> None:
        """Called by the app when the browser has the file, or could not get it."""
        if event.name != DOWNLOAD_NAME:
            return
        if isinstance(event, events.DeliveryFailed):
            self.query_one("#export-save", Button).disabled = False
            self._show_error(_("The download did not finish. Nothing was saved; try again."))
            return
        notify_plain(
            self.app,
            _("Your browser downloaded {name}. It holds your answers.").format(
                name=self.saved_path
            ),
        )
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "download":
            result = event.worker.result
            if event.state is WorkerState.SUCCESS and isinstance(result, str):
                self._deliver(result)
            elif event.state is WorkerState.ERROR:
                self.query_one("#export-save", Button).disabled = False
                self._show_error(self._error_message(event.worker.error))
            return
        if event.worker.group != "export":
            return
        if event.state is WorkerState.SUCCESS:
            self.saved_path = event.worker.result
            notify_plain(self.app, _("Saved your results to {path}").format(path=self.saved_path))
            self.dismiss(self.saved_path)
        elif event.state is WorkerState.ERROR:
            self.query_one("#export-save", Button).disabled = False
            self._show_error(self._error_message(event.worker.error))

    @staticmethod
    def _error_message(error: BaseException | None) -> str:
        if isinstance(error, FileExistsError):
            return _("A file with this name appeared meanwhile. Nothing was replaced; try again.")
        if isinstance(error, VettingError):
            return error.message
        return _("Could not save the file ({kind}). Nothing was changed.").format(
            kind=type(error).__name__
        )

    def _show_error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(plain(message))
