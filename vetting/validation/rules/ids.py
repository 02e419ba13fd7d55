"""Ids are unique where they are looked up: a repeat would silently shadow the first.

- ``duplicate-id`` (error): a section, item, option value, outcome, band, rule, alert or
  advice id is used twice, or two ids look the same once invisible characters are removed.
"""

import unicodedata
from collections.abc import Iterator, Mapping, Sequence

from vetting.problems import DocPath, Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo, positions

RULES = {
    "duplicate-id": RuleInfo(
        Level.ERROR,
        "an id is used twice where ids are looked up",
        "items:\n  - id: fees\n  - id: fees",
        "items:\n  - id: fees\n  - id: fees_later",
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    yield from _dups(
        ctx, "section id", [(("sections", si, "id"), s.id) for si, s in enumerate(c.sections)]
    )
    yield from _dups(
        ctx, "item id", [(("sections", si, "items", ii, "id"), i.id) for si, ii, i in positions(c)]
    )
    for si, ii, item in positions(c):
        raw = ctx.raw(("sections", si, "items", ii, "options"))
        if isinstance(raw, list):
            values = [
                (("sections", si, "items", ii, "options", k, "value"), o.get("value"))
                for k, o in enumerate(raw)
                if isinstance(o, Mapping) and isinstance(o.get("value"), str)
            ]
        else:
            values = [
                (("sections", si, "items", ii, "options", k, "value"), o.value)
                for k, o in enumerate(item.options)
            ]
        yield from _dups(ctx, "option value", values, f" in item `{item.id}`")
    for what, key, records in (
        ("outcome id", "outcomes", c.outcomes),
        ("band id", "bands", c.bands),
        ("rule id", "rules", c.rules),
        ("alert id", "alerts", c.alerts),
        ("advice id", "advice", c.advice),
    ):
        yield from _dups(ctx, what, [((key, k, "id"), r.id) for k, r in enumerate(records)])
    for si, section in enumerate(c.sections):
        pairs = [(("sections", si, "bands", k, "id"), b.id) for k, b in enumerate(section.bands)]
        yield from _dups(ctx, "band id", pairs, f" in section `{section.id}`")


def _id_key(text: str) -> str:
    """Two ids with the same key look the same to a person (invisible chars, NFKC)."""
    if text.isascii():
        return text
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", visible)


def _path_text(path: DocPath) -> str:
    return Problem(file="", line=None, column=None, rule="", message="", path=path).json_path()


def _dups(
    ctx: RuleContext, what: str, pairs: Sequence[tuple[DocPath, str]], context: str = ""
) -> Iterator[Problem]:
    """Report the second (and later) use of each id; ``what`` is e.g. "item id"."""
    seen: dict[str, tuple[DocPath, str]] = {}
    for path, value in pairs:
        key = _id_key(value)
        if key not in seen:
            seen[key] = (path, value)
            continue
        first_path, first_value = seen[key]
        where = _path_text(first_path[:-1])
        if first_value == value:
            message = f"{what} `{value}` is used twice{context} (first at {where})"
        else:
            message = (
                f"{what} `{value}` looks the same as `{first_value}`{context} (at {where}) "
                "once invisible characters are removed"
            )
        yield ctx.problem("duplicate-id", path, message, "give each one its own id")
