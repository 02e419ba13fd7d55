"""``vetting.checklist.urls.safe_https``: which addresses may be live links (issue 17.9)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings, strategies as st

from vetting.checklist.urls import MAX_URL_CHARS, safe_https


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://988lifeline.org/", "https://988lifeline.org/"),
        ("https://988lifeline.org", "https://988lifeline.org"),
        (
            "https://www.samhsa.gov/find-help?x=1&y=2#top",
            "https://www.samhsa.gov/find-help?x=1&y=2#top",
        ),
        ("HTTPS://Example.ORG/Path", "https://example.org/Path"),  # scheme and host lowercased
        ("https://example.org:443/a", "https://example.org/a"),  # the default port, unwritten
        # Non-ASCII hosts are shown as the host the browser really visits (punycode).
        ("https://аpple.com/x", "https://xn--pple-43d.com/x"),  # a Cyrillic "а"
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"),
        ("https://ｅｘａｍｐｌｅ.org", "https://example.org"),  # fullwidth letters
        # Non-ASCII elsewhere is percent-encoded: the result is plain ASCII.
        ("https://example.org/ä?q=ü#é", "https://example.org/%C3%A4?q=%C3%BC#%C3%A9"),
    ],
)
def test_plain_https_addresses_are_links(url: str, link: str) -> None:
    assert safe_https(url) == link


@pytest.mark.parametrize(
    "url",
    [
        "https://988lifeline.org@evil.example/",  # the attack of issue 17.9
        "https://user:password@example.org/",
        "https://@example.org/",
        "http://988lifeline.org/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://example.org/",
        "//example.org/",
        "https:example.org",
        "https:///path",
        "https://localhost/",  # not a public name
        "https://1.2.3.4/",  # IP addresses, however written
        "https://0x7f.1/",
        "https://[::1]/",
        "https://[example.org/",
        "https://example.123/",
        "https://example.org./",
        "https://example.org:8443/",
        "https://example.org:99999/",
        "https://example.org:abc/",
        "https://exa_mple.org/",
        "https://-example.org/",
        "https://exa%6dple.org/",
        "https://xn--zz.org/",  # "punycode" that is not
        "https://example.org/a b",
        " https://example.org/",
        'https://example.org/"onmouseover=x',
        "https://example.org/<script>",
        "https://example.org\\@evil.example/",
        "https://example.org/\u202eevil",  # bidi
        "https://exa\u200bmple.org/",  # zero-width
        "https://example.org/\x1b]8;;x",
        "https://example.org/\n",
        "https://" + "a" * 64 + ".org/",  # a label over 63 characters
        "https://example.org/" + "a" * MAX_URL_CHARS,
        "",
        None,
        42,
    ],
)
def test_anything_odd_is_plain_text(url: object) -> None:
    assert safe_https(url) is None


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    url=st.one_of(
        st.text(max_size=80),
        st.builds(
            lambda user, host, rest: f"https://{user}{host}{rest}",
            st.sampled_from(["", "a@", "a:b@", "988lifeline.org@", "@"]),
            st.text(min_size=1, max_size=30),
            st.text(max_size=30),
        ),
    )
)
def test_every_link_is_plain_ascii_https_with_a_real_host(url: str) -> None:
    """Whatever the text: no link, or an ASCII https address with no user part, whose
    host is a DNS name, and which is its own link (checking it again changes nothing)."""
    link = safe_https(url)
    if link is None:
        return
    assert link.isascii() and link.startswith("https://")
    parts = urlsplit(link)
    assert "@" not in parts.netloc and parts.port is None
    assert parts.hostname and "." in parts.hostname
    assert all(ch.isalnum() or ch in ".-" for ch in parts.hostname)
    assert safe_https(link) == link
