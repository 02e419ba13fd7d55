"""Rules for a file that cannot be read as a checklist at all: reading, encoding, YAML.

The hardened loader (:mod:`vetting.checklist.loader`) raises a
:class:`~vetting.errors.LoadError` with a code; this module names each code with the stable
rule id people and CI see, documents it, and turns the error into a
:class:`~vetting.problems.Problem`. None of these can be turned off with a ``# vetting:
disable=`` comment: without them there is no document to check.

- ``file-unreadable`` (error): the file cannot be opened (no permission, a folder, a pipe
  or a device: those are refused at once, never waited on).
- ``file-too-large`` (error): the file is over 1 MiB.
- ``file-encoding`` (error): the file is not UTF-8 text (UTF-16, a NUL byte, a broken byte).
- ``file-empty`` (error): the file has no keys, only blank lines or comments.
- ``yaml-alias`` / ``yaml-anchor`` (error): ``*alias`` / ``&anchor`` are refused.
- ``yaml-tag`` (error): explicit tags such as ``!!python/object`` are refused.
- ``yaml-duplicate-key`` (error): a key appears twice in one mapping (often a missing ``- ``).
- ``yaml-too-deep``, ``yaml-too-many-values``, ``yaml-text-too-long`` (error): size limits.
- ``yaml-key-type`` (error): a key that is not plain text.
- ``yaml-number`` (error): a number too long or too large to keep exactly.
- ``yaml-multiple-documents`` (error): a second ``---`` document in one file.
- ``yaml-not-mapping`` (error): the top level is a list or a single value.
- ``yaml-tab`` (error): a tab used for indentation or between values.
- ``yaml-directive`` (error): a ``%`` directive other than ``%YAML`` / ``%TAG``.
- ``yaml-syntax`` (error): anything else the YAML parser refuses.
- ``file-not-found`` (error) and ``no-checklist-files`` (error): a path given on the command
  line does not exist, or a folder holds no ``.yaml`` / ``.yml`` file.
- ``folder-unreadable`` (error): a folder (or a folder inside it) cannot be read.
- ``link-outside-folder`` (warning): a link in a folder leads out of it, so it is not read.
- ``internal-error`` (error): vetting itself failed on this file (a bug to report).
- ``yaml-portable`` (warning): libyaml reads the file, but PyYAML's pure-Python reader,
  which vetting uses on a computer without libyaml, refuses it (a ``?`` inside ``[ ]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vetting.errors import LoadError
from vetting.problems import Level, Problem, RuleInfo

if TYPE_CHECKING:
    from vetting.checklist.loader import YamlDocument

E = Level.ERROR

#: Loader error code -> the rule id shown to people and CI. Stable: do not rename.
LOAD_RULES: dict[str, str] = {
    "E_READ": "file-unreadable",
    "E_TOO_LARGE": "file-too-large",
    "E_ENCODING": "file-encoding",
    "E_EMPTY": "file-empty",
    "E_ALIAS": "yaml-alias",
    "E_ANCHOR": "yaml-anchor",
    "E_ALIAS_CYCLE": "yaml-alias",
    "E_TAG": "yaml-tag",
    "E_DUP_KEY": "yaml-duplicate-key",
    "E_TOO_DEEP": "yaml-too-deep",
    "E_TOO_MANY_NODES": "yaml-too-many-values",
    "E_SCALAR_TOO_LONG": "yaml-text-too-long",
    "E_KEY_TYPE": "yaml-key-type",
    "E_NUMBER": "yaml-number",
    "E_MULTI_DOC": "yaml-multiple-documents",
    "E_NOT_MAPPING": "yaml-not-mapping",
    "E_TAB": "yaml-tab",
    "E_SYNTAX": "yaml-syntax",
    "E_CONTROL_CHAR": "control-character",
    "E_BIDI": "bidi-control",
    "E_DIRECTIVE": "yaml-directive",
}


def _fixed(meaning: str, bad: str, good: str) -> RuleInfo:
    return RuleInfo(E, meaning, bad, good, can_disable=False)


RULES: dict[str, RuleInfo] = {
    "file-unreadable": _fixed(
        "the file cannot be opened", "a file you have no permission to read", "chmod u+r list.yaml"
    ),
    "file-too-large": _fixed(
        "the file is larger than 1 MiB",
        "a 5 MB file of 20,000 questions",
        "split it into several checklists",
    ),
    "file-encoding": _fixed(
        "the file is not UTF-8 text",
        "a file saved as UTF-16 by a word processor",
        "the same file saved as UTF-8",
    ),
    "file-empty": _fixed("the file has no keys", "# only a comment", "format: 1\nid: my_list\n..."),
    "yaml-alias": _fixed("an `*alias` is used", "title: *name", "title: Warning signs"),
    "yaml-anchor": _fixed(
        "an `&anchor` is used", "title: &name Warning signs", "title: Warning signs"
    ),
    "yaml-tag": _fixed(
        "an explicit tag such as `!!python/object` is used",
        "title: !!python/object:os.system ls",
        'title: "Warning signs"',
    ),
    "yaml-duplicate-key": _fixed(
        "a key appears twice in one mapping, often because a `- ` is missing",
        "items:\n  - id: fees\n    text: ...\n    id: contact\n    text: ...",
        "items:\n  - id: fees\n    text: ...\n  - id: contact\n    text: ...",
    ),
    "yaml-too-deep": _fixed(
        "more than 32 levels of nesting", "a: {b: {c: {d: ... 40 levels}}}", "a flatter file"
    ),
    "yaml-too-many-values": _fixed(
        "more than 50,000 keys and values", "one file with 60,000 values", "several smaller files"
    ),
    "yaml-text-too-long": _fixed(
        "one text longer than 10,000 characters",
        "help: <a 20,000-character essay>",
        "help: a few sentences, with a link for more",
    ),
    "yaml-key-type": _fixed(
        "a key that is not plain text (a number, true/false, a list)",
        "1: first answer",
        '"1": first answer',
    ),
    "yaml-number": _fixed(
        "a whole number with more than 15 digits, or one too large",
        "phone: 18007997233123456",
        'phone: "18007997233123456"',
    ),
    "yaml-multiple-documents": _fixed(
        "more than one YAML document in the file",
        "format: 1\n...\n---\nformat: 1",
        "one checklist per file",
    ),
    "yaml-not-mapping": _fixed(
        "the top level is a list or a single value, not `key: value` lines",
        "- format: 1\n- id: my_list",
        "format: 1\nid: my_list",
    ),
    "yaml-tab": _fixed(
        "a tab character used for indentation or between values",
        "items:\n\t- id: fees",
        "items:\n  - id: fees",
    ),
    "yaml-directive": _fixed(
        "a `%` directive other than `%YAML` (the two YAML parsers disagree on unknown ones)",
        "%VETTING strict\n---\nformat: 1",
        "format: 1",
    ),
    "yaml-syntax": _fixed(
        "the YAML parser cannot read the file (a missing `:`, bad indentation, an unclosed quote)",
        "text: Note: ask about fees",
        'text: "Note: ask about fees"',
    ),
    "file-not-found": _fixed(
        "a path given to `vetting validate` does not exist",
        "vetting validate checklist/",
        "vetting validate checklists/",
    ),
    "no-checklist-files": _fixed(
        "a folder given to `vetting validate` has no .yaml or .yml file",
        "vetting validate docs/",
        "vetting validate checklists/",
    ),
    "folder-unreadable": _fixed(
        "a folder given to `vetting validate` (or one inside it) cannot be read",
        "a folder without read permission",
        "chmod u+rx checklists/private",
    ),
    "link-outside-folder": RuleInfo(
        Level.WARNING,
        "a link in a folder leads out of it, so vetting does not read it",
        "checklists/notes.yaml -> /home/me/.ssh/config",
        "name the file itself: vetting validate /path/to/the/file.yaml",
        can_disable=False,
    ),
    "yaml-portable": RuleInfo(
        Level.WARNING,
        "a `?` inside `[ ]` or `{ }`: read here, but not where libyaml is not installed",
        "questions_to_ask: [Are you licensed?]",
        'questions_to_ask: ["Are you licensed?"]',
    ),
    "internal-error": _fixed(
        "vetting itself failed while checking this file: please report it",
        "(any file that makes vetting fail)",
        "(the same file, after the bug is fixed)",
    ),
}


def load_problem(file: str, error: LoadError) -> Problem:
    """A loader error as a Problem; file-level errors without a position point at 1:1."""
    return Problem(
        file=file,
        line=error.line or 1,
        column=error.column or 1,
        rule=LOAD_RULES.get(error.code, "yaml-syntax"),
        message=error.message,
        suggestion=getattr(error, "hint", None),
    )


PORTABLE_MESSAGE = (
    "Some computers cannot read this file: a `?` inside `[ ]` or `{ }` stops the YAML "
    "reader vetting uses where libyaml is not installed. Put that text in quotes, such as "
    '["Are you licensed?"], or write the list with one `- ` item per line.'
)


def portability_problems(doc: YamlDocument, file: str) -> list[Problem]:
    """Where PyYAML's pure-Python reader would refuse a file that libyaml read.

    libyaml (and the YAML spec) read ``[Are you licensed?]`` as one text; the pure-Python
    reader, which PyYAML falls back to where libyaml is not installed, stops at the ``?``.
    A checklist that loads on its author's computer would then fail on a person's. The
    loader notes the first such ``?`` as it reads the file (``doc.flow_question``).
    """
    if doc.flow_question is None:
        return []
    line, column = doc.flow_question
    return [
        Problem(
            file=file,
            line=line,
            column=column,
            rule="yaml-portable",
            message=PORTABLE_MESSAGE,
            level=Level.WARNING,
        )
    ]
