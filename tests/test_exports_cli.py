"""The command line around exports: `rasd export` filters by name, `rasd summary --json --limit`,
examples under every command's --help, and files that are not articles refused."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import fixtures_store as fx
from rasd.cli import main
from rasd.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("cli") / "c.db")
    with open_store(path) as s:
        fx.fill(s)
    return path


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("options, expected", [
    ([], ["art-idlib-a:0", "art-idlib-b:0", "art-xss:0", "art-baghdad:0"]),
    (["--country", "Iraq"], ["art-baghdad:0"]),
    (["--country", "سوريا", "--status", "threatened"], ["art-xss:0"]),
    (["--type", "Explosions/Remote violence", "--date-to", "2024-03-04"], ["art-idlib-a:0", "art-idlib-b:0"]),
    (["--date-from", "2024-03-05"], ["art-xss:0", "art-baghdad:0"]),      # the event's date, not publication
    (["--story", "story-idlib", "--actor", "Military Forces of Syria"], ["art-idlib-a:0", "art-idlib-b:0"]),
    (["--outlet", "وكالة النهار"], ["art-idlib-b:0"]),
])
def test_export_filters(db, options, expected):
    res = run("export", "--db", db, "--format", "events-csv", *options)
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in csv.DictReader(io.StringIO(res.output))] == expected


def test_export_filters_apply_to_every_event_format(db):
    res = run("export", "--db", db, "--format", "geojson", "--layer", "events", "--country", "Syria", "--type", "ASSAULT")
    assert [f["properties"]["id"] for f in json.loads(res.output)["features"]] == ["art-idlib-a:0", "art-idlib-b:0"]


def test_export_refuses_an_unknown_name_with_suggestions(db):
    res = run("export", "--db", db, "--format", "acled-csv", "--country", "Syrai")
    assert res.exit_code == 2 and "did you mean 'Syria'" in res.output and "event_id_cnty" not in res.output


def test_summary_json_has_totals_articles_and_stories(db):
    out = json.loads(run("summary", "--db", db, "--json").output)
    assert out["totals"] == {"articles": 4, "events": 4, "stories": 3}
    assert [a["id"] for a in out["articles"]] == ["art-idlib-a", "art-idlib-b", "art-xss", "art-baghdad"]
    assert out["articles"][0]["events"][0] == {"type": "ASSAULT", "status": "occurred", "mode": "aerial",
                                               "actor1": "Military Forces of Syria", "actor2": None,
                                               "place": "Idlib", "date": "2024-03-04", "fatalities": 5}


@pytest.mark.parametrize("args, articles, stories", [(["--json", "--limit", "1"], ["art-baghdad"], 1),
                                                     (["--json", "--limit", "2"], ["art-xss", "art-baghdad"], 2)])
def test_summary_limit_keeps_the_latest(db, args, articles, stories):
    out = json.loads(run("summary", "--db", db, *args).output)
    assert [a["id"] for a in out["articles"]] == articles and len(out["stories"]) == stories


def test_summary_text_limit(db):
    out = run("summary", "--db", db, "--limit", "1").output
    assert out.startswith("[art-baghdad]") and "art-idlib-a" not in out


def test_every_command_shows_examples_in_its_help():
    missing = [name for name in main.commands if "Examples:" not in run(name, "--help").output]
    assert missing == [] and "Examples:" in run("--help").output


@pytest.mark.parametrize("command", ["analyze", "stories", "ingest"])
def test_a_file_that_is_not_an_article_is_refused(tmp_path, command):
    meta = tmp_path / "meta.csv"
    meta.write_text("file,outlet\na.txt,منصة\n", encoding="utf-8")
    extra = ["--db", str(tmp_path / "n.db")] if command == "ingest" else []
    res = run(command, str(meta), *extra)
    assert res.exit_code == 2 and "not an article file" in res.output and "--meta" in res.output
    assert not (tmp_path / "n.db").exists()
