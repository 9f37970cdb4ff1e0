"""The dashboard in a real browser: Debian's Chromium driven by Python playwright.

Install with scripts/install_browser.sh. Screenshots go to artifacts/screenshots/.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

import fixtures_store as fx

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (run scripts/install_browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="browser tests need python playwright (run scripts/install_browser.sh)")


@contextlib.contextmanager
def serving(db: str):
    """The app over ``db`` on a free loopback port, in a thread, for the duration of the block."""
    import uvicorn

    from rasd.api.app import create_app

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        th.join(timeout=10)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from rasd.store import open_store

    db = str(tmp_path_factory.mktemp("web") / "web.db")
    with open_store(db) as s:
        fx.fill(s)
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # Nothing may come from outside: any request to another host fails the test.
    pg.outside = []
    pg.on("request", lambda r: None if r.url.startswith(server) else pg.outside.append(r.url))
    yield pg
    assert not pg.errors, pg.errors
    assert not pg.outside, pg.outside
    ctx.close()


PHONE, DESKTOP = (390, 844), (1366, 768)


@contextlib.contextmanager
def open_page(browser, base: str, size=DESKTOP, lang: str = "ar"):
    """A page at one viewport size in one language that fails on script errors and on any
    request to another host."""
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=base)
    # Before any of the page's own scripts: the dashboard reads the language at start-up.
    ctx.add_init_script(f"localStorage.setItem('rasd-lang', '{lang}')")
    pg = ctx.new_page()
    errors, outside = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("blob:") else outside.append(r.url))
    try:
        yield pg
    finally:
        ctx.close()
    assert not errors, errors
    assert not outside, outside


# -- the bulk fixture: many events of our own over seven years, most near Idlib ---------------
# (kind, mode, status, the sentence (our own words), actor1, actor2)
REGIME = ("قوات النظام", "Regime forces", "generic:military:SY")
BULK_KINDS = (
    ("ASSAULT", "explosives", "occurred", "قصفت قوات النظام بلدة الوادي فقتل مدنيون.", REGIME, ("المدنيين", "Civilians", None)),
    ("MOBILIZE", None, "called", "دعا التنظيم أنصاره إلى مهاجمة بلدة الوادي.", ("التنظيم", "Islamic State", "org:islamic-state"), None),
    ("THREATEN", None, "threatened", "هدد مسلحون باقتحام بلدة الوادي.", fx.GUNMEN, None),
    ("PROTEST", "demonstrate", "occurred", "تظاهر السكان في بلدة الوادي.", ("السكان", "Residents", None), None),
    ("ASSAULT", "aerial", "occurred", "أغارت طائرات على بلدة الوادي.", REGIME, None),
    ("ASSAULT", None, "planned", "خططت قوات النظام لاقتحام بلدة الوادي.", REGIME, None),
)
BULK_ARTICLES, BULK_PER = 60, 9
OUTLETS = ("صحيفة الوادي", "وكالة السهل", "موقع الجبل")


def bulk_event(i: int, j: int):
    """(kind row, located?) of event j of bulk article i: the same rule the tests count by."""
    return BULK_KINDS[(i + j) % len(BULK_KINDS)], not (j == BULK_PER - 1 and i % 3 == 0)


def bulk_articles():
    """BULK_ARTICLES articles of BULK_PER events each; article 0 is dated by month only (2017-05)."""
    import datetime as dt

    from rasd.model import Article, DateRef, Event, Place, Span

    out = []
    for i in range(BULK_ARTICLES):
        rows = [bulk_event(i, j) for j in range(BULK_PER)]
        head = "في أيار. " if i == 0 else ""
        text = head + " ".join(k[3] for k, _ in rows)
        published = (dt.date(2017, 5, 5) + dt.timedelta(days=44 * i)).isoformat()
        month = DateRef(0, 7, "في أيار", "2017-05", "month") if i == 0 else None
        places, events, at = [], [], len(head)
        for j, (k, located) in enumerate(rows):
            s, e = at, at + len(k[3])
            ps = text.index("بلدة الوادي", s)
            n = (i * BULK_PER + j) % 49
            place = Place(ps, ps + len("بلدة الوادي"), "بلدة الوادي", f"Wadi {n}", round(35.7 + (n % 7) * 0.06, 3),
                          round(36.4 + (n // 7) * 0.06, 3), "SY", "Idlib", None, 1) if located else None
            if place:
                places.append(place)
            a2 = fx.actor(k[5]) if k[5] else None
            events.append(Event(k[0], k[1], k[2], None, fx.actor(k[4]), a2, place, month,
                                (i + j) % 4 if k[2] == "occurred" and k[0] == "ASSAULT" else None, Span(s, e)))
            at = e + 1
        art = Article.create(text, id=f"bulk-{i:02d}", title=f"أحداث بلدة الوادي ({i})", outlet=OUTLETS[i % 3],
                             published=published)
        art = art.with_layer("places", places).with_layer("events", events)
        out.append(art.with_layer("dates", [month]) if month else art)
    return out


BULK_TOTAL = BULK_ARTICLES * BULK_PER + 4          # with the four hand-written articles
BULK_LOCATED = BULK_TOTAL - sum(1 for i in range(BULK_ARTICLES) for j in range(BULK_PER) if not bulk_event(i, j)[1])


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory):
    """The app over the hand-written fixture plus the bulk articles (more than one API page)."""
    from rasd.store import open_store

    db = str(tmp_path_factory.mktemp("bulk") / "bulk.db")
    with open_store(db) as s:
        fx.fill(s)
        for art in bulk_articles():
            s.put(art)
    with serving(db) as url:
        yield url


def wait_ready(page, hash_):
    page.wait_for_selector(f'body[data-ready="{hash_}"]', timeout=15000)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_map_to_story_to_article(page):
    page.goto("/")
    wait_ready(page, "#/")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")           # country borders drawn
    assert page.locator(".ev-marker").count() == 3                        # the two Idlib strikes share one
    assert page.locator('.ev-marker[data-events="art-idlib-a:0 art-idlib-b:0"]').inner_text() == "2"
    assert page.locator(".timeline svg rect.bar").count() == 3            # 3 (day, type) cells
    assert "☠ 8" in page.locator(".timeline svg text.fat").all_text_contents()  # 5 + 3 dead on 4 March
    shot(page, "map_ar")
    page.locator('.ev-marker[data-events~="art-baghdad:0"]').click()
    page.get_by_test_id("popup-story").first.click()
    wait_ready(page, "#/story/story-baghdad")
    page.goto("/#/story/story-idlib")
    wait_ready(page, "#/story/story-idlib")
    assert page.get_by_test_id("story-article").count() == 2
    shot(page, "story_ar")
    page.get_by_test_id("article-link").nth(1).click()
    wait_ready(page, "#/article/art-idlib-b")
    body = page.get_by_test_id("article-body")
    assert "الغارات لم تصب أي مدني" in body.locator("mark.hl-quote").all_inner_texts()
    assert "وقتل ثلاثة أشخاص" in body.locator("mark.hl-contra").all_inner_texts()
    # Entity marks cut the evidence sentence into pieces; together they are the sentence.
    assert "".join(body.locator("mark.hl-event").all_text_contents()).startswith("أعلن الجيش السوري أنه استهدف")
    shot(page, "article_ar")


def test_timeline_bar_filters_the_map_to_its_day_and_type(page):
    page.goto("/")
    wait_ready(page, "#/")
    page.locator('.timeline rect.bar[data-date="2024-03-10"]').click()
    page.wait_for_selector('body[data-ready*="date_from=2024-03-10"]')
    assert page.locator(".ev-marker").count() == 1
    assert page.get_by_test_id("f-event_type").input_value() == "PROTEST"


def test_story_view_highlights_each_outlets_spans(page):
    page.goto("/#/story/story-idlib")
    wait_ready(page, "#/story/story-idlib")
    a, b = page.get_by_test_id("story-article").all()
    assert "الطائرات استهدفت سوقاً شعبياً مزدحماً" in a.locator("mark.hl-quote").all_inner_texts()
    assert "مقتل خمسة مدنيين" in a.locator("mark.hl-contra").all_inner_texts()
    assert "الغارات لم تصب أي مدني" in b.locator("mark.hl-contra").all_inner_texts()
    page.get_by_test_id("story-event").first.click()              # the merged strike: its evidence flashes
    assert "".join(a.locator("mark.flash").all_text_contents()).startswith("قصفت طائرات الجيش السوري")


def test_untrusted_text_is_rendered_escaped(page):
    page.goto("/#/article/art-xss")
    wait_ready(page, "#/article/art-xss")
    assert page.evaluate("window.__xss") is None
    assert fx.XSS_TEXT_TAG in page.get_by_test_id("article-body").inner_text()
    assert page.get_by_test_id("article-title").inner_text() == fx.XSS_TITLE
    assert page.locator("#view script, #view img").count() == 0
    shot(page, "article_xss")
    page.goto("/")
    wait_ready(page, "#/")
    page.locator('.ev-marker[data-events~="art-xss:0"]').click()
    assert "<b>منصة</b>" in page.get_by_test_id("popup").inner_text()
    assert page.evaluate("window.__xss") is None


def test_language_switch_to_english_ltr(page):
    page.goto("/#/stories")
    wait_ready(page, "#/stories")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.get_by_test_id("lang-toggle").click()
    wait_ready(page, "#/stories")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.get_by_test_id("nav-stories").inner_text() == "Stories"
    page.goto("/#/")
    wait_ready(page, "#/")
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    shot(page, "map_en")


def test_entity_page_shows_events_and_quotes_over_time(page):
    page.goto("/#/entities")
    wait_ready(page, "#/entities")
    shot(page, "entities_ar")
    page.goto("/#/entity/generic:military:SY")
    wait_ready(page, "#/entity/generic:military:SY")
    assert page.get_by_test_id("entity-events").get_by_test_id("event-row").count() == 2
    assert page.get_by_test_id("entity-quotes").locator("li").count() == 1
    shot(page, "entity_ar")


def test_search_finds_folded_spelling(page):
    page.goto("/")
    wait_ready(page, "#/")
    page.get_by_test_id("search-input").fill("ادلب")
    page.get_by_test_id("search-input").press("Enter")
    page.wait_for_selector('body[data-ready^="#/search"]')
    assert page.get_by_test_id("search-hit").count() == 2
    assert page.locator("mark.hl-hit").all_text_contents() == ["إدلب", "إدلب"]
    shot(page, "search_ar")


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    """The app over a database built from the sample corpus by `rasd ingest` (real analysis)."""
    if not SAMPLES.is_dir() or not any(SAMPLES.iterdir()):
        pytest.skip(f"needs the sample corpus in {SAMPLES}")
    from click.testing import CliRunner

    from rasd.cli import main

    db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    res = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert res.exit_code == 0, res.output
    with serving(db) as url:
        yield url, db


def test_sample_corpus_map_story_article(browser, corpus_server):
    from rasd.store import open_store

    base, db = corpus_server
    with open_store(db) as s:
        story = max(s.stories(), key=lambda st: len(st.articles))
        located = [e for e in s.events(story=story.id) if (e.get("place") or {}).get("lat") is not None]
    if not located:
        pytest.skip("the analysis located no event of the largest sample story")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("/")
    wait_ready(page, "#/")
    assert page.locator(".ev-marker, .ev-cluster").count() >= 1
    shot(page, "samples_map")
    # The event's marker may sit in a cluster: focus= zooms it out of the cluster and opens it.
    page.goto(f"/#/?focus={located[0]['id']}")
    wait_ready(page, f"#/?focus={located[0]['id']}")
    page.locator(f'[data-testid=popup-story][href="#/story/{story.id}"]').first.click()
    wait_ready(page, f"#/story/{story.id}")
    assert page.get_by_test_id("story-article").count() == len(story.articles)
    shot(page, "samples_story")
    page.get_by_test_id("article-link").first.click()
    page.wait_for_selector('body[data-ready^="#/article/"]')
    aid = page.evaluate("location.hash").split("/")[-1]
    with open_store(db) as s:
        art = s.get(aid)
    marked = "".join(page.get_by_test_id("article-body").locator("mark.hl-event").all_text_contents())
    for ev in art.events:
        assert art.text[ev.evidence.start:ev.evidence.end] in marked
    quoted = page.get_by_test_id("article-body").locator("mark.hl-quote").all_text_contents()
    assert len(quoted) >= min(1, len(art.quotes))
    shot(page, "samples_article")
    assert not errors, errors
    page.close()
