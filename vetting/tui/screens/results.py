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
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from vetting.checklist.model import Checklist, Severity
from vetting.checklist.safety import AUTHOR_NOTE
from vetting.i18n import N_, _, ngettext
from vetting.reports.document import (
    ALERTS_HEADING,
    NOT_FIRST,
    UNSURE_NOTE,
    Document,
    FlagRow,
    Line,
    OutcomeRow,
    ResourceLine,
    build,
)
from vetting.scoring import Result, score
from vetting.sessions.store import Session
from vetting.tui.shared import display_percent, services
from vetting.tui.text import fill, plain
from vetting.tui.widgets.key_bar import KeyBar
from vetting.tui.widgets.score_bar import ScoreBar

SEVERITY_WORDS: dict[Severity, str] = {  # translated where shown
    Severity.CRITICAL: N_("⚠ Critical:"),
    Severity.SERIOUS: N_("⚠ Serious:"),
    Severity.CAUTION: N_("! Caution:"),
    Severity.INFO: N_("i Worth noting:"),
}

Part = Content | str | tuple[str, str]


def _lines(*parts: Part) -> Content:
    """Join app text (str, tuples) and already-safe Content into one block.

    Plain ``str`` parts are app-written and never parsed as markup by ``assemble``.
    """
    return Content.assemble(*parts)


def _line(line: Line) -> list[Part]:
    parts: list[Part] = [plain(line.text)]
    if line.url:
        parts += ["\n  ", plain(line.url)]
    return parts


def _references(refs: Iterable[Line]) -> list[Part]:
    see = "\n  " + _("See: ")
    return [part for ref in refs for part in (see, *_line(ref))]


def flag_content(flag: FlagRow) -> Content:
    """One flag: severity word, the question, the answer, why it matters and its citations."""
    parts: list[Part] = [
        (_(SEVERITY_WORDS[flag.severity]), "bold"),
        " ",
        plain(flag.question),
        "\n  ",
        fill(_("Your answer: {answer}"), answer=flag.answer),
    ]
    if flag.help:
        parts += ["\n  ", fill(_("Why this matters: {reason}"), reason=flag.help)]
    return _lines(*parts, *_references(flag.references))


def _resources(resources: Iterable[ResourceLine]) -> list[Part]:
    parts: list[Part] = []
    for resource in resources:
        parts += ["\n• ", plain(resource.name), ": ", plain(resource.contact)]
        for extra in (*resource.details, resource.url):
            if extra:
                parts += ["\n  ", plain(extra)]
    return parts


def safety_content(doc: Document) -> Content:
    """The crisis block: the app's verified lines, then any the checklist's author adds."""
    author: list[Part] = []
    if doc.safety_from_author:
        author = ["\n", _(AUTHOR_NOTE), *_resources(doc.safety_from_author)]
    return _lines(
        (_("Help right now"), "bold"),
        "\n",
        plain(doc.safety_message),
        *_resources(doc.safety),
        *author,
    )


class ResultsScreen(Screen[None]):
    """A finished session's result; scrolls, and every action is in the footer.

    What it says, and in which order, is the report's document
    (:func:`vetting.reports.document.build`), so the screen and every export agree.
    """

    CSS_PATH = "results.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export", N_("Export")),
        Binding("c", "compare", N_("Compare")),
        Binding("escape", "back", N_("Back")),
        # Hidden: keeps "f1 Crisis help" visible at 80 columns.
        Binding("h", "home", N_("Home"), show=False),
    ]

    def __init__(self, checklist: Checklist, session: Session, *, result: Result | None = None):
        super().__init__(classes="results-screen")
        self.checklist = checklist
        self.session = session
        self.result = result if result is not None else score(checklist, session.answers)
        self.doc = build(checklist, self.result, session.answers)

    def language_changing(self) -> None:
        """The report's words come in the new language too (and the checklist's, when the
        app swapped it for its translation: band labels come from it)."""
        self.result = score(self.checklist, self.session.answers)
        self.doc = build(self.checklist, self.result, self.session.answers)

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        doc = self.doc
        with VerticalScroll(id="results-body"):
            yield Static(self._title(), id="results-title")
            if doc.crisis:
                yield Static(safety_content(doc), id="results-crisis")
            yield from self._alerts()
            yield from self._flags()
            yield from self._unsure()
            yield Static(self._band(), id="results-band")
            yield from self._outcomes()
            yield from self._sections()
            yield Static(self._completeness(), id="results-completeness")
            yield from self._bullets(
                _("What you can do next"), doc.next_steps, "results-next-steps"
            )
            yield from self._bullets(
                _("Questions to ask on a first call"),
                [Line(q) for q in doc.questions],
                "results-questions",
            )
            yield from self._bullets(_("Where this comes from"), doc.sources, "results-sources")
            yield Static(safety_content(doc), id="results-safety")
            yield Static(
                _lines((_("Please note: "), "bold"), plain(doc.disclaimer)),
                id="results-disclaimer",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#results-body").focus()

    def _title(self) -> Content:
        parts: list[Part] = [(_("Your results: "), "bold"), plain(self.doc.title)]
        if self.session.name:
            parts += ["\n", fill(_("Session: {name}"), name=self.session.name)]
        return _lines(*parts)

    def _alerts(self) -> ComposeResult:
        if not self.doc.alerts:
            return
        parts: list[Part] = [(_(ALERTS_HEADING), "bold")]
        for alert in self.doc.alerts:
            parts += ["\n\n", (alert.title, "bold"), "\n", plain(alert.text)]
            parts += _resources(alert.resources)
        yield Static(_lines(*parts), id="results-alerts")

    def _flags(self) -> ComposeResult:
        flags = self.doc.flags
        if not flags:
            return
        count = len(flags)
        heading = ngettext(
            "A warning sign in your answers", "Warning signs in your answers: {count}", count
        ).format(count=count)
        yield Static(_lines((heading, "bold")), id="results-flags-heading", classes="heading")
        for flag in flags:
            yield Static(
                flag_content(flag), id=f"flag-{flag.id}", classes=f"flag flag-{flag.severity.value}"
            )

    def _unsure(self) -> ComposeResult:
        if not self.doc.unsure:
            return
        parts: list[Part] = [(_("You were not sure about these warning signs:"), "bold")]
        for question in self.doc.unsure:
            parts += ["\n? ", plain(question)]
        parts += ["\n", _(UNSURE_NOTE)]
        yield Static(_lines(*parts), id="results-unsure", classes="unsure")

    def _band(self) -> Content:
        doc = self.doc
        parts: list[Part] = [(_("Result: "), "bold"), plain(doc.headline)]
        if doc.meaning:
            parts += ["\n", plain(doc.meaning)]
        for reason in doc.reasons:
            parts += ["\n", fill(_("Why: {reason}"), reason=reason)]
        if doc.score is not None:
            score = display_percent(doc.score)
            parts += ["\n", _("Overall score: {percent}").format(percent=score)]
        return _lines(*parts)

    def _sections(self) -> ComposeResult:
        rows = [s for s in self.doc.sections if s.percent is not None or s.flags]
        if not rows:
            return
        yield Static(_lines((_("By section"), "bold")), classes="heading")
        for row in rows:
            if row.percent is not None:
                yield ScoreBar(row.title, row.percent, row.band, id=f"section-{row.id}")
            else:
                signs = ngettext("{count} warning sign", "{count} warning signs", row.flags).format(
                    count=row.flags
                )
                yield Static(_lines(plain(row.title), ": ", signs), id=f"section-{row.id}")

    def _completeness(self) -> Content:
        return _lines((_("How much is known"), "bold"), "\n", plain(self.doc.completeness))

    def _outcomes(self) -> ComposeResult:
        doc = self.doc
        if doc.outcomes:
            yield Static(_lines((_("What may fit you, best first"), "bold")), classes="heading")
            for rank, row in enumerate(doc.outcomes, start=1):
                yield Static(self._outcome(rank, row), id=f"outcome-{row.id}", classes="outcome")
        if doc.ruled_out:
            parts: list[Part] = [(_(NOT_FIRST), "bold")]
            for row in doc.ruled_out:
                parts += ["\n• ", plain(row.title)]
                parts += [part for reason in row.reasons for part in ("\n  ", plain(reason))]
            yield Static(_lines(*parts), id="results-ruled-out")

    def _outcome(self, rank: int, row: OutcomeRow) -> Content:
        first: list[Part] = ["  ", (_("first, because of your answers"), "bold")]
        parts: list[Part] = [
            (f"{rank}. ", "bold"),
            plain(row.title),
            f" {row.points_words}",
            *(first if row.reasons else []),
            "\n",
            plain(row.summary),
        ]
        if row.because:
            parts += ["\n  ", _("Because you answered:")]
            for question, answer in row.because:
                parts += ["\n  • ", plain(question), " → ", plain(answer)]
        if row.details:
            parts += ["\n  ", plain(row.details)]
        if row.questions:
            parts += ["\n  ", _("Questions to ask:")]
            for question in row.questions:
                parts += ["\n  • ", plain(question)]
        return _lines(*parts, *_references(row.references))

    def _bullets(self, heading: str, lines: Iterable[Line], widget_id: str) -> ComposeResult:
        lines = list(lines)
        if not lines:
            return
        parts: list[Part] = [(heading, "bold")]
        for line in lines:
            parts += ["\n• ", *_line(line)]
        yield Static(_lines(*parts), id=widget_id)

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

        self.app.push_screen(
            CompareScreen.for_session(services(self), self.checklist, self.session)
        )

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
