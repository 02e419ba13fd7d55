"""`vetting score` reports, byte for byte: every format, in English and Spanish.

Each case is one of a built-in checklist's own golden tests, chosen so that together they
show every part of a result (crisis help, alerts, warning signs, "not sure", what may fit
and what is ruled out, sections, next steps, questions to ask, the answers, sources, the
safety block and the disclaimer). The real command runs in a subprocess and its output is
compared with ``tests/cases/golden/score/<case>.<lang>.<format>``, so any change a person
would see in an export shows up in a diff. When a change is intended, regenerate with
``VETTING_UPDATE_GOLDEN=1 pytest tests/acceptance/test_score_golden.py`` and read the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vetting.validation.pipeline import load_checklist

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "cases" / "golden" / "score"
UPDATE = os.environ.get("VETTING_UPDATE_GOLDEN") == "1"
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}

#: case name -> (built-in checklist, the start of the name of one of its golden tests).
CASES = {
    "choice_ruled_out": ("which_professional", "Afraid of a partner and asking for couples"),
    "choice_crisis": ("which_professional", "The crisis answer shows the safety block"),
    "fit_questions": ("good_fit", "Mostly ones suggests looking elsewhere"),
    "fit_unsure": ("good_fit", 'Not sure whether a line was crossed: never "a good'),
    "red_flags_all": ("red_flags", 'A critical flag outranks "not sure" on a critical'),
}


def _answers_file(tmp_path: Path, checklist: str, test_name: str) -> Path:
    loaded = load_checklist(str(ROOT / "checklists" / f"{checklist}.yaml"))
    matches = [t for t in loaded.tests if t.name.startswith(test_name)]
    assert len(matches) == 1, f"{checklist}: no single golden test named {test_name!r}…"
    path = tmp_path / "answers.json"
    header = {"id": loaded.id, "version": loaded.version}
    answers = matches[0].answers_dict()
    path.write_text(json.dumps({"format": 1, "checklist": header, "answers": answers}))
    return path


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_score_report_is_unchanged(case: str, fmt: str, lang: str, tmp_path: Path) -> None:
    checklist, test_name = CASES[case]
    answers = _answers_file(tmp_path, checklist, test_name)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LANG")}
    env.update({"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"})
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vetting",
            "score",
            "--format",
            fmt,
            "--lang",
            lang,
            str(ROOT / "checklists" / f"{checklist}.yaml"),
            str(answers),
        ],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    path = GOLDEN / f"{case}.{lang}.{EXTENSIONS[fmt]}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(done.stdout, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with VETTING_UPDATE_GOLDEN=1"
    assert done.stdout == path.read_text(encoding="utf-8")
