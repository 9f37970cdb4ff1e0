"""The filters every listing understands, their checks, and the SQL they become.

Values arrive as strings (from a query string or the CLI). Names (country, admin1, place,
actor, outlet, event_type, status) are resolved to what the database stores by
:mod:`rasd.store.names` before any SQL is written; :func:`article_where` and
:func:`event_where` then turn the resolved filters into one WHERE clause with ``?``
placeholders for both SQL backends.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

# Filters every listing understands; values are strings (ISO dates for the date range).
FILTERS = ("q", "date_from", "date_to", "country", "admin1", "place", "actor", "event_type",
           "outlet", "story", "status", "fatalities_min", "fatalities_max")
NAMED = ("country", "admin1", "place", "actor", "outlet", "event_type", "status")
# Filters on an event's own fields: on article listings they must hold for one same event.
EVENT_LEVEL = ("event_type", "status", "fatalities_min", "fatalities_max")

FtsClause = Callable[[str, list], tuple]


class FilterError(ValueError):
    """A filter value that cannot be used (bad date, unknown filter)."""

    code = "bad_filter"

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param

    def to_json(self) -> dict:
        return {"code": self.code, "message": str(self), "param": self.param}


class UnknownName(FilterError):
    """A name no table and no stored record knows: refused with the closest known names,
    because zero rows would read as "nothing happened there"."""

    code = "unknown_name"

    def __init__(self, kind: str, value: str, suggestions: list[dict]):
        hint = "; did you mean " + ", ".join(repr(s["label"]) for s in suggestions) + "?" if suggestions else ""
        super().__init__(f"unknown {kind} {value!r}{hint}", param=kind)
        self.kind, self.value, self.suggestions = kind, value, suggestions

    def to_json(self) -> dict:
        return {**super().to_json(), "value": self.value, "suggestions": self.suggestions}


def check_filters(filters: dict) -> dict:
    """Drop empty filters, refuse unknown ones and malformed dates or numbers."""
    out = {}
    for k, v in filters.items():
        if v is None or v == "":
            continue
        if k not in FILTERS:
            raise FilterError(f"unknown filter {k!r}; filters are {', '.join(FILTERS)}", param=k)
        if k in ("date_from", "date_to"):
            _check_date(k, str(v))
        if k in ("fatalities_min", "fatalities_max"):
            out[k] = _count(k, v)
            continue
        out[k] = str(v).strip()
    return out


def _count(name: str, v) -> int:
    try:
        n = int(str(v).strip())
    except ValueError:
        raise FilterError(f"{name} must be a whole number, got {v!r}", param=name) from None
    if n < 0:
        raise FilterError(f"{name} must be 0 or more, got {n}", param=name)
    return n


def _check_date(name: str, v: str) -> None:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(v, fmt)
            return
        except ValueError:
            pass
    raise FilterError(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), got {v!r}", param=name)


def _date_upper(v: str) -> str:
    """Make an inclusive upper bound cover a whole month/year given as YYYY-MM / YYYY."""
    return v + "-99" if len(v) < 10 else v


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _in(col: str, values, lower: bool = False) -> tuple[str, list]:
    """``col IN (...)``; an empty set matches nothing (a known name with no stored rows)."""
    if lower:
        # SQLite's LOWER folds ASCII only, PostgreSQL's every letter ("Ḩamāh"): offer both forms.
        values = [x for v in values for x in (v.lower(), v.translate(_ASCII_LOWER))]
    values = list(dict.fromkeys(values))
    if not values:
        return "1 = 0", []
    c = f"LOWER({col})" if lower else col
    return f"{c} IN ({', '.join('?' * len(values))})", values


def _any(*parts: tuple[str, list]) -> tuple[str, list]:
    """OR of clauses, leaving out the ones that can never match."""
    live = [p for p in parts if p[0] != "1 = 0"]
    if not live:
        return "1 = 0", []
    return "(" + " OR ".join(s for s, _ in live) + ")", [x for _, ps in live for x in ps]


def event_clauses(f: dict, e: str = "e", places: bool = True) -> list[tuple[str, list]]:
    """Conditions on one events row ``e`` for the resolved filters in ``f``."""
    cl: list[tuple[str, list]] = []
    if places:
        if "country" in f:
            cl.append(_in(f"{e}.country", f["country"].values))
        if "admin1" in f:
            cl.append(_in(f"{e}.admin1", f["admin1"].values))
        if "place" in f:
            m = f["place"]
            cl.append(_any(_in(f"{e}.geonameid", m.geonameids), _in(f"{e}.place_name", m.names, lower=True)))
        if "actor" in f:
            m = f["actor"]
            cl.append(_any(_in(f"{e}.actor1_kb_id", m.values), _in(f"{e}.actor2_kb_id", m.values),
                           _in(f"{e}.actor1_name", m.names, lower=True), _in(f"{e}.actor2_name", m.names, lower=True)))
    if "event_type" in f:
        m = f["event_type"]
        cl.append(_any(_in(f"{e}.type", m.values), _in(f"{e}.acled_event_type", m.acled),
                       _in(f"{e}.acled_sub_event_type", m.sub)))
    if "status" in f:
        cl.append(_in(f"{e}.status", f["status"].values))
    if "fatalities_min" in f:
        cl.append((f"{e}.fatalities >= ?", [f["fatalities_min"]]))
    if "fatalities_max" in f:
        cl.append((f"{e}.fatalities <= ?", [f["fatalities_max"]]))
    return cl


def _mentions(f: dict) -> list[tuple[str, list]]:
    """Article conditions for places and actors: named in the text, or in one of its events."""
    cl = []
    for key in ("country", "admin1"):
        if key in f:
            s1, p1 = _in(f"p.{key}", f[key].values)
            s2, p2 = _in(f"e2.{key}", f[key].values)
            cl.append((f"(EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND {s1}) "
                       f"OR EXISTS (SELECT 1 FROM events e2 WHERE e2.article_id = a.id AND {s2}))", p1 + p2))
    if "place" in f:
        m = f["place"]
        s, p = _any(_in("p.geonameid", m.geonameids), _in("p.name_en", m.names, lower=True))
        cl.append((f"EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND {s})", p))
    if "actor" in f:
        m = f["actor"]
        s1, p1 = _any(_in("en2.kb_id", m.values), _in("en2.name_en", m.names, lower=True))
        s2, p2 = event_clauses({"actor": m}, "e2")[0]
        s3, p3 = _any(_in("q2.speaker_kb_id", m.values), _in("q2.speaker_name", m.names, lower=True))
        cl.append((f"(EXISTS (SELECT 1 FROM entities en2 WHERE en2.article_id = a.id AND {s1}) "
                   f"OR EXISTS (SELECT 1 FROM events e2 WHERE e2.article_id = a.id AND {s2}) "
                   f"OR EXISTS (SELECT 1 FROM quotes q2 WHERE q2.article_id = a.id AND {s3}))", p1 + p2 + p3))
    return cl


def article_where(f: dict, fts: FtsClause) -> tuple[str, list]:
    """WHERE over ``articles a`` for the resolved filters in ``f``."""
    cl: list[tuple[str, list]] = []
    if "outlet" in f:
        cl.append(_in("a.outlet", f["outlet"].values))
    if "date_from" in f:
        cl.append(("a.published >= ?", [f["date_from"]]))
    if "date_to" in f:
        cl.append(("a.published <= ?", [_date_upper(f["date_to"])]))
    cl += _mentions(f)
    own = event_clauses({k: v for k, v in f.items() if k in EVENT_LEVEL}, "e3", places=False)
    if own:
        cl.append(("EXISTS (SELECT 1 FROM events e3 WHERE e3.article_id = a.id AND "
                   + " AND ".join(s for s, _ in own) + ")", [x for _, ps in own for x in ps]))
    if "story" in f:
        cl.append(("EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article_id = a.id AND sa.story_id = ?)",
                   [f["story"]]))
    if "q" in f:
        cl.append(_fulltext(f["q"], fts))
    return _where(cl)


def _fulltext(q: str, fts: FtsClause) -> tuple[str, list]:
    from .rows import search_terms

    terms = search_terms(q)
    return fts("a.id", terms) if terms else ("1 = 0", [])


def event_where(f: dict, fts: FtsClause) -> tuple[str, list]:
    """WHERE over ``events e JOIN articles a`` (event place/date/actors/type, article outlet/story/q)."""
    cl: list[tuple[str, Any]] = []
    if "date_from" in f:
        cl.append(("COALESCE(e.event_date, a.published) >= ?", [f["date_from"]]))
    if "date_to" in f:
        cl.append(("COALESCE(e.event_date, a.published) <= ?", [_date_upper(f["date_to"])]))
    cl += event_clauses(f, "e")
    where, ps = article_where({k: v for k, v in f.items() if k in ("outlet", "story", "q")}, fts)
    if where:
        cl.append((where[len(" WHERE "):], ps))
    return _where(cl)


def _where(cl: list[tuple[str, list]]) -> tuple[str, list]:
    if not cl:
        return "", []
    return " WHERE " + " AND ".join(s for s, _ in cl), [x for _, ps in cl for x in ps]
