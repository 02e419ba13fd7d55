"""What the loader says when a file is not YAML it accepts: in plain words, with a fix.

Syntax errors, tabs, a key written twice (or a missing ``- ``), an unquoted colon, surrogate
escapes and unknown directives: each is a :class:`vetting.errors.LoadError` with a line,
a column and a hint a counselor can act on. Split from :mod:`vetting.checklist.loader`,
which decides what is refused; this module words it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from vetting.checklist.yaml_base import (
    MAX_DEPTH,
    MAX_NODES,
    QUOTES,
    Position,
    Span,
    end_of,
    parser_class,
    start_of,
)
from vetting.checklist.yaml_positions import LineIndex, line_col
from vetting.errors import LoadError

EMPTY_MESSAGE = "The file is empty (it has no keys, only blank lines or comments)."


KEY_TYPE_MESSAGE = (
    "A key must be plain text. Put it in quotes if it looks like a number, "
    'true/false or null (for example "1": ...), and do not use a list or mapping as a key.'
)


def too_deep_message() -> str:
    return f"The file is nested more than {MAX_DEPTH} levels deep; flatten it."


SURROGATE = re.compile("[\ud800-\udfff]")


SURROGATE_MESSAGE = (
    "This text has an escape such as `\\ud800` that stands for half a character (a lone "
    "surrogate), which no file can hold. Write the character itself, or one escape for "
    "it such as `\\U0001F600`."
)


_DIRECTIVE = re.compile(r"^%(\S*)", re.MULTILINE)


_KNOWN_DIRECTIVES = frozenset({"YAML", "TAG"})  # both parsers handle these alike


def check_directives(text: str) -> None:
    """Refuse an unknown ``%`` directive: libyaml stops at it, the pure parser ignores it.

    A directive is a ``%`` line before a document starts (only blank lines, comments
    and other directives since the start of the file or the last ``...``).
    """
    for match in _DIRECTIVE.finditer(text):
        name = match.group(1)
        if name not in _KNOWN_DIRECTIVES and _before_document(text, match.start()):
            raise LoadError(
                "E_DIRECTIVE",
                f"`%{name}` is not a YAML directive vetting accepts; a checklist needs "
                "none, so remove the line.",
                *line_col(text, match.start()),
            )


def _before_document(text: str, index: int) -> bool:
    for line in reversed(text[:index].splitlines()):
        if line == "..." or line.startswith(("... ", "...\t")):
            return True
        if line.startswith("%") or not line.strip() or line.lstrip().startswith("#"):
            continue
        return False
    return True


class _Duplicate(NamedTuple):
    """Where a repeated key was first written, whether its mapping is a list entry, and that
    entry's first key: repeating the first key (`id`, `value`) is what a missing `- ` does."""

    key: str
    first: Position
    in_list: bool
    first_key_of_entry: str | None


def duplicate_key(text: str, error: LoadError) -> LoadError:
    """Say where the first one is, and suggest ``- `` when the mapping is a list entry.

    The commonest cause in a checklist is a forgotten ``- `` before the next item: its keys
    then land in the previous item, and "keep only one" would delete an item. Runs only on
    this error path: a second parse, remembering every key's position.
    """
    where = (error.line or 0, error.column or 0)
    found = _find_duplicate(text, where)
    if found is None:
        return error
    first = f"line {found.first[0]}"
    if not found.in_list or found.key != found.first_key_of_entry:
        return LoadError(
            "E_DUP_KEY",
            f"The key `{found.key}` appears twice in the same place (first on {first}).",
            *where,
            hint=f"keep only one of the two `{found.key}` keys",
        )
    lines = text.splitlines()
    current = lines[where[0] - 1] if 0 < where[0] <= len(lines) else ""
    column = where[1] - 1
    if column >= 2 and current[column - 2 : column] == "  ":
        fixed = current[: column - 2] + "- " + current[column:]
        example = f"write line {where[0]} as `{fixed.rstrip()}`"
    else:
        example = f"put `- ` before `{found.key}` on line {where[0]}"
    return LoadError(
        "E_DUP_KEY",
        f"The key `{found.key}` appears twice in the same list entry (first on {first}). "
        "If a new entry starts here, it is missing its `- `.",
        *where,
        hint=f"start the new entry with `- `: {example}",
    )


def _find_duplicate(text: str, where: Position) -> _Duplicate | None:
    """Walk the events again up to the repeated key at ``where``."""
    # Each frame: [is_map, keys seen -> position, expecting a key?, parent is a list, first key]
    stack: list[list[Any]] = []
    loader = parser_class()(text)
    try:
        while True:
            event = loader.get_event()
            cls = event.__class__
            if cls is StreamEndEvent:
                return None
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                frame = stack[-1] if stack else None
                if frame is not None and frame[0] and frame[2]:
                    position = start_of(event)
                    if position == where and cls is ScalarEvent:
                        first = frame[1].get(event.value)
                        if first is None:
                            return None
                        return _Duplicate(event.value, first, frame[3], frame[4])
                    frame[1].setdefault(event.value, position)
                    if frame[4] is None:
                        frame[4] = event.value
                    frame[2] = False
                    continue
                if frame is not None and frame[0]:
                    frame[2] = True  # a value: the next scalar is a key again
                if cls is not ScalarEvent:
                    in_list = frame is not None and not frame[0]
                    stack.append([cls is MappingStartEvent, {}, True, in_list, None])
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                stack.pop()
                if stack and stack[-1][0]:
                    stack[-1][2] = True
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


COLON_MESSAGE = (
    "This is not valid YAML: the text contains `: ` (a colon and a space), which YAML reads "
    "as the start of another key."
)


_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"{\[][^:#]*?):[ \t]+(\S.*?)\s*$")


def colon_hint(text: str, exc: yaml.MarkedYAMLError, where: Position | None) -> str | None:
    """``text: Note: ask`` -> put the text in quotes: ``text: "Note: ask"``."""
    problem = str(getattr(exc, "problem", "") or "")
    if where is None or "mapping values are not allowed" not in problem:
        return None
    lines = text.splitlines()
    if not 0 < where[0] <= len(lines):
        return None
    match = _KEY_LINE.match(lines[where[0] - 1])
    if match is None or where[1] - 1 <= match.start(3):
        return None
    lead, key, value = match.groups()
    value = re.sub(r"\s+#.*$", "", value)  # a trailing comment stays a comment
    if value[:1] in QUOTES:
        return None
    if '"' in value and "'" not in value:
        quoted = f"'{value}'"
    else:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    dash = lead.strip() + " " if lead.strip() else ""
    return f"put the whole text in quotes: `{dash}{key}: {quoted}`"


def all_scalar_spans(text: str) -> tuple[list[Span], Position | None]:
    """Spans of every scalar the parser reaches, and where it stopped if it failed."""
    spans: list[Span] = []
    depth = 0
    loader = parser_class()(text)
    try:
        while len(spans) <= MAX_NODES:
            event = loader.get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                spans.append((start_of(event), end_of(event), event.style in QUOTES))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:  # deep nesting makes both parsers slow: stop here
                    break
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                depth -= 1
            elif cls is StreamEndEvent:
                return spans, None
        return spans, start_of(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return spans, (mark.line + 1, mark.column + 1) if mark else None
    except yaml.YAMLError:
        return spans, None
    finally:
        loader.dispose()


def check_tabs(text: str, scalars: list[Span], limit: Position | None) -> None:
    """Refuse the first tab outside quoted text and comments (at or before ``limit``).

    libyaml and the pure parser disagree about tabs (``a:\\tb`` loads in one and fails
    in the other), so tabs are refused here, by position, whatever either parser says.
    ``scalars`` are the spans of the scalars seen so far, in file order.
    """
    lines = LineIndex(text)
    starts = [span[0] for span in scalars]

    def scalar_at(where: Position) -> Span | None:
        i = bisect.bisect_right(starts, where) - 1
        return scalars[i] if i >= 0 and where < scalars[i][1] else None

    index = text.find("\t")
    while index >= 0:
        where = lines.position(index)
        if limit is not None and where > limit:
            return
        span = scalar_at(where)
        if not (span and span[2]) and not _in_comment(text, index, where, scalar_at):
            raise LoadError(
                "E_TAB",
                "A tab character is used here. YAML needs spaces for indentation and "
                "between values; replace the tab with spaces (tabs are fine inside quotes).",
                *where,
            )
        index = text.find("\t", index + 1)


def _in_comment(
    text: str, index: int, where: Position, scalar_at: Callable[[Position], Span | None]
) -> bool:
    """Whether a ``#`` that starts a comment comes before ``text[index]`` on its line."""
    line_start = index - where[1] + 1
    hash_at = text.find("#", line_start, index)
    while hash_at >= 0:
        before = text[hash_at - 1] if hash_at > line_start else " "
        if before in " \t" and scalar_at((where[0], hash_at - line_start + 1)) is None:
            return True
        hash_at = text.find("#", hash_at + 1, index)
    return False


#: PyYAML's pure-Python parser (used where libyaml is not installed) stops at a ``?``
#: inside ``[ ]`` or ``{ }`` that libyaml and the YAML spec read: the file is fine, so the
#: message says how to write it so that every reader reads it.
QUESTION_MARK_IN_BRACKETS = (
    "This file cannot be read on this computer: a `?` inside `[ ]` or `{ }` stops the YAML "
    "reader installed here (the slower one, without libyaml), though others read it. Put "
    'that text in quotes, such as ["Are you licensed?"], or write the list with one `- ` '
    "item per line"
)
_SYNTAX_HINTS = (
    ("could not find expected ':'", "a ':' is missing or the indentation is off near here"),
    ("mapping values are not allowed", "a ':' is missing or the indentation is off near here"),
    ("expected <block end>", "the indentation is off near here"),
    ("did not find expected '-'", "the indentation of this list is off near here"),
    ("did not find expected key", "the indentation is off near here"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("did not find expected ',' or ']'", "a `[` list is not closed with `]` near here"),
    ("did not find expected ',' or '}'", "a `{` mapping is not closed with `}` near here"),
    ("expected ',' or ']'", "a `[` list is not closed with `]` near here"),
    ("expected ',' or '}'", "a `{` mapping is not closed with `}` near here"),
    ("cannot start any token", "this character cannot start a value; put the value in quotes"),
)


def syntax_message(exc: yaml.YAMLError) -> str:
    """A plain sentence for PyYAML's technical message, with the original as a detail."""
    problem = str(getattr(exc, "problem", None) or exc).strip()
    if problem.endswith("but got '?'"):
        return f"{QUESTION_MARK_IN_BRACKETS} (the parser says: {problem})."
    for needle, plain in _SYNTAX_HINTS:
        if needle in problem:
            return f"This is not valid YAML: {plain} (the parser says: {problem})."
    return f"This is not valid YAML (the parser says: {problem})."
