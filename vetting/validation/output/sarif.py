"""SARIF 2.1.0, for GitHub code scanning and other tools that read static-analysis results.

One run, with the rules that were reported described from the rules registry (meaning,
level, a bad and a good example), and one result per problem with its region: start and end
line and column (the end column exclusive, columns counted in Unicode code points, as
``columnKind`` says). Paths relative to the current folder stay relative URIs, which code
scanning resolves against the checkout. A test validates this output against the official
SARIF 2.1.0 JSON Schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from vetting import __version__
from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport, Problem, RuleInfo
from vetting.validation.output.common import Options, shown

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def render(reports: Sequence[FileReport], options: Options) -> str:
    from vetting.validation.catalog import all_rules

    problems = [p for report in reports for p in shown(report.problems, options)]
    used = sorted({problem.rule for problem in problems})
    index = {rule: number for number, rule in enumerate(used)}
    known = all_rules()
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vetting",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_descriptor(rule, known.get(rule)) for rule in used],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
                "results": [_result(problem, index[problem.rule]) for problem in problems],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(rule: str, info: RuleInfo | None) -> dict[str, Any]:
    meaning = info.meaning if info else rule
    descriptor: dict[str, Any] = {
        "id": rule,
        "shortDescription": {"text": meaning},
        "defaultConfiguration": {"level": info.level.value if info else "error"},
    }
    if info and info.bad and info.good:
        descriptor["help"] = {
            "text": f"{meaning}\n\nProblem:\n{info.bad}\n\nFixed:\n{info.good}",
            "markdown": (
                f"{meaning}\n\n**Problem**\n\n```yaml\n{info.bad}\n```\n\n"
                f"**Fixed**\n\n```yaml\n{info.good}\n```"
            ),
        }
    return descriptor


def _result(problem: Problem, rule_index: int) -> dict[str, Any]:
    text = sanitize(problem.message)
    if problem.suggestion:
        text += f"\nhint: {sanitize(problem.suggestion)}"
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(problem.file)}}
    if problem.line is not None:
        region: dict[str, int] = {"startLine": problem.line, "startColumn": problem.column or 1}
        if problem.end_line is not None:
            region["endLine"] = problem.end_line
            if problem.end_column is not None:
                region["endColumn"] = problem.end_column
        location["region"] = region
    result: dict[str, Any] = {
        "ruleId": problem.rule,
        "ruleIndex": rule_index,
        "level": problem.level.value,
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
    }
    if problem.path:
        result["locations"][0]["logicalLocations"] = [
            {"fullyQualifiedName": sanitize(problem.json_path()), "kind": "member"}
        ]
    return result


def artifact_uri(file: str) -> str:
    """A relative URI for a relative path, a ``file:`` URI for an absolute one."""
    path = PurePath(file)
    if path.is_absolute():
        return Path(file).as_uri()
    return quote(path.as_posix(), safe="/")
