"""Pausing the cyclic garbage collector around work that only creates long-lived objects.

Loading a checklist, or importing the app's modules, allocates many objects that live to
the end and hold no reference cycles. Collections triggered meanwhile free nothing, and
each older-generation pass walks everything allocated so far again: measured, that was
~12 ms of importing the app and 30-70 ms of loading the largest checklist in a fresh
process (bench/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; afterwards it is as it was.

    Re-enabled only if it was enabled on entry, so blocks nest and a caller that keeps
    the collector off keeps it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
