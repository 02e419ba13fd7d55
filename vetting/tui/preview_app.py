"""``vetting preview FILE``: the app on one checklist that reloads itself on every save.

What lives here:

It watches the file with :mod:`vetting.validation.live_check` (what the file says, and
whether it changed) and shows it on the preview screen.

* :class:`PreviewApp`: the normal :class:`~vetting.tui.app.VettingApp` (crisis help,
  quick exit, crash path, the real question screen) whose sessions live in a throwaway
  folder, removed when the preview closes, so trying a checklist never touches the
  person's own sessions.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from textual import events, work

from vetting.i18n import N_
from vetting.tui.app import VettingApp
from vetting.validation.live_check import (
    DEFAULT_POLL_INTERVAL,
    FileWatch,
    PreviewState,
)


class PreviewApp(VettingApp):
    """The app opened on one checklist file for its author (``vetting preview FILE``).

    ``poll_interval`` is in seconds; ``None`` or ``0`` turns watching off (tests call
    :meth:`reload_now` instead, so they never depend on timing).
    """

    SUB_TITLE = N_("author preview: reloads on save")

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        poll_interval: float | None = DEFAULT_POLL_INTERVAL,
        language: str | None = None,
    ) -> None:
        """``language``: of the app's own words (default: the one picked in the app)."""
        self.scratch_dir = Path(tempfile.mkdtemp(prefix="vetting-preview-"))
        super().__init__(data_dir=self.scratch_dir, checklist_paths=[], language=language)
        self.path = Path(path)
        self.poll_interval = poll_interval
        self.watch_file = FileWatch(self.path)
        self.state: PreviewState | None = None
        self._checking = False

    def on_mount(self, event: events.Mount) -> None:
        """Replace the home screen with the preview (the base handler must not run)."""
        from vetting.tui.screens.preview import PreviewScreen

        event.prevent_default()
        self._open_store()
        self.state = self.watch_file.force()
        self.push_screen(PreviewScreen(self.path, self.state))
        if self.poll_interval:
            self.set_interval(self.poll_interval, self._tick, name="preview-watch")

    def on_unmount(self, event: events.Unmount) -> None:
        """Close the throwaway store and delete it: nothing from a preview is kept."""
        event.prevent_default()
        self.store.close()
        shutil.rmtree(self.scratch_dir, ignore_errors=True)

    def reload_now(self) -> PreviewState:
        """Read and check the file at once and show the result (synchronous, for tests)."""
        state = self.watch_file.force()
        self.show_state(state)
        return state

    def _tick(self) -> None:
        if not self._checking:
            self._checking = True
            self._look()

    @work(thread=True, group="preview-watch")
    def _look(self) -> None:
        """Stat, hash and (when changed) validate, off the UI thread: it is file I/O."""
        try:
            state = self.watch_file.look()
        finally:
            self._checking = False
        if state is None or self.closing:
            return
        with contextlib.suppress(RuntimeError):  # the app closed during the check
            self.call_from_thread(self.show_state, state)

    def show_state(self, state: PreviewState) -> None:
        """Remember ``state`` and hand it to the preview screen (wherever it is in the stack)."""
        from vetting.tui.screens.preview import PreviewScreen

        self.state = state
        for screen in self.screen_stack:
            if isinstance(screen, PreviewScreen):
                screen.show_state(state)
