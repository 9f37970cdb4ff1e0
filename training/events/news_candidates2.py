"""Second round of in-domain candidates (issue #13): PROTEST sentences and hard ASSAULT cases.

The first round (news_candidates.py) sampled articles by category and got few PROTEST
triggers (98 labels). This round scans every raw_news article that is neither in the events
gold set (any id under benchmarks/events_gold/) nor already labelled at that sentence, and keeps

- every sentence with a PROTEST trigger (at most ``--per-article`` per article), and
- ASSAULT-trigger sentences that carry a "hard case" cue (tallies and statistics, years in
  the past, threats and warnings, reports about reports, security operations, arrests,
  figurative or sporting uses), preferring articles that are not in the teacher file so that
  the distillation rows (dropped for labelled articles) survive.

Sampling is deterministic (file order, a fixed stride for the ASSAULT part). Output:
scratch/annot2/candidates.jsonl, one line per sentence
{"article", "category", "start", "end", "types", "cues", "text"}; the text stays in the
git-ignored scratch folder, the committed labels hold ids and offsets only.

    .venv/bin/python training/events/news_candidates2.py [--assault 300] [--per-article 4]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from rasd.events.lexicon import find_triggers
from rasd.ingest.decode import InputError
from rasd.ingest.readers import IngestOptions, make_article
from rasd.text import norm, segment

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz"
GOLD = ROOT / "benchmarks" / "events_gold"
LABELS = Path(__file__).with_name("news_labels.jsonl")
TEACHER = ROOT / "scratch" / "teacher.jsonl"
OUT = ROOT / "scratch" / "annot2" / "candidates.jsonl"

# Hard-case cues for ASSAULT sentences (on the normalized sentence text).
CUES = {
    "tally": r"حصيله|اجمالي|اجمالا|اعداد|ارتفع عدد|ارتفاع عدد|منذ بدايه|منذ بدء|منذ مطلع|بالمئه|في المئه|احصاء|احصائيات",
    "past": r"\b(19[4-9]\d|200\d|201\d|2020|2021)\b",
    "threat": r"هدد|يهدد|تهديد|توعد|يتوعد|حذر|يحذر|تحذير|سيشن|ستشن|محتمل",
    "report": r"تقرير|تقارير|افادت|ذكرت|نقلت|وثقت|رصدت|منظمه العفو|هيومن رايتس",
    "security": r"حمله امنيه|عمليه امنيه|مداهمه|اعتقال|اعتقل|توقيف|احتجاز|تفكيك خليه|ضبط",
    "figurative": r"مباراه|المنتخب|الفريق|ضربه موجعه|ضربه قويه|هجوما حادا|هجوم حاد|انتقاد|سيبراني|الكتروني",
}


def gold_ids() -> set[str]:
    ids: set[str] = set()
    for p in GOLD.glob("*.jsonl"):
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                ids.add(d.get("id") or d.get("article"))
    return ids


def sentences(rid: str, text: str):
    try:
        a = segment(make_article(text, IngestOptions(), source="x", id=rid))
    except InputError:
        return
    for s in a.sentences:
        words = [t.norm or norm(t.text) for t in a.tokens if s.start <= t.start < s.end and t.is_word]
        types = sorted({h.entry.type for h in find_triggers(words)} & {"ASSAULT", "PROTEST"})
        if types:
            yield s.start, s.end, types, a.text[s.start:s.end], " ".join(words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assault", type=int, default=300, help="hard ASSAULT candidates")
    ap.add_argument("--per-article", type=int, default=4)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    skip = gold_ids()
    done = {(r["article"], r["start"]) for r in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())}
    teacher = {json.loads(line)["article"] for line in TEACHER.open(encoding="utf-8")} if TEACHER.exists() else set()
    protest, hard = [], []
    with gzip.open(RAW, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in skip:
                continue
            np_, nh = 0, 0
            for start, end, types, text, normed in sentences(d["id"], d.get("text") or ""):
                if (d["id"], start) in done:
                    continue
                row = {"article": d["id"], "category": d.get("category"), "start": start, "end": end,
                       "types": types, "cues": [], "text": text}
                if "PROTEST" in types:
                    if np_ < args.per_article:
                        protest.append(row)
                        np_ += 1
                    continue
                cues = [k for k, rx in CUES.items() if re.search(rx, normed)]
                if cues and d["id"] not in teacher and nh < 2:
                    row["cues"] = cues
                    hard.append(row)
                    nh += 1
    k = max(1, len(hard) // max(args.assault, 1))
    chosen = protest + hard[::k][: args.assault]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for c in chosen:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(protest)} PROTEST-trigger sentences, {len(hard)} hard ASSAULT (stride {k}); "
          f"{len(chosen)} candidates -> {args.out}")


if __name__ == "__main__":
    main()
