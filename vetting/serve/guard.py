"""Who may use a running ``vetting serve``: the checks every request passes.

Plain functions over header values, so each rule is tested on its own and the server
(:mod:`vetting.serve.server`) only wires them in. The threats, and which check stops each:

* **Another local user, or any program that finds the port.** The port is open to every
  process on the machine; the token (256 random bits, printed once) is needed for every
  request, compared in constant time. A token that leaks anyway (cookies are not kept
  apart by port) is still useless to another user: :mod:`vetting.serve.peers`.
* **A web page the person has open** (any site can ask the browser to fetch
  ``http://127.0.0.1:PORT``). The cookie is ``SameSite=Strict`` and ``HttpOnly``; the
  WebSocket must come from this server's own origin (``Origin``), because a page on
  another port of 127.0.0.1 counts as the same *site* and would get the cookie; and a
  request the browser marks as cross-origin (``Sec-Fetch-Site``) is refused.
* **DNS rebinding** (a site whose name turns into 127.0.0.1): the ``Host`` header must be
  this server's own address and port.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
COOKIE_PREFIX = "vetting-serve-"
LOOPBACK_NAMES = ("127.0.0.1", "localhost")
# What a browser sends for a request made by this server's own page ("same-origin") or
# typed, clicked in a terminal or reloaded by the person ("none"). Clients that are not
# browsers send nothing: the token and the peer check cover them.
FETCH_SITES_ALLOWED = frozenset({"same-origin", "none"})


def new_token() -> str:
    """A fresh secret for one run of the server (URL-safe text)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_matches(given: str | None, token: str) -> bool:
    """True when ``given`` is the token; constant time, whatever ``given`` holds."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("ascii"))


def cookie_name(port: int) -> str:
    """One cookie per port: browsers share cookies between the ports of one host."""
    return f"{COOKIE_PREFIX}{port}"


def host_with_port(host: str, port: int) -> str:
    """``host:port`` as a Host header writes it (IPv6 addresses in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def allowed_hosts(bound_host: str, port: int) -> frozenset[str]:
    """The Host headers this server answers: its loopback names, and ``--host``'s address."""
    names = {*LOOPBACK_NAMES, bound_host.lower()}
    return frozenset(host_with_port(name, port) for name in names)


def host_ok(host_header: str | None, allowed: frozenset[str]) -> bool:
    return host_header is not None and host_header.lower() in allowed


def origin_ok(origin: str | None, host_header: str) -> bool:
    """The WebSocket's page must be this very server (scheme, name and port)."""
    return origin is not None and origin.lower() == f"http://{host_header.lower()}"


def fetch_site_ok(sec_fetch_site: str | None) -> bool:
    """Refuse what the browser itself says came from another site or origin."""
    return sec_fetch_site is None or sec_fetch_site.lower() in FETCH_SITES_ALLOWED


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``: what binds without ``--host``."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


def is_wildcard(host: str) -> bool:
    """``0.0.0.0`` or ``::``: every interface, so no one Host header to check against."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return host in ("", "*")
