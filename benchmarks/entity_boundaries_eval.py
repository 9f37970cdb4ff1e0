"""Entity boundaries and place-vs-person labels on hand-checked tagger spans from raw_news.

``benchmarks/labels/entity_boundaries.jsonl`` holds references only (guidelines:
docs/entity_boundaries.md): the article id in ../shared/data/raw_news/articles.jsonl.gz,
``found`` (the tagger span the case was drawn from, offsets into the cleaned text that
``rasd.ingest.readers.make_article`` gives), the correct ``start``/``end``/``label`` (all
null when no entity belongs there), ``kind`` (boundary / place) and ``set`` (dev / test,
by a hash of the article id, fixed before any tuning).

A case with a gold entity is right when the entities stage outputs an entity with exactly
that span and label (``span``: the span alone); a null case is right when no entity overlaps
``found``.

    .venv/bin/python benchmarks/entity_boundaries_eval.py [--errors] [--json]
"""
from __future__ import annotations

import argparse
import gzip
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "benchmarks" / "labels" / "entity_boundaries.jsonl"
SOURCE = Path("data") / "raw_news" / "articles.jsonl.gz"


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_articles(labels: list[dict], shared: Path = SHARED) -> dict:
    """Article id -> Article (cleaned as ingest cleans it) for every id the labels name."""
    from rasd.ingest.readers import IngestOptions, make_article

    need = {r["id"] for r in labels}
    out = {}
    with gzip.open(shared / SOURCE, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in need:
                out[a["id"]] = make_article(a["text"], IngestOptions(), source="raw_news", id=a["id"],
                                            title=a.get("title"))
    return out


def _entities(articles: dict) -> dict:
    from rasd.pipeline import Pipeline
    from rasd.settings import Settings

    pipe = Pipeline(Settings(), stages=["entities"])
    return {aid: [(e.start, e.end, e.label) for e in pipe(a).entities] for aid, a in articles.items()}


def evaluate(labels: list[dict], articles: dict, errors: bool = False) -> dict:
    """Strict (span and label) and span-only accuracy per set, per kind and overall."""
    ents = _entities(articles)
    stats = defaultdict(lambda: [0, 0, 0])  # group -> [n, strict, span]
    for r in labels:
        got = ents[r["id"]]
        fs, fe = r["found"]
        if r["start"] is None:
            strict = span = not any(s < fe and fs < e for s, e, _ in got)
        else:
            span = any(s == r["start"] and e == r["end"] for s, e, _ in got)
            strict = (r["start"], r["end"], r["label"]) in got
        for g in ("all", r["set"], f"{r['set']}:{r['kind']}"):
            st = stats[g]
            st[0] += 1
            st[1] += strict
            st[2] += span
        if errors and not strict:
            text = articles[r["id"]].text
            near = [(text[s:e], lab) for s, e, lab in got if s < fe + 10 and fs - 10 < e]
            want = None if r["start"] is None else (text[r["start"]:r["end"]], r["label"])
            print(f"MISS {r['set']} {r['id']} {r['found']} want {want} got {near}")
    return {g: {"cases": n, "accuracy": round(ok / n, 4), "span_accuracy": round(sp / n, 4)}
            for g, (n, ok, sp) in sorted(stats.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print every case scored wrong")
    args = ap.parse_args()
    labels = load_labels()
    print(json.dumps(evaluate(labels, load_articles(labels), args.errors), indent=1))


if __name__ == "__main__":
    main()
