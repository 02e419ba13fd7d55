"""Authoring tools: the guide's examples, `vetting new` starters, and `vetting diff`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from vetting.checklist.changes import Impact, compare, version_key
from vetting.validation.pipeline import load_checklist, validate_text

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
KINDS = ("red-flags", "choice", "fit")


def vetting(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
    )


def guide_checklists() -> list[str]:
    """Every complete checklist in the guide (a yaml block with `format: 1`)."""
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return [block for block in blocks if re.search(r"^format: 1$", block, re.M)]


def test_the_guide_has_a_complete_example() -> None:
    assert guide_checklists(), "docs/authoring.md lost its complete example"


@pytest.mark.parametrize("text", guide_checklists())
def test_every_complete_example_in_the_guide_validates(text: str) -> None:
    report = validate_text(text, source="docs/authoring.md")
    assert [p.message for p in report.problems] == []


@pytest.mark.parametrize("kind", KINDS)
def test_new_writes_a_starter_that_validates_as_written(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "sub" / f"My {kind} list.yaml"
    made = vetting("new", "--kind", kind, str(target))
    assert made.returncode == 0, made.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "safety:" in text and "tests:" in text
    checked = vetting("validate", "--strict", str(target))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my work", encoding="utf-8")
    result = vetting("new", str(target))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "my work"


def _starter(tmp_path: Path, name: str = "list.yaml") -> Path:
    target = tmp_path / name
    assert vetting("new", "--kind", "red-flags", str(target)).returncode == 0
    return target


def test_diff_wording_change_is_compatible(tmp_path: Path) -> None:
    old = _starter(tmp_path, "old.yaml")
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text().replace("This is true even if", "It stays true even if"), encoding="utf-8"
    )
    result = vetting("diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "compatible: item `sexual_contact`: wording or help changed" in result.stdout


def test_diff_points_change_without_bump_fails(tmp_path: Path) -> None:
    old = _starter(tmp_path, "old.yaml")
    new = tmp_path / "new.yaml"
    new.write_text(
        old.read_text().replace('value: "yes", points: 3', 'value: "yes", points: 4'),
        encoding="utf-8",
    )
    result = vetting("diff", str(old), str(new))
    assert result.returncode == 1
    assert "points of option `yes` changed from 3 to 4" in result.stdout
    assert "Raise `version`" in result.stderr
    bumped = tmp_path / "bumped.yaml"
    bumped.write_text(new.read_text().replace('version: "0.1.0"', 'version: "0.2.0"'))
    assert vetting("diff", str(old), str(bumped)).returncode == 0


def test_removing_an_item_or_changing_a_kind_is_incompatible(tmp_path: Path) -> None:
    old = load_checklist(_starter(tmp_path))
    choice_path = tmp_path / "choice.yaml"
    assert vetting("new", "--kind", "choice", str(choice_path)).returncode == 0
    other = load_checklist(choice_path)
    impacts = {(c.where, c.impact) for c in compare(old, other).changes}
    assert ("item `sexual_contact`", Impact.INCOMPATIBLE) in impacts
    assert ("checklist", Impact.INCOMPATIBLE) in impacts  # kind changed


@pytest.mark.parametrize(
    ("lower", "higher"),
    [("1.9.0", "1.10.0"), ("1.0", "1.0.1"), ("0.9", "1"), ("2.0", "10.0")],
)
def test_version_order_is_numeric(lower: str, higher: str) -> None:
    assert version_key(lower) < version_key(higher)
