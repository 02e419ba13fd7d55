"""Which characters vetting treats as controls, bidi controls or invisible, in one place.

:mod:`vetting.checklist.textcheck` refuses them in checklists and replaces them for
display; :func:`escape_controls` writes them visibly in names and paths echoed from
outside. A leaf module (it imports nothing of vetting), so :mod:`vetting.problems` can
use it too.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "CONTROLS", "INVISIBLE", "escape_controls"]

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
"""Characters that reorder how text is displayed (the "Trojan Source" set)."""

INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
"""Blank-looking characters that are not format characters (Hangul fillers, the Braille
blank, the combining grapheme joiner, Khmer inherent vowels); every Cf one counts too."""

_KEEP = "\n\t"  # the only controls text may hold
CONTROLS = frozenset(
    chr(cp) for cp in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(cp) not in _KEEP
)
"""C0 (but newline and tab), DEL and C1: they can drive the terminal itself."""

_ESCAPE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U0001d173-\U0001d17a"
    + "".join(sorted(INVISIBLE))
    + "\U000e0000-\U000e007f]"
)
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str) -> str:
    """``text`` on one line with every control, bidi or invisible character made visible.

    For names, paths and values echoed from outside (a file name, a key): ``a\\nb`` for a
    newline, ``\\x1b`` for ESC, ``\\u202e`` for a bidi override. A file called
    ``x\\n::error file=README.md::FAKE`` can then never start a line of its own in a
    report (issue 17.2: GitHub runs such a line as a workflow command). Ordinary text,
    accents and other scripts are unchanged; backslashes are left as they are.
    """
    if _ESCAPE_RE.search(text) is None:
        return text
    return _ESCAPE_RE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[ch]
    cp = ord(ch)
    if cp < 0x100:
        return f"\\x{cp:02x}"
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"
