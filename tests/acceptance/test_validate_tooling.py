"""``vetting validate`` as CI users of ruff, yamllint and check-jsonschema expect it (issue 12).

The real CLI as a subprocess: the source line and caret, YAML mistakes explained (curly quotes,
a missing ``- ``, an unquoted colon), the standard input, ``--exclude``, config files,
per-line disables, ``--jobs``, skipping files that are not checklists, the GitHub step
summary, and the JSON output against its published schema.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vetting.problems import Problem
from vetting.validation.source import excerpt

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
SMALL = (CASES / "good" / "choice_small.yaml").read_text(encoding="utf-8")
WARNING_FILE = CASES / "bad" / "severity_without_flag.yaml"


def vetting(*args: str, cwd: Path = ROOT, stdin: str | None = None, **env: str):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VETTING_"))}
    base.update(NO_COLOR="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        cwd=cwd,
        env=base,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return [p for f in json.loads(result.stdout)["files"] for p in f["problems"]]


# --------------------------------------------------------------------------- the caret (defect 6)


def test_text_output_shows_the_line_with_a_caret_under_the_value() -> None:
    result = vetting("validate", "tests/cases/bad/citation_unknown_section.yaml")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("tests/cases/bad/citation_unknown_section.yaml:41:52: error:")
    assert lines[1] == '  41 |           - { code: ACA, edition: "2014", section: Z.9 }'
    assert lines[2] == "     |" + " " * 52 + "^^^"
    assert lines[3] == "  at sections[1].items[0].references[0].section"


def test_failing_golden_test_shows_its_line_score_and_band() -> None:
    result = vetting("validate", "tests/cases/bad/golden_test_failed.yaml")
    lines = result.stdout.splitlines()
    assert "expected band `some`, got `low` [golden-test-failed]" in lines[0]
    assert lines[1].startswith("  79 |     expect: { band: some,")
    assert lines[2] == "     |" + " " * 21 + "^^^^"
    assert "  hint: these answers gave score 0%, band `low`, 100% known" in lines


def _problem(line: int, column: int, end: int) -> Problem:
    return Problem("f", line, column, "band-gap", "m", end_line=line, end_column=end)


@pytest.mark.parametrize(
    ("text", "column", "end", "carets"),
    [
        ("title: 危险 signs", 8, 10, "       ^^^^"),  # wide characters take two cells
        ("\tkey: x", 1, 2, "^"),  # a tab shows as one space, under one caret
        ("a: café", 4, 8, "   ^^^^"),
    ],
)
def test_caret_lines_up_with_what_the_terminal_shows(
    text: str, column: int, end: int, carets: str
) -> None:
    shown = excerpt(_problem(3, column, end), {3: text})
    assert shown is not None
    assert shown.carets == carets
    assert "\t" not in shown.line


def test_control_characters_in_the_shown_line_are_made_harmless() -> None:
    shown = excerpt(_problem(1, 1, 2), {1: "x: \x1b]0;owned\x07"})
    assert shown is not None and "\x1b" not in shown.line and "\x07" not in shown.line


def test_a_long_line_is_cut_around_the_problem() -> None:
    text = "text: " + "word " * 60 + "BAD" + " tail" * 30
    column = text.index("BAD") + 1
    shown = excerpt(_problem(1, column, column + 3), {1: text})
    assert shown is not None and len(shown.line) <= 125
    assert shown.line[len(shown.carets) - 3 :].startswith("BAD")


# --------------------------------------------------------------------------- YAML wording


def test_curly_quotes_are_named_with_the_straight_quote_fix(tmp_path: Path) -> None:
    text = SMALL.replace('version: "1.0.0"', "version: “1.0.0”").replace(
        '- { value: "no" }', "- { value: “no” }", 1
    )
    path = write(tmp_path, "curly.yaml", text)
    result = vetting("validate", "--format", "json", str(path))
    assert result.returncode == 1
    found = [(p["line"], p["rule"]) for p in problems(result)]
    # One problem per curly-quoted value, nothing else about the same values:
    assert found == [(6, "yaml-curly-quotes"), (29, "yaml-curly-quotes")]
    version = problems(result)[0]
    assert "curly quotes" in version["message"]
    assert version["suggestion"].startswith('use straight quotes: "1.0.0"')


def test_curly_quotes_inside_straight_quotes_are_kept_as_text(tmp_path: Path) -> None:
    text = SMALL.replace(
        "text: Are you in danger right now?", "text: '“Are you in danger right now?”'"
    )
    result = vetting("validate", "--strict", str(write(tmp_path, "kept.yaml", text)))
    assert result.returncode == 0, result.stdout


def test_a_missing_dash_is_not_told_to_delete_an_item(tmp_path: Path) -> None:
    text = SMALL.replace("      - id: medication", "        id: medication")
    result = vetting("validate", str(write(tmp_path, "dash.yaml", text)))
    lines = result.stdout.splitlines()
    assert "The key `id` appears twice in the same list entry (first on line 24)" in lines[0]
    assert "keep only one" not in result.stdout
    assert lines[-2] == (
        "  hint: start the new entry with `- `: write line 30 as `      - id: medication`"
    )


def test_a_real_duplicate_says_where_the_first_one_is(tmp_path: Path) -> None:
    text = SMALL.replace(
        "        kind: single\n", "        kind: single\n        text: Again?\n", 1
    )
    result = vetting("validate", str(write(tmp_path, "dup.yaml", text)))
    assert "The key `text` appears twice in the same place (first on line 38)" in result.stdout
    assert "hint: keep only one of the two `text` keys" in result.stdout


def test_an_unquoted_colon_in_text_suggests_quoting(tmp_path: Path) -> None:
    text = SMALL.replace(
        "text: Do you think you may need medication?",
        "text: Note: do you think you may need medication?",
    )
    result = vetting("validate", str(write(tmp_path, "colon.yaml", text)))
    assert "reads as the start of another key" in result.stdout
    assert (
        'hint: put the whole text in quotes: `text: "Note: do you think you may need '
        'medication?"`' in result.stdout
    )


# --------------------------------------------------------------------------- stdin, excludes


def test_dash_reads_the_standard_input() -> None:
    good = vetting("validate", "-", stdin=SMALL)
    assert (good.returncode, good.stdout) == (0, "1 file checked: 1 valid\n")
    bad = vetting("validate", "--stdin-name", "mine.yaml", "-", stdin="format: 1\nid: [x\n")
    assert bad.returncode == 1
    assert bad.stdout.startswith("mine.yaml:3:1: error: This is not valid YAML")


def test_exclude_leaves_out_folders_and_named_files(tmp_path: Path) -> None:
    write(tmp_path, "checklists/good.yaml", SMALL)
    write(tmp_path, "checklists/drafts/broken.yaml", "format: [\n")
    write(tmp_path, "old/broken.yaml", "format: [\n")
    everything = vetting("validate", "checklists", "old", cwd=tmp_path)
    assert everything.returncode == 1
    result = vetting(
        "validate", "--exclude", "drafts/", "--exclude", "old/*.yaml", "checklists", "old",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert result.stdout == "1 file checked: 1 valid; 2 excluded\n"
    named = vetting("validate", "--exclude", "drafts", "checklists/drafts/broken.yaml",
                    cwd=tmp_path)  # fmt: skip
    assert named.returncode == 0
    assert "no checklist files to check among the files given" in named.stderr


# --------------------------------------------------------------------------- config files


def test_vetting_toml_sets_exclude_and_strict(tmp_path: Path) -> None:
    shutil.copy(WARNING_FILE, tmp_path / "warn.yaml")
    write(tmp_path, "drafts/broken.yaml", "format: [\n")
    assert vetting("validate", ".", cwd=tmp_path).returncode == 1  # the broken draft
    write(tmp_path, ".vetting.toml", 'exclude = ["drafts/"]\nstrict = true\n')
    strict = vetting("validate", ".", cwd=tmp_path)
    assert strict.returncode == 1 and "[severity-without-flag]" in strict.stdout
    assert "broken" not in strict.stdout
    ignored = vetting("validate", "--no-config", "warn.yaml", cwd=tmp_path)
    assert ignored.returncode == 0


def test_pyproject_table_is_found_from_a_subfolder_and_turns_warnings_off(
    tmp_path: Path,
) -> None:
    shutil.copy(WARNING_FILE, tmp_path / "warn.yaml")
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.vetting]\nstrict = true\n'
        'disable = ["severity-without-flag"]\n',
    )
    (tmp_path / "sub").mkdir()
    result = vetting("validate", "../warn.yaml", cwd=tmp_path / "sub")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "1 file checked: 1 valid\n"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.vetting]\nstrict = true\nexclud = ["a"]\n',
            "pyproject.toml:6: unknown setting `exclud`; did you mean `exclude`?",
        ),
        (
            ".vetting.toml",
            'disable = ["band-gap"]\n',
            ".vetting.toml:1: `band-gap` is an error, and errors cannot be turned off for a "
            "whole project; write `# vetting: disable=band-gap` on the line it is about",
        ),
        (
            ".vetting.toml",
            'strict = true\ndisable = ["band-unreachabel"]\n',
            ".vetting.toml:2: `disable` names `band-unreachabel`, which is not a rule; did you "
            "mean `band-unreachable`?",
        ),
        (".vetting.toml", "jobs = 0\n", ".vetting.toml:1: `jobs` must be a whole number"),
        (".vetting.toml", "strict = yes\n", "this is not valid TOML (Invalid value (at line 1"),
    ],
)
def test_config_mistakes_are_usage_errors_with_file_and_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    write(tmp_path, name, text)
    write(tmp_path, "good.yaml", SMALL)
    result = vetting("validate", "good.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- disable comments


def _gap_file(tmp_path: Path, comment: str, name: str = "gap.yaml") -> Path:
    text = (CASES / "bad" / "band_gap.yaml").read_text(encoding="utf-8")
    line = "  - { id: high, min: 60, max: 100"
    assert line in text
    marked = "\n".join(row + comment if row.startswith(line) else row for row in text.split("\n"))
    return write(tmp_path, name, marked)


def test_a_disable_comment_turns_a_rule_off_on_its_line(tmp_path: Path) -> None:
    assert vetting("validate", str(_gap_file(tmp_path, ""))).returncode == 1
    path = _gap_file(tmp_path, "  # vetting: disable=band-gap")
    result = vetting("validate", "--strict", str(path))
    assert result.returncode == 0, result.stdout


def test_a_comment_alone_on_its_line_covers_the_next_line(tmp_path: Path) -> None:
    text = (CASES / "bad" / "band_gap.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - { id: high, min: 60", "  # vetting: disable=band-gap\n  - { id: high, min: 60"
    )
    assert vetting("validate", str(write(tmp_path, "g.yaml", text))).returncode == 0


def test_unused_and_invalid_disables_are_warned_about(tmp_path: Path) -> None:
    text = SMALL.replace('version: "1.0.0"', 'version: "1.0.0"  # vetting: disable=band-gap')
    text = text.replace(
        "language: en", "language: en  # vetting: disable=band-gapp, control-character"
    )
    result = vetting("validate", "--format", "json", str(write(tmp_path, "d.yaml", text)))
    assert result.returncode == 0  # warnings only
    found = [(p["line"], p["rule"], p["message"]) for p in problems(result)]
    assert found == [
        (6, "disable-unused", "`band-gap` is turned off for this line, but it reports "
         "nothing there"),
        (9, "disable-invalid", "there is no rule called `band-gapp`, so this comment turns "
         "nothing off"),
        (9, "disable-invalid", "`control-character` cannot be turned off: without it the file "
         "cannot be read safely"),
    ]  # fmt: skip
    assert vetting("validate", "--strict", str(tmp_path / "d.yaml")).returncode == 1


def test_a_disable_inside_quoted_text_is_text(tmp_path: Path) -> None:
    text = SMALL.replace(
        "summary: A few questions that point to the kind of professional that fits what you need.",
        'summary: "Write # vetting: disable=x to turn a rule off"',
    )
    assert "disable=x" in text
    result = vetting("validate", "--strict", str(write(tmp_path, "q.yaml", text)))
    assert result.returncode == 0, result.stdout


def test_control_characters_cannot_be_disabled(tmp_path: Path) -> None:
    text = SMALL.replace(
        "title: Which kind of professional fits you?",
        'title: "Which \\e[2J kind"  # vetting: disable=control-character',
    )
    result = vetting("validate", "--format", "json", str(write(tmp_path, "c.yaml", text)))
    assert result.returncode == 1
    assert {p["rule"] for p in problems(result)} == {"control-character", "disable-invalid"}


# --------------------------------------------------------------------------- jobs, skipping


def test_jobs_gives_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    for n in range(60):
        source = CASES / "bad" / "band_gap.yaml" if n % 7 == 0 else CASES / "good" / "bom.yaml"
        shutil.copy(source, tmp_path / f"f{n:02d}.yaml")
    one = vetting("validate", "--jobs", "1", str(tmp_path))
    two = vetting("validate", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert "60 files checked: 51 valid, 9 with problems" in one.stdout
    bad = vetting("validate", "--jobs", "0", str(tmp_path))
    assert bad.returncode == 2 and "must be a whole number of at least 1" in bad.stderr


def test_skip_non_checklists_notes_what_it_skips(tmp_path: Path) -> None:
    write(tmp_path, ".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks: []\n")
    write(tmp_path, "list.yaml", "- a\n- b\n")
    write(tmp_path, "k8s.yaml", "kind: Deployment\nmetadata: {name: x}\n")
    write(tmp_path, "good.yaml", SMALL)
    write(tmp_path, "broken.yaml", "format: 1\nsections: [\n")
    names = [".pre-commit-config.yaml", "list.yaml", "k8s.yaml", "good.yaml", "broken.yaml"]
    checked = vetting("validate", *names, cwd=tmp_path)
    assert checked.stdout.count("[yaml-not-mapping]") == 1  # without the flag, all are checked
    result = vetting("validate", "--skip-non-checklists", *names, cwd=tmp_path)
    assert result.returncode == 1  # the broken checklist is still reported
    assert result.stderr.splitlines() == [
        "vetting validate: skipped .pre-commit-config.yaml: not a checklist (it has no "
        "`format:` or `sections:` key)",
        "vetting validate: skipped list.yaml: not a checklist (it is not a mapping)",
        "vetting validate: skipped k8s.yaml: not a checklist (it has no `format:` or "
        "`sections:` key)",
    ]
    assert "2 files checked: 1 valid, 1 with problems (1 error); 3 skipped" in result.stdout


# --------------------------------------------------------------------------- GitHub, JSON


def test_github_annotations_have_span_and_title_in_words(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = vetting(
        "validate",
        "tests/cases/bad/citation_unknown_section.yaml",
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
    )
    assert result.stdout.splitlines()[0].startswith(
        "::error file=tests/cases/bad/citation_unknown_section.yaml,line=41,col=52,"
        "endLine=41,endColumn=55,title=A citation names a section the code does not have "
        "(citation-unknown-section)::"
    )
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### vetting validate: ❌ problems found\n")
    assert (
        "| `tests/cases/bad/citation_unknown_section.yaml:41:52` | error | "
        "`citation-unknown-section` | the ACA citation on item `sexual_contact` names section "
        "`Z.9`, which is not in the ACA code |"
    ) in text


def test_no_step_summary_without_the_variable(tmp_path: Path) -> None:
    result = vetting("validate", "tests/cases/good", cwd=ROOT)
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["tests/cases/bad"], ["tests/cases/good"], ["tests/cases/nope.yaml", "-"]],
)
def test_json_output_matches_its_published_schema(args: list[str]) -> None:
    from jsonschema import Draft7Validator

    schema = json.loads((ROOT / "schemas" / "validate-output.schema.json").read_text())
    Draft7Validator.check_schema(schema)
    result = vetting("validate", "--format", "json", *args, stdin="format: [\n")
    document = json.loads(result.stdout)
    errors = sorted(Draft7Validator(schema).iter_errors(document), key=str)
    assert not errors, errors[0]
    assert document["version"] == 1
    for problem in (p for f in document["files"] for p in f["problems"]):
        if problem["line"] is not None:
            assert (problem["end_line"], problem["end_column"]) > (
                problem["line"],
                problem["column"],
            ), problem


def test_the_output_schema_is_served_by_vetting_schema() -> None:
    result = vetting("schema", "output")
    assert result.returncode == 0
    assert Path(result.stdout.strip()).name == "validate-output.schema.json"


def test_start_up_stays_light() -> None:
    """A valid file with no config: none of the heavy or rarely needed modules are imported."""
    code = (
        "import runpy, sys\n"
        "sys.argv = ['vetting', 'validate', 'tests/cases/good/choice_small.yaml']\n"
        "try:\n"
        "    runpy.run_module('vetting', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['jsonschema', 'difflib', 'tomllib', 'textual', 'vetting.validation.catalog',\n"
        "         'vetting.validation.output.sarif']\n"
        "print('LOADED:', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "LOADED: []" in result.stderr, result.stderr
