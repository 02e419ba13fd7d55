"""Coverage-guided fuzzing of the loader and the validator with atheris (opt-in).

Hypothesis (``tests/test_fuzz.py``) runs a fixed set of cases in every CI run; this
harness is for long, open-ended runs that libFuzzer steers towards new code paths. It
feeds raw bytes to :func:`vetting.checklist.loader.load_yaml_bytes` and the same bytes, decoded,
to :func:`vetting.validation.pipeline.validate_text`. The only failures allowed are the project's
own :class:`~vetting.errors.LoadError` / :class:`~vetting.errors.VettingError`; anything
else, or a report with the validator's ``internal-error`` safety net, is a crash.

Run it (atheris needs a CPython with libFuzzer support; it is not a test dependency)::

    pip install atheris
    VETTING_ATHERIS=1 python fuzz/atheris_harness.py -max_total_time=600 \\
        tests/hostile checklists tests/cases/good

Without ``VETTING_ATHERIS=1``, or without atheris installed, it explains that and exits
0, so it is safe to call from scripts. :func:`check_one` is plain Python and is also run
over the committed corpus by ``tests/test_fuzz.py``, so the harness itself cannot rot.
"""

from __future__ import annotations

import os
import sys

OPT_IN = "VETTING_ATHERIS"


def check_one(data: bytes) -> None:
    """One fuzz input; raises only when vetting misbehaves (which atheris reports)."""
    from vetting.checklist.loader import load_yaml_bytes
    from vetting.errors import VettingError
    from vetting.validation.pipeline import validate_text

    try:
        load_yaml_bytes(data, source="fuzz.yaml")
    except VettingError as error:
        if not error.message.strip():
            raise AssertionError("an error without a message") from error
    report = validate_text(data.decode("utf-8", "replace"), source="fuzz.yaml")
    for problem in report.problems:
        if problem.rule == "internal-error" or not problem.message.strip():
            raise AssertionError(f"validator safety net hit: {problem}")


def main(argv: list[str]) -> int:
    """Start atheris when it is installed and asked for; otherwise say why not, exit 0."""
    if os.environ.get(OPT_IN) != "1":
        print(f"{OPT_IN} is not 1: not fuzzing (see this file's docstring).")
        return 0
    try:
        import atheris
    except ImportError:
        print("atheris is not installed: not fuzzing (pip install atheris).")
        return 0
    with atheris.instrument_imports():
        pass  # instrumented for coverage feedback
    atheris.Setup(argv, check_one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
