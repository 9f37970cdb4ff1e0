"""Stance classifier: changed-word extraction, lexical cues, feature layout, predictions."""
from __future__ import annotations

import numpy as np

from rasd.stories import stance

UP = "ارتفاع أسعار النفط عالميا"
DOWN = "انخفاض أسعار النفط عالميا"


def test_changed_words_are_the_unmatched_ones():
    assert stance.changed_words(UP, DOWN) == "ارتفاع"
    assert stance.changed_words(DOWN, UP) == "انخفاض"
    assert stance.changed_words(UP, UP) == ""
    assert stance.changed_words(UP, "") == UP


def test_lexical_cues_fixed_width_and_antonym():
    a, b = stance.lexical(UP, DOWN), stance.lexical(UP, UP)
    assert a.shape == b.shape and a.dtype == np.float32
    assert a[4] == 1.0 and b[4] == 0.0  # the antonym pair ارتفاع / انخفاض


def test_features_match_the_shipped_weights():
    x = stance.features([(UP, DOWN), (UP, UP)])
    mean = stance._weights()[0]
    assert x.shape == (2, mean.shape[0]) and np.isfinite(x).all()


def test_predict_proba_and_predict():
    assert stance.predict_proba([]) == [] and stance.predict([]) == []
    probs = stance.predict_proba([(UP, DOWN), (UP, UP)])
    assert all(set(p) == set(stance.LABELS) and abs(sum(p.values()) - 1) < 1e-5 for p in probs)
    assert stance.predict([(UP, DOWN)]) == ["disagree"]
    assert stance.predict([(UP, UP)]) == ["agree"]
