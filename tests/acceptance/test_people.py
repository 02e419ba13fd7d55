"""Worked examples: people a clinician would recognise, scored through `vetting score`.

Each file in ``people/`` names a built-in checklist and lists people: who they are, the
answers such a person would give, and what a careful clinician expects the result to say.
Every person is scored by the real command (``vetting score --format json``, a subprocess),
as someone checking a result by hand would, and each expectation is compared:

* ``top_outcome`` (a list for a tie, null for none), ``band``, and the exact sets of
  ``flags``, ``rules``, ``alerts``, ``ruled_out`` and ``advice``: every person pins the
  last four (``flags`` too, where the checklist has any), so a sign, a warning or a tip
  that appears or goes away for someone is a failure to look at, not a silent change;
* ``mentions``: each text appears (case-insensitive) in what the person reads with the
  result (alerts, reasons, next steps, questions, advice, the headline);
* ``enough_known``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = sorted((Path(__file__).parent / "people").glob("*.yaml"))
CHECKLISTS = ROOT / "checklists"


def _people() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in PEOPLE:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for person in data["people"]:
            cases.append((data["checklist"], person))
    return cases


CASES = _people()


def test_there_are_enough_people_for_each_checklist() -> None:
    counts: dict[str, int] = {}
    for checklist, _ in CASES:
        counts[checklist] = counts.get(checklist, 0) + 1
    assert sum(counts.values()) >= 25, counts
    assert set(counts) == {"which_professional", "red_flags", "good_fit"}, counts


PINNED = ("rules", "alerts", "advice")


@pytest.mark.parametrize(("checklist", "person"), CASES, ids=[f"{c}-{p['id']}" for c, p in CASES])
def test_every_person_pins_what_they_are_told(checklist: str, person: dict[str, Any]) -> None:
    """What a person is warned of and advised is part of every expectation, never left out."""
    keys = PINNED if checklist == "which_professional" else ("flags", *PINNED)
    assert [key for key in keys if key not in person["expect"]] == [], person["id"]


def _version(checklist: str) -> str:
    data = yaml.safe_load((CHECKLISTS / f"{checklist}.yaml").read_text(encoding="utf-8"))
    return str(data["version"])


def _score(checklist: str, answers: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """The person's answers as an answers file, scored by `vetting score --format json`."""
    answers_file = tmp_path / "answers.json"
    header = {"id": checklist, "version": _version(checklist)}
    answers_file.write_text(
        json.dumps({"format": 1, "checklist": header, "answers": answers}), encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vetting",
            "score",
            "--format",
            "json",
            str(CHECKLISTS / f"{checklist}.yaml"),
            str(answers_file),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def _words(report: dict[str, Any]) -> str:
    """Everything the person reads with the result, as one lowercase text."""
    parts = [report["headline"]["label"], report["headline"]["meaning"]]
    parts += [f"{a['title']} {a['text']}" for a in report["alerts"]]
    parts += [
        " ".join(f"{r['name']} {r['contact']}" for r in a["resources"]) for a in report["alerts"]
    ]
    parts += [r["reason"] for r in report["rules"]]
    parts += report["next_steps"] + report["questions"]
    parts += [a["text"] for a in report["advice"]]
    if report["band"]:
        parts.append(report["band"]["meaning"])
    return " ".join(parts).lower()


@pytest.mark.parametrize(("checklist", "person"), CASES, ids=[f"{c}-{p['id']}" for c, p in CASES])
def test_person(checklist: str, person: dict[str, Any], tmp_path: Path) -> None:
    report = _score(checklist, person["answers"], tmp_path)
    expect = person["expect"]
    who = person["person"].strip()
    if "top_outcome" in expect:
        wanted = expect["top_outcome"]
        if isinstance(wanted, list):
            assert sorted(report["best"]) == sorted(wanted) and report["tie"], who
        else:
            assert report["top_outcome"] == wanted, (who, report["best"])
    if "band" in expect:
        got = report["band"]["id"] if report["band"] else None
        assert got == expect["band"], who
    for key, got in (
        ("flags", {f["item_id"] for f in report["flags"]}),
        ("rules", {r["id"] for r in report["rules"]}),
        ("alerts", {a["id"] for a in report["alerts"]}),
        ("ruled_out", {o["id"] for o in report["ruled_out"]}),
        ("advice", {a["id"] for a in report["advice"]}),
    ):
        if key in expect:
            assert got == set(expect[key] or ()), (who, key, sorted(got))
    words = _words(report)
    for text in expect.get("mentions") or ():
        assert text.lower() in words, (who, text)
    if "enough_known" in expect:
        assert report["completeness"]["enough_known"] is expect["enough_known"], who
