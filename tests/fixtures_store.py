"""Hand-written Articles with every layer filled, and stories over them, for store/API/web tests.

The sentences are our own. Offsets are found with :func:`at`, so the records always point at
the words they name. One article carries HTML/script in its text and title: it is untrusted
input and must come out escaped everywhere.
"""
from __future__ import annotations

import os

import pytest

from rasd.model import Acled, Actor, Article, DateRef, Entity, Event, Place, Quote, Span, Speaker, Story

ARMY = ("الجيش السوري", "Military Forces of Syria", "generic:military:SY")
DEFENCE = ("الدفاع المدني", "Syrian Civil Defence", "Q-WHITE-HELMETS")
STUDENTS = ("الطلاب", "Students", None)
GUNMEN = ("مسلحون", "Gunmen", "Q-GUNMEN")

IDLIB = dict(name_en="Idlib", lat=35.9306, lon=36.6339, country="SY", admin1="Idlib", geonameid=169388)
ALEPPO = dict(name_en="Aleppo", lat=36.2021, lon=37.1343, country="SY", admin1="Aleppo", geonameid=170063)
BAGHDAD = dict(name_en="Baghdad", lat=33.3406, lon=44.4009, country="IQ", admin1="Baghdad", geonameid=98182)


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of ``sub`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def sentence(text: str, sub: str) -> Span:
    """The sentence (up to the next full stop) that contains ``sub``."""
    s, e = at(text, sub)
    start = text.rfind(".", 0, s) + 1
    while text[start] == " ":
        start += 1
    end = text.find(".", e)
    return Span(start, len(text) if end < 0 else end + 1)


def ent(text, sub, label, name_en=None, kb_id=None, nth=0) -> Entity:
    s, e = at(text, sub, nth)
    return Entity(s, e, sub, label, kb_id, name_en)


def place(text, sub, geo, precision=1) -> Place:
    s, e = at(text, sub)
    return Place(s, e, sub, geo["name_en"], geo["lat"], geo["lon"], geo["country"], geo["admin1"],
                 geo["geonameid"], precision)


def date(text, sub, value, precision="day") -> DateRef:
    s, e = at(text, sub)
    return DateRef(s, e, sub, value, precision)


def actor(who) -> Actor:
    return Actor(who[0], who[1], who[2])


def article_idlib_a() -> Article:
    t = ("قصفت طائرات الجيش السوري مدينة إدلب صباح الاثنين، ما أدى إلى مقتل خمسة مدنيين. "
         "وقال مدير الدفاع المدني إن «الطائرات استهدفت سوقاً شعبياً مزدحماً». "
         "ودعا ناشطون إلى حماية المدنيين في المدينة.")
    a = Article.create(t, id="art-idlib-a", title="غارات على إدلب", outlet="صحيفة الشرق",
                       url="https://example.org/a", published="2024-03-04")
    pl, dt = place(t, "إدلب", IDLIB), date(t, "صباح الاثنين", "2024-03-04")
    qs, qe = at(t, "الطائرات استهدفت سوقاً شعبياً مزدحماً")
    ss, se = at(t, "مدير الدفاع المدني")
    return (a.with_layer("entities", [ent(t, "الجيش السوري", "ORG", *ARMY[1:]), ent(t, "إدلب", "GPE", "Idlib", "Q-IDLIB"),
                                      ent(t, "الدفاع المدني", "ORG", *DEFENCE[1:])])
             .with_layer("places", [pl]).with_layer("dates", [dt])
             .with_layer("quotes", [Quote(qs, qe, t[qs:qe], "direct",
                                          Speaker(t[ss:se], "Civil Defence director", DEFENCE[2], ss, se), "قال")])
             .with_layer("events", [Event("ASSAULT", "aerial", "occurred", Acled("Explosions/Remote violence", "Air/drone strike"),
                                          actor(ARMY), None, pl, dt, 5, sentence(t, "قصفت"))]))


def article_idlib_b() -> Article:
    t = ("أعلن الجيش السوري أنه استهدف مواقع للمسلحين في إدلب يوم الاثنين. "
         "وقال مصدر عسكري إن «الغارات لم تصب أي مدني». "
         "وقتل ثلاثة أشخاص بحسب مصادر محلية.")
    a = Article.create(t, id="art-idlib-b", title="الجيش: استهدفنا مواقع المسلحين", outlet="وكالة النهار",
                       published="2024-03-05")
    pl, dt = place(t, "إدلب", IDLIB), date(t, "يوم الاثنين", "2024-03-04")
    qs, qe = at(t, "الغارات لم تصب أي مدني")
    ss, se = at(t, "مصدر عسكري")
    return (a.with_layer("entities", [ent(t, "الجيش السوري", "ORG", *ARMY[1:]), ent(t, "إدلب", "GPE", "Idlib", "Q-IDLIB")])
             .with_layer("places", [pl]).with_layer("dates", [dt])
             .with_layer("quotes", [Quote(qs, qe, t[qs:qe], "direct", Speaker(t[ss:se], "Military source", ARMY[2], ss, se), "قال")])
             .with_layer("events", [Event("ASSAULT", "aerial", "occurred", Acled("Explosions/Remote violence", "Air/drone strike"),
                                          actor(ARMY), None, pl, dt, 3, sentence(t, "أعلن"))]))


def article_baghdad() -> Article:
    t = ("تظاهر مئات الطلاب في بغداد يوم الأحد للمطالبة بفرص العمل. "
         "ودعا قائد الاحتجاج إلى «مواصلة الاعتصام حتى تحقيق المطالب».")
    a = Article.create(t, id="art-baghdad", title="احتجاجات طلابية في بغداد", outlet="صحيفة الشرق",
                       published="2024-03-10")
    pl, dt = place(t, "بغداد", BAGHDAD), date(t, "يوم الأحد", "2024-03-10")
    qs, qe = at(t, "مواصلة الاعتصام حتى تحقيق المطالب")
    ss, se = at(t, "قائد الاحتجاج")
    return (a.with_layer("entities", [ent(t, "بغداد", "GPE", "Baghdad", "Q-BAGHDAD")])
             .with_layer("places", [pl]).with_layer("dates", [dt])
             .with_layer("quotes", [Quote(qs, qe, t[qs:qe], "direct", Speaker(t[ss:se], "Protest leader", None, ss, se), "دعا")])
             .with_layer("events", [Event("PROTEST", "demonstrate", "occurred", Acled("Protests", "Peaceful protest"),
                                          actor(STUDENTS), None, pl, dt, 0, sentence(t, "تظاهر"))]))


XSS_TITLE = "<img src=x onerror=\"window.__xss=1\">تهديد"
XSS_TEXT_TAG = "<script>window.__xss=2</script>"


def article_xss() -> Article:
    t = (f"هدد مسلحون بمهاجمة قرية قرب حلب {XSS_TEXT_TAG} في بيان نشر يوم الخميس. "
         "وقال البيان «سنحرق القرية».")
    a = Article.create(t, id="art-xss", title=XSS_TITLE, outlet="<b>منصة</b>", published="2024-03-07")
    pl, dt = place(t, "حلب", ALEPPO, precision=2), date(t, "يوم الخميس", "2024-03-07")
    qs, qe = at(t, "سنحرق القرية")
    return (a.with_layer("entities", [ent(t, "مسلحون", "NORP", *GUNMEN[1:]), ent(t, "حلب", "GPE", "Aleppo", "Q-ALEPPO")])
             .with_layer("places", [pl]).with_layer("dates", [dt])
             .with_layer("quotes", [Quote(qs, qe, t[qs:qe], "direct", None, "قال", None, True)])
             .with_layer("events", [Event("THREATEN", None, "threatened", None, actor(GUNMEN), None, pl, dt,
                                          None, sentence(t, "هدد"))]))


def articles() -> list[Article]:
    return [article_idlib_a(), article_idlib_b(), article_baghdad(), article_xss()]


def stories(arts: list[Article] | None = None) -> list[Story]:
    """Three stories: Idlib (two outlets, disagreeing on the dead), Baghdad, and the threat."""
    by = {a.id: a for a in (arts or articles())}
    a, b = by["art-idlib-a"], by["art-idlib-b"]
    merged = {**a.events[0].to_json(), "sources": [a.id, b.id]}

    def claim(art, sub, speaker):
        s, e = at(art.text, sub)
        return {"article": art.id, "start": s, "end": e, "text": sub, "speaker": speaker}

    idlib = {"id": "story-idlib", "title": "غارات على إدلب", "articles": [a.id, b.id],
             "outlets": [a.outlet, b.outlet], "first_published": "2024-03-04", "last_published": "2024-03-05",
             "events": [merged],
             "contradictions": [
                 {"about": "fatalities", "claims": [claim(a, "مقتل خمسة مدنيين", None),
                                                    claim(b, "وقتل ثلاثة أشخاص", None)]},
                 {"about": "civilians targeted", "claims": [
                     claim(a, "الطائرات استهدفت سوقاً شعبياً مزدحماً", "Civil Defence director"),
                     claim(b, "الغارات لم تصب أي مدني", "Military source")]}]}
    out = [idlib]
    for aid, sid in (("art-baghdad", "story-baghdad"), ("art-xss", "story-threat")):
        art = by[aid]
        out.append({"id": sid, "title": art.title, "articles": [aid], "outlets": [art.outlet],
                    "first_published": art.published, "last_published": art.published,
                    "events": [{**art.events[0].to_json(), "sources": [aid]}], "contradictions": []})
    return [Story.from_json(d) for d in out]


def fill(store) -> None:
    """Put the fixture articles and stories into ``store``."""
    arts = articles()
    for art in arts:
        store.put(art)
    store.put_stories(stories(arts))


PG_URL = os.environ.get("RASD_TEST_PG_URL")


def reset_pg(url: str) -> None:
    """Empty the test database so each test starts from no schema at all."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """An empty database of each backend: a SQLite file, and PostgreSQL at RASD_TEST_PG_URL."""
    if request.param == "sqlite":
        return str(tmp_path / "t.db")
    if not PG_URL:
        pytest.skip("PostgreSQL tests need RASD_TEST_PG_URL (run: eval \"$(scripts/postgres.sh start)\")")
    pytest.importorskip("psycopg", reason="PostgreSQL tests need psycopg: pip install 'rasd[postgres]'")
    reset_pg(PG_URL)
    return PG_URL
