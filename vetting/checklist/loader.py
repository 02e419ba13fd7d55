"""The ONE hardened YAML loader: bytes or text in, plain JSON-like Python out.

Everything that reads YAML (checklists, answers files) goes through here, because
plain ``yaml.safe_load`` is not safe enough for files written by strangers (see
``SECURITY-NOTES.md`` L1-L13):

* size is capped before parsing (``E_TOO_LARGE``) and UTF-8 is decoded here, strictly
  (``E_ENCODING``), so PyYAML never guesses an encoding;
* the document is built from PyYAML's *event stream* by a loop, not by PyYAML's
  composer or constructors. That is why anchors, aliases and tags are refused before
  anything is expanded, depth and size limits are checked without recursion, and
  typing follows YAML 1.2 core (``yes``/``no``/``0777``/``12:30`` stay text);
* libyaml (``CSafeLoader``) parses when available, the pure-Python ``SafeLoader``
  otherwise or when ``SAFEYAML_PURE=1``; tabs outside quoted text are refused
  explicitly so both parsers give the same answer;
* only :class:`vetting.errors.LoadError` ever leaves this module.

Positions are not recorded while loading (most files are fine, and recording costs
time). :meth:`YamlDocument.locate` parses the text a second time, once, only when a
caller asks where something is.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from vetting.errors import LoadError
from vetting.problems import DocPath

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_NODES",
    "MAX_SCALAR_CHARS",
    "YamlDocument",
    "load_yaml_bytes",
    "load_yaml_file",
    "load_yaml_text",
]

MAX_BYTES = 1024 * 1024
"""Largest file accepted, in bytes: room for a 1,000-question checklist (real ones are
well under 64 KiB); bigger files never reach the parser."""
MAX_DEPTH = 32
"""Most nested mappings/lists allowed; the top-level mapping is depth 1."""
MAX_NODES = 50_000
"""Most keys + values + collections in one document."""
MAX_SCALAR_CHARS = 10_000
"""Longest single key or value, in characters."""
MAX_INT_DIGITS = 15
"""Longest whole number; longer ones are refused rather than silently rounded later."""

Position = tuple[int, int]
_Span = tuple[Position, Position, bool]  # start, end, quoted?
_QUOTES = ("'", '"')

_BOM = "\ufeff"
_UTF8_BOM = b"\xef\xbb\xbf"
# Characters PyYAML's reader refuses (plus U+0085, which it would treat as a line
# break): refusing them here gives a clear message and a line instead of a parser error.
# Written as the forbidden ranges, not as "anything but the allowed ones": the same set
# (tests/test_loader.py checks every code point), but the negated class over the huge
# allowed ranges took about 4.5 ms to compile on every start.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)"
)
_WORDS: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_NUMBER_START = frozenset("0123456789+-.")
_NO_KEY = object()  # "the next scalar in this mapping is a key"


def _use_pure() -> bool:
    """``SAFEYAML_PURE=1`` forces the pure-Python parser (tests run both)."""
    return os.environ.get("SAFEYAML_PURE", "") not in ("", "0")


def _loader_class() -> type:
    """libyaml's parser when available and not disabled, else the pure-Python one."""
    if not _use_pure() and getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader
    return yaml.SafeLoader


@dataclass(frozen=True)
class YamlDocument:
    """A loaded document: plain data plus what is needed to point back into the file.

    ``data`` has only ``str`` keys and values of dict, list, str, int, float, bool or
    None. ``locate``/``locate_key`` answer with 1-based ``(line, column)``; the position
    table behind them is built on the first call only.
    """

    data: dict[str, Any]
    text: str
    source: str
    content_hash: str
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def locate(self, path: DocPath) -> Position | None:
        """Where the VALUE at ``path`` starts.

        If ``path`` does not exist (for example a required key is missing), this is the
        position of its deepest existing ancestor, so a "missing key" message points at
        the mapping that should contain it. ``None`` only if no position is known at
        all (e.g. a document that was not built from YAML text).
        """
        entry = self._nearest(path)
        return entry[0] if entry else None

    def locate_key(self, path: DocPath) -> Position | None:
        """Where the KEY that ``path`` ends with starts (for "unknown key" messages).

        For a list index, or the top level, this is the value's position; for a path
        that does not exist, the nearest existing ancestor's key (as in :meth:`locate`).
        """
        entry = self._nearest(path)
        if not entry:
            return None
        return entry[1] or entry[0]

    def scalar_spans(self) -> list[tuple[Position, Position]]:
        """Start and end of every key and value scalar, in file order (for textcheck)."""
        self._positions()
        return self._cache["spans"]

    def _nearest(self, path: DocPath) -> tuple[Position, Position | None] | None:
        table = self._positions()
        path = tuple(path)
        while True:
            entry = table.get(path)
            if entry is not None or not path:
                return entry
            path = path[:-1]

    def _positions(self) -> dict[DocPath, tuple[Position, Position | None]]:
        if "table" not in self._cache:
            table, spans = _position_table(self.text)
            self._cache["spans"] = spans
            self._cache["table"] = table
        return self._cache["table"]


# --------------------------------------------------------------------------- public API


def load_yaml_file(path: str | os.PathLike[str]) -> YamlDocument:
    """Read and load one file, reading at most ``MAX_BYTES + 1`` bytes of it."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise LoadError("E_READ", f"{source} is a folder, not a file.") from None
    except FileNotFoundError:
        raise LoadError("E_READ", f"There is no file called {source}.") from None
    except PermissionError:
        raise LoadError("E_READ", f"You do not have permission to read {source}.") from None
    except OSError as exc:
        raise LoadError("E_READ", f"{source} could not be read ({exc.strerror}).") from None
    return load_yaml_bytes(raw, source=source)


def load_yaml_bytes(raw: bytes, *, source: str = "<bytes>") -> YamlDocument:
    """Load raw file content: size check, strict UTF-8 decoding, then :func:`load_yaml_text`."""
    if len(raw) > MAX_BYTES:
        raise _too_large()
    text = _decode(raw)
    return _load(text, source, "sha256:" + hashlib.sha256(raw).hexdigest())


def load_yaml_text(text: str, *, source: str = "<text>") -> YamlDocument:
    """Load already-decoded text; one leading BOM is ignored, as in a file."""
    if len(text) > MAX_BYTES:
        raise _too_large()
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LoadError(
            "E_ENCODING",
            "The text contains a broken character "
            f"(a lone surrogate, U+{ord(text[exc.start]):04X}).",
            *_line_col(text, exc.start),
        ) from None
    if len(raw) > MAX_BYTES:
        raise _too_large()
    return _load(text, source, "sha256:" + hashlib.sha256(raw).hexdigest())


# --------------------------------------------------------------------------- decoding


def _too_large() -> LoadError:
    return LoadError(
        "E_TOO_LARGE",
        f"The file is larger than {MAX_BYTES // 1024 // 1024} MiB, the most vetting will read "
        "(a checklist this big should be split into smaller ones).",
    )


def _decode(raw: bytes) -> str:
    """Strict UTF-8 with at most one leading BOM; UTF-16/32 and NUL bytes are refused."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if raw.startswith(bom):
            raise LoadError("E_ENCODING", _resave(f"is saved as {name}"), 1, 1)
    nul = raw.find(b"\x00")
    if nul >= 0:
        looks = "looks like UTF-16 or UTF-32 text" if raw.count(0) * 4 >= len(raw) else "is not"
        raise LoadError(
            "E_ENCODING",
            _resave(f"{looks} (it has a NUL byte at byte {nul})"),
            *_byte_line_col(raw, nul),
        )
    body = raw[3:] if raw.startswith(_UTF8_BOM) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(raw) - len(body)
        raise LoadError(
            "E_ENCODING",
            _resave(f"is not valid UTF-8 text (the first bad byte is at byte {offset})"),
            *_byte_line_col(raw, offset),
        ) from None
    if text.startswith(_BOM):
        raise LoadError(
            "E_ENCODING", "The file starts with two byte-order marks; remove one.", 1, 1
        )
    return text


def _resave(what: str) -> str:
    return f"The file {what}. Save it as UTF-8 text and try again."


def _byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based position of ``text[index]``, counting line breaks the way YAML does."""
    return _LineIndex(text).position(index)


class _LineIndex:
    """Offsets of line starts, so many positions in one text cost a bisect each."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


# --------------------------------------------------------------------------- loading


def _load(text: str, source: str, content_hash: str) -> YamlDocument:
    """Pre-checks, then the event loop; every failure becomes a LoadError."""
    bad = _UNREADABLE.search(text)
    if bad:
        ch = bad.group()
        raise LoadError(
            "E_CONTROL_CHAR",
            f"The file contains a character that is not allowed in a text file "
            f"(U+{ord(ch):04X}). Remove it.",
            *_line_col(text, bad.start()),
        )
    text = text.removeprefix(_BOM)
    stray_bom = text.find(_BOM)
    if stray_bom >= 0:
        # libyaml and the pure parser treat a raw U+FEFF differently; inside quoted text
        # it can still be written as the escape "\uFEFF" (and textcheck warns about it).
        raise LoadError(
            "E_ENCODING",
            "The file has a byte-order mark (U+FEFF) after its start, often left over from "
            "joining two files. Remove it.",
            *_line_col(text, stray_bom),
        )
    scalars: list[_Span] | None = [] if "\t" in text else None
    try:
        data = _build(text, scalars)
    except LoadError as exc:
        if scalars is not None and exc.line is not None:
            # The parsers look ahead by different amounts, so one may stumble over a
            # later tab before the other reports this: let any reachable tab win.
            _check_tabs(text, *_all_scalar_spans(text))
        if exc.code == "E_DUP_KEY" and exc.line is not None:
            raise _duplicate_key(text, exc) from None
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        if scalars is not None:
            _check_tabs(text, scalars, where or (1 << 30, 0))
        hint = _colon_hint(text, exc, where)
        raise LoadError(
            "E_SYNTAX",
            _COLON_MESSAGE if hint else _syntax_message(exc),
            *(where or (None, None)),
            hint=hint,
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError("E_SYNTAX", _syntax_message(exc)) from None
    except RecursionError:
        raise LoadError("E_TOO_DEEP", _too_deep_message()) from None
    except MemoryError:
        raise _too_large() from None
    except Exception as exc:  # the contract: nothing but LoadError leaves the loader
        raise LoadError(
            "E_SYNTAX",
            f"The file could not be read as YAML (an unexpected {type(exc).__name__}).",
        ) from None
    if scalars is not None:
        _check_tabs(text, scalars, None)
    return YamlDocument(data=data, text=text, source=source, content_hash=content_hash)


def _build(text: str, scalars: list[_Span] | None) -> dict[str, Any]:
    """Turn the event stream into plain data, refusing what we do not accept.

    One flat loop with an explicit stack: no recursion, so depth is only a counter, and
    nothing is ever expanded because aliases are refused when they are first seen.
    """
    loader = _loader_class()(text)
    try:
        get = loader.get_event
        get()  # StreamStart
        event = get()
        if event.__class__ is StreamEndEvent:
            raise LoadError("E_EMPTY", _EMPTY_MESSAGE)
        _check_document_start(event)
        event = get()
        _check_node(event)
        if event.__class__ is not MappingStartEvent:
            if event.__class__ is ScalarEvent and not event.style and event.value == "":
                raise LoadError("E_EMPTY", _EMPTY_MESSAGE)
            raise LoadError(
                "E_NOT_MAPPING",
                "The file must be a set of `key: value` lines at the top level, "
                "not a single value or a list.",
                *_pos(event),
            )
        root: dict[str, Any] = {}
        _fill(get, root, scalars)
        get()  # DocumentEnd
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise LoadError(
                "E_MULTI_DOC",
                "The file holds more than one YAML document (a second `---`). "
                "Keep one checklist per file.",
                *_pos(event),
            )
        return root
    finally:
        loader.dispose()


def _fill(
    get: Callable[[], Any],
    root: dict[str, Any],
    scalars: list[_Span] | None,
) -> None:
    """The event loop proper, from just after the root MappingStart to its MappingEnd."""
    stack: list[Any] = []
    cur: Any = root
    is_map = True
    key: Any = _NO_KEY
    nodes = 1
    while True:
        event = get()
        cls = event.__class__
        if cls is ScalarEvent:
            nodes += 1
            if event.anchor is not None or event.tag is not None:
                _check_node(event)
            value = event.value
            if len(value) > MAX_SCALAR_CHARS:
                raise LoadError(
                    "E_SCALAR_TOO_LONG",
                    f"This text is {len(value):,} characters long; "
                    f"the most allowed is {MAX_SCALAR_CHARS:,}.",
                    *_pos(event),
                )
            if scalars is not None:
                scalars.append((_pos(event), _end(event), event.style in _QUOTES))
            if not event.style:
                value = _plain(value, event)
            if is_map:
                if key is _NO_KEY:
                    _check_key(cur, value, event)
                    key = value
                    continue
                cur[key] = value
                key = _NO_KEY
            else:
                cur.append(value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes += 1
            _check_node(event)
            if len(stack) >= MAX_DEPTH - 1:
                raise LoadError("E_TOO_DEEP", _too_deep_message(), *_pos(event))
            new: Any = {} if cls is MappingStartEvent else []
            if is_map:
                if key is _NO_KEY:
                    raise LoadError("E_KEY_TYPE", _KEY_TYPE_MESSAGE, *_pos(event))
                cur[key] = new
                key = _NO_KEY
            else:
                cur.append(new)
            stack.append((cur, is_map))
            cur, is_map = new, cls is MappingStartEvent
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            if not stack:
                return
            cur, is_map = stack.pop()
        else:
            _check_node(event)  # an alias (anything else cannot appear here)
        if nodes > MAX_NODES:
            raise LoadError(
                "E_TOO_MANY_NODES",
                f"The file holds more than {MAX_NODES:,} keys and values; "
                "split it into smaller checklists.",
                *_pos(event),
            )


_EMPTY_MESSAGE = "The file is empty (it has no keys, only blank lines or comments)."
_KEY_TYPE_MESSAGE = (
    "A key must be plain text. Put it in quotes if it looks like a number, "
    'true/false or null (for example "1": ...), and do not use a list or mapping as a key.'
)


def _too_deep_message() -> str:
    return f"The file is nested more than {MAX_DEPTH} levels deep; flatten it."


def _pos(event: Any) -> Position:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _end(event: Any) -> Position:
    mark = event.end_mark
    return mark.line + 1, mark.column + 1


def _check_document_start(event: Any) -> None:
    """A ``%TAG`` directive only exists to write tags, which are refused anyway."""
    if event.__class__ is DocumentStartEvent and event.tags:
        raise LoadError(
            "E_TAG", "`%TAG` directives are not allowed; remove the line.", *_pos(event)
        )


def _check_node(event: Any) -> None:
    """Refuse aliases, anchors and explicit tags before anything is built from them."""
    if event.__class__ is AliasEvent:
        raise LoadError(
            "E_ALIAS",
            f"Aliases (`*{event.anchor}`) are not allowed; write the value out in full.",
            *_pos(event),
        )
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise LoadError(
            "E_ANCHOR",
            f"Anchors (`&{anchor}`) are not allowed; write each value out in full.",
            *_pos(event),
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(
            "E_TAG",
            f"Tags such as `{tag}` are not allowed; remove it (use quotes to mark text).",
            *_pos(event),
        )


def _check_key(mapping: dict[str, Any], key: Any, event: Any) -> None:
    if key.__class__ is not str:
        raise LoadError("E_KEY_TYPE", _KEY_TYPE_MESSAGE, *_pos(event))
    if key in mapping:
        # The plain message; _duplicate_key() words it once the first one is found.
        raise LoadError(
            "E_DUP_KEY",
            f"The key `{key}` appears twice in the same place; keep only one.",
            *_pos(event),
        )


# --------------------------------------------------------------------------- error wording


class _Duplicate(NamedTuple):
    """Where a repeated key was first written, whether its mapping is a list entry, and that
    entry's first key: repeating the first key (`id`, `value`) is what a missing `- ` does."""

    key: str
    first: Position
    in_list: bool
    first_key_of_entry: str | None


def _duplicate_key(text: str, error: LoadError) -> LoadError:
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
    loader = _loader_class()(text)
    try:
        while True:
            event = loader.get_event()
            cls = event.__class__
            if cls is StreamEndEvent:
                return None
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                frame = stack[-1] if stack else None
                if frame is not None and frame[0] and frame[2]:
                    position = _pos(event)
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


_COLON_MESSAGE = (
    "This is not valid YAML: the text contains `: ` (a colon and a space), which YAML reads "
    "as the start of another key."
)
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#'\"{\[][^:#]*?):[ \t]+(\S.*?)\s*$")


def _colon_hint(text: str, exc: yaml.MarkedYAMLError, where: Position | None) -> str | None:
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
    if value[:1] in _QUOTES:
        return None
    if '"' in value and "'" not in value:
        quoted = f"'{value}'"
    else:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    dash = lead.strip() + " " if lead.strip() else ""
    return f"put the whole text in quotes: `{dash}{key}: {quoted}`"


def _plain(value: str, event: Any) -> Any:
    """YAML 1.2 core typing for an unquoted scalar; anything unusual stays text."""
    if value in _WORDS:
        return _WORDS[value]
    if value[0] not in _NUMBER_START:
        return value
    if _INT.fullmatch(value):
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise LoadError(
                "E_NUMBER",
                f"The number {value[:20]}... has more than {MAX_INT_DIGITS} digits. "
                "If it is text (an ID or phone number), put it in quotes.",
                *_pos(event),
            )
        return int(value)
    if _FLOAT.fullmatch(value):
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise LoadError(
                "E_NUMBER",
                "This number is too large. If it is text, put it in quotes.",
                *_pos(event),
            )
        return number
    return value


def _all_scalar_spans(text: str) -> tuple[list[_Span], Position | None]:
    """Spans of every scalar the parser reaches, and where it stopped if it failed."""
    spans: list[_Span] = []
    depth = 0
    loader = _loader_class()(text)
    try:
        while len(spans) <= MAX_NODES:
            event = loader.get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                spans.append((_pos(event), _end(event), event.style in _QUOTES))
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:  # deep nesting makes both parsers slow: stop here
                    break
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                depth -= 1
            elif cls is StreamEndEvent:
                return spans, None
        return spans, _pos(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return spans, (mark.line + 1, mark.column + 1) if mark else None
    except yaml.YAMLError:
        return spans, None
    finally:
        loader.dispose()


def _check_tabs(text: str, scalars: list[_Span], limit: Position | None) -> None:
    """Refuse the first tab outside quoted text and comments (at or before ``limit``).

    libyaml and the pure parser disagree about tabs (``a:\\tb`` loads in one and fails
    in the other), so tabs are refused here, by position, whatever either parser says.
    ``scalars`` are the spans of the scalars seen so far, in file order.
    """
    lines = _LineIndex(text)
    starts = [span[0] for span in scalars]

    def scalar_at(where: Position) -> _Span | None:
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
    text: str, index: int, where: Position, scalar_at: Callable[[Position], _Span | None]
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


def _syntax_message(exc: yaml.YAMLError) -> str:
    """A plain sentence for PyYAML's technical message, with the original as a detail."""
    problem = str(getattr(exc, "problem", None) or exc).strip()
    for needle, plain in _SYNTAX_HINTS:
        if needle in problem:
            return f"This is not valid YAML: {plain} (the parser says: {problem})."
    return f"This is not valid YAML (the parser says: {problem})."


# --------------------------------------------------------------------------- positions


def _position_table(
    text: str,
) -> tuple[dict[DocPath, tuple[Position, Position | None]], list[tuple[Position, Position]]]:
    """Second parse of an already-loaded text: path -> (value position, key position).

    Only called on demand (a document with problems). Never raises: a text that does
    not parse (a document not built by this module) just has no positions.
    """
    table: dict[DocPath, tuple[Position, Position | None]] = {}
    spans: list[tuple[Position, Position]] = []
    try:
        loader = _loader_class()(text)
    except Exception:
        return table, spans
    try:
        _walk_positions(loader.get_event, table, spans)
    except Exception:
        pass  # keep whatever was found; positions are a convenience
    finally:
        loader.dispose()
    return table, spans


def _walk_positions(
    get: Callable[[], Any],
    table: dict[DocPath, tuple[Position, Position | None]],
    spans: list[tuple[Position, Position]],
) -> None:
    # Each frame: [path, is_map, pending key or _NO_KEY, key position, next list index]
    stack: list[list[Any]] = []
    while True:
        event = get()
        cls = event.__class__
        if cls is StreamEndEvent or cls is DocumentEndEvent:
            return
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            if cls is ScalarEvent:
                spans.append((_pos(event), _end(event)))
            if not stack:
                table[()] = (_pos(event), None)
                if cls is ScalarEvent:
                    return
                stack.append([(), cls is MappingStartEvent, _NO_KEY, None, 0])
                continue
            frame = stack[-1]
            if frame[1] and frame[2] is _NO_KEY:
                frame[2], frame[3] = event.value, _pos(event)  # keys are always text
                continue
            if frame[1]:
                path, key_pos = (*frame[0], frame[2]), frame[3]
                frame[2] = _NO_KEY
            else:
                path, key_pos = (*frame[0], frame[4]), None
                frame[4] += 1
            table[path] = (_pos(event), key_pos)
            if cls is not ScalarEvent:
                stack.append([path, cls is MappingStartEvent, _NO_KEY, None, 0])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
            if not stack:
                return
