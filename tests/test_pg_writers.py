"""PostgreSQL as the store of many writers: concurrent ingests lose and duplicate nothing.

Needs a server at RASD_TEST_PG_URL (``eval "$(scripts/postgres.sh start)"``); each test makes
its own database on it and drops it after, so it never touches the shared test database.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

import fixtures_store as fx

ROOT = Path(__file__).resolve().parents[1]
RASD = [sys.executable, "-m", "rasd.cli"]


@pytest.fixture
def pg_db():
    """The URL of a new, empty database on the test server (dropped after the test)."""
    if not fx.PG_URL:
        pytest.skip("PostgreSQL tests need RASD_TEST_PG_URL (run: eval \"$(scripts/postgres.sh start)\")")
    psycopg = pytest.importorskip("psycopg", reason="PostgreSQL tests need psycopg: pip install 'rasd[postgres]'")
    base, _ = fx.PG_URL.rsplit("/", 1)
    made = []

    def make() -> str:
        name = f"rasd_w_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(fx.PG_URL, autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return f"{base}/{name}"

    yield make
    with psycopg.connect(fx.PG_URL, autocommit=True) as c:
        for name in made:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _rows(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as c:
        return c.execute(sql).fetchall()


def _snapshot(url: str) -> dict:
    return {"articles": _rows(url, "SELECT id, content_hash FROM articles ORDER BY id"),
            "layers": {t: _rows(url, f"SELECT article_id, COUNT(*) FROM {t} GROUP BY article_id ORDER BY article_id")
                       for t in ("entities", "places", "dates", "quotes", "events")},
            "errors": _rows(url, "SELECT source, error, message FROM errors ORDER BY source")}


def _parts(tmp_path: Path) -> list[Path]:
    """Three overlapping slices of the sample reports (1-8, 5-12, 3-10), each with one bad line."""
    lines = (ROOT / "samples" / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for n, (lo, hi) in enumerate([(0, 8), (4, 12), (2, 10)]):
        p = tmp_path / f"part{n}"
        p.mkdir()
        (p / "reports.jsonl").write_text("\n".join(lines[lo:hi]) + "\n", encoding="utf-8")
        (p / "bad.txt").write_text("x", encoding="utf-8")
        out.append(p)
    return out


def test_three_concurrent_ingests_lose_and_duplicate_nothing(tmp_path, pg_db):
    shared, reference = pg_db(), pg_db()
    parts = _parts(tmp_path)
    procs = [subprocess.Popen(RASD + ["ingest", str(p), "--db", shared], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for p in parts]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1], [o[1][-2000:] for o in outs]  # the bad file
    reports = [json.loads(o[0]) for o in outs]
    assert sum(r["added"] for r in reports) + sum(r["unchanged"] for r in reports) == 24
    assert sum(r["added"] for r in reports) >= 12
    one = subprocess.run(RASD + ["ingest", *map(str, parts), "--db", reference], capture_output=True,
                         text=True, timeout=300)
    assert json.loads(one.stdout)["added"] == 12
    got, want = _snapshot(shared), _snapshot(reference)
    assert len(got["articles"]) == 12 and got["articles"] == want["articles"]
    assert got["layers"] == want["layers"]
    assert len(got["errors"]) == 3 and [e[1] for e in got["errors"]] == [e[1] for e in want["errors"]]
    # Every article in exactly one story: the story updates ran one at a time.
    assert _rows(shared, "SELECT article_id, COUNT(*) FROM story_articles GROUP BY article_id HAVING COUNT(*) > 1") == []
    assert _rows(shared, "SELECT COUNT(DISTINCT article_id) FROM story_articles") == [(12,)]


def test_two_connections_storing_the_same_articles_at_once_store_each_once(pg_db):
    from rasd.store import open_store

    url = pg_db()
    arts = fx.articles()
    stores = [open_store(url) for _ in range(2)]
    gate = threading.Barrier(2)
    written: list[bool] = []
    failures: list[BaseException] = []

    def writer(store):
        try:
            for art in arts:
                gate.wait(timeout=30)  # both put the same article at the same moment
                written.append(store.put(art))
        except BaseException as e:  # re-raised below, in the test's thread
            failures.append(e)

    threads = [threading.Thread(target=writer, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not failures, failures[0]
    assert written.count(True) == len(arts) and written.count(False) == len(arts)
    assert stores[0].count("articles") == len(arts)
    for s in stores:
        s.close()


def test_one_writer_at_a_time_holds_an_exclusive_section(pg_db):
    from rasd.store import open_store

    url = pg_db()
    first, second = open_store(url), open_store(url)
    entered = threading.Event()

    def other():
        with second.exclusive("stories"):
            entered.set()

    with first.exclusive("stories"):
        t = threading.Thread(target=other)
        t.start()
        time.sleep(0.5)
        assert not entered.is_set()  # the other process's connection waits
    t.join(timeout=10)
    assert entered.is_set()
    first.close()
    second.close()


def _all_rows(store) -> dict:
    """Every stored row but the write time, table by table."""
    tables = ("entities", "places", "dates", "quotes", "events", "errors")
    out = {t: sorted(map(repr, store._rows(f"SELECT * FROM {t}"))) for t in tables}
    out["articles"] = sorted(map(repr, store._rows("SELECT id, content_hash, title, outlet, url, published, text, "
                                                   "source, provenance, input_hash FROM articles")))
    return out


def test_a_batch_write_stores_exactly_what_one_at_a_time_stores(pg_db):
    from rasd.store import open_store

    arts = fx.articles()
    with open_store(pg_db()) as one, open_store(pg_db()) as batch:
        assert [one.put(a, {"rasd": "t"}) for a in arts] == [True] * len(arts)
        assert batch.put_many(arts, {"rasd": "t"}) == [True] * len(arts)
        assert _all_rows(batch) == _all_rows(one)
        assert batch.put_many(arts[:2], {"rasd": "t"}) == [False, False]  # unchanged: not rewritten
        assert batch.count("article_search") == len(arts)
        assert batch.count_articles(q="إدلب") == one.count_articles(q="إدلب") > 0  # in the search index too


def test_the_same_article_twice_in_one_batch_is_stored_once(pg_db):
    from rasd.store import open_store

    art = fx.articles()[0]
    with open_store(pg_db()) as s:
        assert s.put_many([art, art]) == [True, False]
        assert s.count("articles") == 1
