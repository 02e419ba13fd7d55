"""Checking answers against a checklist, loading answers files, and `vetting score`."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import pytest

from tests.support.builders import make_checklist, multiple, note, option, scale, single, yes_no
from vetting.commands import score as score_command
from vetting.problems import Level
from vetting.validation import answers_file as answers

GOOD = Path(__file__).resolve().parents[1] / "cases" / "good" / "red_flags_small.yaml"


def _checklist():
    return make_checklist(
        items=[
            yes_no("touch", severity="critical", allow_unsure=True),
            single("fees", [option("clear"), option("vague")]),
            multiple("worries", [option("money"), option("gifts")], allow_not_applicable=True),
            scale("comfort", 1, 5),
            note("notes"),
        ]
    )


@pytest.mark.parametrize(
    ("given", "rule", "suggestion"),
    [
        ({"touchh": "yes"}, "answer-unknown-item", "did you mean `touch`?"),
        ({"fees": "vage"}, "answer-unknown-option", "did you mean `vague`?"),
        ({"worries": ["money", "cash"]}, "answer-unknown-option", None),
        ({"fees": ["clear"]}, "answer-wrong-type", None),
        ({"worries": "money"}, "answer-wrong-type", None),
        ({"comfort": "3"}, "answer-wrong-type", None),
        ({"comfort": True}, "answer-wrong-type", None),
        ({"comfort": 2.5}, "answer-wrong-type", None),
        ({"comfort": 6}, "answer-out-of-range", None),
        ({"notes": 5}, "answer-wrong-type", None),
        ({"fees": "unsure"}, "answer-not-allowed", None),
        ({"touch": "not_applicable"}, "answer-not-allowed", None),
        ({"worries": ["money", "money"]}, "answer-not-allowed", None),
    ],
)
def test_each_bad_answer_has_its_rule(given, rule, suggestion):
    problems = answers.check_answers(_checklist(), given, file="a.json")
    assert [p.rule for p in problems] == [rule]
    assert problems[0].file == "a.json" and problems[0].is_error
    if suggestion:
        assert problems[0].suggestion == suggestion


def test_good_answers_have_no_problems():
    good = {
        "touch": "unsure",
        "fees": "clear",
        "worries": [],
        "comfort": 5,
        "notes": "unsure is fine as text",
    }
    assert answers.check_answers(_checklist(), good, file="a.json") == []
    assert answers.check_answers(_checklist(), {"worries": "not_applicable"}, file="a") == []


def test_locate_gives_positions():
    problems = answers.check_answers(
        _checklist(), {"worries": ["money", "x"]}, file="a", locate=lambda path: (len(path), 7)
    )
    assert (problems[0].line, problems[0].column, problems[0].path) == (2, 7, ("worries", 1))


def _write(tmp_path: Path, data: dict, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_answers_file(tmp_path):
    path = _write(
        tmp_path,
        {
            "checklist": {"id": "test_list", "version": "1.0.0"},
            "session": {"name": "Dr. Lee"},
            "answers": {"touch": "no"},
        },
    )
    loaded = answers.load_answers_file(path)
    assert (loaded.checklist_id, loaded.checklist_version, loaded.session_name) == (
        "test_list",
        "1.0.0",
        "Dr. Lee",
    )
    assert loaded.answers == {"touch": "no"}
    assert loaded.content_hash is None
    assert answers.check_answers_file(_checklist(), loaded) == []


@pytest.mark.parametrize(
    ("header", "rule", "level"),
    [
        ({"id": "other", "version": "1.0.0"}, "answer-wrong-checklist", Level.ERROR),
        ({"id": "test_list", "version": "0.9.0"}, "answer-wrong-version", Level.ERROR),
        (
            {"id": "test_list", "version": "1.0.0", "content_hash": "sha256:" + "1" * 64},
            "answer-checklist-changed",
            Level.WARNING,
        ),
    ],
)
def test_header_mismatch(tmp_path, header, rule, level):
    loaded = answers.load_answers_file(_write(tmp_path, {"checklist": header, "answers": {}}))
    problems = answers.check_answers_file(_checklist(), loaded)
    assert [(p.rule, p.level) for p in problems] == [(rule, level)]
    assert problems[0].line is not None


def test_unreadable_and_schema_invalid_files_raise_answers_invalid(tmp_path):
    with pytest.raises(answers.AnswersInvalid) as missing:
        answers.load_answers_file(tmp_path / "nope.json")
    assert missing.value.problems[0].rule == "answer-load"
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers: {a: yes}\n", encoding="utf-8")  # no checklist header
    with pytest.raises(answers.AnswersInvalid) as invalid:
        answers.load_answers_file(bad)
    assert invalid.value.problems


# --------------------------------------------------------------------------- vetting score


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    score_command.add_arguments(parser, "score")
    return score_command.run(parser.parse_args(list(argv)), "score")


def _answers_for_good(tmp_path: Path, given: dict) -> Path:
    header = {"id": "red_flags_small", "version": "1.0.0"}
    return _write(tmp_path, {"checklist": header, "answers": given})


def test_score_command_prints_report(tmp_path, capsys):
    path = _answers_for_good(tmp_path, {"sexual_contact": "yes", "fees_clear": "clear"})
    assert _run(str(GOOD), str(path)) == 0
    out, err = capsys.readouterr()
    assert "CRITICAL:" in out and err == ""


def test_score_command_json(tmp_path, capsys):
    path = _answers_for_good(tmp_path, {"sexual_contact": "no", "fees_clear": "clear"})
    assert _run(str(GOOD), str(path), "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["band"]["id"] == "low" and data["flags"] == []


def test_score_command_reports_answer_problems(tmp_path, capsys):
    path = _answers_for_good(tmp_path, {"sexual_contat": "yes"})
    assert _run(str(GOOD), str(path)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{path}:1:" in err and "[answer-unknown-item]" in err


@pytest.mark.parametrize("which", ["checklist", "answers"])
def test_score_command_missing_file(tmp_path, capsys, which):
    answers_path = _answers_for_good(tmp_path, {})
    args = [str(tmp_path / "nope.yaml"), str(answers_path)]
    if which == "answers":
        args = [str(GOOD), str(tmp_path / "nope.json")]
    assert _run(*args) == 1
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_score_command_invalid_checklist(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    answers_path = _answers_for_good(tmp_path, {})
    assert _run(str(bad), str(answers_path)) == 1
    assert "not a valid checklist" in capsys.readouterr().err


def test_a_session_refitted_to_an_edited_checklist_keeps_only_what_fits():
    """What the app and the line mode both open (:func:`answers.refitted`)."""
    from vetting.sessions.model import new_session

    checklist = _checklist()
    session = new_session(checklist, "mine", None)
    assert answers.refitted(checklist, session) == (session, None)
    old = dataclasses.replace(
        session,
        answers={"touch": "yes", "fees": "gone", "comfort": 3},
        checklist_version="0.1",
        content_hash="an-older-file",
    )
    current, change = answers.refitted(checklist, old)
    assert change is not None and change.old_version == "0.1"
    assert current.answers == {"touch": "yes", "comfort": 3}
    assert (current.checklist_version, current.content_hash) == (
        checklist.version,
        checklist.content_hash,
    )
    assert current.id == old.id and current.name == old.name
    assert old.answers["fees"] == "gone"  # the saved session itself is not changed
