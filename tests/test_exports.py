"""Exports load back with the tools a user would use: csv/pandas, json, a GeoJSON check."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import fixtures_store as fx
from rasd.cli import main
from rasd.store import open_store
from rasd.store.exports import ACLED_COLUMNS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("exp") / "x.db")
    with open_store(path) as s:
        fx.fill(s)
    return path


def run_export(db, fmt) -> str:
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt])
    assert res.exit_code == 0, res.output
    return res.output


def validate_geojson(obj) -> None:
    """Structural GeoJSON (RFC 7946) check for what we write: Points in a FeatureCollection."""
    assert obj["type"] == "FeatureCollection" and isinstance(obj["features"], list)
    for f in obj["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        g = f["geometry"]
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert all(isinstance(v, (int, float)) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_acled_csv_has_acleds_columns_and_one_row_per_coded_event(db):
    rows = list(csv.DictReader(io.StringIO(run_export(db, "acled-csv"))))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    from rasd.kb import load_kb

    coded = [e for a in fx.articles() for e in a.events if e.acled and e.status == "occurred"
             and e.actor1 and load_kb().inter(e.actor1.kb_id)]
    assert len(rows) == len(coded) and all(r["event_type"] and r["inter1"] for r in rows)


def test_an_event_whose_actor1_has_no_acled_inter_code_is_no_acled_row(db):
    ids = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(run_export(db, "acled-csv")))}
    assert not any("baghdad" in i for i in ids)  # students of no known affiliation


def test_a_threat_is_no_acled_row(db):
    ids = {r["event_id_cnty"] for r in csv.DictReader(io.StringIO(run_export(db, "acled-csv")))}
    assert not any("art-xss" in i for i in ids)


def test_acled_csv_values(db):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(run_export(db, "acled-csv")))}
    r = rows["SYR-art-idlib-b-0"]
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2024-03-04", "2024", "1")
    assert (r["event_type"], r["disorder_type"], r["country"], r["iso"]) == (
        "Explosions/Remote violence", "Political violence", "Syria", "760")
    assert (r["location"], r["latitude"], r["fatalities"], r["source"]) == ("Idlib", "35.9306", "3", "وكالة النهار")
    assert r["notes"].startswith("أعلن الجيش السوري")


def test_acled_csv_reads_with_pandas(db):
    pd = pytest.importorskip("pandas", reason="pandas not installed; csv module test covers the format")
    df = pd.read_csv(io.StringIO(run_export(db, "acled-csv")))
    assert list(df.columns) == list(ACLED_COLUMNS)
    assert df["fatalities"].sum() == 8


def test_plover_jsonl_has_the_plover_specification_fields(db):
    rows = [json.loads(line) for line in run_export(db, "plover-jsonl").splitlines()]
    assert [r["event"] for r in rows] == [["ASSAULT"], ["ASSAULT"], ["THREATEN"], ["PROTEST"]]
    first = rows[0]
    assert (first["mode"], first["date"], first["dead"], first["quad_code"]) == (["aerial"], "2024-03-04", 5, 4)
    assert first["source"] == [{"code": "SYR", "sector": "MIL", "actor_text": "الجيش السوري", "identifier_id": None,
                                "identifier_text": "Military Forces of Syria", "kb_id": "generic:military:SY"}]
    assert first["recipient"] == [] and first["event_text"] == [first["text"]] and first["text"].startswith("قصفت")
    loc = first["event_loc"]
    assert (loc["name"], loc["country code"], loc["cc3"], loc["geonameid"]) == ("Idlib", "SY", "SYR", 169388)
    assert first["cite_info"]["language"] == "ar" and first["cite_info"]["publication"] == "صحيفة الشرق"


def test_geojson_is_valid_and_has_events_and_places(db):
    obj = json.loads(run_export(db, "geojson"))
    validate_geojson(obj)
    kinds = [f["properties"]["kind"] for f in obj["features"]]
    assert (kinds.count("event"), kinds.count("place")) == (4, 4)
    ev = next(f for f in obj["features"] if f["properties"].get("id") == "art-baghdad:0")
    assert ev["geometry"]["coordinates"] == [44.4009, 33.3406]


def test_stories_export_round_trips(db):
    obj = json.loads(run_export(db, "stories"))
    assert sorted(s["id"] for s in obj["stories"]) == ["story-baghdad", "story-idlib", "story-threat"]
    assert "\\u" not in run_export(db, "stories")


def test_jsonl_export_round_trips_articles(db):
    from rasd.model import Article

    arts = [Article.from_json(json.loads(line)) for line in run_export(db, "jsonl").splitlines()]
    assert sorted(arts, key=lambda a: a.id) == sorted(fx.articles(), key=lambda a: a.id)


@pytest.mark.parametrize("kb_id, kept", [("org:islamic-state", True), ("org:sdf", True), (None, False)])
def test_a_strategic_development_is_an_acled_row_only_between_armed_parties(kb_id, kept):
    from rasd.model import Acled, Actor, Event, Span
    from rasd.store.exports import _acled_event
    ev = Event("AGREE", None, "occurred", Acled("Strategic developments", "Agreement"),
               Actor("x", None, kb_id), None, None, None, None, Span(0, 1))
    assert _acled_event(ev) is kept
