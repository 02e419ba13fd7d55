"""Decision rules and alerts: each names real things, can fire, and agrees with the others.

- ``rule-unknown-outcome`` (error): a rule rules out or puts first an outcome that does not
  exist.
- ``rule-unknown-band`` (error): ``band_at_least`` names a band the checklist does not have.
- ``rule-unknown-alert`` (error): a rule raises an alert that does not exist.
- ``rule-wrong-kind`` (error): ``rule_out`` / ``put_first`` outside a ``choice`` checklist, or
  ``band_at_least`` in a checklist without bands.
- ``rule-never-fires`` (error): no answers make the rule's condition hold.
- ``rule-fires-unproven`` (error): the search (:mod:`.reach`) can neither find answers that
  make the rule fire nor show that there are none, and no golden test makes it fire.
- ``rule-contradiction`` (error): one set of answers makes one rule put first what another
  rule (or the same one) rules out; found by the search, or by a golden test that fires both.
- ``rule-exclusive-unproven`` (error): two such rules, and the search can neither find
  answers that fire both nor show that there are none.

The last two come from :func:`.golden.check_results`, which knows what the golden tests fire.
- ``alert-unused`` (warning): no rule raises this alert.
"""

from collections.abc import Iterator

from vetting.checklist.model import ChecklistKind, Rule
from vetting.problems import DocPath, Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo
from vetting.validation.rules.reach import NEVER, Reach, example
from vetting.validation.words import did_you_mean

E, W = Level.ERROR, Level.WARNING
RULES = {
    "rule-unknown-outcome": RuleInfo(
        E,
        "a rule names an outcome that does not exist",
        "rules: [ { id: r, when: ..., rule_out: [mtf], reason: ... } ]",
        "rules: [ { id: r, when: ..., rule_out: [mft], reason: ... } ]",
    ),
    "rule-unknown-band": RuleInfo(
        E,
        "a rule names a band that does not exist",
        "rules: [ { id: r, when: ..., band_at_least: repport, reason: ... } ]",
        "rules: [ { id: r, when: ..., band_at_least: report, reason: ... } ]",
    ),
    "rule-unknown-alert": RuleInfo(
        E,
        "a rule raises an alert that does not exist",
        "rules: [ { id: r, when: ..., alert: safty, reason: ... } ]",
        "rules: [ { id: r, when: ..., alert: safety, reason: ... } ]",
    ),
    "rule-wrong-kind": RuleInfo(
        E,
        "a rule's effect does not fit the kind of checklist",
        "kind: red-flags\nrules: [ { id: r, when: ..., put_first: [mft], reason: ... } ]",
        "kind: red-flags\nrules: [ { id: r, when: ..., band_at_least: report, reason: ... } ]",
    ),
    "rule-never-fires": RuleInfo(
        E,
        "no answers make a rule fire",
        'when: { all: [ { item: a, equals: "yes" }, { item: a, equals: "no" } ] }',
        'when: { all: [ { item: a, equals: "yes" } ] }',
    ),
    "rule-fires-unproven": RuleInfo(
        E,
        "vetting cannot show that a rule can ever fire, and no golden test makes it fire",
        "rules: [ { id: hard, when: { all: [ { section: relationship, band: feels_hard } ] },"
        " ... } ]\n# too many answers to try, and no test fires it",
        "tests:\n  - { name: Hard sessions, answers: { heard: 1, pace: 1, ... },"
        " expect: { rules: [hard] } }",
    ),
    "rule-exclusive-unproven": RuleInfo(
        E,
        "vetting cannot show that two rules that disagree never fire together",
        "rules:\n"
        "  - { id: r1, when: { all: [ { flag_at_least: serious } ] }, put_first: [mft], ... }\n"
        '  - { id: r2, when: { all: [ { item: afraid, equals: "yes" } ] }, rule_out: [mft], ... }',
        "rules:\n"
        "  - { id: r1, when: { all: [ { flag_at_least: serious },"
        ' { item: afraid, equals: "no" } ] }, put_first: [mft], ... }\n'
        '  - { id: r2, when: { all: [ { item: afraid, equals: "yes" } ] }, rule_out: [mft], ... }',
    ),
    "rule-contradiction": RuleInfo(
        E,
        "rules put first and rule out the same outcome at once",
        "rules:\n"
        "  - { id: r1, when: W, put_first: [mft], ... }\n"
        "  - { id: r2, when: W, rule_out: [mft], ... }",
        "rules:\n"
        "  - { id: r1, when: W, put_first: [counselor], ... }\n"
        "  - { id: r2, when: W, rule_out: [mft], ... }",
    ),
    "alert-unused": RuleInfo(
        W,
        "no rule raises an alert",
        "alerts: [ { id: safety, ... } ]   # no rule has `alert: safety`",
        "rules: [ { id: r, when: ..., alert: safety, reason: ... } ]",
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    reach = Reach(c)
    sound: list[tuple[int, Rule]] = []
    for k, rule in enumerate(c.rules):
        found = list(_names(ctx, k, rule))
        yield from found
        if not found:
            fires = list(_fires(ctx, k, rule, reach))
            yield from fires
            if not fires:
                sound.append((k, rule))
    yield from _contradictions(ctx, sound, reach)
    raised = {rule.alert for rule in c.rules}
    for k, alert in enumerate(c.alerts):
        if alert.id not in raised:
            yield ctx.problem(
                "alert-unused",
                ("alerts", k, "id"),
                f"no rule raises alert `{alert.id}`, so nobody ever sees it",
                f"add `alert: {alert.id}` to the rule that should show it, or remove it",
            )


def _names(ctx: RuleContext, k: int, rule: Rule) -> Iterator[Problem]:
    c = ctx.checklist
    base: DocPath = ("rules", k)
    outcome_ids = [o.id for o in c.outcomes]
    for key in ("rule_out", "put_first"):
        names = getattr(rule, key)
        if names and c.kind is not ChecklistKind.CHOICE:
            yield ctx.problem(
                "rule-wrong-kind",
                (*base, key),
                f"rule `{rule.id}` uses `{key}`, which only a choice checklist has outcomes for",
                "use `band_at_least` or `alert` in this kind of checklist",
            )
            continue
        for n, outcome_id in enumerate(names):
            if outcome_id not in outcome_ids:
                yield ctx.problem(
                    "rule-unknown-outcome",
                    (*base, key, n),
                    f"rule `{rule.id}` names outcome `{outcome_id}`, which does not exist",
                    did_you_mean(outcome_id, outcome_ids),
                )
    if rule.band_at_least is not None:
        band_ids = [b.id for b in c.bands]
        if not band_ids:
            yield ctx.problem(
                "rule-wrong-kind",
                (*base, "band_at_least"),
                f"rule `{rule.id}` uses `band_at_least`, but the checklist has no bands",
                "add bands, or use `put_first` / `rule_out` in a choice checklist",
            )
        elif rule.band_at_least not in band_ids:
            yield ctx.problem(
                "rule-unknown-band",
                (*base, "band_at_least"),
                f"rule `{rule.id}` names band `{rule.band_at_least}`, which does not exist",
                did_you_mean(rule.band_at_least, band_ids),
            )
    if rule.alert is not None and c.alert(rule.alert) is None:
        yield ctx.problem(
            "rule-unknown-alert",
            (*base, "alert"),
            f"rule `{rule.id}` raises alert `{rule.alert}`, which does not exist",
            did_you_mean(rule.alert, [a.id for a in c.alerts]),
        )
    both = sorted(set(rule.put_first) & set(rule.rule_out))
    for outcome_id in both:
        yield ctx.problem(
            "rule-contradiction",
            (*base, "put_first"),
            f"rule `{rule.id}` both puts first and rules out outcome `{outcome_id}`",
            "keep it in one of the two lists",
        )


def _fires(ctx: RuleContext, k: int, rule: Rule, reach: Reach) -> Iterator[Problem]:
    when = rule.when
    if when.any and when.at_least > len(when.any):
        yield ctx.problem(
            "rule-never-fires",
            ("rules", k, "when", "at_least"),
            f"rule `{rule.id}` needs {when.at_least} of its `any` conditions, "
            f"but it has only {len(when.any)}",
            f"lower `at_least` to {len(when.any)} or fewer, or add conditions",
        )
    elif reach.witness([when]) == NEVER:
        yield ctx.problem(
            "rule-never-fires",
            ("rules", k, "when"),
            f"rule `{rule.id}` can never fire: no answers make its condition hold (for "
            "example, it needs two different answers to one question, or an answer to a "
            "question that is then hidden)",
            "check the values and the conditions of the questions it looks at",
        )


def sound_rules(ctx: RuleContext) -> list[tuple[int, Rule]]:
    """The rules whose names are all known (the others are reported, not searched)."""
    return [
        (k, rule) for k, rule in enumerate(ctx.checklist.rules) if not any(_names(ctx, k, rule))
    ]


def opposed(rules: list[tuple[int, Rule]]) -> Iterator[tuple[int, Rule, Rule, list[str]]]:
    """(index, rule, other, outcomes) where ``rule`` puts first what ``other`` rules out."""
    for k, first in rules:
        for _j, other in rules:
            shared = sorted(set(first.put_first) & set(other.rule_out))
            if shared and first is not other:
                yield k, first, other, shared


def _contradictions(
    ctx: RuleContext, rules: list[tuple[int, Rule]], reach: Reach
) -> Iterator[Problem]:
    for k, first, other, shared in opposed(rules):
        found = reach.witness([first.when, other.when])  # both conditions hold
        if isinstance(found, dict):
            yield contradiction(
                ctx, k, first, other, shared, f"for the same answers ({example(found)})"
            )


#: What to do about two rules that disagree.
EXCLUSIVE_HINT = (
    "make the conditions exclusive (for example, add the other rule's "
    "condition with the opposite answer), or drop one of the two effects"
)


def contradiction(
    ctx: RuleContext, k: int, first: Rule, other: Rule, shared: list[str], where: str
) -> Problem:
    """``rule-contradiction``: both fire ``where`` ("for the same answers (...)", or
    "for the answers of golden test ...")."""
    return ctx.problem(
        "rule-contradiction",
        ("rules", k, "put_first"),
        f"rule `{first.id}` puts `{shared[0]}` first, but rule `{other.id}` rules "
        f"it out, and both fire {where}",
        EXCLUSIVE_HINT,
    )
