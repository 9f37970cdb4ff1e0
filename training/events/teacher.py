"""Soft labels for distillation: the ``accurate`` classifier's probabilities on raw_news sentences.

    .venv/bin/python training/events/teacher.py --n 2000 --out scratch/teacher.jsonl

Sentences come from ../shared/data/raw_news articles that are not in the events gold set
(benchmarks/events_gold), every category, in file order; a sentence is kept when it holds
an ASSAULT or PROTEST trigger (the only sentences the pipeline scores). Each output line:
{"article", "start", "end", "text", "p": {type: probability}}. The file stays in scratch/
(article text is never committed); train_fast.py --teacher reads it.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from rasd.events.classifier import SentenceScorer  # noqa: E402
from rasd.events.lexicon import find_triggers  # noqa: E402
from rasd.ingest.readers import IngestOptions, make_article  # noqa: E402
from rasd.text import norm, segment  # noqa: E402


def gold_ids() -> set[str]:
    ids = set()
    for name in ("articles.jsonl", "articles_B.jsonl"):
        for line in open(ROOT / "benchmarks" / "events_gold" / name, encoding="utf-8"):
            ids.add(json.loads(line)["id"])
    return ids


def candidates(shared: Path, n: int):
    """(article id, sentence) with an ASSAULT/PROTEST trigger, up to ``n``."""
    skip, got = gold_ids(), 0
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in skip or not r.get("text", "").strip():
                continue
            a = segment(make_article(r["text"], IngestOptions(), source="teacher", id=r["id"]))
            for s in a.sentences:
                words = [t.norm or norm(t.text) for t in a.tokens if s.start <= t.start < s.end and t.is_word]
                if any(h.entry.type in ("ASSAULT", "PROTEST") for h in find_triggers(words)):
                    yield r["id"], s, a.text[s.start:s.end]
                    got += 1
                    if got >= n:
                        return


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--out", default=str(ROOT / "scratch" / "teacher.jsonl"))
    args = ap.parse_args()
    score = SentenceScorer(profile="accurate")  # the shipped e5 model
    rows = list(candidates(Path(args.shared), args.n))
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(0, len(rows), 32):
            batch = rows[i:i + 32]
            got = score([t for _, _, t in batch])
            for j, (aid, s, text) in enumerate(batch):
                p = {t: round(v[1][j], 4) for t, v in got.items()}
                out.write(json.dumps({"article": aid, "start": s.start, "end": s.end, "text": text, "p": p},
                                     ensure_ascii=False) + "\n")
            out.flush()
            print(i + len(batch), "of", len(rows), flush=True)


if __name__ == "__main__":
    main()
