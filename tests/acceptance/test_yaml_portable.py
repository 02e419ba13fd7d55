"""A `?` inside `[ ]` or `{ }`: libyaml reads it, PyYAML's pure-Python reader does not.

Where libyaml is installed the file is valid and `vetting validate` warns that some
computers cannot read it (yaml-portable), pointing at the `?`; where it is not (forced
here with SAFEYAML_PURE=1), the error says what is wrong and how to write it instead of
"a list is not closed", which the author would look for in vain.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"


def _checklist(tmp_path: Path, title: str) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    before = "  - { title: ACA Code of Ethics, url: "
    assert before in text
    path = tmp_path / "portable.yaml"
    path.write_text(text.replace(before, f"  - {{ title: {title}, url: "), encoding="utf-8")
    return path


def _validate(path: Path, *, pure: bool) -> tuple[int, dict]:
    env = {k: v for k, v in os.environ.items() if k != "SAFEYAML_PURE"}
    if pure:
        env["SAFEYAML_PURE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "validate", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)["files"][0]


def test_libyaml_reads_it_and_warns_where_it_would_not_be_read(tmp_path: Path) -> None:
    assert yaml.__with_libyaml__, "the test needs PyYAML with libyaml, as its wheels have"
    path = _checklist(tmp_path, "What is ethical?")
    code, report = _validate(path, pure=False)
    assert code == 0 and report["valid"]
    [problem] = report["problems"]
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "ethical?" in text)
    where = (problem["rule"], problem["level"], problem["line"])
    assert where == ("yaml-portable", "warning", line)
    assert problem["column"] == len("  - { title: What is ethical") + 1  # the `?` itself
    assert '["Are you licensed?"]' in problem["message"]


def test_the_pure_reader_says_what_to_write_instead(tmp_path: Path) -> None:
    code, report = _validate(_checklist(tmp_path, "What is ethical?"), pure=True)
    assert code == 1
    [problem] = report["problems"]
    assert problem["rule"] == "yaml-syntax"
    assert problem["message"].startswith("This file cannot be read on this computer: a `?`")
    assert "not closed" not in problem["message"]


def test_quoted_text_is_read_everywhere_without_a_warning(tmp_path: Path) -> None:
    path = _checklist(tmp_path, '"What is ethical?"')
    for pure in (False, True):
        code, report = _validate(path, pure=pure)
        assert (code, report["problems"]) == (0, []), pure


def test_a_question_mark_outside_brackets_is_left_alone(tmp_path: Path) -> None:
    code, report = _validate(GOOD, pure=False)  # its questions end in `?`, in block style
    assert "?" in GOOD.read_text(encoding="utf-8")
    assert (code, report["problems"]) == (0, [])
