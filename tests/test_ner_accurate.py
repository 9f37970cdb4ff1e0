"""The accurate NER profile: subword segmentation, BIO-valid decoding, the shipped tagger."""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from rasd.ner.transformer import DATA_DIR, LABELS, entity_spans, load_tagger, viterbi  # noqa: E402
from rasd.ner.unigram import Unigram  # noqa: E402


@pytest.fixture(scope="module")
def tokenizer():
    return Unigram.load(DATA_DIR / "vocab.json")


@pytest.fixture(scope="module")
def tagger():
    return load_tagger()


@pytest.mark.parametrize("word", ["واشنطن", "وبالمستشفيات", "زيلينسكي", "ﻻ", "Kyiv", "٢٠٢٤", "ZQXJ"])
def test_every_word_segments_into_known_pieces(tokenizer, word):
    ids = tokenizer.encode_word(word)
    assert ids and tokenizer.unk_id not in ids


@pytest.mark.parametrize("marked, plain", [("كَتَبَ", "كتب"), ("ســيارة", "سيارة"), ("الرَّئِيسُ", "الرئيس")])
def test_diacritics_and_tatweel_do_not_change_pieces(tokenizer, marked, plain):
    assert tokenizer.encode_word(marked) == tokenizer.encode_word(plain)


@pytest.mark.parametrize("favoured", ["I-ORG", "I-PERS"])
def test_decoding_never_starts_an_entity_with_inside(favoured):
    em = np.zeros((3, len(LABELS)), dtype=np.float32)
    em[:, LABELS.index(favoured)] = 5.0
    em[1, 0] = 9.0                                   # O in the middle
    path = [LABELS[i] for i in viterbi(em, np.zeros((9, 9)), np.zeros(9), np.zeros(9))]
    for prev, cur in zip(["O"] + path, path):
        assert not cur.startswith("I-") or prev[2:] == cur[2:]


@pytest.mark.parametrize("tags, spans", [
    (["B-LOC", "I-LOC", "O", "B-PERS"], {(0, 2, "LOC"), (3, 4, "PERS")}),
    (["O", "I-ORG", "I-ORG"], {(1, 3, "ORG")}),
    (["B-PERS", "B-PERS"], {(0, 1, "PERS"), (1, 2, "PERS")}),
])
def test_entity_spans_from_bio(tags, spans):
    assert entity_spans(tags) == spans


def test_tagger_returns_one_valid_label_per_word(tagger):
    sents = [["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "إن", "باريس", "ستدعم", "الاتفاق"], [], ["أمس"]]
    out = tagger.tag(sents)
    assert [len(s) for s in out] == [len(s) for s in sents]
    assert all(t in LABELS for s in out for t in s)


@pytest.mark.parametrize("words, index, label", [
    (["وصل", "الوفد", "إلى", "القاهرة", "صباح", "أمس"], 3, "B-LOC"),
    (["قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "للصحفيين"], 3, "B-PERS"),
])
def test_tagger_finds_obvious_entities(tagger, words, index, label):
    assert tagger.tag([words])[0][index] == label
