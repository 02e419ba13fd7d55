"""What every semantic rule sees, and the small helpers they share.

A rule is a generator over a :class:`RuleContext` that yields
:class:`~vetting.problems.Problem` values with a stable rule id, a level, the document path
and the line and column of that path.
"""

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

from vetting.checklist.model import Checklist, Item, When
from vetting.problems import DocPath, Level, Problem, RuleInfo


class Locator(Protocol):
    def locate(self, path: DocPath) -> tuple[int, int] | None: ...


class RuleContext(NamedTuple):
    """The model, the raw data (for paths), how to find lines, and the rules' levels."""

    checklist: Checklist
    file: str = "<checklist>"
    data: Mapping[str, Any] = MappingProxyType({})
    doc: Locator | None = None
    ethics: Mapping[str, Any] | None = None
    levels: Mapping[str, Level] = MappingProxyType({})

    def problem(
        self,
        rule: str,
        path: DocPath,
        message: str,
        suggestion: str | None = None,
        level: Level | None = None,
        *,
        at_key: bool = False,
    ) -> Problem:
        """A Problem at ``path`` (its key with ``at_key``); else the nearest parent, or 1:1."""
        line, column = self._where(path, at_key)
        return Problem(
            file=self.file,
            line=line,
            column=column,
            rule=rule,
            message=message,
            level=level or self.levels.get(rule, Level.ERROR),
            path=path,
            suggestion=suggestion,
        )

    def _where(self, path: DocPath, at_key: bool) -> tuple[int, int]:
        if self.doc is not None:
            locate_key = getattr(self.doc, "locate_key", None)
            if at_key and locate_key is not None:
                found = locate_key(path)
                if found:
                    return found
            for end in range(len(path), 0, -1):
                found = self.doc.locate(path[:end])
                if found:
                    return found
        return 1, 1

    def option_path(self, si: int, ii: int, value: str) -> DocPath:
        """Path of option ``value`` as written (yes_no options may be implicit)."""
        base: DocPath = ("sections", si, "items", ii)
        raw = get(self.data, (*base, "options"))
        if isinstance(raw, list):
            for index, option in enumerate(raw):
                if isinstance(option, Mapping) and option.get("value") == value:
                    return (*base, "options", index)
        return base

    def raw(self, path: DocPath) -> Any:
        """The value written at ``path`` in the file (None when absent)."""
        return get(self.data, path)


__all__ = ["Owned", "Rule", "RuleContext", "RuleInfo", "all_conditions", "get", "positions"]

Rule = Callable[[RuleContext], Iterator[Problem]]


def get(data: Any, path: DocPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def positions(checklist: Checklist) -> list[tuple[int, int, Item]]:
    """(section index, item index, item) for every item, in order."""
    return [
        (si, ii, item) for si, s in enumerate(checklist.sections) for ii, item in enumerate(s.items)
    ]


class Owned(NamedTuple):
    """A condition somewhere in a checklist: where it is, whose it is, and how it is read.

    ``earlier_only``: it is read while the person answers (``show_if``, wording
    variants), so it may only look at items before ``position`` (an index over all
    items; sections use the index of their first item). Otherwise (rules, advice, next
    steps) it is read once all answers are in and may look anywhere.
    """

    when: When
    path: DocPath  # of the `when` / `show_if` mapping
    owner: str  # "item `x`", "rule `y`", ...
    earlier_only: bool
    position: int


def all_conditions(checklist: Checklist) -> Iterator[Owned]:
    """Every condition in the checklist, with where it is."""
    index = 0
    for si, section in enumerate(checklist.sections):
        base: DocPath = ("sections", si)
        if section.show_if is not None:
            yield Owned(section.show_if, (*base, "show_if"), f"section `{section.id}`", True, index)
        for bi, band in enumerate(section.bands):
            yield from _step_conditions(
                band.next_steps,
                (*base, "bands", bi, "next_steps"),
                f"band `{band.id}` of section `{section.id}`",
            )
        for ii, item in enumerate(section.items):
            path: DocPath = (*base, "items", ii)
            if item.show_if is not None:
                yield Owned(item.show_if, (*path, "show_if"), f"item `{item.id}`", True, index)
            for vi, variant in enumerate(item.variants):
                yield Owned(
                    variant.when,
                    (*path, "variants", vi, "when"),
                    f"wording {vi + 1} of item `{item.id}`",
                    True,
                    index,
                )
            index += 1
    for bi, band in enumerate(checklist.bands):
        yield from _step_conditions(
            band.next_steps, ("bands", bi, "next_steps"), f"band `{band.id}`"
        )
    for oi, outcome in enumerate(checklist.outcomes):
        yield from _step_conditions(
            outcome.next_steps, ("outcomes", oi, "next_steps"), f"outcome `{outcome.id}`"
        )
        yield from _step_conditions(
            outcome.questions_to_ask,
            ("outcomes", oi, "questions_to_ask"),
            f"outcome `{outcome.id}`",
        )
    for ri, rule in enumerate(checklist.rules):
        yield Owned(rule.when, ("rules", ri, "when"), f"rule `{rule.id}`", False, index)
    for ai, advice in enumerate(checklist.advice):
        if advice.when is not None:
            yield Owned(advice.when, ("advice", ai, "when"), f"advice `{advice.id}`", False, index)


def _step_conditions(steps: Any, base: DocPath, owner: str) -> Iterator[Owned]:
    for k, step in enumerate(steps):
        if step.when is not None:
            yield Owned(step.when, (*base, k, "when"), f"step {k + 1} of {owner}", False, 0)
