"""The validation pipeline: a path (or text) in, a :class:`FileReport` out, never an exception.

Per file: load with the hardened loader (a :class:`~vetting.errors.LoadError` becomes one
Problem) -> text hygiene scan -> JSON Schema -> and, only when the schema found no error,
build the model, run the semantic rules and the golden tests. One bad file never stops the
others, and every problem carries a file, a line and a column.

:func:`load_checklist` is what the app and the other commands use: it returns a
:class:`~vetting.checklist.model.Checklist` or raises :class:`ChecklistInvalid` with the problems.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from vetting.checklist import loader, textcheck, translations
from vetting.checklist.build import build_checklist
from vetting.checklist.chars import escape_controls
from vetting.checklist.model import Checklist
from vetting.errors import LoadError, VettingError
from vetting.gcpause import gc_paused
from vetting.problems import FileReport, Level, Problem
from vetting.validation import rules, schema

__all__ = [
    "LOAD_RULES",
    "ChecklistInvalid",
    "FileReport",
    "load_checklist",
    "validate_document",
    "validate_file",
    "validate_paths",
    "validate_text",
]

#: Loader error code -> the rule id shown to people and CI. Stable: do not rename.
LOAD_RULES: dict[str, str] = {
    "E_READ": "file-unreadable",
    "E_TOO_LARGE": "file-too-large",
    "E_ENCODING": "file-encoding",
    "E_EMPTY": "file-empty",
    "E_ALIAS": "yaml-alias",
    "E_ANCHOR": "yaml-anchor",
    "E_ALIAS_CYCLE": "yaml-alias",
    "E_TAG": "yaml-tag",
    "E_DUP_KEY": "yaml-duplicate-key",
    "E_TOO_DEEP": "yaml-too-deep",
    "E_TOO_MANY_NODES": "yaml-too-many-values",
    "E_SCALAR_TOO_LONG": "yaml-text-too-long",
    "E_KEY_TYPE": "yaml-key-type",
    "E_NUMBER": "yaml-number",
    "E_MULTI_DOC": "yaml-multiple-documents",
    "E_NOT_MAPPING": "yaml-not-mapping",
    "E_TAB": "yaml-tab",
    "E_SYNTAX": "yaml-syntax",
    "E_CONTROL_CHAR": "control-character",
    "E_BIDI": "bidi-control",
    "E_DIRECTIVE": "yaml-directive",
}

# Above this many files, validate_paths spreads the work over worker processes.
_POOL_THRESHOLD = 50
_POOL_WORKERS = 2
_YAML_SUFFIXES = (".yaml", ".yml")


class ChecklistInvalid(VettingError):
    """A checklist file has errors; ``report`` holds every problem found."""

    code = "E_CHECKLIST_INVALID"

    def __init__(self, report: FileReport) -> None:
        self.report = report
        errors = [problem for problem in report.problems if problem.is_error]
        lines = [f"{report.file} is not a valid checklist ({_count(len(errors), 'error')}):"]
        for problem in errors[:10]:
            where = f"line {problem.line}: " if problem.line else ""
            lines.append(f"  {where}{textcheck.sanitize(problem.message)} [{problem.rule}]")
        if len(errors) > 10:
            lines.append(f"  ... and {len(errors) - 10} more; run `vetting validate {report.file}`")
        super().__init__("\n".join(lines))


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


# --------------------------------------------------------------------------- one file


def load_problem(file: str, error: LoadError) -> Problem:
    """A loader error as a Problem; file-level errors without a position point at 1:1."""
    rule = LOAD_RULES.get(error.code) or "load-" + error.code.lower().removeprefix("e_").replace(
        "_", "-"
    )
    return Problem(
        file=file,
        line=error.line or 1,
        column=error.column or 1,
        rule=rule,
        message=error.message,
    )


def validate_document(
    doc: loader.YamlDocument, *, file: str | None = None, lang: str | None = None
) -> FileReport:
    """Text scan, schema, then (if the schema passed) build, rules and golden tests.

    The checks always run on the text as written; with ``lang``, the report's checklist
    is built from the ``lang`` translation (see :func:`vetting.checklist.translations.localize`).
    """
    display = file or doc.source
    problems = list(textcheck.scan_text(doc))
    schema_problems = list(schema.checklist_problems(doc))
    problems.extend(schema_problems)
    checklist: Checklist | None = None
    if not any(problem.is_error for problem in schema_problems):
        checklist, found = _semantic(doc, display)
        problems.extend(found)
        if checklist is not None and translations.match_language(doc.data, lang) is not None:
            localized = translations.localize(doc.data, lang)
            checklist = build_checklist(localized, content_hash=doc.content_hash)
    problems = _finish(problems, display)
    if any(problem.is_error for problem in problems):
        checklist = None
    return FileReport(file=display, problems=problems, checklist=checklist)


def _semantic(doc: loader.YamlDocument, display: str) -> tuple[Checklist | None, list[Problem]]:
    """Build and check; a crash here is a vetting bug, reported as a Problem, not a traceback."""
    try:
        checklist = build_checklist(doc.data, content_hash=doc.content_hash)
        found = rules.check_checklist(checklist, doc, file=display)
        return checklist, found + translations.check_translations(doc.data, doc, display)
    except Exception as error:  # one file's bug must not stop the run
        return None, [
            Problem(
                file=display,
                line=1,
                column=1,
                rule="internal-error",
                message=(
                    f"vetting could not finish checking this file ({type(error).__name__}); "
                    "this is a bug in vetting, please report it"
                ),
            )
        ]


def _finish(problems: Iterable[Problem], display: str) -> list[Problem]:
    """Same file name on every problem, a position on every problem, stable order."""
    fixed = [
        problem
        if problem.file == display and problem.line is not None
        else problem._replace(file=display, line=problem.line or 1, column=problem.column or 1)
        for problem in problems
    ]
    return sorted(fixed, key=Problem.sort_key)


def validate_file(path: str | os.PathLike[str], *, lang: str | None = None) -> FileReport:
    """Check one checklist file; every failure is a Problem in the report.

    ``lang`` picks the language of the report's checklist (the problems are the same).
    The file's name is shown with any control character escaped (issue 17.2).
    """
    display = escape_controls(os.fspath(path))
    with gc_paused():  # one file at a time: a folder is still collected between files
        try:
            doc = loader.load_yaml_file(path)
        except LoadError as error:
            return FileReport(file=display, problems=[load_problem(display, error)])
        return validate_document(doc, file=display, lang=lang)


def validate_text(text: str, *, source: str = "<text>") -> FileReport:
    """Check checklist text that is not (yet) a file, e.g. the app's editor preview."""
    source = escape_controls(source)
    try:
        doc = loader.load_yaml_text(text, source=source)
    except LoadError as error:
        return FileReport(file=source, problems=[load_problem(source, error)])
    return validate_document(doc, file=source)


def load_checklist(path: str | os.PathLike[str], *, lang: str | None = None) -> Checklist:
    """The checklist at ``path``, or :class:`ChecklistInvalid` listing what is wrong.

    With ``lang``, the texts are in that language where the file has a current
    translation and in the checklist's own language everywhere else.
    """
    report = validate_file(path, lang=lang)
    if report.checklist is None:
        raise ChecklistInvalid(report)
    return report.checklist


# --------------------------------------------------------------------------- many files


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


def _folder_files(folder: Path) -> tuple[list[Path], list[FileReport]]:
    """YAML files under ``folder``, sorted, skipping hidden files and folders.

    Also the reports for what was skipped and why (issue 17.8): a subfolder that cannot be
    read (it used to look like a folder with no files), and a link that leads out of
    ``folder``, whose target is never read (its values would be echoed in messages: a
    checklist repository could otherwise print a secret file into CI logs).
    """
    found: list[Path] = []
    skipped: list[FileReport] = []
    inside = os.path.realpath(folder)

    def unreadable(error: OSError) -> None:
        where = os.fspath(error.filename or folder)
        skipped.append(_unreadable_folder(escape_controls(where), error))

    def leads_out(path: Path) -> bool:
        if path.is_symlink() and not _within(os.path.realpath(path), inside):
            skipped.append(_link_outside(escape_controls(os.fspath(path)), folder))
            return True
        return False

    for root, dirs, files in os.walk(folder, onerror=unreadable):  # never into linked folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            leads_out(Path(root) / name)
        for name in files:
            if name.endswith(_YAML_SUFFIXES) and not name.startswith("."):
                path = Path(root) / name
                if not leads_out(path):
                    found.append(path)
    return sorted(found), skipped


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


def expand_paths(paths: Sequence[str | os.PathLike[str]] | None) -> list[str | FileReport]:
    """Files to check, in output order; missing paths become ready-made reports."""
    if not paths:
        from vetting.checklist.resources import builtin_checklist_paths

        return [str(p) for p in builtin_checklist_paths()]
    out: list[str | FileReport] = []
    for raw in paths:
        path = Path(raw)
        display = escape_controls(os.fspath(raw))
        if path.is_dir():
            files, skipped = _folder_files(path)
            out.extend(str(f) for f in files)
            out.extend(skipped)
            if not files and not skipped:
                out.append(_no_yaml(display))
        elif path.exists():
            out.append(os.fspath(raw))
        else:
            out.append(_missing(display))
    return out


def validate_paths(
    paths: Sequence[str | os.PathLike[str]] | None = None,
    *,
    jobs: int | None = None,
    keep_checklists: bool = True,
) -> list[FileReport]:
    """Check files and folders (recursively); no paths means the built-in checklists.

    With many files the work is spread over ``jobs`` worker processes (default 2 when
    there are more than 50 files); the reports keep the order of the paths given.
    ``keep_checklists=False`` drops the built models, which the CLI does not need.
    """
    entries = expand_paths(paths)
    files = [entry for entry in entries if isinstance(entry, str)]
    checked = iter(_check_many(files, jobs, keep_checklists))
    return [next(checked) if isinstance(entry, str) else entry for entry in entries]


def _check_one(path: str, keep_checklist: bool = True) -> FileReport:
    report = validate_file(path)
    if not keep_checklist:
        report.checklist = None
    return report


def _check_many(files: list[str], jobs: int | None, keep: bool) -> list[FileReport]:
    workers = _workers(len(files), jobs)
    if workers > 1:
        pooled = _pooled(files, workers, keep)
        if pooled is not None:
            return pooled
    return [_check_one(path, keep) for path in files]


def _workers(count: int, jobs: int | None) -> int:
    if jobs is None:
        env = os.environ.get("VETTING_JOBS", "")
        jobs = int(env) if env.isdigit() else None
    if jobs is None:
        jobs = _POOL_WORKERS if count > _POOL_THRESHOLD else 1
    return max(1, min(jobs, count, os.cpu_count() or 1))


def _pooled(files: list[str], workers: int, keep: bool) -> list[FileReport] | None:
    """Run in worker processes; None if a pool cannot be used here (then run serially)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    method = "fork" if sys.platform.startswith("linux") else None
    try:
        context = multiprocessing.get_context(method)
        chunk = max(1, len(files) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(pool.map(partial(_check_one, keep_checklist=keep), files, chunksize=chunk))
    except (OSError, RuntimeError, ImportError):
        return None
