"""Train the stance classifier (``make train``): logistic regression on NewsMTSC ``train.jsonl`` only.

Features come from ``newslab.stance.model.features``. The regularisation strength and class weighting are
chosen by 5-fold cross-validation on train (folds grouped by sentence, so a sentence's targets never sit on
both sides), then the model is fitted on all of train and written as weights to
``newslab/models/stance.json.gz``. Deterministic: sorted features, fixed folds, weights rounded, gzip
without a timestamp, so the same data gives the same file bit for bit. Needs scikit-learn (a dev
dependency); prediction does not.

    python -m newslab.evaluation.train_stance [--data DIR] [--out FILE] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from newslab.evaluation.stance import default_data_dir, macro_f1, read_examples
from newslab.stance.model import CLASSES, MODEL_FILE, features, write_model

#: a feature must occur in at least this many training examples to get a weight
MIN_COUNT = 2
#: candidate inverse regularisation strengths (chosen by cross-validation on train)
C_GRID = (0.05, 0.1, 0.3)
CLASS_WEIGHTS = (None, "balanced")
FOLDS = 5
DECIMALS = 4


def _matrix(feats: list[dict[str, float]], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for name in sorted(f):
            c = vocab.get(name)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(f[name])
    return csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))


def _vocab(feats: list[dict[str, float]]) -> dict[str, int]:
    counts = Counter(name for f in feats for name in f)
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT)
    return {n: i for i, n in enumerate(names)}


def _fit(X, y, c: float, class_weight):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight=class_weight, max_iter=2000)
    return model.fit(X, y)


def cross_validate(feats: list[dict[str, float]], gold: list[str], groups: list[int]) -> dict[tuple, float]:
    """Mean macro-F1 of every (C, class weight) over grouped folds of the training set."""
    folds = [g % FOLDS for g in groups]
    results: dict[tuple, float] = {}
    for cw in CLASS_WEIGHTS:
        for c in C_GRID:
            f1s = []
            for k in range(FOLDS):
                tr = [i for i, f in enumerate(folds) if f != k]
                te = [i for i, f in enumerate(folds) if f == k]
                vocab = _vocab([feats[i] for i in tr])
                model = _fit(_matrix([feats[i] for i in tr], vocab), [gold[i] for i in tr], c, cw)
                pred = model.predict(_matrix([feats[i] for i in te], vocab))
                f1s.append(macro_f1([gold[i] for i in te], list(pred))[0])
            results[(c, cw)] = round(sum(f1s) / len(f1s), 4)
            print(f"  C={c:<5} class_weight={cw!s:<9} CV macro-F1 {results[(c, cw)]:.4f}", flush=True)
    return results


def train(data: Path, out: Path, quick: bool = False) -> dict:
    """Cross-validate, fit on all of train, write the model; return its metadata."""
    t = time.time()
    path = data / "train.jsonl"
    examples = read_examples(path)
    sentence_ids: dict[str, int] = {}
    groups = [sentence_ids.setdefault(s, len(sentence_ids)) for s, *_x in examples]
    feats = [features(s, a, b) for s, a, b, _g in examples]
    gold = [g for *_x, g in examples]
    print(f"train.jsonl: {len(examples)} targets in {len(sentence_ids)} sentences "
          f"(features in {time.time() - t:.1f}s)", flush=True)
    if quick:
        best, cv = (0.1, None), {}
    else:
        cv = cross_validate(feats, gold, groups)
        best = max(sorted(cv, key=str), key=lambda k: cv[k])
    c, cw = best
    vocab = _vocab(feats)
    model = _fit(_matrix(feats, vocab), gold, c, cw)
    order = [list(model.classes_).index(k) for k in CLASSES]
    weights = {}
    for name, j in vocab.items():
        w = [round(float(model.coef_[k, j]), DECIMALS) for k in order]
        if any(w):
            weights[name] = w
    intercept = [round(float(model.intercept_[k]), DECIMALS) for k in order]
    meta = {"data": "NewsMTSC train.jsonl", "examples": len(examples), "C": c, "class_weight": cw or "none",
            "cv_macro_f1": cv.get(best), "features": len(weights), "min_count": MIN_COUNT}
    write_model(out, CLASSES, intercept, weights, meta)
    print(f"chose C={c}, class_weight={cw}: CV macro-F1 {cv.get(best)}; {len(weights)} features -> {out} "
          f"({out.stat().st_size:,} bytes, {time.time() - t:.0f}s)")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newslab.evaluation.train_stance",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="folder with NewsMTSC train.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models" / MODEL_FILE)
    parser.add_argument("--quick", action="store_true", help="skip cross-validation (C=0.1)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    if not (args.data / "train.jsonl").exists():
        print(f"train_stance: {args.data / 'train.jsonl'} not found; the shipped model is kept")
        return 0
    train(args.data, args.out, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
