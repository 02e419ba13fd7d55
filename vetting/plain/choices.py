"""What a typed line means for one question: a choice, a command, or a calm "try again".

Pure functions over the checklist model, no I/O, so every line a person could type is
easy to test (tests/unit/test_plain.py feeds them arbitrary text with Hypothesis).

The choices are the ones the full-screen app offers for each kind of question
(vetting/tui/widgets/question.py): the options of ``yes_no`` / ``single`` / ``multiple``
numbered from 1, a ``scale``'s own points (typing 4 picks the point 4, as in the app),
then "Not sure" and "Doesn't apply" where the question allows them. A ``note`` takes the
line as it is.

A choice can also be typed as its words: its label as shown, its value, and for yes/no,
"not sure" and "doesn't apply" the usual words of the person's language ("sí", "no sé").
Only whole words count: a single letter such as ``s`` is never read as "sí" (nor as
anything else), because a mistaken "yes" can be a crisis answer or a serious red flag.

The command keys are the same in every language: ``?`` help, ``!`` crisis lines, ``b``
back, ``q`` save and quit; Enter alone skips.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import NamedTuple

from vetting.checklist.model import NOT_APPLICABLE, UNSURE, AnswerValue, Item, ItemKind
from vetting.i18n import _, current_language
from vetting.scoring.answers import option_label, special_choices
from vetting.sessions.model import MAX_ANSWER_CHARS, MAX_PICKS


class Command(StrEnum):
    """What a line can ask for besides an answer."""

    SKIP = ""
    HELP = "?"
    CRISIS = "!"
    BACK = "b"
    QUIT = "q"


COMMAND_KEYS = {"?": Command.HELP, "!": Command.CRISIS, "b": Command.BACK, "q": Command.QUIT}

#: Words that pick a yes/no answer or a special answer, by language (normalized: lower
#: case, no accents). Never a single letter: see the module's docstring.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "yes": ("yes",),
        "no": ("no",),
        UNSURE: ("not sure", "unsure", "don't know", "do not know", "i don't know"),
        NOT_APPLICABLE: ("doesn't apply", "does not apply", "not applicable", "n/a"),
    },
    "es": {
        "yes": ("si",),  # "sí" without its accent, as normalized
        "no": ("no",),
        UNSURE: (
            "no estoy seguro",
            "no estoy segura",
            "no estoy seguro/a",
            "no se",  # "no sé"
            "no lo se",
        ),
        NOT_APPLICABLE: ("no aplica", "no se aplica", "no corresponde", "no me aplica"),
    },
}


class Choice(NamedTuple):
    """One numbered choice: what is typed to pick it, what it stores, what it says.

    A scale's points are their own numbers; ``label`` is empty for a point without one.
    """

    number: int
    value: AnswerValue
    label: str


class Parsed(NamedTuple):
    """A typed line read for one question: exactly one of the three is set.

    ``value`` is the answer to store; ``command`` a key (or :attr:`Command.SKIP` for Enter
    alone); ``error`` one calm sentence to show before asking again.
    """

    value: AnswerValue | None = None
    command: Command | None = None
    error: str | None = None


def choices_for(item: Item) -> list[Choice]:
    """Every choice shown for ``item``, numbered, in order (none for a note)."""
    if item.kind is ItemKind.NOTE:
        return []
    choices: list[Choice] = []
    if item.kind is ItemKind.SCALE and item.scale is not None:
        scale = item.scale
        for point in range(scale.min, scale.max + 1):
            choices.append(Choice(point, point, scale.label_for(point) or ""))
        next_number = scale.max + 1
    else:
        choices = [
            Choice(number, option.value, option_label(item, option))
            for number, option in enumerate(item.options, start=1)
        ]
        next_number = len(choices) + 1
    for offset, (value, label) in enumerate(special_choices(item)):
        choices.append(Choice(next_number + offset, value, label))
    return choices


def normalize(text: str) -> str:
    """Lower case, no accents, one space between words, curly quotes straight, no final dot."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split()).rstrip(".").strip()


def words_for(choice: Choice, item: Item, language: str | None = None) -> set[str]:
    """What a person may type, in words, to pick ``choice``."""
    found = {normalize(choice.label)} if choice.label else set()
    if isinstance(choice.value, str):
        found.add(normalize(choice.value))
        if choice.value in (UNSURE, NOT_APPLICABLE) or item.kind is ItemKind.YES_NO:
            languages = {"en", language or current_language()}
            for lang in languages:
                found.update(WORDS.get(lang, {}).get(choice.value, ()))
    # A word may pick something only if it has more than one letter (see the docstring).
    return {word for word in found if len(word) > 1 or word.isdigit()}


def parse(item: Item, line: str, language: str | None = None) -> Parsed:
    """What ``line`` (without its newline) means as an answer to ``item``."""
    stripped = line.strip()
    if not stripped:
        return Parsed(command=Command.SKIP)
    key = COMMAND_KEYS.get(stripped.casefold())
    if key is not None:
        return Parsed(command=key)
    if item.kind is ItemKind.NOTE:
        return _note(stripped)
    choices = choices_for(item)
    if item.kind is ItemKind.MULTIPLE:
        return _many(item, stripped, choices, language)
    choice = _one(item, stripped, choices, language)
    if choice is None:
        return Parsed(error=not_a_choice(choices))
    return Parsed(value=choice.value)


def not_a_choice(choices: list[Choice]) -> str:
    """The calm one-line message for a line that picks nothing."""
    numbers = [choice.number for choice in choices]
    return _(
        "Sorry, that is not one of the choices. Please type a number from {first} to {last}, "
        "or press Enter to skip."
    ).format(first=min(numbers), last=max(numbers))


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _note(text: str) -> Parsed:
    """A note is kept as typed, without control characters a terminal could act on."""
    text = _CONTROLS.sub("", text).strip()
    if not text:
        return Parsed(command=Command.SKIP)
    if len(text) > MAX_ANSWER_CHARS:
        return Parsed(
            error=_("That note is too long: please keep it under {limit} characters.").format(
                limit=MAX_ANSWER_CHARS
            )
        )
    return Parsed(value=text)


def _one(item: Item, text: str, choices: list[Choice], language: str | None) -> Choice | None:
    """The one choice ``text`` names by its number or its words, else None."""
    if re.fullmatch(r"[+-]?\d{1,6}", text):
        number = int(text)
        return next((choice for choice in choices if choice.number == number), None)
    wanted = normalize(text)
    matches = [choice for choice in choices if wanted in words_for(choice, item, language)]
    return matches[0] if len(matches) == 1 else None


def _many(item: Item, text: str, choices: list[Choice], language: str | None) -> Parsed:
    """Several choices, by numbers ("1 3", "1, 3") or by words separated by commas."""
    if re.fullmatch(r"[\d\s,;]+", text):
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
    else:
        parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    if not parts:  # only commas: nothing picked, which is not an answer
        return Parsed(error=not_a_choice(choices))
    picked: list[Choice] = []
    for part in parts:
        choice = _one(item, part, choices, language)
        if choice is None:
            return Parsed(error=not_a_choice(choices))
        if choice not in picked:
            picked.append(choice)
    specials = [choice for choice in picked if choice.value in (UNSURE, NOT_APPLICABLE)]
    if specials and len(picked) > 1:
        return Parsed(
            error=_("“{choice}” cannot be combined with other choices; type it alone.").format(
                choice=specials[0].label
            )
        )
    if specials:
        return Parsed(value=specials[0].value)
    if len(picked) > MAX_PICKS:
        return Parsed(error=not_a_choice(choices))
    order = [option.value for option in item.options]
    return Parsed(value=sorted((str(c.value) for c in picked), key=order.index))


def describe(item: Item, value: AnswerValue) -> str:
    """An answer in words, as the choices name it (a note as written)."""
    if item.kind is ItemKind.NOTE and isinstance(value, str):
        return value
    labels = {choice.value: choice.label for choice in choices_for(item)}
    if item.kind is ItemKind.SCALE and isinstance(value, int):
        label = labels.get(value)
        return f"{value} ({label})" if label else str(value)
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return labels.get(value, str(value))
