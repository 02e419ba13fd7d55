"""``vetting run`` imports what the validating child and the app share before it forks.

The regrouping into packages once left ``load_shared_modules`` with its docstring and no
imports, so the child imported the model and scoring again after the fork (bench/
measures the launch; this only checks the promise, in a fresh interpreter).
"""

from __future__ import annotations

import subprocess
import sys

SHARED = ("vetting.scoring.conditions", "vetting.sessions.store", "vetting.checklist.textcheck")


def test_load_shared_modules_imports_what_the_child_needs_and_not_textual() -> None:
    code = (
        "import sys\n"
        "from vetting.commands.app import load_shared_modules\n"
        f"before = [m for m in {SHARED!r} if m in sys.modules]\n"
        "load_shared_modules()\n"
        f"after = [m for m in {SHARED!r} if m in sys.modules]\n"
        "print(before, after, 'textual' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == f"[] {list(SHARED)!r} False"
