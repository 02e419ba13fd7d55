"""Semantic checks on a built checklist: what the JSON Schema cannot say.

The schema checks shapes; these rules check meaning. Each module here is one family of
checks, and its docstring is its documentation: the rule ids it reports, their level, and
what each means. Rule ids are stable (CI configurations rely on them).

Each check is a generator over a :class:`~.context.RuleContext` that yields
:class:`~vetting.problems.Problem` values with a rule id, a level, the document path and
the line and column of that path, in plain words, with a fix where there is one.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from vetting.problems import Level, Problem
from vetting.validation.rules import (
    bands,
    citations,
    conditions,
    crisis,
    decisions,
    flags,
    golden,
    ids,
    outcomes,
)
from vetting.validation.rules.bands import reachable_percents
from vetting.validation.rules.citations import ethics_index
from vetting.validation.rules.context import Rule, RuleContext, RuleInfo

#: The checks, in the order their problems are found (the report sorts them by position).
CHECKS: tuple[Rule, ...] = (
    ids.check,
    conditions.check,
    flags.check,
    bands.check,
    outcomes.check,
    decisions.check,
    crisis.check,
    golden.check_names,
    citations.check,
)

#: Every rule id these checks can report, with its level and meaning.
RULE_INFO: Mapping[str, RuleInfo] = MappingProxyType(
    {
        rule: info
        for module in (
            ids,
            conditions,
            flags,
            bands,
            outcomes,
            decisions,
            crisis,
            golden,
            citations,
        )
        for rule, info in module.RULES.items()
    }
)

#: Rule id -> level (stable: do not rename).
RULES: Mapping[str, Level] = MappingProxyType(
    {rule: info.level for rule, info in RULE_INFO.items()}
)


def check_checklist(
    checklist: Any,
    doc: Any = None,
    *,
    file: str | None = None,
    golden_tests: bool = True,
) -> list[Problem]:
    """Run every semantic check; ``doc`` (a YamlDocument) supplies raw data and positions.

    ``golden_tests=False`` skips scoring the golden tests (the preview runs them itself).
    """
    ctx = RuleContext(
        checklist=checklist,
        file=file or getattr(doc, "source", None) or "<checklist>",
        data=getattr(doc, "data", None) or {},
        doc=doc,
        ethics=ethics_index(),
        levels=RULES,
    )
    checks = [*CHECKS, golden.check_results] if golden_tests else list(CHECKS)
    return [problem for check in checks for problem in check(ctx)]


__all__ = [
    "CHECKS",
    "RULES",
    "RULE_INFO",
    "RuleContext",
    "check_checklist",
    "ethics_index",
    "reachable_percents",
]
