"""A Markdown summary of the run, appended to ``$GITHUB_STEP_SUMMARY`` when it is set.

GitHub shows it on the workflow run's page: the counts, then a table of the problems (at
most :data:`MAX_ROWS`, so a huge run cannot fill the 1 MiB the page allows). Text from the
checklists is sanitized and its Markdown table characters escaped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport
from vetting.validation.output.common import Options, plural, shown, summarize, summary_line

MAX_ROWS = 200


def markdown(reports: Sequence[FileReport], options: Options) -> str:
    summary = summarize(reports, strict=options.strict, excluded=options.excluded)
    verdict = "✅ all valid" if not summary.invalid else "❌ problems found"
    lines = ["### vetting validate: " + verdict, "", summary_line(summary), ""]
    problems = [p for report in reports for p in shown(report.problems, options)]
    if problems:
        lines += ["| where | level | rule | problem |", "|---|---|---|---|"]
        for problem in problems[:MAX_ROWS]:
            where = problem.file + (
                f":{problem.line}:{problem.column or 1}" if problem.line else ""
            )
            lines.append(
                f"| `{_cell(where, code=True)}` | {problem.level.value} | `{problem.rule}` "
                f"| {_cell(problem.message)} |"
            )
        if len(problems) > MAX_ROWS:
            lines += ["", f"… and {plural(len(problems) - MAX_ROWS, 'more problem')}."]
        lines.append("")
    return "\n".join(lines) + "\n"


def _cell(text: str, *, code: bool = False) -> str:
    """One table cell: one line, ``|`` escaped; no backtick inside a code span."""
    text = " ".join(sanitize(text).splitlines()).replace("|", "\\|")
    return text.replace("`", "'") if code else text


def append(
    reports: Sequence[FileReport], options: Options, env: Mapping[str, str] | None = None
) -> str | None:
    """Append the summary to the file ``$GITHUB_STEP_SUMMARY`` names; a message if it cannot."""
    env = os.environ if env is None else env
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown(reports, options))
    except OSError as error:
        return f"could not write the step summary to {target} ({error.strerror or error})"
    return None
