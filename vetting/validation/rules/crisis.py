"""Someone in danger should be able to say so and see the crisis block at once.

- ``no-crisis-option`` (warning): no option has ``crisis: true``, so answering never shows
  the safety block by itself (it is still one key away).
- ``safety-lookalike`` (warning): a crisis resource (in the safety block or an alert) claims
  a known service's name, such as the 988 Lifeline, with a number or site that is not that
  service's. People see the app's own verified lines first anyway; this catches a mistake,
  or a fake, before anyone reads it.
"""

from collections.abc import Iterator

from vetting.checklist.safety import lookalike
from vetting.problems import Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo

RULES = {
    "no-crisis-option": RuleInfo(
        Level.WARNING,
        "no answer shows the crisis block",
        "# no option anywhere has crisis: true",
        "- id: in_danger\n  kind: yes_no\n"
        '  options: [ { value: "yes", crisis: true }, { value: "no" } ]',
    ),
    "safety-lookalike": RuleInfo(
        Level.WARNING,
        "a crisis line claims a known service's name with another number",
        "resources:\n  - { name: 988 Suicide & Crisis Lifeline, contact: Call 1-800-555-0100 }",
        "resources:\n  - { name: 988 Suicide & Crisis Lifeline, contact: Call or text 988 }",
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    yield from _lookalikes(ctx)
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


def _lookalikes(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    places = [(("safety", "resources"), c.safety.resources)] + [
        (("alerts", k, "resources"), alert.resources) for k, alert in enumerate(c.alerts)
    ]
    for base, resources in places:
        for r, resource in enumerate(resources):
            found = lookalike(resource)
            if found is not None:
                service, odd = found
                yield ctx.problem(
                    "safety-lookalike",
                    (*base, r, "name"),
                    f"the crisis resource `{resource.name}` sounds like {service.label}, but "
                    f"gives `{odd}`, which is not that service's number or site",
                    "check the number and site with the service itself, or rename the entry",
                )
