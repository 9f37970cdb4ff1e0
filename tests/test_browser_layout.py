"""Every view on a phone (390x844) and a desktop (1366x768), in Arabic and in English: nothing
wider than the screen, the menu on one line an item, every line's start on screen, labels in
the page's language and user text in its own direction. Over the hand-written fixture plus
the bulk articles (tests/test_browser.py), so tables, clusters and the timeline are full."""
from __future__ import annotations

import pytest

from test_browser import DESKTOP, PHONE, browser, bulk_server, open_page, shot, wait_ready  # noqa: F401  (fixtures)

VIEWS = {
    "map": "#/",
    "popup": "#/?focus=art-idlib-a:0",
    "events": "#/events",
    "stories": "#/stories",
    "story": "#/story/story-idlib",
    "article": "#/article/art-idlib-a?ev=0",
    "entities": "#/entities",
    "entity": "#/entity/generic:military:SY",
    "search": "#/search?q=ادلب",
}
# Text the fixture wrote (titles, outlets, actors, article text): it must sit in dir="auto".
USER_TEXT = ["غارات على إدلب", "صحيفة الشرق", "وكالة النهار", "قصفت طائرات الجيش السوري", "أحداث بلدة الوادي",
             "Military Forces of Syria", "الجيش السوري"]

# Measures one view: page width, menu items' line count and position, text outside the
# screen, text in the other language's script outside any dir= element (an untranslated
# label, or user text without its direction), and user text not in a dir="auto" element.
PROBE = r"""
(userText) => {
  const W = innerWidth, lang = document.documentElement.lang;
  const foreignRe = lang === "ar" ? /[A-Za-z]{2,}/ : /[\u0600-\u06FF]/;
  // Lines of a node: its text's boxes, counted once per band of height (inline spans of
  // another size on the same line overlap in height).
  const lines = (node) => {
    const r = document.createRange(); r.selectNodeContents(node);
    const rects = [...r.getClientRects()].filter((x) => x.width > 0).sort((a, b) => a.top - b.top);
    let n = 0, bottom = -Infinity;
    for (const x of rects) { if (x.top >= bottom - 1) n += 1; bottom = Math.max(bottom, x.bottom); }
    return n;
  };
  const inside = (r) => r.left >= -1 && r.right <= W + 1;
  const menu = [...document.querySelectorAll("#menu a, .brand, #search-input, #search-form button, #lang-toggle")]
    .map((n) => ({ text: n.textContent || n.id, lines: n.matches("input") ? 1 : lines(n), inside: inside(n.getBoundingClientRect()) }));
  const offscreen = [], foreign = [], undirected = [];
  const skip = (n) => n.closest(".leaflet-control-container, svg, script, style, option, datalist");
  const walker = document.createTreeWalker(document.getElementById("view"), NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const s = t.nodeValue.trim(), host = t.parentElement;
    if (!s || skip(host)) continue;
    const r = document.createRange(); r.selectNodeContents(t);
    const rects = [...r.getClientRects()].filter((x) => x.width > 0);
    if (!rects.length) continue;                       // not displayed (a closed popup, a folded form)
    if (host.closest(".leaflet-container") && !host.closest(".leaflet-popup")) continue;   // markers may sit off the map's edge
    // A wide table scrolls inside its own box on a desktop: only the page must not scroll.
    if (rects.some((x) => !inside(x)) && !host.closest(".table-wrap")) offscreen.push(s.slice(0, 40));
    const dirHost = host.closest("[dir]");
    if (foreignRe.test(s) && (!dirHost || !document.getElementById("view").contains(dirHost))) foreign.push(s.slice(0, 40));
    if (userText.some((u) => s.includes(u)) && !(dirHost && dirHost.getAttribute("dir") === "auto")) undirected.push(s.slice(0, 40));
  }
  return { scroll: document.scrollingElement.scrollWidth, width: W, menu, offscreen, foreign, undirected };
}
"""

COMBOS = [(size, lang) for size in (PHONE, DESKTOP) for lang in ("ar", "en")]


@pytest.fixture(scope="module", params=COMBOS, ids=[f"{s[0]}-{lang}" for s, lang in COMBOS])
def measured(request, browser, bulk_server):  # noqa: F811
    """{view: probe result} for one screen size and language, with a screenshot of each view."""
    size, lang = request.param
    out = {}
    with open_page(browser, bulk_server, size, lang) as page:
        for name, hash_ in VIEWS.items():
            page.goto("/" + hash_)
            wait_ready(page, page.evaluate("location.hash") or "#/")
            if name == "popup":
                page.wait_for_selector("[data-testid=popup]")
            if name in ("map", "popup"):
                page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
            out[name] = page.evaluate(PROBE, USER_TEXT)
            shot(page, f"{name}_{lang}_{size[0]}")
    return out


def test_no_view_is_wider_than_the_screen(measured):
    assert {v: (m["scroll"], m["width"]) for v, m in measured.items() if m["scroll"] > m["width"]} == {}


def test_menu_items_stay_on_one_line_and_on_screen(measured):
    bad = {v: [x for x in m["menu"] if x["lines"] != 1 or not x["inside"]] for v, m in measured.items()}
    assert {v: xs for v, xs in bad.items() if xs} == {}


def test_every_line_starts_and_ends_on_screen(measured):
    # In Arabic a line starts at the right edge: text cut off there is the start of the line.
    assert {v: m["offscreen"] for v, m in measured.items() if m["offscreen"]} == {}


def test_labels_are_in_the_page_language(measured):
    # Text in the other script outside any dir= element is an untranslated label (or user text
    # that lost its direction).
    assert {v: m["foreign"] for v, m in measured.items() if m["foreign"]} == {}


def test_user_text_keeps_its_own_direction(measured):
    assert {v: m["undirected"] for v, m in measured.items() if m["undirected"]} == {}
