"""Behaviour of the `fast` NER profile (CRF): CoNLL round trip, obvious entities, features."""
from __future__ import annotations

import pytest

from rasd.ner import entities, evaluate, load_tagger, tag_conll
from rasd.ner.features import Extractor


def test_tag_conll_keeps_lines_blanks_and_tokens():
    lines = ["قال O", "الرئيس O", "", "", "وصل", "الوزير B-PERS", "إلى O", "بغداد O", ""]
    out = list(tag_conll(lines))
    assert len(out) == len(lines)
    assert [o == "" for o in out] == [ln == "" for ln in lines]
    assert [o.split()[0] for o in out if o] == [ln.split()[0] for ln in lines if ln]


@pytest.mark.parametrize("tokens, want", [
    ("قال الرئيس الأمريكي جو بايدن في واشنطن".split(), {("LOC", "واشنطن")}),
    ("وصل محمد بن سلمان إلى القاهرة أمس".split(), {("PERS", "محمد بن سلمان"), ("LOC", "القاهرة")}),
    ("قالت الأمم المتحدة إن الوضع في غزة خطير".split(), {("ORG", "الأمم المتحدة"), ("LOC", "غزة")}),
])
def test_obvious_entities_get_their_labels(tokens, want):
    tags = load_tagger("fast").tag([tokens])[0]
    got = {(lab, " ".join(tokens[a:b])) for lab, a, b in entities(tags)}
    assert want <= got


def test_tagger_is_cached_and_handles_empty_sentences():
    t = load_tagger("fast")
    assert load_tagger() is t
    assert t.tag([[], ["بغداد"]])[0] == []


@pytest.mark.parametrize("word, stem", [("وبالقدس", "قدس"), ("للتنظيم", "تنظيم"), ("والجيش", "جيش")])
def test_clitic_words_get_stripped_stem_features(word, stem):
    feats = Extractor().sentence([word])[0]
    assert f"ls={stem}" in feats


def test_clitic_place_hits_the_gazetteer():
    assert any(f.startswith("g~=LOC") for f in Extractor().sentence(["وبغداد"])[0])


def test_unknown_profile_is_an_error():
    with pytest.raises(ValueError):
        load_tagger("nope")


@pytest.mark.parametrize("gold, pred, f1", [
    ([["B-PERS", "I-PERS", "O"]], [["B-PERS", "I-PERS", "O"]], 1.0),
    ([["B-PERS", "I-PERS", "O"]], [["B-PERS", "O", "O"]], 0.0),
    ([["B-LOC", "O", "B-ORG"]], [["B-LOC", "O", "O"]], 2 / 3),
    ([["O", "I-LOC", "I-LOC"]], [["B-LOC", "I-LOC", "O"]], 0.0),
])
def test_entity_f1_counts_whole_spans(gold, pred, f1):
    assert evaluate(gold, pred)["micro"]["f1"] == pytest.approx(f1)


def test_accurate_profile_without_its_extra_says_how_to_install(monkeypatch):
    import sys
    import rasd.ner as ner
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda n, *a: None if n == "torch" else real(n, *a))
    monkeypatch.setattr(ner, "_TAGGERS", {})
    with pytest.raises(RuntimeError, match=r"rasd\[accurate\]"):
        load_tagger("accurate")


def test_cluster_features_for_known_words_and_clitic_fallback():
    from rasd.ner.features import clusters
    table = clusters()
    assert "القدس" in table  # a common place (normalized spelling)
    feats = Extractor().sentence(["القدس", "وبالقدس", "زززقققز"])
    assert f"k0={table['القدس'][0]}" in feats[0]
    assert any(f.startswith("k0~=") or f.startswith("k0=") for f in feats[1])
    assert "k=none" in feats[2]
    assert any(f.startswith("-1k0=") for f in feats[1])  # neighbours' coarse clusters
