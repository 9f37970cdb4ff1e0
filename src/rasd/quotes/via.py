"""Where a speaker spoke: the outlet or monitor named near a cue ("في تصريح لـ«الشرق الأوسط»",
"أفاد للمرصد", "نشرته حسابات جهادية على تلغرام")."""
from __future__ import annotations

from typing import Optional, Sequence

from . import lexicon as L
from .marks import Quoted
from .words import W


def via_between(text: str, quoted: Sequence[Quoted], ws: Sequence[W], lo: int, hi: int) -> Optional[str]:
    """The outlet or monitor named between tokens ``lo`` and ``hi``: "لـ«الشرق الأوسط»",
    "للمرصد السوري", "نشرته حسابات جهادية على تلغرام"."""
    for k in range(lo, min(hi, len(ws))):
        w = ws[k]
        if w.text.startswith("لـ") or w.norm in ("ل", "لـ"):
            q = next((q for q in quoted if 0 <= q.open_at - w.end <= 1 or
                      (w.start < q.open_at < w.end + 2)), None)
            if q is not None:
                return text[q.start:q.end]
            rest = w.text[2:].strip()
            if rest:
                return rest
        if w.norm in L.OUTLETS_TO and not ("ال" + w.norm[2:] in L.MONITOR_HEADS):
            end = w.end
            for x in ws[k + 1:k + 3]:
                if not (x.is_word and (x.norm.startswith("ال") or x.norm in ("برس", "سي", "الاوسط"))):
                    break
                end = x.end
            return ("ال" + text[w.start + 2:end]) if w.norm.startswith("لل") else text[w.start + 1:end]
        if w.norm.startswith("لل") and "ال" + w.norm[2:] in L.MONITOR_HEADS:
            end = w.end
            for x in ws[k + 1:k + 5]:
                if not (x.is_word and (x.norm.startswith("ال") or x.norm == "لحقوق")):
                    break
                end = x.end
            return "ال" + text[w.start + 2:end]
        if w.norm in L.VIA_VERBS:
            tail = []
            for x in ws[k + 1:k + 8]:
                if not x.is_word:
                    break
                tail.append(x)
            if tail:
                return text[tail[0].start:tail[-1].end]
    return None
