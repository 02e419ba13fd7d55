"""The fast schema check must answer exactly what jsonschema answers.

:mod:`vetting.validation.schema` trusts :mod:`vetting.validation.fastschema` to accept a valid
document without
asking jsonschema, so one wrong "valid" would hide errors from people. These tests compare
both answers on every checklist in the repository, on thousands of generated breakages of
a valid checklist and answers file, and on each keyword's corner cases (``True`` is not
``1``, ``1.0`` is an integer, NaN and bounds).
"""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vetting.checklist.loader import load_yaml_text
from vetting.validation import fastschema, schema
from vetting.validation.fastschema import Unsupported, compile_check

ROOT = Path(__file__).resolve().parents[2]
YAML_FILES = sorted(
    {*ROOT.joinpath("tests").rglob("*.yaml"), *ROOT.joinpath("checklists").glob("*.yaml")}
    | {*ROOT.joinpath("vetting", "templates").glob("*.yaml")}
)


def _both(data: Any) -> tuple[bool, bool]:
    """(fast answer, jsonschema answer) for a checklist document."""
    check = schema.checklist_check()
    assert check is not None
    return check(data), schema.checklist_validator().is_valid(data)


def _loaded(path: Path) -> Any:
    try:
        return load_yaml_text(path.read_text(encoding="utf-8")).data
    except Exception:  # files the loader rejects never reach the schema
        return None


def test_the_bundled_schemas_are_fully_supported() -> None:
    """If a schema edit adds a keyword the fast check lacks, speed silently drops: fail."""
    assert schema.checklist_check() is not None
    assert schema.answers_check() is not None


LOADABLE = [path for path in YAML_FILES if _loaded(path) is not None]


@pytest.mark.parametrize("path", LOADABLE, ids=lambda p: str(p.relative_to(ROOT)))
def test_agrees_on_every_yaml_file_in_the_repository(path: Path) -> None:
    fast, slow = _both(_loaded(path))
    assert fast == slow


def test_the_repository_has_both_valid_and_invalid_checklists() -> None:
    """Proves the test above compares both answers, not only "valid"."""
    assert len(LOADABLE) > 20
    answers = {_both(_loaded(path))[1] for path in LOADABLE}
    assert answers == {True, False}


# ------------------------------------------------------------------ generated breakages

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 200)
    | st.floats(allow_nan=True, allow_infinity=False)
    | st.sampled_from(["", "yes", "no", "critical", "Q1", "q1", "a" * 301, "x\n", "1.0.0"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "kind", "text", "value", "zz"]), children, max_size=3
        )
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (the root excluded)."""
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        children: Any = node.items()
    else:
        children = enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found.append((*prefix, key))
        found.extend(_paths(child, (*prefix, key)))
    return found


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    """A deep copy of ``data`` with one change at ``path``."""
    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last]["zz_unknown" if value is None else "id"] = value
    elif action == "add" and isinstance(parent[last], list):
        parent[last].append(value)
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return data


def _checklist_data() -> Any:
    path = ROOT / "checklists" / "red_flags.yaml"
    return load_yaml_text(path.read_text(encoding="utf-8")).data


CHECKLIST = _checklist_data()
CHECKLIST_PATHS = _paths(CHECKLIST)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(0, len(CHECKLIST_PATHS) - 1),
    action=st.sampled_from(["replace", "delete", "add", "duplicate"]),
    value=JSON_VALUES,
)
def test_agrees_on_broken_checklists(index: int, action: str, value: Any) -> None:
    data = _mutate(CHECKLIST, CHECKLIST_PATHS[index], action, value)
    fast, slow = _both(data)
    assert fast == slow


def test_the_starting_checklist_is_valid_so_breakages_are_meaningful() -> None:
    assert _both(CHECKLIST) == (True, True)


ANSWERS = {
    "format": 1,
    "checklist": {"id": "red_flags", "version": "1.0.0", "content_hash": "sha256:" + "0" * 64},
    "answers": {"q1": "yes", "q2": ["a", "b"], "q3": 3},
}


@settings(max_examples=200, deadline=None)
@given(
    index=st.integers(0, len(_paths(ANSWERS)) - 1),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=JSON_VALUES,
)
def test_agrees_on_answers_documents(index: int, action: str, value: Any) -> None:
    data = _mutate(ANSWERS, _paths(ANSWERS)[index], action, value)
    check = schema.answers_check()
    assert check is not None
    assert check(data) == schema.answers_validator().is_valid(data)


# ---------------------------------------------------------------------- keyword corners

CORNERS: list[tuple[dict[str, Any], Any]] = [
    ({"enum": [1]}, True),
    ({"enum": [True]}, 1),
    ({"enum": [0]}, False),
    ({"const": [1, True]}, [1, 1]),
    ({"const": {"a": 1}}, {"a": 1.0}),
    ({"type": "integer"}, 1.0),
    ({"type": "integer"}, True),
    ({"type": "number"}, False),
    ({"type": ["string", "null"]}, None),
    ({"minimum": 0}, math.nan),
    ({"maximum": 0}, math.nan),
    ({"exclusiveMinimum": 0}, 0),
    ({"exclusiveMaximum": 0}, -0.5),
    ({"minimum": 1}, True),
    ({"maxLength": 1}, "ab"),
    ({"maxLength": 1}, ["a", "b"]),
    ({"pattern": "^a$"}, "a\n"),
    ({"pattern": "b"}, "abc"),
    ({"required": ["a"]}, []),
    ({"required": ["a"]}, {"b": 1}),
    ({"properties": {"a": False}}, {"a": 1}),
    ({"additionalProperties": False, "properties": {"a": True}}, {"a": 1, "b": 2}),
    ({"additionalProperties": {"type": "string"}}, {"b": 2}),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, {"B": 1}),
    ({"items": [{"type": "string"}]}, ["a", 1]),
    ({"items": {"type": "string"}}, ["a", 1]),
    ({"minItems": 1}, []),
    ({"maxProperties": 1}, {"a": 1, "b": 2}),
    ({"not": {}}, 1),
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 1),
    ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, None),
    ({"allOf": [{"type": "integer"}, {"minimum": 2}]}, 1),
    ({"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "null"}}, "a"),
    ({"if": {"type": "string"}, "else": {"type": "null"}}, 3),
    ({"then": False}, 1),
]


@pytest.mark.parametrize(("node", "instance"), CORNERS, ids=[repr(c) for c in CORNERS])
def test_agrees_on_keyword_corners(node: dict[str, Any], instance: Any) -> None:
    assert compile_check(node)(instance) == schema.build_validator(node).is_valid(instance)


def test_the_corner_cases_include_rejections() -> None:
    results = {schema.build_validator(node).is_valid(instance) for node, instance in CORNERS}
    assert results == {True, False}


@pytest.mark.parametrize(
    "node",
    [
        {"$ref": "https://example.com/s.json"},
        {"format": "email"},
        {"uniqueItems": True},
        {"properties": {"a": {"dependencies": {}}}},
        {"type": "strange"},
        "not a schema",
    ],
)
def test_anything_not_copied_is_refused_so_jsonschema_is_used(node: Any) -> None:
    with pytest.raises(Unsupported):
        compile_check(node)
    assert schema.build_check({"properties": {"a": node}}) is None


def test_equal_matches_jsonschema() -> None:
    from jsonschema._utils import equal

    pairs = [(1, True), (0, False), ([1], [True]), ({"a": 1}, {"a": 1}), ("1", 1), (1, 1.0)]
    for one, two in pairs:
        assert fastschema.equal(one, two) == equal(one, two)


def test_a_valid_file_is_checked_without_importing_jsonschema(tmp_path: Path) -> None:
    """The point of the fast check: ``vetting validate`` on a good file skips jsonschema."""
    import subprocess
    import sys

    code = (
        "import sys; from vetting.validation.pipeline import validate_file; "
        f"r = validate_file({str(ROOT / 'checklists' / 'red_flags.yaml')!r}); "
        "assert r.ok, r.problems; print('jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
