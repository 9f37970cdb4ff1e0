"""The shipped Arabic gazetteer: GeoNames places, countries, admin1 and conflict localities.

All tables live under ``rasd/data/geo`` (built by ``training/build_gazetteer.py`` and
``training/build_place_words.py``, plus the hand-written ``conflict_localities.tsv``,
``nisba.tsv`` and ``outlets.tsv``). :func:`load` reads them once per process and indexes every
Arabic name by its normalized spelling (``rasd.text.norm``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..text import norm

# Types from the conflict table whose records are areas (ACLED precision 3); "capital" is a city
# that a frequent-word rule must not drop.
AREA_TYPES = {"region", "country", "admin1", "river", "mountain"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record a name can point to."""

    name_en: str
    lat: float
    lon: float
    country: Optional[str]
    admin1: Optional[str]        # English admin1 name
    geonameid: Optional[int]
    population: int
    type: str                    # city/town/village/neighbourhood/camp/.../admin1/country/region
    source: str                  # "geonames", "countries", "admin1", "conflict"
    needs_kind: bool = False     # a common word: only a place after a kind word (حي، بلدة ...)

    @property
    def precision(self) -> int:
        if self.type == "countryside":  # ريف حلب الشمالي: near/district, as "ريف X"
            return 2
        return 3 if self.type in AREA_TYPES else 1


class Gazetteer:
    """Normalized name -> entries, plus the longest name length in words per first word."""

    def __init__(self) -> None:
        self.names: dict[str, list[Entry]] = {}
        self.max_words: dict[str, int] = {}
        self.admin1_names: dict[tuple[str, str], str] = {}   # (country, code) -> English name
        self.admin1_by_name: dict[tuple[str, str], Entry] = {}  # (country, English name) -> entry
        self.common: frozenset[str] = frozenset()  # frequent news words (common_words.txt)
        self.not_places: frozenset[str] = frozenset()  # measured everyday words (not_places.tsv)
        self.frequent: frozenset[str] = frozenset()  # words seen 10+ times in the news (frequent_words.txt)
        self.nisba: dict[str, str] = {}  # normalized nisba adjective -> country
        self.outlets: dict[str, str] = {}  # normalized outlet name -> country
        self.admin1_capital: dict[tuple[str, str], int] = {}  # (country, English name) -> geonameid
        self.rivers: dict[str, list[tuple[float, float]]] = {}  # English name -> points on it

    def add(self, name: str, entry: Entry) -> None:
        """Index ``entry`` under the normalized ``name``."""
        key = " ".join(norm(name).replace("-", " ").split())
        if len(key) < 2:
            return
        bucket = self.names.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        words = key.split(" ")
        if len(words) == 2 and len(words[0]) <= 4:
            # writers glue short first words: ديرالزور، تلابيض، ابوكمال
            glued = self.names.setdefault(words[0] + words[1], [])
            if entry not in glued:
                glued.append(entry)
            self.max_words.setdefault(words[0] + words[1], 1)
        self.max_words[words[0]] = max(self.max_words.get(words[0], 0), len(words))

    def lookup(self, key: str) -> list[Entry]:
        return self.names.get(key, [])


def _rows(name: str):
    """Rows of a TSV under rasd/data/geo, skipping comment lines."""
    text = resources.files("rasd.data.geo").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    gz = Gazetteer()
    for r in _rows("admin1.tsv"):
        gz.admin1_names[(r["country"], r["code"])] = r["name_en"]
    for r in _rows("admin1.tsv"):
        e = Entry(r["name_en"], float(r["lat"]), float(r["lon"]), r["country"], r["name_en"], None,
                  0, "admin1", "admin1")
        gz.admin1_by_name[(r["country"], r["name_en"])] = e
        if r["capital_geonameid"]:
            gz.admin1_capital[(r["country"], r["name_en"])] = int(r["capital_geonameid"])
        for n in r["names_ar"].split("|"):
            gz.add(n, e)
    for r in _rows("countries.tsv"):
        e = Entry(r["name_en"], float(r["lat"]), float(r["lon"]), r["country"], None,
                  int(r["geonameid"]), int(r["population"] or 0), "country", "countries")
        for n in r["names_ar"].split("|"):
            gz.add(n, e)
    for r in _rows("places.tsv"):
        cc = r["country"]
        e = Entry(r["name_en"], float(r["lat"]), float(r["lon"]), cc,
                  gz.admin1_names.get((cc, r["admin1"])), int(r["geonameid"]),
                  int(r["population"] or 0), r.get("feature") or "city", "geonames")
        for n in r["names_ar"].split("|"):
            # "~إب": a name that is a place only after a kind word (اب is also "father")
            gz.add(n.lstrip("~"), replace(e, needs_kind=True) if n.startswith("~") else e)
    for r in _rows("conflict_localities.tsv"):
        gid = int(r["geonameid"]) if r["geonameid"] else None
        for n in r["names_ar"].split("|"):
            needs_kind = n.startswith("~")
            e = Entry(r["name_en"], float(r["lat"]), float(r["lon"]), r["country"] or None,
                      r["admin1"] or None, gid, 0, r["type"], "conflict", needs_kind)
            gz.add(n.lstrip("~"), e)
    for r in _rows("rivers.tsv"):
        gz.rivers[r["name_en"]] = [tuple(map(float, pt.split(","))) for pt in r["points"].split(";")]
    common = resources.files("rasd.data.geo").joinpath("common_words.txt")
    if common.is_file():
        gz.common = frozenset(common.read_text(encoding="utf-8").split())
    frequent = resources.files("rasd.data.geo").joinpath("frequent_words.txt")
    if frequent.is_file():
        gz.frequent = frozenset(frequent.read_text(encoding="utf-8").split())
    gz.not_places = frozenset(r["name"] for r in _rows("not_places.tsv"))
    for r in _rows("nisba.tsv"):
        for adj in r["adjectives"].split("|"):
            w = norm(adj)
            for form in (w, w + "ه", "ال" + w, "ال" + w + "ه"):
                gz.nisba[form] = r["country"]
    for r in _rows("outlets.tsv"):
        for name in r["outlet"].split("|"):
            gz.outlets[" ".join(norm(name).lower().split())] = r["country"]
    return gz
