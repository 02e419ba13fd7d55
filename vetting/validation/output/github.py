"""GitHub Actions workflow commands: each problem an annotation on its lines of the pull request.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=WORDS::message``, escaped as
GitHub documents (``%``, CR and LF in the message; ``:`` and ``,`` too in properties). The
title is the rule in words, with its id: "Score bands leave part of 0-100 uncovered
(band-gap)". The end column is exclusive, as ruff writes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport, Problem
from vetting.validation.output.common import Options, shown, summarize, summary_line


def escape_data(text: str) -> str:
    """GitHub workflow-command message escaping (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values additionally escape ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport], options: Options) -> str:
    from vetting.validation.catalog import title

    lines: list[str] = []
    for report in reports:
        for problem in shown(report.problems, options):
            lines.append(annotation(problem, title(problem.rule)))
    if not options.quiet:
        lines.append(
            summary_line(summarize(reports, strict=options.strict, excluded=options.excluded))
        )
    return "".join(line + "\n" for line in lines)


def annotation(problem: Problem, title: str) -> str:
    command = "error" if problem.is_error else "warning"
    props = [f"file={escape_property(sanitize(problem.file))}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column or 1}")
        if problem.end_line is not None:
            props.append(f"endLine={problem.end_line}")
            if problem.end_line == problem.line and problem.end_column is not None:
                props.append(f"endColumn={problem.end_column}")
    props.append(f"title={escape_property(sanitize(title))}")
    message = sanitize(problem.message)
    if problem.path:
        message += f"\nat {sanitize(problem.json_path())}"
    if problem.suggestion:
        message += f"\nhint: {sanitize(problem.suggestion)}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"
