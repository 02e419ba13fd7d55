"""Words the validator shows: the shared phrasing of values, suggestions and misfits.

Every rule, the schema translator and the answers checks phrase the same things the same
way through these helpers (a value's kind, "did you mean", a number, why an answer does
not fit a question), so a message reads alike wherever it comes from.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from vetting.checklist.model import UNSURE, Item, ItemKind
from vetting.problems import did_you_mean as did_you_mean  # its home is the bottom layer
from vetting.scoring.answers import Misfit


def kind_of(value: Any) -> str:
    """What kind of value this is, in plain words ("text", "a whole number", ...)."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a group of `key: value` entries"
    return "something else"


def number(value: float) -> str:
    """``3`` rather than ``3.0``; other decimals as written."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def ids(values: Iterable[Any], none: str = "none") -> str:
    """ "`a`, `b`" (sorted), or ``none`` for an empty set."""
    shown = sorted(str(v) for v in values)
    return ", ".join(f"`{v}`" for v in shown) if shown else none


def choices(item: Item) -> str:
    """The answers a question takes, for hints: "`yes`, `no`" or "a number from 1 to 5"."""
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return f"a number from {item.scale.min} to {item.scale.max}"
    values = [f"`{o.value}`" for o in item.options]
    return ", ".join(values) if values else "one of its options"


_WANTED = {
    "text": "some text",
    "option": "one option value, as text",
    "options": "a list of option values, such as [money]",
    "option-text": "option values as text",
    "number": "a whole number",
}

#: Misfit kind -> the rule id the answers checks report it under.
MISFIT_RULES = {
    "wrong-type": "answer-wrong-type",
    "unknown-option": "answer-unknown-option",
    "not-offered": "answer-not-allowed",
    "repeated": "answer-not-allowed",
    "out-of-range": "answer-out-of-range",
}


def misfit_words(item: Item, misfit: Misfit) -> tuple[str, str | None]:
    """(message, hint) for an answer that does not fit ``item``."""
    value = misfit.value
    if misfit.kind == "wrong-type":
        wanted = _WANTED.get(misfit.wanted, "something else")
        if item.kind is ItemKind.YES_NO and not isinstance(value, str):
            return (
                f"the answer to `{item.id}` should be {wanted}, not {kind_of(value)}",
                'write "yes" or "no" in quotes',
            )
        return f"the answer to `{item.id}` should be {wanted}, not {kind_of(value)}", None
    if misfit.kind == "unknown-option":
        values = [o.value for o in item.options]
        return (
            f"question `{item.id}` has no option `{value}` (it has {choices(item)})",
            did_you_mean(str(value), values) or f"use one of {choices(item)}",
        )
    if misfit.kind == "not-offered":
        words = '"not sure"' if value == UNSURE else '"doesn\'t apply"'
        key = "allow_unsure" if value == UNSURE else "allow_not_applicable"
        return (
            f"question `{item.id}` does not offer {words} as an answer",
            f"answer it with {choices(item)}, or add `{key}: true` to the question",
        )
    if misfit.kind == "repeated":
        return (
            f"question `{item.id}` lists the option `{value}` more than once",
            "list each picked option once",
        )
    scale = item.scale
    low, high = (scale.min, scale.max) if scale else (0, 0)
    return (
        f"question `{item.id}` takes a number from {low} to {high}, not {value}",
        f"use a number from {low} to {high}",
    )
