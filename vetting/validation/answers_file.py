"""Answers files: load one safely, and check its answers against a checklist.

A saved session or a hand-written answers file is outside input, like a checklist. It is
read through the one hardened loader (JSON is YAML, so both work), checked against the
bundled answers schema, and then every answer is checked against the checklist itself:
the item must exist, the option must exist, the type must fit the item and "not sure" /
"doesn't apply" must be allowed there. Each finding is a :class:`~vetting.problems.Problem`
with a stable rule id and a line when the file gives one, so ``vetting score`` can report
all of them at once instead of stopping at the first.

Rule ids: ``answer-unknown-item``, ``answer-unknown-option``, ``answer-wrong-type``,
``answer-out-of-range``, ``answer-not-allowed`` (answers) and ``answer-wrong-checklist``,
``answer-wrong-version``, ``answer-checklist-changed`` (the file's header), plus
``answer-load`` when the file cannot be read at all.
"""

# No ``from __future__ import annotations``: NamedTuple would compile each string
# annotation into a ForwardRef at every start-up (see vetting/checklist/model.py).
import dataclasses
import os
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, NamedTuple, Protocol, TypeVar

from vetting.checklist.model import Checklist
from vetting.errors import LoadError, VettingError
from vetting.i18n import _, ngettext
from vetting.problems import DocPath, Level, Problem, RuleInfo
from vetting.scoring.answers import misfits
from vetting.validation.words import MISFIT_RULES, did_you_mean, misfit_words

E = Level.ERROR
#: The rules of answers files (``vetting score``), documented. Stable: do not rename.
RULES: dict[str, RuleInfo] = {
    "answer-unknown-item": RuleInfo(
        E,
        "an answer to a question the checklist does not have",
        "answers: { feez: yes }",
        "answers: { fees: yes }",
    ),
    "answer-unknown-option": RuleInfo(
        E,
        "an answer that is not one of the question's options",
        "answers: { fees: vage }",
        "answers: { fees: vague }",
    ),
    "answer-wrong-type": RuleInfo(
        E,
        "an answer of the wrong kind (text for a scale, a list for a single choice)",
        "comfort: very",
        "comfort: 4",
    ),
    "answer-out-of-range": RuleInfo(
        E, "a scale answer outside the scale", "comfort: 9   # a 1-5 scale", "comfort: 5"
    ),
    "answer-not-allowed": RuleInfo(
        E,
        'an answer the question does not offer ("not sure" where it is not allowed, a repeat)',
        "fees: unsure   # allow_unsure is not set",
        'fees: "no"',
    ),
    "answer-wrong-checklist": RuleInfo(
        E,
        "the answers were given to another checklist",
        "checklist: { id: good_fit, ... }   # scored against red_flags",
        "checklist: { id: red_flags, ... }",
    ),
    "answer-wrong-version": RuleInfo(
        E,
        "the answers were given to another version of the checklist",
        'checklist: { version: "1.0.0" }   # the checklist is now 2.0.0',
        'checklist: { version: "2.0.0" }',
    ),
    "answer-checklist-changed": RuleInfo(
        Level.WARNING,
        "the checklist's text changed since the answers were saved (same version)",
        "checklist: { content_hash: sha256:<an older hash> }",
        "checklist: { content_hash: sha256:<the current hash> }",
    ),
    "answer-load": RuleInfo(
        E,
        "the answers file cannot be read (not YAML or JSON, not UTF-8, too large)",
        "answers: { fees: [yes",
        "answers: { fees: yes }",
    ),
}

Locate = Callable[[DocPath], "tuple[int, int] | None"]


class AnswersFile(NamedTuple):
    """A loaded, schema-valid answers file. ``doc`` is the loader's document (positions)."""

    checklist_id: str
    checklist_version: str
    content_hash: str | None
    answers: dict[str, Any]
    session_name: str | None
    doc: Any  # vetting.checklist.loader.YamlDocument

    @property
    def file(self) -> str:
        return str(getattr(self.doc, "source", "<answers>"))


class AnswersInvalid(VettingError):
    """An answers file could not be read or breaks the answers schema; see ``problems``."""

    code = "E_ANSWERS_INVALID"

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        first = problems[0].message if problems else "it is not a valid answers file"
        super().__init__(f"{file}: {first}")


# --------------------------------------------------------------------------- loading


def load_answers_file(path: str | os.PathLike[str]) -> AnswersFile:
    """Read and schema-check an answers file (JSON or YAML).

    Raises :class:`AnswersInvalid` with every problem found; never anything else for a bad
    file.
    """
    from vetting.checklist import (
        loader,  # local: keep `import vetting.validation.answers_file` light
    )
    from vetting.checklist.chars import escape_controls
    from vetting.validation import schema

    display = escape_controls(os.fspath(path))  # a name with a newline stays one line
    try:
        doc = loader.load_yaml_file(path)
    except LoadError as error:
        problem = Problem(display, error.line, error.column, "answer-load", error.message)
        raise AnswersInvalid(display, [problem]) from None
    problems = [_with_file(p, display) for p in schema.answers_problems(doc)]
    errors = [p for p in problems if p.is_error]
    if errors:
        raise AnswersInvalid(display, sorted(errors, key=Problem.sort_key))
    data = doc.data
    header = data.get("checklist") or {}
    session = data.get("session") or {}
    return AnswersFile(
        checklist_id=str(header.get("id", "")),
        checklist_version=str(header.get("version", "")),
        content_hash=header.get("content_hash"),
        answers=dict(data.get("answers") or {}),
        session_name=session.get("name"),
        doc=doc,
    )


def _with_file(problem: Problem, file: str) -> Problem:
    return problem if problem.file == file else problem._replace(file=file)


def check_answers_file(checklist: Checklist, answers_file: AnswersFile) -> list[Problem]:
    """Header checks (right checklist, version, content) and then every answer, sorted."""
    file = answers_file.file
    locate = getattr(answers_file.doc, "locate", None)
    locate_key = getattr(answers_file.doc, "locate_key", None)
    problems = check_header(checklist, answers_file, file=file, locate=locate)
    if not any(p.is_error and p.rule == "answer-wrong-checklist" for p in problems):
        problems += check_answers(
            checklist,
            answers_file.answers,
            file=file,
            locate=_answers_locate(locate),
            locate_key=_answers_locate(locate_key),
        )
    return sorted(problems, key=Problem.sort_key)


def _answers_locate(locate: Locate | None) -> Locate | None:
    """Paths from :func:`check_answers` start at the answers mapping; the file's do not."""
    if locate is None:
        return None
    return lambda path: locate(("answers", *path))


def check_header(
    checklist: Checklist, answers_file: AnswersFile, *, file: str, locate: Locate | None = None
) -> list[Problem]:
    """Is this file for this checklist, this version, and this exact content?"""
    where = _where(locate)
    if answers_file.checklist_id != checklist.id:
        path: DocPath = ("checklist", "id")
        return [
            Problem(
                file,
                *where(path),
                "answer-wrong-checklist",
                f"these answers are for the checklist `{answers_file.checklist_id}`, "
                f"not `{checklist.id}`",
                path=path,
                suggestion="score them against the checklist they were given for",
            )
        ]
    if answers_file.checklist_version != checklist.version:
        path = ("checklist", "version")
        return [
            Problem(
                file,
                *where(path),
                "answer-wrong-version",
                f"these answers were given for version {answers_file.checklist_version} of "
                f"`{checklist.id}`, but the checklist is version {checklist.version}",
                path=path,
                suggestion="open the session in the app to review the answers for this version",
            )
        ]
    hashes = answers_file.content_hash, checklist.content_hash
    if all(hashes) and hashes[0] != hashes[1]:
        path = ("checklist", "content_hash")
        return [
            Problem(
                file,
                *where(path),
                "answer-checklist-changed",
                "the checklist file changed since these answers were given, but its version "
                "did not; the result may differ from the one you saw before",
                level=Level.WARNING,
                path=path,
            )
        ]
    return []


# --------------------------------------------------------------------------- answers


def check_answers(
    checklist: Checklist,
    answers: Mapping[str, Any],
    *,
    file: str,
    locate: Locate | None = None,
    locate_key: Locate | None = None,
) -> list[Problem]:
    """Every answer that does not fit the checklist, in the order the answers are given.

    ``locate`` maps a path inside the answers mapping (``(item_id,)`` or
    ``(item_id, index)``) to a 1-based ``(line, column)``; without it problems have no line.
    ``locate_key`` (optional) points at the key instead, for unknown items.
    Answers to items that are hidden by conditions are fine: they are kept, never counted.
    """
    if not isinstance(answers, Mapping):
        return [Problem(file, None, None, "answer-wrong-type", "the answers must be a mapping")]
    where = _where(locate)
    where_key = _where(locate_key or locate)
    known = [item.id for item in checklist.items]
    problems: list[Problem] = []
    for item_id, value in answers.items():
        item = checklist.item(str(item_id))
        path: DocPath = (str(item_id),)
        if item is None:
            problems.append(
                Problem(
                    file,
                    *where_key(path),
                    "answer-unknown-item",
                    f"there is no question `{item_id}` in the checklist `{checklist.id}`",
                    path=path,
                    suggestion=did_you_mean(str(item_id), known),
                )
            )
            continue
        for misfit in misfits(item, value):
            message, hint = misfit_words(item, misfit)
            full = path if misfit.position is None else (*path, misfit.position)
            rule = MISFIT_RULES[misfit.kind]
            problems.append(Problem(file, *where(full), rule, message, path=full, suggestion=hint))
    return problems


def _where(locate: Locate | None) -> Callable[[DocPath], tuple[int | None, int | None]]:
    def where(path: DocPath) -> tuple[int | None, int | None]:
        found = locate(path) if locate is not None else None
        return found if found else (None, None)

    return where


__all__ = [
    "AnswersFile",
    "AnswersInvalid",
    "check_answers",
    "check_answers_file",
    "check_header",
    "load_answers_file",
]


class SessionLike(Protocol):
    """What :func:`checklist_change` needs of a saved session
    (``vetting.sessions.store.Session``)."""

    @property
    def id(self) -> str: ...

    @property
    def checklist_version(self) -> str: ...

    @property
    def content_hash(self) -> str: ...

    @property
    def answers(self) -> dict[str, Any]: ...


class ChecklistChange(NamedTuple):
    """How a checklist moved on since a session was answered, and which answers no longer fit.

    A saved session keeps the checklist version and content hash it was answered with. When
    the checklist file has changed since, some answers may point at questions or options
    that are gone; they are set aside (shown to the person, never counted) rather than
    silently dropped or allowed to crash scoring.
    """

    old_version: str
    new_version: str
    set_aside: tuple[Problem, ...]

    def fitting(self, answers: dict[str, object]) -> dict[str, object]:
        """The answers that still fit the checklist as it is now."""
        dropped = {str(problem.path[0]) for problem in self.set_aside if problem.path}
        return {item_id: value for item_id, value in answers.items() if item_id not in dropped}


def checklist_change(checklist: Checklist, session: SessionLike) -> ChecklistChange | None:
    """``None`` when ``session`` was answered with this very checklist and every answer fits."""
    problems = tuple(check_answers(checklist, session.answers, file=session.id))
    same = (
        session.checklist_version == checklist.version
        and session.content_hash == checklist.content_hash
    )
    if same and not problems:
        return None
    return ChecklistChange(session.checklist_version, checklist.version, problems)


class SessionRecord(SessionLike, Protocol):
    """A session that :func:`dataclasses.replace` can copy (the store's ``Session``)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


S = TypeVar("S", bound=SessionRecord)


def refitted(checklist: Checklist, session: S) -> tuple[S, ChecklistChange | None]:
    """``session`` as the app and the line mode open it: only the answers that still fit.

    Answers that no longer fit are left out of the session on screen (so they are never
    counted) and stay in the file until the person next changes an answer; that save
    records the checklist version the answers now belong to. ``session`` is a dataclass
    (``vetting.sessions.store.Session``); with no change it comes back as it is.
    """
    change = checklist_change(checklist, session)
    if change is None:
        return session, None
    current = dataclasses.replace(
        session,
        answers=change.fitting(session.answers),
        checklist_version=checklist.version,
        content_hash=checklist.content_hash,
    )
    return current, change


def change_words(checklist: Checklist, change: ChecklistChange) -> list[str]:
    """What a person reads about ``change``, one plain sentence per line, in their language.

    The app (as a notice above the question) and the line mode (as lines) both show these.
    Each set-aside answer is named by its question as the person saw it, not by ids: the
    author-facing problem messages stay in the validator. The texts are raw (versions and
    questions are the author's words): each front end makes them safe to show its own way.
    """
    if change.old_version != change.new_version:
        head = _(
            "This session was answered with version {old} of the checklist; "
            "it is now version {new}."
        ).format(old=change.old_version, new=change.new_version)
    else:
        head = _(
            "This checklist has been edited since this session was answered "
            "(both say version {version})."
        ).format(version=change.new_version)
    count = len(change.set_aside)
    if not count:
        return [head, _("All your answers still fit, and they are kept.")]
    lines = [
        head,
        ngettext(
            "{count} earlier answer no longer fits and is set aside (not counted in your results):",
            "{count} earlier answers no longer fit and are set aside "
            "(not counted in your results):",
            count,
        ).format(count=count),
    ]
    for problem in change.set_aside:
        item = checklist.item(str(problem.path[0])) if problem.path else None
        if item is None:
            lines.append(_("an answer to a question that is no longer in the checklist"))
        else:
            lines.append(
                _("your answer to “{question}”: the question has changed since").format(
                    question=item.text
                )
            )
    return lines
