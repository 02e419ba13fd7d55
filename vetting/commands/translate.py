"""``vetting translate FILE --lang es [--write]``: the ``translations`` block, ready to fill in.

Every translatable text gets one line, preceded by the source text as a comment:
translations already written are kept; ones whose source text changed since are kept with
their old fingerprint and a comment saying what to check (so ``vetting validate`` keeps
warning until a person has looked, rather than the tool declaring them current); texts not
translated yet are written commented out, so the file stays valid while work is under way.

Without ``--write`` the block goes to stdout. With ``--write`` it replaces the file's
``translations:`` block, which must be the last top-level key (or is appended when there
is none): our loader keeps no formatting, so everything before the block is copied byte
for byte rather than re-serialised, and comments elsewhere survive.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vetting.exitcodes import ExitCode

_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}")
_INDENT = "    "


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("file", metavar="FILE", help="the checklist file to translate")
    parser.add_argument(
        "--lang",
        required=True,
        metavar="TAG",
        help="the language to translate into, as a tag such as es, fr or pt-BR",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="update FILE in place instead of printing the block",
    )


class TranslateError(Exception):
    """Why a file cannot be translated or written; the message is for the person."""


# --------------------------------------------------------------------------- the block


def quote(text: str) -> str:
    """``text`` as one YAML double-quoted line (JSON quoting, plus YAML's extra line breaks)."""
    import json

    quoted = json.dumps(text, ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029"):
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def render_block(data: Mapping[str, Any], lang: str) -> str:
    """The whole ``translations:`` block: ``lang`` in full, other languages as they are."""
    from vetting.checklist.translations import text_paths

    sources = text_paths(data)
    own = str(data["language"])
    existing = data.get("translations") or {}
    languages = [*existing, *([] if lang in existing else [lang])]
    lines = [
        "translations:",
        f"  # Written by `vetting translate`: each text comes after its source (`# {own}:`).",
        "  # To translate one, delete the `# ` before it, write the translation between the",
        "  # quotes and keep `source` as written.",
    ]
    for tag in languages:
        entries = existing.get(tag) or {}
        lines.extend(_language_lines(tag, entries, sources, own, full=tag == lang))
    return "\n".join(lines) + "\n"


def _language_lines(
    tag: str, entries: Mapping[str, Any], sources: Mapping[str, str], own: str, *, full: bool
) -> list[str]:
    from vetting.checklist.translations import fingerprint, language_name

    body: list[str] = []
    for path, source in sources.items():
        entry = entries.get(path)
        if entry is None and not full:
            continue
        body.append(f"{_INDENT}# {own}: {quote(source)}")
        current = fingerprint(source)
        if entry is None:
            body.append(f'{_INDENT}# {path}: {{ text: "", source: "{current}" }}')
            continue
        if entry["source"] != current:
            body.append(
                f"{_INDENT}# source changed: the {language_name(own)} text above is new since "
                f"this was translated (it was {entry['source']}); check the translation, "
                f'then set source: "{current}"'
            )
        body.append(f"{_INDENT}{_entry(path, entry['text'], entry['source'])}")
    orphans = [path for path in entries if path not in sources]
    if orphans:
        body.append(f"{_INDENT}# No longer in the checklist (kept for reference, not used):")
        body.extend(
            f"{_INDENT}# {_entry(path, entries[path]['text'], entries[path]['source'])}"
            for path in orphans
        )
    return [f"  {tag}:", *body]


def _entry(path: str, text: str, source: str) -> str:
    # Quoted always: a fingerprint such as 403369960994 or 82805e114238 would otherwise be
    # read by YAML as a number, and the file would no longer load.
    return f'{path}: {{ text: {quote(text)}, source: "{source}" }}'


# --------------------------------------------------------------------------- writing


def replace_block(original: str, data: Mapping[str, Any], doc: Any, block: str) -> str:
    """``original`` with its ``translations:`` block replaced by ``block`` (or appended).

    Raises :class:`TranslateError` when the block is not the last top-level key written
    in block style at the start of a line: replacing it then could cut other content.
    """
    newline = "\r\n" if "\r\n" in original else "\n"
    block = block.replace("\n", newline)
    if "translations" not in data:
        if original and not original.endswith("\n"):
            original += newline
        return original + block
    keys = list(data)
    position = doc.locate_key(("translations",))
    lines = original.split("\n")
    if keys[-1] != "translations" or position is None or position[1] != 1:
        raise TranslateError(
            "its `translations:` block is not the last thing in the file, so it cannot be "
            "replaced safely. Move `translations:` and everything under it to the end of "
            "the file, then run this again (or leave out --write and paste the block yourself)"
        )
    start = position[0] - 1
    if start >= len(lines) or not lines[start].lstrip("\ufeff").startswith("translations"):
        raise TranslateError(
            "vetting could not find the line where `translations:` starts; "
            "leave out --write and paste the block yourself"
        )
    return "\n".join(lines[:start]) + ("\n" if start else "") + block


def _check_result(old_data: Mapping[str, Any], new_text: str, source: str) -> None:
    """The rewritten file must load, pass the schema and differ only in ``translations``."""
    from vetting.checklist.loader import load_yaml_text
    from vetting.errors import LoadError
    from vetting.validation.schema import checklist_problems

    try:
        doc = load_yaml_text(new_text, source=source)
    except LoadError as error:
        raise TranslateError(
            f"the updated file would not load ({error}); nothing changed"
        ) from error
    if any(problem.is_error for problem in checklist_problems(doc)):
        raise TranslateError("the updated file would not pass the schema; nothing was changed")
    before = {key: value for key, value in old_data.items() if key != "translations"}
    after = {key: value for key, value in doc.data.items() if key != "translations"}
    if before != after:
        raise TranslateError("the update would change more than `translations`; nothing changed")


def _write_atomically(target: Path, text: str) -> None:
    """Write beside the file, then rename over it, so a crash never leaves half a file."""
    import os
    import tempfile

    mode = target.stat().st_mode & 0o777
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- the command


def _load(path: Path) -> tuple[Any, str]:
    """The document and the file's text exactly as written (BOM and line ends kept)."""
    from vetting.checklist.loader import load_yaml_file
    from vetting.errors import LoadError
    from vetting.validation.schema import checklist_problems

    try:
        doc = load_yaml_file(path)
        original = path.read_bytes().decode("utf-8")
    except LoadError as error:
        raise TranslateError(str(error)) from error
    except OSError as error:
        raise TranslateError(f"cannot read it: {error.strerror}") from error
    if any(problem.is_error for problem in checklist_problems(doc)):
        raise TranslateError(f"it does not pass the schema yet; run `vetting validate {path}`")
    return doc, original


def _summary(data: Mapping[str, Any], lang: str) -> str:
    from vetting.checklist.translations import fingerprint, language_name, text_paths

    sources = text_paths(data)
    entries = (data.get("translations") or {}).get(lang) or {}
    current = sum(
        1
        for path, entry in entries.items()
        if path in sources and entry["source"] == fingerprint(sources[path])
    )
    outdated = sum(1 for path in entries if path in sources) - current
    missing = sum(1 for path in sources if path not in entries)
    return (
        f"{language_name(lang)}: {current} translated, {outdated} to check "
        f"(the source changed), {missing} still to translate (commented out)"
    )


def run(args: argparse.Namespace, name: str) -> int:
    path = Path(args.file)
    lang = args.lang
    if not _LANGUAGE.fullmatch(lang):
        print(
            f"vetting translate: `{lang}` is not a language tag; use one such as es, fr or pt-BR",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    try:
        doc, original = _load(path)
        if doc.data["language"] == lang:
            raise TranslateError(f"it is already written in `{lang}`; pick another language")
        block = render_block(doc.data, lang)
        if not args.write:
            sys.stdout.write(block)
            print(_summary(doc.data, lang), file=sys.stderr)
            return ExitCode.OK
        updated = replace_block(original, doc.data, doc, block)
        _check_result(doc.data, updated, str(path))
        _write_atomically(path, updated)
    except TranslateError as error:
        print(f"vetting translate: {path}: {error}", file=sys.stderr)
        return ExitCode.PROBLEMS
    except OSError as error:
        print(f"vetting translate: cannot write {path}: {error.strerror}", file=sys.stderr)
        return ExitCode.PROBLEMS
    print(f"Updated the translations in {path}. {_summary(doc.data, lang)}.", file=sys.stderr)
    return ExitCode.OK
