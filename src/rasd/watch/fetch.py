"""Polite HTTP fetching for the feed watcher (httpx).

Every request carries rasd's User-Agent and a timeout; a timeout, a dropped connection, a 429
or a 5xx is tried again after an exponential back-off (``Retry-After`` is honoured, capped);
two requests to one host are at least ``politeness`` seconds apart (or the robots.txt
``Crawl-delay``, if longer); robots.txt is read once per host and run and obeyed (RFC 9309:
a robots.txt that is missing allows everything, one that cannot be reached because of a
server or network error disallows everything); a feed is fetched with a conditional GET
(ETag / Last-Modified) so an unchanged feed costs a 304. Bodies are read up to ``max_bytes``.
"""
from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable, Optional

import httpx

from ..ingest.decode import InputError, decode
from ..settings import DEFAULT_MAX_BYTES, version
from .urls import host_of

USER_AGENT = f"rasd/{version()} (Arabic news monitor; reads feeds and the articles they link; obeys robots.txt)"
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
DEAD_STATUSES = {404, 410}
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more would stall the whole run on one host


class FetchError(Exception):
    """A URL that could not be fetched: ``kind`` is the error record's kind."""

    def __init__(self, kind: str, message: str, status: Optional[int] = None):
        super().__init__(message)
        self.kind, self.status = kind, status


@dataclass(frozen=True)
class FetchOptions:
    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds per connect / read; a whole body gets three times that
    tries: int = 3
    backoff: float = 1.0  # seconds before the second try, doubled before each next one
    max_backoff: float = 60.0
    politeness: float = 1.0  # seconds between two requests to one host
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content: bytes = b""
    headers: dict = field(default_factory=dict)  # lower-case names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the charset the server declared, else detected."""
        charset = _charset(self.headers.get("content-type", ""))
        if charset:
            try:
                return self.content.decode(charset)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
        try:
            return decode(self.content)[0]
        except InputError as e:
            raise FetchError(e.kind, str(e)) from None


def _charset(content_type: str) -> Optional[str]:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


class Fetcher:
    """GETs that follow the rules above; ``sleep`` and ``clock`` are injectable for tests."""

    def __init__(self, options: FetchOptions = FetchOptions(), client: Optional[httpx.Client] = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.options, self.sleep, self.clock = options, sleep, clock
        self.client = client or httpx.Client(headers={"User-Agent": options.user_agent}, follow_redirects=True,
                                             max_redirects=5, timeout=httpx.Timeout(options.timeout))
        self.last: dict[str, float] = {}  # host -> when its last request ended
        self.robots: dict[str, object] = {}  # host -> RobotFileParser, or the FetchError that blocks it

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Response:
        """A 200 (or a 304 when ``etag`` / ``last_modified`` still hold); anything else raises
        :class:`FetchError` (``dead_link`` for 404/410, ``http_error``, ``fetch_failed``,
        ``too_large``, ``robots_disallowed``, ``robots_unreachable``)."""
        self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get(self, url: str, headers: dict) -> Response:
        last: FetchError | None = None
        for attempt in range(self.options.tries):
            if attempt:
                self.sleep(self._backoff(attempt, last))
            try:
                return self._once(url, headers)
            except FetchError as e:
                if e.kind != "retry":
                    raise
                last = e
        tries = self.options.tries
        if last.status is not None:
            raise FetchError("http_error", f"HTTP {last.status} after {tries} tries", last.status)
        raise FetchError("fetch_failed", f"{last} (after {tries} tries)")

    def _backoff(self, attempt: int, last: Optional[FetchError]) -> float:
        delay = self.options.backoff * 2 ** (attempt - 1)
        retry_after = getattr(last, "retry_after", None)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.options.max_backoff)

    def _once(self, url: str, headers: dict) -> Response:
        host = host_of(url)
        self._wait(host)
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                return self._answer(url, r)
        except httpx.TimeoutException as e:
            raise FetchError("retry", f"timed out ({type(e).__name__})") from None
        except httpx.TransportError as e:
            raise FetchError("retry", f"{type(e).__name__}: {e}") from None
        except httpx.HTTPError as e:  # a bad redirect, an invalid URL: trying again cannot help
            raise FetchError("fetch_failed", f"{type(e).__name__}: {e}") from None
        finally:
            self.last[host] = self.clock()

    def _answer(self, url: str, r: httpx.Response) -> Response:
        heads = {k.lower(): v for k, v in r.headers.items()}
        if r.status_code == 304:
            return Response(str(r.url), 304, b"", heads)
        if r.status_code in RETRY_STATUSES:
            e = FetchError("retry", f"HTTP {r.status_code}", r.status_code)
            e.retry_after = _seconds(heads.get("retry-after"))
            raise e
        if r.status_code in DEAD_STATUSES:
            raise FetchError("dead_link", f"HTTP {r.status_code} {r.reason_phrase}".strip(), r.status_code)
        if r.status_code != 200:
            raise FetchError("http_error", f"HTTP {r.status_code} {r.reason_phrase}".strip(), r.status_code)
        return Response(str(r.url), 200, self._body(r), heads)

    def _body(self, r: httpx.Response) -> bytes:
        limit, deadline = self.options.max_bytes, self.clock() + 3 * self.options.timeout
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too_large", f"{declared} bytes is over the limit of {limit} bytes")
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise FetchError("too_large", f"over the limit of {limit} bytes")
            if self.clock() > deadline:  # a server dripping bytes never trips the read timeout
                raise FetchError("retry", f"the body took over {3 * self.options.timeout:g} s")
        return bytes(body)

    def _wait(self, host: str) -> None:
        delay = self.options.politeness
        rules = self.robots.get(host)
        if isinstance(rules, urllib.robotparser.RobotFileParser):
            delay = max(delay, min(float(rules.crawl_delay(self.options.user_agent) or 0), MAX_CRAWL_DELAY))
        if host in self.last:
            wait = self.last[host] + delay - self.clock()
            if wait > 0:
                self.sleep(wait)

    def _check_robots(self, url: str) -> None:
        host = host_of(url)
        if host not in self.robots:
            self.robots[host] = self._read_robots(host)
        rules = self.robots[host]
        if isinstance(rules, FetchError):
            raise FetchError(rules.kind, str(rules), rules.status)
        if not rules.can_fetch(self.options.user_agent, url):
            raise FetchError("robots_disallowed", f"robots.txt of {host} disallows it for {self.options.user_agent.split()[0]}")

    def _read_robots(self, host: str):
        rules = urllib.robotparser.RobotFileParser(host + "/robots.txt")
        try:
            r = self._get(host + "/robots.txt", {})
        except FetchError as e:
            if e.status is not None and 400 <= e.status < 500:
                rules.parse([])  # no robots.txt (or not for us to read): everything is allowed
                return rules
            return FetchError("robots_unreachable", f"robots.txt of {host} cannot be read ({e}): "
                                                    "nothing is fetched from that host this run", e.status)
        try:
            rules.parse(r.text().splitlines())
        except FetchError:
            rules.parse([])  # an undecodable robots.txt holds no rule we could follow
        return rules

    def close(self) -> None:
        self.client.close()


def _seconds(value: Optional[str]) -> Optional[float]:
    """A ``Retry-After`` given in seconds (an HTTP date is ignored: the back-off applies)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
