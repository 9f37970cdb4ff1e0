"""Crash safety, bounded: SIGKILL during ``rasd ingest``, re-run, nothing lost or doubled
(the 20-kill run is ``python benchmarks/crash_test.py``)."""
from __future__ import annotations

from conftest import benchmark
from fixtures_store import db_url  # noqa: F401  (the backend-parametrized fixture)


def test_ingest_killed_twice_then_rerun_equals_one_clean_run(db_url, tmp_path):
    result = benchmark("crash_test").run(rounds=1, kills=2, articles=6, seed=7, db=db_url, work=tmp_path)
    assert result["kills_that_landed"] >= 1 and result["problems"] == []
