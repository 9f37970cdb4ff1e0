"""Story grouping: copies join, time windows split, ids stay stable, events merge."""
from __future__ import annotations

import pytest

from rasd.model import Article, Event, Place, Span
from rasd.stories import build_stories, update_store

STRIKE = ("قصفت طائرات حربية سوقا شعبيا في بلدة كفرنبل بريف إدلب صباح اليوم ما أدى إلى مقتل "
          "عشرة مدنيين وإصابة آخرين بجروح، وفق ما أفاد مسعفون في البلدة.")
FLOOD = "أعلنت وزارة الزراعة عن خطة جديدة لدعم مزارعي القمح بعد موسم جفاف طويل أضر بالمحاصيل في الجنوب."


def art(text, id, published=None, outlet=None, events=()):
    a = Article.create(text, id=id, published=published, outlet=outlet, title=text[:40])
    return a.with_layer("events", events) if events else a


def strike_event(a: Article, fatalities: int, status: str = "occurred") -> Event:
    i = a.text.index("كفرنبل")
    place = Place(i, i + 6, "كفرنبل", "Kafr Nabl", 35.6, 36.6, "SY", None, 170000, 1)
    return Event("ASSAULT", "aerial", status, None, None, None, place, None, fatalities, Span(0, len(a.text)))


@pytest.mark.parametrize("b_date, stories", [("2020-03-02", 1), ("2022-03-01", 2)])
def test_copies_join_only_within_the_time_window(b_date, stories):
    arts = [art(STRIKE, "a", "2020-03-01", "وكالة أ"), art(STRIKE + " ", "b", b_date, "صحيفة ب")]
    assert len(build_stories(arts)) == stories


def test_undated_copy_joins_on_strong_similarity():
    out = build_stories([art(STRIKE, "a", "2020-03-01"), art(STRIKE + " ", "b")])
    assert [list(s.articles) for s in out] == [["a", "b"]]


def test_unrelated_articles_stay_apart_and_story_has_fields():
    out = build_stories([art(STRIKE, "a", "2020-03-01", "أ"), art(FLOOD, "b", "2020-03-01", "ب")])
    assert len(out) == 2
    assert {"id", "title", "articles", "outlets", "first_published", "last_published", "events",
            "contradictions"} <= set(out[0].to_json())


def test_story_ids_do_not_depend_on_input_order():
    arts = [art(STRIKE, "a", "2020-03-01"), art(STRIKE + " ", "b", "2020-03-02"), art(FLOOD, "c", "2020-03-01")]
    assert {s.id for s in build_stories(arts)} == {s.id for s in build_stories(arts[::-1])}


def test_same_event_merges_with_each_sources_numbers():
    a, b = art(STRIKE, "a", "2020-03-01"), art(STRIKE + " ", "b", "2020-03-01")
    a, b = a.with_layer("events", [strike_event(a, 10)]), b.with_layer("events", [strike_event(b, 12)])
    (story,) = build_stories([a, b])
    (ev,) = story.events
    assert ev.sources == ("a", "b")
    assert [r.fatalities for r in ev.reports] == [10, 12]


def test_update_store_joins_new_articles_and_keeps_ids(tmp_path):
    from rasd.store import open_store

    with open_store(str(tmp_path / "r.db")) as store:
        store.put(art(STRIKE, "a", "2020-03-01"))
        update_store(store)
        (first,) = store.stories()
        store.put(art(STRIKE + " ", "b", "2020-03-02"))
        store.put(art(FLOOD, "c", "2020-03-02"))
        summary = update_store(store)
        by_id = {s.id: s for s in store.stories()}
    assert summary.stories == 2 and by_id[first.id].articles == ("a", "b")


def test_shared_resolved_entities_raise_similarity():
    from rasd.model import Entity
    from rasd.stories.similarity import features, score

    a = Article.create("التقى وزير الخارجية نظيره في العاصمة لبحث الأزمة.", id="a")
    b = Article.create("بحث الرئيس مع ضيفه ملفات التعاون الاقتصادي في القصر.", id="b")
    plain = score(*features([a, b]))
    ia, ib = a.text.index("وزير"), b.text.index("الرئيس")
    ea = a.with_layer("entities", [Entity(ia, ia + 4, "وزير", "PER", "kb:x")])
    eb = b.with_layer("entities", [Entity(ib, ib + 6, "الرئيس", "PER", "kb:x")])
    assert score(*features([ea, eb])) > plain
