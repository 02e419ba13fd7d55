"""Text hygiene (SECURITY-NOTES T1-T4): control, bidi and invisible characters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from vetting.checklist.loader import YamlDocument, load_yaml_text
from vetting.checklist.textcheck import BIDI_CONTROLS, describe_char, sanitize, scan_text
from vetting.problems import Level, Problem


def _scan(text: str) -> list[Problem]:
    return scan_text(load_yaml_text(text, source="list.yaml"))


def _rules(problems: list[Problem]) -> list[tuple[str, int | None]]:
    return [(p.rule, p.line) for p in problems]


# Double-quoted escapes are the way control characters get past YAML's reader.
CONTROL_ESCAPES = [
    (r"\e[2J", "U+001B ESCAPE"),
    (r"\x1b]52;c;SGVsbG8=\x1b\\", "U+001B ESCAPE"),
    (r"\x1b]0;PWNTITLE\x07", "U+001B ESCAPE"),
    (r"ring \a", "U+0007 BELL"),
    (r"nul \0", "U+0000 NULL"),
    (r"csi \u009b2J", "U+009B CONTROL SEQUENCE INTRODUCER"),
    (r"del \x7f", "U+007F DELETE"),
    (r"back\r", "U+000D CARRIAGE RETURN"),
    (r"nel \N", "U+0085 NEXT LINE"),
]


@pytest.mark.parametrize(("escape", "named"), CONTROL_ESCAPES)
def test_control_characters_from_escapes_are_errors(escape: str, named: str) -> None:
    problems = _scan(f'id: x\nsections:\n  - title: "{escape}"\n')
    assert _rules(problems) == [("control-character", 3)]
    problem = problems[0]
    assert problem.level is Level.ERROR and problem.is_error
    assert problem.path == ("sections", 0, "title")
    assert problem.column == 12
    assert problem.file == "list.yaml"
    assert f"an invisible control character ({named})" in problem.message


def test_control_character_in_a_key_points_at_the_key() -> None:
    problems = _scan('id: x\nitem:\n  "bad\\ekey": 1\n')
    assert _rules(problems) == [("control-character", 3)]
    assert problems[0].path == ("item", "bad\x1bkey")
    assert problems[0].column == 3
    assert problems[0].message.startswith("This key")


def test_newline_and_tab_are_not_controls() -> None:
    assert _scan('a: "line\\none\\ttab"\nb: |\n  two\n  lines\n') == []


def test_trojan_source_example_is_an_error() -> None:
    problems = _scan("id: x\nq: I do \u202eton\u202c feel hopeful\n")
    assert _rules(problems) == [("bidi-control", 2)]  # one per string, not per character
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in problems[0].message
    assert problems[0].path == ("q",)


@pytest.mark.parametrize("ch", sorted(BIDI_CONTROLS))
def test_every_bidi_control_is_an_error_as_escape(ch: str) -> None:
    problems = _scan(f'id: x\nq: "a\\u{ord(ch):04x}b"\n')
    assert _rules(problems) == [("bidi-control", 2)]
    assert problems[0].level is Level.ERROR


def test_bidi_in_a_comment_is_an_error_at_its_position() -> None:
    problems = _scan("id: x  # harmless \u2067really\u2069\nq: fine\n")
    assert _rules(problems) == [("bidi-control", 1)]
    assert problems[0].column == 19
    assert problems[0].path == ()


def test_bidi_in_a_value_is_reported_once_not_again_as_raw_text() -> None:
    problems = _scan("id: x\nq: 'a \u202e b'  # and \u202d here\n")
    assert _rules(problems) == [("bidi-control", 2), ("bidi-control", 2)]
    assert {p.path for p in problems} == {("q",), ()}


@pytest.mark.parametrize(
    "escape",
    [
        r"\u200b",  # zero-width space
        r"\u200c",  # zero-width non-joiner, between ASCII letters
        r"\u200d",  # zero-width joiner, between ASCII letters
        r"\ufeff",
        r"\u2060",  # word joiner
        r"\u00ad",  # soft hyphen
        r"\u180e",
        r"\U000e0041",  # a tag character ("A"): a hidden sentence can be spelled in these
        r"\U000e0001",
        r"\u3164",  # Hangul filler
        r"\u115f",
        r"\uffa0",  # halfwidth Hangul filler
        r"\u2800",  # Braille pattern blank
        r"\u034f",  # combining grapheme joiner
    ],
)
def test_invisible_characters_are_errors(escape: str) -> None:
    """Issue 17.7: the documents promise refusal; warnings (or nothing) were all they got."""
    problems = _scan(f'id: "q{escape}1"\n')
    assert _rules(problems) == [("invisible-character", 1)]
    assert problems[0].level is Level.ERROR
    assert describe_char(escape.encode().decode("unicode_escape")) in problems[0].message


def test_a_whole_hidden_sentence_in_tag_characters_is_refused() -> None:
    hidden = "".join(chr(0xE0000 + ord(ch)) for ch in "ignore the crisis lines")
    problems = _scan(f"title: Warning signs{hidden}\n")
    assert [(p.rule, p.level) for p in problems] == [("invisible-character", Level.ERROR)]


def test_literal_zero_width_space_is_an_error() -> None:
    problems = _scan("id: q\u200b1\n")
    assert _rules(problems) == [("invisible-character", 1)]
    assert problems[0].level is Level.ERROR


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: mi-khaham, needs a ZWNJ
        "\u0915\u094d\u200d\u0937",  # Devanagari: a half form, needs a ZWJ
        "\U0001f469\u200d\U0001f4bb",  # an emoji sequence
    ],
)
def test_joiners_inside_words_that_need_them_are_fine(text: str) -> None:
    assert _scan(f"title: {text}\n") == []


def test_joiners_next_to_ascii_are_still_refused() -> None:
    problems = _scan("title: pass\u200dword and \u200c\n")
    assert [(p.rule, p.level) for p in problems] == [("invisible-character", Level.ERROR)]


def test_text_not_in_nfc_is_a_warning() -> None:
    decomposed = unicodedata.normalize("NFD", "café")
    problems = _scan(f"title: {decomposed}\n")
    assert _rules(problems) == [("not-normalized", 1)]
    assert problems[0].level is Level.WARNING


def test_ordinary_non_ascii_text_is_clean() -> None:
    assert _scan("title: Café — “quoted” ¿qué? 日本語 👋 العربية\n") == []


def test_several_rules_in_one_string_each_reported() -> None:
    problems = _scan('q: "\\e x\\u202e y\\u200b"\n')
    assert sorted(p.rule for p in problems) == [
        "bidi-control",
        "control-character",
        "invisible-character",
    ]


def test_problems_are_sorted() -> None:
    problems = _scan('b: "\\e"\na: "\\e"\nc:\n  - "\\a"\n')
    assert [p.line for p in problems] == [1, 2, 4]


def test_document_without_source_text_is_still_walked() -> None:
    doc = YamlDocument(data={"a": ["ok", "\x1b[2J"]}, text="", source="x", content_hash="")
    problems = scan_text(doc)
    assert [(p.rule, p.path, p.line) for p in problems] == [("control-character", ("a", 1), None)]


# --------------------------------------------------------------------------- sanitize


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text", "plain text"),
        ("keep\nnew lines\tand tabs", "keep\nnew lines\tand tabs"),
        ("\x1b]0;PWN\x07", "\ufffd]0;PWN\ufffd"),
        ("\x1b[2J", "\ufffd[2J"),
        ("a\x9bb\x85c\x7fd\re", "a\ufffdb\ufffdc\ufffdd\ufffde"),
        ("I do \u202eton\u202c feel", "I do \ufffdton\ufffd feel"),
        ("\u2066x\u2069\u200e\u200f\u061c", "\ufffdx\ufffd\ufffd\ufffd\ufffd"),
        ("zero\u200bwidth stays", "zero\u200bwidth stays"),
        ("Café 日本", "Café 日本"),
    ],
)
def test_sanitize(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown


@given(st.text())
def test_sanitize_leaves_no_controls_and_is_idempotent(text: str) -> None:
    clean = sanitize(text)
    assert len(clean) == len(text)
    for ch in clean:
        assert ch in "\n\t" or unicodedata.category(ch) != "Cc"
        assert ch not in BIDI_CONTROLS
    assert sanitize(clean) == clean


# --------------------------------------------------------------------------- describe_char


@pytest.mark.parametrize(
    ("ch", "described"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x00", "U+0000 NULL"),
        ("\x7f", "U+007F DELETE"),
        ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
        ("\x9f", "U+009F APPLICATION PROGRAM COMMAND"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("é", "U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
        ("\U0001f44b", "U+1F44B WAVING HAND SIGN"),
    ],
)
def test_describe_char(ch: str, described: str) -> None:
    assert describe_char(ch) == described
