"""Common-noun actors (rasd.events.generic): forces, gunmen, protesters, civilians, demonyms."""
from __future__ import annotations

import pytest

from rasd.events import extract_events
from rasd.events.generic import generic_entities, nisba
from rasd.kb import load_kb
from rasd.model import Article, Place


def _art(text: str, country: str | None = None) -> Article:
    a = Article.create(text).with_layer("entities", ()).with_layer("quotes", ())
    places = (Place(0, 1, text[:1], "X", 0.0, 0.0, country),) if country else ()
    return a.with_layer("places", places).with_layer("dates", ())


@pytest.mark.parametrize("word, iso", [
    ("الإسرائيلية", "IL"), ("روسي", "RU"), ("العراقية", "IQ"), ("السودانيين", "SD"), ("التركية", "TR"),
    ("سياسية", None), ("الجديدة", None),
])
def test_nisba_adjectives_name_their_country(word, iso):
    assert nisba(word) == iso


@pytest.mark.parametrize("text, name, kb_id", [
    ("فرقت الشرطة العراقية الحشود", "Police Forces of Iraq", "generic:police:IQ"),
    ("وقال إن مسلحين مجهولين أطلقوا النار", "Unidentified Armed Group (Yemen)", "generic:unidentified:YE"),
    ("وتقدمت قوات الاحتلال نحو المخيم", "Military Forces of Israel", "generic:military:IL"),
    ("وانتشر الجيش اللبناني في الشوارع", "Military Forces of Lebanon", "generic:military:LB"),
    ("واقتحم الاحتلال البلدة فجراً", "Military Forces of Israel", "generic:military:IL"),
])
def test_common_noun_forces_become_typed_actors(text, name, kb_id):
    ents = generic_entities(_art(text, "YE"))
    assert [(e.name_en, e.kb_id) for e in ents] == [(name, kb_id)]


def test_a_force_without_country_word_takes_the_articles_country():
    assert generic_entities(_art("واعتقلت الشرطة ثلاثة أشخاص", "SD"))[0].name_en == "Police Forces of Sudan"


@pytest.mark.parametrize("kb_id, inter", [("generic:military:SY", 1), ("generic:police", 1),
                                          ("generic:unidentified:YE", 3), ("generic:civilians:IQ", 7)])
def test_generic_actors_carry_acled_inter_codes(kb_id, inter):
    assert load_kb().inter(kb_id) == inter


@pytest.mark.parametrize("text, actor1, actor2", [
    ("قتل مسلحون مجهولون ثلاثة مدنيين في السوق.", "Unidentified Armed Group (Yemen)", "Civilians (Yemen)"),
    ("قتل ثلاثة مدنيين في قصف على السوق.", None, "Civilians (Yemen)"),
    ("قتل جنديان في غارة إسرائيلية على الموقع.", "Military Forces of Israel", None),
])
def test_perpetrator_and_target_of_attacks_by_unnamed_parties(text, actor1, actor2):
    evs = [e for e in extract_events(_art(text, "YE"), scorer=None) if e.type == "ASSAULT"]
    assert evs and (evs[0].actor1 and evs[0].actor1.name_en) == actor1
    assert (evs[0].actor2 and evs[0].actor2.name_en) == actor2
