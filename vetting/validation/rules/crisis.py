"""Someone in danger should be able to say so and see the crisis block at once.

- ``no-crisis-option`` (warning): no option has ``crisis: true``, so answering never shows
  the safety block by itself (it is still one key away).
"""

from collections.abc import Iterator

from vetting.problems import Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo

RULES = {
    "no-crisis-option": RuleInfo(
        Level.WARNING,
        "no answer shows the crisis block",
        "# no option anywhere has crisis: true",
        "- id: in_danger\n  kind: yes_no\n"
        '  options: [ { value: "yes", crisis: true }, { value: "no" } ]',
    )
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    if any(option.crisis for item in ctx.checklist.items for option in item.options):
        return
    yield ctx.problem(
        "no-crisis-option",
        ("safety",),
        "no option in this checklist has `crisis: true`, so answering never shows the "
        "safety block by itself (it is still one key away)",
        "consider an item such as 'Are you thinking about harming yourself?' with "
        "`crisis: true` on its yes option",
        at_key=True,
    )
