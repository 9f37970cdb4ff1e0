"""Quote extraction against the hand-labelled sample (benchmarks/quotes_gold.jsonl).

    .venv/bin/python benchmarks/quotes_eval.py [--shared ../shared] [--json]

The development sample (quotes_gold.jsonl, 205 quotes; the rules were tuned on it) covers every
quote in the five seeds and in eight Al Jazeera politics articles of ../shared/data/raw_news (all quotes
of each text are labelled, so precision is meaningful), plus our own sentences for the
incitement flag; --heldout scores quotes_heldout.jsonl (three more articles, labelled after
tuning and never used to change the rules). A predicted quote matches a gold one when
their overlap is at least half of the shorter span. Reported: quote detection P/R; speaker
attribution precision (right speaker among matched predictions that name one) and recall
(right speaker among all gold quotes); incitement P/R (unmatched gold calls count as misses,
unmatched flagged predictions as false alarms).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "quotes_gold.jsonl"
HELDOUT = ROOT / "benchmarks" / "quotes_heldout.jsonl"

from rasd.ingest.readers import IngestOptions, make_article  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.text import norm  # noqa: E402


def _tokens(s: str) -> set[str]:
    out = set()
    for w in norm(s).split():
        w = w.strip("،,.:\"'()")
        for p in ("وال", "ال", "و"):
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        if w in ("ابي", "ابا"):
            w = "ابو"
        if w:
            out.add(w)
    return out


def speaker_ok(pred: str | None, gold: str) -> bool:
    """Whether a predicted speaker text names one of the gold alternatives."""
    if not pred:
        return False
    p = _tokens(pred)
    for alt in gold.split("|"):
        g = _tokens(alt)
        if g and len(p & g) / len(p | g) >= 0.5:
            return True
        if g and p and (p <= g or g <= p) and len(p & g) >= 1 and max(len(p), len(g)) <= 3:
            return True
    return False


def _load_texts(shared: Path, files: set[str]) -> dict[str, str]:
    out, raw_ids = {}, {}
    for f in files:
        if "#" in f:
            path, aid = f.split("#", 1)
            raw_ids.setdefault(path, set()).add(aid)
        else:
            out[f] = (shared / f).read_text(encoding="utf-8")
    for path, ids in raw_ids.items():
        with gzip.open(shared / path, "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["id"] in ids:
                    out[f"{path}#{d['id']}"] = d["text"]
    return out


def _locate(raw: str, art_text: str, s: int, e: int) -> tuple[int, int]:
    """Map a gold span over the raw text onto the cleaned article text."""
    piece = raw[s:e]
    hits, k = [], art_text.find(piece)
    while k >= 0:
        hits.append(k)
        k = art_text.find(piece, k + 1)
    if not hits:
        raise ValueError(f"gold span not found in cleaned text: {piece[:40]!r}")
    # cleaning only drops boilerplate, so the right occurrence is the one nearest in place
    k = min(hits, key=lambda h: abs(h - s))
    return k, k + len(piece)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1, min(a[1] - a[0], b[1] - b[0])) if inter > 0 else 0.0


def closeness(gold: tuple[int, int], q: tuple[int, int]) -> tuple[float, int]:
    """Match key: overlap first, then the nearer length (a quote nested in a longer indirect
    one covers the gold span as fully as the outer one does)."""
    return _overlap(gold, q), -abs((q[1] - q[0]) - (gold[1] - gold[0]))


def evaluate(shared: Path, gold_file: Path = GOLD) -> dict:
    gold = [json.loads(l) for l in gold_file.read_text(encoding="utf-8").splitlines()[1:] if l.strip()]
    stages = ["entities", "quotes"]
    pipe = Pipeline("fast", stages=stages)
    texts = _load_texts(shared, {g["file"] for g in gold if "file" in g})
    docs: dict[str, tuple[Article, list[dict]]] = {}
    for g in gold:
        key = g.get("file") or g["sentence"]
        if key not in docs:
            if "file" in g:
                art = make_article(texts[g["file"]], IngestOptions(), source=g["file"])
            else:
                art = Article.create(g["sentence"])
            docs[key] = (pipe(art), [])
        art, items = docs[key]
        if "file" in g:
            s, e = _locate(texts[g["file"]], art.text, g["start"], g["end"])
        else:
            s, e = g["start"], g["end"]
        items.append({**g, "span": (s, e)})
    n_pred = n_gold = matched = sp_named = sp_right = 0
    inc = {"tp": 0, "fp": 0, "fn": 0}
    for art, items in docs.values():
        preds = list(art.quotes)
        used: set[int] = set()
        n_pred += len(preds)
        n_gold += len(items)
        for g in items:
            best, key = None, (0.0, 0)
            for k, q in enumerate(preds):
                if k in used:
                    continue
                c = closeness(g["span"], (q.start, q.end))
                if c[0] > 0 and (best is None or c > key):
                    best, key = k, c
            score = key[0]
            if best is None or score < 0.5:
                inc["fn"] += int(g["incitement"])
                continue
            used.add(best)
            matched += 1
            q = preds[best]
            if q.speaker is not None:
                sp_named += 1
                sp_right += int(speaker_ok(q.speaker.text, g["speaker"]))
            if q.incitement and g["incitement"]:
                inc["tp"] += 1
            elif q.incitement:
                inc["fp"] += 1
            elif g["incitement"]:
                inc["fn"] += 1
        inc["fp"] += sum(1 for k, q in enumerate(preds) if k not in used and q.incitement)

    def r(x):
        return round(x, 4)
    ip = inc["tp"] / (inc["tp"] + inc["fp"]) if inc["tp"] + inc["fp"] else 0.0
    ir = inc["tp"] / (inc["tp"] + inc["fn"]) if inc["tp"] + inc["fn"] else 0.0
    return {"gold_quotes": n_gold, "predicted": n_pred, "matched": matched,
            "quote_precision": r(matched / n_pred if n_pred else 0), "quote_recall": r(matched / n_gold),
            "speaker_precision": r(sp_right / sp_named if sp_named else 0), "speaker_recall": r(sp_right / n_gold),
            "incitement_precision": r(ip), "incitement_recall": r(ir), "incitement_counts": inc,
            "stages": stages}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--heldout", action="store_true", help="score benchmarks/quotes_heldout.jsonl instead")
    args = ap.parse_args()
    res = evaluate(args.shared, HELDOUT if args.heldout else GOLD)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for k, v in res.items():
        print(f"{k:22s} {v}")


if __name__ == "__main__":
    main()
