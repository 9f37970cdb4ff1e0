"""Quote extraction: direct and indirect speech, cue verbs, speakers with coreference, via.

One left-to-right pass over the sentences. Every cue verb names a speaker (the noun phrase
after it, Arabic being verb-first; else the sentence's topic before it; else the speaker
carried from earlier), and then takes the quote it introduces: the quoted span that follows
it, or the clause after its complementizer (إن/أن/بأن). Quoted spans that no cue claimed
are kept when they look like speech (four words or more), attributed to the sentence's
last cue. Named speakers are remembered so that "المهاجر" or "المتحدث" later resolve to
"أبو الحسن المهاجر" (the speaker record then points at that first full mention).
"""
from __future__ import annotations

from typing import Optional

from ..model import Article, Entity, Quote, Speaker
from ..text import normalize, segment
from . import lexicon as L
from .attribution import (group_before, is_plural_cue, name_after_title, new_subject, object_like,
                          relay_source, speech_owner)
from .clauses import cue_content
from .incite import is_incitement
from .via import via_between
from .marks import Quoted, quoted_spans

from .words import (words_of, _FUNCTION, _NAME_HEADS, _OBJECT_WORDS,
                    _SUBJECT_OPENERS, W, Named, _key, _State, _words)


class QuoteExtractor:
    """Extracts the quotes layer of one Article."""

    def __init__(self, article: Article):
        self.a = segment(article)
        self.text = article.text
        self.ents = sorted((e for e in article.entities if e.label in ("PER", "ORG", "NORP", "GPE")),
                           key=lambda e: e.start)
        self.quoted = quoted_spans(self.text)
        self.state = _State()
        self.not_quotes: set[tuple[int, int]] = set()  # quoted names used as speakers
        self.claimed: set[tuple[int, int]] = set()

    # --- speakers -----------------------------------------------------------------------
    def _entity_in(self, s: int, e: int, people_only: bool = False) -> Optional[Entity]:
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
        s, e = np[0].start, np[-1].end
        head = np[0].norm
        # After a title or an anonymous head, an organisation is the complement
        # ("الأمين العام لحزب الله", "مسؤولون في قوات سوريا الديمقراطية"), not the speaker.
        ent = self._entity_in(s, e, people_only=head in L.TITLES or head in L.ANONYMOUS)
        if ent is not None and ent.label != "PER" and ent.start > s and head not in L.KUNYA:
            # "المخابرات العسكرية البريطانية": a nationality after the head is its adjective
            ent = None if (head in L.TITLES or head in L.ANONYMOUS or ent.label in ("NORP", "GPE")) else ent
        if ent is not None:
            sp = self._speaker(0, 0, ent)
            self._register(sp, [w.norm for w in _words(self.text, ent.start, ent.end)],
                           head if head in L.TITLES else None)
            return sp
        if head in L.ANONYMOUS:
            if head.startswith("ال") and len(np) == 1 and self.state.last_anon is not None:
                return self.state.last_anon
            sp = self._speaker(s, e)
            self.state.last_anon = sp
            self.state.named.append(Named(sp, tuple(w.norm for w in np), None, True))
            return sp
        if head in L.TITLES:
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
            rest = np[k:]
            if rest and ((rest[0].norm[:1] in ("ل", "ب") and not rest[0].norm.startswith("ال"))
                         or rest[0].norm in _OBJECT_WORDS):
                rest = []
            if rest and baism and rest[0].norm not in L.KUNYA and np[k - 1].norm[:1] in ("ل", "ب") \
                    and self._entity_in(rest[0].start, rest[-1].end) is None:
                rest = []  # "المقررة الخاصة بحماية حرية الرأي": still the complement, no name
            named = name_after_title(ws, self.ents, ws.index(np[-1]) + 1) if not rest else None
            if named is not None:
                # "الأمين العام للناتو ينس ستولتنبرغ": the name after the title's complement
                sp = self._speaker(0, 0, named)
                self._register(sp, [w.norm for w in _words(self.text, named.start, named.end)], head)
                return sp
            if not rest and self._apposition(np[-1].end) is None:
                found = self._lookup([], head)
                if found is not None:
                    return found
                sp = self._speaker(s, e)
                self._register(sp, [w.norm for w in np], head)
                return sp
            if not rest:
                # The name may follow as an apposition in quotes: المتحدث ..., "أبو الحسن المهاجر"،
                q = self._apposition(np[-1].end)
                if q is not None:
                    sp = self._speaker(q.start, q.end, self._entity_in(q.start, q.end))
                    self._register(sp, [w.norm for w in _words(self.text, q.start, q.end)], head)
                    return sp
                found = self._lookup([], head)
                return found or self._speaker(s, e)
            sp = self._speaker(rest[0].start, rest[-1].end)
            self._register(sp, [w.norm for w in rest], head)
            return sp
        for n in range(len(np), 0, -1):
            found = self._lookup([w.norm for w in np[:n]], None)
            if found is not None:
                return found
        sp = self._speaker(s, e)
        self._register(sp, [w.norm for w in np], None)
        return sp

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

    def _register(self, sp: Speaker, toks: list[str], title: Optional[str]) -> None:
        self.state.named.append(Named(sp, tuple(toks), title))

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

    def _via(self, ws: list[W], lo: int, hi: int) -> Optional[str]:
        """The outlet or monitor named between tokens ``lo`` and ``hi``."""
        return via_between(self.text, self.quoted, ws, lo, hi)

    # --- quotes -------------------------------------------------------------------------
    def extract(self) -> list[Quote]:
        out: list[Quote] = []
        claimed: set[tuple[int, int]] = set()
        self.claimed = claimed  # quotes taken so far: a person named inside one is not a speaker
        direct: set[tuple[int, int]] = set()  # quoted words: no cue inside them is the reporter's
        self.mark = 0  # end of the last cue or quote: a person named after it may be a new speaker
        prev_ws: list[W] = []
        prev_colon = False
        for sent in self.a.sentences:
            ws = words_of(self.a.tokens_of(sent))
            sent_speaker: Optional[Speaker] = None
            sent_via: Optional[str] = None
            last_cue_at = -1
            cues: list[tuple[int, str, Optional[Speaker], Optional[str]]] = []  # (end, cue, speaker, via)
            i = 0
            while i < len(ws):
                w = ws[i]
                cue = L.CUES.get(w.norm) or L.CUES.get(w.bare)
                if cue is None or not w.is_word or any(s <= w.start < e for s, e in direct):
                    i += 1
                    continue
                # A cue inside an indirect quote reports speech within speech ("أكدت المصادر
                # أن التنظيم ... دعا فيها إلى «النفير العام»"): it may only take quoted words.
                outer = next(((s, e) for s, e in claimed if s <= w.start < e), None)
                nested = outer is not None
                lemma, participle = cue
                if w.bare == "يذكر" and i + 1 < len(ws) and ws[i + 1].norm in L.COMPLEMENTIZERS:
                    i += 1  # "يُذكر أن": "it is worth recalling", the reporter's own background
                    continue
                if w.norm == "نقل" and i > 0 and ws[i - 1].is_word and ws[i - 1].norm not in _FUNCTION \
                        and relay_source(ws, i + 1 + len(self._np_after(ws, i))) is None:
                    i += 1  # "بتأخير نقل الأسلحة": the noun "transfer", not the verb "relayed"
                    continue
                embedded: Optional[Speaker] = None
                relayer: Optional[Speaker] = None
                if lemma in L.SPEAKER_ONLY:
                    np = self._np_after(ws, i)
                    if np and not np[0].norm.startswith("ال") and len(np) <= 4:
                        sp = self._resolve(np, ws, i)
                        sent_speaker = self.state.last = sp
                    i += 1
                    continue
                if participle:
                    speaker = sent_speaker or self.state.last
                    np = []
                    grp = group_before(ws, i, last_cue_at) if is_plural_cue(w) else None
                    if grp is not None and (speaker is None or speaker.end <= ws[grp[0]].start):
                        speaker = self._resolve(ws[grp[0]:grp[1] + 1], ws, i)
                    elif grp is None and not is_plural_cue(w):
                        # "كما رحب بها الرئيس جو بايدن واصفا": the person of this clause
                        fresh = new_subject(ws, self._unquoted(), max(self.mark, ws[0].start), w.start)
                        speaker = self._speaker(0, 0, fresh) if fresh is not None else speaker
                else:
                    np = self._np_after(ws, i)
                    if not np and lemma == "جاء" and i + 1 < len(ws) and ws[i + 1].norm == "في":
                        np = self._np_after(ws, i + 1)  # "وجاء في بيان الشبكة"
                    elif lemma == "جاء":
                        i += 1
                        continue
                    if np and np[-1].norm in ("بيان", "بلاغ") and i + len(np) + 2 < len(ws) \
                            and ws[i + len(np) + 1].norm == "عن":
                        np = self._np_after(ws, i + len(np) + 1) or np  # "بيان عن الناطق باسم الجيش"
                    if not np:
                        np = self._quoted_subject(ws, i)
                    if np and lemma in L.CALL_CUES and self.state.last is not None and i > 0 \
                            and ws[i - 1].norm in _FUNCTION and not self._known(np):
                        # "فيما طالب العشائر ...": the subject carries over; the noun is the addressee.
                        np = []
                    if np and object_like(np) and not self._known(np):
                        np = []  # "وأكد دعمهما بشدة": the object; the subject is understood
                    speaker = self._resolve(np, ws, i) if np else None
                    if lemma == "نقل" and np:
                        people = [x for x in self.ents if x.label == "PER" and np[0].start <= x.start
                                  and x.end <= np[-1].end]
                        if len({x.kb_id or x.text for x in people}) >= 2:
                            # "نقل المهاجر وصية البغدادي": the words are the second person's
                            speaker = self._speaker(0, 0, people[-1])
                    relay = relay_source(ws, i + 1 + len(np)) if lemma == "نقل" else None
                    source = self._np_after(ws, relay) if relay is not None else []
                    while source and source[-1].norm in ("قوله", "قولها", "قولهم"):
                        source.pop()
                    if source:
                        # "نقل المرصد عن مصادر": the words are the sources', the monitor relays
                        relayer = speaker or sent_speaker or self._topic(ws, i) or self.state.last
                        speaker = self._resolve(source, ws, i)
                    if speaker is None and i + 1 < len(ws) and ws[i + 1].norm in ("فيها", "فيه"):
                        # "في وقت قال فيه الجانب الأوكراني إن": the subject follows "فيه"
                        after = self._np_after(ws, i + 1)
                        speaker = self._resolve(after, ws, i) if after and self._known(after) or \
                            (after and after[0].norm.startswith("ال")) else None
                    if speaker is None and i + 1 < len(ws) and ws[i + 1].norm in ("فيها", "فيه"):
                        # "كتاب ... دعا فيها": the author, the nearest person or group before
                        near = [x for x in self.ents if x.end <= ws[i].start and x.start >= ws[0].start
                                and x.label in ("PER", "ORG")]
                        speaker = self._speaker(0, 0, near[-1]) if near else None
                    if speaker is None and outer is not None:
                        # "قال ناشطون إن «داعش» أعلن «...»": the subject inside the reported clause
                        near = [x for x in self.ents if outer[0] <= x.start and x.end <= w.start
                                and x.label in ("PER", "ORG")]
                        speaker = self._speaker(0, 0, near[-1]) if near else None
                    if speaker is None:
                        speaker = self._topic(ws, i)
                    if speaker is None:
                        # "بكلام نتنياهو حين قال": a voice inside the main speaker's report
                        speaker = embedded = self._subject_entity(ws, i, last_cue_at)
                    if speaker is None and not np and i <= 1 and prev_ws:
                        # "جدد الرئيس التركي أردوغان معارضته ... . وأضاف أن": the person the
                        # previous sentence introduced, not the speaker before them
                        fresh = new_subject(prev_ws, self._unquoted(), max(self.mark, prev_ws[0].start), ws[i].start)
                        speaker = self._speaker(0, 0, fresh) if fresh is not None else None
                    if speaker is None:
                        speaker = sent_speaker or self.state.last
                if speaker is not None and (participle or embedded is None) and not nested:
                    sent_speaker = speaker
                    self.state.last = speaker
                j = i + 1 + len(np)
                via = self._via(ws, i + 1, j + 8) or (sent_via if participle or lemma == "قال" else None)
                if lemma == "نقل" and relayer is not None:
                    via = relayer.text
                sent_via = via or sent_via
                cues.append((w.end, w.text, speaker, via))
                self.mark = max(self.mark, w.end)
                last_cue_at = i
                if lemma in L.SPEAKER_ONLY:
                    i = j
                    continue
                if via is None and speaker is not None and speaker.text.strip():
                    head = normalize(speaker.text).text.split()[0]
                    if head in L.MONITOR_HEADS:
                        via = speaker.text  # "أفاد المرصد": the monitor is speaker and channel
                q, kind, nxt = self._content(ws, j, sent.end, lemma)
                if q is not None and (nested or lemma in L.DIRECT_ONLY) and kind != "direct":
                    q = None
                if q is not None:
                    s, e = q
                    owner = speech_owner(ws, self.ents, w.end, s) if kind == "direct" else None
                    said = self._speaker(0, 0, owner) if owner is not None else speaker
                    if (s, e) not in claimed and e > s and (s, e) not in self.not_quotes:
                        claimed.add((s, e))
                        self.mark = max(self.mark, e)
                        if kind == "direct":
                            direct.add((s, e))
                        out.append(Quote(s, e, self.text[s:e], kind, said, w.text, via,
                                         is_incitement(self.text[s:e], lemma)))
                    # Inside an indirect clause, later cues may still quote others' words.
                    inner = next((m for m in range(i + 1, len(ws)) if ws[m].start >= s), nxt)
                    i = max(inner if kind == "indirect" else nxt, i + 1)
                else:
                    i += 1
            # Quoted speech that no cue claimed: the sentence's last cue, or a colon before it.
            for qd in self.quoted:
                if not (sent.start <= qd.start < sent.end) or (qd.start, qd.end) in claimed:
                    continue
                if any(qd.start >= s and qd.end <= e for s, e in claimed):
                    continue
                if not self._speechlike(qd) or (qd.start, qd.end) in self.not_quotes:
                    continue
                cue_info = None
                before = [c for c in cues if c[0] <= qd.open_at]
                if before:
                    # The last cue before the quote, and the owner of a speech noun after it.
                    end, cue_text, sp, via = before[-1]
                    owner = speech_owner(ws, self.ents, end, qd.start)
                    cue_info = (cue_text, self._speaker(0, 0, owner) if owner is not None else sp, via)
                elif prev_colon and qd.open_at - sent.start <= 2:
                    cue_info = (None, self.state.last, None)
                if cue_info is None:
                    continue
                claimed.add((qd.start, qd.end))
                out.append(Quote(qd.start, qd.end, self.text[qd.start:qd.end], "direct", cue_info[1],
                                 cue_info[0], cue_info[2], is_incitement(self.text[qd.start:qd.end], None)))
            prev_colon = self.text[sent.start:sent.end].rstrip().endswith(":")
            prev_ws = ws
        out.sort(key=lambda q: (q.start, q.end))
        return out

    def _unquoted(self) -> list[Entity]:
        """Entities outside quoted words (a name inside a quote is not the one speaking)."""
        return [x for x in self.ents if not self._inside_quote(x.start)]

    def _inside_quote(self, at: int) -> bool:
        return any(q.start <= at < q.end for q in self.quoted)

    def _speechlike(self, q: Quoted) -> bool:
        """Four words or more, and not a name ("تنظيم «الدولة الإسلامية»")."""
        n = sum(1 for w in _words(self.text, q.start, q.end) if w.is_word)
        if n < 4 or self.text[q.start] in "،,.;:؛":
            return False
        before = _words(self.text, max(0, q.open_at - 20), q.open_at)
        if before and before[-1].is_word and _key(before[-1].bare) in {_key(h) for h in _NAME_HEADS}:
            return False
        return self._entity_in(q.start, q.end) is None or n > 5

    def _content(self, ws: list[W], j: int, sent_end: int, lemma: str):
        """What a cue at ``ws[j-1]`` introduces: ((start, end), kind, next token index) or None."""
        return cue_content(self.text, self.quoted, ws, j, sent_end, lemma, self._apposition)

def extract_quotes(article: Article) -> list[Quote]:
    """The quotes of ``article`` (reads its entities layer when present)."""
    return QuoteExtractor(article).extract()
