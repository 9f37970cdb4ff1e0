"""Opening a database: read commands never create one; foreign files and newer schemas are
refused with one line; SQLite durability is an option; PostgreSQL reconnects after a drop."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import fixtures_store as fx
from fixtures_store import db_url  # noqa: F401  (the backend-parametrized fixture)
from rasd.cli import main
from rasd.store import StoreError, open_store
from rasd.store.migrations import MIGRATIONS

READS = [["summary"], ["export", "--format", "jsonl"], ["search", "قصف"], ["serve"]]


@pytest.mark.parametrize("command", READS, ids=lambda c: c[0])
def test_read_commands_on_a_missing_database_fail_in_one_line_and_create_nothing(tmp_path, command):
    db = tmp_path / "missing.db"
    res = CliRunner().invoke(main, [*command, "--db", str(db)])
    assert res.exit_code == 1 and res.output.strip() == f"Error: no database at {db}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READS + [["ingest", "-"]], ids=lambda c: c[0])
def test_a_file_that_is_not_a_database_is_refused_in_one_line(command):
    res = CliRunner().invoke(main, [*command, "--db", "/etc/passwd"], input="")
    assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1
    assert "/etc/passwd is not a SQLite database" in res.output and "Traceback" not in res.output


def test_a_sqlite_file_without_the_rasd_schema_is_not_touched_by_a_read(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE notes (x)")
    res = CliRunner().invoke(main, ["summary", "--db", str(db)])
    assert res.exit_code == 1 and "is not a rasd database" in res.output
    assert [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_a_schema_newer_than_the_code_is_refused(db_url):
    with open_store(db_url) as s:
        mark = "%s" if s.dialect == "postgres" else "?"
        s.conn.execute(f"INSERT INTO schema_migrations VALUES ({mark}, {mark}, {mark})",
                       (MIGRATIONS[-1].version + 1, "future", "now"))
        s.conn.commit()
    with pytest.raises(StoreError, match="newer than this rasd knows"):
        open_store(db_url)


def test_serve_with_create_makes_the_database_it_will_fill(tmp_path, monkeypatch):
    import uvicorn
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "new.db"), "--create"])
    assert res.exit_code == 0 and (tmp_path / "new.db").exists()


@pytest.mark.parametrize("level,value", [(None, 1), ("normal", 1), ("full", 2)])
def test_sqlite_synchronous_is_an_option(tmp_path, level, value):
    with open_store(str(tmp_path / "d.db"), synchronous=level) as s:
        assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == value


def test_an_unknown_synchronous_level_is_refused(tmp_path):
    with pytest.raises(StoreError, match="synchronous must be one of"):
        open_store(str(tmp_path / "d.db"), synchronous="off")


def test_postgres_reconnects_with_back_off_after_the_backend_is_killed():
    if not fx.PG_URL:
        pytest.skip("PostgreSQL tests need RASD_TEST_PG_URL (run: eval \"$(scripts/postgres.sh start)\")")
    import psycopg
    fx.reset_pg(fx.PG_URL)
    with open_store(fx.PG_URL) as s, psycopg.connect(fx.PG_URL, autocommit=True) as admin:
        fx.fill(s)
        before, pid = s.count("articles"), s.conn.info.backend_pid
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        assert s.count("articles") == before  # the read after the drop reconnects and answers
        assert s.conn.info.backend_pid != pid
        admin.execute("SELECT pg_terminate_backend(%s)", (s.conn.info.backend_pid,))
        fx.fill(s)  # writes after a drop land exactly once
        assert s.count("articles") == before


def test_postgres_gives_up_with_a_clear_error_when_the_server_stays_away():
    if not fx.PG_URL:
        pytest.skip("PostgreSQL tests need RASD_TEST_PG_URL (run: eval \"$(scripts/postgres.sh start)\")")
    import psycopg
    from rasd.store.postgres import PostgresStore
    s = PostgresStore(fx.PG_URL, retry_delays=(0.01, 0.02))
    with psycopg.connect(fx.PG_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (s.conn.info.backend_pid,))
    s.url = "postgresql://nobody@127.0.0.1:1/none"  # the server "stays away"
    with pytest.raises(StoreError, match="could not reconnect"):
        s.count("schema_migrations")
