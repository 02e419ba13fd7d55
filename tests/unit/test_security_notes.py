"""SECURITY-NOTES.md is the register the code cites: every cited id has an entry there, and
every test an entry names exists.

A reference is the word ``SECURITY-NOTES`` (or ``SECURITY-NOTES.md``) followed by ids: one
(``R7``), a range (``L1-L13``), or a list joined by commas, slashes or "and" (``P1, L13``,
``E3d/R7``), where an id may carry a remark in parentheses (``P1 (kill test), P2``).
Ids also stand alone in parentheses, as in ``(P3)`` or ``(L3, L4, L5)``; those count too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTES = ROOT / "SECURITY-NOTES.md"

ID = r"[A-Z]\d{1,2}[a-z]?"
ITEM = rf"{ID}(?:-{ID})?(?:\s*\([^()]*\))?"
SEPARATOR = r"\s*(?:,|/|\band\b)\s*"
REFERENCE = re.compile(rf"SECURITY-NOTES(?:\.md)?`*\s+({ITEM}(?:{SEPARATOR}{ITEM})*)")
HEADING = re.compile(rf"^#{{2,4}} ({ID}):", re.MULTILINE)
BARE_ID = r"(?:[LTRPS]\d{1,2}|E\d[a-z])"
BARE = re.compile(rf"\(({BARE_ID}(?:(?:\s*,\s*|/|\s+and\s+){BARE_ID})*)(?=[):])")
CITED_TEST = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?")


def expand(ids: str) -> list[str]:
    """``"L1-L3, E3d/R7"`` -> ``["L1", "L2", "L3", "E3d", "R7"]`` (remarks dropped)."""
    found = []
    for item in re.findall(rf"{ID}(?:-{ID})?", re.sub(r"\([^()]*\)", "", ids)):
        first, _, last = item.partition("-")
        if not last:
            found.append(first)
            continue
        start, end = re.fullmatch(r"([A-Z])(\d+)", first), re.fullmatch(r"([A-Z])(\d+)", last)
        assert start and end and start[1] == end[1], f"a range must stay in one family: {item}"
        found += [f"{start[1]}{n}" for n in range(int(start[2]), int(end[2]) + 1)]
    return found


def references() -> dict[str, list[str]]:
    """Every id cited in vetting/ and tests/, with the places that cite it."""
    cited: dict[str, list[str]] = {}
    for folder in ("vetting", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == Path(__file__).resolve():
                continue
            text = path.read_text(encoding="utf-8")
            for pattern in (REFERENCE, BARE):
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    for note in expand(match[1]):
                        cited.setdefault(note, []).append(f"{path.relative_to(ROOT)}:{line}")
    return cited


def entries() -> list[str]:
    return HEADING.findall(NOTES.read_text(encoding="utf-8"))


def test_expand_reads_ranges_lists_and_remarks() -> None:
    assert expand("L1-L3") == ["L1", "L2", "L3"]
    assert expand("P1, L13") == ["P1", "L13"]
    assert expand("E3d/R7") == ["E3d", "R7"]
    assert expand("P1-P7 and\nL13") == [*(f"P{n}" for n in range(1, 8)), "L13"]
    assert expand("P1 (kill test), P2 (the old file), P4") == ["P1", "P2", "P4"]


def test_references_are_found_in_the_package_and_the_tests() -> None:
    cited = references()
    assert {"L1", "L13", "T4", "R7", "P8", "S1", "E2d", "E4b"} <= set(cited)
    assert {"S2", "S3", "S5"} <= set(cited)  # cited only as "(S2)" and the like
    assert any(place.startswith("vetting/") for place in cited["R7"])


def test_every_cited_id_has_an_entry() -> None:
    missing = {note: places for note, places in references().items() if note not in entries()}
    assert missing == {}, "cited in the code but missing from SECURITY-NOTES.md"


def test_each_entry_appears_once() -> None:
    headings = entries()
    assert len(headings) == len(set(headings)), sorted(h for h in headings if headings.count(h) > 1)


@pytest.mark.parametrize(
    ("path", "name"),
    sorted(set(CITED_TEST.findall(NOTES.read_text(encoding="utf-8")))),
    ids=lambda value: value or "file",
)
def test_every_cited_test_exists(path: str, name: str) -> None:
    source = ROOT / path
    assert source.is_file(), f"{path} does not exist"
    if name:
        text = source.read_text(encoding="utf-8")
        assert re.search(rf"^(?:async )?def {name}\(", text, re.MULTILINE), f"{path}::{name}"
