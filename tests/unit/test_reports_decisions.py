"""What the decision rules decide reaches the person in every report format.

An alert is above the result; the reason a rule gives is next to what it decided; an
outcome ruled out is listed as "not as a first step", never as the best fit; a tie is said
as a tie; advice and questions that apply are in the next steps; a red-flags result shows
no percentage; too little known is said in the headline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vetting import reports
from vetting.scoring import score
from vetting.validation.pipeline import load_checklist

GOOD = Path(__file__).resolve().parents[1] / "cases" / "good"
CHOICE = load_checklist(GOOD / "choice_rules.yaml")
FLAGS = load_checklist(GOOD / "red_flags_flagbands.yaml")
AFRAID = {
    "in_danger": "no",
    "who_for": "me",
    "focus": "couple",
    "afraid": "yes",
    "payment": "self_pay",
}
PROSE = ("text", "markdown", "html")


@pytest.mark.parametrize("fmt", PROSE)
def test_fear_at_home_alert_reason_and_not_first(fmt: str) -> None:
    out = reports.render(fmt, CHOICE, score(CHOICE, AFRAID))
    alert = out.index("If you are afraid of someone at home")
    result = out.index("Result")
    assert alert < result  # the alert comes first
    assert "Start here: Help on your own, and an advocate" in out
    assert "Couples sessions are not a safe first step" in out
    not_first = out.index("Not as a first step")
    assert out.index("Marriage and family therapist", not_first) > not_first
    assert "Good Faith Estimate" in out  # advice that applies to someone paying themselves
    assert "Can you help me make a safety plan?" in out  # the first-call question


def test_json_carries_the_decisions() -> None:
    data = json.loads(reports.render_json(CHOICE, score(CHOICE, AFRAID), AFRAID))
    assert data["format"] == 2
    assert data["best"] == ["safety_first"] and data["top_outcome"] == "safety_first"
    assert [r["id"] for r in data["rules"]] == ["afraid_at_home"]
    assert [a["id"] for a in data["alerts"]] == ["safety"]
    assert data["ruled_out"][0]["id"] == "mft"
    assert "not a safe first step" in data["ruled_out"][0]["reasons"][0]
    assert {a["id"] for a in data["advice"]} == {"estimate", "ask_training"}
    assert data["questions"] == ["Can you help me make a safety plan?"]
    assert data["outcomes"][0]["id"] == "safety_first"
    assert data["outcomes"][0]["put_first"] is True


@pytest.mark.parametrize("fmt", PROSE)
def test_a_tie_is_said_as_a_tie(fmt: str) -> None:
    answers = {
        "in_danger": "no",
        "who_for": "me",
        "focus": "both",
        "afraid": "no",
        "payment": "insurance",
    }
    out = reports.render(fmt, CHOICE, score(CHOICE, answers))
    assert "These fit equally well:" in out
    assert "Best fit so far" not in out


@pytest.mark.parametrize("fmt", PROSE)
def test_too_little_known_is_said_in_the_headline(fmt: str) -> None:
    out = reports.render(fmt, CHOICE, score(CHOICE, {"focus": "mood"}))
    assert "Too few questions have a clear answer yet" in out
    assert "Best fit" not in out


@pytest.mark.parametrize("fmt", PROSE)
def test_red_flags_results_show_no_percentages(fmt: str) -> None:
    answers = {
        "in_danger": "no",
        "seeing_now": "now",
        "sexual_contact": "no",
        "keep_secret": "yes",
        "cut_off": "yes",
        "late": "no",
    }
    out = reports.render(fmt, FLAGS, score(FLAGS, answers))
    assert "%" not in out.replace("100%", "")  # (html's CSS has none either)
    assert "Overall score" not in out
    assert "This is a pattern of control" in out  # the alert a combination raised
    assert "Secrecy and being cut off from people together" in out  # why the band is so serious


@pytest.mark.parametrize("fmt", PROSE)
def test_next_steps_follow_whether_therapy_goes_on(fmt: str) -> None:
    base = {
        "in_danger": "no",
        "sexual_contact": "no",
        "keep_secret": "no",
        "cut_off": "no",
        "late": "yes",
    }
    ongoing = reports.render(fmt, FLAGS, score(FLAGS, {**base, "seeing_now": "now"}))
    ended = reports.render(fmt, FLAGS, score(FLAGS, {**base, "seeing_now": "stopped"}))
    assert "raise it at your next session" in ongoing and "raise it at your next" not in ended
    assert "copy of your records" in ended and "copy of your records" not in ongoing


@pytest.mark.parametrize("fmt", PROSE)
def test_not_sure_never_sends_the_person_back_to_the_therapist(fmt: str) -> None:
    answers = {
        "in_danger": "no",
        "seeing_now": "now",
        "sexual_contact": "unsure",
        "keep_secret": "no",
        "cut_off": "no",
        "late": "no",
    }
    out = reports.render(fmt, FLAGS, score(FLAGS, answers))
    assert "Worth finding out more" in out
    assert "ask your therapist" not in out.lower()
    assert "another licensed professional or someone you trust" in out
