"""Crash safety: kill ``rasd ingest`` with SIGKILL at random moments, re-run it, check the store.

    python benchmarks/crash_test.py [--rounds 5 --kills 4 --articles 100 --seed 1 --db URL]

Each round starts from an empty database, kills an ingest of the same corpus ``--kills``
times at a random moment (uniform over the time a full ingest takes), then lets one run
finish. The store must then equal a reference built by one uninterrupted run (rebuilt each
round): the same
articles with the same content hashes, the same number of rows in every layer for every
article (an article and its layers are one transaction), no input stored twice, every
article in a story and every story link pointing at a stored article; SQLite's
``PRAGMA integrity_check`` must say ok. ``--db postgresql://...`` runs it on PostgreSQL
(the database is emptied first). The corpus is generated from the project's own sample
reports (samples/reports.jsonl), each copy made distinct by one added sentence.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "reports.jsonl"
LAYERS = ("entities", "places", "dates", "quotes", "events")


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles as one JSONL file (plus an empty file: an error record)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            rec = dict(base[i % len(base)])
            rec["id"] = f"{rec['id']}-{i}"
            rec["text"] += f"\nوأفاد مصدر محلي بأن عدد الجرحى بلغ {i + 1} في الحادثة رقم {i}."
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _command(corpus: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "rasd.cli", "ingest", str(corpus), "--db", db]


def ingest(corpus: Path, db: str) -> float:
    """One uninterrupted ingest; its wall time."""
    t = time.perf_counter()
    res = subprocess.run(_command(corpus, db), capture_output=True, text=True)
    if res.returncode not in (0, 1) or "Traceback" in res.stderr:
        raise RuntimeError(f"ingest failed ({res.returncode}): {res.stderr[-2000:]}")
    return time.perf_counter() - t


def killed_ingest(corpus: Path, db: str, delay: float) -> bool:
    """An ingest killed with SIGKILL after ``delay`` seconds; False if it finished first."""
    proc = subprocess.Popen(_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def snapshot(db: str) -> dict:
    """What must survive a crash: articles, their layer row counts, stories, errors."""
    from rasd.store import open_store

    with open_store(db, create=False) as s:
        rows = s._rows
        counts = {name: dict(rows(f"SELECT article_id, COUNT(*) FROM {name} GROUP BY article_id")) for name in LAYERS}
        return {
            "articles": {aid: (h, tuple(counts[n].get(aid, 0) for n in LAYERS))
                         for aid, h in rows("SELECT id, content_hash FROM articles")},
            "inputs_twice": rows("SELECT input_hash FROM articles GROUP BY input_hash HAVING COUNT(*) > 1"),
            "unclustered": rows("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"),
            "dangling_links": rows("SELECT story_id, article_id FROM story_articles "
                                   "WHERE article_id NOT IN (SELECT id FROM articles)"),
            "errors": sorted(rows("SELECT source, error FROM errors")),
        }


def stored(db: str) -> int:
    """Articles in the store now (0 when the kill came before the schema was made)."""
    from rasd.store import StoreError, open_store

    try:
        with open_store(db, create=False) as s:
            return s.count("articles")
    except StoreError:
        return 0


def integrity(db: str) -> str:
    if db.startswith(("postgresql://", "postgres://")):
        return "ok"  # PostgreSQL checks its own pages; the snapshot checks our invariants
    import sqlite3

    with sqlite3.connect(db) as c:
        return c.execute("PRAGMA integrity_check").fetchone()[0]


def problems(db: str, reference: dict) -> list[str]:
    """Every way the store differs from the reference or breaks an invariant."""
    got, out = snapshot(db), []
    if integrity(db) != "ok":
        out.append(f"integrity_check: {integrity(db)}")
    lost = set(reference["articles"]) - set(got["articles"])
    extra = set(got["articles"]) - set(reference["articles"])
    changed = [a for a in reference["articles"] if a in got["articles"] and got["articles"][a] != reference["articles"][a]]
    for name, bad in (("lost", lost), ("unexpected", extra), ("layers differ", changed),
                      ("input stored twice", got["inputs_twice"]), ("in no story", got["unclustered"]),
                      ("story link to a missing article", got["dangling_links"])):
        if bad:
            out.append(f"{name}: {sorted(map(str, bad))[:5]}")
    if got["errors"] != reference["errors"]:
        out.append(f"errors differ: {got['errors']} vs {reference['errors']}")
    return out


def _fresh(db: str) -> None:
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(db, autocommit=True) as c:
            c.execute("DROP SCHEMA public CASCADE")
            c.execute("CREATE SCHEMA public")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)


def run(rounds: int, kills: int, articles: int, seed: int, db: str | None = None, work: Path | None = None) -> dict:
    """The whole harness; returns the measured result (``problems`` must be empty)."""
    rng = random.Random(seed)
    work = work or Path(tempfile.mkdtemp(prefix="rasd-crash-"))
    corpus = make_corpus(work / "corpus", articles)
    ref_db = str(work / "reference.db")
    full = ingest(corpus, ref_db)
    target = db or str(work / "crashed.db")
    landed, at_kill, found = 0, [], []
    for r in range(rounds):
        _fresh(target)
        for _ in range(kills):
            landed += killed_ingest(corpus, target, rng.uniform(0.2, full))
            at_kill.append(stored(target))
        ingest(corpus, target)
        # The reference is rebuilt each round: code edited during a long run (another session
        # retraining a model) changes the records themselves, which is not a crash-safety fault.
        _fresh(ref_db)
        ingest(corpus, ref_db)
        found += [f"round {r}: {p}" for p in problems(target, snapshot(ref_db))]
    return {"articles": len(snapshot(ref_db)["articles"]), "full_ingest_s": round(full, 2), "kills": rounds * kills,
            "kills_that_landed": landed, "articles_stored_at_each_kill": at_kill, "problems": found}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--kills", type=int, default=4, help="kills per round")
    ap.add_argument("--articles", type=int, default=100, help="over one batch (32), so kills land between batch writes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db", default=None, help="postgresql:// URL (emptied!) instead of a SQLite file")
    a = ap.parse_args()
    result = run(a.rounds, a.kills, a.articles, a.seed, a.db)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    sys.exit(1 if result["problems"] else 0)


if __name__ == "__main__":
    main()
