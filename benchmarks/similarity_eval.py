"""Pearson correlation of `rasd compare` similarity with SemEval-2022 Task 8 Overall scores.

    .venv/bin/python benchmarks/similarity_eval.py [--cheap] [--profile fast]

Reads ../shared/data/semeval2022_task8/arabic_pairs_with_text.jsonl (49 Arabic-Arabic pairs;
Overall 1 = same story ... 4 = unrelated, so the sign is flipped). Each text is analyzed by the
pipeline (``--cheap``: no stages, text signals only) and compared with compare_articles. With
49 pairs the 95% confidence interval of r is wide (about +-0.2): read the number as a rough guide.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cheap", action="store_true", help="no analysis stages: text signals only")
    ap.add_argument("--profile", default="fast")
    args = ap.parse_args()
    print(json.dumps(evaluate(args.data, args.cheap, args.profile), ensure_ascii=False))


if __name__ == "__main__":
    main()
