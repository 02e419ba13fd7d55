"""Line mode's parts: what a typed line means, what is printed, and the shared session files.

The command as a whole is tested as a subprocess in tests/acceptance/test_ask.py; here
each piece is tested on its own, with Hypothesis where any input must be safe: no line a
person types crashes the runner, a single letter never picks an answer, and no text from
a checklist reaches the terminal with an escape sequence in it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.builders import make_checklist, multiple, note, option, scale, single, yes_no
from vetting.checklist.chars import CONTROLS
from vetting.checklist.model import NOT_APPLICABLE, UNSURE, Item, ItemKind
from vetting.i18n import set_language
from vetting.plain import choices, home
from vetting.plain.choices import Command, choices_for, parse
from vetting.plain.runner import Ending, SessionRunner, crisis_text, help_text, result_text
from vetting.plain.terminal import Console, clean, colour_wanted, line_mode_reason
from vetting.sessions.model import answer_problem
from vetting.sessions.store import SessionStore
from vetting.validation.pipeline import load_checklist

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "tui" / "data" / "mini.yaml"
ESCAPE = re.compile(r"[\x1b\x9b]")

YES_NO = yes_no("danger", "Are you in danger?", crisis_on="yes", allow_unsure=True)
SINGLE = single("often", [option("weekly"), option("monthly")], allow_not_applicable=True)
MULTIPLE = multiple(
    "worries", [option("money"), option("time"), option("travel")], allow_unsure=True
)
SCALE = scale("comfort", 0, 10, allow_unsure=True)
NOTE = note("notes", "Anything else?")
EVERY_KIND = [YES_NO, SINGLE, MULTIPLE, SCALE, NOTE]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Each test starts and ends with vetting's own words in English."""
    set_language("en")
    yield
    set_language("en")


# --------------------------------------------------------------------------- choices


def test_the_choices_of_each_kind_are_the_apps() -> None:
    assert [(c.number, c.value, c.label) for c in choices_for(YES_NO)] == [
        (1, "yes", "Yes"),
        (2, "no", "No"),
        (3, UNSURE, "Not sure"),
    ]
    assert [c.value for c in choices_for(SINGLE)] == ["weekly", "monthly", NOT_APPLICABLE]
    # A scale's points are their own numbers (typing 4 means the point 4, as in the app);
    # "Not sure" comes after the last point.
    points = choices_for(SCALE)
    assert [c.number for c in points] == [*range(0, 11), 11]
    assert points[0].label == "Not at all" and points[10].label == "Very much"
    assert points[5].label == "" and points[11].value == UNSURE
    assert choices_for(NOTE) == []


@pytest.mark.parametrize(
    ("item", "typed", "value"),
    [
        (YES_NO, "1", "yes"),
        (YES_NO, " 2 ", "no"),
        (YES_NO, "YES", "yes"),
        (YES_NO, "no.", "no"),
        (YES_NO, "not sure", UNSURE),
        (YES_NO, "Don’t know", UNSURE),
        (SINGLE, "monthly", "monthly"),
        (SINGLE, "3", NOT_APPLICABLE),
        (SINGLE, "doesn't apply", NOT_APPLICABLE),
        (MULTIPLE, "1 3", ["money", "travel"]),
        (MULTIPLE, "3,1,1", ["money", "travel"]),
        (MULTIPLE, "time, money", ["money", "time"]),
        (MULTIPLE, "4", UNSURE),
        (SCALE, "0", 0),
        (SCALE, "10", 10),
        (SCALE, "very much", 10),
        (SCALE, "11", UNSURE),
        (NOTE, "  my own words  ", "my own words"),
        (NOTE, "a\x1b[31mb", "a[31mb"),
    ],
)
def test_a_choice_by_number_or_by_its_words(item: Item, typed: str, value: object) -> None:
    assert parse(item, typed) == choices.Parsed(value=value)


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("", Command.SKIP),
        ("   ", Command.SKIP),
        ("?", Command.HELP),
        ("!", Command.CRISIS),
        ("b", Command.BACK),
        ("B", Command.BACK),
        ("q", Command.QUIT),
        (" Q ", Command.QUIT),
    ],
)
@pytest.mark.parametrize("item", EVERY_KIND, ids=lambda item: item.kind.value)
def test_the_keys_are_the_same_for_every_question(item: Item, typed: str, command: Command) -> None:
    assert parse(item, typed) == choices.Parsed(command=command)


@pytest.mark.parametrize(
    ("item", "typed"),
    [
        (YES_NO, "4"),
        (YES_NO, "0"),
        (YES_NO, "-1"),
        (YES_NO, "yes no"),
        (YES_NO, "99999999999999999999"),
        (SCALE, "12"),
        (SCALE, "4.5"),
        (MULTIPLE, "1 9"),
        (MULTIPLE, "money, cats"),
        (MULTIPLE, ", ;"),
    ],
)
def test_anything_else_is_one_calm_sentence(item: Item, typed: str) -> None:
    parsed = parse(item, typed)
    assert parsed.value is None and parsed.command is None
    assert parsed.error is not None and parsed.error.startswith("Sorry, that is not one of")
    assert "\n" not in parsed.error


def test_not_sure_goes_alone_among_several_choices() -> None:
    parsed = parse(MULTIPLE, "1 4")
    assert parsed.error == "“Not sure” cannot be combined with other choices; type it alone."


def test_a_note_longer_than_a_session_may_hold_is_refused() -> None:
    assert parse(NOTE, "x" * 10_000).value == "x" * 10_000
    assert parse(NOTE, "x" * 10_001).error is not None


def test_spanish_words_pick_spanish_choices() -> None:
    set_language("es")
    assert [c.label for c in choices_for(YES_NO)][2] == "No estoy seguro/a"
    assert parse(YES_NO, "sí").value == "yes"
    assert parse(YES_NO, "Si").value == "yes"
    assert parse(YES_NO, "no").value == "no"
    assert parse(YES_NO, "no sé").value == UNSURE
    assert parse(YES_NO, "no estoy segura").value == UNSURE
    assert parse(SINGLE, "no aplica").value == NOT_APPLICABLE
    assert parse(YES_NO, "yes").value == "yes"  # the option's own value works in any language
    error = parse(YES_NO, "s").error
    assert error is not None and error.startswith("Perdone, esa no es una de las opciones")


@given(letter=st.characters(exclude_categories=("Nd",)), language=st.sampled_from(["en", "es"]))
def test_one_letter_never_picks_an_answer(letter: str, language: str) -> None:
    """A slip of one key ("s" for "sí", "y") must never give a crisis answer or a flag."""
    set_language(language)
    for item in (YES_NO, SINGLE, MULTIPLE, SCALE):
        assert parse(item, letter).value is None


@settings(max_examples=300)
@given(item=st.sampled_from(EVERY_KIND), typed=st.text(max_size=60))
def test_any_line_is_an_answer_the_session_can_store_or_a_command_or_an_error(
    item: Item, typed: str
) -> None:
    parsed = parse(item, typed)
    assert sum(x is not None for x in parsed) == 1
    if parsed.value is not None:
        assert answer_problem(item.id, parsed.value) is None  # the session file takes it
        if item.kind is not ItemKind.NOTE:
            allowed = {c.value for c in choices_for(item)}
            picked = parsed.value if isinstance(parsed.value, list) else [parsed.value]
            assert set(picked) <= allowed
        else:
            assert not any(ch in CONTROLS for ch in str(parsed.value))


# --------------------------------------------------------------------------- the terminal


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words, acentos, 988", "plain words, acentos, 988"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b[2J\x1b[Hcleared", "cleared"),
        ("\x1b]0;window title\x07after", "after"),
        ("\x1b]8;;https://evil\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b2Jc1", "c1"),
        ("bell\x07", "bell\ufffd"),
        ("\u202eevil", "\ufffdevil"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
    ],
)
def test_clean_removes_escape_sequences_and_replaces_other_controls(text: str, shown: str) -> None:
    assert clean(text) == shown


@given(st.text())
def test_clean_never_lets_a_control_through(text: str) -> None:
    assert not any(ch in CONTROLS for ch in clean(text))


@pytest.mark.parametrize(
    ("flag", "env", "wanted"),
    [
        (False, {}, False),
        (False, {"FORCE_COLOR": "1"}, True),
        (False, {"FORCE_COLOR": "0"}, False),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        (False, {"FORCE_COLOR": "1", "TERM": "dumb"}, False),
        (True, {"NO_COLOR": "1"}, True),
        (True, {}, True),
    ],
)
def test_colour_only_when_asked(flag: bool, env: dict[str, str], wanted: bool) -> None:
    assert colour_wanted(flag, env) is wanted


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty", "env", "reason"),
    [
        (True, True, {"TERM": "xterm"}, None),
        (True, True, {"TERM": "dumb"}, "the terminal is TERM=dumb"),
        (False, True, {"TERM": "xterm"}, "the input is not a terminal"),
        (True, False, {"TERM": "xterm"}, "the output is not a terminal"),
        # `vetting serve` runs the full-screen app over pipes on purpose
        (False, False, {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}, None),
    ],
)
def test_when_vetting_chooses_line_mode_by_itself(
    stdin_tty: bool, stdout_tty: bool, env: dict[str, str], reason: str | None
) -> None:
    assert line_mode_reason(_Stream(stdin_tty), _Stream(stdout_tty), env) == reason


def test_a_console_reads_lines_and_ends_at_the_end_of_input() -> None:
    out = io.StringIO()
    console = Console(io.StringIO("one\r\ntwo"), out)
    assert console.ask("? ") == "one"
    assert console.ask("? ") == "two"
    assert console.ask("? ") is None
    assert out.getvalue() == "? one\n? two\n? "  # piped input is written after its prompt


def test_a_console_reads_bytes_that_are_not_utf8_as_a_line() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe1\n"), encoding="utf-8")
    assert Console(stdin, io.StringIO()).ask("") == "\ufffd\ufffd1"


# --------------------------------------------------------------------------- the runner

HOSTILE = make_checklist(
    title="\x1b]0;owned\x07Title\x1b[2J",
    disclaimer="\x1b[31mRed disclaimer\x1b[0m",
    items=[
        yes_no("first", "\x1b[1;1HFirst \x9b2Jquestion?", help="\x1b[5mHelp\x1b[0m"),
        single("second", [option("a", "\x1b[32mGreen\x1b[0m")], "Second?"),
    ],
)


def run_lines(
    checklist, lines: str, store: SessionStore | None = None, **options
) -> tuple[Ending, str, SessionRunner]:
    out = io.StringIO()
    session = home.start_session(home.Sessions(store, True), checklist) if store else None
    if session is None:
        session = _memory_session(checklist)
    runner = SessionRunner(
        Console(io.StringIO(lines), out), checklist, session, store, resume_hint="vetting ask X"
    )
    for key, value in options.items():
        setattr(runner, key, value)
    return runner.run(), out.getvalue(), runner


def _memory_session(checklist):
    from vetting.sessions.model import Session

    return Session(
        id="00000000-0000-4000-8000-000000000000",
        name="test",
        checklist_id=checklist.id,
        checklist_version=checklist.version,
        content_hash=checklist.content_hash,
        created="2026-01-01T00:00:00Z",
        updated="2026-01-01T00:00:00Z",
    )


def test_a_hostile_checklist_is_printed_without_its_escape_sequences() -> None:
    ending, out, runner = run_lines(HOSTILE, "?\n!\nbanana\n1\n1\n")
    assert ending is Ending.FINISHED
    assert not ESCAPE.search(out), out
    assert "Title" in out and "Red disclaimer" in out
    assert "Question 1 of 2: First \ufffdquestion?" not in out  # the C1 CSI went whole
    assert "Question 1 of 2: First question?" in out
    assert "  1. Green" in out and "Help" in out
    assert runner.answers == {"first": "yes", "second": "a"}


def test_the_runner_finishes_with_the_text_report() -> None:
    checklist = load_checklist(MINI)
    _, out, runner = run_lines(checklist, "2\n2\n\n\n\n")
    assert result_text(checklist, runner.answers).rstrip("\n") in out
    assert "Your answers were not saved." in out  # no store: nothing saved, and it says so


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(["", "1", "2", "3", "4", "5", "1 2", "?", "!", "b", "B", "sí"]),
            st.text(max_size=20).filter(lambda t: "\n" not in t and "\r" not in t),
        ),
        max_size=25,
    )
)
def test_no_typed_line_ever_crashes_the_runner(lines: list[str]) -> None:
    """Whatever is typed, in whatever order: the runner ends calmly, never with an error."""
    checklist = load_checklist(MINI)
    typed = "".join(line.replace("q", "").replace("Q", "") + "\n" for line in lines)
    ending, out, runner = run_lines(checklist, typed)
    assert ending in (Ending.FINISHED, Ending.QUIT)
    assert not ESCAPE.search(out)
    for item_id, value in runner.answers.items():
        assert answer_problem(item_id, value) is None


def test_help_and_crisis_texts() -> None:
    checklist = load_checklist(MINI)
    item = checklist.item("has_therapist")
    assert item is not None
    assert help_text(item).splitlines() == [
        "Why this matters: Do you see a therapist now?",
        "Knowing this helps pick the next questions.",
        "Where this comes from:",
        "- ACA (2014), section A.1.a",
    ]
    english = crisis_text(checklist)
    assert english.startswith("Help is available now\n")
    assert "- Test Lifeline: Call 000" in english
    set_language("es")
    spanish = crisis_text(checklist)
    assert spanish.startswith("Hay ayuda disponible ahora\n")
    assert "Llame al 988 y marque 2 para español" in spanish


# --------------------------------------------------------------------------- shared sessions


def test_a_session_begun_in_line_mode_is_resumed_by_the_app(tmp_path: Path) -> None:
    """Line mode writes; the full-screen app's own code lists it and picks up where it was."""
    from vetting.tui.app import make_app
    from vetting.tui.screens.take import TakeScreen

    checklist = load_checklist(MINI)
    with SessionStore(tmp_path) as store:
        ending, _, runner = run_lines(checklist, "2\n1\n", store)
    assert ending is Ending.QUIT

    app = make_app(data_dir=tmp_path, checklist_paths=[MINI])
    app.scan_catalog()
    (row,) = app.scan_sessions()
    assert row.problem is None and row.id == runner.session.id
    assert (row.answered, row.shown) == (2, 6)  # "yes" showed the follow-up question
    session = app.store.load(row.id)
    assert session.answers == {"in_danger": "no", "has_therapist": "yes"}
    screen = TakeScreen(checklist, session)
    assert screen.current == "how_long"  # the app goes on where line mode stopped


def test_a_session_saved_by_the_app_is_resumed_in_line_mode(tmp_path: Path) -> None:
    """The app's saves (create, then save with the answers, as the take screen does);
    ``vetting ask`` offers the session and goes on at its first unanswered question."""
    checklist = load_checklist(MINI)
    with SessionStore(tmp_path) as store:
        created = store.create(checklist, "Dr. Lee, after session 2")
        saved = store.save(replace(created, answers={"in_danger": "no", "worries": ["time"]}))
    out = io.StringIO()
    sessions = home.open_sessions(tmp_path)
    try:
        # resume it; "not sure"; keep the app's answer to "worries" (Enter); comfort 4
        console = Console(io.StringIO("1\n3\n\n4\n"), out)
        code = home.ask_file(console, sessions, str(MINI), None)
    finally:
        sessions.store.close()
    text = out.getvalue()
    assert code == 0
    assert "  1. Continue “Dr. Lee, after session 2” (2 of 5 questions answered" in text
    assert "Question 2 of 5: Do you see a therapist now?" in text
    assert "Question 1 of" not in text
    assert "Your answer now: Time. Press Enter to keep it." in text
    with SessionStore(tmp_path) as store:
        after = store.load(saved.id)
    assert after.answers == {
        "in_danger": "no",
        "worries": ["time"],
        "has_therapist": "unsure",
        "comfort": 4,
    }
    assert after.name == "Dr. Lee, after session 2"


def test_while_the_app_is_open_line_mode_answers_but_saves_nothing(tmp_path: Path) -> None:
    with SessionStore(tmp_path):  # the app holds the lock
        sessions = home.open_sessions(tmp_path)
        assert not sessions.writable
        assert sessions.reason is not None and "another window" in sessions.reason
        out = io.StringIO()
        code = home.ask_file(Console(io.StringIO("2\nq\n"), out), sessions, str(MINI), None)
    assert code == 0
    assert "your answers will not be saved" in out.getvalue()
    assert "Your answers were not saved." in out.getvalue()
    with SessionStore(tmp_path) as store:
        assert store.list_sessions() == []


def test_an_answer_set_aside_after_the_checklist_changed_is_explained(tmp_path: Path) -> None:
    checklist = load_checklist(MINI)
    with SessionStore(tmp_path) as store:
        created = store.create(checklist, "old")
        old = replace(created, answers={"in_danger": "no", "gone": "yes"}, checklist_version="0.9")
        session, notice = home.change_notice(checklist, old)
    assert session.answers == {"in_danger": "no"}
    assert notice is not None
    assert notice.startswith(
        "This session was answered with version 0.9 of the checklist; it is now version 1.0.0."
    )
    assert "1 earlier answer no longer fits and is set aside" in notice


def test_built_in_checklists_by_name() -> None:
    assert home.resolve("red_flags").name == "red_flags.yaml"
    assert home.resolve("red-flags").name == "red_flags.yaml"
    assert home.resolve("good_fit.yaml").name == "good_fit.yaml"
    assert home.resolve(str(MINI)) == MINI
    assert home.resolve("no-such-thing") == Path("no-such-thing")


# --------------------------------------------------------------------------- translations


def test_every_word_of_line_mode_is_in_the_spanish_catalog() -> None:
    """Each message marked in vetting/plain and the ask command has a Spanish msgstr."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    with (ROOT / "vetting" / "locale" / "es" / "LC_MESSAGES" / "vetting.po").open("rb") as po:
        catalog = read_po(po, locale="es")
    files = [*sorted((ROOT / "vetting" / "plain").glob("*.py")), ROOT / "vetting/commands/ask.py"]
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    found = 0
    for path in files:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=keywords
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            entry = catalog.get(msgid)
            assert entry is not None, f"{path.name}: {msgid!r} is not in the catalog"
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            assert all(strings), f"{path.name}: {msgid!r} has no Spanish text"
            found += 1
    assert found > 60
