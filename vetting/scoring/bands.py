"""How a band is chosen, and how serious one band is next to another.

The one home of these decisions: scoring calls :func:`choose_band`, the validator's band
rules call :func:`in_band` and :func:`strength` so a file is checked by the same reading
that scores it.

A band either holds by a condition on the flags (``when_flag`` with ``at_least``,
``when_unsure``, ``when_clear``) or covers a score range. Condition bands come first and
the most serious that holds wins, whatever the order written; only when none holds does
the score decide. Seriousness (:func:`strength`): a higher severity first; at the same
severity a flag band needing more flags, then a flag band, then an unsure band; so "not
sure" about something critical outranks a serious flag, and the all-clear comes last.
"""

from collections.abc import Iterable, Sequence

from vetting.checklist.model import Band, Severity

#: Severity -> rank (0 info .. 3 critical), read without the list search Severity.rank does.
RANK = {severity: severity.rank for severity in Severity}


class FlagPicture:
    """What condition bands look at: how many flags of each severity, the most serious
    severity answered "not sure", and whether the all-clear may be given (enough is known
    and no flag of caution or more is raised: an info flag alone is only worth knowing)."""

    __slots__ = ("at_or_above", "clear", "unsure_rank")

    def __init__(self, flag_ranks: Iterable[int], unsure_ranks: Iterable[int], enough: bool):
        counts = [0] * len(RANK)
        for rank in flag_ranks:
            counts[rank] += 1
        #: at_or_above[r]: how many raised flags have rank r or more
        self.at_or_above = [sum(counts[r:]) for r in range(len(counts))]
        self.unsure_rank = max(unsure_ranks, default=-1)
        #: no warning sign (a flag of caution or more; info flags are only worth knowing)
        self.clear = enough and self.at_or_above[RANK[Severity.CAUTION]] == 0

    def holds(self, band: Band) -> bool:
        if band.when_flag is not None:
            return self.at_or_above[RANK[band.when_flag]] >= max(1, band.at_least)
        if band.when_unsure is not None:
            return self.unsure_rank >= RANK[band.when_unsure]
        return band.when_clear and self.clear


def strength(band: Band) -> tuple[int, int]:
    """How serious a band is, for comparing any two bands of one checklist.

    Condition bands rank above every score band; among score bands a lower range is the
    more serious (in a ``fit`` checklist a higher score is a better fit).
    """
    if band.when_flag is not None:
        return (3 + 2 * RANK[band.when_flag] + 1, max(1, band.at_least))
    if band.when_unsure is not None:
        return (3 + 2 * RANK[band.when_unsure], 0)
    if band.when_clear:
        return (2, 0)
    return (1, -int(band.min * 1000) if band.min is not None else 0)


def in_band(band: Band, percent: float) -> bool:
    """Whether a score band covers ``percent`` (min included; max excluded, but 100 is in)."""
    if band.min is None or band.max is None:
        return False
    return band.min <= percent < band.max or (percent == band.max == 100)


def choose_band(
    bands: Sequence[Band], percent: float | None, picture: FlagPicture, enough: bool
) -> Band | None:
    """The most serious condition band that holds, else the score band for ``percent``.

    No score band while too little is known (``enough`` false) or nothing counted.
    """
    holding = [band for band in bands if not band.is_score_band and picture.holds(band)]
    if holding:
        return max(holding, key=strength)  # max keeps the first written of equals
    if percent is None or not enough:
        return None
    return next((b for b in bands if b.is_score_band and in_band(b, percent)), None)


def at_least(chosen: Band | None, floors: Iterable[Band]) -> Band | None:
    """``chosen``, or the most serious of ``floors`` if it is more serious than ``chosen``."""
    best = chosen
    for floor in floors:
        if best is None or strength(floor) > strength(best):
            best = floor
    return best
