"""A scoring result as a report a person can read or keep: text, Markdown, HTML or JSON.

:mod:`.document` decides what is said and in which order (:func:`build`, shared with the
app's result screen); :mod:`.text`, :mod:`.markdown` and :mod:`.html` each only write that
document in their format, and :mod:`.json_report` gives the same result as data.
Every format is in the person's language: the checklist's translation for its texts, the
gettext catalog (:mod:`vetting.i18n`) for vetting's own words; JSON keys and ids stay English.
"""

from collections.abc import Callable, Mapping
from typing import Any

from vetting.checklist.model import Checklist
from vetting.reports import html, json_report, markdown, text
from vetting.reports.document import (
    CRISIS_HEADING,
    NO_BAND,
    NO_OUTCOME,
    UNSURE_NOTE,
    Document,
    build,
    headline,
    safe_https,
)
from vetting.scoring.results import Result

FORMATS = ("text", "markdown", "html", "json")
JSON_FORMAT = json_report.FORMAT

Renderer = Callable[[Checklist, Result, Mapping[str, Any] | None], str]


def render_text(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    return text.render(build(checklist, result, answers))


def render_markdown(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    return markdown.render(build(checklist, result, answers))


def render_html(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    return html.render(build(checklist, result, answers))


render_json = json_report.render
report_dict = json_report.report_dict
result_words = headline

#: Report format name -> renderer.
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}


def render(
    fmt: str, checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> str:
    """Render in ``fmt`` (one of :data:`FORMATS`); raises ``ValueError`` for anything else."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}"
        ) from None
    return renderer(checklist, result, answers)


__all__ = [
    "CRISIS_HEADING",
    "FORMATS",
    "NO_BAND",
    "NO_OUTCOME",
    "UNSURE_NOTE",
    "Document",
    "build",
    "headline",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "report_dict",
    "result_words",
    "safe_https",
]
