"""What one run of ``vetting serve`` needs from the computer around the web server.

:mod:`vetting.serve.server` is the aiohttp application; this module is the rest of a run:
the listening socket (and its error in plain words), the log, the link printed for the
person, and ``--open``'s private file for the browser.

Logging says what happened, never what was typed or read: no access log (URLs carry the
token), no request bodies or WebSocket messages, and no tracebacks (only the type of an
error), because a traceback's values can be a person's answers (SECURITY-NOTES R7).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import socket
import tempfile
import threading
import webbrowser
from pathlib import Path
from typing import TextIO

from vetting.errors import VettingError

log = logging.getLogger("vetting.serve")


class ServeError(VettingError):
    """The server cannot start (the port is taken, the address is not this machine's)."""

    code = "E_SERVE"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a :class:`ServeError` in plain words."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise ServeError(f"{host} is not an address of this computer ({error}).") from error
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        reason = "it is in use" if error.errno == 98 else (error.strerror or str(error))
        raise ServeError(f"Cannot listen on {host} port {port}: {reason}.") from error
    sock.setblocking(False)
    return sock


class _TypeOnlyFormatter(logging.Formatter):
    """Log lines without tracebacks or stacks: the error's type is all that is shown."""

    def formatException(self, ei) -> str:
        kind = ei[0].__name__ if ei and ei[0] is not None else "error"
        return f"  ({kind}; details are not logged, they could hold answers)"

    def formatStack(self, stack_info: str) -> str:
        return ""


def configure_logging(stream: TextIO) -> None:
    """Our messages at INFO, everyone else's (aiohttp, asyncio) at WARNING, all plain."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_TypeOnlyFormatter("vetting serve: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    log.setLevel(logging.INFO)


def loop_exception(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    """asyncio's default handler puts the exception's repr (its values) in the message."""
    error = context.get("exception")
    kind = type(error).__name__ if error is not None else "no exception"
    log.warning("%s (%s)", context.get("message", "an internal error"), kind)


def announce(url: str, out: TextIO) -> None:
    print("vetting serve: open this link in your web browser:", file=out)
    print(f"\n    {url}\n", file=out)
    print(
        "The link carries a secret made for this run; anyone without it is refused.\n"
        "Keep it to yourself. Press Ctrl+C here to stop.",
        file=out,
    )
    out.flush()


class BrowserOpener:
    """``--open``: the browser is given a private file that forwards to the link.

    A URL given to a browser on its command line can be read by every user of the
    computer (``ps``, ``/proc/PID/cmdline``). The file is ``0600`` in a ``0700`` folder,
    so only its path is public, as Jupyter does; it is removed when the server stops.
    """

    def __init__(self, url: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="vetting-serve-"))
        self.path = self.folder / "open.html"
        target = html.escape(url, quote=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(
                "<!DOCTYPE html><html><head><meta charset='utf-8'>"
                f"<meta http-equiv='refresh' content='0;url={target}'>"
                "<title>vetting</title></head>"
                f"<body><a href='{target}'>Open vetting</a></body></html>\n"
            )

    def open(self, out: TextIO) -> None:
        """In a daemon thread: a browser that runs in the terminal blocks until it closes,
        and stopping the server must never wait for it."""

        def run() -> None:
            if not webbrowser.open(self.path.as_uri()):
                print(
                    "vetting serve: no web browser could be opened; open the link above.", file=out
                )
                out.flush()

        threading.Thread(target=run, name="vetting-open-browser", daemon=True).start()

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()
