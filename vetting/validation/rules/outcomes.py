"""Options may only point to real outcomes, and every outcome needs a way in.

- ``outcome-unknown`` (error): an option gives points to an outcome that does not exist.
- ``outcome-unreachable`` (error): no option gives an outcome points and no decision rule
  puts it first, so it can never be recommended.
"""

from collections.abc import Iterator

from vetting.problems import Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo, positions
from vetting.validation.words import did_you_mean

RULES = {
    "outcome-unknown": RuleInfo(
        Level.ERROR,
        "an option gives points to a missing outcome",
        "options: [ { value: couple, outcomes: { mtf: 3 } } ]",
        "options: [ { value: couple, outcomes: { mft: 3 } } ]",
    ),
    "outcome-unreachable": RuleInfo(
        Level.ERROR,
        "an outcome can never be recommended",
        "outcomes: [ { id: psychiatrist, ... } ]   # no option gives it points",
        "options: [ { value: medication, outcomes: { psychiatrist: 3 } } ]",
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    known = [o.id for o in c.outcomes]
    reached = {oid for rule in c.rules for oid in rule.put_first}
    for si, ii, item in positions(c):
        for option in item.options:
            for outcome_id, points in option.outcomes:
                if outcome_id not in known:
                    yield ctx.problem(
                        "outcome-unknown",
                        (*ctx.option_path(si, ii, option.value), "outcomes", outcome_id),
                        f"option `{option.value}` of item `{item.id}` gives points to outcome "
                        f"`{outcome_id}`, which does not exist",
                        did_you_mean(outcome_id, known),
                        at_key=True,
                    )
                elif points * item.weight > 0:
                    reached.add(outcome_id)
    for k, outcome in enumerate(c.outcomes):
        if outcome.id not in reached:
            yield ctx.problem(
                "outcome-unreachable",
                ("outcomes", k, "id"),
                f"outcome `{outcome.id}` can never be recommended: no option gives it points "
                "and no rule puts it first",
                f"add `outcomes: {{{outcome.id}: 1}}` to the options that should lead to it",
            )
