"""Polling feeds into the store: ``rasd watch``.

One run polls every feed once. Per feed: a conditional GET (a 304 costs nothing more), the
entries oldest first, each dropped when its canonical URL is stored (or seen this run), else
its page fetched, its main text extracted, and dropped again when the same text is stored
under another URL. What a feed gave is then ingested through the service layer (skip known
work, error records, story update) before the next feed, so a stop loses nothing fetched.
A dead link, a broken feed, a slow host is one error record; the other feeds go on.

The feed's ETag and Last-Modified are saved only when all its entries were handled: a run
stopped half-way polls that feed in full next time (the entries already stored are skipped
by URL). SIGTERM or Ctrl-C sets the stop flag; the page being fetched finishes (timeouts bound
it), what was fetched is stored, and the run ends; a second signal acts as it normally does.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import signal
import threading
import time
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, Optional

from .. import service
from ..ingest.decode import InputError
from ..ingest.readers import IngestOptions, article_from_record
from ..model import Article, ItemError
from ..pipeline import Item
from ..settings import Settings
from ..store import Store
from ..store.feeds import FeedState
from .feeds import Entry, Feed, FeedError, parse_feed
from .fetch import Fetcher, FetchError, FetchOptions


@dataclass
class RunReport:
    """What one run over the feeds did."""

    feeds: int = 0
    not_modified: int = 0  # answered 304
    failed_feeds: int = 0  # unreachable or not a feed
    skipped_feeds: int = 0  # failing feeds left alone this run (back-off)
    entries: int = 0  # entries looked at
    duplicates: int = 0  # dropped: URL already stored or seen, or the same text stored
    fetched: int = 0  # new articles fetched
    added: int = 0
    unchanged: int = 0
    errors: int = 0  # error records (dead links, robots, broken feeds ...)
    new_stories: int = 0
    joined: int = 0
    stopped: bool = False  # a stop was asked for during this run

    def to_json(self) -> dict:
        return asdict(self)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Watcher:
    """Polls feeds into ``store``; ``stop`` ends a run between two pages."""

    def __init__(self, store: Store, settings: Settings, opts: IngestOptions, fetcher: Fetcher,
                 on_error: Optional[Callable[[ItemError], None]] = None, stop: Optional[threading.Event] = None):
        self.store, self.settings, self.opts, self.fetcher = store, settings, opts, fetcher
        self.on_error = on_error
        self.stop = stop or threading.Event()

    def run(self, feeds: Iterable[str], backoff_unit: Optional[float] = None) -> RunReport:
        """Poll every feed once. With ``backoff_unit`` (the loop's interval, in seconds) a
        feed that failed n times in a row is polled again only after 2**(n-1) units."""
        report = RunReport()
        seen: set[str] = set()
        for url in feeds:
            if self.stop.is_set():
                break
            state = self.store.feed_state(url) or FeedState(url)
            if backoff_unit and _backing_off(state, backoff_unit):
                report.skipped_feeds += 1
                continue
            report.feeds += 1
            self.poll(state, report, seen)
        report.stopped = self.stop.is_set()
        return report

    def poll(self, state: FeedState, report: RunReport, seen: set[str]) -> None:
        """One feed: fetch, read its new entries, store them, save its state."""
        now = _now()
        try:
            resp = self.fetcher.get(state.url, state.etag, state.last_modified)
            if resp.not_modified:
                report.not_modified += 1
                self.store.put_feed_state(state.but(last_checked=now, last_seen=now, failures=0, last_error=None))
                return
            feed = parse_feed(resp.content, resp.url, resp.headers.get("content-type"))
        except (FetchError, FeedError) as e:
            report.failed_feeds += 1
            self._ingest([ItemError(state.url, e.kind, f"feed: {e}")], report)
            self.store.put_feed_state(state.but(last_checked=now, failures=state.failures + 1, last_error=str(e)))
            return
        items, complete = self._entries(feed, report, seen)
        self._ingest(items, report)
        done = dict(title=feed.title or state.title, last_checked=now, last_seen=now, failures=0, last_error=None)
        if complete:  # only now is an unchanged feed (304) known to hold nothing new
            done.update(etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                        last_entry=feed.entries[-1].url if feed.entries else state.last_entry)
        self.store.put_feed_state(state.but(**done))

    def _entries(self, feed: Feed, report: RunReport, seen: set[str]) -> tuple[list[Item], bool]:
        items: list[Item] = list(feed.errors)
        ids: set[str] = set()
        for entry in feed.entries:
            if self.stop.is_set():
                return items, False
            report.entries += 1
            if entry.url in seen or self.store.has_url(entry.url):
                report.duplicates += 1
                continue
            seen.add(entry.url)
            item = self._article(entry, feed)
            if isinstance(item, Article):
                if item.id in ids or self.store.has_article(item.id):
                    report.duplicates += 1  # the same text under another URL
                    continue
                ids.add(item.id)
                report.fetched += 1
            items.append(item)
        return items, True

    def _article(self, entry: Entry, feed: Feed) -> Item:
        """The entry's page as an Article (URL and date from the feed), or its error record."""
        try:
            page = self.fetcher.get(entry.url)
            kind = page.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and "html" not in kind:
                raise InputError("not_html", f"the page is {kind}, not HTML")
            record = {"html": page.text(), "url": entry.url, "title": entry.title,
                      "published": entry.published, "outlet": self.opts.outlet or feed.title}
            return article_from_record(record, self.opts, entry.url)
        except (FetchError, InputError) as e:
            return ItemError(entry.url, e.kind, str(e))
        except Exception as e:  # an extraction bug on one page: its error record, the run goes on
            return ItemError(entry.url, "read_failed", f"{type(e).__name__}: {e}")

    def _ingest(self, items: list[Item], report: RunReport) -> None:
        if not items:
            return
        done = service.ingest([], self.store, self.settings, self.opts, on_error=self.on_error,
                              progress=False, items=items)
        report.added += done.added
        report.unchanged += done.unchanged
        report.errors += done.errors
        if done.stories is not None:
            report.new_stories += done.stories.new_stories
            report.joined += done.stories.joined


def _backing_off(state: FeedState, unit: float) -> bool:
    if not state.failures or not state.last_checked:
        return False
    wait = unit * 2 ** min(state.failures - 1, 6)
    last = dt.datetime.fromisoformat(state.last_checked)
    return (dt.datetime.now(dt.timezone.utc) - last).total_seconds() < wait


@contextlib.contextmanager
def stop_on_signals(stop: threading.Event):
    """SIGTERM and SIGINT set ``stop`` (once: the handlers before are put back, so a second
    signal acts as it normally does). Only the main thread can take signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}

    def handler(signum, frame):
        stop.set()
        for sig, old in previous.items():
            signal.signal(sig, old)

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def watch(feeds: list[str], store: Store, settings: Settings, opts: IngestOptions, *, once: bool = True,
          interval: float = 900.0, fetch: FetchOptions = FetchOptions(), on_error=None,
          on_run: Optional[Callable[[RunReport], None]] = None, stop: Optional[threading.Event] = None,
          fetcher: Optional[Fetcher] = None) -> RunReport:
    """Poll ``feeds`` once (``once``) or every ``interval`` seconds until stopped; ``on_run``
    hears each run's report. Returns the totals over all runs."""
    stop = stop or threading.Event()
    own = fetcher is None
    fetcher = fetcher or Fetcher(fetch)
    watcher = Watcher(store, settings, opts, fetcher, on_error, stop)
    total = RunReport()
    try:
        with stop_on_signals(stop):
            while True:
                report = watcher.run(feeds, None if once else interval)
                _add(total, report)
                if on_run:
                    on_run(report)
                if once or stop.is_set() or _sleep(stop, interval):
                    break
    finally:
        if own:
            fetcher.close()
    total.stopped = stop.is_set()
    return total


def _sleep(stop: threading.Event, seconds: float) -> bool:
    """Wait ``seconds`` or until stopped (in short steps, so a signal is seen at once)."""
    end = time.monotonic() + seconds
    while not stop.is_set():
        left = end - time.monotonic()
        if left <= 0:
            return False
        stop.wait(min(left, 0.5))
    return True


def _add(total: RunReport, report: RunReport) -> None:
    for name, value in asdict(report).items():
        if isinstance(value, int) and not isinstance(value, bool):
            setattr(total, name, getattr(total, name) + value)
