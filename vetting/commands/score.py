"""``vetting score CHECKLIST ANSWERS``: score an answers file and print the result.

The report is data and goes to stdout; problems with the checklist or the answers go to
stderr as ``file:line:col: error: message [rule]`` (in English: they are for the file's
author). ``--lang`` means what it means for ``vetting run``: the checklist's texts in that
translation where it has one, and vetting's own words and numbers in that language; the
default is the system's language. JSON keys and ids stay English. Exit 0 with a report, 1 when the
checklist or the answers have problems (nothing is scored then), 2 for a wrong command
line. Imports stay inside :func:`run` so registering the command costs nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from vetting.exitcodes import ExitCode
from vetting.problems import Problem

FORMATS = ("text", "json", "markdown", "html")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("checklist", metavar="CHECKLIST", help="the checklist file (.yaml)")
    parser.add_argument(
        "answers",
        metavar="ANSWERS",
        help="a saved session or hand-written answers file (.json or .yaml)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="report style (default: text)"
    )
    parser.add_argument(
        "--lang",
        metavar="TAG",
        default=None,
        help=(
            "write the result in this language (such as es) where there is a translation; "
            "the default is your system's language"
        ),
    )


def run(args: argparse.Namespace, name: str) -> int:
    from vetting import reports, scoring
    from vetting.checklist.textcheck import sanitize
    from vetting.commands.app import chosen_language
    from vetting.i18n import set_language
    from vetting.reports.document import set_number_locale
    from vetting.validation import answers_file as answers
    from vetting.validation.pipeline import ChecklistInvalid, load_checklist

    language = chosen_language(args)
    set_language(language)
    set_number_locale(_full_tag(args))

    missing = _missing_file(args.checklist, "checklist") or _missing_file(args.answers, "answers")
    if missing:
        print(sanitize(f"vetting score: {missing}"), file=sys.stderr)
        return ExitCode.PROBLEMS
    try:
        checklist = load_checklist(args.checklist, lang=language)
    except ChecklistInvalid as error:
        print(sanitize(error.message), file=sys.stderr)
        return ExitCode.PROBLEMS
    try:
        answers_file = answers.load_answers_file(args.answers)
    except answers.AnswersInvalid as error:
        _print_problems(error.problems)
        return ExitCode.PROBLEMS
    problems = answers.check_answers_file(checklist, answers_file)
    _print_problems(problems)
    if any(problem.is_error for problem in problems):
        return ExitCode.PROBLEMS
    result = scoring.score(checklist, answers_file.answers)
    given = answers_file.answers if args.format != "text" else None
    sys.stdout.write(reports.render(args.format, checklist, result, given))
    sys.stdout.flush()
    return ExitCode.OK


def _full_tag(args: argparse.Namespace) -> str | None:
    """The language tag with its region (``es-MX``, ``es_US.UTF-8``), for numbers: the one
    given on the command line, else the system's (``LC_ALL``, ``LC_NUMERIC``, ``LANG``)."""
    given = getattr(args, "lang", None) or getattr(args, "app_lang", None)
    if given:
        return str(given)
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        if os.environ.get(name):
            return os.environ[name]
    return None


def _missing_file(path: str, what: str) -> str | None:
    """A one-line message when ``path`` is not a readable file, else None."""
    if os.path.isdir(path):
        return f"the {what} path {path} is a folder; give a file"
    if not os.path.exists(path):
        return f"there is no {what} file called {path}"
    return None


def format_problem(problem: Problem) -> str:
    """``file:line:col: level: message [rule]``, plus the suggestion when there is one."""
    from vetting.checklist.textcheck import sanitize

    where = problem.file
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    text = f"{where}: {problem.level.value}: {problem.message} [{problem.rule}]"
    if problem.suggestion:
        text += f" ({problem.suggestion})"
    return sanitize(text)


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(format_problem(problem), file=sys.stderr)
