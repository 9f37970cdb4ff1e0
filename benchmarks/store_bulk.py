"""Bulk writes: analyzed articles per second into SQLite and PostgreSQL, one or many writers.

    .venv/bin/python benchmarks/store_bulk.py --n 2000 --writers 1,2,4 [--pg postgresql://...] [--json]

The articles are the bundled sample reports (samples/reports.jsonl, written by the project),
analyzed once with the fast profile and stored under N distinct ids, so only the store is
timed: ``Store.put`` (one transaction per article with its layers and search-index row), the
path every local ingest takes, and on PostgreSQL also ``Store.put_many`` (--batch articles a
transaction, the path of ``--engine ray``). W writers are W processes, each with its own connection, writing
disjoint slices at once (as W ``rasd ingest`` processes would); the rate is all articles over
the time from the first writer's start to the last one's end. PostgreSQL runs in a database
made for the run (and dropped); without --pg (or RASD_TEST_PG_URL ... passed as --pg) only
SQLite is measured.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int) -> list:
    """``n`` analyzed articles: the samples under fresh ids (same layers, distinct rows)."""
    from rasd.ingest.readers import IngestOptions, read_inputs
    from rasd.pipeline import Pipeline

    base = [a for a in Pipeline().pipe(read_inputs([str(ROOT / "samples" / "reports.jsonl")], IngestOptions()))]
    return [base[i % len(base)].with_meta(id=f"{base[i % len(base)].id}-{i}") for i in range(n)]


def _writer(url: str, arts: list, provenance: dict, batch: int, out) -> None:
    from rasd.store import open_store

    with open_store(url) as store:
        start = time.time()
        if batch > 1:
            for i in range(0, len(arts), batch):
                store.put_many(arts[i:i + batch], provenance)
        else:
            for a in arts:
                store.put(a, provenance)
        out.put((start, time.time()))


def rate(url: str, arts: list, writers: int, batch: int = 1) -> float:
    """Articles per second with ``writers`` processes writing disjoint slices at once."""
    from rasd.settings import Settings
    from rasd.store import open_store

    open_store(url).close()  # migrate once, before the clock
    provenance = Settings().provenance()
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, arts[i::writers], provenance, batch, out))
             for i in range(writers)]
    for p in procs:
        p.start()
    spans = [out.get(timeout=3600) for _ in procs]
    for p in procs:
        p.join()
    with open_store(url) as store:
        assert store.count("articles") == len(arts), "a writer lost or duplicated articles"
    return len(arts) / (max(e for _, e in spans) - min(s for s, _ in spans))


def pg_database(admin_url: str):
    """A fresh database on the server of ``admin_url``: (its URL, a function that drops it)."""
    import psycopg

    name = f"rasd_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")

    def drop():
        with psycopg.connect(admin_url, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return f"{admin_url.rsplit('/', 1)[0]}/{name}", drop


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--writers", default="1,2,4", help="comma-separated writer counts")
    ap.add_argument("--batch", type=int, default=16, help="articles per put_many (the Ray engine's partition)")
    ap.add_argument("--pg", default=None, help="a postgresql:// URL of a server where a database may be created")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    arts = articles(args.n)
    res: dict = {"n": args.n, "batch": args.batch, "sqlite": {}, "postgres": {}, "postgres_batched": {}}
    for w in (int(x) for x in args.writers.split(",")):
        with tempfile.TemporaryDirectory() as d:
            res["sqlite"][w] = round(rate(str(Path(d) / "bulk.db"), arts, w), 1)
        for key, batch in (("postgres", 1), ("postgres_batched", args.batch)) if args.pg else ():
            url, drop = pg_database(args.pg)
            try:
                res[key][w] = round(rate(url, arts, w, batch), 1)
            finally:
                drop()
    if args.json:
        print(json.dumps(res))
        return
    per = sum(sum(len(getattr(a, n)) for n in ("entities", "places", "dates", "quotes", "events")) for a in arts[:12]) / 12
    print(f"{args.n} articles ({per:.0f} layer rows each on average)")
    for backend, rates in res.items():
        if isinstance(rates, dict):
            for w, r in rates.items():
                print(f"  {backend:16s} {w} writer(s): {r:8.1f} articles/s")


if __name__ == "__main__":
    main()
