"""Edges of NER spans (rasd.entities.spans): swallowed neighbours go, name words stay, and a
place the tagger read as a person becomes a place. Texts and tags are our own."""
import pytest

from rasd.entities import EntityFinder


class FakeTagger:
    """Tags the listed words; everything else is O."""

    def __init__(self, tags):
        self.tags = tags

    def tag(self, sentences):
        return [[self.tags.get(w, "O") for w in s] for s in sentences]


def _ner(text, tags):
    return [(e.text, e.label) for e in EntityFinder("fast", tagger=FakeTagger(tags)).entities(text)
            if e.kb_id is None]


@pytest.mark.parametrize("text, tags, want", [
    ("ثم رأى سمير الخطابي الحقل", {"رأى": "B-PERS", "سمير": "I-PERS", "الخطابي": "I-PERS"},
     ("سمير الخطابي", "PER")),
    ("وحضر الحاج سمير الخطابي اللقاء", {"الحاج": "B-PERS", "سمير": "I-PERS", "الخطابي": "I-PERS"},
     ("سمير الخطابي", "PER")),
    ("تحدث سمير الخطابي - وهو مزارع", {"سمير": "B-PERS", "الخطابي": "I-PERS", "-": "I-PERS"},
     ("سمير الخطابي", "PER")),
    ("قال سمير الخطابي هو الذي زرع", {"سمير": "B-PERS", "الخطابي": "I-PERS", "هو": "I-PERS"},
     ("سمير الخطابي", "PER")),
    ("وشكر الفيلسوف الألماني كانط طلابه", {"الفيلسوف": "B-ORG", "الألماني": "I-ORG", "كانط": "I-ORG"},
     ("كانط", "PER")),
])
def test_words_swallowed_next_to_a_name_are_cut(text, tags, want):
    got = _ner(text, tags)
    assert want in got and all(text[text.find(t):text.find(t) + len(t)] == t for t, _ in got)


@pytest.mark.parametrize("text, tags, want", [
    ("وغنى سمير السيد أغنية", {"سمير": "B-PERS", "السيد": "I-PERS"}, ("سمير السيد", "PER")),
    ("وزار سمير علي الحقل", {"سمير": "B-PERS", "علي": "I-PERS"}, ("سمير علي", "PER")),
    ("والتقت سارة ماي الوفد", {"سارة": "B-PERS", "ماي": "I-PERS"}, ("سارة ماي", "PER")),
])
def test_name_words_that_look_like_titles_or_months_stay(text, tags, want):
    assert want in _ner(text, tags)


@pytest.mark.parametrize("text, word, label", [
    ("وقال مسؤولون إن ستوكهولم لن تقبل الشروط", "ستوكهولم", "GPE"),
    ("ووصل الوفد إلى تطوان صباحا", "تطوان", "GPE"),
    ("وقال الملك جوبا الثاني كلمته", "جوبا", "PER"),
    ("وأضاف لفيف أن الأسعار ارتفعت", "لفيف", "PER"),
])
def test_a_person_span_becomes_a_place_only_without_person_evidence(text, word, label):
    assert (word, label) in _ner(text, {word: "B-PERS"})


@pytest.mark.parametrize("text, tags", [
    ("وقعت الحادثة في أبريل/نيسان الماضي", {"نيسان": "B-ORG"}),
    ("ويحتفل العمال في فاتح ماي بعيدهم", {"فاتح": "B-PERS", "ماي": "I-PERS"}),
])
def test_dates_read_as_names_are_dropped(text, tags):
    assert _ner(text, tags) == []
