"""Small builders for :class:`vetting.checklist.model.Checklist` objects in test code.

Tests of scoring, answers and reports need many tiny checklists. Building them from frozen
dataclasses directly is noisy, and going through YAML hides what a test is about, so these
helpers fill in every field a test does not care about::

    checklist = make_checklist(
        sections=[section("s", yes_no("touch", severity="critical", points=10))],
        bands=[flag_band("urgent", "critical"), *score_bands()],
    )

Everything here is plain model objects; nothing is validated. Other test modules may use
these helpers too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from vetting.checklist.model import (
    DEFAULT_MIN_KNOWN,
    Advice,
    Alert,
    Author,
    Band,
    Checklist,
    ChecklistKind,
    Condition,
    Expectation,
    GoldenTest,
    Item,
    ItemKind,
    Option,
    Outcome,
    Resource,
    Rule,
    Safety,
    Scale,
    Section,
    Severity,
    Source,
    Step,
    When,
)

SAFETY = Safety(
    message="If you are in danger, help is available right now.",
    resources=(
        Resource(
            name="988 Suicide & Crisis Lifeline",
            contact="Call or text 988",
            url="https://988lifeline.org",
            hours="24 hours a day",
        ),
    ),
)


def _severity(value: str | Severity | None) -> Severity | None:
    return None if value is None else Severity(value)


def _show_if(
    show_if: When | Mapping[str, Any] | None,
) -> When | None:
    """Accept a When, or ``{"all": [("item", "value"), ...]}`` / ``{"any": [...]}``."""
    if show_if is None or isinstance(show_if, When):
        return show_if
    return When(
        all=tuple(Condition(item, (equals,)) for item, equals in show_if.get("all", ())),
        any=tuple(Condition(item, (equals,)) for item, equals in show_if.get("any", ())),
    )


def when(item: str, equals: str | int) -> When:
    """``show_if: {all: [{item: ..., equals: ...}]}`` with one condition."""
    return When(all=(Condition(item, (equals,)),))


def option(
    value: str,
    label: str | None = None,
    *,
    points: float = 0,
    flag: bool = False,
    crisis: bool = False,
    outcomes: Mapping[str, float] | None = None,
    help: str | None = None,
) -> Option:
    """One option; the label defaults to the value with a capital letter."""
    return Option(
        value=value,
        label=label if label is not None else value.replace("_", " ").capitalize(),
        points=points,
        flag=flag,
        crisis=crisis,
        outcomes=tuple((outcomes or {}).items()),
        help=help,
    )


def _item(item_id: str, kind: ItemKind, text: str | None, **fields: Any) -> Item:
    show_if = _show_if(fields.pop("show_if", None))
    severity = _severity(fields.pop("severity", None))
    return Item(
        id=item_id,
        kind=kind,
        text=text if text is not None else f"Question {item_id}?",
        show_if=show_if,
        severity=severity,
        **fields,
    )


def yes_no(
    item_id: str,
    text: str | None = None,
    *,
    severity: str | Severity | None = None,
    flag_on: str | None = "yes",
    points: float = 1,
    crisis_on: str | None = None,
    outcomes_yes: Mapping[str, float] | None = None,
    outcomes_no: Mapping[str, float] | None = None,
    **fields: Any,
) -> Item:
    """A yes/no item: ``flag_on`` gets the flag (when there is a severity) and ``points``."""
    options = []
    for value, outs in (("yes", outcomes_yes), ("no", outcomes_no)):
        hit = value == flag_on
        options.append(
            option(
                value,
                value.capitalize(),
                points=points if hit else 0,
                flag=hit and severity is not None,
                crisis=value == crisis_on,
                outcomes=outs,
            )
        )
    return _item(
        item_id, ItemKind.YES_NO, text, severity=severity, options=tuple(options), **fields
    )


def single(
    item_id: str,
    options: Sequence[Option],
    text: str | None = None,
    *,
    severity: str | Severity | None = None,
    **fields: Any,
) -> Item:
    """Pick one of ``options`` (see :func:`option`)."""
    return _item(
        item_id, ItemKind.SINGLE, text, severity=severity, options=tuple(options), **fields
    )


def multiple(
    item_id: str,
    options: Sequence[Option],
    text: str | None = None,
    *,
    severity: str | Severity | None = None,
    **fields: Any,
) -> Item:
    """Pick any of ``options`` (see :func:`option`)."""
    return _item(
        item_id, ItemKind.MULTIPLE, text, severity=severity, options=tuple(options), **fields
    )


def scale(
    item_id: str,
    low: int = 1,
    high: int = 5,
    text: str | None = None,
    *,
    reverse: bool = False,
    flag_at_or_above: int | None = None,
    flag_at_or_below: int | None = None,
    severity: str | Severity | None = None,
    **fields: Any,
) -> Item:
    """A scale from ``low`` to ``high`` with plain end labels."""
    return _item(
        item_id,
        ItemKind.SCALE,
        text,
        severity=severity,
        scale=Scale(
            min=low,
            max=high,
            min_label="Not at all",
            max_label="Very much",
            reverse=reverse,
            flag_at_or_above=flag_at_or_above,
            flag_at_or_below=flag_at_or_below,
        ),
        **fields,
    )


def note(item_id: str, text: str | None = None, **fields: Any) -> Item:
    """A free-text note (never scored)."""
    return _item(item_id, ItemKind.NOTE, text, **fields)


def section(
    section_id: str,
    *items: Item,
    title: str | None = None,
    show_if: When | Mapping[str, Any] | None = None,
    bands: Sequence[Band] = (),
) -> Section:
    return Section(
        id=section_id,
        title=title if title is not None else f"Section {section_id}",
        items=tuple(items),
        show_if=_show_if(show_if),
        bands=tuple(bands),
    )


def band(
    band_id: str,
    low: float | None = None,
    high: float | None = None,
    *,
    when_flag: str | Severity | None = None,
    at_least: int = 1,
    when_unsure: str | Severity | None = None,
    when_clear: bool = False,
    next_steps: Sequence[str | Step] = (),
    label: str | None = None,
) -> Band:
    """A score band ``[low, high)``, or a condition band (``when_flag``, ``when_unsure``,
    ``when_clear``)."""
    return Band(
        id=band_id,
        label=label if label is not None else f"Band {band_id}",
        meaning=f"What band {band_id} means.",
        next_steps=steps(next_steps),
        min=low,
        max=high,
        when_flag=_severity(when_flag),
        at_least=at_least,
        when_unsure=_severity(when_unsure),
        when_clear=when_clear,
    )


def steps(entries: Sequence[str | Step]) -> tuple[Step, ...]:
    """Next steps or questions: plain text becomes an unconditional :class:`Step`."""
    return tuple(Step(e) if isinstance(e, str) else e for e in entries)


def flag_band(band_id: str, severity: str | Severity, **fields: Any) -> Band:
    return band(band_id, when_flag=severity, **fields)


def score_bands(*edges: float) -> list[Band]:
    """Score bands ``low``/``mid``/``high``... between consecutive ``edges`` (default 0-50-100)."""
    cuts = edges or (0, 50, 100)
    names = ["low", "mid", "high", "top", "peak"] if len(cuts) > 3 else ["low", "high"]
    return [band(names[k], cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]


def outcome(
    outcome_id: str,
    *,
    next_steps: Sequence[str | Step] = (),
    questions: Sequence[str | Step] = (),
    title: str | None = None,
) -> Outcome:
    return Outcome(
        id=outcome_id,
        title=title if title is not None else f"Outcome {outcome_id}",
        summary=f"When {outcome_id} fits.",
        next_steps=steps(next_steps),
        questions_to_ask=steps(questions),
    )


def golden(
    name: str,
    answers: Mapping[str, Any],
    *,
    band: str | None = None,
    flags: Iterable[str] | None = None,
    top_outcome: str | None = None,
    crisis: bool | None = None,
    section_bands: Mapping[str, str] | None = None,
) -> GoldenTest:
    return GoldenTest(
        name=name,
        answers=tuple(answers.items()),
        expect=Expectation(
            band=band,
            flags=None if flags is None else tuple(flags),
            top_outcome=top_outcome,
            crisis=crisis,
            section_bands=tuple((section_bands or {}).items()),
        ),
    )


def make_checklist(
    sections: Sequence[Section] | None = None,
    *,
    items: Sequence[Item] = (),
    bands: Sequence[Band] = (),
    outcomes: Sequence[Outcome] = (),
    tests: Sequence[GoldenTest] = (),
    kind: str | ChecklistKind | None = None,
    checklist_id: str = "test_list",
    version: str = "1.0.0",
    content_hash: str = "sha256:" + "0" * 64,
    title: str = "Test checklist",
    disclaimer: str = "This is not medical or legal advice.",
    sources: Sequence[Source] = (),
    rules: Sequence[Rule] = (),
    alerts: Sequence[Alert] = (),
    advice: Sequence[Advice] = (),
    min_known: float = DEFAULT_MIN_KNOWN,
) -> Checklist:
    """A checklist; ``items`` alone puts them in one section called ``main``.

    ``kind`` defaults to ``choice`` when there are outcomes, else ``red-flags``.
    """
    all_sections = list(sections or ())
    if items:
        all_sections.append(section("main", *items))
    if kind is None:
        kind = ChecklistKind.CHOICE if outcomes else ChecklistKind.RED_FLAGS
    return Checklist(
        id=checklist_id,
        kind=ChecklistKind(kind),
        title=title,
        version=version,
        summary="A checklist for tests.",
        audience="Tests.",
        language="en",
        authors=(Author(name="A. Tester"),),
        last_reviewed="2026-01-01",
        disclaimer=disclaimer,
        sources=tuple(sources),
        safety=SAFETY,
        sections=tuple(all_sections),
        bands=tuple(bands),
        outcomes=tuple(outcomes),
        tests=tuple(tests),
        content_hash=content_hash,
        rules=tuple(rules),
        alerts=tuple(alerts),
        advice=tuple(advice),
        min_known=min_known,
    )
