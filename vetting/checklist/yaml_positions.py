"""Where things are in a YAML text: lines and columns, and the path -> position table.

:meth:`vetting.checklist.loader.YamlDocument.locate` builds the table only when a caller
asks where something is (most files are fine, and recording positions costs time).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from vetting.checklist.yaml_base import (
    LINE_BREAK,
    NO_KEY,
    Position,
    end_of,
    parser_class,
    start_of,
)
from vetting.problems import DocPath


def byte_line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based position of ``text[index]``, counting line breaks the way YAML does."""
    return LineIndex(text).position(index)


class LineIndex:
    """Offsets of line starts, so many positions in one text cost a bisect each."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def position_table(
    text: str,
) -> tuple[dict[DocPath, tuple[Position, Position | None]], list[tuple[Position, Position]]]:
    """Second parse of an already-loaded text: path -> (value position, key position).

    Only called on demand (a document with problems). Never raises: a text that does
    not parse (a document not built by this module) just has no positions.
    """
    table: dict[DocPath, tuple[Position, Position | None]] = {}
    spans: list[tuple[Position, Position]] = []
    try:
        loader = parser_class()(text)
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
    # Each frame: [path, is_map, pending key or NO_KEY, key position, next list index]
    stack: list[list[Any]] = []
    while True:
        event = get()
        cls = event.__class__
        if cls is StreamEndEvent or cls is DocumentEndEvent:
            return
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            if cls is ScalarEvent:
                spans.append((start_of(event), end_of(event)))
            if not stack:
                table[()] = (start_of(event), None)
                if cls is ScalarEvent:
                    return
                stack.append([(), cls is MappingStartEvent, NO_KEY, None, 0])
                continue
            frame = stack[-1]
            if frame[1] and frame[2] is NO_KEY:
                frame[2], frame[3] = event.value, start_of(event)  # keys are always text
                continue
            if frame[1]:
                path, key_pos = (*frame[0], frame[2]), frame[3]
                frame[2] = NO_KEY
            else:
                path, key_pos = (*frame[0], frame[4]), None
                frame[4] += 1
            table[path] = (start_of(event), key_pos)
            if cls is not ScalarEvent:
                stack.append([path, cls is MappingStartEvent, NO_KEY, None, 0])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
            if not stack:
                return
