"""Geocoding accuracy on place mentions from across the Arab world (benchmarks/labels/places_world.tsv).

The labels (guidelines: docs/places_world_labels.md) cover raw_news articles about Morocco, Algeria,
Tunisia, Libya, Egypt, Sudan, Yemen, Lebanon, Palestine, the Gulf, Somalia, the Sahel and
Afghanistan; they are split by article into ``dev`` (rules may be tuned on it) and ``test``.

A labelled place is right when a system Place overlaps its span and either carries the same
GeoNames id, or lies within 25 km of the expected point (within ``radius_km`` for a region, sea,
river or continent), or, for a country or first-level division, names that country or division
as an area (precision 3). ``off_500km`` counts the labelled places whose overlapping system Place
lies more than 500 km beyond that tolerance: a homograph read in the wrong part of the world.
Inside each reviewed range every place mention is labelled, so a system Place there that overlaps
no label is a false positive, as is one on a span labelled ``none``.

Run: .venv/bin/python benchmarks/places_world_eval.py [--split dev|test|all] [--errors] [--json OUT]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
from collections import defaultdict
from pathlib import Path

from rasd.geo import find_places, load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "benchmarks" / "labels" / "places_world.tsv"
RAW_NEWS = SHARED / "data" / "raw_news" / "articles.jsonl.gz"
FIELDS = ("file", "split", "start", "end", "expected", "geonameid", "basis", "radius_km", "country",
          "span_sha1", "note")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def load_labels(path: Path = LABELS) -> dict[str, dict]:
    """Per document: its split, reviewed ranges and labels."""
    docs: dict[str, dict] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("file\t") or not line.strip():
            continue
        row = dict(zip(FIELDS, line.split("\t")))
        doc = docs.setdefault(row["file"], {"split": row["split"], "ranges": [], "labels": []})
        start, end = int(row["start"]), int(row["end"])
        if row["expected"] == "range":
            doc["ranges"].append((start, end))
            continue
        exp = row["expected"]
        doc["labels"].append({
            "start": start, "end": end, "basis": row["basis"], "note": row["note"],
            "point": tuple(map(float, exp.split(","))) if exp not in ("none", "skip") else None,
            "kind": exp if exp in ("none", "skip") else "place",
            "geonameid": int(row["geonameid"]) if row["geonameid"] else None,
            "radius": float(row["radius_km"]) if row["radius_km"] else 25.0,
            "country": row["country"] or None, "sha1": row["span_sha1"],
            "admin1": row["note"].split("[admin1=", 1)[1].rstrip("]") if "[admin1=" in row["note"] else None,
        })
    return docs


def load_articles(ids) -> dict[str, dict]:
    """The labelled raw_news records (text and outlet), read from ../shared."""
    want = {i.split(":", 1)[1] for i in ids}
    out = {}
    with gzip.open(RAW_NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] in want:
                out["raw_news:" + d["id"]] = d
    return out


def is_right(lab: dict, p) -> bool:
    """Whether system Place ``p`` is the labelled place."""
    if p.lat is None:
        return False
    if lab["geonameid"] is not None and p.geonameid == lab["geonameid"]:
        return True
    if km((p.lat, p.lon), lab["point"]) <= max(25.0, lab["radius"]):
        return True
    if lab["basis"] == "country":
        return p.country == lab["country"] and p.precision == 3 and p.admin1 is None
    if lab["basis"] == "admin1":
        return p.country == lab["country"] and p.admin1 == lab["admin1"] and p.precision == 3
    return False


def _check_span(text: str, lab: dict, name: str) -> None:
    got = hashlib.sha1(text[lab["start"]:lab["end"]].encode()).hexdigest()[:8]
    if got != lab["sha1"]:
        raise ValueError(f"{name} {lab['start']}-{lab['end']}: the text changed (span hash {got} != {lab['sha1']})")


def _score_doc(name: str, doc: dict, art: dict, tally: dict, errors: list) -> None:
    text = art["text"]
    places = find_places(text, outlet=art.get("outlet"))
    for lab in doc["labels"]:
        _check_span(text, lab, name)
        hit = [p for p in places if p.start < lab["end"] and lab["start"] < p.end]
        if lab["kind"] == "none":
            tally["none_labels"] += 1
            tally["none_geocoded"] += bool(hit)
            if hit:
                errors.append(("not a place", name, lab["start"], lab["note"], [(p.name_en, p.country) for p in hit]))
            continue
        if lab["kind"] == "skip":
            continue
        ok = any(is_right(lab, p) for p in hit)
        for g in ("all", lab["basis"]):
            tally[f"n_{g}"] += 1
            tally[f"right_{g}"] += ok
        if ok:
            continue
        far = [p for p in hit if p.lat is not None and km((p.lat, p.lon), lab["point"]) > 500 + lab["radius"]]
        tally["off_500km"] += bool(far)
        tally["missed"] += not hit
        errors.append(("far" if far else "missed" if not hit else "wrong", name, lab["start"], lab["note"],
                       [(p.name_en, p.country, p.lat, p.lon) for p in hit]))
    for p in places:
        inside = any(s <= p.start and p.end <= e for s, e in doc["ranges"])
        if inside and not any(p.start < lab["end"] and lab["start"] < p.end for lab in doc["labels"]):
            tally["unlabelled_system_places"] += 1
            errors.append(("unlabelled", name, p.start, text[p.start:p.end], [(p.name_en, p.country)]))


def evaluate(split: str = "dev", docs: dict | None = None, articles: dict | None = None) -> dict:
    """Numbers for one split (``dev``, ``test`` or ``all``)."""
    docs = docs if docs is not None else load_labels()
    docs = {k: v for k, v in docs.items() if split == "all" or v["split"] == split}
    articles = articles if articles is not None else load_articles(docs)
    load()
    tally: dict = defaultdict(int)
    errors: list = []
    for name, doc in docs.items():
        _score_doc(name, doc, articles[name], tally, errors)
    out = {"split": split, "documents": len(docs), "labelled_places": tally["n_all"],
           "accuracy_25km": round(tally["right_all"] / max(tally["n_all"], 1), 4),
           "off_500km": tally["off_500km"], "missed": tally["missed"]}
    for g in ("geonames", "country", "admin1", "area", "own"):
        if tally[f"n_{g}"]:
            out[f"accuracy_{g}"] = round(tally[f"right_{g}"] / tally[f"n_{g}"], 4)
            out[f"n_{g}"] = tally[f"n_{g}"]
    out["none_labels"] = tally["none_labels"]
    out["none_geocoded"] = tally["none_geocoded"]
    out["unlabelled_system_places"] = tally["unlabelled_system_places"]
    out["errors"] = errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="both", choices=["dev", "test", "all", "both"])
    ap.add_argument("--errors", action="store_true", help="list the misses (dev only unless --split test)")
    ap.add_argument("--json", help="write the numbers here")
    a = ap.parse_args()
    splits = ["dev", "test"] if a.split == "both" else [a.split]
    docs = load_labels()
    articles = load_articles(docs)
    res = {s: evaluate(s, docs, articles) for s in splits}
    errs = {s: res[s].pop("errors") for s in splits}
    print(json.dumps(res, indent=2, ensure_ascii=False))
    if a.errors:
        # the test split's errors are shown only when asked for by name: tuning reads dev
        for s in splits if a.split != "both" else ["dev"]:
            for e in errs[s]:
                print(s, *e)
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
