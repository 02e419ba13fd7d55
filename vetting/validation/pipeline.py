"""The validation pipeline: a path (or text) in, a :class:`FileReport` out, never an exception.

Per file: load with the hardened loader (a :class:`~vetting.errors.LoadError` becomes one
Problem) -> text hygiene scan -> JSON Schema -> and, only when the schema found no error,
build the model, run the semantic rules and the golden tests. Then every problem gets the
end of its span and its source line (:mod:`vetting.validation.source`), and ``# vetting:
disable=`` comments (:mod:`vetting.validation.disables`) are applied. One bad file never
stops the others, and every problem carries a file, a line and a column.

Many files (folders, excludes, standard input, worker processes) are
:mod:`vetting.validation.many_files`.

:func:`load_checklist` is what the app and the other commands use: it returns a
:class:`~vetting.checklist.model.Checklist` or raises :class:`ChecklistInvalid` with the problems.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from vetting.checklist import loader, textcheck, translations
from vetting.checklist.build import build_checklist
from vetting.checklist.chars import escape_controls
from vetting.checklist.model import Checklist
from vetting.errors import LoadError, VettingError
from vetting.gcpause import gc_paused
from vetting.problems import FileReport, Problem
from vetting.validation import rules, schema, source
from vetting.validation.load_rules import LOAD_RULES, load_problem, portability_problems

__all__ = [
    "LOAD_RULES",
    "ChecklistInvalid",
    "FileReport",
    "load_checklist",
    "load_problem",
    "validate_bytes",
    "validate_document",
    "validate_file",
    "validate_text",
]

#: Keys only a checklist has: a file with none of them is plainly something else.
_CHECKLIST_KEYS = ("format", "sections")
_CHECKLIST_KINDS = ("red-flags", "choice", "fit")


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
    problems.extend(portability_problems(doc, display))
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
    list) comes back with ``skipped`` set and no problems. The file's name is shown with
    any control character escaped (issue 17.2).
    """
    display = escape_controls(os.fspath(path))
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
        return loader.read_file(path, loader.MAX_BYTES + 1)  # never waits on a FIFO
    except LoadError:
        return None


def validate_bytes(
    raw: bytes,
    *,
    source: str = "<stdin>",
    disable: frozenset[str] = frozenset(),
    skip_non_checklists: bool = False,
) -> FileReport:
    """Check a checklist given as bytes (the standard input), exactly as a file is checked."""
    source = escape_controls(source)
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
    source = escape_controls(source)
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
