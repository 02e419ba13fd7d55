"""Choosing what to answer in line mode: one checklist (``vetting ask FILE``) or the list.

``vetting ask FILE`` opens one checklist: a path, or a built-in one by name
(``red_flags``, ``red-flags``). When the person has saved sessions of that checklist they
are offered first, newest first, so running the same command again resumes. A file with
errors is never opened: its problems go to stderr, as under ``vetting run``, and the exit
code is 1.

``vetting --plain`` (and ``vetting ask`` with no file) is the home screen as a numbered
list: the built-in checklists, the person's own (``<data folder>/checklists``), then the
saved sessions to resume.

The sessions are the app's own (:class:`vetting.sessions.store.SessionStore`, same folder,
same lock): while the full-screen app is open elsewhere, sessions can be listed and
answered here but nothing is saved, and the person is told so first.
"""

from __future__ import annotations

import shlex
import sys
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from vetting.checklist.chars import escape_controls
from vetting.checklist.model import Checklist
from vetting.checklist.resources import (
    CatalogEntry as Entry,
    builtin_checklist_paths,
    user_checklist_paths,
)
from vetting.exitcodes import ExitCode
from vetting.i18n import _, ngettext
from vetting.plain.runner import Ending, SessionRunner, crisis_text
from vetting.plain.terminal import Console, clean
from vetting.problems import FileReport
from vetting.scoring import visible_item_ids
from vetting.sessions.errors import StorageError, StoreLocked
from vetting.sessions.model import (
    Session,
    SessionListing,
    default_name,
    new_session as unsaved_session,
)
from vetting.sessions.store import SessionStore

INTERRUPTED = 130  # the shell's code for a program stopped by Ctrl+C


class Sessions(NamedTuple):
    """The session store, and whether (or why not) answers can be saved in it."""

    store: SessionStore
    writable: bool
    reason: str | None = None  # why nothing is saved, when not writable


def open_sessions(data_dir: Path) -> Sessions:
    """The store with its lock; read-only, with a reason, when that is all there is."""
    store = SessionStore(data_dir)
    try:
        store.open()
        return Sessions(store, True)
    except StoreLocked:
        reason = _(
            "vetting is open in another window: you can answer here, but your answers will "
            "not be saved."
        )
    except StorageError as error:
        reason = _(
            "Your sessions cannot be opened: {reason} Nothing you answer is saved until this "
            "is fixed."
        ).format(reason=clean(str(error)))
    return Sessions(SessionStore(data_dir, read_only=True), False, reason)


def resolve(name: str) -> Path:
    """``name`` as a path if it exists, else the built-in checklist it names, else as given."""
    path = Path(name)
    if path.exists():
        return path
    stem = name.removesuffix(".yaml").removesuffix(".yml").replace("-", "_")
    for builtin in builtin_checklist_paths():
        if builtin.stem == stem:
            return builtin
    return path  # validation says plainly that there is no such file


def load(path: Path, language: str | None) -> FileReport:
    """Validate ``path`` once, building its checklist in ``language`` where translated."""
    from vetting.validation.pipeline import validate_file

    return validate_file(path, lang=language)


def print_problems(report: FileReport, path: Path, command: str = "vetting ask") -> None:
    """One line per problem on stderr, as ``vetting run`` prints them."""
    print(
        _("{command}: {path} cannot be opened:").format(
            command=command, path=escape_controls(str(path))
        ),
        file=sys.stderr,
    )
    for problem in report.problems:
        where = _("line {line}").format(line=problem.line) if problem.line else _("file")
        print(f"  {where}: {escape_controls(problem.message)}", file=sys.stderr)


def start_session(
    sessions: Sessions, checklist: Checklist, console: Console | None = None
) -> Session:
    """A new session, saved at once; in memory when it cannot be (the runner tries again
    with each answer, and says so if that fails too)."""
    name = default_name(checklist)
    if sessions.writable:
        try:
            return sessions.store.create(checklist, name)
        except StorageError as error:
            if console is not None:
                console.say(
                    _("The new session could not be saved yet: {reason}").format(
                        reason=clean(str(error))
                    )
                )
    return unsaved_session(checklist, name)


def change_notice(checklist: Checklist, session: Session) -> tuple[Session, str | None]:
    """``session`` with only the answers that still fit, and what changed in words."""
    from vetting.validation.answers_file import change_words, refitted

    current, change = refitted(checklist, session)
    if change is None:
        return session, None
    head, second, *answers = (clean(line) for line in change_words(checklist, change))
    return current, "\n".join([head, second, *(f"- {line}" for line in answers)])


def answered_of(checklist: Checklist, session: Session) -> tuple[int, int]:
    shown = visible_item_ids(checklist, session.answers)
    return sum(1 for item_id in shown if item_id in session.answers), len(shown)


def run_session(
    console: Console,
    sessions: Sessions,
    checklist: Checklist,
    session: Session,
    resume_hint: str,
) -> Ending:
    session, notice = change_notice(checklist, session)
    runner = SessionRunner(
        console,
        checklist,
        session,
        sessions.store if sessions.writable else None,
        resume_hint=resume_hint,
        notice=notice,
        not_saved_reason=sessions.reason,
    )
    return runner.run()


def exit_code(ending: Ending) -> int:
    return INTERRUPTED if ending is Ending.INTERRUPTED else ExitCode.OK


# --------------------------------------------------------------------------- vetting ask FILE


def ask_file(console: Console, sessions: Sessions, name: str, language: str | None) -> int:
    """``vetting ask FILE``: resume one of its sessions, or start a new one."""
    path = resolve(name)
    report = load(path, language)
    checklist = report.checklist if report.ok else None
    if checklist is None:
        print_problems(report, path)
        return ExitCode.PROBLEMS
    hint = f"vetting ask {clean(escape_controls(shlex.quote(name)))}"
    session = choose_session(console, sessions, checklist)
    if session is None:
        return ExitCode.OK
    return exit_code(run_session(console, sessions, checklist, session, hint))


def saved_sessions(sessions: Sessions, checklist: Checklist) -> list[Session]:
    """This checklist's saved sessions, newest first (files that cannot be read left out)."""
    found = []
    for listing in sessions.store.list_sessions():
        if listing.problem is None and listing.checklist_id == checklist.id:
            try:
                found.append(sessions.store.load(listing.id))
            except StorageError:
                continue
    return found


def choose_session(console: Console, sessions: Sessions, checklist: Checklist) -> Session | None:
    """A saved session to resume, or a new one; None when the input ends first."""
    saved = saved_sessions(sessions, checklist)
    if not saved:
        return start_session(sessions, checklist, console)
    console.say(clean(checklist.title), style=Console.BOLD)
    console.say(
        ngettext(
            "You have {count} saved session of this checklist:",
            "You have {count} saved sessions of this checklist:",
            len(saved),
        ).format(count=len(saved))
    )
    for position, session in enumerate(saved, start=1):
        answered, total = answered_of(checklist, session)
        console.say(f"  {position}. " + _resume_words(session, answered, total))
    new = len(saved) + 1
    console.say(f"  {new}. " + _("Start a new session"))
    while True:
        line = console.ask(_("Type a number and press Enter (Enter alone: 1): "))
        if line is None:
            console.say()
            return None
        text = line.strip()
        if text == "!":
            console.say(crisis_text(checklist), style=Console.RED)
            continue
        if text.casefold() == "q":
            return None
        number = 1 if not text else _number(text)
        if number is not None and 1 <= number <= len(saved):
            return saved[number - 1]
        if number == new:
            return start_session(sessions, checklist, console)
        console.say(_("Please type a number from 1 to {last}.").format(last=new))


def _resume_words(session: Session, answered: int, total: int) -> str:
    return ngettext(
        "Continue “{name}” ({answered} of {total} question answered, last saved {when})",
        "Continue “{name}” ({answered} of {total} questions answered, last saved {when})",
        total,
    ).format(name=clean(session.name), answered=answered, total=total, when=_when(session.updated))


def _when(stamp: str) -> str:
    """``2026-11-25T20:05:00Z`` as ``2026-11-25 20:05 UTC`` (as the app shows it, plus UTC)."""
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return clean(stamp)


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 7 else None


# --------------------------------------------------------------------------- vetting --plain


def run_home(
    console: Console,
    sessions: Sessions,
    language: str | None,
    *,
    builtin_paths: list[Path] | None = None,
) -> int:
    """The whole app in line mode: the list, then a checklist, then the list again."""
    builtin = builtin_checklist_paths() if builtin_paths is None else builtin_paths
    folder = sessions.store.root / "checklists"
    console.say(_("vetting, in line mode. Your answers stay on this computer."), style=Console.BOLD)
    console.say(_("Not medical advice. Type ! at any question for crisis lines."))
    if sessions.reason:
        console.say(sessions.reason)
    while True:
        user_paths, folder_problem = user_checklist_paths(folder)
        entries = [Entry(p, load(p, language), True) for p in builtin]
        entries += [Entry(p, load(p, language), False) for p in user_paths]
        rows = _session_rows(sessions, entries)
        picks = _show_list(console, entries, rows, folder, folder_problem)
        pick = _read_pick(console, len(picks))
        if pick is None:
            console.say(_("Goodbye."))
            return ExitCode.OK
        if pick == 0:
            continue
        chosen = picks[pick - 1]
        if isinstance(chosen, Entry):
            checklist = chosen.checklist
            if checklist is None:
                _say_problems(console, chosen)
                continue
            session = start_session(sessions, checklist, console)
        else:
            checklist, session = chosen
        ending = run_session(console, sessions, checklist, session, "vetting --plain")
        if ending is not Ending.FINISHED:
            return exit_code(ending)
        console.say()


def _session_rows(
    sessions: Sessions, entries: list[Entry]
) -> list[tuple[SessionListing, Checklist | None, Session | None, str | None]]:
    """Every saved session, with its checklist, or why it cannot be resumed."""
    by_id: dict[str, Checklist] = {}
    for entry in entries:
        checklist = entry.checklist
        if checklist is not None:
            by_id.setdefault(checklist.id, checklist)
    rows: list[tuple[SessionListing, Checklist | None, Session | None, str | None]] = []
    for listing in sessions.store.list_sessions():
        if listing.problem is not None:
            rows.append((listing, None, None, clean(listing.problem)))
            continue
        checklist = by_id.get(listing.checklist_id)
        if checklist is None:
            problem = _("The checklist for this session is not available here.")
            rows.append((listing, None, None, problem))
            continue
        try:
            session = sessions.store.load(listing.id)
        except StorageError as error:
            rows.append((listing, None, None, clean(str(error))))
            continue
        rows.append((listing, checklist, session, None))
    return rows


def _show_list(
    console: Console,
    entries: list[Entry],
    rows: list[tuple[SessionListing, Checklist | None, Session | None, str | None]],
    folder: Path,
    folder_problem: str | None,
) -> list[Entry | tuple[Checklist, Session]]:
    """Print the numbered list; return what each number opens."""
    say = console.say
    picks: list[Entry | tuple[Checklist, Session]] = []
    say()
    say(_("Checklists:"), style=Console.BOLD)
    for entry in entries:
        picks.append(entry)
        say(f"  {len(picks)}. " + _entry_words(entry))
    say(_("Your own checklists go in: {folder}").format(folder=clean(str(folder))))
    if folder_problem:
        say(clean(folder_problem))
    say(_("Saved sessions:"), style=Console.BOLD)
    if not rows:
        say("  " + _("No saved sessions yet."))
    for listing, checklist, session, problem in rows:
        if checklist is None or session is None:
            name = clean(listing.name or listing.id)
            say("  - " + _("{name}: {problem}").format(name=name, problem=problem or ""))
            continue
        picks.append((checklist, session))
        answered, total = answered_of(checklist, session)
        words = _resume_words(session, answered, total)
        say(f"  {len(picks)}. {words}: {clean(checklist.title)}")
    return picks


def _entry_words(entry: Entry) -> str:
    checklist = entry.checklist
    if checklist is None:
        return _("{name} (cannot be opened: it has problems)").format(
            name=clean(escape_controls(entry.path.name))
        )
    count = len(visible_item_ids(checklist, {}))
    words = ngettext("{title} ({count} question)", "{title} ({count} questions)", count).format(
        title=clean(checklist.title), count=count
    )
    return words if entry.builtin else _("{checklist}, your own").format(checklist=words)


def _read_pick(console: Console, count: int) -> int | None:
    """A number from 1 to ``count``; 0 to show the list again; None to leave."""
    while True:
        line = console.ask(_("Type a number and press Enter (! crisis lines, q quit): "))
        if line is None:
            console.say()
            return None
        text = line.strip()
        if text.casefold() == "q":
            return None
        if text == "!":
            console.say(crisis_text(None), style=Console.RED)
            return 0
        if text == "?" or not text:
            return 0
        number = _number(text)
        if number is not None and 1 <= number <= count:
            console.say()
            return number
        console.say(_("Please type a number from 1 to {last}.").format(last=count))


def _say_problems(console: Console, entry: Entry) -> None:
    console.say(_("{name} cannot be opened:").format(name=clean(escape_controls(str(entry.path)))))
    for problem in entry.report.problems:
        where = _("line {line}").format(line=problem.line) if problem.line else _("file")
        console.say(f"  {where}: {clean(escape_controls(problem.message))}")
