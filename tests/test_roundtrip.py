"""Property tests: Articles survive JSON and SQLite exactly, offsets included."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from rasd.model import Article, DateRef, Entity
from rasd.store.sqlite import SQLiteStore

ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدرزسشصعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْ«»“” \n،.٠١٢٣")), min_size=1, max_size=60)


@st.composite
def articles(draw):
    text = draw(ARABIC)
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=4))
    ents = [Entity(min(a, b), max(a, b), text[min(a, b):max(a, b)], draw(st.sampled_from(["PER", "ORG", "GPE"])),
                   draw(st.none() | st.just("org:x")), draw(st.none() | st.text(max_size=5))) for a, b in spans]
    dates = [DateRef(0, len(text), text, draw(st.sampled_from(["2019", "2019-03", "2019-03-18"])), "year")]
    art = Article.create(text, title=draw(st.none() | ARABIC), published=draw(st.none() | st.just("2019-03-19")))
    return art.with_layer("entities", ents).with_layer("dates", dates)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(articles())
def test_json_round_trip_is_exact(art):
    assert Article.from_json(json.loads(json.dumps(art.to_json(), ensure_ascii=False))) == art


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=60)
@given(articles())
def test_sqlite_round_trip_is_exact(art):
    store = SQLiteStore(":memory:")
    store.migrate()
    store.put(art)
    assert store.get(art.id) == art
    assert store.put(art) is False
