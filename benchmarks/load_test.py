"""Load test of the read API: C concurrent clients for S seconds against ``rasd serve``.

    python benchmarks/load_test.py [--clients 100 --seconds 20 --articles 3000 --db PATH]

The database: the project's own sample reports (samples/reports.jsonl) analyzed once, then
their stored rows replicated under new ids (``<id>~<n>``, stories too) up to ``--articles``.
The server is ``rasd serve`` in its own process (one uvicorn worker, as shipped); the clients
are asyncio tasks over httpx in this process, each looping over the main read endpoints.
Prints one JSON object: requests, errors (non-2xx or transport), requests/s, and latency
p50/p99 overall and per endpoint.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "reports.jsonl"


def build_db(path: str, target: int) -> tuple[list[str], list[str]]:
    """Analyze the samples, replicate them to ``target`` articles; (article ids, story ids)."""
    from rasd import service
    from rasd.settings import Settings
    from rasd.store import open_store

    settings = Settings()
    with open_store(path) as store:
        service.ingest([str(SAMPLES)], store, settings)
        base, stories = list(store.articles()), store.stories()
        copies = (target - len(base) + len(base) - 1) // len(base)
        for n in range(1, copies + 1):
            for art in base:
                store.put(dataclasses.replace(art, id=f"{art.id}~{n}"), settings.provenance())
            store.put_stories([dataclasses.replace(st, id=f"{st.id}~{n}",
                                                   articles=tuple(f"{a}~{n}" for a in st.articles))
                               for st in stories])
        return [a for (a,) in store._rows("SELECT id FROM articles")], [s for (s,) in store._rows("SELECT id FROM stories")]


def endpoints(article_ids: list[str], story_ids: list[str], rng: random.Random):
    """(name, url) of one request, drawn over the main read endpoints."""
    from urllib.parse import quote

    return rng.choice([
        ("articles", "/articles?limit=50"),
        ("articles_page", f"/articles?limit=50&offset={rng.randrange(0, len(article_ids))}"),
        ("article", f"/articles/{quote(rng.choice(article_ids))}"),
        ("events", "/events?limit=50&event_type=ASSAULT"),
        ("stories", "/stories?limit=20"),
        ("story", f"/stories/{quote(rng.choice(story_ids))}"),
        ("search", "/search?q=" + quote(rng.choice(["قصف", "الدفاع المدني", "إدلب", "اشتباكات"]))),
        ("entities", "/entities?limit=50"),
        ("places", "/places?limit=50"),
    ])


async def client(base: str, ids, stories, until: float, seed: int, results: list) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.perf_counter() < until:
            name, url = endpoints(ids, stories, rng)
            t = time.perf_counter()
            try:
                status = (await http.get(url)).status_code
            except httpx.HTTPError as e:
                status = type(e).__name__
            results.append((name, status, time.perf_counter() - t))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(base: str, proc: subprocess.Popen) -> None:
    import httpx

    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError("rasd serve exited before answering")
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("rasd serve did not answer within 30 s")


def _summary(results: list, seconds: float) -> dict:
    def pct(xs, q):
        xs = sorted(xs)
        return round(1000 * xs[min(len(xs) - 1, int(q * len(xs)))], 1)

    by = defaultdict(list)
    for name, _, dt in results:
        by[name].append(dt)
    errors = [(n, s) for n, s, _ in results if not (isinstance(s, int) and 200 <= s < 300)]
    lat = [dt for _, _, dt in results]
    return {"requests": len(results), "errors": len(errors), "error_examples": errors[:5],
            "requests_per_s": round(len(results) / seconds, 1), "p50_ms": pct(lat, 0.5), "p99_ms": pct(lat, 0.99),
            "mean_ms": round(1000 * statistics.mean(lat), 1),
            "by_endpoint": {n: {"requests": len(v), "p50_ms": pct(v, 0.5), "p99_ms": pct(v, 0.99)}
                            for n, v in sorted(by.items())}}


def run(clients: int, seconds: float, articles: int, db: str | None = None) -> dict:
    db = db or str(Path(tempfile.mkdtemp(prefix="rasd-load-")) / "load.db")
    if not Path(db).exists():
        ids, stories = build_db(db, articles)
    else:
        ids, stories = build_db_ids(db)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_up(base, proc)
        results: list = []
        start = time.perf_counter()

        async def all_clients():
            await asyncio.gather(*(client(base, ids, stories, start + seconds, i, results) for i in range(clients)))
        asyncio.run(all_clients())
        out = _summary(results, time.perf_counter() - start)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # uvicorn drains queued requests first: do not wait for it
            proc.kill()
            proc.wait()
    return {"clients": clients, "seconds": seconds, "articles": len(ids), "stories": len(stories), **out}


def build_db_ids(db: str) -> tuple[list[str], list[str]]:
    from rasd.store import open_store

    with open_store(db, create=False) as s:
        return [a for (a,) in s._rows("SELECT id FROM articles")], [x for (x,) in s._rows("SELECT id FROM stories")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--db", default=None, help="reuse (or build) this SQLite file")
    a = ap.parse_args()
    res = run(a.clients, a.seconds, a.articles, a.db)
    print(json.dumps(res, ensure_ascii=False, indent=1))
    sys.exit(1 if res["errors"] else 0)


if __name__ == "__main__":
    main()
