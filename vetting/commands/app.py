"""``vetting`` / ``vetting app`` (the home screen) and ``vetting run FILE`` (one checklist).

Textual is imported inside :func:`run` only, so ``vetting --help`` and ``vetting validate``
never load it. ``vetting run`` validates the file first: a checklist with errors is never
opened; its problems go to stderr and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vetting.exitcodes import ExitCode


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "run":
        parser.add_argument("file", metavar="FILE", help="the checklist file to open")
    parser.add_argument(
        "--lang",
        metavar="TAG",
        default=None,
        help=(
            "show checklists in this language (such as es) where they have a translation; "
            "the default is your system's language, else each checklist's own"
        ),
    )


def run(args: argparse.Namespace, name: str) -> int:
    path: Path | None = None
    if name == "run":
        path = Path(args.file)
        if not _checklist_ok(path):
            return ExitCode.PROBLEMS
    from vetting.tui.app import make_app

    app = make_app(open_path=path, language=chosen_language(args))
    code = app.run()
    return int(code if code is not None else app.return_code or 0)


def chosen_language(args: argparse.Namespace) -> str | None:
    """``--lang`` (after the command, or before it) if given, else the system's language.

    A checklist without that translation simply shows its own language, so the system's
    language is a safe default.
    """
    from vetting.translations import language_from_environment

    chosen = getattr(args, "lang", None) or getattr(args, "app_lang", None)
    return chosen or language_from_environment()


def _checklist_ok(path: Path) -> bool:
    """Validate ``path``; print its problems to stderr when it has errors."""
    from vetting.textcheck import sanitize
    from vetting.validate import validate_file

    report = validate_file(path)
    if report.ok:
        return True
    print(f"vetting run: {path} cannot be opened:", file=sys.stderr)
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line else "file"
        print(sanitize(f"  {where}: {problem.message}"), file=sys.stderr)
    return False
