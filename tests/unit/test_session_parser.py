"""The session parser against raw JSON text written by hand, by a broken tool or an attacker.

Issue 17 asks for a property test that feeds raw JSON *text*, not ``json.dumps`` output:
``json.dumps`` never writes a lone surrogate escape (``"\\ud800"``), ``1e999``, a
5,000-digit number, a duplicate key or odd whitespace, and those are exactly what broke
listing and loading sessions (issue 15.2: a ``UnicodeEncodeError`` stopped the home
screen). Whatever the bytes, :func:`parse_session` gives a :class:`Session` or a
:class:`SessionCorrupt` / :class:`SessionTooNew`, never another exception; and a session
it accepts can be written back and reads back the same.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.builders import make_checklist
from vetting.sessions import (
    FORMAT,
    Session,
    SessionCorrupt,
    SessionStore,
    SessionTooNew,
    checksum_of,
    parse_session,
    serialize_session,
)

SESSION_ID = "0b7e2a4c-1f3d-4e5a-9b6c-7d8e9f0a1b2c"
CHECKLIST = make_checklist(checklist_id="red_flags", content_hash="sha256:" + "ab" * 32)

# --------------------------------------------------------------------------- raw JSON text

_HEX = "0123456789abcdefABCDEF"
_escape = st.one_of(
    st.sampled_from(['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]),
    st.text(_HEX, min_size=4, max_size=4).map(lambda h: "\\u" + h),
    # Surrogates on their own, in the wrong order, and as a proper pair.
    st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d\\ude00", "\\uDBFF"]),
    st.sampled_from(["\\x41", "\\U0001F600", "\\", "\\u12", "\\q"]),  # not JSON escapes
)
_plain_char = st.characters(
    blacklist_categories=("Cs",), blacklist_characters='"\\'
) | st.sampled_from(["\x00", "\x1b", "\x85", "\u2028", "\u202e", "\ufeff"])
raw_string = st.lists(_escape | _plain_char, max_size=12).map(
    lambda parts: '"' + "".join(parts) + '"'
)
raw_number = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["-0", "0.0", "1e999", "-1e999", "1E-400", "01", "1.", ".5", "+1", "0x10"]),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "nan", "True", "None"]),
    st.integers(300, 5000).map(lambda n: "9" * n),
)
_space = st.sampled_from(["", " ", "\n", "\t", "\r\n", "\u00a0", "\ufeff", "  "])


def _container(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(raw_string, _space, children).map(lambda kv: f"{kv[0]}:{kv[1]}{kv[2]}")
    return st.one_of(
        st.lists(children, max_size=4).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(pair, max_size=4).map(lambda items: "{" + ",".join(items) + "}"),
        # Duplicate keys, trailing commas, unclosed brackets.
        st.tuples(raw_string, children).map(lambda kv: f"{{{kv[0]}:{kv[1]},{kv[0]}:{kv[1]}}}"),
        children.map(lambda item: f"[{item},]"),
        children.map(lambda item: f"[{item}"),
    )


raw_value = st.recursive(
    st.one_of(st.sampled_from(["null", "true", "false"]), raw_number, raw_string),
    _container,
    max_leaves=12,
)


def _session_text(answers: str, *, name: str = '"x"', checksum: str | None = None) -> str:
    """A session file as text, with raw JSON for the answers (and the name)."""
    body = (
        f'"format": {FORMAT}, '
        '"checklist": {"id": "red_flags", "version": "1.0", '
        '"content_hash": "sha256:' + "ab" * 32 + '"}, '
        f'"session": {{"id": "{SESSION_ID}", "name": {name}, '
        '"created": "2026-11-25T20:00:00Z", "updated": "2026-11-25T20:00:00Z"}, '
        f'"answers": {answers}'
    )
    if checksum is None:
        checksum = _honest_checksum(body)
    return "{" + body + f', "checksum": "{checksum}"' + "}"


def _honest_checksum(body: str) -> str:
    """The checksum a tool that parsed ``body`` would write, so the parser looks deeper.

    Falls back to a wrong one when ``body`` itself is not JSON that can be hashed.
    """
    try:
        return checksum_of(json.loads("{" + body + "}"))
    except (ValueError, RecursionError):  # not JSON, NaN, a lone surrogate, ...
        return "sha256:" + "0" * 64


raw_answers = st.one_of(
    raw_value,
    st.lists(
        st.tuples(
            st.sampled_from(['"q1"', '"q2"', '"Q1"', '"q1\\u0000"', '"\\ud800"', '""']), raw_value
        ),
        max_size=4,
    ).map(lambda pairs: "{" + ",".join(f"{k}: {v}" for k, v in pairs) + "}"),
)


def _accepts_cleanly(raw: bytes) -> None:
    """The property itself: a Session (that writes back identically) or a refusal."""
    try:
        session = parse_session(raw, expected_id=SESSION_ID)
    except (SessionCorrupt, SessionTooNew) as error:
        assert error.message and "\n" not in error.message
        return
    again = parse_session(serialize_session(session), expected_id=SESSION_ID)
    assert again == session


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=raw_value)
def test_any_raw_json_value_is_a_session_or_a_refusal(text: str) -> None:
    _accepts_cleanly(text.encode("utf-8"))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(answers=raw_answers, name=raw_string)
def test_raw_answers_with_an_honest_checksum_are_a_session_or_a_refusal(
    answers: str, name: str
) -> None:
    """The checksum is right, so the answers and name checks behind it are reached."""
    _accepts_cleanly(_session_text(answers, name=name).encode("utf-8"))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 400), st.integers(0, 8), raw_value), max_size=3),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_mutated_session_text_is_a_session_or_a_refusal(
    cuts: list[tuple[int, int, str]], encoding: str
) -> None:
    text = _session_text('{"q1": "yes", "q2": 3, "q3": ["a", "b"]}')
    for at, drop, insert in cuts:
        text = text[:at] + insert + text[at + drop :]
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    _accepts_cleanly(text.encode(encoding, errors))


# --------------------------------------------------------------------------- the cases found


@pytest.mark.parametrize(
    "answers",
    [
        '{"q1": "\\ud800"}',  # a lone surrogate (issue 15.2)
        '{"q1": "\\udc00\\ud800"}',  # two halves in the wrong order
        '{"q1": ["\\ud800"]}',
        '{"q1": 1e999}',  # a float JSON reads as infinity
        '{"q1": -1e999}',
    ],
)
def test_values_json_reads_but_cannot_write_are_refused(answers: str) -> None:
    """Each of these made ``parse_session`` raise ``UnicodeEncodeError``/``ValueError``."""
    for checksum in (None, "sha256:" + "0" * 64):
        with pytest.raises(SessionCorrupt):
            parse_session(
                _session_text(answers, checksum=checksum).encode(), expected_id=SESSION_ID
            )


def test_a_surrogate_in_the_name_is_refused_even_with_a_matching_checksum() -> None:
    """An attacker can compute a checksum over the surrogate (as ``surrogatepass`` bytes);
    it still must not get past the parser."""
    import hashlib

    doc = json.loads(_session_text('{"q1": "yes"}'))
    doc["session"]["name"] = "\ud800"
    body = {key: value for key, value in doc.items() if key != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    doc["checksum"] = (
        "sha256:" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    )
    with pytest.raises(SessionCorrupt, match="broken character"):
        parse_session(json.dumps(doc).encode(), expected_id=SESSION_ID)


def test_a_proper_surrogate_pair_is_an_ordinary_character() -> None:
    session = parse_session(
        _session_text('{"q1": "\\ud83d\\ude00"}').encode(), expected_id=SESSION_ID
    )
    assert session.answers == {"q1": "\U0001f600"}


def test_one_bad_session_never_stops_the_list_and_is_kept_aside(tmp_path: Path) -> None:
    """Issue 15.2 end to end: the list shows the good session and names the bad one;
    opening the bad one moves its bytes aside and says so, as for any damaged file."""
    with SessionStore(tmp_path / "data") as store:
        good = store.save_answer(store.create(CHECKLIST, "good"), "q1", "yes")
        bad_raw = _session_text('{"q1": "\\ud800"}').encode()
        store.path_of(SESSION_ID).write_bytes(bad_raw)
        listings = store.list_sessions()
        assert [listing.id for listing in listings] == [good.id, SESSION_ID]
        assert listings[0].problem is None
        assert listings[1].problem is not None and "broken character" in listings[1].problem
        with pytest.raises(SessionCorrupt) as caught:
            store.load(SESSION_ID)
        assert caught.value.moved_to is not None
        assert caught.value.moved_to.read_bytes() == bad_raw
        assert "Its contents were kept in" in caught.value.message
        assert [listing.id for listing in store.list_sessions()] == [good.id]


def test_an_accepted_session_is_what_the_file_says() -> None:
    """The property is not vacuous: honest raw text is accepted, with its values."""
    raw = _session_text('{"q1": "yes", "q2": 3, "q3": ["a", "b"]}').encode()
    session = parse_session(raw, expected_id=SESSION_ID)
    assert isinstance(session, Session)
    assert session.answers == {"q1": "yes", "q2": 3, "q3": ["a", "b"]}


@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(text=st.text(string.printable, max_size=50))
def test_text_that_is_not_a_session_is_refused(text: str) -> None:
    with pytest.raises((SessionCorrupt, SessionTooNew)):
        parse_session(text.encode(), expected_id=SESSION_ID)
