"""Golden tests: answers written in a checklist, and the result they must give."""

from typing import Any

from vetting.checklist.model import Checklist, Expectation
from vetting.scoring.engine import score
from vetting.scoring.results import GoldenFailure, Result


def run_golden_tests(checklist: Checklist) -> list[GoldenFailure]:
    """Score every golden test in the checklist; one failure per field that differs.

    Only the fields a test gives are compared (``Expectation.given``), so ``band: null``
    ("no band yet") is checked rather than read as "not given".
    """
    failures: list[GoldenFailure] = []
    for test in checklist.tests:
        result = score(checklist, test.answers_dict())
        failures.extend(
            GoldenFailure(test.name, field, expected, actual, result)
            for field, expected, actual in compare(test.expect, result)
        )
    return failures


def actual_fields(result: Result) -> dict[str, Any]:
    """The result as golden tests see it: ids, sorted sets, plain values."""
    best = [o.id for o in result.best]
    return {
        "band": result.band.id if result.band else None,
        "flags": tuple(sorted({f.item_id for f in result.flags})),
        "top_outcome": best[0] if len(best) == 1 else (tuple(sorted(best)) or None),
        "crisis": result.crisis,
        "rules": tuple(sorted(r.id for r in result.fired)),
        "alerts": tuple(sorted(a.id for a in result.alerts)),
        "ruled_out": tuple(sorted(o.id for o in result.ruled_out)),
        "advice": tuple(sorted(a.id for a in result.advice)),
        "enough_known": result.enough_known,
    }


_SETS = ("flags", "rules", "alerts", "ruled_out", "advice")


def compare(expect: Expectation, result: Result) -> list[tuple[str, Any, Any]]:
    """(field, expected, actual) for every given field that differs."""
    actual = actual_fields(result)
    given = expect.given if expect.given is not None else _given_by_value(expect)
    out: list[tuple[str, Any, Any]] = []
    for field in actual:
        if field not in given:
            continue
        wanted = getattr(expect, field)
        if field in _SETS:
            wanted = tuple(sorted(set(wanted or ())))
        elif field == "top_outcome" and isinstance(wanted, tuple):
            wanted = tuple(sorted(wanted)) if len(wanted) != 1 else wanted[0]
        if wanted != actual[field]:
            out.append((field, wanted, actual[field]))
    sections = {s.id: s for s in result.sections}
    for section_id, band_id in expect.section_bands:
        found = sections.get(section_id)
        got = found.band.id if found and found.band else None
        if band_id != got:
            out.append((f"section_bands.{section_id}", band_id, got))
    return out


def _given_by_value(expect: Expectation) -> frozenset[str]:
    """For an expectation built in code without ``given``: the fields that are not None."""
    return frozenset(name for name in expect._fields if getattr(expect, name) is not None)
