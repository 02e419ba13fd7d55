"""The one place that decides whether an answer fits a question, and what it is worth.

A saved session, an answers file, a golden test and a condition in a checklist all give
answers; each asks this module whether an answer fits (:func:`misfits`), and scoring asks
it for the cleaned answer (:func:`answer_of`), the options it picked and their points.
The words that explain a misfit to a person are the validator's (``vetting.validation``).

Answer values are plain JSON (see :mod:`vetting.checklist.model`): ``"yes"``/``"no"`` and
option values as text, a list of option values for ``multiple``, a whole number for a
scale, any text for a note, and the special answers ``unsure`` / ``not_applicable``.
"""

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple, TypeGuard

from vetting.checklist.model import (
    NOT_APPLICABLE,
    SPECIAL_ANSWERS,
    UNSURE,
    AnswerValue,
    Item,
    ItemKind,
    Option,
)
from vetting.i18n import N_, _


class Misfit(NamedTuple):
    """One way an answer does not fit its question.

    ``kind`` is ``wrong-type`` (``wanted`` says what shape: ``text``, ``option``,
    ``options``, ``option-text`` or ``number``), ``unknown-option``, ``not-offered`` (a
    special answer the question does not offer), ``repeated`` (a pick listed twice) or
    ``out-of-range``. ``position`` is where it is inside a ``multiple`` answer.
    """

    kind: str
    value: Any
    position: int | None = None
    wanted: str = ""


def is_int(value: Any) -> TypeGuard[int]:
    """A whole number, never ``True``/``False`` (which Python counts as 1 and 0)."""
    return isinstance(value, int) and not isinstance(value, bool)


def special_of(value: Any) -> str | None:
    """``unsure`` or ``not_applicable`` when the answer is one of those, else None."""
    return value if isinstance(value, str) and value in SPECIAL_ANSWERS else None


def misfits(item: Item, value: Any) -> tuple[Misfit, ...]:
    """Every way ``value`` does not fit ``item``; empty when it is a fitting answer."""
    return tuple(_misfits(item, value))


def _misfits(item: Item, value: Any) -> Iterator[Misfit]:
    if item.kind is ItemKind.NOTE:
        if not isinstance(value, str):
            yield Misfit("wrong-type", value, wanted="text")
        return
    special = special_of(value)
    if special is not None:
        offered = item.allow_unsure if special == UNSURE else item.allow_not_applicable
        if not offered:
            yield Misfit("not-offered", value)
        return
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE):
        if not isinstance(value, str):
            yield Misfit("wrong-type", value, wanted="option")
        elif item.option(value) is None:
            yield Misfit("unknown-option", value)
    elif item.kind is ItemKind.MULTIPLE:
        yield from _multiple_misfits(item, value)
    elif item.scale is None or not is_int(value):
        yield Misfit("wrong-type", value, wanted="number")
    elif not item.scale.min <= value <= item.scale.max:
        yield Misfit("out-of-range", value)


def _multiple_misfits(item: Item, value: Any) -> Iterator[Misfit]:
    if not isinstance(value, list):
        yield Misfit("wrong-type", value, wanted="options")
        return
    seen: set[str] = set()
    for index, pick in enumerate(value):
        if not isinstance(pick, str):
            yield Misfit("wrong-type", pick, index, wanted="option-text")
        elif pick in seen:
            yield Misfit("repeated", pick, index)
        else:
            seen.add(pick)
            if item.option(pick) is None:
                yield Misfit("unknown-option", pick, index)


def answer_of(item: Item, value: Any) -> AnswerValue | None:
    """``value`` cleaned to a real answer for ``item``, or None if it is not one.

    Not sure, doesn't apply, missing and anything that does not fit (wrong type, unknown
    option, a scale value out of range) are not real answers. A damaged ``multiple``
    answer keeps its known picks, once each; only junk picks is no answer.
    """
    if item.kind is ItemKind.NOTE:
        return value if isinstance(value, str) else None
    if value is None or special_of(value) is not None:
        return None
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE):
        return value if isinstance(value, str) and item.option(value) else None
    if item.kind is ItemKind.MULTIPLE:
        if not isinstance(value, list | tuple):
            return None
        picks: list[str] = []
        for pick in value:
            if isinstance(pick, str) and item.option(pick) and pick not in picks:
                picks.append(pick)
        return picks if picks or not value else None
    if item.scale is not None and is_int(value) and item.scale.min <= value <= item.scale.max:
        return value
    return None


def picked_options(item: Item, answer: AnswerValue) -> tuple[Option, ...]:
    """The options a real answer picked (none for scale and note items)."""
    if item.kind is ItemKind.MULTIPLE and isinstance(answer, list):
        return tuple(o for o in (item.option(v) for v in answer) if o is not None)
    if item.kind in (ItemKind.YES_NO, ItemKind.SINGLE) and isinstance(answer, str):
        found = item.option(answer)
        return (found,) if found else ()
    return ()


def item_points(item: Item, answer: AnswerValue, picked: Sequence[Option] | None = None) -> float:
    """Points for a real answer, times the item's weight (``picked``: its options, if known)."""
    if item.kind is ItemKind.SCALE and item.scale is not None and is_int(answer):
        raw = item.scale.max - answer if item.scale.reverse else answer - item.scale.min
        return float(raw) * item.weight
    if picked is None:
        picked = picked_options(item, answer)
    return float(sum(o.points for o in picked)) * item.weight


def item_range(item: Item) -> tuple[float, float]:
    """(lowest, highest) points the item can give, times its weight."""
    if item.kind is ItemKind.SCALE and item.scale is not None:
        return 0.0, float(item.scale.max - item.scale.min) * item.weight
    points = [o.points for o in item.options]
    if not points:
        return 0.0, 0.0
    if item.kind is ItemKind.MULTIPLE:
        low = sum(p for p in points if p < 0)
        high = sum(p for p in points if p > 0)
    else:
        low, high = min(points), max(points)
    return float(low) * item.weight, float(high) * item.weight


def raises_flag(item: Item, answer: AnswerValue) -> bool:
    """Whether a real answer raises the item's red flag (items without severity never do)."""
    if item.severity is None:
        return False
    if item.kind is ItemKind.SCALE:
        s = item.scale
        if s is None or not is_int(answer):
            return False
        above = s.flag_at_or_above is not None and answer >= s.flag_at_or_above
        below = s.flag_at_or_below is not None and answer <= s.flag_at_or_below
        return above or below
    return any(o.flag for o in picked_options(item, answer))


# TRANSLATORS: one of the extra answers a question may allow.
UNSURE_LABEL = N_("Not sure")
# TRANSLATORS: one of the extra answers a question may allow: the question does not fit.
NOT_APPLICABLE_LABEL = N_("Doesn't apply")


def special_choices(item: Item) -> list[tuple[str, str]]:
    """The extra answers ``item`` allows, as ``(value, label)`` in the current language.

    The app's answer control and the line mode both list these after the item's options."""
    specials = []
    if item.allow_unsure:
        specials.append((UNSURE, _(UNSURE_LABEL)))
    if item.allow_not_applicable:
        specials.append((NOT_APPLICABLE, _(NOT_APPLICABLE_LABEL)))
    return specials


def is_crisis_answer(item: Item, value: AnswerValue | None) -> bool:
    """True when ``value`` picks an option marked ``crisis: true``: the app and the line mode
    then show the crisis lines at once."""
    picked = value if isinstance(value, list) else [value]
    return any(
        (option := item.option(v)) is not None and option.crisis
        for v in picked
        if isinstance(v, str)
    )


def answer_label(item: Item | None, value: Any) -> str:
    """An answer in the words the person saw ("About once a week"), never a raw id."""
    if value is None:
        # TRANSLATORS: shown as the answer to a question the person skipped.
        return _("Skipped")
    if value == UNSURE:
        return _(UNSURE_LABEL)
    if value == NOT_APPLICABLE:
        return _(NOT_APPLICABLE_LABEL)
    if item is None:
        return str(value)
    if item.kind is ItemKind.SCALE and is_int(value) and item.scale is not None:
        label = item.scale.label_for(value)
        return f"{value} ({label})" if label else str(value)
    if isinstance(value, list | tuple):
        # TRANSLATORS: the answer to a "pick any" question when nothing was picked.
        return ", ".join(_option_label(item, v) for v in value) or _("None picked")
    if item.kind is ItemKind.NOTE:
        return str(value)
    return _option_label(item, value)


#: The labels a ``yes_no`` item's options get when the checklist gives none
#: (:mod:`vetting.checklist.build`): vetting's own words, so shown in the person's language.
DEFAULT_YES_NO_LABELS = {"yes": N_("Yes"), "no": N_("No")}


def _option_label(item: Item, value: Any) -> str:
    found = item.option(value) if isinstance(value, str) else None
    if found is None:
        return str(value)
    return option_label(item, found)


def option_label(item: Item, option: Option) -> str:
    """What ``option`` is called on screen: the author's label, or vetting's own default
    Yes / No (in the person's language) when a ``yes_no`` item names none. The app, the line
    mode and the reports all ask here, so a Spanish reader never sees an English "Yes"."""
    if item.kind is ItemKind.YES_NO and DEFAULT_YES_NO_LABELS.get(option.value) == option.label:
        return _(option.label)
    return option.label
