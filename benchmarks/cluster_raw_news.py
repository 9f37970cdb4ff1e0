"""Cluster the 2,924 unlabelled articles of ../shared/data/raw_news: counts, sizes, speed.

    .venv/bin/python benchmarks/cluster_raw_news.py [--limit N] [--full] [--sample 20] [--show]

There is no gold clustering: the script reports the number of stories, the size distribution,
how many stories span both outlets, the time per 1,000 articles, and (``--show``) prints 20
random multi-article stories with their titles for a hand check (titles go to the terminal
only, never into the repository). By default articles skip the analysis stages (the
pipeline's cheap path: text signals only); ``--full`` runs every installed stage first. The
articles carry no publication dates, so every join needs the strong-similarity threshold.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--full", action="store_true", help="run the analysis stages (slow)")
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--show", action="store_true", help="print sampled stories' titles for a hand check")
    ap.add_argument("--largest", type=int, default=0, help="also print the N largest stories")
    args = ap.parse_args()
    from rasd.ingest.decode import InputError
    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.pipeline import Pipeline
    from rasd.stories.cluster import Clusterer, order_key
    from rasd.stories.similarity import features

    rows = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
    rows = rows[: args.limit] if args.limit else rows
    pipe = Pipeline("fast", stages=None if args.full else [])
    t0 = time.time()
    # U+FD3E/F (ornate parentheses) send rasd.text.normalize into endless recursion: fold
    # them here until the text layer handles them.
    safe = {0xFD3E: "(", 0xFD3F: ")"}
    arts, skipped = [], 0
    for r in rows:
        try:
            art = make_article(r["text"].translate(safe), IngestOptions(min_arabic=0.0), source=r["id"],
                               id=r["id"], title=r.get("title"), outlet=r.get("outlet"))
        except InputError:
            skipped += 1  # e.g. nothing left after boilerplate cleaning
            continue
        arts.append(pipe(art))
    t1 = time.time()
    feats = features(arts)
    t2 = time.time()
    cl = Clusterer()
    for f in sorted(feats, key=order_key):
        cl.add(f)
    t3 = time.time()
    groups = cl.groups()
    sizes = collections.Counter(len(ids) for _, ids in groups)
    by_id = {a.id: a for a in arts}
    multi = [(sid, ids) for sid, ids in groups if len(ids) > 1]
    cross = [g for g in multi if len({by_id[i].outlet for i in g[1]}) > 1]
    n = len(arts)
    report = {
        "articles": n, "skipped_unusable": skipped, "pipeline": "full" if args.full else "cheap (no stages)",
        "stories": len(groups), "singletons": sizes.get(1, 0), "multi_article_stories": len(multi),
        "articles_in_multi": sum(len(ids) for _, ids in multi), "cross_outlet_stories": len(cross),
        "size_distribution": dict(sorted(sizes.items())),
        "largest": max(sizes) if sizes else 0,
        "seconds_per_1000": {"analysis": round((t1 - t0) * 1000 / n, 1), "features": round((t2 - t1) * 1000 / n, 1),
                             "clustering": round((t3 - t2) * 1000 / n, 1), "total": round((t3 - t0) * 1000 / n, 1)},
    }
    print(json.dumps(report, ensure_ascii=False))
    if args.show:
        rnd = random.Random(6)
        picked = rnd.sample(multi, min(args.sample, len(multi)))
        picked += sorted(multi, key=lambda g: -len(g[1]))[: args.largest]
        for sid, ids in picked:
            print(f"\n== {sid} ({len(ids)})")
            for i in ids[:8]:
                a = by_id[i]
                print(f"  [{a.outlet}/{i.split('/')[1]}] {a.title}")


if __name__ == "__main__":
    main()
