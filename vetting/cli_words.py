"""The command line's own words (argparse's headings) in the person's language.

argparse writes "usage:", "positional arguments", "options" and the ``-h`` line itself,
in English. :class:`WordsParser` and the two formatters here say them through
:mod:`vetting.i18n`, so ``vetting --lang es --help`` reads in Spanish from its first line.
:func:`help_language` picks that language before the parser is built (its help texts are
looked up as it is built): ``--lang``, else the language picked in the app, else the
system's. The author and CI commands (validate, rules, schema...) keep English help, as
their output is English (docs/translating.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from typing import Any

from vetting.i18n import _


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, with the usage line's prefix translated."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        # TRANSLATORS: starts the command line's usage line; keep the space at the end.
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class RawDescriptionFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """The same, keeping the description's line breaks (``vetting ask --help``)."""


class WordsParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose headings and ``-h`` line are in the person's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # added below, with its words translated
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", help=_("show this help message and exit")
            )


def help_language(argv: Sequence[str]) -> str | None:
    """The language for ``--help``: ``--lang`` anywhere in ``argv``, else as the app
    chooses it (:func:`vetting.settings.preferred_language`: the saved choice, then the
    system's). Read from the words themselves: the parser is not built yet."""
    from vetting.settings import preferred_language

    explicit: str | None = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            explicit = argv[index + 1]
            break
        if word.startswith("--lang="):
            explicit = word.split("=", 1)[1]
            break
    return preferred_language(explicit)


def wants_help(argv: Sequence[str]) -> bool:
    """Whether argparse is about to print help (only then is the language looked up early)."""
    return any(word in ("-h", "--help") for word in argv)
