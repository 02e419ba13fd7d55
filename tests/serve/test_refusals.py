"""Who ``vetting serve`` refuses, over real HTTP to the real command.

Each refusal sits beside the same request made the right way, which is let through, so a
403 here is the protection at work and not a broken server. Each was also checked by
removing its protection once (SECURITY.md, "Checked by breaking it").
"""

from __future__ import annotations

import http.client
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.rawclient import request, websocket_headers
from tests.support.serve import Served, other_user, skip_outside_ci
from vetting.serve.guard import cookie_name

RAWCLIENT = Path(__file__).resolve().parents[1] / "support" / "rawclient.py"


def cookie(served: Served, token: str | None = None) -> str:
    return f"Cookie: {cookie_name(served.port)}={token or served.token}"


def origin(served: Served) -> str:
    return f"http://127.0.0.1:{served.port}"


PATHS = ["/", "/static/textual/js/textual.js", "/static/vetting/page.js", "/download/" + "a" * 32]


@pytest.mark.parametrize("path", PATHS)
def test_every_address_needs_the_token(served: Served, path: str) -> None:
    assert request(served.port, path) == 403
    let_through = 404 if path.startswith("/download/") else 200  # no such download: yet past
    assert request(served.port, path, [cookie(served)]) == let_through


def test_the_websocket_needs_the_token(served: Served) -> None:
    assert request(served.port, "/ws", websocket_headers(origin(served))) == 403
    assert request(served.port, "/ws", [*websocket_headers(origin(served)), cookie(served)]) == 101


@pytest.mark.parametrize(
    "wrong",
    ["x", "", "0" * 43, "TOKEN-but-one", "ünïcødé-tøken"],
    ids=["short", "empty", "same-length", "near", "non-ascii"],
)
def test_a_wrong_token_is_refused(served: Served, wrong: str) -> None:
    if wrong == "TOKEN-but-one":
        wrong = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    assert request(served.port, f"/?token={quote(wrong)}") == 403
    raw = wrong.encode("utf-8").decode("latin-1")  # as the bytes arrive on the wire
    assert request(served.port, "/", [cookie(served, raw or "-")]) == 403
    assert request(served.port, f"/?token={served.token}") == 200


def test_the_link_turns_into_a_private_cookie(served: Served) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=20)
    connection.request("GET", f"/?token={served.token}")
    response = connection.getresponse()
    assert response.status == 200
    set_cookie = response.getheader("Set-Cookie")
    assert set_cookie.startswith(f"{cookie_name(served.port)}={served.token};")
    attributes = {part.strip().lower() for part in set_cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= attributes
    assert not [a for a in attributes if a.startswith(("max-age", "expires"))], "gone on close"
    headers = {name.lower(): value for name, value in response.getheaders()}
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self';" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == "no-store"
    page = response.read().decode("utf-8")
    assert served.token not in page
    assert "<script>" not in page and "https://" not in page  # no inline script, no CDN


@pytest.mark.parametrize(
    "foreign",
    ["http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1:{port}", "null", None],
    ids=["other-site", "other-port-same-site", "other-scheme", "opaque", "missing"],
)
def test_a_foreign_origin_cannot_open_the_websocket(served: Served, foreign: str | None) -> None:
    page = foreign.format(port=served.port) if foreign else None
    assert request(served.port, "/ws", [*websocket_headers(page), cookie(served)]) == 403
    assert request(served.port, "/ws", [*websocket_headers(origin(served)), cookie(served)]) == 101


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1:1", "127.0.0.1", "0x7f000001:{port}"],
    ids=["rebinding", "no-port", "other-port", "bare-address", "odd-spelling"],
)
def test_a_foreign_host_header_is_refused(served: Served, host: str) -> None:
    """DNS rebinding: a page whose own name now points at 127.0.0.1 names itself in Host."""
    header = f"Host: {host.format(port=served.port)}"
    assert request(served.port, "/", [header, cookie(served)]) == 403
    foreign_ws = [header, *websocket_headers(f"http://{host.format(port=served.port)}")]
    assert request(served.port, "/ws", [*foreign_ws, cookie(served)]) == 403
    for good in (f"127.0.0.1:{served.port}", f"localhost:{served.port}"):
        assert request(served.port, "/", [f"Host: {good}", cookie(served)]) == 200


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_what_the_browser_marks_as_from_elsewhere_is_refused(served: Served, site: str) -> None:
    """A page on another port of 127.0.0.1 is "same-site" and gets the cookie: refused."""
    assert request(served.port, "/", [f"Sec-Fetch-Site: {site}", cookie(served)]) == 403
    for own in ("same-origin", "none"):
        assert request(served.port, "/", [f"Sec-Fetch-Site: {own}", cookie(served)]) == 200


def _as(user: str | None, served: Served, path: str, headers: list[str]) -> int:
    """``rawclient`` run as ``user`` (``None``: as this test's own user) by its text."""
    run = subprocess.run(
        ["python3", "-c", RAWCLIENT.read_text(encoding="utf-8"), str(served.port), path, *headers],
        user=user,
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/",
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        check=True,
    )
    return int(run.stdout)


def test_another_local_user_is_refused_even_with_the_token(served: Served) -> None:
    """The token may leak (cookies are shared between the ports of 127.0.0.1); the kernel
    still says whose connection it is, and only the server's own user gets in."""
    user = other_user()
    if user is None:
        skip_outside_ci("needs a second local user: run as root (useradd) to make one")
    ws = [*websocket_headers(origin(served)), cookie(served)]
    assert _as(user, served, f"/?token={served.token}", []) == 403
    assert _as(user, served, "/", [cookie(served)]) == 403
    assert _as(user, served, "/ws", ws) == 403
    assert "another user of this computer" in served.logs()
    assert _as(None, served, f"/?token={served.token}", []) == 200  # the same, as ourselves
    assert _as(None, served, "/ws", ws) == 101
