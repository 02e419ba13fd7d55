"""Shared test setup: every Hypothesis test is derandomized, so CI runs the same cases.

A failure then reproduces on any machine from the test alone, and the example database
(which replays old failures only where it happens to exist) is not used.
"""

from hypothesis import settings

settings.register_profile("vetting", derandomize=True, database=None, print_blob=True)
settings.load_profile("vetting")
