"""The checklist model: frozen, typed, and free of any I/O or terminal code.

A :class:`Checklist` is only ever built (by :mod:`vetting.checklist.build`) from a
document that already passed the JSON Schema, so the types here can be strict
and every consumer (scoring, the CLI, the app, reports) can trust them.

Answer values are plain JSON types so a saved session is always JSON:

* ``yes_no``   -> ``"yes"`` or ``"no"``
* ``single``   -> one option value (``str``)
* ``multiple`` -> a list of option values (``list[str]``)
* ``scale``    -> an ``int`` between ``scale.min`` and ``scale.max``
* ``note``     -> any ``str`` (never scored)
* and, where the item allows them, the two special answers
  :data:`UNSURE` and :data:`NOT_APPLICABLE` (never "no", never safe).

The leaf records (everything but :class:`Checklist`) are ``NamedTuple`` classes, not
dataclasses: creating a dataclass compiles generated source and cost about 0.7 ms per
class at every start of ``vetting run`` and ``vetting validate``, a named tuple about a
fifth of that. They stay immutable and hashable; copy one with ``record._replace(...)``.
Being tuples, they compare equal to a tuple of the same values, so code that walks
values must test ``hasattr(value, "_fields")`` before treating a tuple as a plain one.
"""

# No ``from __future__ import annotations`` here: NamedTuple turns every string annotation
# into a ForwardRef it compiles, which cost a millisecond at every start-up.
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, TypeAlias

UNSURE = "unsure"
NOT_APPLICABLE = "not_applicable"
SPECIAL_ANSWERS = (UNSURE, NOT_APPLICABLE)

#: The share of questions that need a real answer before a result speaks confidently.
DEFAULT_MIN_KNOWN = 0.5

AnswerValue: TypeAlias = str | int | list[str]
Answers: TypeAlias = dict[str, AnswerValue]


class ChecklistKind(StrEnum):
    """What a checklist is for; it decides how the result is presented."""

    RED_FLAGS = "red-flags"
    CHOICE = "choice"
    FIT = "fit"


class ItemKind(StrEnum):
    YES_NO = "yes_no"
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    NOTE = "note"


class Severity(StrEnum):
    """How serious a red flag is. Order matters: later is more serious."""

    INFO = "info"
    CAUTION = "caution"
    SERIOUS = "serious"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_ORDER = (Severity.INFO, Severity.CAUTION, Severity.SERIOUS, Severity.CRITICAL)


class Reference(NamedTuple):
    """An ethics-code citation (code + edition + section) and/or a link."""

    code: str | None = None  # "ACA", "APA", "NASW", "AAMFT"
    edition: str | None = None  # "2014"
    section: str | None = None  # "A.5.a"
    title: str | None = None
    url: str | None = None

    def describe(self) -> str:
        """One line for people: "ACA Code of Ethics (2014), section A.5.a"."""
        parts: list[str] = []
        if self.code:
            head = self.code + (f" ({self.edition})" if self.edition else "")
            parts.append(head + (f", section {self.section}" if self.section else ""))
        if self.title:
            parts.append(self.title)
        if self.url:
            parts.append(self.url)
        return " - ".join(parts)


class Source(NamedTuple):
    title: str
    url: str | None = None
    note: str | None = None


class Condition(NamedTuple):
    """One test of a condition (see docs/format.md, "Conditions").

    Either an item's answer (``values``: its answer is one of these; for ``multiple``, one
    of them is among the picks; ``flagged``: the answer raises the item's flag), any raised
    flag of at least a severity (``flag_at_least``), or, after scoring, a section's band
    (``section`` and ``band``). ``equals: v`` in a file is
    ``values=(v,)``, ``one_of: [a, b]`` is ``values=(a, b)``.
    """

    item: str | None = None
    values: tuple[str | int, ...] = ()
    flagged: bool = False
    section: str | None = None
    band: str | None = None
    flag_at_least: Severity | None = None  # any raised flag this serious or more


class When(NamedTuple):
    """Holds when every ``all`` condition holds and at least ``at_least`` of ``any`` do.

    Empty means "always". The same grammar serves ``show_if``, decision rules, advice,
    wording variants and conditional next steps.
    """

    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()
    at_least: int = 1

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.all + self.any


class Step(NamedTuple):
    """A next step or a question to ask, shown only when ``when`` holds (None: always)."""

    text: str
    when: When | None = None


class Variant(NamedTuple):
    """Another wording of a question, used when ``when`` holds (earlier answers only)."""

    when: When
    text: str
    help: str | None = None


class Option(NamedTuple):
    value: str
    label: str
    points: float = 0
    flag: bool = False  # picking it raises the item's red flag
    crisis: bool = False  # picking it shows the safety block at once
    outcomes: tuple[tuple[str, float], ...] = ()  # (outcome id, points)
    help: str | None = None


class Scale(NamedTuple):
    min: int
    max: int
    min_label: str
    max_label: str
    labels: tuple[tuple[int, str], ...] = ()  # optional labels for inner points
    reverse: bool = False  # True: points = max - value, else value - min
    flag_at_or_below: int | None = None
    flag_at_or_above: int | None = None

    def label_for(self, value: int) -> str | None:
        if value == self.min:
            return self.min_label
        if value == self.max:
            return self.max_label
        return dict(self.labels).get(value)


class Item(NamedTuple):
    id: str
    kind: ItemKind
    text: str
    help: str | None = None
    references: tuple[Reference, ...] = ()
    options: tuple[Option, ...] = ()  # yes_no always has exactly "yes" and "no"
    scale: Scale | None = None
    weight: float = 1
    severity: Severity | None = None
    allow_unsure: bool = False
    allow_not_applicable: bool = False
    required: bool = False
    show_if: When | None = None
    placeholder: str | None = None  # for notes
    variants: tuple[Variant, ...] = ()

    @property
    def scored(self) -> bool:
        return self.kind is not ItemKind.NOTE and self.weight > 0

    def option(self, value: str) -> Option | None:
        for option in self.options:
            if option.value == value:
                return option
        return None


class Band(NamedTuple):
    """A result band: a percentage range, or a condition on the flags (docs/format.md).

    ``when_flag`` holds when at least ``at_least`` raised flags are this severe or more;
    ``when_unsure`` when a red-flag question this severe or more was answered "not sure";
    ``when_clear`` when no flag is raised and enough is known. A band with none of them is
    a score band over ``min``..``max``.
    """

    id: str
    label: str
    meaning: str
    next_steps: tuple[Step, ...] = ()
    min: float | None = None  # inclusive percent
    max: float | None = None  # exclusive percent, except 100 which is inclusive
    when_flag: Severity | None = None
    at_least: int = 1
    when_unsure: Severity | None = None
    when_clear: bool = False

    @property
    def is_score_band(self) -> bool:
        return self.when_flag is None and self.when_unsure is None and not self.when_clear


class Section(NamedTuple):
    id: str
    title: str
    items: tuple[Item, ...]
    intro: str | None = None
    show_if: When | None = None
    bands: tuple[Band, ...] = ()


class Outcome(NamedTuple):
    id: str
    title: str
    summary: str
    details: str | None = None  # credential, training and scope in plain words
    questions_to_ask: tuple[Step, ...] = ()
    next_steps: tuple[Step, ...] = ()
    references: tuple[Reference, ...] = ()


class Resource(NamedTuple):
    name: str
    contact: str
    url: str | None = None
    hours: str | None = None
    note: str | None = None


class Safety(NamedTuple):
    message: str
    resources: tuple[Resource, ...]


class Rule(NamedTuple):
    """A decision rule: when ``when`` holds, these answers decide, whatever the points.

    ``rule_out`` outcomes are never the first step and ``put_first`` ones always come
    first (choice checklists); ``band_at_least`` makes the result at least that serious;
    ``alert`` names an alert to show. ``reason`` is what the person reads.
    """

    id: str
    when: When
    reason: str
    rule_out: tuple[str, ...] = ()
    put_first: tuple[str, ...] = ()
    band_at_least: str | None = None
    alert: str | None = None


class Alert(NamedTuple):
    """An urgent, plain notice shown above the result when a rule raises it."""

    id: str
    title: str
    text: str
    resources: tuple[Resource, ...] = ()


class AdviceKind(StrEnum):
    STEP = "step"
    QUESTION = "question"


class Advice(NamedTuple):
    """A practical step (or a question to ask on a first call), shown when ``when`` holds."""

    id: str
    text: str
    kind: AdviceKind = AdviceKind.STEP
    when: When | None = None
    url: str | None = None


class Expectation(NamedTuple):
    band: str | None = None
    flags: tuple[str, ...] | None = None  # exact set of flagged item ids, when given
    top_outcome: str | tuple[str, ...] | None = None  # a tuple: these outcomes tie
    crisis: bool | None = None
    section_bands: tuple[tuple[str, str], ...] = ()  # (section id, band id)
    rules: tuple[str, ...] | None = None  # exact set of fired rule ids
    alerts: tuple[str, ...] | None = None  # exact set of raised alert ids
    ruled_out: tuple[str, ...] | None = None  # exact set of outcomes ruled out
    advice: tuple[str, ...] | None = None  # exact set of advice ids shown
    enough_known: bool | None = None
    # Which of the fields above the test actually wrote, so `band: null` ("no band yet")
    # is checked rather than read as "not given".
    given: frozenset[str] | None = None


class GoldenTest(NamedTuple):
    name: str
    answers: tuple[tuple[str, AnswerValue], ...]
    expect: Expectation

    def answers_dict(self) -> Answers:
        return {
            key: (list(value) if isinstance(value, list) else value) for key, value in self.answers
        }


class Author(NamedTuple):
    name: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    kind: ChecklistKind
    title: str
    version: str
    summary: str
    audience: str
    language: str
    authors: tuple[Author, ...]
    last_reviewed: str  # YYYY-MM-DD, kept as text
    disclaimer: str
    sources: tuple[Source, ...]
    safety: Safety
    sections: tuple[Section, ...]
    bands: tuple[Band, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    tests: tuple[GoldenTest, ...] = ()
    rules: tuple[Rule, ...] = ()
    alerts: tuple[Alert, ...] = ()
    advice: tuple[Advice, ...] = ()
    min_known: float = DEFAULT_MIN_KNOWN
    format: int = 1
    content_hash: str = ""  # sha256 of the file's bytes, filled in by the loader
    _items_by_id: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)
    _section_by_item: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Fresh dicts, even for a copy made by ``dataclasses.replace`` (which passes the
        # original's): a changed copy must never share, or update, the original's lookup.
        object.__setattr__(self, "_items_by_id", {item.id: item for item in self.items})
        by_item = {item.id: section for section in self.sections for item in section.items}
        object.__setattr__(self, "_section_by_item", by_item)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Pickle the content only; the item lookup is rebuilt on the other side.

        ``vetting run`` receives a checklist from the child process that validated it
        (:mod:`vetting.validation.background`).
        """
        return (Checklist, tuple(getattr(self, name) for name in _CONTENT_FIELDS))

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Item | None:
        return self._items_by_id.get(item_id)

    def section_of(self, item_id: str) -> Section | None:
        """The section holding ``item_id`` (a lookup: the take screen asks on every redraw)."""
        return self._section_by_item.get(item_id)

    def outcome(self, outcome_id: str) -> Outcome | None:
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        return None

    def band(self, band_id: str) -> Band | None:
        """A checklist-level band by id."""
        for band in self.bands:
            if band.id == band_id:
                return band
        return None

    def alert(self, alert_id: str) -> Alert | None:
        for alert in self.alerts:
            if alert.id == alert_id:
                return alert
        return None


#: The fields a checklist is made of, in order (not the lookups built from them).
_CONTENT_FIELDS = tuple(name for name in Checklist.__dataclass_fields__ if not name.startswith("_"))
