"""``vetting serve`` as a person starts and stops it: the link, Ctrl+C, --host, --open, logs."""

from __future__ import annotations

import ast
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.rawclient import request, websocket_headers
from tests.support.serve import URL_RE, WAIT, serve_environment, start_serve, wait_until
from vetting.serve.guard import cookie_name

ROOT = Path(__file__).resolve().parents[2]


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (the tabs' apps)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def open_tab(port: int, token: str) -> socket.socket:
    """A WebSocket held open, as a browser tab holds it (the server starts an app for it)."""
    lines = [
        "GET /ws HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        *websocket_headers(f"http://127.0.0.1:{port}"),
        f"Cookie: {cookie_name(port)}={token}",
        "",
        "",
    ]
    sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    sock.sendall("\r\n".join(lines).encode())
    assert sock.recv(12) == b"HTTP/1.1 101"
    return sock


def test_each_run_prints_one_link_with_its_own_long_token(tmp_path: Path) -> None:
    tokens = []
    for run in ("one", "two"):
        (tmp_path / run).mkdir()
        served = start_serve(tmp_path / run)
        assert served.stop() == 0
        assert len(URL_RE.findall(served.output())) == 1
        tokens.append(served.token)
    assert tokens[0] != tokens[1]
    assert all(len(token) >= 43 for token in tokens)  # 32 random bytes, URL-safe base64


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_ctrl_c_stops_the_server_and_every_app(tmp_path: Path, signum: int) -> None:
    served = start_serve(tmp_path)
    tabs = [open_tab(served.port, served.token) for _ in range(2)]
    apps = wait_until(
        lambda: len(children(served.process.pid)) == 2 and children(served.process.pid),
        "an app for each tab",
    )
    assert served.stop(signum) == 0
    for tab in tabs:
        tab.close()
    assert not [pid for pid in apps if Path(f"/proc/{pid}").exists()], "no app is left running"
    assert served.output().rstrip().endswith("vetting serve: stopped.")
    assert "Traceback" not in served.logs() + served.output()
    with pytest.raises(OSError):
        request(served.port, "/")


def test_the_logs_hold_no_token_and_nothing_a_request_carried(tmp_path: Path) -> None:
    served = start_serve(tmp_path)
    marker = "MARKER-private-answer"
    request(served.port, f"/?token={marker}")
    request(served.port, f"/{marker}?q={marker}", [f"X-Note: {marker}"])
    request(served.port, f"/?token={served.token}")
    request(served.port, "/", [f"Host: {marker}.example:{served.port}"])
    request(served.port, "/ws", websocket_headers(f"http://{marker}.example"))
    assert served.stop() == 0
    logs, output = served.logs(), served.output()
    assert "refused a request" in logs  # it does log, just never what was sent
    assert marker not in logs + output
    assert served.token not in logs
    assert output.count(served.token) == 1  # the printed link, once
    assert "GET " not in logs and "HTTP/1.1" not in logs  # no access log


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vetting", "serve", *args],
        env=serve_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=WAIT,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("wildcard", ["0.0.0.0", "::"])
def test_every_interface_at_once_is_refused(tmp_path: Path, wildcard: str) -> None:
    run = _serve(tmp_path, "--host", wildcard)
    assert run.returncode == 2
    assert "needs one address" in run.stderr
    assert "http://" not in run.stdout


def test_another_address_warns_first(tmp_path: Path) -> None:
    """192.0.2.1 is a documentation address: not this machine's, so nothing listens."""
    run = _serve(tmp_path, "--host", "192.0.2.1", "--port", "8765")
    assert run.stderr.startswith("vetting serve: WARNING: listening on 192.0.2.1")
    assert "plain HTTP" in run.stderr and "anyone who can" in run.stderr.lower()
    assert "Cannot listen on 192.0.2.1 port 8765" in run.stderr
    assert run.returncode == 1
    assert "Traceback" not in run.stderr


def test_loopback_needs_no_warning_and_a_taken_port_is_said_plainly(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = _serve(tmp_path, "--port", str(port))
    assert run.returncode == 1
    assert run.stderr == f"vetting serve: Cannot listen on 127.0.0.1 port {port}: it is in use.\n"
    assert _serve(tmp_path, "--port", "70000").returncode == 2


BROWSER_SCRIPT = """#!{python}
import os, stat, sys
from pathlib import Path
from urllib.parse import urlsplit, unquote
path = Path(unquote(urlsplit(sys.argv[1]).path))
mode = stat.S_IMODE(path.stat().st_mode), stat.S_IMODE(path.parent.stat().st_mode)
Path({record!r}).write_text(repr((sys.argv[1:], mode, path.read_text())))
"""


def test_open_hands_the_browser_a_private_file_not_the_token(tmp_path: Path) -> None:
    """A browser's command line is readable by every user (``ps``): the token stays off it."""
    record = tmp_path / "browser-was-given"
    browser = tmp_path / "fake-browser"
    browser.write_text(BROWSER_SCRIPT.format(python=sys.executable, record=str(record)))
    browser.chmod(0o700)
    env = serve_environment(tmp_path)
    env["BROWSER"] = str(browser)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    served = start_serve(tmp_path, "--open", env=env)
    wait_until(record.exists, "the browser to be started")
    argv, (file_mode, folder_mode), page = ast.literal_eval(record.read_text())
    assert served.token not in " ".join(argv)
    assert argv[0].startswith("file:///")
    assert (file_mode, folder_mode) == (0o600, 0o700)
    assert served.url in page and "http-equiv='refresh'" in page
    opened = Path(argv[0].removeprefix("file://"))
    assert served.stop() == 0
    assert not opened.exists() and not opened.parent.exists(), "removed when it stops"


@pytest.mark.parametrize(
    "code",
    [
        "import vetting.cli; vetting.cli.build_parser()",
        "import vetting.tui.app, vetting.tui.screens.export",
        "from vetting.cli import main; main(['validate', 'checklists'])",
    ],
    ids=["cli", "app", "validate"],
)
def test_other_commands_never_load_the_web_server(code: str) -> None:
    probe = (
        f"{code}\nimport sys\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'textual_serve')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=WAIT
    )
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout + run.stderr


def test_help_names_the_command_and_its_options() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "vetting", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert run.returncode == 0
    for option in ("--port", "--open", "--host", "--lang"):
        assert option in run.stdout
    assert re.search(
        r"serve\s+open the app in your web browser",
        subprocess.run(
            [sys.executable, "-m", "vetting", "--help"],
            capture_output=True,
            text=True,
            timeout=WAIT,
        ).stdout,
    )
