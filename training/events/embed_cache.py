"""Embed every GSR sentence once (e5 via rasd.events.embed) into an .npz cache for training runs.

    .venv/bin/python training/events/embed_cache.py [--out scratch/gsr_e5.npz]

The cache is a training convenience (embedding ~2,900 sentences takes minutes on 2 cores);
it is never committed (scratch/ is ignored) and holds vectors, not text: rows are keyed by
the md5 of the sentence.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gsr_data import ROOT, extra_positives, load  # noqa: E402

from rasd.events.embed import embed  # noqa: E402

DEFAULT = ROOT / "scratch" / "gsr_e5.npz"


def key(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def load_cache(path: Path = DEFAULT) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    z = np.load(path)
    return dict(zip(z["keys"].tolist(), z["vecs"]))


def cached_embed(texts: list[str], cache: dict[str, np.ndarray]) -> np.ndarray:
    """Embeddings of ``texts``, from the cache where present (and added to it)."""
    missing = [t for t in dict.fromkeys(texts) if key(t) not in cache]
    if missing:
        for t, v in zip(missing, embed(missing)):
            cache[key(t)] = v
    return np.stack([cache[key(t)] for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=DEFAULT)
    args = ap.parse_args()
    cache = load_cache(args.out)
    texts = []
    for etype in ("ASSAULT", "PROTEST"):
        texts += [r["text"] for r in load(etype)] + extra_positives(etype)
    texts = list(dict.fromkeys(texts))
    for i in range(0, len(texts), 200):
        cached_embed(texts[i:i + 200], cache)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(args.out, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
        print(i + 200, "/", len(texts), flush=True)


if __name__ == "__main__":
    main()
