"""Turn a schema-valid checklist dict into the frozen :mod:`vetting.checklist.model` objects.

The JSON Schema has already checked types and required keys, so this module only fills in
the defaults that ``docs/format.md`` promises (weight 1, points 0, the two ``yes_no``
options) and converts lists to tuples. It does no I/O and raises nothing for a document
that passed the schema; semantic problems (unknown ids, band gaps...) are found later by
:mod:`vetting.validation.rules` on the built model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vetting.checklist import model

_YES_NO_DEFAULTS = (("yes", "Yes"), ("no", "No"))


def build_checklist(data: Mapping[str, Any], *, content_hash: str = "") -> model.Checklist:
    """Build a :class:`model.Checklist` from a document that already passed the schema."""
    return model.Checklist(
        id=data["id"],
        kind=model.ChecklistKind(data["kind"]),
        title=data["title"],
        version=str(data["version"]),
        summary=data["summary"],
        audience=data["audience"],
        language=data["language"],
        authors=tuple(_author(a) for a in data.get("authors") or ()),
        last_reviewed=str(data["last_reviewed"]),
        disclaimer=data["disclaimer"],
        sources=tuple(_source(s) for s in data.get("sources") or ()),
        safety=_safety(data["safety"]),
        sections=tuple(_section(s) for s in data.get("sections") or ()),
        bands=tuple(_band(b) for b in data.get("bands") or ()),
        outcomes=tuple(_outcome(o) for o in data.get("outcomes") or ()),
        tests=tuple(_test(t) for t in data.get("tests") or ()),
        rules=tuple(_rule(r) for r in data.get("rules") or ()),
        alerts=tuple(_alert(a) for a in data.get("alerts") or ()),
        advice=tuple(_advice(a) for a in data.get("advice") or ()),
        min_known=float(data.get("min_known", model.DEFAULT_MIN_KNOWN)),
        format=int(data.get("format", 1)),
        content_hash=content_hash,
    )


def _author(data: Mapping[str, Any]) -> model.Author:
    return model.Author(name=data["name"], role=data.get("role"))


def _source(data: Mapping[str, Any]) -> model.Source:
    return model.Source(title=data["title"], url=data.get("url"), note=data.get("note"))


def _safety(data: Mapping[str, Any]) -> model.Safety:
    return model.Safety(message=data["message"], resources=_resources(data.get("resources")))


def _resources(raw: list[Mapping[str, Any]] | None) -> tuple[model.Resource, ...]:
    return tuple(
        model.Resource(
            name=r["name"],
            contact=r["contact"],
            url=r.get("url"),
            hours=r.get("hours"),
            note=r.get("note"),
        )
        for r in raw or ()
    )


def _reference(data: Mapping[str, Any]) -> model.Reference:
    edition = data.get("edition")
    return model.Reference(
        code=data.get("code"),
        edition=None if edition is None else str(edition),
        section=data.get("section"),
        title=data.get("title"),
        url=data.get("url"),
    )


def _when(data: Mapping[str, Any] | None) -> model.When | None:
    """``show_if`` / ``when``; None when absent or empty (always holds)."""
    if not data:
        return None
    return model.When(
        all=tuple(_condition(c) for c in data.get("all") or ()),
        any=tuple(_condition(c) for c in data.get("any") or ()),
        at_least=int(data.get("at_least", 1)),
    )


def _condition(data: Mapping[str, Any]) -> model.Condition:
    if "equals" in data:
        values: tuple[str | int, ...] = (data["equals"],)
    else:
        values = tuple(data.get("one_of") or ())
    return model.Condition(
        item=data.get("item"),
        values=values,
        flagged=bool(data.get("flagged", False)),
        section=data.get("section"),
        band=data.get("band"),
        flag_at_least=_severity(data.get("flag_at_least")),
    )


def _steps(raw: list[Any] | None) -> tuple[model.Step, ...]:
    """Next steps or questions: plain text, or ``{text, when}``."""
    return tuple(
        model.Step(text=entry)
        if isinstance(entry, str)
        else model.Step(text=entry["text"], when=_when(entry.get("when")))
        for entry in raw or ()
    )


def _option(data: Mapping[str, Any], default_label: str | None = None) -> model.Option:
    outcomes = data.get("outcomes") or {}
    return model.Option(
        value=data["value"],
        label=data.get("label") or default_label or data["value"],
        points=data.get("points", 0),
        flag=bool(data.get("flag", False)),
        crisis=bool(data.get("crisis", False)),
        outcomes=tuple((str(k), v) for k, v in outcomes.items()),
        help=data.get("help"),
    )


def _options(kind: model.ItemKind, raw: list[Mapping[str, Any]] | None) -> tuple[model.Option, ...]:
    """``yes_no`` always gets exactly yes then no; described ones override the defaults."""
    if kind is not model.ItemKind.YES_NO:
        return tuple(_option(o) for o in raw or ())
    described = {o["value"]: o for o in raw or ()}
    return tuple(
        _option(described.get(value, {"value": value}), default_label=label)
        for value, label in _YES_NO_DEFAULTS
    )


def _scale(data: Mapping[str, Any] | None) -> model.Scale | None:
    if data is None:
        return None
    labels = data.get("labels") or {}
    return model.Scale(
        min=int(data["min"]),
        max=int(data["max"]),
        min_label=data["min_label"],
        max_label=data["max_label"],
        labels=tuple(sorted((int(k), v) for k, v in labels.items())),
        reverse=bool(data.get("reverse", False)),
        flag_at_or_below=data.get("flag_at_or_below"),
        flag_at_or_above=data.get("flag_at_or_above"),
    )


def _item(data: Mapping[str, Any]) -> model.Item:
    kind = model.ItemKind(data["kind"])
    severity = data.get("severity")
    return model.Item(
        id=data["id"],
        kind=kind,
        text=data["text"],
        help=data.get("help"),
        references=tuple(_reference(r) for r in data.get("references") or ()),
        options=_options(kind, data.get("options")),
        scale=_scale(data.get("scale")),
        weight=data.get("weight", 1),
        severity=None if severity is None else model.Severity(severity),
        allow_unsure=bool(data.get("allow_unsure", False)),
        allow_not_applicable=bool(data.get("allow_not_applicable", False)),
        required=bool(data.get("required", False)),
        show_if=_when(data.get("show_if")),
        placeholder=data.get("placeholder"),
        variants=tuple(_variant(v) for v in data.get("variants") or ()),
    )


def _variant(data: Mapping[str, Any]) -> model.Variant:
    return model.Variant(
        when=_when(data["when"]) or model.When(), text=data["text"], help=data.get("help")
    )


def _band(data: Mapping[str, Any]) -> model.Band:
    return model.Band(
        id=data["id"],
        label=data["label"],
        meaning=data["meaning"],
        next_steps=_steps(data.get("next_steps")),
        min=data.get("min"),
        max=data.get("max"),
        when_flag=_severity(data.get("when_flag")),
        at_least=int(data.get("at_least", 1)),
        when_unsure=_severity(data.get("when_unsure")),
        when_clear=bool(data.get("when_clear", False)),
    )


def _severity(value: str | None) -> model.Severity | None:
    return None if value is None else model.Severity(value)


def _section(data: Mapping[str, Any]) -> model.Section:
    return model.Section(
        id=data["id"],
        title=data["title"],
        items=tuple(_item(i) for i in data.get("items") or ()),
        intro=data.get("intro"),
        show_if=_when(data.get("show_if")),
        bands=tuple(_band(b) for b in data.get("bands") or ()),
    )


def _outcome(data: Mapping[str, Any]) -> model.Outcome:
    return model.Outcome(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        details=data.get("details"),
        questions_to_ask=_steps(data.get("questions_to_ask")),
        next_steps=_steps(data.get("next_steps")),
        references=tuple(_reference(r) for r in data.get("references") or ()),
    )


def _test(data: Mapping[str, Any]) -> model.GoldenTest:
    answers = data.get("answers") or {}
    return model.GoldenTest(
        name=data["name"],
        answers=tuple(
            (key, list(value) if isinstance(value, list) else value)
            for key, value in answers.items()
        ),
        expect=_expectation(data.get("expect") or {}),
    )


def _expectation(data: Mapping[str, Any]) -> model.Expectation:
    top = data.get("top_outcome")
    return model.Expectation(
        band=data.get("band"),
        flags=_ids(data.get("flags")),
        top_outcome=tuple(top) if isinstance(top, list) else top,
        crisis=data.get("crisis"),
        section_bands=tuple((str(k), v) for k, v in (data.get("section_bands") or {}).items()),
        rules=_ids(data.get("rules")),
        alerts=_ids(data.get("alerts")),
        ruled_out=_ids(data.get("ruled_out")),
        advice=_ids(data.get("advice")),
        enough_known=data.get("enough_known"),
        given=frozenset(data),
    )


def _ids(raw: list[str] | None) -> tuple[str, ...] | None:
    return None if raw is None else tuple(raw)


def _rule(data: Mapping[str, Any]) -> model.Rule:
    return model.Rule(
        id=data["id"],
        when=_when(data.get("when")) or model.When(),
        reason=data["reason"],
        rule_out=tuple(data.get("rule_out") or ()),
        put_first=tuple(data.get("put_first") or ()),
        band_at_least=data.get("band_at_least"),
        alert=data.get("alert"),
    )


def _alert(data: Mapping[str, Any]) -> model.Alert:
    return model.Alert(
        id=data["id"],
        title=data["title"],
        text=data["text"],
        resources=_resources(data.get("resources")),
    )


def _advice(data: Mapping[str, Any]) -> model.Advice:
    return model.Advice(
        id=data["id"],
        text=data["text"],
        kind=model.AdviceKind(data.get("kind", "step")),
        when=_when(data.get("when")),
        url=data.get("url"),
    )
