"""Scale-out engines: bounded in-flight work, and Ray storing exactly what one process stores.

The Ray tests start a real local Ray (2 CPUs, loopback): about 30 s together on 2 cores.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.model import ItemError
from rasd.parallel import bounded_map, pipe_parallel
from rasd.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
RASD = [sys.executable, "-m", "rasd.cli"]


class Counting:
    """An input stream that records how many items were taken from it."""

    def __init__(self, n: int):
        self.n, self.taken = n, 0

    def __iter__(self):
        for i in range(self.n):
            self.taken += 1
            yield ItemError(f"item-{i}", "test", "passes through untouched")


def _lead(stream: Counting, results) -> int:
    """The most items read from ``stream`` ahead of the consumer."""
    lead = 0
    for consumed, _ in enumerate(results, 1):
        lead = max(lead, stream.taken - consumed)
    return lead


def test_bounded_map_reads_no_further_ahead_than_its_window():
    stream = Counting(100)
    chunks = ([x] for x in stream)
    out = bounded_map(chunks, submit=lambda chunk: chunk, result=lambda chunk: chunk, max_in_flight=3)
    assert _lead(stream, out) <= 3 and stream.taken == 100


def test_bounded_map_keeps_input_order():
    out = bounded_map(([i] for i in range(10)), submit=lambda c: c, result=lambda c: c, max_in_flight=4)
    assert list(out) == list(range(10))


def test_local_workers_do_not_read_the_whole_input_ahead():
    # Pool.imap's feeder thread read every input at once; now two chunks per worker at most.
    stream = Counting(200)
    out = pipe_parallel(stream, Settings(), workers=2, chunk_size=4)
    assert _lead(stream, out) <= (2 * 2 + 1) * 4 and stream.taken == 200


def test_a_ray_address_without_the_ray_engine_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["ingest", str(ROOT / "samples" / "reports.jsonl"), "--db",
                                    str(tmp_path / "x.db"), "--ray-address", "auto"])
    assert res.exit_code == 2 and "--ray-address needs --engine ray" in res.output


def _snapshot(db: Path) -> dict:
    """What a comparison of two stores looks at: ids, content hashes, layer rows, errors, stories."""
    with sqlite3.connect(db) as c:
        q = lambda sql: c.execute(sql).fetchall()  # noqa: E731
        return {"articles": q("SELECT id, content_hash, url, published FROM articles ORDER BY id"),
                "layers": {t: q(f"SELECT article_id, COUNT(*) FROM {t} GROUP BY article_id ORDER BY article_id")
                           for t in ("entities", "places", "dates", "quotes", "events")},
                "errors": q("SELECT source, error FROM errors ORDER BY source"),
                # computed by the workers, written after their articles, read by the story update
                "embeddings": q("SELECT article_id, kind, text_hash, vec FROM embeddings ORDER BY article_id"),
                "stories": q("SELECT story_id, article_id FROM story_articles ORDER BY story_id, article_id")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    shutil.copy(ROOT / "samples" / "reports.jsonl", d / "reports.jsonl")
    (d / "bad.jsonl").write_text('{"id": "bad", "text": "x"}\nnot json\n', encoding="utf-8")
    return d


def test_ray_engine_stores_exactly_what_one_process_stores(corpus, tmp_path):
    pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'rasd[ray]'")
    one = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "one.db"), "--workers", "1"])
    ray = subprocess.run(RASD + ["ingest", str(corpus), "--db", str(tmp_path / "ray.db"), "--engine", "ray",
                                 "--workers", "2"], capture_output=True, text=True, timeout=240)
    assert ray.returncode == one.exit_code == 1, ray.stderr  # the two bad lines are error records
    assert json.loads(ray.stdout) == json.loads(one.stdout.splitlines()[-1])
    one_db, ray_db = _snapshot(tmp_path / "one.db"), _snapshot(tmp_path / "ray.db")
    assert len(one_db["articles"]) == 12 and len(one_db["errors"]) == 2 and len(one_db["embeddings"]) == 12
    assert ray_db == one_db


def test_local_workers_store_exactly_what_one_process_stores(corpus, tmp_path):
    one = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "one.db"), "--workers", "1"])
    two = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "two.db"), "--workers", "2"])
    assert one.exit_code == two.exit_code == 1
    assert _snapshot(tmp_path / "two.db") == _snapshot(tmp_path / "one.db")


def test_the_local_engine_reads_no_further_ahead_than_its_window():
    from rasd.parallel import LocalEngine

    stream = Counting(120)
    with LocalEngine(Settings(), workers=2, partition_size=4) as engine:
        assert _lead(stream, engine(stream)) <= (2 * 2 + 1) * 4 and stream.taken == 120


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'rasd[ray]'")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield ray
    if started:
        ray.shutdown()


def test_ray_engine_reads_no_further_ahead_than_its_window(local_ray):
    from rasd.parallel import RayEngine

    stream = Counting(60)
    with RayEngine(Settings(), workers=2, partition_size=3, max_in_flight=2) as engine:
        assert _lead(stream, engine(stream)) <= (2 + 1) * 3 and stream.taken == 60


def test_ray_engine_refuses_a_worker_of_another_build(local_ray):
    from rasd.parallel import BuildMismatch, RayEngine

    with RayEngine(Settings(), workers=2) as engine:
        engine.provenance = {**engine.provenance, "models": "another-build"}
        with pytest.raises(BuildMismatch, match="install the same rasd on every node"):
            list(engine(Counting(2)))
