"""``vetting new`` writes an editor modeline that still works once the project is committed.

The modeline (``# yaml-language-server: $schema=...``) must point at a schema file inside the
author's project, never into vetting's own installation (a virtual environment is neither
committed nor at the same path on another machine).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def vetting(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _modeline(path: Path) -> Path:
    match = MODELINE.search(path.read_text(encoding="utf-8"))
    assert match, "no modeline"
    reference = match.group(1)
    assert not Path(reference).is_absolute(), reference
    assert "site-packages" not in reference and ".venv" not in reference, reference
    return (path.parent / reference).resolve()


def test_a_new_project_gets_a_committed_schema_beside_its_checklists(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)  # the top of a repository
    made = vetting("new", "checklists/mine.yaml", cwd=project)
    assert made.returncode == 0, made.stderr
    target = _modeline(project / "checklists" / "mine.yaml")
    assert target == (project / "schemas" / "checklist.schema.json").resolve()
    assert target.read_bytes() == (ROOT / "schemas" / "checklist.schema.json").read_bytes()
    assert "Wrote the checklist schema to schemas/checklist.schema.json" in made.stderr
    again = vetting("new", "--kind", "fit", "checklists/deeper/other.yaml", cwd=project)
    assert again.returncode == 0
    assert "Wrote the checklist schema" not in again.stderr  # found, not copied twice
    assert _modeline(project / "checklists" / "deeper" / "other.yaml") == target
    assert "../../schemas/checklist.schema.json" in (
        project / "checklists" / "deeper" / "other.yaml"
    ).read_text(encoding="utf-8")


def test_a_schema_written_by_vetting_schema_is_used(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert vetting("schema", "--write", "editor", cwd=tmp_path).returncode == 0
    (tmp_path / "editor").rename(tmp_path / "lists")  # `vetting schema --write lists`
    made = vetting("new", "lists/a.yaml", cwd=tmp_path)
    assert made.returncode == 0
    assert (
        _modeline(tmp_path / "lists" / "a.yaml")
        == (tmp_path / "lists" / "checklist.schema.json").resolve()
    )
    assert not (tmp_path / "schemas").exists()


def test_the_starter_validates_with_its_modeline(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert vetting("new", "checklists/x.yaml", cwd=tmp_path).returncode == 0
    checked = vetting("validate", "--strict", "checklists/x.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
