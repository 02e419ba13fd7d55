"""``vetting schema [checklist|answers|output] [--write DIR]``: where the JSON Schema is, or a copy.

Editors (through the ``# yaml-language-server: $schema=...`` modeline) and CI tools such as
check-jsonschema need the schema file itself; this prints its path, or writes a copy into a
folder of the author's choice.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vetting.exitcodes import ExitCode

#: Name -> the bundled schema file: checklists, saved answers, `vetting validate --format json`.
WHICH = {
    "checklist": "checklist.schema.json",
    "answers": "answers.schema.json",
    "output": "validate-output.schema.json",
}


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "which",
        nargs="?",
        choices=WHICH,
        default="checklist",
        help="which schema: checklist files (default), saved answers files, or the output "
        "of `vetting validate --format json`",
    )
    parser.add_argument(
        "--write",
        metavar="DIR",
        help="copy the schema into this folder (created if needed) and print the new path",
    )


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.checklist import resources

    source = resources.schemas_dir() / WHICH[args.which]
    if not source.is_file():
        print(f"vetting schema: the bundled schema is missing ({source})", file=sys.stderr)
        return ExitCode.PROBLEMS
    if not args.write:
        print(source)
        return ExitCode.OK
    folder = Path(args.write)
    target = folder / source.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    except OSError as error:
        print(
            f"vetting schema: could not write {target} ({error.strerror or error})",
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
    print(target)
    return ExitCode.OK
