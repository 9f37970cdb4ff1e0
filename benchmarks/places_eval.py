"""Accuracy of the places layer on hand-labelled mentions (benchmarks/labels/places.tsv).

A labelled place counts as right when the system gives a Place overlapping its span whose
point lies within 25 km of the expected point. Spans labelled "none" (not a place) count
against precision when the system geocodes them, as does any system place in a reviewed
document that overlaps no label. Texts are read from ../shared (never copied here).

Run: .venv/bin/python benchmarks/places_eval.py [--json OUT] [--anercorp]
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import time
from collections import defaultdict
from pathlib import Path

from rasd.geo import find_places

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "benchmarks" / "labels" / "places.tsv"
HELDOUT = ROOT / "benchmarks" / "labels" / "places_heldout.tsv"
HELDOUT2 = ROOT / "benchmarks" / "labels" / "places_heldout2.tsv"


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def load_labels(path: Path = LABELS) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("file\t") or not line.strip():
            continue
        f, s, e, exp, basis, note = line.split("\t")
        point = None if exp == "none" else tuple(map(float, exp.split(",")))
        by_file[f].append({"start": int(s), "end": int(e), "point": point, "basis": basis, "note": note})
    return by_file


def load_texts(files) -> dict[str, str]:
    """The labelled documents' texts, from ../shared."""
    out = {}
    raw_ids = {f.split(":", 1)[1] for f in files if f.startswith("raw_news:")}
    if raw_ids:
        with gzip.open(SHARED / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d["id"] in raw_ids:
                    out["raw_news:" + d["id"]] = d["text"]
    for f in files:
        if f.startswith("seeds/"):
            out[f] = (SHARED / f).read_text(encoding="utf-8")
    return out


def evaluate(labels=None, texts=None) -> dict:
    """Numbers for one label set (the development set unless ``labels`` is given)."""
    labels = labels or load_labels()
    texts = texts or load_texts(labels)
    from rasd.geo import load
    load()  # the gazetteer loads once per process; keep it out of the speed figure
    tally = defaultdict(lambda: [0, 0])  # group -> [right, total]
    false_pos = extra = 0
    errors = []
    t0 = time.perf_counter()
    chars = 0
    for f, labs in labels.items():
        text = texts[f]
        chars += len(text)
        places = find_places(text)
        for lab in labs:
            hit = [p for p in places if p.start < lab["end"] and lab["start"] < p.end]
            if lab["point"] is None:
                false_pos += bool(hit)
                continue
            ok = any(p.lat is not None and km((p.lat, p.lon), lab["point"]) <= 25 for p in hit)
            for g in ("all", lab["basis"]):
                tally[g][0] += ok
                tally[g][1] += 1
            if not ok:
                errors.append((f, lab["start"], lab["note"], [(p.name_en, p.lat, p.lon) for p in hit]))
        for p in places:
            if not any(p.start < lab["end"] and lab["start"] < p.end for lab in labs):
                extra += 1
    secs = time.perf_counter() - t0
    out = {"labelled_places": tally["all"][1], "documents": len(labels),
           "accuracy_25km": round(tally["all"][0] / tally["all"][1], 4)}
    for g in ("geonames", "own", "area"):
        if tally[g][1]:
            out[f"accuracy_25km_{g}"] = round(tally[g][0] / tally[g][1], 4)
            out[f"n_{g}"] = tally[g][1]
    out["false_positives_on_none_labels"] = false_pos
    out["unlabelled_system_places"] = extra
    out["chars_per_second"] = int(chars / secs)
    out["errors"] = errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", help="write the numbers here")
    ap.add_argument("--anercorp", action="store_true", help="also measure detection on ANERcorp LOC tags")
    a = ap.parse_args()
    res = {"development": evaluate(), "heldout": evaluate(load_labels(HELDOUT)),
           "heldout2": evaluate(load_labels(HELDOUT2))}
    if a.anercorp:
        res["anercorp_detection"] = anercorp_detection()
    errs = [e for k in ("development", "heldout", "heldout2") for e in res[k].pop("errors")]
    print(json.dumps(res, indent=2, ensure_ascii=False))
    for e in errs:
        print("miss:", *e)
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")



def anercorp_detection(path: Path | None = None) -> dict:
    """How many ANERcorp LOC mentions the places layer finds, and how many of its places are LOC.

    ANERcorp (../shared/data/anercorp/train.txt) tags locations without coordinates, so this
    measures detection only: recall = LOC mentions overlapped by a Place; "on_loc" = Places
    that overlap a LOC mention (the rest are either misses of the tagger, e.g. regions tagged
    MISC, or our false positives).
    """
    path = path or SHARED / "data" / "anercorp" / "train.txt"
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        tok, _, tag = line.rpartition(" ")
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    locs = found = places = on_loc = 0
    for sent in sents:
        text, spans, pos, open_span = "", [], 0, None
        for tok, tag in sent:
            start = len(text)
            text += tok + " "
            if tag == "B-LOC" or (tag == "I-LOC" and open_span is None):
                open_span = [start, start + len(tok)]
                spans.append(open_span)
            elif tag == "I-LOC":
                open_span[1] = start + len(tok)
            else:
                open_span = None
        ps = find_places(text)
        locs += len(spans)
        found += sum(any(p.start < e and s < p.end for p in ps) for s, e in spans)
        places += len(ps)
        on_loc += sum(any(p.start < e and s < p.end for s, e in spans) for p in ps)
    return {"loc_mentions": locs, "recall": round(found / locs, 4), "places": places,
            "places_on_loc": round(on_loc / max(places, 1), 4)}


if __name__ == "__main__":
    main()
