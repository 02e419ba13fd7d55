"""``vetting new [--kind red-flags|choice|fit] FILE``: a small, valid, commented starter.

The starter passes ``vetting validate`` as written (a test proves it for every kind), so
an author starts from green and changes one thing at a time. Its first line, the editor
modeline, points to a schema file inside the author's project (see
:func:`schema_reference`), so completion and hover still work after a commit and a clone.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

from vetting.exitcodes import ExitCode

KINDS = ("red-flags", "choice", "fit")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--kind", choices=KINDS, default="red-flags", help="which kind of checklist"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    parser.add_argument("file", metavar="FILE", help="where to write the new checklist (.yaml)")


def starter_text(kind: str, target: Path, schema_ref: str | None = None) -> str:
    """The template for ``kind``, with the id, file name and schema modeline filled in."""
    if schema_ref is None:
        schema_ref = schema_reference(target).modeline
    template = (TEMPLATES / f"{kind}.yaml").read_text(encoding="utf-8")
    return template.format(
        schema=schema_ref,
        filename=target.name,
        checklist_id=checklist_id_from(target),
        kind=kind,
    )


class SchemaReference(NamedTuple):
    """What the editor modeline says, and the schema copy to write first (None: it exists)."""

    modeline: str
    create: Path | None


def schema_reference(target: Path) -> SchemaReference:
    """A path to the checklist schema that still works once the project is committed.

    The nearest ``schemas/checklist.schema.json`` (or ``checklist.schema.json``, as
    ``vetting schema --write`` makes) in the file's folder or above, up to the top of its git
    repository; never the copy inside vetting's installation (a virtual environment is not
    committed, and its path differs on every machine). When there is none, the schema is to be
    copied to ``schemas/`` at the top of the repository (or beside the file's folder when it is
    not in one), and the modeline points there.
    """
    folder = target.resolve().parent
    top = _repository_top(folder)
    for ancestor in (folder, *folder.parents):
        for candidate in (ancestor / "schemas" / _SCHEMA, ancestor / _SCHEMA):
            if candidate.is_file() and not _installed(candidate):
                return SchemaReference(_relative(candidate, folder), None)
        if ancestor == (top or folder):
            break
    base = top or (folder.parent if folder.name == "checklists" else folder)
    wanted = base / "schemas" / _SCHEMA
    return SchemaReference(_relative(wanted, folder), wanted)


_SCHEMA = "checklist.schema.json"


def _repository_top(folder: Path) -> Path | None:
    for ancestor in (folder, *folder.parents):
        if (ancestor / ".git").exists():
            return ancestor
    return None


def _installed(path: Path) -> bool:
    """Inside a Python installation or virtual environment (never committed)."""
    parts = set(path.resolve().parts)
    return bool(parts & {"site-packages", "dist-packages", ".venv", "venv"})


def _relative(path: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(path, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def checklist_id_from(target: Path) -> str:
    """A valid id from the file name: ``My List.yaml`` -> ``my_list``."""
    stem = re.sub(r"[^a-z0-9_]+", "_", target.stem.lower()).strip("_")
    if not stem or not stem[0].isalpha():
        stem = f"checklist_{stem}".rstrip("_")
    return stem[:32]


def _shown(path: Path) -> str:
    """The path from the current folder when it is below it, else in full."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _copy_schema(destination: Path) -> None:
    from vetting.checklist.resources import checklist_schema_path

    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(checklist_schema_path().read_bytes())


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
        reference = schema_reference(target)
        if reference.create is not None:
            _copy_schema(reference.create)
        target.write_text(starter_text(args.kind, target, reference.modeline), encoding="utf-8")
    except OSError as error:
        print(f"vetting new: cannot write {target}: {error.strerror or error}", file=sys.stderr)
        return ExitCode.PROBLEMS
    print(f"Wrote a starter {args.kind} checklist to {target}.", file=sys.stderr)
    if reference.create is not None:
        print(
            f"Wrote the checklist schema to {_shown(reference.create)}, for your editor's hints "
            "(the file's first line points to it): commit it with your checklists.",
            file=sys.stderr,
        )
    print(
        f"Next: edit it, then run `vetting validate {target}` or `vetting preview {target}`.",
        file=sys.stderr,
    )
    return ExitCode.OK
