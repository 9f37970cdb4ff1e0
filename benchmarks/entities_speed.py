"""Speed of the linker and of the entities stage on ../shared/data/raw_news (words per second).

    .venv/bin/python benchmarks/entities_speed.py [--articles 300] [--profile fast]

Articles the text layer cannot normalize are counted and reported, not timed.
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "raw_news" / "articles.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--profile", default="fast")
    args = ap.parse_args()
    from rasd.kb import link_text, load_kb
    from rasd.entities import EntityFinder

    with gzip.open(NEWS, "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.articles), f)]
    load_kb()
    ok, failed = [], []
    for t in texts:
        try:
            link_text(t)
            ok.append(t)
        except RecursionError:  # rasd.text.normalize on presentation forms such as ﴾ ﴿
            failed.append(t)
    words = sum(len(t.split()) for t in ok)
    start = time.perf_counter()
    mentions = sum(len(link_text(t)) for t in ok)
    linker_s = time.perf_counter() - start
    stage = EntityFinder(args.profile)
    start = time.perf_counter()
    entities = sum(len(stage.entities(t)) for t in ok)
    stage_s = time.perf_counter() - start
    print(json.dumps({"articles": len(ok), "failed_articles": len(failed), "words": words,
                      "link_text_words_per_s": round(words / linker_s), "kb_mentions": mentions,
                      "stage_words_per_s": round(words / stage_s), "entities": entities,
                      "ner": type(stage.tagger).__name__}, indent=1))


if __name__ == "__main__":
    main()
