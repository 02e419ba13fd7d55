"""Where the project and the test data are, for every test wherever it lives."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
CASES = TESTS / "cases"
HOSTILE = TESTS / "hostile"
CHECKLISTS = ROOT / "checklists"
