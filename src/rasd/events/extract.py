"""Event extraction: triggers per sentence, status, PLOVER type/mode, ACLED, arguments.

For each sentence: find lexicon triggers; keep ASSAULT/PROTEST triggers only where the
sentence classifier agrees (when the model is installed); give each trigger a status; a
call to violence (ASSAULT under a call cue or inside an incitement quote) becomes MOBILIZE
with status called, a threatened one THREATEN; one event per (type, status) per sentence.
Arguments: actors from the entity layer, the nearest place in the sentence (then its
paragraph neighbours) that is not the dateline, the sentence's date, the killed count.
The date is left null when the sentence states none: a consumer that needs one falls back
to the article's ``published`` (an event's own date must come from its text).
"""
from __future__ import annotations

import re
from typing import Optional

from ..geo import is_dateline
from ..kb import load_kb
from ..model import Actor, Article, DateRef, Entity, Event, Place, Span
from ..text import normalize, segment
from .acled import acled_for
from .classifier import Scorer, sentence_scores
from .generic import FORCE_WORDS, demonym_forces, generic_entities, name_of, victim_kind
from .fatalities import count_killed
from .context import CONTEXT, Context
from .gate import Gate, StrictGate, gate_named
from .incidents import one_per_incident
from .lexicon import Entry, Hit, find_triggers
from .status import _CALL, _THREAT, _base, status_of

_AERIAL = {"طايرات", "الطايرات", "طيران", "الطيران", "الحربيه", "جوي", "الجوي", "جويه", "الجويه", "بطايرات"}
_DRONE = {"مسيره", "مسيرات", "المسيره", "المسيرات", "درون"}
_MODE_RANK = {None: 0, "beat": 1, "firearms": 2, "targeted": 3, "heavy-weapons": 4, "explosives": 5,
              "grenade": 5, "abduct": 5, "aerial": 6, "drone": 7, "suicide-attack": 7, "chemical": 8}
_GATED = ("ASSAULT", "PROTEST")  # the types the sentence classifier confirms
_KIND_RANK = {None: 0, "kill": 1, "attack": 2, "clash": 3, "territory": 4}
# Words that end an actor's noun phrase search: "من قبل"، "ضد"، "على".
_TARGET_MARKS = {"ضد", "علي", "استهدف", "استهدفت", "بحق"}


class EventExtractor:
    """Extracts the events layer of one Article (reads entities, places, dates, quotes)."""

    def __init__(self, article: Article, scorer: Optional[Scorer] = None, gate: Gate = StrictGate(),
                 context: Optional[Context] = None):
        """``scorer`` gives the sentence classifier's scores (None: every trigger stands);
        ``gate`` decides from them (see :mod:`rasd.events.gate`)."""
        self.gate = gate
        self.context = context or CONTEXT
        self.a = segment(article)
        self.text = article.text
        self.scorer = scorer
        self.calls = [(q.start, q.end) for q in article.quotes if q.incitement]
        named = [e for e in article.entities if e.label in ("PER", "ORG", "NORP", "GPE") and not _reporter(e.kb_id)]
        common = generic_entities(self.a, [(e.start, e.end) for e in article.entities])
        self.actors = sorted(named + common, key=lambda e: e.start)
        self.datelines = self._datelines()

    def _datelines(self) -> set[tuple[int, int]]:
        """Places that only say where the story was filed ("بيروت - ...")."""
        return {(p.start, p.end) for p in self.a.places if is_dateline(self.a, p)}

    def extract(self) -> list[Event]:
        sents = self.a.sentences
        if not sents:
            return []
        found = []
        for sent in sents:
            toks = [t for t in self.a.tokens_of(sent) if t.is_word and t.norm]
            words = [t.norm for t in toks]
            found.append((toks, words, find_triggers(words)))
        # Only sentences with an ASSAULT/PROTEST trigger are scored (embedding is the costly part).
        gated = [k for k, (_, _, hits) in enumerate(found) if any(h.entry.type in _GATED for h in hits)]
        scores = self.scorer([sents[k].text for k in gated]) if self.scorer is not None and gated else None
        row = {k: n for n, k in enumerate(gated)}
        out: list[Event] = []
        for k, (toks, words, hits) in enumerate(found):
            gate = None
            if scores is not None and k in row:
                gate = {t: (thr, probs[row[k]]) for t, (thr, probs) in scores.items()}
            out.extend(self._events(sents, k, toks, words, hits, gate))
        return one_per_incident(_without_headline_repeats(out, self.a))

    def _events(self, sents, k, toks, words, hits: list[Hit], gate=None) -> list[Event]:
        sent = sents[k]
        groups: dict[tuple[str, str], list[tuple[Hit, str]]] = {}
        killed = count_killed(sent.text)
        for h in hits:
            kind = self._classify(h, toks, words, sent, killed, gate)
            if kind is not None:
                groups.setdefault(kind, []).append((h, kind[1]))
        if ("MOBILIZE", "called") in groups:
            groups.pop(("REQUEST", "called"), None)
            groups.pop(("REQUEST", "occurred"), None)
        events = []
        wset = set(words)
        for (etype, status), hs in groups.items():
            anchor = hs[0][0]
            entries = [h.entry for h, _ in hs]
            mode = max((e.mode for e in entries), key=lambda m: _MODE_RANK.get(m, 1))
            kind = max((e.kind for e in entries), key=lambda x: _KIND_RANK.get(x, 0))
            base_type = entries[0].type
            if base_type == "ASSAULT" and mode in (None, "heavy-weapons") and wset & _AERIAL:
                mode = "aerial"
            if base_type == "ASSAULT" and wset & _DRONE and mode in (None, "heavy-weapons", "aerial", "explosives"):
                mode = "drone"
            if etype not in ("ASSAULT", "COERCE"):
                mode = None
            at = toks[anchor.i].start
            cue = _cue_index(words, anchor.i) if status in ("called", "threatened") else None
            if cue is not None:
                # The caller is the cue verb's subject; the target follows the trigger.
                a1, a2 = self._call_actors(sent.start, sent.end, toks[cue].start, toks[cue].end, at)
            else:
                found = None
                for h, _ in hs:
                    found = self._agent_actors(sent.start, sent.end, toks[h.i].start, toks[h.j - 1].end)
                    if found:
                        break
                patient = any(_base(words[h.i]) in _PATIENT_NOUNS for h, _ in hs)
                a1, a2 = found or self._actors(sent.start, sent.end, at, toks[anchor.j - 1].end, patient)
            if etype in _VIOLENT and a1 is not None and _observer(a1.kb_id):
                a1 = None  # "the UN said ... were killed": who counts the dead did not kill them
            if etype in _VIOLENT and a1 is not None and victim_kind(a1.kb_id):
                a1, a2 = None, a2 or a1  # "قتل خمسة مدنيين": the civilians after the verb were killed
            if etype in _VIOLENT and a1 is None:
                a1 = next(filter(None, (self._demonym(toks, words, h) for h, _ in hs)), None)
            if a1 is not None and a2 is not None and a1.kb_id and a1.kb_id == a2.kb_id:
                a2 = None  # "تنظيم الدولة ... عناصر التنظيم": one party named twice is not two
            fatalities = None
            if etype in ("ASSAULT", "PROTEST") and status == "occurred":
                fatalities = count_killed(sent.text)
                if fatalities is None and etype == "ASSAULT":
                    fatalities = self._one_named_victim(toks, words, hs)
            acled = None
            if status == "occurred":
                acled = acled_for(etype, mode, kind, words, fatalities, a1.text if a1 else "")
            events.append(Event(etype, mode, status, acled, a1, a2, self._place(sents, k, at),
                                self._date(sent.start, sent.end, at), fatalities,
                                Span(sent.start, sent.end)))
        return events

    def _classify(self, h: Hit, toks, words, sent, killed, gate) -> Optional[tuple[str, str]]:
        """(type, status) of one trigger, or None when its sentence shows it is no event."""
        start = toks[h.i].start
        in_call = any(s <= start < e for s, e in self.calls)
        w = words[h.i]
        # سيقصف / ستشن: the future prefix on a verb that is itself a trigger
        future = len(w) > 3 and w[0] == "س" and w[1] in "يتن" and bool(find_triggers([w[1:]]))
        status = status_of(words, h.i, in_call_quote=in_call, verb_future=future)
        etype = h.entry.type
        if gate and etype in gate and status == "occurred" and not self.gate.keep(
                etype, gate[etype][0], gate[etype][1], killed, h.entry, lambda: self._armed(sent)):
            return None
        if not self.context.admits(etype, status, words, h.i, w, _base(w), killed):
            return None
        # A threat or a request is words, not deeds: keep it apart from what happened.
        if etype == "THREATEN" and status == "occurred":
            status = "threatened"
        elif etype == "REQUEST" and status == "occurred":
            status = "called"
        if etype == "ASSAULT" and status == "called":
            etype = "MOBILIZE"
        elif etype == "ASSAULT" and status == "threatened":
            etype = "THREATEN"
        return etype, status

    def _armed(self, sent) -> bool:
        """Whether the sentence names an armed party of the KB (ACLED inter 1-4 or 8)."""
        kb = load_kb()
        return any((kb.inter(x.kb_id) or 0) in (1, 2, 3, 4, 8) for x in self.actors
                                 if x.kb_id and sent.start <= x.start and x.end <= sent.end)

    # --- arguments ----------------------------------------------------------------------
    def _one_named_victim(self, toks, words, hs) -> Optional[int]:
        """1 when a killing word names one person as its victim with no number stated:
        "اغتال الاحتلال الزميلة شيرين أبو عاقلة", "مقتل العقيد صياد خدايي" (ACLED counts the one
        death); None for an attempt ("محاولة اغتيال") or when no person follows closely."""
        people = [x for x in self.actors if x.label == "PER"]
        for h, _ in hs:
            if _base(words[h.i]) not in _KILL_ONE or (h.i > 0 and _base(words[h.i - 1]) in _ATTEMPT):
                continue
            lo, hi = toks[h.j - 1].end, toks[min(len(toks) - 1, h.j + 4)].end
            if any(lo <= x.start < hi for x in people):
                return 1
        return None

    def _demonym(self, toks, words, anchor: Hit) -> Optional[Actor]:
        """"غارة إسرائيلية": the state's forces, read off the adjective after the attack noun."""
        got = demonym_forces(words, anchor.j)
        if got is None:
            return None
        k, iso = got
        return Actor(toks[k].text, name_of("military", iso), f"generic:military:{iso}")

    def _actor(self, e: Entity) -> Actor:
        name_en, kb_id = e.name_en, e.kb_id
        if kb_id and not name_en:
            name_en = _kb_name(kb_id)
        return Actor(e.text, name_en, kb_id)

    def _reporters_of(self, at: int) -> set:
        """Who is quoted saying the words at ``at``: the source of a report, not a party to it."""
        out = set()
        for q in self.a.quotes:
            if q.speaker is not None and q.start <= at < q.end:
                out.add(q.speaker.kb_id or (q.speaker.start, q.speaker.end))
        return out

    def _actors(self, s: int, e: int, at: int, trig_end: int,
                patient: bool = False) -> tuple[Optional[Actor], Optional[Actor]]:
        """actor1 = the doer (subject before the trigger, or right after a verb), actor2 = the target.

        With ``patient`` (a noun such as "اعتقال", whose complement is who suffers it) the name
        after the trigger is the target and the doer comes before: "أعلنت قسد اعتقال قيادي في داعش"."""
        said_by = self._reporters_of(at)
        inside = [x for x in self.actors if x.start >= s and x.end <= e
                  and (x.kb_id or (x.start, x.end)) not in said_by and not _cited(self.text, x)]
        # A country or town is an actor only as the verb's subject ("قصفت إسرائيل");
        # elsewhere it is where things happened, which is the place, not a party.
        subject_slot = _country_verb(self.text[at:trig_end])
        inside = [x for x in inside if (x.label != "GPE" or (subject_slot and 0 <= x.start - trig_end <= 2))
                  and not _adjectival(self.text, x, trig_end)]
        if not inside:
            return None, None
        before = [x for x in inside if x.end <= at]
        after = [x for x in inside if x.start >= trig_end]
        a1 = a2 = None
        if after and after[0].start - trig_end <= 25 and not patient \
                and not _target_mark(self.text[trig_end:after[0].start]):
            a1 = after[0]  # verb-first: "قصفت طائرات التحالف ..."
            rest = after[1:]
        else:
            a1 = before[-1] if before else None
            rest = after
        for x in rest:
            if x is not a1:
                a2 = x
                break
        if a1 is None and a2 is None:
            return None, None
        return (self._actor(a1) if a1 else None), (self._actor(a2) if a2 else None)

    def _agent_actors(self, s: int, e: int, at: int, trig_end: int):
        """"بهجوم شنه عناصر من تنظيم داعش": the doer follows the attack noun; what precedes was hit."""
        inside = [x for x in self.actors if x.start >= s and x.end <= e and x.label != "GPE"]
        agent = _agent_after(self.text, trig_end, [x for x in inside if x.start >= trig_end])
        if agent is None:
            return None
        # What was hit stands right before the attack noun ("قتل جنديان ... بهجوم شنه"), in
        # the same clause: "حض المهاجر أنصار التنظيم ... بعد الهجوم الذي شنه" names no target.
        before = [x for x in inside if x.end <= at and at - x.end <= 60
                  and not set(normalize(self.text[x.end:at]).text.split()) & _CLAUSE_OPENERS]
        return self._actor(agent), (self._actor(before[-1]) if before else None)

    def _call_actors(self, s: int, e: int, cue_start: int, cue_end: int, at: int):
        """Caller and target of a call or threat: "دعا تنظيم الدولة عناصره إلى الثأر من الأكراد"."""
        inside = [x for x in self.actors if x.start >= s and x.end <= e and x.label != "GPE"]
        after_cue = [x for x in inside if x.start >= cue_end]
        before_cue = [x for x in inside if x.end <= cue_start]
        if (after_cue and after_cue[0].start - cue_end <= 25
                and not _target_mark(self.text[cue_end:after_cue[0].start], extra=_REVENGE_MARKS)):
            a1 = after_cue[0]  # verb-first: "ودعا المتحدث باسم التنظيم ..."
        else:
            a1 = before_cue[-1] if before_cue else None
        targets = [x for x in inside if x is not a1 and x.start >= at]
        if not targets:  # "الانتقام من قوات سوريا الديمقراطية بالمفخخات": target before the means
            targets = [x for x in inside if x is not a1 and x.start > cue_end and x.end <= at
                       and _target_mark(self.text[max(cue_end, x.start - 12):x.start], extra=_REVENGE_MARKS)]
        a2 = targets[0] if targets else None
        return (self._actor(a1) if a1 else None), (self._actor(a2) if a2 else None)

    def _place(self, sents, k: int, at: int) -> Optional[Place]:
        """Nearest place in the sentence, else in the paragraph's neighbouring sentences."""
        order = [k]
        for d in (-1, 1):
            j = k + d
            if 0 <= j < len(sents) and "\n" not in self.text[min(sents[j].end, sents[k].end):max(sents[j].start, sents[k].start)]:
                order.append(j)
        for j in order:
            s = sents[j]
            cands = [p for p in self.a.places if p.start >= s.start and p.end <= s.end
                     and (p.start, p.end) not in self.datelines and not _allegiance(self.text, p.start)]
            if cands:
                return min(cands, key=lambda p: abs(p.start - at))
        return None

    def _date(self, s: int, e: int, at: int) -> Optional[DateRef]:
        cands = [d for d in self.a.dates if d.start >= s and d.end <= e]
        return min(cands, key=lambda d: abs(d.start - at)) if cands else None


def _without_headline_repeats(events: list[Event], article: Article) -> list[Event]:
    """Drop a headline's event when the body reports one of the same type and status.

    The headline restates the lead; keeping both would count one event twice, and the body
    sentence carries the arguments (place, date, toll) the headline leaves out.
    """
    title = article.title or ""
    if not title or not article.text.startswith(title):
        return events
    body = {(e.type, e.status) for e in events if e.evidence.start >= len(title)}
    return [e for e in events if e.evidence.start >= len(title) or (e.type, e.status) not in body]


_REVENGE_MARKS = {"من", "ضد", "علي"}
# Killing words whose named object is the one dead, and the words that make them attempts.
_KILL_ONE = {"اغتيال", "اغتال", "اغتالت", "اغتيل", "اغتالوا", "مقتل", "قتل", "قتلت", "تصفيه", "اعدام", "اعدم"}
_ATTEMPT = {"محاوله", "محاولات", "مخطط", "مؤامره"}
_CLAUSE_OPENERS = {"بعد", "عقب", "اثر", "حين", "عندما", "بينما", "فيما"}
# Nouns whose complement is who suffers the act ("اعتقال قيادي في داعش", "اغتيال القائد").
_PATIENT_NOUNS = {"اعتقال", "اعتقالات", "توقيف", "احتجاز", "اختطاف", "خطف", "اسر", "اغتيال", "اعدام",
                  "تصفيه", "استهداف", "ملاحقه", "مداهمه"}
# A name after these is the source of the report, not a party: "بحسب ما أفاد الدفاع المدني".
_CITED = re.compile(r"(?:^|\s)(?:(?:ب?حسب|وفق|وفقا|نقلا عن)(?: ما \S+)?\s+(?:ل|لل|ال)?"
                    # "مصادر أوكرانية", "صحيفة “لارازون”": who reports, not who acts
                    r"|[وف]?(?:ال)?(?:مصادر|مصدر|صحيفه|صحف|وكاله|موقع|قناه|شبكه|اذاعه)\s*\"?)\s*$")


# "المجموعات الموالية لإيران": a country named as someone's patron is not where it happened.
_PATRON = re.compile(r"(?:الموالي|الموالين|التابع|التابعين|المدعوم|المدعومين|المقرب|المقربين|"
                     r"موالي|موالين|تابع|تابعين|مدعوم|مدعومين)[هة]?\s+(?:من\s+)?(?:ل|لل|ال)?\s*$")


def _allegiance(text: str, start: int) -> bool:
    """Whether the place at ``start`` is named as a patron ("الموالية لإيران")."""
    return bool(_PATRON.search(normalize(text[max(0, start - 30):start]).text.rstrip() + " "))


def _cited(text: str, ent: Entity) -> bool:
    """Whether ``ent`` is named as the source of the sentence's report."""
    return bool(_CITED.search(normalize(text[max(0, ent.start - 40):ent.start]).text.rstrip() + " "))
# Passive or relative agent phrases right after an attack noun: "هجوم شنه X", "على يد X".
_AGENT = re.compile(r"^\s*(?:ال[ذت]ي\s+)?(?:(?:شن|نفذ|تبن)[اىي]?(?:ه|ها|ته|تها)|من قبل|علي يد|بيد)\s")


def _agent_after(text: str, trig_end: int, after: list) -> Optional[Entity]:
    """The entity named as the doer right after the trigger, if the text says so."""
    if not after or after[0].start - trig_end > 40:
        return None
    between = normalize(text[trig_end:after[0].start]).text
    return after[0] if _AGENT.match(between + " ") else None


def _country_verb(trigger: str) -> bool:
    """Whether a country right after this trigger can be its subject: a feminine verb
    ("قصفت إسرائيل", "تستهدف تركيا"); after a noun or a masculine form ("قصف حلب", "مصادرة
    الأراضي الفلسطينية", "تفجير بغداد") the country is what was hit, or where."""
    w = normalize(trigger).text.split()[0] if trigger.strip() else ""
    w = w[1:] if w[:1] in ("و", "ف") and len(w) > 4 else w
    if w.startswith("ال") or len(w) < 4:
        return False
    masdar = w.startswith("ت") and w[-2] == "ي"  # تفجير، تدمير
    return (w.endswith("ت") or w.startswith("ت")) and not masdar


def _adjectival(text: str, ent: Entity, trig_end: int) -> bool:
    """A singular demonym right after another word describes that word ("رئيس الوزراء
    الفلسطيني", "صادرات الحبوب الأوكرانية"): it is no party, unless it follows the attack
    noun itself ("الاعتداء الإسرائيلي"). Plurals (الفلسطينيون) name people and stay."""
    if ent.label != "NORP" or " " in ent.text.strip() or 0 <= ent.start - trig_end <= 2:
        return False
    w = normalize(ent.text).text
    if not (w.endswith("ي") or w.endswith("يه")):
        return False
    before = text[max(0, ent.start - 30):ent.start]
    if not (before[-1:].isspace() and before[-2:-1].isalpha()):
        return False
    return normalize(before).text.split()[-1] not in FORCE_WORDS


def _target_mark(between: str, extra: frozenset | set = frozenset()) -> bool:
    return any(w in _TARGET_MARKS or w in extra for w in normalize(between).text.split())


def _cue_index(words: list[str], i: int) -> Optional[int]:
    """Index of the call or threat verb that governs the trigger at ``words[i]``."""
    for k in range(i - 1, max(-1, i - 25), -1):
        if _base(words[k]) in _CALL or _base(words[k]) in _THREAT:
            return k
    return None


def _kb_name(kb_id: str) -> Optional[str]:
    """The English name of a KB entry."""
    entry = load_kb().get(kb_id)
    return getattr(entry, "name_en", None) if entry is not None else None


# Outlets, monitors and platforms are who reports an event, not a party to it: "أفاد المرصد
# ... بعد اتفاق وجهاء المدينة مع قسد" is an agreement between the notables and the SDF.
_REPORTER_KINDS = {"outlet", "monitor", "platform", "operation", "event"}


# International and non-governmental organisations document violence; in ACLED they are never
# its perpetrator (peacekeepers that fight are coded by their contingent, not as the UN).
_OBSERVER_KINDS = {"igo", "ngo"}
_VIOLENT = ("ASSAULT", "COERCE")


def _observer(kb_id: Optional[str]) -> bool:
    """Whether a KB entry is an international or non-governmental organisation."""
    entry = load_kb().get(kb_id) if kb_id else None
    return getattr(entry, "kind", None) in _OBSERVER_KINDS


def _reporter(kb_id: Optional[str]) -> bool:
    """Whether a KB entry is a source or a name of an operation rather than an actor."""
    if not kb_id:
        return False
    entry = load_kb().get(kb_id)
    return getattr(entry, "kind", None) in _REPORTER_KINDS


def extract_events(article: Article, scorer: Optional[Scorer] = sentence_scores,
                   gate: Gate | str = StrictGate(), context: Optional[Context] = None,
                   require_argument: bool = False) -> list[Event]:
    """The events of ``article``: triggers confirmed by ``scorer`` (by default the shipped
    sentence classifier; None keeps every trigger) through ``gate`` (a gate object or the name
    of a shipped one, see :mod:`rasd.events.gate`). With ``require_argument`` (the events
    stage sets it) an event naming no actor, target, place or date is dropped: a trigger word
    no one can attribute, place or date is no record a monitor can defend."""
    events = EventExtractor(article, scorer, gate_named(gate) if isinstance(gate, str) else gate, context).extract()
    if require_argument:
        events = [e for e in events if any(x is not None for x in (e.actor1, e.actor2, e.place, e.date))]
    return events
