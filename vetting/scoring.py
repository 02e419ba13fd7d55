"""Pure scoring: which items are shown, totals and percentages, bands, flags and outcomes.

Everything here is a deterministic function of a frozen :class:`~vetting.model.Checklist`
and a plain answers dict, with no I/O, so the app, ``vetting score``, the golden tests in
``vetting validate`` and the property tests all agree on one result. The rules are the ones
in ``docs/format.md`` ("Conditions" and "Scoring"); the short version:

* Items are visited in checklist order; a condition holds only when its item is shown and
  answered with that value, so hiding an item hides everything that depends on it.
* Only shown, scored items with a real answer count. "Not sure", "Doesn't apply" and
  skipped items count neither for nor against, and are reported on their own.
* A raised red flag picks its flag band whatever the total: a critical flag is never
  averaged away.

Answers are expected to have passed :func:`vetting.answers.check_answers`, but anything
that does not fit (an unknown item, a wrong type, an unknown option) is ignored here rather
than raised, so a damaged session can always be shown. Nothing is rounded: the numbers are
floats and the reports decide how to show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vetting.model import (
    NOT_APPLICABLE,
    SPECIAL_ANSWERS,
    UNSURE,
    AnswerValue,
    Band,
    Checklist,
    Item,
    ItemKind,
    Option,
    Outcome,
    Section,
    Severity,
    ShowIf,
)

# --------------------------------------------------------------------------- result types


@dataclass(frozen=True, slots=True)
class Flag:
    """A raised red flag: the item, how serious it is, and the answer that raised it."""

    item_id: str
    severity: Severity
    answer: AnswerValue


@dataclass(frozen=True, slots=True)
class Contribution:
    """One answer behind an outcome's points ("because you answered ...")."""

    item_id: str
    item_text: str
    answer: AnswerValue
    answer_label: str
    points: float


@dataclass(frozen=True, slots=True)
class OutcomeScore:
    outcome: Outcome
    points: float
    because: tuple[Contribution, ...]


@dataclass(frozen=True, slots=True)
class SectionResult:
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


@dataclass(frozen=True, slots=True)
class Completeness:
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


@dataclass(frozen=True, slots=True)
class Result:
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


@dataclass(frozen=True, slots=True)
class GoldenFailure:
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


@dataclass(frozen=True)
class _Shown:
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
    if flags:
        top = max(f.severity.rank for f in flags)
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


@dataclass
class _Tally:
    """Running totals over counted items (mutable while scoring, never exposed)."""

    total: float = 0.0
    lowest: float = 0.0
    highest: float = 0.0

    def add(self, points: float, low: float, high: float) -> None:
        self.total += points
        self.lowest += low
        self.highest += high

    @property
    def percent(self) -> float | None:
        return percent_of(self.total, self.lowest, self.highest)


def score(checklist: Checklist, answers: Mapping[str, Any]) -> Result:
    """The full result for ``answers``; ignores whatever does not fit, never raises for it."""
    answers = answers if isinstance(answers, Mapping) else {}
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
    outcomes = _outcomes(checklist, counted)
    top = next((o.outcome for o in outcomes if o.points > 0), None)
    return Result(
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        percent=overall.percent,
        total=overall.total,
        lowest=overall.lowest,
        highest=overall.highest,
        band=band,
        sections=tuple(
            _section_result(
                s,
                per_section.get(s.id, _Tally()),
                flags_by_section.get(s.id, ()),
                s.id in seen.sections,
            )
            for s in checklist.sections
        ),
        flags=ranked_flags,
        unsure_flags=tuple(unsure),
        crisis=crisis,
        outcomes=outcomes,
        top_outcome=top,
        completeness=_completeness(seen, answers),
        next_steps=_next_steps(band, top),
    )


def _by_severity(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    """Most serious first; ties keep their (checklist) order, as the sort is stable."""
    return tuple(sorted(flags, key=lambda flag: -flag.severity.rank))


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


def _next_steps(band: Band | None, top: Outcome | None) -> tuple[str, ...]:
    """The band's steps, then the top outcome's, each once, in order."""
    steps: list[str] = []
    for step in (*(band.next_steps if band else ()), *(top.next_steps if top else ())):
        if step not in steps:
            steps.append(step)
    return tuple(steps)


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
