"""``vetting`` / ``vetting app`` (the home screen) and ``vetting run FILE`` (one checklist).

Textual is imported inside :func:`run` only, so ``vetting --help`` and ``vetting validate``
never load it. ``vetting run`` validates the file once, here: a checklist with errors is
never opened (its problems go to stderr and the exit code is 1); a good one's report is
handed to the app, which opens it straight on its first page.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vetting.exitcodes import ExitCode
from vetting.i18n import _

if TYPE_CHECKING:
    from vetting.tui.app import VettingApp
    from vetting.validation.pipeline import FileReport


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    if name == "run":
        parser.add_argument("file", metavar="FILE", help=_("the checklist file to open"))
    parser.add_argument(
        "--lang",
        metavar="TAG",
        default=None,
        help=_(
            "show vetting and its checklists in this language (such as es) where they have "
            "a translation; the default is the language you picked in the app, else your "
            "system's language"
        ),
    )


def run(args: argparse.Namespace, name: str) -> int:
    path: Path | None = None
    report: FileReport | None = None
    from vetting.i18n import set_language

    language = chosen_language(args)
    set_language(language)  # vetting's own words, in the terminal and in the app
    if name == "run":
        path = Path(args.file)
        report = checked_file(path, language)
        if report is None:
            return ExitCode.PROBLEMS
    app = build_app(path, report, language)
    code = run_to_the_end(app)
    return int(code if code is not None else app.return_code or 0)


def run_to_the_end(app: VettingApp) -> int | None:
    """Run the app; after a quick exit, end the process at once, whatever is still running.

    Textual runs thread workers in asyncio's default executor, and Python waits for those
    threads before a process ends: a worker stuck reading (a FIFO, a network disk that
    hangs) kept vetting alive after Ctrl+Q had already cleared the screen (issue 17.1).
    With a loop of our own, ``App.run`` returns once the terminal is restored; a quick
    exit then leaves with ``os._exit`` (it saves nothing more by design, and every file
    written before is whole: saves are atomic). An ordinary exit still lets a save that
    is under way finish.
    """
    import asyncio  # already loaded by Textual

    loop = asyncio.new_event_loop()
    try:
        code = app.run(loop=loop)
        if getattr(app, "closing", False):
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(int(code if code is not None else app.return_code or 0))
        loop.run_until_complete(loop.shutdown_default_executor())  # as asyncio.run does
    finally:
        loop.close()
    return code


def build_app(
    path: Path | None, report: FileReport | None, language: str | None, **options: Any
) -> VettingApp:
    """The app the CLI runs (``options`` go to ``make_app``; the benchmark passes a data
    folder), built after Textual and the checklist are loaded.

    Everything loaded so far lives until the app exits, so it is moved out of the garbage
    collector's sight (``gc.freeze``): otherwise each full collection while the first
    screen is built walks every module object and the whole checklist again, a cost
    that grows with the checklist's length.
    """
    from vetting.tui.app import make_app

    gc.freeze()
    return make_app(open_path=path, open_report=report, language=language, **options)


def load_shared_modules() -> None:
    """Import, before the fork, what both the validating child and the app need.

    Both would otherwise import it (the model, scoring, and with them dataclasses, typing,
    inspect, json and datetime, ~25 ms): once here, the child inherits it and does only
    the work that is its own, alongside the app's import rather than after it.
    """
    import vetting.checklist.textcheck
    import vetting.scoring.conditions
    import vetting.sessions.store  # noqa: F401


def load_app_modules() -> None:
    """Import what showing a checklist needs (Textual, the app, the take screen).

    With the garbage collector paused: everything imported lives until the app exits
    (build_app then freezes it out of the collector's way).
    """
    from vetting.gcpause import gc_paused

    with gc_paused():
        import vetting.tui.app
        import vetting.tui.screens.take  # noqa: F401


def chosen_language(args: argparse.Namespace) -> str | None:
    """``--lang`` (after the command, or before it) if given, else the language the person
    picked in the app (saved in their settings), else the system's language.

    A checklist without that translation simply shows its own language, so the system's
    language is a safe default. A settings file that cannot be read counts as no choice
    (the app says so once it is open).
    """
    from vetting.settings import preferred_language

    return preferred_language(getattr(args, "lang", None) or getattr(args, "app_lang", None))


def checked_file(path: Path, language: str | None = None) -> FileReport | None:
    """Validate ``path`` once (in ``language``); ``None`` after printing its problems.

    The file is validated in a child process while the app's modules are imported here
    (:mod:`vetting.validation.background`), so the two overlap on a machine with more than one core.
    The app is given this report and does not validate the file again.
    """
    from vetting.gcpause import gc_paused
    from vetting.validation.background import validate_in_background

    with gc_paused():
        load_shared_modules()
    pending = validate_in_background(path, language)
    load_app_modules()
    report = pending.result()
    from vetting.checklist.chars import escape_controls

    if report.ok:
        return report
    # One line per problem, whatever a name or key in it holds (issue 17.2).
    print(
        _("vetting run: {path} cannot be opened:").format(path=escape_controls(str(path))),
        file=sys.stderr,
    )
    for problem in report.problems:
        # TRANSLATORS: where a problem is in a checklist file: "line 12" or "file" (no line).
        where = _("line {number}").format(number=problem.line) if problem.line else _("file")
        print(f"  {where}: {escape_controls(problem.message)}", file=sys.stderr)
    return None
