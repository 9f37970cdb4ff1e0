"""Exports of a store: stories (JSON), ACLED CSV, PLOVER JSONL, GeoJSON.

``export(store, fmt, out)`` writes one format to a text stream; the row builders are public
so the API can reuse them. Arabic stays UTF-8 (``ensure_ascii=False``).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from typing import IO, Iterator, Optional

from ..model import Article, Event

ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")

# ACLED's disorder type follows from its event type.
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED's regions for the countries this monitor reads about most; others are left empty.
_REGION = {c: "Middle East" for c in ("SY", "IQ", "LB", "JO", "PS", "IL", "YE", "SA", "AE", "KW", "QA", "BH",
                                      "OM", "IR", "TR")}
_REGION.update({c: "Northern Africa" for c in ("EG", "LY", "TN", "DZ", "MA", "SD")})
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
}


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


def acled_rows(articles) -> Iterator[dict]:
    """One ACLED-shaped row per event that ACLED's codebook covers: an event that occurred and
    got an ACLED type. Calls, threats, plans and the PLOVER types ACLED has no row for are not
    events to ACLED; a file that listed them left most rows without a type and misled anyone
    who counts rows (they stay in plover-jsonl). ``event_id_cnty`` keeps the event's index in
    its article, so an id names the same record in every export."""
    for art in articles:
        for i, ev in enumerate(art.events):
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
                "event_date": date, "year": date[:4], "time_precision": precision,
                "disorder_type": _DISORDER.get(acled_type, ""), "event_type": acled_type,
                "sub_event_type": ev.acled.sub_event_type if ev.acled else "",
                "actor1": _actor_name(ev.actor1), "assoc_actor_1": "", "inter1": _inter(ev.actor1),
                "actor2": _actor_name(ev.actor2), "assoc_actor_2": "", "inter2": _inter(ev.actor2),
                "interaction": _interaction(_inter(ev.actor1), _inter(ev.actor2)),
                "civilian_targeting": "Civilian targeting" if acled_type == "Violence against civilians" else "",
                "iso": iso, "region": _REGION.get(pl.country, "") if pl and pl.country else "",
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


def _plover_actor(actor) -> list[dict]:
    """PLOVER's actor list: ``actorText`` as written, plus rasd's English name and KB id."""
    if actor is None:
        return []
    return [{"actorText": actor.text, "name": actor.name_en, "kbId": actor.kb_id}]


def plover_rows(articles) -> Iterator[dict]:
    """One PLOVER event record per event, in the field names of PLOVER's gold-standard records
    (id, date, source, target, event, eventText, context, mode, text, language, publication;
    ``dead`` for fatalities), plus rasd's status, location and article reference."""
    for art in articles:
        for i, ev in enumerate(art.events):
            pl = ev.place
            yield {
                "id": f"{art.id}-{i}", "date": ev.date.value if ev.date else art.published,
                "source": _plover_actor(ev.actor1), "target": _plover_actor(ev.actor2),
                "event": ev.type, "eventText": "", "context": "", "mode": ev.mode or "",
                "dead": ev.fatalities,
                "text": art.text[ev.evidence.start:ev.evidence.end].strip(),
                "language": "ar", "publication": art.outlet,
                "status": ev.status,
                "location": None if pl is None else {
                    "placeName": pl.name_en or pl.text, "placeText": pl.text, "country": pl.country,
                    "admin1": pl.admin1, "lat": pl.lat, "lon": pl.lon, "geonameid": pl.geonameid,
                    "precision": pl.precision},
                "article_id": art.id, "url": art.url, "published": art.published,
            }


def geojson(articles) -> dict:
    """A FeatureCollection: one Point per located event (kind=event) and per place mention (kind=place)."""
    feats = []
    for art in articles:
        for i, ev in enumerate(art.events):
            pl = ev.place
            if pl is None or pl.lat is None or pl.lon is None:
                continue
            feats.append(_point([pl.lon, pl.lat], {
                "kind": "event", "id": f"{art.id}:{i}", "article": art.id, "outlet": art.outlet,
                "event_type": ev.type, "mode": ev.mode, "status": ev.status,
                "acled_event_type": ev.acled.event_type if ev.acled else None,
                "date": ev.date.value if ev.date else art.published, "fatalities": ev.fatalities,
                "actor1": _actor_name(ev.actor1) or None, "actor2": _actor_name(ev.actor2) or None,
                "place": pl.name_en or pl.text, "country": pl.country, "admin1": pl.admin1,
                "geo_precision": pl.precision,
                "evidence": art.text[ev.evidence.start:ev.evidence.end].strip()}))
        for i, pl in enumerate(art.places):
            if pl.lat is None or pl.lon is None:
                continue
            feats.append(_point([pl.lon, pl.lat], {
                "kind": "place", "id": f"{art.id}:p{i}", "article": art.id, "text": pl.text,
                "name_en": pl.name_en, "country": pl.country, "admin1": pl.admin1,
                "geonameid": pl.geonameid, "precision": pl.precision, "published": art.published}))
    return {"type": "FeatureCollection", "features": feats}


def _point(coords, props) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}, "properties": props}


def export(store, fmt: str, out: IO[str]) -> None:
    """Write ``store`` to ``out`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "jsonl":
        for art in store.articles():
            out.write(_dumps(art.to_json()) + "\n")
    elif fmt == "stories":
        out.write(_dumps({"stories": [st.to_json() for st in store.stories()]}) + "\n")
    elif fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(acled_rows(store.articles()))
    elif fmt == "plover-jsonl":
        for row in plover_rows(store.articles()):
            out.write(_dumps(row) + "\n")
    elif fmt == "geojson":
        out.write(_dumps(geojson(store.articles())) + "\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")


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
