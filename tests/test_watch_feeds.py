"""Feed lists, feeds and canonical URLs (no network)."""
from __future__ import annotations

import pytest

from rasd.watch import BadURL, FeedError, canonical_url, parse_feed, read_feed_list
from watch_site import atom, rss


def test_canonical_urls_drop_campaign_parameters_and_fragments():
    assert canonical_url("HTTPS://News.Example.ORG:443/a/%D8%A8?id=7&utm_source=rss&utm_Medium=x&p=2#comments") \
        == "https://news.example.org/a/%D8%A8?id=7&p=2"


def test_canonical_urls_drop_click_ids_and_keep_other_ports():
    assert canonical_url("http://example.org:8080/x?fbclid=abc") == "http://example.org:8080/x"
    assert canonical_url("http://example.org") == "http://example.org/"


@pytest.mark.parametrize("bad", ["ftp://example.org/x", "/news/1", "mailto:a@b.c", "http://", "http://x:99999/"])
def test_only_absolute_http_urls_are_accepted(bad):
    with pytest.raises(BadURL):
        canonical_url(bad)


def test_a_feed_list_is_one_url_a_line_with_comments(tmp_path):
    f = tmp_path / "feeds.txt"
    f.write_text("# our feeds\nhttps://a.example/rss?utm_source=x\n\n  https://b.example/atom.xml  \n", encoding="utf-8")
    assert read_feed_list(str(f)) == ["https://a.example/rss", "https://b.example/atom.xml"]


def test_a_feed_list_line_that_is_no_url_is_refused_with_its_line_number(tmp_path):
    f = tmp_path / "feeds.txt"
    f.write_text("https://a.example/rss\nnot a url\n", encoding="utf-8")
    with pytest.raises(FeedError, match="feeds.txt:2"):
        read_feed_list(str(f))


def test_an_opml_feed_list_gives_every_outline_with_an_xml_url(tmp_path):
    f = tmp_path / "feeds.opml"
    f.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                 '<outline text="سوريا"><outline type="rss" text="a" xmlUrl="https://a.example/rss"/></outline>'
                 '<outline text="b" xmlurl="https://b.example/feed"/><outline text="no feed"/></body></opml>',
                 encoding="utf-8")
    assert read_feed_list(str(f)) == ["https://a.example/rss", "https://b.example/feed"]


def test_an_rss_feed_gives_entries_oldest_first_with_canonical_urls_and_dates():
    feed = parse_feed(rss("نشرة", [("protest", "http://s.example/p?utm_source=rss#c"),
                                    ("shelling", "http://s.example/s")]), "http://s.example/feed.xml")
    assert feed.title == "نشرة"
    assert [(e.url, e.published) for e in feed.entries] == [("http://s.example/s", "2024-03-05"),
                                                             ("http://s.example/p", "2024-03-10")]


def test_an_entry_date_is_read_in_the_feeds_own_time_zone():
    # 01:30 on the 5th at +03:00 is still the 4th in UTC; the article is from the 5th.
    xml = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
           b'<link>http://s.example/a</link><pubDate>Tue, 05 Mar 2024 01:30:00 +0300</pubDate></item></channel></rss>')
    assert parse_feed(xml, "http://s.example/f").entries[0].published == "2024-03-05"


def test_an_atom_feed_gives_links_titles_and_dates():
    feed = parse_feed(atom("أطلس", [("truce", "http://s.example/truce")]), "http://s.example/atom.xml")
    assert [(e.url, e.published, e.title[:5]) for e in feed.entries] == [("http://s.example/truce", "2024-03-14", "اتفاق")]


def test_a_page_that_is_no_feed_is_a_bad_feed():
    with pytest.raises(FeedError) as err:
        parse_feed(b"<html><body><p>hello</p></body></html>", "http://s.example/feed.xml")
    assert err.value.kind == "bad_feed"


def test_an_entry_without_a_link_is_an_error_and_the_others_stay():
    xml = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>no link</title></item>'
           b'<item><title>ok</title><link>http://s.example/ok</link></item></channel></rss>')
    feed = parse_feed(xml, "http://s.example/f")
    assert [e.url for e in feed.entries] == ["http://s.example/ok"]
    assert [e.error for e in feed.errors] == ["bad_entry"]
