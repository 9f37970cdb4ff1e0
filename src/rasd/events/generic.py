"""Common-noun actors: the forces, gunmen, protesters and civilians a report names without a name.

"قتل مسلحون مجهولون ثلاثة مدنيين"، "فرّقت الشرطة العراقية المتظاهرين"، "غارة إسرائيلية على
الكسوة": no proper name, yet the event has a perpetrator and a target. Such mentions become
actors in ACLED's naming style, typed by kind and country: "Military Forces of Iraq",
"Police Forces of Sudan", "Unidentified Armed Group (Yemen)", "Protesters (Iraq)",
"Civilians (Syria)". Their ``kb_id`` is ``generic:<kind>:<ISO 3166 alpha-2>`` (``generic:<kind>``
when no country is known), whose ACLED inter code ``rasd.kb`` gives (``KB.inter``).

The country is, in order: a nisba adjective after the noun ("الشرطة العراقية", "قصف روسي"),
the country the noun implies in Arabic news ("قوات الاحتلال" are Israel's), else the most
mentioned country among the article's resolved places. A demonym right after an attack noun
("غارة إسرائيلية", "مسيّرة تركية") names that state's forces as the doer.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

from ..model import Article, Entity
from ..text import norm, segment

# kind -> ACLED's name pattern (inter codes: rasd.kb.store.GENERIC_INTER)
KINDS = {
    "military": "Military Forces of {c}",
    "police": "Police Forces of {c}",
    "unidentified": "Unidentified Armed Group ({c})",
    "protesters": "Protesters ({c})",
    "civilians": "Civilians ({c})",
    "settlers": "Settlers ({c})",
}
_NO_COUNTRY = {"military": "Military Forces (country not stated)", "police": "Police Forces (country not stated)",
               "unidentified": "Unidentified Armed Group", "protesters": "Protesters", "civilians": "Civilians",
               "settlers": "Settlers"}

# Head phrases (normalized, article ال included where the press writes it), longest first.
# A country a phrase implies in Arabic news rides along as its third member.
_HEADS: tuple[tuple[tuple[str, ...], str, Optional[str]], ...] = tuple(sorted((
    (("قوات", "الاحتلال"), "military", "IL"), (("جيش", "الاحتلال"), "military", "IL"),
    (("جنود", "الاحتلال"), "military", "IL"), (("الاحتلال",), "military", "IL"),
    (("قوات", "النظام"), "military", "SY"), (("جيش", "النظام"), "military", "SY"),
    (("قوات", "الجيش"), "military", None), (("القوات", "المسلحه"), "military", None),
    (("القوات", "الحكوميه"), "military", None), (("القوات", "النظاميه"), "military", None),
    (("الطيران", "الحربي"), "military", None), (("طايرات", "حربيه"), "military", None),
    (("الجيش",), "military", None), (("جنود",), "military", None), (("الجنود",), "military", None),
    (("قوات", "الامن"), "police", None), (("قوات", "الشرطه"), "police", None),
    (("الاجهزه", "الامنيه"), "police", None), (("قوات", "مكافحه", "الشغب"), "police", None),
    (("الشرطه",), "police", None), (("رجال", "الامن"), "police", None),
    (("مسلحون", "مجهولون"), "unidentified", None), (("مسلحين", "مجهولين"), "unidentified", None),
    (("عناصر", "مسلحه"), "unidentified", None), (("جماعه", "مسلحه"), "unidentified", None),
    (("مجهولون",), "unidentified", None), (("مجهولين",), "unidentified", None),
    (("مسلحون",), "unidentified", None), (("مسلحين",), "unidentified", None),
    (("المسلحين",), "unidentified", None),
    (("متظاهرون",), "protesters", None), (("متظاهرين",), "protesters", None),
    (("المتظاهرين",), "protesters", None), (("المتظاهرون",), "protesters", None),
    (("محتجون",), "protesters", None), (("محتجين",), "protesters", None), (("المحتجين",), "protesters", None),
    (("مدنيين",), "civilians", None), (("المدنيين",), "civilians", None), (("مدنيون",), "civilians", None),
    (("مستوطنون",), "settlers", "IL"), (("مستوطنين",), "settlers", "IL"),
    (("المستوطنون",), "settlers", "IL"), (("المستوطنين",), "settlers", "IL"),
), key=lambda h: -len(h[0])))

# Last words of the state-force phrases: a demonym after one describes that force
# ("جنود الاحتلال الإسرائيلي", "الطائرات الروسية").
FORCE_WORDS = frozenset({h[0][-1] for h in _HEADS if h[1] in ("military", "police")}
                        | {"قوات", "القوات", "جيش", "طايرات", "الطايرات", "طيران", "البحريه", "المدفعيه"})

_COUNTRY_EN = {"SY": "Syria", "IQ": "Iraq", "LB": "Lebanon", "IL": "Israel", "RU": "Russia", "TR": "Turkey",
               "US": "United States", "IR": "Iran", "EG": "Egypt", "SD": "Sudan", "LY": "Libya", "YE": "Yemen",
               "SA": "Saudi Arabia", "AE": "United Arab Emirates", "QA": "Qatar", "JO": "Jordan",
               "PS": "Palestine", "DZ": "Algeria", "MA": "Morocco", "TN": "Tunisia", "UA": "Ukraine",
               "FR": "France", "GB": "United Kingdom", "AF": "Afghanistan", "PK": "Pakistan", "SO": "Somalia",
               "NG": "Nigeria", "KW": "Kuwait", "BH": "Bahrain", "OM": "Oman", "MR": "Mauritania",
               "ET": "Ethiopia", "ML": "Mali", "TD": "Chad"}
_CLITICS = ("وال", "فال", "بال", "لل", "ال", "و", "ف", "ب", "ل")


def nisba(word: str) -> Optional[str]:
    """ISO alpha-2 of a nisba adjective (الإسرائيلية، روسي، التركيين), else None; the
    adjectives are the gazetteer's (data/geo/nisba.tsv), plurals are read back to them."""
    from ..geo.gazetteer import load

    table = load().nisba
    w = norm(word)
    if w.startswith("و") and len(w) > 4:
        w = w[1:]
    if w in table:
        return table[w]
    for plural in ("يين", "يون"):  # السودانيين، الروسيون -> السوداني
        if w.endswith(plural) and w[:-len(plural)] + "ي" in table:
            return table[w[:-len(plural)] + "ي"]
    return None


@lru_cache(maxsize=64)
def country_name(iso2: str) -> str:
    """English short name of a country code."""
    if iso2 in _COUNTRY_EN:
        return _COUNTRY_EN[iso2]
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2)
    return getattr(c, "common_name", None) or (c.name if c else iso2)


def name_of(kind: str, iso2: Optional[str]) -> str:
    return KINDS[kind].format(c=country_name(iso2)) if iso2 else _NO_COUNTRY[kind]


def article_country(article: Article) -> Optional[str]:
    """The most mentioned country among the article's resolved places (ties: first mentioned)."""
    counts = Counter(p.country for p in article.places if p.country)
    if not counts:
        return None
    first = {c: i for i, c in reversed(list(enumerate(p.country for p in article.places if p.country)))}
    return max(counts, key=lambda c: (counts[c], -first[c]))


def generic_entities(article: Article, taken: list[tuple[int, int]] = ()) -> list[Entity]:
    """Common-noun actor mentions of ``article`` as ORG entities with ``generic:`` ids,
    never overlapping an entity span in ``taken``."""
    article = segment(article)
    toks = [t for t in article.tokens if t.is_word]
    words = [t.norm or norm(t.text) for t in toks]
    prior = article_country(article)
    out: list[Entity] = []
    i = 0
    while i < len(words):
        hit = _head_at(words, i)
        if hit is None:
            i += 1
            continue
        n, kind, implied = hit
        j = i + n
        iso = None
        if j < len(words) and nisba(words[j]):
            iso, j = nisba(words[j]), j + 1
        iso = iso or implied or prior
        start, end = toks[i].start, toks[j - 1].end
        if not any(a < end and start < b for a, b in taken):
            kb_id = f"generic:{kind}:{iso}" if iso else f"generic:{kind}"
            out.append(Entity(start, end, article.text[start:end], "ORG", kb_id, name_of(kind, iso)))
        i = j
    return out


def _heads_by_first() -> dict[str, list[tuple[tuple[str, ...], str, Optional[str]]]]:
    out: dict[str, list] = {}
    for phrase, kind, implied in _HEADS:  # longest first, as _HEADS
        out.setdefault(phrase[0], []).append((phrase, kind, implied))
    return out


_BY_FIRST = _heads_by_first()


def _head_at(words: list[str], i: int) -> Optional[tuple[int, str, Optional[str]]]:
    """(words taken, kind, implied country) of a head phrase starting at ``words[i]``."""
    first = words[i]
    forms = [first]
    for p in _CLITICS:
        if first.startswith(p) and len(first) - len(p) >= 3:
            forms.append(first[len(p):])
            if p.endswith("ال"):  # the head's ال may be the clitic's: "وقوات الأمن", "بالمتظاهرين"
                forms.append("ال" + first[len(p):])
    for w0 in forms:
        for phrase, kind, implied in _BY_FIRST.get(w0, ()):
            if tuple(words[i + 1:i + len(phrase)]) == phrase[1:]:
                return len(phrase), kind, implied
    return None


def demonym_forces(words: list[str], j: int) -> Optional[tuple[int, str]]:
    """(word index, ISO) of a demonym right after an attack noun ending at ``j``, naming
    that state's forces as the doer: "غارة إسرائيلية"، "غارات جوية روسية"، "قصف تركي"."""
    for k in (j, j + 1):
        if k < len(words):
            iso = nisba(words[k])
            if iso:
                return k, iso
            if words[k] not in ("جويه", "جوي", "صاروخيه", "مدفعي", "مدفعيه", "عنيفه", "عنيف", "مكثف", "مكثفه"):
                return None
    return None


def victim_kind(kb_id: Optional[str]) -> bool:
    """Civilians and protesters are who violence is done to, never its doer in our records."""
    return bool(kb_id) and kb_id.split(":")[:2] in (["generic", "civilians"], ["generic", "protesters"])
