"""The hardened loader (SECURITY-NOTES L1-L13), run under both libyaml and pure Python."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from vetting.checklist import loader
from vetting.checklist.loader import (
    MAX_BYTES,
    MAX_DEPTH,
    YamlDocument,
    load_yaml_bytes,
    load_yaml_file,
    load_yaml_text,
)
from vetting.errors import LoadError

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
HAS_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


def _generated() -> dict[str, bytes]:
    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generated()


CORPUS: dict[str, bytes] = {
    **{path.name: path.read_bytes() for path in sorted(HOSTILE.glob("*.yaml"))},
    **_generated(),
}


@pytest.fixture(params=["libyaml", "pure"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with CSafeLoader and once with SAFEYAML_PURE=1."""
    if request.param == "libyaml":
        if not HAS_LIBYAML:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.delenv("SAFEYAML_PURE", raising=False)
    else:
        monkeypatch.setenv("SAFEYAML_PURE", "1")
    return request.param


def _outcome(raw: bytes) -> tuple[Any, ...]:
    """What loading gives, comparable across parsers: data, or (code, line, column)."""
    try:
        return ("OK", load_yaml_bytes(raw).data)
    except LoadError as exc:
        return (exc.code, exc.line, exc.column)


def _error(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_yaml_text(text)
    return info.value


@dataclass
class ParserWork:
    """What the parsers did during a test, counted rather than timed (load-independent)."""

    parsers: int = 0
    events: int = 0
    reach: int = 0
    """The furthest character the pure-Python parser read (libyaml does not say)."""


@pytest.fixture
def parser_work(monkeypatch: pytest.MonkeyPatch) -> ParserWork:
    """Count every parse, whoever starts it (the loader, the tab check, the escape check)."""
    work = ParserWork()

    def counting(parser: type) -> type:
        class Counting(parser):
            def __init__(self, stream: str) -> None:
                work.parsers += 1
                super().__init__(stream)

            def get_event(self) -> Any:
                work.events += 1
                return super().get_event()

            def dispose(self) -> None:
                work.reach = max(work.reach, getattr(self, "index", 0))
                super().dispose()

        return Counting

    monkeypatch.setattr(yaml, "SafeLoader", counting(yaml.SafeLoader))
    if HAS_LIBYAML:
        monkeypatch.setattr(yaml, "CSafeLoader", counting(yaml.CSafeLoader))
    return work


def test_mode_fixture_really_switches_parser(mode: str) -> None:
    expected = yaml.SafeLoader if mode == "pure" else yaml.CSafeLoader
    assert loader.parser_class() is expected


# --------------------------------------------------------------------------- corpus


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_corpus_gives_the_expected_code(name: str, mode: str) -> None:
    expected = name.split("--")[0]
    outcome = _outcome(CORPUS[name])
    assert outcome[0] == expected, outcome


def test_both_parsers_agree_on_the_whole_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    if not HAS_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    for name, raw in CORPUS.items():
        monkeypatch.delenv("SAFEYAML_PURE", raising=False)
        fast = _outcome(raw)
        monkeypatch.setenv("SAFEYAML_PURE", "1")
        pure = _outcome(raw)
        if fast[0] == "E_SYNTAX":  # the two parsers word and place syntax errors differently
            assert pure[0] == "E_SYNTAX", name
        else:
            assert fast == pure, name


# --------------------------------------------------------------------------- codes and lines

CASES = [
    # (text, code, line)
    ("a: &x 1\n", "E_ANCHOR", 1),
    ("a: 1\nb: &x [1, *x]\n", "E_ANCHOR", 2),
    ("a: 1\nb: *x\n", "E_ALIAS", 2),
    ("a: 1\nb: [1, *x]\n", "E_ALIAS", 2),
    ("a: !!str 1\n", "E_TAG", 1),
    ("a: 1\nb: !!python/object/apply:os.system [ls]\n", "E_TAG", 2),
    ("a:\n  - !!binary aGk=\n", "E_TAG", 2),
    ("a: !!set {x}\n", "E_TAG", 1),
    ("a: !local x\n", "E_TAG", 1),
    ("a: ! x\n", "E_TAG", 1),
    ("a: !!seq [x]\n", "E_TAG", 1),
    ("%TAG !e! tag:e.com,2000:\n---\na: !e!x 1\n", "E_TAG", 1),
    ("a: 1\na: 2\n", "E_DUP_KEY", 2),
    ("a:\n  b: 1\n  c: 2\n  b: 3\n", "E_DUP_KEY", 4),
    ("a:\n  - x: 1\n    y: 2\n    x: 3\n", "E_DUP_KEY", 4),
    ("a: {k: 1, k: 2}\n", "E_DUP_KEY", 1),
    ("a: 1\n1: b\n", "E_KEY_TYPE", 2),
    ("a: 1\n1.5: b\n", "E_KEY_TYPE", 2),
    ("a: 1\nnull: b\n", "E_KEY_TYPE", 2),
    ("a: 1\nfalse: b\n", "E_KEY_TYPE", 2),
    ("a: 1\n? [a]\n: v\n", "E_KEY_TYPE", 2),
    ("a: 1\n? {b: 1}\n: v\n", "E_KEY_TYPE", 2),
    ("a: 1\n---\nb: 2\n", "E_MULTI_DOC", 2),
    ("---\na: 1\n---\n", "E_MULTI_DOC", 3),
    ("- a\n", "E_NOT_MAPPING", 1),
    ("# intro\n\nplain text\n", "E_NOT_MAPPING", 3),
    ("\n# intro\n[1, 2]\n", "E_NOT_MAPPING", 3),
    ("a: 1\nb: 1234567890123456\n", "E_NUMBER", 2),
    ("a: -1234567890123456\n", "E_NUMBER", 1),
    ("a: [1e999]\n", "E_NUMBER", 1),
    ("a: 1\nb: " + "x" * 10_001 + "\n", "E_SCALAR_TOO_LONG", 2),
    ("a: 1\n? '" + "k" * 10_001 + "'\n: 1\n", "E_SCALAR_TOO_LONG", 2),
    ("a: 1\nb: " + "[" * 40 + "]" * 40 + "\n", "E_TOO_DEEP", 2),
    ("a: 1\nb: [" + "1, " * 50_001 + "]\n", "E_TOO_MANY_NODES", 2),
    ("a: 1\nq: a\tb\n", "E_TAB", 2),
    ("a:\n\tb: 1\n", "E_TAB", 2),
    ("a: 1\nb: 2\t# note\n", "E_TAB", 2),
    ("a: |\n  x\n\ty\n", "E_TAB", 3),
    ("a: [1,\t2]\n", "E_TAB", 1),
    ("a: 'x'\t\n", "E_TAB", 1),
    ("a: 1\nb: &x text\n\tc: 2\n", "E_TAB", 3),  # libyaml looks ahead further
    ("a: 1\nb: x\x1by\n", "E_CONTROL_CHAR", 2),
    ("a: x\x00y\n", "E_CONTROL_CHAR", 1),
    ("a: 1\n\nb: x\x9by\n", "E_CONTROL_CHAR", 3),
    ("a: x\x7f\n", "E_CONTROL_CHAR", 1),
    ("a: x\ufffe\n", "E_CONTROL_CHAR", 1),
    ("a: x\ud800\n", "E_ENCODING", 1),
    ("\ufeffa: 1\n\ufeffb: 2\n", "E_ENCODING", 2),
    ("\ufeff\ufeffa: 1\n", "E_ENCODING", 1),
    ('a: 1\nb: "x\n', "E_SYNTAX", 3),
    ("a: 1\nb: [1, 2\nc: 3\n", "E_SYNTAX", 3),
    ("a: 1\nb\nc: 2\n", "E_SYNTAX", 3),
]


@pytest.mark.parametrize(("text", "code", "line"), CASES, ids=[c[1] for c in CASES])
def test_refusals_have_code_and_line(text: str, code: str, line: int, mode: str) -> None:
    error = _error(text)
    assert (error.code, error.line) == (code, line), error.message
    assert error.column is not None and error.column >= 1
    assert error.message and "\n" not in error.message


def test_unreadable_characters_are_exactly_the_complement_of_the_readable_ones() -> None:
    """``_UNREADABLE`` lists the forbidden ranges (it compiles far faster that way); it must
    match exactly the code points outside what PyYAML reads (tab, LF, CR, printable ASCII,
    U+00A0-U+D7FF, U+E000-U+FFFD, U+10000 and up), U+0085 included, over all of Unicode."""

    def readable(code: int) -> bool:
        return (
            code in (0x09, 0x0A, 0x0D)
            or 0x20 <= code <= 0x7E
            or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or code >= 0x10000
        )

    everything = "".join(map(chr, range(0x110000)))
    found = [match.start() for match in loader._UNREADABLE.finditer(everything)]
    assert found == [code for code in range(0x110000) if not readable(code)]
    negated = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert found == [match.start() for match in negated.finditer(everything)]
    assert 0x85 in found and 0xFEFF not in found


@pytest.mark.parametrize("text", ["", "   \n\n", "# just a comment\n", "---\n", "---\n...\n"])
def test_empty_files(text: str, mode: str) -> None:
    assert _error(text).code == "E_EMPTY"


def test_syntax_error_message_is_plain(mode: str) -> None:
    error = _error("title: one\nsummary two\nid: x\n")
    assert error.code == "E_SYNTAX"
    assert "a ':' is missing or the indentation is off near here" in error.message
    assert isinstance(error.line, int)


def test_tabs_inside_quotes_and_comments_are_fine(mode: str) -> None:
    doc = load_yaml_text("a: \"x\ty\"\nb: 'p\tq'  # c\td\n#\tcomment\n")
    assert doc.data == {"a": "x\ty", "b": "p\tq"}


def test_depth_limit_is_exactly_32(mode: str) -> None:
    assert load_yaml_text("a: " + "[" * 31 + "]" * 31).data["a"] is not None
    assert _error("a: " + "[" * 32 + "]" * 32).code == "E_TOO_DEEP"


def test_node_limit_is_exactly_50000(mode: str) -> None:
    # root mapping + key "a" + the list + its items
    assert len(load_yaml_text("a: [" + "1," * 49_997 + "]").data["a"]) == 49_997
    assert _error("a: [" + "1," * 49_998 + "]").code == "E_TOO_MANY_NODES"


# --------------------------------------------------------------------------- typing (L9)

TYPING = [
    ("yes", "yes"),
    ("no", "no"),
    ("No", "No"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("n", "n"),
    ("0777", "0777"),
    ("0x1F", "0x1F"),
    ("0o17", "0o17"),
    ("12:30", "12:30"),
    ("23:59:60", "23:59:60"),
    ("2024-01-31", "2024-01-31"),
    ("1_000", "1_000"),
    (".nan", ".nan"),
    (".inf", ".inf"),
    ("-.inf", "-.inf"),
    ("00", "00"),
    ("1.2.0", "1.2.0"),
    ("+", "+"),
    ("-x", "-x"),
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    ("0", 0),
    ("-0", 0),
    ("+7", 7),
    ("42", 42),
    ("-17", -17),
    ("123456789012345", 123456789012345),
    ("1.5", 1.5),
    ("-0.25", -0.25),
    (".5", 0.5),
    ("1.", 1.0),
    ("1e3", 1000.0),
    ("2.5E-2", 0.025),
    ("'42'", "42"),
    ('"true"', "true"),
    ("'null'", "null"),
    ("'~'", "~"),
    ('""', ""),
]


@pytest.mark.parametrize(("written", "expected"), TYPING)
def test_yaml_12_core_typing(written: str, expected: object, mode: str) -> None:
    value = load_yaml_text(f"v: {written}\n").data["v"]
    assert value == expected and type(value) is type(expected)


def test_norway_list_stays_text(mode: str) -> None:
    data = load_yaml_text("choices: [yes, no, on, off, y, n, No]\n").data
    assert data == {"choices": ["yes", "no", "on", "off", "y", "n", "No"]}


def test_block_scalars_are_text(mode: str) -> None:
    data = load_yaml_text("a: |\n  12\nb: >\n  true\n").data
    assert data == {"a": "12\n", "b": "true\n"}


# --------------------------------------------------------------------------- bytes and files


def test_bom_is_stripped_once_and_hash_is_of_raw_bytes(mode: str) -> None:
    raw = b"\xef\xbb\xbfa: 1\n"
    doc = load_yaml_bytes(raw, source="x.yaml")
    assert doc.data == {"a": 1}
    assert doc.text == "a: 1\n"
    assert doc.source == "x.yaml"
    assert doc.content_hash == "sha256:" + hashlib.sha256(raw).hexdigest()


def test_text_hash_is_of_utf8_encoding(mode: str) -> None:
    doc = load_yaml_text("\ufeffa: é\n")
    assert doc.text == "a: é\n"
    assert doc.content_hash == "sha256:" + hashlib.sha256("\ufeffa: é\n".encode()).hexdigest()


def test_invalid_utf8_reports_byte_offset(mode: str) -> None:
    with pytest.raises(LoadError) as info:
        load_yaml_bytes(b"a: 1\nb: caf\xe9\n")
    assert info.value.code == "E_ENCODING"
    assert "byte 11" in info.value.message
    assert (info.value.line, info.value.column) == (2, 7)


def test_too_large_bytes_never_reach_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(loader, "parser_class", lambda: calls.append("parsed"))
    for raw in (b"a: " + b"x" * MAX_BYTES, b"[" * (MAX_BYTES + 1)):
        with pytest.raises(LoadError) as info:
            load_yaml_bytes(raw)
        assert info.value.code == "E_TOO_LARGE"
    with pytest.raises(LoadError) as info:
        load_yaml_text("a: " + "é" * (MAX_BYTES // 2))  # few chars, too many bytes
    assert info.value.code == "E_TOO_LARGE"
    assert calls == []


def test_file_reads_at_most_max_bytes_plus_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser_work: ParserWork
) -> None:
    """A 4 MiB file costs one read of MAX_BYTES + 1 and no parse (counted, not timed)."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (4 * MAX_BYTES))
    sizes: list[int] = []
    real_read = os.read

    def spying_read(fd: int, size: int) -> bytes:  # the loader reads with os.read
        sizes.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(os, "read", spying_read)
    with pytest.raises(LoadError) as info:
        load_yaml_file(big)
    assert info.value.code == "E_TOO_LARGE"
    assert sizes == [MAX_BYTES + 1]
    assert parser_work.parsers == 0


def test_file_loads_and_names_its_source(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"id: x\n")
    doc = load_yaml_file(path)
    assert doc.data == {"id": "x"}
    assert doc.source == str(path)


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_unreadable_paths_are_load_errors(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "nope.yaml" if kind == "missing" else tmp_path
    with pytest.raises(LoadError) as info:
        load_yaml_file(path)
    assert info.value.code == "E_READ"


# --------------------------------------------------------------------------- bombs (L3, L4, L5)

BILLION_LAUGHS = (HOSTILE / "E_ANCHOR--billion-laughs.yaml").read_text()


def test_alias_bomb_is_refused_cheaply(mode: str, parser_work: ParserWork) -> None:
    """Refused at the first anchor: a few parser events and little memory, on any machine."""
    tracemalloc.start()
    try:
        error = _error(BILLION_LAUGHS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "E_ANCHOR" and error.line == 1
    assert peak < 5 * 1024 * 1024
    assert parser_work.events <= 10  # stream, document, mapping, key, the anchored list


def test_aliases_alone_are_refused_before_any_expansion(mode: str) -> None:
    text = "a: [1]\n" + "".join(f"k{i}: [*a, *a, *a]\n" for i in range(20))
    assert _error(text).code == "E_ALIAS"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000,
        "a: " + "[" * 200_000,
        "a: " + "{a: " * 5000 + "}" * 5000,
        "".join(" " * i + f"k{i}:\n" for i in range(300)),
        "a: " + "[" * 200_000 + "\t",
    ],
    ids=["brackets-5000", "brackets-200k", "braces-5000", "block-300", "brackets-and-tab"],
)
def test_depth_bombs_are_refused_fast_without_recursion(
    text: str, mode: str, parser_work: ParserWork
) -> None:
    """Refused at MAX_DEPTH, whatever follows: the work is counted, so a busy machine
    cannot fail this and a missing limit cannot pass it (5,000 or 200,000 brackets give
    the same counts)."""
    error = _error(text)  # a RecursionError would escape pytest.raises(LoadError)
    assert error.code == "E_TOO_DEEP"
    assert parser_work.events <= 3 * MAX_DEPTH  # two passes when the text has a tab
    if mode == "pure":
        # Pure PyYAML looks ahead up to 1024 characters for a possible simple key, and
        # rescans its pending keys for each: a bounded cost that does not grow with size.
        assert parser_work.reach <= 1024 + 2 * MAX_DEPTH < len(text)


def test_million_brackets_is_refused(mode: str) -> None:
    assert _error("[" * (MAX_BYTES + 1)).code == "E_TOO_LARGE"
    with pytest.raises(LoadError):
        load_yaml_bytes(b"[" * (MAX_BYTES + 1))


def test_os_system_payload_is_refused_and_never_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    marker = tmp_path / "MARKER"
    monkeypatch.chdir(tmp_path)
    payload = f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert _error(payload).code == "E_TAG"
    assert not marker.exists()


def test_no_unsafe_yaml_anywhere_in_the_package() -> None:
    forbidden = re.compile(r"UnsafeLoader|FullLoader|yaml\.Loader\b|unsafe_load|full_load")
    offenders = []
    for path in sorted((ROOT / "vetting").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if forbidden.search(source):
            offenders.append(f"{path}: unsafe loader")
        if path.name != "loader.py" and re.search(r"yaml\.(safe_)?load\(|yaml\.load_all", source):
            offenders.append(f"{path}: loads YAML outside vetting/checklist/loader.py")
    assert offenders == []


# --------------------------------------------------------------------------- positions


POSITIONS_TEXT = """\
# a comment
id: red_flags
sections:
  - id: s1
    items:
      - id: q1
        text: "Hello"
      - {id: q2, text: Bye}
empty:
"""


def test_locate_values_and_keys(mode: str) -> None:
    doc = load_yaml_text(POSITIONS_TEXT)
    assert doc.locate(("id",)) == (2, 5)
    assert doc.locate_key(("id",)) == (2, 1)
    assert doc.locate(("sections",)) == (4, 3)
    assert doc.locate(("sections", 0)) == (4, 5)
    assert doc.locate(("sections", 0, "items", 0, "text")) == (7, 15)
    assert doc.locate_key(("sections", 0, "items", 0, "text")) == (7, 9)
    assert doc.locate(("sections", 0, "items", 1, "text")) == (8, 24)
    assert doc.locate_key(("sections", 0, "items", 1)) == (8, 9)
    assert doc.locate(()) == (2, 1)
    assert doc.locate_key(("empty",)) == (9, 1)
    assert doc.locate(("empty",)) is not None


def test_locate_missing_path_points_at_deepest_existing_ancestor(mode: str) -> None:
    doc = load_yaml_text(POSITIONS_TEXT)
    assert doc.locate(("sections", 0, "items", 0, "severity")) == (6, 9)
    assert doc.locate(("sections", 0, "items", 7, "text")) == doc.locate(("sections", 0, "items"))
    assert doc.locate_key(("sections", 0, "nope")) == doc.locate(("sections", 0))
    assert doc.locate(("nope", "deeper")) == (2, 1)


def test_locate_without_yaml_text_is_none() -> None:
    doc = YamlDocument(data={"a": 1}, text="", source="x", content_hash="sha256:0")
    assert doc.locate(("a",)) is None
    assert doc.locate_key(("a",)) is None


def test_positions_are_built_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = loader.position_table
    monkeypatch.setattr(loader, "position_table", lambda t: calls.append(t) or real(t))
    doc = load_yaml_text(POSITIONS_TEXT)
    assert calls == []
    doc.locate(("id",))
    doc.locate(("sections",))
    assert len(calls) == 1


# --------------------------------------------------------------------------- properties (L11, L13)

CHECKLIST = """\
format: 1
id: red_flags
kind: red-flags
title: "Warning signs"
version: "1.0.0"
sections:
  - id: boundaries
    title: Boundaries
    items:
      - id: q1
        kind: yes_no
        text: Has your therapist touched you in a way that felt wrong?
        severity: critical
        options: [{value: yes, points: 3}, {value: no, points: 0}]
      - id: q2
        kind: scale
        text: |
          How safe do you feel?
        scale: {min: 1, max: 5}
bands:
  - {min: 0, max: 2.5, label: Low}
"""

YAML_BITS = [*":-[]{},#&*!|>'\"%@`?~\t\n ", "---", "...", "\ufeff", "\\", "yes", "0777"]


def _check_only_load_errors(load: Any, value: Any) -> None:
    try:
        doc = load(value)
    except LoadError as exc:
        assert "(an unexpected" not in exc.message, exc.message
        return
    assert isinstance(doc.data, dict)
    json.dumps(doc.data, allow_nan=False)
    assert all(isinstance(key, str) for key in doc.data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300), pure=st.booleans())
def test_any_text_gives_data_or_load_error(text: str, pure: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAFEYAML_PURE", "1" if pure else "0")
        _check_only_load_errors(load_yaml_text, text)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300), pure=st.booleans())
def test_any_bytes_give_data_or_load_error(raw: bytes, pure: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAFEYAML_PURE", "1" if pure else "0")
        _check_only_load_errors(load_yaml_bytes, raw)


@st.composite
def _mutated_checklist(draw: st.DrawFn) -> str:
    text = CHECKLIST
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            bit = draw(st.sampled_from(YAML_BITS) | st.text(max_size=3))
            text = text[:at] + bit + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
    return text


@settings(max_examples=200, deadline=None)
@given(text=_mutated_checklist())
def test_mutated_checklists_give_data_or_load_error_and_parsers_agree(text: str) -> None:
    outcomes = []
    for pure in ("0", "1") if HAS_LIBYAML else ("1",):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SAFEYAML_PURE", pure)
            _check_only_load_errors(load_yaml_text, text)
            outcomes.append(_outcome(text.encode("utf-8", "surrogatepass")))
    # Unless one parser reports a syntax error, both must give exactly the same result.
    # Known grammar differences that do give E_SYNTAX in only one of them: `?` inside an
    # unquoted value in `[...]`/`{...}` (pure PyYAML refuses it) and `key:}` / `key:,`
    # (libyaml refuses it). Both stream, so a syntax error may also pre-empt a later
    # refusal in one parser but not the other.
    if not any(outcome[0] == "E_SYNTAX" for outcome in outcomes):
        assert outcomes[0] == outcomes[-1]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [b?]\n", (1, 6)),
        ("a: [x, what? no]\n", (1, 12)),
        ("a: {k: v?}\n", (1, 9)),
        ("a: [[x, y?]]\n", (1, 10)),
        ('a: ["b?"]\n', None),  # quoted: every reader reads it
        ("a: [?x]\n", None),  # a `?` that starts a key, as both readers see it
        ("a: b?\n", None),  # not inside brackets
        ("a: [x]\nb: c?\n", None),  # after the brackets close
        ("a:\n  - [x]\n  - y?\n", None),
    ],
)
def test_the_loader_notes_a_question_mark_only_the_pure_reader_refuses(
    text: str, where: tuple[int, int] | None
) -> None:
    """``flow_question`` is exactly where PyYAML's pure-Python reader would stop."""
    assert load_yaml_text(text).flow_question == where
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
        refused = None
    except yaml.MarkedYAMLError as error:
        assert error.problem_mark is not None
        refused = (error.problem_mark.line + 1, error.problem_mark.column + 1)
    assert refused == where
