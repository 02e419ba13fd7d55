"""The command palette (Ctrl+P): start or resume, crisis help, theme, quick exit."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from vetting.tui.shared import services
from vetting.tui.text import plain


class VettingCommands(Provider):
    """Command palette entries: start or resume, crisis help, theme, quick exit.

    Checklist titles and session names are third-party text, so hits are shown as
    ``Content`` built by :func:`plain` and never passed through ``Matcher.highlight`` (which
    parses markup).
    """

    def _commands(self) -> list[tuple[str, Content, Callable[[], object], str]]:
        app = services(self.screen)
        commands: list[tuple[str, Content, Callable[[], object], str]] = [
            ("Crisis help", Content("Crisis help"), app.action_crisis, "Phone and text lines"),
            ("Quick exit", Content("Quick exit"), app.action_quick_exit, "Leave at once"),
            ("Toggle theme", Content("Toggle theme"), app.action_toggle_theme, "Light or dark"),
        ]
        for entry in app.catalog:
            if entry.checklist is not None:
                text = f"Start: {entry.title}"
                display = Content("Start: ") + plain(entry.title)
                commands.append((text, display, _bind(app.start_checklist, entry), "New session"))
        for row in app.session_rows:
            if row.problem is None:
                text = f"Resume: {row.name}"
                display = Content("Resume: ") + plain(row.name)
                commands.append((text, display, _bind(app.resume_session, row.id), "Saved session"))
        return commands

    async def discover(self) -> Hits:
        for text, display, command, help_text in self._commands():
            yield DiscoveryHit(display, command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, display, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, display, command, text=text, help=help_text)


def _bind(function: Callable[..., object], argument: object) -> Callable[[], object]:
    return lambda: function(argument)
