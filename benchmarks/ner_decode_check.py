"""The numpy CRF decoder against python-crfsuite on raw_news: same tags, and the time of each.

    .venv/bin/python benchmarks/ner_decode_check.py [--n 400] [--step 7] [--json]

Articles are every --step-th raw_news article with text (../shared/data), split into the pipeline's
sentences and tokens. Both engines tag every article; the report counts articles and
sentences whose tags differ (0 is the only acceptable answer) and the seconds each engine
took, the numpy engine starting with empty row caches.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from rasd.ner.crf import CrfTagger  # noqa: E402
from rasd.text.layer import sentences_with_tokens  # noqa: E402


def documents(shared: Path, n: int, step: int = 7) -> list[list[list[str]]]:
    """Token strings per sentence of ``n`` raw_news articles."""
    docs = []
    with gzip.open(shared / "data" / "raw_news" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            text = json.loads(line).get("text", "")
            if i % step or not text.strip():
                continue
            sents, toks = sentences_with_tokens(text)
            docs.append([[t.text for t in toks[s.first:s.last]] for s in sents])
            if len(docs) >= n:
                break
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--step", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not (args.shared / "data" / "raw_news").is_dir():
        print(f"needs {args.shared}/data/raw_news", file=sys.stderr)
        return 2
    docs = documents(args.shared, args.n, args.step)
    out, seconds = {}, {}
    for engine in ("crfsuite", "numpy"):
        tagger = CrfTagger(engine=engine)
        t = time.perf_counter()
        out[engine] = [tagger.tag(d) for d in docs]
        seconds[engine] = round(time.perf_counter() - t, 2)
    pairs = list(zip(out["numpy"], out["crfsuite"]))
    report = {"articles": len(docs), "tokens": sum(len(s) for d in docs for s in d),
              "articles_differing": sum(a != b for a, b in pairs),
              "sentences_differing": sum(x != y for a, b in pairs for x, y in zip(a, b)),
              "seconds": seconds, "speedup": round(seconds["crfsuite"] / seconds["numpy"], 2)}
    print(json.dumps(report, indent=1) if args.json else
          "\n".join(f"{k}: {v}" for k, v in report.items()))
    return 0 if report["articles_differing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
