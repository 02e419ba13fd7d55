"""A quick yes/no answer to "is this document valid under this draft-07 schema?".

jsonschema walks the schema generically for every value, which costs about 10 ms for a
40-question checklist and dominated ``vetting validate``. Almost every file people check is
valid, so :mod:`vetting.validation.schema` first asks the check compiled here; only when it says
"no" does jsonschema run, to find and explain every error. The messages therefore never change.

The contract is exact agreement with ``Draft7Validator(schema).is_valid`` (no format
checker). Only keywords whose jsonschema 4.26 behaviour is copied here are compiled; a
schema using any other keyword raises :class:`Unsupported`, and the caller then uses
jsonschema alone. Annotation keywords (descriptions, editor hints) are ignored, as
jsonschema ignores them. ``tests/unit/test_fastschema.py`` compares both answers on many
documents, valid and broken.

Nothing here imports jsonschema, so checking a valid file never pays for importing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from numbers import Number
from typing import Any

__all__ = ["Check", "Unsupported", "compile_check"]

Check = Callable[[Any], bool]

#: Keywords that do not take part in validation (jsonschema ignores them too).
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "markdownDescription",
        "examples",
        "default",
        "definitions",
        "enumDescriptions",
        "errorMessage",
        "patternErrorMessage",
        "then",  # compiled together with "if"
        "else",
    }
)
_OBJECT_KEYS = frozenset(
    {"properties", "required", "additionalProperties", "propertyNames"}
    | {"minProperties", "maxProperties"}
)
_ARRAY_KEYS = frozenset({"items", "minItems", "maxItems"})
_STRING_KEYS = frozenset({"minLength", "maxLength", "pattern"})
_NUMBER_KEYS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_GENERAL_KEYS = frozenset({"type", "enum", "const", "not", "allOf", "anyOf", "oneOf", "if"})
SUPPORTED = _OBJECT_KEYS | _ARRAY_KEYS | _STRING_KEYS | _NUMBER_KEYS | _GENERAL_KEYS


class Unsupported(Exception):
    """The schema uses something this module does not copy; use jsonschema instead."""


def compile_check(schema: Any) -> Check:
    """A function answering exactly what ``Draft7Validator(schema).is_valid`` would.

    Raises :class:`Unsupported` for a schema with a keyword (or ``$ref``) not handled here.
    """
    return _compile(schema)


# ------------------------------------------------------------------------------- types


def _is_number(value: Any) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    "integer": _is_integer,
}


def _type_check(types: Any) -> Check:
    names = [types] if isinstance(types, str) else types
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        raise Unsupported(f"type {types!r}")
    checks = [_TYPES[name] for name in names]
    if len(checks) == 1:
        return checks[0]
    return lambda value: any(check(value) for check in checks)


# ---------------------------------------------------------------------------- equality


def equal(one: Any, two: Any) -> bool:
    """jsonschema's ``_utils.equal``: like ``==``, but ``True`` is not ``1``, recursively."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=False))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return one.keys() == two.keys() and all(equal(one[key], two[key]) for key in one)
    return bool(_unbool(one) == _unbool(two))


_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    return value


# ----------------------------------------------------------------------------- compiler


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


def _compile(schema: Any) -> Check:
    if schema is True:
        return _always
    if schema is False:
        return _never
    if not isinstance(schema, dict):
        raise Unsupported("a schema that is not an object or a boolean")
    unknown = set(schema) - SUPPORTED - ANNOTATIONS
    if unknown:
        raise Unsupported(f"keywords {sorted(unknown)}")
    type_check = _type_check(schema["type"]) if "type" in schema else None
    general = _general_checks(schema)
    by_type: list[tuple[type, list[Check]]] = []
    for kinds, checks in (
        (dict, _object_checks(schema)),
        (list, _array_checks(schema)),
        (str, _string_checks(schema)),
        (Number, _number_checks(schema)),
    ):
        if checks:
            by_type.append((kinds, checks))
    return _combine(type_check, by_type, general)


def _combine(
    type_check: Check | None,
    by_type: list[tuple[type, list[Check]]],
    general: list[Check],
) -> Check:
    """One function for the whole schema node, checking the type first (the cheapest)."""

    def check(value: Any) -> bool:
        if type_check is not None and not type_check(value):
            return False
        for kinds, checks in by_type:
            if isinstance(value, kinds):
                if kinds is Number and isinstance(value, bool):
                    break
                for one in checks:
                    if not one(value):
                        return False
                break
        return all(one(value) for one in general)

    if not by_type and not general:
        return type_check or _always
    return check


def _general_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "enum" in schema:
        choices = list(schema["enum"])
        checks.append(lambda value: any(equal(choice, value) for choice in choices))
    if "const" in schema:
        constant = schema["const"]
        checks.append(lambda value: equal(value, constant))
    if "not" in schema:
        negated = _compile(schema["not"])
        checks.append(lambda value: not negated(value))
    for keyword in ("allOf", "anyOf", "oneOf"):
        if keyword in schema:
            checks.append(_combinator(keyword, schema[keyword]))
    if "if" in schema:
        checks.append(_conditional(schema))
    return checks


def _combinator(keyword: str, schemas: Any) -> Check:
    if not isinstance(schemas, list):
        raise Unsupported(f"{keyword} that is not a list")
    parts = [_compile(part) for part in schemas]
    if keyword == "allOf":
        return lambda value: all(part(value) for part in parts)
    if keyword == "anyOf":
        return lambda value: any(part(value) for part in parts)
    return lambda value: sum(1 for part in parts if part(value)) == 1


def _conditional(schema: dict[str, Any]) -> Check:
    condition = _compile(schema["if"])
    then = _compile(schema["then"]) if "then" in schema else _always
    otherwise = _compile(schema["else"]) if "else" in schema else _always
    return lambda value: then(value) if condition(value) else otherwise(value)


def _object_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    properties = schema.get("properties", {})
    if not isinstance(properties, dict):
        raise Unsupported("properties that is not an object")
    compiled = {key: _compile(sub) for key, sub in properties.items()}
    extra = schema.get("additionalProperties", True)
    extra_check = None if extra is True else _compile(extra)
    if compiled or extra_check is not None:
        checks.append(_members(compiled, extra_check))
    required = schema.get("required", [])
    if not isinstance(required, list):
        raise Unsupported("required that is not a list")
    if required:
        checks.append(lambda value: all(key in value for key in required))
    if "propertyNames" in schema:
        names = _compile(schema["propertyNames"])
        checks.append(lambda value: all(names(key) for key in value))
    low, high = schema.get("minProperties"), schema.get("maxProperties")
    if low is not None:
        checks.append(lambda value: len(value) >= low)
    if high is not None:
        checks.append(lambda value: len(value) <= high)
    return checks


def _members(compiled: dict[str, Check], extra: Check | None) -> Check:
    """``properties`` and ``additionalProperties`` in one pass over the object."""

    def check(value: dict[str, Any]) -> bool:
        for key, member in value.items():
            sub = compiled.get(key)
            if sub is None:
                if extra is not None and not extra(member):
                    return False
            elif not sub(member):
                return False
        return True

    return check


def _array_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    if "items" in schema:
        items = schema["items"]
        if isinstance(items, list):
            parts = [_compile(part) for part in items]
            checks.append(lambda value: all(part(x) for part, x in zip(parts, value, strict=False)))
        else:
            each = _compile(items)
            if each is not _always:
                checks.append(lambda value: all(each(x) for x in value))
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None:
        checks.append(lambda value: len(value) >= low)
    if high is not None:
        checks.append(lambda value: len(value) <= high)
    return checks


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    low, high = schema.get("minLength"), schema.get("maxLength")
    if low is not None:
        checks.append(lambda value: len(value) >= low)
    if high is not None:
        checks.append(lambda value: len(value) <= high)
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda value: search(value) is not None)
    return checks


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    for keyword in sorted(_NUMBER_KEYS.intersection(schema)):
        bound = schema[keyword]
        if not _is_number(bound):
            raise Unsupported(f"{keyword} that is not a number")
        checks.append(_bound(keyword, bound))
    return checks


def _bound(keyword: str, bound: float) -> Check:
    # Written as jsonschema writes the failing test, so NaN behaves the same way.
    if keyword == "minimum":
        return lambda value: not value < bound
    if keyword == "maximum":
        return lambda value: not value > bound
    if keyword == "exclusiveMinimum":
        return lambda value: not value <= bound
    return lambda value: not value >= bound
