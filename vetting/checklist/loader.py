"""The ONE hardened YAML loader: bytes or text in, plain JSON-like Python out.

Everything that reads YAML (checklists, answers files) goes through here, because
plain ``yaml.safe_load`` is not safe enough for files written by strangers (see
``SECURITY-NOTES.md`` L1-L13):

* size is capped before parsing (``E_TOO_LARGE``) and UTF-8 is decoded here, strictly
  (``E_ENCODING``), so PyYAML never guesses an encoding;
* the document is built from PyYAML's *event stream* by a loop
  (:mod:`vetting.checklist.yaml_events`), not by PyYAML's composer or constructors.
  That is why anchors, aliases and tags are refused before
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

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from vetting.checklist.chars import escape_controls
from vetting.checklist.reading import decode_utf8, read_file, too_large
from vetting.checklist.yaml_base import (
    BOM,
    MAX_BYTES,
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    MAX_SCALAR_CHARS,
    Position,
    Span,
    parser_class,
)
from vetting.checklist.yaml_events import build
from vetting.checklist.yaml_positions import line_col, position_table
from vetting.checklist.yaml_words import (
    COLON_MESSAGE,
    all_scalar_spans,
    check_directives,
    check_tabs,
    colon_hint,
    duplicate_key,
    syntax_message,
    too_deep_message,
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
    "read_file",
]


# Characters PyYAML's reader refuses (plus U+0085, which it would treat as a line
# break): refusing them here gives a clear message and a line instead of a parser error.
# Written as the forbidden ranges, not as "anything but the allowed ones": the same set
# (tests/test_loader.py checks every code point), but the negated class over the huge
# allowed ranges took about 4.5 ms to compile on every start.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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
    #: Where the first ``?`` in an unquoted text inside ``[ ]`` or ``{ }`` is: libyaml reads
    #: it, PyYAML's pure-Python reader (where libyaml is not installed) stops there.
    flow_question: Position | None = None
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
            table, spans = position_table(self.text)
            self._cache["spans"] = spans
            self._cache["table"] = table
        return self._cache["table"]


# --------------------------------------------------------------------------- public API


def load_yaml_file(path: str | os.PathLike[str]) -> YamlDocument:
    """Read and load one file, reading at most ``MAX_BYTES + 1`` bytes of it."""
    raw = read_file(path, MAX_BYTES + 1)
    return load_yaml_bytes(raw, source=escape_controls(os.fspath(path)))


def load_yaml_bytes(raw: bytes, *, source: str = "<bytes>") -> YamlDocument:
    """Load raw file content: size check, strict UTF-8 decoding, then :func:`load_yaml_text`."""
    if len(raw) > MAX_BYTES:
        raise too_large()
    text = decode_utf8(raw)
    return _load(text, source, "sha256:" + hashlib.sha256(raw).hexdigest())


def load_yaml_text(text: str, *, source: str = "<text>") -> YamlDocument:
    """Load already-decoded text; one leading BOM is ignored, as in a file."""
    if len(text) > MAX_BYTES:
        raise too_large()
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LoadError(
            "E_ENCODING",
            "The text contains a broken character "
            f"(a lone surrogate, U+{ord(text[exc.start]):04X}).",
            *line_col(text, exc.start),
        ) from None
    if len(raw) > MAX_BYTES:
        raise too_large()
    return _load(text, source, "sha256:" + hashlib.sha256(raw).hexdigest())


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
            *line_col(text, bad.start()),
        )
    text = text.removeprefix(BOM)
    stray_bom = text.find(BOM)
    if stray_bom >= 0:
        # libyaml and the pure parser treat a raw U+FEFF differently; inside quoted text
        # it can still be written as the escape "\uFEFF" (and textcheck warns about it).
        raise LoadError(
            "E_ENCODING",
            "The file has a byte-order mark (U+FEFF) after its start, often left over from "
            "joining two files. Remove it.",
            *line_col(text, stray_bom),
        )
    if text.startswith("%") or "\n%" in text:
        check_directives(text)
    scalars: list[Span] | None = [] if "\t" in text else None
    escapes = "\\u" in text or "\\U" in text
    flow_questions: list[Position] = []
    try:
        data = build(text, scalars, escapes, parser_class(), flow_questions)
    except LoadError as exc:
        if scalars is not None and exc.line is not None:
            # The parsers look ahead by different amounts, so one may stumble over a
            # later tab before the other reports this: let any reachable tab win.
            check_tabs(text, *all_scalar_spans(text))
        if exc.code == "E_DUP_KEY" and exc.line is not None:
            raise duplicate_key(text, exc) from None
        raise
    except yaml.MarkedYAMLError as exc:
        if escapes and "invalid Unicode character escape" in str(exc.problem):
            _explain_escape(text)  # libyaml: let the pure parser say which and where
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        if scalars is not None:
            check_tabs(text, scalars, where or (1 << 30, 0))
        hint = colon_hint(text, exc, where)
        raise LoadError(
            "E_SYNTAX",
            COLON_MESSAGE if hint else syntax_message(exc),
            *(where or (None, None)),
            hint=hint,
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError("E_SYNTAX", syntax_message(exc)) from None
    except RecursionError:
        raise LoadError("E_TOO_DEEP", too_deep_message()) from None
    except MemoryError:
        raise too_large() from None
    except Exception as exc:  # the contract: nothing but LoadError leaves the loader
        raise LoadError(
            "E_SYNTAX",
            f"The file could not be read as YAML (an unexpected {type(exc).__name__}).",
        ) from None
    if scalars is not None:
        check_tabs(text, scalars, None)
    return YamlDocument(
        data=data,
        text=text,
        source=source,
        content_hash=content_hash,
        flow_question=flow_questions[0] if flow_questions else None,
    )


def _explain_escape(text: str) -> None:
    """libyaml refuses a surrogate escape as a bare syntax error, without saying which;
    the pure parser reads it, so it finds the same escape and says the same thing (17.3)."""
    try:
        build(text, None, True, yaml.SafeLoader)
    except LoadError as exc:
        if exc.code == "E_ENCODING":
            raise
    except Exception:  # any other outcome: libyaml's own message stands
        pass
