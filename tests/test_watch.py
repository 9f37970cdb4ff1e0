"""``rasd watch`` end to end against a news site on loopback that the tests write.

Three runs over one feed store each live article once, report the dead link, add nothing
when the feed has not changed (a 304), and add exactly the item that appears; stored articles
carry their canonical URL and the feed's date and none of the site's furniture. Other feeds
go on when one host is too slow; SIGTERM stops a loop without losing what it fetched.
"""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.store import open_store
from watch_site import ARTICLES, FURNITURE, Route, Site, atom, page, rss

FAST = ["--politeness", "0", "--tries", "2"]


@pytest.fixture
def site():
    s = Site()
    for key in ARTICLES:
        s.routes[f"/news/{key}"] = Route(page(key))
    s.routes["/news/shelling-copy"] = Route(page("shelling"))  # the same article at another URL
    s.routes["/private/leak"] = Route(page("truce"))  # disallowed by robots.txt
    yield s
    s.close()


def publish(site: Site, items: list[tuple[str, str]], etag: str) -> None:
    site.routes["/feed.xml"] = Route(rss("نشرة المرصد", [(k, site.url(p)) for k, p in items]),
                                     "application/rss+xml; charset=utf-8", etag=etag)


FIRST = [("protest", "/news/protest?utm_source=rss&utm_medium=feed#comments"), ("shelling", "/news/shelling-copy"),
         ("gone", "/news/gone"), ("truce", "/private/leak"), ("shelling", "/news/shelling?utm_campaign=x"),
         ("shelling", "/news/shelling")]


def watch(*args):
    res = CliRunner().invoke(main, ["watch", *args, *FAST])
    lines = res.stdout.strip().splitlines()
    return res, json.loads(lines[-1]) if lines else None


def stored(db) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT url, published, title, outlet, text FROM articles ORDER BY published").fetchall()


def test_three_runs_store_each_article_once_and_only_what_is_new(site, tmp_path):
    db = str(tmp_path / "w.db")
    publish(site, FIRST, '"v1"')
    res, first = watch(site.url("/feed.xml"), "--db", db, "--once")
    assert res.exit_code == 1  # the dead link and the disallowed page are reported
    assert (first["added"], first["fetched"], first["duplicates"], first["errors"]) == (2, 2, 2, 2)
    errors = [json.loads(line) for line in res.stderr.splitlines() if line.startswith("{")]
    assert sorted((e["error"], e["source"]) for e in errors) == [
        ("dead_link", site.url("/news/gone")), ("robots_disallowed", site.url("/private/leak"))]
    assert "/private/leak" not in site.paths()

    pages_before = len([p for p in site.paths() if p.startswith("/news/")])
    res, second = watch(site.url("/feed.xml"), "--db", db, "--once")
    assert res.exit_code == 0 and second["not_modified"] == 1 and second["added"] == 0
    assert len([p for p in site.paths() if p.startswith("/news/")]) == pages_before  # no page fetched again

    publish(site, [("ambush", "/news/ambush")] + FIRST, '"v2"')
    res, third = watch(site.url("/feed.xml"), "--db", db, "--once")
    assert third["added"] == 1 and third["fetched"] == 1

    rows = stored(db)
    assert [(u, p) for u, p, *_ in rows] == [(site.url("/news/shelling"), "2024-03-05"),
                                             (site.url("/news/protest"), "2024-03-10"),
                                             (site.url("/news/ambush"), "2024-03-16")]
    assert {t for _, _, t, _, _ in rows} == {ARTICLES[k][0] for k in ("shelling", "protest", "ambush")}
    assert {o for *_, o, _ in rows} == {"نشرة المرصد"}
    for *_, text in rows:
        assert not [f for f in FURNITURE if f in text]
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM errors").fetchone()[0] == 2  # reported each run, stored once
    with open_store(db) as s:
        state = s.feed_state(site.url("/feed.xml"))
    assert (state.etag, state.failures, state.last_entry) == ('"v2"', 0, site.url("/news/ambush"))


def test_atom_feeds_from_an_opml_list_go_on_when_one_host_is_too_slow(site, tmp_path):
    slow = Site()
    slow.routes["/feed.xml"] = Route(b"<rss/>", delay=2)
    try:
        site.routes["/atom.xml"] = Route(atom("أطلس", [("truce", site.url("/news/truce"))]), "application/atom+xml",
                                         last_modified="Thu, 14 Mar 2024 12:00:00 GMT")
        publish(site, [("shelling", "/news/shelling")], '"v1"')
        opml = tmp_path / "feeds.opml"
        opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{slow.url("/feed.xml")}"/>'
                        f'<outline xmlUrl="{site.url("/atom.xml")}"/><outline xmlUrl="{site.url("/feed.xml")}"/>'
                        "</body></opml>", encoding="utf-8")
        db = str(tmp_path / "w.db")
        res, first = watch("--feeds", str(opml), "--db", db, "--once", "--timeout", "0.3")
        assert (first["feeds"], first["failed_feeds"], first["added"]) == (3, 1, 2)
        assert '"fetch_failed"' in res.stderr and "timed out" in res.stderr
        res, second = watch("--feeds", str(opml), "--db", db, "--once", "--timeout", "0.3")
        assert (second["not_modified"], second["failed_feeds"], second["added"]) == (2, 1, 0)  # ETag and Last-Modified
        with open_store(db) as s:
            assert s.feed_state(slow.url("/feed.xml")).failures == 2
    finally:
        slow.close()


def test_a_broken_feed_is_an_error_record_and_the_next_feed_goes_on(site, tmp_path):
    site.routes["/broken.xml"] = Route(b"<html><body>maintenance</body></html>")
    publish(site, [("protest", "/news/protest")], '"v1"')
    db = str(tmp_path / "w.db")
    res, report = watch(site.url("/broken.xml"), site.url("/feed.xml"), "--db", db, "--once")
    assert res.exit_code == 1 and report["failed_feeds"] == 1 and report["added"] == 1
    assert '"bad_feed"' in res.stderr


def test_sigterm_stops_the_loop_and_keeps_what_was_fetched(site, tmp_path):
    site.routes["/news/ambush"] = Route(page("ambush"), delay=2)  # still being fetched at SIGTERM
    publish(site, [("protest", "/news/protest"), ("ambush", "/news/ambush"), ("shelling", "/news/shelling")], '"v1"')
    db = str(tmp_path / "w.db")
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "watch", site.url("/feed.xml"), "--db", db,
                             "--interval", "60", *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while "/news/ambush" not in site.paths() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err[-2000:]
    report = json.loads(out.strip().splitlines()[-1])
    assert report["stopped"] and report["added"] == 2
    assert [u for u, *_ in stored(db)] == [site.url("/news/shelling"), site.url("/news/ambush")]
    assert "/news/protest" not in site.paths()
    with open_store(db) as s:
        assert s.feed_state(site.url("/feed.xml")).etag is None  # half-read: polled in full next time
    res, after = watch(site.url("/feed.xml"), "--db", db, "--once")
    assert (after["added"], after["duplicates"]) == (1, 2)
