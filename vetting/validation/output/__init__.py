"""Reporters for ``vetting validate``: the same FileReports in each format, chosen by name.

One module per format, imported only when that format is used (SARIF's rule list loads the
whole rules registry; text output never does):

* ``text`` (:mod:`.text`): ``file:line:col: error: message [rule]``, the source line with a
  caret under the problem, then ``at`` and ``hint`` lines, then a summary;
* ``json`` (:mod:`.json`): one stable, sorted document for tools, described by
  ``schemas/validate-output.schema.json`` (its ``version`` changes only when a field's meaning
  does);
* ``github`` (:mod:`.github`): workflow commands, so problems show on the pull request's lines;
* ``sarif`` (:mod:`.sarif`): SARIF 2.1.0 for code scanning.

``auto`` is ``github`` under GitHub Actions and ``text`` everywhere else.
:mod:`.step_summary` writes the Markdown summary for ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping, Sequence
from typing import TextIO

from vetting.problems import FileReport
from vetting.validation.output.common import Options, Summary, file_passes, summarize

#: Format name -> the module that renders it (each has ``render(reports, options) -> str``).
REPORTERS: dict[str, str] = {
    "text": "vetting.validation.output.text",
    "json": "vetting.validation.output.json",
    "github": "vetting.validation.output.github",
    "sarif": "vetting.validation.output.sarif",
}
FORMATS = ("auto", *REPORTERS)

__all__ = [
    "FORMATS",
    "REPORTERS",
    "Options",
    "Summary",
    "file_passes",
    "render",
    "resolve_format",
    "summarize",
    "use_color",
]


def resolve_format(name: str, env: Mapping[str, str] | None = None) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` everywhere else."""
    env = os.environ if env is None else env
    if name == "auto":
        return "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return name


def use_color(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """Colour only for a person at a terminal who has not asked for none (no-color.org)."""
    env = os.environ if env is None else env
    if "NO_COLOR" in env and env["NO_COLOR"] != "":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render(reports: Sequence[FileReport], fmt: str, options: Options | None = None) -> str:
    """The whole report in one format; always ends with a newline (or is empty)."""
    module = importlib.import_module(REPORTERS[resolve_format(fmt)])
    return module.render(reports, options or Options())
