"""Exports of a store: articles (JSONL), stories (JSON), ACLED CSV, PLOVER JSONL, GeoJSON, events CSV.

``export(store, fmt, out, layer=..., **filters)`` writes one format to a text stream; the
filters (those of every listing, :mod:`rasd.store.filters`) keep the articles that match and,
in the event formats, only the events that match. The row builders are public so the API can
reuse them. Arabic stays UTF-8 (``ensure_ascii=False``).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Iterator, Optional

from ..model import Article, Event, Place
from .regions import acled_region
from .vocab import geonameid_for

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")

# ACLED's disorder type follows from its event type.
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's spelling where ISO's official name differs.
_COUNTRY_NAMES = {"SY": "Syria", "IR": "Iran", "PS": "Palestine", "RU": "Russia", "KR": "South Korea",
                  "TR": "Turkey", "LY": "Libya", "YE": "Yemen"}
# Every export format: name -> (media type, download file name). The one list the CLI's
# --format choices, the API's /export/{fmt} and the service layer read.
FORMATS = {
    "jsonl": ("application/x-ndjson", "articles.jsonl"),
    "stories": ("application/json", "stories.json"),
    "acled-csv": ("text/csv", "events-acled.csv"),
    "plover-jsonl": ("application/x-ndjson", "events-plover.jsonl"),
    "geojson": ("application/geo+json", "rasd.geojson"),
    "events-csv": ("text/csv", "events.csv"),
}
GEOJSON_LAYERS = ("all", "events", "places")
# events-csv and GET /events.csv: one flat row per event, names and ids side by side.
EVENT_COLUMNS = ("id", "article", "outlet", "published", "title", "date", "date_precision", "type", "mode",
                 "status", "acled_event_type", "acled_sub_event_type", "actor1", "actor1_kb_id", "actor2",
                 "actor2_kb_id", "place", "place_text", "country", "admin1", "latitude", "longitude",
                 "geonameid", "geo_precision", "fatalities", "evidence")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _country(code: Optional[str]) -> tuple[str, str, str]:
    """(numeric iso, name, alpha-3) for an alpha-2 code; empty strings when unknown."""
    if not code:
        return "", "", ""
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    if c is None:
        return "", code, ""
    name = _COUNTRY_NAMES.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
    return str(int(c.numeric)), name, c.alpha_3


def _event_date(ev: Event, art: Article) -> tuple[str, int]:
    """(YYYY-MM-DD, ACLED time_precision): 1 day, 2 week / from the publication date, 3 month or coarser."""
    if ev.date is not None:
        v = ev.date.value
        if len(v) == 10:
            return v, 2 if ev.date.precision == "week" else 1
        return (v + "-01" if len(v) == 7 else v + "-01-01"), 3
    if art.published:
        return art.published, 2
    return "", 3


def _actor_name(actor) -> str:
    return "" if actor is None else (actor.name_en or actor.text)


def acled_rows(articles, keep: Optional[set] = None) -> Iterator[dict]:
    """One ACLED-shaped row per event that ACLED's codebook covers: an event that occurred and
    got an ACLED type. Calls, threats, plans and the PLOVER types ACLED has no row for are not
    events to ACLED; a file that listed them left most rows without a type and misled anyone
    who counts rows (they stay in plover-jsonl). ``event_id_cnty`` keeps the event's index in
    its article, so an id names the same record in every export. ``keep``: (article id, index)
    pairs the export's filters selected (None: all)."""
    for art in articles:
        for i, ev in enumerate(art.events):
            if keep is not None and (art.id, i) not in keep:
                continue
            if not _acled_event(ev):
                continue
            date, precision = _event_date(ev, art)
            if not date:
                continue  # neither the text nor the publication says when: no ACLED row
            iso, country, alpha3 = _country(ev.place.country if ev.place else None)
            acled_type = ev.acled.event_type if ev.acled else ""
            pl = ev.place
            tags = [f"plover={ev.type}", f"status={ev.status}"] + ([f"mode={ev.mode}"] if ev.mode else [])
            yield {
                "event_id_cnty": f"{alpha3 or 'XXX'}-{art.id}-{i}",
                "event_date": date, "year": int(date[:4]), "time_precision": precision,
                "disorder_type": _DISORDER.get(acled_type, ""), "event_type": acled_type,
                "sub_event_type": ev.acled.sub_event_type if ev.acled else "",
                "actor1": _actor_name(ev.actor1), "assoc_actor_1": "", "inter1": _inter(ev.actor1),
                "actor2": _actor_name(ev.actor2), "assoc_actor_2": "", "inter2": _inter(ev.actor2),
                "interaction": _interaction(_inter(ev.actor1), _inter(ev.actor2)),
                "civilian_targeting": "Civilian targeting" if acled_type == "Violence against civilians" else "",
                "iso": iso, "region": acled_region(pl.country if pl else None),
                "country": country, "admin1": (pl.admin1 or "") if pl else "", "admin2": "", "admin3": "",
                "location": (pl.name_en or pl.text) if pl else "",
                "latitude": "" if not pl or pl.lat is None else pl.lat,
                "longitude": "" if not pl or pl.lon is None else pl.lon,
                "geo_precision": pl.precision if pl else "",
                "source": art.outlet or "", "source_scale": "",
                "notes": art.text[ev.evidence.start:ev.evidence.end].strip(),
                "fatalities": ev.fatalities or 0, "tags": "; ".join(tags),
                "timestamp": _timestamp(art.published),
            }


# ACLED inter codes of non-state armed groups: rebels, political and identity militias. A
# strategic development in a conflict dataset involves one of them (a ceasefire, a group's HQ,
# an arrest of its members); among states, kings, ministers and the UN it is diplomacy.
_NON_STATE_ARMED = {"2", "3", "4"}


def _acled_event(ev: Event) -> bool:
    """Whether ACLED would record ``ev``: it occurred, has an ACLED type, actor1 is known with
    its inter code (a common-noun actor such as "Unidentified Armed Group (Yemen)" has one), and a strategic
    development (an agreement, a transfer of territory) involves a non-state armed group:
    two ministries signing a trade deal are no row of a conflict dataset."""
    if ev.acled is None or ev.status != "occurred":
        return False
    if not _inter(ev.actor1):
        return False  # ACLED's codebook needs actor1 and its inter code; the rest stay in plover-jsonl
    if ev.acled.event_type == "Strategic developments":
        return bool({_inter(ev.actor1), _inter(ev.actor2)} & _NON_STATE_ARMED)
    return True


def _timestamp(published: Optional[str]) -> str:
    """Unix time of the publication date (ACLED's timestamp is when a row was last changed)."""
    if not published:
        return ""
    d = dt.datetime.strptime(published[:10], "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    return str(int(d.timestamp()))


def plover_rows(articles, keep: Optional[set] = None) -> Iterator[dict]:
    """One PLOVER record per event in the PLOVER specification's field names (:mod:`.plover`)."""
    from .plover import rows

    return rows(articles, keep, geonameid_for)


def geojson(articles, layer: str = "all", keep: Optional[set] = None) -> dict:
    """A FeatureCollection of Points: one per located event (kind=event) and per place mention
    (kind=place); ``layer`` "events" or "places" keeps one kind, so that each loads in QGIS as
    its own layer. ``date`` is an ISO date (a month or year: its first day, ``date_end`` its last)
    and ``date_precision`` says how exact it is, which QGIS's temporal controller reads."""
    if layer not in GEOJSON_LAYERS:
        raise ValueError(f"layer must be one of {', '.join(GEOJSON_LAYERS)}, got {layer!r}")
    feats = []
    for art in articles:
        if layer in ("all", "events"):
            feats += [_event_feature(art, i, ev) for i, ev in enumerate(art.events)
                      if (keep is None or (art.id, i) in keep) and ev.place and ev.place.lat is not None
                      and ev.place.lon is not None]
        if layer in ("all", "places"):
            feats += [_place_feature(art, i, pl) for i, pl in enumerate(art.places)
                      if pl.lat is not None and pl.lon is not None]
    # "name" (a GDAL extension to GeoJSON) becomes the layer's name in QGIS.
    return {"type": "FeatureCollection", "name": "rasd" if layer == "all" else f"rasd-{layer}", "features": feats}


def _event_feature(art: Article, i: int, ev: Event) -> dict:
    from .plover import dates

    pl = ev.place
    date, end, precision = dates(ev, art)
    return _point([pl.lon, pl.lat], {
        "kind": "event", "id": f"{art.id}:{i}", "article": art.id, "outlet": art.outlet, "title": art.title,
        "event_type": ev.type, "mode": ev.mode, "status": ev.status,
        "acled_event_type": ev.acled.event_type if ev.acled else None,
        "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
        "date": date, "date_end": end or date, "date_precision": precision, "published": art.published,
        "fatalities": ev.fatalities,
        "actor1": _actor_name(ev.actor1) or None, "actor1_kb_id": ev.actor1.kb_id if ev.actor1 else None,
        "actor2": _actor_name(ev.actor2) or None, "actor2_kb_id": ev.actor2.kb_id if ev.actor2 else None,
        "place": pl.name_en or pl.text, "place_text": pl.text, "country": pl.country, "admin1": pl.admin1,
        "geonameid": geonameid_for(pl), "geo_precision": pl.precision,
        "evidence": art.text[ev.evidence.start:ev.evidence.end].strip()})


def _place_feature(art: Article, i: int, pl) -> dict:
    return _point([pl.lon, pl.lat], {
        "kind": "place", "id": f"{art.id}:p{i}", "article": art.id, "outlet": art.outlet, "text": pl.text,
        "name_en": pl.name_en, "country": pl.country, "admin1": pl.admin1, "geonameid": geonameid_for(pl),
        "precision": pl.precision, "date": art.published, "date_end": art.published,
        "date_precision": "published" if art.published else "unknown", "published": art.published})


def _point(coords, props) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}


def event_rows(events: list[dict], texts: dict[str, str]) -> Iterator[dict]:
    """Flat rows (:data:`EVENT_COLUMNS`) of store event listings (``Store.events``); ``texts``
    holds each article's text, for the evidence sentence."""
    for ev in events:
        pl, d, acled = ev.get("place") or {}, ev.get("date") or {}, ev.get("acled") or {}
        a1, a2, span = ev.get("actor1") or {}, ev.get("actor2") or {}, ev["evidence"]
        place = Place.from_json(pl) if pl else None
        yield {"id": ev["id"], "article": ev["article"], "outlet": ev.get("outlet"), "published": ev.get("published"),
               "title": ev.get("title"), "date": d.get("value") or ev.get("published"),
               "date_precision": d.get("precision") or ("published" if ev.get("published") else ""),
               "type": ev["type"], "mode": ev.get("mode"), "status": ev["status"],
               "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
               "actor1": a1.get("name_en") or a1.get("text"), "actor1_kb_id": a1.get("kb_id"),
               "actor2": a2.get("name_en") or a2.get("text"), "actor2_kb_id": a2.get("kb_id"),
               "place": pl.get("name_en") or pl.get("text"), "place_text": pl.get("text"),
               "country": pl.get("country"), "admin1": pl.get("admin1"), "latitude": pl.get("lat"),
               "longitude": pl.get("lon"), "geonameid": geonameid_for(place), "geo_precision": pl.get("precision"),
               "fatalities": ev.get("fatalities"),
               "evidence": texts.get(ev["article"], "")[span["start"]:span["end"]].strip()}


def write_events_csv(store, out: IO[str], limit: Optional[int] = None, offset: int = 0, **filters) -> None:
    """The events matching ``filters`` as CSV (:data:`EVENT_COLUMNS`), by event date."""
    events = store.events(limit=limit, offset=offset, **filters)  # before any output: a bad filter raises
    w = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for start in range(0, len(events), 500):  # the texts of a few hundred articles at a time
        chunk = events[start:start + 500]
        w.writerows(event_rows(chunk, store.texts(sorted({e["article"] for e in chunk}))))


def export(store, fmt: str, out: IO[str], layer: str = "all", **filters) -> None:
    """Write ``store`` (or what ``filters`` select) to ``out`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    if fmt == "events-csv":
        return write_events_csv(store, out, **filters)
    filters = {k: v for k, v in filters.items() if v not in (None, "")}
    keep = {tuple(e["id"].rsplit(":", 1)) for e in store.events(**filters)} if filters else None
    keep = {(a, int(i)) for a, i in keep} if keep is not None else None
    articles = store.articles(**filters)
    if fmt == "jsonl":
        for art in articles:
            out.write(_dumps(art.to_json()) + "\n")
    elif fmt == "stories":
        found = store.find_stories(**filters) if filters else store.stories()
        out.write(_dumps({"stories": [st.to_json() for st in found]}) + "\n")
    elif fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(acled_rows(articles, keep))
    elif fmt == "plover-jsonl":
        for row in plover_rows(articles, keep):
            out.write(_dumps(row) + "\n")
    else:
        out.write(_dumps(geojson(articles, layer, keep)) + "\n")


def _inter(actor) -> str:
    """ACLED inter code (1-8) of an actor from the knowledge base, inherited along affiliations."""
    if actor is None or not actor.kb_id:
        return ""
    from ..kb import load_kb

    code = load_kb().inter(actor.kb_id)
    return str(code) if code else ""


def _interaction(a: str, b: str) -> str:
    """ACLED's interaction code: the two inter codes, lower first; an actor alone is its code
    and 0 (ACLED's "10" is state forces acting alone); "" when no actor has a code."""
    codes = sorted(c for c in (a, b) if c)
    if not codes:
        return ""
    return "".join(codes) if len(codes) == 2 else codes[0] + "0"
