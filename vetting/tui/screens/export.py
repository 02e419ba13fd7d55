"""The export dialog: save a copy of a result as Markdown, HTML or JSON.

In a browser (``vetting serve``, where Textual runs under its web driver) the copy is a
download instead: the browser saves it where it saves downloads, and nothing is written on
the server's side (:func:`served` is the one place that decides). Everything about the
file itself (formats, names, the private write that never replaces a file without a yes)
is :mod:`vetting.exports`; this module asks, shows and calls it from a worker.
"""

from __future__ import annotations

import io
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

from vetting.checklist.model import Checklist
from vetting.errors import VettingError
from vetting.exports import (
    FORMATS,
    ExportError,
    ExportFormat,
    default_export_dir,
    default_file_name,
    existing_file,
    render_report,
    resolve_target,
    write_private_atomic,
)
from vetting.i18n import N_, _
from vetting.scoring import Result
from vetting.tui.shared import display_path
from vetting.tui.text import notify_plain, plain
from vetting.tui.widgets.radio import AnswerButton

DOWNLOAD_NAME = "vetting-export"  # how the app tells its downloads from Textual's own


def served(app: App) -> bool:
    """True when the app runs in a browser tab (``vetting serve``): exports are downloads."""
    return app.is_web


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
