"""The project's own error types: every failure a user can cause is one of these.

Anything else escaping to the user is a bug. Each error carries a stable ``code`` (for
tests and machine output) and a message in plain words; loader errors also carry the
1-based line and column where the problem is, when there is one.
"""

from __future__ import annotations


class VettingError(Exception):
    """Base for every error the user can cause; ``str()`` is a one-line message."""

    code = "E_VETTING"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class LoadError(VettingError):
    """A file could not be read as a safe YAML (or JSON) document."""

    code = "E_LOAD"

    def __init__(
        self,
        code: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        *,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.line = line
        self.column = column
        self.hint = hint  # how to fix it, when the loader can tell (shown as "hint:")

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class UsageError(VettingError):
    """The command line itself is wrong (exit code 2)."""

    code = "E_USAGE"
