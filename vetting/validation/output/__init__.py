"""Reporters for ``vetting validate``: the same FileReports as text, JSON or GitHub annotations.

* ``text``: ``file:line:col: error: message [rule]``, then indented ``at`` and ``hint``
  lines, then a summary. Colour only on a terminal and without ``NO_COLOR``; the words
  ``error``/``warning`` are always written, so colour never carries meaning alone.
* ``json``: one stable, sorted document (``version: 1``) for tools.
* ``github``: ``::error file=F,line=L,col=C,title=RULE::message`` workflow commands, escaped
  as GitHub documents, so problems show up on the pull request's lines.

Checklist text echoed in messages (ids, test names, values) passes through
:func:`vetting.checklist.textcheck.sanitize` here, once, so no reporter can write terminal control
sequences taken from a file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO

from vetting.checklist.textcheck import sanitize
from vetting.problems import Problem

if TYPE_CHECKING:
    from vetting.validation.pipeline import FileReport

FORMATS = ("auto", "text", "json", "github")
JSON_VERSION = 1

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


class Summary(NamedTuple):
    """Counts over a run; ``strict`` makes files with only warnings count as failing."""

    files: int
    valid: int
    invalid: int
    errors: int
    warnings: int

    def as_dict(self) -> dict[str, int]:
        return {
            "errors": self.errors,
            "files": self.files,
            "invalid": self.invalid,
            "valid": self.valid,
            "warnings": self.warnings,
        }


def file_passes(report: FileReport, *, strict: bool = False) -> bool:
    """A file passes with no errors (and, with ``strict``, no warnings either)."""
    return not report.problems if strict else report.ok


def summarize(reports: Sequence[FileReport], *, strict: bool = False) -> Summary:
    valid = sum(1 for report in reports if file_passes(report, strict=strict))
    return Summary(
        files=len(reports),
        valid=valid,
        invalid=len(reports) - valid,
        errors=sum(report.errors for report in reports),
        warnings=sum(report.warnings for report in reports),
    )


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


def render(
    reports: Sequence[FileReport],
    fmt: str,
    *,
    color: bool = False,
    quiet: bool = False,
    strict: bool = False,
) -> str:
    """The whole report in one of the formats; always ends with a newline (or is empty)."""
    if fmt == "json":
        return render_json(reports, strict=strict)
    if fmt == "github":
        return render_github(reports, quiet=quiet, strict=strict)
    return render_text(reports, color=color, quiet=quiet, strict=strict)


def _shown(problems: Sequence[Problem], *, quiet: bool, strict: bool) -> list[Problem]:
    """``--quiet`` hides warnings that do not fail the run."""
    if quiet and not strict:
        return [problem for problem in problems if problem.is_error]
    return list(problems)


# --------------------------------------------------------------------------- text


def _position(problem: Problem) -> str:
    if problem.line is None:
        return problem.file
    return f"{problem.file}:{problem.line}:{problem.column or 1}"


def render_text(
    reports: Sequence[FileReport],
    *,
    color: bool = False,
    quiet: bool = False,
    strict: bool = False,
) -> str:
    lines: list[str] = []
    for report in reports:
        for problem in _shown(report.problems, quiet=quiet, strict=strict):
            lines.extend(_text_problem(problem, color))
    if not quiet:
        lines.append(_summary_line(summarize(reports, strict=strict), color))
    return "".join(line + "\n" for line in lines)


def _text_problem(problem: Problem, color: bool) -> list[str]:
    level = problem.level.value
    where = sanitize(_position(problem))
    if color:
        paint = _RED if problem.is_error else _YELLOW
        where = f"{_BOLD}{where}{_RESET}"
        level = f"{paint}{_BOLD}{level}{_RESET}"
    rule = f"{_DIM}[{problem.rule}]{_RESET}" if color else f"[{problem.rule}]"
    out = [f"{where}: {level}: {_one_line(problem.message)} {rule}"]
    if problem.path:
        out.append(f"  at {sanitize(problem.json_path())}")
    if problem.suggestion:
        out.append(f"  hint: {_one_line(problem.suggestion)}")
    return out


def _one_line(text: str) -> str:
    return " ".join(sanitize(text).splitlines())


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _summary_line(summary: Summary, color: bool) -> str:
    head = f"{_plural(summary.files, 'file')} checked: {summary.valid} valid"
    if summary.invalid:
        head += f", {summary.invalid} with problems"
    counts = []
    if summary.errors:
        counts.append(_plural(summary.errors, "error"))
    if summary.warnings:
        counts.append(_plural(summary.warnings, "warning"))
    if counts:
        head += f" ({', '.join(counts)})"
    if color and summary.invalid:
        return f"{_BOLD}{head}{_RESET}"
    return head


# --------------------------------------------------------------------------- json


def render_json(reports: Sequence[FileReport], *, strict: bool = False) -> str:
    document = {
        "version": JSON_VERSION,
        "files": [
            {
                "file": report.file,
                "valid": file_passes(report, strict=strict),
                "problems": [_json_problem(problem) for problem in report.problems],
            }
            for report in reports
        ],
        "summary": summarize(reports, strict=strict).as_dict(),
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _json_problem(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "rule": problem.rule,
        "level": problem.level.value,
        "message": sanitize(problem.message),
        "path": sanitize(problem.json_path()) if problem.path else "",
        "suggestion": sanitize(problem.suggestion) if problem.suggestion else None,
    }


# --------------------------------------------------------------------------- github


def escape_data(text: str) -> str:
    """GitHub workflow-command message escaping (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Property values additionally escape ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(
    reports: Sequence[FileReport], *, quiet: bool = False, strict: bool = False
) -> str:
    lines: list[str] = []
    for report in reports:
        for problem in _shown(report.problems, quiet=quiet, strict=strict):
            lines.append(_github_problem(problem))
    if not quiet:
        lines.append(_summary_line(summarize(reports, strict=strict), color=False))
    return "".join(line + "\n" for line in lines)


def _github_problem(problem: Problem) -> str:
    command = "error" if problem.is_error else "warning"
    props = [f"file={escape_property(sanitize(problem.file))}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        props.append(f"col={problem.column or 1}")
    props.append(f"title={escape_property(problem.rule)}")
    message = sanitize(problem.message)
    if problem.path:
        message += f"\nat {sanitize(problem.json_path())}"
    if problem.suggestion:
        message += f"\nhint: {sanitize(problem.suggestion)}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"
