"""Realistic generated checklists for the benchmark (and for size tests).

Each generated file is a valid fit checklist (score bands and flag bands) in the real
format: sections of yes/no, single, multiple, scale and note items with help, citations,
conditions, bands and golden tests, so the benchmark measures the work a real file causes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vetting.checklist.model import Answers, Checklist, ItemKind

SECTION_SIZE = 10

HEADER = """\
# yaml-language-server: $schema=../schemas/checklist.schema.json
format: 1
id: {id}
kind: fit
title: Generated checklist {id}
version: "1.0.0"
summary: A generated checklist used to measure speed.
audience: Benchmarks.
language: en
authors:
  - name: Benchmark
last_reviewed: "2026-11-25"
disclaimer: Not medical advice.
sources:
  - title: ACA Code of Ethics (2014)
    url: https://www.counseling.org/resources/aca-code-of-ethics.pdf
safety:
  message: If you are in danger, help is available now.
  resources:
    - name: 988 Suicide & Crisis Lifeline
      contact: Call or text 988
sections:
"""

BANDS = """\
bands:
  - id: act_now
    when_flag: critical
    label: Please take this seriously
    meaning: Something you described is never acceptable.
    next_steps: [Consider reporting it to your state licensing board.]
  - {id: not_sure, when_unsure: serious, label: Worth finding out more,
     meaning: You were not sure about something serious., next_steps: [Ask someone you trust.]}
  - {id: low, min: 0, max: 30, label: Few signs, meaning: Little to worry about.,
     next_steps: [Keep noticing.]}
  - {id: some, min: 30, max: 60, label: Some signs, meaning: Worth a conversation.,
     next_steps: [Talk about it.]}
  - {id: many, min: 60, max: 100, label: Many signs, meaning: Worth a second opinion.,
     next_steps: [Get a second opinion.]}
tests:
  - name: critical flag wins
    answers: {q0: "yes", q1: "yes"}
    expect: {band: act_now, flags: [q0, q1]}
  - name: nothing flagged
    answers: {q0: "no", q1: "no"}
    expect: {band: null, flags: [], enough_known: false}
"""


def _item(index: int) -> str:
    """One item; the kind cycles so every kind is represented."""
    item_id = f"q{index}"
    help_text = '"Why this matters: a steady, respectful relationship is the base of good therapy."'
    ref = '{code: ACA, edition: "2014", section: A.5}'
    shape = index % 5 if index > 1 else 0
    if shape == 0:
        severity = "critical" if index == 0 else "serious"
        crisis = ", crisis: true" if index == 0 else ""
        return f"""\
      - id: {item_id}
        kind: yes_no
        severity: {severity}
        allow_unsure: true
        text: Has your therapist done something that worried you ({index})?
        help: {help_text}
        references: [{ref}]
        options:
          - {{value: "yes", points: 3, flag: true{crisis}}}
          - {{value: "no"}}
"""
    if shape == 1:
        return f"""\
      - id: {item_id}
        kind: single
        text: How often did this happen ({index})?
        help: {help_text}
        references: [{ref}]
        options:
          - {{value: never, label: Never}}
          - {{value: once, label: Once, points: 1}}
          - {{value: often, label: Often, points: 2}}
"""
    if shape == 2:
        return f"""\
      - id: {item_id}
        kind: multiple
        text: Which of these happened ({index})?
        help: {help_text}
        options:
          - {{value: late, label: Sessions started late, points: 1}}
          - {{value: phone, label: They used their phone, points: 1}}
          - {{value: none, label: None of these}}
"""
    if shape == 3:
        return f"""\
      - id: {item_id}
        kind: scale
        text: How comfortable do you feel ({index})?
        help: {help_text}
        show_if:
          any: [{{item: q{index - 3}, equals: "yes"}}, {{item: q{index - 3}, equals: "no"}}]
        scale: {{min: 1, max: 5, min_label: Not at all, max_label: Very, reverse: true}}
"""
    return f"""\
      - id: {item_id}
        kind: note
        text: Anything you want to remember ({index})?
"""


def checklist_yaml(checklist_id: str, items: int, *, section_size: int = SECTION_SIZE) -> str:
    """A valid checklist of ``items`` questions in sections of ``section_size``."""
    parts = [HEADER.format(id=checklist_id)]
    for start in range(0, items, section_size):
        number = start // section_size
        parts.append(f"  - id: s{number}\n    title: Part {number + 1}\n    items:\n")
        parts.extend(_item(i) for i in range(start, min(items, start + section_size)))
    parts.append(BANDS)
    return "".join(parts)


def largest_accepted(low: int = 1000, high: int = 5000, *, section_size: int = 20) -> int:
    """The most questions a generated checklist can have and still validate without errors.

    The loader's limits (1 MiB, 50,000 keys and values) and the schema's (sections per
    checklist, questions per section) decide; a binary search finds the edge.
    """
    from vetting.validation.pipeline import validate_text

    def fits(items: int) -> bool:
        text = checklist_yaml("largest", items, section_size=section_size)
        return validate_text(text, source="largest.yaml").ok

    if not fits(low):
        raise SystemExit(f"a {low}-question checklist is not accepted: check the loader limits")
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return low


def write_corpus(folder: Path, count: int, *, items: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"c{number:04d}.yaml").write_text(
            checklist_yaml(f"c{number:04d}", items), encoding="utf-8"
        )
    return folder


def big_checklist_model(items: int) -> Checklist:
    """A Checklist built in memory (no file limits), for timing the scoring engine.

    Past the loader's limits on purpose: this times scoring alone, on trusted text. Each
    section is parsed on its own, as a checklist file's sections would be built, so the
    model is not scattered through the garbage of one giant parse (which made scoring
    5,000 items look slower per item than it is, from CPU cache misses alone).
    """
    import yaml

    from vetting.checklist.build import build_checklist

    def parse(text: str) -> Any:
        return json.loads(json.dumps(yaml.load(text, Loader=yaml.CSafeLoader)))

    data = parse(checklist_yaml("big", min(items, SECTION_SIZE)).split("\ntests:")[0])
    data["sections"] = [
        {
            "id": f"s{start // SECTION_SIZE}",
            "title": f"Part {start // SECTION_SIZE + 1}",
            "items": parse(
                "".join(_item(i) for i in range(start, min(items, start + SECTION_SIZE)))
            ),
        }
        for start in range(0, items, SECTION_SIZE)
    ]
    return build_checklist(data)


def full_answers(checklist: Checklist) -> Answers:
    """Answer every item: yes/no alternate, first option, scale 3, a short note."""
    answers: Answers = {}
    for index, item in enumerate(checklist.items):
        if item.kind is ItemKind.YES_NO:
            answers[item.id] = "yes" if index % 2 else "no"
        elif item.kind is ItemKind.SINGLE:
            answers[item.id] = item.options[1].value
        elif item.kind is ItemKind.MULTIPLE:
            answers[item.id] = [item.options[0].value, item.options[1].value]
        elif item.kind is ItemKind.SCALE:
            answers[item.id] = 3
        else:
            answers[item.id] = "a note"
    return answers


def write_all(base: Path) -> int:
    """Every file the benchmark uses, under ``base``; returns the largest file's item count.

    bench/run.py calls this in a child process (``python bench/corpus.py BASE``) so that
    the benchmark's own process stays small: on Linux a child's peak RSS starts at its
    parent's size, which would hide the children's real peak memory.
    """
    for count in (10, 100, 1000):
        write_corpus(base / f"n{count}", count, items=40)
    (base / "small.yaml").write_text(checklist_yaml("small", 10), encoding="utf-8")
    largest = largest_accepted()
    text = checklist_yaml("largest", largest, section_size=20)
    (base / "largest.yaml").write_text(text, encoding="utf-8")
    return largest


if __name__ == "__main__":
    import sys

    print(write_all(Path(sys.argv[1])))
