"""Text hygiene: find characters that can hide or change what a person reads.

A checklist is shown in a terminal and read by people making a hard decision, so a
string must mean what it looks like (SECURITY-NOTES T1-T4):

* control characters (C0 except newline and tab, DEL, C1) can drive the terminal
  itself: clear the screen, set the title, write the clipboard. YAML's reader refuses
  raw ones, but double-quoted escapes such as ``"\\e"`` or ``"\\u009b"`` produce them;
* bidirectional controls (U+202E and friends) make text read differently from how it
  is stored ("I do ‮ton‬ feel hopeful"); they are looked for in the raw file too, so
  a comment cannot hide one from a reviewer;
* invisible characters hide text or make two different strings look identical: every
  format character (zero-width space, word joiner, soft hyphen, the U+E0000 "tag"
  characters that can smuggle a whole hidden sentence, ...), the Hangul fillers and the
  Braille blank are errors (issue 17.7: the documents promised refusal). The one
  exception is a zero-width joiner or non-joiner inside a word of a script that needs
  it (Persian, the Indic scripts, emoji sequences): both neighbours must be non-ASCII
  letters, marks or symbols, so ``pass\u200dword`` is still refused;
* text that is not NFC may not match text that looks the same: a warning;
* curly quotes typed where YAML expects straight ones (``version: “0.1.0”``, often pasted
  from a word processor) are not quotes to YAML: they become part of the value, so
  ``“yes”`` is not ``yes``. Only an unquoted value wrapped in them is reported; written
  inside straight quotes (``'“yes”'``) they are kept as text on purpose.

Rules (all found here, in one walk over the document's strings):

- ``control-character`` (error): a control character (escape, bell...) in a key or value.
- ``bidi-control`` (error): a text-direction control, anywhere in the file (comments too).
- ``invisible-character`` (error): a zero-width, tag or other invisible character.
- ``not-normalized`` (warning): text not in Unicode NFC form.
- ``yaml-curly-quotes`` (error): an unquoted value wrapped in curly quotes.

:func:`scan_text` turns these into :class:`~vetting.problems.Problem` values;
:func:`sanitize` is the last line of defence when text is displayed, and
:func:`escape_controls` writes a name or path from outside on one line, visibly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vetting.checklist.chars import BIDI_CONTROLS, CONTROLS, INVISIBLE, escape_controls
from vetting.problems import DocPath, Level, Problem, RuleInfo

if TYPE_CHECKING:  # the app imports sanitize() alone, and must not load the YAML parser
    from vetting.checklist.loader import YamlDocument
    from vetting.checklist.yaml_base import Position

__all__ = [
    "BIDI_CONTROLS",
    "INVISIBLE",
    "RULES",
    "describe_char",
    "escape_controls",
    "sanitize",
    "scan_text",
]

_JOINERS = frozenset("\u200c\u200d")
_JOINABLE = ("L", "M", "S")  # category initials a joiner may sit between

# Anything outside printable ASCII (plus newline and tab) needs a closer look; most
# strings in a checklist are plain ASCII, and for them the whole check is one search.
_SUSPECT = re.compile("[^\x20-\x7e\n\t]")
_SUSPECT_IN_FILE = re.compile("[^\x20-\x7e\n\t\r]")  # YAML turns CR LF into LF
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_SANITIZE_RE = re.compile("[" + re.escape("".join(sorted(CONTROLS | BIDI_CONTROLS))) + "]")
_SANITIZE_TABLE = dict.fromkeys(map(ord, CONTROLS | BIDI_CONTROLS), "\ufffd")

# unicodedata has no names for control characters; these are their Unicode aliases.
_C0_NAMES = [
    "NULL",
    "START-OF-HEADING",
    "START-OF-TEXT",
    "END-OF-TEXT",
    "END-OF-TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER-TABULATION",
    "LINE-FEED",
    "LINE-TABULATION",
    "FORM-FEED",
    "CARRIAGE-RETURN",
    "SHIFT-OUT",
    "SHIFT-IN",
    "DATA-LINK-ESCAPE",
    "DEVICE-CONTROL-ONE",
    "DEVICE-CONTROL-TWO",
    "DEVICE-CONTROL-THREE",
    "DEVICE-CONTROL-FOUR",
    "NEGATIVE-ACKNOWLEDGE",
    "SYNCHRONOUS-IDLE",
    "END-OF-TRANSMISSION-BLOCK",
    "CANCEL",
    "END-OF-MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "FILE-SEPARATOR",
    "GROUP-SEPARATOR",
    "RECORD-SEPARATOR",
    "UNIT-SEPARATOR",
]
_C1_NAMES = [
    "PADDING-CHARACTER",
    "HIGH-OCTET-PRESET",
    "BREAK-PERMITTED-HERE",
    "NO-BREAK-HERE",
    "INDEX",
    "NEXT-LINE",
    "START-OF-SELECTED-AREA",
    "END-OF-SELECTED-AREA",
    "CHARACTER-TABULATION-SET",
    "CHARACTER-TABULATION-WITH-JUSTIFICATION",
    "LINE-TABULATION-SET",
    "PARTIAL-LINE-FORWARD",
    "PARTIAL-LINE-BACKWARD",
    "REVERSE-LINE-FEED",
    "SINGLE-SHIFT-TWO",
    "SINGLE-SHIFT-THREE",
    "DEVICE-CONTROL-STRING",
    "PRIVATE-USE-ONE",
    "PRIVATE-USE-TWO",
    "SET-TRANSMIT-STATE",
    "CANCEL-CHARACTER",
    "MESSAGE-WAITING",
    "START-OF-GUARDED-AREA",
    "END-OF-GUARDED-AREA",
    "START-OF-STRING",
    "SINGLE-GRAPHIC-CHARACTER-INTRODUCER",
    "SINGLE-CHARACTER-INTRODUCER",
    "CONTROL-SEQUENCE-INTRODUCER",
    "STRING-TERMINATOR",
    "OPERATING-SYSTEM-COMMAND",
    "PRIVACY-MESSAGE",
    "APPLICATION-PROGRAM-COMMAND",
]


def describe_char(ch: str) -> str:
    """``"U+202E RIGHT-TO-LEFT OVERRIDE"``: a character named for a message."""
    cp = ord(ch)
    if cp < 0x20:
        name = _C0_NAMES[cp].replace("-", " ")
    elif cp == 0x7F:
        name = "DELETE"
    elif 0x80 <= cp < 0xA0:
        name = _C1_NAMES[cp - 0x80].replace("-", " ")
    else:
        name = unicodedata.name(ch, "unnamed character")
    return f"U+{cp:04X} {name}"


def sanitize(text: str) -> str:
    """Replace control characters (except newline, tab) and bidi controls with U+FFFD.

    For display only, as defence in depth: the validator already refuses these, but
    text can reach the screen from elsewhere (answers files, error messages).
    """
    if _SANITIZE_RE.search(text) is None:
        return text
    return text.translate(_SANITIZE_TABLE)


def scan_text(doc: YamlDocument) -> list[Problem]:
    """Every hygiene problem in the document's keys and values, and bidi in its raw text.

    Assumes ``doc.data`` was loaded from ``doc.text`` (as :mod:`vetting.checklist.loader` does): a
    file of printable ASCII without backslash escapes is then clean without a walk.
    """
    text = doc.text
    if text and "\\" not in text and _SUSPECT_IN_FILE.search(text) is None:
        return []  # printable ASCII and no escapes: no key or value loaded from it is bad
    problems: list[Problem] = []
    for path, text, is_key in _strings(doc.data):
        if _SUSPECT.search(text) is not None:
            problems.extend(_check_string(doc, path, text, is_key))
    problems.extend(_raw_bidi(doc))
    problems.sort(key=Problem.sort_key)
    return problems


def _strings(data: dict[str, Any]) -> Iterator[tuple[DocPath, str, bool]]:
    """Every key and string value with its path, without recursion."""
    stack: list[tuple[DocPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, key)
                yield child, key, True
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend(((*path, i), value) for i, value in enumerate(node))
        elif isinstance(node, str):
            yield path, node, False


def _check_string(doc: YamlDocument, path: DocPath, text: str, is_key: bool) -> list[Problem]:
    """At most one problem per rule for one string: the first offending character."""
    found: dict[str, str] = {}
    for match in _SUSPECT.finditer(text):
        ch = match.group()
        rule = _rule_for(ch)
        if rule == "invisible-character" and ch in _JOINERS and _joins(text, match.start()):
            continue
        if rule is not None and rule not in found:
            found[rule] = ch
    if not unicodedata.is_normalized("NFC", text):
        found["not-normalized"] = ""
    curly = len(text) >= 2 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE
    if not found and not curly:
        return []
    where = (doc.locate_key(path) if is_key else doc.locate(path)) or (None, None)
    what = "This key" if is_key else "This text"
    problems = [
        _problem(doc, where, rule, _MESSAGES[rule](what, ch), path) for rule, ch in found.items()
    ]
    if curly and _written_plain(doc, where, text[0]):
        problems.append(_curly_problem(doc, where, path, text, is_key))
    return problems


def _written_plain(doc: YamlDocument, where: Position | tuple[None, None], first: str) -> bool:
    """Whether the value is written unquoted: the file has the curly quote at its position."""
    line, column = where
    if line is None or column is None:
        return False
    lines = doc.text.splitlines()
    return 0 < line <= len(lines) and lines[line - 1][column - 1 : column] == first


def _curly_problem(
    doc: YamlDocument, where: Position | tuple[None, None], path: DocPath, text: str, is_key: bool
) -> Problem:
    import json  # only for a file with curly quotes

    inner = text[1:-1]
    straight = json.dumps(inner, ensure_ascii=False)
    kept = "'" + text.replace("'", "''") + "'"
    what = "key" if is_key else "value"
    problem = _problem(
        doc,
        where,
        "yaml-curly-quotes",
        f"This {what} is wrapped in curly quotes ({text[0]} {text[-1]}). YAML does not read "
        f"curly quotes as quotes, so the {what} is {text} with the quotes included, not {inner}.",
        path,
    )
    return problem._replace(
        suggestion=f"use straight quotes: {straight} (or, to show the curly quotes, {kept})"
    )


def _rule_for(ch: str) -> str | None:
    if ch in CONTROLS:
        return "control-character"
    if ch in BIDI_CONTROLS:
        return "bidi-control"
    if ch in INVISIBLE or unicodedata.category(ch) == "Cf":
        return "invisible-character"
    return None


def _joins(text: str, index: int) -> bool:
    """A joiner between two non-ASCII letters, marks or symbols: part of a word or emoji."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return all(
        not ch.isascii() and unicodedata.category(ch)[0] in _JOINABLE for ch in (before, after)
    )


_MESSAGES = {
    "control-character": lambda what, ch: (
        f"{what} contains an invisible control character ({describe_char(ch)}). "
        "It can change what the terminal shows; remove it."
    ),
    "bidi-control": lambda what, ch: (
        f"{what} contains a text-direction control character ({describe_char(ch)}). "
        "It can make the text read differently from what is stored; remove it."
    ),
    "invisible-character": lambda what, ch: (
        f"{what} contains an invisible character ({describe_char(ch)}). "
        "It can hide text, or make two texts look the same that differ; remove it."
    ),
    "not-normalized": lambda what, ch: (
        f"{what} has accented letters stored in an unusual (not NFC) form, so it may not "
        "match text that looks the same. Retype it or save the file as NFC."
    ),
}
RULES: dict[str, RuleInfo] = {
    "control-character": RuleInfo(
        Level.ERROR,
        "a control character (such as escape) that can drive the terminal",
        'title: "Warning signs\\e[2J"',
        "title: Warning signs",
        can_disable=False,
    ),
    "bidi-control": RuleInfo(
        Level.ERROR,
        "a text-direction control that makes text read differently from what is stored",
        'text: "I do \\u202Eton\\u202C feel safe"',
        "text: I do not feel safe",
        can_disable=False,
    ),
    "invisible-character": RuleInfo(
        Level.ERROR,
        "an invisible character that can hide text, or make two texts look the same",
        'id_note: "fees\\u200Bclear"',
        "id_note: fees clear",
        can_disable=False,
    ),
    "not-normalized": RuleInfo(
        Level.WARNING,
        "accented letters stored in an unusual (not NFC) form",
        'text: "Cafe\\u0301"',
        'text: "Café"',
    ),
    "yaml-curly-quotes": RuleInfo(
        Level.ERROR,
        "an unquoted value wrapped in curly quotes, which YAML keeps as part of the value",
        "version: “0.1.0”",
        'version: "0.1.0"',
    ),
}
_LEVELS = {rule: info.level for rule, info in RULES.items()}
# Quotes a word processor types; a value starting with one and ending with one is "quoted".
_CURLY_OPEN = frozenset("“”„‟‘’‚‛«‹")
_CURLY_CLOSE = frozenset("“”„‟‘’‚‛»›\"'")


def _problem(
    doc: YamlDocument,
    where: Position | tuple[None, None],
    rule: str,
    message: str,
    path: DocPath,
) -> Problem:
    return Problem(
        file=doc.source,
        line=where[0],
        column=where[1],
        rule=rule,
        message=message,
        level=_LEVELS[rule],
        path=path,
    )


def _raw_bidi(doc: YamlDocument) -> list[Problem]:
    """Bidi controls in the file outside any key or value: comments, mostly.

    Those inside keys and values were already reported with their path; reporting a
    comment's is what stops a reviewer being fooled by text the app never shows.
    """
    if _BIDI_RE.search(doc.text) is None:
        return []
    from vetting.checklist.yaml_positions import LineIndex  # loaded with any document

    spans = doc.scalar_spans()
    starts = [span[0] for span in spans]
    problems = []
    reported_lines: set[int] = set()  # one problem per line is enough to find it
    lines = LineIndex(doc.text)
    for match in _BIDI_RE.finditer(doc.text):
        where = lines.position(match.start())
        i = bisect.bisect_right(starts, where) - 1
        if (i >= 0 and where < spans[i][1]) or where[0] in reported_lines:
            continue
        reported_lines.add(where[0])
        message = (
            f"The file contains a text-direction control character "
            f"({describe_char(match.group())}) outside any value, for example in a comment. "
            "It can make the file read differently from what it says; remove it."
        )
        problems.append(_problem(doc, where, "bidi-control", message, ()))
    return problems
