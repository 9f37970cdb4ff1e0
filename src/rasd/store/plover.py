"""PLOVER event records in the field names of the PLOVER specification (v0.8, "JSON Data
Fields": id, date, enddate, source, recipient, event, event_loc, event_text, quad_code, mode,
context, text, text_info, cite_info, coder; actor objects code, sector, actor_text,
identifier_id, identifier_text; event_loc in GeoNames' names with ``cc3`` for ISO alpha-3).

Fields the specification has no name for are rasd's own and say so by their names: status,
acled, date_precision, kb_id (in actor objects), article_id, published.
"""
from __future__ import annotations

import calendar
from functools import lru_cache
from typing import Iterator, Optional

from ..model import Article, Event

QUAD = {**dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
        **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
        **dict.fromkeys(("DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "SANCTION", "THREATEN", "REQUEST"), 3),
        **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT"), 4)}
# PLOVER's special contexts for what did not (yet) happen.
_STATUS_CONTEXT = {"planned": "future", "called": "future", "hypothetical": "hypothetical", "denied": "negation"}
# General contexts read from the evidence sentence (normalized spellings; a word containing one
# counts: الإرهابي has ارهاب).
_CONTEXT_WORDS = {
    "terrorism": ("ارهاب", "انتحاري"), "cbrn": ("كيماوي", "كيميائي", "سارين", "نووي"),
    "migration": ("نازح", "نزوح", "لاجي", "تهجير"), "humanitarian": ("مساعدات", "اغاثه", "انساني"),
    "election": ("انتخاب",), "economic": ("اقتصاد", "تجاري"), "legal": ("محكمه", "قضاي"),
    "religion_ethnicity": ("طايفي", "مذهبي", "الكرد", "الاكراد"), "illegal_drugs": ("مخدرات", "كبتاغون"),
    "diplomatic": ("دبلوماسي", "سفير", "مفاوضات"), "disease": ("وباء", "كورونا", "كوليرا"),
    "human_rights": ("حقوق الانسان",), "peacekeeping": ("حفظ السلام",),
}
_MODE_CONTEXT = {"chemical": "cbrn", "suicide-attack": "terrorism"}
# PLOVER sector codes from the KB's kinds and ACLED inter codes.
_SECTOR_BY_KIND = {"state_forces": "MIL", "military": "MIL", "police": "COP", "intelligence": "SPY",
                   "government": "GOV", "head_of_state": "GOV", "head_of_government": "GOV", "official": "GOV",
                   "state_agency": "GOV", "spokesman": "GOV", "politician": "ELI", "party": "PTY",
                   "outlet": "JRN", "monitor": "JRN", "journalist": "JRN", "platform": "JRN", "cleric": "REL",
                   "activist": "SOC", "tribe": "SOC", "unidentified": "UAF", "civilians": "CVL",
                   "protesters": "OPP"}
_SECTOR_BY_INTER = {1: "MIL", 2: "REB", 3: "PRM", 4: "PRM", 5: "CVL", 6: "OPP", 7: "CVL"}
_CODE_BY_KIND = {"igo": "IGO", "ngo": "NGO", "coalition": "IGO"}


def _alpha3(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=code.upper())
    return c.alpha_3 if c else None


@lru_cache(maxsize=4096)
def _kb_facts(kb_id: Optional[str]) -> tuple:
    """(kind, inter, country, wikidata) of an actor, kind and country inherited along affiliation."""
    if not kb_id:
        return None, None, None, None
    if kb_id.startswith("generic:"):
        parts = kb_id.split(":")
        return parts[1], None, parts[2] if len(parts) > 2 else None, None
    from ..kb import load_kb

    kb = load_kb()
    e, kind, country, seen = kb.get(kb_id), None, None, set()
    wikidata = e.wikidata if e else None
    while e is not None and e.id not in seen and not (kind and country):
        seen.add(e.id)
        kind, country = kind or e.kind, country or e.country
        e = kb.get(e.affiliation)
    return kind, kb.inter(kb_id), country, wikidata


def actor_object(actor) -> Optional[dict]:
    """PLOVER's actor object for a rasd Actor (None for no actor)."""
    if actor is None:
        return None
    kind, inter, country, wikidata = _kb_facts(actor.kb_id)
    code = _alpha3(country) or _CODE_BY_KIND.get(kind or "") or ("IMG" if kind == "armed_group" else None)
    return {"code": code, "sector": _SECTOR_BY_KIND.get(kind or "") or _SECTOR_BY_INTER.get(inter),
            "actor_text": actor.text, "identifier_id": wikidata, "identifier_text": actor.name_en,
            "kb_id": actor.kb_id}


def event_loc(place, geonameid: Optional[int] = None) -> Optional[dict]:
    """PLOVER's location object (GeoNames' field names) for a Place."""
    if place is None:
        return None
    return {"geonameid": place.geonameid or geonameid, "name": place.name_en or place.text,
            "latitude": place.lat, "longitude": place.lon, "country code": place.country,
            "cc3": _alpha3(place.country), "admin1": place.admin1, "place_text": place.text,
            "precision": place.precision}


def dates(ev: Event, art: Article) -> tuple[Optional[str], Optional[str], str]:
    """(date, enddate, precision): a month or a year is its first day to its last."""
    if ev.date is None:
        return art.published, None, "published" if art.published else "unknown"
    v, p = ev.date.value, ev.date.precision
    if len(v) == 4:
        return f"{v}-01-01", f"{v}-12-31", p
    if len(v) == 7:
        y, m = int(v[:4]), int(v[5:7])
        return f"{v}-01", f"{v}-{calendar.monthrange(y, m)[1]:02d}", p
    return v, None, p


def contexts(ev: Event, sentence: str) -> list[str]:
    """PLOVER contexts: the special one its status implies, then those its words name."""
    from ..text import norm

    out = [_STATUS_CONTEXT[ev.status]] if ev.status in _STATUS_CONTEXT else []
    if ev.mode in _MODE_CONTEXT:
        out.append(_MODE_CONTEXT[ev.mode])
    folded = norm(sentence)
    out += [ctx for ctx, words in _CONTEXT_WORDS.items() if any(w in folded for w in words)]
    return list(dict.fromkeys(out))


def record(art: Article, i: int, ev: Event, geonameid: Optional[int] = None, coder: str = "rasd") -> dict:
    """One PLOVER event record for event ``i`` of ``art``."""
    text = art.text[ev.evidence.start:ev.evidence.end].strip()
    date, enddate, precision = dates(ev, art)
    src, rcp = actor_object(ev.actor1), actor_object(ev.actor2)
    return {
        "id": f"{art.id}-{i}", "has_event": True, "date": date, "enddate": enddate,
        "source": [src] if src else [], "recipient": [rcp] if rcp else [],
        "event": [ev.type], "event_loc": event_loc(ev.place, geonameid), "event_text": [text] if text else [],
        "quad_code": QUAD.get(ev.type), "mode": [ev.mode] if ev.mode else [], "context": contexts(ev, text),
        "dead": ev.fatalities, "text": text,
        "text_info": {"sequence": _sentence_number(art, ev), "start": ev.evidence.start, "end": ev.evidence.end},
        "cite_info": {"citation": art.id, "url": art.url, "title": art.title, "language": "ar",
                      "publication": art.outlet, "coder": coder, "codebook": "plover-0.8"},
        "coder": coder,
        # rasd's own fields
        "status": ev.status, "date_precision": precision,
        "acled": ev.acled.to_json() if ev.acled else None, "article_id": art.id, "published": art.published,
    }


def _sentence_number(art: Article, ev: Event) -> Optional[int]:
    """Which sentence of the article (from 0) the evidence is, when the text layer is there."""
    for n, s in enumerate(getattr(art, "sentences", None) or ()):
        if s.start <= ev.evidence.start < s.end:
            return n
    return None


def rows(articles, keep=None, geonameid=None) -> Iterator[dict]:
    """PLOVER records of every event (of those in ``keep``, (article id, index) pairs, if given)."""
    from ..settings import version

    coder = f"rasd {version()}"
    for art in articles:
        for i, ev in enumerate(art.events):
            if keep is None or (art.id, i) in keep:
                yield record(art, i, ev, geonameid(ev.place) if geonameid and ev.place else None, coder)
