"""English spellings for Arabic names that are not in the knowledge base.

arabic-name-romanizer (offline: a name dictionary plus a small bundled ONNX model) does the
work; if it is unavailable or fails on a string, a plain letter-by-letter transliteration is
used instead, so a mention never loses its name_en for that reason.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..text import norm

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "a", "و": "w",
    "ي": "y", "ء": "'", "پ": "p", "چ": "ch", "گ": "g", "ڤ": "v",
}


def _plain_word(word: str) -> str:
    """Letter-by-letter romanization of one normalized word."""
    if word.startswith("ال") and len(word) > 3:
        return "al-" + _plain_word(word[2:])
    out = []
    for i, ch in enumerate(word):
        if ch == "و" and 0 < i:
            out.append("u" if i < len(word) - 1 else "w")
        elif ch == "ي" and 0 < i:
            out.append("i" if i < len(word) - 1 else "i")
        elif ch == "ه" and i < len(word) - 1:
            out.append("h")
        else:
            out.append(_LETTERS.get(ch, ch))
    return "".join(out)


def plain_romanize(text: str) -> str:
    """Simple rule-based romanization (the fallback)."""
    words = [_plain_word(w) for w in re.findall(r"\w+", norm(text))]
    return " ".join(w[:1].upper() + w[1:] if not w.startswith("al-") else "al-" + w[3:4].upper() + w[4:]
                    for w in words if w)


@lru_cache(maxsize=2)
def _romanizer(neural: bool):
    """An arabic-name-romanizer transliterator (dictionary + rules; plus its ONNX model when
    ``neural``), or None when the package is not installed."""
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:
        return None
    # The ONNX beam search costs ~30 ms a name; dictionary + rules cost under 1 ms.
    return Transliterator(auto_load_model=neural)


@lru_cache(maxsize=20000)
def romanize(text: str, neural: bool = False) -> str:
    """English spelling of an Arabic name ("أحمد الرمضان" -> "Ahmed Al Ramadan").

    ``neural`` adds the package's neural model for names its dictionary lacks (slower; the
    ``accurate`` profile uses it).
    """
    text = text.strip()
    if not text:
        return ""
    if not re.search(r"[\u0600-\u06FF]", text):
        return text
    tr = _romanizer(neural)
    if tr is not None:
        try:
            out = tr.transliterate(text)
        except Exception:  # the package can fail on odd input; the rule fallback covers it
            out = None
        if isinstance(out, list):
            out = out[0] if out else None
        if out is not None and not isinstance(out, str):
            out = getattr(out, "text", None) or getattr(out, "latin", None)
        if out and not re.search(r"[\u0600-\u06FF]", out):
            return out
    return plain_romanize(text)
