"""Can a condition ever hold? A small, exact search used by the condition and rule checks.

A condition looks at a few items. Values it does not name behave alike, so it is enough to
try, for each item it looks at (and each item that decides whether those are shown), the
values it names, one value that raises the item's flag, one other value, and no answer.
Each combination is checked by the scoring code's own reading (:func:`walk` and
:func:`holds`), so a witness found here is a real set of answers, and the search says
"never" only when it tried every combination. Too many combinations, a condition on a
section's band (which depends on every answer in the section) or on any raised flag give
"unknown", and the checks then say nothing rather than guess.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, combinations, islice, product
from typing import Any

from vetting.checklist.model import (
    NOT_APPLICABLE,
    UNSURE,
    Checklist,
    Item,
    ItemKind,
    When,
)
from vetting.scoring.answers import raises_flag
from vetting.scoring.conditions import Seen, holds, walk

#: At most this many combinations are tried for one question.
CAP = 4000

NEVER = "never"
UNKNOWN = "unknown"

Predicate = Callable[[Seen], bool]
Answers = dict[str, Any]


class Reach:
    """Searches one checklist; built once per file, asked about each condition."""

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self._section_of = {
            item.id: section for section in checklist.sections for item in section.items
        }
        self._order = {item.id: k for k, item in enumerate(checklist.items)}

    def witness(self, whens: Sequence[When], predicate: Predicate | None = None) -> Answers | str:
        """Answers for which every one of ``whens`` holds (or ``predicate``, when given),
        :data:`NEVER`, or :data:`UNKNOWN`."""
        if any(c.item is None for w in whens for c in w.conditions):
            return UNKNOWN  # a section's band, or any raised flag: beyond this search
        test = predicate or (lambda seen: all(holds(w, seen) for w in whens))
        items = self._relevant(whens)
        if items is None:
            return UNKNOWN
        named = _named_values(
            chain.from_iterable(w.conditions for w in self._all_whens(items, whens))
        )
        domains = [self._domain(item, named.get(item.id, [])) for item in items]
        total = 1
        for domain in domains:
            total *= len(domain)
        # Only these items decide whether the conditions hold (and whether they are shown),
        # so each try walks a checklist of just them, not the whole file.
        small = self._only(items)
        for values in islice(product(*domains), CAP):
            answers = {item.id: v for item, v in zip(items, values, strict=True) if v is not None}
            if test(walk(small, answers).seen):
                return answers
        return NEVER if total <= CAP else UNKNOWN

    def _only(self, items: Sequence[Item]) -> Checklist:
        """The checklist cut down to ``items`` (their sections and conditions kept)."""
        by_section: dict[str, list[Item]] = {}
        for item in items:  # in checklist order, so sections come out in order too
            by_section.setdefault(self._section_of[item.id].id, []).append(item)
        sections = tuple(
            self._section_of[group[0].id]._replace(items=tuple(group))
            for group in by_section.values()
        )
        return replace(self.checklist, sections=sections, tests=(), rules=(), advice=())

    def _all_whens(self, items: Sequence[Item], whens: Sequence[When]) -> Iterator[When]:
        yield from whens
        for item in items:
            section = self._section_of.get(item.id)
            for when in (item.show_if, section.show_if if section else None):
                if when is not None:
                    yield when

    def _relevant(self, whens: Sequence[When]) -> list[Item] | None:
        """The items the conditions look at, and those that decide whether they are shown,
        in checklist order; None when one is unknown (the condition checks report it)."""
        wanted: set[str] = set()
        todo = [c.item for w in whens for c in w.conditions if c.item]
        while todo:
            item_id = todo.pop()
            if item_id in wanted:
                continue
            item = self.checklist.item(item_id)
            if item is None or item.kind is ItemKind.NOTE:
                return None
            wanted.add(item_id)
            section = self._section_of[item_id]
            for when in (item.show_if, section.show_if):
                if when is not None:
                    todo.extend(c.item for c in when.conditions if c.item)
        return sorted((self.checklist.item(i) for i in wanted), key=lambda i: self._order[i.id])

    def _domain(self, item: Item, named: Sequence[Any]) -> list[Any]:
        """The answers worth trying for ``item``: named ones first, no answer last."""
        specials = [v for v in (UNSURE, NOT_APPLICABLE) if v in named]
        if item.kind is ItemKind.MULTIPLE:
            picks = [o.value for o in item.options if o.value in named]
            flagging = [o.value for o in item.options if o.flag and o.value not in picks][:1]
            pool = picks + flagging
            if len(pool) > 8:
                pool = pool[:8]
            subsets = [list(s) for n in range(len(pool), 0, -1) for s in combinations(pool, n)]
            others = [o.value for o in item.options if o.value not in pool][:1]
            return [*subsets, *([others] if others else [[]]), *specials, None]
        if item.kind is ItemKind.SCALE and item.scale is not None:
            values = list(range(item.scale.min, item.scale.max + 1))
        else:
            values = [o.value for o in item.options]
        first = [v for v in values if v in named]
        flagging = [v for v in values if v not in first and raises_flag(item, v)][:1]
        rest = [v for v in values if v not in first and v not in flagging]
        calm = [v for v in rest if not raises_flag(item, v)][:1] or rest[:1]
        return [*first, *flagging, *calm, *specials, None]


def _named_values(conditions: Any) -> dict[str, list[Any]]:
    named: dict[str, list[Any]] = {}
    for condition in conditions:
        if condition.item:
            named.setdefault(condition.item, []).extend(condition.values)
    return named


def example(answers: Answers) -> str:
    """'`a` = "yes", `b` = [x]' for a message; "no answers at all" when empty."""
    if not answers:
        return "no answers at all"
    parts = []
    for item_id, value in answers.items():
        shown = f"[{', '.join(value)}]" if isinstance(value, list) else f'"{value}"'
        parts.append(f"`{item_id}` = {shown}")
    return ", ".join(parts)
