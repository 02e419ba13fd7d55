"""Hypothesis properties of the parts of scoring that decide rather than add up.

Red flags: the band comes from the flags themselves, so answering more questions "no" never
lowers it, and raising another flag never lowers it (issue #11, point 2). Choice: a ruled-out
outcome is never the first step, an outcome a rule puts first always is, and outcomes with
equal points are reported as a tie, whatever order they are written in.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.builders import band, make_checklist, option, outcome, single, yes_no
from vetting.checklist.model import Checklist, Condition, Rule, When
from vetting.scoring import score, strength

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEVERITIES = ["info", "caution", "serious", "critical"]


def _rank(result: Any) -> tuple[int, int]:
    return strength(result.band) if result.band is not None else (-1, 0)


@st.composite
def red_flags(draw: st.DrawFn) -> tuple[Checklist, dict[str, Any]]:
    count = draw(st.integers(2, 9))
    items = [
        yes_no(
            f"q{k}",
            severity=draw(st.sampled_from(SEVERITIES)),
            allow_unsure=draw(st.booleans()),
            points=draw(st.sampled_from([0, 1, 3, 10])),
        )
        for k in range(count)
    ]
    bands = [
        band("critical", when_flag="critical"),
        band("serious_many", when_flag="serious", at_least=draw(st.integers(2, 3))),
        band("serious", when_flag="serious"),
        band("unsure", when_unsure=draw(st.sampled_from(["serious", "critical"]))),
        band("caution_many", when_flag="caution", at_least=3),
        band("caution", when_flag="caution"),
        band("clear", when_clear=True),
    ]
    rules = []
    if draw(st.booleans()):
        ids = draw(st.lists(st.sampled_from([i.id for i in items]), min_size=2, unique=True))
        rules.append(
            Rule(
                id="pattern",
                when=When(any=tuple(Condition(i, flagged=True) for i in ids), at_least=2),
                reason="A pattern.",
                band_at_least="critical",
            )
        )
    checklist = make_checklist(
        items=items,
        bands=draw(st.permutations(bands)),  # the order written never matters
        rules=rules,
        min_known=draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])),
        kind="red-flags",
    )
    answers = {i.id: draw(st.sampled_from(["yes", "no", "unsure", None])) for i in items}
    return checklist, {k: v for k, v in answers.items() if v is not None}


@SETTINGS
@given(red_flags(), st.data())
def test_answering_more_questions_no_never_lowers_the_band(case, data) -> None:
    checklist, answers = case
    skipped = [i.id for i in checklist.items if i.id not in answers]
    if not skipped:
        return
    more = dict(answers)
    for item_id in data.draw(st.lists(st.sampled_from(skipped), min_size=1, unique=True)):
        more[item_id] = "no"
    assert _rank(score(checklist, more)) >= _rank(score(checklist, answers))


@SETTINGS
@given(red_flags(), st.data())
def test_adding_a_flag_never_lowers_the_band(case, data) -> None:
    checklist, answers = case
    calm = [i.id for i in checklist.items if answers.get(i.id) != "yes"]
    if not calm:
        return
    flagged = dict(answers)
    flagged[data.draw(st.sampled_from(calm))] = "yes"
    assert _rank(score(checklist, flagged)) >= _rank(score(checklist, answers))


@SETTINGS
@given(red_flags())
def test_a_red_flags_band_never_depends_on_points(case) -> None:
    checklist, answers = case
    from dataclasses import replace

    flat = replace(
        checklist,
        sections=tuple(
            s._replace(items=tuple(i._replace(weight=0) for i in s.items))
            for s in checklist.sections
        ),
    )
    assert score(flat, answers).band == score(checklist, answers).band


OUTCOMES = ["a", "b", "c", "d"]


@st.composite
def choices(draw: st.DrawFn) -> tuple[Checklist, dict[str, Any]]:
    items = []
    for k in range(draw(st.integers(1, 5))):
        opts = [
            option(
                f"v{n}",
                outcomes={o: draw(st.sampled_from([0, 1, 2, 3])) for o in OUTCOMES},
            )
            for n in range(3)
        ]
        items.append(single(f"q{k}", opts, allow_unsure=True))
    rules = []
    for r in range(draw(st.integers(0, 3))):
        target = draw(st.sampled_from(items))
        rules.append(
            Rule(
                id=f"r{r}",
                when=When(all=(Condition(target.id, (draw(st.sampled_from(["v0", "v1"])),)),)),
                reason="Because.",
                rule_out=tuple(draw(st.lists(st.sampled_from(OUTCOMES), max_size=2, unique=True))),
                put_first=tuple(draw(st.lists(st.sampled_from(OUTCOMES), max_size=2, unique=True))),
            )
        )
    written = draw(st.permutations(OUTCOMES))
    checklist = make_checklist(
        items=items, outcomes=[outcome(o) for o in written], rules=rules, kind="choice"
    )
    answers = {i.id: draw(st.sampled_from(["v0", "v1", "v2", "unsure"])) for i in items}
    return checklist, answers


@SETTINGS
@given(choices())
def test_rules_decide_before_points(case) -> None:
    checklist, answers = case
    result = score(checklist, answers)
    fired = result.fired
    out = {o for r in fired for o in r.rule_out}
    first = {o for r in fired for o in r.put_first} - out
    best = {o.id for o in result.best}
    assert not best & out  # ruled out: never the first step
    if first:
        assert best and best <= first  # put first: always first, named even if little is known
    assert {o.id for o in result.ruled_out} == out & set(OUTCOMES)


@SETTINGS
@given(choices())
def test_equal_points_tie_whatever_the_order_written(case) -> None:
    checklist, answers = case
    result = score(checklist, answers)
    points = {s.outcome.id: s.points for s in result.outcomes}
    if len(result.best) > 1:
        assert len({points[o.id] for o in result.best}) == 1
    reordered = make_checklist(
        sections=list(checklist.sections),
        outcomes=list(reversed(checklist.outcomes)),
        rules=list(checklist.rules),
        kind="choice",
    )
    again = score(reordered, answers)
    assert {o.id for o in again.best} == {o.id for o in result.best}
