"""Long fuzzing run of the input parsers: N mutated inputs per parser, no exception allowed.

    python benchmarks/fuzz.py [--n 100000] [--seed 1] [--parsers decode,text,jsonl,json,html,normalize]

Inputs are mutations of small seeds of our own (an Arabic report in UTF-8, cp1256 and
UTF-16, a JSONL record, a JSON array, an HTML page): random byte flips, insertions of
hostile pieces (NUL, BOMs, bidi overrides, lone-surrogate escapes, deep brackets and tags,
script tags), truncations and splices. A parser passes when every input ends as an Article
or an error record (or, for ``normalize``, a map that points back into the text); any other
exception is a crash, counted and shown. Prints one JSON object per parser: inputs, crashes,
articles, error kinds, and the time per input (median, p99, max).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rasd.ingest import IngestOptions
from rasd.ingest.decode import InputError, decode
from rasd.ingest.readers import make_article, read_path
from rasd.model import Article, ItemError
from rasd.text import normalize

REPORT = ("قصف على بلدة في ريف حماة\n\nقال مصدر محلي إن قصفاً مدفعياً استهدف البلدة صباح اليوم، "
          "ما أدى إلى إصابة أربعة مدنيين بجروح، وأضاف أن فرق الإسعاف نقلت المصابين إلى مشفى قريب.")
SEEDS = {
    "decode": [REPORT.encode(), REPORT.encode("cp1256"), REPORT.encode("utf-16-le"), REPORT.encode("utf-16")],
    "text": [REPORT.encode(), REPORT.encode("cp1256")],
    "jsonl": [(json.dumps({"id": "f1", "text": REPORT, "published": "2024-05-01"}, ensure_ascii=False) + "\n").encode()],
    "json": [json.dumps([{"text": REPORT}, {"html": f"<p>{REPORT}</p>"}], ensure_ascii=False).encode()],
    "html": [f"<html><head><title>عنوان</title></head><body><article><p>{REPORT}</p></article></body></html>".encode()],
    "normalize": [REPORT.encode()],
}
PIECES = [b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", "\u202e".encode(), "\u2066".encode(), b"\\ud800", b'\\u0000',
          b"[" * 300, b"{" * 70, b"<div>" * 600, b"<script>alert(1)</script>", b"<iframe src=x>", b'"', b"\\",
          b"\n", b"\r\n", "ـًّ".encode(), "ﻻ".encode(), b"\x81\x8d\x8e", b"]]]]", b"}}}", b"</p>" * 50]
OPTS = IngestOptions(max_bytes=20_000, min_arabic=0.3)


def mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        pos = rng.randint(0, len(b))
        if op < 0.3 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op < 0.65:
            b[pos:pos] = rng.choice(PIECES)
        elif op < 0.8:
            del b[pos:pos + rng.randint(1, 40)]
        elif op < 0.9:
            b[pos:] = b[pos:][: rng.randint(0, 200)]
        else:
            b[pos:pos] = bytes(b[rng.randint(0, len(b)):][:rng.randint(0, 300)])
    return bytes(b)


def _decoded(data: bytes):
    try:
        text, _ = decode(data)
        return make_article(text, OPTS, source="fuzz")
    except InputError as e:
        return ItemError("fuzz", e.kind, str(e))


def _file(suffix: str):
    """The whole reader on a file (size check, decoding, format, cleaning), in /dev/shm: no disk."""
    path = Path("/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()) / f"rasd-fuzz-{os.getpid()}{suffix}"

    def parse(data: bytes) -> list:
        path.write_bytes(data)
        return list(read_path(path, OPTS))
    return parse


def _normalize_items(data: bytes) -> list:
    text = data.decode("utf-8", errors="surrogateescape")
    n = normalize(text)
    if len(n.origin) != len(n.text) + 1 or any(not 0 <= o <= len(text) for o in n.origin):
        raise AssertionError("offset map points outside the text")
    return []


PARSERS = {
    "decode": lambda d: [_decoded(d)],
    "text": _file(".txt"),
    "html": _file(".html"),
    "jsonl": _file(".jsonl"),
    "json": _file(".json"),
    "normalize": _normalize_items,
}


def fuzz(name: str, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    parse, seeds = PARSERS[name], SEEDS[name]
    kinds: Counter = Counter()
    times, crashes, shown = [], 0, []
    for _ in range(n):
        data = mutate(rng, rng.choice(seeds))
        t = time.perf_counter()
        try:
            for item in parse(data):
                kinds["article" if isinstance(item, Article) else item.error] += 1
        except Exception as e:  # the finding this harness exists for: counted and shown, not hidden
            crashes += 1
            if len(shown) < 3:
                shown.append(f"{type(e).__name__}: {e} on {data[:80]!r}")
        times.append(time.perf_counter() - t)
    times.sort()
    ms = lambda q: round(1000 * times[min(len(times) - 1, int(q * len(times)))], 3)  # noqa: E731
    return {"parser": name, "inputs": n, "crashes": crashes, "outcomes": dict(kinds.most_common()),
            "median_ms": round(1000 * statistics.median(times), 3), "p99_ms": ms(0.99),
            "max_ms": round(1000 * times[-1], 3), "examples": shown}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--parsers", default=",".join(PARSERS))
    a = ap.parse_args()
    failed = False
    for name in a.parsers.split(","):
        t = time.perf_counter()
        res = fuzz(name, a.n, a.seed)
        res["seconds"] = round(time.perf_counter() - t, 1)
        failed |= res["crashes"] > 0
        print(json.dumps(res, ensure_ascii=False), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
