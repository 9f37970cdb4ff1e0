"""Export the trained sentence classifier (joblib, scikit-learn) to the numpy form the pipeline loads.

    .venv/bin/python training/events/export_numpy.py src/rasd/data/events/gsr_classifier.joblib

Each type's model is e5 features (rasd.events.vectors: blocks of "query"/"passage" vectors of
the sentence and of its trigger window) into a logistic regression; its coefficients,
intercept and threshold go to gsr_classifier.npz beside the joblib file, so `rasd analyze`
never imports scikit-learn (1.3 s of start-up) to apply a dot product.
"""
import sys
from pathlib import Path

import joblib
import numpy as np


def main(path: str) -> None:
    model = joblib.load(path)
    if model.get("input") != "raw":
        raise SystemExit("only the raw-text e5 models (no TF-IDF branch) export to numpy")
    out = {}
    types = sorted(model["models"])
    for t in types:
        pipe, threshold = model["models"][t]
        (name, e5), = pipe.named_steps["features"].transformer_list
        clf = pipe.named_steps["clf"]
        out[f"{t}_blocks"] = np.array(e5.blocks)
        out[f"{t}_coef"] = clf.coef_  # float32, as trained: the same arithmetic as predict_proba
        out[f"{t}_intercept"] = clf.intercept_
        out[f"{t}_threshold"] = np.array(float(threshold))
    out["types"] = np.array(types)
    target = Path(path).with_suffix(".npz")
    np.savez(target, **out)
    print(f"wrote {target}: {', '.join(types)}")


if __name__ == "__main__":
    main(sys.argv[1])
