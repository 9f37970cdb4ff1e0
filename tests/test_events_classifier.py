"""The ASSAULT/PROTEST sentence classifier: e5 embeddings, stored model, and which sentences it scores."""
from __future__ import annotations

import numpy as np
import pytest

from rasd.events import classifier, extract_events
from rasd.events.embed import E5Features, embed, trigger_window
from rasd.model import Article


def test_embeddings_are_normalized_and_batched_like_single_calls():
    sents = ["تظاهر مئات الطلاب أمام الجامعة.", "قصفت طائرات حربية السوق."]
    both = embed(sents)
    assert both.shape == (2, 384)
    assert np.allclose(np.linalg.norm(both, axis=1), 1.0, atol=1e-3)
    assert np.allclose(embed(sents[1:])[0], both[1])


def test_trigger_window_keeps_the_raw_words_around_the_trigger():
    far = " ".join(["كلمة"] * 12)
    text = f"{far} وتظاهر مئات الطلاب أمام الجامعة، {far}"
    win = trigger_window(text, width=3)
    assert win.split() == ["كلمة", "كلمة", "كلمة", "وتظاهر", "مئات", "الطلاب", "أمام"]
    assert trigger_window("كان الجو جميلاً في المدينة اليوم.", width=2) == "كان الجو جميلاً في المدينة"  # no trigger: its head


def test_e5_features_stack_sentence_and_window_blocks():
    sents = ["تظاهر مئات الطلاب أمام الجامعة.", "قصفت طائرات حربية السوق."]
    X = E5Features(("query", "passage", "wquery", "wpassage")).transform(sents)
    assert X.shape == (2, 4 * 384)
    assert np.allclose(X[:, :384], embed(sents)) and np.allclose(X[:, 384:768], embed(sents, "passage"))


def test_stored_model_covers_both_types_and_reads_raw_sentences():
    model = classifier.load_model()
    assert set(model["models"]) == {"ASSAULT", "PROTEST"} and model.get("input") == "raw"
    for _pipe, threshold in model["models"].values():
        assert 0.0 < threshold < 1.0


@pytest.mark.parametrize("text, scored", [
    ("وقع الوزير اتفاقاً تجارياً مع نظيره. وعاد إلى بلاده.", 0),
    ("تظاهر مئات الطلاب أمام الجامعة. وعاد الوزير إلى بلاده.", 1),
])
def test_only_sentences_with_an_assault_or_protest_trigger_are_scored(monkeypatch, text, scored):
    seen = []
    real = classifier.sentence_scores
    extract_events(Article.create(text).with_layer("quotes", ()), scorer=lambda s: seen.extend(s) or real(s))
    assert len(seen) == scored


@pytest.mark.parametrize("text, etype", [
    ("تظاهر آلاف المواطنين في وسط العاصمة احتجاجاً على رفع أسعار الخبز.", "PROTEST"),
    ("قتل خمسة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي.", "ASSAULT"),
])
def test_plain_reports_score_above_threshold(text, etype):
    threshold, probs = classifier.sentence_scores([text])[etype]
    assert probs[0] >= threshold


@pytest.mark.parametrize("profile, kind", [("fast", "HashedModels"), ("accurate", "_LinearModels")])
def test_each_profile_ships_its_own_classifier(profile, kind):
    from rasd.events.classifier import SHIPPED, _linear_models, _shipped

    assert type(_linear_models(_shipped(SHIPPED[profile]))).__name__ == kind


def test_hashed_features_are_stable_and_word_bounded():
    from rasd.events.hashed import counts

    a, b = counts("قصفت الطائرات السوق", window=False), counts("قصفت الطائرات السوق", window=False)
    assert a == b and sum(a.values()) > 3 * 3
    assert counts("", window=False) == {}


@pytest.mark.parametrize("text, etype", [
    ("تظاهر آلاف المواطنين في وسط العاصمة احتجاجاً على رفع أسعار الخبز.", "PROTEST"),
    ("قتل خمسة أشخاص وأصيب عشرة آخرون في انفجار سيارة مفخخة في سوق شعبي.", "ASSAULT"),
])
def test_the_accurate_model_scores_plain_reports_above_threshold(text, etype):
    threshold, probs = classifier.SentenceScorer(profile="accurate")([text])[etype]
    assert probs[0] >= threshold
