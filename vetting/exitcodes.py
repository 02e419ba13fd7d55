"""Exit codes shared by every command. stdout is data, stderr is diagnostics."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """Everything checked is valid (warnings allowed unless --strict)."""
    PROBLEMS = 1
    """At least one file or answer set has a problem; details were printed."""
    USAGE = 2
    """The command line was wrong: unknown option, missing file argument, and so on."""
