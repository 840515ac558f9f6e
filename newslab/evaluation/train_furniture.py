"""Train the page-furniture classifier (``make train``): a random forest on the ``train`` half of AEB only.

Data: the 85 pages of ``../shared/corpora/aeb`` whose hash starts with 0-7, read as newslab reads them
(``newslab.io.readers.extract_page``) and labelled line by line against the ground-truth bodies
(``newslab.evaluation.aeb.line_labels``: ``furniture`` is the positive class; body lines and headlines are
negative). Features: ``newslab.text.furniture.features``. The decision threshold is the lowest one whose
precision, in 5-fold cross-validation over train pages (folds grouped by page), is at least
``TARGET_PRECISION``; the forest is then fitted on all train pages and written as arrays to
``newslab/models/furniture.json.gz``. The ``test`` half (8-f) is never read here.

Deterministic: sorted pages, fixed seeds, one job, gzip without a timestamp, so the same data gives the same
file bit for bit. Needs scikit-learn (a dev dependency); prediction does not.

    python -m newslab.evaluation.train_furniture [--aeb DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

from newslab.evaluation.aeb import AEB, half, line_labels, pages
from newslab.text.furniture import EPS, FEATURES, MODEL_FILE, features, html_blocks, line_keys

TARGET_PRECISION = 0.95
TREES = 100
MIN_LEAF = 2
FOLDS = 5
SEED = 0


def train_rows(folder: Path = AEB) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(X, y, page index)`` for every line of the train pages."""
    from newslab.io.pagemeta import strip_site
    from newslab.io.readers import extract_page

    xs, ys, groups = [], [], []
    for n, (_page, path, data, body) in enumerate(p for p in pages(folder) if half(p[0]) == "train"):
        doc, text, html = extract_page(path, data)
        title = strip_site(doc.title, [doc.sitename], doc.url)
        labels = line_labels(text, title, body)
        _, X = features(text, html_blocks(html, line_keys(text)))
        xs.append(X)
        ys += [label == "furniture" for _, _, label in labels]
        groups += [n] * len(labels)
    return np.vstack(xs), np.asarray(ys), np.asarray(groups)


def _forest():
    from sklearn.ensemble import RandomForestClassifier

    return RandomForestClassifier(n_estimators=TREES, min_samples_leaf=MIN_LEAF, random_state=SEED, n_jobs=1)


def cross_validated(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities (folds: pages by index modulo ``FOLDS``)."""
    proba = np.zeros(len(y))
    for k in range(FOLDS):
        test = groups % FOLDS == k
        proba[test] = _forest().fit(X[~test], y[~test]).predict_proba(X[test])[:, 1]
    return proba


def choose_threshold(proba: np.ndarray, y: np.ndarray, target: float = TARGET_PRECISION) -> tuple[float, dict]:
    """The lowest threshold (in steps of 0.01) whose precision is at least ``target``, and its figures."""
    best = (1.0, {"precision": float("nan"), "recall": 0.0, "flagged": 0})
    for t in np.round(np.arange(0.99, 0.0, -0.01), 2):
        flagged = proba >= t - EPS
        if not flagged.any():
            continue
        precision = float((flagged & y).sum() / flagged.sum())
        if precision >= target:
            best = (float(t), {"precision": round(precision, 4), "recall": round(float((flagged & y).sum() / y.sum()), 4),
                               "flagged": int(flagged.sum())})
    return best


def export(forest, threshold: float, meta: dict) -> dict:
    trees = []
    for est in forest.estimators_:
        t = est.tree_
        value = t.value[:, 0, :]
        share = value[:, 1] / value.sum(axis=1)
        trees.append({"feature": [int(f) if f >= 0 else -1 for f in t.feature],
                      "threshold": [float(v) for v in t.threshold], "left": [int(v) for v in t.children_left],
                      "right": [int(v) for v in t.children_right], "value": [float(v) for v in share]})
    return {"features": list(FEATURES), "threshold": threshold, "meta": meta, "trees": trees}


def write(doc: dict, path: Path) -> None:
    body = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as fh:
        fh.write(body)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aeb", type=Path, default=AEB)
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    args = ap.parse_args(argv)
    if not (args.aeb / "ground-truth.json").is_file():
        print(f"furniture model: {args.aeb} is not here; the shipped model is kept")
        return 0
    t0 = time.perf_counter()
    X, y, groups = train_rows(args.aeb)
    proba = cross_validated(X, y, groups)
    threshold, cv = choose_threshold(proba, y)
    forest = _forest().fit(X, y)
    meta = {"data": "AEB train half (pages 0-7)", "pages": int(groups.max() + 1), "lines": int(len(y)),
            "furniture_lines": int(y.sum()), "cv_at_threshold": cv, "target_precision": TARGET_PRECISION,
            "trees": TREES, "min_samples_leaf": MIN_LEAF, "seed": SEED}
    write(export(forest, threshold, meta), args.out)
    print(f"furniture model: {meta['pages']} pages, {meta['lines']} lines ({meta['furniture_lines']} furniture); "
          f"threshold {threshold:.2f}: cross-validated precision {cv['precision']:.1%}, recall {cv['recall']:.1%} "
          f"({cv['flagged']} flagged); {args.out} ({args.out.stat().st_size / 1024:.0f} KB, "
          f"{time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
