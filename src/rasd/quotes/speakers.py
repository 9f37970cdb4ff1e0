"""Speaker resolution of the quote extractor: the noun phrase after a cue, the topic before it,
titles and their complements, quoted appositions, and coreference with speakers already met.

``SpeakerResolver`` is a mixin of ``QuoteExtractor`` (extract.py): it reads and updates the
extractor's state (``text``, ``ents``, ``quoted``, ``state``, ``not_quotes``, ``claimed``).
"""
from __future__ import annotations

from typing import Optional

from ..model import Entity, Speaker
from ..text import normalize
from . import lexicon as L
from .attribution import name_after_title
from .marks import Quoted
from .words import _FUNCTION, _OBJECT_WORDS, _SUBJECT_OPENERS, W, Named, _key, _State, _words


class SpeakerResolver:
    """Finds and remembers the speakers of cue verbs (mixed into QuoteExtractor)."""

    text: str
    ents: list[Entity]
    quoted: list[Quoted]
    state: _State
    not_quotes: set[tuple[int, int]]
    claimed: set[tuple[int, int]]

    # --- entities and speaker records ---------------------------------------------------
    def _entity_in(self, s: int, e: int, people_only: bool = False) -> Optional[Entity]:
        """The entity inside ``[s, e)``: a named person first, then by label (people only if asked)."""
        inside = [x for x in self.ents if x.start >= s and x.end <= e]
        named = [x for x in inside if x.label == "PER" and not self._titled(x)]
        if named:
            return named[0]
        for lab in (("PER",) if people_only else ("PER", "ORG", "NORP", "GPE")):
            for x in inside:
                if x.label == lab:
                    return x
        return None

    def _titled(self, ent: Entity) -> bool:
        """An entity mention that is a title ("المتحدث باسم التنظيم"), not a name."""
        first = normalize(ent.text).text.split()[0] if ent.text.strip() else ""
        return first in L.TITLES or _key(first) in {_key(t) for t in L.TITLES}

    def _speaker(self, s: int, e: int, ent: Optional[Entity] = None) -> Speaker:
        """The speaker record of entity ``ent``, else of the plain text span ``[s, e)``."""
        if ent is not None:
            if ent.kb_id and self._titled(ent):
                # The KB linked a title to a person: point at that person's first named mention.
                for x in self.ents:
                    if x.kb_id == ent.kb_id and x.label == "PER" and not self._titled(x):
                        ent = x
                        break
            return Speaker(ent.text, ent.name_en, ent.kb_id, ent.start, ent.end)
        return Speaker(self.text[s:e], None, None, s, e)

    def _lookup(self, toks: list[str], title: Optional[str]) -> Optional[Speaker]:
        """A remembered speaker whose name ends with ``toks`` or whose title is ``title``."""
        keys = tuple(_key(t) for t in toks)
        for nm in reversed(self.state.named):
            if nm.anonymous:
                continue
            name = tuple(_key(t) for t in nm.tokens)
            if keys and len(keys) <= len(name) and name[-len(keys):] == keys:
                return nm.speaker
            if title and nm.title == title and not keys:
                return nm.speaker
        return None

    def _register(self, sp: Speaker, toks: list[str], title: Optional[str]) -> None:
        """Remember a named speaker (its name tokens and title head) for later coreference."""
        self.state.named.append(Named(sp, tuple(toks), title))

    # --- the noun phrase after a cue ----------------------------------------------------
    def _np_after(self, ws: list[W], i: int) -> list[W]:
        """The noun phrase right after the cue at ``ws[i]``: stops at punctuation and stop words."""
        out: list[W] = []
        anon = False
        for w in ws[i + 1:i + 11]:
            if out and out[0].norm in L.ANONYMOUS and w.norm in ("من", "في") and len(out) <= 3:
                anon = True  # "عدد من المصادر", "مسؤولون في قوات ..."
                out.append(w)
                continue
            if not w.is_word or w.norm in L.NP_STOP or w.bare in L.NP_STOP or len(w.norm) <= 1:
                break
            if w.text.startswith("لـ") or w.norm in ("ل", "لـ") or (w.norm.startswith("لل") and out) \
                    or w.norm in L.OUTLETS_TO:
                break
            if w.norm in L.CUES or w.bare in L.CUES:
                break
            if w.norm in ("فيها", "فيه", "فيهم"):
                break
            out.append(w)
            if len(out) >= (10 if anon else 8):
                break
        while out and out[-1].norm in ("من", "في"):
            out.pop()
        return out

    def _resolve(self, np: list[W], ws: list[W], after: int) -> Optional[Speaker]:
        """Turn the noun phrase after a cue into a speaker, registering names for coreference."""
        if not np:
            return None
        head = np[0].norm
        ent = self._np_entity(np, head)
        if ent is not None:
            sp = self._speaker(0, 0, ent)
            self._register(sp, [w.norm for w in _words(self.text, ent.start, ent.end)],
                           head if head in L.TITLES else None)
            return sp
        if head in L.ANONYMOUS:
            return self._resolve_anonymous(np)
        if head in L.TITLES:
            return self._resolve_title(np, ws, head)
        return self._resolve_name(np)

    def _np_entity(self, np: list[W], head: str) -> Optional[Entity]:
        """The entity a noun phrase names, unless it is only the complement of its head."""
        s, e = np[0].start, np[-1].end
        # After a title or an anonymous head, an organisation is the complement
        # ("الأمين العام لحزب الله", "مسؤولون في قوات سوريا الديمقراطية"), not the speaker.
        ent = self._entity_in(s, e, people_only=head in L.TITLES or head in L.ANONYMOUS)
        if ent is not None and ent.label != "PER" and ent.start > s and head not in L.KUNYA:
            # "المخابرات العسكرية البريطانية": a nationality after the head is its adjective
            ent = None if (head in L.TITLES or head in L.ANONYMOUS or ent.label in ("NORP", "GPE")) else ent
        return ent

    def _resolve_anonymous(self, np: list[W]) -> Speaker:
        """An anonymous source ("مصادر", "ناشطون"); a bare "المصادر" is the last one met."""
        if np[0].norm.startswith("ال") and len(np) == 1 and self.state.last_anon is not None:
            return self.state.last_anon
        sp = self._speaker(np[0].start, np[-1].end)
        self.state.last_anon = sp
        self.state.named.append(Named(sp, tuple(w.norm for w in np), None, True))
        return sp

    def _resolve_name(self, np: list[W]) -> Speaker:
        """A plain name: the speaker met before whose name ends with it, else a new one."""
        for n in range(len(np), 0, -1):
            found = self._lookup([w.norm for w in np[:n]], None)
            if found is not None:
                return found
        sp = self._speaker(np[0].start, np[-1].end)
        self._register(sp, [w.norm for w in np], None)
        return sp

    # --- titles ---------------------------------------------------------------------------
    def _resolve_title(self, np: list[W], ws: list[W], head: str) -> Speaker:
        """A title head ("المتحدث باسم ..."): the name after its complement, else the title itself."""
        k, baism = self._title_extent(np, head)
        rest = self._title_rest(np, k, baism)
        named = name_after_title(ws, self.ents, ws.index(np[-1]) + 1) if not rest else None
        if named is not None:
            # "الأمين العام للناتو ينس ستولتنبرغ": the name after the title's complement
            sp = self._speaker(0, 0, named)
            self._register(sp, [w.norm for w in _words(self.text, named.start, named.end)], head)
            return sp
        if not rest:
            return self._bare_title(np, head)
        sp = self._speaker(rest[0].start, rest[-1].end)
        self._register(sp, [w.norm for w in rest], head)
        return sp

    def _title_extent(self, np: list[W], head: str) -> tuple[int, bool]:
        """Where the title and its complement end in ``np``, and whether it has a complement."""
        k = 1
        baism = False
        while k < len(np) and np[k].norm in L.TITLE_LINKS:
            baism = baism or np[k].norm == "باسم"
            k += 2 if np[k].norm == "باسم" else 1
        if k == 1 and k < len(np) and not head.startswith("ال"):
            k += 1  # "مدير المرصد": the title's genitive complement
            baism = True
        if head.startswith("ال"):
            while k < len(np) and np[k].norm.startswith("ال") and np[k].norm not in L.TITLES:
                k += 1  # "النائب العام الفلسطيني أكرم الخطيب": adjectives of the title
        if k < len(np) and np[k].norm[:1] in ("ل", "ب") and not np[k].norm.startswith("ال"):
            k += 1  # "الأمين العام لحزب الله": the title's complement
            baism = True
        while k < len(np) and (np[k].norm in L.TITLE_LINKS or
                               (baism and np[k].norm.startswith("ال") and k + 1 < len(np)
                                and np[k + 1].norm.startswith("ال")) or
                               (baism and np[k].norm.startswith("ال") and k + 1 == len(np))):
            k += 1
        return k, baism

    def _title_rest(self, np: list[W], k: int, baism: bool) -> list[W]:
        """The name after the title's extent, or [] when what follows is still its complement."""
        rest = np[k:]
        if rest and ((rest[0].norm[:1] in ("ل", "ب") and not rest[0].norm.startswith("ال"))
                     or rest[0].norm in _OBJECT_WORDS):
            rest = []
        if rest and baism and rest[0].norm not in L.KUNYA and np[k - 1].norm[:1] in ("ل", "ب") \
                and self._entity_in(rest[0].start, rest[-1].end) is None:
            rest = []  # "المقررة الخاصة بحماية حرية الرأي": still the complement, no name
        return rest

    def _bare_title(self, np: list[W], head: str) -> Speaker:
        """A title with no name in the phrase: a quoted apposition, the holder met before, or itself."""
        q = self._apposition(np[-1].end)
        if q is None:
            found = self._lookup([], head)
            if found is not None:
                return found
            sp = self._speaker(np[0].start, np[-1].end)
            self._register(sp, [w.norm for w in np], head)
            return sp
        # The name may follow as an apposition in quotes: المتحدث ..., "أبو الحسن المهاجر"،
        sp = self._speaker(q.start, q.end, self._entity_in(q.start, q.end))
        self._register(sp, [w.norm for w in _words(self.text, q.start, q.end)], head)
        return sp

    def _apposition(self, after: int) -> Optional[Quoted]:
        """A short quoted name right after ``after`` (past a comma)."""
        for q in self.quoted:
            if q.open_at >= after and q.open_at - after <= 3 and self.text[after:q.open_at].strip(" ،,") == "":
                n = len(_words(self.text, q.start, q.end))
                ent = self._entity_in(q.start, q.end)
                if n <= 4 and (normalize(self.text[q.start:q.end]).text.split()[0] in L.KUNYA
                               or (ent is not None and ent.label == "PER")):
                    self.not_quotes.add((q.start, q.end))
                    return q
        return None

    # --- subjects found elsewhere ---------------------------------------------------------
    def _subject_entity(self, ws: list[W], i: int, since: int) -> Optional[Speaker]:
        """The nearest person (else organisation or state) before a subjectless cue, after
        the previous cue: "شكك المستشار يعرب الحسون ... وقال إنه". Only people: an organisation there is
        more often an object than the subject."""
        lo = ws[since].end if since >= 0 else (ws[0].start if ws else 0)
        hi = ws[i].start
        found = [e for e in self.ents if lo <= e.start and e.end <= hi and e.label == "PER"
                 and not any(s <= e.start < t for s, t in self.claimed)]
        return self._speaker(0, 0, found[0]) if found else None

    def _quoted_subject(self, ws: list[W], i: int) -> list[W]:
        """A short quoted name as the subject right after a cue: تحدث «المرصد السوري» عن أن."""
        if i + 1 < len(ws) and ws[i + 1].text in "«“”\"'":
            q = next((q for q in self.quoted if q.open_at == ws[i + 1].start), None)
            if q is not None:
                inner = [w for w in ws if q.start <= w.start and w.end <= q.end]
                after = [w for w in ws if w.start > q.close_at][:1]
                if 0 < len(inner) <= 5 and after and after[0].norm in ("عن", "ان", "بان", "انه"):
                    self.not_quotes.add((q.start, q.end))
                    return inner
        return []

    def _known(self, np: list[W]) -> bool:
        """Whether a noun phrase names a speaker we can recognise (entity, title, source, name met)."""
        if any(e.label == "PER" for e in self.ents if e.start >= np[0].start and e.end <= np[-1].end):
            return True
        if np[0].norm in L.TITLES or np[0].norm in L.ANONYMOUS or np[0].norm in L.KUNYA:
            return True
        return any(self._lookup([w.norm for w in np[:n]], None) for n in range(len(np), 0, -1))

    def _topic(self, ws: list[W], i: int) -> Optional[Speaker]:
        """The subject before a verb: "أما X، ... فأوضح" or a short sentence-initial noun phrase."""
        for k in range(i - 1, max(-1, i - 10), -1):
            if not ws[k].is_word:
                break
            if ws[k].norm in _SUBJECT_OPENERS and k + 1 < i:
                return self._resolve(ws[k + 1:i][:8], ws, 0)
        amma = max((k for k in range(i) if ws[k].norm == "اما"), default=None)
        if amma is not None and i - amma <= 20:
            np = []
            for w in ws[amma + 1:i]:
                if not w.is_word:
                    break
                np.append(w)
            return self._resolve(np[:8], ws, 0) if np else None
        words = [w for w in ws[:i] if w.norm not in _FUNCTION]
        if 0 < len(words) <= 4 and all(w.is_word for w in words) and i <= 5:
            return self._resolve(words, ws, 0)
        # "يذكر أن مجموعة الدول السبع أكدت أنها": the subject between a complementizer and the cue
        comp = max((k for k in range(max(0, i - 8), i) if ws[k].norm in ("ان", "إن")), default=None)
        if comp is not None and 1 <= i - comp - 1 <= 6 and all(w.is_word for w in ws[comp + 1:i]):
            return self._resolve(ws[comp + 1:i], ws, 0)
        return None
