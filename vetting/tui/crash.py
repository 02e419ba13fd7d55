"""The crash path: an unexpected error ends the app with one short line, never a traceback.

Textual's own handler renders ``Traceback(show_locals=True)``, which printed a person's
answers to the terminal (SECURITY-NOTES E3d/R7). :class:`QuietCrashApp` replaces the two
private methods that render it; they mirror ``App._handle_exception`` and
``App._fatal_error`` in textual==8.2.8, the pinned version, and render only
:func:`crash_message`.
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App

from vetting.i18n import _


def crash_message(error: BaseException | None) -> str:
    """What a crash prints: the error type only, never its message or any value."""
    kind = type(error).__name__ if error is not None else _("unknown error")
    return _(
        "vetting stopped because of an unexpected problem ({kind}). "
        "Answers saved before this moment are safe."
    ).format(kind=kind)


class QuietCrashApp(App[int]):
    """An app whose unexpected errors print :func:`crash_message` and exit with 1."""

    def _handle_exception(self, error: Exception) -> None:
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(crash_message(error)))
        self._close_messages_no_wait()

    def _fatal_error(self) -> None:
        error = sys.exc_info()[1]
        self._return_code = 1
        self._exit_renderables.append(Text(crash_message(error)))
        self._close_messages_no_wait()
