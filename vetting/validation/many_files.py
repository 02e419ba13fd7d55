"""Validation of many files: folders, ``exclude`` patterns, standard input, worker processes.

Folders are searched for ``.yaml`` / ``.yml`` (hidden ones and links that lead outside are
skipped, with a report saying so), ``exclude`` patterns are applied
(:mod:`vetting.validation.config`), ``-`` is the standard input, and above 50 files the work
is spread over worker processes. Each file goes through :mod:`vetting.validation.pipeline`;
one bad file or path never stops the others.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from vetting.checklist.chars import escape_controls
from vetting.problems import FileReport, Level, Problem
from vetting.validation.pipeline import validate_bytes, validate_file

#: The path that means "read the standard input".
STDIN = "-"
# Above this many files, validate_paths spreads the work over worker processes.
_POOL_THRESHOLD = 50
_YAML_SUFFIXES = (".yaml", ".yml")


def _missing(display: str) -> FileReport:
    return _path_problem(
        display,
        "file-not-found",
        f"there is no file or folder called {display}",
        "check the spelling and the folder you are in",
    )


def _no_yaml(display: str) -> FileReport:
    return _path_problem(
        display, "no-checklist-files", f"the folder {display} has no .yaml or .yml files to check"
    )


def _path_problem(
    display: str, rule: str, message: str, suggestion: str | None = None
) -> FileReport:
    """A report with one error about the path itself (no line, no column)."""
    problem = Problem(
        file=display, line=None, column=None, rule=rule, message=message, suggestion=suggestion
    )
    return FileReport(file=display, problems=[problem])


Excludes = Sequence[tuple[str, Path]]


def _folder_files(folder: Path, exclude: Excludes) -> tuple[list[Path], int, list[FileReport]]:
    """YAML files under ``folder``, sorted, skipping hidden and excluded ones; how many
    files and folders were excluded; and the reports for what was skipped and why.

    Skipped, with a report (issue 17.8): a subfolder that cannot be read (it used to look
    like a folder with no files), and a link that leads out of ``folder``, whose target
    is never read (its values would be echoed in messages: a checklist repository could
    otherwise print a secret file into CI logs). Linked folders are never entered.
    """
    from vetting.validation.config import is_excluded

    found: list[Path] = []
    skipped: list[FileReport] = []
    excluded = 0
    inside = os.path.realpath(folder)

    def unreadable(error: OSError) -> None:
        where = os.fspath(error.filename or folder)
        skipped.append(_unreadable_folder(escape_controls(where), error))

    def leads_out(path: Path) -> bool:
        if path.is_symlink() and not _within(os.path.realpath(path), inside):
            skipped.append(_link_outside(escape_controls(os.fspath(path)), folder))
            return True
        return False

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        kept = sorted(d for d in dirs if not d.startswith("."))
        if exclude:
            before = len(kept)
            kept = [d for d in kept if not is_excluded(Path(root) / d, exclude)]
            excluded += before - len(kept)
        dirs[:] = [d for d in kept if not leads_out(Path(root) / d)]
        for name in files:
            if name.endswith(_YAML_SUFFIXES) and not name.startswith("."):
                path = Path(root) / name
                if exclude and is_excluded(path, exclude):
                    excluded += 1
                elif not leads_out(path):
                    found.append(path)
    return sorted(found), excluded, skipped


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _unreadable_folder(display: str, error: OSError) -> FileReport:
    reason = error.strerror or "it cannot be read"
    return _path_problem(
        display,
        "folder-unreadable",
        f"the folder {display} cannot be read ({reason}), so its checklists were not checked",
        "check the folder's permissions",
    )


def _link_outside(display: str, folder: Path) -> FileReport:
    problem = Problem(
        file=display,
        line=None,
        column=None,
        rule="link-outside-folder",
        message=(
            f"{display} is a link to a place outside {escape_controls(os.fspath(folder))}; "
            "vetting does not follow it, so it was not checked"
        ),
        level=Level.WARNING,
        suggestion="name the file itself to check it, or copy it into the folder",
    )
    return FileReport(file=display, problems=[problem])


class Expanded(NamedTuple):
    """What the paths given name: files (or :data:`STDIN`) and ready-made reports, in output
    order, and how many files or folders an exclude pattern left out."""

    entries: list[str | FileReport]
    excluded: int


def expand_paths(
    paths: Sequence[str | os.PathLike[str]] | None, exclude: Excludes = ()
) -> Expanded:
    """Files to check, in output order; missing paths become ready-made reports.

    An exclude pattern leaves out files found in folders and files named directly alike (as
    yamllint does), so a pre-commit hook that passes file names honours it too.
    """
    if not paths:
        from vetting.checklist.resources import builtin_checklist_paths

        return Expanded([str(p) for p in builtin_checklist_paths()], 0)
    from vetting.validation.config import is_excluded

    out: list[str | FileReport] = []
    excluded = 0
    for raw in paths:
        display = escape_controls(os.fspath(raw))
        if display == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if exclude and is_excluded(path, exclude):
            excluded += 1
        elif path.is_dir():
            files, left_out, skipped = _folder_files(path, exclude)
            excluded += left_out
            out.extend(str(f) for f in files)
            out.extend(skipped)
            if not files and not left_out and not skipped:
                out.append(_no_yaml(display))
        elif path.exists():
            out.append(os.fspath(raw))
        else:
            out.append(_missing(display))
    return Expanded(out, excluded)


class Options(NamedTuple):
    """How each file is checked (picklable: it goes to worker processes)."""

    keep_checklist: bool = True
    disable: frozenset[str] = frozenset()
    skip_non_checklists: bool = False


DEFAULT_OPTIONS = Options()


def validate_paths(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    jobs: int | None = None,
    keep_checklists: bool = True,
    exclude: Excludes = (),
    disable: frozenset[str] = frozenset(),
    skip_non_checklists: bool = False,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
) -> list[FileReport]:
    """Check files and folders (recursively); no paths means the built-in checklists.

    With more than 50 files the work is spread over ``jobs`` worker processes (default: one
    per core, or ``VETTING_JOBS``); the reports keep the order of the paths given.
    ``keep_checklists=False`` drops the built models, which the CLI does not need. A path
    ``-`` is checked from ``stdin`` (the bytes read from the standard input).
    """
    return validate_expanded(
        expand_paths(paths, exclude),
        jobs=jobs,
        options=Options(keep_checklists, disable, skip_non_checklists),
        stdin=stdin,
        stdin_name=stdin_name,
    )


def validate_expanded(
    expanded: Expanded,
    *,
    jobs: int | None = None,
    options: Options = DEFAULT_OPTIONS,
    stdin: bytes | None = None,
    stdin_name: str = "<stdin>",
) -> list[FileReport]:
    """Check what :func:`expand_paths` found (the CLI also wants its ``excluded`` count)."""
    entries = expanded.entries
    files = [entry for entry in entries if isinstance(entry, str) and entry != STDIN]
    checked = iter(_check_many(files, jobs, options))
    out: list[FileReport] = []
    for entry in entries:
        if entry == STDIN:
            out.append(_check_stdin(stdin, stdin_name, options))
        elif isinstance(entry, str):
            out.append(next(checked))
        else:
            out.append(entry)
    return out


def _check_stdin(raw: bytes | None, name: str, options: Options) -> FileReport:
    report = validate_bytes(
        raw or b"",
        source=name,
        disable=options.disable,
        skip_non_checklists=options.skip_non_checklists,
    )
    if not options.keep_checklist:
        report.checklist = None
    return report


def _check_one(path: str, options: Options = DEFAULT_OPTIONS) -> FileReport:
    report = validate_file(
        path, disable=options.disable, skip_non_checklists=options.skip_non_checklists
    )
    if not options.keep_checklist:
        report.checklist = None
    return report


def _check_many(files: list[str], jobs: int | None, options: Options) -> list[FileReport]:
    workers = _workers(len(files), jobs)
    if workers > 1:
        pooled = _pooled(files, workers, options)
        if pooled is not None:
            return pooled
    return [_check_one(path, options) for path in files]


def _workers(count: int, jobs: int | None) -> int:
    """``jobs``, else ``VETTING_JOBS``, else one per core once there are enough files."""
    if jobs is None:
        env = os.environ.get("VETTING_JOBS", "")
        jobs = int(env) if env.isdigit() and int(env) > 0 else None
    if jobs is None:
        jobs = (os.cpu_count() or 1) if count > _POOL_THRESHOLD else 1
    return max(1, min(jobs, count))


def _pooled(files: list[str], workers: int, options: Options) -> list[FileReport] | None:
    """Run in worker processes; None if a pool cannot be used here (then run serially)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    method = "fork" if sys.platform.startswith("linux") else None
    try:
        context = multiprocessing.get_context(method)
        chunk = max(1, len(files) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(partial(_check_one, options=options), files, chunksize=chunk))
    except (OSError, RuntimeError, ImportError):
        return None
