"""Events: PLOVER types and modes, status, ACLED mapping, actors, places, dates, evidence."""
from __future__ import annotations

import pytest

from rasd.events import extract_events
from rasd.events.acled import acled_for
from rasd.events.lexicon import acled_rows
from rasd.model import Article, DateRef, Entity, Place, Quote


def _events(text, **layers):
    return extract_events(Article.create(text).with_layer("quotes", ()) if not layers else
                          _with(Article.create(text), layers), scorer=None)


def _with(art, layers):
    for name, recs in layers.items():
        art = art.with_layer(name, recs)
    return art


def _types(text, **layers):
    return {(e.type, e.status) for e in _events(text, **layers)}


@pytest.mark.parametrize("text, mode", [
    ("قصفت طائرات حربية السوق صباح اليوم.", "aerial"),
    ("انفجرت سيارة مفخخة قرب الحاجز.", "explosives"),
    ("فجّر انتحاري حزاماً ناسفاً في السوق.", "suicide-attack"),
    ("استهدفت طائرة مسيرة سيارة على الطريق.", "drone"),
    ("أطلق مسلحون النار على الحافلة.", "firearms"),
    ("سقطت قذائف هاون على الحي.", "heavy-weapons"),
    ("اختطف مسلحون ثلاثة صحفيين.", "abduct"),
])
def test_assault_modes(text, mode):
    assaults = [e for e in _events(text) if e.type == "ASSAULT"]
    assert assaults and assaults[0].mode == mode and assaults[0].status == "occurred"


@pytest.mark.parametrize("text, expected", [
    ("تظاهر مئات الطلاب أمام الوزارة.", ("PROTEST", "occurred")),
    ("اعتقلت الشرطة عشرين شخصاً.", ("COERCE", "occurred")),
    ("وقع الطرفان اتفاقاً لوقف إطلاق النار.", ("AGREE", "occurred")),
    ("انسحبت القوات من البلدة.", ("RETREAT", "occurred")),
    ("هدد القائد باقتحام المدينة.", ("THREATEN", "threatened")),
    ("لم يشن الجيش أي هجوم على البلدة.", ("ASSAULT", "denied")),
    ("سيقصف الجيش مواقع المسلحين غداً.", ("ASSAULT", "planned")),
    ("إذا فشلت المفاوضات فسيتم شن هجوم على الحيين.", ("ASSAULT", "hypothetical")),
])
def test_types_and_status(text, expected):
    assert expected in _types(text)


@pytest.mark.parametrize("text, status", [
    ("لم تسجل أي مواجهات مع الأجهزة الأمنية.", "denied"),
    ("ونفت روسيا أي تورط لها في الهجوم على المحطة.", "denied"),
    ("لم تقصف الطائرات البلدة اليوم.", "denied"),
    ("قال إن الوقت لم يفت لفتح تحقيق في اغتيال الصحفية.", "occurred"),
    ("ما زالت المدينة تتعرض لهجوم عنيف من القوات.", "occurred"),
    ("استهدفت طائرة بدون طيار سيارة على الطريق.", "occurred"),
    ("لا يعرف إذا ما كان القصف قد طال المستشفى.", "hypothetical"),
])
def test_a_negation_counts_only_where_it_governs_the_trigger(text, status):
    assert {s for t, s in _types(text) if t == "ASSAULT"} == {status}


def test_call_to_arms_is_mobilize_called_never_an_occurred_assault():
    text = 'وقال القائد: "اثأروا لإخوانكم وأغيروا عليهم بالمفخخات".'
    q = Quote(text.index("اثأروا"), text.index("بالمفخخات") + len("بالمفخخات"),
              "اثأروا لإخوانكم وأغيروا عليهم بالمفخخات", "direct", incitement=True)
    types = _types(text, quotes=(q,))
    assert ("MOBILIZE", "called") in types
    assert not any(t == "ASSAULT" and s == "occurred" for t, s in types)


@pytest.mark.parametrize("etype, mode, kind, words, expected", [
    ("ASSAULT", "aerial", "attack", [], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "explosives", "attack", [], ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", None, "attack", ["المدنيين"], ("Violence against civilians", "Attack")),
    ("ASSAULT", "firearms", "clash", [], ("Battles", "Armed clash")),
    ("PROTEST", None, "protest", [], ("Protests", "Peaceful protest")),
    ("PROTEST", None, "riot", [], ("Riots", "Violent demonstration")),
    ("COERCE", "arrest", "arrest", [], ("Strategic developments", "Arrests")),
    ("AGREE", None, "agree", [], ("Strategic developments", "Agreement")),
])
def test_acled_mapping(etype, mode, kind, words, expected):
    a = acled_for(etype, mode, kind, words, None)
    assert (a.event_type, a.sub_event_type) == expected


def test_acled_table_covers_all_25_sub_event_types():
    assert len({row[4] for row in acled_rows()}) == 25


def test_arguments_come_from_the_layers_and_skip_the_dateline():
    text = "دمشق - قصفت طائرات التحالف بلدة الباغوز أمس."
    ents = (Entity(text.index("طائرات"), text.index("التحالف") + 7, "طائرات التحالف", "ORG",
                   "org:coalition", "Global Coalition"),)
    places = (Place(0, 4, "دمشق", "Damascus", 33.5, 36.3, "SY"),
              Place(text.index("الباغوز"), text.index("الباغوز") + 7, "الباغوز", "Baghuz", 34.4, 40.9, "SY"))
    dates = (DateRef(text.index("أمس"), text.index("أمس") + 3, "أمس", "2019-03-17", "day"),)
    (ev,) = [e for e in _events(text, entities=ents, places=places, dates=dates) if e.type == "ASSAULT"]
    assert ev.actor1.kb_id == "org:coalition" and ev.actor1.name_en == "Global Coalition"
    assert ev.place.text == "الباغوز" and ev.date.value == "2019-03-17"
    assert (ev.evidence.start, ev.evidence.end) == (0, len(text))


def test_fatalities_attach_to_the_occurred_assault():
    (ev,) = [e for e in _events("قتل 12 مدنياً في غارة جوية على السوق.") if e.type == "ASSAULT"]
    assert ev.fatalities == 12 and ev.acled.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize("text", [
    "قال المسؤول إنه سيتم الاتفاق على الحزمة المقبلة من العقوبات على الشركات.",
    "تناقش الحكومة الحزمة القادمة من العقوبات على الشركات المخالفة.",
])
def test_next_and_far_future_markers_make_a_plan(text):
    assert {s for t, s in _types(text) if t == "SANCTION"} == {"planned"}


def test_according_to_is_not_an_agreement():
    assert not any(t == "AGREE" for t, _ in _types("ووفقا للمحافظ، فإن المدينة محاصرة منذ أسبوع."))


@pytest.mark.parametrize("text, etype", [
    ("ونجح المرشح في حشد أصوات الناخبين في الدور الأول.", "MOBILIZE"),
    ("وتعمل الحكومة على ردع التهديدات الإقليمية وتعزيز الأمن الصحي.", "THREATEN"),
    ("ودعت المنظمة إلى التحقيق في مقتل الصحفية.", "MOBILIZE"),
    ("وأسفرت الحروب الثلاث أعوام 1948 و1965 و1971 عن مقتل 70 ألفا.", "ASSAULT"),
    ("وتحطمت طائرة ركاب لدى هبوطها مما أسفر عن مقتل 51 شخصا.", "ASSAULT"),
])
def test_words_that_only_look_like_incidents_make_no_event(text, etype):
    assert etype not in {e.type for e in _events(text)}


@pytest.mark.parametrize("text, etype, status", [
    ("وحشد الجيش آلاف الجنود على الحدود الشرقية.", "MOBILIZE", "occurred"),
    ("وهدد القائد بشن هجوم على المدينة.", "THREATEN", "threatened"),
    ("ودعا التنظيم أنصاره إلى قتل الجنود.", "MOBILIZE", "called"),
])
def test_the_same_words_in_their_conflict_sense_stay_events(text, etype, status):
    assert (etype, status) in {(e.type, e.status) for e in _events(text)}


def test_the_context_rules_can_be_turned_off_for_measurement():
    from rasd.events.context import Context
    text = "ونجح المرشح في حشد أصوات الناخبين في الدور الأول."
    evs = extract_events(Article.create(text).with_layer("quotes", ()), scorer=None, context=Context(rules=()))
    assert "MOBILIZE" in {e.type for e in evs}


def test_a_toll_of_thousands_in_one_sentence_is_a_tally_not_an_incident():
    text = "وأشارت المسؤولة إلى مقتل أكثر من 2900 شخص في القارة بسبب هجمات التنظيم."
    assert not [e for e in _events(text) if e.type == "ASSAULT" and e.status == "occurred"]


@pytest.mark.parametrize("text, tally", [
    ("قتل أكثر من أربعين صحفياً خلال السنوات الماضية في المنطقة.", True),
    ("قتل ثلاثمئة شخص على مدى عامين من القتال.", True),
    ("قتل خمسة أشخاص حتى الآن في الهجوم على السوق.", False),
])
def test_counts_over_years_are_tallies_but_a_toll_so_far_is_not(text, tally):
    from rasd.events.context import tally_or_accident
    from rasd.text import norm

    assert tally_or_accident(norm(text).split()) is tally


@pytest.mark.parametrize("require, kept", [(False, 1), (True, 0)])
def test_the_events_stage_drops_an_event_nobody_can_attribute_place_or_date(require, kept):
    art = Article.create("انفجرت سيارة مفخخة قرب الحاجز.").with_layer("quotes", ())
    evs = extract_events(art, scorer=None, require_argument=require)
    assert len([e for e in evs if e.type == "ASSAULT"]) == kept


@pytest.mark.parametrize("text, dead", [
    ("اغتال مسلحون الصحفي أحمد منصور في مدينة عدن أمس.", 1),
    ("نجا الوزير من محاولة اغتيال الوزير محمد علي في عدن.", None),
    ("قتل خمسة أشخاص في قصف على عدن.", 5),
])
def test_a_killing_that_names_one_person_counts_one_dead(text, dead):
    from rasd.pipeline import Pipeline
    from rasd.settings import Settings

    evs = Pipeline(Settings(event_classifier=False))(Article.create(text)).events
    assert [e.fatalities for e in evs if e.type == "ASSAULT"] == [dead]
