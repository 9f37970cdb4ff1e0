"""Names people type, resolved to what the database stores; suggestions as they type.

``country=Syria`` or ``country=سوريا`` becomes the ISO code ``SY``; ``actor=داعش`` the KB id
``org:islamic-state``; ``place=Raqqa`` the gazetteer ids and English names of every place
spelled الرقة; ``event_type=Battles`` an ACLED type; ``outlet=Asharq Al-Awsat`` the outlets
as the articles spell them (الشرق الأوسط). A name is known when a shipped table
(:mod:`.vocab`) or a stored record has it; a known name with no rows gives zero rows, an
unknown one is an :class:`~.filters.UnknownName` carrying the closest known names.

Every function takes ``rows(sql, params)``, the store's query runner (``?`` placeholders).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from .filters import NAMED, FilterError, UnknownName
from .vocab import ACLED_TYPES, KINDS, PLOVER_TYPES, Term, is_arabic, key, prefix_key, vocabulary

Rows = Callable[[str, list], list]
# Kinds whose filter value may list several names, comma-separated (any of them matches).
LISTS = ("country", "event_type", "status")


@dataclass(frozen=True)
class Match:
    """What one filter value resolved to: stored ``values`` (codes, KB ids, admin1 names,
    outlets, PLOVER types, statuses), lower-case English ``names`` (places and unlinked
    actors), gazetteer ``geonameids``, ACLED ``acled`` types and ``sub``-event types."""

    kind: str
    query: str
    values: tuple = ()
    names: tuple = ()
    geonameids: tuple = ()
    acled: tuple = ()
    sub: tuple = ()
    labels: tuple = ()

    def to_json(self) -> dict:
        return {"query": self.query, "matches": list(dict.fromkeys(self.labels))}


def resolve_filters(f: dict, rows: Rows) -> dict:
    """``f`` (checked filters) with every name filter replaced by its :class:`Match`."""
    return {k: (resolve(k, v, rows) if k in NAMED else v) for k, v in f.items()}


def resolve(kind: str, value: str, rows: Rows) -> Match:
    """One filter value of ``kind`` resolved; raises UnknownName when nothing knows it."""
    parts = [p.strip() for p in value.split(",") if p.strip()] if kind in LISTS else [value.strip()]
    found = [_RESOLVERS[kind](p, rows) for p in parts]
    return Match(kind, value, *(tuple(dict.fromkeys(x for m in found for x in getattr(m, f)))
                                for f in ("values", "names", "geonameids", "acled", "sub", "labels")))


def _unknown(kind: str, value: str, rows: Rows) -> UnknownName:
    return UnknownName(kind, value, closest(kind, value, rows))


def _country(value: str, rows: Rows) -> Match:
    terms = vocabulary("country").exact(value)
    codes = [t.value for t in terms] or [r[0] for r in rows(
        "SELECT DISTINCT country FROM places WHERE country = ? UNION "
        "SELECT DISTINCT country FROM events WHERE country = ?", [value.upper()] * 2)]
    if not codes:
        raise _unknown("country", value, rows)
    return Match("country", value, tuple(codes), labels=tuple(t.label for t in terms) or tuple(codes))


def _admin1(value: str, rows: Rows) -> Match:
    terms = vocabulary("admin1").exact(value)
    names = [t.value for t in terms] or [r[0] for r in rows(
        "SELECT DISTINCT admin1 FROM places WHERE admin1 = ? UNION "
        "SELECT DISTINCT admin1 FROM events WHERE admin1 = ?", [value] * 2)]
    if not names:
        raise _unknown("admin1", value, rows)
    return Match("admin1", value, tuple(dict.fromkeys(names)), labels=tuple(t.label for t in terms) or tuple(names))


def _place(value: str, rows: Rows) -> Match:
    terms = _same_place(vocabulary("place").exact(value), is_arabic(value))
    gids = {g for t in terms for g in t.geonameids}
    if value.isdigit():
        gids.add(int(value))
    names = {n for t in terms for n in t.english}
    # A stored name the tables lack (an older gazetteer), or the Arabic words as written.
    stored = rows("SELECT DISTINCT name_en, geonameid FROM places WHERE LOWER(name_en) = LOWER(?) OR text = ? "
                  "OR geonameid = ? UNION SELECT DISTINCT place_name, geonameid FROM events "
                  "WHERE LOWER(place_name) = LOWER(?) OR geonameid = ?",
                  [value, value, int(value) if value.isdigit() else -1, value, int(value) if value.isdigit() else -1])
    names |= {r[0] for r in stored if r[0]}
    gids |= {r[1] for r in stored if r[1]}
    if not (terms or stored):
        raise _unknown("place", value, rows)
    return Match("place", value, names=tuple(sorted(names)), geonameids=tuple(sorted(gids)),
                 labels=tuple(t.label for t in terms) or tuple(sorted(names)))


def _same_place(terms: list[Term], arabic: bool) -> list[Term]:
    """An English name reaches the other records of the place through its Arabic spellings
    in the same country: "Idleb" (the province's spelling) finds the city "Idlib" (إدلب)."""
    if arabic or not terms:
        return terms
    v = vocabulary("place")
    out = {t.idx: t for t in terms}
    for t in terms:
        for n in t.names:
            if is_arabic(n):
                out.update({x.idx: x for x in v.exact(n) if x.country == t.country})
    return list(out.values())


def _actor(value: str, rows: Rows) -> Match:
    terms = vocabulary("actor").exact(value)
    if is_arabic(value):
        from ..kb import load_kb

        # The KB's own lookup also takes a leading clitic and spelling variants (وداعش).
        terms += [vocabulary("actor").terms[_actor_index()[e.id]] for e in load_kb().lookup(value)]
    ids = [t.value for t in terms]
    stored = rows(
        "SELECT DISTINCT kb_id, name_en FROM entities WHERE kb_id = ? OR LOWER(name_en) = LOWER(?) OR text = ? UNION "
        "SELECT DISTINCT actor1_kb_id, actor1_name FROM events WHERE actor1_kb_id = ? OR LOWER(actor1_name) = LOWER(?) "
        "UNION SELECT DISTINCT actor2_kb_id, actor2_name FROM events WHERE actor2_kb_id = ? "
        "OR LOWER(actor2_name) = LOWER(?) UNION SELECT DISTINCT speaker_kb_id, speaker_name FROM quotes "
        "WHERE speaker_kb_id = ? OR LOWER(speaker_name) = LOWER(?) OR speaker_text = ?", [value] * 10)
    ids += [r[0] for r in stored if r[0]]
    names = [r[1] for r in stored if not r[0] and r[1]]
    if not (ids or names):
        raise _unknown("actor", value, rows)
    labels = [f"{t.label} ({t.value})" for t in terms] + [r[1] or r[0] for r in stored]
    return Match("actor", value, tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(names)), labels=tuple(labels))


_ACTOR_INDEX: dict = {}


def _actor_index() -> dict:
    if not _ACTOR_INDEX:
        _ACTOR_INDEX.update({t.value: t.idx for t in vocabulary("actor").terms})
    return _ACTOR_INDEX


def _outlet(value: str, rows: Rows) -> Match:
    stored = [r[0] for r in rows("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL", [])]
    k = key(value)
    terms = vocabulary("outlet").exact(value)
    # A KB outlet matches the articles that spell any of its names (English or Arabic).
    keys = {k} | {key(n) for t in terms for n in t.names}
    found = [o for o in stored if o == value or key(o) in keys]
    if not (found or terms):
        raise _unknown("outlet", value, rows)
    return Match("outlet", value, tuple(found), labels=tuple(found) or tuple(t.label for t in terms))


def _event_type(value: str, rows: Rows) -> Match:
    terms = vocabulary("event_type").exact(value)
    plover = [t.value for t in terms if t.value in PLOVER_TYPES]
    acled = [t.value for t in terms if t.value in ACLED_TYPES]
    sub = [t.value for t in terms if t.value not in PLOVER_TYPES and t.value not in ACLED_TYPES]
    if not terms:
        plover = [r[0] for r in rows("SELECT DISTINCT type FROM events WHERE type = ?", [value.upper()])]
        if not plover:
            raise _unknown("event_type", value, rows)
    return Match("event_type", value, tuple(plover), acled=tuple(acled), sub=tuple(sub),
                 labels=tuple(t.label for t in terms) or tuple(plover))


def _status(value: str, rows: Rows) -> Match:
    terms = vocabulary("status").exact(value)
    if not terms:
        raise _unknown("status", value, rows)
    return Match("status", value, (terms[0].value,), labels=(terms[0].value,))


_RESOLVERS = {"country": _country, "admin1": _admin1, "place": _place, "actor": _actor, "outlet": _outlet,
              "event_type": _event_type, "status": _status}


def closest(kind: str, value: str, rows: Rows, limit: int = 5) -> list[dict]:
    """The known names nearest to a mistyped ``value`` (edit distance over every spelling;
    among equally near ones the larger place or the stored name first)."""
    from rapidfuzz import fuzz, process

    shipped = _shipped_spellings(kind)
    stored = {prefix_key(label): (v, label, 10**9) for v, label in _stored_names(kind, rows)}
    stored.pop("", None)
    typed = prefix_key(value)
    found = [(name, score, shipped) for name, score, _ in process.extract(
        typed, list(shipped), scorer=fuzz.ratio, limit=limit * 10, score_cutoff=60)]
    found += [(name, score, stored) for name, score, _ in process.extract(
        typed, list(stored), scorer=fuzz.ratio, limit=limit * 10, score_cutoff=60)]
    found.sort(key=lambda f: (-round(f[1] / 5), -f[2][f[0]][2]))
    out: dict[str, dict] = {}
    for name, _, table in found:
        v, label, _ = table[name]
        out.setdefault(v, {"value": v, "label": label})
    return list(out.values())[:limit]


@lru_cache(maxsize=None)
def _shipped_spellings(kind: str) -> dict[str, tuple[str, str, int]]:
    """Every folded spelling of the shipped terms of ``kind``: (value, label, weight)."""
    out: dict[str, tuple[str, str, int]] = {}
    for t in vocabulary(kind).terms:
        for n in t.names:
            k = prefix_key(n)
            if k and (k not in out or out[k][2] < t.weight):
                out[k] = (_value(t), t.label, t.weight)
    return out


def warm() -> None:
    """Build every vocabulary now (the gazetteer's takes seconds), not at the first request."""
    for kind in KINDS:
        _shipped_spellings(kind)  # builds vocabulary(kind) first
    _actor_index()


def _stored_names(kind: str, rows: Rows) -> Iterable[tuple[str, str]]:
    """(filter value, display name) of stored records the shipped tables may lack."""
    sql = {"actor": "SELECT DISTINCT COALESCE(kb_id, name_en), name_en FROM entities WHERE name_en IS NOT NULL",
           "outlet": "SELECT DISTINCT outlet, outlet FROM articles WHERE outlet IS NOT NULL",
           "place": "SELECT DISTINCT name_en, name_en FROM places WHERE name_en IS NOT NULL",
           "admin1": "SELECT DISTINCT admin1, admin1 FROM places WHERE admin1 IS NOT NULL"}.get(kind)
    return [tuple(r) for r in rows(sql, [])] if sql else []


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise FilterError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}", param="kind")
    return kind


def suggest(kind: str, typed: str, rows: Rows, limit: int = 10) -> list[dict]:
    """Names of ``kind`` whose words start with ``typed`` (English or Arabic), those in the
    database first (most rows first), then names that start with it, then shorter ones:
    ``{"value", "label", "match", "count"}``, ``value`` being what the filter takes."""
    check_kind(kind)
    cands: dict[str, dict] = {}
    for t, name, pos in vocabulary(kind).starting(typed):
        cands.setdefault(_value(t), {"value": _value(t), "label": t.label, "match": name, "pos": pos, "count": 0,
                                     "weight": t.weight})
    for value, label, count in _stored_starting(kind, typed, rows):
        c = cands.setdefault(value, {"value": value, "label": label, "match": label, "pos": 1, "count": 0,
                                     "weight": 0})
        c["count"] = max(c["count"], count)
    for value, count in _counts(kind, [c["value"] for c in cands.values()], rows).items():
        if value in cands:
            cands[value]["count"] = max(cands[value]["count"], count)
    ranked = sorted(cands.values(), key=lambda c: (-c["count"], c["pos"], -c["weight"], len(c["label"]), c["label"]))
    return [{k: c[k] for k in ("value", "label", "match", "count")} for c in ranked[:limit]]


def _value(t: Term) -> str:
    """The filter value a suggestion carries (a place by geonameid: "Tripoli" is two cities)."""
    if t.kind == "place" and t.geonameids:
        return str(min(t.geonameids))
    return t.value


def _like(typed: str) -> tuple[str, str]:
    t = typed.strip().lower().replace("\\", "").replace("%", "").replace("_", "")
    return t + "%", "% " + t + "%"


def _stored_starting(kind: str, typed: str, rows: Rows) -> list[tuple[str, str, int]]:
    """Stored actors and outlets whose name starts with ``typed`` (generic and unlinked actors,
    outlets as written): (value, label, rows)."""
    start, word = _like(typed)
    if kind == "actor":
        found = rows("SELECT COALESCE(kb_id, name_en), name_en, COUNT(*) FROM entities WHERE LOWER(name_en) LIKE ? "
                     "OR LOWER(name_en) LIKE ? OR text LIKE ? GROUP BY kb_id, name_en ORDER BY 3 DESC LIMIT 30",
                     [start, word, start])
    elif kind == "outlet":
        found = rows("SELECT outlet, outlet, COUNT(*) FROM articles WHERE LOWER(outlet) LIKE ? OR LOWER(outlet) LIKE ? "
                     "GROUP BY outlet ORDER BY 3 DESC LIMIT 30", [start, word])
    else:
        return []
    return [(r[0], r[1] or r[0], r[2]) for r in found if r[0]]


_COUNTS = {
    "country": "SELECT country, COUNT(*) FROM places WHERE country IN ({}) GROUP BY country",
    "admin1": "SELECT admin1, COUNT(*) FROM places WHERE admin1 IN ({}) GROUP BY admin1",
    "place": "SELECT CAST(geonameid AS TEXT), COUNT(*) FROM places WHERE CAST(geonameid AS TEXT) IN ({}) "
             "GROUP BY geonameid",
    "actor": "SELECT kb_id, COUNT(*) FROM entities WHERE kb_id IN ({}) GROUP BY kb_id",
    "status": "SELECT status, COUNT(*) FROM events WHERE status IN ({}) GROUP BY status",
    "event_type": "SELECT type, COUNT(*) FROM events WHERE type IN ({0}) GROUP BY type UNION ALL "
                  "SELECT acled_event_type, COUNT(*) FROM events WHERE acled_event_type IN ({0}) "
                  "GROUP BY acled_event_type UNION ALL SELECT acled_sub_event_type, COUNT(*) FROM events "
                  "WHERE acled_sub_event_type IN ({0}) GROUP BY acled_sub_event_type",
}


def _counts(kind: str, values: list[str], rows: Rows) -> dict[str, int]:
    """How many stored rows each suggested value has."""
    if not values or kind not in _COUNTS:
        return {}
    marks = ", ".join("?" * len(values))
    sql = _COUNTS[kind].format(marks)
    params = values * sql.count(marks)
    return {str(v): n for v, n in rows(sql, params) if v is not None}
