"""The bundled JSON Schemas and their translation into Problems with lines and plain words.

Tiers: the schema files themselves (valid draft-07, described, closed, bounded, local refs
only); the security property that our validators never fetch or read a ``$ref`` (S1); a
valid document covering every feature; a table of broken documents with the rule, path
and line each must report; message hygiene; and a timing guard against slow keywords (S6).
"""

from __future__ import annotations

import copy
import http.server
import json
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import referencing.exceptions
from jsonschema import Draft7Validator

from vetting.checklist import resources
from vetting.checklist.loader import load_yaml_text
from vetting.checklist.model import ItemKind
from vetting.problems import Problem
from vetting.validation import schema, schema_words

FIXTURE = """\
format: 1
id: sample_flags
kind: red-flags
title: Is something wrong in my therapy?
version: "1.10"
summary: Notice warning signs in your therapy.
audience: Adults seeing a therapist now.
language: en
authors:
  - name: Jordan Reyes
    role: LPC
  - name: Sam Lee
last_reviewed: "2026-01-31"
disclaimer: This is not medical advice.
sources:
  - title: ACA Code of Ethics (2014)
    url: https://www.counseling.org/ethics
    note: Sections A.5 and A.6.
  - title: Our own experience
safety:
  message: If you are in danger, help is available right now.
  resources:
    - name: 988 Suicide & Crisis Lifeline
      contact: Call or text 988
      url: https://988lifeline.org
      hours: Free, 24 hours a day
      note: Private.
    - name: Emergency services
      contact: Call 911
sections:
  - id: basics
    title: The basics
    intro: A few questions first.
    items:
      - id: in_therapy_now
        kind: yes_no
        text: Are you seeing a therapist now?
        required: true
      - id: sexual_contact
        kind: yes_no
        severity: critical
        text: Has your therapist touched you in a sexual way?
        help: This is never acceptable.
        allow_unsure: true
        allow_not_applicable: true
        references:
          - { code: ACA, edition: "2014", section: A.5.a }
          - { title: Sexual misconduct, url: "https://example.org/sm" }
        options:
          - { value: "yes", points: 10, flag: true, crisis: false }
          - { value: "no" }
      - id: frequency
        kind: single
        text: How often do you meet?
        weight: 2
        show_if: { all: [ { item: in_therapy_now, equals: "yes" } ] }
        options:
          - { value: weekly, label: About once a week, points: 0 }
          - { value: rarely, label: Rarely, points: 2, help: Less than monthly. }
      - id: worries
        kind: multiple
        text: What worries you?
        severity: serious
        show_if: { any: [ { item: frequency, equals: weekly }, { item: comfort, equals: 3 } ] }
        options:
          - { value: money, label: Money, points: 1, flag: true, outcomes: { lpc: 2 } }
          - { value: harm, label: I think about hurting myself, crisis: true }
      - id: comfort
        kind: scale
        text: How comfortable do you feel?
        severity: caution
        scale:
          min: 0
          max: 4
          min_label: Not at all
          max_label: Completely
          labels: { "2": Somewhat }
          reverse: true
          flag_at_or_below: 1
          flag_at_or_above: 4
      - id: notes
        kind: note
        text: Anything else?
        placeholder: Write here.
        weight: 0
  - id: boundaries
    title: Boundaries
    show_if: { all: [ { item: in_therapy_now, equals: "yes" } ] }
    bands:
      - { id: ok, min: 0, max: 50, label: Fine, meaning: Looks fine. }
      - { id: worry, min: 50, max: 100, label: Worrying, meaning: Worth a talk. }
    items:
      - id: gifts
        kind: yes_no
        text: Has your therapist asked you for gifts?
        severity: serious
        options:
          - { value: "yes", points: 3, flag: true }
bands:
  - id: urgent
    when_flag: critical
    label: Please look at this now
    meaning: Something serious happened.
    next_steps: [Call the licensing board.]
  - { id: low, min: 0, max: 20, label: Low, meaning: Few signs. }
  - { id: some, min: 20, max: 50, label: Some, meaning: Some signs. }
  - { id: high, min: 50, max: 100, label: High, meaning: Many, next_steps: [Talk.] }
outcomes:
  - id: lpc
    title: Licensed professional counselor
    summary: Talk therapy for everyday problems.
    details: A master's degree and a state license.
    questions_to_ask: [Are you licensed in my state?]
    next_steps: [Search the state board.]
    references: [ { code: NASW, section: "1.06" } ]
tests:
  - name: A critical flag wins
    answers: { in_therapy_now: "yes", sexual_contact: "yes", worries: [money], comfort: 4 }
    expect:
      band: urgent
      flags: [sexual_contact, worries]
      top_outcome: null
      crisis: false
      section_bands: { boundaries: ok }
  - name: Nothing answered
    answers: {}
    expect: { band: null }
"""

SCHEMAS = {
    "checklist": resources.checklist_schema_path(),
    "answers": resources.answers_schema_path(),
}
ANNOTATION_KEYS = {"enum", "const", "examples", "default", "required", "enumDescriptions"}


def _json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _subschemas(node: Any, where: str = "#", skip_conditional: bool = False) -> Iterator:
    """Every (json-pointer-ish location, schema dict) in a schema, values of enum etc. skipped."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ANNOTATION_KEYS or (skip_conditional and key in ("if", "then", "else")):
                continue
            yield from _subschemas(value, f"{where}/{key}", skip_conditional)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _subschemas(value, f"{where}/{index}", skip_conditional)


def _problems(text: str) -> list[Problem]:
    return schema.checklist_problems(load_yaml_text(text, source="list.yaml"))


def _line_of(text: str, marker: str) -> int:
    index = text.index(marker)
    return text.count("\n", 0, index) + 1


# ------------------------------------------------------------------------- the schema files


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_is_valid_draft07(name: str) -> None:
    document = _json(SCHEMAS[name])
    Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert document["$id"] == f"https://vetting.invalid/schemas/{name}.schema.json"
    assert "draft-07" in document["$comment"]


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_property_has_a_description(name: str) -> None:
    missing = [
        f"{where}/properties/{key}"
        for where, node in _subschemas(_json(SCHEMAS[name]), skip_conditional=True)
        for key, prop in node.get("properties", {}).items()
        if not (isinstance(prop, dict) and isinstance(prop.get("description"), str))
    ]
    assert missing == []


@pytest.mark.parametrize("name", SCHEMAS)
def test_conditional_rules_only_refine_described_properties(name: str) -> None:
    """if/then/else carry no descriptions of their own: each key they name is described."""
    checked = 0
    for where, node in _subschemas(_json(SCHEMAS[name])):
        known = set(node.get("properties", {}))
        if not known:
            continue  # an allOf entry: checked from the object that holds it
        for holder in [node, *node.get("allOf", [])]:
            for branch in ("if", "then", "else"):
                refined = set(holder.get(branch, {}).get("properties", {}))
                assert refined <= known, f"{where}/{branch}"
                checked += len(refined)
    assert checked or name == "answers"


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_object_is_closed_and_every_array_bounded(name: str) -> None:
    for where, node in _subschemas(_json(SCHEMAS[name])):
        types = node.get("type")
        types = [types] if isinstance(types, str) else types or []
        if "object" in types:
            if isinstance(node.get("additionalProperties"), dict):
                # A map of ids to values: its keys are checked instead.
                assert "propertyNames" in node and "maxProperties" in node, where
            else:
                assert node.get("additionalProperties") is False, where
        if "array" in types:
            assert "maxItems" in node, where
        assert "uniqueItems" not in node, where
        assert not isinstance(node.get("format"), str), (
            where
        )  # would need an explicit FormatChecker (S5)


@pytest.mark.parametrize("name", SCHEMAS)
def test_only_local_references(name: str) -> None:
    document = _json(SCHEMAS[name])
    refs = [node["$ref"] for _, node in _subschemas(document) if "$ref" in node]
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/"), ref
        assert ref.removeprefix("#/definitions/") in document["definitions"], ref


def test_validators_are_built_once_and_resolve_local_references() -> None:
    assert schema.checklist_validator() is schema.checklist_validator()
    assert schema.answers_validator() is schema.answers_validator()
    assert isinstance(schema.checklist_validator(), Draft7Validator)
    assert not list(schema.checklist_validator().iter_errors(load_yaml_text(FIXTURE).data))


# ------------------------------------------------------------ no fetching, no reading (S1)


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b'{"enum": ["SECRET-TOKEN-123"]}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        """Keep test output quiet."""


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records requests and stops within 10 s regardless."""
    _CountingHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    watchdog = threading.Timer(10, server.shutdown)
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _CountingHandler.requests
    finally:
        watchdog.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_remote_ref_is_never_fetched(local_server: tuple[str, list[str]]) -> None:
    base, requests = local_server
    remote = {"properties": {"a": {"$ref": f"{base}/remote.json"}}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any retrieval attempt would also warn (S3)
        with pytest.raises(referencing.exceptions.Unresolvable):
            list(schema.build_validator(remote).iter_errors({"a": 5}))
    assert requests == []


def test_the_server_does_see_a_default_validator(local_server: tuple[str, list[str]]) -> None:
    """Proves the test above can fail: jsonschema's default does fetch (E4b)."""
    base, requests = local_server
    remote = {"properties": {"a": {"$ref": f"{base}/remote.json"}}}
    with pytest.warns(DeprecationWarning):
        errors = list(Draft7Validator(remote).iter_errors({"a": 5}))
    assert requests == ["/remote.json"]
    assert errors  # 5 is not the secret


_OPENED: list[str] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str) and "vetting-secret" in args[0]:
        _OPENED.append(args[0])


def test_file_ref_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "vetting-secret.json"
    secret.write_text('{"enum": ["SECRET-TOKEN-123"]}', encoding="utf-8")
    sys.addaudithook(_audit)  # process-wide; it only records opens of this test's file
    _OPENED.clear()
    open(secret).close()  # the hook works
    assert _OPENED
    _OPENED.clear()
    local = {"properties": {"a": {"$ref": secret.as_uri()}}}
    with pytest.raises(referencing.exceptions.Unresolvable) as caught:
        list(schema.build_validator(local).iter_errors({"a": 5}))
    assert _OPENED == []
    assert "SECRET-TOKEN-123" not in str(caught.value)


# --------------------------------------------------------------------- valid documents


def test_fixture_covering_every_feature_is_valid() -> None:
    data = load_yaml_text(FIXTURE).data
    kinds = {item["kind"] for section in data["sections"] for item in section["items"]}
    assert kinds == {kind.value for kind in ItemKind}
    assert any("when_flag" in band for band in data["bands"])
    assert _problems(FIXTURE) == []


@pytest.mark.parametrize("kind", ["red-flags", "fit"])
def test_scored_kinds_need_bands_and_choice_needs_outcomes(kind: str) -> None:
    data = load_yaml_text(FIXTURE).data
    data["kind"] = kind
    del data["bands"]
    rules = [p.rule for p in schema.checklist_problems(_Doc(data))]
    assert rules == ["schema-missing-key"]
    data = load_yaml_text(FIXTURE).data
    data["kind"] = "choice"
    del data["bands"]
    assert schema.checklist_problems(_Doc(data)) == []
    del data["outcomes"]
    (problem,) = schema.checklist_problems(_Doc(data))
    assert "`outcomes`" in problem.message and "choice" in problem.message


class _Doc:
    """A document with data only (no positions), as a caller without YAML text has it."""

    source = "data.yaml"

    def __init__(self, data: Any) -> None:
        self.data = data

    def locate(self, path: tuple) -> None:
        return None

    def locate_key(self, path: tuple) -> None:
        return None


# ------------------------------------------------------------------ broken documents

# (what changes in FIXTURE: old -> new, the rule, the path, a marker on the expected line)
BROKEN = [
    ("title: Is something", "titel: Is something", "schema-unknown-key", ("titel",), "titel:"),
    ("title: Is something", "titel: Is something", "schema-missing-key", (), "format: 1"),
    (
        "        kind: single\n",
        "        kind: yesno\n",
        "schema-enum",
        ("sections", 0, "items", 2, "kind"),
        "kind: yesno",
    ),
    ('version: "1.10"', "version: 1.10", "schema-type", ("version",), "version: 1.10"),
    (
        "        weight: 2\n",
        "        weight: two\n",
        "schema-type",
        ("sections", 0, "items", 2, "weight"),
        "weight: two",
    ),
    (
        "        weight: 2\n",
        "        weight: 500\n",
        "schema-range",
        ("sections", 0, "items", 2, "weight"),
        "weight: 500",
    ),
    ("  - id: basics\n", "  - id: Basics\n", "schema-pattern", ("sections", 0, "id"), "Basics"),
    (
        "    title: The basics\n",
        "",
        "schema-missing-key",
        ("sections", 0),
        "  - id: basics",
    ),
    (  # a single item with one option
        "          - { value: rarely, label: Rarely, points: 2, help: Less than monthly. }\n",
        "",
        "schema-too-few",
        ("sections", 0, "items", 2, "options"),
        "- { value: weekly",
    ),
    (  # yes_no options are only yes and no
        '          - { value: "no" }',
        "          - { value: maybe }",
        "schema-enum",
        ("sections", 0, "items", 1, "options", 1, "value"),
        "value: maybe",
    ),
    (  # reserved option value
        "          - { value: money,",
        "          - { value: unsure,",
        "schema-enum",
        ("sections", 0, "items", 3, "options", 0, "value"),
        "value: unsure",
    ),
    (  # a note cannot have options
        "        placeholder: Write here.\n",
        "        placeholder: Write here.\n        options: [ { value: a, label: A } ]\n",
        "schema-unknown-key",
        ("sections", 0, "items", 5, "options"),
        "options: [ { value: a",
    ),
    (  # a note cannot be a red flag
        "        text: Anything else?\n",
        "        text: Anything else?\n        severity: info\n",
        "schema-unknown-key",
        ("sections", 0, "items", 5, "severity"),
        "severity: info",
    ),
    (  # a single item has no scale
        "        weight: 2\n",
        "        weight: 2\n        scale: { min: 0, max: 1, min_label: a, max_label: b }\n",
        "schema-unknown-key",
        ("sections", 0, "items", 2, "scale"),
        "scale: { min: 0, max: 1",
    ),
    (  # a scale item needs a scale
        "        scale:\n          min: 0",
        "        scalez:\n          min: 0",
        "schema-missing-key",
        ("sections", 0, "items", 4),
        "      - id: comfort",
    ),
    (  # a band needs when_flag or min and max
        "    when_flag: critical\n",
        "",
        "schema-missing-key",
        ("bands", 0),
        "  - id: urgent",
    ),
    (  # a flag band has no min
        "    when_flag: critical\n",
        "    when_flag: critical\n    min: 0\n",
        "schema-unknown-key",
        ("bands", 0, "min"),
        "    min: 0\n    label",
    ),
    (
        'last_reviewed: "2026-01-31"',
        "last_reviewed: 31/01/2026",
        "schema-pattern",
        ("last_reviewed",),
        "last_reviewed:",
    ),
    (
        "disclaimer: This is",
        "disclaimer: ''\nx_: This is",
        "schema-too-short",
        ("disclaimer",),
        "disclaimer:",
    ),
    (
        '{ code: ACA, edition: "2014", section: A.5.a }',
        '{ code: ACA, edition: "2014" }',
        "schema-missing-key",
        ("sections", 0, "items", 1, "references", 0),
        "{ code: ACA",
    ),
    (
        "    answers: {}\n",
        '    answers: { Bad-Key: "yes" }\n',
        "schema-pattern",
        ("tests", 1, "answers", "Bad-Key"),
        "Bad-Key",
    ),
    (
        'labels: { "2": Somewhat }',
        "labels: { two: Somewhat }",
        "schema-pattern",
        ("sections", 0, "items", 4, "scale", "labels", "two"),
        "two: Somewhat",
    ),
    ("format: 1", "format: 2", "schema-enum", ("format",), "format: 2"),
    (
        "    expect: { band: null }",
        "    expect: {}",
        "schema-too-few",
        ("tests", 1, "expect"),
        "expect: {}",
    ),
    ("language: en", "language: English", "schema-pattern", ("language",), "language:"),
    (
        "  - name: Emergency services\n      contact: Call 911\n",
        "  - name: Emergency services\n",
        "schema-missing-key",
        ("safety", "resources", 1),
        "- name: Emergency services",
    ),
    (
        "      url: https://988lifeline.org",
        "      url: 988lifeline.org",
        "schema-pattern",
        ("safety", "resources", 0, "url"),
        "url: 988lifeline.org",
    ),
    (
        'version: "1.10"',
        'version: "1.' + "0" * 70 + '"',
        "schema-too-long",
        ("version",),
        "version:",
    ),
    (
        "authors:\n  - name: Jordan Reyes\n    role: LPC\n  - name: Sam Lee\n",
        "authors: []\n",
        "schema-too-few",
        ("authors",),
        "authors: []",
    ),
    (
        "next_steps: [Call the licensing board.]",
        "next_steps: [" + ", ".join(["Step"] * 21) + "]",
        "schema-too-many",
        ("bands", 0, "next_steps"),
        "next_steps: [Step",
    ),
    (  # missing key inside a named mapping: the line of that mapping's key
        "  message: If you are in danger, help is available right now.\n",
        "",
        "schema-missing-key",
        ("safety",),
        "safety:",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "rule", "path", "marker"),
    BROKEN,
    ids=[f"{case[2]}-{'.'.join(map(str, case[3])) or 'top'}" for case in BROKEN],
)
def test_broken_document_reports_rule_path_and_line(
    old: str, new: str, rule: str, path: tuple, marker: str
) -> None:
    assert old in FIXTURE
    text = FIXTURE.replace(old, new, 1)
    problems = _problems(text)
    found = [(p.rule, p.path, p.line) for p in problems]
    assert (rule, path, _line_of(text, marker)) in found
    assert all(p.rule in schema.RULES and p.file == "list.yaml" for p in problems)


def test_x_keys_from_the_table_are_unknown_too() -> None:
    """The ``x_`` key used above to keep line numbers is itself an error, on its own line."""
    text = FIXTURE.replace("disclaimer: This is", "disclaimer: ''\nx_: This is", 1)
    assert ("schema-unknown-key", ("x_",), _line_of(text, "x_:")) in [
        (p.rule, p.path, p.line) for p in _problems(text)
    ]


def test_unknown_key_points_at_the_key_and_suggests_the_right_one() -> None:
    text = FIXTURE.replace("        text: How often", "        txet: How often", 1)
    unknown = [p for p in _problems(text) if p.rule == "schema-unknown-key"]
    assert len(unknown) == 1
    (problem,) = unknown
    assert problem.message == "unknown key `txet`"
    assert problem.suggestion == "did you mean `text`?"
    assert (problem.line, problem.column) == (_line_of(text, "txet:"), 9)


def test_unknown_key_with_no_close_match_lists_the_allowed_keys() -> None:
    text = FIXTURE.replace("    role: LPC", "    zzzz: LPC", 1)
    (problem,) = [p for p in _problems(text) if p.rule == "schema-unknown-key"]
    assert problem.suggestion == "the keys allowed here are: name, role"


def test_missing_key_names_the_key_and_what_it_is() -> None:
    text = FIXTURE.replace("    title: The basics\n", "", 1)
    (problem,) = _problems(text)
    assert problem.message.startswith("entry 1 in `sections` is missing the required key `title`")
    assert "as the person sees it" in problem.message
    assert problem.suggestion == "add `title:`"


def test_enum_message_lists_the_choices_and_echoes_the_value() -> None:
    text = FIXTURE.replace("        kind: single\n", "        kind: yesno\n", 1)
    (problem,) = _problems(text)
    assert problem.message == (
        "`kind` must be one of: yes_no, single, multiple, scale, note (you wrote `yesno`)"
    )
    assert problem.suggestion == "did you mean `yes_no`?"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'version: "1.10"',
            "version: 1.10",
            '`version` must be text: put it in quotes, like "1.10"',
        ),
        ("        weight: 2\n", "        weight: two\n", "`weight` must be a number, not text"),
        ("disclaimer: This is not medical advice.", "disclaimer:", "`disclaimer` is empty"),
        ("    answers: {}\n", "    answers: { q: true }\n", 'put it in quotes, like "true"'),
    ],
)
def test_type_messages_are_plain(old: str, new: str, expected: str) -> None:
    (problem,) = _problems(FIXTURE.replace(old, new, 1))
    assert problem.rule == "schema-type"
    assert expected in problem.message


def test_every_error_is_reported_in_file_order() -> None:
    text = (
        FIXTURE.replace("title: Is something", "titel: Is something", 1)
        .replace("        weight: 2\n", "        weight: two\n", 1)
        .replace("format: 1", "format: 2", 1)
    )
    problems = _problems(text)
    assert [p.rule for p in problems] == [
        "schema-missing-key",  # line 1, column 1: the document itself
        "schema-enum",  # line 1, column 9
        "schema-unknown-key",
        "schema-type",
    ]
    assert problems == sorted(problems, key=Problem.sort_key)


def test_id_with_a_trailing_newline_is_refused() -> None:
    """Python's ``$`` matches before a final newline; the schema's patterns guard against it."""
    data = load_yaml_text(FIXTURE).data
    data["id"] = "sample_flags\n"
    (problem,) = schema.checklist_problems(_Doc(data))
    assert problem.rule == "schema-pattern" and "\\n" in problem.message


def test_hostile_values_are_shortened_and_kept_on_one_line() -> None:
    data = load_yaml_text(FIXTURE).data
    hostile = "[@click=app.quit]QUIT[/]\n\x1b]0;title\x07" + "A" * 5000
    data["kind"] = hostile
    data["sections"][0]["items"][0]["kind"] = hostile
    data[hostile] = 1
    problems = schema.checklist_problems(_Doc(data))
    assert len(problems) == 3
    for problem in problems:
        assert len(problem.message) <= schema_words.MAX_MESSAGE_CHARS
        assert "\n" not in problem.message and "\x1b" not in problem.message
        assert "A" * 81 not in problem.message
        assert "is not one of" not in problem.message  # never jsonschema's own wording


# ------------------------------------------------------------------------ answers files

FULL_SESSION = {
    "format": 1,
    "checklist": {"id": "red_flags", "version": "1.0.0", "content_hash": "sha256:" + "a" * 64},
    "session": {
        "id": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "name": "Dr. Lee, after session 2",
        "created": "2026-11-25T20:00:00Z",
        "updated": "2026-11-25T20:05:00Z",
    },
    "answers": {"sexual_contact": "no", "comfort": 4, "worries": ["money"], "fees": "unsure"},
    "checksum": "sha256:" + "b" * 64,
}


def test_full_and_hand_written_answers_are_valid() -> None:
    assert schema.answers_problems(FULL_SESSION) == []
    minimal = {"checklist": {"id": "red_flags", "version": "1.0.0"}, "answers": {}}
    assert schema.answers_problems(minimal) == []


@pytest.mark.parametrize(
    ("change", "rule", "path"),
    [
        (lambda d: d["checklist"].pop("version"), "schema-missing-key", ("checklist",)),
        (lambda d: d.pop("answers"), "schema-missing-key", ()),
        (lambda d: d.update(extra=1), "schema-unknown-key", ("extra",)),
        (
            lambda d: d["checklist"].update(content_hash="md5:1"),
            "schema-pattern",
            ("checklist", "content_hash"),
        ),
        (
            lambda d: d["session"].update(created="yesterday"),
            "schema-pattern",
            ("session", "created"),
        ),
        (lambda d: d["session"].update(id="not-a-uuid"), "schema-pattern", ("session", "id")),
        (lambda d: d["answers"].update(q=1.5), "schema-type", ("answers", "q")),
        (lambda d: d["answers"].update(q=[1]), "schema-type", ("answers", "q", 0)),
        (lambda d: d["checklist"].update(version=1), "schema-type", ("checklist", "version")),
        (lambda d: d.update(format=2), "schema-enum", ("format",)),
    ],
)
def test_broken_answers(change: Any, rule: str, path: tuple) -> None:
    document = copy.deepcopy(FULL_SESSION)
    change(document)
    problems = schema.answers_problems(document)
    assert [(p.rule, p.path) for p in problems] == [(rule, path)]


def test_answers_from_yaml_text_have_lines() -> None:
    text = '{"checklist": {"id": "red_flags", "version": 1.0},\n "answers": {}}\n'
    (problem,) = schema.answers_problems(load_yaml_text(text, source="s.json"))
    assert (problem.file, problem.line, problem.rule) == ("s.json", 1, "schema-type")
    assert 'like "1.0"' in problem.message


# ---------------------------------------------------------------------------------- speed


def _with_items(count: int) -> _Doc:
    """The fixture with ``count`` conditional questions in 8 sections."""
    data = load_yaml_text(FIXTURE).data
    item = {
        "kind": "single",
        "text": "How often?",
        "severity": "caution",
        "show_if": {"all": [{"item": "in_therapy_now", "equals": "yes"}]},
        "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B", "flag": True}],
    }
    per = count // 8
    data["sections"] = [
        {"id": f"s{s}", "title": "S", "items": [{"id": f"q{s}_{i}", **item} for i in range(per)]}
        for s in range(8)
    ]
    return _Doc(data)


def test_four_thousand_items_validate_in_linear_time() -> None:
    """No uniqueItems or backtracking keyword: 16x the items cost about 16x the time (S6).

    Measured against 250 items in this same test, in CPU time and in turns, so a busy
    machine slows both alike: linear is 16x, quadratic would be 256x; 40x is the bound.
    The speed itself is bench/run.py's to report (``--only launch``: validate_file on the
    largest checklist the limits accept).
    """
    small, big = _with_items(250), _with_items(4000)
    schema.checklist_validator()  # built outside the timing
    assert schema.checklist_problems(small) == [] and schema.checklist_problems(big) == []
    best = {"small": float("inf"), "big": float("inf")}
    for _ in range(3):
        for name, doc in (("small", small), ("big", big)):
            start = time.process_time()
            schema.checklist_problems(doc)
            best[name] = min(best[name], time.process_time() - start)
    ratio = best["big"] / max(best["small"], 1e-6)
    assert ratio < 40, f"16x the items took {ratio:.1f}x the time"
