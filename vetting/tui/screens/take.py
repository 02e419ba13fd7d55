"""Taking a checklist: one question at a time.

Only the current question is ever mounted, so the screen costs the same for a checklist of
5 questions or of 1,000. After every change the screen:

1. recomputes which questions are shown (:func:`vetting.scoring.visible_item_ids`), so
   conditional questions appear and disappear as answers change;
2. shows crisis help at once when the new answer is marked ``crisis: true``;
3. saves the session in a worker thread; saves carry a sequence number so an older save
   that finishes late can never overwrite a newer one.

Keys: 1-9 pick, n/→/Enter next, b/← back, s skip, h/? why this matters, f finish,
r rename the session, Esc home. A new session opens on its first question with the
disclaimer above it, on the same page (one screen to draw, not two); it stays until the
person moves on, and ``b`` on the first question brings it back.

A session answered with an older version of the checklist opens with a notice of what
changed (set by the app, see :func:`vetting.tui.shared.change_notice`); it stays until the
person moves on. In a read-only window (vetting open elsewhere) a banner says so and
nothing is saved.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from vetting.checklist.model import AnswerValue, Checklist, Item
from vetting.checklist.textcheck import sanitize
from vetting.i18n import N_, _
from vetting.scoring import item_wording, visible_item_ids
from vetting.scoring.answers import is_crisis_answer
from vetting.sessions.store import Session, StorageError
from vetting.tui.messages import AnswerChanged, AnswersNotSaved
from vetting.tui.shared import answered_words, services
from vetting.tui.text import notify_plain, plain, styled
from vetting.tui.widgets.key_bar import KeyBar
from vetting.tui.widgets.question import QuestionView
from vetting.tui.widgets.score_bar import bar_text

# TRANSLATORS: the keys of the question screen; the keys themselves (1-9, n, b, s, h, r, f,
# Esc) stay as they are. Keep it short: it must fit 80 columns.
KEYS_HINT = N_("1-9 pick · n next · b back · s skip · h why · r rename · f finish · Esc home")
SAVED_NOTE = N_(
    "Your answers are saved on this computer as you go. Crisis help is one key away on "
    "every screen (F1)."
)
UNSAVED_NOTE = N_(
    "In this window your answers are not saved: vetting is open in another one. Crisis "
    "help is one key away on every screen (F1)."
)
NEEDED = N_("This question is needed for the result, so it cannot be skipped.")


class TakeScreen(Screen[None]):
    """One checklist session, one question at a time."""

    CSS_PATH = "take.tcss"
    # The answer control has the focus whenever this screen is shown, so arrows and space
    # work at once; Textual sets it as the screen is first styled (no second pass).
    AUTO_FOCUS = "#answer-single, #answer-scale, #answer-multiple, #answer-note"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", N_("Next")),
        Binding("right,enter", "next", N_("Next"), show=False),
        Binding("pagedown", "next", N_("Next"), show=False, priority=True),
        Binding("b", "back", N_("Back")),
        Binding("left", "back", N_("Back"), show=False),
        Binding("pageup", "back", N_("Back"), show=False, priority=True),
        Binding("s", "skip", N_("Skip")),
        # TRANSLATORS: the key that explains why a question matters.
        Binding("h,question_mark", "help", N_("Why")),
        Binding("f", "finish", N_("Finish"), show=False),
        Binding("r", "rename", N_("Rename"), show=False),
        Binding("escape", "home", N_("Home"), show=False),
        *[Binding(str(n), f"pick({n})", N_("Pick this choice"), show=False) for n in range(1, 10)],
    ]

    def __init__(
        self,
        checklist: Checklist,
        session: Session,
        *,
        notice: Content | None = None,
        unsaved: bool = False,
    ) -> None:
        """``unsaved``: ``session`` is new and not yet on disk; it is saved when shown."""
        super().__init__()
        self.checklist = checklist
        self.session = session
        self.notice = notice
        self.unsaved = unsaved
        self.answers: dict[str, AnswerValue] = session.answers_copy()
        self.shown_ids: list[str] = visible_item_ids(checklist, self.answers)
        # A new session starts on its first question, the disclaimer shown above it.
        self.intro = not self.answers
        self.current: str | None = self._resume_point()
        self._save_lock = threading.Lock()
        self._change_count = 0
        self._saved_count = 0
        self.view: QuestionView | None = None

    def _resume_point(self) -> str | None:
        """The first shown question without an answer, else the last one."""
        for item_id in self.shown_ids:
            if item_id not in self.answers:
                return item_id
        return self.shown_ids[-1] if self.shown_ids else None

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Few widgets, each drawn once: every widget on this screen is time before the
        # first question (bench/RESULTS.md). One line of text rather than a Header; the
        # position, its bar and the keys share one block; the notice and the read-only
        # banner exist only when there is something to say.
        yield Static(self._title_text(), id="take-title")
        yield Static(self._progress_content(), id="take-position")
        if self._read_only:
            yield Static(plain(services(self).read_only_reason), id="take-read-only")
        # The first page is composed whole, its question included, so it is styled and
        # laid out once; later questions replace the view (see _show).
        with VerticalScroll(id="take-body"):
            if self.notice is not None:
                yield Static(self.notice, id="take-notice")
            disclaimer = Static(self._intro_text(), id="take-disclaimer")
            disclaimer.display = self._disclaimer_shown
            yield disclaimer
            yield Static(self._section_content(), id="take-section")
            yield Static(self._text_content(), id="take-text")
            self.view = self._new_view(focus=False)  # AUTO_FOCUS gives it the focus
            if self.view is not None:
                yield self.view
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = sanitize(self.checklist.title)
        self.sub_title = sanitize(self.session.name)
        if self.unsaved:  # a new session is written at once, right after the first paint
            self.call_after_refresh(self._queue_save)

    @property
    def _read_only(self) -> bool:
        """A second window: answers can be given and looked at, never written."""
        return services(self).read_only

    @property
    def _saving_note(self) -> str:
        """What happens to the answers, said truthfully in a read-only second window too."""
        return _(UNSAVED_NOTE) if self._read_only else _(SAVED_NOTE)

    def _title_text(self) -> Content:
        """Checklist title and session name, as literal text (never markup)."""
        return Content.assemble(
            styled(self.checklist.title, "bold"),
            "  ·  ",
            plain(self.session.name),
        )

    def _intro_text(self) -> Content:
        return Content.assemble(
            styled(_("Before you start"), "bold"),
            "\n",
            plain(self.checklist.disclaimer),
            "\n",
            self._saving_note,
        )

    def _show(self) -> None:
        """Show the current question (replacing the previous one), the disclaimer above the
        first one of a new session; with no question to show, the disclaimer alone."""
        if self.view is not None:
            self.view.remove()
        self.view = self._new_view()
        if self.view is not None:
            self.query_one("#take-body", VerticalScroll).mount(self.view)
        self.query_one("#take-disclaimer").display = self._disclaimer_shown
        self.query_one("#take-section", Static).update(self._section_content())
        self.query_one("#take-text", Static).update(self._text_content())
        self._show_progress()
        self.query_one("#take-body", VerticalScroll).scroll_home(animate=False)

    @property
    def _disclaimer_shown(self) -> bool:
        """Above the first question of a new session (alone, it is the page's own text)."""
        return self.intro and self.current is not None

    def _current_item(self) -> Item | None:
        """The current question, worded for this person (a parent reads "your child")."""
        item = self.checklist.item(self.current) if self.current else None
        if item is None or not item.variants:
            return item
        text, help_text = item_wording(self.checklist, item, self.answers)
        return item._replace(text=text, help=help_text)

    def _new_view(self, *, focus: bool = True) -> QuestionView | None:
        """The control for the current question, taking the focus as it mounts."""
        item = self._current_item()
        if item is None:
            return None
        return QuestionView(item, self.answers.get(item.id), focus=focus)

    def _text_content(self) -> Content:
        """The question in bold; with no question, the disclaimer and the saving note."""
        item = self._current_item()
        if item is None:
            return Content.assemble(plain(self.checklist.disclaimer), "\n\n", self._saving_note)
        text = [styled(item.text, "bold")]
        if item.required:
            # TRANSLATORS: after a question that must be answered for the result.
            text.append(Content("  " + _("(needed)")))
        return Content.assemble(*text)

    def _section_content(self) -> Content:
        """The section's title, and its intro above the section's first shown question."""
        item = self._current_item()
        if item is None:
            return styled(_("Before you start"), "bold")
        section = self.checklist.section_of(item.id)
        if section is None:
            return Content("")
        parts: list[Content | str] = [styled(section.title, "bold $accent")]
        section_of = self.checklist.section_of
        first_shown = next((i for i in self.shown_ids if section_of(i) is section), None)
        if section.intro and first_shown == item.id:
            parts += ["\n", plain(section.intro)]
        return Content.assemble(*parts)

    def _progress_content(self) -> Content:
        """Where the person is, how much is answered (in words and as a bar), the keys."""
        shown = len(self.shown_ids)
        answered = sum(1 for item_id in self.shown_ids if item_id in self.answers)
        if self.current is None or self.current not in self.shown_ids:
            where = _("Introduction")
        else:
            position = self.shown_ids.index(self.current) + 1
            where = _("Question {number} of {count}").format(number=position, count=shown)
        done = bar_text(100 * answered / shown if shown else 0.0)
        progress = answered_words(answered, shown)
        return Content(f"{where}  ·  {progress}  {done}\n{_(KEYS_HINT)}")

    def language_changed(self) -> None:
        """Drawn again in another language (the app recomposed it, with the checklist in
        that language when it has it): the title follows, and the focus goes back."""
        self.title = sanitize(self.checklist.title)
        if self.view is not None:
            self.view.focus_control()

    def _show_progress(self) -> None:
        self.query_one("#take-position", Static).update(self._progress_content())

    # -- answers ------------------------------------------------------------------

    @on(AnswerChanged)
    def _answer_changed(self, event: AnswerChanged) -> None:
        event.stop()
        if self.answers.get(event.item_id) != event.value:  # not already taken by _flush
            self.set_answer(event.item_id, event.value)

    def _flush(self) -> None:
        """Record what the control shows before leaving it: a key pressed right after an
        answer (``1`` then ``n``) must never lose the answer to a message still queued."""
        item = self._current_item()
        if self.view is None or item is None:
            return
        value = self.view.current_answer()
        if self.answers.get(item.id) != value:
            self.set_answer(item.id, value)

    def set_answer(self, item_id: str, value: AnswerValue | None) -> None:
        """Record an answer (``None`` clears it), update what is shown, save, check crisis."""
        if value is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = value
        self.shown_ids = visible_item_ids(self.checklist, self.answers)
        self._show_progress()
        self._queue_save()
        item = self.checklist.item(item_id)
        if item is not None and is_crisis_answer(item, value):
            services(self).show_crisis(self.checklist)

    def _queue_save(self) -> None:
        if self._read_only:
            return
        self._change_count += 1
        self._save(dict(self.answers), self._change_count)

    @work(thread=True, group="take-save")
    def _save(self, answers: dict[str, AnswerValue], number: int) -> None:
        """Write the session; a save older than the last one written is dropped."""
        with self._save_lock:
            if number <= self._saved_count or services(self).closing:
                return
            try:
                saved = services(self).store.save(replace(self.session, answers=answers))
            except StorageError as error:
                self.post_message(AnswersNotSaved(str(error)))
                return
            self._saved_count = number
            self.session = saved

    @on(AnswersNotSaved)
    def _save_failed(self, event: AnswersNotSaved) -> None:
        notify_plain(self.app, event.reason, severity="error")

    def current_session(self) -> Session:
        """The session with every answer given so far, saved or still being saved."""
        return replace(self.session, answers=dict(self.answers))

    # -- moving -------------------------------------------------------------------

    def _move(self, step: int, *, flush: bool = True) -> None:
        if flush:
            self._flush()
        self.query("#take-notice").remove()  # read once; it would crowd the page
        self.intro = False  # likewise the disclaimer, once the person moves on
        if self.current is None:
            if step > 0 and self.shown_ids:
                self.current = self.shown_ids[0]
                self._show()
            return
        index = self.shown_ids.index(self.current) if self.current in self.shown_ids else -1
        target = index + step
        if target < 0:  # back from the first question: the disclaimer again, above it
            self.intro = True
            self.current = self.shown_ids[0] if self.shown_ids else None
            self._show()
        elif target >= len(self.shown_ids):
            self.action_finish()
        else:
            self.current = self.shown_ids[target]
            self._show()

    def action_next(self) -> None:
        item = self._current_item()
        if item is not None and item.required and item.id not in self.answers:
            notify_plain(self.app, _(NEEDED), severity="warning")
            return
        self._move(1)

    def action_back(self) -> None:
        self._move(-1)

    def action_skip(self) -> None:
        """Leave this question blank and move on (a given answer is cleared)."""
        item = self._current_item()
        if item is None:
            self._move(1)
            return
        if item.required:
            notify_plain(self.app, _(NEEDED), severity="warning")
            return
        if item.id in self.answers:
            self.set_answer(item.id, None)
        self._move(1, flush=False)  # the control still shows the answer just cleared

    def action_pick(self, number: int) -> None:
        if self.view is not None:
            self.view.pick(number)

    def action_help(self) -> None:
        from vetting.tui.screens.help import HelpModal

        item = self._current_item()
        if item is None:
            notify_plain(self.app, _("Help appears here once the questions begin."))
            return
        self.app.push_screen(HelpModal(item, reword=self._current_item))

    def action_finish(self) -> None:
        """Show the results (pushed on top, so Esc there comes back here to review)."""
        from vetting.tui.screens.results import ResultsScreen

        self._flush()
        self.app.push_screen(ResultsScreen(self.checklist, self.current_session()))

    def action_rename(self) -> None:
        """Rename the session (``vetting run`` names it "<title> – <date>" without asking)."""
        from vetting.tui.screens.name_session import NameSessionModal

        if self._read_only:
            notify_plain(self.app, services(self).read_only_reason, severity="warning")
            return

        def renamed(name: str | None) -> None:
            if name and name != self.session.name:
                self._rename(name)

        self.app.push_screen(
            NameSessionModal(N_("Rename this session"), self.session.name), renamed
        )

    @work(thread=True, group="take-save")
    def _rename(self, name: str) -> None:
        """Under the save lock, so a rename and an answer's save never overwrite each other."""
        with self._save_lock:
            try:
                self.session = services(self).store.rename(self.session.id, name)
            except StorageError as error:
                self.post_message(AnswersNotSaved(str(error)))
                return
        self.app.call_from_thread(self._show_name)

    def _show_name(self) -> None:
        self.sub_title = sanitize(self.session.name)
        self.query_one("#take-title", Static).update(self._title_text())

    def action_home(self) -> None:
        self._flush()
        services(self).leave_to_home(self)

    @on(Input.Submitted, "#answer-note")
    def _note_submitted(self) -> None:
        self.action_next()
