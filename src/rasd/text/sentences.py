"""Sentence splitting with offsets.

sentencex does the segmentation; we then split again at line breaks (a paragraph never
continues across one in news text), never split at the Arabic comma ، and re-join
splits that follow an Arabic abbreviation (د. for doctor, م. for the Gregorian era).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sentencex import segment

# One- or two-letter abbreviations that end with a period but not a sentence.
_ABBREV = re.compile(r"(?:^|[\s(«\"])(?:د|م|ه|هـ|ق|ص|ج|ت|أ|س|ش|ر|ع|ح)\.\s*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence; ``first``/``last`` index its tokens in ``Article.tokens`` (text layer)."""

    start: int
    end: int
    text: str
    first: int = 0
    last: int = 0


def _segments(text: str):
    """(start, end) of sentencex's segments, located in ``text``."""
    pos = 0
    for seg in segment("ar", text):
        if not seg.strip():
            pos += len(seg)
            continue
        idx = text.find(seg, pos)
        if idx < 0:  # sentencex altered the text: fall back to the stripped segment
            idx = text.find(seg.strip(), pos)
            if idx < 0:
                continue
            seg = seg.strip()
        yield idx, idx + len(seg)
        pos = idx + len(seg)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text``: trimmed spans, never crossing a line break."""
    spans: list[list[int]] = []
    for s, e in _segments(text):
        if spans and _ABBREV.search(text[spans[-1][0]:spans[-1][1]]) and "\n" not in text[spans[-1][1]:s]:
            spans[-1][1] = e
        else:
            spans.append([s, e])
    out: list[Sentence] = []
    for s, e in spans:
        for m in re.finditer(r"[^\n]+", text[s:e]):
            a, b = s + m.start(), s + m.end()
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append(Sentence(a, b, text[a:b]))
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence that contains ``offset``."""
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None
