"""Sentence context that tells an incident from a word that only looks like one.

Measured on the dev half of our gold set of current reports (benchmarks/events_gold_eval.py,
docs/events_gold.md): most false events in news that is not about a war came from

* mobilization nouns in their civil senses (حشد الأصوات، تعبئة الموارد، تجنيد الأطفال as a
  cause): these need a military word in the sentence;
* the noun "threat" in policy language (ردع التهديدات، تهديدات أخرى): a threat is an event
  when the sentence names the violence threatened or the verb هدد/توعد carries it;
* calls that ask for something other than violence (دعت إلى التحقيق في مقتل ...، طالب بوقف
  الحرب): a killing word under a call cue is a call to violence only when nothing between the
  cue and it asks to investigate, stop or punish;
* running tallies, history and accidents reported with a death toll (a thousand dead or more
  in one sentence, منذ بداية الحرب، بلغ عدد،
  حروب أعوام 1948 و1965، تحطم طائرة): they are not incidents that anyone carried out.
"""
from __future__ import annotations

import re

from ..text import norm


def _folded(words: str) -> frozenset[str]:
    return frozenset(norm(w) for w in words.split())


_NEEDS_MILITARY = _folded("حشد حشود تعبئة تجنيد تطويع تعزيزات")
_MILITARY = _folded(
    "قوات القوات جنود الجنود جندي مقاتلين المقاتلين مقاتلي مسلحين المسلحين مسلحة عسكري عسكرية العسكرية "
    "العسكري الجيش جيش عناصر ميليشيا ميليشيات الميليشيات دبابات آليات عتاد الجبهة جبهات الحدود "
    "كتائب كتيبة لواء فصائل الفصائل التنظيم مرتزقة الحرس")
_THREAT_NOUNS = _folded("تهديد تهديدات التهديد التهديدات إنذار الإنذار")
_VIOLENCE = _folded(
    "هجوم هجمات الهجوم الهجمات بشن شن قصف القصف ضرب ضربة ضربات حرب الحرب اجتياح اقتحام غزو "
    "قتل بقتل تصفية اغتيال الثأر بالثأر انتقام بالانتقام تفجير تفجيرات عملية عمليات عسكرية")
_NOT_VIOLENT_ASK = _folded(
    "تحقيق التحقيق بالتحقيق لتحقيق تحقيقات محاسبة المحاسبة بمحاسبة وقف بوقف لوقف إنهاء بإنهاء لإنهاء "
    "منع بمنع لمنع حماية بحماية لحماية الإفراج بالإفراج إدانة محاكمة بمحاكمة معاقبة بمعاقبة كشف بكشف")
_ACCIDENT = _folded("تحطم تحطمت تحطّم حادث حادثة الحادث حوادث غرق حريق انهيار زلزال فيضان فيضانات سيول")
# "since the start of the war", "the number reached", wars of past decades. (A toll alone is
# not a tally: "ارتفعت حصيلة تفجير السيارة إلى سبعة" updates one incident.)
_TALLY = re.compile(r"(?:^| )(?:منذ (?:بدء|بدايه|اندلاع|انطلاق|مطلع|سنوات|اعوام|عقود)|بلغ عدد|اجمالي|"
                    r"حروب|اعوام 19\d\d|عام 19\d\d|منذ عام|علي مدي|في المجمل|"
                    r"خلال (?:السنوات|الاعوام|الاشهر|الشهور|العقد|العقود|العام الماضي))(?: |$)")


def _forms(words: list[str]) -> set[str]:
    """The sentence's words as written and without a leading و/ف (وتحطمت → تحطمت)."""
    return set(words) | {w[1:] for w in words if len(w) > 3 and w[0] in "وف"}


# A toll this large in one sentence is a count over a war or a region ("مقتل أكثر من 2900
# شخص بالقارة الإفريقية بسبب هجمات داعش"), not one incident.
TALLY_DEAD = 1000


def civil_mobilization(words: list[str], base: str) -> bool:
    """A mobilization noun with no military word in its sentence (حشد الأصوات)."""
    return base in _NEEDS_MILITARY and not _MILITARY & _forms(words)


def empty_threat(words: list[str], word: str, base: str) -> bool:
    """The noun "threat" in a sentence that names no violence (ردع التهديدات الإقليمية)."""
    return (word in _THREAT_NOUNS or base in _THREAT_NOUNS) and not _VIOLENCE & _forms(words)


def asks_for_redress(words: list[str], cue: int, i: int) -> bool:
    """Whether the call between ``cue`` and the trigger at ``i`` asks to investigate, stop or
    punish (دعت إلى التحقيق في مقتل) rather than for violence."""
    return bool(_NOT_VIOLENT_ASK & _forms(words[cue + 1:i]))


def tally_or_accident(words: list[str]) -> bool:
    """A running toll, past wars or an accident: a death count that is no incident."""
    return bool(_ACCIDENT & _forms(words)) or bool(_TALLY.search(" ".join(words)))


class Context:
    """The context rules as one policy object (``Context(rules=())`` turns them off, so the
    benchmark can measure what each one buys)."""

    RULES = ("mobilization", "threat", "redress", "tally")

    def __init__(self, rules: tuple[str, ...] = RULES):
        self.rules = frozenset(rules)

    def admits(self, etype: str, status: str, words: list[str], i: int, word: str, base: str,
               killed: int | None = None) -> bool:
        """Whether the trigger ``word`` at ``i`` may stand as an event of ``etype``/``status``
        (``killed``: the sentence's death toll)."""
        r = self.rules
        if etype == "MOBILIZE" and "mobilization" in r and civil_mobilization(words, base):
            return False
        if etype == "THREATEN" and "threat" in r and empty_threat(words, word, base):
            return False
        if etype == "ASSAULT" and status == "called" and "redress" in r:
            cue = _call_cue(words, i)
            if cue is not None and asks_for_redress(words, cue, i):
                return False
        if etype == "ASSAULT" and status == "occurred" and "tally" in r and (
                tally_or_accident(words) or (killed or 0) >= TALLY_DEAD):
            return False
        return True


def _call_cue(words: list[str], i: int):
    from .status import _CALL, _base

    return next((k for k in range(i - 1, max(-1, i - 25), -1) if _base(words[k]) in _CALL), None)


CONTEXT = Context()
