"""The Arabic event GSR (../shared/data/arabic_event_gsr) with a fixed train/dev split.

"yes" is positive; "easy no" and "difficult no" are negative; "ambiguous" is skipped. The
split is by source document (the id without its "-N" sentence suffix) so that sentences of
one article never sit on both sides: a document is dev when md5(doc id) % 5 == 0 (about a
fifth). Nothing trains on dev; thresholds are chosen by cross-validation inside train.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GSR = ROOT.parent / "shared" / "data" / "arabic_event_gsr"
FILES = {"ASSAULT": "assault_gsr.csv", "PROTEST": "protest_gsr.csv"}


def doc_of(row_id: str) -> str:
    return row_id.rsplit("-", 1)[0]


def is_dev(row_id: str) -> bool:
    return int(hashlib.md5(doc_of(row_id).encode()).hexdigest(), 16) % 5 == 0


def load(etype: str, gsr_dir: Path = GSR) -> list[dict]:
    """Rows of one type's file: {"id", "text", "y", "dev", "doc", "frac"} (ambiguous dropped;
    frac = the share of annotators who accepted the sentence)."""
    out = []
    with open(gsr_dir / FILES[etype], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["label"] == "ambiguous":
                continue
            out.append({"id": r["id"], "text": r["text"], "y": int(r["label"] == "yes"),
                        "dev": is_dev(r["id"]), "doc": doc_of(r["id"]),
                        "frac": int(r["accept"]) / max(1, int(r["total"]))})
    return out


def extra_positives(etype: str, gsr_dir: Path = GSR) -> list[str]:
    """Sentences of the *_spans.json file (annotated events) that the CSV does not list,
    outside the dev documents and not repeating a CSV sentence: extra training positives."""
    import json

    spans = json.loads((gsr_dir / f"{etype.lower()}_spans.json").read_text(encoding="utf-8"))
    with open(gsr_dir / FILES[etype], encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = {r["id"] for r in rows}
    texts = {r["text"].strip() for r in rows}
    return [s["text"] for s in spans if s["source"] not in ids and not is_dev(s["source"])
            and s["text"].strip() not in texts]
