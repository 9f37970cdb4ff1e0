"""Throughput of the pipeline, in one run, as ratios that hold from machine to machine.

    .venv/bin/python benchmarks/throughput.py [--n 200] [--profile fast] [--workers 2] [--store 0] [--json]

Articles are raw_news politics articles (../shared/data), replicated with new ids when --n is
larger than the corpus. Reported:

* start-up: seconds to build the pipeline (models and tables loaded);
* per stage: ms per article, the text layer included; articles/s and tokens/s over the stages;
* the same articles through a plain-Python baseline (NFKC plus a regex tokenizer), and the
  pipeline's time as a multiple of it;
* --workers N: articles/s with N worker processes (``rasd analyze --workers N``) and the
  speed-up over one process;
* --store N: steady-state ingest: the cost per article of ingesting 100 new articles into an
  empty SQLite database and into one that already holds N articles (stories included), and
  their ratio;
* peak RSS of the process.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from rasd.ingest.readers import IngestOptions, make_article  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.settings import Settings  # noqa: E402


def corpus(shared: Path, n: int) -> list[Article]:
    """``n`` politics articles, replicated with new ids (and spread publication dates)."""
    rows = []
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("category") == "politics" and r.get("text", "").strip():
                rows.append(r)
    out = []
    for i in range(n):
        r = rows[i % len(rows)]
        day = f"2022-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}"
        out.append(make_article(r["text"], IngestOptions(), source="bench", id=f"{r['id']}~{i}",
                                title=r.get("title"), published=day))
    return out


def baseline(arts: list[Article]) -> float:
    """Seconds for NFKC plus a regex word tokenizer over the texts (the floor of any analysis)."""
    word = re.compile(r"\w+")
    t = time.perf_counter()
    for a in arts:
        len(word.findall(unicodedata.normalize("NFKC", a.text)))
    return time.perf_counter() - t


def per_stage(pipe, arts: list[Article]) -> tuple[dict, float, int]:
    """(ms per article per stage, total seconds, tokens) running each stage timed on its own."""
    from rasd.text import segment

    spent: Counter = Counter()
    tokens = 0
    t0 = time.perf_counter()
    for a in arts:
        t = time.perf_counter()
        a = segment(a)
        spent["text"] += time.perf_counter() - t
        tokens += len(a.tokens)
        for st in pipe.stages:
            t = time.perf_counter()
            a = st(a)
            spent[st.name] += time.perf_counter() - t
    total = time.perf_counter() - t0
    return {k: round(1000 * v / len(arts), 2) for k, v in spent.items()}, total, tokens


def parallel(arts: list[Article], settings: Settings, workers: int) -> float:
    from rasd.parallel import pipe_parallel

    t = time.perf_counter()
    n = sum(1 for _ in pipe_parallel(arts, settings, workers=workers))
    assert n == len(arts)
    return time.perf_counter() - t


def steady_ingest(arts: list[Article], settings: Settings, stored: int) -> dict:
    """Per-article seconds of ingesting 100 new articles into an empty store and a full one."""
    from dataclasses import replace

    from rasd import service
    from rasd.pipeline import shared_pipeline
    from rasd.store import open_store
    from rasd.stories import update_store

    new, seed = arts[:100], arts[100:] or arts
    analyzed = [shared_pipeline(settings)(a) for a in seed[:50]]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in (("empty", 0), ("full", stored)):
            with open_store(f"{tmp}/{label}.db") as store:
                for i in range(n):  # copies of analyzed articles, new ids, spread over a year
                    a = analyzed[i % len(analyzed)]
                    store.put(replace(a, id=f"old~{i}", published=f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"))
                update_store(store)
                t = time.perf_counter()
                for a in new:
                    store.put(shared_pipeline(settings)(a), settings.provenance())
                service._update_stories(store, settings)
                out[label] = (time.perf_counter() - t) / len(new)
    out["ratio_full_to_empty"] = round(out["full"] / out["empty"], 3)
    out["stored"] = stored
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--profile", default="fast", choices=("fast", "accurate"))
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--store", type=int, default=0, help="also measure ingest into a store of this many articles")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    settings = Settings(profile=args.profile)
    arts = corpus(Path(args.shared), args.n)
    from rasd.pipeline import shared_pipeline

    t = time.perf_counter()
    pipe = shared_pipeline(settings)
    startup = time.perf_counter() - t
    stages, total, tokens = per_stage(pipe, arts)
    base = baseline(arts)
    res = {"profile": args.profile, "articles": len(arts), "startup_s": round(startup, 2), "ms_per_article": stages,
           "articles_per_s": round(len(arts) / total, 2), "tokens_per_s": round(tokens / total),
           "times_baseline": round(total / base, 1)}
    if args.workers > 1:
        par = parallel(arts, settings, args.workers)
        res["workers"] = {"n": args.workers, "articles_per_s": round(len(arts) / par, 2),
                          "speedup": round(total / par, 2)}
    if args.store:
        res["steady_ingest_s_per_article"] = steady_ingest(arts, settings, args.store)
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(res, indent=None if args.json else 1, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
