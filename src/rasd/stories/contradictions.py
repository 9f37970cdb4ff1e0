"""Where sources disagree: contradiction records with two or more claims.

Kinds found, within one article and across the articles of a story:

* **control vs. withdrawal of a place**: one clause says fighters are still in / fighting for a
  place (or that it has not been taken), another says they withdrew or that it was taken;
* **fatality counts**: one merged story event whose sources give different numbers;
* **claim and denial**: one merged story event reported as occurred by one source and as
  denied by another.

Every claim is ``{"article", "start", "end", "text", "speaker", "position"}`` where ``text`` is
exactly ``article.text[start:end]`` (a clause), ``speaker`` the quoted speaker when the clause
lies in a quote, and ``position`` the side the claim takes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..model import Article, Claim as ClaimRecord, Contradiction, Report, StoryEvent
from ..text import normalize, proclitics, split_sentences, tokenize
from .similarity import _SAFE, fold

# Patterns run on folded text (no diacritics; ة→ه, ى→ي, أإآ→ا, «» → ").
_HELD = re.compile(
    r"موجودين|موجودون|متواجدين|متحصنين|متحصنون|ما زالوا|لا يزالون|ما زال|لا يزال|"
    r"يخوضون اشتباكات|تحت سيطرت|عادت للاندلاع|عادت الاشتباكات|الاشتباكات عادت|"
    r"لم (?:تتمكن|يتمكن|تستطع|يستطع)[^.]{0,60}?(?:السيطره|دخول|اقتحام)|لم (?:تسيطر|يسيطر)")
_LOST = re.compile(
    r"(?<!\w)(?:انسحبوا|انسحب|انسحبت|غادروا|اخلوا|سيطرت على كامل|سيطروا على كامل|"
    r"تمكنت من السيطره على كامل|بسطت سيطرتها|حررت|استعادت السيطره|سقطت|سقوط)(?!\w)")
_NEGATION = re.compile(r"(?:لم|لن|رفض\w*|عدم|دون|لا)\s+(?:\S+\s+){0,1}$")
# A clause ends at the Arabic comma or semicolon, a colon, or a sentence's end.
_CLAUSE_BREAK = re.compile(r"[،؛:;]")
# Settlement nouns whose next word names a place (fallback when no places layer ran).
_PLACE_HEAD = re.compile(r"(?<!\w)(?:مدينه|بلده|قريه|محافظه|مدن|حي|حيي|سد|مطار|معبر|ريف|بلدات)\s+"
                         r"(?:\"\s*)?([^\W\d_]{3,})")
# "the city" / "the town": refers back to the last named place.
# (With the article, مدينة is never the head of a name: that is "مدينة الطبقة", no ال.)
_ANAPHOR = re.compile(r"(?<!\w)(?:[وبلف]?ال|لل)(?:مدينه|بلده|قريه)(?!\w)")
_NOT_NAME = set(fold(w) for w in "الأول الثاني الثالث الأخير الأخيرة الجديد الكبرى القديمة".split())


_CLITICS = proclitics("وبال", "وال", "بال", "فال", "لل", "ال", "و", "ب")


def _key(word: str) -> str:
    """Article- and clitic-free key of a folded place word (الطبقة, بالطبقة → طبقه)."""
    for p in _CLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            return word[len(p):]
    return word


@dataclass(frozen=True)
class Claim:
    """A clause's position on a place: the model's claim plus the place it is about."""

    record: ClaimRecord
    place: str          # key of the place the claim is about
    place_text: str     # how the article names it

    @property
    def article(self) -> str:
        return self.record.article

    @property
    def speaker(self) -> Optional[str]:
        return self.record.speaker

    @property
    def position(self) -> str:
        return self.record.position


def _clauses(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every clause, trimmed; clauses never cross sentences."""
    for s in split_sentences(text):
        pos = s.start
        for m in list(_CLAUSE_BREAK.finditer(text, s.start, s.end)) + [None]:
            end = m.start() if m else s.end
            a, b = pos, end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b - a >= 8:
                yield a, b
            pos = m.end() if m else s.end


def _known_places(article: Article, nz) -> dict[str, str]:
    """Place keys the article names → their surface text (layers first, then 'مدينة X')."""
    known: dict[str, str] = {}
    for p in article.places:
        known.setdefault(_key(fold(p.text).split()[-1]) if p.text.strip() else "", p.text)
    for e in article.entities:
        if e.label in ("LOC", "GPE", "FAC") and e.text.strip():
            known.setdefault(_key(fold(e.text).split()[-1]), e.text)
    for m in _PLACE_HEAD.finditer(nz.text):
        if m.group(1) not in _NOT_NAME:
            s, e = nz.span(m.start(1), m.end(1))
            known.setdefault(_key(m.group(1)), article.text[s:e])
    for generic in ("", "مدينه", "بلده", "قريه", "حي", "منطقه", "ريف"):
        known.pop(generic, None)
    return known


def _speaker(article: Article, start: int, end: int) -> Optional[str]:
    """The speaker of a quote that holds (or overlaps) the clause, if the quotes layer knows."""
    for q in article.quotes:
        if q.start < end and start < q.end and q.speaker is not None:
            return q.speaker.text
    return None


def claims(article: Article) -> list[Claim]:
    """Control / withdrawal claims about places in one article."""
    text = article.text
    nz = normalize(text.translate(_SAFE))
    folded = nz.text
    known = _known_places(article, nz)
    out: list[Claim] = []
    last: Optional[str] = None
    # Map original offsets to folded offsets once (origin is monotone).
    to_folded = {}
    for i, o in enumerate(nz.origin):
        to_folded.setdefault(o, i)
    # A place word inside an organisation's name ("قوات سوريا الديمقراطية") is not the place.
    blocked = [(e.start, e.end) for e in article.entities if e.label in ("ORG", "PER", "NORP")]
    words = [(t.start, _key(fold(t.text))) for t in tokenize(text) if t.is_word]
    words = [(s, k) for s, k in words if k in known and not any(x <= s < y for x, y in blocked)]
    for a, b in _clauses(text):
        fa, fb = to_folded.get(a, 0), to_folded.get(b, len(folded))
        clause = folded[fa:fb]
        here = [k for s, k in words if a <= s < b]
        place = here[0] if here else (last if _ANAPHOR.search(clause) else None)
        position = None
        held, lost = _HELD.search(clause), _LOST.search(clause)
        if held:
            position = "held"
        elif lost and not _NEGATION.search(clause[:lost.start()]):
            position = "lost"
        if here:
            last = here[-1]
        if position and place:
            out.append(Claim(ClaimRecord(article.id, a, b, text[a:b], _speaker(article, a, b), position),
                             place, known[place]))
    return out


MAX_CLAIMS_PER_SIDE = 3


def control_contradictions(articles: list[Article]) -> list[dict]:
    """Places that one clause says are still held and another says were left or taken."""
    by_place: dict[str, list[Claim]] = {}
    for art in articles:
        for c in claims(art):
            by_place.setdefault(c.place, []).append(c)
    out = []
    for place, cs in by_place.items():
        held = [c for c in cs if c.position == "held"]
        lost = [c for c in cs if c.position == "lost"]
        # Two sides must come from different voices: another article, or another speaker.
        pairs = [(h, l) for h in held for l in lost
                 if h.article != l.article or h.speaker is None or l.speaker is None
                 or h.speaker != l.speaker]
        if not pairs:
            continue
        side_h = list(dict.fromkeys(h for h, _ in pairs))[:MAX_CLAIMS_PER_SIDE]
        side_l = list(dict.fromkeys(l for _, l in pairs))[:MAX_CLAIMS_PER_SIDE]
        out.append(Contradiction(f"control of {cs[0].place_text}", "control",
                                 tuple(c.record for c in side_h + side_l)))
    return out


def _report_claim(r: Report, articles: dict[str, Article], position: str) -> ClaimRecord:
    return ClaimRecord(r.article, r.start, r.end, r.text, _speaker(articles[r.article], r.start, r.end), position)


def _event_label(ev: StoryEvent) -> str:
    where = (ev.place.name_en or ev.place.text) if ev.place else None
    when = ev.date.value if ev.date else None
    return " ".join(x for x in (ev.type, f"in {where}" if where else "", f"on {when}" if when else "") if x)


def event_contradictions(events: list[StoryEvent], articles: list[Article]) -> list[Contradiction]:
    """Different fatality counts, or occurred vs. denied, among the reports of merged events."""
    by_id = {a.id: a for a in articles}
    out = []
    for ev in events:
        reports = ev.reports
        counts = {r.fatalities for r in reports if r.fatalities is not None}
        if len(counts) >= 2:
            out.append(Contradiction(f"fatalities of {_event_label(ev)}", "fatalities",
                                     tuple(_report_claim(r, by_id, str(r.fatalities)) for r in reports
                                           if r.fatalities is not None)))
        statuses = {r.status for r in reports}
        if "denied" in statuses and statuses & {"occurred", "threatened", "planned", "called"}:
            out.append(Contradiction(f"whether {_event_label(ev)} happened", "denial",
                                     tuple(_report_claim(r, by_id, "denied" if r.status == "denied" else "asserted")
                                           for r in reports)))
    return out


def find_contradictions(articles: list[Article], events: Optional[list[StoryEvent]] = None) -> list[Contradiction]:
    """Every contradiction among ``articles`` (one article alone is fine: seed 001)."""
    out = control_contradictions(articles)
    if events:
        out += event_contradictions(events, articles)
    return out
