"""Semantic checks on a built checklist: what the JSON Schema cannot say.

The schema checks shapes; these rules check meaning: ids are unique, conditions point to
earlier items and real options, flags have a severity, bands cover 0-100 exactly, every
outcome can be reached, citations name a real section, and the golden tests pass.

Each rule is a small generator over a :class:`RuleContext` that yields
:class:`~vetting.problems.Problem` values with a stable rule id (tests and CI configs rely
on them; see :data:`RULES`), a level, the document path and the line/column of that path.
Messages name the thing in plain words and suggest a fix where there is one.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from vetting.checklist.model import (
    SPECIAL_ANSWERS,
    Band,
    Checklist,
    Item,
    ItemKind,
    Reference,
    Severity,
    ShowIf,
)
from vetting.problems import DocPath, Level, Problem

E, W = Level.ERROR, Level.WARNING

#: Every rule id this module can report, with its level. Stable: do not rename.
RULES: dict[str, Level] = {
    "duplicate-id": E,
    "condition-unknown-item": E,
    "condition-later-item": E,
    "condition-unknown-option": E,
    "condition-note-item": E,
    "flag-without-severity": E,
    "severity-without-flag": W,
    "critical-without-band": E,
    "band-gap": E,
    "band-overlap": E,
    "band-empty": E,
    "band-unreachable": W,
    "outcome-unreachable": E,
    "outcome-unknown": E,
    "no-crisis-option": W,
    "golden-test-failed": E,
    "golden-test-unknown": E,
    "golden-test-error": E,
    "citation-missing-section": E,
    "citation-unknown-section": E,
    "unknown-code": E,
}

# Reachable-score search gives up beyond this many (points, range) pairs, to stay fast.
_REACH_CAP = 5000
_EPS = 1e-9


class _Locator(Protocol):
    def locate(self, path: DocPath) -> tuple[int, int] | None: ...


class RuleContext(NamedTuple):
    """What every rule sees: the model, the raw data (for paths) and how to find lines.

    A named tuple, not a dataclass, because creating a dataclass costs import time.
    """

    checklist: Checklist
    file: str = "<checklist>"
    data: Mapping[str, Any] = MappingProxyType({})
    doc: _Locator | None = None
    ethics: Mapping[str, Any] | None = None

    def problem(
        self,
        rule: str,
        path: DocPath,
        message: str,
        suggestion: str | None = None,
        level: Level | None = None,
        *,
        at_key: bool = False,
    ) -> Problem:
        """A Problem at ``path`` (its key with ``at_key``); else the nearest parent, or 1:1."""
        line, column = self._where(path, at_key)
        return Problem(
            file=self.file,
            line=line,
            column=column,
            rule=rule,
            message=message,
            level=level or RULES[rule],
            path=path,
            suggestion=suggestion,
        )

    def _where(self, path: DocPath, at_key: bool) -> tuple[int, int]:
        if self.doc is not None:
            locate_key = getattr(self.doc, "locate_key", None)
            if at_key and locate_key is not None:
                found = locate_key(path)
                if found:
                    return found
            for end in range(len(path), 0, -1):
                found = self.doc.locate(path[:end])
                if found:
                    return found
        return 1, 1

    def option_path(self, si: int, ii: int, value: str) -> DocPath:
        """Path of option ``value`` as written (yes_no options may be implicit)."""
        base: DocPath = ("sections", si, "items", ii)
        raw = _get(self.data, (*base, "options"))
        if isinstance(raw, list):
            for index, option in enumerate(raw):
                if isinstance(option, Mapping) and option.get("value") == value:
                    return (*base, "options", index)
        return base


Rule = Callable[[RuleContext], Iterator[Problem]]


def check_checklist(
    checklist: Checklist,
    doc: Any = None,
    *,
    file: str | None = None,
    golden: bool = True,
) -> list[Problem]:
    """Run every semantic rule; ``doc`` (a YamlDocument) supplies raw data and positions."""
    ctx = RuleContext(
        checklist=checklist,
        file=file or getattr(doc, "source", None) or "<checklist>",
        data=getattr(doc, "data", None) or {},
        doc=doc,
        ethics=ethics_index(),
    )
    rules: list[Rule] = list(ALL_RULES)
    if golden:
        rules.append(golden_tests_fail)
    return [problem for rule in rules for problem in rule(ctx)]


# --------------------------------------------------------------------------- helpers


def _get(data: Any, path: DocPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    import difflib  # only a file with a mistake needs it; not imported on every start

    match = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _id_key(text: str) -> str:
    """Two ids with the same key look the same to a person (invisible chars, NFKC)."""
    if text.isascii():
        return text
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", visible)


def _positions(checklist: Checklist) -> list[tuple[int, int, Item]]:
    return [
        (si, ii, item) for si, s in enumerate(checklist.sections) for ii, item in enumerate(s.items)
    ]


def _path_text(path: DocPath) -> str:
    return Problem(file="", line=None, column=None, rule="", message="", path=path).json_path()


@lru_cache(maxsize=1)
def ethics_index() -> Mapping[str, Any] | None:
    """The ethics-code section index, or None when it is not installed (rule skipped)."""
    here = Path(__file__).resolve().parents[2]  # the vetting package
    for candidate in (here / "ethics_sections.json", here / "data" / "ethics_sections.json"):
        try:
            loaded = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(loaded, dict):
            return loaded
    return None


# --------------------------------------------------------------------------- ids


def duplicate_ids(ctx: RuleContext) -> Iterator[Problem]:
    """Ids must be unique where they are looked up: a repeat silently shadows the first."""
    c = ctx.checklist
    yield from _dups(
        ctx, "section id", [(("sections", si, "id"), s.id) for si, s in enumerate(c.sections)]
    )
    yield from _dups(
        ctx, "item id", [(("sections", si, "items", ii, "id"), i.id) for si, ii, i in _positions(c)]
    )
    for si, ii, item in _positions(c):
        raw = _get(ctx.data, ("sections", si, "items", ii, "options"))
        if isinstance(raw, list):
            values = [
                (("sections", si, "items", ii, "options", k, "value"), o.get("value"))
                for k, o in enumerate(raw)
                if isinstance(o, Mapping) and isinstance(o.get("value"), str)
            ]
        else:
            values = [
                (("sections", si, "items", ii, "options", k, "value"), o.value)
                for k, o in enumerate(item.options)
            ]
        yield from _dups(ctx, "option value", values, f" in item `{item.id}`")
    yield from _dups(
        ctx, "outcome id", [(("outcomes", k, "id"), o.id) for k, o in enumerate(c.outcomes)]
    )
    yield from _dups(ctx, "band id", [(("bands", k, "id"), b.id) for k, b in enumerate(c.bands)])
    for si, section in enumerate(c.sections):
        pairs = [(("sections", si, "bands", k, "id"), b.id) for k, b in enumerate(section.bands)]
        yield from _dups(ctx, "band id", pairs, f" in section `{section.id}`")


def _dups(
    ctx: RuleContext, what: str, pairs: Sequence[tuple[DocPath, str]], context: str = ""
) -> Iterator[Problem]:
    """Report the second (and later) use of each id; ``what`` is e.g. "item id"."""
    seen: dict[str, tuple[DocPath, str]] = {}
    for path, value in pairs:
        key = _id_key(value)
        if key not in seen:
            seen[key] = (path, value)
            continue
        first_path, first_value = seen[key]
        where = _path_text(first_path[:-1])
        if first_value == value:
            message = f"{what} `{value}` is used twice{context} (first at {where})"
        else:
            message = (
                f"{what} `{value}` looks the same as `{first_value}`{context} (at {where}) "
                "once invisible characters are removed"
            )
        yield ctx.problem("duplicate-id", path, message, "give each one its own id")


# --------------------------------------------------------------------------- conditions


def conditions(ctx: RuleContext) -> Iterator[Problem]:
    """show_if may only look back, at a real item and a real answer to it."""
    order = {}
    for index, (_si, _ii, item) in enumerate(_positions(ctx.checklist)):
        order.setdefault(item.id, index)
    index = 0
    for si, section in enumerate(ctx.checklist.sections):
        base: DocPath = ("sections", si)
        yield from _check_show_if(
            ctx, section.show_if, base, index, f"section `{section.id}`", order
        )
        for ii, item in enumerate(section.items):
            label = f"item `{item.id}`"
            yield from _check_show_if(ctx, item.show_if, (*base, "items", ii), index, label, order)
            index += 1


def _check_show_if(
    ctx: RuleContext,
    show_if: ShowIf | None,
    base: DocPath,
    own_index: int,
    owner: str,
    order: Mapping[str, int],
) -> Iterator[Problem]:
    if show_if is None:
        return
    for key, group in (("all", show_if.all), ("any", show_if.any)):
        for k, condition in enumerate(group):
            path = (*base, "show_if", key, k)
            target = ctx.checklist.item(condition.item)
            if target is None:
                yield ctx.problem(
                    "condition-unknown-item",
                    (*path, "item"),
                    f"the condition on {owner} refers to item `{condition.item}`, "
                    "which does not exist",
                    _did_you_mean(condition.item, order),
                )
                continue
            if order[condition.item] >= own_index:
                where = "itself" if order[condition.item] == own_index else "a later item"
                yield ctx.problem(
                    "condition-later-item",
                    (*path, "item"),
                    f"the condition on {owner} refers to `{condition.item}`, which is {where}; "
                    "a condition may only look at items that come earlier",
                    "move the condition's item above this one, or drop the condition",
                )
                continue
            if target.kind is ItemKind.NOTE:
                yield ctx.problem(
                    "condition-note-item",
                    (*path, "item"),
                    f"the condition on {owner} refers to `{target.id}`, a free-text note; "
                    "notes have no fixed answers to compare with",
                    "point the condition at a yes/no, choice or scale item",
                )
                continue
            problem = _answer_value_problem(target, condition.equals)
            if problem:
                message, suggestion = problem
                yield ctx.problem(
                    "condition-unknown-option",
                    (*path, "equals"),
                    f"the condition on {owner}: {message}",
                    suggestion,
                )


def _answer_value_problem(item: Item, value: Any) -> tuple[str, str | None] | None:
    """Why ``value`` can never be an answer to ``item`` (None when it can)."""
    if isinstance(value, str) and value in SPECIAL_ANSWERS:
        allowed = item.allow_unsure if value == "unsure" else item.allow_not_applicable
        if allowed:
            return None
        key = "allow_unsure" if value == "unsure" else "allow_not_applicable"
        return f"item `{item.id}` does not offer `{value}`", f"add `{key}: true` to the item"
    if item.kind is ItemKind.SCALE and item.scale is not None:
        scale = item.scale
        if isinstance(value, bool) or not isinstance(value, int):
            return (
                f"item `{item.id}` is a scale, so the answer must be a whole number, not `{value}`",
                f"use a number from {scale.min} to {scale.max}",
            )
        if not scale.min <= value <= scale.max:
            return (
                f"`{value}` is outside the scale of item `{item.id}` ({scale.min} to {scale.max})",
                f"use a number from {scale.min} to {scale.max}",
            )
        return None
    values = [option.value for option in item.options]
    if value in values:
        return None
    shown = ", ".join(f"`{v}`" for v in values)
    hint = _did_you_mean(str(value), values) if isinstance(value, str) else None
    if item.kind is ItemKind.YES_NO and not isinstance(value, str):
        hint = 'write "yes" or "no" in quotes'
    return f"`{value}` is not an answer of item `{item.id}` (it has {shown})", hint


# --------------------------------------------------------------------------- flags


def _can_flag(item: Item) -> bool:
    if any(option.flag for option in item.options):
        return True
    scale = item.scale
    if scale is None:
        return False
    above = scale.flag_at_or_above is not None and scale.flag_at_or_above <= scale.max
    below = scale.flag_at_or_below is not None and scale.flag_at_or_below >= scale.min
    return above or below


def flags(ctx: RuleContext) -> Iterator[Problem]:
    """A flag needs a severity to mean anything, and a severity needs a way to be raised."""
    for si, ii, item in _positions(ctx.checklist):
        base: DocPath = ("sections", si, "items", ii)
        if item.severity is None:
            for option in item.options:
                if option.flag:
                    yield ctx.problem(
                        "flag-without-severity",
                        (*ctx.option_path(si, ii, option.value), "flag"),
                        f"option `{option.value}` of item `{item.id}` raises a flag, "
                        "but the item has no severity",
                        "add `severity: caution` (or info, serious, critical) to the item",
                    )
            scale = item.scale
            for key in ("flag_at_or_above", "flag_at_or_below"):
                if scale is not None and getattr(scale, key) is not None:
                    yield ctx.problem(
                        "flag-without-severity",
                        (*base, "scale", key),
                        f"the scale of item `{item.id}` sets `{key}`, but the item has no severity",
                        "add `severity: caution` (or info, serious, critical) to the item",
                    )
        elif not _can_flag(item):
            yield ctx.problem(
                "severity-without-flag",
                (*base, "severity"),
                f"item `{item.id}` has severity `{item.severity.value}`, "
                "but no answer can raise its flag",
                "add `flag: true` to the worrying option(s), or a flag threshold to the scale",
            )


def critical_band(ctx: RuleContext) -> Iterator[Problem]:
    """A critical flag must never be averaged away, so it needs its own band."""
    c = ctx.checklist
    if any(b.when_flag is Severity.CRITICAL for b in c.bands):
        return
    for si, ii, item in _positions(c):
        if item.severity is Severity.CRITICAL:
            yield ctx.problem(
                "critical-without-band",
                ("sections", si, "items", ii, "severity"),
                f"item `{item.id}` is critical, but the checklist has no band with "
                "`when_flag: critical`, so a critical answer could be averaged away",
                "add a band with `when_flag: critical` to the checklist's bands",
            )
            return


# --------------------------------------------------------------------------- bands


def bands(ctx: RuleContext) -> Iterator[Problem]:
    """Score bands must tile 0-100 exactly, and each band should be reachable."""
    c = ctx.checklist
    if c.bands:
        yield from _band_cover(ctx, c.bands, ("bands",), "the checklist")
        yield from _band_reach(ctx, c.bands, ("bands",), c.items, "the checklist")
    for si, section in enumerate(c.sections):
        if section.bands:
            base: DocPath = ("sections", si, "bands")
            owner = f"section `{section.id}`"
            yield from _band_cover(ctx, section.bands, base, owner)
            yield from _band_reach(ctx, section.bands, base, section.items, owner)


def _score_bands(bands_: Sequence[Band]) -> list[tuple[int, Band]]:
    return [
        (k, b)
        for k, b in enumerate(bands_)
        if b.when_flag is None and b.min is not None and b.max is not None
    ]


def _band_cover(
    ctx: RuleContext, bands_: Sequence[Band], base: DocPath, owner: str
) -> Iterator[Problem]:
    scored = _score_bands(bands_)
    if not scored:
        yield ctx.problem(
            "band-gap",
            base,
            f"{owner} has no score bands, so no band covers 0–100 "
            "and a result without a flag would have no band",
            "add bands with `min` and `max` that together cover 0 to 100",
            at_key=True,
        )
        return
    placed: list[tuple[int, Band]] = []
    cursor = 0.0
    previous: Band | None = None  # the band that reaches highest so far
    for k, band in sorted(scored, key=lambda kb: (kb[1].min, kb[1].max)):
        assert band.min is not None and band.max is not None
        if band.min >= band.max:
            yield ctx.problem(
                "band-empty",
                (*base, k, "max"),
                f"band `{band.id}` of {owner} goes from {_fmt(band.min)} to {_fmt(band.max)}, "
                "which covers nothing",
                "make `max` larger than `min`",
            )
            continue
        if band.min > cursor + _EPS:
            between = f"after `{previous.id}` and " if previous else ""
            yield ctx.problem(
                "band-gap",
                (*base, k, "min"),
                f"no band of {owner} covers {_fmt(cursor)}–{_fmt(band.min)} "
                f"({between}before `{band.id}`)",
                f"start band `{band.id}` at {_fmt(cursor)}, or add a band for that range",
            )
        for _pk, other in placed:
            assert other.min is not None and other.max is not None
            low, high = max(other.min, band.min), min(other.max, band.max)
            if low < high - _EPS:
                yield ctx.problem(
                    "band-overlap",
                    (*base, k, "min"),
                    f"bands `{other.id}` and `{band.id}` of {owner} both cover "
                    f"{_fmt(low)}–{_fmt(high)}",
                    f"start band `{band.id}` at {_fmt(other.max)}"
                    if band.min < other.max
                    else None,
                )
        placed.append((k, band))
        if band.max > cursor:
            cursor, previous = band.max, band
    if cursor < 100 - _EPS:
        last_k = max(placed, key=lambda kb: kb[1].max or 0)[0] if placed else scored[-1][0]
        after = f" (after `{previous.id}`)" if previous else ""
        yield ctx.problem(
            "band-gap",
            (*base, last_k, "max"),
            f"no band of {owner} covers {_fmt(cursor)}–100{after}",
            f"end band `{previous.id}` at 100" if previous else "end the top band at 100",
        )


def _item_offsets(item: Item) -> tuple[list[float], float] | None:
    """Possible (points - lowest) of one counted item, and its range; None = unknown."""
    w = item.weight
    if item.kind is ItemKind.SCALE and item.scale is not None:
        span = item.scale.max - item.scale.min
        raw = [float(v) * w for v in range(span + 1)]
    elif item.kind is ItemKind.MULTIPLE:
        sums = {0.0}
        for option in item.options:
            sums |= {round(s + option.points * w, 9) for s in sums}
            if len(sums) > _REACH_CAP:
                return None
        raw = list(sums)
    else:
        raw = [float(option.points) * w for option in item.options]
    if not raw:
        return [0.0], 0.0
    low = min(raw)
    return sorted({round(v - low, 9) for v in raw}), round(max(raw) - low, 9)


def _scored_parts(items: Iterable[Item]) -> list[tuple[list[float], float]] | None:
    """(offsets, span) of every item that can move the score; None = too large to list."""
    parts = []
    for item in items:
        if not item.scored:
            continue
        found = _item_offsets(item)
        if found is None:
            return None
        if found[1] > 0:
            parts.append(found)
    return parts


def _quick_percents(parts: Sequence[tuple[list[float], float]]) -> set[float]:
    """Percentages that are certainly reachable, found in linear time.

    One item answered alone gives ``offset / span``; answering every item at its lowest and
    then raising them one by one to their highest gives the running sums. Together these
    hit every band of a normal checklist, so the exact search rarely runs.
    """
    found: set[float] = set()
    total = sum(span for _offsets, span in parts)
    raised = 0.0
    for offsets, span in parts:
        found.update(100.0 * o / span for o in offsets)
        found.update(100.0 * (raised + o) / total for o in offsets)
        raised += span
    return found


def reachable_percents(items: Iterable[Item], *, budget: int = 200_000) -> set[float] | None:
    """Every percentage some set of answers can give (visibility ignored: a superset).

    ``None`` means the search would take more than ``budget`` steps; callers then skip
    the check rather than guess.
    """
    parts = _scored_parts(items)
    if parts is None:
        return None
    pairs = {(0.0, 0.0)}
    for offsets, span in parts:
        budget -= len(pairs) * len(offsets)
        if budget < 0:
            return None
        pairs |= {(round(n + o, 9), round(d + span, 9)) for n, d in pairs for o in offsets}
        if len(pairs) > _REACH_CAP:
            return None
    return {100.0 * n / d for n, d in pairs if d > 0}


def _in_band(band: Band, percents: Iterable[float]) -> bool:
    assert band.min is not None and band.max is not None
    top = band.max >= 100 - _EPS
    return any(
        band.min - _EPS <= p < band.max - _EPS or (top and p >= 100 - _EPS) for p in percents
    )


def _band_reach(
    ctx: RuleContext,
    bands_: Sequence[Band],
    base: DocPath,
    items: Sequence[Item],
    owner: str,
) -> Iterator[Problem]:
    severities = {item.severity for item in items if item.severity is not None and _can_flag(item)}
    for k, band in enumerate(bands_):
        if band.when_flag is not None and not any(
            s.rank >= band.when_flag.rank for s in severities
        ):
            yield ctx.problem(
                "band-unreachable",
                (*base, k, "when_flag"),
                f"band `{band.id}` of {owner} is for `{band.when_flag.value}` flags, "
                f"but no item can raise a flag that serious",
                None,
            )
    parts = _scored_parts(items)
    if parts is None:
        return
    score_bands = [(k, b) for k, b in _score_bands(bands_) if (b.min or 0) < (b.max or 0)]
    if not parts:
        for k, band in score_bands:
            yield ctx.problem(
                "band-unreachable",
                (*base, k),
                f"band `{band.id}` of {owner} can never be chosen: no answer gives any points, "
                "so there is never a score",
                "give some options points, or use only `when_flag` bands",
            )
        return
    quick = _quick_percents(parts)
    pending = [(k, b) for k, b in score_bands if not _in_band(b, quick)]
    if not pending:
        return
    exact = reachable_percents(items)
    if exact is None:
        return
    for k, band in pending:
        if not _in_band(band, exact):
            assert band.min is not None and band.max is not None
            yield ctx.problem(
                "band-unreachable",
                (*base, k),
                f"band `{band.id}` of {owner} ({_fmt(band.min)}–{_fmt(band.max)}) can never be "
                "chosen: no combination of answers gives a score in that range",
                "check the options' points and the band limits",
            )


# --------------------------------------------------------------------------- outcomes


def outcomes(ctx: RuleContext) -> Iterator[Problem]:
    """Options may only point to real outcomes, and every outcome needs a way in."""
    c = ctx.checklist
    known = [o.id for o in c.outcomes]
    reached: set[str] = set()
    for si, ii, item in _positions(c):
        for option in item.options:
            for outcome_id, points in option.outcomes:
                if outcome_id not in known:
                    yield ctx.problem(
                        "outcome-unknown",
                        (*ctx.option_path(si, ii, option.value), "outcomes", outcome_id),
                        f"option `{option.value}` of item `{item.id}` gives points to outcome "
                        f"`{outcome_id}`, which does not exist",
                        _did_you_mean(outcome_id, known),
                        at_key=True,
                    )
                elif points * item.weight > 0:
                    reached.add(outcome_id)
    for k, outcome in enumerate(c.outcomes):
        if outcome.id not in reached:
            yield ctx.problem(
                "outcome-unreachable",
                ("outcomes", k, "id"),
                f"outcome `{outcome.id}` can never be recommended: no option gives it points",
                f"add `outcomes: {{{outcome.id}: 1}}` to the options that should lead to it",
            )


def crisis_option(ctx: RuleContext) -> Iterator[Problem]:
    """Someone in danger should be able to say so and see the crisis block at once."""
    if any(option.crisis for item in ctx.checklist.items for option in item.options):
        return
    yield ctx.problem(
        "no-crisis-option",
        ("safety",),
        "no option in this checklist has `crisis: true`, so answering never shows the "
        "safety block by itself (it is still one key away)",
        "consider an item such as 'Are you thinking about harming yourself?' with "
        "`crisis: true` on its yes option",
        at_key=True,
    )


# --------------------------------------------------------------------------- golden tests


def golden_tests_unknown(ctx: RuleContext) -> Iterator[Problem]:
    """A golden test that names something that is not there tests nothing."""
    for k in range(len(ctx.checklist.tests)):
        yield from _test_unknowns(ctx, k)


def _test_unknowns(ctx: RuleContext, k: int) -> Iterator[Problem]:
    c = ctx.checklist
    test = c.tests[k]
    base: DocPath = ("tests", k)
    name = test.name
    item_ids = [item.id for item in c.items]
    for item_id, value in test.answers:
        item = c.item(item_id)
        if item is None:
            yield ctx.problem(
                "golden-test-unknown",
                (*base, "answers", item_id),
                f"test `{name}` answers item `{item_id}`, which does not exist",
                _did_you_mean(item_id, item_ids),
            )
            continue
        if item.kind is ItemKind.NOTE:
            continue
        for one in _answer_parts(item, value):
            found = _answer_value_problem(item, one)
            if found:
                yield ctx.problem(
                    "golden-test-unknown",
                    (*base, "answers", item_id),
                    f"test `{name}`: {found[0]}",
                    found[1],
                )
    expect = test.expect
    band_ids = [b.id for b in c.bands]
    if expect.band is not None and expect.band not in band_ids:
        yield ctx.problem(
            "golden-test-unknown",
            (*base, "expect", "band"),
            f"test `{name}` expects band `{expect.band}`, which does not exist",
            _did_you_mean(expect.band, band_ids),
        )
    for f_index, flag in enumerate(expect.flags or ()):
        target = c.item(flag)
        if target is None or target.severity is None:
            what = "does not exist" if target is None else "is not a red-flag item (no severity)"
            yield ctx.problem(
                "golden-test-unknown",
                (*base, "expect", "flags", f_index),
                f"test `{name}` expects a flag on `{flag}`, which {what}",
                _did_you_mean(flag, item_ids) if target is None else None,
            )
    outcome_ids = [o.id for o in c.outcomes]
    if expect.top_outcome is not None and expect.top_outcome not in outcome_ids:
        yield ctx.problem(
            "golden-test-unknown",
            (*base, "expect", "top_outcome"),
            f"test `{name}` expects outcome `{expect.top_outcome}`, which does not exist",
            _did_you_mean(expect.top_outcome, outcome_ids),
        )
    sections = {s.id: s for s in c.sections}
    for section_id, band_id in expect.section_bands:
        section = sections.get(section_id)
        path = (*base, "expect", "section_bands", section_id)
        if section is None:
            yield ctx.problem(
                "golden-test-unknown",
                path,
                f"test `{name}` expects a band for section `{section_id}`, which does not exist",
                _did_you_mean(section_id, sections),
            )
        elif band_id is not None and band_id not in [b.id for b in section.bands]:
            yield ctx.problem(
                "golden-test-unknown",
                path,
                f"test `{name}` expects band `{band_id}` for section `{section_id}`, "
                "but that section has no such band",
                _did_you_mean(band_id, [b.id for b in section.bands]),
            )


def _answer_parts(item: Item, value: Any) -> list[Any]:
    if item.kind is ItemKind.MULTIPLE and isinstance(value, list):
        return list(value)
    return [value]


def golden_tests_fail(ctx: RuleContext) -> Iterator[Problem]:
    """Score each well-formed golden test and report every field that differs."""
    c = ctx.checklist
    clean = [k for k in range(len(c.tests)) if not any(_test_unknowns(ctx, k))]
    if not clean:
        return
    from vetting import scoring  # local: scoring is only needed when there are tests

    runnable = replace(c, tests=tuple(c.tests[k] for k in clean), _items_by_id={})
    try:
        failures = scoring.run_golden_tests(runnable)
    except Exception as error:  # a scoring bug must not hide the file's other problems
        yield ctx.problem(
            "golden-test-error",
            ("tests",),
            f"the golden tests could not be run ({type(error).__name__}); this is a bug in vetting",
        )
        return
    index_by_name: dict[str, int] = {}
    for k in clean:
        index_by_name.setdefault(c.tests[k].name, k)
    for failure in failures:
        k = index_by_name.get(failure.test_name, 0)
        field_name = str(failure.field)
        yield ctx.problem(
            "golden-test-failed",
            ("tests", k, "expect", *field_name.split(".", 1)),
            f"test `{failure.test_name}`: "
            + _golden_difference(field_name, failure.expected, failure.actual),
        )


def _golden_difference(field_name: str, expected: Any, actual: Any) -> str:
    """ "expected band `urgent`, got `low`" and the like, for each expect field."""
    if field_name == "flags":
        return f"expected {_flags_words(expected)}, got {_flags_words(actual)}"
    if field_name == "crisis":
        shown = {True: "the safety block to be shown", False: "no safety block"}
        return f"expected {shown[bool(expected)]}, got {'it shown' if actual else 'none'}"
    if field_name.startswith("section_bands"):
        what = f"band `{expected}` for section `{field_name.partition('.')[2]}`"
        if expected is None:
            what = f"no band for section `{field_name.partition('.')[2]}`"
        return f"expected {what}, got {_id_words(actual, 'no band')}"
    noun = {"band": "band", "top_outcome": "top outcome"}.get(field_name, field_name)
    if expected is None:
        return f"expected no {noun}, got `{actual}`"
    return f"expected {noun} `{expected}`, got {_id_words(actual, 'no ' + noun)}"


def _id_words(value: Any, none: str) -> str:
    return none if value is None else f"`{value}`"


def _flags_words(value: Any) -> str:
    flagged = sorted(str(v) for v in value or ())
    if not flagged:
        return "no flags"
    return "flags on " + ", ".join(f"`{v}`" for v in flagged)


# --------------------------------------------------------------------------- citations


def citations(ctx: RuleContext) -> Iterator[Problem]:
    """An ethics-code citation must name a section that exists in that code."""
    c = ctx.checklist
    for si, ii, item in _positions(c):
        base: DocPath = ("sections", si, "items", ii, "references")
        for r, ref in enumerate(item.references):
            yield from _citation(ctx, ref, (*base, r), f"item `{item.id}`")
    for k, outcome in enumerate(c.outcomes):
        for r, ref in enumerate(outcome.references):
            yield from _citation(
                ctx, ref, ("outcomes", k, "references", r), f"outcome `{outcome.id}`"
            )


def _citation(ctx: RuleContext, ref: Reference, path: DocPath, owner: str) -> Iterator[Problem]:
    if not ref.code:
        return
    if not ref.section:
        yield ctx.problem(
            "citation-missing-section",
            (*path, "code"),
            f"a {ref.code} citation on {owner} names no section",
            "add `section:` with the code's section number, such as `A.5`",
        )
        return
    index = ctx.ethics
    if index is None:
        return
    code = index.get(ref.code)
    if not isinstance(code, Mapping):
        yield ctx.problem(
            "unknown-code",
            (*path, "code"),
            f"the citation on {owner} names code `{ref.code}`, which vetting does not know",
            _did_you_mean(ref.code, index) or f"use one of {', '.join(sorted(index))}",
        )
        return
    sections = code.get("sections") or {}
    if not _section_known(ref.section, sections):
        yield ctx.problem(
            "citation-unknown-section",
            (*path, "section"),
            f"the {ref.code} citation on {owner} names section `{ref.section}`, "
            f"which is not in the {ref.code} code",
            _did_you_mean(ref.section, sections),
        )


def _section_known(section: str, sections: Mapping[str, Any]) -> bool:
    parts = section.split(".")
    return any(".".join(parts[:n]) in sections for n in range(len(parts), 0, -1))


ALL_RULES: tuple[Rule, ...] = (
    duplicate_ids,
    conditions,
    flags,
    critical_band,
    bands,
    outcomes,
    crisis_option,
    golden_tests_unknown,
    citations,
)

__all__ = [
    "ALL_RULES",
    "RULES",
    "RuleContext",
    "check_checklist",
    "ethics_index",
    "reachable_percents",
]
