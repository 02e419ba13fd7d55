"""``vetting validate [PATH ...]``: check checklist files and folders, report every problem.

Exit 0 when every file is valid (warnings allowed unless ``--strict``), 1 when any file has
a problem, 2 for a wrong command line. The report is data and goes to stdout; only
diagnostics about the run itself go to stderr. Module-level imports stay light: the CLI
imports this module just to register its arguments.
"""

from __future__ import annotations

import argparse
import sys

from vetting.exitcodes import ExitCode

FORMATS = ("auto", "text", "json", "github")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="checklist files or folders (searched for .yaml/.yml); none = the built-in ones",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="report style; auto = github annotations under GitHub Actions, else text",
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail the run too (exit 1)")
    parser.add_argument(
        "--against",
        metavar="REF",
        help="also compare each file with its version at this git ref (e.g. origin/main) and "
        "fail when a change that can alter saved results comes without a version bump",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only problems that fail the run, and no summary line",
    )


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.validation import output
    from vetting.validation.pipeline import validate_paths

    reports = validate_paths(args.paths or None, keep_checklists=bool(args.against))
    if not reports:
        print("vetting validate: there are no checklist files to check", file=sys.stderr)
        return ExitCode.PROBLEMS
    if args.against:
        from vetting.validation.against import check_against

        for report in reports:
            report.problems = sorted(
                [*report.problems, *check_against(report, args.against)],
                key=lambda problem: problem.sort_key(),
            )
    fmt = output.resolve_format(args.format)
    text = output.render(
        reports,
        fmt,
        color=fmt == "text" and output.use_color(sys.stdout),
        quiet=args.quiet,
        strict=args.strict,
    )
    _write(text)
    passed = all(output.file_passes(report, strict=args.strict) for report in reports)
    return ExitCode.OK if passed else ExitCode.PROBLEMS


def _write(text: str) -> None:
    """Write the report; a console that cannot show a character gets "?" instead of a crash,
    and a closed pipe (``vetting validate | head``) ends quietly."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not complain.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
