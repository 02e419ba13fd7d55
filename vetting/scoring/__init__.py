"""Pure scoring: which items are shown, totals and percentages, bands, flags and outcomes.

Everything here is a deterministic function of a frozen :class:`~vetting.checklist.model.Checklist`
and a plain answers dict, with no I/O, so the app, ``vetting score``, the golden tests in
``vetting validate`` and the property tests all agree on one result. The rules are the ones
in ``docs/format.md`` ("Conditions" and "Scoring"); the short version:

* Items are visited in checklist order; a condition holds only when its item is shown and
  answered with that value, so hiding an item hides everything that depends on it.
* Only shown, scored items with a real answer count. "Not sure", "Doesn't apply" and
  skipped items count neither for nor against, and are reported on their own.
* A raised red flag picks its flag band whatever the total: a critical flag is never
  averaged away.

Answers are expected to have passed :func:`vetting.validation.answers_file.check_answers`, but
anything that does not fit (an unknown item, a wrong type, an unknown option) is ignored here rather
than raised, so a damaged session can always be shown. Nothing is rounded: the numbers are
floats and the reports decide how to show them.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any, NamedTuple

from vetting.checklist.model import (
    NOT_APPLICABLE,
    SPECIAL_ANSWERS,
    UNSURE,
    AnswerValue,
    Band,
    Checklist,
    Condition,
    Item,
    ItemKind,
    Option,
    Outcome,
    Scale,
    Section,
    Severity,
    ShowIf,
)

#: Severity -> rank, read without the list search ``Severity.rank`` does.
_RANK = {severity: severity.rank for severity in Severity}

# --------------------------------------------------------------------------- result types
#
# Named tuples, like the model's records: immutable and hashable as the frozen dataclasses
# were, and several times cheaper to create at import time (see vetting.checklist.model).


class Flag(NamedTuple):
    """A raised red flag: the item, how serious it is, and the answer that raised it."""

    item_id: str
    severity: Severity
    answer: AnswerValue


class Contribution(NamedTuple):
    """One answer behind an outcome's points ("because you answered ...")."""

    item_id: str
    item_text: str
    answer: AnswerValue
    answer_label: str
    points: float


class OutcomeScore(NamedTuple):
    outcome: Outcome
    points: float
    because: tuple[Contribution, ...]


class SectionResult(NamedTuple):
    """A section's own score; ``percent``/``band`` are None when nothing in it counted."""

    id: str
    title: str
    percent: float | None
    total: float
    lowest: float
    highest: float
    band: Band | None
    flags: tuple[Flag, ...] = ()
    shown: bool = True


class Completeness(NamedTuple):
    """How much of what was shown got an answer (notes are not counted)."""

    shown: int
    answered: int  # any answer, including "not sure" and "doesn't apply"
    unsure: int
    not_applicable: int
    skipped: int

    @property
    def fraction(self) -> float:
        """Answered / shown, between 0 and 1; 1 when nothing needed an answer."""
        return self.answered / self.shown if self.shown else 1.0


class Result(NamedTuple):
    """Everything a person is told about one set of answers (see docs/architecture.md)."""

    checklist_id: str
    checklist_version: str
    percent: float | None
    total: float
    lowest: float
    highest: float
    band: Band | None
    sections: tuple[SectionResult, ...]
    flags: tuple[Flag, ...]
    unsure_flags: tuple[str, ...]
    crisis: bool
    outcomes: tuple[OutcomeScore, ...]
    top_outcome: Outcome | None
    completeness: Completeness
    next_steps: tuple[str, ...]

    @property
    def most_severe(self) -> Severity | None:
        """The most serious raised flag's severity, or None without flags."""
        return self.flags[0].severity if self.flags else None


class GoldenFailure(NamedTuple):
    """One field of one golden test whose result differs from what the test expects.

    ``field`` is ``band``, ``flags``, ``top_outcome``, ``crisis`` or
    ``section_bands.<section id>``.
    """

    test_name: str
    field: str
    expected: Any
    actual: Any


# --------------------------------------------------------------------------- answers


def answer_of(item: Item, value: Any) -> AnswerValue | None:
    """``value`` cleaned to a real answer for ``item``, or None if it is not one.

    Not sure, doesn't apply, missing and anything that does not fit the item (wrong type,
    unknown option, a scale value out of range) are not real answers. Unknown picks in a
    ``multiple`` answer are dropped and repeated ones kept once.
    """
    if item.kind is ItemKind.NOTE:
        return value if isinstance(value, str) else None
    if value is None or special_of(value) is not None:
        return None
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE):
        return value if isinstance(value, str) and item.option(value) else None
    if item.kind is ItemKind.MULTIPLE:
        if not isinstance(value, list | tuple):
            return None
        picks: list[str] = []
        for pick in value:
            if isinstance(pick, str) and item.option(pick) and pick not in picks:
                picks.append(pick)
        return picks if picks or not value else None  # only junk picks: not an answer
    if item.kind is ItemKind.SCALE:
        ok = _is_int(value) and item.scale is not None
        return value if ok and item.scale.min <= value <= item.scale.max else None
    return None


def special_of(value: Any) -> str | None:
    """``unsure`` or ``not_applicable`` when the answer is one of those, else None."""
    return value if isinstance(value, str) and value in SPECIAL_ANSWERS else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def picked_options(item: Item, answer: AnswerValue) -> tuple[Option, ...]:
    """The options a real answer picked (none for scale and note items)."""
    if item.kind is ItemKind.MULTIPLE and isinstance(answer, list):
        return tuple(o for o in (item.option(v) for v in answer) if o is not None)
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE) and isinstance(answer, str):
        found = item.option(answer)
        return (found,) if found else ()
    return ()


def answer_label(item: Item | None, value: Any) -> str:
    """An answer in the words the person saw ("About once a week"), never a raw id."""
    if value is None:
        return "Skipped"
    if value == UNSURE:
        return "Not sure"
    if value == NOT_APPLICABLE:
        return "Doesn't apply"
    if item is None:
        return str(value)
    if item.kind is ItemKind.SCALE and _is_int(value) and item.scale is not None:
        label = item.scale.label_for(value)
        return f"{value} ({label})" if label else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(_option_label(item, v) for v in value) or "None picked"
    if item.kind is ItemKind.NOTE:
        return str(value)
    return _option_label(item, value)


def _option_label(item: Item, value: Any) -> str:
    found = item.option(value) if isinstance(value, str) else None
    return found.label if found is not None else str(value)


# --------------------------------------------------------------------------- visibility


def _holds(show_if: ShowIf | None, visible: Mapping[str, AnswerValue | None], c: Checklist) -> bool:
    """Whether ``show_if`` holds, given the items shown so far and their cleaned answers."""
    if show_if is None:
        return True
    every = [_condition(cond.item, cond.equals, visible, c) for cond in show_if.all]
    some = [_condition(cond.item, cond.equals, visible, c) for cond in show_if.any]
    return all(every) and (not some or any(some))


def _condition(
    item_id: str, equals: str | int, visible: Mapping[str, AnswerValue | None], c: Checklist
) -> bool:
    """The item is shown and answered with ``equals`` (for ``multiple``: among the picks)."""
    item = c.item(item_id)
    if item is None or item_id not in visible:
        return False
    answer = visible[item_id]
    if item.kind is ItemKind.MULTIPLE:
        return isinstance(answer, list) and equals in answer
    if answer is None or _is_int(equals) != _is_int(answer):
        return False  # never let True == 1 or "1" == 1 confusion through
    return answer == equals


class _Shown(NamedTuple):
    """What a person with some answers is shown: sections, and items with clean answers."""

    sections: tuple[str, ...]
    items: tuple[tuple[Section, Item], ...]
    #: item id -> its clean answer (:func:`answer_of`), for every shown item; computed once
    answers: Mapping[str, AnswerValue | None]


def _visible(checklist: Checklist, answers: Mapping[str, Any]) -> _Shown:
    """Sections then items in order; a condition only sees items shown before it."""
    sections: list[str] = []
    items: list[tuple[Section, Item]] = []
    visible: dict[str, AnswerValue | None] = {}
    for section in checklist.sections:
        if not _holds(section.show_if, visible, checklist):
            continue
        sections.append(section.id)
        for item in section.items:
            if item.id not in visible and _holds(item.show_if, visible, checklist):
                visible[item.id] = answer_of(item, answers.get(item.id))
                items.append((section, item))
    return _Shown(tuple(sections), tuple(items), visible)


def visible_item_ids(checklist: Checklist, answers: Mapping[str, Any]) -> list[str]:
    """The ids of the items a person with these answers is shown, in checklist order."""
    return [item.id for _, item in _visible(checklist, answers).items]


def visible_section_ids(checklist: Checklist, answers: Mapping[str, Any]) -> list[str]:
    """Sections whose own condition holds (they may still have no shown items)."""
    return list(_visible(checklist, answers).sections)


# --------------------------------------------------------------------------- points


def item_points(item: Item, answer: AnswerValue) -> float:
    """Points for a real answer, times the item's weight."""
    return _points(item, answer, picked_options(item, answer))


def _points(item: Item, answer: AnswerValue, picked: Sequence[Option]) -> float:
    """:func:`item_points` with the picked options already found (scoring finds them once)."""
    if item.kind is ItemKind.SCALE and item.scale is not None and _is_int(answer):
        raw = item.scale.max - answer if item.scale.reverse else answer - item.scale.min
        return float(raw) * item.weight
    return float(sum(o.points for o in picked)) * item.weight


def item_range(item: Item) -> tuple[float, float]:
    """(lowest, highest) points the item can give, times its weight."""
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return 0.0, float(item.scale.max - item.scale.min) * item.weight
    points = [o.points for o in item.options]
    if not points:
        return 0.0, 0.0
    if item.kind is ItemKind.MULTIPLE:
        low = sum(p for p in points if p < 0)
        high = sum(p for p in points if p > 0)
    else:
        low, high = min(points), max(points)
    return float(low) * item.weight, float(high) * item.weight


def percent_of(total: float, lowest: float, highest: float) -> float | None:
    """``100 × (total − lowest) / (highest − lowest)``, kept within 0–100; None if no range."""
    if not highest > lowest:
        return None
    value = 100.0 * (total - lowest) / (highest - lowest)
    return min(100.0, max(0.0, value))  # guards float noise only; the maths stays in range


# --------------------------------------------------------------------------- flags and bands


def raises_flag(item: Item, answer: AnswerValue) -> bool:
    """Whether a real answer raises the item's red flag (items without severity never do)."""
    return _raises(item, answer, picked_options(item, answer))


def _raises(item: Item, answer: AnswerValue, picked: Sequence[Option]) -> bool:
    """:func:`raises_flag` with the picked options already found."""
    if item.severity is None:
        return False
    if item.kind is ItemKind.SCALE:
        s = item.scale
        if s is None or not _is_int(answer):
            return False
        above = s.flag_at_or_above is not None and answer >= s.flag_at_or_above
        below = s.flag_at_or_below is not None and answer <= s.flag_at_or_below
        return above or below
    return any(o.flag for o in picked)


def sort_flags(flags: Iterable[Flag], order: Sequence[str]) -> tuple[Flag, ...]:
    """Most serious first, then in checklist order."""
    position = {item_id: k for k, item_id in enumerate(order)}
    return tuple(
        sorted(flags, key=lambda f: (-f.severity.rank, position.get(f.item_id, len(position))))
    )


def choose_band(bands: Sequence[Band], percent: float | None, flags: Sequence[Flag]) -> Band | None:
    """The flag band for the most serious raised flag, else the score band for ``percent``.

    With several flag bands, the most serious one whose severity is not above the highest
    raised flag wins (a ``serious`` band also serves a ``critical`` flag). No flag band
    fits -> score bands; no percent -> no band.
    """
    top = max(_RANK[f.severity] for f in flags) if flags else None
    return _choose_band(bands, percent, top)


def _choose_band(bands: Sequence[Band], percent: float | None, top: int | None) -> Band | None:
    """:func:`choose_band` given the rank of the most serious raised flag (None: no flag)."""
    if top is not None:
        fitting = [b for b in bands if b.when_flag is not None and b.when_flag.rank <= top]
        if fitting:
            best = max(b.when_flag.rank for b in fitting if b.when_flag is not None)
            return next(b for b in fitting if b.when_flag is not None and b.when_flag.rank == best)
    if percent is None:
        return None
    for band in bands:
        if band.when_flag is None and _in_band(band, percent):
            return band
    return None


def _in_band(band: Band, percent: float) -> bool:
    if band.min is None or band.max is None:
        return False
    return band.min <= percent < band.max or (percent == band.max == 100)


# --------------------------------------------------------------------------- score


class _Tally:
    """Running totals over counted items (mutable while scoring, never exposed).

    A plain slotted class rather than a dataclass: nothing needs the generated methods,
    and creating a dataclass costs import time on every start.
    """

    __slots__ = ("highest", "lowest", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.lowest = 0.0
        self.highest = 0.0

    def add(self, points: float, low: float, high: float) -> None:
        self.total += points
        self.lowest += low
        self.highest += high

    @property
    def percent(self) -> float | None:
        return percent_of(self.total, self.lowest, self.highest)


def score(checklist: Checklist, answers: Mapping[str, Any]) -> Result:
    """The full result for ``answers``; ignores whatever does not fit, never raises for it.

    Runs the checklist's compiled plan (built on first use, then kept on the checklist);
    a checklist whose ids repeat, which no valid file gives, has no plan and is scored by
    :func:`_score_reference`.
    """
    answers = answers if isinstance(answers, Mapping) else {}
    plan = _plan_of(checklist)
    if plan is None:
        return _score_reference(checklist, answers)
    return _score_with(plan, checklist, answers)


def _score_reference(checklist: Checklist, answers: Mapping[str, Any]) -> Result:
    """:func:`score` written plainly from the rules, object by object.

    The definition the compiled plan must match (tests compare the two on random
    checklists); it also scores checklists with repeated ids, which have no plan.
    """
    seen = _visible(checklist, answers)
    overall = _Tally()
    per_section: dict[str, _Tally] = {}
    flags: list[Flag] = []
    section_flags: dict[str, list[Flag]] = {}
    unsure: list[str] = []
    crisis = False
    counted: list[tuple[Item, AnswerValue]] = []
    for section, item in seen.items:
        raw = answers.get(item.id)
        answer = seen.answers[item.id]
        if item.severity is not None and raw == UNSURE:
            unsure.append(item.id)
        if answer is None or item.kind is ItemKind.NOTE:
            continue
        picked = picked_options(item, answer)
        crisis = crisis or any(o.crisis for o in picked)
        if _raises(item, answer, picked):
            flag = Flag(item.id, item.severity, answer)  # type: ignore[arg-type]
            flags.append(flag)
            section_flags.setdefault(section.id, []).append(flag)
        if item.scored:
            points, (low, high) = _points(item, answer, picked), item_range(item)
            overall.add(points, low, high)
            per_section.setdefault(section.id, _Tally()).add(points, low, high)
            counted.append((item, answer))
    # ``flags`` are in checklist order already, so a stable sort by severity alone gives
    # exactly sort_flags' order without a position table of every item (scoring stays
    # linear and touches less memory).
    ranked_flags = _by_severity(flags)
    flags_by_section = {sid: _by_severity(own) for sid, own in section_flags.items()}
    band = choose_band(checklist.bands, overall.percent, ranked_flags)
    sections = tuple(
        _section_result(
            s,
            per_section.get(s.id, _Tally()),
            flags_by_section.get(s.id, ()),
            s.id in seen.sections,
        )
        for s in checklist.sections
    )
    return _result(
        checklist,
        overall,
        band,
        sections,
        ranked_flags,
        tuple(unsure),
        crisis,
        _outcomes(checklist, counted),
        _completeness(seen, answers),
    )


def _by_severity(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    """Most serious first; ties keep their (checklist) order, as the sort is stable."""
    return tuple(sorted(flags, key=lambda flag: -_RANK[flag.severity]))


def _section_result(
    section: Section, tally: _Tally, own: tuple[Flag, ...], shown: bool
) -> SectionResult:
    """One section's result; ``own`` are the flags raised in this section, most severe first."""
    return SectionResult(
        id=section.id,
        title=section.title,
        percent=tally.percent,
        total=tally.total,
        lowest=tally.lowest,
        highest=tally.highest,
        band=choose_band(section.bands, tally.percent, own),
        flags=own,
        shown=shown,
    )


def _outcomes(
    checklist: Checklist, counted: Sequence[tuple[Item, AnswerValue]]
) -> tuple[OutcomeScore, ...]:
    """Outcome points from counted answers, ranked by points, ties in declaration order."""
    scores: list[OutcomeScore] = []
    for outcome in checklist.outcomes:
        because: list[Contribution] = []
        for item, answer in counted:
            points = 0.0
            labels: list[str] = []
            for chosen in picked_options(item, answer):
                gained = sum(p for oid, p in chosen.outcomes if oid == outcome.id)
                if gained:
                    points += float(gained) * item.weight
                    labels.append(chosen.label)
            if labels:
                because.append(Contribution(item.id, item.text, answer, ", ".join(labels), points))
        total = float(sum(c.points for c in because))
        scores.append(OutcomeScore(outcome, total, tuple(because)))
    ranked = sorted(range(len(scores)), key=lambda k: (-scores[k].points, k))
    return tuple(scores[k] for k in ranked)


def _completeness(seen: _Shown, answers: Mapping[str, Any]) -> Completeness:
    asked = [item for _, item in seen.items if item.kind is not ItemKind.NOTE]
    unsure = not_applicable = answered = 0
    for item in asked:
        raw = answers.get(item.id)
        special = special_of(raw)
        if special == UNSURE:
            unsure += 1
        elif special == NOT_APPLICABLE:
            not_applicable += 1
        if special is not None or seen.answers[item.id] is not None:
            answered += 1
    return Completeness(
        shown=len(asked),
        answered=answered,
        unsure=unsure,
        not_applicable=not_applicable,
        skipped=len(asked) - answered,
    )


def _result(
    checklist: Checklist,
    overall: Any,
    band: Band | None,
    sections: tuple[SectionResult, ...],
    flags: tuple[Flag, ...],
    unsure_flags: tuple[str, ...],
    crisis: bool,
    outcomes: tuple[OutcomeScore, ...],
    completeness: Completeness,
) -> Result:
    """Assemble a Result; the top outcome and next steps follow from the parts."""
    top = next((o.outcome for o in outcomes if o.points > 0), None)
    return Result(
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        percent=overall.percent,
        total=overall.total,
        lowest=overall.lowest,
        highest=overall.highest,
        band=band,
        sections=sections,
        flags=flags,
        unsure_flags=unsure_flags,
        crisis=crisis,
        outcomes=outcomes,
        top_outcome=top,
        completeness=completeness,
        next_steps=_next_steps(band, top),
    )


def _next_steps(band: Band | None, top: Outcome | None) -> tuple[str, ...]:
    """The band's steps, then the top outcome's, each once, in order."""
    steps: list[str] = []
    for step in (*(band.next_steps if band else ()), *(top.next_steps if top else ())):
        if step not in steps:
            steps.append(step)
    return tuple(steps)


# --------------------------------------------------------------------------- compiled plan
#
# score() runs on every answer in the app, for every golden test in ``vetting validate``
# and on checklists of thousands of items, so the work that depends only on the checklist
# is done once and kept on it (``Checklist._derived``): each item's range, its options as
# a value -> pick lookup with weighted points, flag and crisis already read, conditions
# resolved to item ids and kinds, and the result of a section where nothing counted.
#
# A call then walks three parallel tuples over all items (ids, shapes, conditions): three
# contiguous pointers per item instead of an Item and its Options. Items that score alike
# share one shape, so a large checklist has a handful of shapes that stay in the CPU cache.
# That keeps the time per item close for 500 items and 5,000, where the model itself no
# longer fits in the cache and every object not touched is time saved.

_CHOICE, _MULTIPLE, _SCALE, _NOTE, _NEVER = range(5)

#: (``all`` conditions, ``any`` conditions) of a non-empty ``show_if``, each flat as
#: (item id, equals, item id, equals, ...): two pointers a condition, as thousands of them
#: are read on every call. A condition holds when ``equals in known[item id]`` (see
#: :func:`_remembered`); one that can never hold names :data:`_NEVER_SHOWN` instead.
_ShowIfPlan = tuple[tuple[Any, ...], tuple[Any, ...]]

#: Stands for an item that is never shown, so never among the known answers.
_NEVER_SHOWN = object()


class _Pick(NamedTuple):
    """One option of one item, read once: what picking it gives."""

    option: Option
    points: float  # the item's points when this is the only pick (weighted)
    raw_points: float  # option.points, for summing several picks in their order
    flag: bool  # raises the item's flag (the item has a severity and the option flags)
    crisis: bool
    gains: tuple[tuple[int, float], ...]  # (outcome index, points) where it adds any


class _Shape(NamedTuple):
    """What scoring reads from an item besides its id and condition, precomputed.

    Shared by items with equal options, scale, weight and severity (a shared pick may hold
    another item's :class:`Option`; it is equal in every field).
    """

    kind: int  # _CHOICE, _MULTIPLE, _SCALE, _NOTE or _NEVER (a scale item without a scale)
    picks: Mapping[str, _Pick]  # option value -> pick, the first option with that value
    scale: Scale | None
    low: float
    high: float
    severity: Severity | None
    rank: int  # the severity's rank; 0 without one
    scored: bool
    weight: float
    remember: bool  # a condition reads the item's answer


class _SectionPlan(NamedTuple):
    section: Section
    show_if: _ShowIfPlan | None
    size: int  # how many items it has: its stretch of the plan's item tuples
    hidden: SectionResult  # the result when the section's condition does not hold
    empty: SectionResult  # the result when it is shown but nothing in it counted or flagged


class _Plan(NamedTuple):
    sections: tuple[_SectionPlan, ...]
    ids: tuple[str, ...]  # every item's id, in checklist order
    shapes: tuple[_Shape, ...]  # every item's shape, in the same order
    show_ifs: tuple[_ShowIfPlan | None, ...]  # every item's condition, in the same order
    texts: Mapping[str, str]  # item id -> text, for "because you answered ..."


class _PlanSlot:
    """Holds a checklist's plan; pickles and copies empty, so it is rebuilt where used.

    ``vetting validate`` sends checklists between processes; the plan is cheap to build
    and need not travel with them.
    """

    __slots__ = ("built", "plan")

    def __init__(self) -> None:
        self.built = False
        self.plan: _Plan | None = None

    def __reduce__(self) -> tuple[type["_PlanSlot"], tuple[()]]:
        return (_PlanSlot, ())


_PLAN_KEY = "vetting.scoring"


def _plan_of(checklist: Checklist) -> _Plan | None:
    """The checklist's plan, built on first use; None when its ids repeat."""
    derived: dict[str, object] | None = getattr(checklist, "_derived", None)
    slot = derived.get(_PLAN_KEY) if derived is not None else None
    if isinstance(slot, _PlanSlot) and slot.built:
        return slot.plan
    slot = _PlanSlot()
    slot.plan, slot.built = _compile(checklist), True
    if derived is not None:
        derived[_PLAN_KEY] = slot
    return slot.plan


def _compile(checklist: Checklist) -> _Plan | None:
    """The plan for ``checklist``, or None if an item or section id repeats.

    Repeated ids are an error every loaded file is checked for ("duplicate-id"); a model
    built in code may still have them, and the reference keeps their exact behaviour.
    """
    items = [item for section in checklist.sections for item in section.items]
    kinds = {item.id: item.kind for item in items}
    section_ids = {section.id for section in checklist.sections}
    if len(kinds) != len(items) or len(section_ids) != len(checklist.sections):
        return None
    show_ifs = [s.show_if for s in checklist.sections] + [item.show_if for item in items]
    remember = {c.item for show_if in show_ifs if show_if for c in show_if.conditions}
    outcome_ids = [outcome.id for outcome in checklist.outcomes]
    shapes: dict[tuple[Any, ...], _Shape] = {}

    def shape_of(item: Item) -> _Shape:
        key = (*_shape_key(item), item.id in remember)
        return shapes.get(key) or shapes.setdefault(key, _shape(item, outcome_ids, remember))

    def section_plan(section: Section) -> _SectionPlan:
        return _SectionPlan(
            section=section,
            show_if=_show_if_plan(section.show_if, kinds),
            size=len(section.items),
            hidden=_section_result(section, _Tally(), (), False),
            empty=_section_result(section, _Tally(), (), True),
        )

    return _Plan(
        sections=tuple(section_plan(section) for section in checklist.sections),
        ids=tuple(item.id for item in items),
        shapes=tuple(shape_of(item) for item in items),
        show_ifs=tuple(_show_if_plan(item.show_if, kinds) for item in items),
        texts={item.id: item.text for item in items},
    )


def _show_if_plan(show_if: ShowIf | None, kinds: Mapping[str, ItemKind]) -> _ShowIfPlan | None:
    """The conditions, flat (see :data:`_ShowIfPlan`); None when nothing is required."""
    if show_if is None or not show_if.conditions:
        return None

    def flat(conditions: Iterable[Condition]) -> tuple[Any, ...]:
        return tuple(part for c in conditions for part in (_target(c, kinds), c.equals))

    return flat(show_if.all), flat(show_if.any)


def _target(c: Condition, kinds: Mapping[str, ItemKind]) -> object:
    """The id a condition reads, or :data:`_NEVER_SHOWN` when it can never hold.

    Besides an unknown item: for an item other than ``multiple``, :func:`_condition` wants
    the same value and both or neither an int, so an ``equals`` that is neither a string
    nor an int (True, 1.0, None) matches no real answer.
    """
    kind = kinds.get(c.item)
    if kind is None:
        return _NEVER_SHOWN
    if kind is not ItemKind.MULTIPLE and not (isinstance(c.equals, str) or _is_int(c.equals)):
        return _NEVER_SHOWN
    return c.item


def _remembered(shape: _Shape, answer: AnswerValue) -> Sequence[Any]:
    """How ``known`` keeps a real answer, so that ``equals in it`` is :func:`_condition`:
    a ``multiple`` answer's picks as they are, any other answer as a one-item tuple
    (``x in (a,)`` is ``a == x``; an int never equals a string, and :func:`_target` has
    ruled out the ``equals`` for which ``==`` would not do)."""
    return answer if shape.kind == _MULTIPLE else (answer,)  # type: ignore[return-value]


def _shape_key(item: Item) -> tuple[Any, ...]:
    """Equal for items that score alike. The number types are part of it, as ``1 == 1.0``
    but sums of ints and of floats may round differently."""
    numbers = (type(item.weight), *(type(o.points) for o in item.options))
    return (item.kind, item.options, item.scale, item.weight, item.severity, numbers)


def _shape(item: Item, outcome_ids: list[str], remember: set[str]) -> _Shape:
    picks: dict[str, _Pick] = {}
    for option in item.options:
        picks.setdefault(option.value, _pick(item, option, outcome_ids))
    low, high = item_range(item)
    return _Shape(
        kind=_kind_code(item),
        picks=picks,
        scale=item.scale,
        low=low,
        high=high,
        severity=item.severity,
        rank=_RANK[item.severity] if item.severity is not None else 0,
        scored=item.scored,
        weight=item.weight,
        remember=item.id in remember,
    )


def _kind_code(item: Item) -> int:
    if item.kind is ItemKind.NOTE:
        return _NOTE
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE):
        return _CHOICE
    if item.kind is ItemKind.MULTIPLE:
        return _MULTIPLE
    return _SCALE if item.kind is ItemKind.SCALE and item.scale is not None else _NEVER


def _pick(item: Item, option: Option, outcome_ids: list[str]) -> _Pick:
    gains = (
        (k, sum(p for o, p in option.outcomes if o == oid)) for k, oid in enumerate(outcome_ids)
    )
    return _Pick(
        option=option,
        points=_points(item, option.value, (option,)),
        raw_points=option.points,
        flag=item.severity is not None and option.flag,
        crisis=option.crisis,
        gains=tuple((k, gained) for k, gained in gains if gained),
    )


def _plan_holds(show_if: _ShowIfPlan, known: Mapping[object, Sequence[Any]]) -> bool:
    """:func:`_holds` over a plan. ``known`` has the real answers of the shown items that
    conditions read (:func:`_remembered`); an item not shown, or shown without a real
    answer, is not in it, and both make a condition false in :func:`_condition` too."""
    every, some = show_if
    pairs = iter(every)
    for item_id, equals in zip(pairs, pairs, strict=True):
        if equals not in known.get(item_id, ()):
            return False
    if not some:
        return True
    pairs = iter(some)
    return any(
        equals in known.get(item_id, ()) for item_id, equals in zip(pairs, pairs, strict=True)
    )


class _Reading(NamedTuple):
    """What one shown item's raw answer gives (only for real, non-note answers)."""

    answer: AnswerValue
    points: float
    flag: bool
    crisis: bool
    picks: Sequence[_Pick]


def _read(shape: _Shape, raw: Any) -> _Reading | None:
    """:func:`answer_of`, :func:`_points` and :func:`_raises` at once, for a raw answer
    that is not None, "not sure" or "doesn't apply"; None if it is not a real answer."""
    kind = shape.kind
    if kind == _CHOICE:
        pick = shape.picks.get(raw) if isinstance(raw, str) else None
        if pick is None:
            return None
        return _Reading(raw, pick.points, pick.flag, pick.crisis, (pick,))
    if kind == _MULTIPLE:
        return _read_multiple(shape, raw)
    if kind == _SCALE and shape.scale is not None and _is_int(raw):
        s = shape.scale
        if not s.min <= raw <= s.max:
            return None
        points = float(s.max - raw if s.reverse else raw - s.min) * shape.weight
        above = s.flag_at_or_above is not None and raw >= s.flag_at_or_above
        below = s.flag_at_or_below is not None and raw <= s.flag_at_or_below
        return _Reading(raw, points, shape.severity is not None and (above or below), False, ())
    return None


def _read_multiple(shape: _Shape, raw: Any) -> _Reading | None:
    if not isinstance(raw, list | tuple):
        return None
    values: list[str] = []
    chosen: list[_Pick] = []
    for value in raw:
        if isinstance(value, str) and value not in values:
            pick = shape.picks.get(value)
            if pick is not None:
                values.append(value)
                chosen.append(pick)
    if not values and raw:
        return None  # only junk picks: not an answer
    points = float(sum(p.raw_points for p in chosen)) * shape.weight
    flag = any(p.flag for p in chosen)
    return _Reading(values, points, flag, any(p.crisis for p in chosen), chosen)


class _Walk:
    """Running state of one :func:`_score_with` call (never exposed)."""

    __slots__ = (
        "answered",
        "asked",
        "by_rank",
        "counted",
        "crisis",
        "not_applicable",
        "overall",
        "sections",
        "unsure",
        "unsure_flags",
    )

    def __init__(self) -> None:
        self.overall = _Tally()
        self.by_rank: list[list[Flag]] = [[] for _ in Severity]
        self.sections: list[SectionResult] = []
        self.unsure_flags: list[str] = []
        self.counted: list[tuple[str, _Shape, _Reading]] = []
        self.crisis = False
        self.asked = self.answered = self.unsure = self.not_applicable = 0


def _score_with(plan: _Plan, checklist: Checklist, answers: Mapping[str, Any]) -> Result:
    """:func:`_score_reference`, computed from the checklist's plan."""
    walk = _Walk()
    known: dict[object, Sequence[Any]] = {}
    # Every raw answer in one pass in C first: for thousands of items the look-ups then
    # overlap their memory waits instead of taking turns with the Python loop below.
    raws = list(map(answers.get, plan.ids))
    items = zip(plan.ids, raws, plan.shapes, plan.show_ifs, strict=True)
    for sp in plan.sections:
        own = islice(items, sp.size)  # this section's stretch; what is not read is skipped
        if sp.show_if is not None and not _plan_holds(sp.show_if, known):
            walk.sections.append(sp.hidden)
            deque(own, maxlen=0)
        else:
            walk.sections.append(_walk_section(sp, own, known, walk))
    ranked = tuple(flag for bucket in reversed(walk.by_rank) for flag in bucket)
    top_rank = next((k for k in range(len(walk.by_rank) - 1, -1, -1) if walk.by_rank[k]), None)
    overall = walk.overall
    band = _choose_band(checklist.bands, overall.percent, top_rank)
    completeness = Completeness(
        shown=walk.asked,
        answered=walk.answered,
        unsure=walk.unsure,
        not_applicable=walk.not_applicable,
        skipped=walk.asked - walk.answered,
    )
    return _result(
        checklist,
        overall,
        band,
        tuple(walk.sections),
        ranked,
        tuple(walk.unsure_flags),
        walk.crisis,
        _plan_outcomes(checklist.outcomes, walk.counted, plan.texts),
        completeness,
    )


def _walk_section(
    sp: _SectionPlan,
    items: Iterable[tuple[str, Any, _Shape, _ShowIfPlan | None]],
    known: dict[object, Sequence[Any]],
    walk: _Walk,
) -> SectionResult:
    """Score a shown section's items into ``walk``; the section's own result."""
    overall = walk.overall
    total = lowest = highest = 0.0
    counted = False
    own: list[Flag] = []
    own_top = -1
    for item_id, raw, shape, show_if in items:
        if show_if is not None and not _plan_holds(show_if, known):
            continue
        if shape.severity is not None and raw == UNSURE:
            walk.unsure_flags.append(item_id)
        if shape.kind == _NOTE:
            if shape.remember and isinstance(raw, str):
                known[item_id] = (raw,)
            continue
        walk.asked += 1
        if raw is None:
            continue
        if isinstance(raw, str) and raw in SPECIAL_ANSWERS:
            walk.answered += 1
            if raw == UNSURE:
                walk.unsure += 1
            else:
                walk.not_applicable += 1
            continue
        reading = _read(shape, raw)
        if reading is None:
            continue
        walk.answered += 1
        if shape.remember:
            known[item_id] = _remembered(shape, reading.answer)
        if reading.crisis:
            walk.crisis = True
        if reading.flag:
            flag = Flag(item_id, shape.severity, reading.answer)  # type: ignore[arg-type]
            walk.by_rank[shape.rank].append(flag)
            own.append(flag)
            own_top = max(own_top, shape.rank)
        if shape.scored:
            points, low, high = reading.points, shape.low, shape.high
            overall.total += points
            overall.lowest += low
            overall.highest += high
            total += points
            lowest += low
            highest += high
            counted = True
            if any(pick.gains for pick in reading.picks):
                walk.counted.append((item_id, shape, reading))
    if not counted and not own:
        return sp.empty
    section = sp.section
    percent = percent_of(total, lowest, highest)
    return SectionResult(
        id=section.id,
        title=section.title,
        percent=percent,
        total=total,
        lowest=lowest,
        highest=highest,
        band=_choose_band(section.bands, percent, own_top if own else None),
        flags=_by_severity(own),
        shown=True,
    )


def _plan_outcomes(
    outcomes: Sequence[Outcome],
    counted: Sequence[tuple[str, _Shape, _Reading]],
    texts: Mapping[str, str],
) -> tuple[OutcomeScore, ...]:
    """:func:`_outcomes` from the picks' precomputed gains, in one pass over the answers."""
    if not outcomes:
        return ()
    because: list[list[Contribution]] = [[] for _ in outcomes]
    for item_id, shape, reading in counted:
        gained: dict[int, tuple[float, list[str]]] = {}
        for pick in reading.picks:
            for k, points in pick.gains:
                so_far, labels = gained.get(k, (0.0, []))
                gained[k] = (so_far + float(points) * shape.weight, [*labels, pick.option.label])
        for k, (points, labels) in gained.items():
            label = ", ".join(labels)
            because[k].append(Contribution(item_id, texts[item_id], reading.answer, label, points))
    scores = [
        OutcomeScore(outcome, float(sum(c.points for c in own)), tuple(own))
        for outcome, own in zip(outcomes, because, strict=True)
    ]
    ranked = sorted(range(len(scores)), key=lambda k: (-scores[k].points, k))
    return tuple(scores[k] for k in ranked)


# --------------------------------------------------------------------------- golden tests


def run_golden_tests(checklist: Checklist) -> list[GoldenFailure]:
    """Score every golden test in the checklist; one failure per field that differs.

    A field is compared only when the test gives it. The model keeps "not given" and
    ``null`` apart only if it offers ``Expectation.given`` (a set of given field names);
    without it, a ``None`` band or top outcome is read as "not given".
    """
    failures: list[GoldenFailure] = []
    for test in checklist.tests:
        result = score(checklist, test.answers_dict())
        failures.extend(_compare(test.name, test.expect, result))
    return failures


def _given(expect: Any, name: str) -> bool:
    given = getattr(expect, "given", None)
    if given is not None:
        return name in given
    return getattr(expect, name) is not None


def _compare(name: str, expect: Any, result: Result) -> list[GoldenFailure]:
    out: list[GoldenFailure] = []
    actual_band = result.band.id if result.band else None
    if _given(expect, "band") and expect.band != actual_band:
        out.append(GoldenFailure(name, "band", expect.band, actual_band))
    if _given(expect, "flags"):
        want = tuple(sorted(set(expect.flags or ())))
        got = tuple(sorted({f.item_id for f in result.flags}))
        if want != got:
            out.append(GoldenFailure(name, "flags", want, got))
    top = result.top_outcome.id if result.top_outcome else None
    if _given(expect, "top_outcome") and expect.top_outcome != top:
        out.append(GoldenFailure(name, "top_outcome", expect.top_outcome, top))
    if _given(expect, "crisis") and expect.crisis != result.crisis:
        out.append(GoldenFailure(name, "crisis", expect.crisis, result.crisis))
    sections = {s.id: s for s in result.sections}
    for section_id, band_id in expect.section_bands:
        found = sections.get(section_id)
        got_band = found.band.id if found and found.band else None
        if band_id != got_band:
            out.append(GoldenFailure(name, f"section_bands.{section_id}", band_id, got_band))
    return out


__all__ = [
    "Completeness",
    "Contribution",
    "Flag",
    "GoldenFailure",
    "OutcomeScore",
    "Result",
    "SectionResult",
    "answer_label",
    "answer_of",
    "choose_band",
    "item_points",
    "item_range",
    "percent_of",
    "picked_options",
    "raises_flag",
    "run_golden_tests",
    "score",
    "special_of",
    "visible_item_ids",
    "visible_section_ids",
]
