"""Feed lists (OPML, or one URL a line) and feeds (RSS and Atom, read by feedparser).

A feed gives, per entry, the article's link, title and publication date; the page itself is
fetched separately (:mod:`rasd.watch.fetch`) and its main text extracted by trafilatura.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..model import ItemError
from .urls import BadURL, canonical_url


class FeedError(ValueError):
    """A feed that cannot be read (``kind`` is the error record's kind)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Entry:
    """One feed item: its canonical URL (the link as given is what the feed said)."""

    url: str
    link: str
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD, the date as the feed wrote it (its own offset)


@dataclass(frozen=True)
class Feed:
    title: Optional[str]
    entries: tuple[Entry, ...]  # oldest first, so articles are stored in the order they appeared
    errors: tuple[ItemError, ...] = ()  # entries without a usable link


def read_feed_list(path: str) -> list[str]:
    """The feed URLs of a file: OPML (every ``outline`` with an ``xmlUrl``) or one URL a line
    (blank lines and ``#`` comments skipped). A line that is not a URL is refused."""
    text = Path(path).read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("<"):
        return _opml(text, path)
    urls = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                urls.append(canonical_url(line))
            except BadURL as e:
                raise FeedError("bad_feed_list", f"{path}:{n}: {e}") from None
    return urls


def _opml(text: str, path: str) -> list[str]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise FeedError("bad_feed_list", f"{path}: not valid OPML ({e})") from None
    urls = []
    for node in root.iter():
        attrs = {k.lower(): v for k, v in node.attrib.items()}
        if node.tag.rsplit("}", 1)[-1].lower() == "outline" and attrs.get("xmlurl"):
            try:
                urls.append(canonical_url(attrs["xmlurl"]))
            except BadURL as e:
                raise FeedError("bad_feed_list", f"{path}: {e}") from None
    if not urls:
        raise FeedError("bad_feed_list", f"{path}: the OPML file lists no feed (no outline with xmlUrl)")
    return urls


def parse_feed(content: bytes, url: str, content_type: Optional[str] = None) -> Feed:
    """The entries of an RSS or Atom document; raises :class:`FeedError` when it is neither."""
    import feedparser

    # Bytes, never a string: feedparser would fetch a string that looks like a URL itself.
    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(bytes(content), response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError("bad_feed", f"not an RSS or Atom feed: {reason}")
    entries, errors = [], []
    for n, item in enumerate(parsed.entries):
        link = item.get("link") or ""
        try:
            entries.append(Entry(canonical_url(link), link, (item.get("title") or "").strip() or None,
                                 _published(item)))
        except BadURL as e:
            errors.append(ItemError(f"{url}#entry-{n}", "bad_entry", str(e)))
    return Feed((parsed.feed.get("title") or "").strip() or None, tuple(reversed(entries)), tuple(errors))


def _published(item) -> Optional[str]:
    """The entry's date in the feed's own time zone (an article of 01:00 +03:00 on the 8th is
    from the 8th, not from the 7th as its UTC time would say)."""
    for key in ("published", "updated", "created"):
        raw = item.get(key)
        if not raw:
            continue
        for parse in (email.utils.parsedate_to_datetime, lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))):
            try:
                return parse(raw.strip()).date().isoformat()
            except (TypeError, ValueError, IndexError):
                continue
        parsed = item.get(f"{key}_parsed")
        if parsed:
            return dt.date(*parsed[:3]).isoformat()
    return None
