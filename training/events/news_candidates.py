"""Candidate sentences for the in-domain ASSAULT / PROTEST training labels.

Reads ../shared/data/raw_news/articles.jsonl.gz, skips every article of the events gold set
(benchmarks/events_gold/articles.jsonl and articles_B.jsonl: evaluation data, never training),
segments each remaining article with rasd and keeps the sentences holding a lexicon trigger of
type ASSAULT or PROTEST.  Sampling is deterministic: per category, every k-th article (in file
order) is taken so that the category gets about its quota of sentences; politics gets most of the
quota, the other categories supply the metaphorical / sports / generic uses that are negatives.

Output: scratch/annot/candidates.jsonl, one line per sentence
{"article", "start", "end", "types": [...], "text"}.  The text stays in scratch (git-ignored);
the committed labels (training/events/news_labels.jsonl) hold ids and offsets only.

    .venv/bin/python training/events/news_candidates.py [--total 900]
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from pathlib import Path

from rasd.events.lexicon import find_triggers
from rasd.ingest.decode import InputError
from rasd.ingest.readers import IngestOptions, make_article
from rasd.text import norm, segment

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz"
GOLD = [ROOT / "benchmarks" / "events_gold" / "articles.jsonl",
        ROOT / "benchmarks" / "events_gold" / "articles_B.jsonl"]
OUT = ROOT / "scratch" / "annot" / "candidates.jsonl"
TYPES = ("ASSAULT", "PROTEST")
# share of the sentence budget per category (the rest of the categories share what is left)
SHARE = {"politics": 0.70, "culture": 0.10, "economy": 0.10, "science": 0.10}
MAX_PER_ARTICLE = 8  # so that one long war report does not fill the quota


def gold_ids() -> set[str]:
    ids: set[str] = set()
    for p in GOLD:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def article_candidates(rid: str, text: str) -> list[dict]:
    try:
        a = segment(make_article(text, IngestOptions(), source="x", id=rid))
    except InputError:  # nothing left after cleaning
        return []
    out = []
    for s in a.sentences:
        words = [t.norm or norm(t.text) for t in a.tokens if s.start <= t.start < s.end and t.is_word]
        types = sorted({h.entry.type for h in find_triggers(words)} & set(TYPES))
        if types:
            out.append({"article": rid, "start": s.start, "end": s.end, "types": types,
                        "text": a.text[s.start:s.end]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--total", type=int, default=900)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    skip = gold_ids()
    by_cat: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(RAW, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in skip:
                continue
            by_cat[d.get("category") or "?"].append(d)
    # First pass over a deterministic stride estimates the candidate yield per article, then
    # the stride k is chosen per category to meet its quota.
    chosen: list[dict] = []
    for cat in sorted(by_cat):
        arts = by_cat[cat]
        quota = int(args.total * SHARE.get(cat, 0.05))
        probe = arts[::10]
        yields = [min(len(article_candidates(d["id"], d.get("text") or "")), MAX_PER_ARTICLE) for d in probe]
        mean = max(sum(yields) / max(len(yields), 1), 1e-6)
        need = quota / mean
        k = max(1, int(len(arts) / need)) if need else len(arts)
        got: list[dict] = []
        for d in arts[::k]:
            got.extend(article_candidates(d["id"], d.get("text") or "")[:MAX_PER_ARTICLE])
            if len(got) >= quota:
                break
        print(f"{cat}: {len(arts)} articles, stride {k}, {len(got)} sentences")
        chosen.extend(got[:quota])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for c in chosen:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} candidates -> {args.out}")


if __name__ == "__main__":
    main()
