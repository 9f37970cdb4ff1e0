"""ASSAULT and PROTEST detection on the held-out dev split of the Arabic event GSR.

    .venv/bin/python benchmarks/gsr_eval.py [--gsr ../shared/data/arabic_event_gsr] [--json]

"yes" is positive, "easy no"/"difficult no" negative, "ambiguous" skipped; the dev split is
the fixed one of training/events/gsr_data.py (never trained on). Three systems are scored:
the trigger lexicon alone, the sentence classifier alone (at its CV-chosen threshold), and
the events stage as it runs in the pipeline (lexicon triggers confirmed by the classifier or
by a stated death toll; an ASSAULT/PROTEST event with status "occurred" counts as a
detection: the GSR marks reported events, not calls, threats or denials).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "events"))

from gsr_data import GSR, load  # noqa: E402

from rasd.events import extract_events  # noqa: E402
from rasd.events.classifier import SentenceScorer  # noqa: E402
from rasd.events.lexicon import find_triggers  # noqa: E402
from rasd.model import Article  # noqa: E402
from rasd.text import norm  # noqa: E402



def prf(gold: list[int], pred: list[bool]) -> dict:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(gsr_dir: Path, gate: str = "strict", profile: str = "fast") -> dict:
    """Lexicon, classifier and events-stage scores on the dev split, with the ``profile``'s
    classifier. With ``gate="broad"`` the entities stage runs first (that gate reads the KB's
    armed parties)."""
    scorer = SentenceScorer(profile=profile)
    out = {}
    for etype in ("ASSAULT", "PROTEST"):
        rows = [r for r in load(etype, gsr_dir) if r["dev"]]
        gold = [r["y"] for r in rows]
        texts = [r["text"] for r in rows]
        lex = [any(h.entry.type == etype for h in find_triggers(norm(t).split())) for t in texts]
        res = {"dev_rows": len(rows), "dev_positive": sum(gold), "lexicon": prf(gold, lex)}
        thr, probs = scorer(texts)[etype]
        res["classifier"] = prf(gold, [p >= thr for p in probs])
        res["threshold"] = round(thr, 4)
        stage = []
        ents = None
        if gate != "strict":
            from rasd.pipeline import Pipeline
            ents = Pipeline("fast", stages=["entities"])
        for t in texts:
            art = Article.create(t) if ents is None else ents(Article.create(t)).with_layer("quotes", ())
            evs = extract_events(art, scorer=scorer, gate=gate)
            base = {"ASSAULT": {"ASSAULT"}, "PROTEST": {"PROTEST"}}[etype]
            stage.append(any(e.type in base and e.status == "occurred" for e in evs))
        res["pipeline"] = prf(gold, stage)
        out[etype] = res
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gsr", type=Path, default=GSR)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--actors", action="store_true", help="score actor roles against *_spans.json instead")
    ap.add_argument("--gate", choices=("strict", "broad", "news"), default="strict",
                    help="the events stage's ASSAULT operating point (broad runs the entities stage)")
    ap.add_argument("--profile", choices=("fast", "accurate"), default="fast",
                    help="whose classifier: fast (hashed n-grams) or accurate (e5)")
    args = ap.parse_args()
    if args.actors:
        print(json.dumps({t: actor_roles(args.gsr, t) for t in ("ASSAULT", "PROTEST")}, indent=1))
        return
    res = evaluate(args.gsr, args.gate, args.profile)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for etype, r in res.items():
        print(f"{etype}: dev {r['dev_rows']} sentences, {r['dev_positive']} positive")
        for system in ("lexicon", "classifier", "pipeline"):
            if system in r:
                m = r[system]
                print(f"  {system:10s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                      f"  (tp {m['tp']} fp {m['fp']} fn {m['fn']})")



def actor_roles(gsr_dir: Path, etype: str = "ASSAULT") -> dict:
    """Actor roles against *_spans.json: does actor1 overlap an annotated source actor, actor2 a
    target? Over every spans sentence (the heuristics are not trained, so all are fair game),
    with the entities stage run first and the classifier gate off (roles, not detection)."""
    from rasd.pipeline import Pipeline

    spans = json.loads((gsr_dir / f"{etype.lower()}_spans.json").read_text(encoding="utf-8"))
    pipe = Pipeline("fast", stages=["entities", "places", "dates", "quotes"])

    def toks(words):
        return {norm(w).removeprefix("و").removeprefix("ال") for w in words if len(w) > 1}

    c = {"src_gold": 0, "src_pred": 0, "src_hit": 0, "tgt_gold": 0, "tgt_pred": 0, "tgt_hit": 0}
    for rec in spans:
        art = pipe(Article.create(rec["text"]))
        evs = [e for e in extract_events(art, scorer=None) if e.type == etype]
        src = set().union(*[toks(s["source_actor"]) for s in rec["spans"]]) if rec["spans"] else set()
        tgt = set().union(*[toks(s["target_actor"]) for s in rec["spans"]]) if rec["spans"] else set()
        a1 = toks(evs[0].actor1.text.split()) if evs and evs[0].actor1 else set()
        a2 = toks(evs[0].actor2.text.split()) if evs and evs[0].actor2 else set()
        c["src_gold"] += bool(src)
        c["tgt_gold"] += bool(tgt)
        c["src_pred"] += bool(a1)
        c["tgt_pred"] += bool(a2)
        c["src_hit"] += bool(a1 & src)
        c["tgt_hit"] += bool(a2 & tgt)
    return {"sentences": len(spans), **c,
            "actor1_precision": round(c["src_hit"] / c["src_pred"], 4) if c["src_pred"] else 0.0,
            "actor1_recall": round(c["src_hit"] / c["src_gold"], 4) if c["src_gold"] else 0.0,
            "actor2_precision": round(c["tgt_hit"] / c["tgt_pred"], 4) if c["tgt_pred"] else 0.0,
            "actor2_recall": round(c["tgt_hit"] / c["tgt_gold"], 4) if c["tgt_gold"] else 0.0}


if __name__ == "__main__":
    main()
