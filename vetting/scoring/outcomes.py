"""Which outcome a choice checklist recommends first, and why.

Points rank the outcomes; decision rules come before points. An outcome a fired rule
rules out is never the first step (it is listed last, with the rule's reason); outcomes a
rule puts first come before every other, whatever the points. When rules disagree, the
careful one wins: ruled out beats put first.

The best fit is named only when enough is known (or a rule decided), and outcomes with
equal points are a tie, said as a tie: the order they are written in never decides.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from vetting.checklist.model import AnswerValue, Checklist, Item, Option, Outcome, Rule
from vetting.scoring.results import Contribution, OutcomeScore

#: Points closer than this are equal (sums of decimals such as 0.1 + 0.2 round apart).
_EPS = 1e-9


class Counted(NamedTuple):
    """A counted answer whose picks give outcome points, and the text the person read."""

    item: Item
    text: str
    answer: AnswerValue
    picked: tuple[Option, ...]


def outcome_scores(checklist: Checklist, counted: Sequence[Counted]) -> list[OutcomeScore]:
    """Each outcome's points from the counted answers, in the order written."""
    because: dict[str, list[Contribution]] = {o.id: [] for o in checklist.outcomes}
    for item, text, answer, picked in counted:
        gained: dict[str, tuple[float, list[str]]] = {}
        for option in picked:
            for outcome_id, points in option.outcomes:
                if points and outcome_id in because:
                    so_far, labels = gained.get(outcome_id, (0.0, []))
                    gained[outcome_id] = (so_far + float(points) * item.weight, labels)
                    if option.label not in labels:
                        labels.append(option.label)
        for outcome_id, (points, labels) in gained.items():
            label = ", ".join(labels)  # only the picks that gave this outcome points
            because[outcome_id].append(Contribution(item.id, text, answer, label, points))
    return [
        OutcomeScore(o, float(sum(c.points for c in because[o.id])), tuple(because[o.id]))
        for o in checklist.outcomes
    ]


class Ranking:
    """Outcomes in the order shown (put first, then by points, then ruled out), the best fit
    (one, a tie, or none) and those ruled out."""

    __slots__ = ("best", "ranked", "ruled_out")

    def __init__(self, scores: Sequence[OutcomeScore], fired: Sequence[Rule], enough: bool):
        ruled_out = {oid for rule in fired for oid in rule.rule_out}
        put_first = {oid for rule in fired for oid in rule.put_first} - ruled_out
        first = _by_points(s for s in scores if s.outcome.id in put_first)
        rest = _by_points(s for s in scores if s.outcome.id not in put_first | ruled_out)
        out = [s for s in scores if s.outcome.id in ruled_out]
        self.ranked: tuple[OutcomeScore, ...] = (*first, *rest, *out)
        rest = [s for s in rest if s.points > 0]
        self.ruled_out: tuple[Outcome, ...] = tuple(s.outcome for s in out)
        if first:
            self.best = _leaders(first)
        elif rest and enough:
            self.best = _leaders(rest)
        else:
            self.best = ()


def _by_points(scores: Iterable[OutcomeScore]) -> list[OutcomeScore]:
    return sorted(scores, key=lambda s: -s.points)  # stable: equal points keep file order


def _leaders(ranked: Sequence[OutcomeScore]) -> tuple[Outcome, ...]:
    """The first outcome and every other with the same points (a tie)."""
    top = ranked[0].points
    return tuple(s.outcome for s in ranked if abs(s.points - top) <= _EPS)
