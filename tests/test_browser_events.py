"""The map, timeline and events table over many events (the bulk fixture of
tests/test_browser.py: 544 events, more than one API page), on a phone and a desktop."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from test_browser import (BULK_ARTICLES, BULK_LOCATED, BULK_PER, BULK_TOTAL, DESKTOP, PHONE, browser,  # noqa: F401
                          bulk_event, bulk_server, open_page, shot, wait_ready)

SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
BOTH = pytest.mark.parametrize("size,lang", [(PHONE, "ar"), (PHONE, "en"), (DESKTOP, "ar"), (DESKTOP, "en")],
                               ids=["phone-ar", "phone-en", "desktop-ar", "desktop-en"])


def count_of(status: str) -> int:
    """Events of one status in the bulk articles (the four hand-written ones: 3 occurred, 1 threatened)."""
    bulk = sum(1 for i in range(BULK_ARTICLES) for j in range(BULK_PER) if bulk_event(i, j)[0][2] == status)
    return bulk + {"occurred": 3, "threatened": 1}.get(status, 0)


def on_map(page) -> int:
    """Events drawn on the map: the counts of the markers and clusters in view."""
    return page.evaluate("""[...document.querySelectorAll('.ev-marker, .ev-cluster')]
                            .reduce((s, n) => s + Number(n.dataset.count), 0)""")


@BOTH
def test_map_draws_every_event_and_says_how_many(browser, bulk_server, size, lang):  # noqa: F811
    with open_page(browser, bulk_server, size, lang) as page:
        page.goto("/")
        wait_ready(page, "#/")
        assert on_map(page) == BULK_LOCATED                       # no cap at one API page of 500
        said = page.get_by_test_id("map-count").inner_text()
        assert re.sub(r"\D+", " ", said).split() == [str(BULK_LOCATED), str(BULK_TOTAL)]
        assert ("of" in said) == (lang == "en")


@SIZES
def test_nearby_markers_are_clustered_and_a_click_opens_the_cluster(browser, bulk_server, size):  # noqa: F811
    with open_page(browser, bulk_server, size) as page:
        page.goto("/")
        wait_ready(page, "#/")
        clusters = page.locator(".ev-cluster")
        assert clusters.count() >= 1
        shapes = page.locator(".ev-cluster, .ev-marker")
        before = shapes.count()
        biggest = max(range(clusters.count()), key=lambda i: int(clusters.nth(i).get_attribute("data-count")))
        clusters.nth(biggest).click()
        shapes.nth(before).wait_for(state="attached")              # zoomed in: the cluster split
        shot(page, f"cluster_open_{size[0]}")


@SIZES
def test_calls_and_threats_are_drawn_apart_from_what_occurred(browser, bulk_server, size):  # noqa: F811
    with open_page(browser, bulk_server, size, "en") as page:
        page.goto("/#/?focus=art-xss:0")                          # the threat near Aleppo, out of its cluster
        wait_ready(page, "#/?focus=art-xss:0")
        ring = page.locator('.ev-marker[data-events~="art-xss:0"]')
        assert ring.get_attribute("data-status") == "said"
        assert ring.evaluate("n => getComputedStyle(n).borderTopStyle") == "dashed"
        # On the timeline every call or threat hangs below the line, every occurrence stands on it.
        axis = float(page.locator(".timeline line.axis").first.get_attribute("y1"))
        bars = page.eval_on_selector_all(".timeline rect.bar", """rs => rs.map(r => [r.classList.contains('said'),
            +r.getAttribute('y'), +r.getAttribute('y') + +r.getAttribute('height'), r.getAttribute('fill')])""")
        assert all(y >= axis - 0.01 and fill.startswith("url(#hatch") for said, y, _, fill in bars if said)
        assert all(bottom <= axis + 0.01 and not fill.startswith("url(") for said, _, bottom, fill in bars if not said)
        assert any(said for said, *_ in bars) and any(not said for said, *_ in bars)


@BOTH
def test_status_filter_narrows_map_table_and_timeline(browser, bulk_server, size, lang):  # noqa: F811
    with open_page(browser, bulk_server, size, lang) as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        if not page.get_by_test_id("f-status").is_visible():
            page.get_by_test_id("filters-toggle").click()         # folded away on a phone
        page.get_by_test_id("f-status").select_option("called")
        page.get_by_test_id("f-apply").click()
        page.wait_for_selector('body[data-ready*="status=called"]')
        assert set(page.locator("[data-testid=event-row]").evaluate_all("rs => rs.map(r => r.dataset.status)")) == {"called"}
        assert page.get_by_test_id("table-range").inner_text().split()[-1] == str(count_of("called"))
        page.get_by_test_id("to-map").click()
        page.wait_for_selector('body[data-ready="#/?status=called"]')
        assert on_map(page) == count_of("called")
        assert page.locator(".timeline rect.bar.occurred").count() == 0
        shot(page, f"map_called_{lang}_{size[0]}")


@SIZES
def test_timeline_axis_is_time_and_its_labels_do_not_overlap(browser, bulk_server, size):  # noqa: F811
    with open_page(browser, bulk_server, size) as page:
        page.goto("/")
        wait_ready(page, "#/")
        svg = page.locator(".timeline svg")
        assert svg.get_attribute("data-unit") == "month"           # 2017-05 .. 2024-07
        # Bars stand where their month begins: x is a linear function of time.
        xs = page.eval_on_selector_all(".timeline rect.bar.occurred", "rs => rs.map(r => [+r.dataset.start, +r.getAttribute('x')])")
        (t0, x0), (t1, x1) = min(xs), max(xs)
        for t, x in xs:
            assert abs(x0 + (t - t0) * (x1 - x0) / (t1 - t0) - x) < 1.0
        assert page.locator('.timeline rect.bar[data-date="2017-05"]').count() >= 1   # the month-only dates
        boxes = page.eval_on_selector_all(".timeline text.tick, .timeline text.fat", """ts => ts.map(t => {
            const b = t.getBoundingClientRect(); return [b.left, b.right, b.top, b.bottom]; })""")
        width = svg.evaluate("s => s.getBoundingClientRect().right")
        assert len(boxes) >= 4 and all(r <= width + 0.5 for _, r, _, _ in boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), (a, b)


def test_timeline_spaces_years_by_their_length(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP) as page:
        page.goto("/")
        wait_ready(page, "#/")
        ticks = page.eval_on_selector_all(".timeline text.tick", "ts => ts.map(t => [+t.dataset.ms, +t.getAttribute('x')])")
        (ta, xa), (tb, xb) = ticks[0], ticks[-1]
        per_day = (xb - xa) / ((tb - ta) / 864e5)
        for (t1, x1), (t2, x2) in zip(ticks, ticks[1:]):
            assert abs((x2 - x1) - per_day * (t2 - t1) / 864e5) < 1.0


def first_dates(page) -> list[str]:
    return page.locator("[data-testid=event-row] td.c-date").all_inner_texts()


def test_table_sorts_by_a_column_header_over_every_event(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP, "en") as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        dates = first_dates(page)
        last = (dt.date(2017, 5, 5) + dt.timedelta(days=44 * (BULK_ARTICLES - 1))).isoformat()
        assert dates == sorted(dates, reverse=True) and dates[0] == last           # newest first
        page.get_by_test_id("sort-fatalities").click()
        page.wait_for_selector('body[data-ready*="sort=fatalities"]')
        dead = [int(x) for x in page.locator("td.c-fatalities").all_inner_texts()]
        assert dead == sorted(dead, reverse=True) and dead[0] == 5            # the Idlib strike
        page.get_by_test_id("sort-fatalities").click()                         # again: ascending
        page.wait_for_selector('body[data-ready*="dir=asc"]')
        dead = [int(x) for x in page.locator("td.c-fatalities").all_inner_texts() if x]
        assert dead == sorted(dead) and dead[0] == 0
        shot(page, "events_sorted_en_1366")


def test_table_pages_through_every_event(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP, "en") as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        assert page.get_by_test_id("table-range").inner_text() == f"Events 1–50 of {BULK_TOTAL}"
        first = page.locator("[data-testid=event-row]").first.get_attribute("data-event")
        page.get_by_test_id("page-next").click()
        assert page.get_by_test_id("table-range").inner_text() == f"Events 51–100 of {BULK_TOTAL}"
        assert page.locator("[data-testid=event-row]").first.get_attribute("data-event") != first
        page.get_by_test_id("page-last").click()
        assert page.get_by_test_id("table-range").inner_text() == f"Events 501–{BULK_TOTAL} of {BULK_TOTAL}"
        assert page.locator("[data-testid=event-row]").count() == BULK_TOTAL - 500
        assert page.get_by_test_id("page-next").is_disabled()


def test_table_sorts_and_pages_on_a_phone_in_arabic(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, PHONE, "ar") as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        page.get_by_test_id("sort-select").select_option("date")
        page.get_by_test_id("sort-dir").click()                    # oldest first
        page.wait_for_selector('body[data-ready*="dir=asc"]')
        dates = first_dates(page)
        assert dates[0] == "2017-05" and dates == sorted(dates)
        page.get_by_test_id("page-size").select_option("25")
        page.get_by_test_id("page-next").click()
        assert page.get_by_test_id("table-range").inner_text().split()[1] == "26–50"
        shot(page, "events_ar_390_page2")


def evidence_text(page) -> str:
    return "".join(page.get_by_test_id("article-body").locator("mark.flash").all_text_contents())


@SIZES
def test_table_row_opens_its_evidence_sentence_highlighted(browser, bulk_server, size):  # noqa: F811
    from test_browser import BULK_KINDS

    with open_page(browser, bulk_server, size, "en") as page:
        page.goto("/#/events?sort=date&dir=asc")
        wait_ready(page, "#/events?sort=date&dir=asc")
        row = page.locator("[data-testid=event-row]").nth(2)                 # bulk-00, event 2: the threat
        assert row.get_attribute("data-event") == "bulk-00:2"
        row.get_by_test_id("row-evidence").click()
        wait_ready(page, "#/article/bulk-00?ev=2")
        assert evidence_text(page) == BULK_KINDS[2][3]
        # Marked in one colour over the hatching of a threat's sentence, not under it.
        assert page.locator("mark.flash").first.evaluate("m => getComputedStyle(m).backgroundImage") == "none"
        assert page.locator("mark.flash").first.evaluate(
            "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
        assert page.locator('[data-testid=article-event][data-ev="2"]').get_attribute("class").split().count("focus") == 1
        shot(page, f"evidence_en_{size[0]}")


def test_popup_opens_its_evidence_sentence_highlighted(browser, bulk_server):  # noqa: F811
    import fixtures_store as fx

    with open_page(browser, bulk_server, PHONE, "ar") as page:
        page.goto("/#/?focus=art-idlib-b:0")
        wait_ready(page, "#/?focus=art-idlib-b:0")
        page.locator('[data-event="art-idlib-b:0"] [data-testid=popup-evidence]').click()
        wait_ready(page, "#/article/art-idlib-b?ev=0")
        art = fx.article_idlib_b()
        ev = art.events[0].evidence
        assert evidence_text(page) == art.text[ev.start:ev.end]


def test_article_event_table_shows_status_and_both_actors(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP, "en") as page:
        page.goto("/#/article/bulk-00")
        wait_ready(page, "#/article/bulk-00")
        first = page.get_by_test_id("article-event").first
        assert first.locator("[data-status]").inner_text() == "occurred"
        assert first.locator("td").nth(2).inner_text() == "Regime forces"       # English names in English
        assert first.locator("td").nth(3).inner_text() == "Civilians"
        called = page.locator('[data-testid=article-event].said').first
        assert called.locator("[data-status]").inner_text() == "called for"
        called.click()                                                          # a row click highlights too
        assert page.locator("mark.flash").count() >= 1


def test_downloads_carry_the_active_filters(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP, "en") as page:
        page.goto("/#/events?status=threatened")
        wait_ready(page, "#/events?status=threatened")
        links = page.get_by_test_id("downloads").locator("a")
        hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        served = [h for h in hrefs if h.startswith("/export/")]
        made = [h for h in hrefs if h.startswith("blob:")]
        # Either the server filters its exports (the filter is in every link) or the browser
        # offers the events on screen as files, and the server links say they are everything.
        assert all("status=threatened" in h for h in served) or (made and "whole database" in
                                                                 page.get_by_test_id("downloads-note").inner_text())
        if made:
            with page.expect_download() as dl:
                page.locator('[data-format="events-csv"]').click()
            rows = open(dl.value.path(), encoding="utf-8-sig").read().strip().splitlines()
            assert len(rows) - 1 == count_of("threatened") and all(",threatened," in r for r in rows[1:])


def test_status_pills_of_calls_are_outlined_not_filled(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, PHONE, "ar") as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        said = page.locator('[data-testid=event-row][data-status="called"] .pill.type').first
        done = page.locator('[data-testid=event-row][data-status="occurred"] .pill.type').first
        assert said.evaluate("n => getComputedStyle(n).borderTopStyle") == "dashed"
        assert said.evaluate("n => getComputedStyle(n).backgroundColor") == "rgb(255, 255, 255)"
        assert done.evaluate("n => getComputedStyle(n).backgroundColor") != "rgb(255, 255, 255)"




def test_unknown_name_offers_the_closest_known_ones(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, PHONE, "en") as page:
        page.goto("/#/events?country=Sirya")
        wait_ready(page, "error")
        page.get_by_test_id("did-you-mean").get_by_text("Syria").click()
        wait_ready(page, "#/events?country=SY")
        assert page.get_by_test_id("table-range").inner_text().split()[-1] == str(BULK_LOCATED - 1)  # all but Baghdad


def test_a_country_typed_in_arabic_is_read_as_a_name_and_says_so(browser, bulk_server):  # noqa: F811
    with open_page(browser, bulk_server, DESKTOP, "ar") as page:
        page.goto("/#/events")
        wait_ready(page, "#/events")
        page.get_by_test_id("f-country").press_sequentially("سو")
        page.locator('#dl-country option[value="SY"]').wait_for(state="attached")   # from GET /suggest
        page.get_by_test_id("f-country").fill("سوريا")
        page.get_by_test_id("f-apply").click()
        page.wait_for_selector('body[data-ready*="country="]')
        assert "Syria" in page.get_by_test_id("resolved").inner_text()
        assert page.get_by_test_id("table-range").inner_text().split()[-1] == str(BULK_LOCATED - 1)


@pytest.mark.parametrize("lang,arrow", [("ar", "←"), ("en", "→")])
def test_actor_arrow_points_from_the_actor_to_the_target(browser, bulk_server, lang, arrow):  # noqa: F811
    with open_page(browser, bulk_server, PHONE, lang) as page:
        page.goto("/#/?focus=bulk-00:0")                          # Regime forces strike: Civilians the target
        wait_ready(page, "#/?focus=bulk-00:0")
        actors = page.locator('[data-event="bulk-00:0"] .actors')
        assert arrow in actors.inner_text()
        a1, a2 = (actors.locator(c).evaluate("n => n.getBoundingClientRect().left") for c in (".actor1", ".actor2"))
        assert (a1 > a2) == (lang == "ar")                         # the actor stands where the line starts
        assert actors.locator(".actor1").inner_text() == ("قوات النظام" if lang == "ar" else "Regime forces")
