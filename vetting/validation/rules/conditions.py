"""Conditions point to real things, look only where they may, and can hold.

- ``condition-unknown-item`` (error): a condition names an item that does not exist.
- ``condition-later-item`` (error): a ``show_if`` or wording variant looks at its own item
  or a later one (the person has not answered it yet), or at a section's band (known only
  once everything is scored).
- ``condition-note-item`` (error): a condition looks at a free-text note.
- ``condition-unknown-option`` (error): a condition names a value the item cannot have, or
  a flag the item cannot raise.
- ``condition-unknown-section`` (error): a condition names a section or band that does not
  exist.
- ``condition-never-holds`` (error): no answers make the condition hold, so what it guards
  is never shown (decision rules have their own ``rule-never-fires``).
"""

from collections.abc import Iterator, Mapping

from vetting.checklist.model import Condition, ItemKind
from vetting.problems import DocPath, Level, Problem
from vetting.scoring.answers import misfits
from vetting.validation.rules.context import Owned, RuleContext, RuleInfo, all_conditions
from vetting.validation.rules.reach import NEVER, Reach
from vetting.validation.words import did_you_mean, misfit_words

E = Level.ERROR
RULES = {
    "condition-unknown-item": RuleInfo(
        E,
        "a condition names an item that does not exist",
        'show_if: { all: [ { item: feez, equals: "yes" } ] }',
        'show_if: { all: [ { item: fees, equals: "yes" } ] }',
    ),
    "condition-later-item": RuleInfo(
        E,
        "a condition looks at an answer not given yet",
        '# item 1\nshow_if: { all: [ { item: item_3, equals: "yes" } ] }',
        '# item 3\nshow_if: { all: [ { item: item_1, equals: "yes" } ] }',
    ),
    "condition-note-item": RuleInfo(
        E,
        "a condition looks at a free-text note",
        'show_if: { all: [ { item: my_notes, equals: "yes" } ] }',
        'show_if: { all: [ { item: fees_clear, equals: "yes" } ] }',
    ),
    "condition-unknown-option": RuleInfo(
        E,
        "a condition names a value the item cannot have",
        "show_if: { all: [ { item: fees_clear, equals: vage } ] }",
        "show_if: { all: [ { item: fees_clear, equals: vague } ] }",
    ),
    "condition-unknown-section": RuleInfo(
        E,
        "a condition names a missing section or band",
        "when: { all: [ { section: bondaries, band: high } ] }",
        "when: { all: [ { section: boundaries, band: high } ] }",
    ),
    "condition-never-holds": RuleInfo(
        E,
        "no answers make a condition hold",
        'when: { all: [ { item: a, equals: "yes" }, { item: a, equals: "no" } ] }',
        'when: { any: [ { item: a, equals: "yes" }, { item: b, equals: "yes" } ] }',
    ),
}


def check(ctx: RuleContext) -> Iterator[Problem]:
    order = {}
    for index, item in enumerate(ctx.checklist.items):
        order.setdefault(item.id, index)
    reach = Reach(ctx.checklist)
    for owned in all_conditions(ctx.checklist):
        found = list(_leaf_problems(ctx, owned, order))
        yield from found
        if found or owned.owner.startswith("rule "):
            continue
        yield from _never_holds(ctx, owned, reach)


def _leaf_problems(ctx: RuleContext, owned: Owned, order: Mapping[str, int]) -> Iterator[Problem]:
    for key, group in (("all", owned.when.all), ("any", owned.when.any)):
        for k, condition in enumerate(group):
            path: DocPath = (*owned.path, key, k)
            if condition.section is not None:
                yield from _section_leaf(ctx, owned, condition, path)
            elif condition.flag_at_least is not None:
                continue  # any raised flag: nothing to look up
            else:
                yield from _item_leaf(ctx, owned, condition, path, order)


def _item_leaf(
    ctx: RuleContext, owned: Owned, condition: Condition, path: DocPath, order: Mapping[str, int]
) -> Iterator[Problem]:
    item_id = condition.item or ""
    target = ctx.checklist.item(item_id)
    owner = owned.owner
    if target is None:
        yield ctx.problem(
            "condition-unknown-item",
            (*path, "item"),
            f"the condition on {owner} refers to item `{item_id}`, which does not exist",
            did_you_mean(item_id, order),
        )
        return
    if owned.earlier_only and order[item_id] >= owned.position:
        where = "itself" if order[item_id] == owned.position else "a later item"
        yield ctx.problem(
            "condition-later-item",
            (*path, "item"),
            f"the condition on {owner} refers to `{item_id}`, which is {where}; "
            "a condition may only look at items that come earlier",
            "move the condition's item above this one, or drop the condition",
        )
        return
    if target.kind is ItemKind.NOTE:
        yield ctx.problem(
            "condition-note-item",
            (*path, "item"),
            f"the condition on {owner} refers to `{target.id}`, a free-text note; "
            "notes have no fixed answers to compare with",
            "point the condition at a yes/no, choice or scale item",
        )
        return
    if condition.flagged and target.severity is None:
        yield ctx.problem(
            "condition-unknown-option",
            (*path, "flagged"),
            f"the condition on {owner} asks whether `{target.id}` raises its flag, "
            "but that item is not a red flag (it has no severity)",
            "give the item a `severity`, or test its answer with `equals`",
        )
    raw = ctx.raw(path)
    key = "one_of" if isinstance(raw, Mapping) and "one_of" in raw else "equals"
    for vi, value in enumerate(condition.values):
        found = misfits(target, [value] if target.kind is ItemKind.MULTIPLE else value)
        if found:
            message, hint = misfit_words(target, found[0])
            value_path = (*path, key, vi) if key == "one_of" else (*path, key)
            yield ctx.problem(
                "condition-unknown-option",
                value_path,
                f"the condition on {owner}: {message}",
                hint,
            )


def _section_leaf(
    ctx: RuleContext, owned: Owned, condition: Condition, path: DocPath
) -> Iterator[Problem]:
    if owned.earlier_only:
        yield ctx.problem(
            "condition-later-item",
            (*path, "section"),
            f"the condition on {owned.owner} looks at the band of section "
            f"`{condition.section}`, which is known only once every answer is scored",
            "use a section's band in decision rules, advice or next steps only",
        )
        return
    sections = {s.id: s for s in ctx.checklist.sections}
    section = sections.get(condition.section or "")
    if section is None:
        yield ctx.problem(
            "condition-unknown-section",
            (*path, "section"),
            f"the condition on {owned.owner} refers to section `{condition.section}`, "
            "which does not exist",
            did_you_mean(str(condition.section), sections),
        )
        return
    band_ids = [b.id for b in section.bands]
    if condition.band not in band_ids:
        has = ", ".join(f"`{b}`" for b in band_ids) or "no bands"
        yield ctx.problem(
            "condition-unknown-section",
            (*path, "band"),
            f"the condition on {owned.owner} refers to band `{condition.band}` of section "
            f"`{section.id}`, which has {has}",
            did_you_mean(str(condition.band), band_ids),
        )


def _never_holds(ctx: RuleContext, owned: Owned, reach: Reach) -> Iterator[Problem]:
    when = owned.when
    if when.any and when.at_least > len(when.any):
        yield ctx.problem(
            "condition-never-holds",
            (*owned.path, "at_least"),
            f"the condition on {owned.owner} needs {when.at_least} of its `any` conditions, "
            f"but it has only {len(when.any)}",
            f"lower `at_least` to {len(when.any)} or fewer, or add conditions",
        )
        return
    if reach.witness([when]) == NEVER:
        yield ctx.problem(
            "condition-never-holds",
            owned.path,
            f"the condition on {owned.owner} can never hold: no answers make it true "
            "(for example, it needs two different answers to one question, or an answer to "
            "a question that is then hidden)",
            "check the values and the conditions of the items it looks at",
        )
