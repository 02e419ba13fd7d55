"""The bottom line of every screen: its keys, each one clickable, crisis help always there.

Textual's ``Footer`` builds one widget per key and rebuilds them all whenever focus moves.
Measured on the take screen, that was a fifth of the time to the first question
(bench/RESULTS.md). This is one line of text, written once when the screen mounts, that
looks the same: the key in the accent colour, then what it does. Clicking a key presses
it, as in the footer.

Every word here comes from the app's own bindings, never from a checklist.
"""

from __future__ import annotations

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.widget import Widget

from vetting.i18n import _

KEY_STYLE = "bold $footer-key-foreground"
GAP = "  "


def shown_bindings(active: dict[str, ActiveBinding]) -> list[Binding]:
    """The bindings a footer would show, one per action, in the order they are declared."""
    seen: set[str] = set()
    shown: list[Binding] = []
    for entry in active.values():
        binding = entry.binding
        if binding.show and binding.action not in seen:
            seen.add(binding.action)
            shown.append(binding)
    return shown


class KeyBar(Widget):
    """One line with the screen's keys (``n Next  b Back  …  f1 Crisis help``)."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        #: Where each key sits on the line: ``(first column, column after it, key)``.
        self.spans: list[tuple[int, int, str]] = []
        self._content: Content | None = None

    def render(self) -> Content:
        # Built at the first paint, when the screen's bindings are known: setting the text
        # any earlier is impossible, and any later (on mount) costs a second layout.
        if self._content is None:
            self._content = self.keys_content()
        return self._content

    def keys_content(self) -> Content:
        """Each shown binding as ``key description``; remembers where each one sits."""
        app = self.app
        bindings = shown_bindings(self.screen.active_bindings)
        if app.ENABLE_COMMAND_PALETTE:
            # TRANSLATORS: the key bar's last entry, Ctrl+P: opens the command palette.
            palette = _("palette")
            bindings.append(Binding(app.COMMAND_PALETTE_BINDING, "command_palette", palette))
        parts: list[Content] = []
        self.spans = []
        column = 0
        for binding in bindings:
            part = Content.assemble(
                (app.get_key_display(binding), KEY_STYLE), " ", binding.description
            )
            self.spans.append((column, column + part.cell_length, binding.key.split(",")[0]))
            column += part.cell_length + len(GAP)
            parts.append(part)
        return Content(GAP).join(parts)

    def key_at(self, column: int) -> str | None:
        """The key written at ``column`` of the text (``None`` between keys)."""
        for start, end, key in self.spans:
            if start <= column < end:
                return key
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it, as in Textual's footer."""
        key = self.key_at(event.x - self.styles.padding.left)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
