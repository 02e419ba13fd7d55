"""The compiled scoring plan: built once per checklist, and exactly the plain rules.

``score`` runs a plan compiled from the checklist (see vetting/scoring.py); the plain,
object-by-object version of the same rules is kept as ``_score_reference``. Random
checklists here use every feature the plan precomputes (conditions on sections and items,
on notes, on ``multiple`` items, on unknown and later items; outcomes; crisis options;
repeated option values; zero weights; items that share a shape) and random answers with
junk, and the two must give equal results, field for field.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vetting.scoring as scoring
from tests.builders import (
    flag_band,
    make_checklist,
    multiple,
    note,
    option,
    outcome,
    scale,
    score_bands,
    section,
    single,
    when,
    yes_no,
)
from vetting.checklist.model import (
    NOT_APPLICABLE,
    UNSURE,
    Checklist,
    Condition,
    Item,
    ItemKind,
    ShowIf,
)
from vetting.scoring import score

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OUTCOMES = ("counsellor", "psychiatrist", "psychologist")

points = st.sampled_from([-2, -1, 0, 1, 2, 3, 0.5, 1.0])
weights = st.sampled_from([0, 0.5, 1, 1, 2, 1.0])
severities = st.sampled_from([None, "info", "caution", "serious", "critical"])


def _values(item: Item) -> list[Any]:
    """The real answer values of ``item`` (what a condition may test)."""
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return list(range(item.scale.min, item.scale.max + 1))
    if item.kind is ItemKind.NOTE:
        return ["a note", "unsure"]
    return [o.value for o in item.options]


@st.composite
def show_ifs(draw: st.DrawFn, ids: list[str], items: list[Item]) -> ShowIf | None:
    """None, or conditions on earlier items, later or unknown ids, with all and any."""
    if not items or draw(st.integers(0, 2)):
        return None

    def one() -> Condition:
        if draw(st.integers(0, 5)) == 0:  # an id not (yet) shown: never holds
            return Condition(draw(st.sampled_from([*ids, "nowhere"])), "yes")
        target = draw(st.sampled_from(items))
        odd = draw(st.sampled_from([1, "1", True]))  # never equal to a real answer
        return Condition(target.id, draw(st.sampled_from([*_values(target)] * 3 + [odd])))

    every = tuple(one() for _ in range(draw(st.integers(0, 1))))
    some = tuple(one() for _ in range(draw(st.integers(0, 2))))
    return ShowIf(all=every, any=some)


@st.composite
def options(draw: st.DrawFn, flagged: bool) -> list[Any]:
    count = draw(st.integers(1, 4))
    values = [draw(st.sampled_from(["a", "b", "c", "a", UNSURE])) for _ in range(count)]
    return [
        option(
            value,
            points=draw(points),
            flag=flagged and draw(st.booleans()),
            crisis=draw(st.integers(0, 5)) == 0,
            outcomes={o: draw(points) for o in OUTCOMES if draw(st.integers(0, 2)) == 0},
        )
        for value in values
    ]


@st.composite
def an_item(draw: st.DrawFn, item_id: str, ids: list[str], earlier: list[Item]) -> Item:
    kind = draw(st.sampled_from(["yes_no", "single", "multiple", "scale", "note"]))
    show_if = draw(show_ifs(ids, earlier))
    if kind == "note":
        return note(item_id, show_if=show_if, severity=draw(severities))
    severity = draw(severities)
    common: dict[str, Any] = {"show_if": show_if, "weight": draw(weights), "severity": severity}
    if kind == "yes_no":
        outs = {o: draw(points) for o in OUTCOMES if draw(st.booleans())}
        return yes_no(
            item_id,
            points=draw(points),
            flag_on=draw(st.sampled_from(["yes", "no"])),
            crisis_on=draw(st.sampled_from([None, "yes"])),
            outcomes_yes=outs,
            **common,
        )
    if kind == "scale":
        low = draw(st.integers(-2, 2))
        high = low + draw(st.integers(1, 5))
        at = draw(st.integers(low, high))
        above, below = draw(st.sampled_from([(at, None), (None, at), (None, None)]))
        return scale(
            item_id,
            low,
            high,
            reverse=draw(st.booleans()),
            flag_at_or_above=above,
            flag_at_or_below=below,
            **common,
        )
    build = single if kind == "single" else multiple
    return build(item_id, draw(options(severity is not None)), **common)


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    ids = [f"q{k}" for k in range(draw(st.integers(1, 12)))]
    earlier: list[Item] = []
    sections = []
    for start in range(0, len(ids), 4):
        own = []
        show_if = draw(show_ifs(ids, earlier))
        for item_id in ids[start : start + 4]:
            if earlier and draw(st.integers(0, 3)) == 0:  # a copy: shares a shape, or nearly
                item = draw(st.sampled_from(earlier))._replace(
                    id=item_id,
                    severity=draw(severities),
                    show_if=draw(show_ifs(ids, earlier)),
                )
            else:
                item = draw(an_item(item_id, ids, earlier))
            own.append(item)
            earlier.append(item)
        bands = draw(st.sampled_from([[], score_bands(0, 40, 100), [flag_band("s_bad", "info")]]))
        sections.append(section(f"s{start}", *own, show_if=show_if, bands=bands))
    bands = [*score_bands(0, 30, 60, 100)]
    if draw(st.booleans()):
        bands.insert(0, flag_band("urgent", "critical"))
        bands.insert(1, flag_band("worry", "caution"))
    return make_checklist(sections, bands=bands, outcomes=[outcome(o) for o in OUTCOMES])


def an_answer(draw: st.DrawFn, item: Item) -> Any:
    values = _values(item)
    real = st.sampled_from(values) if values else st.just("x")
    if item.kind is ItemKind.MULTIPLE:
        real = st.lists(st.sampled_from([*values, "zzz", 7]), max_size=4)
    junk = st.sampled_from([None, True, 2.0, "zzz", [], ["a", "a"], ("a",), {"a": 1}, 10**6])
    special = st.sampled_from([UNSURE, NOT_APPLICABLE])
    return draw(st.one_of(real, real, real, real, special, junk))


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Checklist, dict[str, Any]]:
    checklist = draw(checklists())
    answers = {
        item.id: an_answer(draw, item) for item in checklist.items if draw(st.integers(0, 4))
    }
    return checklist, answers


# --------------------------------------------------------------------------- equivalence


@SETTINGS
@given(scenarios())
def test_the_plan_gives_exactly_the_reference_result(case: tuple[Checklist, dict[str, Any]]):
    checklist, answers = case
    assert score(checklist, answers) == scoring._score_reference(checklist, answers)


def test_the_reference_and_the_plan_agree_on_a_worked_example():
    """A hand-checked case, so the comparison above is not two copies of one mistake."""
    checklist = make_checklist(
        [
            section(
                "a",
                yes_no("q1", severity="critical", points=3, outcomes_yes={"counsellor": 2}),
                scale("q2", 1, 5, reverse=True, show_if=when("q1", "yes")),
                bands=score_bands(0, 50, 100),
            ),
            section("b", yes_no("q3", points=1), show_if=when("q1", "no")),
        ],
        bands=[flag_band("urgent", "critical"), *score_bands(0, 50, 100)],
        outcomes=[outcome("counsellor")],
    )
    answers = {"q1": "yes", "q2": 2, "q3": "yes"}
    result = score(checklist, answers)
    assert result == scoring._score_reference(checklist, answers)
    assert (result.total, result.lowest, result.highest) == (6.0, 0.0, 7.0)  # 3 + (5 - 2)
    assert result.band is not None and result.band.id == "urgent"
    assert [s.shown for s in result.sections] == [True, False]
    assert [f.item_id for f in result.flags] == ["q1"]
    assert result.top_outcome is not None and result.top_outcome.id == "counsellor"
    assert result.outcomes[0].points == 2.0


def _conditional(show_if: ShowIf) -> Checklist:
    """q1-q4 of every kind, then ``shown`` (a flagged yes/no) under ``show_if``."""
    return make_checklist(
        [
            section(
                "s",
                multiple("q1", [option("a"), option("b")]),
                scale("q2", 0, 3),
                note("q3"),
                yes_no("q4"),
                yes_no("shown", severity="caution", show_if=show_if),
                yes_no("q5"),
            )
        ]
    )


ANSWERS = {"q1": ["b"], "q2": 1, "q3": "hello", "q4": "yes", "shown": "yes", "q5": "no"}


@pytest.mark.parametrize(
    ("conditions", "shown"),
    [
        ([("q1", "b")], True),  # among a multiple item's picks
        ([("q1", "a")], False),
        ([("q2", 1)], True),
        ([("q2", True)], False),  # True is not 1
        ([("q2", "1")], False),  # nor is "1"
        ([("q3", "hello")], True),  # a note's text
        ([("q4", "yes"), ("q1", "b")], True),
        ([("q4", "yes"), ("q1", "a")], False),
        ([("q5", "no")], False),  # asked later: not shown yet
        ([("shown", "yes")], False),  # itself
        ([("nowhere", "yes")], False),  # no such item
    ],
)
def test_conditions_in_the_plan(conditions: list[tuple[str, Any]], shown: bool):
    every = ShowIf(all=tuple(Condition(i, v) for i, v in conditions))
    some = ShowIf(any=(Condition("q4", "no"), *every.all))
    for show_if in (every, some) if len(conditions) == 1 else (every,):
        checklist = _conditional(show_if)
        result = score(checklist, ANSWERS)
        assert result == scoring._score_reference(checklist, ANSWERS)
        assert bool(result.flags) is shown
        assert result.completeness.shown == (5 if shown else 4)


# --------------------------------------------------------------------------- built once


def _counting_compile(monkeypatch: pytest.MonkeyPatch) -> list[Checklist]:
    built: list[Checklist] = []
    real = scoring._compile

    def counting(checklist: Checklist) -> Any:
        built.append(checklist)
        return real(checklist)

    monkeypatch.setattr(scoring, "_compile", counting)
    return built


def _small() -> Checklist:
    return make_checklist(
        [section("s", yes_no("q1", severity="serious"), yes_no("q2", show_if=when("q1", "yes")))]
    )


def test_the_plan_is_built_once_per_checklist(monkeypatch: pytest.MonkeyPatch):
    built = _counting_compile(monkeypatch)
    checklist = _small()
    for answers in ({}, {"q1": "yes"}, {"q1": "no", "q2": "yes"}, {"q1": "yes"}):
        score(checklist, answers)
    assert built == [checklist]
    other = _small()  # equal, but its own object: its own plan
    score(other, {})
    assert len(built) == 2 and built[1] is other


def test_a_changed_copy_gets_its_own_plan(monkeypatch: pytest.MonkeyPatch):
    """``dataclasses.replace`` copies fields; the plan must never come along."""
    checklist = _small()
    assert score(checklist, {"q1": "yes"}).flags
    built = _counting_compile(monkeypatch)
    calmer = replace(checklist, sections=(section("s", yes_no("q1"), yes_no("q2")),))
    assert score(calmer, {"q1": "yes"}).flags == ()
    assert built == [calmer]


def test_a_pickled_checklist_leaves_its_plan_behind(monkeypatch: pytest.MonkeyPatch):
    checklist = _small()
    before = score(checklist, {"q1": "yes"})
    built = _counting_compile(monkeypatch)
    copy = pickle.loads(pickle.dumps(checklist))
    assert score(copy, {"q1": "yes"}) == before
    assert built == [copy]  # rebuilt on the other side, not carried over


def test_repeated_ids_are_scored_by_the_reference(monkeypatch: pytest.MonkeyPatch):
    """Repeated ids never pass validation; a model built in code still scores as before."""
    twice = make_checklist(
        [section("s", yes_no("q1", severity="serious")), section("t", yes_no("q1", points=2))]
    )
    assert scoring._compile(twice) is None
    answers = {"q1": "yes"}
    assert score(twice, answers) == scoring._score_reference(twice, answers)
    assert [f.item_id for f in score(twice, answers).flags] == ["q1"]
