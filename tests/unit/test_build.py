"""build_checklist: a schema-valid dict becomes the model, with the documented defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vetting.checklist.build import build_checklist
from vetting.checklist.loader import load_yaml_file
from vetting.checklist.model import ChecklistKind, ItemKind, Severity

CASES = Path(__file__).resolve().parents[1] / "cases"


def _minimal(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": 1,
        "id": "tiny",
        "kind": "fit",
        "title": "Tiny",
        "version": "1.0.0",
        "summary": "s",
        "audience": "a",
        "language": "en",
        "authors": [{"name": "A"}],
        "last_reviewed": "2026-01-01",
        "disclaimer": "d",
        "sources": [{"title": "t"}],
        "safety": {"message": "m", "resources": [{"name": "n", "contact": "c"}]},
        "sections": [{"id": "s1", "title": "S", "items": []}],
        "bands": [{"id": "all", "min": 0, "max": 100, "label": "l", "meaning": "m"}],
    }
    data.update(extra)
    return data


def _with_items(*items: dict[str, Any]) -> dict[str, Any]:
    return _minimal(sections=[{"id": "s1", "title": "S", "items": list(items)}])


def test_yes_no_gets_both_default_options() -> None:
    checklist = build_checklist(_with_items({"id": "q", "kind": "yes_no", "text": "?"}))
    (item,) = checklist.items
    assert [(o.value, o.label, o.points, o.flag) for o in item.options] == [
        ("yes", "Yes", 0, False),
        ("no", "No", 0, False),
    ]


def test_yes_no_described_option_fills_in_and_keeps_order() -> None:
    item = {
        "id": "q",
        "kind": "yes_no",
        "text": "?",
        "severity": "critical",
        "options": [
            {"value": "no", "label": "Never"},
            {"value": "yes", "points": 10, "flag": True},
        ],
    }
    (built,) = build_checklist(_with_items(item)).items
    assert [o.value for o in built.options] == ["yes", "no"]
    yes, no = built.options
    assert (yes.label, yes.points, yes.flag) == ("Yes", 10, True)
    assert (no.label, no.points) == ("Never", 0)
    assert built.severity is Severity.CRITICAL


def test_item_and_option_defaults() -> None:
    item = {
        "id": "q",
        "kind": "single",
        "text": "?",
        "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B", "points": 2}],
    }
    (built,) = build_checklist(_with_items(item)).items
    assert built.weight == 1
    assert built.kind is ItemKind.SINGLE
    assert [o.points for o in built.options] == [0, 2]
    assert not built.allow_unsure and not built.required and built.show_if is None


def test_scale_labels_keys_become_numbers_and_flags_carry_over() -> None:
    scale = {
        "min": 1,
        "max": 5,
        "min_label": "low",
        "max_label": "high",
        "labels": {"3": "mid", "2": "bit"},
        "flag_at_or_below": 2,
    }
    (built,) = build_checklist(
        _with_items({"id": "q", "kind": "scale", "text": "?", "scale": scale})
    ).items
    assert built.scale is not None
    assert built.scale.labels == ((2, "bit"), (3, "mid"))
    assert built.scale.label_for(3) == "mid"
    assert built.scale.flag_at_or_below == 2 and built.scale.flag_at_or_above is None


def test_conditions_outcomes_and_tests() -> None:
    items = (
        {"id": "a", "kind": "yes_no", "text": "?"},
        {
            "id": "b",
            "kind": "multiple",
            "text": "?",
            "show_if": {"any": [{"item": "a", "equals": "yes"}]},
            "options": [{"value": "x", "label": "X", "outcomes": {"lpc": 2}}],
        },
    )
    data = _with_items(*items)
    data["kind"] = "choice"
    data["outcomes"] = [{"id": "lpc", "title": "LPC", "summary": "s"}]
    data["tests"] = [
        {
            "name": "t",
            "answers": {"a": "yes", "b": ["x"]},
            "expect": {"top_outcome": "lpc", "flags": [], "section_bands": {"s1": "all"}},
        }
    ]
    checklist = build_checklist(data, content_hash="sha256:abc")
    assert checklist.kind is ChecklistKind.CHOICE
    assert checklist.content_hash == "sha256:abc"
    b = checklist.item("b")
    assert b is not None and b.show_if is not None
    assert b.show_if.any[0].item == "a" and b.show_if.all == ()
    assert b.options[0].outcomes == (("lpc", 2),)
    (test,) = checklist.tests
    assert test.answers_dict() == {"a": "yes", "b": ["x"]}
    assert test.expect.flags == ()
    assert test.expect.section_bands == (("s1", "all"),)
    assert test.expect.band is None


def test_flag_band_has_severity() -> None:
    bands = [
        {"id": "urgent", "when_flag": "critical", "label": "l", "meaning": "m"},
        {"id": "all", "min": 0, "max": 100, "label": "l", "meaning": "m"},
    ]
    checklist = build_checklist(_minimal(bands=bands))
    assert checklist.bands[0].when_flag is Severity.CRITICAL
    assert checklist.bands[0].min is None
    assert (checklist.bands[1].min, checklist.bands[1].max) == (0, 100)


@pytest.mark.parametrize("name", ["red_flags_small.yaml", "choice_small.yaml"])
def test_good_cases_build(name: str) -> None:
    doc = load_yaml_file(CASES / "good" / name)
    checklist = build_checklist(doc.data, content_hash=doc.content_hash)
    assert checklist.id == doc.data["id"]
    assert len(checklist.items) == sum(len(s["items"]) for s in doc.data["sections"])
    assert checklist.content_hash.startswith("sha256:")


def test_section_of_finds_each_items_section_also_in_a_copy_and_after_pickling() -> None:
    """``section_of`` is a lookup built with the checklist: it must follow every copy."""
    import dataclasses
    import pickle

    from vetting.checklist import resources

    for path in resources.builtin_checklist_paths():
        checklist = build_checklist(load_yaml_file(path).data)
        for section in checklist.sections:
            for item in section.items:
                assert checklist.section_of(item.id) is section
        assert checklist.section_of("no_such_item") is None
        first, *rest = checklist.sections
        shorter = dataclasses.replace(checklist, sections=tuple(rest))
        assert shorter.section_of(first.items[0].id) is None
        assert checklist.section_of(first.items[0].id) is first
        again = pickle.loads(pickle.dumps(checklist))
        assert again.section_of(first.items[0].id) == first
