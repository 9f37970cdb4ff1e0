"""Contradiction records: control vs. withdrawal, fatality counts, denial; claims are text slices."""
from __future__ import annotations

import pytest

from rasd.model import Article, Event, Place, Span
from rasd.stories.contradictions import claims, find_contradictions
from rasd.stories.merge import merge_events

HELD = "قال مسؤول محلي إن المسلحين ما زالوا موجودين في مدينة الصفصاف ويخوضون معارك عنيفة."
LEFT = "وقال ناشط آخر إن المسلحين انسحبوا بشكل كامل من المدينة قبل أسبوع."
NOT_LEFT = "وقال ناشط آخر إن المسلحين لم ينسحبوا من مدينة الصفصاف بعد."


def test_held_and_withdrawn_in_one_article_is_a_contradiction():
    a = Article.create(HELD + "\n" + LEFT, id="x")
    (c,) = find_contradictions([a])
    assert "الصفصاف" in c.about and {cl.position for cl in c.claims} == {"held", "lost"}
    assert all(a.text[cl.start:cl.end] == cl.text for cl in c.claims)


@pytest.mark.parametrize("text", [HELD, LEFT, HELD + "\n" + NOT_LEFT])
def test_one_sided_or_negated_accounts_are_not_contradictions(text):
    assert find_contradictions([Article.create(text, id="x")]) == []


def test_claims_across_articles_name_their_article():
    a, b = Article.create(HELD, id="a"), Article.create("أكد ناشط أن المسلحين انسحبوا من مدينة الصفصاف.", id="b")
    (c,) = find_contradictions([a, b])
    assert {cl.article for cl in c.claims} == {"a", "b"}


def _event(a: Article, fatalities, status="occurred") -> Article:
    i = a.text.index("الصفصاف")
    place = Place(i, i + 7, "الصفصاف", "Safsaf", 35.0, 36.0, "SY", None, 1, 1)
    ev = Event("ASSAULT", None, status, None, None, None, place, None, fatalities, Span(0, len(a.text)))
    return a.with_layer("events", [ev])


@pytest.mark.parametrize("fb, sb, kind", [(7, "occurred", "fatalities"), (None, "denied", "denial")])
def test_merged_event_disagreements(fb, sb, kind):
    text = "قصف مدفعي على قرية الصفصاف أوقع قتلى."
    a, b = _event(Article.create(text, id="a"), 3), _event(Article.create(text + " ", id="b"), fb, sb)
    kinds = [c.kind for c in find_contradictions([a, b], merge_events([a, b]))]
    assert kind in kinds
