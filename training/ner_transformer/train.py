"""Fine-tune e5-small for ANERcorp NER (runs on the GPU machine or, slowly, on CPU).

Reads scratch/ner_e5/{data.json, init.npz} (from prepare.py), runs each named recipe in
turn, prints dev entity F1 after every epoch (dev = last 10% of sentences, never trained
on), and exports the chosen run as int8-per-row / fp16 shards (rasd's shipped format),
then re-scores dev with the exported (dequantized) weights.

    python training/ner_transformer/train.py --runs crf_ctx_gaz --export crf_ctx_gaz --out DIR
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
# Load the model module by path: importing the rasd package would pull in its whole
# dependency set, which the GPU machine lacks.
_spec = importlib.util.spec_from_file_location("e5tagger", ROOT / "src/rasd/ner/transformer.py")
T = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(T)
import weights  # noqa: E402

RECIPES = {
    "softmax": dict(loss="ce", context=False, feats=False),
    "crf": dict(loss="crf", context=False, feats=False),
    "crf_ctx": dict(loss="crf", context=True, feats=False),
    "crf_ctx_gaz": dict(loss="crf", context=True, feats=True),
    "ce_ls_ctx_gaz": dict(loss="ce", ls=0.1, context=True, feats=True),
    "crf_ctx_gaz_lr8": dict(loss="crf", context=True, feats=True, lr=8e-5),
    "crf_ctx_gaz_e12": dict(loss="crf", context=True, feats=True, epochs=12),
    "crf_ctx_gaz_s2": dict(loss="crf", context=True, feats=True, seed=2),
    "crf_ctx_gaz_s3": dict(loss="crf", context=True, feats=True, seed=3),
    "t1": dict(epochs=6, seed=1),
    "t2": dict(epochs=6, seed=2, context=False),
    "t3": dict(epochs=6, seed=3, lr=8e-5),
    "student": dict(epochs=4, seed=4),
    "student2": dict(epochs=7, seed=5),
}
DEFAULTS = dict(loss="crf", ls=0.0, context=True, feats=True, lr=5e-5, head_lr=1e-3,
                epochs=8, batch=16, seed=1, warmup=0.1)


def items_for(sents, context):
    """(ids, first positions, tags, feats) per encoded window."""
    word_ids = [[tuple(w) for w in s["ids"]] for s in sents]
    out = []
    for ids, firsts, si, (a, e) in T.windows(word_ids, context=context):
        s = sents[si]
        out.append((ids, firsts, [T.LABELS.index(t) if t in T.LABELS else 0 for t in s["tags"][a:e]],
                    s["feats"][a:e], si, (a, e)))
    return out


def collate(chunk, device):
    """Pad a batch of windows into tensors."""
    B = len(chunk)
    L = max(len(c[0]) for c in chunk)
    W = max(1, max(len(c[1]) for c in chunk))
    ids = torch.ones((B, L), dtype=torch.long)
    first = torch.zeros((B, W), dtype=torch.long)
    tags = torch.zeros((B, W), dtype=torch.long)
    wmask = torch.zeros((B, W), dtype=torch.bool)
    feats = torch.zeros((B, W, T.N_FEATS))
    for r, (x, fs, tg, ft, _, _) in enumerate(chunk):
        ids[r, :len(x)] = torch.tensor(x)
        n = len(fs)
        first[r, :n] = torch.tensor(fs)
        tags[r, :n] = torch.tensor(tg)
        wmask[r, :n] = True
        if n:
            feats[r, :n] = torch.tensor(ft, dtype=torch.float32)
    return [t.to(device) for t in (ids, first, tags, wmask, feats)]


def batches(items, size, shuffle=True):
    """Batches of windows with similar word counts (short CRF loops), in random order."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i][1]), random.random()))
    out = [[items[i] for i in order[b:b + size]] for b in range(0, len(order), size)]
    if shuffle:
        random.shuffle(out)
    return out


def predict(model, items, n_sents, feats_on, device, crf=True):
    """Decoded tag sequences for the dev sentences."""
    model.eval()
    ems = {}
    with torch.no_grad(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
        for chunk in batches(items, 64, shuffle=False):
            ids, first, _, _, feats = collate(chunk, device)
            if not feats_on:
                feats = feats * 0
            em = model.emissions(ids, ids != 1, first, feats).float()
            if not crf:
                em = torch.log_softmax(em, -1)
            em = em.cpu().numpy()
            for r, c in enumerate(chunk):
                ems.setdefault(c[4], []).append((c[5][0], em[r, :len(c[1])]))
    if crf:
        trans, start, end = (x.detach().float().cpu().numpy() for x in (model.trans, model.start, model.end))
    else:
        trans, start, end = np.zeros((9, 9)), np.zeros(9), np.zeros(9)
    out = []
    for si in range(n_sents):
        parts = sorted(ems.get(si, []), key=lambda p: p[0])
        em = np.concatenate([p[1] for p in parts]) if parts else np.zeros((0, 9))
        out.append([T.LABELS[i] for i in T.viterbi(em, trans, start, end)] if len(em) else [])
    return out, ems


def argmax_tags(ems, n_sents):
    """Unconstrained per-word argmax (to show what constrained decoding adds)."""
    out = []
    for si in range(n_sents):
        parts = sorted(ems.get(si, []), key=lambda p: p[0])
        out.append([T.LABELS[i] for p in parts for i in p[1].argmax(-1)])
    return out


def train_one(name, data, init, device, log, extra=(), deadline=1e18):
    """Train one recipe (plus ``extra`` windows, e.g. pseudo-labelled); returns (model, dev report)."""
    cfg = {**DEFAULTS, **RECIPES[name]}
    random.seed(cfg["seed"]); np.random.seed(cfg["seed"]); torch.manual_seed(cfg["seed"])
    model = T.Tagger(data["vocab"], n_feats=T.N_FEATS)
    missing = model.load_state_dict({k: torch.from_numpy(v) for k, v in init.items()}, strict=False)
    assert not missing.unexpected_keys, missing.unexpected_keys
    model.to(device)
    tr = items_for(data["train"], cfg["context"]) + list(extra)
    dv = items_for(data["dev"], cfg["context"])
    gold = [s["tags"] for s in data["dev"]]
    enc = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    head = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": enc, "lr": cfg["lr"]}, {"params": head, "lr": cfg["head_lr"]}],
                            weight_decay=0.01)
    steps = cfg["epochs"] * ((len(tr) + cfg["batch"] - 1) // cfg["batch"])
    warm = int(cfg["warmup"] * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (steps - s) / max(1, steps - warm)))
    crf = cfg["loss"] == "crf"
    report = {}
    for ep in range(cfg["epochs"]):
        if time.time() > deadline:
            log(f"{name}: stopped before epoch {ep + 1} (time guard)")
            break
        model.train()
        t0, tot = time.time(), 0.0
        for chunk in batches(tr, cfg["batch"]):
            ids, first, tags, wmask, feats = collate(chunk, device)
            if not cfg["feats"]:
                feats = feats * 0
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
                em = model.emissions(ids, ids != 1, first, feats)
            if crf:
                loss = model.crf_nll(em.float(), tags, wmask)
            else:
                loss = torch.nn.functional.cross_entropy(em.float()[wmask], tags[wmask],
                                                         label_smoothing=cfg["ls"])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += loss.detach()
        pred, ems = predict(model, dv, len(gold), cfg["feats"], device, crf=crf)
        report = T.f1_report(gold, pred)
        report["argmax_f1"] = T.f1_report(gold, argmax_tags(ems, len(gold)))["f1"]
        log(f"{name} epoch {ep + 1}: loss {float(tot):.1f} dev {json.dumps(report)} ({time.time() - t0:.1f}s)")
    model.cfg = cfg
    return model, report


def quantize_state(model) -> dict[str, torch.Tensor]:
    """int8 per-row (symmetric) for matrices, fp16 for vectors, fp32 for the CRF."""
    out = {}
    for name, t in model.state_dict().items():
        t = t.detach().float().cpu()
        if t.dim() == 2 and t.shape[0] > 16 and t.shape[1] > 16:
            scale = t.abs().amax(dim=1).clamp(min=1e-8) / 127.0
            out[name] = torch.round(t / scale[:, None]).clamp(-127, 127).to(torch.int8)
            out[name + ".__scale"] = scale.to(torch.float32)
        elif name in ("trans", "start", "end"):
            out[name] = t
        else:
            out[name] = t.half()
    return out


def export(model, data, out: Path, name: str, shard_bytes: int = 12_000_000) -> list[str]:
    """Write config.json and shards under ``out``; returns the shard names."""
    out.mkdir(parents=True, exist_ok=True)
    q = quantize_state(model)
    shards, cur, size = [], {}, 0
    for k in sorted(q, key=lambda k: (k.replace(".__scale", ""), k)):
        nb = q[k].numel() * q[k].element_size()
        if cur and size + nb > shard_bytes and not k.endswith(".__scale"):
            shards.append(cur); cur, size = {}, 0
        cur[k] = q[k]; size += nb
    shards.append(cur)
    names = []
    for i, sh in enumerate(shards):
        fn = f"weights-{i:02d}.pt"
        torch.save(sh, out / fn)
        names.append(fn)
    cfg = {"recipe": name, "vocab": data["vocab"], "n_feats": T.N_FEATS,
           "feats_used": model.cfg["feats"], "context": model.cfg["context"], "crf": model.cfg["loss"] == "crf",
           "labels": T.LABELS, "shards": names}
    (out / "config.json").write_text(json.dumps(cfg, indent=1))
    return names


def sentence_emissions(model, sents, device, context=None):
    """Per-sentence (W, labels) emission arrays of one model, and its CRF parameters."""
    items = items_for(sents, model.cfg["context"] if context is None else context)
    _, ems = predict(model, items, len(sents), model.cfg["feats"], device)
    out = []
    for si in range(len(sents)):
        parts = sorted(ems.get(si, []), key=lambda p: p[0])
        out.append(np.concatenate([p[1] for p in parts]) if parts else np.zeros((0, 9), np.float32))
    crf = [x.detach().float().cpu().numpy() for x in (model.trans, model.start, model.end)]
    return out, crf


def ensemble_tags(models, sents, device, context=None):
    """Viterbi over the mean emissions and mean CRF parameters of several models."""
    runs = [sentence_emissions(m, sents, device, context) for m in models]
    crf = [np.mean([r[1][k] for r in runs], axis=0) for k in range(3)]
    tags = []
    for si in range(len(sents)):
        em = np.mean([r[0][si] for r in runs], axis=0)
        tags.append([T.LABELS[i] for i in T.viterbi(em, *crf)] if len(em) else [])
    return tags


def export_and_check(model, data, out, name, device, log):
    """Export in the shipped format, reload dequantized, re-score dev."""
    shards = export(model, data, out, name, shard_bytes=15_500_000)
    _, state = T.load_state(out)
    qm = T.Tagger(data["vocab"], n_feats=T.N_FEATS)
    qm.load_state_dict(state)
    qm.cfg = model.cfg
    qm.to(device)
    gold = [s["tags"] for s in data["dev"]]
    pred = ensemble_tags([qm], data["dev"], device)
    log(f"{name} exported int8 {shards}: dev {json.dumps(T.f1_report(gold, pred))}")


def distill(data, init, device, out, log, budget):
    """Teachers, their ensemble, pseudo-labels on open-licence news, a student; exports t1 and student."""
    t_start = time.time()
    gold = [s["tags"] for s in data["dev"]]
    teachers = []
    for name in ("t1", "t2", "t3"):
        if time.time() - t_start > budget * 0.45:
            log(f"skipping {name} (time guard)")
            break
        m, rep = train_one(name, data, init, device, log)
        teachers.append(m)
        log(f"{name} final dev {json.dumps(rep)} at {time.time() - t_start:.0f}s")
        if name == "t1":
            export_and_check(m, data, out / "t1", "t1", device, log)
        if len(teachers) > 1:
            rep = T.f1_report(gold, ensemble_tags(teachers, data["dev"], device))
            log(f"ensemble of {len(teachers)} dev {json.dumps(rep)}")
    pseudo = ensemble_tags(teachers, data["unlabeled"], device, context=False)
    unl = [dict(s, tags=t) for s, t in zip(data["unlabeled"], pseudo)]
    n_ent = sum(len(T.entity_spans(t)) for t in pseudo)
    log(f"pseudo-labelled {len(unl)} sentences, {n_ent} entities, at {time.time() - t_start:.0f}s")
    extra = items_for(unl, context=False)
    for m in teachers:
        m.cpu()
    deadline = t_start + budget - 40
    student, rep = train_one("student", data, init, device, log, extra=extra, deadline=deadline)
    log(f"student final dev {json.dumps(rep)} at {time.time() - t_start:.0f}s")
    export_and_check(student, data, out / "student", "student", device, log)


def distill_again(data, init, device, out, log, budget, teacher_dir: Path):
    """Second round: the exported student labels the open-licence sentences for a new student."""
    t_start = time.time()
    cfg, state = T.load_state(teacher_dir)
    teacher = T.Tagger(data["vocab"], n_feats=T.N_FEATS)
    teacher.load_state_dict(state)
    teacher.cfg = {**DEFAULTS, "context": cfg["context"], "feats": cfg["feats_used"]}
    teacher.to(device)
    gold = [s["tags"] for s in data["dev"]]
    log(f"teacher {cfg['recipe']} dev {json.dumps(T.f1_report(gold, ensemble_tags([teacher], data['dev'], device)))}")
    pseudo = ensemble_tags([teacher], data["unlabeled"], device, context=False)
    unl = [dict(s, tags=t) for s, t in zip(data["unlabeled"], pseudo)]
    log(f"pseudo-labelled {len(unl)} sentences, {sum(len(T.entity_spans(t)) for t in pseudo)} entities")
    teacher.cpu()
    student, rep = train_one("student2", data, init, device, log, extra=items_for(unl, context=False),
                             deadline=t_start + budget - 45)
    log(f"student2 final dev {json.dumps(rep)} at {time.time() - t_start:.0f}s")
    export_and_check(student, data, out / "student2", "student2", device, log)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT / "scratch/ner_e5"))
    ap.add_argument("--runs", default="crf_ctx_gaz")
    ap.add_argument("--export", default="")
    ap.add_argument("--out", default=str(ROOT / "scratch/ner_e5/out"))
    ap.add_argument("--limit", type=int, default=0, help="smoke test: first N sentences of each split")
    ap.add_argument("--plan", default="runs", choices=["runs", "distill", "distill2"])
    ap.add_argument("--teacher", default=str(ROOT / "src/rasd/data/ner/e5"))
    ap.add_argument("--budget", type=float, default=540, help="seconds for the distill plan")
    ap.add_argument("--epochs", type=int, default=0, help="override every recipe's epochs")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    logf = open(out / "log.txt", "a")

    def log(msg):
        print(msg, flush=True)
        logf.write(msg + "\n"); logf.flush()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dpath = Path(args.data) / "data.json"
    if dpath.exists():
        data = json.loads(dpath.read_text())
    else:  # compressed copy, to keep what travels to the GPU machine small
        import gzip
        data = json.loads(gzip.decompress((Path(args.data) / "data.json.gz").read_bytes()))
    if args.limit:
        data["train"], data["dev"] = data["train"][:args.limit], data["dev"][:args.limit]
    if args.epochs:
        DEFAULTS["epochs"] = args.epochs
        for r in RECIPES.values():
            r.pop("epochs", None)
    init = weights.unpack(np.load(Path(args.data) / "init.npz"))
    log(f"device {device}, torch {torch.__version__}, train {len(data['train'])}, dev {len(data['dev'])}")
    if args.plan == "distill":
        distill(data, init, device, out, log, args.budget)
        return
    if args.plan == "distill2":
        distill_again(data, init, device, out, log, args.budget, Path(args.teacher))
        return
    results = {}
    for name in args.runs.split(","):
        model, rep = train_one(name, data, init, device, log)
        results[name] = rep
        if name == args.export:
            shards = export(model, data, out / "model", name)
            ld_cfg, state = T.load_state(out / "model")
            qm = T.Tagger(data["vocab"], n_feats=T.N_FEATS)
            qm.load_state_dict(state)
            qm.cfg = model.cfg
            qm.to(device)
            dv = items_for(data["dev"], model.cfg["context"])
            gold = [s["tags"] for s in data["dev"]]
            pred, _ = predict(qm, dv, len(gold), model.cfg["feats"], device, crf=model.cfg["loss"] == "crf")
            log(f"{name} exported int8 {shards}: dev {json.dumps(T.f1_report(gold, pred))}")
        del model
        if device.type == "cuda":
            torch.cuda.empty_cache()
    log("SUMMARY " + json.dumps({k: v["f1"] for k, v in results.items()}))


if __name__ == "__main__":
    main()
