"""Scoring: one set of answers to checklist gives one :class:`~vetting.scoring.results.Result`.

A deterministic function of a frozen checklist and a plain answers dict, with no I/O, so
the app, ``vetting score``, the golden tests in ``vetting validate`` and the property tests
all agree. The rules are those of docs/format.md; in short:

* Only shown items with a real answer count; "not sure", "doesn't apply" and skipped
  count neither for nor against, and are reported on their own (:class:`Completeness`).
* Bands come from the flags first (:mod:`vetting.scoring.bands`), then from the score,
  and only when enough is known.
* Decision rules are read once all answers are in; they rule outcomes out, put them
  first, make the result at least as serious as a band, and raise alerts.
* Next steps, questions and advice are the ones whose conditions hold.

Answers are expected to have passed the answers checks, but anything that does not fit
is ignored rather than raised, so a damaged session can always be shown. Nothing is
rounded: the reports decide how to show numbers.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vetting.checklist.model import (
    UNSURE,
    AnswerValue,
    Checklist,
    Item,
    ItemKind,
    Option,
    Section,
    Step,
)
from vetting.scoring.answers import (
    item_points,
    item_range,
    picked_options,
    special_of,
)
from vetting.scoring.bands import RANK, FlagPicture, at_least, choose_band
from vetting.scoring.conditions import Seen, Walk, holds, wording
from vetting.scoring.outcomes import Counted, Ranking, outcome_scores
from vetting.scoring.results import Completeness, Flag, Result, SectionResult


class _Tally:
    """Running totals and counts over one section, or the whole checklist."""

    __slots__ = (
        "counted",
        "flags",
        "highest",
        "known",
        "lowest",
        "not_applicable",
        "shown",
        "skipped",
        "total",
        "unsure",
        "unsure_ranks",
    )

    def __init__(self) -> None:
        self.total = self.lowest = self.highest = 0.0
        self.counted = False
        self.shown = self.known = self.unsure = self.not_applicable = self.skipped = 0
        self.flags: list[Flag] = []
        self.unsure_ranks: list[int] = []

    def count(self, answer: AnswerValue | None, special: str | None) -> None:
        """Count a shown question as known, unsure, not applicable or skipped."""
        self.shown += 1
        if answer is not None:
            self.known += 1
        elif special == UNSURE:
            self.unsure += 1
        elif special is not None:
            self.not_applicable += 1
        else:
            self.skipped += 1

    def add(self, points: float, low: float, high: float) -> None:
        self.total += points
        self.lowest += low
        self.highest += high
        self.counted = True

    @property
    def percent(self) -> float | None:
        return percent_of(self.total, self.lowest, self.highest) if self.counted else None

    def completeness(self) -> Completeness:
        return Completeness(self.shown, self.known, self.unsure, self.not_applicable, self.skipped)

    def enough(self, min_known: float) -> bool:
        return self.completeness().fraction >= min_known

    def picture(self, min_known: float) -> FlagPicture:
        ranks = (RANK[f.severity] for f in self.flags)
        return FlagPicture(ranks, self.unsure_ranks, self.enough(min_known))


def percent_of(total: float, lowest: float, highest: float) -> float | None:
    """``100 × (total − lowest) / (highest − lowest)``, kept within 0–100; None if no range."""
    if not highest > lowest:
        return None
    return min(100.0, max(0.0, 100.0 * (total - lowest) / (highest - lowest)))


def score(checklist: Checklist, answers: Mapping[str, Any]) -> Result:
    """The full result for ``answers``; ignores whatever does not fit, never raises for it."""
    answers = answers if isinstance(answers, Mapping) else {}
    shown = Walk(checklist, answers)  # each item is counted as it is shown: one pass
    seen = shown.seen
    overall = _Tally()
    by_section: dict[str, _Tally] = {}
    towards_outcomes: list[tuple[Item, AnswerValue, tuple[Option, ...]]] = []
    unsure_flags: list[str] = []
    crisis = False
    for section, item, value in shown:
        tally = by_section.get(section.id)
        if tally is None:
            tally = by_section[section.id] = _Tally()
        special = special_of(value)
        if special == UNSURE and item.severity is not None:
            unsure_flags.append(item.id)
            tally.unsure_ranks.append(RANK[item.severity])
            overall.unsure_ranks.append(RANK[item.severity])
        if item.kind is ItemKind.NOTE:
            continue
        answer = None if special is not None else value
        tally.count(answer, special)
        overall.count(answer, special)
        if answer is None:
            continue
        picked = picked_options(item, answer)
        crisis = crisis or any(o.crisis for o in picked)
        if item.id in seen.flagged and item.severity is not None:
            flag = Flag(item.id, item.severity, answer)
            tally.flags.append(flag)
            overall.flags.append(flag)
        if item.scored:
            points, (low, high) = item_points(item, answer, picked), item_range(item)
            tally.add(points, low, high)
            overall.add(points, low, high)
            if any(o.outcomes for o in picked):
                towards_outcomes.append((item, answer, picked))
    # Worded once every answer is seen, as the app and the reports word them (a wording's
    # `flag_at_least` may count a flag raised further on).
    counted = [
        Counted(item, wording(item, seen)[0], answer, picked)
        for item, answer, picked in towards_outcomes
    ]
    visible = {s.id for s in shown.sections}
    sections = tuple(
        _section_result(checklist, s, by_section.get(s.id), s.id in visible, seen)
        for s in checklist.sections
    )
    fired = tuple(rule for rule in checklist.rules if holds(rule.when, seen))
    enough = overall.enough(checklist.min_known)
    band = choose_band(
        checklist.bands, overall.percent, overall.picture(checklist.min_known), enough
    )
    floors = (checklist.band(r.band_at_least) for r in fired if r.band_at_least)
    band = at_least(band, (b for b in floors if b is not None))
    ranking = Ranking(outcome_scores(checklist, counted), fired, enough)
    alert_ids = {rule.alert for rule in fired if rule.alert}
    return Result(
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        percent=overall.percent,
        total=overall.total,
        lowest=overall.lowest,
        highest=overall.highest,
        band=band,
        sections=sections,
        flags=_by_severity(overall.flags),
        unsure_flags=tuple(unsure_flags),
        crisis=crisis,
        outcomes=ranking.ranked,
        best=ranking.best,
        ruled_out=ranking.ruled_out,
        fired=fired,
        alerts=tuple(a for a in checklist.alerts if a.id in alert_ids),
        completeness=overall.completeness(),
        enough_known=enough,
        next_steps=_texts(
            (*(band.next_steps if band else ()), *(s for o in ranking.best for s in o.next_steps)),
            seen,
        ),
        questions=_texts((q for o in ranking.best for q in o.questions_to_ask), seen),
        advice=tuple(a for a in checklist.advice if holds(a.when, seen)),
    )


def _section_result(
    checklist: Checklist, section: Section, tally: _Tally | None, shown: bool, seen: Seen
) -> SectionResult:
    """A section's own result; its band is also recorded for conditions on it."""
    tally = tally or _Tally()
    # A section's band needs only something counted in it: how much is known decides the
    # headline (the checklist's band), while a section's band is a detail under it, and a
    # rule on it can only make the headline more careful.
    band = choose_band(section.bands, tally.percent, tally.picture(0.0), True)
    if band is not None:
        seen.section_bands[section.id] = band.id
    return SectionResult(
        id=section.id,
        title=section.title,
        percent=tally.percent,
        total=tally.total,
        lowest=tally.lowest,
        highest=tally.highest,
        band=band,
        flags=_by_severity(tally.flags),
        shown=shown,
    )


def _by_severity(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    """Most serious first; ties keep their (checklist) order, as the sort is stable."""
    return tuple(sorted(flags, key=lambda flag: -RANK[flag.severity]))


def _texts(steps: Iterable[Step], seen: Seen) -> tuple[str, ...]:
    """The texts of the steps whose condition holds, each once, in order."""
    out: list[str] = []
    for step in steps:
        if step.text not in out and holds(step.when, seen):
            out.append(step.text)
    return tuple(out)
