"""``vetting diff OLD NEW``: which changes need a version bump, and was it bumped?"""

from __future__ import annotations

import argparse
import sys

from vetting.exitcodes import ExitCode


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("old", metavar="OLD", help="the earlier version of the checklist file")
    parser.add_argument("new", metavar="NEW", help="the changed version of the checklist file")


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.checklist.changes import compare
    from vetting.errors import VettingError
    from vetting.validation.pipeline import load_checklist

    try:
        old = load_checklist(args.old)
        new = load_checklist(args.new)
    except VettingError as error:
        print(f"vetting diff: {error}", file=sys.stderr)
        return ExitCode.PROBLEMS
    comparison = compare(old, new)
    for change in comparison.changes:
        print(change.describe())
    return report_verdict(comparison, args.new)


def report_verdict(comparison, label: str) -> int:
    """Print the one-line verdict on stderr; exit 1 when a bump is missing."""
    if comparison.needs_bump:
        print(
            f"{label}: {len(comparison.incompatible)} change(s) can alter saved results, but the "
            f"version is still {comparison.new_version!r}. Raise `version` "
            f"(for example to a higher number than {comparison.old_version!r}).",
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
    if not comparison.changes:
        print(f"{label}: no changes", file=sys.stderr)
    elif comparison.incompatible:
        print(
            f"{label}: version raised from {comparison.old_version!r} to "
            f"{comparison.new_version!r}, as the changes need",
            file=sys.stderr,
        )
    else:
        print(f"{label}: all changes are compatible; no version bump needed", file=sys.stderr)
    return ExitCode.OK
