"""Quote extraction: direct and indirect speech, cue verbs, speakers with coreference, via.

One left-to-right pass over the sentences. Every cue verb names a speaker (the noun phrase
after it, Arabic being verb-first; else the sentence's topic before it; else the speaker
carried from earlier), and then takes the quote it introduces: the quoted span that follows
it, or the clause after its complementizer (إن/أن/بأن). Quoted spans that no cue claimed
are kept when they look like speech (four words or more), attributed to the sentence's
last cue. Named speakers are remembered so that "المهاجر" or "المتحدث" later resolve to
"أبو الحسن المهاجر" (the speaker record then points at that first full mention).
Speaker resolution lives in speakers.py (``SpeakerResolver``, mixed into ``QuoteExtractor``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Article, Entity, Quote, Speaker
from ..text import Sentence, normalize, segment
from . import lexicon as L
from .attribution import group_before, is_plural_cue, new_subject, object_like, relay_source, speech_owner
from .clauses import cue_content
from .incite import is_incitement
from .via import via_between
from .marks import Quoted, quoted_spans
from .speakers import SpeakerResolver

from .words import words_of, _FUNCTION, _NAME_HEADS, W, _key, _State, _words

# A cue met in a sentence: (end offset, cue text, speaker, via).
_Cue = tuple[int, str, Optional[Speaker], Optional[str]]


@dataclass
class _Sentence:
    """One sentence being scanned, and what its cues have established so far."""

    span: Sentence
    ws: list[W]
    speaker: Optional[Speaker] = None   # the speaker of the sentence's latest cue
    via: Optional[str] = None           # the outlet its cues named
    last_cue_at: int = -1               # token index of the latest cue
    cues: list[_Cue] = field(default_factory=list)


class QuoteExtractor(SpeakerResolver):
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

    def _via(self, ws: list[W], lo: int, hi: int) -> Optional[str]:
        """The outlet or monitor named between tokens ``lo`` and ``hi``."""
        return via_between(self.text, self.quoted, ws, lo, hi)

    # --- quotes -------------------------------------------------------------------------
    def extract(self) -> list[Quote]:
        """All quotes of the article, in text order."""
        self.out: list[Quote] = []
        self.claimed = set()  # quotes taken so far: a person named inside one is not a speaker
        self.direct: set[tuple[int, int]] = set()  # quoted words: no cue inside them is the reporter's
        self.mark = 0  # end of the last cue or quote: a person named after it may be a new speaker
        self.prev_ws: list[W] = []  # the previous sentence: its new subject may speak on
        self.prev_colon = False  # it ended with a colon: a quote opening this one is speech
        for sent in self.a.sentences:
            cx = _Sentence(sent, words_of(self.a.tokens_of(sent)))
            self._scan_cues(cx)
            self._unclaimed_speech(cx)
            self.prev_colon = self.text[sent.start:sent.end].rstrip().endswith(":")
            self.prev_ws = cx.ws
        self.out.sort(key=lambda q: (q.start, q.end))
        return self.out

    def _scan_cues(self, cx: _Sentence) -> None:
        """Walk the sentence left to right; each cue takes its speaker and the quote it introduces."""
        i = 0
        while i < len(cx.ws):
            cue = self._cue_at(cx.ws, i)
            i = i + 1 if cue is None else self._take_cue(cx, i, *cue)

    def _cue_at(self, ws: list[W], i: int) -> Optional[tuple[str, bool]]:
        """The (lemma, participle) of a cue verb of the story at ``ws[i]``, else None."""
        w = ws[i]
        cue = L.CUES.get(w.norm) or L.CUES.get(w.bare)
        if cue is None or not w.is_word or any(s <= w.start < e for s, e in self.direct):
            return None
        if w.bare == "يذكر" and i + 1 < len(ws) and ws[i + 1].norm in L.COMPLEMENTIZERS:
            return None  # "يُذكر أن": "it is worth recalling", the reporter's own background
        if w.norm == "نقل" and i > 0 and ws[i - 1].is_word and ws[i - 1].norm not in _FUNCTION \
                and relay_source(ws, i + 1 + len(self._np_after(ws, i))) is None:
            return None  # "بتأخير نقل الأسلحة": the noun "transfer", not the verb "relayed"
        return cue

    def _take_cue(self, cx: _Sentence, i: int, lemma: str, participle: bool) -> int:
        """Attribute the cue at ``ws[i]`` and take its quote; returns the index to scan on from."""
        ws, w = cx.ws, cx.ws[i]
        # A cue inside an indirect quote reports speech within speech ("أكدت المصادر
        # أن التنظيم ... دعا فيها إلى «النفير العام»"): it may only take quoted words.
        outer = next(((s, e) for s, e in self.claimed if s <= w.start < e), None)
        nested = outer is not None
        if lemma in L.SPEAKER_ONLY:
            self._speaker_only(cx, i)
            return i + 1
        np: list[W] = []
        embedded: Optional[Speaker] = None
        relayer: Optional[Speaker] = None
        if participle:
            speaker = self._participle_speaker(cx, i)
        else:
            found = self._verb_speaker(cx, i, lemma, outer)
            if found is None:
                return i + 1  # "جاء" not followed by "في ...": not a speech verb here
            np, speaker, embedded, relayer = found
        # An embedded voice or one nested in a quote does not become the sentence's speaker.
        if speaker is not None and (participle or embedded is None) and not nested:
            cx.speaker = speaker
            self.state.last = speaker
        j = i + 1 + len(np)
        via = self._via(ws, i + 1, j + 8) or (cx.via if participle or lemma == "قال" else None)
        if lemma == "نقل" and relayer is not None:
            via = relayer.text
        cx.via = via or cx.via
        cx.cues.append((w.end, w.text, speaker, via))
        self.mark = max(self.mark, w.end)
        cx.last_cue_at = i
        if via is None and speaker is not None and speaker.text.strip():
            head = normalize(speaker.text).text.split()[0]
            if head in L.MONITOR_HEADS:
                via = speaker.text  # "أفاد المرصد": the monitor is speaker and channel
        return self._take_content(cx, i, j, lemma, speaker, via, nested)

    def _speaker_only(self, cx: _Sentence, i: int) -> None:
        """A cue that only introduces a speaker ("قدم"): an indefinite short name after it speaks on."""
        np = self._np_after(cx.ws, i)
        if np and not np[0].norm.startswith("ال") and len(np) <= 4:
            sp = self._resolve(np, cx.ws, i)
            cx.speaker = self.state.last = sp

    def _participle_speaker(self, cx: _Sentence, i: int) -> Optional[Speaker]:
        """Speaker of a participle cue ("واصفا"): a group before a plural one, a new subject, else carried."""
        ws, w = cx.ws, cx.ws[i]
        speaker = cx.speaker or self.state.last
        grp = group_before(ws, i, cx.last_cue_at) if is_plural_cue(w) else None
        if grp is not None and (speaker is None or speaker.end <= ws[grp[0]].start):
            speaker = self._resolve(ws[grp[0]:grp[1] + 1], ws, i)
        elif grp is None and not is_plural_cue(w):
            # "كما رحب بها الرئيس جو بايدن واصفا": the person of this clause
            fresh = new_subject(ws, self._unquoted(), max(self.mark, ws[0].start), w.start)
            speaker = self._speaker(0, 0, fresh) if fresh is not None else speaker
        return speaker

    def _verb_speaker(self, cx: _Sentence, i: int, lemma: str, outer: Optional[tuple[int, int]]):
        """Subject and speaker of a finite cue verb: (np, speaker, embedded, relayer), or None
        when the word is no speech verb here."""
        np = self._subject_np(cx.ws, i, lemma)
        if np is None:
            return None
        speaker = self._resolve(np, cx.ws, i) if np else None
        relayer: Optional[Speaker] = None
        if lemma == "نقل":
            speaker, relayer = self._relayed(cx, i, np, speaker)
        embedded: Optional[Speaker] = None
        if speaker is None:
            speaker, embedded = self._implicit_speaker(cx, i, np, outer)
        return np, speaker, embedded, relayer

    def _subject_np(self, ws: list[W], i: int, lemma: str) -> Optional[list[W]]:
        """The subject noun phrase after a cue verb ([] when understood), or None for a bare "جاء"."""
        np = self._np_after(ws, i)
        if not np and lemma == "جاء" and i + 1 < len(ws) and ws[i + 1].norm == "في":
            np = self._np_after(ws, i + 1)  # "وجاء في بيان الشبكة"
        elif lemma == "جاء":
            return None
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
        return np

    def _relayed(self, cx: _Sentence, i: int, np: list[W],
                 speaker: Optional[Speaker]) -> tuple[Optional[Speaker], Optional[Speaker]]:
        """For "نقل": (speaker, relayer), the words being whoever it relays them from."""
        ws = cx.ws
        relayer: Optional[Speaker] = None
        if np:
            people = [x for x in self.ents if x.label == "PER" and np[0].start <= x.start
                      and x.end <= np[-1].end]
            if len({x.kb_id or x.text for x in people}) >= 2:
                # "نقل المهاجر وصية البغدادي": the words are the second person's
                speaker = self._speaker(0, 0, people[-1])
        relay = relay_source(ws, i + 1 + len(np))
        source = self._np_after(ws, relay) if relay is not None else []
        while source and source[-1].norm in ("قوله", "قولها", "قولهم"):
            source.pop()
        if source:
            # "نقل المرصد عن مصادر": the words are the sources', the monitor relays
            relayer = speaker or cx.speaker or self._topic(ws, i) or self.state.last
            speaker = self._resolve(source, ws, i)
        return speaker, relayer

    def _implicit_speaker(self, cx: _Sentence, i: int, np: list[W],
                          outer: Optional[tuple[int, int]]) -> tuple[Optional[Speaker], Optional[Speaker]]:
        """The speaker of a cue with no subject after it, from around it: (speaker, embedded)."""
        ws, w = cx.ws, cx.ws[i]
        speaker = embedded = None
        if i + 1 < len(ws) and ws[i + 1].norm in ("فيها", "فيه"):
            speaker = self._speaker_after_fih(ws, i)
        if speaker is None and outer is not None:
            # "قال ناشطون إن «داعش» أعلن «...»": the subject inside the reported clause
            near = [x for x in self.ents if outer[0] <= x.start and x.end <= w.start
                    and x.label in ("PER", "ORG")]
            speaker = self._speaker(0, 0, near[-1]) if near else None
        if speaker is None:
            speaker = self._topic(ws, i)
        if speaker is None:
            # "بكلام نتنياهو حين قال": a voice inside the main speaker's report
            speaker = embedded = self._subject_entity(ws, i, cx.last_cue_at)
        if speaker is None and not np and i <= 1 and self.prev_ws:
            # "جدد الرئيس التركي أردوغان معارضته ... . وأضاف أن": the person the
            # previous sentence introduced, not the speaker before them
            prev = self.prev_ws
            fresh = new_subject(prev, self._unquoted(), max(self.mark, prev[0].start), ws[i].start)
            speaker = self._speaker(0, 0, fresh) if fresh is not None else None
        if speaker is None:
            speaker = cx.speaker or self.state.last
        return speaker, embedded

    def _speaker_after_fih(self, ws: list[W], i: int) -> Optional[Speaker]:
        """The speaker of a cue followed by "فيه"/"فيها": the subject after it, else the author before."""
        # "في وقت قال فيه الجانب الأوكراني إن": the subject follows "فيه"
        after = self._np_after(ws, i + 1)
        speaker = self._resolve(after, ws, i) if after and self._known(after) or \
            (after and after[0].norm.startswith("ال")) else None
        if speaker is None:
            # "كتاب ... دعا فيها": the author, the nearest person or group before
            near = [x for x in self.ents if x.end <= ws[i].start and x.start >= ws[0].start
                    and x.label in ("PER", "ORG")]
            speaker = self._speaker(0, 0, near[-1]) if near else None
        return speaker

    def _take_content(self, cx: _Sentence, i: int, j: int, lemma: str, speaker: Optional[Speaker],
                      via: Optional[str], nested: bool) -> int:
        """Claim the quote the cue at ``ws[i]`` introduces; returns the index to scan on from."""
        ws, w = cx.ws, cx.ws[i]
        q, kind, nxt = self._content(ws, j, cx.span.end, lemma)
        if q is not None and (nested or lemma in L.DIRECT_ONLY) and kind != "direct":
            q = None
        if q is None:
            return i + 1
        s, e = q
        owner = speech_owner(ws, self.ents, w.end, s) if kind == "direct" else None
        said = self._speaker(0, 0, owner) if owner is not None else speaker
        if (s, e) not in self.claimed and e > s and (s, e) not in self.not_quotes:
            self.claimed.add((s, e))
            self.mark = max(self.mark, e)
            if kind == "direct":
                self.direct.add((s, e))
            self.out.append(Quote(s, e, self.text[s:e], kind, said, w.text, via,
                                  is_incitement(self.text[s:e], lemma)))
        # Inside an indirect clause, later cues may still quote others' words.
        inner = next((m for m in range(i + 1, len(ws)) if ws[m].start >= s), nxt)
        return max(inner if kind == "indirect" else nxt, i + 1)

    def _unclaimed_speech(self, cx: _Sentence) -> None:
        """Quoted speech that no cue claimed: the sentence's last cue, or a colon before it."""
        sent = cx.span
        for qd in self.quoted:
            if not (sent.start <= qd.start < sent.end) or (qd.start, qd.end) in self.claimed:
                continue
            if any(qd.start >= s and qd.end <= e for s, e in self.claimed):
                continue
            if not self._speechlike(qd) or (qd.start, qd.end) in self.not_quotes:
                continue
            cue_info = self._orphan_cue(cx, qd)
            if cue_info is None:
                continue
            self.claimed.add((qd.start, qd.end))
            self.out.append(Quote(qd.start, qd.end, self.text[qd.start:qd.end], "direct", cue_info[1],
                                  cue_info[0], cue_info[2], is_incitement(self.text[qd.start:qd.end], None)))

    def _orphan_cue(self, cx: _Sentence,
                    qd: Quoted) -> Optional[tuple[Optional[str], Optional[Speaker], Optional[str]]]:
        """The (cue, speaker, via) an unclaimed quote is attributed to, or None to drop it."""
        before = [c for c in cx.cues if c[0] <= qd.open_at]
        if before:
            # The last cue before the quote, and the owner of a speech noun after it.
            end, cue_text, sp, via = before[-1]
            owner = speech_owner(cx.ws, self.ents, end, qd.start)
            return (cue_text, self._speaker(0, 0, owner) if owner is not None else sp, via)
        if self.prev_colon and qd.open_at - cx.span.start <= 2:
            return (None, self.state.last, None)
        return None

    def _unquoted(self) -> list[Entity]:
        """Entities outside quoted words (a name inside a quote is not the one speaking)."""
        return [x for x in self.ents if not self._inside_quote(x.start)]

    def _inside_quote(self, at: int) -> bool:
        """Whether offset ``at`` lies inside quoted words."""
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
