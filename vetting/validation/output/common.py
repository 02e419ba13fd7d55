"""What every reporter shares: the run's options, who passes, the counts, safe text.

Checklist text echoed in messages (ids, test names, values) passes through
:func:`vetting.checklist.textcheck.sanitize` in the reporters, once, so no reporter can
write terminal control sequences taken from a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from vetting.checklist.textcheck import sanitize
from vetting.problems import FileReport, Problem


class Options(NamedTuple):
    """How to render: colour (text only), ``quiet`` (failing problems only, no summary),
    ``strict`` (warnings fail), and how many files an exclude pattern left out."""

    color: bool = False
    quiet: bool = False
    strict: bool = False
    excluded: int = 0


class Summary(NamedTuple):
    """Counts over a run; ``strict`` makes files with only warnings count as failing."""

    files: int
    valid: int
    invalid: int
    errors: int
    warnings: int
    skipped: int = 0
    excluded: int = 0
    not_followed: int = 0  # links out of a folder: named, warned about, never read

    def as_dict(self) -> dict[str, int]:
        return {
            "errors": self.errors,
            "excluded": self.excluded,
            "files": self.files,
            "invalid": self.invalid,
            "not_followed": self.not_followed,
            "skipped": self.skipped,
            "valid": self.valid,
            "warnings": self.warnings,
        }


def checked(reports: Sequence[FileReport]) -> list[FileReport]:
    """The reports of files that were checked (not skipped as plainly not checklists)."""
    return [report for report in reports if report.skipped is None]


def file_passes(report: FileReport, *, strict: bool = False) -> bool:
    """A file passes with no errors (and, with ``strict``, no warnings either)."""
    return not report.problems if strict else report.ok


def not_followed(report: FileReport) -> bool:
    """A link out of a folder: reported (a warning), but its file was never read, so it
    counts neither as checked nor as valid (issue 17.8)."""
    return bool(report.problems) and all(
        problem.rule == "link-outside-folder" for problem in report.problems
    )


def summarize(reports: Sequence[FileReport], *, strict: bool = False, excluded: int = 0) -> Summary:
    done = checked(reports)
    links = [report for report in done if not_followed(report)]
    read = [report for report in done if not not_followed(report)]
    valid = sum(1 for report in read if file_passes(report, strict=strict))
    return Summary(
        files=len(read),
        valid=valid,
        invalid=len(read) - valid,
        errors=sum(report.errors for report in done),
        warnings=sum(report.warnings for report in done),
        skipped=len(reports) - len(done),
        excluded=excluded,
        not_followed=len(links),
    )


def shown(problems: Sequence[Problem], options: Options) -> list[Problem]:
    """``--quiet`` hides warnings that do not fail the run."""
    if options.quiet and not options.strict:
        return [problem for problem in problems if problem.is_error]
    return list(problems)


def one_line(text: str) -> str:
    return " ".join(sanitize(text).splitlines())


def plural(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def summary_line(summary: Summary) -> str:
    """``3 files checked: 2 valid, 1 with problems (1 error)``, plus what was left out."""
    head = f"{plural(summary.files, 'file')} checked: {summary.valid} valid"
    if summary.invalid:
        head += f", {summary.invalid} with problems"
    counts = []
    if summary.errors:
        counts.append(plural(summary.errors, "error"))
    if summary.warnings:
        counts.append(plural(summary.warnings, "warning"))
    if counts:
        head += f" ({', '.join(counts)})"
    left_out = []
    if summary.skipped:
        left_out.append(f"{summary.skipped} skipped as not checklists")
    if summary.excluded:
        left_out.append(f"{summary.excluded} excluded")
    if summary.not_followed:
        left_out.append(f"{plural(summary.not_followed, 'link')} not followed")
    if left_out:
        head += "; " + ", ".join(left_out)
    return head
