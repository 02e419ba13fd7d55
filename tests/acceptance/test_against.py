"""`vetting validate --against REF`: a result-changing edit needs a version bump."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vetting.commands.new import starter_text


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        check=True,
        capture_output=True,
    )


def validate(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", "validate", "--format", "json", *args],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    checklist = tmp_path / "checklists" / "mine.yaml"
    checklist.parent.mkdir()
    checklist.write_text(starter_text("red-flags", checklist), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first")
    return tmp_path


def edit(repo: Path, old: str, new: str) -> Path:
    path = repo / "checklists" / "mine.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def rules_of(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int | None]]:
    data = json.loads(result.stdout)
    return [(p["rule"], p["line"]) for f in data["files"] for p in f["problems"]]


def test_points_changed_without_bump_fails_at_the_version_line(repo: Path) -> None:
    path = edit(repo, 'value: "yes", points: 3', 'value: "yes", points: 5')
    result = validate(repo, "--against", "main", "checklists")
    assert result.returncode == 1, result.stdout + result.stderr
    version_line = next(
        number
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if line.startswith("version:")
    )
    assert rules_of(result) == [("version-not-bumped", version_line)]
    assert "points of option `yes` changed from 3 to 5" in result.stdout


def test_the_same_change_with_a_bump_passes(repo: Path) -> None:
    edit(repo, 'value: "yes", points: 3', 'value: "yes", points: 5')
    edit(repo, 'version: "0.1.0"', 'version: "0.2.0"')
    result = validate(repo, "--against", "main", "checklists")
    assert result.returncode == 0, result.stdout


def test_wording_changes_need_no_bump(repo: Path) -> None:
    edit(repo, "Boundaries", "Boundaries and touch")
    assert validate(repo, "--against", "main", "checklists").returncode == 0


def test_a_new_file_has_nothing_to_compare_with(repo: Path) -> None:
    extra = repo / "checklists" / "extra.yaml"
    extra.write_text(starter_text("fit", extra), encoding="utf-8")
    assert validate(repo, "--against", "main", "checklists").returncode == 0


def test_an_unknown_ref_is_reported_not_a_traceback(repo: Path) -> None:
    result = validate(repo, "--against", "no-such-branch", "checklists")
    assert result.returncode == 1
    assert ("compare-unavailable", None) in rules_of(result)
    assert "Traceback" not in result.stderr
