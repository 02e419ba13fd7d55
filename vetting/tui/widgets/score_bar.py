"""A per-section score bar: a title line, then a bar with the percentage written out.

The number is always written next to the bar (and the band label after it), so the
bar never carries meaning through colour or length alone. The title and band label
come from the checklist, so they only ever reach the screen as ``Content`` built from
sanitized text.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from vetting.i18n import _
from vetting.tui.shared import display_percent
from vetting.tui.text import plain, styled

BAR_WIDTH = 20
FULL = "█"
EMPTY = "░"


def bar_text(percent: float | None, width: int = BAR_WIDTH) -> str:
    """The bar and its number as plain text, e.g. ``"█████░░░░░ 50%"``.

    With nothing counted there is no bar: an empty one would read as "0%".
    """
    if percent is None:
        return _("not enough answers to score")
    clamped = min(max(percent, 0.0), 100.0)
    filled = round(clamped / 100 * width)
    return f"{FULL * filled}{EMPTY * (width - filled)} {display_percent(clamped).rjust(4)}"


def score_bar_content(title: str, percent: float | None, band_label: str | None = None) -> Content:
    """Two lines: the section title, then the bar, its percentage and its band label."""
    line = Content.assemble((bar_text(percent), "bold"))
    if band_label:
        line = Content.assemble(line, " - ", plain(band_label))
    return Content.assemble(styled(title, "bold"), "\n  ", line)


class ScoreBar(Static):
    """One section's score, shown as a bar with its number and band written out."""

    DEFAULT_CSS = """
    ScoreBar {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    def __init__(
        self,
        title: str,
        percent: float | None,
        band_label: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(score_bar_content(title, percent, band_label), id=id, classes=classes)
        self.title_text = title
        self.percent = percent
        self.band_label = band_label
