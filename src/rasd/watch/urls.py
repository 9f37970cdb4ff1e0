"""Canonical article URLs: one spelling per page, so a page is stored once however it is linked.

Feeds decorate their links with campaign parameters (``utm_*``) and fragments
(``#comments``); neither changes the page. The canonical form keeps everything else as it
was written (the path's percent-encoding, the order of the other parameters).
"""
from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

# Query parameters that only say where a click came from (analytics and mailing tools).
TRACKING = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "igshid", "yclid"}
DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """Not an absolute http(s) URL."""


def canonical_url(url: str) -> str:
    """``url`` with scheme and host lower-cased, the default port, the fragment and tracking
    parameters (``utm_*``, ``fbclid`` ...) dropped; raises :class:`BadURL` for anything that
    is not an absolute http(s) URL."""
    try:
        parts = urlsplit(str(url).strip())
        port = parts.port
    except ValueError as e:
        raise BadURL(f"not a URL: {url!r} ({e})") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise BadURL(f"not an absolute http(s) URL: {url!r}")
    netloc = parts.hostname.lower()
    if ":" in netloc:  # an IPv6 literal keeps its brackets
        netloc = f"[{netloc}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = "&".join(p for p in parts.query.split("&") if p and not _tracking(p.split("=", 1)[0]))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _tracking(key: str) -> bool:
    key = unquote(key).lower()
    return key.startswith("utm_") or key in TRACKING


def host_of(url: str) -> str:
    """``scheme://host[:port]``: the unit of politeness and of robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
