"""One checklist session in line mode: the questions one after another, then the result.

It follows the full-screen take screen (vetting/tui/screens/take.py) step for step:

1. after every answer, which questions are shown is worked out again
   (:func:`vetting.scoring.visible_item_ids`), so follow-up questions appear and vanish;
2. an answer marked ``crisis: true`` shows the crisis lines at once, then the person
   chooses to go on or to stop (``q``);
3. the session is saved after every change, in the same file the app uses.

Each question is a handful of plain lines::

    Question 3 of 12: Do you see a therapist now?
      1. Yes
      2. No
      3. Not sure
    Your answer:

After the last question the result is printed exactly as ``vetting score --format text``
prints it, with where the answers are saved. ``q``, the end of the input and Ctrl+C all
save and stop; the last says so with exit code 130.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from enum import Enum

from vetting.checklist.model import AnswerValue, Checklist, Item, ItemKind, Resource
from vetting.checklist.safety import crisis_lines
from vetting.i18n import N_, _, current_language, ngettext
from vetting.plain import choices as answers
from vetting.plain.choices import Command
from vetting.plain.terminal import Console, clean
from vetting.reports.document import reference_words
from vetting.scoring import item_wording, visible_item_ids
from vetting.scoring.answers import is_crisis_answer, option_label
from vetting.sessions.errors import StorageError
from vetting.sessions.model import Session
from vetting.sessions.store import SessionStore


class Ending(Enum):
    """How a session in line mode ended."""

    FINISHED = "finished"  # the result was shown
    QUIT = "quit"  # ``q`` or the end of the input: saved, to resume later
    INTERRUPTED = "interrupted"  # Ctrl+C: saved, exit code 130


# TRANSLATORS: shown once before the questions; the keys ?, !, b and q are the same in
# every language, so keep them as they are.
KEYS = N_(
    "Type the number of your answer and press Enter. Enter alone skips a question. "
    "Type ? for help with a question, ! for crisis lines, b to go back, q to save and quit."
)


def crisis_text(checklist: Checklist | None, language: str | None = None) -> str:
    """The crisis lines as plain lines: the app's verified ones, then the checklist's own."""
    lines = crisis_lines(checklist, language or current_language())
    out = [
        _("Help is available now"),
        _(
            "This app is not a substitute for emergency help. If you might hurt yourself, "
            "call 911 or go to the nearest emergency room now."
        ),
        clean(lines.message),
    ]
    out += _resource_lines(lines.verified)
    if lines.from_author:
        out.append(_("Listed by this checklist's author (not checked by vetting):"))
        out += _resource_lines(lines.from_author)
    return "\n".join(out)


def _resource_lines(resources: tuple[Resource, ...]) -> list[str]:
    out = []
    for resource in resources:
        out.append(f"- {clean(resource.name)}: {clean(resource.contact)}")
        out += [
            f"  {clean(extra)}" for extra in (resource.hours, resource.url, resource.note) if extra
        ]
    return out


def help_text(item: Item) -> str:
    """Why the question matters: its help, its choices' help, where it comes from."""
    out = [_("Why this matters: {question}").format(question=clean(item.text))]
    out.append(clean(item.help) if item.help else _("There is no extra explanation for this one."))
    for option in item.options:
        if option.help:
            out.append(f"{clean(option_label(item, option))}: {clean(option.help)}")
    if item.references:
        out.append(_("Where this comes from:"))
        out += [f"- {clean(reference_words(reference))}" for reference in item.references]
    return "\n".join(out)


class SessionRunner:
    """Ask the questions of ``checklist`` for ``session``, saving into ``store``.

    ``store`` is None when nothing can be saved (vetting is open in another window, or
    the sessions folder cannot be used): the person is told so before the first question.
    ``resume_hint`` is the command that brings this session back (``vetting ask FILE``).
    """

    def __init__(
        self,
        console: Console,
        checklist: Checklist,
        session: Session,
        store: SessionStore | None,
        *,
        resume_hint: str,
        notice: str | None = None,
        not_saved_reason: str | None = None,
        render_result: Callable[[Checklist, dict[str, AnswerValue]], str] | None = None,
    ) -> None:
        self.console = console
        self.checklist = checklist
        self.session = session
        self.store = store
        self.resume_hint = resume_hint
        self.notice = notice
        self.not_saved_reason = not_saved_reason
        self.answers: dict[str, AnswerValue] = session.answers_copy()
        self.shown: list[str] = visible_item_ids(checklist, self.answers)
        self.current: str | None = self._resume_point()
        self.saved = True
        self._last_section: str | None = None
        self._render_result = render_result or result_text

    def _resume_point(self) -> str | None:
        """The first shown question without an answer, else the last one (as the app)."""
        for item_id in self.shown:
            if item_id not in self.answers:
                return item_id
        return self.shown[-1] if self.shown else None

    # -- the whole session ---------------------------------------------------------

    def run(self) -> Ending:
        """Ask until the end, ``q``, the end of the input or Ctrl+C; always saved first."""
        try:
            self._introduce()
            while True:
                item = self._current_item()
                if item is None:
                    self._finish()
                    return Ending.FINISHED
                ending = self._ask(item)
                if ending is not None:
                    return ending
        except KeyboardInterrupt:
            self.console.say()
            self._stop(_("Stopped (Ctrl+C)."))
            return Ending.INTERRUPTED

    def _introduce(self) -> None:
        say = self.console.say
        say(clean(self.checklist.title), style=Console.BOLD)
        if self.answers:
            say(_("Welcome back. You can go on where you stopped."))
        else:
            say(_("Before you start:"))
            say(clean(self.checklist.disclaimer))
        if self.notice:
            say(self.notice)
        if self.store is None:
            say(self.not_saved_reason or _("Your answers are not saved in this window."))
        else:
            say(_("Your answers are saved on this computer as you go."))
        say(_(KEYS))
        if not self.shown:
            say(_("This checklist has no questions to ask."))
        say()

    def _current_item(self) -> Item | None:
        """The current question, worded for this person (a parent reads "your child")."""
        item = self.checklist.item(self.current) if self.current else None
        if item is None or not item.variants:
            return item
        text, help_ = item_wording(self.checklist, item, self.answers)
        return item._replace(text=text, help=help_)

    # -- one question ----------------------------------------------------------------

    def _ask(self, item: Item) -> Ending | None:
        """Show ``item`` and read lines until one moves on; an ending stops the session."""
        self._show(item)
        while True:
            line = self.console.ask(_("Your answer: "))
            if line is None:
                self.console.say()
                self._stop(_("The input ended."))
                return Ending.QUIT
            parsed = answers.parse(item, line)
            if parsed.error is not None:
                self.console.say(parsed.error)
                self._show(item)
                continue
            if parsed.command is Command.HELP:
                self.console.say(help_text(item))
                self.console.say()
                self._show(item)
                continue
            if parsed.command is Command.CRISIS:
                self.console.say(crisis_text(self.checklist), style=Console.RED)
                self.console.say()
                self._show(item)
                continue
            if parsed.command is Command.QUIT:
                self._stop()
                return Ending.QUIT
            if parsed.command is Command.BACK:
                if not self._go_back():
                    self.console.say(_("This is the first question."))
                    self._show(item)
                    continue
                return None
            if parsed.command is Command.SKIP:
                if item.required and item.id not in self.answers:
                    self.console.say(
                        _("This question is needed for the result, so it cannot be skipped.")
                    )
                    self._show(item)
                    continue
                self._go_on(item.id)
                return None
            if parsed.value is not None:
                self._set_answer(item, parsed.value)
                if is_crisis_answer(item, parsed.value) and self._crisis_pause():
                    return Ending.QUIT
                self._go_on(item.id)
                return None

    def _show(self, item: Item) -> None:
        """The question's lines: its section (when it changes), text, choices, hints."""
        say = self.console.say
        section = self.checklist.section_of(item.id)
        if section is not None and section.id != self._last_section:
            say(_("Section: {title}").format(title=clean(section.title)), style=Console.BOLD)
            first = next((i for i in self.shown if self.checklist.section_of(i) is section), None)
            if section.intro and first == item.id:
                say(clean(section.intro))
            self._last_section = section.id
        position = self.shown.index(item.id) + 1 if item.id in self.shown else 1
        head = _("Question {number} of {total}: {text}").format(
            number=position, total=len(self.shown), text=clean(item.text)
        )
        if item.required:
            head += " " + _("(needed)")
        say(head, style=Console.BOLD)
        for choice in answers.choices_for(item):
            say(
                f"  {choice.number}. {clean(choice.label)}"
                if choice.label
                else f"  {choice.number}"
            )
        if item.kind is ItemKind.MULTIPLE:
            say(_("Type the numbers of every choice that applies, such as 1 3."))
        elif item.kind is ItemKind.NOTE:
            say(_("Type your answer and press Enter."))
        if item.id in self.answers:
            say(
                _("Your answer now: {answer}. Press Enter to keep it.").format(
                    answer=clean(answers.describe(item, self.answers[item.id]))
                )
            )

    def _crisis_pause(self) -> bool:
        """The crisis lines at once, then: go on, or stop? True to stop (saved)."""
        self.console.say()
        self.console.say(crisis_text(self.checklist), style=Console.RED)
        self.console.say()
        line = self.console.ask(
            _("Press Enter to go on with the checklist, or type q to save and stop: ")
        )
        if line is None or line.strip().casefold() == Command.QUIT:
            if line is None:
                self.console.say()
            self._stop()
            return True
        return False

    # -- moving and saving -----------------------------------------------------------

    def _go_on(self, item_id: str) -> None:
        index = self.shown.index(item_id) if item_id in self.shown else -1
        self.current = self.shown[index + 1] if index + 1 < len(self.shown) else None
        self.console.say()

    def _go_back(self) -> bool:
        if self.current not in self.shown:
            return False
        index = self.shown.index(self.current)
        if index == 0:
            return False
        self.current = self.shown[index - 1]
        self._last_section = None  # say the section again: the person is moving around
        self.console.say()
        return True

    def _set_answer(self, item: Item, value: AnswerValue) -> None:
        self.answers[item.id] = value
        self.shown = visible_item_ids(self.checklist, self.answers)
        self._save()

    def _save(self) -> None:
        if self.store is None:
            return
        try:
            self.session = self.store.save(replace(self.session, answers=dict(self.answers)))
            self.saved = True
        except StorageError as error:
            self.saved = False
            self.console.say(
                _("Your answer could not be saved: {reason}").format(reason=clean(str(error)))
            )

    def where_saved(self, *, finished: bool = False) -> str:
        """Where the session is, and how to come back to it."""
        if self.store is None:
            return _("Your answers were not saved.")
        if not self.saved:
            self._save()  # one more try, now that the person is leaving
        if not self.saved:
            return _("Your latest answers could not be saved.")
        path = clean(str(self.store.path_of(self.session.id)))
        return "\n".join(
            [
                _("Your answers are saved in {path}").format(path=path),
                (
                    _("To look at your answers again or change them, run {command} again.")
                    if finished
                    else _("To go on later, run {command} again: it offers to resume this session.")
                ).format(command=self.resume_hint),
            ]
        )

    def _stop(self, why: str | None = None) -> None:
        if why:
            self.console.say(why)
        answered = sum(1 for item_id in self.shown if item_id in self.answers)
        self.console.say(
            ngettext(
                "{answered} of {total} question answered.",
                "{answered} of {total} questions answered.",
                len(self.shown),
            ).format(answered=answered, total=len(self.shown))
        )
        self.console.say(self.where_saved())

    def _finish(self) -> None:
        self.console.say(_("That was the last question. Here is your result."))
        self.console.say()
        self.console.say(self._render_result(self.checklist, self.answers).rstrip("\n"))
        self.console.say()
        self.console.say(self.where_saved(finished=True))


def result_text(checklist: Checklist, given: dict[str, AnswerValue]) -> str:
    """The result exactly as ``vetting score --format text`` prints it."""
    from vetting import reports, scoring

    return reports.render_text(checklist, scoring.score(checklist, given))
