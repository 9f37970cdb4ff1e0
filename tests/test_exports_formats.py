"""What each export carries: ACLED regions and years, PLOVER's specification fields, GeoJSON
layers with ISO dates for QGIS, geonameids from the gazetteer."""
from __future__ import annotations

import csv
import io
import json

import pytest

import fixtures_store as fx
from rasd.model import Acled, Actor, Article, DateRef, Event, Place, Span
from rasd.store import open_store
from rasd.store.exports import export, geojson, plover_rows
from rasd.store.regions import REGIONS, acled_region

IS = Actor("داعش", "Islamic State", "org:islamic-state")
SDF = Actor("قسد", "Syrian Democratic Forces", "org:sdf")


MAY = DateRef(0, 1, "x", "2017-05", "month")


def article(status="occurred", date=MAY, place=None, text="قتل مقاتلو داعش خمسة.") -> Article:
    """One article with one Islamic State event against the SDF (our own sentence)."""
    acled = Acled("Battles", "Armed clash") if status == "occurred" else None
    ev = Event("ASSAULT", None, status, acled, IS, SDF, place, date, 5, Span(0, len(text)))
    return Article.create(text, id="art-x", outlet="منصة", published="2017-05-20").with_layer("events", [ev])


def write(fmt, arts, **kw) -> str:
    class Store:
        def articles(self, **_):
            return iter(arts)

        def events(self, **_):
            return []
    buf = io.StringIO()
    export(Store(), fmt, buf, **kw)
    return buf.getvalue()


@pytest.mark.parametrize("code, region", [("SY", "Middle East"), ("EG", "Northern Africa"), ("ML", "Western Africa"),
                                          ("CD", "Middle Africa"), ("SO", "Eastern Africa"), ("ZA", "Southern Africa"),
                                          ("AF", "South Asia"), ("UA", "Europe"), ("AZ", "Caucasus and Central Asia"),
                                          ("MX", "Central America"), ("HT", "Caribbean"), ("BR", "South America"),
                                          ("US", "North America"), ("MM", "Southeast Asia"), ("FJ", "Oceania")])
def test_acled_region_of_a_country(code, region):
    assert acled_region(code) == region


def test_every_iso_country_has_an_acled_region():
    import pycountry

    assert {c.alpha_2 for c in pycountry.countries if acled_region(c.alpha_2) not in REGIONS} == set()


def test_acled_csv_year_is_an_integer_and_region_filled():
    pl = Place(0, 1, "x", "Kidal", 18.44, 1.41, "ML", "Kidal", 2455290, 1)
    rows = list(csv.DictReader(io.StringIO(write("acled-csv", [article(place=pl)]))))
    assert (rows[0]["year"], rows[0]["region"], rows[0]["event_date"]) == ("2017", "Western Africa", "2017-05-01")


def test_plover_actors_carry_code_sector_and_wikidata_identifier():
    row = next(plover_rows([article()]))
    src, rcp = row["source"][0], row["recipient"][0]
    assert (src["code"], src["sector"], src["identifier_id"], src["identifier_text"]) == (
        "IMG", "REB", "Q2429253", "Islamic State")
    assert (rcp["actor_text"], rcp["kb_id"]) == ("قسد", "org:sdf")


@pytest.mark.parametrize("status, context", [("called", ["future"]), ("denied", ["negation"]), ("occurred", [])])
def test_plover_context_from_status(status, context):
    assert next(plover_rows([article(status)]))["context"] == context


def test_plover_context_from_the_evidence_words():
    assert "terrorism" in next(plover_rows([article(text="فجر انتحاري نفسه في هجوم إرهابي.")]))["context"]


@pytest.mark.parametrize("date, expected", [(MAY, ("2017-05-01", "2017-05-31", "month")),
                                            (None, ("2017-05-20", None, "published"))])
def test_plover_date_spans_a_month_and_says_its_precision(date, expected):
    row = next(plover_rows([article(date=date)]))
    assert (row["date"], row["enddate"], row["date_precision"]) == expected


@pytest.mark.parametrize("value, precision, start, end", [
    ("2017-05", "month", "2017-05-01", "2017-05-31"), ("2016", "year", "2016-01-01", "2016-12-31"),
    ("2017-05-04", "day", "2017-05-04", "2017-05-04"),
])
def test_geojson_dates_are_iso_with_precision_for_qgis(value, precision, start, end):
    from rasd.store.plover import dates

    ev = Event("ASSAULT", None, "occurred", None, IS, None, None, DateRef(0, 1, "x", value, precision), None, Span(0, 1))
    got = dates(ev, Article.create("x", id="a"))
    assert (got[0], got[1] or got[0], got[2]) == (start, end, precision)


@pytest.mark.parametrize("layer, kinds", [("events", {"event"}), ("places", {"place"}), ("all", {"event", "place"})])
def test_geojson_one_layer_per_kind(layer, kinds):
    feats = geojson(fx.articles(), layer)["features"]
    assert {f["properties"]["kind"] for f in feats} == kinds


def test_geonameid_is_filled_from_the_gazetteer_when_the_record_has_none():
    pl = Place(0, 1, "x", "Deir ez-Zor", 35.33, 40.14, "SY", "Deir ez-Zor", None, 1)
    feat = geojson([article(place=pl)], "events")["features"][0]
    assert feat["properties"]["geonameid"] == 170794
    assert next(plover_rows([article(place=pl)]))["event_loc"]["geonameid"] == 170794


def test_filters_keep_only_the_matching_events(tmp_path):
    with open_store(str(tmp_path / "f.db")) as s:
        fx.fill(s)
        out = io.StringIO()
        export(s, "plover-jsonl", out, country="سوريا", status="occurred")
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["art-idlib-a-0", "art-idlib-b-0"]


@pytest.mark.parametrize("layer", ["events", "places"])
def test_geojson_layer_reads_in_ogr_with_date_fields(tmp_path, layer):
    """OGR (what QGIS opens GeoJSON with) sees one point layer whose dates are Date fields."""
    import shutil
    import subprocess

    if not shutil.which("ogrinfo"):
        pytest.skip("ogrinfo (gdal-bin) not installed")
    path = tmp_path / f"{layer}.geojson"
    path.write_text(json.dumps(geojson(fx.articles(), layer), ensure_ascii=False), encoding="utf-8")
    info = subprocess.run(["ogrinfo", "-so", "-al", str(path)], capture_output=True, text=True, check=True).stdout
    assert f"Layer name: rasd-{layer}" in info and "Geometry: Point" in info
    assert "date: Date" in info and "date_end: Date" in info and "Feature Count: 4" in info
