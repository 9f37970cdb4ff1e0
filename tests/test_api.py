"""The REST API over a fixture database, with FastAPI's TestClient."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import fixtures_store as fx
from fixtures_store import db_url  # noqa: F401  (the backend-parametrized fixture)
from rasd.api.app import create_app
from rasd.store import open_store

TOKEN = "s3cret-test-token"


@pytest.fixture
def client(db_url, monkeypatch):
    monkeypatch.delenv("RASD_API_TOKEN", raising=False)
    db = db_url
    with open_store(db) as s:
        fx.fill(s)
    # Writes here skip the analysis (identity pipeline); test_post_runs_the_analysis_pipeline
    # covers the real one.
    with TestClient(create_app(db, token=TOKEN, pipeline=lambda art: art)) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/docs"])
def test_no_page_loads_scripts_from_a_cdn(client, path):
    html = client.get(path).text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert client.get("/redoc").status_code == 404


def test_docs_serve_swagger_ui_from_the_package_with_no_inline_script(client):
    html = client.get("/docs").text
    assert all(re.search(r"<script\b[^>]*\bsrc=", tag) for tag in re.findall(r"<script\b[^>]*>", html))
    for path in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert client.get(path).status_code == 200, path


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/articles", "/articles/{article_id}", "/events", "/stories", "/stories/{story_id}",
              "/entities", "/places", "/search", "/timeline"):
        assert p in paths


@pytest.mark.parametrize("url, ids", [
    ("/articles", ["art-idlib-a", "art-idlib-b", "art-xss", "art-baghdad"]),
    ("/articles?limit=1&offset=1", ["art-idlib-b"]),
    ("/articles?country=IQ", ["art-baghdad"]),
    ("/articles?country=iq", ["art-baghdad"]),
    ("/articles?actor=generic:military:SY&date_from=2024-03-05", ["art-idlib-b"]),
    ("/articles?story=story-idlib&outlet=صحيفة الشرق", ["art-idlib-a"]),
    ("/search?q=الطلاب", ["art-baghdad"]),
    ("/search?q=ادلب&event_type=assault", ["art-idlib-a", "art-idlib-b"]),
])
def test_article_listings_filter_and_page(client, url, ids):
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert [a["id"] for a in r.json()["items"]] == ids


def test_search_returns_a_snippet_around_the_folded_hit(client):
    hit = client.get("/search?q=اطفال مدينه").json()["items"]
    assert hit == []
    sn = client.get("/search?q=مدينه").json()["items"][0]["snippet"]
    assert sn["text"][sn["start"]:sn["end"]] == "مدينة"


def test_total_counts_all_matches_not_the_page(client):
    body = client.get("/articles?limit=2").json()
    assert (body["total"], len(body["items"]), body["limit"]) == (4, 2, 2)


def test_ids_with_slashes_resolve(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/articles", json={"id": "feed/2024/1", "text": "قتل جندي في اشتباك قرب درعا."},
                       headers=auth).status_code == 201
    assert client.get("/articles/feed/2024/1").json()["id"] == "feed/2024/1"


def test_article_by_id_has_layers_and_stories(client):
    a = client.get("/articles/art-idlib-b").json()
    assert a["events"][0]["fatalities"] == 3 and a["stories"] == ["story-idlib"]
    assert a["text"] == fx.article_idlib_b().text


@pytest.mark.parametrize("url, ids", [
    ("/events?event_type=ASSAULT", ["art-idlib-a:0", "art-idlib-b:0"]),
    ("/events?admin1=Aleppo", ["art-xss:0"]),
    ("/events?place=Baghdad", ["art-baghdad:0"]),
])
def test_events_filter(client, url, ids):
    assert [e["id"] for e in client.get(url).json()["items"]] == ids


def test_timeline_counts_events_and_fatalities_by_day_and_type(client):
    items = client.get("/timeline").json()["items"]
    assert {"date": "2024-03-04", "type": "ASSAULT", "events": 2, "fatalities": 8} in items


def test_stories_and_story_by_id(client):
    assert [s["id"] for s in client.get("/stories?country=SY").json()["items"]] == ["story-idlib", "story-threat"]
    assert len(client.get("/stories/story-idlib").json()["contradictions"]) == 2


def test_entities_and_entity_page(client):
    ents = client.get("/entities?label=ORG").json()["items"]
    assert ents[0]["kb_id"] == "generic:military:SY"
    assert client.get("/entities/~GPE:بغداد").status_code == 404       # linked: found by kb_id only
    page = client.get("/entities/generic:military:SY").json()
    assert [e["id"] for e in page["events"]] == ["art-idlib-a:0", "art-idlib-b:0"]
    assert [q["article"] for q in page["quotes"]] == ["art-idlib-b"]


def test_places_aggregate(client):
    names = [p["name_en"] for p in client.get("/places").json()["items"]]
    assert names[0] == "Idlib" and set(names) == {"Idlib", "Aleppo", "Baghdad"}


@pytest.mark.parametrize("url, status", [
    ("/articles/nope", 404), ("/stories/nope", 404), ("/entities/nope", 404),
    ("/articles?limit=0", 422), ("/articles?limit=100000", 422), ("/articles?offset=-1", 422),
    ("/articles?date_from=tomorrow", 400), ("/events?colour=red", 400), ("/search", 422),
    ("/entities?label=CAT", 422),
])
def test_bad_requests_are_clear_4xx(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    assert r.json()["error"]["message"] and r.json()["error"]["code"]


def test_arabic_comes_back_as_utf8_not_escapes(client):
    assert "\\u" not in client.get("/articles/art-baghdad").text


@pytest.mark.parametrize("headers, status", [
    ({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic " + TOKEN}, 401),
])
def test_post_needs_the_bearer_token(client, headers, status):
    r = client.post("/articles", json={"text": "قصف مدفعي على قرية في ريف حماة."}, headers=headers)
    assert r.status_code == status


def test_post_without_configured_token_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("RASD_API_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "n.db"))) as c:
        r = c.post("/articles", json={"text": "نص"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and "RASD_API_TOKEN" in r.json()["error"]["message"]


def test_post_token_from_environment_runs_the_analysis_pipeline(tmp_path, monkeypatch):
    from rasd.ingest.readers import IngestOptions, make_article
    from rasd.pipeline import Pipeline

    monkeypatch.setenv("RASD_API_TOKEN", "env-token")
    body = {"id": "p1", "text": "تظاهر العشرات أمام مبنى البلدية في مدينة حمص يوم السبت.", "published": "2024-03-09"}
    with TestClient(create_app(str(tmp_path / "e.db"))) as c:
        r = c.post("/articles", json=body, headers={"Authorization": "Bearer env-token"})
        assert r.status_code == 201, r.text
        stored = c.get("/articles/p1").json()
    expected = Pipeline()(make_article(body["text"], IngestOptions(), source="api", id="p1", published="2024-03-09"))
    assert {k: v for k, v in stored.items() if k not in ("stories", "provenance")} == expected.to_json()
    assert stored["provenance"]["profile"] == "fast" and stored["provenance"]["models"]


def test_post_stores_idempotently(client):
    body = {"id": "posted-1", "text": "قال المتحدث إن القصف استهدف حياً سكنياً في مدينة حماة.",
            "outlet": "منصة الخبر", "published": "2024-03-12"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/articles", json=body, headers=auth)
    assert first.status_code == 201 and first.json()["added"] is True
    assert client.post("/articles", json=body, headers=auth).json()["added"] is False
    stored = client.get("/articles/posted-1").json()
    assert (stored["outlet"], stored["published"]) == ("منصة الخبر", "2024-03-12")


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "only english words here"}, {"text": 5}])
def test_post_rejects_unusable_articles(client, body):
    r = client.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422


def test_dashboard_and_bundled_assets_are_served(client):
    assert "app.js" in client.get("/").text
    for path in ("/static/app.js", "/static/vendor/leaflet/leaflet.js",
                 "/static/vendor/world-atlas/countries-50m.json", "/static/vendor/topojson-client/topojson-client.min.js"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("fmt, check", [
    ("geojson", lambda body: len(__import__("json").loads(body)["features"]) == 8),
    ("acled-csv", lambda body: body.startswith("event_id_cnty,event_date,year")),
    ("jsonl", lambda body: len(body.splitlines()) == 4),
])
def test_exports_download(client, fmt, check):
    r = client.get(f"/export/{fmt}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert check(r.text)


def test_unknown_export_is_404(client):
    assert client.get("/export/xlsx").status_code == 404


def test_rasd_serve_answers_on_its_port(tmp_path):
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = str(tmp_path / "serve.db")
    with open_store(db) as s:
        fx.fill(s)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(150):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/stories", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise AssertionError(proc.stderr.read1().decode() if proc.poll() is not None else "no answer in 30 s")
        assert len(r.json()["items"]) == 3
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_failing_stage_is_a_500_naming_it(tmp_path, monkeypatch):
    from rasd.pipeline import StageError

    def broken(art):
        raise StageError(f"stage events failed on article {art.id}: ValueError: boom")

    monkeypatch.setenv("RASD_API_TOKEN", "t")
    with TestClient(create_app(str(tmp_path / "b.db"), pipeline=broken), raise_server_exceptions=False) as c:
        r = c.post("/articles", json={"text": "قتل جندي في اشتباك قرب درعا."}, headers={"Authorization": "Bearer t"})
    assert r.status_code == 500 and "stage events" in r.json()["error"]["message"]
