"""A real ``vetting serve`` for each test, and a real headless Chromium to use it.

The server is the installed command run as a subprocess, with its data folder (and
``$HOME``) inside ``tmp_path``; its stdout and stderr go to files the tests read (the
printed link, and the logs that must hold nothing sensitive). The browser is Debian's
``chromium`` driven through ``chromium-driver`` by Selenium; without them the browser
tests are skipped with the reason (``.ci/run`` installs both).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
URL_RE = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")
WAIT = 30.0  # seconds for anything to appear; CI machines are slow, nothing here sleeps


def wait_until(
    condition: Callable[[], object], what: str | Callable[[], str], timeout: float = WAIT
):
    """Poll ``condition`` until it returns something true; fail saying ``what`` if never
    (a callable ``what`` is asked at that moment, to show the screen as it is then)."""
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what() if callable(what) else what}")
        time.sleep(0.05)


@dataclass
class Served:
    """One running ``vetting serve``."""

    process: subprocess.Popen
    stdout: Path
    stderr: Path
    data_dir: Path
    url: str = ""
    port: int = 0
    token: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8", errors="replace")

    def logs(self) -> str:
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def stop(self, signum: int = signal.SIGINT) -> int:
        """Ctrl+C (or ``signum``), then the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        return self.process.wait(timeout=WAIT)


def serve_environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        VETTING_DATA_DIR=str(tmp_path / "data"),
        VETTING_DOCUMENTS_DIR=str(tmp_path / "documents"),
        HOME=str(tmp_path / "home"),
        LANG="C.UTF-8",
    )
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)
    (tmp_path / "home").mkdir(exist_ok=True)
    return env


def start_serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Served:
    """``vetting serve ARGS`` in the background; returns once it has printed its link."""
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "vetting", "serve", *args],
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env=env or serve_environment(tmp_path),
        )
    served = Served(process, out, err, tmp_path / "data")

    def printed() -> re.Match | None:
        if process.poll() is not None:
            pytest.fail(f"vetting serve exited early:\n{served.output()}\n{served.logs()}")
        return URL_RE.search(served.output())

    match = wait_until(printed, "vetting serve to print its link")
    served.url, served.port, served.token = match.group(0), int(match.group(1)), match.group(2)
    return served


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = start_serve(tmp_path)
    yield server
    server.stop()


# -- the browser ------------------------------------------------------------------------

# Chromium on a machine without a network hangs on its background services unless these
# are off; a fresh profile per test keeps cookies and downloads apart.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1100,700",
)

# Test-only: hand the page's xterm.js terminal to the test, to read what is on screen.
# textual.js keeps its terminal in a closure; the one object that sets ``fitAddon`` is
# the one that holds it, so a setter on Object.prototype catches it (and steps aside).
TERMINAL_HOOK = """
Object.defineProperty(Object.prototype, 'fitAddon', {configurable: true, set(value) {
  window.__vettingTerminal = this;
  Object.defineProperty(this, 'fitAddon', {value, writable: true, configurable: true});
}});
"""
SCREEN_JS = """
const holder = window.__vettingTerminal;
if (!holder || !holder.terminal) return null;
const terminal = holder.terminal, buffer = terminal.buffer.active, lines = [];
for (let y = 0; y < terminal.rows; y++) lines.push(buffer.getLine(y).translateToString(true));
return lines.join('\\n');
"""


def browser_missing() -> str | None:
    if not CHROMIUM.is_file() or not CHROMEDRIVER.is_file():
        return (
            "needs Debian's chromium and chromium-driver (apt-get install chromium "
            "chromium-driver); .ci/run installs them"
        )
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "needs selenium (pip install -e '.[test]')"
    return None


class Browser:
    """A headless Chromium with one tab per :meth:`new_tab`, reading xterm's screen."""

    def __init__(self, profile: Path, downloads: Path) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.downloads = downloads
        self.driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
        self.driver.set_page_load_timeout(WAIT)
        self.driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
        )
        self._hook()

    def _hook(self) -> None:
        self.driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": TERMINAL_HOOK}
        )

    def new_tab(self) -> str:
        self.driver.switch_to.new_window("tab")
        self._hook()
        return self.driver.current_window_handle

    def open(self, url: str) -> None:
        self.driver.get(url)

    def screen(self) -> str:
        try:
            return self.driver.execute_script(SCREEN_JS) or ""
        except Exception:  # a page between two documents has no terminal yet
            return ""

    def wait_for(self, text: str, timeout: float = WAIT) -> str:
        return wait_until(
            lambda: self.screen() if text in self.screen() else None,
            lambda: f"{text!r} on screen; the screen is:\n{self.screen()}",
            timeout,
        )

    def wait_for_steady(self, text: str, timeout: float = WAIT) -> str:
        """Like :meth:`wait_for`, and the screen has stopped changing (loading is over)."""
        seen: list[str] = []

        def steady() -> str | None:
            seen.append(self.screen())
            recent = seen[-6:]
            if len(recent) == 6 and text in recent[0] and len(set(recent)) == 1:
                return recent[0]
            return None

        return wait_until(
            steady, lambda: f"{text!r} on a steady screen; it is:\n{self.screen()}", timeout
        )

    def press(self, *keys: str) -> None:
        """Type into the terminal, as a person does (one key or text at a time)."""
        from selenium.webdriver.common.action_chains import ActionChains

        self._focus_terminal()
        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()

    def chord(self, modifier: str, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        self._focus_terminal()
        ActionChains(self.driver).key_down(modifier).send_keys(key).key_up(modifier).perform()

    def _focus_terminal(self) -> None:
        """Give xterm's input the focus, as a click on the terminal does. The keys then go
        to the focused element as a keyboard sends them: ChromeDriver 150 and later refuse
        to type into the element itself, which xterm keeps 0x0 and off screen."""
        from selenium.webdriver.common.by import By

        textarea = self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
        self.driver.execute_script("arguments[0].focus()", textarea)

    def requested_urls(self) -> list[str]:
        """Every URL the browser asked for so far (HTTP and WebSocket), from its own log."""
        import json

        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                urls.append(params["request"]["url"])
            elif message["method"] == "Network.webSocketCreated":
                urls.append(params["url"])
        return urls

    def console(self) -> list[dict]:
        return self.driver.get_log("browser")

    def quit(self) -> None:
        self.driver.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    reason = browser_missing()
    if reason:
        skip_outside_ci(reason)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    chrome = Browser(tmp_path / "profile", downloads)
    yield chrome
    chrome.quit()


def skip_outside_ci(reason: str) -> None:
    """Skip, saying why; in CI (``$CI`` set, where .ci/run installs everything) fail."""
    if os.environ.get("CI"):
        pytest.fail(f"in CI this must run: {reason}")
    pytest.skip(reason)


def other_user() -> str | None:
    """A second local account for the test (made with useradd when running as root)."""
    name = "vetting-test-other"
    if shutil.which("id") and subprocess.run(["id", name], capture_output=True).returncode == 0:
        return name
    if os.geteuid() != 0 or not shutil.which("useradd"):
        return None
    made = subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        capture_output=True,
    )
    return name if made.returncode == 0 else None
