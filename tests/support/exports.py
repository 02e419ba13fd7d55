"""HTML exports to check for accessibility: each built-in checklist, empty, and in Spanish.

Shared by the axe-core browser test (tests/serve/test_export_a11y.py) and the structure test
that needs no browser (tests/unit/test_html_structure.py), so both look at the same pages.

Each built-in checklist is exported with its worked example that raises the most (alerts,
red flags, crisis), with answers that raise every red flag and the crisis block, and with no
answers. Spanish: a checklist written in Spanish (``es_checklist.yaml``: red flags, an alert,
the crisis block), the test checklist with a Spanish translation block
(``tests/cases/translations/translated.yaml``), an English checklist read with vetting's own
words in Spanish (the page is ``lang="en"``, vetting's words ``lang="es"``), and every
built-in checklist that has a Spanish translation (none yet when this was written; they are
picked up as soon as they have one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vetting import reports
from vetting.checklist.model import Checklist, Item, ItemKind
from vetting.checklist.resources import builtin_checklist_paths
from vetting.i18n import current_language, set_language
from vetting.scoring import score
from vetting.validation.pipeline import load_checklist

HERE = Path(__file__).resolve().parent
SPANISH = HERE / "es_checklist.yaml"
TRANSLATED = HERE.parent / "cases" / "translations" / "translated.yaml"


@dataclass(frozen=True)
class ExportCase:
    """One HTML export: a checklist, the answers, and the language of vetting's own words."""

    name: str
    checklist: Checklist
    answers: dict[str, Any] = field(hash=False)
    ui: str = "en"

    @property
    def page_language(self) -> str:
        """What ``<html lang>`` must say: the language the checklist is shown in."""
        return self.checklist.language or "en"

    def render(self) -> str:
        previous = current_language()
        set_language(self.ui)
        try:
            result = score(self.checklist, self.answers)
            return reports.render_html(self.checklist, result, self.answers)
        finally:
            set_language(previous)


def every_warning(checklist: Checklist) -> dict[str, Any]:
    """Answers that raise every red flag and the crisis block the checklist can raise."""
    return {item.id: _worst(item) for item in checklist.items}


def _worst(item: Item) -> Any:
    if item.kind is ItemKind.NOTE:
        return "I wrote down the dates."
    if item.kind is ItemKind.MULTIPLE:
        return [option.value for option in item.options]
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return item.scale.min if item.scale.flag_at_or_below is not None else item.scale.max
    flagged = [o for o in item.options if o.flag or o.crisis]
    options = flagged or sorted(item.options, key=lambda o: o.points)
    return options[-1].value if options else "yes"


def most_telling_example(checklist: Checklist) -> dict[str, Any]:
    """The worked example that raises the most alerts, then red flags, then the crisis block."""

    def weight(answers: dict[str, Any]) -> tuple[int, int, bool]:
        result = score(checklist, answers)
        return len(result.alerts), len(result.flags), result.crisis

    return max((t.answers_dict() for t in checklist.tests), key=weight)


@cache
def export_cases() -> tuple[ExportCase, ...]:
    cases: list[ExportCase] = []
    for path in builtin_checklist_paths():
        checklist = load_checklist(path)
        cases += [
            ExportCase(f"{path.stem}-example", checklist, most_telling_example(checklist)),
            ExportCase(f"{path.stem}-every-warning", checklist, every_warning(checklist)),
            ExportCase(f"{path.stem}-empty", checklist, {}),
        ]
        spanish = load_checklist(path, lang="es")
        if spanish.language == "es":
            cases.append(
                ExportCase(f"{path.stem}-es", spanish, most_telling_example(spanish), ui="es")
            )
    written = load_checklist(SPANISH)
    answers = {**written.tests[0].answers_dict(), "en_peligro": "yes"}
    translated = load_checklist(TRANSLATED, lang="es")
    red_flags = load_checklist(next(p for p in builtin_checklist_paths() if p.stem == "red_flags"))
    cases += [
        ExportCase("es-checklist", written, answers, ui="es"),
        ExportCase("es-checklist-empty", written, {}, ui="es"),
        ExportCase(
            "es-translated", translated, {"in_danger": "yes", "fees_clear": "never"}, ui="es"
        ),
        ExportCase("es-words-english-checklist", red_flags, every_warning(red_flags), ui="es"),
    ]
    return tuple(cases)
