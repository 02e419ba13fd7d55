"""The ``vetting`` command line.

Each subcommand lives in its own module under :mod:`vetting.commands` and is imported
only when used, so ``vetting validate`` and ``vetting --help`` never import Textual and
start fast. Exit codes are in :mod:`vetting.exitcodes`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence
from typing import ClassVar

from vetting import __version__
from vetting.cli_words import WordsParser, help_language, wants_help
from vetting.exitcodes import ExitCode
from vetting.i18n import N_, _, set_language

# name -> (module under vetting.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "app": ("app", N_("open the app (the default when no command is given)")),
    "run": ("app", N_("open one checklist file directly in the app")),
    "ask": (
        "ask",
        N_("answer a checklist as numbered questions, one line at a time (screen readers)"),
    ),
    "validate": ("validate", N_("check checklist files and folders; report every problem")),
    "rules": ("rules", N_("list every rule validate can report, with its level and examples")),
    "score": ("score", N_("score a saved or hand-written answers file against a checklist")),
    "serve": ("serve", N_("open the app in your web browser, for you alone (a private link)")),
    "preview": ("preview", N_("open a checklist in the app and reload it each time you save it")),
    "new": ("new", N_("write a small, valid starter checklist to edit")),
    "diff": ("diff", N_("classify the changes between two versions of a checklist")),
    "schema": ("schema", N_("print the path of the JSON Schema, or write it out")),
    "translate": (
        "translate",
        N_("add or refresh a translation block: every text with its fingerprint"),
    ),
}


class _Parser(WordsParser):
    """argparse exits 2 on usage errors already; keep its messages but add a hint."""

    #: The command line being read (set by :func:`main`), for the language of an error.
    words: ClassVar[Sequence[str]] = ()

    def error(self, message: str) -> None:  # type: ignore[override]
        set_language(help_language(self.words))  # about to exit: the person's language
        self.print_usage(sys.stderr)
        # TRANSLATORS: {message} is argparse's own description of the mistake (English).
        first = _("vetting: error: {message}").format(message=message)
        self.exit(ExitCode.USAGE, f"{first}\n{_(TRY_HELP)}\n")


TRY_HELP = N_("Try 'vetting --help'.")


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``commands`` limits which commands get their own arguments.

    Every command is listed (for ``--help`` and "invalid choice"), but adding a command's
    arguments imports its module: all twelve cost ~13 ms before ``vetting run`` can start.
    :func:`main` passes only the commands named on the command line (see
    :func:`named_commands`); ``None`` builds them all.
    """
    parser = _Parser(
        prog="vetting",
        description=_(
            "Checklists to choose a mental-health professional and spot warning signs. "
            "Not medical advice. Your answers never leave this computer."
        ),
        epilog=_(LINE_MODE_HELP),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"vetting {__version__}",
        help=_("show the version of vetting and exit"),
    )
    parser.add_argument(
        "--lang",
        dest="app_lang",
        metavar="TAG",
        help=_("open the app in this language (such as es) where a checklist has a translation"),
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help=_("line mode: the app as numbered questions, one line at a time (screen readers)"),
    )
    parser.add_argument(
        "--color",
        "--colour",
        dest="app_color",
        action="store_true",
        help=_("in line mode, use bold and colour (off by default; NO_COLOR is respected)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=_(help_text), description=_(help_text))
        if commands is not None and name not in commands:
            continue
        _command_module(module_name).add_arguments(command_parser, name)
        if name == "app":
            command_parser.add_argument(
                "--plain",
                dest="app_plain",
                action="store_true",
                help=_("line mode (as vetting --plain)"),
            )
            command_parser.add_argument(
                "--color",
                "--colour",
                dest="color",
                action="store_true",
                help=_("colour in line mode"),
            )
    return parser


def named_commands(words: Sequence[str]) -> set[str]:
    """The commands that ``words`` may choose: every command named in them, and ``app``
    (the default). argparse picks a command only by its full name, so one not named here
    cannot be chosen; naming one that is not chosen (``--lang run``) only costs its
    arguments' time."""
    return {"app"} | (set(words) & COMMANDS.keys())


def _command_module(module_name: str):
    return importlib.import_module(f"vetting.commands.{module_name}")


LINE_MODE_HELP = N_("""\
Line mode: `vetting --plain` (or `vetting app --plain`) shows the app as numbered
questions, one line at a time, with typed answers: for screen readers (NVDA, Orca),
braille displays and TERM=dumb. `vetting` uses it by itself when TERM=dumb or when its
input or output is not a terminal (piped answers, for example). `vetting ask FILE` opens
one checklist this way. See `vetting ask --help`.
""")


def wants_line_mode(args: argparse.Namespace) -> tuple[bool, bool]:
    """(line mode, chosen by vetting itself) for ``vetting`` / ``vetting app``."""
    if getattr(args, "plain", False) or getattr(args, "app_plain", False):
        return True, False
    from vetting.plain.terminal import line_mode_reason

    automatic = line_mode_reason(sys.stdin, sys.stdout) is not None
    return automatic, automatic


# Textual reads these once, when it is imported. Each makes it record or replay what
# happens on screen: TEXTUAL_LOG writes every key press (every answer typed) to a file
# readable by others, the devtools ones send the screen to a local socket, the screenshot
# ones save it to disk, TEXTUAL_PRESS presses keys, TEXTUAL_DRIVER loads other code
# (issue 17.6). A person's answers must never go anywhere, so vetting forgets them all
# before anything can import Textual. Colours, animations and key timing stay theirs.
TEXTUAL_RECORDING_VARIABLES = (
    "TEXTUAL",  # features: "devtools", "debug"
    "TEXTUAL_LOG",
    "TEXTUAL_DEBUG",
    "TEXTUAL_DEVTOOLS_HOST",
    "TEXTUAL_DEVTOOLS_PORT",
    "TEXTUAL_SCREENSHOT",
    "TEXTUAL_SCREENSHOT_LOCATION",
    "TEXTUAL_SCREENSHOT_FILENAME",
    "TEXTUAL_PRESS",
    "TEXTUAL_SHOW_RETURN",
    "TEXTUAL_DRIVER",
)


# The one value kept: Textual's own web driver, which ``vetting serve`` sets for each tab.
_KEPT_VALUES = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}


def forget_textual_recording() -> None:
    """Remove :data:`TEXTUAL_RECORDING_VARIABLES` from this process's environment."""
    for name in TEXTUAL_RECORDING_VARIABLES:
        if name in _KEPT_VALUES and os.environ.get(name) == _KEPT_VALUES[name]:
            continue
        os.environ.pop(name, None)


def main(argv: Sequence[str] | None = None) -> int:
    forget_textual_recording()
    words = list(sys.argv[1:] if argv is None else argv)
    _Parser.words = words
    if wants_help(words):  # help texts are looked up as the parser is built
        set_language(help_language(words))
    args = build_parser(named_commands(words)).parse_args(words)
    command = args.command or "app"
    module_name = COMMANDS[command][0]
    try:
        if command == "app":
            line_mode, automatic = wants_line_mode(args)
            if line_mode:
                ask = _command_module("ask")
                return int(ask.run_line_mode(args, None, chosen_for_you=automatic))
        return int(_command_module(module_name).run(args, command))
    except KeyboardInterrupt:
        return 130
