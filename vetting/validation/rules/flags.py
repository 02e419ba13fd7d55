"""A flag needs a severity to mean anything, and a severity needs a way to be raised.

- ``flag-without-severity`` (error): an option or a scale threshold raises a flag on an
  item that has no ``severity``.
- ``severity-without-flag`` (warning): an item has a severity but no answer raises its flag.
"""

from collections.abc import Iterator

from vetting.checklist.model import Item
from vetting.problems import DocPath, Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo, positions

RULES = {
    "flag-without-severity": RuleInfo(
        Level.ERROR,
        "a flag is raised on an item with no severity",
        '- id: fees\n  options: [ { value: "yes", flag: true } ]',
        '- id: fees\n  severity: caution\n  options: [ { value: "yes", flag: true } ]',
    ),
    "severity-without-flag": RuleInfo(
        Level.WARNING,
        "no answer raises an item's flag",
        '- id: fees\n  severity: caution\n  options: [ { value: "yes" } ]',
        '- id: fees\n  severity: caution\n  options: [ { value: "yes", flag: true } ]',
    ),
}

_ADD_SEVERITY = "add `severity: caution` (or info, serious, critical) to the item"


def can_flag(item: Item) -> bool:
    """Whether some answer raises the item's flag (given a severity)."""
    if any(option.flag for option in item.options):
        return True
    scale = item.scale
    if scale is None:
        return False
    above = scale.flag_at_or_above is not None and scale.flag_at_or_above <= scale.max
    below = scale.flag_at_or_below is not None and scale.flag_at_or_below >= scale.min
    return above or below


def check(ctx: RuleContext) -> Iterator[Problem]:
    for si, ii, item in positions(ctx.checklist):
        base: DocPath = ("sections", si, "items", ii)
        if item.severity is None:
            for option in item.options:
                if option.flag:
                    yield ctx.problem(
                        "flag-without-severity",
                        (*ctx.option_path(si, ii, option.value), "flag"),
                        f"option `{option.value}` of item `{item.id}` raises a flag, "
                        "but the item has no severity",
                        _ADD_SEVERITY,
                    )
            scale = item.scale
            for key in ("flag_at_or_above", "flag_at_or_below"):
                if scale is not None and getattr(scale, key) is not None:
                    yield ctx.problem(
                        "flag-without-severity",
                        (*base, "scale", key),
                        f"the scale of item `{item.id}` sets `{key}`, but the item has no severity",
                        _ADD_SEVERITY,
                    )
        elif not can_flag(item):
            yield ctx.problem(
                "severity-without-flag",
                (*base, "severity"),
                f"item `{item.id}` has severity `{item.severity.value}`, "
                "but no answer can raise its flag",
                "add `flag: true` to the worrying option(s), or a flag threshold to the scale",
            )
