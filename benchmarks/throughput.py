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
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parents[1]

from rasd.ingest.readers import IngestOptions, make_article  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.settings import Settings  # noqa: E402


def corpus(shared: Path, n: int) -> list[Article]:
    """``n`` politics articles, replicated with new ids (and spread publication dates)."""
    return list(stream(shared, n))


def stream(shared: Path, n: int) -> Iterator[Article]:
    """The same articles as :func:`corpus`, made one at a time (scaling runs hold none of them)."""
    rows = []
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("category") == "politics" and r.get("text", "").strip():
                rows.append({k: r.get(k) for k in ("id", "text", "title")})
    for i in range(n):
        r = rows[i % len(rows)]
        day = f"2022-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}"
        yield make_article(r["text"], IngestOptions(), source="bench", id=f"{r['id']}~{i}",
                           title=r.get("title"), published=day)


def baseline(arts: Iterable[Article]) -> float:
    """Seconds for NFKC plus a regex word tokenizer over the texts (the floor of any analysis)."""
    word = re.compile(r"\w+")
    t = time.perf_counter()
    for a in arts:
        len(word.findall(unicodedata.normalize("NFKC", a.text)))
    return time.perf_counter() - t


def per_stage(pipe, arts: Iterable[Article]) -> tuple[dict, float, int]:
    """(ms per article per stage, total seconds, tokens) running each stage timed on its own."""
    from rasd.text import segment

    spent: Counter = Counter()
    tokens = n = 0
    t0 = time.perf_counter()
    for a in arts:
        n += 1
        t = time.perf_counter()
        a = segment(a)
        spent["text"] += time.perf_counter() - t
        tokens += len(a.tokens)
        for st in pipe.stages:
            t = time.perf_counter()
            a = st(a)
            spent[st.name] += time.perf_counter() - t
    total = time.perf_counter() - t0
    return {k: round(1000 * v / n, 2) for k, v in spent.items()}, total, tokens


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


def _rss_mb() -> float:
    """The process's current resident memory (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def scaling(shared: Path, settings: Settings, n: int, every: int = 1000) -> dict:
    """One streamed pass over ``n`` articles (none held): elapsed seconds and current RSS at
    every ``every`` articles, and the ratios that say whether time is linear and memory flat."""
    from rasd.pipeline import shared_pipeline

    pipe = shared_pipeline(settings)
    marks = []
    t0 = time.perf_counter()
    for i, _ in enumerate(pipe.pipe(stream(shared, n)), 1):
        if i % every == 0 or i == n:
            marks.append({"articles": i, "seconds": round(time.perf_counter() - t0, 1), "rss_mb": round(_rss_mb())})
    first = next(m for m in marks if m["articles"] >= min(every, n))
    last = marks[-1]
    return {"marks": marks,
            "rate_first_vs_last_block": round((first["articles"] / first["seconds"]) /
                                              ((last["articles"] - marks[-2]["articles"]) /
                                               (last["seconds"] - marks[-2]["seconds"])), 3) if len(marks) > 1 else 1.0,
            "rss_last_vs_first": round(last["rss_mb"] / first["rss_mb"], 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--profile", default="fast", choices=("fast", "accurate"))
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--store", type=int, default=0, help="also measure ingest into a store of this many articles")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--scaling", type=int, default=0,
                    help="instead: one streamed pass over this many articles, time and RSS every 1,000")
    args = ap.parse_args()
    settings = Settings(profile=args.profile)
    if args.scaling:
        print(json.dumps(scaling(Path(args.shared), settings, args.scaling), indent=None if args.json else 1))
        return
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
