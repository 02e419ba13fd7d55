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
        format=int(data.get("format", 1)),
        content_hash=content_hash,
    )


def _author(data: Mapping[str, Any]) -> model.Author:
    return model.Author(name=data["name"], role=data.get("role"))


def _source(data: Mapping[str, Any]) -> model.Source:
    return model.Source(title=data["title"], url=data.get("url"), note=data.get("note"))


def _safety(data: Mapping[str, Any]) -> model.Safety:
    resources = tuple(
        model.Resource(
            name=r["name"],
            contact=r["contact"],
            url=r.get("url"),
            hours=r.get("hours"),
            note=r.get("note"),
        )
        for r in data.get("resources") or ()
    )
    return model.Safety(message=data["message"], resources=resources)


def _reference(data: Mapping[str, Any]) -> model.Reference:
    edition = data.get("edition")
    return model.Reference(
        code=data.get("code"),
        edition=None if edition is None else str(edition),
        section=data.get("section"),
        title=data.get("title"),
        url=data.get("url"),
    )


def _show_if(data: Mapping[str, Any] | None) -> model.ShowIf | None:
    if not data:
        return None

    def conditions(key: str) -> tuple[model.Condition, ...]:
        return tuple(
            model.Condition(item=c["item"], equals=c["equals"]) for c in data.get(key) or ()
        )

    return model.ShowIf(all=conditions("all"), any=conditions("any"))


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
        show_if=_show_if(data.get("show_if")),
        placeholder=data.get("placeholder"),
    )


def _band(data: Mapping[str, Any]) -> model.Band:
    when_flag = data.get("when_flag")
    return model.Band(
        id=data["id"],
        label=data["label"],
        meaning=data["meaning"],
        next_steps=tuple(data.get("next_steps") or ()),
        min=data.get("min"),
        max=data.get("max"),
        when_flag=None if when_flag is None else model.Severity(when_flag),
    )


def _section(data: Mapping[str, Any]) -> model.Section:
    return model.Section(
        id=data["id"],
        title=data["title"],
        items=tuple(_item(i) for i in data.get("items") or ()),
        intro=data.get("intro"),
        show_if=_show_if(data.get("show_if")),
        bands=tuple(_band(b) for b in data.get("bands") or ()),
    )


def _outcome(data: Mapping[str, Any]) -> model.Outcome:
    return model.Outcome(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        details=data.get("details"),
        questions_to_ask=tuple(data.get("questions_to_ask") or ()),
        next_steps=tuple(data.get("next_steps") or ()),
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
    flags = data.get("flags")
    return model.Expectation(
        band=data.get("band"),
        flags=None if flags is None else tuple(flags),
        top_outcome=data.get("top_outcome"),
        crisis=data.get("crisis"),
        section_bands=tuple((str(k), v) for k, v in (data.get("section_bands") or {}).items()),
        given=frozenset(data),
    )
