"""The author's view of one checklist file, refreshed on every save.

Three views share the screen and swap by state:

* items: every item in an ``OptionList`` on the left (it draws only the visible lines,
  so 1,000 items stay fast) and, on the right, everything about the highlighted one:
  kind, options with their points, flags and outcomes, scale, weight, severity, when it
  is shown (in words), help and citations;
* problems: when the file has errors, each one as ``line:col  message`` and
  ``hint: suggestion``, in place of the items, until the file is fixed and saved;
* tests (``g``): each golden test with PASS or FAIL and the fields that differ.

``t`` opens the real question screen on the current version; its session lives in the
preview's throwaway folder. All checklist text goes through :mod:`vetting.tui.text`.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from vetting.checklist.model import Checklist, Condition, Item, Scale, When
from vetting.i18n import N_, _, ngettext
from vetting.problems import Problem
from vetting.sessions.store import StorageError
from vetting.tui.screens.help import help_content
from vetting.tui.shared import display_path, services
from vetting.tui.text import fill, notify_plain, plain, shorten, styled
from vetting.tui.widgets.key_bar import KeyBar
from vetting.validation.live_check import GoldenRow, PreviewState
from vetting.validation.source import excerpt

FIX_HEADER = N_("Fix these and save: the preview comes back by itself")
UNREADABLE_HEADER = N_("Waiting for the file: the preview comes back once it can be read")
MAX_PROBLEMS = 200
SEVERITY_MARKS = {"info": "·", "caution": "!", "serious": "!!", "critical": "!!!"}


# --------------------------------------------------------------------------- words


#: A piece of a line: app text, a styled (text, style) pair, or safe Content.
Part = Content | str | tuple[str, str]


class _PreviewApp(Protocol):
    """What the preview screen needs of :class:`vetting.tui.preview_app.PreviewApp`."""

    def reload_now(self) -> None: ...


def item_prompt(item: Item) -> Content:
    """One list line: id, kind, severity mark and a mark when the item is conditional."""
    parts: list[Part] = [plain(item.id), "  ", (item.kind.value, "$text-muted")]
    if item.severity is not None:
        mark = SEVERITY_MARKS[item.severity.value]
        parts += ["  ", (f"{mark} {item.severity.value}", "$warning")]
    if item.show_if is not None and item.show_if.conditions:
        parts += ["  ", ("⤷ if", "$accent")]
    return Content.assemble(*parts)


def condition_words(condition: Condition, checklist: Checklist) -> Content:
    """``has_therapist`` is "yes" (Yes): the id, the value(s), and labels when known."""
    if condition.section is not None:
        return fill(
            _("section {section} is in band {band}"),
            section=condition.section,
            band=str(condition.band),
        )
    item_id = condition.item or ""
    if condition.flagged:
        return fill(_("{item} raises its flag"), item=item_id)
    target = checklist.item(item_id)
    shown: list[Content] = []
    for value in condition.values:
        words = plain(f'"{value}"')
        option = target.option(value) if target and isinstance(value, str) else None
        if option is not None and option.label != option.value:
            words = Content.assemble(words, " (", plain(option.label), ")")
        shown.append(words)
    values = Content(", ").join(shown)
    multiple = target is not None and target.kind.value == "multiple"
    if len(condition.values) > 1:
        template = (
            _("{item} includes one of {values}") if multiple else _("{item} is one of {values}")
        )
    else:
        template = _("{item} includes {values}") if multiple else _("{item} is {values}")
    return fill(template, item=item_id, values=values)


def show_if_words(show_if: When | None, checklist: Checklist) -> Content:
    """When something is shown, in words: always, or all / any of its conditions."""
    if show_if is None or not show_if.conditions:
        return Content(_("always"))
    # TRANSLATORS: joins the conditions of a "shown only when" rule in the author preview.
    both, either = _(" and "), _(" or ")
    all_of = Content(both).join(condition_words(c, checklist) for c in show_if.all)
    any_of = Content(either).join(condition_words(c, checklist) for c in show_if.any)
    if show_if.any and show_if.at_least > 1:
        any_of = fill(
            _("at least {count} of: {conditions}"), count=str(show_if.at_least), conditions=any_of
        )
    elif len(show_if.any) > 1:
        any_of = fill(_("any of: {conditions}"), conditions=any_of)
    if show_if.all and show_if.any:
        return fill(_("only when {these}, and {those}"), these=all_of, those=any_of)
    return fill(_("only when {conditions}"), conditions=all_of if show_if.all else any_of)


def number(value: float) -> str:
    """3.0 as ``3``, 0.5 as ``0.5``: how an author wrote it."""
    return str(int(value)) if float(value).is_integer() else str(value)


def options_words(item: Item) -> list[Part]:
    parts: list[Part] = []
    for index, option in enumerate(item.options, start=1):
        points = number(option.points)
        # TRANSLATORS: how many points an answer option gives ({points} may be 0.5 or -1).
        facts = [
            _("{points} point").format(points=points)
            if points in ("1", "-1")
            else _("{points} points").format(points=points)
        ]
        if option.flag:
            facts.append(_("raises the flag"))
        if option.crisis:
            facts.append(_("shows crisis help"))
        line: list[Part] = [
            f"\n  {index}. ",
            plain(option.label),
            " (",
            plain(option.value),
        ]
        line.append(f"): {', '.join(facts)}")
        if option.outcomes:
            line.append("; " + _("outcomes") + " ")
            for position, (outcome, gain) in enumerate(option.outcomes):
                line += [", " if position else "", plain(outcome), f" +{number(gain)}"]
        parts += line
    return parts


def scale_words(scale: Scale) -> list[Part]:
    parts: list[Part] = [
        "\n",
        fill(
            _("Scale: {min} ({min_label}) to {max} ({max_label})"),
            min=str(scale.min),
            min_label=scale.min_label,
            max=str(scale.max),
            max_label=scale.max_label,
        ),
    ]
    for value, label in scale.labels:
        parts += [f", {value} = ", plain(label)]
    parts.append("; " + _("points count down from the top") if scale.reverse else "")
    if scale.flag_at_or_below is not None:
        below = _("flag at or below {value}").format(value=scale.flag_at_or_below)
        parts.append("; " + below)
    if scale.flag_at_or_above is not None:
        above = _("flag at or above {value}").format(value=scale.flag_at_or_above)
        parts.append("; " + above)
    return parts


def item_detail(item: Item, checklist: Checklist) -> Content:
    """Everything an author checks about one item; help and citations as people see them."""
    # TRANSLATORS: the author preview's facts about an item; the values after "kind" and
    # "severity" are the file's own keywords (single, multiple; caution, serious...).
    facts = [
        _("kind {kind}").format(kind=item.kind.value),
        _("weight {weight}").format(weight=number(item.weight)),
    ]
    if item.severity is not None:
        facts.append(_("severity {severity}").format(severity=item.severity.value))
    if item.required:
        facts.append(_("needed"))
    extras = [
        name
        for name, allowed in (
            (_("not sure"), item.allow_unsure),
            (_("doesn't apply"), item.allow_not_applicable),
        )
        if allowed
    ]
    parts: list[Part] = [styled(item.id, "bold $accent"), "  ", "  ·  ".join(facts)]
    section = checklist.section_of(item.id)
    if section is not None:
        parts += [
            "\n",
            fill(_("Section: {title} ({id})"), title=section.title, id=section.id),
        ]
        if section.show_if is not None and section.show_if.conditions:
            shown = show_if_words(section.show_if, checklist)
            parts += ["\n", fill(_("Section shown: {when}"), when=shown)]
    parts += ["\n", fill(_("Shown: {when}"), when=show_if_words(item.show_if, checklist))]
    if item.options:
        parts += ["\n", _("Options:")]
        parts += options_words(item)
    if item.scale is not None:
        parts += scale_words(item.scale)
    if extras:
        parts += ["\n", _("Also offered: {choices}").format(choices=", ".join(extras))]
    if item.placeholder:
        parts += ["\n", fill(_("Placeholder: {text}"), text=item.placeholder)]
    parts += ["\n\n", help_content(item)]
    if not item.references:
        parts += ["\n\n", _("No citations.")]
    return Content.assemble(*parts)


def problem_lines(problem: Problem, source: dict[int, str] | None = None) -> Content:
    """``line:col  message``, the line of the file with a caret under the problem (as
    ``vetting validate`` prints it), and ``hint: suggestion`` when there is one."""
    level = ("✖ ", "bold $error") if problem.is_error else ("! ", "bold $warning")
    where = f"{problem.line or 1}:{problem.column or 1}"
    parts: list[Part] = [level, (where, "bold"), "  ", plain(shorten(problem.message))]
    shown = excerpt(problem, source or {})
    if shown is not None:
        gutter = " " * len(str(shown.number))
        parts += [
            ("\n     " + f"{shown.number} | ", "dim"),
            plain(shown.line),
            ("\n     " + f"{gutter} | ", "dim"),
            (shown.carets, level[1]),
        ]
    if problem.suggestion:
        parts += ["\n     ", fill(_("hint: {suggestion}"), suggestion=shorten(problem.suggestion))]
    return Content.assemble(*parts)


def golden_lines(rows: tuple[GoldenRow, ...]) -> Content:
    """Each test with PASS / FAIL / NOT RUN, and each failing field with expected and got."""
    if not rows:
        return Content(_("This checklist has no golden tests yet. Add some under `tests:`."))
    passed = sum(1 for row in rows if row.passed)
    heading = ngettext(
        "Golden tests: {passed} of {count} pass",
        "Golden tests: {passed} of {count} pass",
        len(rows),
    ).format(passed=passed, count=len(rows))
    parts: list[Part] = [(heading, "bold")]
    for row in rows:
        # TRANSLATORS: a golden test's outcome in the author preview, in capitals.
        if row.passed:
            parts += ["\n", (_("PASS") + " ", "bold $success"), plain(row.name)]
        elif row.not_run is not None:
            parts += ["\n", (_("NOT RUN") + " ", "bold $warning"), plain(row.name)]
            parts += ["\n     ", plain(shorten(row.not_run))]
        else:
            parts += ["\n", (_("FAIL") + " ", "bold $error"), plain(row.name)]
            for failure in row.failures:
                parts += [
                    "\n     ",
                    fill(
                        _("{field}: expected {expected}, got {actual}"),
                        field=failure.field,
                        expected=shorten(repr(failure.expected), 80),
                        actual=shorten(repr(failure.actual), 80),
                    ),
                ]
    return Content.assemble(*parts)


def status_line(state: PreviewState) -> Content:
    """One line at the top: the file and how it stands, in words (never colour alone)."""
    where = plain(display_path(state.path))
    if state.unreadable is not None:
        return Content.assemble(where, ("  ·  ", ""), (state.unreadable, "bold $warning"))
    if state.checklist is None:
        errors = len([p for p in state.problems if p.is_error])
        problems = ngettext("✖ {count} problem", "✖ {count} problems", errors)
        return Content.assemble(where, "  ·  ", (problems.format(count=errors), "bold $error"))
    count = len(state.checklist.items)
    failing = sum(1 for row in state.tests if not row.passed)
    verdict = (
        (_("✔ valid"), "bold $success") if not failing else (_("⚠ items shown"), "bold $warning")
    )
    items = ngettext("{count} item", "{count} items", count).format(count=count)
    parts: list[Part] = [where, "  ·  ", verdict, "  ·  ", items]
    if failing:
        fails = ngettext("{count} golden test fails (g)", "{count} golden tests fail (g)", failing)
        parts += ["  ·  ", (fails.format(count=failing), "bold $error")]
    elif state.tests:
        passing = _("golden tests pass ({count})").format(count=len(state.tests))
        parts += ["  ·  ", passing]
    warnings = sum(1 for p in state.problems if not p.is_error)
    if warnings:
        parts += [
            "  ·  ",
            ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        ]
    return Content.assemble(*parts)


# --------------------------------------------------------------------------- screen


class PreviewScreen(Screen[None]):
    """Items and details, or the problems, or the golden tests, for one file."""

    CSS_PATH = "preview.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "tests", N_("Golden tests")),
        Binding("t", "take", N_("Take it")),
        Binding("r", "reload", N_("Reload")),
        Binding("escape", "items", N_("Items"), show=False),
        Binding("q", "quit_preview", N_("Quit")),
    ]

    def __init__(self, path: object, state: PreviewState | None = None) -> None:
        super().__init__()
        self.path = path
        self._first_state = state  # what the app found when it opened the file
        self.state: PreviewState | None = None
        self.checklist: Checklist | None = None  # read by the app for crisis help
        self.mode = "items"  # items | problems | tests
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="preview-status")
        with Horizontal(id="preview-items-view"):
            yield OptionList(id="preview-items")
            with VerticalScroll(id="preview-detail"):
                yield Static("", id="preview-detail-text")
        with VerticalScroll(id="preview-problems-view"):
            yield Static("", id="preview-problems-header")
            yield Static("", id="preview-problems")
        with VerticalScroll(id="preview-tests-view"):
            yield Static("", id="preview-tests")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = _("Preview")
        self._ready = True
        if self._first_state is not None:
            self.show_state(self._first_state)
        else:
            self._set_mode("items")

    # -- state ------------------------------------------------------------------------

    def show_state(self, state: PreviewState) -> None:
        """Swap to the items or the problems; keep the highlighted item when it is still there."""
        self.state = state
        self.checklist = state.checklist
        if not self._ready:  # on_mount shows the app's latest state
            return
        self.query_one("#preview-status", Static).update(status_line(state))
        if state.checklist is None:
            self._show_problems(state)
            self._set_mode("problems")
            return
        # Sanitized by the app (format_title).
        self.title = _("Preview: {title}").format(title=state.checklist.title)
        self._fill_items(state.checklist)
        self.query_one("#preview-tests", Static).update(golden_lines(state.tests))
        self._set_mode("tests" if self.mode == "tests" else "items")

    def _show_problems(self, state: PreviewState) -> None:
        header = self.query_one("#preview-problems-header", Static)
        body = self.query_one("#preview-problems", Static)
        if state.unreadable is not None:
            header.update(Content.styled(_(UNREADABLE_HEADER), "bold"))
            body.update(
                Content(
                    _("{reason}. It may be mid-save, moved or deleted.").format(
                        reason=state.unreadable
                    )
                )
            )
            return
        header.update(Content.styled(_(FIX_HEADER), "bold"))
        shown = state.problems[:MAX_PROBLEMS]
        source = state.report.source if state.report is not None else {}
        lines = [problem_lines(problem, source) for problem in shown]
        if len(state.problems) > MAX_PROBLEMS:
            more = len(state.problems) - MAX_PROBLEMS
            lines.append(Content(_("… and {count} more").format(count=more)))
        body.update(Content("\n").join(lines))

    def _fill_items(self, checklist: Checklist) -> None:
        items = self.query_one("#preview-items", OptionList)
        keep = self.highlighted_id()
        items.clear_options()
        items.add_options(ListOption(item_prompt(item), id=item.id) for item in checklist.items)
        ids = [item.id for item in checklist.items]
        items.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        self._show_detail()

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.query_one("#preview-items-view").display = mode == "items"
        self.query_one("#preview-problems-view").display = mode == "problems"
        self.query_one("#preview-tests-view").display = mode == "tests"
        if mode == "items":
            self.query_one("#preview-items", OptionList).focus()

    # -- the highlighted item ---------------------------------------------------------

    def highlighted_id(self) -> str | None:
        items = self.query_one("#preview-items", OptionList)
        if items.highlighted is None or items.option_count == 0:
            return None
        return items.get_option_at_index(items.highlighted).id

    def highlight(self, item_id: str) -> None:
        """Jump to an item by id (for keys, the palette and tests)."""
        items = self.query_one("#preview-items", OptionList)
        items.highlighted = items.get_option_index(item_id)
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#preview-items")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#preview-detail-text", Static)
        item_id = self.highlighted_id()
        item = self.checklist.item(item_id) if self.checklist and item_id else None
        if item is None or self.checklist is None:
            detail.update(Content(_("This checklist has no items yet.")))
            return
        detail.update(item_detail(item, self.checklist))
        self.query_one("#preview-detail", VerticalScroll).scroll_home(animate=False)

    # -- actions ----------------------------------------------------------------------

    def action_tests(self) -> None:
        """Show the golden tests (``g`` again goes back to the items)."""
        if self.checklist is None:
            notify_plain(self.app, _("The golden tests run once the file has no problems."))
            return
        self._set_mode("items" if self.mode == "tests" else "tests")

    def action_items(self) -> None:
        if self.checklist is not None:
            self._set_mode("items")

    def action_reload(self) -> None:
        cast(_PreviewApp, self.app).reload_now()

    def action_quit_preview(self) -> None:
        self.app.exit(return_code=0)

    def action_take(self) -> None:
        """Try the current version as a person would, in a throwaway session."""
        from vetting.tui.screens.take import TakeScreen

        if self.checklist is None:
            notify_plain(self.app, _("Fix the problems first; then you can take the checklist."))
            return
        try:
            session = services(self).store.create(self.checklist, _("Preview"))
        except StorageError as error:
            notify_plain(self.app, str(error), severity="error")
            return
        self.app.push_screen(TakeScreen(self.checklist, session))
