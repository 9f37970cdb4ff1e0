"""Entity-level precision/recall/F1 (seqeval's default, conlleval-style chunking)."""
from __future__ import annotations

from collections import Counter
from typing import Sequence


def _split(tag: str) -> tuple[str, str]:
    """(prefix, label) of a BIO tag; 'O' gives ('O', '')."""
    if tag == "O" or not tag:
        return "O", ""
    if len(tag) > 2 and tag[1] in "-_":
        return tag[0], tag[2:]
    return "B", tag


def entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, start, end) chunks; like conlleval, an I- after O or another label starts one."""
    out: list[tuple[str, int, int]] = []
    label, start = "", -1
    for i, tag in enumerate(list(tags) + ["O"]):
        p, lab = _split(tag)
        begins = p in ("B", "S") or (p in ("I", "E") and lab != label)
        if label and (p == "O" or begins):
            out.append((label, start, i))
            label = ""
        if p != "O" and (begins or not label):
            label, start = lab, i
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": n_gold}


def evaluate(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Micro and per-label entity scores: {"micro": {...}, "per_label": {label: {...}}}."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    tp: Counter = Counter()
    n_gold: Counter = Counter()
    n_pred: Counter = Counter()
    for g, p in zip(gold, pred):
        if len(g) != len(p):
            raise ValueError(f"sentence lengths differ: {len(g)} gold tags, {len(p)} predicted")
        ge, pe = set(entities(g)), set(entities(p))
        for lab, _, _ in ge:
            n_gold[lab] += 1
        for lab, _, _ in pe:
            n_pred[lab] += 1
        for lab, _, _ in ge & pe:
            tp[lab] += 1
    labels = sorted(set(n_gold) | set(n_pred))
    return {"micro": _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())),
            "per_label": {lab: _prf(tp[lab], n_pred[lab], n_gold[lab]) for lab in labels}}


def format_report(scores: dict) -> str:
    """A small fixed-width table of the scores."""
    rows = [f"{'label':<8}{'P':>8}{'R':>8}{'F1':>8}{'n':>7}"]
    for lab, s in list(scores["per_label"].items()) + [("micro", scores["micro"])]:
        rows.append(f"{lab:<8}{s['precision']:>8.4f}{s['recall']:>8.4f}{s['f1']:>8.4f}{s['support']:>7}")
    return "\n".join(rows)
