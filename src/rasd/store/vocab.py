"""The names people type for filters, from the shipped tables: countries, admin1, places
(rasd.geo's gazetteer), actors and outlets (rasd.kb), event types (PLOVER and ACLED), statuses.

Each kind is a :class:`Vocab` of :class:`Term` records indexed by folded spelling, English or
Arabic: :func:`key` folds a name so that "Ar Raqqah", "al-Raqqa" and "Raqqa" meet, and
Arabic goes through :func:`rasd.text.norm` (hamza, ta marbuta, alef maqsura, diacritics).
The database's own values (generic actors, outlets as written) are added by
:mod:`rasd.store.names`, which resolves filters and suggests names.
"""
from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

KINDS = ("country", "admin1", "place", "actor", "outlet", "event_type", "status")

# Article and linking words that transliterations write or drop at will: "Ras al-Ain" = "Ras el Ain".
_PARTICLES = {"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ath", "adh", "ez", "es", "ed", "the", "ul"}
_APOSTROPHES = re.compile(r"[\u2018\u2019'`\u02bb\u02bc\u02be\u02bf]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# PLOVER categories (v0.8 plus the ones rasd codes that older drafts had).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE",
                "COERCE", "ASSAULT", "FIGHT", "REQUEST")
ACLED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")
# KB kinds of entries that are news outlets or monitors (an outlet filter may name them).
MEDIA_KINDS = {"outlet", "monitor", "platform", "news_agency", "newspaper", "tv"}


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def words(text: str) -> list[str]:
    """Folded words of a name: Arabic normalized, Latin lower-case ASCII without particles."""
    if is_arabic(text):
        from ..text import norm

        return norm(text).replace("-", " ").split()
    s = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    found = re.findall(r"[a-z0-9]+", s)
    return [w for w in found if w not in _PARTICLES] or found


def key(text: str) -> str:
    """The spelling-insensitive key two names share when they name the same thing."""
    ws = words(text)
    if not ws:
        return ""
    if is_arabic(text):
        return " ".join(ws)
    k = "".join(ws)
    # Raqqah / Raqqa, Hamah / Hama: a final -ah is one letter (ة) transliterated two ways.
    return k[:-1] if k.endswith("ah") and len(k) > 3 else k


def prefix_key(text: str) -> str:
    """What a half-typed name is compared with: its folded words, spaces kept."""
    return " ".join(words(text))


@dataclass
class Term:
    """One nameable thing: ``value`` is what a filter matches in the database (an ISO code, a
    KB id, an admin1 name, a geonameid, a type), ``label`` its display name."""

    kind: str
    value: str
    label: str
    names: list[str] = field(default_factory=list)
    geonameids: set = field(default_factory=set)   # places: the gazetteer ids it stands for
    english: set = field(default_factory=set)      # places: English names stored for it
    country: Optional[str] = None
    weight: int = 0                                # ranks equal matches: population, 0 if unknown
    idx: int = -1                                  # its position in its Vocab


class Vocab:
    """Terms of one kind, by exact key and by word-prefix (as-you-type)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.terms: list[Term] = []
        self.by_key: dict[str, list[int]] = {}
        self._prefixes: list[tuple[str, int, int]] = []  # (prefix key, word position, term index)
        self._sorted = False

    def add(self, term: Term, names: Iterable[str]) -> Term:
        term.idx = len(self.terms)
        self.terms.append(term)
        for n in names:
            self.alias(term, n)
        return term

    def alias(self, term: Term, name: str) -> None:
        """Index one more spelling of ``term``."""
        k = key(name) if name else ""
        if not k or name in term.names:
            return
        term.names.append(name)
        bucket = self.by_key.setdefault(k, [])
        if term.idx not in bucket:
            bucket.append(term.idx)
        ws = prefix_key(name).split()
        for p in range(len(ws)):
            self._prefixes.append((" ".join(ws[p:]), p, term.idx))
            if ws[p].startswith("ال") and len(ws[p]) > 3:  # "رق" is typed for الرقة too
                self._prefixes.append((" ".join([ws[p][2:], *ws[p + 1:]]), p, term.idx))
        self._sorted = False

    def freeze(self) -> None:
        """Sort the prefix index once, before any reader (readers never sort)."""
        self._prefixes.sort()
        self._sorted = True

    def exact(self, name: str) -> list[Term]:
        return [self.terms[i] for i in self.by_key.get(key(name), ())]

    def starting(self, typed: str, limit: int = 200) -> list[tuple[Term, str, int]]:
        """Terms with a name whose words start with ``typed``: (term, name, word position)."""
        if not self._sorted:
            self.freeze()
        p = prefix_key(typed)
        if not p:
            return []
        out: dict[int, tuple[int, str]] = {}
        i = bisect.bisect_left(self._prefixes, (p, -1, -1))
        while i < len(self._prefixes) and self._prefixes[i][0].startswith(p) and len(out) < limit:
            text, pos, t = self._prefixes[i]
            if t not in out or pos < out[t][0]:
                out[t] = (pos, text)
            i += 1
        return [(self.terms[t], self._name_of(t, text), pos) for t, (pos, text) in out.items()]

    def _name_of(self, t: int, folded: str) -> str:
        for n in self.terms[t].names:
            if prefix_key(n).endswith(folded):
                return n
        return self.terms[t].label


_LOCKS = {k: threading.Lock() for k in KINDS}


def vocabulary(kind: str) -> Vocab:
    """The shipped terms of ``kind`` (one of :data:`KINDS`), built once per process; a thread
    asking while another builds it waits for that one."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
    with _LOCKS[kind]:
        return _build(kind)


@lru_cache(maxsize=None)
def _build(kind: str) -> Vocab:
    v = {"country": _countries, "admin1": _admin1, "place": _places, "actor": _actors,
         "outlet": _outlets, "event_type": _event_types, "status": _statuses}[kind]()
    v.freeze()
    return v


def _countries() -> Vocab:
    import pycountry

    from ..geo.gazetteer import _rows

    v = Vocab("country")
    by_code: dict[str, Term] = {}
    for r in _rows("countries.tsv"):
        c = pycountry.countries.get(alpha_2=r["country"])
        extra = [c.alpha_3, c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")] if c else []
        by_code[r["country"]] = v.add(Term("country", r["country"], r["name_en"], country=r["country"],
                                           weight=int(r["population"] or 0)),
                                      [r["country"], r["name_en"], *r["names_ar"].split("|"), *extra])
    from ..kb import load_kb

    for e in load_kb():
        # The KB spells countries as the press does (سوريا، سورية، الجمهورية العربية السورية).
        if e.kind == "country" and e.country in by_code:
            t = by_code[e.country]
            for n in (e.name_en, *e.names_ar):
                v.alias(t, n)
    return v


def _admin1() -> Vocab:
    from ..geo.gazetteer import _rows

    v = Vocab("admin1")
    for r in _rows("admin1.tsv"):
        v.add(Term("admin1", r["name_en"], f"{r['name_en']} ({r['country']})", country=r["country"], weight=10**6),
              [r["name_en"], *r["names_ar"].split("|")])
    return v


def _places() -> Vocab:
    """Every gazetteer entry under its Arabic and English names, plus the KB's places
    (their English names, "Raqqa", lead to the gazetteer entries of their Arabic ones)."""
    from ..geo.gazetteer import load

    gz = load()
    v = Vocab("place")
    terms: dict[tuple, Term] = {}
    for ar, entries in gz.names.items():
        for e in entries:
            ident = (e.geonameid, e.name_en, e.country)
            t = terms.get(ident)
            if t is None:
                t = terms[ident] = v.add(Term("place", str(e.geonameid or e.name_en),
                                              f"{e.name_en} ({e.country})" if e.country else e.name_en,
                                              geonameids={e.geonameid} if e.geonameid else set(),
                                              english={e.name_en}, country=e.country,
                                              weight=e.population or (10**5 if e.precision == 3 else 0)),
                          [e.name_en, str(e.geonameid or "")])
            v.alias(t, ar)
    from ..kb import load_kb

    for e in load_kb():
        if e.type not in ("GPE", "LOC", "FAC"):
            continue
        found = {t.idx: t for ar in e.names_ar for t in _gazetteer_terms(gz, terms, ar)}
        for t in found.values():
            if e.country is None or t.country == e.country:  # Raqqa is not Kuwait's Riqqah (الرقة too)
                v.alias(t, e.name_en)
    return v


def _gazetteer_terms(gz, terms: dict, arabic: str) -> list[Term]:
    k = " ".join(key(arabic).split())
    return [terms[(e.geonameid, e.name_en, e.country)] for e in gz.lookup(k)
            if (e.geonameid, e.name_en, e.country) in terms]


def _actors() -> Vocab:
    from ..kb import load_kb

    v = Vocab("actor")
    for e in load_kb():
        v.add(Term("actor", e.id, e.name_en, country=e.country), [e.id, e.name_en, *e.names_ar, *e.quoted])
    return v


def _outlets() -> Vocab:
    from ..kb import load_kb

    v = Vocab("outlet")
    for e in load_kb():
        if e.kind in MEDIA_KINDS:
            v.add(Term("outlet", e.id, e.name_en, country=e.country), [e.name_en, *e.names_ar, *e.quoted, e.id])
    return v


def _event_types() -> Vocab:
    from ..events.lexicon import acled_rows

    v = Vocab("event_type")
    for t in PLOVER_TYPES:
        v.add(Term("event_type", t, t), [t])
    for t in ACLED_TYPES:
        v.add(Term("event_type", t, f"{t} (ACLED)"), [t])
    for sub in sorted({r[4] for r in acled_rows()} - set(ACLED_TYPES)):
        v.add(Term("event_type", sub, f"{sub} (ACLED sub-event)"), [sub])
    return v


def _statuses() -> Vocab:
    from ..model import EVENT_STATUSES

    v = Vocab("status")
    for s in EVENT_STATUSES:
        v.add(Term("status", s, s), [s])
    return v


@lru_cache(maxsize=1)
def _gazetteer_ids() -> dict[tuple, Optional[int]]:
    """(folded English name, country, precision) -> the one geonameid the gazetteer has for it
    (None when two such records have different ids). The precision keeps the province Ar-Raqqa
    from taking the id of the city Ar Raqqah."""
    from ..geo.gazetteer import load

    out: dict[tuple[str, Optional[str]], Optional[int]] = {}
    for entries in load().names.values():
        for e in entries:
            if e.geonameid:
                k = (key(e.name_en), e.country, e.precision)
                out[k] = e.geonameid if out.get(k, e.geonameid) == e.geonameid else None
    return out


def geonameid_for(place) -> Optional[int]:
    """A Place's geonameid, or the gazetteer's for its name and country when the record has
    none (conflict localities carry none, the GeoNames record of the same place does)."""
    if place is None or place.geonameid or not place.name_en:
        return place.geonameid if place is not None else None
    return _gazetteer_ids().get((key(place.name_en), place.country, place.precision))
