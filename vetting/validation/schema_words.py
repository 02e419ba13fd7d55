"""jsonschema's errors, in plain words, as :class:`~vetting.problems.Problem` values.

A raw jsonschema message can be huge and can echo markup from the document, so it is never
shown. Each error becomes a problem with a stable rule id (``schema.RULES``), the line and
column of the offending key or value, a message written here (values echoed at most 80
characters, messages at most 300), and a suggestion such as "did you mean `title`?" where
there is one. Split from :mod:`vetting.validation.schema`, which owns the schemas and
validators; jsonschema itself is imported here only when a document has an error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from vetting.problems import DocPath, Level, Problem, did_you_mean
from vetting.validation.words import kind_of, number

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

MAX_VALUE_CHARS = 80
MAX_MESSAGE_CHARS = 300
ID_PATTERN = "^[a-z][a-z0-9_]{0,31}(?!\\n)$"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a group of `key: value` entries",
    "null": "null",
}


class Locatable(Protocol):
    """What this module needs from :class:`vetting.checklist.loader.YamlDocument`."""

    @property
    def data(self) -> Any: ...

    @property
    def source(self) -> str: ...

    def locate(self, path: DocPath) -> tuple[int, int] | None: ...

    def locate_key(self, path: DocPath) -> tuple[int, int] | None: ...


class _Finding(NamedTuple):
    """A translated error before it gets a position: ``at_key`` points at the key, not value."""

    path: DocPath
    rule: str
    message: str
    suggestion: str | None = None
    at_key: bool = False


def problems(validator: Draft7Validator, doc: Locatable) -> list[Problem]:
    oversized = list(_oversized_lists(validator.schema, doc.data, ()))
    if oversized:
        # jsonschema checks every entry of a list before it reports `maxItems`: 20,000 empty
        # sections took seconds and gave 60,000 problems. Report the list length alone.
        problems = [_to_problem(finding, doc) for finding in oversized]
        return sorted(problems, key=Problem.sort_key)
    seen: dict[tuple[DocPath, str, str], Problem] = {}
    for error in validator.iter_errors(doc.data):
        for finding in _translate(error, doc):
            key = (finding.path, finding.rule, finding.message)
            if key not in seen:
                seen[key] = _to_problem(finding, doc)
    return sorted(seen.values(), key=Problem.sort_key)


def _oversized_lists(schema: Any, data: Any, path: DocPath) -> Iterator[_Finding]:
    """Lists longer than their ``maxItems``, found by walking ``properties`` and ``items``."""
    if not isinstance(schema, Mapping):
        return
    if isinstance(data, list):
        limit = schema.get("maxItems")
        if isinstance(limit, int) and len(data) > limit:
            message = f"{_name(path)} has too many entries: at most {limit} (it has {len(data)})"
            yield _Finding(path, "schema-too-many", message)
            return
        for index, entry in enumerate(data):
            yield from _oversized_lists(schema.get("items"), entry, (*path, index))
    elif isinstance(data, Mapping):
        properties = schema.get("properties")
        if isinstance(properties, Mapping):
            for key, value in data.items():
                yield from _oversized_lists(properties.get(key), value, (*path, key))


def _to_problem(finding: _Finding, doc: Locatable) -> Problem:
    line, column = _position(doc, finding.path, at_key=finding.at_key)
    return Problem(
        file=doc.source,
        line=line,
        column=column,
        rule=finding.rule,
        message=_clip(finding.message, MAX_MESSAGE_CHARS),
        level=Level.ERROR,
        path=finding.path,
        suggestion=_clip(finding.suggestion, MAX_MESSAGE_CHARS) if finding.suggestion else None,
    )


def _position(doc: Locatable, path: DocPath, *, at_key: bool) -> tuple[int | None, int | None]:
    """Where ``path`` is; if it cannot be found (e.g. inside a removed part), its nearest parent."""
    if at_key and path and isinstance(path[-1], str):
        found = doc.locate_key(path)
        if found:
            return found
    for end in range(len(path), -1, -1):
        found = doc.locate(path[:end])
        if found:
            return found
    return None, None


class _Error(NamedTuple):
    """The parts of a jsonschema error the handlers read, with plain types.

    jsonschema types ``schema`` as "a mapping, a boolean schema or unset"; a handler only
    ever reads a keyword of it, so an empty mapping stands for the other two.
    """

    validator: Any
    validator_value: Any
    instance: Any
    schema: Mapping[str, Any]
    schema_path: Any

    @classmethod
    def of(cls, error: ValidationError) -> _Error:
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        return cls(
            error.validator, error.validator_value, error.instance, schema, error.schema_path
        )


Handler = Callable[[_Error, DocPath, Locatable], Iterable[_Finding]]


def _translate(error: ValidationError, doc: Locatable) -> Iterator[_Finding]:
    """Findings for one jsonschema error; combinators are reduced to their most useful part."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _translate(best_match(error.context), doc)
        return
    path: DocPath = tuple(part for part in error.absolute_path if isinstance(part, str | int))
    handler = _HANDLERS.get(str(error.validator), _invalid)
    yield from handler(_Error.of(error), path, doc)


MAX_GUESSES = 100
"""Unknown keys per mapping that get a "did you mean" guess; the rest list the keys allowed.
A typo is guessed; a mapping with thousands of unknown keys is not a typo."""


def _unknown_keys(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    allowed = list(error.schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    guesses = MAX_GUESSES  # difflib is slow: 24,000 unknown keys took over 2 s (issue 17.7)
    for key in instance:
        if key in allowed:
            continue
        guesses -= 1
        guess = did_you_mean(str(key), allowed) if guesses >= 0 else None
        suggestion = guess or "the keys allowed here are: " + ", ".join(allowed)
        yield _Finding(
            (*path, key), "schema-unknown-key", f"unknown key {_quote(key)}", suggestion, True
        )


def _missing_keys(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    schema = error.schema
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    owner = _name(path) + " is missing" if path else "missing"
    for key in error.validator_value:
        if key in instance:
            continue
        hint = schema.get("errorMessage") or _first_sentence(
            schema.get("properties", {}).get(key, {}).get("description", "")
        )
        message = f"{owner} the required key `{key}`" + (f": {hint}" if hint else "")
        yield _Finding(path, "schema-missing-key", message, f"add `{key}:`", at_key=True)


def _wrong_type(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    expected = error.validator_value
    expected = [expected] if isinstance(expected, str) else list(expected)
    value = error.instance
    name = _name(path)
    if value is None:
        fix = "write some text after the colon" if "string" in expected else ""
        wanted = _words(expected)
        message = f"{name} is empty: " + (fix or f"it must be {wanted}")
    elif "string" in expected and isinstance(value, (bool, int, float)):
        # YAML read a number or true/false where text was meant (``version: 1.10``): S7.
        raw = _source_token(doc, path) or _show(value)
        text_or = [t for t in expected if t != "null"]
        if text_or == ["string"]:
            message = f'{name} must be text: put it in quotes, like "{raw}"'
        else:
            head = f"{name} must be {_words(text_or)}, not {kind_of(value)}"
            message = f'{head}: to mean it as text, put it in quotes, like "{raw}"'
    else:
        message = f"{name} must be {_words(expected)}, not {kind_of(value)}"
    yield _Finding(path, "schema-type", message)


def _not_allowed_value(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    name = _name(path)
    shown = _quote(error.instance)
    values = error.validator_value if error.validator == "enum" else [error.validator_value]
    custom = error.schema.get("errorMessage")
    if custom:
        message = f"{name}: {custom} (you wrote {shown})"
    elif len(values) == 1:
        message = f"{name} must be {_show(values[0])} (you wrote {shown})"
    else:
        choices = ", ".join(_show(v) for v in values)
        message = f"{name} must be one of: {choices} (you wrote {shown})"
    suggestion = None
    if isinstance(error.instance, str):
        suggestion = did_you_mean(error.instance, [v for v in values if isinstance(v, str)])
    yield _Finding(path, "schema-enum", message, suggestion)


def _bad_pattern(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    hint = error.schema.get("patternErrorMessage") or "does not have the form this needs"
    value = error.instance
    suggestion = _id_suggestion(value) if error.validator_value == ID_PATTERN else None
    if "propertyNames" in error.schema_path:
        key_path = (*path, value)
        yield _Finding(
            key_path, "schema-pattern", f"the key {_quote(value)} {hint}", suggestion, True
        )
        return
    yield _Finding(
        path, "schema-pattern", f"{_name(path)} {hint} (you wrote {_quote(value)})", suggestion
    )


def _forbidden(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    """``not``: either a key this kind of thing does not use, or a reserved value."""
    custom = error.schema.get("errorMessage")
    if error.validator_value == {} or error.validator is None:
        key = path[-1] if path else "this key"
        message = f"{_quote(key)} is not allowed here" + (f": {custom}" if custom else "")
        yield _Finding(path, "schema-unknown-key", message, f"remove {_quote(key)}", True)
        return
    message = f"{_name(path)} cannot be {_quote(error.instance)}" + (
        f": {custom}" if custom else ""
    )
    yield _Finding(path, "schema-enum", message)


def _length(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    name, limit = _name(path), error.validator_value
    size = len(error.instance) if isinstance(error.instance, str) else 0
    if error.validator == "maxLength":
        message = f"{name} is too long: at most {limit} characters (it has {size})"
        yield _Finding(path, "schema-too-long", message)
    elif size == 0:
        yield _Finding(path, "schema-too-short", f"{name} is empty: write some text")
    else:
        message = f"{name} is too short: at least {limit} characters (it has {size})"
        yield _Finding(path, "schema-too-short", message)


def _count(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    name, limit = _name(path), error.validator_value
    size = len(error.instance) if isinstance(error.instance, (Mapping, list)) else 0
    unit = "entry" if limit == 1 else "entries"
    if str(error.validator).startswith("max"):
        message = f"{name} has too many entries: at most {limit} (it has {size})"
        yield _Finding(path, "schema-too-many", message)
        return
    if size == 0 and isinstance(error.instance, Mapping) and error.schema.get("properties"):
        keys = ", ".join(f"`{k}`" for k in error.schema["properties"])
        message = f"{name} is empty: add at least one of {keys}"
    else:
        message = f"{name} needs at least {limit} {unit} (it has {size})"
    yield _Finding(path, "schema-too-few", message)


def _out_of_range(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    low, high = error.schema.get("minimum"), error.schema.get("maximum")
    if low is not None and high is not None:
        bounds = f"between {number(low)} and {number(high)}"
    elif low is not None:
        bounds = f"at least {number(low)}"
    elif high is not None:
        bounds = f"at most {number(high)}"
    else:
        bounds = "in its allowed range"
    message = f"{_name(path)} must be {bounds} (you wrote {_quote(error.instance)})"
    yield _Finding(path, "schema-range", message)


def _invalid(error: _Error, path: DocPath, doc: Locatable) -> Iterator[_Finding]:
    custom = error.schema.get("errorMessage")
    yield _Finding(
        path,
        "schema-invalid",
        f"{_name(path)} is not valid here" + (f": {custom}" if custom else ""),
    )


_HANDLERS: dict[str, Handler] = {
    "additionalProperties": _unknown_keys,
    "required": _missing_keys,
    "type": _wrong_type,
    "enum": _not_allowed_value,
    "const": _not_allowed_value,
    "pattern": _bad_pattern,
    "not": _forbidden,
    "None": _forbidden,  # a ``false`` schema
    "maxLength": _length,
    "minLength": _length,
    "maxItems": _count,
    "minItems": _count,
    "maxProperties": _count,
    "minProperties": _count,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
}


# ------------------------------------------------------------------------ words for people


def _name(path: DocPath) -> str:
    """How a message names the thing at ``path``: "`weight`", "entry 2 in `options`"."""
    if not path:
        return "the document"
    last = path[-1]
    if isinstance(last, int):
        parent = path[-2] if len(path) > 1 and isinstance(path[-2], str) else None
        return f"entry {last + 1} in {_quote(parent)}" if parent else f"entry {last + 1}"
    return _quote(last)


def _show(value: Any) -> str:
    """One line, at most :data:`MAX_VALUE_CHARS`, with unprintable characters escaped."""
    if isinstance(value, str):
        text = "".join(ch if ch.isprintable() else _escape(ch) for ch in value)
    elif isinstance(value, bool) or value is None:
        text = json.dumps(value)
    elif isinstance(value, (int, float)):
        text = number(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
        text = "".join(ch if ch.isprintable() else _escape(ch) for ch in text)
    return _clip(text, MAX_VALUE_CHARS)


def _quote(value: Any) -> str:
    shown = _show(value).replace("`", "'")
    return f"`{shown}`"


def _escape(ch: str) -> str:
    code = ord(ch)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch) or (
        f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(types: Sequence[str]) -> str:
    words = [_TYPE_WORDS.get(t, t) for t in types]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _first_sentence(text: str) -> str:
    head = text.split(". ")[0].rstrip(".")
    return head[:1].lower() + head[1:] if head else ""


def _id_suggestion(value: Any) -> str | None:
    """For a near-id such as ``Fees-Clear``, suggest ``fees_clear``."""
    if not isinstance(value, str):
        return None
    candidate = re.sub(r"[^a-z0-9_]+", "_", value.strip().lower()).strip("_")
    candidate = re.sub(r"^[^a-z]+", "", candidate)[:32].rstrip("_")
    if candidate and candidate != value and re.fullmatch(r"[a-z][a-z0-9_]{0,31}", candidate):
        return f"try `{candidate}`"
    return None


_TOKEN = re.compile(r"[^\s,\]}#]+")


def _source_token(doc: Locatable, path: DocPath) -> str | None:
    """The value as written in the file (``1.10``, not ``1.1``), for the "put it in quotes" hint."""
    text = getattr(doc, "text", None)
    where = doc.locate(path) if isinstance(text, str) else None
    if not where or not isinstance(text, str):
        return None
    lines = text.splitlines()
    line, column = where
    if not 0 < line <= len(lines):
        return None
    match = _TOKEN.match(lines[line - 1], max(column - 1, 0))
    return _show(match.group(0)) if match else None
