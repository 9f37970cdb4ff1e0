"""Where reported speech ends: clause boundaries, asides, and short quoted calls."""
from __future__ import annotations

from typing import Sequence

from . import lexicon as L
from .marks import Quoted
from .words import _CLAUSE_BREAKERS, W


def in_aside(ws: Sequence[W], j: int, k: int) -> bool:
    """Past 14 tokens, keep scanning only through comma-separated asides ("، في كلمة ...،")."""
    return any(w.text in "،,-–()" for w in ws[max(j, k - 8):k])


def short_call_ok(ws: Sequence[W], k: int, lemma: str) -> bool:
    """A one- or two-word quote is speech only as the object of a call: دعا إلى "الثأر"."""
    return lemma in L.CALL_CUES and k > 0 and ws[k - 1].norm in ("الي", "ب", "بـ")


def clause_end(text: str, quoted: Sequence[Quoted], ws: Sequence[W], m: int, sent_end: int) -> tuple[int, int]:
    """End of an indirect clause: the sentence end, or a comma before a new cue or clause."""
    depth_end = None
    for x in range(m, len(ws)):
        w = ws[x]
        if w.text in (".", "!", "?", "؟") and x + 1 < len(ws) and not any(q.start <= w.start < q.end for q in quoted):
            depth_end = x  # an indirect clause never runs past a full stop
            break
        if w.text in "،," and x + 1 < len(ws):
            n = ws[x + 1]
            cue = L.CUES.get(n.norm) or L.CUES.get(n.bare)
            if (cue is not None and cue[0] not in L.DIRECT_ONLY) or n.norm in _CLAUSE_BREAKERS:
                depth_end = x
                break
    if depth_end is None:
        e = sent_end
        while e > ws[m].start and text[e - 1] in ".،,:؛ ":
            e -= 1
        return e, len(ws)
    e = ws[depth_end].start
    while e > ws[m].start and text[e - 1] == " ":
        e -= 1
    return e, depth_end
