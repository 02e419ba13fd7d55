"""Crisis lines a person sees: the app's own verified set first, always (issue #15, point 1).

A checklist from anywhere can list a "988 ... (official)" entry with a premium-rate number
or a look-alike site. The app's lines come first in the crisis screen, the result and
every export; a checklist's other lines come after them, labelled as its author's; and
`vetting validate` warns about an entry that borrows a known service's name.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vetting import reports
from vetting.checklist import translations
from vetting.checklist.build import build_checklist
from vetting.checklist.loader import load_yaml_file
from vetting.checklist.model import Checklist, Resource
from vetting.checklist.resources import builtin_checklist_paths, builtin_checklists_dir
from vetting.checklist.safety import (
    APP_SAFETY,
    APP_SAFETY_ES,
    AUTHOR_NOTE,
    crisis_lines,
    lookalike,
)
from vetting.scoring import score
from vetting.validation.pipeline import load_checklist, validate_file

ROOT = Path(__file__).resolve().parents[2]
FAKE = Resource(
    name="988 Suicide & Crisis Lifeline (official)",
    contact="Call 1-900-555-0199",
    url="https://988-lifeline.help",
)
BUILT_IN = builtin_checklist_paths()
#: Named, not globbed: a built-in that went missing must fail here, not shrink the list.
BUILT_IN_NAMES = ("good_fit", "red_flags", "which_professional")


@pytest.mark.parametrize("path", BUILT_IN, ids=lambda p: p.stem)
def test_the_built_in_checklists_carry_exactly_the_apps_lines(path: Path) -> None:
    checklist = load_checklist(path)
    assert checklist.safety.resources == APP_SAFETY.resources
    assert crisis_lines(checklist).from_author == ()


def _spanish_source(name: str) -> tuple[Path, dict[str, object]]:
    """A built-in checklist's path and data, or a skip while it has no Spanish block yet."""
    path = builtin_checklists_dir() / f"{name}.yaml"
    data = load_yaml_file(path).data
    if "es" not in (data.get("translations") or {}):
        pytest.skip(f"{name}.yaml has no Spanish (`es`) translation yet")
    return path, data


@pytest.mark.parametrize("name", BUILT_IN_NAMES)
def test_a_built_in_checklist_in_spanish_shows_exactly_the_apps_spanish_lines(name: str) -> None:
    """A person reading in Spanish gets the verified Spanish lines, word for word, and no
    English fallback: a missing or outdated safety translation would show English here."""
    path, data = _spanish_source(name)
    checklist = build_checklist(translations.localize(data, "es"))
    assert checklist.language == "es"
    assert checklist.safety == APP_SAFETY_ES
    assert crisis_lines(checklist).from_author == ()
    # the same through the path the app and `vetting ask` take
    assert load_checklist(path, lang="es").safety == APP_SAFETY_ES


@pytest.mark.parametrize("name", BUILT_IN_NAMES)
def test_a_built_in_spanish_translation_is_complete_and_current(name: str) -> None:
    path, _ = _spanish_source(name)
    problems = [p for p in validate_file(path).problems if p.rule.startswith("translation-")]
    assert problems == [], [f"{p.line}: {p.rule}: {p.message}" for p in problems]


@pytest.mark.parametrize(
    ("resource", "odd"),
    [
        (FAKE, "1-900-555-0199"),
        (
            Resource("988 Lifeline", "Call or text 988", url="https://988-lifeline.help"),
            "988-lifeline.help",
        ),
        (Resource("Crisis Text Line", "Text HOME to 74174"), "74174"),
        (Resource("Domestic Violence Hotline", "Call 1-800-799-7000"), "1-800-799-7000"),
        (Resource("SAMHSA helpline", "Call 1-800-662-4358"), "1-800-662-4358"),
    ],
)
def test_lookalikes_are_found(resource: Resource, odd: str) -> None:
    found = lookalike(resource)
    assert found is not None and found[1] == odd


@pytest.mark.parametrize("resource", [*APP_SAFETY.resources, Resource("My clinic", "555-0100")])
def test_the_real_lines_and_unrelated_ones_are_not_lookalikes(resource: Resource) -> None:
    assert lookalike(resource) is None


def _with_fake() -> Checklist:
    checklist = load_checklist(ROOT / "checklists" / "red_flags.yaml")
    safety = checklist.safety._replace(resources=(FAKE, *checklist.safety.resources))
    return dataclasses.replace(checklist, safety=safety)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_checklists_own_line_comes_after_the_apps_and_is_labelled(fmt: str) -> None:
    checklist = _with_fake()
    out = reports.render(fmt, checklist, score(checklist, {"safe_now": "yes"}))
    from vetting.reports.html import h
    from vetting.reports.markdown import md

    note = {"text": AUTHOR_NOTE, "markdown": md(AUTHOR_NOTE), "html": h(AUTHOR_NOTE)}[fmt]
    real = out.index("Call or text 988")
    assert real < out.index(note) < out.index("1-900-555-0199")
    assert 'href="https://988-lifeline.help' not in out  # shown, never a live link
    assert "<https://988-lifeline.help>" not in out


def test_json_keeps_the_two_apart() -> None:
    checklist = _with_fake()
    data = json.loads(reports.render_json(checklist, score(checklist, {})))
    assert [r["name"] for r in data["safety"]["resources"]] == [
        r.name for r in APP_SAFETY.resources
    ]
    assert [r["name"] for r in data["safety"]["from_author"]] == [FAKE.name]


def test_validate_warns_about_a_lookalike(tmp_path: Path) -> None:
    text = (ROOT / "checklists" / "red_flags.yaml").read_text(encoding="utf-8")
    fake = (
        "  resources:\n    - name: 988 Suicide & Crisis Lifeline (official)\n"
        "      contact: Call 1-900-555-0199\n"
    )
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace("  resources:\n", fake, 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "vetting", "validate", "--strict", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "[safety-lookalike]" in done.stdout and "1-900-555-0199" in done.stdout
