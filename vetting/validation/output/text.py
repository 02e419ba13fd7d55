"""The text report: for a person at a terminal, and for logs.

Each problem is ``file:line:col: error: message [rule]`` (the form editors and CI log
viewers turn into links), then the offending line with carets under the problem, as ruff
and rustc show it, then ``at`` (the path in the document) and ``hint`` lines; a summary
ends the report. Colour only when asked (a terminal without ``NO_COLOR``); the words
``error``/``warning`` are always written, so colour never carries meaning alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport, Problem
from vetting.validation.output.common import (
    Options,
    one_line,
    shown,
    summarize,
    summary_line,
)
from vetting.validation.source import excerpt

_RED, _YELLOW, _BLUE, _BOLD, _DIM, _RESET = (
    "\x1b[31m",
    "\x1b[33m",
    "\x1b[34m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[0m",
)


def render(reports: Sequence[FileReport], options: Options) -> str:
    lines: list[str] = []
    for report in reports:
        for problem in shown(report.problems, options):
            lines.extend(problem_lines(problem, report.source, options.color))
    if not options.quiet:
        summary = summarize(reports, strict=options.strict, excluded=options.excluded)
        head = summary_line(summary)
        lines.append(f"{_BOLD}{head}{_RESET}" if options.color and summary.invalid else head)
    return "".join(line + "\n" for line in lines)


def _position(problem: Problem) -> str:
    if problem.line is None:
        return problem.file
    return f"{problem.file}:{problem.line}:{problem.column or 1}"


def problem_lines(problem: Problem, source: dict[int, str], color: bool = False) -> list[str]:
    """One problem: the heading line, the source excerpt, ``at`` and ``hint``."""
    level = problem.level.value
    where = sanitize(_position(problem))
    paint = _RED if problem.is_error else _YELLOW
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        level = f"{paint}{_BOLD}{level}{_RESET}"
    rule = f"{_DIM}[{problem.rule}]{_RESET}" if color else f"[{problem.rule}]"
    out = [f"{where}: {level}: {one_line(problem.message)} {rule}"]
    shown_line = excerpt(problem, source)
    if shown_line is not None:
        number = str(shown_line.number)
        gutter = " " * len(number)
        bar = f"{_BLUE}|{_RESET}" if color else "|"
        carets = f"{paint}{shown_line.carets}{_RESET}" if color else shown_line.carets
        out.append(f"  {number} {bar} {shown_line.line}".rstrip())
        out.append(f"  {gutter} {bar} {carets}")
    if problem.path:
        out.append(f"  at {sanitize(problem.json_path())}")
    if problem.suggestion:
        out.append(f"  hint: {one_line(problem.suggestion)}")
    return out
