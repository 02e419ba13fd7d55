"""The bundled JSON Schemas, and schema errors as plain-English :class:`Problem` values.

This module owns two things:

* **Validators that never fetch anything.** jsonschema 4.26 follows remote ``$ref``\\s
  (``http://`` and ``file://``) unless it is given a registry (SECURITY-NOTES S1, E4b), so
  every validator here is built by :func:`build_validator` with an empty
  ``referencing.Registry()``: only the schema's own ``#/definitions/...`` resolve. Only the
  schemas bundled with vetting are ever used (S2); each validator is built once per process.
* **Messages for people.** Every error becomes a :class:`Problem` with a stable rule id
  (:data:`RULES`), a line and column, and plain words: :mod:`vetting.validation.schema_words`
  writes them; a raw jsonschema message is never shown.

**Speed.** Each schema is also compiled once by :mod:`vetting.validation.fastschema` into a plain
yes/no check that agrees exactly with jsonschema. A valid document (the usual case) is accepted by
that check alone; only a document it rejects goes through jsonschema, which finds and
explains every error. jsonschema is therefore imported only when there is an error.

The schemas carry their own plain-words hints (``patternErrorMessage`` and ``errorMessage``,
which VS Code and yaml-language-server also show), so editors and the validator agree.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from vetting.checklist import resources
from vetting.errors import VettingError
from vetting.problems import DocPath, Level, Problem, RuleInfo
from vetting.validation.fastschema import Check, Unsupported, compile_check
from vetting.validation.schema_words import Locatable, problems

if TYPE_CHECKING:  # jsonschema is imported only when a document has an error (start-up time)
    from jsonschema import Draft7Validator


def _schema_rule(meaning: str, bad: str, good: str) -> RuleInfo:
    return RuleInfo(Level.ERROR, meaning, bad, good, can_disable=False)


#: Every rule id this module can report, documented. Stable: tests and CI configurations rely
#: on them. None can be turned off per line: the model is built only from a schema-valid file.
RULES: dict[str, RuleInfo] = {
    "schema-unknown-key": _schema_rule(
        "a key not allowed at this place (a typo, or unused by this kind)",
        "- id: fees\n  titel: Are the fees clear?",
        "- id: fees\n  text: Are the fees clear?",
    ),
    "schema-missing-key": _schema_rule(
        "a required key is missing",
        "- id: fees\n  kind: yes_no",
        "- id: fees\n  kind: yes_no\n  text: Were the fees explained before the first session?",
    ),
    "schema-type": _schema_rule(
        "a value of the wrong type (text where a number belongs, and so on)",
        "version: 1.0",
        'version: "1.0.0"',
    ),
    "schema-enum": _schema_rule(
        "a value that is not one of the allowed choices, or a reserved one",
        "severity: severe",
        "severity: serious",
    ),
    "schema-pattern": _schema_rule(
        "text that does not have the required form (ids, dates, web addresses)",
        "id: Fees-Clear",
        "id: fees_clear",
    ),
    "schema-too-long": _schema_rule(
        "text longer than allowed",
        "title: <a 300-character title>",
        "title: Warning signs to look out for",
    ),
    "schema-too-short": _schema_rule("empty or too short text", 'text: ""', "text: Is it clear?"),
    "schema-too-many": _schema_rule(
        "a list or group with more entries than allowed",
        "options: <60 options>",
        "options: <a few options>",
    ),
    "schema-too-few": _schema_rule(
        "a list or group with fewer entries than needed",
        "options: [ { value: only } ]",
        "options: [ { value: clear }, { value: vague } ]",
    ),
    "schema-range": _schema_rule("a number outside its allowed range", "weight: -1", "weight: 2"),
    "schema-invalid": _schema_rule(
        "any other schema error",
        "when: { all: [] , any: [] }",
        'when: { all: [ { item: fees, equals: "yes" } ] }',
    ),
}


class SchemaUnavailable(VettingError):
    """The bundled schema file is missing or damaged: the installation is broken."""

    code = "E_SCHEMA"


# ----------------------------------------------------------------------- schemas, validators


def _load_schema(path: Path) -> dict[str, Any]:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise SchemaUnavailable(
            f"vetting's own schema file {path.name} is missing or damaged: please reinstall vetting"
        ) from None
    if not isinstance(schema, dict):
        raise SchemaUnavailable(f"vetting's own schema file {path.name} is damaged")
    return schema


@functools.cache
def checklist_schema() -> dict[str, Any]:
    """The bundled checklist schema (read once; do not modify the returned dict)."""
    return _load_schema(resources.checklist_schema_path())


@functools.cache
def answers_schema() -> dict[str, Any]:
    """The bundled answers-file schema (read once; do not modify the returned dict)."""
    return _load_schema(resources.answers_schema_path())


def build_validator(schema: Mapping[str, Any]) -> Draft7Validator:
    """A draft-07 validator that resolves only references inside ``schema`` itself.

    The empty registry is the whole point: without it jsonschema fetches ``http(s)://`` and
    reads ``file://`` references (SECURITY-NOTES S1). Use this for every validator.

    Local ``#/definitions/...`` references are replaced by what they point to first: the
    result means the same (draft-07 ignores keywords beside ``$ref``; descriptions are kept
    for messages) and validates a
    4,000-question checklist about twice as fast, because jsonschema looks each reference
    up again at every use. Any other ``$ref`` is left alone, and fails as unresolvable.
    """
    import referencing
    from jsonschema import Draft7Validator

    return Draft7Validator(_inline_local_refs(schema), registry=referencing.Registry())


def build_check(schema: Mapping[str, Any]) -> Check | None:
    """A fast yes/no check meaning exactly what :func:`build_validator`'s ``is_valid`` means.

    ``None`` when the schema uses something :mod:`vetting.validation.fastschema` does not copy (then
    every document goes through jsonschema). The same local ``$ref`` inlining is applied, so
    a remote ``$ref`` stays a ``$ref`` and makes the schema unsupported here.
    """
    try:
        return compile_check(_inline_local_refs(schema))
    except Unsupported:
        return None


#: Keywords beside a ``$ref`` that are kept: they only describe, so validation is unchanged.
_ANNOTATIONS = frozenset({"description", "markdownDescription", "title", "examples", "default"})
_NOT_SCHEMAS = frozenset({"enum", "const", "examples", "default", "required", "enumDescriptions"})


def _inline_local_refs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` with every ``{"$ref": "#/definitions/x"}`` replaced by ``x``."""
    definitions = schema.get("definitions", {})
    done: dict[str, Any] = {}

    def resolve(name: str, active: tuple[str, ...]) -> Any:
        if name in active:
            raise SchemaUnavailable(f"vetting's schema refers to {name} inside itself")
        if name not in done:
            done[name] = walk(definitions[name], (*active, name))
        return done[name]

    def walk(node: Any, active: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(entry, active) for entry in node]
        if not isinstance(node, Mapping):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            name = ref.removeprefix("#/definitions/")
            if name in definitions:
                notes = {key: node[key] for key in _ANNOTATIONS.intersection(node)}
                target = resolve(name, active)
                return {**target, **notes} if notes and isinstance(target, Mapping) else target
        return {
            key: value if key in _NOT_SCHEMAS else walk(value, active)
            for key, value in node.items()
        }

    return walk(schema, ())


@functools.cache
def checklist_validator() -> Draft7Validator:
    """The validator for checklist documents, built once per process."""
    return build_validator(checklist_schema())


@functools.cache
def answers_validator() -> Draft7Validator:
    """The validator for saved-answers documents, built once per process."""
    return build_validator(answers_schema())


@functools.cache
def checklist_check() -> Check | None:
    """The fast yes/no check for checklist documents, built once per process."""
    return build_check(checklist_schema())


@functools.cache
def answers_check() -> Check | None:
    """The fast yes/no check for saved-answers documents, built once per process."""
    return build_check(answers_schema())


# ----------------------------------------------------------------------------- public API


def checklist_problems(doc: Locatable) -> list[Problem]:
    """Every way ``doc.data`` breaks the checklist schema, sorted, one problem per finding."""
    check = checklist_check()
    if check is not None and check(doc.data):
        return []
    return problems(checklist_validator(), doc)


def answers_problems(doc: Locatable | Mapping[str, Any]) -> list[Problem]:
    """Every way an answers document breaks the answers schema.

    Also accepts the plain parsed JSON dict (as :mod:`vetting.sessions.store` has it); problems then
    carry a path but no line.
    """
    if isinstance(doc, Mapping):
        doc = _PlainDocument(doc)
    check = answers_check()
    if check is not None and check(doc.data):
        return []
    return problems(answers_validator(), doc)


class _PlainDocument(NamedTuple):
    """A document without positions, for callers that only have parsed data."""

    data: Any
    source: str = "<answers>"

    def locate(self, path: DocPath) -> tuple[int, int] | None:
        return None

    def locate_key(self, path: DocPath) -> tuple[int, int] | None:
        return None
