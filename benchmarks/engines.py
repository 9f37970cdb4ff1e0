"""Ingest wall time by engine: one process, local worker processes, Ray tasks.

    .venv/bin/python benchmarks/engines.py [--n 120] [--workers 2] [--json]

The corpus is --n raw_news politics articles (../shared/data, as benchmarks/throughput.py
reads them), written as JSONL to a temporary folder for the run (never into the
repository). Each engine runs the whole command, ``rasd ingest CORPUS --db NEW.db``, start-up
(models; Ray's own start for ``--engine ray``) and story update included, so the speed-ups are
what a user sees. Every run must store the same articles with the same content hashes.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


def write_corpus(path: Path, n: int) -> None:
    from throughput import stream

    with open(path, "w", encoding="utf-8") as f:
        for a in stream(ROOT.parent / "shared", n):
            f.write(json.dumps({"id": a.id, "title": a.title, "published": a.published, "text": a.text},
                               ensure_ascii=False) + "\n")


def run(corpus: Path, db: Path, args: list[str]) -> float:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rasd.cli", "ingest", str(corpus), "--db", str(db), *args],
                          capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-3000:])
    return time.perf_counter() - t


def stored(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    w = str(args.workers)
    engines = {"one process": ["--workers", "1"], f"local x{w}": ["--workers", w],
               f"ray x{w}": ["--engine", "ray", "--workers", w]}
    res: dict = {"n": args.n, "seconds": {}, "speedup": {}}
    with tempfile.TemporaryDirectory() as d:
        corpus = Path(d) / "corpus.jsonl"
        write_corpus(corpus, args.n)
        reference = None
        for i, (name, flags) in enumerate(engines.items()):
            db = Path(d) / f"e{i}.db"
            res["seconds"][name] = round(run(corpus, db, flags), 1)
            rows = stored(db)
            reference = reference if reference is not None else rows
            if rows != reference:
                raise SystemExit(f"{name} stored other articles or hashes than one process")
    one = res["seconds"]["one process"]
    res["speedup"] = {k: round(one / v, 2) for k, v in res["seconds"].items()}
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return
    for name, s in res["seconds"].items():
        print(f"{name:12s} {s:7.1f} s  {args.n / s:5.2f} articles/s  x{res['speedup'][name]}")


if __name__ == "__main__":
    main()
