"""The watcher's HTTP rules against a real server on loopback: retries, timeouts, politeness,
robots.txt, conditional GET, size limit, User-Agent."""
from __future__ import annotations

import pytest

from rasd.watch import Fetcher, FetchError, FetchOptions
from watch_site import Route, Site


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


class FakeTime:
    """A clock that only moves when the fetcher sleeps: politeness waits become exact."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def fetcher(fake: FakeTime | None = None, **options) -> Fetcher:
    opts = FetchOptions(**{"politeness": 0, "backoff": 0.01, "timeout": 2, **options})
    if fake is None:
        return Fetcher(opts)
    return Fetcher(opts, sleep=fake.sleep, clock=fake.clock)


def test_a_busy_server_is_tried_again_after_a_doubling_back_off(site):
    site.routes["/a"] = Route(b"<p>ok</p>", fail_first=2)
    fake = FakeTime()
    assert fetcher(fake, tries=3, backoff=0.5).get(site.url("/a")).content == b"<p>ok</p>"
    assert fake.sleeps == [0.5, 1.0]


def test_a_server_that_stays_busy_is_an_http_error_after_the_last_try(site):
    site.routes["/a"] = Route(b"x", fail_first=9)
    with pytest.raises(FetchError, match="HTTP 503 after 2 tries") as err:
        fetcher(tries=2).get(site.url("/a"))
    assert err.value.kind == "http_error" and site.paths().count("/a") == 2


def test_a_slow_server_times_out(site):
    site.routes["/slow"] = Route(b"x", delay=1.5)
    with pytest.raises(FetchError, match="timed out") as err:
        fetcher(timeout=0.2, tries=2).get(site.url("/slow"))
    assert err.value.kind == "fetch_failed"


def test_a_missing_page_is_a_dead_link_and_is_not_tried_again(site):
    with pytest.raises(FetchError, match="HTTP 404") as err:
        fetcher(tries=3).get(site.url("/gone"))
    assert err.value.kind == "dead_link" and site.paths().count("/gone") == 1


def test_two_requests_to_one_host_wait_the_politeness_delay(site):
    site.routes["/a"] = Route(b"a")
    other = Site()
    other.routes["/b"] = Route(b"b")
    try:
        fake = FakeTime()
        f = fetcher(fake, politeness=5)
        f.get(site.url("/a"))  # robots.txt first, then the page: one wait
        f.get(site.url("/a"))  # one more
        f.get(other.url("/b"))  # another host: its robots.txt goes at once, then one wait
        assert fake.sleeps == [5, 5, 5]
    finally:
        other.close()


def test_a_crawl_delay_longer_than_the_politeness_delay_wins():
    s = Site(robots="User-agent: *\nCrawl-delay: 2\n")
    s.routes["/a"] = Route(b"a")
    try:
        fake = FakeTime()
        f = fetcher(fake, politeness=0.5)
        f.get(s.url("/a"))
        assert fake.sleeps == [2]
    finally:
        s.close()


def test_robots_txt_is_obeyed_and_the_page_is_never_requested(site):
    site.routes["/private/x"] = Route(b"secret")
    with pytest.raises(FetchError, match="disallows") as err:
        fetcher().get(site.url("/private/x"))
    assert err.value.kind == "robots_disallowed" and "/private/x" not in site.paths()


def test_robots_txt_naming_rasd_applies_to_it():
    s = Site(robots="User-agent: rasd\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    s.routes["/a"] = Route(b"a")
    try:
        with pytest.raises(FetchError, match="disallows"):
            fetcher().get(s.url("/a"))
    finally:
        s.close()


def test_a_site_without_robots_txt_allows_everything():
    s = Site(robots=None)
    s.routes["/a"] = Route(b"a")
    try:
        assert fetcher().get(s.url("/a")).status == 200
    finally:
        s.close()


def test_a_robots_txt_that_cannot_be_read_blocks_the_host(site):
    site.routes["/robots.txt"] = Route(b"down", fail_first=99)
    site.routes["/a"] = Route(b"a")
    f = fetcher(tries=2)
    for _ in range(2):
        with pytest.raises(FetchError, match="robots.txt of .* cannot be read") as err:
            f.get(site.url("/a"))
        assert err.value.kind == "robots_unreachable"
    assert "/a" not in site.paths() and site.paths().count("/robots.txt") == 2  # read once per run


def test_an_unchanged_feed_answers_304_to_its_etag_and_last_modified(site):
    site.routes["/feed"] = Route(b"<rss/>", etag='"v1"')
    site.routes["/atom"] = Route(b"<feed/>", last_modified="Thu, 14 Mar 2024 12:00:00 GMT")
    f = fetcher()
    first = f.get(site.url("/feed"))
    assert first.status == 200 and first.headers["etag"] == '"v1"'
    assert f.get(site.url("/feed"), etag='"v1"').not_modified
    assert f.get(site.url("/atom"), last_modified="Thu, 14 Mar 2024 12:00:00 GMT").not_modified
    sent = [h for p, h in site.requests if p in ("/feed", "/atom")]
    assert sent[1]["if-none-match"] == '"v1"' and sent[2]["if-modified-since"].startswith("Thu, 14 Mar")


def test_every_request_says_who_is_asking(site):
    site.routes["/a"] = Route(b"a")
    fetcher().get(site.url("/a"))
    agents = {h["user-agent"] for _, h in site.requests}
    assert len(agents) == 1 and agents.pop().startswith("rasd/")


def test_a_body_over_the_limit_is_refused(site):
    site.routes["/big"] = Route(b"x" * 5000)
    with pytest.raises(FetchError, match="over the limit") as err:
        fetcher(max_bytes=1000).get(site.url("/big"))
    assert err.value.kind == "too_large"
