"""``vetting ask [FILE]`` and ``vetting --plain``: the app in line mode (:mod:`vetting.plain`).

Numbered questions, one line at a time, typed answers and Enter: for screen readers,
braille displays, ``TERM=dumb`` and piped input. Nothing here or in :mod:`vetting.plain`
imports Textual, so ``vetting ask`` starts fast.

Exit codes: 0 done (answered, or saved to resume), 1 the checklist file has errors (they
are printed to stderr), 2 a wrong command line, 130 stopped with Ctrl+C (answers saved).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from vetting.cli_words import RawDescriptionFormatter
from vetting.exitcodes import ExitCode
from vetting.i18n import N_, _

HELP = "answer a checklist as numbered questions, one line at a time (screen readers)"

DESCRIPTION = N_("""\
Answer a checklist in line mode: each question is printed as plain lines with numbered
choices; type a number (or the choice's words) and press Enter. Enter alone skips a
question. Type ? for help with a question, ! for crisis lines, b to go back, and q to
save and quit. Works with screen readers (NVDA, Orca) and braille displays, with
TERM=dumb, and with answers piped on standard input.

FILE is a checklist file, or a built-in checklist by name (red_flags, good_fit,
which_professional). With no FILE, the list of checklists and saved sessions is shown,
as `vetting --plain` does. Sessions are the app's own: one started here can be resumed
in the full-screen app, and the other way round. Running `vetting ask FILE` again offers
to resume. No colour unless --color or FORCE_COLOR asks for it (NO_COLOR is respected).

`vetting` itself uses line mode when TERM=dumb or when its input or output is not a
terminal, and says so on stderr. Exit codes: 0 done, or saved to resume later; 1 the
checklist has errors (printed on stderr); 2 a wrong command line; 130 stopped with
Ctrl+C (the answers are saved).
""")


def add_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = _(DESCRIPTION)
    parser.formatter_class = RawDescriptionFormatter
    parser.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help=_("the checklist file, or a built-in checklist's name; none: the list"),
    )
    add_line_mode_options(parser)


def add_line_mode_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """``--lang`` and ``--color`` (``prefix`` keeps the top-level ones apart from these)."""
    if not prefix:
        parser.add_argument(
            "--lang",
            metavar="TAG",
            default=None,
            help=_(
                "ask in this language (such as es) where the checklist has a translation; "
                "the default is the language you picked in the app, else your system's language"
            ),
        )
    parser.add_argument(
        "--color",
        "--colour",
        dest=f"{prefix}color",
        action="store_true",
        default=False,
        help=_("use bold and colour for questions and crisis lines (off by default)"),
    )


def run(args: argparse.Namespace, name: str) -> int:
    """``vetting ask``: one checklist, or (no FILE) the list."""
    return run_line_mode(args, getattr(args, "file", None))


def run_line_mode(
    args: argparse.Namespace, file: str | None, *, chosen_for_you: bool = False
) -> int:
    """Line mode for ``file``, or the whole app when ``file`` is None.

    ``chosen_for_you``: ``vetting`` chose line mode because the screen cannot take the
    full-screen app (:func:`vetting.plain.terminal.line_mode_reason`); stderr says why.
    """
    from vetting.i18n import set_language
    from vetting.plain import home
    from vetting.plain.terminal import Console, colour_wanted, line_mode_reason
    from vetting.sessions import locations
    from vetting.settings import preferred_language

    for stream in (sys.stdout, sys.stderr):  # a name a terminal cannot show is never a crash
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    # The same choice as the app's: line mode is where ``vetting`` goes when the screen
    # cannot take the app, so a person who picked a language there keeps it here.
    language = preferred_language(getattr(args, "lang", None) or getattr(args, "app_lang", None))
    set_language(language)
    reason = line_mode_reason(sys.stdin, sys.stdout) if chosen_for_you else None
    if reason:
        print(
            _line_mode_note().format(reason=reason),
            file=sys.stderr,
        )
    wants_colour = bool(getattr(args, "color", False) or getattr(args, "app_color", False))
    console = Console(sys.stdin, sys.stdout, colour=colour_wanted(wants_colour))
    sessions = home.open_sessions(locations.data_dir())
    try:
        if file is not None:
            return home.ask_file(console, sessions, file, language)
        return home.run_home(console, sessions, language)
    except KeyboardInterrupt:  # at a list (a session being answered saves and says so)
        console.say()
        return home.INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): every answer is saved already
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    finally:
        sessions.store.close()


def _line_mode_note() -> str:
    # TRANSLATORS: {reason} is one of "the terminal is TERM=dumb", "the input is not a
    # terminal", "the output is not a terminal".
    return _(
        "vetting: line mode, because {reason}. `vetting --plain` always chooses it; "
        "see `vetting --help`."
    )
