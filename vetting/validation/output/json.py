"""The JSON report: one stable, sorted document for tools.

Its shape is ``schemas/validate-output.schema.json`` (a test checks real output against it).
``version`` changes only when the meaning of an existing field changes; fields may be added
without a new version, so a reader should ignore fields it does not know. Lines and columns
are 1-based; ``end_column`` is the column just after the problem's last character.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport, Problem
from vetting.validation.output.common import Options, checked, file_passes, summarize

VERSION = 1


def render(reports: Sequence[FileReport], options: Options) -> str:
    document = {
        "version": VERSION,
        "files": [
            {
                "file": report.file,
                "valid": file_passes(report, strict=options.strict),
                "problems": [_problem(problem) for problem in report.problems],
            }
            for report in checked(reports)
        ],
        "skipped": [
            {"file": report.file, "reason": report.skipped}
            for report in reports
            if report.skipped is not None
        ],
        "summary": summarize(reports, strict=options.strict, excluded=options.excluded).as_dict(),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _problem(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "end_line": problem.end_line,
        "end_column": problem.end_column,
        "rule": problem.rule,
        "level": problem.level.value,
        "message": sanitize(problem.message),
        "path": sanitize(problem.json_path()) if problem.path else "",
        "suggestion": sanitize(problem.suggestion) if problem.suggestion else None,
    }
