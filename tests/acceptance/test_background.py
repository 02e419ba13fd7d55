"""``vetting run`` validates in a forked child while the app loads: same report, any failure
falls back to validating in-process, and the parent never loads the YAML machinery.

The forking cases run in a fresh interpreter: this test process may already have threads
(Textual's tests leave worker threads), and then the module rightly refuses to fork.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import vetting.validation.background
from vetting.scoring import score
from vetting.validation.background import validate_in_background
from vetting.validation.pipeline import validate_file

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = sorted((ROOT / "checklists").glob("*.yaml"))
BAD = sorted((ROOT / "tests" / "cases" / "bad").glob("*.yaml"))
FILES = [*BUILT_IN, *BAD[:12]]


def run_python(code: str, *args: str) -> str:
    """Run ``code`` in a fresh interpreter (no threads yet); its stdout."""
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_forked_report_is_the_in_process_report() -> None:
    code = """
        import sys
        from pathlib import Path
        from vetting.validation.background import validate_in_background
        from vetting.validation.pipeline import validate_file
        for name in sys.argv[1:]:
            pending = validate_in_background(Path(name))
            assert pending.forked, name
            got, want = pending.result(), validate_file(name)
            assert got == want, name  # (not repr: a frozenset's order depends on the process)
            if got.checklist is not None:
                assert got.checklist.item(got.checklist.items[-1].id) is not None
        print("same", len(sys.argv) - 1)
    """
    assert run_python(code, *map(str, FILES)).split() == ["same", str(len(FILES))]


def test_a_child_that_fails_leaves_the_parent_to_validate() -> None:
    code = """
        import os, sys
        from pathlib import Path
        import vetting.validation.background as background
        from vetting.validation.pipeline import validate_file
        background._child = lambda *args: os._exit(3)  # dies before sending anything
        pending = background.validate_in_background(Path(sys.argv[1]))
        assert pending.forked
        assert pending.result() == validate_file(sys.argv[1])
        print("fell back")
    """
    assert run_python(code, str(BUILT_IN[0])).strip() == "fell back"


def test_vetting_run_never_loads_the_yaml_parser_in_the_app_process() -> None:
    code = """
        import sys
        from pathlib import Path
        from vetting.commands.app import checked_file
        report = checked_file(Path(sys.argv[1]))
        assert report is not None and report.ok
        loaded = ("yaml", "vetting.checklist.loader", "jsonschema")
        print(sorted(m for m in loaded if m in sys.modules))
        print("textual.app" in sys.modules)
    """
    assert run_python(code, str(BUILT_IN[0])).split("\n")[:2] == ["[]", "True"]


def test_without_fork_the_file_is_validated_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vetting.validation.background, "can_fork", lambda: False)
    pending = validate_in_background(BUILT_IN[0])
    assert not pending.forked
    assert pending.result() == validate_file(BUILT_IN[0])


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.stem)
def test_a_pickled_checklist_is_whole_and_scores_the_same(path: Path) -> None:
    checklist = validate_file(path).checklist
    assert checklist is not None
    answers = checklist.tests[0].answers_dict()
    before = score(checklist, answers)
    copy = pickle.loads(pickle.dumps(checklist, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == checklist
    assert all(copy.item(item.id) == item for item in checklist.items)
    assert score(copy, answers) == before


def test_a_changed_copy_does_not_share_the_item_lookup() -> None:
    checklist = validate_file(BUILT_IN[0]).checklist
    assert checklist is not None
    first = checklist.sections[0]
    kept = first._replace(items=first.items[1:])
    smaller = dataclasses.replace(checklist, sections=(kept, *checklist.sections[1:]))
    gone = first.items[0].id
    assert smaller.item(gone) is None
    assert checklist.item(gone) is not None  # the original is untouched


HOSTILE = ROOT / "tests" / "hostile"


@pytest.mark.parametrize(
    "name",
    [
        "E_ANCHOR--billion-laughs.yaml",
        "E_TAG--python-object-apply.yaml",
        "E_CONTROL_CHAR--raw-escape.yaml",
        "E_NUMBER--5000-digit-int.yaml",
    ],
)
def test_vetting_run_refuses_a_hostile_file_through_the_child(name: str, tmp_path: Path) -> None:
    """The real command: the child's report reaches the person as calm problems, exit 1."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "VETTING_DATA_DIR"},
        "XDG_DATA_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "run", str(HOSTILE / name)],
        capture_output=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert b"cannot be opened" in done.stderr
    assert b"Traceback" not in done.stderr and b"\x1b" not in done.stdout + done.stderr
    assert done.stdout == b""
