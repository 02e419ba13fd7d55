"""The command palette (Ctrl+P): start or resume, crisis help, language, theme, quick exit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual.app import SystemCommand
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from vetting.i18n import _
from vetting.tui.shared import AppServices, services
from vetting.tui.text import fill


class VettingCommands(Provider):
    """Command palette entries: start or resume, crisis help, language, theme, quick exit.

    Checklist titles and session names are third-party text, so hits are shown as
    ``Content`` built by :func:`plain` and never passed through ``Matcher.highlight`` (which
    parses markup).
    """

    def _commands(self) -> list[tuple[str, Content, Callable[[], object], str]]:
        app = services(self.screen)
        crisis, leave, theme = _("Crisis help"), _("Quick exit"), _("Toggle theme")
        commands: list[tuple[str, Content, Callable[[], object], str]] = [
            (crisis, Content(crisis), app.action_crisis, _("Phone and text lines")),
            (leave, Content(leave), app.action_quick_exit, _("Leave at once")),
            (theme, Content(theme), app.action_toggle_theme, _("Light or dark")),
        ]
        for tag, name in LANGUAGES:
            # TRANSLATORS: a command palette entry; {language} is a language's own name
            # ("English", "Español"), never translated.
            text = _("Language: {language}").format(language=name)
            # Found by either word, whatever the language on screen.
            search = f"{text} Language Idioma {name}"
            help_text = _("Show vetting in this language (remembered)")
            commands.append((search, Content(text), _bind(app.choose_language, tag), help_text))
        for entry in app.catalog:
            if entry.checklist is not None:
                # TRANSLATORS: a command palette entry; {title} is a checklist's title.
                start = _("Start: {title}")
                display = fill(start, title=entry.title)
                text = start.format(title=entry.title)
                commands.append(
                    (text, display, _bind(app.start_checklist, entry), _("New session"))
                )
        for row in app.session_rows:
            if row.problem is None:
                # TRANSLATORS: a command palette entry; {name} is a saved session's name.
                resume = _("Resume: {name}")
                display = fill(resume, name=row.name)
                text = resume.format(name=row.name)
                commands.append(
                    (text, display, _bind(app.resume_session, row.id), _("Saved session"))
                )
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


#: The languages the picker offers, each by its own name (shown the same in every language).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("es", "Español"))


def _bind(function: Callable[..., object], argument: object) -> Callable[[], object]:
    return lambda: function(argument)


def system_commands(app: AppServices) -> Iterator[SystemCommand]:
    """What the palette lists on every screen, in the language on screen (Textual's own
    system commands are English only)."""
    yield SystemCommand(_("Crisis help"), _("Phone and text lines, any time"), app.action_crisis)
    yield SystemCommand(_("Quick exit"), _("Leave the app at once"), app.action_quick_exit)
    yield SystemCommand(_("Toggle theme"), _("Switch light and dark"), app.action_toggle_theme)
    yield SystemCommand(_("Keys"), _("Show the keys for this screen"), app.action_show_help_panel)


def localized_palette() -> CommandPalette:
    """Textual's command palette, with its prompt in the language on screen."""
    return CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
