"""``vetting preview FILE``: the app on one checklist, reloading each time the file is saved.

When the file has problems, the preview shows them (line, column, plain words) in place
of the checklist and recovers by itself once they are fixed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vetting.exitcodes import ExitCode


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("file", metavar="FILE", help="the checklist file you are editing")


def run(args: argparse.Namespace, name: str) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"vetting preview: no such file: {path}", file=sys.stderr)
        return ExitCode.PROBLEMS
    from vetting.tui.preview_app import PreviewApp

    PreviewApp(path).run()
    return ExitCode.OK
