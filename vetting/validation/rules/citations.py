"""An ethics-code citation must name a section that exists in that code.

- ``citation-missing-section`` (error): a citation names a code but no section.
- ``unknown-code`` (error): a citation names a code vetting does not know.
- ``citation-unknown-section`` (error): the section is not in the index of that code
  (``vetting/ethics_sections.json``).
"""

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from vetting.checklist.model import Reference
from vetting.problems import DocPath, Level, Problem
from vetting.validation.rules.context import RuleContext, RuleInfo, positions
from vetting.validation.words import did_you_mean

E = Level.ERROR
RULES = {
    "citation-missing-section": RuleInfo(
        E,
        "a citation names a code but no section",
        'references: [ { code: ACA, edition: "2014" } ]',
        'references: [ { code: ACA, edition: "2014", section: A.5 } ]',
    ),
    "citation-unknown-section": RuleInfo(
        E,
        "a citation names a section the code does not have",
        'references: [ { code: ACA, edition: "2014", section: A.55 } ]',
        'references: [ { code: ACA, edition: "2014", section: A.5 } ]',
    ),
    "unknown-code": RuleInfo(
        E,
        "a citation names a code vetting does not know",
        "references: [ { code: ACAA, section: A.5 } ]",
        'references: [ { code: ACA, edition: "2014", section: A.5 } ]',
    ),
}


@lru_cache(maxsize=1)
def ethics_index() -> Mapping[str, Any] | None:
    """The ethics-code section index, or None when it is not installed (rule skipped)."""
    here = Path(__file__).resolve().parents[2]  # the vetting package
    for candidate in (here / "ethics_sections.json", here / "data" / "ethics_sections.json"):
        try:
            loaded = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(loaded, dict):
            return loaded
    return None


def check(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    for si, ii, item in positions(c):
        base: DocPath = ("sections", si, "items", ii, "references")
        for r, ref in enumerate(item.references):
            yield from _citation(ctx, ref, (*base, r), f"item `{item.id}`")
    for k, outcome in enumerate(c.outcomes):
        for r, ref in enumerate(outcome.references):
            yield from _citation(
                ctx, ref, ("outcomes", k, "references", r), f"outcome `{outcome.id}`"
            )


def _citation(ctx: RuleContext, ref: Reference, path: DocPath, owner: str) -> Iterator[Problem]:
    if not ref.code:
        return
    if not ref.section:
        yield ctx.problem(
            "citation-missing-section",
            (*path, "code"),
            f"a {ref.code} citation on {owner} names no section",
            "add `section:` with the code's section number, such as `A.5`",
        )
        return
    index = ctx.ethics
    if index is None:
        return
    code = index.get(ref.code)
    if not isinstance(code, Mapping):
        yield ctx.problem(
            "unknown-code",
            (*path, "code"),
            f"the citation on {owner} names code `{ref.code}`, which vetting does not know",
            did_you_mean(ref.code, index) or f"use one of {', '.join(sorted(index))}",
        )
        return
    sections = code.get("sections") or {}
    if not _section_known(ref.section, sections):
        yield ctx.problem(
            "citation-unknown-section",
            (*path, "section"),
            f"the {ref.code} citation on {owner} names section `{ref.section}`, "
            f"which is not in the {ref.code} code",
            did_you_mean(ref.section, sections),
        )


def _section_known(section: str, sections: Mapping[str, Any]) -> bool:
    parts = section.split(".")
    return any(".".join(parts[:n]) in sections for n in range(len(parts), 0, -1))
