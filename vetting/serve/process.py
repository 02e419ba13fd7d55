"""One ``vetting app`` process per browser tab, on textual-serve's protocol.

textual-serve's :class:`~textual_serve.app_service.AppService` starts the app through a
shell and copies the app's stderr to the server's terminal. Here the app is started
without a shell (an argument list), in its own session (so the Ctrl+C meant for the
server does not reach it first), and its stderr goes nowhere: whatever an app prints on
a crash stays out of the server's output (SECURITY-NOTES R7). The person's keystrokes
and answers pass through this module and are never logged.

The app runs with the server's environment, so ``$VETTING_DATA_DIR`` and the rest mean
what they mean for ``vetting``: the same session store, its lock (a second tab gets the
read-only notice, like a second terminal window), crisis help and quick exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Mapping, Sequence

from textual_serve._binary_encode import load as binary_load
from textual_serve.app_service import AppService

log = logging.getLogger("vetting.serve")

QUIT_GRACE = 5.0  # seconds an app gets to close its session store before it is killed
MAX_PACKET = 16 * 1024 * 1024  # no frame of the app's output is near this
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


class AppProcess(AppService):
    """The app behind one tab: started with :meth:`start`, ended with :meth:`stop`."""

    def __init__(self, argv: Sequence[str], environment: Mapping[str, str], **kwargs) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = tuple(argv)
        self.environment = dict(environment)
        self.exit_code: int | None = None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = dict(self.environment)
        environment.pop("TEXTUAL", None)  # never devtools or debug logging in a served app
        environment.update(
            TEXTUAL_DRIVER=WEB_DRIVER,
            TEXTUAL_FPS="60",
            TEXTUAL_COLOR_SYSTEM="truecolor",
            TERM_PROGRAM="textual",
            COLUMNS=str(width),
            ROWS=str(height),
        )
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24):
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
            env=self._build_environment(width, height),
            start_new_session=True,
        )
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def run(self) -> None:
        """Relay the app's output to the tab until the app ends, then close the tab."""
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        try:
            if await self._started(stdout):
                await self._relay(stdout)
            else:
                log.warning("the app did not start (nothing it printed is shown here)")
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass
        except Exception as error:  # a broken frame: close the tab, say only what kind
            log.warning("the app's output could not be relayed (%s)", type(error).__name__)
        finally:
            with contextlib.suppress(Exception):
                await self.remote_close()

    @staticmethod
    async def _started(stdout: asyncio.StreamReader) -> bool:
        """Textual's web driver prints ``__GANGLION__`` once it is ready."""
        for _ in range(10):
            line = await stdout.readline()
            if not line:
                return False
            if line == b"__GANGLION__\n":
                return True
        return False

    async def _relay(self, stdout: asyncio.StreamReader) -> None:
        handlers = {b"D": self.on_data, b"M": self.on_meta, b"P": self.on_packed}
        while True:
            header = await stdout.readexactly(5)
            size = int.from_bytes(header[1:], "big")
            if size > MAX_PACKET:
                log.warning("the app sent a frame too large to relay; closing the tab")
                return
            payload = await stdout.readexactly(size)
            handler = handlers.get(header[:1])
            if handler is not None:
                await handler(payload)

    async def on_meta(self, data: bytes) -> None:
        """Links open in a new tab, and only ``https`` ones (never ``javascript:``)."""
        meta = json.loads(data)
        if meta.get("type") == "open_url":
            url = meta.get("url")
            if isinstance(url, str) and url.startswith("https://"):
                await self.remote_write_str(json.dumps(["open_url", {"url": url, "new_tab": True}]))
            return
        await super().on_meta(data)

    async def on_packed(self, payload: bytes) -> None:
        unpacked = binary_load(payload)
        if (
            isinstance(unpacked, list | tuple)
            and len(unpacked) == 3
            and unpacked[0] == "deliver_chunk"
        ):
            await self._download_manager.chunk_received(unpacked[1], unpacked[2])

    async def stop(self) -> None:
        """Ask the app to quit, give it :data:`QUIT_GRACE` seconds, then kill it.

        Waiting for the process itself (not only for its output to end) matters: until it
        has exited it holds the session store's lock, and the tab that a reload opens
        would be read-only.
        """
        task, self._task = self._task, None
        process = self._process
        if task is None or process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        with contextlib.suppress(Exception):
            self.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE)
        except TimeoutError:
            log.warning("an app did not quit in time and was stopped")
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        self.exit_code = process.returncode
        with contextlib.suppress(asyncio.CancelledError):
            await task
        if self.exit_code not in (0, None):
            log.warning("an app ended with an error (exit status %s)", self.exit_code)
