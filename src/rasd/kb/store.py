"""The conflict-actor knowledge base: entries read from ``rasd/data/kb/*.jsonl``.

Each line of those files is one entry (schema in ``rasd/data/kb/SCHEMA.md``). The loader
validates the entries, expands routine Arabic spelling variants (الديمقراطية/الديموقراطية,
أبو/أبي/أبا in a kunya, عبد الرحمن/عبدالرحمن ...), and builds a normalized-token index that
the linker (:mod:`rasd.kb.linker`) and :meth:`KB.lookup` share.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from ..text import normalize, stems
from ..text.tokens import tokenize

TYPES = ("PER", "ORG", "GPE", "LOC", "NORP", "FAC", "MISC")
# How a name may be used: anywhere ("name"), only inside quote marks ("quoted"), or only as a
# back-reference to an entry already named in the same document ("short").
# "role" names (titles such as "وزير الخارجية المصري") are bound to a term of office: they
# name whoever held it at the article's date (see ``Entry.roles`` and rasd.kb.linker).
NAME_KINDS = ("name", "quoted", "short", "role")

_DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")


def date_bound(value: Optional[str], end: bool = False) -> Optional[str]:
    """A validity date ("YYYY" or "YYYY-MM-DD") as a comparable "YYYY-MM-DD" string: a bare
    year starts on 01-01 (``end=False``) or ends on 12-31 (``end=True``); None stays None."""
    if value is None:
        return None
    return value if len(value) == 10 else value + ("-12-31" if end else "-01-01")


def valid_at(valid_from: Optional[str], valid_to: Optional[str], when: Optional[str]) -> bool:
    """Whether ``when`` ("YYYY-MM-DD", or any ISO timestamp) falls inside [from, to]; an
    open bound is unbounded, and an unknown ``when`` is inside everything."""
    if when is None:
        return True
    day = when[:10]
    lo, hi = date_bound(valid_from), date_bound(valid_to, end=True)
    return (lo is None or lo <= day) and (hi is None or day <= hi)


@dataclass(frozen=True, slots=True)
class Role:
    """A term of office: title names (``names``) that mean this person only from
    ``valid_from`` to ``valid_to`` (either open)."""

    names: tuple[str, ...]
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None

    def to_json(self) -> dict:
        return {"names": list(self.names), "valid_from": self.valid_from, "valid_to": self.valid_to}


@dataclass(frozen=True, slots=True)
class Entry:
    """One actor, place or group. ``inter`` is the ACLED actor category (1-8) or None."""

    id: str
    type: str
    name_en: str
    names_ar: tuple[str, ...]
    short: tuple[str, ...] = ()
    quoted: tuple[str, ...] = ()
    inter: Optional[int] = None
    affiliation: Optional[str] = None
    wikidata: Optional[str] = None
    kind: Optional[str] = None
    country: Optional[str] = None
    note: Optional[str] = None
    valid_from: Optional[str] = None
    valid_to: Optional[str] = None
    roles: tuple[Role, ...] = ()

    def valid(self, when: Optional[str]) -> bool:
        """Whether the entry (a body, a state) existed at ``when``; True for an unknown date."""
        return valid_at(self.valid_from, self.valid_to, when)

    def to_json(self) -> dict:
        out = {k: (list(v) if isinstance(v, tuple) else v)
               for k, v in ((f, getattr(self, f)) for f in self.__slots__)}
        out["roles"] = [r.to_json() for r in self.roles]
        return out


# Spelling alternations applied to every name (both directions); normalization already
# folds hamza forms, ة/ه and ى/ي, so only letter-level differences need listing here.
_ALTERNATIONS = (("ديمقراط", "ديموقراط"), ("امريك", "اميرك"), ("اوروب", "اورب"),
                 ("ميليشي", "مليشي"), ("اسرائيل", "اسراييل"))
_KUNYA = ("ابو", "ابي", "ابا")


def key_tokens(text: str) -> tuple[str, ...]:
    """Normalized tokens of a name (or any text): the unit of matching."""
    folded = normalize(text).text
    return tuple(t.text for t in tokenize(folded))


def _variants(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A name's token tuple plus its routine spelling variants."""
    out = {tokens}
    for a, b in _ALTERNATIONS:
        for v in list(out):
            for x, y in ((a, b), (b, a)):
                if any(x in t for t in v):
                    out.add(tuple(t.replace(x, y) for t in v))
    for v in list(out):
        # Kunya case forms: أبو بكر / أبي بكر / أبا بكر (any token, names like "الخليفة أبو بكر").
        for i, t in enumerate(v):
            if t in _KUNYA and i + 1 < len(v):
                for k in _KUNYA:
                    out.add(v[:i] + (k,) + v[i + 1:])
    for v in list(out):
        # عبد الرحمن / عبدالرحمن, both ways.
        for i, t in enumerate(v):
            if t == "عبد" and i + 1 < len(v):
                out.add(v[:i] + ("عبد" + v[i + 1],) + v[i + 2:])
            elif t.startswith("عبدال") and len(t) > 5:
                out.add(v[:i] + ("عبد", t[3:]) + v[i + 1:])
    if len(tokens) > 1:
        for v in list(out):
            # سوريا / سورية inside multi-word names (قوات سوريا الديمقراطية).
            out.add(tuple("سوريه" if t == "سوريا" else "سوريا" if t == "سوريه" else t for t in v))
    return out


@dataclass(frozen=True, slots=True)
class IndexItem:
    rest: tuple[str, ...]   # the name's tokens after the first
    entry_id: str
    how: str                # one of NAME_KINDS
    valid_from: Optional[str] = None  # a role name's term of office (how == "role")
    valid_to: Optional[str] = None

    def valid(self, when: Optional[str]) -> bool:
        return valid_at(self.valid_from, self.valid_to, when)


# ACLED inter codes of the common-noun actor kinds: state forces 1, unidentified armed groups
# 3 (ACLED codes them as political militias), protesters 6, civilians 7.
# Settlers: ACLED names Israeli settler groups "Settlers (Israel)" and codes them as an identity militia.
GENERIC_INTER = {"military": 1, "police": 1, "unidentified": 3, "protesters": 6, "civilians": 7, "settlers": 4}


class KB:
    """The loaded knowledge base: entries by id, plus the token index used for matching."""

    def __init__(self, entries: list[Entry]):
        self.entries: dict[str, Entry] = {}
        for e in entries:
            if e.id in self.entries:
                raise ValueError(f"duplicate KB id {e.id!r}")
            self.entries[e.id] = e
        for e in entries:
            if e.affiliation and e.affiliation not in self.entries:
                raise ValueError(f"KB entry {e.id}: affiliation {e.affiliation!r} is not a KB id")
        # first token -> index items; names of earlier entries come first (file order).
        self.index: dict[str, list[IndexItem]] = {}
        self.order: dict[str, int] = {e.id: i for i, e in enumerate(entries)}
        self._seen: set[tuple] = set()
        for e in entries:
            for how, names in (("name", e.names_ar), ("quoted", e.quoted), ("short", e.short)):
                for name in names:
                    for v in _variants(key_tokens(name)):
                        self._add(v, e.id, how)
            for r in e.roles:
                for name in r.names:
                    for v in _variants(key_tokens(name)):
                        self._add(v, e.id, "role", r.valid_from, r.valid_to)

    def _add(self, tokens: tuple[str, ...], entry_id: str, how: str,
             valid_from: Optional[str] = None, valid_to: Optional[str] = None) -> None:
        key = (tokens, entry_id, how, valid_from, valid_to)
        if not tokens or key in self._seen:
            return
        self._seen.add(key)
        self.index.setdefault(tokens[0], []).append(IndexItem(tokens[1:], entry_id, how,
                                                              valid_from, valid_to))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self.entries

    def get(self, kb_id: Optional[str]) -> Optional[Entry]:
        """The entry with this id, or None (also for a None id)."""
        return self.entries.get(kb_id) if kb_id else None

    def inter(self, kb_id: Optional[str]) -> Optional[int]:
        """ACLED inter code of an entry, inherited along ``affiliation`` when it has none; for
        a common-noun actor (``generic:<kind>[:<country>]``, rasd.events.generic) its kind's."""
        if kb_id and kb_id.startswith("generic:"):
            return GENERIC_INTER.get(kb_id.split(":")[1])
        seen = set()
        e = self.get(kb_id)
        while e is not None and e.id not in seen:
            if e.inter is not None:
                return e.inter
            seen.add(e.id)
            e = self.get(e.affiliation)
        return None

    def lookup(self, name: str, *, short: bool = False, quoted: bool = True,
               when: Optional[str] = None) -> list[Entry]:
        """Entries whose Arabic name (or a spelling variant) is exactly ``name``.

        A leading clitic is tolerated (وقسد finds قسد). Names usable anywhere come first,
        then names valid only in quote marks; back-reference names (زعيم التنظيم, المرصد)
        only when ``short`` is true, since out of context they are ambiguous. ``quoted=False``
        leaves out the quote-only names (for a span known not to be quoted). Role names
        (titles) count only with a date ``when`` inside their term; among entries sharing a
        name, those that existed at ``when`` come first.
        """
        toks = key_tokens(name)
        if not toks:
            return []
        found: dict[str, int] = {}
        rank = {"name": 0, "role": 0, "quoted": 1, "short": 2}
        for plen, stem in stems(toks[0]):
            for item in self.index.get(stem, ()):
                if item.rest != toks[1:] or (item.how == "short" and not short) \
                        or (item.how == "quoted" and not quoted) \
                        or (item.how == "role" and (when is None or not item.valid(when))):
                    continue
                r = rank[item.how] * 2 + (1 if plen else 0)
                if item.entry_id not in found or r < found[item.entry_id]:
                    found[item.entry_id] = r
        ids = sorted(found, key=lambda i: (found[i], not self.entries[i].valid(when), self.order[i]))
        return [self.entries[i] for i in ids]

    def by_type(self, type_: str) -> list[Entry]:
        return [e for e in self if e.type == type_]

    def counts(self) -> dict[str, int]:
        """Number of entries per type."""
        out: dict[str, int] = {}
        for e in self:
            out[e.type] = out.get(e.type, 0) + 1
        return out


def _check_dates(d: dict, where: str) -> tuple[Optional[str], Optional[str]]:
    """``valid_from`` / ``valid_to`` of an entry or a role: "YYYY" or "YYYY-MM-DD", in order."""
    lo, hi = d.get("valid_from"), d.get("valid_to")
    for k, v in (("valid_from", lo), ("valid_to", hi)):
        if v is None:
            continue
        if not isinstance(v, str) or not _DATE.match(v):
            raise ValueError(f"{where}: {k} {v!r} must be 'YYYY' or 'YYYY-MM-DD'")
        if len(v) == 10:
            y, m, day = (int(x) for x in v.split("-"))
            if not (1 <= m <= 12 and 1 <= day <= 31):
                raise ValueError(f"{where}: {k} {v!r} is not a date")
    if lo and hi and date_bound(lo) > date_bound(hi, end=True):
        raise ValueError(f"{where}: valid_from {lo!r} is after valid_to {hi!r}")
    return lo, hi


def _role(d: object, where: str) -> Role:
    if not isinstance(d, dict) or not d.get("names") or not isinstance(d["names"], list):
        raise ValueError(f"{where}: a role needs a list of 'names'")
    unknown = set(d) - {"names", "valid_from", "valid_to", "note"}
    if unknown:
        raise ValueError(f"{where}: unknown role fields {sorted(unknown)}")
    lo, hi = _check_dates(d, where)
    return Role(tuple(d["names"]), lo, hi)


def _entry(d: dict, where: str) -> Entry:
    """Validate one JSON object and make an Entry."""
    for k in ("id", "type", "name_en", "names_ar"):
        if not d.get(k):
            raise ValueError(f"{where}: missing {k!r}")
    if d["type"] not in TYPES:
        raise ValueError(f"{where}: type {d['type']!r} is not one of {TYPES}")
    prefix = d["id"].split(":", 1)[0]
    if ":" not in d["id"] or prefix not in ("org", "per", "gpe", "loc", "norp", "fac", "misc"):
        raise ValueError(f"{where}: id {d['id']!r} must look like org:slug")
    inter = d.get("inter")
    if inter is not None and inter not in range(1, 9):
        raise ValueError(f"{where}: inter {inter!r} must be an ACLED code 1-8")
    unknown = set(d) - {"id", "type", "name_en", "names_ar", "short", "quoted", "inter",
                        "affiliation", "wikidata", "kind", "country", "note",
                        "valid_from", "valid_to", "roles"}
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
    lo, hi = _check_dates(d, where)
    roles = tuple(_role(r, f"{where} role {n}") for n, r in enumerate(d.get("roles") or ()))
    if roles and d["type"] != "PER":
        raise ValueError(f"{where}: only a PER entry holds offices ('roles')")
    return Entry(d["id"], d["type"], d["name_en"], tuple(d["names_ar"]), tuple(d.get("short") or ()),
                 tuple(d.get("quoted") or ()), inter, d.get("affiliation"), d.get("wikidata"),
                 d.get("kind"), d.get("country"), d.get("note"), lo, hi, roles)


def read_entries(folder: Optional[Path] = None) -> list[Entry]:
    """All entries of the KB data files, in file-name then line order."""
    base = Path(folder) if folder else Path(str(resources.files("rasd") / "data" / "kb"))
    out = []
    for path in sorted(base.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append(_entry(json.loads(line), f"{path.name}:{n}"))
    return out


@lru_cache(maxsize=1)
def load_kb() -> KB:
    """The packaged knowledge base, loaded once per process."""
    return KB(read_entries())
