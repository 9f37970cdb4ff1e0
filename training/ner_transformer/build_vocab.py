"""Trim e5's 250k-piece XLM-R vocabulary to the pieces Arabic news needs.

Kept: <s>/<pad>/</s>/<unk>, every piece that the full vocabulary's Viterbi segmentation
uses on any word of ANERcorp, AQMAR, the Wojood sample and raw_news (after dropping
diacritics and tatweel), and every single-character piece below U+3000 (Arabic, Latin,
digits, punctuation, symbols) with and without the ``▁`` word-start marker, so that any
word in those scripts can still be segmented with the trimmed list alone.

Writes ``src/rasd/data/ner/e5/vocab.json`` (pieces, scores, normalization map, and the
original row of each piece in ``old_ids``) and prints subword-per-word figures.

    .venv/bin/python training/ner_transformer/build_vocab.py
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))
import e5file  # noqa: E402
from rasd.ner.unigram import META, Unigram  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "rasd" / "data" / "ner" / "e5" / "vocab.json"


def conll_words(path: Path):
    """Tokens of a `token TAG` file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            yield parts[0]


def corpus_words() -> Counter:
    """Word counts over every corpus the trimmed vocabulary must cover."""
    c: Counter = Counter()
    c.update(conll_words(SHARED / "anercorp" / "train.txt"))
    for p in sorted((SHARED / "aqmar").glob("*.txt")):
        c.update(conll_words(p))
    for p in sorted((SHARED / "wojood_sample").glob("*.txt")):
        c.update(conll_words(p))
    with gzip.open(SHARED / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            c.update(((d.get("title") or "") + " " + (d.get("text") or "")).split())
    return c


def main() -> None:
    f = e5file.read()
    full = Unigram(f.pieces, f.scores.tolist(), f.normmap, f.special["unk"])
    raw = Unigram(f.pieces, f.scores.tolist(), f.normmap, f.special["unk"], strip_marks=False)
    words = corpus_words()
    print(f"{len(words)} distinct words, {sum(words.values())} tokens")
    used: set[int] = set()
    for w in words:
        used.update(full.encode_word(w))
    # effect of dropping marks, measured on ANERcorp
    aner = list(conll_words(SHARED / "anercorp" / "train.txt"))
    a = sum(len(raw.encode_word(w)) for w in aner) / len(aner)
    b = sum(len(full.encode_word(w)) for w in aner) / len(aner)
    print(f"ANERcorp subwords/word: {a:.3f} raw, {b:.3f} with diacritics/tatweel dropped")
    keep = {0, 1, 2, 3} | used
    for i, p in enumerate(f.pieces):
        body = p[1:] if p.startswith(META) else p
        if len(body) == 1 and ord(body) < 0x3000:
            keep.add(i)
        if p == META:
            keep.add(i)
    old_ids = sorted(keep)
    pieces = [f.pieces[i] for i in old_ids]
    scores = [round(float(f.scores[i]), 5) for i in old_ids]
    # control pieces get a harmless score: they never match text anyway
    normmap = {str(k): v for k, v in sorted(f.normmap.items())}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"pieces": pieces, "scores": scores, "normmap": normmap, "unk_id": 3,
                               "old_ids": old_ids}, ensure_ascii=False), encoding="utf-8")
    trimmed = Unigram(pieces, scores, normmap, 3)
    same = sum(1 for w in aner if [old_ids[x] for x in trimmed.encode_word(w)] == list(full.encode_word(w)))
    print(f"kept {len(pieces)} pieces ({len(used)} used by the corpora); "
          f"ANERcorp words segmented identically: {same / len(aner):.4f}; wrote {OUT}")


if __name__ == "__main__":
    main()
