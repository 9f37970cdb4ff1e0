"""Where reported speech ends: clause boundaries, asides, and short quoted calls."""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from . import lexicon as L
from .marks import Quoted
from .words import _BLOCKERS, _CLAUSE_BREAKERS, W, _words


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


def cue_content(text: str, quoted: Sequence[Quoted], ws: Sequence[W], j: int, sent_end: int, lemma: str,
                apposition: Callable[[int], Optional[Quoted]]):
    """What a cue at ``ws[j-1]`` introduces: ((start, end), kind, next token index) or None."""
    k = j
    limit = min(len(ws), j + 40)
    if k < len(ws) and ws[k].text == ":" and (k + 1 >= len(ws) or ws[k + 1].text not in "«“”\"'"):
        # "بقولهم: الحمد لله ..." — speech after a colon with no quote marks
        s = ws[k + 1].start if k + 1 < len(ws) else sent_end
        e, nxt = clause_end(text, quoted, ws, k + 1, sent_end) if k + 1 < len(ws) else (sent_end, len(ws))
        stop = next((m for m in range(k + 1, len(ws)) if ws[m].text in "«“”\"" and ws[m].start < e), None)
        if stop is not None:
            e = ws[stop].start
            while e > s and text[e - 1] == " ":
                e -= 1
        if e > s and len(ws) - k > 4:
            return (s, e), "direct", nxt
    while k < limit and (k - j <= 14 or in_aside(ws, j, k)):
        w = ws[k]
        if w.is_word and (L.CUES.get(w.norm) or L.CUES.get(w.bare)) and k > j:
            return None, None, k
        if w.text in "«“”\"'" or w.text in ("‘",):
            q = next((q for q in quoted if q.open_at == w.start), None)
            if q is not None and text[q.start] in "،,.;:؛":
                q = None  # a closing mark read as an opening: not a quote
            if q is not None:
                n = len([x for x in _words(text, q.start, q.end) if x.is_word])
                nxt_word = [x for x in ws if x.start > q.close_at][:1]
                if lemma in L.CALL_CUES and nxt_word and nxt_word[0].norm in ("الي", "ب", "بان", "الا"):
                    k = next((m for m in range(k, len(ws)) if ws[m].start > q.close_at), len(ws))
                    continue  # دعا "شبان المسلمين" إلى ...: the addressee, not the words
                if n >= 3 or short_call_ok(ws, k, lemma):
                    # A quoted name right after the cue (apposition of a title) is not speech.
                    if n <= 4 and apposition(ws[k - 1].end if k > 0 else q.open_at) is q and k - j <= 4:
                        k += 1
                        continue
                    nxt = next((m for m in range(k, len(ws)) if ws[m].start >= q.close_at), len(ws))
                    return (q.start, q.end), "direct", nxt
        if w.is_word and w.norm in _BLOCKERS:
            return None, None, k
        if w.is_word and (w.norm in L.COMPLEMENTIZERS or w.bare in L.COMPLEMENTIZERS) and (k - j <= 22 or (k - j <= 40 and ws[k - 1].text in "،,")):
            m = k + 1
            if m < len(ws) and ws[m].text in "«“”\"'":
                q = next((q for q in quoted if q.open_at == ws[m].start), None)
                if q is not None:
                    after = text[q.close_at + 1:sent_end].lstrip()
                    if not after or after[0] in ".،,:؛" or len(after) < 3:
                        nxt = next((x for x in range(m, len(ws)) if ws[x].start >= q.close_at), len(ws))
                        return (q.start, q.end), "direct", nxt
            if m < len(ws):
                s = ws[m].start
                e, nxt = clause_end(text, quoted, ws, m, sent_end)
                if e > s:
                    return (s, e), "indirect", nxt
            return None, None, k + 1
        k += 1
    return None, None, j
