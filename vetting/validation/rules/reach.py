"""Can a condition ever hold? A small, exact search used by the condition and rule checks.

A condition looks at a few items. Values it does not name behave alike, so it is enough to
try, for each item it looks at (and each item that decides whether those are shown), the
values it names, one value that raises the item's flag, one other value, and no answer.
Each combination is checked by the scoring code's own reading, so a witness found here is
a real set of answers, and the search says "never" only when it tried every combination.

The two conditions that look beyond single items are handled exactly too, within the same
budget of :data:`CAP` combinations in all:

* ``flag_at_least: S`` holds exactly when some item of severity S or more is shown and
  flagged. Conditions only ever combine with "and" and "at least k of", so a condition
  holds for some answers exactly when it holds with ``flag_at_least`` read as "this one
  item is flagged" for some choice of item; the search tries each choice in turn.
* ``section: s, band: b`` depends on every answer in section ``s``, so every item of the
  section is tried, with one value for each different (points, flag, named) effect, and
  each combination is scored by :func:`vetting.scoring.score` itself.

When that is more than :data:`CAP` combinations (or a ``show_if`` on the way depends on
raised flags) the answer is "unknown": the checks then rely on the checklist's golden tests
(``rule-unproven``) rather than guess.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import chain, combinations, islice, product
from typing import Any

from vetting.checklist.model import (
    NOT_APPLICABLE,
    UNSURE,
    Checklist,
    Condition,
    Item,
    ItemKind,
    Rule,
    When,
)
from vetting.scoring.answers import item_points, picked_options, raises_flag
from vetting.scoring.conditions import Seen, holds, walk

#: At most this many combinations are tried for one question, over all its cases.
CAP = 4000
#: A ``multiple`` item in a section whose band a condition reads: at most this many options
#: (every set of picks is tried, 2**n of them, to find each different score).
_MULTIPLE_SCORED = 10

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
        conditions = [c for w in whens for c in w.conditions]
        # Each `flag_at_least` is tried as "this item is flagged", for each item it can mean;
        # one inside `any` may also simply not hold (then no item is needed for it).
        choices: list[list[Condition | None]] = []
        for w in whens:
            for group, optional in ((w.all, False), (w.any, True)):
                for c in group:
                    if c.flag_at_least is not None:
                        stand_ins: list[Condition | None] = [
                            Condition(item=item.id, flagged=True)
                            for item in self._flaggable(c.flag_at_least.rank)
                        ]
                        choices.append([*stand_ins, None] if optional else stand_ins)
        sections = sorted({c.section for c in conditions if c.section is not None})
        budget = [CAP]
        exact = True
        for picked in product(*choices):
            looked_at = [c for c in conditions if c.item] + [c for c in picked if c]
            found = self._search(whens, looked_at, sections, predicate, budget)
            if isinstance(found, dict):
                return found
            exact = exact and found == NEVER
        # Read every section's band as "any band": if even that never holds, the real
        # conditions never do (they only ask for more).
        if (
            not exact
            and sections
            and predicate is None
            and self.witness([_without_bands(w) for w in whens]) == NEVER
        ):
            return NEVER
        return NEVER if exact else UNKNOWN

    def _flaggable(self, least: int) -> list[Item]:
        """Items whose answer can raise a flag counted by ``flag_at_least`` of rank ``least``."""
        out = []
        for item in self.checklist.items:
            if item.severity is None or item.severity.rank < least:
                continue
            if item.kind is ItemKind.SCALE and item.scale is not None:
                values: list[Any] = list(range(item.scale.min, item.scale.max + 1))
            elif item.kind is ItemKind.MULTIPLE:
                values = [[o.value] for o in item.options]
            else:
                values = [o.value for o in item.options]
            if any(raises_flag(item, v) for v in values):
                out.append(item)
        return out

    def _search(
        self,
        whens: Sequence[When],
        looked_at: Sequence[Condition],
        sections: Sequence[str],
        predicate: Predicate | None,
        budget: list[int],
    ) -> Answers | str:
        """One exhaustive try over the items ``looked_at`` and ``sections`` need."""
        scored = {
            item.id
            for s in self.checklist.sections
            if s.id in sections
            for item in s.items
            if item.kind is not ItemKind.NOTE
        }
        items = self._relevant([c.item for c in looked_at if c.item] + sorted(scored))
        if items is None:
            return UNKNOWN
        exact = True
        for item in items:
            for when in self._visibility(item):
                if any(c.flag_at_least is not None for c in when.conditions):
                    exact = False  # who is shown then depends on flags anywhere: not tried
        named = _named_values(
            chain(looked_at, *(w.conditions for item in items for w in self._visibility(item)))
        )
        domains = []
        for item in items:
            domain, whole = self._domain(item, named.get(item.id, []), item.id in scored)
            domains.append(domain)
            exact = exact and whole
        total = 1
        for domain in domains:
            total *= len(domain)
        # Only these items decide whether the conditions hold (and whether they are shown),
        # so each try walks a checklist of just them, not the whole file.
        small = self._only(items)
        test = self._test(whens, predicate, small, bool(sections))
        tried = 0
        for values in islice(product(*domains), budget[0]):
            tried += 1
            answers = {item.id: v for item, v in zip(items, values, strict=True) if v is not None}
            if test(answers):
                budget[0] -= tried
                return answers
        budget[0] -= tried
        return NEVER if exact and tried == total else UNKNOWN

    def _test(
        self, whens: Sequence[When], predicate: Predicate | None, small: Checklist, bands: bool
    ) -> Callable[[Answers], bool]:
        if not bands:
            check = predicate or (lambda seen: all(holds(w, seen) for w in whens))
            return lambda answers: check(walk(small, answers).seen)
        # A section's band exists only once scored: let the scoring engine itself read the
        # conditions, as rules it fires.
        from vetting.scoring.engine import score  # local: only these searches need it

        probes = tuple(Rule(id=f"probe{k}", when=w, reason="") for k, w in enumerate(whens))
        scoring = replace(small, rules=probes, alerts=())
        return lambda answers: len(score(scoring, answers).fired) == len(probes)

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

    def _visibility(self, item: Item) -> Iterator[When]:
        section = self._section_of.get(item.id)
        for when in (item.show_if, section.show_if if section else None):
            if when is not None:
                yield when

    def _relevant(self, wanted_ids: Sequence[str]) -> list[Item] | None:
        """The items named, and those that decide whether they are shown, in checklist
        order; None when one is unknown (the condition checks report it)."""
        wanted: dict[str, Item] = {}
        todo = list(wanted_ids)
        while todo:
            item_id = todo.pop()
            if item_id in wanted:
                continue
            item = self.checklist.item(item_id)
            if item is None or item.kind is ItemKind.NOTE:
                return None
            wanted[item_id] = item
            for when in self._visibility(item):
                todo.extend(c.item for c in when.conditions if c.item)
        return sorted(wanted.values(), key=lambda i: self._order[i.id])

    def _domain(self, item: Item, named: Sequence[Any], scored: bool) -> tuple[list[Any], bool]:
        """The answers worth trying for ``item`` (named ones first, no answer last), and
        whether they stand for every answer it can take.

        ``scored``: the item's points and flag also count (a condition reads its section's
        band), so one answer is kept for each different effect.
        """
        specials = [v for v in (UNSURE, NOT_APPLICABLE) if v in named]
        if scored and UNSURE not in specials and item.allow_unsure and item.severity:
            specials.append(UNSURE)  # "not sure" about a red flag can choose a band
        if item.kind is ItemKind.MULTIPLE:
            if scored and len(item.options) <= _MULTIPLE_SCORED:
                every = [
                    [o.value for o in picks]
                    for n in range(len(item.options) + 1)
                    for picks in combinations(item.options, n)
                ]
                return [*_distinct(item, every, named), *specials, None], True
            picks = [o.value for o in item.options if o.value in named]
            flagging = [o.value for o in item.options if o.flag and o.value not in picks][:1]
            pool = picks + flagging
            whole = len(pool) <= 8 and not scored
            pool = pool[:8]
            subsets = [list(s) for n in range(len(pool), 0, -1) for s in combinations(pool, n)]
            others = [o.value for o in item.options if o.value not in pool][:1]
            return [*subsets, *([others] if others else [[]]), *specials, None], whole
        values: list[str | int]
        if item.kind is ItemKind.SCALE and item.scale is not None:
            values = list(range(item.scale.min, item.scale.max + 1))
        else:
            values = [o.value for o in item.options]
        if scored:
            return [*_distinct(item, values, named), *specials, None], True
        first = [v for v in values if v in named]
        raising = [v for v in values if v not in first and raises_flag(item, v)][:1]
        rest = [v for v in values if v not in first and v not in raising]
        calm = [v for v in rest if not raises_flag(item, v)][:1] or rest[:1]
        return [*first, *raising, *calm, *specials, None], True


def _without_bands(when: When) -> When:
    """``when`` with each condition on a section's band taken as holding."""
    always = [c for c in when.any if c.section is not None]
    if not any(c.section is not None for c in when.conditions):
        return when
    rest = tuple(c for c in when.any if c.section is None)
    needed = when.at_least - len(always)
    return When(
        all=tuple(c for c in when.all if c.section is None),
        any=rest if when.any and needed > 0 else (),
        at_least=max(1, needed),
    )


def _distinct(item: Item, values: Sequence[Any], named: Sequence[Any]) -> list[Any]:
    """One answer for each different effect: what conditions see, the flag, the points."""
    named_set = set(map(repr, named))
    kept: dict[Any, Any] = {}
    for value in values:
        seen = (
            tuple(sorted(v for v in value if repr(v) in named_set))
            if isinstance(value, list)
            else (value if repr(value) in named_set else None)
        )
        effect = (
            seen,
            raises_flag(item, value),
            item_points(item, value, picked_options(item, value)),
        )
        kept.setdefault(effect, value)
    return sorted(kept.values(), key=lambda v: 0 if repr(v) in named_set else 1)


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
