"""One table per rule family: a small change to a valid checklist -> exactly that rule, there.

Each case edits one of the good example files (``tests/cases/good``), runs the semantic
rules directly (no schema, so rules the schema also guards are still tested) and checks the
rule id, the level and the line. The expected line is where ``marker`` first occurs in the
edited text, so the tables stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import vetting.scoring
from vetting.checklist.build import build_checklist
from vetting.checklist.loader import load_yaml_text
from vetting.problems import Level, Problem
from vetting.validation.rules import RULES, check_checklist, reachable_percents

GOOD = Path(__file__).resolve().parents[1] / "cases" / "good"
RED = (GOOD / "red_flags_small.yaml").read_text(encoding="utf-8")
CHOICE = (GOOD / "choice_small.yaml").read_text(encoding="utf-8")
FLAGS_BASE = (GOOD / "red_flags_flagbands.yaml").read_text(encoding="utf-8")
RULES_BASE = (GOOD / "choice_rules.yaml").read_text(encoding="utf-8")
E, W = Level.ERROR, Level.WARNING


@dataclass(frozen=True)
class Case:
    name: str
    base: str
    old: str
    new: str
    rule: str
    level: Level
    marker: str  # the expected line is the first line containing this text
    also: frozenset[str] = frozenset()  # other rules the same edit is expected to raise


def _edit(base: str, old: str, new: str) -> str:
    assert old in base, f"test setup: {old!r} not in the base file"
    return base.replace(old, new, 1)


def _problems(text: str) -> list[Problem]:
    doc = load_yaml_text(text, source="case.yaml")
    checklist = build_checklist(doc.data, content_hash=doc.content_hash)
    return check_checklist(checklist, doc, golden_tests=False)


def _line_of(text: str, marker: str) -> int:
    index = text.index(marker)
    return text.count("\n", 0, index) + 1


def _run(case: Case) -> None:
    text = _edit(case.base, case.old, case.new)
    problems = _problems(text)
    found = [p for p in problems if p.rule == case.rule]
    assert found, f"{case.rule} not reported; got {[(p.rule, p.message) for p in problems]}"
    problem = found[0]
    assert problem.level is case.level
    assert RULES[case.rule] is case.level or case.level is W
    assert problem.line == _line_of(text, case.marker), problem
    assert problem.column is not None and problem.column >= 1
    assert problem.file == "case.yaml"
    assert problem.message and "`" in problem.message  # names the thing it is about
    assert {p.rule for p in problems} <= {case.rule} | case.also, [p.rule for p in problems]


def test_good_bases_have_no_problems() -> None:
    for base in (RED, CHOICE, FLAGS_BASE, RULES_BASE):
        assert _problems(base) == []


# --------------------------------------------------------------------------- duplicate-id

IN_DANGER_NO = '          - { value: "no" }\n  - id: boundaries\n'
DUPLICATES = [
    Case(
        "item",
        RED,
        IN_DANGER_NO,
        '          - { value: "no" }\n      - { id: in_danger, kind: yes_no, text: Safe? }\n'
        "  - id: boundaries\n",
        "duplicate-id",
        E,
        "{ id: in_danger, kind",
    ),
    Case(
        "item-invisible",
        RED,
        IN_DANGER_NO,
        '          - { value: "no" }\n'
        '      - { id: "in_dan\u200bger", kind: yes_no, text: Safe? }\n'
        "  - id: boundaries\n",
        "duplicate-id",
        E,
        "in_dan\u200bger",
    ),
    Case(
        "option",
        RED,
        "{ value: never, label: Not at all",
        "{ value: vague, label: Not at all",
        "duplicate-id",
        E,
        "{ value: vague, label: Not at all",
    ),
    Case(
        "section",
        RED,
        "bands:\n  - { id: urgent",
        "  - { id: safety_now, title: Again, items: [ { id: more, kind: note, text: More? } ] }\n"
        "bands:\n  - { id: urgent",
        "duplicate-id",
        E,
        "{ id: safety_now, title: Again",
    ),
    Case(
        "band",
        RED,
        "  - { id: low, min: 0",
        "  - { id: urgent, when_flag: serious, label: L, meaning: M }\n  - { id: low, min: 0",
        "duplicate-id",
        E,
        "{ id: urgent, when_flag: serious",
    ),
    Case(
        "outcome",
        CHOICE,
        "  - { id: counselor, title",
        "  - { id: mft, title: Again, summary: S }\n  - { id: counselor, title",
        "duplicate-id",
        E,
        "{ id: mft, title: Again",
    ),
]

# --------------------------------------------------------------------------- conditions

COND = "{ item: fees_clear, equals: vague }"
CONDITIONS = [
    Case(
        "unknown-item",
        RED,
        COND,
        "{ item: fees_clearr, equals: vague }",
        "condition-unknown-item",
        E,
        "fees_clearr",
    ),
    Case(
        "itself",
        RED,
        COND,
        "{ item: worries, equals: money }",
        "condition-later-item",
        E,
        "{ item: worries",
    ),
    Case(
        "later",
        RED,
        COND,
        "{ item: notes, equals: money }",
        "condition-later-item",
        E,
        "{ item: notes",
    ),
    Case(
        "unknown-option",
        RED,
        COND,
        "{ item: fees_clear, equals: vage }",
        "condition-unknown-option",
        E,
        "equals: vage",
    ),
    Case(
        "yes-no-bool",
        RED,
        COND,
        "{ item: sexual_contact, equals: true }",
        "condition-unknown-option",
        E,
        "equals: true",
    ),
    Case(
        "scale-range",
        RED,
        COND,
        "{ item: comfort, equals: 9 }",
        "condition-unknown-option",
        E,
        "equals: 9",
    ),
    Case(
        "special-not-offered",
        RED,
        COND,
        "{ item: fees_clear, equals: not_applicable }",
        "condition-unknown-option",
        E,
        "equals: not_applicable",
    ),
    Case(
        "note",
        RED,
        "        text: Anything else you want to remember?\n",
        "        text: Anything else you want to remember?\n"
        "      - { id: after, kind: yes_no, text: More?, show_if: { all: [ { item: notes, "
        "equals: x } ] } }\n",
        "condition-note-item",
        E,
        "{ item: notes",
    ),
]

# --------------------------------------------------------------------------- flags and severity

FLAGS = [
    Case(
        "option-flag",
        RED,
        "{ value: never, label: Not at all, points: 5 }",
        "{ value: never, label: Not at all, points: 5, flag: true }",
        "flag-without-severity",
        E,
        "points: 5, flag: true",
    ),
    Case(
        "scale-flag",
        RED,
        "        severity: caution\n        text: How comfortable",
        "        text: How comfortable",
        "flag-without-severity",
        E,
        "flag_at_or_below",
    ),
    Case(
        "severity-no-flag",
        RED,
        "        kind: single\n        text: Were the fees",
        "        kind: single\n        severity: caution\n        text: Were the fees",
        "severity-without-flag",
        W,
        "severity: caution\n        text: Were the fees",
    ),
    Case(
        "scale-threshold-out-of-range",
        RED,
        "flag_at_or_below: 2",
        "flag_at_or_below: 0",
        "severity-without-flag",
        W,
        "severity: caution\n        text: How comfortable",
    ),
    Case(
        "critical-without-band",
        RED,
        "{ id: urgent, when_flag: critical,",
        "{ id: urgent, when_flag: serious,",
        "critical-without-band",
        E,
        "severity: critical",
    ),
    Case(
        "no-crisis-option",
        RED,
        '{ value: "yes", crisis: true }',
        '{ value: "yes" }',
        "no-crisis-option",
        W,
        "safety:",
    ),
]

# --------------------------------------------------------------------------- bands

BANDS = [
    Case(
        "gap",
        RED,
        "{ id: high, min: 50,",
        "{ id: high, min: 60,",
        "band-gap",
        E,
        "{ id: high, min: 60",
    ),
    Case(
        "gap-at-top",
        RED,
        "{ id: high, min: 50, max: 100",
        "{ id: high, min: 50, max: 90",
        "band-gap",
        E,
        "{ id: high, min: 50, max: 90",
    ),
    Case(
        "gap-at-start",
        RED,
        "{ id: low, min: 0,",
        "{ id: low, min: 5,",
        "band-gap",
        E,
        "{ id: low, min: 5",
    ),
    Case(
        "overlap",
        RED,
        "{ id: high, min: 50,",
        "{ id: high, min: 40,",
        "band-overlap",
        E,
        "{ id: high, min: 40",
    ),
    Case(
        "empty",
        RED,
        "{ id: high, min: 50, max: 100",
        "{ id: high, min: 50, max: 50",
        "band-empty",
        E,
        "{ id: high, min: 50, max: 50",
        frozenset({"band-gap"}),
    ),
    Case(
        "no-score-bands",
        RED,
        "      - { id: fine, min: 0, max: 50, label: Looks fine, "
        "meaning: Nothing worrying so far. }\n"
        "      - { id: worrying, min: 50, max: 100,",
        "      - { id: worrying, when_flag: caution,",
        "band-gap",
        E,
        "    bands:\n      - { id: worrying",
        frozenset({"golden-test-unknown"}),  # a test expects the removed band `fine`
    ),
    Case(
        "unreachable-range",
        RED,
        "  - id: safety_now\n    title: How you are right now\n",
        "  - id: safety_now\n    title: How you are right now\n    bands:\n"
        "      - { id: calm, min: 0, max: 30, label: C, meaning: M }\n"
        "      - { id: between, min: 30, max: 70, label: B, meaning: M }\n"
        "      - { id: tense, min: 70, max: 100, label: T, meaning: M }\n",
        "band-unreachable",
        W,
        "{ id: calm",  # no item of the section gives points: no band can be chosen
    ),
    Case(
        "unreachable-flag",
        RED,
        "        severity: critical\n",
        "        severity: serious\n",
        "band-unreachable",
        W,
        "when_flag: critical",
    ),
]


def test_band_unreachable_middle_band_of_a_yes_no_section() -> None:
    text = _edit(
        RED,
        "  - id: safety_now\n    title: How you are right now\n",
        "  - id: safety_now\n    title: How you are right now\n    bands:\n"
        "      - { id: calm, min: 0, max: 30, label: C, meaning: M }\n"
        "      - { id: between, min: 30, max: 70, label: B, meaning: M }\n"
        "      - { id: tense, min: 70, max: 100, label: T, meaning: M }\n",
    )
    text = _edit(
        text, '{ value: "yes", crisis: true }', '{ value: "yes", crisis: true, points: 1 }'
    )
    problems = _problems(text)
    assert [(p.rule, p.line) for p in problems] == [
        ("band-unreachable", _line_of(text, "{ id: between"))
    ]
    assert "30–70" in problems[0].message


def test_band_gap_message_names_the_missing_range() -> None:
    text = _edit(RED, "{ id: high, min: 50,", "{ id: high, min: 60,")
    (problem,) = _problems(text)
    assert "covers 50–60" in problem.message
    assert problem.suggestion and "50" in problem.suggestion


def test_reachable_percents() -> None:
    doc = load_yaml_text(RED)
    checklist = build_checklist(doc.data)
    boundaries = checklist.sections[1]
    percents = reachable_percents(boundaries.items)
    assert percents is not None and 0.0 in percents and 100.0 in percents
    assert reachable_percents(checklist.sections[0].items) == set()  # 0 points only


# --------------------------------------------------------------------------- outcomes

OUTCOMES = [
    Case(
        "unknown",
        CHOICE,
        "{ value: no, outcomes: { counselor: 1 } }".replace("no", '"no"'),
        '{ value: "no", outcomes: { counselor: 1, counsellor: 1 } }',
        "outcome-unknown",
        E,
        "counsellor",
    ),
    Case(
        "unreachable",
        CHOICE,
        "  - { id: counselor, title",
        "  - { id: psychologist, title: Psychologist, summary: S }\n  - { id: counselor, title",
        "outcome-unreachable",
        E,
        "{ id: psychologist",
    ),
    Case(
        "zero-points-is-unreachable",
        CHOICE,
        "outcomes: { mft: 3 }",
        "outcomes: { mft: 0 }",
        "outcome-unreachable",
        E,
        "{ id: mft,",
    ),
]

# --------------------------------------------------------------------------- golden tests (static)

ANSWERS = 'answers: { in_danger: "no", sexual_contact: "no", fees_clear: clear, comfort: 5 }'
EXPECT = "expect: { band: low, flags: [], section_bands: { boundaries: fine } }"
GOLDEN = [
    Case(
        "unknown-item",
        RED,
        ANSWERS,
        ANSWERS.replace("comfort: 5", "comfrot: 5"),
        "golden-test-unknown",
        E,
        ANSWERS.replace("comfort: 5", "comfrot: 5"),
    ),
    Case(
        "unknown-option",
        RED,
        ANSWERS,
        ANSWERS.replace("fees_clear: clear", "fees_clear: clearly"),
        "golden-test-unknown",
        E,
        "fees_clear: clearly",
    ),
    Case(
        "scale-out-of-range",
        RED,
        ANSWERS,
        ANSWERS.replace("comfort: 5", "comfort: 6"),
        "golden-test-unknown",
        E,
        "comfort: 6",
    ),
    Case(
        "multiple-unknown-pick",
        RED,
        ANSWERS,
        ANSWERS.replace("comfort: 5", "comfort: 5, worries: [money, rent]"),
        "golden-test-unknown",
        E,
        "worries: [money, rent]",
    ),
    Case(
        "unknown-band",
        RED,
        EXPECT,
        EXPECT.replace("band: low", "band: lowest"),
        "golden-test-unknown",
        E,
        "band: lowest",
    ),
    Case(
        "flag-unknown-item",
        RED,
        EXPECT,
        EXPECT.replace("flags: []", "flags: [sexual_contactt]"),
        "golden-test-unknown",
        E,
        "sexual_contactt",
    ),
    Case(
        "flag-on-item-without-severity",
        RED,
        EXPECT,
        EXPECT.replace("flags: []", "flags: [fees_clear]"),
        "golden-test-unknown",
        E,
        "flags: [fees_clear]",
    ),
    Case(
        "unknown-section",
        RED,
        EXPECT,
        EXPECT.replace("boundaries: fine", "boundary: fine"),
        "golden-test-unknown",
        E,
        "boundary: fine",
    ),
    Case(
        "unknown-section-band",
        RED,
        EXPECT,
        EXPECT.replace("boundaries: fine", "boundaries: low"),
        "golden-test-unknown",
        E,
        "boundaries: low",
    ),
    Case(
        "unknown-outcome",
        CHOICE,
        "top_outcome: mft",
        "top_outcome: mtf",
        "golden-test-unknown",
        E,
        "top_outcome: mtf",
    ),
]

# --------------------------------------------------------------------------- citations

CITATIONS = [
    Case(
        "missing-section",
        RED,
        '{ code: ACA, edition: "2014", section: A.5.a }',
        '{ code: ACA, edition: "2014" }',
        "citation-missing-section",
        E,
        '{ code: ACA, edition: "2014" }',
    ),
    Case(
        "unknown-section",
        RED,
        "section: A.5.a }",
        "section: Z.9 }",
        "citation-unknown-section",
        E,
        "section: Z.9",
    ),
    Case(
        "unknown-code",
        RED,
        "{ code: ACA,",
        "{ code: ACB,",
        "unknown-code",
        E,
        "{ code: ACB",
    ),
]


# --------------------------------------------------------------------------- flag bands, rules

RECORDS_WHEN = "when: { all: [ { item: seeing_now, equals: stopped } ] }\n    text: You have"
CLEAR = "  - id: clear\n    when_clear: true\n"
UNSURE_BAND = (
    "  - id: unsure_serious\n    when_unsure: serious\n    label: Worth finding out more\n"
    "    meaning: You were not sure about something serious.\n    next_steps:\n"
    "      - Talk it over with another professional or someone you trust.\n"
)
ISOLATION_AT_LEAST = "      at_least: 2\n    reason: Secrecy"
DECISIONS = [
    Case(
        "section-band-unknown",
        FLAGS_BASE,
        RECORDS_WHEN,
        "when: { all: [ { section: signz, band: high } ] }\n    text: You have",
        "condition-unknown-section",
        E,
        "section: signz",
    ),
    Case(
        "never-holds",
        FLAGS_BASE,
        RECORDS_WHEN,
        "when: { all: [ { item: seeing_now, equals: stopped },"
        " { item: seeing_now, equals: now } ] }\n    text: You have",
        "condition-never-holds",
        E,
        "when: { all: [ { item: seeing_now, equals: stopped }, { item",
    ),
    Case(
        "score-band-in-red-flags",
        FLAGS_BASE,
        CLEAR,
        "  - { id: some, min: 0, max: 100, label: Some, meaning: Some. }\n" + CLEAR,
        "red-flags-score-band",
        E,
        "{ id: some, min: 0",
        frozenset({"band-unreachable"}),  # a red-flags checklist gives no points
    ),
    Case(
        "no-clear-band",
        FLAGS_BASE,
        CLEAR + "    label: Nothing in your answers stands out\n"
        "    meaning: No warning signs in your answers.\n",
        "",
        "red-flags-clear-band",
        E,
        "bands:",
        frozenset({"golden-test-unknown"}),
    ),
    Case(
        "unsure-without-band",
        FLAGS_BASE,
        UNSURE_BAND,
        "",
        "unsure-without-band",
        E,
        "allow_unsure: true",
        frozenset({"golden-test-unknown"}),
    ),
    Case(
        "caution-flag-without-band",
        FLAGS_BASE,
        "  - id: talk\n    when_flag: caution\n",
        "  - id: talk\n    when_flag: caution\n    at_least: 2\n",
        "flag-without-band",
        E,
        "severity: caution",
    ),
    Case(
        "shadowed",
        FLAGS_BASE,
        CLEAR,
        "  - { id: again, when_flag: serious, label: Again, meaning: Again. }\n" + CLEAR,
        "band-shadowed",
        E,
        "{ id: again",
    ),
    Case(
        "needs-more-flags-than-there-are",
        FLAGS_BASE,
        "    when_flag: serious\n    at_least: 2\n",
        "    when_flag: serious\n    at_least: 5\n",
        "band-unreachable",
        W,
        "when_flag: serious\n    at_least: 5",
    ),
    Case(
        "unknown-outcome",
        RULES_BASE,
        "rule_out: [mft]",
        "rule_out: [mtf]",
        "rule-unknown-outcome",
        E,
        "rule_out: [mtf]",
    ),
    Case(
        "unknown-band",
        FLAGS_BASE,
        "band_at_least: report",
        "band_at_least: reprot",
        "rule-unknown-band",
        E,
        "band_at_least: reprot",
    ),
    Case(
        "unknown-alert",
        FLAGS_BASE,
        "    alert: control\n",
        "    alert: contrl\n",
        "rule-unknown-alert",
        E,
        "alert: contrl",
        frozenset({"alert-unused"}),
    ),
    Case(
        "wrong-kind",
        FLAGS_BASE,
        "    band_at_least: report\n",
        "    band_at_least: report\n    put_first: [report]\n",
        "rule-wrong-kind",
        E,
        "put_first: [report]",
    ),
    Case(
        "never-fires",
        FLAGS_BASE,
        ISOLATION_AT_LEAST,
        "      at_least: 3\n    reason: Secrecy",
        "rule-never-fires",
        E,
        "at_least: 3",
    ),
    Case(
        "contradiction",
        RULES_BASE,
        "alerts:\n",
        "  - id: couples_first\n    when: { all: [ { item: focus, equals: couple } ] }\n"
        "    reason: Couples help is best with a couples specialist.\n"
        "    put_first: [mft]\nalerts:\n",
        "rule-contradiction",
        E,
        "put_first: [mft]",
    ),
    Case(
        # The audit's example: a critical flag is needed, but the only critical question
        # must be answered "no". `flag_at_least` used to be beyond the search.
        "never-fires-flag-at-least",
        FLAGS_BASE,
        "alerts:\n",
        "  - id: touched_and_not\n"
        "    when: { all: [ { flag_at_least: critical },"
        ' { item: sexual_contact, equals: "no" } ] }\n'
        "    reason: A critical warning sign needs support.\n"
        "    alert: control\nalerts:\n",
        "rule-never-fires",
        E,
        "when: { all: [ { flag_at_least: critical }",
    ),
    Case(
        "safety-lookalike",
        FLAGS_BASE,
        "    - { name: 988 Suicide & Crisis Lifeline, contact: Call or text 988 }",
        "    - { name: 988 Suicide & Crisis Lifeline (official), contact: Call 1-900-555-0199 }",
        "safety-lookalike",
        W,
        "(official)",
    ),
    Case(
        "alert-unused",
        RULES_BASE,
        "advice:\n",
        "  - { id: spare, title: Spare, text: Never shown. }\nadvice:\n",
        "alert-unused",
        W,
        "{ id: spare",
    ),
]

ALL_CASES = [
    *(("duplicate", c) for c in DUPLICATES),
    *(("condition", c) for c in CONDITIONS),
    *(("flags", c) for c in FLAGS),
    *(("bands", c) for c in BANDS),
    *(("outcomes", c) for c in OUTCOMES),
    *(("golden", c) for c in GOLDEN),
    *(("citation", c) for c in CITATIONS),
    *(("decisions", c) for c in DECISIONS),
]


@pytest.mark.parametrize(
    "case", [c for _, c in ALL_CASES], ids=[f"{family}-{c.name}" for family, c in ALL_CASES]
)
def test_rule(case: Case) -> None:
    _run(case)


def test_every_rule_id_is_covered_by_a_case() -> None:
    scored = {  # tested below
        "golden-test-failed",
        "golden-test-error",
        "rule-untested",
        "rule-fires-unproven",
        "rule-exclusive-unproven",
    }
    covered = {c.rule for _, c in ALL_CASES} | scored
    assert covered == set(RULES)


def test_section_known_through_its_parent() -> None:
    text = _edit(RED, "section: A.5.a }", "section: A.5.z }")  # A.5 is in the index
    assert _problems(text) == []


def test_suggestions() -> None:
    text = _edit(RED, COND, "{ item: fees_clearr, equals: vague }")
    (problem,) = _problems(text)
    assert problem.suggestion == "did you mean `fees_clear`?"


# --------------------------------------------------------------------------- golden-test-failed


def _all_problems(text: str) -> list[Problem]:
    doc = load_yaml_text(text, source="case.yaml")
    return check_checklist(build_checklist(doc.data), doc)


def test_golden_failure_one_problem_per_field_with_where_the_answers_landed() -> None:
    text = _edit(RED, EXPECT, "expect: { band: urgent, flags: [sexual_contact] }")
    problems = _all_problems(text)
    assert [p.rule for p in problems] == ["golden-test-failed"] * 2
    band, flags = problems
    assert band.message == "test `Nothing worrying`: expected band `urgent`, got `low`"
    assert band.line == _line_of(text, "expect: { band: urgent, flags: [sexual_contact] }\n")
    assert band.path == ("tests", 1, "expect", "band")
    assert band.suggestion == "these answers gave score 0%, band `low`, 100% known"
    assert flags.message == (
        "test `Nothing worrying`: expected flags on `sexual_contact`, got none"
    )


TIE_WORDS = "expected top outcome `lpc`, got a tie of `lpc`, `mft`"


@pytest.mark.parametrize(
    ("field", "expected", "actual", "words"),
    [
        ("band", None, "low", "expected no band, got `low`"),
        ("band", "low", None, "expected band `low`, got no band"),
        ("top_outcome", "lpc", "mft", "expected top outcome `lpc`, got `mft`"),
        (
            "top_outcome",
            "lpc",
            ("lpc", "mft"),
            "expected top outcome `lpc`, got a tie of `lpc`, `mft`",
        ),
        ("crisis", True, False, "expected the safety block to be shown, got none"),
        ("flags", ("a", "b"), (), "expected flags on `a`, `b`, got none"),
        ("rules", ("fear",), (), "expected rules: `fear`, got none"),
        ("ruled_out", (), ("mft",), "expected ruled out: none, got `mft`"),
        ("enough_known", True, False, "expected enough known, got too little known"),
        (
            "section_bands.boundaries",
            "fine",
            "worrying",
            "expected band `fine` for section `boundaries`, got `worrying`",
        ),
    ],
)
def test_golden_failure_wording(field: str, expected: object, actual: object, words: str) -> None:
    from vetting.scoring.results import GoldenFailure
    from vetting.validation.rules.golden import _difference

    assert _difference(GoldenFailure("t", field, expected, actual)) == words


def test_golden_tests_with_unknown_names_are_not_run() -> None:
    broken = ANSWERS.replace("comfort: 5", "comfrot: 5")
    text = _edit(RED, ANSWERS, broken)
    text = _edit(text, EXPECT, "expect: { band: urgent }")  # would fail, if it ran
    assert [p.rule for p in _all_problems(text)] == ["golden-test-unknown"]


def test_a_rule_no_test_fires_is_a_warning() -> None:
    fired = 'keep_secret: "yes", cut_off: "yes"'
    text = _edit(FLAGS_BASE, fired, 'keep_secret: "no", cut_off: "no"')
    text = _edit(
        text,
        "expect: { band: report, flags: [keep_secret, cut_off], rules: [isolation], "
        "alerts: [control] }",
        "expect: { flags: [] }",
    )
    (problem,) = _all_problems(text)
    assert problem.rule == "rule-untested" and problem.level is W
    assert problem.line == _line_of(text, "  - id: isolation")


def test_a_crash_in_scoring_is_a_problem_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(checklist: object, answers: object) -> object:
        raise ZeroDivisionError

    monkeypatch.setattr(vetting.scoring, "score", boom)
    (problem,) = _all_problems(RED)
    assert problem.rule == "golden-test-error"
    assert "ZeroDivisionError" in problem.message


# --------------------------------------------------------------------------- can a rule fire?

BAD = GOOD.parent / "bad"
MOOD = (BAD / "rule_fires_unproven.yaml").read_text(encoding="utf-8")
MOOD_WHEN = "when: { all: [ { section: mood_now, band: very_low } ] }"
FIRE_MOOD = (
    "tests:\n  - name: Very low mood\n"
    '    answers: { who_for: me, focus: mood, afraid: "no", sad: 5, tired: 5, alone: 5,'
    " worried: 5, restless: 5, numb: 5, hopeless: 5 }\n"
    "    expect: { rules: [very_low_mood], alerts: [see_doctor] }\n"
)


def test_a_rule_vetting_cannot_decide_is_an_error_until_a_golden_test_fires_it() -> None:
    (problem,) = _all_problems(MOOD)
    assert problem.rule == "rule-fires-unproven" and problem.level is E
    assert "vetting cannot show that rule `very_low_mood` can ever fire" in problem.message
    assert "add a golden test where it fires" in problem.message
    assert problem.line == _line_of(MOOD, MOOD_WHEN)
    assert _all_problems(_edit(MOOD, "tests:\n", FIRE_MOOD)) == []


def test_a_section_band_is_searched_by_scoring_the_answers() -> None:
    # "getting by" is reached at once: a witness, so only the missing test is a warning.
    text = _edit(MOOD, "band: very_low } ] }", "band: getting_by } ] }")
    assert [p.rule for p in _all_problems(text)] == ["rule-untested"]


def test_a_section_band_rule_that_also_needs_two_answers_to_one_question_never_fires() -> None:
    text = _edit(
        MOOD,
        MOOD_WHEN,
        "when: { all: [ { section: mood_now, band: very_low }, { item: focus, equals: mood },"
        " { item: focus, equals: couple } ] }",
    )
    assert "rule-never-fires" in {p.rule for p in _all_problems(text)}


def test_a_flag_at_least_rule_is_found_through_any_item_that_can_raise_it() -> None:
    text = _edit(
        FLAGS_BASE,
        "alerts:\n",
        "  - id: serious_now\n"
        "    when: { all: [ { flag_at_least: serious }, { item: seeing_now, equals: stopped } ] }\n"
        "    reason: A serious warning sign, after therapy ended.\n"
        "    alert: control\nalerts:\n",
    )
    assert [p.rule for p in _all_problems(text)] == ["rule-untested"]


def test_a_show_if_on_raised_flags_is_never_read_as_never() -> None:
    from vetting.validation.rules.reach import NEVER, Reach

    text = _edit(
        FLAGS_BASE,
        "        severity: caution\n",
        "        severity: caution\n        show_if: { all: [ { flag_at_least: serious } ] }\n",
    )
    doc = load_yaml_text(text, source="case.yaml")
    checklist = build_checklist(doc.data)
    rule = checklist.rules[0]._replace(
        when=checklist.rules[0].when._replace(
            all=(checklist.rules[0].when.any[0]._replace(item="late", flagged=True),), any=()
        )
    )
    # `late` is shown only once a serious flag is raised elsewhere: trying `late` alone
    # would say "never"; the search says it does not know.
    assert Reach(checklist).witness([rule.when]) != NEVER


def test_rules_that_disagree_and_that_a_golden_test_fires_together_contradict() -> None:
    text = (BAD / "rule_contradiction_golden.yaml").read_text(encoding="utf-8")
    (problem,) = _all_problems(text)
    assert problem.rule == "rule-contradiction"
    assert "golden test `Fear at home with very low mood" in problem.message
    undecided = (BAD / "rule_exclusive_unproven.yaml").read_text(encoding="utf-8")
    (problem,) = _all_problems(undecided)
    assert problem.rule == "rule-exclusive-unproven" and problem.level is E
    exclusive = _edit(
        undecided,
        "{ item: focus, equals: both } ] }",
        '{ item: focus, equals: both }, { item: afraid, equals: "no" } ] }',
    )
    assert _all_problems(exclusive) == []
