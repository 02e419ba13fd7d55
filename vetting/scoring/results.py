"""What scoring returns: the result a person is told about, as plain immutable records.

Named tuples, like the model's records (cheaper to create at import time than dataclasses;
see :mod:`vetting.checklist.model`).
"""

from typing import Any, NamedTuple

from vetting.checklist.model import (
    Advice,
    Alert,
    AnswerValue,
    Band,
    Outcome,
    Rule,
    Severity,
)


class Flag(NamedTuple):
    """A raised red flag: the item, how serious it is, and the answer that raised it."""

    item_id: str
    severity: Severity
    answer: AnswerValue


class Contribution(NamedTuple):
    """One answer behind an outcome's points ("because you answered ...")."""

    item_id: str
    item_text: str
    answer: AnswerValue
    answer_label: str
    points: float


class OutcomeScore(NamedTuple):
    outcome: Outcome
    points: float
    because: tuple[Contribution, ...]


class SectionResult(NamedTuple):
    """A section's own score; ``percent``/``band`` are None when nothing in it counted."""

    id: str
    title: str
    percent: float | None
    total: float
    lowest: float
    highest: float
    band: Band | None
    flags: tuple[Flag, ...] = ()
    shown: bool = True


class Completeness(NamedTuple):
    """How much of what was shown is known (notes are not counted).

    ``known`` are real answers; "not sure", "doesn't apply" and skipped are counted on
    their own, and "doesn't apply" is left out of the known share.
    """

    shown: int
    known: int
    unsure: int
    not_applicable: int
    skipped: int

    @property
    def answered(self) -> int:
        """Any answer at all, "not sure" and "doesn't apply" included."""
        return self.known + self.unsure + self.not_applicable

    @property
    def fraction(self) -> float:
        """The known share: known ÷ (shown − doesn't apply); 0 when nothing could be known."""
        could_know = self.shown - self.not_applicable
        return self.known / could_know if could_know > 0 else 0.0


class Result(NamedTuple):
    """Everything a person is told about one set of answers (see docs/format.md).

    ``best`` is the recommended first step of a choice checklist: one outcome, several
    when they tie, none when too little is known. ``fired`` are the decision rules that
    held, ``alerts`` the notices they raised, ``advice`` the advice entries that apply.
    """

    checklist_id: str
    checklist_version: str
    percent: float | None
    total: float
    lowest: float
    highest: float
    band: Band | None
    sections: tuple[SectionResult, ...]
    flags: tuple[Flag, ...]
    unsure_flags: tuple[str, ...]
    crisis: bool
    outcomes: tuple[OutcomeScore, ...]
    best: tuple[Outcome, ...]
    ruled_out: tuple[Outcome, ...]
    fired: tuple[Rule, ...]
    alerts: tuple[Alert, ...]
    completeness: Completeness
    enough_known: bool
    next_steps: tuple[str, ...]
    questions: tuple[str, ...]
    advice: tuple[Advice, ...]

    @property
    def top_outcome(self) -> Outcome | None:
        """The one best fit; None when there is none or several tie."""
        return self.best[0] if len(self.best) == 1 else None

    @property
    def tie(self) -> bool:
        return len(self.best) > 1

    @property
    def most_severe(self) -> Severity | None:
        """The most serious raised flag's severity, or None without flags."""
        return self.flags[0].severity if self.flags else None

    def reasons_for(self, outcome_id: str) -> tuple[str, ...]:
        """Why the rules put ``outcome_id`` first or ruled it out, in the rules' order."""
        return tuple(
            rule.reason
            for rule in self.fired
            if outcome_id in rule.put_first or outcome_id in rule.rule_out
        )


class GoldenFailure(NamedTuple):
    """One field of one golden test whose result differs from what the test expects.

    ``field`` is ``band``, ``flags``, ``top_outcome``, ``crisis``, ``rules``, ``alerts``,
    ``ruled_out``, ``advice``, ``enough_known`` or ``section_bands.<section id>``.
    ``result`` is the whole result, so a report can say where the answers landed.
    """

    test_name: str
    field: str
    expected: Any
    actual: Any
    result: Result | None = None
