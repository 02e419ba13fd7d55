"""``vetting new [--kind red-flags|choice|fit] FILE``: a small, valid, commented starter.

The starter passes ``vetting validate`` as written (a test proves it for every kind), so
an author starts from green and changes one thing at a time.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from vetting.exitcodes import ExitCode

KINDS = ("red-flags", "choice", "fit")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--kind", choices=KINDS, default="red-flags", help="which kind of checklist"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    parser.add_argument("file", metavar="FILE", help="where to write the new checklist (.yaml)")


def starter_text(kind: str, target: Path) -> str:
    """The template for ``kind``, with the id, file name and schema modeline filled in."""
    from vetting.checklist.resources import checklist_schema_path

    schema = checklist_schema_path()
    try:
        schema_ref = os.path.relpath(schema, target.resolve().parent)
    except ValueError:  # another drive on Windows
        schema_ref = str(schema)
    template = (TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    return template.format(
        schema=Path(schema_ref).as_posix(),
        filename=target.name,
        checklist_id=checklist_id_from(target),
        kind=kind,
    )


def checklist_id_from(target: Path) -> str:
    """A valid id from the file name: ``My List.yaml`` -> ``my_list``."""
    stem = re.sub(r"[^a-z0-9_]+", "_", target.stem.lower()).strip("_")
    if not stem or not stem[0].isalpha():
        stem = f"checklist_{stem}".rstrip("_")
    return stem[:32]


def run(args: argparse.Namespace, name: str) -> int:
    target = Path(args.file)
    if target.suffix.lower() not in (".yaml", ".yml"):
        print(f"vetting new: {target} should end in .yaml", file=sys.stderr)
        return ExitCode.USAGE
    if target.exists() and not args.force:
        print(
            f"vetting new: {target} already exists; nothing was changed "
            "(use --force to replace it)",
            file=sys.stderr,
        )
        return ExitCode.PROBLEMS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(starter_text(args.kind, target), encoding="utf-8")
    except OSError as error:
        print(f"vetting new: cannot write {target}: {error.strerror}", file=sys.stderr)
        return ExitCode.PROBLEMS
    print(f"Wrote a starter {args.kind} checklist to {target}.", file=sys.stderr)
    print(
        f"Next: edit it, then run `vetting validate {target}` or `vetting preview {target}`.",
        file=sys.stderr,
    )
    return ExitCode.OK
