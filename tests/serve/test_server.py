"""The server's own behaviour with a stand-in app: reload waits, stderr and logs stay quiet.

The stand-in speaks Textual's web-driver protocol (the ``__GANGLION__`` line, then
``D``/``M`` packets), takes the same kind of ``flock`` the session store takes, writes a
secret to its stderr, and is slow to quit, so what the server does with each of these
can be seen exactly.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from vetting.serve import server as serve_server
from vetting.serve.guard import cookie_name
from vetting.serve.server import ServeConfig, Server, bind, configure_logging

SECRET = "SECRET-ANSWER-7f3a"
FAKE_APP = r"""
import fcntl, json, os, sys, time
lock = open(sys.argv[1], "w")
try:
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    state = b"free"
except OSError:
    state = b"locked"
sys.stderr.write("Traceback (most recent call last): answers={'q': '%s'}\n" % sys.argv[2])
sys.stderr.flush()
out = sys.stdout.buffer
def packet(kind, payload):
    out.write(kind + len(payload).to_bytes(4, "big") + payload)
    out.flush()
out.write(b"__GANGLION__\n")
packet(b"D", state)
data = sys.stdin.buffer
while True:
    head = data.read(5)
    if len(head) < 5:
        break
    body = data.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        packet(b"D", b"echo:" + body)
    elif head[:1] == b"M" and json.loads(body).get("type") == "quit":
        break
time.sleep(float(sys.argv[3]))  # slow to let go of its lock, as an app saving would be
sys.exit(3)
"""


class Running:
    """A :class:`Server` on a free port of 127.0.0.1, and a client with its cookie."""

    def __init__(self, config: ServeConfig) -> None:
        self.sock = bind("127.0.0.1", 0)
        self.port = self.sock.getsockname()[1]
        self.server = Server(config, self.port)

    async def __aenter__(self) -> Running:
        self.runner = web.AppRunner(self.server.application(), access_log=None)
        await self.runner.setup()
        await web.SockSite(self.runner, self.sock).start()
        jar = aiohttp.CookieJar(unsafe=True)
        self.client = aiohttp.ClientSession(cookie_jar=jar)
        jar.update_cookies({cookie_name(self.port): self.server.token}, response_url=self.url("/"))
        return self

    async def __aexit__(self, *exc) -> None:
        await self.client.close()
        await self.runner.cleanup()

    def url(self, path: str) -> str:
        from yarl import URL

        return URL(f"http://127.0.0.1:{self.port}{path}")

    def tab(self):
        return self.client.ws_connect(
            self.url("/ws?width=80&height=24"), origin=f"http://127.0.0.1:{self.port}"
        )


def fake_config(tmp_path: Path, quit_delay: float) -> ServeConfig:
    script = tmp_path / "fake_app.py"
    script.write_text(FAKE_APP, encoding="utf-8")
    argv = [sys.executable, str(script), str(tmp_path / "lock"), SECRET, str(quit_delay)]
    return ServeConfig(app_argv=argv, environment={"PATH": "/usr/bin:/bin"})


async def first_bytes(ws) -> bytes:
    message = await asyncio.wait_for(ws.receive(), 20)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return message.data


@pytest.fixture
def logs() -> io.StringIO:
    root, ours = logging.getLogger(), logging.getLogger("vetting.serve")
    saved = root.handlers[:], root.level, ours.level
    stream = io.StringIO()
    configure_logging(stream)
    yield stream
    root.handlers[:], _, _ = saved
    root.setLevel(saved[1])
    ours.setLevel(saved[2])


def test_a_reload_waits_for_the_old_app_to_let_go_of_the_lock(tmp_path: Path, logs) -> None:
    """Without the wait, the reloaded tab's app would find the lock held: read-only."""

    async def scenario() -> tuple[bytes, bytes]:
        async with Running(fake_config(tmp_path, quit_delay=1.5)) as running:
            async with running.tab() as old:
                first = await first_bytes(old)
            async with running.tab() as new:  # the reload: the old tab has just closed
                second = await first_bytes(new)
            return first, second

    assert asyncio.run(scenario()) == (b"free", b"free")


def test_a_second_tab_meanwhile_finds_the_lock_held(tmp_path: Path, logs) -> None:
    async def scenario() -> tuple[bytes, bytes]:
        config = fake_config(tmp_path, quit_delay=0)
        async with Running(config) as running, running.tab() as one:
            first = await first_bytes(one)
            async with running.tab() as two:
                return first, await first_bytes(two)

    assert asyncio.run(scenario()) == (b"free", b"locked")


def test_keys_reach_the_app_and_nothing_of_them_or_its_stderr_is_shown(
    tmp_path: Path, logs, capfd
) -> None:
    async def scenario() -> bytes:
        config = fake_config(tmp_path, quit_delay=0)
        async with Running(config) as running, running.tab() as ws:
            await first_bytes(ws)
            for junk in ("not json", "[]", "[5]", '["stdin", {"x": 1}]', '{"a": 1}'):
                await ws.send_str(junk.replace("1", f'"{SECRET}"'))
            await ws.send_bytes(SECRET.encode())
            await ws.send_str(json.dumps(["resize", {"width": "x", "height": 10**9}]))
            await ws.send_str(json.dumps(["stdin", SECRET]))
            return await first_bytes(ws)

    assert asyncio.run(scenario()) == b"echo:" + SECRET.encode()
    captured = capfd.readouterr()
    everything = logs.getvalue() + captured.out + captured.err
    assert SECRET not in everything
    assert "Traceback" not in everything
    assert "an app ended with an error (exit status 3)" in logs.getvalue()


def test_a_crash_in_a_handler_logs_its_type_only(tmp_path: Path, logs, monkeypatch) -> None:
    """aiohttp logs handler errors with a traceback; its frames' values never appear."""

    async def boom(self, request):
        answers = {"q": SECRET}  # what a traceback with locals would print
        raise ValueError(f"{answers}")

    monkeypatch.setattr(Server, "handle_index", boom)

    async def scenario() -> int:
        config = fake_config(tmp_path, quit_delay=0)
        async with Running(config) as running, running.client.get(running.url("/")) as response:
            return response.status

    assert asyncio.run(scenario()) == 500
    text = logs.getvalue()
    assert "ValueError" in text and SECRET not in text and "Traceback" not in text


def test_links_from_the_app_must_be_https(tmp_path: Path) -> None:
    sent: list[str] = []

    async def scenario() -> None:
        async def write_str(text: str) -> None:
            sent.append(text)

        async def noop(*_: object) -> None:
            return None

        from textual_serve.download_manager import DownloadManager

        process = serve_server.AppProcess(
            ["true"],
            {},
            write_bytes=noop,
            write_str=write_str,
            close=noop,
            download_manager=DownloadManager(),
        )
        for url in ("javascript:alert(1)", "http://example.org", "https://988lifeline.org"):
            meta = {"type": "open_url", "url": url, "new_tab": False}
            await process.on_meta(json.dumps(meta).encode())

    asyncio.run(scenario())
    assert [json.loads(text) for text in sent] == [
        ["open_url", {"url": "https://988lifeline.org", "new_tab": True}]
    ]
