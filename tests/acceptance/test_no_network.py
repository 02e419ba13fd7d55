"""Nothing vetting does opens a network connection: "your answers never leave this computer".

Two kinds of proof:

* **In-process, sockets blocked.** ``socket.socket.connect``/``connect_ex``,
  ``socket.create_connection`` and ``socket.getaddrinfo`` are replaced by functions that
  record the attempt and raise. Validation of every built-in checklist, their golden
  tests, ``vetting score`` and a whole app session (start a built-in checklist, answer,
  reach the results, export) must record zero attempts. A positive control shows that the
  guard does catch a real attempt.
* **A real command against a real server.** ``vetting validate`` runs in a child process
  over a checklist that points at a local HTTP server everywhere a URL can go (``$schema``,
  ``$ref``, ``$id``, the editor modeline, sources and reference links). The server must
  receive no request at all. jsonschema 4.26 *does* fetch remote ``$ref``\\s by default
  (SECURITY-NOTES E4b), so this would catch a validator built without the empty registry.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from vetting import cli
from vetting.checklist.resources import builtin_checklist_paths
from vetting.scoring import run_golden_tests
from vetting.validation.many_files import validate_paths
from vetting.validation.pipeline import load_checklist

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "cases" / "good" / "red_flags_small.yaml"


# --------------------------------------------------------------------------- the socket guard


class NetworkUsed(OSError):
    """Raised in place of any connection; an OSError so callers see a normal failure."""


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Block every way Python opens a connection or looks up a name; record each try."""
    seen: list[str] = []

    def blocked(name: str) -> Callable[..., None]:
        def refuse(*args: object, **kwargs: object) -> None:
            seen.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise NetworkUsed(f"network use blocked by the test: {name}")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", blocked("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocked("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", blocked("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("getaddrinfo"))
    return seen


def test_the_guard_catches_a_real_attempt(attempts: list[str]) -> None:
    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    with pytest.raises(OSError):
        socket.socket().connect(("127.0.0.1", 9))
    assert len(attempts) == 2


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("VETTING_DATA_DIR", str(data))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return data


# --------------------------------------------------------------------------- in-process


def test_validating_and_golden_tests_of_builtins_use_no_network(attempts: list[str]) -> None:
    paths = builtin_checklist_paths()
    assert len(paths) >= 3
    reports = validate_paths([str(path) for path in paths], jobs=1)
    assert all(report.ok for report in reports), [r.problems for r in reports if not r.ok]
    for path in paths:
        checklist = load_checklist(path)
        assert checklist.tests, f"{path.name} has no golden tests"
        assert run_golden_tests(checklist) == []
    assert attempts == []


def _answers_file(folder: Path, path: Path) -> Path:
    checklist = load_checklist(path)
    out = folder / f"{checklist.id}.answers.json"
    document = {
        "format": 1,
        "checklist": {"id": checklist.id, "version": checklist.version},
        "answers": checklist.tests[0].answers_dict(),
    }
    out.write_text(json.dumps(document), encoding="utf-8")
    return out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_score_command_uses_no_network(
    fmt: str, attempts: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in builtin_checklist_paths():
        answers = _answers_file(tmp_path, path)
        assert cli.main(["score", "--format", fmt, str(path), str(answers)]) == 0
    assert capsys.readouterr().out.strip()
    assert attempts == []


def _clock() -> datetime:
    return datetime(2026, 11, 25, 20, 5, tzinfo=UTC)


async def _play_a_session(data_dir: Path) -> list[str]:
    """Start the first built-in checklist, answer a few questions, reach the results."""
    from vetting.tui.app import make_app
    from vetting.tui.screens.results import ResultsScreen
    from vetting.tui.screens.take import TakeScreen

    app = make_app(data_dir=data_dir, clock=_clock)
    screens: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the first checklist
        await pilot.pause()
        await pilot.press("enter")  # accept the suggested session name
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TakeScreen), type(app.screen).__name__
        screens.append(type(app.screen).__name__)
        await pilot.press("n")  # past the disclaimer
        for _ in range(3):
            await pilot.press("2", "n")
            await app.workers.wait_for_complete()
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen), type(app.screen).__name__
        screens.append(type(app.screen).__name__)
        await pilot.press("f1")  # crisis help is local text too
        await pilot.pause()
        screens.append(type(app.screen).__name__)
    return screens


def test_a_whole_app_session_uses_no_network(attempts: list[str], private_home: Path) -> None:
    screens = asyncio.run(_play_a_session(private_home))
    assert screens == ["TakeScreen", "ResultsScreen", "CrisisModal"]
    saved = list((private_home / "sessions").glob("*.json"))
    assert saved, "the session should have been saved locally"
    assert attempts == []


# --------------------------------------------------------------------------- a real server


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b'{"type": "object"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads ``requests`` instead."""


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that counts requests; shut down after the test.

    The serving thread is a daemon, so even a failing test never keeps pytest alive.
    """
    requests: list[str] = []
    handler = type("Handler", (_Counting,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.timeout = 1
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_the_server_counts_a_real_request(local_server: tuple[str, list[str]]) -> None:
    url, requests = local_server
    with contextlib.closing(urllib.request.urlopen(f"{url}/probe", timeout=5)) as response:
        assert response.status == 200
    assert requests == ["/probe"]


def _pointing_at(url: str) -> str:
    """The small valid checklist with the server's URL in every place a URL can be put."""
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace(
        "# yaml-language-server: $schema=../../../schemas/checklist.schema.json",
        f"# yaml-language-server: $schema={url}/modeline.json",
    )
    text = text.replace(
        "format: 1\n",
        f'format: 1\n"$schema": {url}/schema.json\n"$id": {url}/id.json\n',
    )
    text = text.replace(
        "    title: Boundaries\n",
        f'    title: Boundaries\n    "$ref": {url}/ref.json\n',
    )
    text = text.replace(
        '"https://www.counseling.org/resources/aca-code-of-ethics.pdf"', f"{url}/source.pdf"
    )
    text = text.replace(
        '{ code: ACA, edition: "2014", section: A.5.a }',
        f'{{ code: ACA, edition: "2014", section: A.5.a }}\n'
        f"          - {{ title: Read more, url: {url}/reference }}",
    )
    return text


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "GITHUB_ACTIONS": ""}
    return subprocess.run(
        [sys.executable, "-m", "vetting", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def test_cli_validate_never_fetches_urls_in_a_checklist(
    local_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, requests = local_server
    path = tmp_path / "points_at_server.yaml"
    path.write_text(_pointing_at(url), encoding="utf-8")
    done = _run(["validate", str(path)], ROOT)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1  # `$schema`, `$id` and `$ref` are unknown keys
    assert "[schema-unknown-key]" in done.stdout
    assert requests == []


def test_cli_score_never_fetches_a_source_url(
    local_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    """A valid checklist whose only link is the server: scoring and every report stay local."""
    url, requests = local_server
    text = SMALL.read_text(encoding="utf-8").replace(
        '"https://www.counseling.org/resources/aca-code-of-ethics.pdf"', f"{url}/source.pdf"
    )
    checklist = tmp_path / "local_link.yaml"
    checklist.write_text(text, encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "checklist": {"id": "red_flags_small", "version": "1.0.0"},
                "answers": {"in_danger": "no", "sexual_contact": "yes"},
            }
        ),
        encoding="utf-8",
    )
    for fmt in ("text", "html"):
        done = _run(["score", "--format", fmt, str(checklist), str(answers)], ROOT)
        assert "Traceback" not in done.stdout + done.stderr
        assert done.returncode == 0, done.stderr
        assert f"{url}/source.pdf" in done.stdout  # shown as text for the person to judge
        assert f'href="{url}' not in done.stdout  # but never a live link: it is not https
    assert requests == []
