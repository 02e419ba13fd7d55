"""Scoring: pure functions from a checklist and answers to the result a person is told.

Each decision has one home here: whether an answer fits and what it is worth
(:mod:`.answers`), conditions and what is shown (:mod:`.conditions`), how a band is chosen
(:mod:`.bands`), which outcome comes first (:mod:`.outcomes`), the whole result
(:mod:`.engine`, records in :mod:`.results`) and golden tests (:mod:`.golden`). Nothing
here does I/O or imports the validator or the terminal UI.

The public names are re-exported here and imported on first use (see :mod:`vetting.lazy`):
the take screen needs only what is shown, not the engine or the golden tests.
"""

from typing import TYPE_CHECKING

from vetting.lazy import exports

_NAMES = {
    **dict.fromkeys(
        (
            "Misfit",
            "answer_label",
            "answer_of",
            "item_points",
            "item_range",
            "misfits",
            "picked_options",
            "raises_flag",
            "special_of",
        ),
        "answers",
    ),
    **dict.fromkeys(("choose_band", "in_band", "strength"), "bands"),
    **dict.fromkeys(
        ("holds", "item_wording", "visible_item_ids", "visible_section_ids", "walk", "wording"),
        "conditions",
    ),
    **dict.fromkeys(("percent_of", "score"), "engine"),
    "run_golden_tests": "golden",
    **dict.fromkeys(
        (
            "Completeness",
            "Contribution",
            "Flag",
            "GoldenFailure",
            "OutcomeScore",
            "Result",
            "SectionResult",
        ),
        "results",
    ),
}
__getattr__, __dir__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from vetting.scoring.answers import (
        Misfit as Misfit,
        answer_label as answer_label,
        answer_of as answer_of,
        item_points as item_points,
        item_range as item_range,
        misfits as misfits,
        picked_options as picked_options,
        raises_flag as raises_flag,
        special_of as special_of,
    )
    from vetting.scoring.bands import (
        choose_band as choose_band,
        in_band as in_band,
        strength as strength,
    )
    from vetting.scoring.conditions import (
        holds as holds,
        item_wording as item_wording,
        visible_item_ids as visible_item_ids,
        visible_section_ids as visible_section_ids,
        walk as walk,
        wording as wording,
    )
    from vetting.scoring.engine import (
        percent_of as percent_of,
        score as score,
    )
    from vetting.scoring.golden import (
        run_golden_tests as run_golden_tests,
    )
    from vetting.scoring.results import (
        Completeness as Completeness,
        Contribution as Contribution,
        Flag as Flag,
        GoldenFailure as GoldenFailure,
        OutcomeScore as OutcomeScore,
        Result as Result,
        SectionResult as SectionResult,
    )
