"""Train the learned attribution layer (``newslab.attribution.model``) on a brat corpus, deterministically.

    python -m newslab.evaluation.train_attribution                 # PolNeAR train -> newslab/models/attribution.crfsuite
    python -m newslab.evaluation.train_attribution --cv 5          # also print 5-fold cross-validation scores (by article)
    python -m newslab.evaluation.train_attribution --gold DIR --out FILE

The corpus folder holds ``text/<name>.txt`` and ``attributions/<name>[_<annotator>].ann`` (as for
``newslab.evaluation.attribution``). Files are read in sorted order and the CRF settings are fixed, so two
runs write byte-identical model files. Only train data belongs here: dev is for measuring.

>>> sorted(PARAMS)[:3]
['c1', 'c2', 'feature.minfreq']
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

__all__ = ["PARAMS", "read_corpus", "examples", "cue_words", "train", "cross_validate", "main"]

PARAMS = {"c1": 0.5, "c2": 0.3, "max_iterations": 200, "feature.minfreq": 2}


def default_train() -> Path:
    """``../shared/corpora/polnear/train`` next to the repository."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "polnear" / "train"


def read_corpus(gold_dir: str | Path) -> list[tuple[str, str, list[dict]]]:
    """``(name, text, gold attributions)`` for every text with an annotation file, in sorted order."""
    from newslab.evaluation.attribution import read_brat

    gold_dir = Path(gold_dir)
    out = []
    for t in sorted((gold_dir / "text").glob("*.txt")):
        anns = sorted((gold_dir / "attributions").glob(f"{t.stem}_*.ann")) or \
            sorted((gold_dir / "attributions").glob(f"{t.stem}.ann"))
        if anns:
            out.append((t.stem, t.read_text(encoding="utf-8"), read_brat(anns[0])))
    return out


def _bounds(texts: list[str]) -> list[list[tuple[int, int]]]:
    from newslab.core.schema import conform
    from newslab.text.segment import segment

    arts = conform(pd.DataFrame({"article_id": [f"a{i:06d}" for i in range(len(texts))], "text": texts}),
                   "articles")
    sents = segment(arts)
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for aid, s, e in zip(sents["article_id"], sents["start"], sents["end"]):
        out[int(aid[1:])].append((int(s), int(e)))
    return [sorted(b) for b in out]


def examples(docs: list[tuple[str, str, list[dict]]], words: frozenset[str]) -> tuple[list, list]:
    """Features and labels (``Y`` when the candidate overlaps a gold cue, else ``N``) of every candidate."""
    from newslab.attribution.model import candidates, features
    from newslab.attribution.sources import attribute_text

    xs, ys = [], []
    for (_, text, gold), bd in zip(docs, _bounds([text for _, text, _ in docs])):
        spans = sorted(span for g in gold for span in g["cue"])

        def grab(art, found, sent_of_tok, spans=spans):
            cands = candidates(art, found, sent_of_tok, words)
            ruled = [(art.toks[c.a].start, art.toks[c.b - 1].end) for c in cands if c.rule is not None]
            # a new candidate is right only when it finds a gold cue no rule candidate already overlaps
            fresh = [(gs, ge) for gs, ge in spans if not any(gs < e and ge > s for s, e in ruled)]
            claimed: set[tuple[int, int]] = set()
            for c in cands:
                s, e = art.toks[c.a].start, art.toks[c.b - 1].end
                xs.append(features(art, c))
                if c.rule is not None:
                    ys.append("Y" if any(gs < e and ge > s for gs, ge in spans) else "N")
                    continue
                # only the first new candidate inside a gold cue finds it; later ones would be duplicates
                hit = [g for g in fresh if g[0] < e and g[1] > s]
                ys.append("Y" if hit and not claimed.intersection(hit) else "N")
                claimed.update(hit)
            return found
        attribute_text(text, bd, learned=grab)
    return xs, ys


def cue_words(docs: list[tuple[str, str, list[dict]]]) -> list[str]:
    """The learned extra candidate words of ``docs`` (see ``attribution_model.learn_words``)."""
    from newslab.attribution.cues import tokenize
    from newslab.attribution.model import learn_words

    rows = []
    for _, text, gold in docs:
        spans = sorted(span for g in gold for span in g["cue"])
        toks = tokenize(text)
        rows.append(([t.lower for t in toks], [any(s < t.end and e > t.start for s, e in spans) for t in toks]))
    return learn_words(rows)


def train(docs: list[tuple[str, str, list[dict]]], out_dir: str | Path, params: dict | None = None) -> str:
    """Train on ``docs`` and write the model files to ``out_dir``; returns the sha256 of both files."""
    import pycrfsuite

    from newslab.attribution.model import MODEL_FILE, WORDS_FILE

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    words = cue_words(docs)
    (out_dir / WORDS_FILE).write_text(
        "# Words often inside a cue in the training data: extra candidates for newslab.attribution.model.\n"
        "# Written by `make train` (python -m newslab.evaluation.train_attribution); do not edit by hand.\n"
        + "".join(w + "\n" for w in words), encoding="utf-8")
    xs, ys = examples(docs, frozenset(words))
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for x, y in zip(xs, ys):
        trainer.append([x], [y])
    trainer.set_params(params or PARAMS)
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "model.crfsuite"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "model.crfsuite"))
        state = tagger.info().state_features
        tagger.close()
    delta: dict[str, float] = {}
    for (feat, label), w in state.items():
        delta[feat] = delta.get(feat, 0.0) + (w if label == "Y" else -w)
    rows = sorted((f, w) for f, w in delta.items() if "\t" not in f and "\n" not in f and round(w, 6) != 0)
    (out_dir / MODEL_FILE).write_text(
        "# Log-odds weights of the learned attribution layer (newslab.attribution.model): feature<TAB>weight.\n"
        "# Written by `make train` (python -m newslab.evaluation.train_attribution); do not edit by hand.\n"
        + "".join(f"{f}\t{w:.6g}\n" for f, w in rows), encoding="utf-8")
    digest = hashlib.sha256()
    for name in (MODEL_FILE, WORDS_FILE):
        digest.update((out_dir / name).read_bytes())
    return digest.hexdigest()


def predict(docs: list[tuple[str, str, list[dict]]], model: str | Path | None, settings=None) -> dict:
    """Predicted attributions per document name (``model`` None = rules alone), in the scorer's format."""
    from newslab.attribution.model import Settings, load_model, refine
    from newslab.attribution.sources import attribute_text

    load_model.cache_clear()
    tagger = load_model(str(model)) if model else None
    settings = settings or Settings
    pred = {}
    for (name, text, _), bd in zip(docs, _bounds([text for _, text, _ in docs])):
        if tagger is None:
            found = attribute_text(text, bd, learned=False)
        else:
            found = attribute_text(text, bd, learned=lambda art, f, sot: refine(art, f, sot, tagger, settings))
        pred[name] = [{"cue": [(a.cue_start, a.cue_end)],
                       "source": [(a.mention_start, a.mention_end)] if a.mention_start >= 0 else [],
                       "content": [(a.content_start, a.content_end)] if a.content_start >= 0 else []}
                      for a in found]
    return pred


def cross_validate(docs: list, folds: int = 5, workdir: str | Path = "/tmp", settings_list=None) -> list[dict]:
    """Scores of ``folds``-fold cross-validation by article (article i goes to fold i % folds)."""
    from newslab.attribution.model import Settings
    from newslab.evaluation.attribution import score

    settings_list = settings_list or [Settings]
    gold = {name: g for name, _, g in docs}
    preds: list[dict] = [{} for _ in settings_list]
    for f in range(folds):
        tr = [d for i, d in enumerate(docs) if i % folds != f]
        te = [d for i, d in enumerate(docs) if i % folds == f]
        path = Path(workdir) / f"cv_fold{f}"
        train(tr, path)
        for p, st in zip(preds, settings_list):
            p.update(predict(te, path, st))
    return [score(gold, p) for p in preds]


def main(argv: list[str] | None = None) -> int:
    """Train (and optionally cross-validate); prints the model's sha256 and the scores."""
    from newslab.attribution.model import MODEL_DIR

    ap = argparse.ArgumentParser(prog="python -m newslab.evaluation.train_attribution", description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=None, help="brat training folder (default: PolNeAR train in ../shared)")
    ap.add_argument("--out", default=str(MODEL_DIR), help="folder to write the model files to")
    ap.add_argument("--cv", type=int, default=0, help="also run N-fold cross-validation by article")
    args = ap.parse_args(argv)
    gold = Path(args.gold) if args.gold else default_train()
    if not (gold / "text").is_dir():
        print(f"train_attribution: no training corpus at {gold}", file=sys.stderr)
        return 2
    docs = read_corpus(gold)
    t0 = time.perf_counter()
    if args.cv:
        from newslab.evaluation.attribution import score

        res = cross_validate(docs, args.cv)[0]
        base = score({n: g for n, _, g in docs}, predict(docs, None))
        for label, r in (("rules alone", base), (f"{args.cv}-fold CV", res)):
            print(f"{label:12s} cue P {r['cue_p']:.3f} R {r['cue_r']:.3f} F1 {r['cue_f1']:.3f}   source F1 "
                  f"{r['source_f1']:.3f}   content F1 {r['content_f1']:.3f}")
    digest = train(docs, args.out)
    print(f"trained on {len(docs)} articles in {time.perf_counter() - t0:.0f} s: {args.out} sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
