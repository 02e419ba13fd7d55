"""What every part of the YAML loader shares: the limits, positions and the parser.

Split out of :mod:`vetting.checklist.loader` so that its wording
(:mod:`~vetting.checklist.yaml_words`) and position (:mod:`~vetting.checklist.yaml_positions`)
helpers can use them without importing the loader itself.
"""

from __future__ import annotations

import os
import re
from typing import Any

import yaml

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
Span = tuple[Position, Position, bool]  # start, end, quoted?
QUOTES = ("'", '"')

BOM = "\ufeff"
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
NO_KEY = object()  # "the next scalar in this mapping is a key"


def use_pure() -> bool:
    """``SAFEYAML_PURE=1`` forces the pure-Python parser (tests run both)."""
    return os.environ.get("SAFEYAML_PURE", "") not in ("", "0")


def parser_class() -> type:
    """libyaml's parser when available and not disabled, else the pure-Python one."""
    if not use_pure() and getattr(yaml, "__with_libyaml__", False):
        return yaml.CSafeLoader
    return yaml.SafeLoader


def start_of(event: Any) -> Position:
    """1-based (line, column) where a parser event starts (marks count from 0)."""
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def end_of(event: Any) -> Position:
    """1-based (line, column) just after a parser event ends."""
    mark = event.end_mark
    return mark.line + 1, mark.column + 1
