"""vetting: choose the right kind of mental-health professional, and notice when a therapist
acts unethically, with sourced checklists that never leave your machine.

The package is a domain core (model, loading, validation, scoring, storage, reports) that
never imports Textual, and a thin terminal app in :mod:`vetting.tui`.
"""

__version__ = "0.2.0"
