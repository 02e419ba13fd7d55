"""The validation pipeline: a path (or text) in, a :class:`FileReport` out, never an exception.

Per file: load with the hardened loader (a :class:`~vetting.errors.LoadError` becomes one
Problem) -> text hygiene scan -> JSON Schema -> and, only when the schema found no error,
build the model, run the semantic rules and the golden tests. Then every problem gets the
end of its span and its source line (:mod:`vetting.validation.source`), and ``# vetting:
disable=`` comments (:mod:`vetting.validation.disables`) are applied. One bad file never
stops the others, and every problem carries a file, a line and a column.

Many files: folders are searched for ``.yaml`` / ``.yml``, ``exclude`` patterns are applied
(:mod:`vetting.validation.config`), ``-`` is the standard input, and above 50 files the
work is spread over worker processes.

:func:`load_checklist` is what the app and the other commands use: it returns a
:class:`~vetting.checklist.model.Checklist` or raises :class:`ChecklistInvalid` with the problems.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from vetting.checklist import loader, textcheck, translations
from vetting.checklist.build import build_checklist
from vetting.checklist.model import Checklist
from vetting.errors import LoadError, VettingError
from vetting.gcpause import gc_paused
from vetting.problems import FileReport, Problem
from vetting.validation import rules, schema, source
from vetting.validation.load_rules import LOAD_RULES, load_problem

__all__ = [
    "LOAD_RULES",
    "STDIN",
    "ChecklistInvalid",
    "FileReport",
    "load_checklist",
    "load_problem",
    "validate_bytes",
    "validate_document",
    "validate_file",
    "validate_paths",
    "validate_text",
]

#: The path that means "read the standard input".
STDIN = "-"
#: Keys only a checklist has: a file with none of them is plainly something else.
_CHECKLIST_KEYS = ("format", "sections")
_CHECKLIST_KINDS = ("red-flags", "choice", "fit")

# Above this many files, validate_paths spreads the work over worker processes.
_POOL_THRESHOLD = 50
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


def validate_document(
    doc: loader.YamlDocument,
    *,
    file: str | None = None,
    lang: str | None = None,
    disable: frozenset[str] = frozenset(),
) -> FileReport:
    """Text scan, schema, then (if the schema passed) build, rules and golden tests.

    The checks always run on the text as written; with ``lang``, the report's checklist
    is built from the ``lang`` translation (see :func:`vetting.checklist.translations.localize`).
    ``disable`` holds rules turned off for the whole run (warnings only, from the config).
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
    report = _finish(_explained(problems), display, doc.text, doc, disable)
    if not report.ok:
        checklist = None
    report.checklist = checklist
    return report


def _explained(problems: list[Problem]) -> list[Problem]:
    """Drop what a curly-quote problem already explains: the same value, found wrong again."""
    curly = {p.path for p in problems if p.rule == "yaml-curly-quotes"}
    if not curly:
        return problems
    return [p for p in problems if p.rule == "yaml-curly-quotes" or p.path not in curly]


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


def _finish(
    problems: Iterable[Problem],
    display: str,
    text: str | None,
    doc: loader.YamlDocument | None = None,
    disable: frozenset[str] = frozenset(),
) -> FileReport:
    """Same file name and a position on every problem, end positions, disables, stable order."""
    fixed = [
        problem
        if problem.file == display and problem.line is not None
        else problem._replace(file=display, line=problem.line or 1, column=problem.column or 1)
        for problem in problems
    ]
    if disable:
        fixed = [problem for problem in fixed if problem.rule not in disable]
    spans = doc.scalar_spans() if doc is not None and fixed else ()
    if text is not None and "vetting:" in text:
        fixed = _apply_disables(fixed, text, doc, display)
    fixed, lines = source.complete(fixed, text, spans)
    return FileReport(file=display, problems=sorted(fixed, key=Problem.sort_key), source=lines)


def _apply_disables(
    problems: list[Problem], text: str, doc: loader.YamlDocument | None, display: str
) -> list[Problem]:
    from vetting.validation import disables
    from vetting.validation.catalog import all_rules

    spans = doc.scalar_spans() if doc is not None else ()
    found = disables.find(text, spans)
    return disables.apply(problems, found, all_rules(), display) if found else problems


def load_error_report(display: str, error: LoadError, raw: bytes | str | None) -> FileReport:
    """The one problem of a file that could not be loaded, with its source line if readable."""
    if isinstance(raw, bytes) and b"\x00" in raw:
        raw = None  # UTF-16 or binary: no line of it would be readable
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    if text is not None and len(text) > loader.MAX_BYTES:
        text = None
    if text is not None:
        text = text.removeprefix("\ufeff")
    return _finish([load_problem(display, error)], display, text)


def not_a_checklist(doc: loader.YamlDocument) -> str | None:
    """Why a loaded file is plainly not a checklist (None when it may be one)."""
    data = doc.data
    if any(key in data for key in _CHECKLIST_KEYS) or data.get("kind") in _CHECKLIST_KINDS:
        return None
    if "checklist.schema.json" in doc.text[:1000]:
        return None
    return "not a checklist (it has no `format:` or `sections:` key)"


def validate_file(
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    disable: frozenset[str] = frozenset(),
    skip_non_checklists: bool = False,
) -> FileReport:
    """Check one checklist file; every failure is a Problem in the report.

    ``lang`` picks the language of the report's checklist (the problems are the same).
    With ``skip_non_checklists``, a file that is plainly something else (a CI workflow, a
    list) comes back with ``skipped`` set and no problems.
    """
    display = os.fspath(path)
    with gc_paused():  # one file at a time: a folder is still collected between files
        try:
            doc = loader.load_yaml_file(path)
        except LoadError as error:
            if skip_non_checklists and error.code == "E_NOT_MAPPING":
                return FileReport(file=display, skipped="not a checklist (it is not a mapping)")
            return load_error_report(display, error, _raw_for_excerpt(path, error))
        return _checked(doc, display, lang, disable, skip_non_checklists)


def _checked(
    doc: loader.YamlDocument,
    display: str,
    lang: str | None,
    disable: frozenset[str],
    skip_non_checklists: bool,
) -> FileReport:
    if skip_non_checklists:
        reason = not_a_checklist(doc)
        if reason is not None:
            return FileReport(file=display, skipped=reason)
    return validate_document(doc, file=display, lang=lang, disable=disable)


def _raw_for_excerpt(path: str | os.PathLike[str], error: LoadError) -> bytes | None:
    """The file's bytes again, for the source line under a load error (never a huge read)."""
    if error.code in ("E_READ", "E_TOO_LARGE") or error.line is None:
        return None
    try:
        with open(path, "rb") as handle:
            return handle.read(loader.MAX_BYTES + 1)
    except OSError:
        return None


def validate_bytes(
    raw: bytes,
    *,
    source: str = "<stdin>",
    disable: frozenset[str] = frozenset(),
    skip_non_checklists: bool = False,
) -> FileReport:
    """Check a checklist given as bytes (the standard input), exactly as a file is checked."""
    with gc_paused():
        try:
            doc = loader.load_yaml_bytes(raw, source=source)
        except LoadError as error:
            if skip_non_checklists and error.code == "E_NOT_MAPPING":
                return FileReport(file=source, skipped="not a checklist (it is not a mapping)")
            return load_error_report(source, error, raw)
        return _checked(doc, source, None, disable, skip_non_checklists)


def validate_text(text: str, *, source: str = "<text>") -> FileReport:
    """Check checklist text that is not (yet) a file, e.g. the app's editor preview."""
    try:
        doc = loader.load_yaml_text(text, source=source)
    except LoadError as error:
        return load_error_report(source, error, text)
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


Excludes = Sequence[tuple[str, Path]]


def _folder_files(folder: Path, exclude: Excludes) -> tuple[list[Path], int]:
    """YAML files under ``folder``, sorted, skipping hidden and excluded ones; and how many
    files and folders were excluded."""
    from vetting.validation.config import is_excluded

    found: list[Path] = []
    excluded = 0
    for root, dirs, files in os.walk(folder):
        kept = sorted(d for d in dirs if not d.startswith("."))
        if exclude:
            before = len(kept)
            kept = [d for d in kept if not is_excluded(Path(root) / d, exclude)]
            excluded += before - len(kept)
        dirs[:] = kept
        for name in files:
            if name.endswith(_YAML_SUFFIXES) and not name.startswith("."):
                path = Path(root) / name
                if exclude and is_excluded(path, exclude):
                    excluded += 1
                else:
                    found.append(path)
    return sorted(found), excluded


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
        display = os.fspath(raw)
        if display == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if exclude and is_excluded(path, exclude):
            excluded += 1
        elif path.is_dir():
            files, left_out = _folder_files(path, exclude)
            excluded += left_out
            if files:
                out.extend(str(f) for f in files)
            elif not left_out:
                out.append(_no_yaml(display))
        elif path.exists():
            out.append(display)
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
