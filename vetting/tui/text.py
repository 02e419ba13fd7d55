"""The only way text from outside the app reaches the screen.

Checklists, answers and session names are third-party text. Textual parses a plain ``str``
given to most widgets as markup, where ``[@click=app.quit]`` runs an action and ``[/]``
crashes the app, and ``escape()`` does not close every hole (SECURITY-NOTES R1-R3). It
also forwards ESC/OSC/C1 bytes to the terminal (T4). So every such string goes through
:func:`vetting.checklist.textcheck.sanitize` and is wrapped as ``Content`` (or ``rich.text.Text``
where a widget wants Rich text) here, and nowhere else.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.content import Content

from vetting.checklist.textcheck import sanitize

MAX_PROBLEM_CHARS = 300


def plain(text: str) -> Content:
    """Third-party text as literal, sanitized ``Content``: never markup, never controls."""
    return Content(sanitize(text))


def styled(text: str, style: str) -> Content:
    """Like :func:`plain`, with a style set by the app (never by the text)."""
    return Content.styled(sanitize(text), style)


def rich_plain(text: str, style: str = "") -> Text:
    """Literal, sanitized Rich ``Text`` for widgets that render Rich objects."""
    return Text(sanitize(text), style=style)


def join(*parts: Content | str) -> Content:
    """Join app-written ``str`` pieces (treated as literal text) with ``Content`` pieces."""
    return Content.assemble(*parts)


def fill(template: str, **values: Content | str) -> Content:
    """A translated sentence with outside text in its ``{named}`` places, never as markup.

    ``fill(_("Delete the session “{name}”?"), name=row.name)``: the sentence stays whole
    for translators, and each value is :func:`plain` (a ``str``) or ``Content`` made by
    the caller. The template's own words are the app's and are literal too.
    """
    from string import Formatter

    parts: list[Content | str] = []
    for literal, field, _spec, _conversion in Formatter().parse(template):
        if literal:
            parts.append(literal)
        if field is not None:
            value = values[field]
            parts.append(plain(value) if isinstance(value, str) else value)
    return Content.assemble(*parts)


def shorten(text: str, limit: int = MAX_PROBLEM_CHARS) -> str:
    """Cut ``text`` to ``limit`` characters, so one huge message cannot flood a screen."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify_plain(app: App, message: str, *, severity: str = "information") -> None:
    """A toast whose text is never parsed as markup (it may hold a name or a path)."""
    app.notify(sanitize(shorten(message)), markup=False, severity=severity)  # type: ignore[arg-type]
