"""The rules registry: every rule id that can be reported has one entry, and the docs match it.

Rule ids are found by scanning the code: every string literal shaped like a rule id
(``word-word``) anywhere in ``vetting/`` outside the app's widgets must be a registered rule
or one of the few listed here as plainly something else. A new rule reported without an
entry therefore fails this test, whichever module reports it and however it is passed along.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from vetting.problems import Level
from vetting.validation.catalog import all_rules, families
from vetting.validation.load_rules import LOAD_RULES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "vetting"
RULE_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
#: Hyphenated strings in the code that are not rule ids, each for a plain reason.
NOT_RULES = {
    "red-flags",  # a checklist kind
    "utf-8",
    "utf-8-sig",  # encodings
    "rev-parse",  # a git subcommand
    "site-packages",
    "dist-packages",  # installation folders `vetting new` never points a modeline into
    "wrong-type",
    "unknown-option",
    "not-offered",
    "out-of-range",
    "option-text",  # kinds of answer misfit, each mapped to an answer-* rule in words.py
    "not-first",
    "by-section",
    "next-steps",
    "table-head",  # ids of a result's parts and HTML classes (vetting/reports)
}


def _id_shaped_literals() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if {"tui", "serve"} & set(path.relative_to(PACKAGE).parts):
            continue  # widget ids (`take-body`...), HTTP header values (`no-store`): the app
            # and its web server show problems, they find none
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and RULE_SHAPE.match(node.value)
            ):
                found.setdefault(node.value, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_rule_id_in_the_code_has_a_registry_entry() -> None:
    literals = _id_shaped_literals()
    missing = {rule: files for rule, files in literals.items() if rule not in all_rules()}
    missing = {rule: files for rule, files in missing.items() if rule not in NOT_RULES}
    assert not missing, f"rule ids without a registry entry (add them to RULES): {missing}"


def test_the_scan_finds_the_reported_rules() -> None:
    """A positive control: the scan sees rules reported in every kind of module."""
    literals = _id_shaped_literals()
    for rule in ("band-gap", "schema-unknown-key", "yaml-tab", "translation-missing"):
        assert rule in literals
    assert set(all_rules()) <= set(literals) | {"compare-unavailable"}


def test_every_entry_is_complete_and_declared_once() -> None:
    seen: dict[str, str] = {}
    for title, rules in families():
        assert rules, title
        for rule, info in rules.items():
            assert rule not in seen, f"{rule} is declared in {seen.get(rule)} and {title}"
            seen[rule] = title
            assert RULE_SHAPE.match(rule), rule
            assert isinstance(info.level, Level)
            assert info.meaning and not info.meaning[0].isupper(), rule
            assert info.bad.strip() and info.good.strip() and info.bad != info.good, rule
    assert len(seen) >= 60


def test_every_loader_error_code_has_a_rule() -> None:
    source = (PACKAGE / "checklist" / "loader.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'"(E_[A-Z_]+)"', source))
    assert codes, "the scan found no loader error code"
    assert codes <= set(LOAD_RULES), sorted(codes - set(LOAD_RULES))
    assert set(LOAD_RULES.values()) <= set(all_rules())


def test_safety_rules_cannot_be_turned_off() -> None:
    rules = all_rules()
    for rule in ("control-character", "bidi-control", "yaml-syntax", "schema-type"):
        assert rules[rule].can_disable is False, rule
    assert rules["band-unreachable"].can_disable is True


def _vetting(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_docs_rules_page_is_the_generated_one() -> None:
    generated = _vetting("rules", "--format", "markdown")
    assert generated.returncode == 0, generated.stderr
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == generated.stdout, (
        "docs/rules.md is out of date: run `vetting rules --format markdown > docs/rules.md`"
    )
    for rule in all_rules():
        assert f"### `{rule}`" in page


def test_rules_command_lists_and_explains() -> None:
    listed = _vetting("rules")
    assert listed.returncode == 0
    for rule, info in all_rules().items():
        assert f"{rule} ({info.level.value}): {info.meaning}" in listed.stdout
    one = _vetting("rules", "yaml-curly-quotes")
    assert one.stdout.startswith("Text hygiene\n")
    assert "problem: version: “0.1.0”" in one.stdout
    assert 'fixed: version: "0.1.0"' in one.stdout
    assert "band-gap" not in one.stdout
    document = json.loads(_vetting("rules", "--format", "json").stdout)
    assert {entry["rule"] for entry in document} == set(all_rules())


@pytest.mark.parametrize(("typed", "meant"), [("band-gapp", "band-gap"), ("yaml-tabs", "yaml-tab")])
def test_unknown_rule_gets_a_suggestion(typed: str, meant: str) -> None:
    result = _vetting("rules", typed)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"there is no rule called `{typed}`; did you mean `{meant}`?" in result.stderr
