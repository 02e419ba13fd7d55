"""Bands: how a result is named. Flag bands decide; score bands tile 0-100 exactly.

- ``critical-without-band`` (error): there are critical questions but no
  ``when_flag: critical`` band, so a critical answer could be averaged away.
- ``red-flags-score-band`` (error): a ``red-flags`` checklist has a percentage band; its
  result must come from the flags, never from a share of the questions answered.
- ``flag-without-band`` (error): in a ``red-flags`` checklist, a question can raise a
  caution or serious flag, but no ``when_flag`` band holds for one such flag, so the
  result would have no band at all.
- ``red-flags-clear-band`` (error): a ``red-flags`` checklist has no ``when_clear`` band to
  say that nothing stands out.
- ``unsure-without-band`` (error): a serious or critical question offers "not sure", but no
  ``when_unsure`` band covers it, so "not sure" could end in the all-clear.
- ``band-shadowed`` (error): two bands hold in exactly the same case; the second is never
  chosen.
- ``band-gap``, ``band-overlap``, ``band-empty`` (error): score bands must cover 0-100 with no
  gap and no overlap, each covering something.
- ``band-unreachable`` (warning): no answers can choose this band.
"""

from collections.abc import Iterable, Iterator, Sequence

from vetting.checklist.model import Band, ChecklistKind, Item, ItemKind, Severity
from vetting.problems import DocPath, Level, Problem
from vetting.scoring.bands import in_band, strength
from vetting.validation.rules.context import RuleContext, RuleInfo, positions
from vetting.validation.rules.flags import can_flag
from vetting.validation.words import number

E, W = Level.ERROR, Level.WARNING
RULES = {
    "critical-without-band": RuleInfo(
        E,
        "critical questions but no `when_flag: critical` band",
        "items: [ { id: contact, severity: critical, ... } ]\n"
        "bands: [ { id: talk, when_flag: caution, ... } ]",
        "bands:\n"
        "  - { id: report, when_flag: critical, ... }\n"
        "  - { id: talk, when_flag: caution, ... }",
    ),
    "red-flags-score-band": RuleInfo(
        E,
        "a red-flags checklist has a percentage band",
        "kind: red-flags\nbands: [ { id: low, min: 0, max: 50, ... } ]",
        "kind: red-flags\nbands: [ { id: talk, when_flag: caution, ... } ]",
    ),
    "flag-without-band": RuleInfo(
        E,
        "a flag that no band holds for (red-flags)",
        "kind: red-flags   # a serious question, but no serious band\n"
        "bands: [ { id: clear, when_clear: true, ... } ]",
        "bands:\n  - { id: second_opinion, when_flag: serious, ... }\n"
        "  - { id: clear, when_clear: true, ... }",
    ),
    "red-flags-clear-band": RuleInfo(
        E,
        "a red-flags checklist has no `when_clear` band",
        "kind: red-flags\nbands: [ { id: talk, when_flag: caution, ... } ]",
        "bands:\n"
        "  - { id: talk, when_flag: caution, ... }\n"
        "  - { id: clear, when_clear: true, ... }",
    ),
    "unsure-without-band": RuleInfo(
        E,
        '"not sure" on a serious question has no band of its own',
        "- id: contact\n  severity: serious\n  allow_unsure: true   # but no when_unsure band",
        "bands:\n  - { id: unsure, when_unsure: serious, ... }",
    ),
    "band-shadowed": RuleInfo(
        E,
        "two bands hold in the same case; one is never chosen",
        "bands:\n  - { id: a, when_flag: serious, ... }\n  - { id: b, when_flag: serious, ... }",
        "bands:\n"
        "  - { id: a, when_flag: serious, at_least: 2, ... }\n"
        "  - { id: b, when_flag: serious, ... }",
    ),
    "band-gap": RuleInfo(
        E,
        "score bands leave part of 0-100 uncovered",
        "bands:\n  - { id: low, min: 0, max: 40, ... }\n  - { id: high, min: 50, max: 100, ... }",
        "bands:\n  - { id: low, min: 0, max: 50, ... }\n  - { id: high, min: 50, max: 100, ... }",
    ),
    "band-overlap": RuleInfo(
        E,
        "two score bands cover the same scores",
        "bands:\n  - { id: low, min: 0, max: 60, ... }\n  - { id: high, min: 50, max: 100, ... }",
        "bands:\n  - { id: low, min: 0, max: 50, ... }\n  - { id: high, min: 50, max: 100, ... }",
    ),
    "band-empty": RuleInfo(
        E,
        "a score band covers nothing",
        "bands: [ { id: none, min: 50, max: 50, ... } ]",
        "bands: [ { id: all, min: 0, max: 100, ... } ]",
    ),
    "band-unreachable": RuleInfo(
        W,
        "no answers can choose a band",
        "# every answer scores 0 or 100\nbands: [ { id: middle, min: 30, max: 70, ... } ]",
        "# answers that can score 30-70, or no such band",
    ),
}

# Reachable-score search gives up beyond this many (points, range) pairs, to stay fast.
_REACH_CAP = 5000
_EPS = 1e-9


def check(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    yield from _critical_band(ctx)
    yield from _kind_rules(ctx)
    if c.bands:
        yield from _unsure_bands(ctx)
        yield from _band_set(ctx, c.bands, ("bands",), c.items, "the checklist")
    for si, section in enumerate(c.sections):
        if section.bands:
            base: DocPath = ("sections", si, "bands")
            yield from _band_set(ctx, section.bands, base, section.items, f"section `{section.id}`")


def _band_set(
    ctx: RuleContext, bands_: Sequence[Band], base: DocPath, items: Sequence[Item], owner: str
) -> Iterator[Problem]:
    yield from _shadowed(ctx, bands_, base, owner)
    if ctx.checklist.kind is not ChecklistKind.RED_FLAGS:
        yield from _band_cover(ctx, bands_, base, owner)
    yield from _band_reach(ctx, bands_, base, items, owner)


def _critical_band(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    if any(b.when_flag is Severity.CRITICAL and b.at_least <= 1 for b in c.bands):
        return
    for si, ii, item in positions(c):
        if item.severity is Severity.CRITICAL:
            yield ctx.problem(
                "critical-without-band",
                ("sections", si, "items", ii, "severity"),
                f"item `{item.id}` is critical, but the checklist has no band with "
                "`when_flag: critical`, so a critical answer could be averaged away",
                "add a band with `when_flag: critical` to the checklist's bands",
            )
            return


def _kind_rules(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    if c.kind is not ChecklistKind.RED_FLAGS:
        return
    places = [(("bands",), c.bands)] + [
        (("sections", si, "bands"), s.bands) for si, s in enumerate(c.sections)
    ]
    for base, bands_ in places:
        for k, band in enumerate(bands_):
            if band.is_score_band:
                yield ctx.problem(
                    "red-flags-score-band",
                    (*base, k),
                    f"band `{band.id}` is chosen by a percentage, but a red-flags result must "
                    'come from the flags: answering more questions "no" would make a '
                    "warning sign look smaller",
                    "use `when_flag` (with `at_least`), `when_unsure` or `when_clear` instead "
                    "of `min` and `max`",
                )
    singles = [b.when_flag.rank for b in c.bands if b.when_flag is not None and b.at_least <= 1]
    reported: set[Severity] = set()
    for si, ii, item in positions(c):
        severity = item.severity
        if severity is None or severity.rank < Severity.CAUTION.rank or not can_flag(item):
            continue
        if severity in reported or any(rank <= severity.rank for rank in singles):
            continue
        reported.add(severity)
        yield ctx.problem(
            "flag-without-band",
            ("sections", si, "items", ii, "severity"),
            f"item `{item.id}` can raise a {severity.value} flag, but no band has "
            f"`when_flag: {severity.value}` (or lower), so that answer alone would give no result",
            f"add a band with `when_flag: {severity.value}`",
        )
    if not any(b.when_clear for b in c.bands):
        yield ctx.problem(
            "red-flags-clear-band",
            ("bands",),
            "a red-flags checklist needs a band with `when_clear: true`, to say that nothing "
            "in the answers stands out (once enough is known)",
            "add a band with `when_clear: true`",
            at_key=True,
        )


def _unsure_bands(ctx: RuleContext) -> Iterator[Problem]:
    c = ctx.checklist
    covered = [b.when_unsure.rank for b in c.bands if b.when_unsure is not None]
    for si, ii, item in positions(c):
        severity = item.severity
        if severity is None or not item.allow_unsure or severity.rank < Severity.SERIOUS.rank:
            continue
        if not any(rank <= severity.rank for rank in covered):
            yield ctx.problem(
                "unsure-without-band",
                ("sections", si, "items", ii, "allow_unsure"),
                f'item `{item.id}` is {severity.value} and offers "not sure", but no band '
                f'has `when_unsure: {severity.value}` (or lower), so "not sure" about it '
                "could end in the all-clear",
                f"add a band with `when_unsure: {severity.value}`",
            )


def _shadowed(
    ctx: RuleContext, bands_: Sequence[Band], base: DocPath, owner: str
) -> Iterator[Problem]:
    seen: dict[tuple[int, int], Band] = {}
    for k, band in enumerate(bands_):
        if band.is_score_band:
            continue
        key = strength(band)
        first = seen.setdefault(key, band)
        if first is not band:
            yield ctx.problem(
                "band-shadowed",
                (*base, k),
                f"band `{band.id}` of {owner} holds in exactly the same case as "
                f"`{first.id}`, which comes first, so it is never chosen",
                "remove one of them, or give this one another condition (such as `at_least`)",
            )


def _condition_reach(
    ctx: RuleContext, bands_: Sequence[Band], base: DocPath, items: Sequence[Item], owner: str
) -> Iterator[Problem]:
    flaggable = [i.severity for i in items if i.severity is not None and can_flag(i)]
    unsurable = [i.severity for i in items if i.severity is not None and i.allow_unsure]
    for k, band in enumerate(bands_):
        if band.when_flag is not None:
            count = sum(1 for s in flaggable if s.rank >= band.when_flag.rank)
            if count < max(1, band.at_least):
                many = "a flag" if band.at_least <= 1 else f"{band.at_least} flags"
                yield ctx.problem(
                    "band-unreachable",
                    (*base, k, "when_flag"),
                    f"band `{band.id}` of {owner} needs {many} that serious "
                    f"(`{band.when_flag.value}` or more), but only {count} "
                    f"question{'s' if count != 1 else ''} can raise one",
                    None,
                )
        elif band.when_unsure is not None and not any(
            s.rank >= band.when_unsure.rank for s in unsurable
        ):
            yield ctx.problem(
                "band-unreachable",
                (*base, k, "when_unsure"),
                f'band `{band.id}` of {owner} is for "not sure" on a '
                f"`{band.when_unsure.value}` question, but no question that serious "
                'offers "not sure"',
                None,
            )


def _score_bands(bands_: Sequence[Band]) -> list[tuple[int, Band]]:
    return [
        (k, b)
        for k, b in enumerate(bands_)
        if b.is_score_band and b.min is not None and b.max is not None
    ]


def _band_cover(
    ctx: RuleContext, bands_: Sequence[Band], base: DocPath, owner: str
) -> Iterator[Problem]:
    scored = _score_bands(bands_)
    if not scored:
        yield ctx.problem(
            "band-gap",
            base,
            f"{owner} has no score bands, so no band covers 0–100 "
            "and a result without a flag would have no band",
            "add bands with `min` and `max` that together cover 0 to 100",
            at_key=True,
        )
        return
    placed: list[tuple[int, Band]] = []
    cursor = 0.0
    previous: Band | None = None  # the band that reaches highest so far
    for k, band in sorted(scored, key=lambda kb: (kb[1].min, kb[1].max)):
        assert band.min is not None and band.max is not None
        if band.min >= band.max:
            yield ctx.problem(
                "band-empty",
                (*base, k, "max"),
                f"band `{band.id}` of {owner} goes from {number(band.min)} to {number(band.max)}, "
                "which covers nothing",
                "make `max` larger than `min`",
            )
            continue
        if band.min > cursor + _EPS:
            between = f"after `{previous.id}` and " if previous else ""
            yield ctx.problem(
                "band-gap",
                (*base, k, "min"),
                f"no band of {owner} covers {number(cursor)}–{number(band.min)} "
                f"({between}before `{band.id}`)",
                f"start band `{band.id}` at {number(cursor)}, or add a band for that range",
            )
        for _pk, other in placed:
            assert other.min is not None and other.max is not None
            low, high = max(other.min, band.min), min(other.max, band.max)
            if low < high - _EPS:
                yield ctx.problem(
                    "band-overlap",
                    (*base, k, "min"),
                    f"bands `{other.id}` and `{band.id}` of {owner} both cover "
                    f"{number(low)}–{number(high)}",
                    f"start band `{band.id}` at {number(other.max)}"
                    if band.min < other.max
                    else None,
                )
        placed.append((k, band))
        if band.max > cursor:
            cursor, previous = band.max, band
    if cursor < 100 - _EPS:
        last_k = max(placed, key=lambda kb: kb[1].max or 0)[0] if placed else scored[-1][0]
        after = f" (after `{previous.id}`)" if previous else ""
        yield ctx.problem(
            "band-gap",
            (*base, last_k, "max"),
            f"no band of {owner} covers {number(cursor)}–100{after}",
            f"end band `{previous.id}` at 100" if previous else "end the top band at 100",
        )


def _item_offsets(item: Item) -> tuple[list[float], float] | None:
    """Possible (points - lowest) of one counted item, and its range; None = unknown."""
    w = item.weight
    if item.kind is ItemKind.SCALE and item.scale is not None:
        span = item.scale.max - item.scale.min
        raw = [float(v) * w for v in range(span + 1)]
    elif item.kind is ItemKind.MULTIPLE:
        sums = {0.0}
        for option in item.options:
            sums |= {round(s + option.points * w, 9) for s in sums}
            if len(sums) > _REACH_CAP:
                return None
        raw = list(sums)
    else:
        raw = [float(option.points) * w for option in item.options]
    if not raw:
        return [0.0], 0.0
    low = min(raw)
    return sorted({round(v - low, 9) for v in raw}), round(max(raw) - low, 9)


def _scored_parts(items: Iterable[Item]) -> list[tuple[list[float], float]] | None:
    """(offsets, span) of every item that can move the score; None = too large to list."""
    parts = []
    for item in items:
        if not item.scored:
            continue
        found = _item_offsets(item)
        if found is None:
            return None
        if found[1] > 0:
            parts.append(found)
    return parts


def _quick_percents(parts: Sequence[tuple[list[float], float]]) -> set[float]:
    """Percentages that are certainly reachable, found in linear time.

    One item answered alone gives ``offset / span``; answering every item at its lowest and
    then raising them one by one to their highest gives the running sums. Together these
    hit every band of a normal checklist, so the exact search rarely runs.
    """
    found: set[float] = set()
    total = sum(span for _offsets, span in parts)
    raised = 0.0
    for offsets, span in parts:
        found.update(100.0 * o / span for o in offsets)
        found.update(100.0 * (raised + o) / total for o in offsets)
        raised += span
    return found


def reachable_percents(items: Iterable[Item], *, budget: int = 200_000) -> set[float] | None:
    """Every percentage some set of answers can give (visibility ignored: a superset).

    ``None`` means the search would take more than ``budget`` steps; callers then skip
    the check rather than guess.
    """
    parts = _scored_parts(items)
    if parts is None:
        return None
    pairs = {(0.0, 0.0)}
    for offsets, span in parts:
        budget -= len(pairs) * len(offsets)
        if budget < 0:
            return None
        pairs |= {(round(n + o, 9), round(d + span, 9)) for n, d in pairs for o in offsets}
        if len(pairs) > _REACH_CAP:
            return None
    return {100.0 * n / d for n, d in pairs if d > 0}


def _any_in_band(band: Band, percents: Iterable[float]) -> bool:
    """Scoring's own reading of a band, over percentages rounded as scoring's would be."""
    return any(in_band(band, round(p, 9)) for p in percents)


def _band_reach(
    ctx: RuleContext,
    bands_: Sequence[Band],
    base: DocPath,
    items: Sequence[Item],
    owner: str,
) -> Iterator[Problem]:
    yield from _condition_reach(ctx, bands_, base, items, owner)
    parts = _scored_parts(items)
    if parts is None:
        return
    score_bands = [(k, b) for k, b in _score_bands(bands_) if (b.min or 0) < (b.max or 0)]
    if not parts:
        for k, band in score_bands:
            yield ctx.problem(
                "band-unreachable",
                (*base, k),
                f"band `{band.id}` of {owner} can never be chosen: no answer gives any points, "
                "so there is never a score",
                "give some options points, or use only bands with `when_flag`",
            )
        return
    quick = _quick_percents(parts)
    pending = [(k, b) for k, b in score_bands if not _any_in_band(b, quick)]
    if not pending:
        return
    exact = reachable_percents(items)
    if exact is None:
        return
    for k, band in pending:
        if not _any_in_band(band, exact):
            assert band.min is not None and band.max is not None
            yield ctx.problem(
                "band-unreachable",
                (*base, k),
                f"band `{band.id}` of {owner} ({number(band.min)}–{number(band.max)}) can never be "
                "chosen: no combination of answers gives a score in that range",
                "check the options' points and the band limits",
            )
