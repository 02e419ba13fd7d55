"""Acceptance tests: the real ``vetting validate`` over good and bad example folders.

Golden output files live in ``tests/cases/golden/``. After an intended change to messages,
regenerate them with ``VETTING_UPDATE_GOLDEN=1 pytest tests/acceptance/test_validate_cli.py`` and
review the diff like any other change.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vetting.gcpause import gc_paused
from vetting.problems import Level, Problem
from vetting.validation import output, pipeline as validate_module
from vetting.validation.many_files import validate_paths
from vetting.validation.output import github as github_output
from vetting.validation.pipeline import (
    ChecklistInvalid,
    FileReport,
    load_checklist,
    validate_file,
    validate_text,
)

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
GOOD = "tests/cases/good"
BAD = "tests/cases/bad"
GOLDEN = CASES / "golden"
UPDATE = os.environ.get("VETTING_UPDATE_GOLDEN") == "1"

# Each bad file holds one mistake; this is the rule that must report it.
EXPECTED_RULE = {
    "alias_bomb": "yaml-anchor",
    "band_gap": "band-gap",
    "band_overlap": "band-overlap",
    "band_unreachable": "band-unreachable",
    "bidi_comment": "bidi-control",
    "citation_unknown_section": "citation-unknown-section",
    "condition_later_item": "condition-later-item",
    "condition_note_item": "condition-note-item",
    "condition_unknown_item": "condition-unknown-item",
    "condition_unknown_option": "condition-unknown-option",
    "control_escape": "control-character",
    "critical_without_band": "critical-without-band",
    "duplicate_item_id": "duplicate-id",
    "duplicate_key": "yaml-duplicate-key",
    "duplicate_option_value": "duplicate-id",
    "empty": "file-empty",
    "flag_without_severity": "flag-without-severity",
    "golden_test_failed": "golden-test-failed",
    "golden_test_unknown": "golden-test-unknown",
    "missing_key": "schema-missing-key",
    "no_crisis_option": "no-crisis-option",
    "outcome_unknown": "outcome-unknown",
    "outcome_unreachable": "outcome-unreachable",
    "python_tag": "yaml-tag",
    "red_flags_score_band": "red-flags-score-band",
    "reserved_option_value": "schema-enum",
    "rule_contradiction": "rule-contradiction",
    "rule_contradiction_golden": "rule-contradiction",
    "rule_exclusive_unproven": "rule-exclusive-unproven",
    "rule_fires_unproven": "rule-fires-unproven",
    "rule_flag_never_fires": "rule-never-fires",
    "rule_never_fires": "rule-never-fires",
    "severity_without_flag": "severity-without-flag",
    "tab_indentation": "yaml-tab",
    "top_level_list": "yaml-not-mapping",
    "unknown_key_titel": "schema-unknown-key",
    "unsure_without_band": "unsure-without-band",
    "utf16": "file-encoding",
    "version_number": "schema-type",
    "wrong_type": "schema-type",
}
WARNING_ONLY = {"band_unreachable", "no_crisis_option", "severity_without_flag"}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "VETTING_JOBS")}
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        cwd=ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run with VETTING_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the real CLI


def test_good_folder_is_valid() -> None:
    result = _cli("validate", GOOD)
    _no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""
    _golden("good.text", result.stdout)


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("text", "text"), ("json", "json"), ("github", "github")]
)
def test_bad_folder_matches_golden_output(fmt: str, suffix: str) -> None:
    result = _cli("validate", "--format", fmt, BAD)
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stderr == ""
    _golden(f"bad.{suffix}", result.stdout)


def test_auto_format_is_github_under_github_actions() -> None:
    result = _cli("validate", BAD + "/band_gap.yaml", GITHUB_ACTIONS="true")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=tests/cases/bad/band_gap.yaml,line=")
    assert ",title=Score bands leave part of 0-100 uncovered (band-gap)::" in first


def test_every_problem_has_file_line_and_column() -> None:
    result = _cli("validate", "--format", "json", BAD)
    document = json.loads(result.stdout)
    assert document["version"] == 1
    problems = [p for f in document["files"] for p in f["problems"]]
    assert len(problems) >= len(EXPECTED_RULE)
    for problem in problems:
        assert problem["file"].startswith("tests/cases/bad/")
        assert isinstance(problem["line"], int) and problem["line"] >= 1, problem
        assert isinstance(problem["column"], int) and problem["column"] >= 1, problem
        assert problem["level"] in ("error", "warning")
    assert document["summary"]["files"] == len(EXPECTED_RULE)


def test_strict_fails_on_warnings_only() -> None:
    path = BAD + "/severity_without_flag.yaml"
    assert _cli("validate", path).returncode == 0
    strict = _cli("validate", "--strict", path)
    assert strict.returncode == 1
    assert "warning: item `fees_clear` has severity" in strict.stdout


def test_quiet_prints_only_failing_problems() -> None:
    warn_only = _cli("validate", "--quiet", BAD + "/severity_without_flag.yaml")
    assert (warn_only.returncode, warn_only.stdout) == (0, "")
    failing = _cli("validate", "-q", BAD + "/band_gap.yaml")
    assert failing.returncode == 1
    assert failing.stdout.startswith("tests/cases/bad/band_gap.yaml:")
    assert "checked" not in failing.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml", GOOD],
        ["validate", "--no-such-option"],
        ["schema", "forms"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = _cli(*args)
    _no_traceback(result)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage" in result.stderr.lower()


def test_missing_path_is_a_problem_not_a_crash() -> None:
    result = _cli("validate", "tests/cases/nope.yaml", GOOD)
    _no_traceback(result)
    assert result.returncode == 1
    assert "tests/cases/nope.yaml: error: there is no file or folder called" in result.stdout
    assert "[file-not-found]" in result.stdout
    assert "7 files checked: 6 valid, 1 with problems (1 error)" in result.stdout


@pytest.mark.parametrize(
    "args", [["validate", GOOD], ["--help"], ["validate", "--help"], ["schema"]]
)
def test_textual_is_not_imported(args: list[str]) -> None:
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['vetting', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('vetting', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('TEXTUAL:', bad, file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    _no_traceback(run)
    assert "TEXTUAL: []" in run.stderr, run.stderr


def test_schema_command_prints_and_writes(tmp_path: Path) -> None:
    printed = _cli("schema")
    assert printed.returncode == 0
    path = Path(printed.stdout.strip())
    assert path.name == "checklist.schema.json" and path.is_file()
    written = _cli("schema", "answers", "--write", str(tmp_path / "out"))
    assert written.returncode == 0, written.stderr
    target = Path(written.stdout.strip())
    assert target == tmp_path / "out" / "answers.schema.json"
    assert target.read_bytes() == (path.parent / "answers.schema.json").read_bytes()


def test_schema_write_failure_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _cli("schema", "--write", str(blocker / "sub"))
    _no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith("vetting schema: could not write")


# --------------------------------------------------------------------------- in-process


@pytest.mark.parametrize("name", sorted(EXPECTED_RULE))
def test_each_bad_file_reports_its_rule(name: str) -> None:
    (report,) = validate_paths([CASES / "bad" / f"{name}.yaml"])
    rules = {problem.rule for problem in report.problems}
    assert EXPECTED_RULE[name] in rules, [(p.rule, p.message) for p in report.problems]
    assert report.ok == (name in WARNING_ONLY)
    assert report.checklist is None or report.ok


def test_bad_folder_has_exactly_the_listed_files() -> None:
    names = {p.stem for p in (CASES / "bad").glob("*.yaml")}
    assert names == set(EXPECTED_RULE)


def test_good_files_build_checklists() -> None:
    reports = validate_paths([CASES / "good"])
    assert [Path(r.file).name for r in reports] == [
        "bom.yaml",
        "choice_rules.yaml",
        "choice_small.yaml",
        "red_flags_flagbands.yaml",
        "red_flags_small.yaml",
        "yes_unquoted.yaml",
    ]
    for report in reports:
        assert report.problems == [] and report.checklist is not None
    yes_no = reports[-1].checklist
    assert yes_no is not None and yes_no.item("in_danger").options[0].value == "yes"  # type: ignore[union-attr]


def test_builtin_checklists_are_valid() -> None:
    from vetting.checklist.resources import builtin_checklist_paths

    if not builtin_checklist_paths():
        pytest.skip("no built-in checklists in this tree yet")
    reports = validate_paths(None)
    assert len(reports) == len(builtin_checklist_paths())
    assert all(r.ok for r in reports), [
        (r.file, p.rule, p.message) for r in reports for p in r.problems
    ]


def test_folders_are_recursive_sorted_and_skip_hidden(tmp_path: Path) -> None:
    good = (CASES / "good" / "choice_small.yaml").read_bytes()
    for rel in ("b.yaml", "a/z.yml", "a/y.yaml", ".hidden/x.yaml", "a/.h.yaml", "notes.txt"):
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(good)
    files = [Path(r.file).relative_to(tmp_path).as_posix() for r in validate_paths([tmp_path])]
    assert files == ["a/y.yaml", "a/z.yml", "b.yaml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    (report,) = validate_paths([empty])
    assert [p.rule for p in report.problems] == ["no-checklist-files"]


def test_process_pool_keeps_order() -> None:
    paths = [CASES / "bad", CASES / "good"]
    serial = validate_paths(paths, jobs=1, keep_checklists=False)
    pooled = validate_paths(paths, jobs=2, keep_checklists=False)
    assert [(r.file, r.problems) for r in pooled] == [(r.file, r.problems) for r in serial]


def test_load_checklist_and_checklist_invalid() -> None:
    checklist = load_checklist(CASES / "good" / "red_flags_small.yaml")
    assert checklist.id == "red_flags_small"
    with pytest.raises(ChecklistInvalid) as caught:
        load_checklist(CASES / "bad" / "band_gap.yaml")
    assert caught.value.report.file.endswith("band_gap.yaml")
    assert "no band of the checklist covers 50–60" in str(caught.value)
    assert "[band-gap]" in str(caught.value)


def test_validate_text_and_file() -> None:
    text = (CASES / "good" / "choice_small.yaml").read_text(encoding="utf-8")
    assert validate_text(text, source="editor").ok
    broken = validate_text("a: [1", source="editor")
    assert [p.rule for p in broken.problems] == ["yaml-syntax"]
    assert broken.problems[0].file == "editor"
    report = validate_file(CASES / "bad" / "utf16.yaml")
    assert [(p.rule, p.line, p.column) for p in report.problems] == [("file-encoding", 1, 1)]


def test_gc_is_paused_per_file_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off while one file is checked; on again afterwards, after a load error and after an
    exception; and left off when it was off to begin with."""
    seen: list[bool] = []
    check = validate_module.validate_document

    def spy(*args: Any, **kwargs: Any) -> FileReport:
        seen.append(gc.isenabled())
        return check(*args, **kwargs)

    def crash(*args: Any, **kwargs: Any) -> FileReport:
        raise RuntimeError("a bug while checking")

    good = CASES / "good" / "choice_small.yaml"
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        monkeypatch.setattr(validate_module, "validate_document", spy)
        assert validate_file(good).ok
        assert seen == [False] and gc.isenabled()
        assert not validate_file(CASES / "bad" / "utf16.yaml").ok
        assert gc.isenabled()
        monkeypatch.setattr(validate_module, "validate_document", crash)
        with pytest.raises(RuntimeError):
            validate_file(good)
        assert gc.isenabled()
        monkeypatch.setattr(validate_module, "validate_document", spy)
        gc.disable()
        assert validate_file(good).ok
        assert seen == [False, False] and not gc.isenabled()
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError("inside")
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


# --------------------------------------------------------------------------- reporters


def _report_with(message: str, **kw: object) -> FileReport:
    problem = Problem(
        file="x.yaml",
        line=3,
        column=5,
        rule="band-gap",
        message=message,
        **kw,  # type: ignore[arg-type]
    )
    return FileReport(file="x.yaml", problems=[problem])


def test_github_escaping() -> None:
    assert github_output.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github_output.escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = output.render([_report_with("a, b: 100%", suggestion="fix\nit")], "github")
    assert line.splitlines()[0] == (
        "::error file=x.yaml,line=3,col=5,"
        "title=Score bands leave part of 0-100 uncovered (band-gap)::"
        "a, b: 100%25%0Ahint: fix%0Ait"
    )


def test_control_characters_never_reach_the_terminal() -> None:
    report = _report_with("bad \x1b]0;TITLE\x07 \u202e text", suggestion="\x1b[2J")
    for fmt in ("text", "github", "json", "sarif"):
        rendered = output.render([report], fmt)
        assert "\x1b" not in rendered and "\u202e" not in rendered and "\x07" not in rendered


def test_colour_keeps_the_words() -> None:
    report = _report_with("no band covers 40–50", level=Level.WARNING)
    coloured = output.render([report], "text", output.Options(color=True))
    assert "\x1b[" in coloured and "warning" in coloured and "[band-gap]" in coloured
    assert "\x1b[" not in output.render([report], "text", output.Options(color=False))


def test_use_color_rules() -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    assert output.use_color(Tty(), {}) is True  # type: ignore[arg-type]
    assert output.use_color(Tty(), {"NO_COLOR": "1"}) is False  # type: ignore[arg-type]
    assert output.use_color(sys.stdout, {}) is sys.stdout.isatty()
    assert output.resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert output.resolve_format("auto", {}) == "text"


def test_summary_wording() -> None:
    ok = FileReport(file="a.yaml")
    bad = _report_with("m")
    text = output.render([ok, bad, ok], "text")
    assert text.endswith("3 files checked: 2 valid, 1 with problems (1 error)\n")
    assert output.render([ok], "text") == "1 file checked: 1 valid\n"


def test_raw_control_byte_uses_the_same_rule_as_the_text_scan(tmp_path: Path) -> None:
    path = tmp_path / "raw.yaml"
    path.write_bytes(b"format: 1\nid: x\x01y\n")
    (problem,) = validate_file(path).problems
    assert (problem.rule, problem.line) == ("control-character", 2)
