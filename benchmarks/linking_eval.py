"""Linking accuracy on hand-checked mentions from the seeds and ../shared/data.

``benchmarks/linking_sample.jsonl`` holds references only: the source file (and document id
inside it), character offsets into that document's raw text, and the expected ``kb_id``
(null for a name that must not be linked). The texts themselves are read from ../shared.
``set`` is ``dev`` for mentions whose errors were used to extend the KB, ``test`` for
mentions labelled afterwards and never used for tuning. Labels were drafted from the
linker's output and corrected by hand (wrong links fixed, missed names added), so names
missed by both the linker and the annotator are not counted.

A gold mention counts as correct when the entities stage outputs an entity with exactly
the same span and the same kb_id; a null gold mention is correct when no entity with a
kb_id overlaps it. ``lenient`` accepts any overlapping entity with the right kb_id.

    .venv/bin/python benchmarks/linking_eval.py [--errors] [--linker-only]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "benchmarks" / "linking_sample.jsonl"


def load_sample(path: Path = SAMPLE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_texts(sample: list[dict], shared: Path = SHARED) -> dict[tuple, str]:
    """(file, doc) -> raw text, for every document the sample refers to."""
    need = defaultdict(set)
    for r in sample:
        need[r["file"]].add(r.get("doc"))
    out = {}
    for file, docs in need.items():
        path = shared / file
        if file.endswith(".txt"):
            out[(file, None)] = path.read_text(encoding="utf-8")
        elif file.endswith(".jsonl.gz"):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                for line in f:
                    a = json.loads(line)
                    if a["id"] in docs:
                        out[(file, a["id"])] = a["text"]
        elif file.endswith(".csv"):
            with path.open(encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row["id"] in docs:
                        out[(file, row["id"])] = row["text"]
        else:
            raise ValueError(f"unknown sample source {file}")
    return out


def system_entities(text: str, linker_only: bool = False) -> list[tuple[int, int, str | None]]:
    if linker_only:
        from rasd.kb import link_text
        return [(m.start, m.end, m.kb_id) for m in link_text(text)]
    return [(e.start, e.end, e.kb_id) for e in _stage().entities(text)]


_STAGE = []


def _stage():
    if not _STAGE:
        from rasd.entities import EntityFinder
        _STAGE.append(EntityFinder("fast"))
    return _STAGE[0]


def source_of(r: dict) -> str:
    return r["file"].split("/")[0] if r["file"].startswith("seeds") else r["file"].split("/")[1]


def evaluate(sample: list[dict], texts: dict, linker_only: bool = False, errors: bool = False) -> dict:
    """Strict and lenient accuracy overall and per source."""
    cache = {}
    stats = defaultdict(lambda: [0, 0, 0])  # source -> [n, strict, lenient]
    for r in sample:
        key = (r["file"], r.get("doc"))
        if key not in cache:
            cache[key] = system_entities(texts[key], linker_only)
        ents = cache[key]
        s, e, kb = r["start"], r["end"], r["kb_id"]
        if kb is None:
            ok = not any(a < e and s < b and k for a, b, k in ents)
            lenient = ok
        else:
            ok = any(a == s and b == e and k == kb for a, b, k in ents)
            lenient = any(a < e and s < b and k == kb for a, b, k in ents)
        for src in ("all", "set:" + r.get("set", "dev"), source_of(r)):
            st = stats[src]
            st[0] += 1
            st[1] += ok
            st[2] += lenient
        if errors and not ok:
            got = [(texts[key][a:b], k) for a, b, k in ents if a < e and s < b]
            print(f"MISS {r['file']} {r.get('doc') or ''} [{s}:{e}] {texts[key][s:e]!r} want {kb} got {got}")
    return {src: {"mentions": n, "accuracy": round(ok / n, 4), "lenient": round(len_ / n, 4)}
            for src, (n, ok, len_) in sorted(stats.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="print every mention scored wrong")
    ap.add_argument("--linker-only", action="store_true", help="score rasd.kb.link_text alone")
    args = ap.parse_args()
    sample = load_sample()
    print(json.dumps(evaluate(sample, load_texts(sample), args.linker_only, args.errors), indent=1))


if __name__ == "__main__":
    main()
