"""Quoted spans in every mark style: « », “ ”, "…", '…', nested, across sentences.

Arabic news mixes marks freely (و”أراضي الخلافة” opens with a closing curly quote), so
“ ” and " are one family that pairs with itself, « » a second, ' a third. A line break
ends every open quote: a paragraph never continues a quote in news text.
"""
from __future__ import annotations

from dataclasses import dataclass

_GUILLEMET_OPEN, _GUILLEMET_CLOSE = "«", "»"
_CURLY = "“”\"„"
_SINGLE = "'‘’"
_MAX_STRAIGHT = 500


@dataclass(frozen=True, slots=True)
class Quoted:
    """The inside of one pair of quote marks (trimmed) and the marks' own offsets."""

    start: int
    end: int
    open_at: int
    close_at: int
    depth: int


def _letter(ch: str) -> bool:
    return ch.isalnum()


def quoted_spans(text: str) -> list[Quoted]:
    """Every closed pair of quote marks in ``text``, outer and inner, in text order."""
    out: list[Quoted] = []
    stack: list[tuple[str, int]] = []  # (family, offset of the opening mark)

    def close(family: str, at: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == family:
                opened = stack[k][1]
                del stack[k:]
                s, e = opened + 1, at
                while s < e and (text[s].isspace() or text[s] == "\u0640"):
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    out.append(Quoted(s, e, opened, at, k))
                return True
        return False

    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
        elif ch == _GUILLEMET_OPEN:
            stack.append(("g", i))
        elif ch == _GUILLEMET_CLOSE:
            close("g", i)
        elif ch == "“" or ch == "„":
            stack.append(("c", i))
        elif ch == '"':
            # A straight mark says by its neighbours whether it opens ( "كلمة) or closes
            # (كلمة" ). News copy often drops a closing mark: an opening mark while one is
            # open ends the earlier quote at its sentence's full stop.
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            opened = next((o for f, o in reversed(stack) if f == "c"), None)
            looks_open = not _letter(prev) and prev not in ".،,؛:!?؟)»”" and _letter(nxt)
            looks_close = not _letter(nxt) and (_letter(prev) or prev in ".!?؟)»”")
            if opened is not None and (looks_open and text[opened] == '"' or i - opened > _MAX_STRAIGHT):
                stop = text.find(".", opened, i)
                stack[:] = [(f, o) for f, o in stack if o < opened]
                if stop > opened + 1:
                    stack.append(("c", opened))
                    close("c", stop)
                stack.append(("c", i))
            elif opened is not None:
                close("c", i)
            elif not looks_close:
                stack.append(("c", i))
        elif ch == "”":
            # Closes an open quote of its family if there is one, else opens (و”أراضي الخلافة”).
            if not close("c", i):
                stack.append(("c", i))
        elif ch in _SINGLE:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            opens = not _letter(prev) and _letter(nxt)
            closes = any(f == "s" for f, _ in stack) and not _letter(nxt)
            if closes:
                close("s", i)
            elif opens:
                stack.append(("s", i))
    out.sort(key=lambda q: (q.start, -q.end))
    return out
