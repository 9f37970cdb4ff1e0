"""Events against our own gold set of current reports (benchmarks/events_gold/, docs/events_gold.md).

    .venv/bin/python benchmarks/events_gold_eval.py [--split dev|test|all] [--gate strict|broad|news] [--json]

The gold set labels raw_news articles of ../shared/data (ids and offsets only, never text),
one event per incident, inside a stated scope of each article; it is exhaustive within that
scope for the violence and unrest types (ASSAULT, PROTEST, COERCE, MOBILIZE, THREATEN), which
are the ones scored. A predicted event counts when its evidence sentence overlaps the scope;
it matches a gold incident of the same type in the same article when its evidence overlaps one
of the incident's mention sentences. Matching is one to one: a second prediction for an
incident already matched is a false positive (a restated incident counted twice).

Reported per type and in all: detection P/R/F1; on matched pairs, the share with the gold
status, actor1, actor2, place, date and toll (an absent gold argument is matched by an absent
prediction); the dead summed over predicted and gold occurred events.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "events_gold"
TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN")
ARGS = ("status", "actor1", "actor2", "place", "date", "fatalities")

from rasd.ingest.readers import IngestOptions, make_article  # noqa: E402
from rasd.pipeline import Pipeline  # noqa: E402
from rasd.settings import Settings  # noqa: E402
from rasd.text import norm  # noqa: E402


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_gold(split: str = "dev") -> tuple[list[dict], dict[str, list[dict]]]:
    """(articles of the split, gold events by article) from both annotators' files."""
    arts = [a for f in ("articles.jsonl", "articles_B.jsonl") for a in _rows(f)
            if split == "all" or a["split"] == split]
    ids = {a["id"] for a in arts}
    events: dict[str, list[dict]] = {i: [] for i in ids}
    for f in ("events.jsonl", "events_B.jsonl"):
        for e in _rows(f):
            if e["article"] in ids:
                events[e["article"]].append(e)
    return arts, events


def texts(shared: Path, ids: set[str]) -> dict[str, dict]:
    """The raw_news records of ``ids``."""
    out = {}
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in ids:
                out[r["id"]] = r
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_actor(gold: Optional[dict], pred, text: str) -> bool:
    """Gold actor span vs predicted Actor: both absent, or one's folded words hold the other's."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = norm(text[gold["start"]:gold["end"]]), norm(pred.text)
    return bool(g and p) and (p in g or g in p)


def _same_span(gold: Optional[dict], pred) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return _overlap((gold["start"], gold["end"]), (pred.start, pred.end))


def _agrees(arg: str, g: dict, p, text: str) -> bool:
    if arg == "status":
        return g["status"] == p.status
    if arg in ("actor1", "actor2"):
        return _same_actor(g.get(arg), getattr(p, arg), text)
    if arg in ("place", "date"):
        return _same_span(g.get(arg), getattr(p, arg))
    return g.get("fatalities") == p.fatalities


def score_article(art, scope, gold: list[dict], counts: dict) -> None:
    """Add one article's matches to ``counts`` (per type: tp, fp, fn, dup, args, dead)."""
    gold = [g for g in gold if g["type"] in TYPES]
    preds = [e for e in art.events if e.type in TYPES and _overlap((e.evidence.start, e.evidence.end), scope)]
    taken: set[str] = set()
    for p in preds:
        c = counts[p.type]
        span = (p.evidence.start, p.evidence.end)
        hits = [g for g in gold if g["type"] == p.type and any(_overlap(span, tuple(m)) for m in g["mentions"])]
        free = [g for g in hits if g["event"] not in taken]
        if not free:
            c["fp"] += 1
            c["dup"] += bool(hits)
            c["dead_unmatched"] += (p.fatalities or 0) if p.status == "occurred" else 0
            continue
        g = free[0]
        taken.add(g["event"])
        c["tp"] += 1
        for arg in ARGS:
            c["args"][arg] += _agrees(arg, g, p, art.text)
        if p.status == "occurred":
            c["dead_pred"] += p.fatalities or 0
    for g in gold:
        if g["event"] not in taken:
            counts[g["type"]]["fn"] += 1
    for g in gold:
        if g["status"] == "occurred":
            counts[g["type"]]["dead_gold"] += g.get("fatalities") or 0


def _prf(c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    out = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
           "duplicates": c["dup"], "dead_pred_matched": c["dead_pred"], "dead_pred_unmatched": c["dead_unmatched"],
           "dead_gold": c["dead_gold"]}
    out.update({f"{a}_acc": round(c["args"][a] / c["tp"], 3) if c["tp"] else None for a in ARGS})
    return out


def _empty() -> dict:
    return {"tp": 0, "fp": 0, "fn": 0, "dup": 0, "dead_pred": 0, "dead_unmatched": 0, "dead_gold": 0,
            "args": {a: 0 for a in ARGS}}


def evaluate(shared: Path, split: str = "dev", settings: Optional[Settings] = None, pipeline=None) -> dict:
    """Scores per type and over all scored types ("ALL"); ``pipeline`` replaces the one
    ``settings`` builds (to try another gate or context as stage objects)."""
    arts, gold = load_gold(split)
    raw = texts(shared, {a["id"] for a in arts})
    pipe = pipeline or Pipeline(settings or Settings())
    counts = {t: _empty() for t in TYPES}
    for a in arts:
        r = raw[a["id"]]
        art = pipe(make_article(r["text"], IngestOptions(), source="raw_news", id=r["id"], title=r.get("title")))
        score_article(art, tuple(a["scope"]), gold[a["id"]], counts)
    total = _empty()
    for c in counts.values():
        for k in ("tp", "fp", "fn", "dup", "dead_pred", "dead_unmatched", "dead_gold"):
            total[k] += c[k]
        for arg in ARGS:
            total["args"][arg] += c["args"][arg]
    out = {t: _prf(c) for t, c in counts.items()}
    out["ALL"] = _prf(total)
    out["articles"] = len(arts)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--gate", default="strict", choices=("strict", "broad", "news"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    res = evaluate(Path(args.shared), args.split, Settings(events_gate=args.gate))
    if args.json:
        print(json.dumps(res, indent=1))
        return
    print(f"{res['articles']} articles ({args.split}), gate {args.gate}")
    for t in (*TYPES, "ALL"):
        r = res[t]
        print(f"{t:9} P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}  tp {r['tp']} fp {r['fp']} (dup {r['duplicates']}) "
              f"fn {r['fn']}  status {r['status_acc']} a1 {r['actor1_acc']} a2 {r['actor2_acc']} place {r['place_acc']} "
              f"date {r['date_acc']} toll {r['fatalities_acc']}  dead pred {r['dead_pred_matched']}+"
              f"{r['dead_pred_unmatched']} gold {r['dead_gold']}")


if __name__ == "__main__":
    sys.exit(main())
