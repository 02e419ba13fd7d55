"""A problem found in a checklist or an answers file, as a value.

Validation never raises for a bad document: every check yields :class:`Problem` values,
so one bad file (or one bad key) never hides the rest. Reporters (text, JSON, GitHub
annotations) and the app all render these same values.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

if TYPE_CHECKING:
    from vetting.checklist.model import Checklist

PathPart: TypeAlias = str | int
DocPath: TypeAlias = tuple[PathPart, ...]


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class RuleInfo(NamedTuple):
    """A rule id's entry in the rules registry: its level, what it means, two examples.

    Every module that reports a rule declares it in its own ``RULES`` mapping, next to the
    code that reports it; ``vetting rules`` and ``docs/rules.md`` are made from those entries.
    ``bad`` and ``good`` are short YAML excerpts (or words) that break and keep the rule.
    ``can_disable`` is False for rules that guard reading the file at all, or the person's
    safety (control characters): a ``# vetting: disable=`` comment cannot turn those off.
    """

    level: Level
    meaning: str
    bad: str = ""
    good: str = ""
    can_disable: bool = True


class Problem(NamedTuple):
    """One finding: where (file, line, column, path in the document), what and how to fix.

    ``rule`` is a stable id such as ``schema-unknown-key`` or ``duplicate-id``; tests and
    CI configuration may rely on it. ``message`` is plain English for a non-programmer.
    A named tuple (copy one with ``problem._replace(...)``): as immutable as a frozen
    dataclass, and far cheaper to create at import time.
    """

    file: str
    line: int | None
    column: int | None
    rule: str
    message: str
    level: Level = Level.ERROR
    path: DocPath = ()
    suggestion: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    """Where the offending token ends; the end column is exclusive (as in SARIF)."""

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Stable order for output: by file, position, rule, then message."""
        return (self.file, self.line or 0, self.column or 0, self.rule, self.message)

    def json_path(self) -> str:
        """``sections[0].items[2].options`` style, for people and machine output.

        Keys come from the file, so a newline or control character in one is written as
        an escape (``a\\nb``): a path is always one line, in every format (issue 17.2).
        """
        from vetting.checklist.chars import escape_controls

        out = ""
        for part in self.path:
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                key = escape_controls(part)
                out += f".{key}" if out else key
        return out or "(top level)"


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """'did you mean `title`?' for the closest candidate, if one is close enough.

    The one "did you mean" of the project, for a :attr:`Problem.suggestion` or an error
    message: here, at the bottom, so the checklist loader, the validator, the config file
    and the commands all guess alike (same closeness, same words).
    """
    import difflib  # only a file with a mistake needs it; not imported on every start

    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean `{match[0]}`?" if match else None


@dataclass
class FileReport:
    """Everything found in one file; ``checklist`` is set only when there is no error.

    Here rather than in :mod:`vetting.validation.pipeline` so that holding (or unpickling) a report
    does not load the YAML and schema machinery: ``vetting run`` receives the report
    from a child process while the app's own modules load (:mod:`vetting.validation.background`).
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    checklist: "Checklist | None" = None
    source: dict[int, str] = field(default_factory=dict)
    """The text of the lines that have a problem (for the caret under each one)."""
    skipped: str | None = None
    """Why the file was not checked (plainly not a checklist); None when it was checked."""

    @property
    def ok(self) -> bool:
        """No errors (warnings are allowed; ``--strict`` decides about those)."""
        return not any(problem.is_error for problem in self.problems)

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for problem in self.problems if not problem.is_error)
