"""The results screen: what a finished checklist says, most important first.

Order is a safety decision, not a layout one: the crisis block (when an answer asked for
it) and then the red flags come before the band, so a critical flag can never be missed
or averaged away. Severity is always written in words and symbols ("⚠ Critical:"), never
carried by colour alone. Every string from a checklist or a session reaches the screen
only as ``Content`` made from sanitized text (SECURITY-NOTES R1), so markup in a checklist
is shown literally and can never run an action.

The screen is a single scrolling column of small blocks, so it reads the same at 80×24 as
on a large terminal. Keys: ``e`` export, ``c`` compare, ``escape`` back (to review the
answers, or home), ``h`` home; crisis help (F1) is the app's own key and works here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from vetting.checklist.model import Checklist, ChecklistKind, Reference, Safety, Severity
from vetting.reports import result_words
from vetting.scoring import OutcomeScore, Result, answer_label, score
from vetting.sessions.store import Session
from vetting.tui.text import plain
from vetting.tui.widgets.key_bar import KeyBar
from vetting.tui.widgets.score_bar import ScoreBar

SEVERITY_WORDS: dict[Severity, str] = {
    Severity.CRITICAL: "⚠ Critical:",
    Severity.SERIOUS: "⚠ Serious:",
    Severity.CAUTION: "! Caution:",
    Severity.INFO: "i Worth noting:",
}


def _lines(*parts: Content | str | tuple[str, str]) -> Content:
    """Join app text (str, tuples) and already-safe Content into one block.

    Plain ``str`` parts are app-written and never parsed as markup by ``assemble``.
    """
    return Content.assemble(*parts)


def _references(refs: Iterable[Reference]) -> list[Content]:
    return [_lines("\n  See: ", plain(ref.describe())) for ref in refs]


def flag_content(checklist: Checklist, item_id: str, severity: Severity, answer: Any) -> Content:
    """One flag: severity word, the question, the answer, why it matters and its citations."""
    item = checklist.item(item_id)
    text = item.text if item else item_id
    parts: list[Content | str | tuple[str, str]] = [
        (SEVERITY_WORDS[severity], "bold"),
        " ",
        plain(text),
        "\n  Your answer: ",
        plain(answer_label(item, answer)),
    ]
    if item is not None and item.help:
        parts += ["\n  Why this matters: ", plain(item.help)]
    if item is not None:
        parts += _references(item.references)
    return _lines(*parts)


def safety_content(safety: Safety) -> Content:
    """The checklist's crisis block: message, then each resource with how to reach it."""
    parts: list[Content | str | tuple[str, str]] = [("Help right now", "bold"), "\n"]
    parts.append(plain(safety.message))
    for resource in safety.resources:
        parts += ["\n• ", plain(resource.name), ": ", plain(resource.contact)]
        for extra in (resource.hours, resource.url, resource.note):
            if extra:
                parts += ["\n  ", plain(extra)]
    return _lines(*parts)


class ResultsScreen(Screen[None]):
    """A finished session's result; scrolls, and every action is in the footer."""

    CSS_PATH = "results.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", "Export"),
        Binding("c", "compare", "Compare"),
        Binding("escape", "back", "Back"),
        Binding("h", "home", "Home", show=False),  # keeps "f1 Crisis help" visible at 80 columns
    ]

    def __init__(self, checklist: Checklist, session: Session, *, result: Result | None = None):
        super().__init__(classes="results-screen")
        self.checklist = checklist
        self.session = session
        self.result = result if result is not None else score(checklist, session.answers)

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="results-body"):
            yield Static(self._title(), id="results-title")
            if self.result.crisis:
                yield Static(safety_content(self.checklist.safety), id="results-crisis")
            yield from self._flags()
            yield from self._unsure()
            yield Static(self._band(), id="results-band")
            yield from self._sections()
            yield Static(self._completeness(), id="results-completeness")
            yield from self._outcomes()
            yield from self._next_steps()
            yield from self._sources()
            yield Static(safety_content(self.checklist.safety), id="results-safety")
            yield Static(
                _lines(("Please note: ", "bold"), plain(self.checklist.disclaimer)),
                id="results-disclaimer",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#results-body").focus()

    def _title(self) -> Content:
        name = self.session.name
        return _lines(
            ("Your results: ", "bold"),
            plain(self.checklist.title),
            *(["\nSession: ", plain(name)] if name else []),
        )

    def _flags(self) -> ComposeResult:
        flags = self.result.flags
        if not flags:
            return
        count = len(flags)
        heading = (
            f"Warning signs in your answers: {count}"
            if count > 1
            else ("A warning sign in your answers")
        )
        yield Static(_lines((heading, "bold")), id="results-flags-heading", classes="heading")
        for flag in flags:
            yield Static(
                flag_content(self.checklist, flag.item_id, flag.severity, flag.answer),
                id=f"flag-{flag.item_id}",
                classes=f"flag flag-{flag.severity.value}",
            )

    def _unsure(self) -> ComposeResult:
        unsure = self.result.unsure_flags
        if not unsure:
            return
        parts: list[Content | str | tuple[str, str]] = [
            ("You were unsure about these warning signs:", "bold")
        ]
        for item_id in unsure:
            item = self.checklist.item(item_id)
            parts += ["\n? ", plain(item.text if item else item_id)]
        parts.append(
            '\n"Not sure" is never counted as safe. If you can, find out, '
            "or ask your therapist directly."
        )
        yield Static(_lines(*parts), id="results-unsure", classes="unsure")

    def _band(self) -> Content:
        label, meaning = result_words(self.checklist, self.result)
        parts: list[Content | str | tuple[str, str]] = [("Result: ", "bold"), plain(label)]
        if meaning:
            parts += ["\n", plain(meaning)]
        if self.result.percent is not None:
            parts.append(f"\nOverall score: {self.result.percent:.0f}%")
        return _lines(*parts)

    def _sections(self) -> ComposeResult:
        sections = [s for s in self.result.sections if s.percent is not None]
        if len(sections) < 1:
            return
        yield Static(_lines(("Scores by section", "bold")), classes="heading")
        for section in sections:
            yield ScoreBar(
                section.title,
                section.percent,
                section.band.label if section.band else None,
                id=f"section-{section.id}",
            )

    def _completeness(self) -> Content:
        c = self.result.completeness
        return _lines(
            ("How complete this is", "bold"),
            f"\nYou answered {c.answered} of the {c.shown} questions you were shown.",
            f'\nOf your answers, "not sure": {c.unsure}, "doesn\'t apply": '
            f"{c.not_applicable}. Skipped: {c.skipped}.",
        )

    def _outcomes(self) -> ComposeResult:
        if self.checklist.kind is not ChecklistKind.CHOICE:
            return
        ranked = [o for o in self.result.outcomes if o.points > 0]
        if not ranked:
            yield Static(
                _lines(("What may fit you", "bold"), "\nYour answers do not point to one yet."),
                id="results-outcomes-none",
            )
            return
        yield Static(_lines(("What may fit you, best first", "bold")), classes="heading")
        for rank, scored in enumerate(ranked, start=1):
            yield Static(
                self._outcome(rank, scored), id=f"outcome-{scored.outcome.id}", classes="outcome"
            )

    def _outcome(self, rank: int, scored: OutcomeScore) -> Content:
        outcome = scored.outcome
        parts: list[Content | str | tuple[str, str]] = [
            (f"{rank}. ", "bold"),
            plain(outcome.title),
            f"  ({scored.points:g} points)\n",
            plain(outcome.summary),
        ]
        if scored.because:
            parts.append("\n  Because you answered:")
            for contribution in scored.because:
                parts += [
                    "\n  • ",
                    plain(contribution.item_text),
                    " → ",
                    plain(contribution.answer_label),
                ]
        if outcome.details:
            parts += ["\n  ", plain(outcome.details)]
        if outcome.questions_to_ask:
            parts.append("\n  Questions to ask:")
            for question in outcome.questions_to_ask:
                parts += ["\n  • ", plain(question)]
        parts += _references(outcome.references)
        return _lines(*parts)

    def _next_steps(self) -> ComposeResult:
        steps = self.result.next_steps
        if not steps:
            return
        parts: list[Content | str | tuple[str, str]] = [("Next steps", "bold")]
        for step in steps:
            parts += ["\n• ", plain(step)]
        yield Static(_lines(*parts), id="results-next-steps")

    def _sources(self) -> ComposeResult:
        if not self.checklist.sources:
            return
        parts: list[Content | str | tuple[str, str]] = [("Where this comes from", "bold")]
        for source in self.checklist.sources:
            parts += ["\n• ", plain(source.title)]
            for extra in (source.url, source.note):
                if extra:
                    parts += ["\n  ", plain(extra)]
        yield Static(_lines(*parts), id="results-sources")

    # -- actions ----------------------------------------------------------------

    def action_export(self) -> None:
        from vetting.tui.screens.export import ExportModal

        self.app.push_screen(
            ExportModal(
                self.checklist,
                self.result,
                self.session.answers_copy(),
                session_name=self.session.name,
            )
        )

    def action_compare(self) -> None:
        from vetting.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen.for_session(self.app, self.checklist, self.session))

    def action_back(self) -> None:
        """Back to the screen underneath: the finished checklist (to review) or home."""
        self.dismiss(None)

    def action_home(self) -> None:
        """Straight to the home screen, past the finished checklist underneath."""
        from vetting.tui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.app.screen_stack[:-1]):
            self.dismiss(None)
            return
        while not isinstance(self.app.screen, HomeScreen):
            self.app.pop_screen()
