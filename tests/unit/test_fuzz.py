"""Property tests: no checklist text and no answers can make vetting crash.

The only failures allowed anywhere are :class:`~vetting.problems.Problem` values or the
project's own :class:`~vetting.errors.VettingError` with a message. A ``TypeError`` or
``KeyError`` reaching the person is a bug, and so is the validator's own safety net
(the ``internal-error`` rule), because it means a check crashed.

* (a) :func:`vetting.validation.pipeline.validate_text` over checklists mutated from the built-in
  ones and ``tests/cases/good/`` (lines deleted, duplicated and swapped, scalars replaced
  by random text, numbers and booleans, random Unicode inserted). ``test_loader.py``
  fuzzes the loader alone; this drives the whole pipeline, schema and rules included.
* (b) answers for valid checklists (unknown ids, wrong types, huge lists, Unicode)
  through :func:`vetting.validation.answers_file.check_answers` then :func:`vetting.scoring.score`,
  and every report format for answers that passed.

Settings are derandomized so CI runs the same cases every time; see SECURITY.md for the
number of cases.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from vetting import reports
from vetting.checklist.model import NOT_APPLICABLE, UNSURE, Checklist, ItemKind
from vetting.errors import VettingError
from vetting.problems import Problem
from vetting.scoring import score
from vetting.validation.answers_file import check_answers
from vetting.validation.pipeline import FileReport, validate_file, validate_text

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [*(ROOT / "checklists").glob("*.yaml"), *(ROOT / "tests/cases/good").glob("*.yaml")]
)

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@cache
def _source_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8-sig").splitlines(keepends=True))


@cache
def _checklist(path: Path) -> Checklist:
    report = validate_file(path)
    assert report.checklist is not None, report.problems
    return report.checklist


# --------------------------------------------------------------------------- (a) checklists

SCALARS = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["true", "false", "yes", "no", "null", "~", "", "0777", "12:30", "1e999"]),
    st.sampled_from(
        ['"\\e[2J"', '"\\u202e"', "[/]", "[@click=app.quit]x", "&a x", "*a", "!!str x"]
    ),
)
_KEY_VALUE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)( .*)?$")


@st.composite
def mutated_checklist(draw: st.DrawFn) -> str:
    """A real checklist with one to four random edits, as an author's typo or an attacker."""
    lines = list(_source_lines(draw(st.sampled_from(SOURCES))))
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "scalar", "unicode"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "scalar":
            match = _KEY_VALUE.match(lines[at].rstrip("\n"))
            if match:
                lines[at] = f"{match.group(1)} {draw(SCALARS)}\n"
        else:
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = (
                lines[at][:column] + draw(st.text(min_size=1, max_size=4)) + lines[at][column:]
            )
    return "".join(lines)


def _assert_problems_are_well_formed(report: FileReport) -> None:
    assert isinstance(report, FileReport)
    for problem in report.problems:
        assert isinstance(problem, Problem)
        assert problem.rule != "internal-error", problem.message
        assert problem.rule and problem.message.strip()
        assert problem.line is not None and problem.line >= 1, problem
    if report.ok:
        assert report.checklist is not None
    else:
        assert report.checklist is None


@FUZZ
@given(text=mutated_checklist())
def test_mutated_checklists_give_problems_never_exceptions(text: str) -> None:
    _assert_problems_are_well_formed(validate_text(text, source="fuzz.yaml"))


@FUZZ
@given(text=st.text(max_size=400))
def test_random_text_gives_problems_never_exceptions(text: str) -> None:
    _assert_problems_are_well_formed(validate_text(text, source="fuzz.yaml"))


# --------------------------------------------------------------------------- (b) answers

VALID = [path for path in SOURCES if validate_file(path).ok]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from([UNSURE, NOT_APPLICABLE, "yes", "no", "\x1b[2J", "\u202e", "[/]"]),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def answers_for(draw: st.DrawFn) -> tuple[Checklist, dict[str, Any]]:
    """A valid checklist and answers: mostly sensible, sometimes anything at all."""
    checklist = _checklist(draw(st.sampled_from(VALID)))
    answers: dict[str, Any] = {}
    for item in checklist.items:
        if draw(st.booleans()):
            answers[item.id] = draw(st.one_of(_good_answer(item), JUNK, _lists()))
    for _ in range(draw(st.integers(0, 3))):
        answers[draw(st.text(max_size=40))] = draw(JUNK)
    return checklist, answers


def _good_answer(item: Any) -> st.SearchStrategy[Any]:
    values = [option.value for option in item.options]
    specials = st.sampled_from([UNSURE, NOT_APPLICABLE])
    if item.kind is ItemKind.MULTIPLE:
        return st.lists(st.sampled_from(values), max_size=len(values) + 2) | specials
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return st.integers(item.scale.min - 2, item.scale.max + 2) | specials
    if item.kind is ItemKind.NOTE:
        return st.text(max_size=200)
    return (st.sampled_from(values) if values else st.text(max_size=5)) | specials


def _lists() -> st.SearchStrategy[Any]:
    huge = st.integers(0, 5000).map(lambda n: ["money"] * n)
    return st.lists(JUNK, max_size=5) | huge


def _assert_report_is_clean(checklist: Checklist, answers: dict[str, Any]) -> None:
    result = score(checklist, answers)
    assert result.percent is None or 0 <= result.percent <= 100
    for fmt in reports.FORMATS:
        text = reports.render(fmt, checklist, result, answers)
        assert CONTROL.search(text.replace("\n", "").replace("\t", "")) is None, fmt
    data = json.loads(reports.render_json(checklist, result, answers))
    assert data["checklist"]["id"] == checklist.id


@FUZZ
@given(case=answers_for())
def test_any_answers_give_problems_or_a_clean_result(case: tuple[Checklist, dict]) -> None:
    checklist, answers = case
    try:
        problems = check_answers(checklist, answers, file="answers.json")
    except VettingError as error:
        assert error.message.strip()
        return
    assert all(isinstance(problem, Problem) and problem.message for problem in problems)
    try:
        result = score(checklist, answers)  # scoring must tolerate what the check refuses
    except VettingError as error:
        assert error.message.strip()
        return
    if result.percent is not None:
        assert math.isfinite(result.percent)
    if not any(problem.is_error for problem in problems):
        _assert_report_is_clean(checklist, answers)


# --------------------------------------------------------------------------- the atheris harness


def _harness() -> Any:
    """``fuzz/atheris_harness.py`` imported by path (``fuzz/`` is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "atheris_harness", ROOT / "fuzz/atheris_harness.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_atheris_harness_accepts_the_whole_corpus() -> None:
    """The harness's one-input check runs here without atheris, over every seed file."""
    check_one = _harness().check_one
    seeds = sorted((ROOT / "tests/hostile").glob("*.yaml")) + SOURCES
    for path in seeds:
        check_one(path.read_bytes())
    check_one(b"\xff\xfe\x00")
    check_one(b"a: &x [1, *x]\n")
