"""``vetting rules [RULE ...]``: every rule id, its level, what it means, a bad and a good example.

The list comes from the rules registry (:mod:`vetting.validation.catalog`), which each rule's
module fills beside its code, so it cannot drift from what ``vetting validate`` reports.
``--format markdown`` prints ``docs/rules.md`` exactly (a test keeps the two identical);
``--format json`` is for tools. Naming rules shows only those (a typo gets a suggestion).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping

from vetting.exitcodes import ExitCode
from vetting.problems import RuleInfo, did_you_mean

FORMATS = ("text", "markdown", "json")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("rule", nargs="*", metavar="RULE", help="show only these rules")
    parser.add_argument("--format", choices=FORMATS, default="text", help="how to print them")


def run(args: argparse.Namespace, name: str) -> int:
    from vetting.validation.catalog import all_rules, families

    known = all_rules()
    unknown = [rule for rule in args.rule if rule not in known]
    if unknown:
        for rule in unknown:
            guess = did_you_mean(rule, known)
            hint = f"; {guess}" if guess else ""
            print(f"vetting rules: there is no rule called `{rule}`{hint}", file=sys.stderr)
        return ExitCode.PROBLEMS
    wanted = set(args.rule)
    chosen = (
        (title, {rule: info for rule, info in rules.items() if not wanted or rule in wanted})
        for title, rules in families()
    )
    groups: list[tuple[str, Mapping[str, RuleInfo]]] = [(t, rules) for t, rules in chosen if rules]
    render = {"text": as_text, "markdown": as_markdown, "json": as_json}[args.format]
    sys.stdout.write(render(groups))
    return ExitCode.OK


Groups = list[tuple[str, Mapping[str, RuleInfo]]]


def as_text(groups: Groups) -> str:
    lines: list[str] = []
    for title, rules in groups:
        lines += [title, "=" * len(title)]
        for rule, info in rules.items():
            lines.append(f"{rule} ({info.level.value}): {info.meaning}")
            lines += _indented("problem", info.bad)
            lines += _indented("fixed", info.good)
            if not info.can_disable:
                lines.append("    (cannot be turned off with a disable comment)")
        lines.append("")
    return "\n".join(lines)


def _indented(label: str, example: str) -> list[str]:
    first, *rest = example.splitlines() or [""]
    pad = " " * (len(label) + 6)
    return [f"    {label}: {first}", *(pad + line for line in rest)]


def as_markdown(groups: Groups) -> str:
    count = sum(len(rules) for _title, rules in groups)
    lines = [
        "# Rules",
        "",
        "<!-- Made by `vetting rules --format markdown > docs/rules.md`; do not edit by hand."
        " Each rule's entry lives beside the code that reports it. -->",
        "",
        f"Every rule `vetting validate` (and `vetting score`) can report: {count} in all. "
        "Each has a stable id, shown in brackets after every problem, a level (an **error** "
        "fails the run; a **warning** fails it only with `--strict`), what it means, and an "
        "example of the problem and of its fix.",
        "",
        "To turn a rule off on one line, end the line with `# vetting: disable=RULE` (or put "
        "the comment on the line before). Warnings can also be turned off for a whole project "
        "with `disable = [...]` in `[tool.vetting]`. Rules marked *always on* cannot be "
        "turned off: without them the file cannot be read safely.",
        "",
    ]
    for title, rules in groups:
        lines += [f"## {title}", ""]
        for rule, info in rules.items():
            always = ", always on" if not info.can_disable else ""
            lines += [
                f"### `{rule}`",
                "",
                f"**{info.level.value}**{always}: {info.meaning}.",
                "",
                "Problem:",
                "",
                "```yaml",
                info.bad,
                "```",
                "",
                "Fixed:",
                "",
                "```yaml",
                info.good,
                "```",
                "",
            ]
    return "\n".join(lines)


def as_json(groups: Groups) -> str:
    document = [
        {
            "rule": rule,
            "family": title,
            "level": info.level.value,
            "meaning": info.meaning,
            "bad": info.bad,
            "good": info.good,
            "can_disable": info.can_disable,
        }
        for title, rules in groups
        for rule, info in rules.items()
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
