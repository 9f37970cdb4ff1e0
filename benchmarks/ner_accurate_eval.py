"""Score and time the shipped ``accurate`` NER model on the ANERcorp dev split (CPU).

Dev = the last 10% of sentences of ../shared/data/anercorp/train.txt (never trained on).
Prints entity micro P/R/F1, F1 per class, and words/s and subword tokens/s (the subwords
actually encoded, neighbour context included).

    .venv/bin/python benchmarks/ner_accurate_eval.py [--limit N] [--no-context] [--threads 2]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "anercorp" / "train.txt"


def dev_sentences(path: Path = DEV) -> list[tuple[list[str], list[str]]]:
    """The dev split: the last 10% of the file's sentences."""
    sents, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if not parts:
            if words:
                sents.append((words, tags))
            words, tags = [], []
        else:
            words.append(parts[0])
            tags.append(parts[-1])
    return sents[len(sents) - len(sents) // 10:]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="first N dev sentences only")
    ap.add_argument("--context", choices=["packed", "centred", "none"], default="packed",
                    help="neighbour context: shared windows (default), centred windows, or none")
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    import torch
    from rasd.ner.transformer import TransformerTagger, f1_report, packed_windows, windows
    if args.threads:
        torch.set_num_threads(args.threads)
    sents = dev_sentences()
    if args.limit:
        sents = sents[:args.limit]
    t0 = time.perf_counter()
    tagger = TransformerTagger(context={"packed": "packed", "centred": True, "none": False}[args.context])
    load_s = time.perf_counter() - t0
    words = [w for w, _ in sents]
    t0 = time.perf_counter()
    pred = tagger.tag(words)
    secs = time.perf_counter() - t0
    enc = [[tagger.tokenizer.encode_word(w) for w in s] for s in words]
    if tagger.context == "packed":
        subwords = sum(len(ids) for ids, _ in packed_windows(enc))
    else:
        subwords = sum(len(ids) for ids, *_ in windows(enc, context=bool(tagger.context)))
    n_words = sum(map(len, words))
    rep = f1_report([t for _, t in sents], pred)
    rep.update(sentences=len(sents), words=n_words, context=tagger.context,
               threads=torch.get_num_threads(), load_s=round(load_s, 2), tag_s=round(secs, 2),
               words_per_s=round(n_words / secs, 1), subword_tokens_per_s=round(subwords / secs, 1))
    print(json.dumps(rep, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
