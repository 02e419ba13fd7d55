"""``vetting validate --against REF``: compare each checklist with its version at a git ref.

Rules: ``version-not-bumped`` (error) and ``compare-unavailable`` (error), in :data:`RULES`.

CI runs this on pull requests so a change that can alter people's saved results (points,
weights, bands, a removed question…) cannot land without a version bump. Git is run as
a subprocess with a fixed argument list; the file's text at REF goes through the same
hardened loader as any other checklist.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from vetting.checklist.changes import compare
from vetting.problems import Level, Problem, RuleInfo
from vetting.validation.pipeline import FileReport, validate_text

RULE = "version-not-bumped"
RULES: dict[str, RuleInfo] = {
    RULE: RuleInfo(
        Level.ERROR,
        "a change that can alter saved results (points, weights, bands, a removed question) "
        "without a version bump",
        '# points: 3 -> 4 since origin/main\nversion: "1.0.0"',
        '# points: 3 -> 4 since origin/main\nversion: "1.1.0"',
    ),
    "compare-unavailable": RuleInfo(
        Level.ERROR,
        "`--against REF` cannot compare: not a git repository, or git does not know REF",
        "vetting validate --against origin/mian checklists/",
        "vetting validate --against origin/main checklists/",
        can_disable=False,
    ),
}
_VERSION_LINE = re.compile(r"^version\s*:", re.M)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=30
    )


def text_at_ref(path: Path, ref: str) -> str | None:
    """The file's text at ``ref``, or None when it did not exist there (a new file)."""
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitUnavailable(f"{path} is not inside a git repository")
    relative = path.resolve().relative_to(Path(top.stdout.decode().strip()).resolve())
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise GitUnavailable(f"git does not know the ref `{ref}`")
    shown = _git(folder, "show", f"{ref}:{relative.as_posix()}")
    if shown.returncode != 0:
        return None
    return shown.stdout.decode("utf-8", errors="replace")


class GitUnavailable(Exception):
    """The comparison cannot run (no git, not a repository, unknown ref)."""


def check_against(report: FileReport, ref: str) -> list[Problem]:
    """Problems for one valid file: a missing version bump, or why no comparison ran."""
    if report.checklist is None:
        return []
    path = Path(report.file)
    try:
        old_text = text_at_ref(path, ref)
    except (GitUnavailable, OSError, subprocess.SubprocessError) as error:
        return [_problem(report.file, None, "compare-unavailable", str(error), Level.ERROR)]
    if old_text is None:
        return []
    old = validate_text(old_text, source=f"{ref}:{path.name}")
    if old.checklist is None:
        return []  # the old version was broken: nothing saved against it can be trusted anyway
    comparison = compare(old.checklist, report.checklist)
    if not comparison.needs_bump:
        return []
    shown = "; ".join(f"{c.where}: {c.what}" for c in comparison.incompatible[:3])
    more = len(comparison.incompatible) - 3
    message = (
        f"{len(comparison.incompatible)} change(s) since {ref} can alter saved results "
        f"({shown}{f'; and {more} more' if more > 0 else ''}), but `version` is still "
        f"{comparison.new_version!r}"
    )
    line, text = _version_line(path)
    problem = _problem(
        report.file,
        line,
        RULE,
        message,
        Level.ERROR,
        suggestion=f"raise `version` above {comparison.old_version!r}, e.g. the next number",
    )
    if line is not None:
        report.source.setdefault(line, text)  # for the caret under `version`
        problem = problem._replace(end_line=line, end_column=len("version") + 1)
    return [problem]


def _version_line(path: Path) -> tuple[int | None, str]:
    """The number and text of the line that sets ``version``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None, ""
    match = _VERSION_LINE.search(text)
    if not match:
        return None, ""
    number = text.count("\n", 0, match.start()) + 1
    return number, text.splitlines()[number - 1]


def _problem(
    file: str,
    line: int | None,
    rule: str,
    message: str,
    level: Level,
    suggestion: str | None = None,
) -> Problem:
    return Problem(
        file=file,
        line=line,
        column=1 if line else None,
        rule=rule,
        message=message,
        level=level,
        path=("version",) if rule == RULE else (),
        suggestion=suggestion,
    )
