"""Scoring: pure functions from a checklist and answers to the result a person is told.

Each decision has one home here: whether an answer fits and what it is worth
(:mod:`.answers`), conditions and what is shown (:mod:`.conditions`), how a band is chosen
(:mod:`.bands`), which outcome comes first (:mod:`.outcomes`), the whole result
(:mod:`.engine`, records in :mod:`.results`) and golden tests (:mod:`.golden`). Nothing
here does I/O or imports the validator or the terminal UI.
"""

from vetting.scoring.answers import (
    Misfit,
    answer_label,
    answer_of,
    item_points,
    item_range,
    misfits,
    picked_options,
    raises_flag,
    special_of,
)
from vetting.scoring.bands import choose_band, in_band, strength
from vetting.scoring.conditions import (
    holds,
    item_wording,
    visible_item_ids,
    visible_section_ids,
    walk,
    wording,
)
from vetting.scoring.engine import percent_of, score
from vetting.scoring.golden import run_golden_tests
from vetting.scoring.results import (
    Completeness,
    Contribution,
    Flag,
    GoldenFailure,
    OutcomeScore,
    Result,
    SectionResult,
)

__all__ = [
    "Completeness",
    "Contribution",
    "Flag",
    "GoldenFailure",
    "Misfit",
    "OutcomeScore",
    "Result",
    "SectionResult",
    "answer_label",
    "answer_of",
    "choose_band",
    "holds",
    "in_band",
    "item_points",
    "item_range",
    "item_wording",
    "misfits",
    "percent_of",
    "picked_options",
    "raises_flag",
    "run_golden_tests",
    "score",
    "special_of",
    "strength",
    "visible_item_ids",
    "visible_section_ids",
    "walk",
    "wording",
]
