"""The web server behind ``vetting serve``: one aiohttp application, private by default.

Every request passes :meth:`Server.refusal` first (Host, the peer's user, fetch
metadata, the token; see :mod:`vetting.serve.guard` for the threats) and gets a plain 403
otherwise; the WebSocket also needs this server's own Origin. The token is accepted in
the URL on the page's address only: that response sets it as an ``HttpOnly``,
``SameSite=Strict`` cookie and the page takes it out of the address bar at once, so it
does not stay in the history.

Each tab that connects gets its own ``vetting app`` process (:mod:`vetting.serve.process`)
with the server's environment, so the app finds the same session store; its lock makes a
second tab read-only. A tab that reloads waits until the process of the tab it replaces
has exited, so the reload resumes with the lock instead of a read-only copy.

The rest of a run (the socket, the log that never shows values, the printed link,
``--open``) is :mod:`vetting.serve.launch`.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template
from typing import TextIO
from urllib.parse import quote

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from vetting.serve import guard, peers
from vetting.serve.launch import (
    BrowserOpener,
    ServeError as ServeError,  # `vetting serve` and the tests import these from here
    announce,
    bind as bind,
    configure_logging as configure_logging,
    loop_exception,
)
from vetting.serve.process import QUIT_GRACE, AppProcess

log = logging.getLogger("vetting.serve")

PAGE_DIR = Path(str(files("vetting.serve") / "page"))
TEXTUAL_STATIC_DIR = Path(textual_serve.__file__).parent / "static"
MAX_MESSAGE_BYTES = 1024 * 1024  # a paste of a long answer fits; nothing bigger is typed
MIN_SIZE, MAX_SIZE = 10, 1000  # terminal cells a tab may ask for
DOWNLOAD_KEY = re.compile(r"[0-9a-f]{32}")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MIME_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")
CHARSET = re.compile(r"[A-Za-z0-9_-]{1,40}")
FORBIDDEN_TEXT = (
    "This address needs the link that `vetting serve` printed (it carries a secret).\n"
    "Open that link again, or stop and restart `vetting serve` for a new one.\n"
)


@dataclass
class ServeConfig:
    """What one run of ``vetting serve`` needs; the command line builds it."""

    app_argv: Sequence[str]  # the app to run for each tab, without a shell
    host: str = "127.0.0.1"
    port: int = 0  # 0: any free port
    open_browser: bool = False
    environment: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    token: str = field(default_factory=guard.new_token)


def app_command(language: str | None = None) -> list[str]:
    """The app each tab runs: this Python's ``vetting app`` (with ``--lang`` if chosen)."""
    argv = [sys.executable, "-m", "vetting", "app"]
    return [*argv, "--lang", language] if language else argv


class Server:
    """The routes, the checks and the tabs of one run. See the module docstring."""

    def __init__(self, config: ServeConfig, port: int) -> None:
        self.config = config
        self.port = port
        self.token = config.token
        self.cookie = guard.cookie_name(port)
        self.hosts = guard.allowed_hosts(config.host, port)
        self.check_peers = peers.supported()
        self.uid = os.getuid()
        self.downloads = DownloadManager()
        self.tabs: dict[web.WebSocketResponse, AppProcess] = {}
        self.closing: set[asyncio.Future[None]] = set()
        self.page = Template((PAGE_DIR / "index.html").read_text(encoding="utf-8"))

    @property
    def url(self) -> str:
        """The one link to print: the address and the token."""
        host = "127.0.0.1" if guard.is_loopback(self.config.host) else self.config.host
        return f"http://{guard.host_with_port(host, self.port)}/?token={self.token}"

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=64 * 1024)
        app.add_routes(
            [
                web.get("/", self.handle_index),
                web.get("/ws", self.handle_websocket),
                web.get("/download/{key}", self.handle_download),
                web.static("/static/textual", TEXTUAL_STATIC_DIR, follow_symlinks=False),
                web.static("/static/vetting", PAGE_DIR, follow_symlinks=False),
            ]
        )
        app.on_response_prepare.append(self._add_headers)
        app.on_shutdown.append(self._close_tabs)
        return app

    # -- who may ask --------------------------------------------------------------

    def refusal(self, request: web.BaseRequest) -> str | None:
        """Why ``request`` is refused (words for the log), or ``None`` to let it through."""
        if not guard.host_ok(request.headers.get("Host"), self.hosts):
            return "it named another host (a DNS-rebinding page?)"
        peer_problem = self._peer_refusal(request)
        if peer_problem:
            return peer_problem
        if request.path == "/" and "token" in request.query:
            # The printed link. It may come from a page opened from a file (``--open``),
            # which the browser calls cross-site, so the token alone decides here.
            if guard.token_matches(request.query.get("token"), self.token):
                return None
            return "its token was wrong"
        if not guard.fetch_site_ok(request.headers.get("Sec-Fetch-Site")):
            return "the browser says it came from another site"
        if not guard.token_matches(request.cookies.get(self.cookie), self.token):
            return "it had no token"
        return None

    def _peer_refusal(self, request: web.BaseRequest) -> str | None:
        transport = request.transport
        peer = transport.get_extra_info("peername") if transport else None
        own = transport.get_extra_info("sockname") if transport else None
        if not peer or not own:
            return "its connection could not be identified"
        if not guard.is_loopback(peer[0]):
            return None  # only with --host: the token alone protects (the warning says so)
        if not self.check_peers:
            return None  # no /proc/net/tcp on this system: the token alone protects
        if peers.peer_uid(peer[:2], own[:2]) != self.uid:
            return "it came from another user of this computer"
        return None

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            log.info("refused a request: %s", reason)
            return web.Response(status=403, text=FORBIDDEN_TEXT)
        return await handler(request)

    async def _add_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """No framing, no sniffing, no referrer, no cache, and only this server's resources."""
        host = request.headers.get("Host", "")
        ws = f"ws://{host}" if guard.host_ok(host, self.hosts) else ""
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data: blob:; font-src 'self'; connect-src 'self' {ws}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"

    # -- the page -------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page; arriving with the token, the token becomes a cookie."""
        ws_url = html.escape(f"ws://{request.host}/ws", quote=True)
        response = web.Response(
            text=self.page.substitute(ws_url=ws_url), content_type="text/html", charset="utf-8"
        )
        if "token" in request.query:
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
        return response

    # -- one tab --------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        if not guard.origin_ok(request.headers.get("Origin"), request.host):
            log.info("refused a request: its WebSocket came from another page")
            return web.Response(status=403, text=FORBIDDEN_TEXT)
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES, timeout=2.0)
        await ws.prepare(request)
        await self._after_closing_tabs()
        service = AppProcess(
            self.config.app_argv,
            self.config.environment,
            write_bytes=ws.send_bytes,
            write_str=ws.send_str,
            close=ws.close,
            download_manager=self.downloads,
        )
        self.tabs[ws] = service
        log.info("a browser tab opened the app (%d open)", len(self.tabs))
        try:
            await service.start(
                _size(request.query.get("width")), _size(request.query.get("height"))
            )
            await self._relay_input(ws, service)
        except OSError as error:
            log.warning("the app could not be started (%s)", type(error).__name__)
        finally:
            stopping = asyncio.ensure_future(service.stop())
            self.closing.add(stopping)
            try:
                await asyncio.shield(stopping)
            finally:
                self.closing.discard(stopping)
                self.tabs.pop(ws, None)
                await ws.close()
            log.info("a browser tab closed (%d open)", len(self.tabs))
        return ws

    async def _after_closing_tabs(self) -> None:
        """Let apps of closed tabs release the session lock first (a reload resumes)."""
        if self.closing:
            await asyncio.wait(set(self.closing), timeout=QUIT_GRACE + 1)

    @staticmethod
    async def _relay_input(ws: web.WebSocketResponse, service: AppProcess) -> None:
        """The tab's keys, size and focus to the app; anything malformed is dropped."""
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not (isinstance(envelope, list) and envelope and isinstance(envelope[0], str)):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(_size(data.get("width")), _size(data.get("height")))
            elif kind == "ping" and isinstance(data, str) and len(data) < 100:
                await ws.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """An export the app offered (Textual's ``deliver_text``): always an attachment."""
        key = request.match_info["key"]
        if not DOWNLOAD_KEY.fullmatch(key):
            raise web.HTTPNotFound(text="No such download.\n")
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="This download has ended. Export again.\n") from None
        mime = meta.mime_type if MIME_TYPE.fullmatch(meta.mime_type or "") else ""
        content_type = mime or "application/octet-stream"
        if mime and meta.encoding and CHARSET.fullmatch(meta.encoding):
            content_type += f"; charset={meta.encoding}"
        response = web.StreamResponse(
            headers={
                "Content-Type": content_type,
                "Content-Disposition": content_disposition(meta.file_name),
            }
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def _close_tabs(self, app: web.Application) -> None:
        """On shutdown: end every tab's app (which closes its tab), all at once."""
        services = list(self.tabs.values())
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)
        for ws in list(self.tabs):
            with contextlib.suppress(Exception):
                await ws.close(code=1001, message=b"vetting serve stopped")
        await self._after_closing_tabs()


def _size(value: object) -> int:
    """A terminal dimension from the tab, kept within sane bounds."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 80
    return max(MIN_SIZE, min(MAX_SIZE, number))


def content_disposition(file_name: str) -> str:
    """``attachment`` with a name made only of safe characters (never ``inline``)."""
    name = SAFE_NAME.sub("-", Path(file_name or "").name).lstrip(".-")[:120] or "vetting-export"
    return f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


# -- running ------------------------------------------------------------------------


def serve(config: ServeConfig, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run until Ctrl+C (SIGINT) or SIGTERM; then close every tab and app, and return 0."""
    sock = bind(config.host, config.port)
    configure_logging(err)
    return asyncio.run(_serve(config, sock, out))


async def _serve(config: ServeConfig, sock: socket.socket, out: TextIO) -> int:
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(loop_exception)
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    server = Server(config, sock.getsockname()[1])
    runner = web.AppRunner(
        server.application(),
        access_log=None,
        handle_signals=False,
        shutdown_timeout=QUIT_GRACE + 3,
    )
    await runner.setup()
    await web.SockSite(runner, sock).start()
    announce(server.url, out)
    opener = BrowserOpener(server.url) if config.open_browser else None
    try:
        if opener is not None:
            opener.open(out)
        await stop.wait()
        print("vetting serve: stopping (closing every tab; your answers are saved)…", file=out)
        out.flush()
    finally:
        await runner.cleanup()
        if opener is not None:
            opener.remove()
    print("vetting serve: stopped.", file=out)
    return 0
