"""Conditions, and what a person with some answers is shown.

One grammar (:class:`~vetting.checklist.model.When`) says "when these answers were given"
for ``show_if``, decision rules, advice, wording variants and conditional next steps;
:func:`holds` is its only reading. A condition sees :class:`Seen`: the shown items with
their answers, the raised flags, and (once scoring is done) each section's band.

Items are visited in checklist order and a ``show_if`` sees only what came before it, so
hiding an item hides everything that depends on it, and the order in which a person
answered never matters.
"""

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from vetting.checklist.model import (
    AnswerValue,
    Checklist,
    Condition,
    Item,
    ItemKind,
    Section,
    When,
)
from vetting.scoring.answers import answer_of, is_int, raises_flag, special_of

#: An answer as conditions see it: a real answer, ``unsure`` / ``not_applicable``, or None.
SeenValue = AnswerValue | None


class Seen(NamedTuple):
    """What conditions can look at (mutable mappings, filled in while walking)."""

    answers: dict[str, SeenValue]  # shown items only, in checklist order
    flagged: dict[str, int]  # shown items whose answer raises their flag -> its severity rank
    section_bands: dict[str, str]  # section id -> its band id, once scored


def empty_seen() -> Seen:
    return Seen({}, {}, {})


def holds(when: When | None, seen: Seen) -> bool:
    """Whether ``when`` holds for what has been seen; None (no condition) always holds."""
    if when is None:
        return True
    if not all(_holds_one(c, seen) for c in when.all):
        return False
    if not when.any:
        return True
    needed = when.at_least
    for condition in when.any:
        if _holds_one(condition, seen):
            needed -= 1
            if needed <= 0:
                return True
    return False


def _holds_one(condition: Condition, seen: Seen) -> bool:
    if condition.section is not None:
        return seen.section_bands.get(condition.section) == condition.band
    if condition.flag_at_least is not None:
        least = condition.flag_at_least.rank
        return any(rank >= least for rank in seen.flagged.values())
    item_id = condition.item
    if item_id is None or item_id not in seen.answers:
        return False  # not shown (or not yet)
    if condition.flagged:
        return item_id in seen.flagged
    answer = seen.answers[item_id]
    if answer is None:
        return False
    if isinstance(answer, list):
        return any(isinstance(v, str) and v in answer for v in condition.values)
    return any(_same(answer, v) for v in condition.values)


def _same(answer: Any, value: Any) -> bool:
    """Equal, and both or neither whole numbers: never ``True == 1`` or ``"1" == 1``."""
    return is_int(answer) == is_int(value) and answer == value


class Shown(NamedTuple):
    """The visibility walk: shown sections and items, in order, and what conditions saw."""

    sections: tuple[Section, ...]
    items: tuple[tuple[Section, Item], ...]
    seen: Seen


class Walk:
    """The visibility walk, one item at a time, for work done on each item as it is shown.

    Iterating (once) gives each shown ``(section, item, value)`` in checklist order
    (``value`` as conditions see it); :attr:`seen` and :attr:`sections` fill in as it goes.
    Scoring counts each item in this same pass: walking first and scoring after read every
    item twice, and on 5,000 items the second reading no longer found them in the CPU's
    cache (10 % slower per item than on 500; bench/RESULTS.md, 2026-12-04).
    """

    def __init__(self, checklist: Checklist, answers: Mapping[str, Any]) -> None:
        self.checklist = checklist
        self.answers = answers
        self.seen = empty_seen()
        self.sections: list[Section] = []  # shown sections (some may show no item)

    def __iter__(self) -> Iterator[tuple[Section, Item, SeenValue]]:
        seen = self.seen
        for section in self.checklist.sections:
            if not holds(section.show_if, seen):
                continue
            self.sections.append(section)
            for item in section.items:
                if item.id not in seen.answers and holds(item.show_if, seen):
                    raw = self.answers.get(item.id)
                    special = special_of(raw) if item.kind is not ItemKind.NOTE else None
                    value = special or answer_of(item, raw)
                    seen.answers[item.id] = value
                    if special is None and value is not None and raises_flag(item, value):
                        seen.flagged[item.id] = item.severity.rank if item.severity else 0
                    yield section, item, value


def walk(checklist: Checklist, answers: Mapping[str, Any]) -> Shown:
    """Which sections and items a person with these answers is shown, and their flags."""
    steps = Walk(checklist, answers)
    items = tuple((section, item) for section, item, _ in steps)
    return Shown(tuple(steps.sections), items, steps.seen)


def visible_item_ids(checklist: Checklist, answers: Mapping[str, Any]) -> list[str]:
    """The ids of the items a person with these answers is shown, in checklist order."""
    return [item.id for _, item in walk(checklist, answers).items]


def visible_section_ids(checklist: Checklist, answers: Mapping[str, Any]) -> list[str]:
    """Sections whose own condition holds (they may still have no shown items)."""
    return [section.id for section in walk(checklist, answers).sections]


def wording(item: Item, seen: Seen) -> tuple[str, str | None]:
    """The question's text and help as this person reads them (the first variant that holds).

    A variant's conditions look only at earlier items, so ``seen`` may hold every answer.
    """
    for variant in item.variants:
        if holds(variant.when, seen):
            return variant.text, variant.help if variant.help is not None else item.help
    return item.text, item.help


def item_wording(
    checklist: Checklist, item: Item, answers: Mapping[str, Any]
) -> tuple[str, str | None]:
    """:func:`wording` for one item given a person's answers (for the app and reports)."""
    if not item.variants:
        return item.text, item.help
    return wording(item, walk(checklist, answers).seen)
