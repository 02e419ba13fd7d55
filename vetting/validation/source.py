"""The offending line of a file, and how wide the offending token is: for carets and end columns.

A Problem points at a line and a column. People fix things faster when they see the line with
a caret under the exact spot (as ruff and rustc show it), and code-scanning tools want the end
of the span too. This module owns both:

* :func:`complete` gives every problem an end position (the end of the key or value scalar that
  starts at its position, else the end of the word there) and keeps, per report, the text of
  only the lines that have a problem, so a report stays small enough to send between processes;
* :func:`excerpt` turns one such line into what a reporter prints: the line (control
  characters made harmless, tabs shown as one space) and the caret line under it, aligned for
  wide characters.

Columns are 1-based counts of characters (code points); an end column is exclusive: the
column just after the last character, as in SARIF and ruff.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from vetting.checklist.textcheck import sanitize
from vetting.problems import Problem

Position = tuple[int, int]

#: YAML's line breaks (the loader refuses U+0085, so it never reaches here as a break).
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
#: What counts as "the word at a column" when no scalar starts there.
_WORD = re.compile(r"[^\s:,\[\]{}#]+|\S")
#: Longest stretch of a line shown; longer lines are cut around the column.
MAX_SHOWN = 120


def split_lines(text: str) -> list[str]:
    """The text's lines, split where YAML splits them, without their line breaks."""
    return _LINE_BREAK.split(text)


def complete(
    problems: Iterable[Problem],
    text: str | None,
    spans: Sequence[tuple[Position, Position]] = (),
) -> tuple[list[Problem], dict[int, str]]:
    """Problems with end positions, and ``{line number: line text}`` for their lines.

    ``spans`` are the loader's (start, end) of every key and value scalar, in file order.
    Without ``text`` (a file that could not be read) problems are returned unchanged.
    """
    problems = list(problems)
    if text is None:  # unreadable: the span is the one character at the position
        return [_one_character(problem) for problem in problems], {}
    lines = split_lines(text)
    starts = [span[0] for span in spans]
    out: list[Problem] = []
    source: dict[int, str] = {}
    for problem in problems:
        line, column = problem.line, problem.column
        if line is None or not 0 < line <= len(lines):
            out.append(_one_character(problem))
            continue
        source[line] = lines[line - 1]
        if problem.end_line is None:
            end = _end(lines[line - 1], (line, column or 1), spans, starts)
            problem = problem._replace(end_line=end[0], end_column=end[1])
        out.append(problem)
    return out, source


def _one_character(problem: Problem) -> Problem:
    if problem.line is None or problem.end_line is not None:
        return problem
    return problem._replace(end_line=problem.line, end_column=(problem.column or 1) + 1)


def _end(
    line_text: str,
    start: Position,
    spans: Sequence[tuple[Position, Position]],
    starts: list[Position],
) -> Position:
    i = bisect.bisect_left(starts, start)
    if i < len(starts) and starts[i] == start:
        return spans[i][1]
    index = start[1] - 1
    match = _WORD.match(line_text, index) if index < len(line_text) else None
    return (start[0], (match.end() if match else index + 1) + 1)


class Excerpt(NamedTuple):
    """A source line as shown, and the caret line that goes under it (same indentation)."""

    number: int
    line: str
    carets: str


def excerpt(problem: Problem, source: dict[int, str]) -> Excerpt | None:
    """The problem's line with carets under its span (to the end of that line at most)."""
    if problem.line is None or problem.line not in source:
        return None
    raw = source[problem.line]
    start = max((problem.column or 1) - 1, 0)
    if problem.end_line == problem.line and problem.end_column:
        end = max(problem.end_column - 1, start + 1)
    elif problem.end_line is not None and problem.end_line > problem.line:
        end = max(len(raw.rstrip()), start + 1)
    else:
        end = start + 1
    shown, start, end = _window(raw, start, end)
    before = _width(shown[:start])
    marks = max(_width(shown[start:end]), 1)
    text = _printable(shown)
    return Excerpt(problem.line, text.rstrip(), " " * before + "^" * marks)


def _window(raw: str, start: int, end: int) -> tuple[str, int, int]:
    """At most :data:`MAX_SHOWN` characters of the line, keeping the start in view."""
    if len(raw) <= MAX_SHOWN:
        return raw, min(start, len(raw)), min(max(end, start + 1), max(len(raw), start + 1))
    first = max(0, start - MAX_SHOWN // 3)
    piece = raw[first : first + MAX_SHOWN]
    prefix = "…" if first else ""
    suffix = "…" if first + MAX_SHOWN < len(raw) else ""
    offset = len(prefix) - first
    end = min(end + offset, len(prefix) + len(piece))
    return prefix + piece + suffix, start + offset, max(end, start + offset + 1)


def _printable(text: str) -> str:
    """Control characters become U+FFFD (never sent to a terminal); a tab shows as a space."""
    return sanitize(text.replace("\t", " "))


def _width(text: str) -> int:
    """Terminal cells: wide East Asian characters take two, combining marks none."""
    cells = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cells
