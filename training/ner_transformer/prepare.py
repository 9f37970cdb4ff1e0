"""Prepare what the GPU run needs, in scratch/ner_e5/ (git-ignored; carried to the device).

- ``data.json``: ANERcorp train split into train (first 90% of sentences) and dev (the
  last 10%, never trained on); per sentence the piece ids of each word (trimmed
  vocabulary), the gazetteer feature flags and the gold tags. Ids and flags only: the
  texts themselves do not travel.
- ``init.npz``: e5-small's encoder with the trimmed embedding rows, still as 4-bit blocks.

    .venv/bin/python training/ner_transformer/prepare.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))
import e5file  # noqa: E402
import weights  # noqa: E402
from rasd.ner.transformer import DATA_DIR, Gazetteer  # noqa: E402
from rasd.ner.unigram import Unigram  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SCRATCH = ROOT / "scratch" / "ner_e5"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a `token TAG` file as (words, tags)."""
    out, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1] if len(parts) > 1 else "O")
    if words:
        out.append((words, tags))
    return out


def split(sents):
    """(train, dev): dev is the last 10% of sentences."""
    cut = len(sents) - len(sents) // 10
    return sents[:cut], sents[cut:]


def unlabeled_sentences(data: Path = SHARED) -> list[list[str]]:
    """Unlabeled news sentences under open licenses, for self-training (pseudo-labels).

    Arabic event GSR sentences (MIT), ANS headlines and claims (Apache-2.0) and the Wojood
    sample's text (MIT, its tags ignored). raw_news is not used: it carries no license.
    """
    import csv
    from rasd.text import tokenize
    texts: list[str] = []
    for name in ("assault_gsr.csv", "protest_gsr.csv"):
        with open(data / "arabic_event_gsr" / name, encoding="utf-8") as f:
            texts += [r["text"] for r in csv.DictReader(f)]
    for sub in ("stance", "claim"):
        for split_name in ("train.csv", "dev.csv"):
            with open(data / "ans" / sub / split_name, encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    texts += [v for k, v in r.items() if k in ("s1", "s2", "claim", "claim_s") and v]
    out = [[t.text for t in tokenize(x)] for x in dict.fromkeys(texts)]
    for p in sorted((data / "wojood_sample").glob("*.txt")):
        out += [w for w, _ in read_conll(p)]
    return [s[:120] for s in out if 3 <= len(s)]


def main() -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    vocab = json.loads((DATA_DIR / "vocab.json").read_text(encoding="utf-8"))
    tok = Unigram(vocab["pieces"], vocab["scores"], vocab["normmap"], vocab["unk_id"])
    gaz = Gazetteer(json.loads((DATA_DIR / "gazetteer.json").read_text(encoding="utf-8")))
    train, dev = split(read_conll(SHARED / "anercorp" / "train.txt"))
    data = {}
    for name, sents in (("train", train), ("dev", dev)):
        data[name] = [{"ids": [list(tok.encode_word(w)) for w in words],
                       "feats": gaz.features(words).astype(int).tolist(), "tags": tags}
                      for words, tags in sents]
        n_words = sum(len(s[0]) for s in sents)
        n_sub = sum(len(x) for s in data[name] for w in s["ids"] for x in [w])
        print(f"{name}: {len(sents)} sentences, {n_words} words, {n_sub / n_words:.3f} subwords/word")
    unl = unlabeled_sentences()
    data["unlabeled"] = [{"ids": [list(tok.encode_word(w)) for w in words],
                          "feats": gaz.features(words).astype(int).tolist(), "tags": ["O"] * len(words)}
                         for words in unl]
    print(f"unlabeled: {len(unl)} sentences, {sum(map(len, unl))} words")
    data["vocab"] = len(vocab["pieces"])
    (SCRATCH / "data.json").write_text(json.dumps(data), encoding="utf-8")
    packed = weights.pack(e5file.read(), vocab["old_ids"])
    np.savez(SCRATCH / "init.npz", **packed)
    print(f"wrote {SCRATCH}: init.npz {(SCRATCH / 'init.npz').stat().st_size / 1e6:.1f} MB, "
          f"data.json {(SCRATCH / 'data.json').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
