"""PyYAML's event stream to plain data: the loop at the heart of the hardened loader.

:mod:`vetting.checklist.loader` owns what comes before and after (size, encoding, the
pre-checks, turning every failure into one :class:`~vetting.errors.LoadError`); this module
owns the one pass over the events. One flat loop with an explicit stack builds dicts, lists
and YAML 1.2 core scalars, and refuses aliases, anchors, tags, non-text keys, duplicate keys
and documents too deep, too big or with too long a value, each the moment it is seen.

The caller passes the parser class (see :func:`vetting.checklist.yaml_base.parser_class`), so
the loader decides which parser reads a file and tests can watch that choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from vetting.checklist.chars import escape_controls
from vetting.checklist.yaml_base import (
    MAX_DEPTH,
    MAX_INT_DIGITS,
    MAX_NODES,
    MAX_SCALAR_CHARS,
    NO_KEY,
    QUOTES,
    Position,
    Span,
    end_of,
    start_of,
)
from vetting.checklist.yaml_words import (
    EMPTY_MESSAGE,
    KEY_TYPE_MESSAGE,
    SURROGATE,
    SURROGATE_MESSAGE,
    too_deep_message,
)
from vetting.errors import LoadError

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


def build(
    text: str,
    scalars: list[Span] | None,
    escapes: bool,
    parser: type,
    flow_questions: list[Position] | None = None,
) -> dict[str, Any]:
    """Turn the event stream into plain data, refusing what we do not accept.

    One flat loop with an explicit stack: no recursion, so depth is only a counter, and
    nothing is ever expanded because aliases are refused when they are first seen.
    ``scalars``: a list to append every scalar's span to (for the tab checks), or None.
    ``escapes``: the text has ``\\u``/``\\U`` escapes, so double-quoted scalars are
    checked for lone surrogates. ``parser``: the PyYAML loader class that reads ``text``.
    ``flow_questions``: a list that gets where the first ``?`` in an unquoted text inside
    ``[ ]`` or ``{ }`` is, if any: libyaml reads it, PyYAML's pure-Python reader does not.
    """
    loader = parser(text)
    try:
        get = loader.get_event
        get()  # StreamStart
        event = get()
        if event.__class__ is StreamEndEvent:
            raise LoadError("E_EMPTY", EMPTY_MESSAGE)
        _check_document_start(event)
        event = get()
        _check_node(event)
        if event.__class__ is not MappingStartEvent:
            if event.__class__ is ScalarEvent and not event.style and event.value == "":
                raise LoadError("E_EMPTY", EMPTY_MESSAGE)
            raise LoadError(
                "E_NOT_MAPPING",
                "The file must be a set of `key: value` lines at the top level, "
                "not a single value or a list.",
                *start_of(event),
            )
        root: dict[str, Any] = {}
        _fill(get, root, scalars, escapes, flow_questions)
        get()  # DocumentEnd
        event = get()
        if event.__class__ is not StreamEndEvent:
            raise LoadError(
                "E_MULTI_DOC",
                "The file holds more than one YAML document (a second `---`). "
                "Keep one checklist per file.",
                *start_of(event),
            )
        return root
    finally:
        loader.dispose()


def _fill(
    get: Callable[[], Any],
    root: dict[str, Any],
    scalars: list[Span] | None,
    escapes: bool = False,
    flow_questions: list[Position] | None = None,
) -> None:
    """The event loop proper, from just after the root MappingStart to its MappingEnd."""
    stack: list[Any] = []
    cur: Any = root
    is_map = True
    flow = 0  # how many `[ ]` / `{ }` collections the current node is inside
    key: Any = NO_KEY
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
                    *start_of(event),
                )
            if scalars is not None:
                scalars.append((start_of(event), end_of(event), event.style in QUOTES))
            if not event.style:
                if flow and flow_questions is not None and "?" in value and not flow_questions:
                    flow_questions.append(_question_mark(event, value))
                value = _plain(value, event)
            elif escapes and event.style == '"' and SURROGATE.search(value):
                raise LoadError("E_ENCODING", SURROGATE_MESSAGE, *start_of(event))
            if is_map:
                if key is NO_KEY:
                    _check_key(cur, value, event)
                    key = value
                    continue
                cur[key] = value
                key = NO_KEY
            else:
                cur.append(value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes += 1
            _check_node(event)
            if len(stack) >= MAX_DEPTH - 1:
                raise LoadError("E_TOO_DEEP", too_deep_message(), *start_of(event))
            new: Any = {} if cls is MappingStartEvent else []
            if is_map:
                if key is NO_KEY:
                    raise LoadError("E_KEY_TYPE", KEY_TYPE_MESSAGE, *start_of(event))
                cur[key] = new
                key = NO_KEY
            else:
                cur.append(new)
            stack.append((cur, is_map, flow))
            cur, is_map = new, cls is MappingStartEvent
            if event.flow_style:
                flow += 1
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            if not stack:
                return
            cur, is_map, flow = stack.pop()
        else:
            _check_node(event)  # an alias (anything else cannot appear here)
        if nodes > MAX_NODES:
            raise LoadError(
                "E_TOO_MANY_NODES",
                f"The file holds more than {MAX_NODES:,} keys and values; "
                "split it into smaller checklists.",
                *start_of(event),
            )


def _check_document_start(event: Any) -> None:
    """A ``%TAG`` directive only exists to write tags, which are refused anyway."""
    if event.__class__ is DocumentStartEvent and event.tags:
        raise LoadError(
            "E_TAG", "`%TAG` directives are not allowed; remove the line.", *start_of(event)
        )


def _check_node(event: Any) -> None:
    """Refuse aliases, anchors and explicit tags before anything is built from them."""
    if event.__class__ is AliasEvent:
        raise LoadError(
            "E_ALIAS",
            f"Aliases (`*{event.anchor}`) are not allowed; write the value out in full.",
            *start_of(event),
        )
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise LoadError(
            "E_ANCHOR",
            f"Anchors (`&{anchor}`) are not allowed; write each value out in full.",
            *start_of(event),
        )
    tag = getattr(event, "tag", None)
    if tag is not None:
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        raise LoadError(
            "E_TAG",
            f"Tags such as `{tag}` are not allowed; remove it (use quotes to mark text).",
            *start_of(event),
        )


def _check_key(mapping: dict[str, Any], key: Any, event: Any) -> None:
    if key.__class__ is not str:
        raise LoadError("E_KEY_TYPE", KEY_TYPE_MESSAGE, *start_of(event))
    if key in mapping:
        # The plain message; duplicate_key() words it once the first one is found.
        raise LoadError(
            "E_DUP_KEY",
            f"The key `{escape_controls(key)}` appears twice in the same place; keep only one.",
            *start_of(event),
        )


def _question_mark(event: Any, value: str) -> Position:
    """Where the ``?`` in a plain scalar is (its start, when a line break comes first)."""
    line, column = start_of(event)
    before = value[: value.index("?")]
    return (line, column) if "\n" in before else (line, column + len(before))


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
                *start_of(event),
            )
        return int(value)
    if _FLOAT.fullmatch(value):
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise LoadError(
                "E_NUMBER",
                "This number is too large. If it is text, put it in quotes.",
                *start_of(event),
            )
        return number
    return value
