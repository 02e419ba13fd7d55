"""The packages re-export their public names, and importing a package stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import vetting.checklist
import vetting.scoring
import vetting.sessions
import vetting.validation


@pytest.mark.parametrize(
    "package", [vetting.checklist, vetting.scoring, vetting.sessions, vetting.validation]
)
def test_every_listed_name_resolves_to_its_definition(package: object) -> None:
    for name in dir(package):
        value = getattr(package, name)
        assert getattr(value, "__name__", name) == name or not callable(value), name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        vetting.checklist.nothing_here  # noqa: B018


def test_importing_the_model_does_not_load_the_yaml_parser_or_the_validator() -> None:
    code = (
        "import sys, vetting.checklist.model, vetting.validation;"
        "print(sorted(m for m in ('yaml', 'jsonschema', 'vetting.validation.pipeline')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_what_the_take_screen_shows_does_not_load_the_engine_or_the_golden_tests() -> None:
    """The first question needs which items are shown, not how a result is computed."""
    code = (
        "import sys\n"
        "from vetting.scoring import item_wording, visible_item_ids\n"
        "print(sorted(m for m in ('vetting.scoring.engine', 'vetting.scoring.golden',"
        " 'vetting.scoring.outcomes') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
