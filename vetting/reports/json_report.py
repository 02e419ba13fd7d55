"""A result as stable JSON for other tools: sorted keys, two-space indent, no NaN.

Keys, ids and enum values (``kind``, ``severity``, ``answer``, band and outcome ids) are
machine-readable and always the same English words, whatever the language. Only the
fields a person reads follow it: checklist texts come in the checklist's translation
(``vetting score --lang``), and vetting's own words (``headline``, ``answer_label``, the
``safety`` lines) in the language set with :func:`vetting.i18n.set_language`. Numbers stay
JSON numbers, never formatted for a locale.

Keys (format 2; numbers are unrounded floats, ``null`` where there is no value)::

    format          2
    checklist       {id, version, title, kind, content_hash}
    headline        {label, meaning}: the result in words, as every other format says it
    band            {id, label, meaning, when_flag, at_least, when_unsure, when_clear} or null
    percent, total, lowest, highest     (percent is null for red-flags checklists)
    sections        [{id, title, percent, total, lowest, highest, band, flags}]
    flags           [{item_id, severity, text, answer, answer_label, references}]
    unsure_flags    [{item_id, text}]
    crisis          true / false
    alerts          [{id, title, text, resources}]
    rules           [{id, reason, rule_out, put_first, band_at_least, alert}]  (those that fired)
    outcomes        [{id, title, points, put_first, because: [{item_id, item_text, answer,
                      answer_label, points}]}]  (in the order shown)
    best            [outcome id]  (several: a tie; none: too little known or no points)
    top_outcome     the one best outcome id, or null (also for a tie)
    tie             true / false
    ruled_out       [{id, title, reasons}]
    completeness    {shown, known, unsure, not_applicable, skipped, fraction, enough_known,
                     min_known}
    next_steps      [text]   (the band's and the best fit's, in order)
    questions       [text]   (the best fit's questions to ask)
    advice          [{id, kind, text, url}]  (the checklist's advice that applies)
    answers         [{item_id, text, answer, answer_label}] (shown items; only when answers
                    were given to the renderer)
    safety          {message, resources: [{name, contact, url, hours, note}], from_author: [...]}
                    (the app's verified lines; then the checklist's other lines)
    disclaimer      text
"""

import json
import math
from collections.abc import Mapping
from typing import Any

from vetting.checklist.model import Band, Checklist, ChecklistKind, Resource
from vetting.checklist.textcheck import sanitize
from vetting.reports.document import headline, reference_words, result_crisis_lines
from vetting.scoring.answers import answer_label
from vetting.scoring.conditions import walk, wording
from vetting.scoring.results import Result

FORMAT = 2


def report_dict(
    checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON report as plain data (keys in the module docstring)."""
    seen = walk(checklist, answers or {}).seen

    def text_of(item_id: str) -> str:
        item = checklist.item(item_id)
        return wording(item, seen)[0] if item else item_id

    red_flags = checklist.kind is ChecklistKind.RED_FLAGS
    label, meaning = headline(checklist, result)
    c = result.completeness
    first = {oid for rule in result.fired for oid in rule.put_first}
    lines = result_crisis_lines(checklist)
    data: dict[str, Any] = {
        "format": FORMAT,
        "checklist": {
            "id": checklist.id,
            "version": checklist.version,
            "title": checklist.title,
            "kind": checklist.kind.value,
            "content_hash": checklist.content_hash or None,
        },
        "headline": {"label": label, "meaning": meaning},
        "percent": None if red_flags else result.percent,
        "total": result.total,
        "lowest": result.lowest,
        "highest": result.highest,
        "band": _band(result.band),
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "percent": None if red_flags else s.percent,
                "total": s.total,
                "lowest": s.lowest,
                "highest": s.highest,
                "band": _band(s.band),
                "flags": [f.item_id for f in s.flags],
            }
            for s in result.sections
        ],
        "flags": [
            {
                "item_id": f.item_id,
                "severity": f.severity.value,
                "text": text_of(f.item_id),
                "answer": f.answer,
                "answer_label": answer_label(checklist.item(f.item_id), f.answer),
                "references": [
                    reference_words(r, with_url=True) for r in _references(checklist, f.item_id)
                ],
            }
            for f in result.flags
        ],
        "unsure_flags": [{"item_id": i, "text": text_of(i)} for i in result.unsure_flags],
        "crisis": result.crisis,
        "alerts": [
            {"id": a.id, "title": a.title, "text": a.text, "resources": _resources(a.resources)}
            for a in result.alerts
        ],
        "rules": [
            {
                "id": r.id,
                "reason": r.reason,
                "rule_out": list(r.rule_out),
                "put_first": list(r.put_first),
                "band_at_least": r.band_at_least,
                "alert": r.alert,
            }
            for r in result.fired
        ],
        "outcomes": [
            {
                "id": o.outcome.id,
                "title": o.outcome.title,
                "points": o.points,
                "put_first": o.outcome.id in first and o.outcome not in result.ruled_out,
                "because": [
                    {
                        "item_id": b.item_id,
                        "item_text": b.item_text,
                        "answer": b.answer,
                        "answer_label": b.answer_label,
                        "points": b.points,
                    }
                    for b in o.because
                ],
            }
            for o in result.outcomes
        ],
        "best": [o.id for o in result.best],
        "top_outcome": result.top_outcome.id if result.top_outcome else None,
        "tie": result.tie,
        "ruled_out": [
            {"id": o.id, "title": o.title, "reasons": list(result.reasons_for(o.id))}
            for o in result.ruled_out
        ],
        "completeness": {
            "shown": c.shown,
            "known": c.known,
            "unsure": c.unsure,
            "not_applicable": c.not_applicable,
            "skipped": c.skipped,
            "fraction": c.fraction,
            "enough_known": result.enough_known,
            "min_known": checklist.min_known,
        },
        "next_steps": list(result.next_steps),
        "questions": list(result.questions),
        "advice": [
            {"id": a.id, "kind": a.kind.value, "text": a.text, "url": a.url} for a in result.advice
        ],
        "safety": {
            "message": lines.message,
            "resources": _resources(lines.verified),
            "from_author": _resources(lines.from_author),
        },
        "disclaimer": checklist.disclaimer,
    }
    if answers is not None:
        data["answers"] = [
            {
                "item_id": item.id,
                "text": wording(item, seen)[0],
                "answer": answers.get(item.id),
                "answer_label": answer_label(item, answers.get(item.id)),
            }
            for item in checklist.items
            if item.id in seen.answers
        ]
    return _clean(data)


def _references(checklist: Checklist, item_id: str) -> tuple[Any, ...]:
    item = checklist.item(item_id)
    return item.references if item else ()


def _band(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {
        "id": band.id,
        "label": band.label,
        "meaning": band.meaning,
        "when_flag": band.when_flag.value if band.when_flag else None,
        "at_least": band.at_least if band.when_flag else None,
        "when_unsure": band.when_unsure.value if band.when_unsure else None,
        "when_clear": band.when_clear,
    }


def _resources(resources: tuple[Resource, ...]) -> list[dict[str, Any]]:
    return [
        {"name": r.name, "contact": r.contact, "url": r.url, "hours": r.hours, "note": r.note}
        for r in resources
    ]


def _clean(value: Any) -> Any:
    """Sanitized strings, lists for tuples, and no NaN/inf (they are not JSON)."""
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def render(checklist: Checklist, result: Result, answers: Mapping[str, Any] | None = None) -> str:
    data = report_dict(checklist, result, answers)
    return json.dumps(data, sort_keys=True, allow_nan=False, indent=2, ensure_ascii=False) + "\n"
