"""Speaker rules for reported speech whose speaker is not the subject of the cue verb.

Three constructions move the words away from the cue's subject:
- a relay, "نقل X عن Y": the words are Y's, X is the channel;
- owned speech, "تحدثت مصادر عن قيام التنظيم بتركيز خطبه ... عن «...»": the words are the
  owner's of the sermons or statement, not the sources' who describe them;
- a plural cue ("واصفين", "بقولهم") after a new clause: its subject is the nearest group of
  people in that clause ("وذهب بعض الخطباء ... واصفين"), not the earlier speaker.
Each helper works on the extractor's word list (``W`` tokens) and returns indices or entities;
the extractor turns them into Speaker records.
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..model import Entity
from . import lexicon as L
from .words import _CLAUSE_BREAKERS, W

_ADVERBS = {"ايضا", "كذلك", "بدوره", "بدورها", "حينها", "امس", "اليوم"}
_PLURAL_ENDINGS = ("ين", "ون")


def relay_source(ws: Sequence[W], after: int) -> Optional[int]:
    """Index of the "عن" that names the source of a relay cue ending at ``ws[after - 1]``.

    Only adverbs may stand between: "نقل أيضا عن مصادر" and "نقلت وكالة رويترز عن مصادر"
    (the caller passes ``after`` past the subject noun phrase)."""
    for k in range(after, min(len(ws), after + 3)):
        if ws[k].norm == "عن":
            return k
        if not ws[k].is_word or ws[k].norm not in _ADVERBS:
            return None
    return None


def is_plural_cue(w: W) -> bool:
    """A cue whose subject is plural: "واصفين", "مؤكدين", "بقولهم"."""
    return any(x.endswith("هم") or (len(x) > 5 and x.endswith(_PLURAL_ENDINGS)) for x in (w.norm, w.bare))


def group_before(ws: Sequence[W], i: int, last_cue: int, sentence_start: int = 0) -> Optional[tuple[int, int]]:
    """Token span [a, b] of the nearest group of people before ``ws[i]`` that can be its subject.

    With an earlier cue in the sentence the group must follow a clause break after that cue
    ("تحدثت مصادر ... ، وذهب بعض الخطباء ... واصفين"): without one, a plural after the cue is
    that cue's object ("قصفت المدنيين، مشيرين" keeps the first speaker)."""
    lo = sentence_start
    if last_cue >= 0:
        breaks = [k for k in range(last_cue + 1, i)
                  if ws[k].norm in _CLAUSE_BREAKERS or ws[k].bare in _CLAUSE_BREAKERS]
        if not breaks:
            return None
        lo = breaks[-1]
    for k in range(i - 1, lo - 1, -1):
        w = ws[k]
        if not w.is_word:
            continue
        if w.norm in L.PEOPLE_PLURALS or w.bare in L.PEOPLE_PLURALS:
            a = k
            if k - 1 >= lo and ws[k - 1].norm in L.GROUP_OPENERS:
                a = k - 1
            elif k - 2 >= lo and ws[k - 1].norm == "من" and ws[k - 2].norm in L.GROUP_OPENERS:
                a = k - 2
            return a, k
        if w.norm in L.GROUP_OPENERS and k + 1 < i and ws[k + 1].is_word and ws[k + 1].norm.startswith("ال"):
            return k, k + 1  # "بعض الخطباء" with a noun not in the list
    return None


def speech_owner(ws: Sequence[W], ents: Sequence[Entity], lo: int, hi: int) -> Optional[Entity]:
    """The person or group whose own speech noun ("خطبه", "بيانها") stands between character
    offsets ``lo`` and ``hi``: the nearest such entity before that noun and after ``lo``."""
    for w in ws:
        if not (lo <= w.start and w.end <= hi) or not w.is_word:
            continue
        if w.text.endswith("ة") or (w.norm not in L.OWNED_SPEECH and w.bare not in L.OWNED_SPEECH):
            continue  # "خطبة" (a sermon) folds to the same letters as "خطبه" (his sermons)
        owners = [e for e in ents if lo <= e.start and e.end <= w.start and e.label in ("PER", "ORG")]
        if owners:
            return owners[-1]
    return None


def name_after_title(ws: Sequence[W], ents: Sequence[Entity], after: int) -> Optional[Entity]:
    """A person named within six words after a title phrase ending at ``ws[after - 1]``:
    "الأمين العام للناتو ينس ستولتنبرغ", "مفوض السياسة الخارجية في الاتحاد جوزيب بوريل".
    Stops at punctuation, a complementizer or a cue: the name belongs to the same phrase."""
    for k in range(after, min(len(ws), after + 6)):
        w = ws[k]
        if not w.is_word or w.norm in L.COMPLEMENTIZERS or w.norm in L.CUES or w.bare in L.CUES \
                or (w.norm in L.NP_STOP and w.norm != "في") or w.norm in L.TITLES:
            return None  # "وذكّر الأمين العام بكلام رئيس الوزراء ...": another person's phrase
        ent = next((e for e in ents if e.start == w.start or (e.start > w.start and e.start < w.end)), None)
        if ent is not None and ent.label == "PER":
            return ent
    return None


_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه")


def object_like(np: Sequence[W]) -> bool:
    """A noun phrase after a cue that is its object, not its subject: the head carries a
    possessive pronoun ("وأكد دعمهما بشدة", "وجدد رفضه")."""
    head = np[0].bare if np else ""
    if not np or np[0].text.endswith("ة"):
        return False  # "صحيفة": a ta marbuta folds to the same letter as the pronoun "ه"
    return len(head) >= 4 and head.endswith(_PRONOUN_SUFFIXES) and not head.startswith("ال") \
        and head not in L.KUNYA and head not in L.ANONYMOUS


def new_subject(ws_all: Sequence[W], ents: Sequence[Entity], lo: int, hi: int) -> Optional[Entity]:
    """A person introduced as a clause's subject between character offsets ``lo`` and ``hi``
    ("في المقابل، جدد الرئيس التركي رجب طيب أردوغان معارضته"): at most four words after the
    start of the clause (sentence start, comma, "كما"), none of them a preposition."""
    for e in ents:
        if e.label != "PER" or not (lo <= e.start and e.end <= hi):
            continue
        before = [w for w in ws_all if lo <= w.start and w.end <= e.start]
        clause: list[W] = []
        for w in reversed(before):
            if not w.is_word and w.text not in "-–":
                break
            if w.norm in ("كما", "وكما"):
                break
            clause.append(w)
        words = [w for w in clause if w.is_word]
        if 1 <= len(words) <= 4 and not any(w.norm in _PREPOSITIONS for w in words):
            return e
    return None


_PREPOSITIONS = {"مع", "الي", "علي", "عن", "من", "في", "بين", "ضد", "لدي", "عند", "حول", "بعد", "قبل",
                 "امام", "ضمن", "نحو", "عبر", "لصالح", "بشان", "تجاه"}
