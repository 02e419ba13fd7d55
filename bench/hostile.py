"""Hostile files, timed inside ``validate_file``: the seconds behind SECURITY-NOTES L6.

The tests bound what a hostile file costs against a normal check timed beside it (so a busy
machine cannot fail them); the promise in seconds, "under 1 s per file with libyaml"
(issue 17.7 for 24,000 unknown keys), is measured here. bench/run.py runs this in a child
(``python bench/hostile.py FOLDER``): it writes every input to FOLDER and prints
``{"file name": median seconds}`` as JSON.

The inputs: the committed files of tests/hostile, the ones tests/hostile/make_corpus.py
builds, and the three floods the schema step must survive (S6): 24,000 unknown keys,
4,000 items with one id, 20,000 empty sections.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from vetting.validation.pipeline import validate_file

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "hostile"
BASE = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"


def _in_base(base: str, old: str, new: str) -> bytes:
    assert old in base, old
    return base.replace(old, new, 1).encode("utf-8")


def inputs() -> dict[str, bytes]:
    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    files = {path.name: path.read_bytes() for path in sorted(HOSTILE.glob("*.yaml"))}
    files.update(corpus.generated())
    base = BASE.read_text(encoding="utf-8")
    files["unknown-keys-24000.yaml"] = (base + "".join(f"k{i}: 1\n" for i in range(24_000))).encode(
        "utf-8"
    )
    duplicates = "".join("      - {id: dup, kind: note, text: x}\n" for _ in range(4000))
    files["duplicate-items-4000.yaml"] = _in_base(
        base, "      - id: notes\n", duplicates + "      - id: notes\n"
    )
    files["empty-sections-20000.yaml"] = _in_base(
        base, "sections:\n", "sections:\n" + "  - {}\n" * 20_000
    )
    return files


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    validate_file(BASE)  # the schema validators are built once per process, as in a long run
    times: dict[str, float] = {}
    for name, raw in inputs().items():
        path = folder / name
        path.write_bytes(raw)
        validate_file(path)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            validate_file(path)
            runs.append(time.perf_counter() - start)
        times[name] = statistics.median(runs)
    print(json.dumps(times))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
