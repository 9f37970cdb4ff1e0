import pytest

from rasd.model import Article, DateRef, Entity, Event, Place, Quote, Span, Speaker, content_id

CONTRACT_KEYS = ["id", "title", "outlet", "url", "published", "text",
                 "entities", "places", "dates", "quotes", "events"]


def test_same_text_gets_same_id_and_other_text_another():
    assert Article.create("نص أول").id == Article.create("نص أول").id == content_id("نص أول")
    assert Article.create("نص أول").id != Article.create("نص ثان").id


def test_given_id_wins_over_content_hash():
    assert Article.create("نص", id="abc").id == "abc"


def test_to_json_has_exactly_the_contract_keys_in_order():
    assert list(Article.create("نص").to_json()) == CONTRACT_KEYS


@pytest.mark.parametrize("start,end,text", [(0, 3, "قسد"), (4, 9, "هاجمت")])
def test_with_layer_accepts_records_that_match_the_text(start, end, text):
    art = Article.create("قسد هاجمت")
    art = art.with_layer("entities", [Entity(start, end, text, "ORG")])
    assert art.entities[0].text == art.text[start:end]


@pytest.mark.parametrize("start,end,text", [(0, 4, "قسد"), (5, 40, "هاجمت"), (-1, 2, "قس")])
def test_with_layer_rejects_records_that_do_not_match(start, end, text):
    with pytest.raises(ValueError):
        Article.create("قسد هاجمت").with_layer("entities", [Entity(start, end, text, "ORG")])


@pytest.mark.parametrize("bad", [lambda: Entity(0, 1, "x", "PERSON"), lambda: Place(0, 1, "x", None, None, None, None, precision=4),
                                 lambda: DateRef(0, 1, "x", "2020", "decade"), lambda: Quote(0, 1, "x", "reported")])
def test_records_refuse_values_outside_the_contract(bad):
    with pytest.raises(ValueError):
        bad()


def test_article_json_round_trip_is_exact():
    text = "قال المتحدث «سنرد» في الرقة يوم 5 أيار 2017"
    at = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    art = Article.create(text, published="2017-05-06")
    art = art.with_layer("entities", [Entity(*at("المتحدث"), "المتحدث", "PER", None, "the spokesman")])
    art = art.with_layer("places", [Place(*at("الرقة"), "الرقة", "Raqqa", 35.95, 39.01, "SY", "Raqqa", 163345, 1)])
    art = art.with_layer("dates", [DateRef(*at("5 أيار 2017"), "5 أيار 2017", "2017-05-05", "day")])
    art = art.with_layer("quotes", [Quote(*at("سنرد"), "سنرد", "direct", Speaker("المتحدث", None, None, *at("المتحدث")), "قال")])
    ev = Event("THREATEN", None, "threatened", None, None, None, art.places[0], art.dates[0], None, Span(0, len(text)))
    art = art.with_layer("events", [ev])
    assert Article.from_json(art.to_json()) == art
