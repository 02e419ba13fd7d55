"""Speed and memory of vetting, as ratios against the tools people would use instead.

Run:  .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/run.py [--quick]

Everything is measured in this one run, on this machine: each measurement is repeated
and the median kept, peers run on the same files, and every goal is printed as met or
not met. Nothing here is a timed test; CI never runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from terminal import HELLO_APP, seconds_until_shown

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas" / "checklist.schema.json"
PY = sys.executable
CORPUS = ROOT / "bench" / "corpus.py"

READY = "BENCH-READY"


@dataclass
class Measure:
    seconds: float
    max_rss_mb: float


def run_child(
    argv: Sequence[str], *, env: dict[str, str] | None = None, until_ready: bool = False
) -> Measure:
    """Run a command to completion; wall time and the child's own peak RSS.

    With ``until_ready`` the time stops when the child prints :data:`READY` (the first
    question or the hello label is on screen), so tearing the app down is not counted.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE if until_ready else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env or os.environ.copy(),
    )
    ready_at: float | None = None
    if until_ready and proc.stdout is not None:
        for line in proc.stdout:
            if line.strip() == READY.encode():
                ready_at = time.perf_counter()
                break
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1) or (until_ready and ready_at is None):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {argv}\n{stderr[-2000:]}")
    return Measure((ready_at - start) if ready_at is not None else elapsed, usage.ru_maxrss / 1024)


def median_of(repeats: int, action: Callable[[], Measure]) -> Measure:
    return median_measure([action() for _ in range(repeats)])


def median_measure(runs: list[Measure]) -> Measure:
    """The median time and the largest peak memory of ``runs``."""
    return Measure(statistics.median(r.seconds for r in runs), max(r.max_rss_mb for r in runs))


def vetting_cmd(*args: str) -> list[str]:
    return [PY, "-m", "vetting", *args]


def parse_floor_cmd(folder: Path) -> list[str]:
    code = textwrap.dedent(
        f"""
        import pathlib, yaml
        for p in sorted(pathlib.Path({str(folder)!r}).glob('*.yaml')):
            yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)
        """
    )
    return [PY, "-c", code]


def check_jsonschema_cmd(files: list[Path]) -> list[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(PY).parent)) or shutil.which(
        "check-jsonschema"
    )
    if exe is None:
        raise SystemExit("check-jsonschema is missing: pip install -e '.[bench]'")
    return [exe, "--schemafile", str(SCHEMA), *map(str, files)]


# What `vetting run FILE` does (vetting/commands/app.py: `run` picks the language, validates
# once with checked_file, and build_app hands that report to the app; the data folder comes
# from platformdirs, pointed at a fresh folder through XDG_DATA_HOME), headless. The take
# screen opens on the first question with the disclaimer above it, so no key is needed.
#
# Both apps are timed the same way: from launch until the text the terminal would show
# (the compositor's strips) holds the words, polled every 2 ms. Not "the widget is mounted":
# a widget can be mounted well before anything is drawn.
ON_SCREEN = textwrap.dedent(
    """
    def on_screen(app) -> str:
        return "\\n".join(strip.text for strip in app.screen._compositor.render_strips())

    async def wait_for(app, pilot, words: str, ready=lambda: True) -> None:
        for _ in range(5000):
            if ready() and words in on_screen(app):
                print("BENCH-READY", flush=True)
                return
            await pilot.pause(0.002)
        raise SystemExit(f"{words!r} never appeared")
    """
)

FIRST_QUESTION = ON_SCREEN + textwrap.dedent(
    """
    import sys
    from pathlib import Path

    # In the order `vetting run` (commands/app.py: run) does it: the file is checked
    # before the app runs (and before asyncio is imported, by Textual, while it is).
    from vetting.commands.app import build_app, checked_file
    from vetting.language import language_from_environment

    path = Path(sys.argv[1])
    language = language_from_environment()
    report = checked_file(path, language)
    if report is None:
        raise SystemExit(3)

    import asyncio
    from vetting.scoring import visible_item_ids
    from vetting.tui.screens.take import TakeScreen

    async def main() -> None:
        first = report.checklist.item(visible_item_ids(report.checklist, {})[0])
        app = build_app(path, report, language)
        async with app.run_test(size=(80, 24)) as pilot:

            def ready() -> bool:
                return isinstance(app.screen, TakeScreen) and app.screen.current == first.id

            await wait_for(app, pilot, first.text[:24], ready)

    asyncio.run(main())
    """
)

HELLO_TEXTUAL = ON_SCREEN + textwrap.dedent(
    """
    import asyncio
    from textual.app import App
    from textual.widgets import Label

    class Hello(App):
        def compose(self):
            yield Label("Hello")

    async def main() -> None:
        app = Hello()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(app, pilot, "Hello")

    asyncio.run(main())
    """
)

# The first question's first words, as the app shows them (for the terminal cross-check).
FIRST_WORDS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vetting.scoring import visible_item_ids
    from vetting.validation.pipeline import validate_file

    checklist = validate_file(Path(sys.argv[1])).checklist
    print(checklist.item(visible_item_ids(checklist, {})[0]).text[:24])
    """
)

SCORING = textwrap.dedent(
    """
    import gc, json, sys, time, statistics
    sys.path.insert(0, sys.argv[1])
    from corpus import big_checklist_model, full_answers
    from vetting.scoring import score
    # Every size is timed in this one process, in alternation, so both see the same CPU
    # state (a process can land on a fast or a slow core, which swung separate-process
    # ratios from 6x to 20x). Sizes are "items x copies".
    cases = {}
    for spec in sys.argv[2:]:
        items, copies = (int(part) for part in spec.split("x"))
        checklists = [big_checklist_model(items) for _ in range(copies)]
        cases[spec] = [(c, full_answers(c)) for c in checklists]
        for checklist, answers in cases[spec]:
            score(checklist, answers)  # warm-up only: one engine, no plan or cache
    runs = {spec: [] for spec in cases}
    gc.collect()
    for _ in range(31):
        for spec, pairs in cases.items():
            start = time.process_time()  # CPU time: other processes do not count
            for checklist, answers in pairs:
                score(checklist, answers)
            runs[spec].append(time.process_time() - start)
    print(json.dumps({spec: statistics.median(r) for spec, r in runs.items()}))
    """
)


VALIDATE_IN_PROCESS = textwrap.dedent(
    """
    import statistics, sys, time
    from vetting.validation.pipeline import validate_file
    validate_file(sys.argv[1])
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        validate_file(sys.argv[1])
        runs.append(time.perf_counter() - start)
    print(statistics.median(runs))
    """
)


def validate_seconds(path: Path) -> float:
    """What ``vetting validate`` spends on one file itself: validate_file, in process."""
    out = subprocess.run(
        [PY, "-c", VALIDATE_IN_PROCESS, str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def first_question(path: Path, base: Path, env: dict[str, str]) -> Measure:
    """Launch to first question, with a fresh data folder (no sessions piling up).

    The folder is found as `vetting run` finds it (platformdirs), not through
    ``$VETTING_DATA_DIR``.
    """
    data = Path(tempfile.mkdtemp(prefix="data-", dir=base))
    env = {k: v for k, v in env.items() if k != "VETTING_DATA_DIR"} | {"XDG_DATA_HOME": str(data)}
    return run_child([PY, "-c", FIRST_QUESTION, str(path)], env=env, until_ready=True)


def scoring_times(*specs: str) -> tuple[dict[str, float], float]:
    """Median CPU seconds per spec ("500x1": one checklist of 500 items), measured in one
    process in alternation, and that process's peak RSS (MB)."""
    proc = subprocess.Popen(
        [PY, "-c", SCORING, str(ROOT / "bench"), *specs], stdout=subprocess.PIPE
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("scoring benchmark failed")
    return json.loads(out.decode()), usage.ru_maxrss / 1024


class Report:
    def __init__(self) -> None:
        self.goals: list[tuple[str, bool, str]] = []

    def row(
        self, label: str, measure: Measure, other: Measure | None = None, *, inverse: bool = False
    ) -> None:
        """One timed command; with ``other``, the ratio of the two (``inverse``: other/this)."""
        ratio = ""
        if other is not None:
            value = other.seconds / measure.seconds if inverse else measure.seconds / other.seconds
            ratio = f"  {value:6.2f}x"
        self.line(label, measure.seconds, measure.max_rss_mb, ratio)

    def line(
        self, label: str, seconds: float, rss_mb: float | None = None, extra: str = ""
    ) -> None:
        memory = f"{rss_mb:7.1f} MB" if rss_mb is not None else " " * 10
        print(f"  {label:<58} {seconds * 1000:9.1f} ms {memory}{extra}")

    def goal(self, name: str, met: bool, detail: str) -> None:
        self.goals.append((name, met, detail))

    def print_goals(self) -> bool:
        print("\nGoals")
        for name, met, detail in self.goals:
            print(f"  [{'met' if met else 'NOT MET'}] {name}: {detail}")
        return all(met for _, met, _ in self.goals)


@dataclass
class Setup:
    """The generated files and settings shared by every section of one run."""

    base: Path
    folders: dict[int, Path]
    small: Path
    largest: Path
    largest_items: int
    env: dict[str, str]
    repeats: int
    peer_repeats: int


def compile_bytecode() -> None:
    """Compile vetting's modules, as ``pip install`` does for an installed copy.

    The peers' bytecode was compiled when pip installed them. An editable install of
    vetting has none until a module is imported with bytecode writing allowed; under
    ``PYTHONDONTWRITEBYTECODE`` (set on some machines, this one included) every run would
    recompile whatever changed since, and time the compiler instead of vetting.
    """
    where = subprocess.run(
        [PY, "-c", "import os, vetting; print(os.path.dirname(vetting.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([PY, "-m", "compileall", "-q", where], check=True)


def prepare(base: Path, quick: bool) -> Setup:
    """Write the corpora: 10, 100 and 1,000 files of 40 items, a 10-item and the largest file.

    In a child process: this process must stay small (see ``corpus.write_all``).
    """
    compile_bytecode()
    out = subprocess.run([PY, str(CORPUS), str(base)], capture_output=True, text=True, check=True)
    largest_items = int(out.stdout.strip())
    # The corpora are ~1,100 new files; without this their write-back to disk runs during
    # the first measurements, and the app's first save (which fsyncs) waits behind it.
    os.sync()
    folders = {n: base / f"n{n}" for n in (10, 100, 1000)}
    largest, small = base / "largest.yaml", base / "small.yaml"
    env = os.environ.copy() | {"VETTING_DATA_DIR": str(base / "data"), "NO_COLOR": "1"}
    return Setup(
        base, folders, small, largest, largest_items, env, 2 if quick else 5, 1 if quick else 3
    )


def validating(setup: Setup, report: Report) -> None:
    """vetting validate on N files against check-jsonschema and the parse-only floor."""
    print("\nValidating N files of ~40 items (vetting validate --quiet FOLDER)")
    ours_by_n: dict[int, Measure] = {}
    for n, folder in setup.folders.items():
        files = sorted(folder.glob("*.yaml"))
        command = vetting_cmd("validate", "--quiet", str(folder))
        ours = median_of(setup.repeats, lambda command=command: run_child(command, env=setup.env))
        floor_cmd = parse_floor_cmd(folder)
        floor = median_of(setup.repeats, lambda floor_cmd=floor_cmd: run_child(floor_cmd))
        peer_cmd = check_jsonschema_cmd(files)
        runs = setup.peer_repeats if n == 1000 else setup.repeats
        peer = median_of(runs, lambda peer_cmd=peer_cmd: run_child(peer_cmd))
        ours_by_n[n] = ours
        report.row(f"vetting validate, {n} files", ours)
        report.row(f"  parse-only floor (CSafeLoader loop), {n} files", floor, ours, inverse=True)
        report.row(f"  check-jsonschema --schemafile, {n} files", peer, ours, inverse=True)
        if n == 1000:
            faster = peer.seconds / ours.seconds
            report.goal(
                "1,000 files: at least 10x faster than check-jsonschema",
                faster >= 10,
                f"{faster:.1f}x faster",
            )
            floor_ratio = ours.seconds / floor.seconds
            report.goal(
                "1,000 files: within 2x of the parse-only floor",
                floor_ratio <= 2,
                f"{floor_ratio:.2f}x the floor",
            )
    big, few = ours_by_n[1000].max_rss_mb, ours_by_n[10].max_rss_mb
    report.goal(
        "peak memory for 1,000 files within 1.2x of 10 files",
        big / few <= 1.2,
        f"{big:.1f} MB vs {few:.1f} MB ({big / few:.2f}x)",
    )


def starting(setup: Setup, report: Report) -> None:
    """vetting validate on one file against importing yaml and jsonschema."""
    print("\nStart-up")
    one = sorted(setup.folders[10].glob("*.yaml"))[0]
    command = vetting_cmd("validate", "--quiet", str(one))
    peer_command = [PY, "-c", "import yaml, jsonschema"]
    ours_runs: list[Measure] = []
    peer_runs: list[Measure] = []
    for _ in range(setup.repeats * 2 + 1):  # in turns, like the launches below
        ours_runs.append(run_child(command, env=setup.env))
        peer_runs.append(run_child(peer_command))
    ours, peer = median_measure(ours_runs), median_measure(peer_runs)
    report.row('python -c "import yaml, jsonschema"', peer)
    report.row("vetting validate, one 40-item file", ours, peer)
    ratio = ours.seconds / peer.seconds
    report.goal(
        "validate one file starts within 1.3x of importing yaml + jsonschema",
        ratio <= 1.3,
        f"{ratio:.2f}x",
    )


def first_questions(setup: Setup, report: Report) -> None:
    """Launch to first question of vetting run, against a hello-world Textual app."""
    size = setup.largest.stat().st_size
    print(
        f"\nLaunch to first question (headless, 80x24; largest file: "
        f"{setup.largest_items:,} items, {size:,} bytes)"
    )
    hello_cmd = [PY, "-c", HELLO_TEXTUAL]
    runs: dict[str, list[Measure]] = {"hello": [], "small": [], "large": []}
    # In turns (hello, small, large, hello, ...), so a busy moment on the machine falls on
    # all three alike; each launch takes a fraction of a second, so more turns are cheap.
    for _ in range(setup.repeats * 3):
        runs["hello"].append(run_child(hello_cmd, env=setup.env, until_ready=True))
        runs["small"].append(first_question(setup.small, setup.base, setup.env))
        runs["large"].append(first_question(setup.largest, setup.base, setup.env))
    hello, small, large = (median_measure(runs[name]) for name in ("hello", "small", "large"))
    validate_cost = validate_seconds(setup.largest)
    report.row("hello-world Textual app (launch to its label on screen)", hello)
    report.row("vetting run, 10-item checklist", small, hello)
    report.row(f"vetting run, {setup.largest_items:,}-item checklist", large, hello)
    report.line(
        f"validate_file, {setup.largest_items:,}-item checklist (in process)", validate_cost
    )
    ratio = small.seconds / hello.seconds
    report.goal(
        "10-item first question within 1.3x of hello-world Textual",
        ratio <= 1.3,
        f"{ratio:.2f}x ({small.seconds * 1000:.0f} ms vs {hello.seconds * 1000:.0f} ms)",
    )
    budget = small.seconds + validate_cost
    report.goal(
        f"{setup.largest_items:,}-item first question within the 10-item time + "
        "what validate spends on that file",
        large.seconds <= budget,
        f"{large.seconds * 1000:.0f} ms vs budget {budget * 1000:.0f} ms",
    )
    in_a_terminal(setup, report)


def in_a_terminal(setup: Setup, report: Report) -> None:
    """The cross-check (a diagnostic, not a goal): the real ``vetting run`` and a
    hello-world's ``App.run()`` in a pseudo-terminal, until the words are on it."""
    words = subprocess.run(
        [PY, "-c", FIRST_WORDS, str(setup.small)], capture_output=True, text=True, check=True
    ).stdout.strip()
    env = setup.env | {"TERM": "xterm-256color"}
    runs: dict[str, list[float]] = {"hello": [], "small": []}
    for _ in range(setup.repeats * 3):
        runs["hello"].append(seconds_until_shown([PY, "-c", HELLO_APP], "Hello", env))
        data = tempfile.mkdtemp(prefix="data-", dir=setup.base)
        runs["small"].append(
            seconds_until_shown(
                vetting_cmd("run", str(setup.small)), words, env | {"XDG_DATA_HOME": data}
            )
        )
    hello, small = (statistics.median(runs[name]) for name in ("hello", "small"))
    report.line("(diagnostic) in a terminal: hello-world App.run()", hello)
    report.line(
        "(diagnostic) in a terminal: vetting run, 10-item checklist",
        small,
        None,
        f"  {small / hello:6.2f}x",
    )


def scoring(setup: Setup, report: Report) -> None:
    """The scoring engine on checklists built in memory."""
    print("\nScoring (in memory, every item answered; CPU time; sizes timed in alternation)")
    times, rss = scoring_times("500x1", "5000x1", "500x10")
    t500, t5000, t10x500 = times["500x1"], times["5000x1"], times["500x10"]
    report.line("score 500 items", t500, rss)
    report.line("score 5,000 items", t5000, rss, f"  {t5000 / t500:6.2f}x")
    # The same 5,000 items as ten separate checklists: the same work, a smaller working set
    # per call. If this is also far above 10x, the growth is the CPU cache, not the code.
    report.line(
        "  (diagnostic) score 10 checklists of 500 items", t10x500, rss, f"  {t10x500 / t500:6.2f}x"
    )
    report.goal(
        "scoring grows linearly (10x items costs at most 11x)",
        t5000 / t500 <= 11,
        f"{t5000 / t500:.2f}x",
    )
    report.goal("5,000 items score in under 50 ms", t5000 < 0.05, f"{t5000 * 1000:.1f} ms")


def hostile(setup: Setup, report: Report) -> None:
    """validate_file on every hostile input (bench/hostile.py), then the command on the worst."""
    print("\nHostile files (validate_file in process; the slowest three of them)")
    folder = setup.base / "hostile"
    child = [PY, str(ROOT / "bench" / "hostile.py"), str(folder)]
    times: dict[str, float] = json.loads(
        subprocess.run(child, capture_output=True, text=True, check=True).stdout
    )
    ranked = sorted(times, key=times.__getitem__)
    for name in ranked[-3:]:
        report.line(f"validate_file, {name}", times[name])
    worst = ranked[-1]
    command = vetting_cmd("validate", str(folder / worst))
    run = median_of(setup.repeats, lambda: run_child(command, env=setup.env))
    report.row(f"vetting validate, {worst}", run)
    report.goal(
        "every hostile file checked in under 1 s in validate_file (SECURITY-NOTES L6, 17.7)",
        times[worst] < 1.0,
        f"slowest of {len(times)}: {worst}, {times[worst] * 1000:.0f} ms; 24,000 unknown "
        f"keys {times['unknown-keys-24000.yaml'] * 1000:.0f} ms",
    )
    report.goal(
        "the command on the slowest hostile file: under 5 s and 200 MB (SECURITY-NOTES L6)",
        run.seconds < 5 and run.max_rss_mb < 200,
        f"{run.seconds * 1000:.0f} ms, {run.max_rss_mb:.0f} MB",
    )


SECTIONS: dict[str, Callable[[Setup, Report], None]] = {
    "validate": validating,
    "startup": starting,
    "launch": first_questions,
    "scoring": scoring,
    "hostile": hostile,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="run only this section (may be repeated); the goals of the others are not printed",
    )
    args = parser.parse_args(argv)
    report = Report()
    print(
        f"vetting benchmark — {time.strftime('%Y-%m-%d %H:%M %Z')} — "
        f"{os.cpu_count()} cores — load {os.getloadavg()[0]:.2f} — {PY}"
    )
    print("times are medians (peak RSS: the largest of the runs); a ratio is vetting's time")
    print("divided by the peer's (below 1: vetting is faster); scoring: 5,000 vs 500 items")
    with tempfile.TemporaryDirectory(prefix="vetting-bench-") as tmp:
        setup = prepare(Path(tmp), args.quick)
        for name in args.only or SECTIONS:
            SECTIONS[name](setup, report)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if report.print_goals() else 1


if __name__ == "__main__":
    raise SystemExit(main())
