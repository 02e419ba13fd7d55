"""Hypothesis properties of scoring over random (small) checklists and answers.

The checklists are built in code with random kinds, points, weights, severities and
conditions on earlier items; answers mix real values, "not sure", "doesn't apply" and
junk. Scoring must stay in bounds, ignore hidden items and answer order, let a critical
flag always win, never treat "not sure" as safe, and be deterministic.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.builders import (
    flag_band,
    make_checklist,
    multiple as multiple_item,
    note as note_item,
    option,
    scale,
    score_bands,
    section,
    single as single_item,
    yes_no as yes_no_item,
)
from vetting.checklist.model import (
    NOT_APPLICABLE,
    UNSURE,
    Checklist,
    Condition as Cond,
    Item,
    ItemKind,
    Severity,
    When,
)
from vetting.scoring import raises_flag, score, visible_item_ids

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

points = st.sampled_from([-2, -1, 0, 0, 1, 2, 3, 5, 0.5])
weights = st.sampled_from([0, 0.5, 1, 1, 1, 2])
severities = st.sampled_from([None, "info", "caution", "serious", "critical", "critical"])


@st.composite
def items(draw: st.DrawFn, item_id: str, earlier: list[Item]) -> Item:
    kind = draw(st.sampled_from(["yes_no", "single", "multiple", "scale", "note"]))
    fields: dict[str, Any] = {
        "weight": draw(weights),
        "allow_unsure": draw(st.booleans()),
        "allow_not_applicable": draw(st.booleans()),
    }
    if earlier and draw(st.booleans()):
        target = draw(st.sampled_from(earlier))
        values = _real_values(target)
        if values:
            cond = Cond(target.id, (draw(st.sampled_from(values)),))
            fields["show_if"] = When(all=(cond,)) if draw(st.booleans()) else When(any=(cond,))
    if kind == "note":
        return note_item(item_id, **{k: v for k, v in fields.items() if k == "show_if"})
    severity = draw(severities)
    if kind == "yes_no":
        return yes_no_item(
            item_id,
            severity=severity,
            points=draw(points),
            flag_on=draw(st.sampled_from(["yes", "no"])),
            crisis_on=draw(st.sampled_from([None, None, "yes"])),
            **fields,
        )
    if kind == "scale":
        low = draw(st.integers(-2, 2))
        high = low + draw(st.integers(1, 6))
        threshold = draw(st.integers(low, high))
        above = draw(st.booleans())
        return scale(
            item_id,
            low,
            high,
            severity=severity,
            reverse=draw(st.booleans()),
            flag_at_or_above=threshold if above else None,
            flag_at_or_below=None if above else threshold,
            **fields,
        )
    count = draw(st.integers(2, 4))
    options = [
        option(f"o{k}", points=draw(points), flag=severity is not None and draw(st.booleans()))
        for k in range(count)
    ]
    build = single_item if kind == "single" else multiple_item
    return build(item_id, options, severity=severity, **fields)


def _real_values(item: Item) -> list[Any]:
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE, ItemKind.MULTIPLE):
        return [o.value for o in item.options]
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return list(range(item.scale.min, item.scale.max + 1))
    return []


@st.composite
def checklists(draw: st.DrawFn) -> Checklist:
    sections = []
    earlier: list[Item] = []
    for s in range(draw(st.integers(1, 3))):
        own = []
        for _ in range(draw(st.integers(1, 4))):
            item = draw(items(f"q{len(earlier)}", earlier))
            own.append(item)
            earlier.append(item)
        sections.append(section(f"s{s}", *own, bands=score_bands(0, 40, 100)))
    bands = [flag_band("urgent", "critical"), *score_bands(0, 30, 60, 100)]
    if draw(st.booleans()):
        bands.insert(0, flag_band("worry", "serious"))
    return make_checklist(sections, bands=bands)


def answer_for(draw: st.DrawFn, item: Item) -> Any:
    real = _real_values(item)
    junk = [None, 3.5, True, "zzz", ["zzz"], {"a": 1}, 10**6]
    if item.kind is ItemKind.MULTIPLE:
        real_answer = st.lists(st.sampled_from(real), unique=True)
    elif item.kind is ItemKind.NOTE:
        real_answer = st.text(max_size=5)
    else:
        real_answer = st.sampled_from(real)
    return draw(
        st.one_of(
            real_answer,
            real_answer,
            st.sampled_from([UNSURE, NOT_APPLICABLE]),
            st.sampled_from(junk),
        )
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Checklist, dict[str, Any]]:
    c = draw(checklists())
    answers = {}
    for item in c.items:
        if draw(st.integers(0, 4)):  # most items answered, some skipped
            answers[item.id] = answer_for(draw, item)
    if draw(st.booleans()):
        answers["not_an_item"] = "yes"
    return c, answers


@SETTINGS
@given(scenarios())
def test_percent_within_bounds(case):
    c, answers = case
    result = score(c, answers)
    for value in (result.percent, *(s.percent for s in result.sections)):
        assert value is None or 0.0 <= value <= 100.0
    assert result.lowest <= result.highest


@SETTINGS
@given(scenarios(), st.data())
def test_answers_to_hidden_items_never_change_the_result(case, data):
    c, answers = case
    visible = set(visible_item_ids(c, answers))
    changed = dict(answers)
    for item in c.items:
        if item.id not in visible:
            changed[item.id] = answer_for(data.draw, item)
    assert score(c, changed) == score(c, answers)


@SETTINGS
@given(scenarios(), st.randoms(use_true_random=False))
def test_order_of_answers_never_matters(case, rnd: random.Random):
    c, answers = case
    keys = list(answers)
    rnd.shuffle(keys)
    shuffled = {key: answers[key] for key in keys}
    assert score(c, shuffled) == score(c, answers)


@SETTINGS
@given(scenarios())
def test_a_critical_flag_always_chooses_the_critical_band(case):
    c, answers = case
    result = score(c, answers)
    if any(f.severity is Severity.CRITICAL for f in result.flags):
        assert result.band is not None and result.band.id == "urgent"
    else:
        assert result.band is None or result.band.id != "urgent"


@SETTINGS
@given(scenarios())
def test_a_critical_flag_wins_whatever_the_other_answers(case):
    c, answers = case
    crit = section("crit", yes_no_item("crit_q", severity="critical", points=0.5))
    with_crit = make_checklist([crit, *c.sections], bands=c.bands)
    result = score(with_crit, {**answers, "crit_q": "yes"})
    assert result.flags[0].item_id == "crit_q"
    assert result.band is not None and result.band.id == "urgent"


@SETTINGS
@given(scenarios())
def test_unsure_is_never_safe(case):
    c, answers = case
    result = score(c, answers)
    for flag in result.flags:
        item = c.item(flag.item_id)
        assert item is not None
        replaced = {**answers, flag.item_id: UNSURE}
        after = score(c, replaced)
        assert after.flags or after.unsure_flags
        assert flag.item_id in after.unsure_flags


@SETTINGS
@given(scenarios())
def test_scoring_is_deterministic(case):
    c, answers = case
    assert score(c, answers) == score(c, dict(answers))


@SETTINGS
@given(scenarios())
def test_every_raised_flag_is_on_a_shown_item_whose_answer_raises_it(case):
    c, answers = case
    visible = visible_item_ids(c, answers)
    for flag in score(c, answers).flags:
        item = c.item(flag.item_id)
        assert flag.item_id in visible
        assert item is not None and raises_flag(item, flag.answer)
