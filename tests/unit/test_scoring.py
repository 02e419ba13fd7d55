"""Example tables for every scoring rule in docs/format.md ("Conditions", "Scoring")."""

from __future__ import annotations

import pytest

from tests.support.builders import (
    band,
    flag_band,
    golden,
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
from vetting.checklist.model import Condition, Severity, Variant, When
from vetting.scoring import (
    choose_band,
    item_range,
    item_wording,
    percent_of,
    run_golden_tests,
    score,
    visible_item_ids,
)
from vetting.scoring.bands import FlagPicture

# --------------------------------------------------------------------------- visibility


def _conditional():
    return make_checklist(
        sections=[
            section(
                "first",
                yes_no("partner", points=0),
                yes_no("money_talk", points=0, show_if=when("partner", "yes")),
                multiple("worries", [option("money"), option("time")]),
                scale("comfort", 1, 5),
            ),
            section(
                "second",
                yes_no("deep", points=0, show_if=when("money_talk", "yes")),
                yes_no("picked", points=0, show_if=when("worries", "money")),
                yes_no("rated", points=0, show_if=when("comfort", 4)),
                show_if=When(),
            ),
            section("gated", yes_no("gated_q"), show_if=when("partner", "yes")),
        ]
    )


@pytest.mark.parametrize(
    ("answers", "visible"),
    [
        ({}, ["partner", "worries", "comfort"]),
        ({"partner": "yes"}, ["partner", "money_talk", "worries", "comfort", "gated_q"]),
        ({"partner": "no", "money_talk": "yes"}, ["partner", "worries", "comfort"]),
        # hidden item answered "yes" never makes what depends on it visible
        ({"money_talk": "yes"}, ["partner", "worries", "comfort"]),
        (
            {"partner": "yes", "money_talk": "yes"},
            ["partner", "money_talk", "worries", "comfort", "deep", "gated_q"],
        ),
        ({"worries": ["time", "money"]}, ["partner", "worries", "comfort", "picked"]),
        ({"worries": ["time"]}, ["partner", "worries", "comfort"]),
        ({"comfort": 4}, ["partner", "worries", "comfort", "rated"]),
        ({"comfort": 5}, ["partner", "worries", "comfort"]),
        ({"comfort": "4"}, ["partner", "worries", "comfort"]),  # wrong type never matches
        ({"partner": "unsure"}, ["partner", "worries", "comfort"]),
    ],
)
def test_visibility(answers, visible):
    assert visible_item_ids(_conditional(), answers) == visible


def test_any_conditions_need_one_to_hold():
    c = make_checklist(
        items=[
            yes_no("a", points=0),
            yes_no("b", points=0),
            yes_no("c", show_if={"any": [("a", "yes"), ("b", "yes")]}),
        ]
    )
    assert "c" not in visible_item_ids(c, {"a": "no", "b": "no"})
    assert "c" in visible_item_ids(c, {"a": "no", "b": "yes"})


def test_condition_on_a_later_item_is_false():
    c = make_checklist(items=[yes_no("a", show_if=when("b", "yes")), yes_no("b")])
    assert visible_item_ids(c, {"b": "yes"}) == ["b"]


# --------------------------------------------------------------------------- points


@pytest.mark.parametrize(
    ("item", "low", "high"),
    [
        (yes_no("q", points=3), 0, 3),
        (single("q", [option("a", points=-2), option("b", points=5)]), -2, 5),
        (
            multiple("q", [option("a", points=-2), option("b", points=5), option("c", points=1)]),
            -2,
            6,
        ),
        (scale("q", 1, 5), 0, 4),
        (scale("q", 0, 10, reverse=True, weight=2), 0, 20),
        (yes_no("q", points=3, weight=0.5), 0, 1.5),
    ],
)
def test_item_range(item, low, high):
    assert item_range(item) == (low, high)


@pytest.mark.parametrize(
    ("item", "answer", "total"),
    [
        (yes_no("q", points=3), "yes", 3),
        (yes_no("q", points=3), "no", 0),
        (yes_no("q", points=3, weight=2), "yes", 6),
        (multiple("q", [option("a", points=1), option("b", points=2)]), ["a", "b"], 3),
        (multiple("q", [option("a", points=1), option("b", points=2)]), [], 0),
        (scale("q", 1, 5), 4, 3),
        (scale("q", 1, 5, reverse=True), 4, 1),
        (scale("q", 1, 5, weight=3), 5, 12),
    ],
)
def test_item_points(item, answer, total):
    result = score(make_checklist(items=[item]), {"q": answer})
    assert result.total == total


@pytest.mark.parametrize(
    ("answers", "percent", "counted_high"),
    [
        ({"a": "yes", "b": "no"}, 50.0, 4),
        ({"a": "yes"}, 100.0, 2),  # skipped b counts neither for nor against
        ({"a": "yes", "b": "unsure"}, 100.0, 2),
        ({"a": "yes", "b": "not_applicable"}, 100.0, 2),
        ({"a": "no", "b": "no"}, 0.0, 4),
        ({}, None, 0),
        ({"n": "a note"}, None, 0),  # notes never count
        ({"zero": "yes"}, None, 0),  # weight 0: asked but not scored
    ],
)
def test_percent_over_counted_items_only(answers, percent, counted_high):
    c = make_checklist(
        items=[
            yes_no("a", points=2),
            yes_no("b", points=2, allow_unsure=True, allow_not_applicable=True),
            note("n"),
            yes_no("zero", points=5, weight=0),
        ]
    )
    result = score(c, answers)
    assert result.percent == percent
    assert result.highest == counted_high


def test_hidden_answers_never_count():
    c = make_checklist(
        items=[yes_no("gate", points=0), yes_no("q", points=4, show_if=when("gate", "yes"))]
    )
    assert score(c, {"gate": "no", "q": "yes"}).total == 0
    assert score(c, {"gate": "yes", "q": "yes"}).total == 4


def test_percent_of_edges():
    assert percent_of(5, 5, 5) is None
    assert percent_of(-1, -2, 2) == 25.0


def test_section_percent():
    c = make_checklist(
        sections=[
            section("one", yes_no("a", points=1), yes_no("b", points=1)),
            section("two", yes_no("c", points=1)),
        ]
    )
    result = score(c, {"a": "yes", "b": "no"})
    one, two = result.sections
    assert (one.id, one.percent, one.total, one.highest) == ("one", 50.0, 1, 2)
    assert two.percent is None and two.band is None


# --------------------------------------------------------------------------- flags


def _flags_list():
    return make_checklist(
        items=[
            yes_no("caution_q", severity="caution", points=1, allow_unsure=True),
            yes_no("critical_q", severity="critical", points=1, allow_unsure=True),
            scale("low_q", 1, 5, severity="serious", flag_at_or_below=2),
            scale("high_q", 1, 5, severity="info", flag_at_or_above=4),
            multiple(
                "picks",
                [option("ok"), option("bad", flag=True), option("worse", flag=True)],
                severity="serious",
            ),
            yes_no("no_sev", points=1),
            yes_no("zero_w", severity="caution", weight=0),
        ],
        bands=[flag_band("urgent", "critical"), *score_bands()],
    )


@pytest.mark.parametrize(
    ("answers", "flag_ids"),
    [
        ({}, []),
        ({"caution_q": "yes", "critical_q": "yes"}, ["critical_q", "caution_q"]),
        ({"low_q": 2, "high_q": 4}, ["low_q", "high_q"]),
        ({"low_q": 3, "high_q": 3}, []),
        ({"picks": ["ok"]}, []),
        ({"picks": ["ok", "worse"]}, ["picks"]),
        ({"no_sev": "yes"}, []),
        ({"zero_w": "yes"}, ["zero_w"]),  # weight 0 is not scored but still flags
        ({"high_q": 5, "caution_q": "yes", "picks": ["bad"]}, ["picks", "caution_q", "high_q"]),
        ({"caution_q": "unsure"}, []),
    ],
)
def test_flags_sorted_most_serious_first(answers, flag_ids):
    result = score(_flags_list(), answers)
    assert [f.item_id for f in result.flags] == flag_ids


def test_flag_carries_severity_and_answer():
    (flag,) = score(_flags_list(), {"picks": ["bad", "ok"]}).flags
    assert flag.severity is Severity.SERIOUS
    assert flag.answer == ["bad", "ok"]


def test_unsure_flags_only_for_shown_red_flag_items():
    c = make_checklist(
        items=[
            yes_no("gate", points=0),
            yes_no("a", severity="serious", allow_unsure=True),
            yes_no("b", severity="serious", allow_unsure=True, show_if=when("gate", "yes")),
            yes_no("plain", allow_unsure=True),
        ]
    )
    result = score(c, {"gate": "no", "a": "unsure", "b": "unsure", "plain": "unsure"})
    assert result.unsure_flags == ("a",)


# --------------------------------------------------------------------------- bands


@pytest.mark.parametrize(
    ("percent", "band_id"),
    [
        (0, "low"),
        (19.999, "low"),
        (20, "mid"),
        (49.9, "mid"),
        (50, "high"),
        (100, "high"),
        (None, None),
    ],
)
def test_score_bands_min_inclusive_max_exclusive(percent, band_id):
    bands = [band("low", 0, 20), band("mid", 20, 50), band("high", 50, 100)]
    chosen = choose_band(bands, percent, FlagPicture((), (), True), True)
    assert (chosen.id if chosen else None) == band_id


@pytest.mark.parametrize(
    ("answers", "band_id"),
    [
        ({"critical_q": "yes"}, "urgent"),
        ({"serious_q": "yes"}, "worry"),
        # no band for caution: the score decides, once enough is known
        ({"critical_q": "no", "serious_q": "no", "caution_q": "yes"}, "high"),
        ({"caution_q": "yes"}, None),  # one answer of three: too little known for a score band
        ({"critical_q": "yes", "serious_q": "yes"}, "urgent"),
        ({"critical_q": "no", "serious_q": "no", "caution_q": "no"}, "low"),
    ],
)
def test_flag_bands_win_over_score(answers, band_id):
    c = make_checklist(
        items=[
            yes_no("critical_q", severity="critical", points=0),
            yes_no("serious_q", severity="serious", points=0),
            yes_no("caution_q", severity="caution", points=1),
        ],
        bands=[flag_band("worry", "serious"), flag_band("urgent", "critical"), *score_bands()],
    )
    chosen = score(c, answers).band
    assert (chosen.id if chosen else None) == band_id


def test_serious_band_serves_a_critical_flag_without_critical_band():
    c = make_checklist(
        items=[yes_no("q", severity="critical", points=0)],
        bands=[flag_band("worry", "serious"), *score_bands()],
    )
    assert score(c, {"q": "yes"}).band.id == "worry"


def test_flag_band_even_without_percent():
    c = make_checklist(
        items=[yes_no("q", severity="critical", points=0)],
        bands=[flag_band("urgent", "critical"), *score_bands()],
    )
    result = score(c, {"q": "yes"})
    assert result.percent is None
    assert result.band.id == "urgent"


def test_section_bands_use_section_flags():
    c = make_checklist(
        sections=[
            section(
                "one",
                yes_no("a", severity="critical", points=0),
                yes_no("b", points=1),
                bands=[flag_band("s_urgent", "critical"), *score_bands()],
            ),
            section("two", yes_no("c", points=1), bands=score_bands()),
        ]
    )
    one, two = score(c, {"a": "yes", "b": "no", "c": "no"}).sections
    assert one.band.id == "s_urgent"
    assert two.band.id == "low"


# --------------------------------------------------------------------------- crisis


@pytest.mark.parametrize(
    ("answers", "crisis"),
    [
        ({"danger": "yes"}, True),
        ({"danger": "no"}, False),
        ({"gate": "no", "hidden": "yes"}, False),
        ({"gate": "yes", "hidden": "yes"}, True),
        ({"many": ["fine", "help"]}, True),
    ],
)
def test_crisis(answers, crisis):
    c = make_checklist(
        items=[
            yes_no("danger", crisis_on="yes", weight=0),
            yes_no("gate", points=0),
            yes_no("hidden", crisis_on="yes", show_if=when("gate", "yes")),
            multiple("many", [option("fine"), option("help", crisis=True)]),
        ]
    )
    assert score(c, answers).crisis is crisis


# --------------------------------------------------------------------------- outcomes


def _choice():
    return make_checklist(
        items=[
            single(
                "need",
                [
                    option("meds", "Medication", outcomes={"psychiatrist": 3, "psychologist": 1}),
                    option("talk", "Talking", points=1, outcomes={"lpc": 2, "psychologist": 2}),
                ],
            ),
            multiple(
                "extra",
                [option("test", "Testing", outcomes={"psychologist": 2}), option("other")],
                weight=2,
            ),
        ],
        outcomes=[
            outcome("psychologist", next_steps=["Ask about testing.", "Check the license."]),
            outcome("psychiatrist", next_steps=["See a doctor."]),
            outcome("lpc"),
        ],
        bands=[band("any", 0, 100, next_steps=["Check the license."])],
    )


def test_outcomes_ranked_with_reasons():
    result = score(_choice(), {"need": "meds", "extra": ["test"]})
    assert [(o.outcome.id, o.points) for o in result.outcomes] == [
        ("psychologist", 5.0),
        ("psychiatrist", 3.0),
        ("lpc", 0.0),
    ]
    reasons = result.outcomes[0].because
    assert [(r.item_id, r.answer_label, r.points) for r in reasons] == [
        ("need", "Medication", 1.0),
        ("extra", "Testing", 4.0),
    ]
    assert result.top_outcome.id == "psychologist"


def test_reasons_quote_the_wording_the_person_read():
    """Scoring counts each item as it is shown, yet a reason quotes the question as the
    app words it, with every answer seen: a wording's ``flag_at_least`` may count a flag
    raised by a later question."""
    worried = When(all=(Condition(flag_at_least=Severity.SERIOUS),))
    checklist = make_checklist(
        items=[
            single(
                "need",
                [option("talk", "Talking", outcomes={"lpc": 2}), option("meds", "Medication")],
                "What do you need most?",
                variants=(Variant(worried, "Given what you told us, what do you need most?"),),
            ),
            yes_no("worry", severity="serious"),
        ],
        outcomes=[outcome("lpc")],
        bands=[band("any", 0, 100)],
    )
    answers = {"need": "talk", "worry": "yes"}
    (reason,) = score(checklist, answers).outcomes[0].because
    need = checklist.item("need")
    assert need is not None
    assert reason.item_text == "Given what you told us, what do you need most?"
    assert reason.item_text == item_wording(checklist, need, answers)[0]
    (calm,) = score(checklist, {"need": "talk", "worry": "no"}).outcomes[0].because
    assert calm.item_text == "What do you need most?"


def test_equal_points_are_a_tie_never_settled_by_order():
    result = score(_choice(), {"need": "talk", "extra": ["other"]})
    assert [o.outcome.id for o in result.outcomes] == ["psychologist", "lpc", "psychiatrist"]
    assert [o.id for o in result.best] == ["psychologist", "lpc"]
    assert result.tie and result.top_outcome is None


def test_no_top_outcome_without_points():
    result = score(_choice(), {"extra": ["other"]})
    assert result.top_outcome is None


def test_next_steps_band_then_outcome_without_repeats():
    result = score(_choice(), {"need": "talk", "extra": ["test"]})
    assert result.next_steps == ("Check the license.", "Ask about testing.")


# --------------------------------------------------------------------------- completeness


def test_completeness_counts():
    c = make_checklist(
        items=[
            yes_no("a", allow_unsure=True),
            yes_no("b", allow_not_applicable=True),
            yes_no("c"),
            yes_no("d"),
            note("n"),
            yes_no("hidden", show_if=when("c", "yes")),
        ]
    )
    result = score(c, {"a": "unsure", "b": "not_applicable", "c": "no", "n": "text"})
    done = result.completeness
    assert (done.shown, done.known, done.unsure, done.not_applicable, done.skipped) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert done.answered == 3
    assert done.fraction == 1 / 3  # known ÷ (shown − doesn't apply)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "answers",
    [
        {"nope": "yes"},
        {"a": 3},
        {"a": ["yes"]},
        {"a": None},
        {"m": "x"},
        {"m": [1, None, "zzz"]},
        {"s": "3"},
        {"s": True},
        {"s": 99},
        {"s": 2.5},
        {"n": 5},
    ],
)
def test_answers_that_do_not_fit_are_ignored(answers):
    c = make_checklist(
        items=[yes_no("a"), multiple("m", [option("x")]), scale("s"), note("n")],
        bands=score_bands(),
    )
    result = score(c, answers)
    assert result.total == 0
    assert result.completeness.answered == 0


# --------------------------------------------------------------------------- golden tests


def test_golden_tests_pass_and_fail():
    c = make_checklist(
        sections=[
            section(
                "s",
                yes_no("q", severity="critical", points=10),
                yes_no("r", points=1),
                bands=score_bands(),
            )
        ],
        bands=[flag_band("urgent", "critical"), *score_bands()],
        tests=[
            golden("ok", {"q": "yes"}, band="urgent", flags=["q"], crisis=False),
            golden(
                "wrong",
                {"q": "no", "r": "yes"},
                band="urgent",
                flags=["q"],
                section_bands={"s": "low"},
            ),
        ],
    )
    failures = run_golden_tests(c)
    assert [(f.test_name, f.field, f.expected, f.actual) for f in failures] == [
        ("wrong", "band", "urgent", "low"),
        ("wrong", "flags", ("q",), ()),
    ]
