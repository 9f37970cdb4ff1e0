"""Watching feeds: RSS and Atom polled politely, new articles ingested as they appear.

``rasd watch FEED... | --feeds FILE --db URL [--once] [--interval SECONDS]`` calls
:func:`rasd.service.watch`, which runs :func:`rasd.watch.runner.watch`: feeds and feed lists
in :mod:`.feeds`, polite HTTP (timeouts, retries, back-off, robots.txt, conditional GET) in
:mod:`.fetch`, canonical URLs in :mod:`.urls`, per-feed state in the store
(:mod:`rasd.store.feeds`).
"""
from .feeds import Entry, Feed, FeedError, parse_feed, read_feed_list
from .fetch import USER_AGENT, Fetcher, FetchError, FetchOptions
from .runner import RunReport, Watcher, watch
from .urls import BadURL, canonical_url

__all__ = ["BadURL", "Entry", "Feed", "FeedError", "FetchError", "FetchOptions", "Fetcher", "RunReport",
           "USER_AGENT", "Watcher", "canonical_url", "parse_feed", "read_feed_list", "watch"]
