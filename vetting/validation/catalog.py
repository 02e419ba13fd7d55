"""Every rule vetting can report, in one registry made from the modules that report them.

Each module keeps its rules' documentation beside its code, in its own ``RULES`` mapping of
rule id -> :class:`~vetting.problems.RuleInfo` (level, meaning, a bad and a good example).
This module only gathers them, so ``vetting rules``, ``docs/rules.md``, the SARIF rule list,
GitHub annotation titles and the ``# vetting: disable=`` check all read the same entries.
A test scans the code for every rule id that can be reported and fails when one is missing.

Imported only by what needs the whole list (it loads the schema and rule modules).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from vetting.problems import RuleInfo

#: Families, in the order ``vetting rules`` and the docs list them: (title, module path).
FAMILIES: tuple[tuple[str, str], ...] = (
    ("Reading the file", "vetting.validation.load_rules"),
    ("Text hygiene", "vetting.checklist.textcheck"),
    ("The format (JSON Schema)", "vetting.validation.schema"),
    ("Ids", "vetting.validation.rules.ids"),
    ("Conditions", "vetting.validation.rules.conditions"),
    ("Flags and severities", "vetting.validation.rules.flags"),
    ("Bands", "vetting.validation.rules.bands"),
    ("Outcomes", "vetting.validation.rules.outcomes"),
    ("Decision rules", "vetting.validation.rules.decisions"),
    ("Crisis", "vetting.validation.rules.crisis"),
    ("Golden tests", "vetting.validation.rules.golden"),
    ("Citations", "vetting.validation.rules.citations"),
    ("Translations", "vetting.checklist.translations"),
    ("Disable comments", "vetting.validation.disables"),
    ("Comparing with a git ref (--against)", "vetting.validation.against"),
    ("Answers files (vetting score)", "vetting.validation.answers_file"),
)


@functools.cache
def families() -> tuple[tuple[str, Mapping[str, RuleInfo]], ...]:
    """Each family's title and its rules, in order."""
    import importlib

    return tuple(
        (title, MappingProxyType(dict(importlib.import_module(module).RULES)))
        for title, module in FAMILIES
    )


@functools.cache
def all_rules() -> Mapping[str, RuleInfo]:
    """Rule id -> entry, for every rule; a rule id declared twice is a bug (see the tests)."""
    merged: dict[str, RuleInfo] = {}
    for _title, rules in families():
        merged.update(rules)
    return MappingProxyType(merged)


def title(rule: str) -> str:
    """The rule in words, for an annotation title: "Score bands leave ... (band-gap)"."""
    info = all_rules().get(rule)
    if info is None:
        return rule
    meaning = info.meaning[:1].upper() + info.meaning[1:]
    return f"{meaning} ({rule})"
