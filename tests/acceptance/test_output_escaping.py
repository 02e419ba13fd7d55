"""Names from outside never give a report fake lines or raw control bytes (issue 17.2).

A file name or a key can hold a newline, so ``x\\n::error file=README.md::FAKE.yaml``
used to put a line of its own into ``vetting validate --format text``, and GitHub runs
such a line as a workflow command; ``--format json`` wrote a raw C1 byte taken from a file
name. The names are escaped where they enter a report (the pipeline's display name, the
problem's path), so every format is safe: text and GitHub output have exactly one line
per problem (plus hint lines and the summary), JSON output has no raw control or bidi
character, and the escaped name still says what the name was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"
FAKE = "::error file=README.md::FAKE"
HOSTILE_NAMES = {
    "newline-command": f"x\n{FAKE}\n.yaml",
    "carriage-return": f"x\r{FAKE}.yaml",
    "c1-csi": "x\x9b2Jgone.yaml",
    "escape": "x\x1b]0;TITLE\x07.yaml",
    "bidi": "x\u202eevil.yaml",
    "line-separator": f"x\u2028{FAKE}.yaml",
}
# A checklist whose key holds a newline and the fake command (an unknown key: reported
# with its path), and whose title holds a C1 byte (reported by text hygiene).
HOSTILE_KEYS = SMALL.read_text(encoding="utf-8").replace(
    "title: Warning signs in therapy",
    f'title: "Warning \\x9b signs"\n"bad\\n{FAKE}\\nkey": 1',
    1,
)
EXCERPT = re.compile(r" +\d* \| ")
RAW_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def validate(fmt: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", "validate", "--format", fmt, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""},
    )


@pytest.fixture
def hostile_files(tmp_path: Path) -> list[Path]:
    files = []
    for name in HOSTILE_NAMES.values():
        path = tmp_path / name
        path.write_text("id: [unclosed\n", encoding="utf-8")  # one error each
        files.append(path)
    keys = tmp_path / "keys.yaml"
    keys.write_text(HOSTILE_KEYS, encoding="utf-8")
    files.append(keys)
    missing = tmp_path / f"missing\n{FAKE}.yaml"
    files.append(missing)  # never created: "no such file", with its name
    return files


def _no_fake_lines(output: str, *, lines_start: tuple[str, ...] | None = None) -> None:
    """No line of ``output`` is the attacker's; with ``lines_start``, every line that
    mentions the fake command is one of ours (a problem line or its ``at`` line)."""
    for line in output.split("\n"):
        assert not line.startswith("::error file=README.md"), repr(line)
        if lines_start is not None and FAKE in line:
            # A problem line of ours, its "at" line, or a source excerpt ("  6 | ..."),
            # which shows the file's own text, where the newline is written as \n.
            assert line.startswith(lines_start) or EXCERPT.match(line), repr(line)
    assert RAW_BAD.search(output) is None, repr(RAW_BAD.search(output))
    assert "\r" not in output


def test_text_output_has_one_line_per_problem(hostile_files: list[Path]) -> None:
    run = validate("text", *hostile_files)
    assert run.returncode == 1
    _no_fake_lines(run.stdout, lines_start=(str(hostile_files[0].parent), "  at "))
    problem_lines = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert all(line.startswith(str(hostile_files[0].parent)) for line in problem_lines)
    assert re.search(r"x\\n::error file=README\.md::FAKE\\n\.yaml:\d+:\d+: error", run.stdout)
    assert "x\\x9b2Jgone.yaml" in run.stdout and "x\\u202eevil.yaml" in run.stdout
    assert "  at bad\\n::error file=README.md::FAKE\\nkey" in run.stdout


def test_github_output_has_only_our_commands(hostile_files: list[Path]) -> None:
    run = validate("github", *hostile_files)
    _no_fake_lines(run.stdout, lines_start=("::error file=/",))
    lines = run.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert all(line.startswith(("::error file=/", "::warning file=/")) for line in commands)
    assert len(commands) == len(lines) - 1  # one command per problem, then the summary
    assert sum(FAKE.replace(":", "%3A") in line for line in commands) >= 3


def test_json_output_has_no_raw_control_byte_and_says_the_names(
    hostile_files: list[Path],
) -> None:
    run = validate("json", *hostile_files)
    _no_fake_lines(run.stdout)
    report = json.loads(run.stdout)
    names = {Path(entry["file"]).name for entry in report["files"]}
    assert "x\\x9b2Jgone.yaml" in names
    assert "x\\n::error file=README.md::FAKE\\n.yaml" in names
    paths = {p["path"] for entry in report["files"] for p in entry["problems"]}
    assert "bad\\n::error file=README.md::FAKE\\nkey" in paths


def test_ordinary_names_are_unchanged(tmp_path: Path) -> None:
    """Escaping is not a rewrite: accents, spaces and other scripts stay as they are."""
    path = tmp_path / "Café 日本 list.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    run = validate("json", path)
    assert json.loads(run.stdout)["files"][0]["file"] == str(path)


def test_score_names_a_hostile_answers_file_on_one_line(tmp_path: Path) -> None:
    answers = tmp_path / f"a\n{FAKE}.json"
    answers.write_text('{"format": 1, "answers": [1]}', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "vetting", "score", str(SMALL), str(answers)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 1
    _no_fake_lines(run.stderr)
    assert "a\\n::error file=README.md::FAKE.json" in run.stderr


def test_run_lists_the_problems_of_a_hostile_file_one_line_each(tmp_path: Path) -> None:
    """``vetting run`` prints a broken file's problems itself, before any app starts."""
    path = tmp_path / f"r\n{FAKE}.yaml"
    path.write_text(f'id: x\n"k\\n{FAKE}": 1\n"k\\n{FAKE}": 2\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "vetting", "run", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 1
    _no_fake_lines(run.stderr, lines_start=("vetting run: ", "  line "))
    assert f"The key `k\\n{FAKE}` appears twice" in run.stderr


def test_sarif_output_has_no_raw_control_byte_and_says_the_names(
    hostile_files: list[Path],
) -> None:
    run = validate("sarif", *hostile_files)
    _no_fake_lines(run.stdout)
    log = json.loads(run.stdout)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run_ in log["runs"]
        for result in run_["results"]
        for location in result.get("locations", [])
    }
    assert any("x%5Cx9b2Jgone.yaml" in uri or "x\\x9b2Jgone.yaml" in uri for uri in uris), uris
