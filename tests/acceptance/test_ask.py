"""``vetting ask`` and ``vetting --plain``: the real command, answers typed on its stdin.

Line mode is for screen readers, braille displays, ``TERM=dumb`` and piped input, so
every test here runs the installed command as a person (or a script) would: a real
subprocess fed whole lines, or a real pseudo-terminal typed into line by line. The
session files it leaves are the app's own and are read back as such.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.acceptance.test_terminal_session import Terminal

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "tui" / "data" / "mini.yaml"
ESCAPE = re.compile(r"\x1b|\x9b")
WAIT = 60

# mini.yaml, shown to someone with no answers yet: in_danger (crisis on "yes"),
# has_therapist (yes/no/not sure; "yes" shows how_long), worries (multiple, or "Doesn't
# apply"), comfort (scale 1-5), notes (free text).
WHOLE = "2\n1\n2\n1 2\n4\nA note of my own\n"


def vetting(
    *args: str,
    stdin: str = "",
    data: Path,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``vetting ARGS`` with ``stdin`` piped in and a private data folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    environment.update(VETTING_DATA_DIR=str(data), LANG="C.UTF-8", TERM="xterm-256color")
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=WAIT,
        cwd=ROOT,
        env=environment,
        check=False,
    )


def sessions(data: Path) -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((data / "sessions").glob("*.json"))
    ]


def only_session(data: Path) -> dict:
    (found,) = sessions(data)
    return found


def test_a_whole_checklist_ends_with_the_same_result_as_vetting_score(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin=WHOLE, data=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Question 1 of 5: Are you in danger right now?" in out
    assert "  1. Yes\n  2. No\n" in out
    assert "Question 3 of 6: How long have you seen them?" in out  # a follow-up appeared
    assert "Question 6 of 6: Anything else?" in out
    assert "That was the last question. Here is your result." in out
    assert run.stderr == ""
    assert not ESCAPE.search(out)
    saved = only_session(tmp_path)
    assert saved["answers"] == {
        "in_danger": "no",
        "has_therapist": "yes",
        "how_long": "long",
        "worries": ["money", "time"],
        "comfort": 4,
        "notes": "A note of my own",
    }
    session_file = tmp_path / "sessions" / f"{saved['session']['id']}.json"
    assert f"Your answers are saved in {session_file}" in out
    score = subprocess.run(
        [sys.executable, "-m", "vetting", "score", str(MINI), str(session_file)],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=ROOT,
        check=True,
    )
    assert "Result: " in score.stdout
    assert score.stdout in out  # exactly the text `vetting score --format text` prints


def test_enter_alone_skips_and_b_goes_back(tmp_path: Path) -> None:
    # in_danger: skip; has_therapist: back to in_danger; "no"; then "not sure"; quit.
    run = vetting("ask", str(MINI), stdin="\nb\n2\n3\nq\n", data=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("Question 1 of 5: Are you in danger right now?") == 2
    assert only_session(tmp_path)["answers"] == {"in_danger": "no", "has_therapist": "unsure"}
    assert "b\nThis is the first question." not in run.stdout


def test_b_on_the_first_question_says_so_and_asks_again(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="b\nq\n", data=tmp_path)
    assert "This is the first question." in run.stdout
    assert run.stdout.count("Question 1 of 5") == 2


def test_question_mark_shows_the_help_and_the_sources(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="2\n?\nq\n", data=tmp_path)
    out = run.stdout
    assert "Why this matters: Do you see a therapist now?" in out
    assert "Knowing this helps pick the next questions." in out
    assert "Where this comes from:\n- ACA (2014), section A.1.a" in out
    assert out.count("Question 2 of 5: Do you see a therapist now?") == 2  # asked again
    assert only_session(tmp_path)["answers"] == {"in_danger": "no"}


def test_exclamation_mark_shows_the_crisis_lines(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="!\nq\n", data=tmp_path)
    out = run.stdout
    assert "Help is available now" in out
    assert "- 988 Suicide & Crisis Lifeline: Call or text 988" in out
    assert "Listed by this checklist's author (not checked by vetting):\n- Test Lifeline" in out
    assert out.count("Question 1 of 5") == 2
    assert only_session(tmp_path)["answers"] == {}


@pytest.mark.parametrize("typed", ["banana", "7", "0", "-1", "1 2", "yes please", "\x1b[2J"])
def test_bad_input_gets_one_calm_line_and_the_same_question(tmp_path: Path, typed: str) -> None:
    run = vetting("ask", str(MINI), stdin=f"{typed}\nq\n", data=tmp_path)
    assert run.returncode == 0
    assert "Sorry, that is not one of the choices. Please type a number from 1 to 2" in run.stdout
    assert run.stdout.count("Question 1 of 5: Are you in danger right now?") == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert not ESCAPE.search(run.stdout)  # the typed escape is not echoed back raw
    assert only_session(tmp_path)["answers"] == {}


def test_end_of_input_saves_and_the_next_run_offers_to_resume(tmp_path: Path) -> None:
    first = vetting("ask", str(MINI), stdin="2\n2\n", data=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "The input ended." in first.stdout
    assert "2 of 5 questions answered." in first.stdout
    assert f"To go on later, run vetting ask {MINI} again" in first.stdout
    saved = only_session(tmp_path)
    assert saved["answers"] == {"in_danger": "no", "has_therapist": "no"}

    # Enter alone takes the offer (the newest session), then the rest is answered.
    second = vetting("ask", str(MINI), stdin="\n3\n2\nfine\n", data=tmp_path)
    assert second.returncode == 0, second.stderr
    out = second.stdout
    assert "You have 1 saved session of this checklist:" in out
    assert "  1. Continue “A short test checklist – " in out
    assert "(2 of 5 questions answered, last saved " in out
    assert "  2. Start a new session" in out
    assert "Welcome back." in out
    assert "Question 1 of" not in out  # it goes on where it stopped
    assert "Question 3 of 5: What worries you?" in out
    resumed = only_session(tmp_path)
    assert resumed["session"]["id"] == saved["session"]["id"]
    assert resumed["answers"] == {
        "in_danger": "no",
        "has_therapist": "no",
        "worries": "not_applicable",
        "comfort": 2,
        "notes": "fine",
    }


def test_starting_a_new_session_instead_of_resuming(tmp_path: Path) -> None:
    vetting("ask", str(MINI), stdin="2\n", data=tmp_path)
    # "2": start a new session; then "yes" (a crisis answer) and stop at the crisis lines.
    run = vetting("ask", str(MINI), stdin="2\n1\nq\n", data=tmp_path)
    assert "Before you start:" in run.stdout
    answers = sorted(json.dumps(s["answers"]) for s in sessions(tmp_path))
    assert answers == ['{"in_danger": "no"}', '{"in_danger": "yes"}']


def test_a_crisis_answer_shows_the_crisis_lines_at_once(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="1\n\n2\nq\n", data=tmp_path)
    out = run.stdout
    answered = out.index("Question 1 of 5")
    lines = out.index("Help is available now")
    after = out.index("Press Enter to go on with the checklist, or type q to save and stop")
    assert answered < lines < after < out.index("Question 2 of 5")
    assert "- Emergency services: Call 911" in out[lines:after]
    assert only_session(tmp_path)["answers"] == {"in_danger": "yes", "has_therapist": "no"}


def test_a_crisis_answer_then_q_saves_and_stops(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="1\nq\n", data=tmp_path)
    assert run.returncode == 0
    assert "Help is available now" in run.stdout
    assert "Question 2 of" not in run.stdout
    assert "Your answers are saved in" in run.stdout
    assert only_session(tmp_path)["answers"] == {"in_danger": "yes"}


def test_spanish_prompts_and_spanish_words_for_the_choices(tmp_path: Path) -> None:
    run = vetting("ask", "--lang", "es", str(MINI), stdin="s\nno\nno sé\nq\n", data=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Antes de empezar:" in out
    assert "Pregunta 1 de 5:" in out
    assert "Su respuesta: " in out
    assert "  3. No estoy seguro/a" in out
    # "s" is not "sí": a crisis answer is never picked by one letter.
    assert "Perdone, esa no es una de las opciones. Escriba un número del 1 al 2" in out
    assert "Hay ayuda disponible ahora" not in out
    assert "Sus respuestas están guardadas en" in out
    assert only_session(tmp_path)["answers"] == {"in_danger": "no", "has_therapist": "unsure"}


def test_spanish_si_picks_yes_and_the_crisis_lines_are_in_spanish(tmp_path: Path) -> None:
    run = vetting("ask", str(MINI), stdin="sí\nq\n", data=tmp_path, env={"LANG": "es_MX.UTF-8"})
    out = run.stdout
    assert "Hay ayuda disponible ahora" in out
    assert "Llame al 988 y marque 2 para español" in out
    assert "Indicadas por quien escribió esta lista (vetting no las ha verificado):" in out
    assert only_session(tmp_path)["answers"] == {"in_danger": "yes"}


def test_a_built_in_checklist_by_name(tmp_path: Path) -> None:
    run = vetting("ask", "red-flags", stdin="q\n", data=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Spotting an unethical therapist" in run.stdout
    assert re.search(r"Question 1 of \d+: ", run.stdout)
    assert "To go on later, run vetting ask red-flags again" in run.stdout
    assert only_session(tmp_path)["checklist"]["id"] == "red_flags"


def test_a_file_with_errors_prints_its_problems_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(MINI.read_text().replace("kind: fit", "kind: nonsense"), encoding="utf-8")
    run = vetting("ask", str(broken), stdin="1\n", data=tmp_path)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith(f"vetting ask: {broken} cannot be opened:\n  line ")
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "sessions").exists() or sessions(tmp_path) == []


def test_the_language_picked_in_the_app_is_kept_in_line_mode(tmp_path: Path) -> None:
    # Spanish picked in the app, on an English system: `vetting ask`, and the line mode
    # `vetting` falls back to with piped input, both ask in Spanish; `--lang en` wins.
    from vetting import settings

    config = tmp_path / "config"
    settings.save(settings.Settings(language="es"), config)
    mine = {"VETTING_CONFIG_DIR": str(config)}
    asked = vetting("ask", str(MINI), stdin="no\nq\n", data=tmp_path, env=mine)
    assert asked.returncode == 0, asked.stderr
    assert "Pregunta 1 de 5:" in asked.stdout and "Question 1 of" not in asked.stdout
    fallback = vetting(stdin="q\n", data=tmp_path / "other", env=mine)
    assert "la entrada no es una terminal" in fallback.stderr, fallback.stderr
    english = vetting("ask", "--lang", "en", str(MINI), stdin="q\n", data=tmp_path, env=mine)
    assert "You have 1 saved session of this checklist:" in english.stdout, english.stdout


def test_a_missing_file_is_one_plain_line(tmp_path: Path) -> None:
    run = vetting("ask", str(tmp_path / "nope.yaml"), data=tmp_path)
    assert run.returncode == 1
    assert "There is no file called" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_hostile_checklist_with_escapes_is_refused_with_them_shown_harmless(
    tmp_path: Path,
) -> None:
    hostile = tmp_path / "hostile.yaml"
    text = MINI.read_text().replace(
        "text: Are you in danger right now?", 'text: "\\e[2J\\e]0;pwned\\aAre you in danger?"'
    )
    hostile.write_text(text, encoding="utf-8")
    run = vetting("ask", str(hostile), stdin="1\n", data=tmp_path)
    assert run.returncode == 1
    assert not ESCAPE.search(run.stdout + run.stderr)
    assert "cannot be opened" in run.stderr


def test_term_dumb_makes_vetting_itself_use_line_mode(tmp_path: Path) -> None:
    run = vetting(stdin="q\n", data=tmp_path, env={"TERM": "dumb"})
    assert run.returncode == 0, run.stderr
    assert "vetting: line mode, because the terminal is TERM=dumb." in run.stderr
    out = run.stdout
    assert "Checklists:" in out
    assert "  1. After the first sessions: is this a good fit? (" in out
    assert "Saved sessions:\n  No saved sessions yet." in out
    assert not ESCAPE.search(out + run.stderr)


def test_piped_input_makes_vetting_use_line_mode_and_plain_lists_sessions(
    tmp_path: Path,
) -> None:
    # Pick the second checklist (red flags), answer one question, quit.
    first = vetting(stdin="2\n2\nq\n", data=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "the input is not a terminal" in first.stderr
    assert "Spotting an unethical therapist" in first.stdout
    assert "To go on later, run vetting --plain again" in first.stdout
    (saved,) = sessions(tmp_path)
    assert len(saved["answers"]) == 1

    second = vetting("--plain", stdin="4\nq\n", data=tmp_path)
    assert second.returncode == 0, second.stderr
    assert second.stderr == ""  # asked for, so nothing to explain
    assert re.search(
        r"  4\. Continue “Spotting an unethical therapist – [^”]+” \(1 of ", second.stdout
    )
    assert "Welcome back." in second.stdout
    assert only_session(tmp_path)["session"]["id"] == saved["session"]["id"]


def test_vetting_app_plain_and_a_broken_checklist_of_ones_own(tmp_path: Path) -> None:
    own = tmp_path / "checklists"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text("format: 1\nid: [oops\n", encoding="utf-8")
    run = vetting("app", "--plain", stdin="4\nq\n", data=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "  4. mine.yaml (cannot be opened: it has problems)" in run.stdout
    assert "mine.yaml cannot be opened:\n  line " in run.stdout
    assert "Goodbye." in run.stdout


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({}, [], False),
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1"}, ["--color"], True),  # a flag on the command line still wins
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, [], False),
    ],
    ids=["default", "force-color", "no-color-wins", "flag", "dumb"],
)
def test_colour_only_when_asked(
    tmp_path: Path, env: dict[str, str], args: list[str], coloured: bool
) -> None:
    run = vetting("ask", *args, str(MINI), stdin="!\nq\n", data=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    assert bool(ESCAPE.search(run.stdout)) is coloured
    # Colour, when asked for, is only bold and red: never cursor movement or clearing.
    assert not re.search(r"\x1b\[[0-9;]*[A-HJKSTf]|\x1b\[\?", run.stdout)


@pytest.mark.parametrize("argv", [["ask", str(MINI)], ["--plain"]], ids=["ask", "plain"])
def test_line_mode_never_imports_textual(tmp_path: Path, argv: list[str]) -> None:
    probe = (
        "import io, sys\n"
        "from vetting import cli\n"
        "sys.stdin = io.StringIO('2\\nq\\n')\n"
        f"code = cli.main({argv!r})\n"
        "print(code, 'textual' in sys.modules, 'vetting.tui' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=ROOT,
        env={**os.environ, "VETTING_DATA_DIR": str(tmp_path)},
        check=False,
    )
    assert run.stdout.strip().splitlines()[-1] == "0 False False", run.stdout + run.stderr


# --------------------------------------------------------------------------- a real terminal


def pty_environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", VETTING_DATA_DIR=str(tmp_path), LANG="C.UTF-8")
    return env


def _hear_ctrl_c() -> None:
    """In the child: SIGINT does what it does for a person at a terminal.

    A test run started in the background by a shell without job control has SIGINT
    ignored, children inherit that, and Python then never raises KeyboardInterrupt.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _take_the_terminal() -> None:  # in the child, after setsid: the pty becomes its terminal
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    _hear_ctrl_c()


class LineTerminal(Terminal):
    """A child on a pty that is its controlling terminal (so Ctrl+C is a real SIGINT),
    read as a conversation: each :meth:`expect` looks only past what was seen before."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.out = bytearray()
        self.seen = 0
        self.child = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,
            preexec_fn=_take_the_terminal,
        )
        os.close(slave)

    def expect(self, marker: bytes) -> None:
        """Wait for ``marker`` after everything expected so far."""
        deadline = time.monotonic() + WAIT
        while (found := self.out.find(marker, self.seen)) < 0:
            before = len(self.out)
            self.read_until(b"\x00never", 0.1)
            ended = self.child.poll() is not None and len(self.out) == before
            if ended or time.monotonic() > deadline:
                raise AssertionError(f"{marker!r} never came: {bytes(self.out[-2000:])!r}")
        self.seen = found + len(marker)

    def answer(self, marker: bytes, keys: bytes) -> None:
        """Wait for ``marker``, then for the prompt after it, then type ``keys``."""
        self.expect(marker)
        self.expect(b"Your answer: ")
        os.write(self.master, keys)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_line_by_line_in_a_real_terminal(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "vetting", "ask", str(MINI)]
    terminal = LineTerminal(argv, pty_environment(tmp_path))
    try:
        terminal.answer(b"Question 1 of 5: Are you in danger right now?", b"2\r")
        terminal.answer(b"Question 2 of 5: Do you see a therapist now?", b"?\r")
        terminal.expect(b"Knowing this helps pick the next questions.")
        terminal.answer(b"Question 2 of 5: Do you see a therapist now?", b"3\r")
        terminal.answer(b"Question 3 of 5: What worries you?", b"1\r")
        terminal.answer(b"Question 4 of 5: How comfortable do you feel?", b"5\r")
        terminal.answer(b"Question 5 of 5: Anything else?", b"\r")
        terminal.expect(b"Result: ")
        terminal.expect(b"Your answers are saved in")
        assert terminal.ended_within(WAIT)
    finally:
        terminal.close()
    assert terminal.child.returncode == 0
    out = bytes(terminal.out).decode("utf-8", "replace")
    assert "Your answer: 2\r\n" in out  # the terminal echoes what was typed, on its line
    assert not ESCAPE.search(out)  # no drawing, no cursor movement, no colour
    assert only_session_answers(tmp_path) == {
        "in_danger": "no",
        "has_therapist": "unsure",
        "worries": ["money"],
        "comfort": 5,
    }


def only_session_answers(data: Path) -> dict:
    (found,) = sessions(data)
    return found["answers"]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_ctrl_c_saves_and_exits_130(tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "vetting", "ask", str(MINI)]
    terminal = LineTerminal(argv, pty_environment(tmp_path))
    try:
        terminal.answer(b"Question 1 of 5", b"2\r")
        terminal.answer(b"Question 2 of 5", b"\x03")  # Ctrl+C: the terminal sends SIGINT
        terminal.expect(b"Stopped (Ctrl+C).")
        terminal.expect(b"Your answers are saved in")
        assert terminal.ended_within(WAIT)
    finally:
        terminal.close()
    assert terminal.child.returncode == 130
    assert b"Traceback" not in bytes(terminal.out)
    assert only_session_answers(tmp_path) == {"in_danger": "no"}


def test_sigint_with_piped_input_saves_and_exits_130(tmp_path: Path) -> None:
    environment = {**os.environ, "VETTING_DATA_DIR": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-m", "vetting", "ask", str(MINI)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
        preexec_fn=_hear_ctrl_c,
    )
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"2\n")
        child.stdin.flush()
        seen = b""
        while b"Question 2 of 5" not in seen:
            chunk = child.stdout.read1(4096)  # type: ignore[attr-defined]
            assert chunk, seen
            seen += chunk
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=WAIT)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, err
    assert b"Traceback" not in err
    assert b"Your answers are saved in" in seen + out
    assert only_session_answers(tmp_path) == {"in_danger": "no"}
