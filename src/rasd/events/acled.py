"""PLOVER event -> ACLED event_type / sub_event_type, through data/events/acled.tsv.

The context rules live here (the table only maps kinds): an attack on civilians is
Violence against civilians, territory taken by a government force is "Government regains
territory", protesters dispersed or shot are "Protest with intervention" / "Excessive force".
"""
from __future__ import annotations

from typing import Optional

from ..model import Acled
from ..text import norm
from .lexicon import acled_rows

_CIVILIANS = {norm(w) for w in ("مدنيين مدنيون مدني المدنيين مصلين مصليا المصلين مواطنين المواطنين "
                                "اطفال الاطفال نساء النساء اهالي سكان مسجد مسجدين المسجدين كنيسه "
                                "سوق مدرسه مستشفي مخيم").split()}
_GOV = {norm(w) for w in "الجيش الحكومية الحكوميه النظام الشرطة الشرطه الأمن الامن الحكومة الحكومه".split()}
_DISPERSE = {norm(w) for w in "تفريق فرقت لتفريق الغاز المسيل للدموع اعتقال اعتقلت قمع".split()}
_MOB = {norm(w) for w in "غاضبون غاضبه حشد الغاضبين".split()}


def acled_for(etype: str, mode: Optional[str], kind: Optional[str], words: list[str],
              fatalities: Optional[int], actor1_text: str = "") -> Optional[Acled]:
    """The ACLED coding of an occurred event (None when ACLED codes no such event)."""
    ws = set(words)
    k = kind or ""
    if etype == "ASSAULT":
        if k == "territory" and any(g in norm(actor1_text) for g in _GOV):
            k = "territory-gov"
        elif k != "territory" and ws & _CIVILIANS:
            k = "civilians"
    elif etype == "PROTEST":
        if fatalities or (ws & {"النار", "الرصاص", "الحي"} and ws & {"المتظاهرين", "المحتجين"}):
            k = "excessive"
        elif ws & _DISPERSE:
            k = "disperse"
        elif k != "riot" and ws & _MOB:
            k = "mob"
    for t, kk, mm, ev, sub in acled_rows():
        if t == etype and kk in ("*", k) and mm in ("*", mode or ""):
            return Acled(ev, sub)
    return None
