"""Classify the changes between two versions of a checklist.

Saved sessions record the checklist version they were answered against. A change that
can alter someone's result (an item or option removed, a kind changed, points, weights,
severities, flags, conditions or band limits changed, a new required item) is
*incompatible* and needs a version bump; wording, help, citations and new optional
items are *compatible*. ``vetting diff`` and ``vetting validate --against`` use this.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from vetting.checklist.model import Band, Checklist, Item, Option, Section


class Impact(StrEnum):
    COMPATIBLE = "compatible"
    INCOMPATIBLE = "incompatible"


@dataclass(frozen=True, slots=True)
class Change:
    impact: Impact
    where: str  # "item `fees_clear`", "band `low`", ...
    what: str  # plain words: "points of option `yes` changed from 2 to 3"

    def describe(self) -> str:
        return f"{self.impact.value}: {self.where}: {self.what}"


@dataclass(frozen=True, slots=True)
class Comparison:
    old_version: str
    new_version: str
    changes: tuple[Change, ...]

    @property
    def incompatible(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.impact is Impact.INCOMPATIBLE)

    @property
    def version_bumped(self) -> bool:
        return version_key(self.new_version) > version_key(self.old_version)

    @property
    def needs_bump(self) -> bool:
        """True when the result of a saved session could change but the version did not rise."""
        return bool(self.incompatible) and not self.version_bumped


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Order "1.9.0" < "1.10.0" < "2.0"; non-numeric parts compare as text after numbers."""
    parts = re.split(r"[.\-+]", version.strip())
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def compare(old: Checklist, new: Checklist) -> Comparison:
    changes = [*_metadata_changes(old, new), *_section_changes(old, new)]
    changes += _band_changes("checklist", old.bands, new.bands)
    changes += _outcome_changes(old, new)
    return Comparison(old.version, new.version, tuple(changes))


def _compatible(where: str, what: str) -> Change:
    return Change(Impact.COMPATIBLE, where, what)


def _incompatible(where: str, what: str) -> Change:
    return Change(Impact.INCOMPATIBLE, where, what)


def _metadata_changes(old: Checklist, new: Checklist) -> Iterator[Change]:
    if old.id != new.id:
        yield _incompatible("checklist", f"id changed from `{old.id}` to `{new.id}`")
    if old.kind != new.kind:
        yield _incompatible("checklist", f"kind changed from {old.kind.value} to {new.kind.value}")
    for name in ("title", "summary", "audience", "disclaimer", "last_reviewed", "language"):
        if getattr(old, name) != getattr(new, name):
            yield _compatible("checklist", f"{name.replace('_', ' ')} changed")
    if old.safety != new.safety:
        yield _compatible("checklist", "safety block changed")
    if old.sources != new.sources or old.authors != new.authors:
        yield _compatible("checklist", "sources or authors changed")


def _section_changes(old: Checklist, new: Checklist) -> Iterator[Change]:
    old_sections = {s.id: s for s in old.sections}
    new_sections = {s.id: s for s in new.sections}
    for section_id in old_sections.keys() - new_sections.keys():
        yield _incompatible(f"section `{section_id}`", "section removed")
    for section_id in new_sections.keys() - old_sections.keys():
        yield _compatible(f"section `{section_id}`", "section added")
    for section_id in old_sections.keys() & new_sections.keys():
        yield from _one_section(old_sections[section_id], new_sections[section_id])
    yield from _item_changes(old, new)


def _one_section(old: Section, new: Section) -> Iterator[Change]:
    where = f"section `{old.id}`"
    if (old.title, old.intro) != (new.title, new.intro):
        yield _compatible(where, "title or introduction changed")
    if old.show_if != new.show_if:
        yield _incompatible(where, "the condition for showing it changed")
    yield from _band_changes(where, old.bands, new.bands)


def _item_changes(old: Checklist, new: Checklist) -> Iterator[Change]:
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    for item_id in sorted(old_items.keys() - new_items.keys()):
        yield _incompatible(f"item `{item_id}`", "item removed")
    for item_id in sorted(new_items.keys() - old_items.keys()):
        item = new_items[item_id]
        if item.required:
            yield _incompatible(f"item `{item_id}`", "new required item")
        else:
            yield _compatible(f"item `{item_id}`", "new optional item")
    for item_id in sorted(old_items.keys() & new_items.keys()):
        yield from _one_item(old_items[item_id], new_items[item_id])


def _one_item(old: Item, new: Item) -> Iterator[Change]:
    where = f"item `{old.id}`"
    if old.kind != new.kind:
        yield _incompatible(where, f"kind changed from {old.kind.value} to {new.kind.value}")
        return
    if (old.text, old.help, old.placeholder) != (new.text, new.help, new.placeholder):
        yield _compatible(where, "wording or help changed")
    if old.references != new.references:
        yield _compatible(where, "citations changed")
    scoring_fields = {
        "weight": (old.weight, new.weight),
        "severity": (
            old.severity.value if old.severity else None,
            new.severity.value if new.severity else None,
        ),
        "scale": (old.scale, new.scale),
        "condition for showing it": (old.show_if, new.show_if),
        "'not sure' choice": (old.allow_unsure, new.allow_unsure),
        "'doesn't apply' choice": (old.allow_not_applicable, new.allow_not_applicable),
    }
    for name, (before, after) in scoring_fields.items():
        if before != after:
            yield _incompatible(where, f"{name} changed")
    if not old.required and new.required:
        yield _incompatible(where, "became required")
    yield from _option_changes(where, old.options, new.options)


def _option_changes(
    where: str, old: tuple[Option, ...], new: tuple[Option, ...]
) -> Iterator[Change]:
    old_options = {o.value: o for o in old}
    new_options = {o.value: o for o in new}
    for value in sorted(old_options.keys() - new_options.keys()):
        yield _incompatible(where, f"option `{value}` removed")
    for value in sorted(new_options.keys() - old_options.keys()):
        yield _incompatible(where, f"option `{value}` added (it changes the highest score)")
    for value in sorted(old_options.keys() & new_options.keys()):
        before, after = old_options[value], new_options[value]
        if (before.label, before.help) != (after.label, after.help):
            yield _compatible(where, f"wording of option `{value}` changed")
        if before.points != after.points:
            yield _incompatible(
                where,
                f"points of option `{value}` changed from {before.points:g} to {after.points:g}",
            )
        if (before.flag, before.crisis) != (after.flag, after.crisis):
            yield _incompatible(
                where, f"whether option `{value}` raises a flag or the safety block changed"
            )
        if before.outcomes != after.outcomes:
            yield _incompatible(where, f"outcome points of option `{value}` changed")


def _band_changes(where: str, old: tuple[Band, ...], new: tuple[Band, ...]) -> Iterator[Change]:
    old_bands = {b.id: b for b in old}
    new_bands = {b.id: b for b in new}
    for band_id in sorted(old_bands.keys() ^ new_bands.keys()):
        verb = "removed" if band_id in old_bands else "added"
        yield _incompatible(where, f"band `{band_id}` {verb}")
    for band_id in sorted(old_bands.keys() & new_bands.keys()):
        before, after = old_bands[band_id], new_bands[band_id]
        if (before.min, before.max, before.when_flag) != (after.min, after.max, after.when_flag):
            yield _incompatible(where, f"limits of band `{band_id}` changed")
        if (before.label, before.meaning, before.next_steps) != (
            after.label,
            after.meaning,
            after.next_steps,
        ):
            yield _compatible(where, f"wording of band `{band_id}` changed")


def _outcome_changes(old: Checklist, new: Checklist) -> Iterator[Change]:
    old_outcomes = {o.id: o for o in old.outcomes}
    new_outcomes = {o.id: o for o in new.outcomes}
    for outcome_id in sorted(old_outcomes.keys() - new_outcomes.keys()):
        yield _incompatible(f"outcome `{outcome_id}`", "outcome removed")
    for outcome_id in sorted(new_outcomes.keys() - old_outcomes.keys()):
        yield _compatible(f"outcome `{outcome_id}`", "outcome added")
    for outcome_id in sorted(old_outcomes.keys() & new_outcomes.keys()):
        if old_outcomes[outcome_id] != new_outcomes[outcome_id]:
            yield _compatible(f"outcome `{outcome_id}`", "wording changed")
