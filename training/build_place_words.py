"""Measure which gazetteer names are everyday words in the news, and write the list of names
that are never places on their own (``src/rasd/data/geo/not_places.tsv``).

Every raw_news article (``../shared/data/raw_news``, 2,924 articles) is run through the place
matcher (:func:`rasd.geo.find`, the same clitic-aware lookup the resolver reads) and through the
``entities`` stage (the CRF tagger plus the knowledge base). For each gazetteer name the matcher
finds, the script counts how often it occurs without a kind word before it (a bare mention), and
how many of those the entities layer covers with a LOC, GPE or FAC span. A name found bare at
least ``MIN_BARE`` times whose bare mentions are a location at most ``MAX_LOC_RATE`` of the time
is a word (الميادين "the squares", السلمية "peaceful", بورصة "stock exchange", حجة "pretext"), not a
place on its own: the resolver then takes it only with context (a kind word such as حي، مدينة،
بلدة before it, a place preposition, a list of places, a nisba naming its country). Countries,
first-level divisions, regions and capitals are never listed (country names that are words, مالي
"financial", have their own rule in the resolver). The list holds words and counts, no text.

Run: ``.venv/bin/python training/build_place_words.py`` (about two minutes on two cores).
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.geo import find, load  # noqa: E402
from rasd.geo.gazetteer import AREA_TYPES  # noqa: E402
from rasd.geo.words import ARAB, MIN_POP_CAPITAL_ABROAD  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.text import norm  # noqa: E402

SRC = ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz"
OUT = ROOT / "src" / "rasd" / "data" / "geo" / "not_places.tsv"
MIN_BARE = 4          # fewer bare mentions than this say nothing either way
MAX_LOC_RATE = 0.25   # a place is tagged a location far more often than one time in four
MAX_PREP_RATE = 0.35  # and follows في/إلى/من ... more often than this (من الميادين العامة: 2 of 9)
MIN_TOGGLED = 3       # the other article form occurs this often: an inflecting word
MIN_NEVER = 10        # never a location in this many bare mentions
LOCATION = {"LOC", "GPE", "FAC"}
NAMED = {"PER", "ORG", "NORP", "MISC"}
# Readings that keep a name off the list whatever the counts say (a capital only in the Arab
# world or when it is big: نوك "banks" is Nuuk's spelling, ستانلي a first name).
KEPT_TYPES = AREA_TYPES | {"countryside", "desert", "camp", "base", "dam", "crossing"}
_WORD = re.compile(r"[\u0621-\u064A]+")
# Separate words that put a place after them ("في حلب", "إلى عدن"); a clitic ب is left out
# because it opens as many nouns (بحجة "on the pretext") as places.
PREPOSITIONS = {"في", "الى", "الي", "من", "عن", "علي", "نحو", "داخل", "قرب", "حول", "شمال", "جنوب",
                "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "مدينتي", "بين"}


def measure(path: Path = SRC) -> dict[str, Counter]:
    """Per normalized name: bare mentions, bare mentions tagged a location, kinded mentions."""
    gz = load()
    pipe = Pipeline("fast", stages=["entities"])
    counts: dict[str, Counter] = {}
    words: Counter = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    arts = (Article.create(r["text"]) for r in records)
    for art in pipe.pipe(arts, batch_size=32):
        if not isinstance(art, Article):
            raise RuntimeError(f"entities stage failed: {art}")
        spans = [(e.start, e.end) for e in art.entities if e.label in LOCATION]
        names = [(e.start, e.end) for e in art.entities if e.label in NAMED]
        words.update(_WORD.findall(norm(art.text)))
        for m in find(art.text, gz):
            c = counts.setdefault(m.key, Counter())
            if m.kind:
                c["kinded"] += 1
                continue
            c["bare"] += 1
            c["bare_loc"] += any(s < m.end and m.start < e for s, e in spans)
            c["bare_prep"] += m.prev in PREPOSITIONS
            c["bare_named"] += any(s <= m.start and m.end <= e for s, e in names)
    for key, c in counts.items():
        c["toggled"] = words[_toggled(key)]
    return counts


def _kept(e) -> bool:
    """A reading that keeps its name off the list: an area, a facility, a well-known capital."""
    if e.type == "capital":
        return e.country in ARAB or e.population >= MIN_POP_CAPITAL_ABROAD
    return e.type in KEPT_TYPES or e.type == "major"


def _toggled(key: str) -> str:
    """The first word with its article added or removed: الجديدة <-> جديدة, بورصة <-> البورصة."""
    first = key.split(" ")[0]
    return first[2:] if first.startswith("ال") and len(first) > 4 else "ال" + first


def listed(counts: dict[str, Counter]) -> list[tuple]:
    """(name, bare, location rate, preposition rate, name rate, toggled-article count) per listed word.

    Listed: a name none of whose readings is a country, a division, a region, a facility or a
    well-known capital, found bare at least ``MIN_BARE`` times, rarely a location and rarely
    after a place preposition, and shown to be a word or a name by one more measure: its first word
    also occurs with the article added or removed (جديدة/الجديدة, بورصة/البورصة), or the entities
    layer calls it a person or an organisation at least half the time, or it is never a location
    in at least ``MIN_NEVER`` bare mentions.
    """
    gz = load()
    rows = []
    for key, c in counts.items():
        bare = c["bare"]
        entries = gz.lookup(key)
        if bare < MIN_BARE or any(_kept(e) for e in entries):
            continue
        loc, prep, named = c["bare_loc"] / bare, c["bare_prep"] / bare, c["bare_named"] / bare
        if loc > MAX_LOC_RATE or prep > MAX_PREP_RATE:
            continue
        if c["toggled"] >= MIN_TOGGLED or named >= 0.5 or (c["bare_loc"] == 0 and bare >= MIN_NEVER):
            rows.append((key, bare, round(loc, 3), round(prep, 3), round(named, 3), c["toggled"]))
    return sorted(rows)


def main() -> None:
    if not SRC.exists():
        raise SystemExit(f"{SRC} is absent: not_places.tsv is left as it is")
    rows = listed(measure())
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Gazetteer names that are everyday words or people's names in the news, measured by\n"
                "# training/build_place_words.py on ../shared/data/raw_news (words and counts only). bare: mentions\n"
                "# without a kind word; loc/prep/named: share of them tagged a location, after a place preposition,\n"
                "# tagged a person or organisation; toggled: corpus count of the first word with the article flipped.\n"
                "# The resolver takes a listed name only after a kind word, a place preposition, in a list of places,\n"
                "# or with a nisba naming its country.\n")
        f.write("name\tbare\tloc\tprep\tnamed\ttoggled\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    print(len(rows), "names written to", OUT)


if __name__ == "__main__":
    main()
