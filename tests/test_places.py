"""Places: matching with clitics, homonyms, kind words, precision, datelines, and failure safety."""
from __future__ import annotations


import pytest

from rasd.geo import find_places, is_dateline
from rasd.model import Article, Entity
from rasd.stages import PlacesStage
from rasd.geo.resolver import _km_pts


def _km(p, lat, lon):
    return _km_pts(p.lat, p.lon, lat, lon)


def _one(text, surface):
    hits = [p for p in find_places(text) if p.text == surface]
    assert hits, (surface, [(p.text, p.name_en) for p in find_places(text)])
    return hits[0]


@pytest.mark.parametrize("text, surface, lat, lon", [
    ("قصفت الطائرات مواقع بالرقة صباحا.", "الرقة", 35.95, 39.01),          # بـ clitic
    ("وصلت التعزيزات لمدينة منبج أمس.", "منبج", 36.53, 37.95),            # لـ clitic
    ("انسحب المقاتلون من الباغوز نحو البادية.", "الباغوز", 34.45, 40.95),   # conflict table
    ("نزح الأهالي إلى مخيم الهول شرق الحسكة.", "مخيم الهول", 36.38, 41.13),
    ("تقدمت القوات نحو سد الطبقة على نهر الفرات.", "سد الطبقة", 35.87, 38.55),
    ("سيطرت القوات على حي المشلب في الرقة.", "حي المشلب", 35.95, 39.03),
    ("وصلت القافلة إلى هجين والشعفة.", "هجين", 34.69, 40.83),
    ("وصلت القافلة إلى هجين والشعفة.", "الشعفة", 34.63, 40.87),
    ("تمركزت الوحدات في مقر الفرقة 17 شمال المدينة.", "مقر الفرقة 17", 35.99, 39.02),
    ("جرت اشتباكات في تل أبيض على الحدود.", "تل أبيض", 36.70, 38.96),
])
def test_names_resolve_with_clitics_and_local_table(text, surface, lat, lon):
    assert _km(_one(text, surface), lat, lon) <= 25


@pytest.mark.parametrize("text, surface, country", [
    ("اندلعت اشتباكات في طرابلس بين فصائل ليبيا المسلحة.", "طرابلس", "LY"),
    ("اندلعت اشتباكات في طرابلس شمال لبنان.", "طرابلس", "LB"),
    ("قصفت الطائرات الرقة.", "الرقة", "SY"),  # population beats the Gulf namesakes
])
def test_homonyms_follow_country_prior_and_population(text, surface, country):
    assert _one(text, surface).country == country


@pytest.mark.parametrize("text, surface, precision", [
    ("قصفت الطائرات مدينة حمص.", "مدينة حمص", 1),
    ("قصفت الطائرات بلدة هجين.", "هجين", 1),
    ("قصفت الطائرات وريف دير الزور.", "دير الزور", 2),
    ("انتشرت الخلايا في محافظة الرقة.", "الرقة", 3),
    ("أعلن التنظيم ولاية الرقة.", "الرقة", 3),
    ("تنشط الخلايا في بادية حمص.", "بادية حمص", 3),
    ("تنشط الخلايا في شرق الفرات.", "شرق الفرات", 3),
    ("هدد التنظيم غرب أفريقيا.", "غرب أفريقيا", 3),
    ("عادت الهجمات إلى سوريا.", "سوريا", 3),
])
def test_kind_words_and_areas_set_precision(text, surface, precision):
    assert _one(text, surface).precision == precision


@pytest.mark.parametrize("text", [
    "قال أبو بكر البغدادي في كلمته إن المعركة مستمرة.",
    "أعلنت قوات سوريا الديمقراطية النصر.",
    "قال ناشط في حملة «الرقة تذبح بصمت» إن القصف مستمر.",
    "تتسع الطبقة الوسطى في المدن الكبرى.",
    "أطلقت الفصائل عملية «غضب الفرات» فجرا.",
    "وصل الوفد إلى قرية زبزبون المجهولة.",
])
def test_names_inside_people_organisations_and_words_are_not_places(text):
    assert not [p for p in find_places(text) if p.name_en not in (None,)
                and p.text in ("بغداد", "البغدادي", "سوريا", "الرقة", "الطبقة", "الفرات")]


@pytest.mark.parametrize("text, surface, expected", [
    ("بيروت - قال مصدر أمني إن الاشتباكات توقفت.", "بيروت", True),
    ("دمشق (أ ف ب) - قال مصدر أمني إن الهجوم فشل.", "دمشق", True),
    ("عنوان الخبر\nبيروت - قال مصدر إن الهدوء عاد.", "بيروت", True),
    ("قال مصدر في بيروت - على ما نقلت الوكالة - إن الهدوء عاد.", "بيروت", False),
    ("وصل الوفد إلى دمشق أمس.", "دمشق", False),
])
def test_dateline_is_flagged(text, surface, expected):
    art = PlacesStage()(Article.create(text))
    place = next(p for p in art.places if p.text == surface)
    assert is_dateline(art, place) is expected


@pytest.mark.parametrize("text", ["", "لا شيء هنا", "﴿قُلْ﴾ في الرقة", "x" * 50, "قرية - - ريف"])
def test_stage_never_fails_and_fills_english_names(text):
    art = PlacesStage()(Article.create(text))
    assert all(p.name_en and text[p.start:p.end] == p.text for p in art.places)


def test_person_entity_vetoes_a_place_name():
    text = "التقى حلب الوزير أمس."
    art = Article.create(text, entities=(Entity(6, 9, "حلب", "PER"),))
    assert not PlacesStage()(art).places


def test_stage_declares_that_it_reads_the_entities():
    st = PlacesStage()
    assert (st.name, st.requires, st.assigns) == ("places", ("text", "entities"), "places")


@pytest.mark.parametrize("text, lat, lon", [
    ("تدور المعارك في الباغوز الواقعة على ضفاف نهر الفرات.", 34.45, 40.95),
    ("تقدمت القوات من الجزرة غرب الرقة نحو نهر الفرات.", 35.94, 39.00),
])
def test_river_mention_takes_the_bank_of_the_town_named_beside_it(text, lat, lon):
    river = _one(text, "نهر الفرات")
    assert river.precision == 2 and _km(river, lat, lon) <= 25


def test_nearest_place_skips_the_dateline_and_prefers_the_closest():
    from rasd.geo import nearest_place
    text = "بيروت - قصفت الطائرات بلدة هجين قرب الباغوز في شرق سوريا."
    art = PlacesStage()(Article.create(text))
    assert nearest_place(art, 0, len(text), at=text.index("قرب")).text in ("هجين", "الباغوز")
    assert nearest_place(art, 0, len(text), at=0).text == "هجين"


@pytest.mark.parametrize("text, is_place", [
    ("عاد اللاجئون إلى سورية بعد الحرب.", True),
    ("عاد اللاجئون لسورية بعد الحرب.", True),
    ("قاتلت فصائل سورية إلى جانب القوات التركية.", False),
])
def test_syria_spelled_suriya_is_the_country_only_where_a_place_fits(text, is_place):
    assert any(p.country == "SY" for p in find_places(text)) is is_place


@pytest.mark.parametrize("text", [
    "أعلن بشار الأسد عن حكومة جديدة.",
    "زار الوفد بلاد الشام.",
    "تحدث أشرف عن الأم والأطفال.",
    "أكد الوزير ألباريس دعم المبادرة.",
])
def test_personal_names_and_common_words_are_not_towns(text):
    assert not [p for p in find_places(text) if p.precision == 1]


def test_organisation_tag_does_not_remove_a_province_named_with_its_kind_word():
    text = "خطب في ولاية الخير أمس."
    start = text.index("ولاية")
    art = Article.create(text, entities=(Entity(start, start + 11, "ولاية الخير", "ORG"),))
    assert [p.precision for p in PlacesStage()(art).places] == [3]


@pytest.mark.parametrize("outlet, country", [(None, "MA"), ("المرصد السوري لحقوق الإنسان", "SY")])
def test_the_stage_reads_the_outlet_country_as_a_prior(outlet, country):
    text = "وأفادت مصادر محلية بأن اجتماعا عقد في مدينة القنيطرة صباح اليوم."
    art = PlacesStage()(Article(id="t", text=text, outlet=outlet))
    assert [p.country for p in art.places] == [country]
