"""The API's typed surface: /openapi.json declares every field an answer carries, every error has
one shape, every list says its total, filtered events come as CSV."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

import fixtures_store as fx
from rasd.api.app import create_app
from rasd.store import open_store
from rasd.store.exports import EVENT_COLUMNS

TOKEN = "s3cret-test-token"
ANSWERS = ["/articles", "/articles/art-idlib-a", "/events", "/stories", "/stories/story-idlib", "/entities",
           "/entities/generic:military:SY", "/places", "/search?q=إدلب", "/timeline", "/suggest?kind=actor&q=mil",
           "/events?country=سوريا"]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("models") / "m.db")
    with open_store(db) as s:
        fx.fill(s)
    with TestClient(create_app(db, token=TOKEN, pipeline=lambda art: art)) as c:
        yield c


def undeclared(value, schema: dict, spec: dict, path: str = "") -> list[str]:
    """Keys of ``value`` (recursively) that ``schema`` does not declare."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for alt in schema.get("anyOf", []):
        if alt.get("type") != "null" and value is not None:
            return undeclared(value, alt, spec, path)
    if isinstance(value, dict) and "properties" in schema:
        out = [f"{path}.{k}" for k in value if k not in schema["properties"]]
        return out + [m for k, v in value.items() if k in schema["properties"]
                      for m in undeclared(v, schema["properties"][k], spec, f"{path}.{k}")]
    if isinstance(value, list) and "items" in schema:
        return [m for i, v in enumerate(value[:3]) for m in undeclared(v, schema["items"], spec, f"{path}[{i}]")]
    return []


def response_schema(spec: dict, url: str) -> dict:
    path = url.split("?")[0]
    for template, ops in spec["paths"].items():
        head = template.split("{")[0]
        if template == path or ("{" in template and path.startswith(head) and path != head.rstrip("/")):
            return ops["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    raise KeyError(url)


@pytest.mark.parametrize("url", ANSWERS)
def test_openapi_declares_every_field_an_answer_carries(client, url):
    spec = client.get("/openapi.json").json()
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert undeclared(r.json(), response_schema(spec, url), spec) == []


@pytest.mark.parametrize("model, fields", [
    ("EventRow", {"type", "status", "acled", "actor1", "actor2", "place", "date", "fatalities", "evidence", "article"}),
    ("Place", {"country", "admin1", "geonameid", "precision", "lat", "lon"}),
    ("ErrorBody", {"code", "message", "param", "suggestions"}),
    ("Suggestion", {"value", "label", "match", "count"}),
])
def test_openapi_describes_the_records(client, model, fields):
    props = client.get("/openapi.json").json()["components"]["schemas"][model]["properties"]
    assert fields <= set(props) and all(props[f].get("description") or props[f] for f in fields)


@pytest.mark.parametrize("method, url, status, code", [
    ("get", "/nope", 404, "not_found"), ("get", "/articles/nope", 404, "not_found"),
    ("get", "/events?limit=0", 422, "validation_error"), ("get", "/events?colour=red", 400, "unknown_parameter"),
    ("get", "/events?date_from=tomorrow", 400, "bad_filter"), ("get", "/events?actor=Nobody Atall", 400, "unknown_name"),
    ("get", "/export/xlsx", 404, "not_found"), ("post", "/articles", 401, "unauthorized"),
    ("get", "/suggest?kind=colour&q=x", 422, "validation_error"),
])
def test_every_error_has_one_shape(client, method, url, status, code):
    r = getattr(client, method)(url)
    assert r.status_code == status and list(r.json()) == ["error"]
    assert r.json()["error"]["code"] == code and r.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/articles", "/events", "/stories", "/entities", "/places", "/search?q=إدلب",
                                 "/timeline", "/suggest?kind=country&q=s"])
def test_every_list_says_its_total(client, url):
    body = client.get(url).json()
    assert isinstance(body["total"], int) and body["total"] >= len(body["items"])


def test_entity_page_lists_say_their_totals(client):
    page = client.get("/entities/generic:military:SY").json()
    assert (page["events_total"], page["quotes_total"], page["articles_total"]) == (2, 1, 2)


def test_events_csv_holds_the_filtered_events(client):
    r = client.get("/events.csv", params={"country": "Syria", "status": "occurred"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert r.headers["content-type"].startswith("text/csv") and tuple(rows[0]) == EVENT_COLUMNS
    assert [x["id"] for x in rows] == ["art-idlib-a:0", "art-idlib-b:0"]
    assert rows[1]["evidence"].startswith("أعلن الجيش السوري") and rows[1]["actor1"] == "Military Forces of Syria"
