"""Stance accuracy on NewsMTSC (``make eval``): the learned classifier, target-aware VADER and sentence VADER.

NewsMTSC (Hamborg & Donnay, EACL 2021) labels the sentiment of news sentences toward a named person
(polarity 2 = negative, 4 = neutral, 6 = positive). Both scorers run in the same process on the same file:

- baseline: NLTK's VADER compound score of the whole sentence (>= 0.05 positive, <= -0.05 negative), the
  same lexicon file; ``vaderSentiment``'s own analyser is printed too for reference;
- newslab lexicon: ``newslab.stance.polarity.target_stance`` toward the target's ``from``/``to`` span (the fallback);
- newslab learned: ``newslab.stance.model.predict`` (logistic regression trained on ``train.jsonl`` only; the
  method ``stance_table`` uses).

``--tune`` searches the decision thresholds on ``train.jsonl`` (never on the test file) and prints them.

    python -m newslab.evaluation.stance [--data DIR] [--split devtest_mt] [--tune]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from newslab.stance.polarity import DEFAULT, PolarityParams, classify, sentence_polarity, target_stance

LABELS = {2: "against", 4: "neutral", 6: "favor"}
CLASSES = ("against", "neutral", "favor")


def default_data_dir() -> Path:
    """``../shared/corpora/newsmtsc`` next to the repository (absent in a user's fresh clone)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "newsmtsc"


def read_examples(path: Path) -> list[tuple[str, int, int, str]]:
    """``(sentence, start, end, gold label)`` for every target of every line of a NewsMTSC jsonl file."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            sentence = record["sentence_normalized"]
            for target in record["targets"]:
                out.append((sentence, int(target["from"]), int(target["to"]), LABELS[int(target["polarity"])]))
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the three classes, and the F1 of each.

    >>> macro_f1(["favor", "against", "neutral"], ["favor", "against", "against"])[0]
    0.5556
    """
    per = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return round(sum(per.values()) / len(CLASSES), 4), {c: round(v, 4) for c, v in per.items()}


def _vader_label(compound: float) -> str:
    return "favor" if compound >= 0.05 else "against" if compound <= -0.05 else "neutral"


def baseline_predictions(examples: Iterable[tuple[str, int, int, str]]) -> list[str]:
    """Plain sentence-level NLTK VADER: one label per sentence, whatever the target."""
    return [_vader_label(sentence_polarity(s)) for s, _a, _b, _g in examples]


def vadersentiment_predictions(examples: Iterable[tuple[str, int, int, str]]) -> list[str]:
    """The same baseline with the ``vaderSentiment`` package's own analyser (slightly different rules)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    return [_vader_label(sia.polarity_scores(s)["compound"]) for s, _a, _b, _g in examples]


def newslab_predictions(examples: Iterable[tuple[str, int, int, str]],
                        params: PolarityParams = DEFAULT) -> list[str]:
    return [target_stance(s, a, b, params).stance for s, a, b, _g in examples]


def learned_predictions(examples: Iterable[tuple[str, int, int, str]]) -> list[str]:
    """The shipped logistic-regression model (``newslab.stance.model``)."""
    from newslab.stance.model import predict

    return [predict(s, a, b).stance for s, a, b, _g in examples]


LEARNED = "newslab learned (stance_model)"
LEXICON = "newslab target_polarity"


def evaluate(path: Path, params: PolarityParams = DEFAULT) -> dict[str, tuple[float, dict[str, float]]]:
    """Macro-F1 of the baselines and of newslab on one NewsMTSC file, computed in the same run."""
    from newslab.stance.model import model_available

    examples = read_examples(path)
    gold = [g for *_x, g in examples]
    out = {
        "baseline (NLTK VADER, sentence)": macro_f1(gold, baseline_predictions(examples)),
        "baseline (vaderSentiment, sentence)": macro_f1(gold, vadersentiment_predictions(examples)),
        LEXICON: macro_f1(gold, newslab_predictions(examples, params)),
    }
    if model_available():
        out[LEARNED] = macro_f1(gold, learned_predictions(examples))
    return out


def tune_thresholds(train: Path, params: PolarityParams = DEFAULT) -> tuple[PolarityParams, float]:
    """The favor/against thresholds that maximise macro-F1 on the training file."""
    examples = read_examples(train)
    gold = [g for *_x, g in examples]
    scores = [target_stance(s, a, b, params).score for s, a, b, _g in examples]
    best = (-1.0, params)
    for fav in [x / 100 for x in range(1, 50)]:
        for ag in [x / 100 for x in range(1, 50)]:
            p = replace(params, favor=fav, against=-ag)
            f1 = macro_f1(gold, [classify(sc, p) for sc in scores])[0]
            if f1 > best[0]:
                best = (f1, p)
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newslab.evaluation.stance", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="folder with the NewsMTSC jsonl files")
    parser.add_argument("--split", default="devtest_mt", help="file to score (without .jsonl)")
    parser.add_argument("--tune", action="store_true", help="search the thresholds on train.jsonl first")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    path = args.data / f"{args.split}.jsonl"
    if not path.exists():
        print(f"stance: {path} not found; skipping the NewsMTSC evaluation")
        return 0
    params = DEFAULT
    if args.tune:
        params, f1 = tune_thresholds(args.data / "train.jsonl")
        print(f"tuned on train.jsonl: favor >= {params.favor}, against <= {params.against} (train macro-F1 {f1})")
    n = len(read_examples(path))
    print(f"NewsMTSC {args.split}: {n} targets, macro-F1 (F1 against / neutral / favor)")
    for name, (f1, per) in evaluate(path, params).items():
        print(f"  {name:<38} {f1:.3f}   ({per['against']:.3f} / {per['neutral']:.3f} / {per['favor']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
