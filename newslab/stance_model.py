"""The learned stance classifier: how a sentence speaks about one target (against / neutral / favor).

A multinomial logistic regression trained on NewsMTSC ``train.jsonl`` (``make train`` rebuilds it with
``python -m newslab.evaluation.train_stance``; see docs/stance.md). Features of one (sentence, target span):

- target-masked word n-grams: the target becomes ``<T>``, other names ``<N>``, numbers ``<D>``; unigrams and
  bigrams of the sentence, and the words on each side of the target (``l:``/``r:`` within a window);
- lexicon scores: the target-aware VADER score of ``newslab.polarity`` and the sums of positive and negative
  word valences (VADER + ``lexicons/stance_terms.csv``) within 3, 8 and any tokens of the target;
- negation (a negator in the sentence, near the target) and reported speech (the target speaks, is quoted,
  the sentence holds a quotation, "according to").

The model is a gzip JSON file of weights (``newslab/models/stance.json.gz``): prediction is a dot product in pure
Python, with no scikit-learn at run time.

>>> s = "Critics said the mayor lied and covered up the corruption scandal."
>>> predict(s, 17, 22).stance
'against'
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from newslab.errors import LexiconError
from newslab.polarity import (
    DEFAULT,
    SHIPPED_TERMS,
    PolarityParams,
    _analyse,
    _is_name,
    _is_speaker,
    _lexicon,
    _span_tokens,
    _title_case,
    target_stance,
)

CLASSES = ("against", "neutral", "favor")
MODEL_FILE = "stance.json.gz"
#: tokens on each side of the target whose words are features of their own (``l:``/``r:``)
SIDE_WINDOW = 6
#: tokens of a sentence looked at around the target (a longer "sentence" is cut to this window on each side)
MAX_WINDOW = 80
#: the lexicon scores are multiplied by this (a larger scale lets them weigh more against the word features
#: under the same regularisation)
LEX_SCALE = 1.0
#: sentence bigrams: "plain" (present or not) or "distance" (weighted by distance to the target)
BIGRAMS = "plain"
#: tokens at which the weight of a ``d:`` (distance-weighted) word feature halves
DECAY = 4.0
_DIGIT = re.compile(r"\d")


class Prediction(NamedTuple):
    """The label, a score in [-1, 1] (P(favor) - P(against)) and the three class probabilities."""

    stance: str
    score: float
    probabilities: tuple[float, float, float]


def features(sentence: str, start: int, end: int, terms: str = SHIPPED_TERMS,
             params: PolarityParams = DEFAULT) -> dict[str, float]:
    """The feature dict of the target at ``[start, end)`` of ``sentence`` (empty when the span is not in it).

    >>> f = features("The mayor lied.", 4, 9)
    >>> f["s:<T> lied"], f["r:lied"]
    (1.0, 1.0)
    """
    return _features(sentence, start, end, terms, params)[0]


def _features(sentence: str, start: int, end: int, terms: str, params: PolarityParams):
    """The features, and the masked words with their token indices (for ``decisive_words``)."""
    if not isinstance(sentence, str) or not (0 <= start < end <= len(sentence)):
        return {}, [], [], []
    an = _analyse(sentence, terms)
    tokens = an.tokens
    target = _span_tokens(an, start, end)
    if not target or an.foreign:  # text that is not English: no features, a neutral prediction
        return {}, [], [], []
    t0, t1 = min(target), max(target)
    lo, hi = max(0, t0 - MAX_WINDOW), min(len(tokens), t1 + 1 + MAX_WINDOW)
    title = _title_case(tokens)
    lex = _lexicon(terms)
    words: list[str] = []
    index: list[int] = []
    for i in range(lo, hi):
        if t0 <= i <= t1:
            if i == t0:
                words.append("<T>")
                index.append(i)
            continue
        tok = tokens[i]
        if _is_name(tokens, i, title):
            w = "<N>"
        elif _DIGIT.search(tok.low):
            w = "<D>"
        else:
            w = tok.low
        if words and w == "<N>" and words[-1] == "<N>":
            continue
        words.append(w)
        index.append(i)
    f: dict[str, float] = {"bias": 1.0}
    tpos = words.index("<T>")
    for k, w in enumerate(words):
        f["s:" + w] = 1.0
        if k + 1 < len(words):
            if BIGRAMS == "distance":  # bigrams weighted by their distance to the target
                d = min(abs(k - tpos), abs(k + 1 - tpos))
                name = "db:" + w + " " + words[k + 1]
                f[name] = max(f.get(name, 0.0), round(DECAY / (DECAY + max(d - 1, 0)), 4))
            else:
                f["s:" + w + " " + words[k + 1]] = 1.0
    for k in range(max(0, tpos - SIDE_WINDOW), tpos):
        f["l:" + words[k]] = 1.0
    for k in range(tpos + 1, min(len(words), tpos + 1 + SIDE_WINDOW)):
        f["r:" + words[k]] = 1.0
    if tpos > 0:
        f["l1:" + words[tpos - 1]] = 1.0
    if tpos + 1 < len(words):
        f["r1:" + words[tpos + 1]] = 1.0
        if tpos + 2 < len(words):
            f["r2:" + words[tpos + 1] + " " + words[tpos + 2]] = 1.0
    # every word, weighted by its distance to the target (a target-centred bag of words)
    for k, w in enumerate(words):
        if k != tpos:
            name = "d:" + w
            f[name] = max(f.get(name, 0.0), round(DECAY / (DECAY + abs(k - tpos) - 1), 4))
    # words in the target's own clause (between ; : dashes and contrast words)
    tclause = an.clause[t0]
    for k, w in enumerate(words):
        if k != tpos and an.clause[index[k]] == tclause:
            f["c:" + w] = 1.0
    # lexicon: the target-aware score and windowed valence sums
    pol = target_stance(sentence, start, end, params, terms=terms)
    f["lex:score"] = pol.score * LEX_SCALE
    f["lex:" + pol.stance] = 1.0
    sums = {"pos3": 0.0, "neg3": 0.0, "pos8": 0.0, "neg8": 0.0, "pos": 0.0, "neg": 0.0, "posc": 0.0,
            "negc": 0.0}
    for i, last, valence, _role in an.valences:
        if t0 <= i <= t1 or t0 <= last <= t1:
            continue
        d = t0 - last if last < t0 else i - t1
        key = "pos" if valence > 0 else "neg"
        v = abs(valence) / 4.0
        sums[key] += v
        if d <= 8:
            sums[key + "8"] += v
        if d <= 3:
            sums[key + "3"] += v
        if an.clause[i] == tclause:
            sums[key + "c"] += v
    for k, v in sums.items():
        f["val:" + k] = min(v, 3.0) * LEX_SCALE
    # negation and reported speech
    near = range(max(0, t0 - 4), min(len(tokens), t1 + 5))
    if any(tokens[i].low in lex.negators or tokens[i].low.endswith("n't") for i in range(lo, hi)):
        f["neg:sentence"] = 1.0
    if any(tokens[i].low in lex.negators or tokens[i].low.endswith("n't") for i in near):
        f["neg:near"] = 1.0
    if _is_speaker(tokens, t0, t1):
        f["say:speaker"] = 1.0
    if an.quoted[t0]:
        f["say:target_quoted"] = 1.0
    if any(t.text in {'"', "“", "”"} for t in tokens):
        f["say:quote_in_sentence"] = 1.0
    if t0 == 0:
        f["pos:first"] = 1.0
    return f, words, index, tokens


def _model_path() -> Path:
    return Path(str(resources.files("newslab").joinpath("models", MODEL_FILE)))


def write_model(path: Path, classes: tuple[str, ...], intercept: list[float], weights: dict[str, list[float]],
                meta: dict) -> None:
    """Write the weights as gzip'd JSON, bit for bit the same for the same weights (sorted keys, no mtime)."""
    body = json.dumps({"classes": list(classes), "intercept": intercept, "meta": meta, "weights": weights},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                 compresslevel=9) as fh:
        fh.write(body)


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> dict:
    """The shipped model (or the one at ``path``): ``{"classes", "intercept", "weights", "meta"}``."""
    p = Path(path) if path else _model_path()
    try:
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            model = json.load(fh)
    except (OSError, ValueError) as exc:
        raise LexiconError(f"stance model {p}: cannot be read ({exc}); rebuild it with `make train`") from None
    if tuple(model.get("classes", ())) != CLASSES:
        raise LexiconError(f"stance model {p}: classes {model.get('classes')} are not {list(CLASSES)}")
    return model


def model_available() -> bool:
    """Whether the shipped model file is present (a source checkout before ``make train`` may lack it)."""
    try:
        load_model()
    except LexiconError:
        return False
    return True


def predict_features(f: dict[str, float], model: dict | None = None) -> Prediction:
    """Class probabilities from a feature dict (softmax of the linear scores)."""
    model = model or load_model()
    weights = model["weights"]
    z = list(model["intercept"])
    for name, value in f.items():
        w = weights.get(name)
        if w is not None:
            z[0] += w[0] * value
            z[1] += w[1] * value
            z[2] += w[2] * value
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    p = tuple(round(v / total, 4) for v in e)
    k = max(range(3), key=lambda i: (z[i], -i))
    return Prediction(CLASSES[k], round(p[2] - p[0], 4), p)  # type: ignore[arg-type]


_WORD_PREFIXES = ("s:", "d:", "c:", "l:", "r:", "l1:", "r1:")


def decisive_words(sentence: str, start: int, end: int, stance: str, k: int = 3,
                   terms: str = SHIPPED_TERMS) -> list[tuple[int, int]]:
    """``[start, end)`` (in the sentence) of the up to ``k`` words whose model weights push most toward
    ``stance`` against the other two classes, in sentence order (none for names, numbers, punctuation).

    >>> s = "Critics said the mayor lied and covered up the corruption scandal."
    >>> [s[a:b] for a, b in decisive_words(s, 17, 22, "against")]  # doctest: +SKIP
    ['lied', 'corruption', 'scandal']
    """
    if stance not in CLASSES:
        return []
    f, words, index, tokens = _features(sentence, start, end, terms, DEFAULT)
    if not f:
        return []
    weights = load_model()["weights"]
    c = CLASSES.index(stance)
    others = [i for i in range(3) if i != c]
    push: dict[int, float] = {}
    for w, i in zip(words, index):
        if w.startswith("<") or not w[:1].isalpha() or i in push:
            continue
        total = 0.0
        for prefix in _WORD_PREFIXES:
            name = prefix + w
            wt = weights.get(name)
            if wt is not None and name in f:
                total += f[name] * (wt[c] - (wt[others[0]] + wt[others[1]]) / 2)
        push[i] = total
    best = sorted((i for i, v in push.items() if v > 0.15), key=lambda i: (-push[i], i))[:k]
    return [(tokens[i].start, tokens[i].end) for i in sorted(best)]


def predict(sentence: str, start: int, end: int, terms: str = SHIPPED_TERMS,
            params: PolarityParams = DEFAULT) -> Prediction:
    """The learned stance of ``sentence`` toward the target at ``[start, end)``.

    >>> predict("Voters praised the mayor for her courage and honesty.", 15, 24).stance
    'favor'
    """
    f = features(sentence, start, end, terms, params)
    if not f:
        return Prediction("neutral", 0.0, (0.0, 1.0, 0.0))
    return predict_features(f)
