"""Whether a web address from a checklist may be shown as a live link, and how.

Checklists come from strangers, and a person in distress may follow a link without
reading it closely. ``https://988lifeline.org@evil.example/`` passed the old https check
and opened ``evil.example`` (everything before ``@`` is a user name); a host written in
look-alike letters from another script (``https://аpple.com`` with a Cyrillic ``а``)
looks like a site it is not. :func:`safe_https` answers with the address to link to, or
``None``: then the address is shown as plain text, never as a link (issue 17.9).

A live link must be:

* ``https``, with a host name and nothing before it (no ``user@`` or ``user:pass@``);
* a real DNS name: letters, digits and hyphens in dot-separated labels, a top-level
  domain that is not a number, no trailing dot; never an IP address (a crisis service
  has a name) and no port other than 443;
* free of spaces, quotes, angle brackets, backslashes and any control, bidi or
  invisible character (which can make an address read differently from where it goes).

A host with non-ASCII letters is turned into its ASCII (punycode, ``xn--``) form, so the
person sees the host the browser will really visit; non-ASCII in the rest of the address
is percent-encoded. The result is plain ASCII: use it both as the link's target and as
the text shown for it. Nothing here touches the network.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from vetting.checklist.chars import escape_controls

__all__ = ["MAX_URL_CHARS", "safe_https"]

MAX_URL_CHARS = 2000
"""Longer addresses are not shown as links (browsers and people both struggle past this)."""

_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^]")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
_KEEP_IN_PATH = "/:@!$&'()*+,;=-._~%"  # reserved and unreserved characters stay as they are


def safe_https(url: object) -> str | None:
    """The address to show as a live link, with an ASCII host; ``None`` if it may not be one."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS:
        return None
    if _FORBIDDEN.search(url) or escape_controls(url) != url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a bad port or an unbalanced [ ] in the host
        return None
    if parts.scheme.lower() != "https" or "@" in parts.netloc or port not in (None, 443):
        return None
    host = _ascii_host(parts.hostname or "", parts.netloc)
    if host is None:
        return None
    rest = [quote(part, safe=_KEEP_IN_PATH) for part in (parts.path, parts.query, parts.fragment)]
    return urlunsplit(("https", host, *rest))  # 443 is https's own port: not written


def _ascii_host(host: str, netloc: str) -> str | None:
    """The host in lowercase ASCII (punycode for other letters), or None if it is odd."""
    if not host or netloc.startswith("[") or host.endswith("."):
        return None  # no host, an IPv6 literal, or a trailing dot
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")  # IDNA 2003, in the standard library
        except UnicodeError:
            return None
    host = host.lower()
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return None
    if labels[-1].isdigit() or all(label.isdigit() for label in labels):
        return None  # an IP address (1.2.3.4) or a numeric top-level domain
    if any(label.startswith("xn--") and not _decodes(label) for label in labels):
        return None
    return host


def _decodes(label: str) -> bool:
    """A punycode label must be real punycode (``xn--`` followed by junk is odd)."""
    try:
        label.encode("ascii").decode("idna")
    except UnicodeError:
        return False
    return True
