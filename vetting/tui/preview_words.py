"""What the author preview says: each item, its conditions, a problem and the golden tests.

Plain functions from the checklist model (and the live check's state) to ``Content``
lines, for :class:`vetting.tui.screens.preview.PreviewScreen`. Every text from the file
goes through :mod:`vetting.tui.text` (never markup); numbers are written as the author
wrote them (:func:`vetting.validation.words.number`).
"""

from __future__ import annotations

from textual.content import Content

from vetting.checklist.model import Checklist, Condition, Item, Scale, When
from vetting.i18n import _, ngettext
from vetting.problems import Problem
from vetting.tui.screens.help import help_content
from vetting.tui.shared import display_path
from vetting.tui.text import fill, plain, shorten, styled
from vetting.validation.live_check import GoldenRow, PreviewState
from vetting.validation.source import excerpt
from vetting.validation.words import number

SEVERITY_MARKS = {"info": "·", "caution": "!", "serious": "!!", "critical": "!!!"}


#: A piece of a line: app text, a styled (text, style) pair, or safe Content.
Part = Content | str | tuple[str, str]


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
