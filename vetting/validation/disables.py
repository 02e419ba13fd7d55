"""``# vetting: disable=RULE[,RULE]`` comments: turn a rule off on one line, where it is seen.

A comment at the end of a line turns the rules off for that line; a comment alone on its
line turns them off for the next line that is not blank or a comment. A reviewer reads the
exception right beside what it excuses, so it cannot hide a whole class of problems the way
a global switch could. Rules that guard reading the file or the reader's safety (see
:attr:`vetting.problems.RuleInfo.can_disable`) cannot be turned off.

- ``disable-unused`` (warning): a disable comment names a rule that reports nothing on its
  line, so the comment can go (or it sits on the wrong line).
- ``disable-invalid`` (warning): a disable comment names a rule that does not exist or that
  cannot be turned off.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from vetting.problems import Level, Problem, RuleInfo, did_you_mean

W = Level.WARNING
RULES: dict[str, RuleInfo] = {
    "disable-unused": RuleInfo(
        W,
        "a `# vetting: disable=` comment turns off a rule that reports nothing on its line",
        "version: 1.0.0   # vetting: disable=band-gap",
        "version: 1.0.0",
    ),
    "disable-invalid": RuleInfo(
        W,
        "a `# vetting: disable=` comment names a rule that does not exist or cannot be turned off",
        "text: Hi   # vetting: disable=band-gapp",
        "text: Hi   # vetting: disable=band-gap",
    ),
}

_COMMENT = re.compile(r"#[ \t]*vetting:[ \t]*disable[ \t]*=[ \t]*([A-Za-z0-9_, \t-]*)")
_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")
Position = tuple[int, int]


class Disable(NamedTuple):
    """One rule named in one comment, and the line it applies to."""

    rule: str
    target: int  # the line whose problems it turns off
    line: int  # where the comment is
    column: int  # where the rule's name is, in the comment


def find(text: str, spans: Sequence[tuple[Position, Position]] = ()) -> list[Disable]:
    """Every rule named in a disable comment; ``spans`` (scalar positions) rule out text."""
    if "vetting:" not in text:
        return []
    lines = _LINE_BREAK.split(text)
    starts = [span[0] for span in spans]
    found: list[Disable] = []
    for number, line in enumerate(lines, start=1):
        if "vetting:" not in line:
            continue
        for match in _COMMENT.finditer(line):
            hash_at = match.start()
            if hash_at and line[hash_at - 1] not in " \t":
                continue  # `a#b` is text, not a comment
            if _inside_scalar((number, hash_at + 1), spans, starts):
                continue
            alone = not line[:hash_at].strip()
            target = _next_content_line(lines, number) if alone else number
            found.extend(_named(match, number, target))
    return found


def _named(match: re.Match[str], line: int, target: int) -> Iterable[Disable]:
    names = match.group(1)
    offset = match.start(1)
    for piece in re.finditer(r"[^,\s]+", names):
        yield Disable(piece.group(), target, line, offset + piece.start() + 1)


def _inside_scalar(
    where: Position, spans: Sequence[tuple[Position, Position]], starts: list[Position]
) -> bool:
    i = bisect.bisect_right(starts, where) - 1
    return i >= 0 and where < spans[i][1]


def _next_content_line(lines: list[str], number: int) -> int:
    for later in range(number, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return number


def apply(
    problems: Iterable[Problem],
    disables: Sequence[Disable],
    known: Mapping[str, RuleInfo],
    file: str,
) -> list[Problem]:
    """The problems left once the disables are applied, plus a warning for each unused one."""
    problems = list(problems)
    if not disables:
        return problems
    by_line: dict[tuple[int, str], Disable] = {}
    out: list[Problem] = []
    for disable in disables:
        info = known.get(disable.rule)
        if info is None or not info.can_disable:
            out.append(_invalid(file, disable, info, known))
        else:
            by_line[(disable.target, disable.rule)] = disable
    used: set[tuple[int, str]] = set()
    for problem in problems:
        key = (problem.line or 0, problem.rule)
        if key in by_line:
            used.add(key)
        else:
            out.append(problem)
    out.extend(_unused(file, d) for key, d in by_line.items() if key not in used)
    return out


def _problem(file: str, disable: Disable, rule: str, message: str, hint: str) -> Problem:
    return Problem(
        file=file,
        line=disable.line,
        column=disable.column,
        rule=rule,
        message=message,
        level=W,
        suggestion=hint,
        end_line=disable.line,
        end_column=disable.column + len(disable.rule),
    )


def _unused(file: str, disable: Disable) -> Problem:
    where = "this line" if disable.target == disable.line else f"line {disable.target}"
    return _problem(
        file,
        disable,
        "disable-unused",
        f"`{disable.rule}` is turned off for {where}, but it reports nothing there",
        f"remove `{disable.rule}` from the comment, or move the comment to the line it is for",
    )


def _invalid(
    file: str, disable: Disable, info: RuleInfo | None, known: Mapping[str, RuleInfo]
) -> Problem:
    if info is not None:
        return _problem(
            file,
            disable,
            "disable-invalid",
            f"`{disable.rule}` cannot be turned off: without it the file cannot be read safely",
            "fix the problem itself",
        )
    return _problem(
        file,
        disable,
        "disable-invalid",
        f"there is no rule called `{disable.rule}`, so this comment turns nothing off",
        did_you_mean(disable.rule, known) or "`vetting rules` lists every rule",
    )
