"""The conflict-actor knowledge base: entries read from ``rasd/data/kb/*.jsonl``.

Each line of those files is one entry (schema in ``rasd/data/kb/SCHEMA.md``). The loader
validates the entries, expands routine Arabic spelling variants (الديمقراطية/الديموقراطية,
أبو/أبي/أبا in a kunya, عبد الرحمن/عبدالرحمن ...), and builds a normalized-token index that
the linker (:mod:`rasd.kb.linker`) and :meth:`KB.lookup` share.
"""
from __future__ import annotations

import json
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
NAME_KINDS = ("name", "quoted", "short")


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

    def to_json(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v)
                for k, v in ((f, getattr(self, f)) for f in self.__slots__)}


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


# ACLED inter codes of the common-noun actor kinds: state forces 1, unidentified armed groups
# 3 (ACLED codes them as political militias), protesters 6, civilians 7.
GENERIC_INTER = {"military": 1, "police": 1, "unidentified": 3, "protesters": 6, "civilians": 7}


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

    def _add(self, tokens: tuple[str, ...], entry_id: str, how: str) -> None:
        if not tokens or (tokens, entry_id, how) in self._seen:
            return
        self._seen.add((tokens, entry_id, how))
        self.index.setdefault(tokens[0], []).append(IndexItem(tokens[1:], entry_id, how))

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

    def lookup(self, name: str, *, short: bool = False, quoted: bool = True) -> list[Entry]:
        """Entries whose Arabic name (or a spelling variant) is exactly ``name``.

        A leading clitic is tolerated (وقسد finds قسد). Names usable anywhere come first,
        then names valid only in quote marks; back-reference names (زعيم التنظيم, المرصد)
        only when ``short`` is true, since out of context they are ambiguous. ``quoted=False``
        leaves out the quote-only names (for a span known not to be quoted).
        """
        toks = key_tokens(name)
        if not toks:
            return []
        found: dict[str, int] = {}
        rank = {"name": 0, "quoted": 1, "short": 2}
        for plen, stem in stems(toks[0]):
            for item in self.index.get(stem, ()):
                if item.rest != toks[1:] or (item.how == "short" and not short) \
                        or (item.how == "quoted" and not quoted):
                    continue
                r = rank[item.how] * 2 + (1 if plen else 0)
                if item.entry_id not in found or r < found[item.entry_id]:
                    found[item.entry_id] = r
        ids = sorted(found, key=lambda i: (found[i], self.order[i]))
        return [self.entries[i] for i in ids]

    def by_type(self, type_: str) -> list[Entry]:
        return [e for e in self if e.type == type_]

    def counts(self) -> dict[str, int]:
        """Number of entries per type."""
        out: dict[str, int] = {}
        for e in self:
            out[e.type] = out.get(e.type, 0) + 1
        return out


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
                        "affiliation", "wikidata", "kind", "country", "note"}
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
    return Entry(d["id"], d["type"], d["name_en"], tuple(d["names_ar"]), tuple(d.get("short") or ()),
                 tuple(d.get("quoted") or ()), inter, d.get("affiliation"), d.get("wikidata"),
                 d.get("kind"), d.get("country"), d.get("note"))


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
