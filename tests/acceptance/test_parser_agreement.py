"""libyaml and pure-Python PyYAML give the same answer, end to end (issue 17.3).

Without libyaml, ``"\\ud800"`` escapes and unknown ``%`` directives were accepted: the file
validated, then ``vetting score`` crashed with a traceback and every answer in the app
showed "not saved". Both are refused now on both parsers. These tests run the real CLI
over the whole hostile suite (the committed corpus and every case of
``test_hostile_cli.py``) once with libyaml and once with ``SAFEYAML_PURE=1``, and compare.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.acceptance.test_hostile_cli import CASES

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "hostile"
SMALL = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"
NEW_CASES = {
    "surrogate-escape": b'id: x\ntitle: "broken \\ud800 half"\n',
    "surrogate-pair-escape": b'id: x\ntitle: "smile \\ud83d\\ude00"\n',
    "surrogate-long-escape": b'id: x\ntitle: "\\U0000DFFF"\n',
    "surrogate-in-key": b'id: x\n"\\udc00": 1\n',
    "unknown-directive": b"%FOO bar\n---\nid: x\n",
    "unknown-directive-after-yaml": b"%YAML 1.2\n%VETTING 1\n---\nid: x\n",
}

pytestmark = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False), reason="PyYAML was built without libyaml"
)


def run(*args: str, pure: bool) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "GITHUB_ACTIONS": "",
        "SAFEYAML_PURE": "1" if pure else "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
        env=env,
    )


def _outcomes(report: dict) -> dict[str, list[tuple[str, str, int | None]]]:
    return {
        Path(entry["file"]).name: sorted(
            (p["rule"], p["level"], p["line"]) for p in entry["problems"]
        )
        for entry in report["files"]
    }


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile file in one folder: the committed corpus, the CLI cases, the new ones."""
    folder = tmp_path_factory.mktemp("hostile-suite")
    for path in HOSTILE.glob("*.yaml"):
        (folder / path.name).write_bytes(path.read_bytes())
    for case in CASES:
        (folder / f"case--{case.name}.yaml").write_bytes(case.content)
    for name, content in NEW_CASES.items():
        (folder / f"new--{name}.yaml").write_bytes(content)
    return folder


def test_the_whole_hostile_suite_gets_the_same_answer_from_both_parsers(suite: Path) -> None:
    fast = run("validate", "--format", "json", str(suite), pure=False)
    pure = run("validate", "--format", "json", str(suite), pure=True)
    for result in (fast, pure):
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
    fast_outcomes = _outcomes(json.loads(fast.stdout))
    pure_outcomes = _outcomes(json.loads(pure.stdout))
    assert fast_outcomes.keys() == pure_outcomes.keys()
    differ = {
        name: (fast_outcomes[name], pure_outcomes[name])
        for name in fast_outcomes
        if fast_outcomes[name] != pure_outcomes[name]
        # The two word and place syntax errors differently (the loader tests say which):
        # agreeing that a file is a syntax error is agreeing.
        and not all(
            any(rule == "yaml-syntax" for rule, _, _ in outcome)
            for outcome in (fast_outcomes[name], pure_outcomes[name])
        )
    }
    assert differ == {}


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
@pytest.mark.parametrize("name", sorted(NEW_CASES))
def test_surrogates_and_unknown_directives_are_refused_by_both(
    name: str, pure: bool, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(NEW_CASES[name])
    result = run("validate", str(path), pure=pure)
    assert result.returncode == 1
    rule = "yaml-directive" if "directive" in name else "file-encoding"
    assert f"[{rule}]" in result.stdout, result.stdout


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_score_refuses_a_surrogate_answer_without_a_traceback(pure: bool, tmp_path: Path) -> None:
    """The crash of issue 17.3: the answers file loaded, then writing the report failed."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        'format: 1\nchecklist: {id: red_flags_small, version: "1.0.0"}\n'
        'answers:\n  notes: "\\ud800"\n',
        encoding="utf-8",
    )
    result = run("score", str(SMALL), str(answers), pure=pure)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "half a character" in result.stderr
    assert result.stdout == ""
