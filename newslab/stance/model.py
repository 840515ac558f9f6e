"""The learned stance classifier: how a sentence speaks about one target (against / neutral / favor).

A multinomial logistic regression trained on NewsMTSC ``train.jsonl`` (``make train`` rebuilds it with
``python -m newslab.evaluation.train_stance``; see docs/stance.md). Features of one (sentence, target span):

- target-masked word n-grams: the target becomes ``<T>``, other names ``<N>``, numbers ``<D>``; unigrams and
  bigrams of the sentence, and the words on each side of the target (``l:``/``r:`` within a window);
- lexicon scores: the target-aware VADER score of ``newslab.stance.polarity`` and the sums of positive and negative
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

import bisect
import gzip
import json
import math
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from newslab.errors import LexiconError
from newslab.stance.polarity import (
    DEFAULT,
    SHIPPED_TERMS,
    PolarityParams,
    _analyse,
    _Analysis,
    _is_speaker,
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
#: tokens at which the weight of a ``d:`` (distance-weighted) word feature halves
DECAY = 4.0


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
    win = _window(sentence, start, end, terms)
    if win is None:
        return {}
    return _word_features(win, _dense(win, sentence, start, end, terms, params))


def _word_features(win: _Window, f: dict[str, float]) -> dict[str, float]:
    """Add the word features of a window (``s:``, ``l:``, ``r:``, ``l1:``, ``r1:``, ``r2:``, ``d:``, ``c:``) to
    ``f``."""
    words, tpos = win.words, win.tpos
    for w in words:
        f["s:" + w] = 1.0
    for a, b in zip(words, words[1:]):
        f["s:" + a + " " + b] = 1.0
    for w in _left(win):
        f["l:" + w] = 1.0
    for w in _right(win):
        f["r:" + w] = 1.0
    if tpos > 0:
        f["l1:" + words[tpos - 1]] = 1.0
    if tpos + 1 < len(words):
        f["r1:" + words[tpos + 1]] = 1.0
        if tpos + 2 < len(words):
            f["r2:" + words[tpos + 1] + " " + words[tpos + 2]] = 1.0
    for w, v in _distance_weights(win).items():
        f["d:" + w] = v
    for w in _own_clause(win):
        f["c:" + w] = 1.0
    return f


class _Window(NamedTuple):
    """The target-masked words around one target: the target is ``<T>`` at ``words[tpos]``; ``index`` holds
    each word's token index in the sentence analysis ``an``."""

    an: _Analysis
    words: list[str]
    index: list[int]
    tpos: int
    t0: int
    t1: int


def _window(sentence: str, start: int, end: int, terms: str) -> _Window | None:
    if not isinstance(sentence, str) or not (0 <= start < end <= len(sentence)):
        return None
    an = _analyse(sentence, terms)
    t0 = bisect.bisect_right(an.ends, start)
    t1 = bisect.bisect_left(an.starts, end) - 1
    if t1 < t0 or an.foreign:  # text that is not English: no features, a neutral prediction
        return None
    lo, hi = max(0, t0 - MAX_WINDOW), min(len(an.texts), t1 + 1 + MAX_WINDOW)
    cont = an.cont
    index = [i for i in range(lo, t0) if not cont[i] or i == lo]  # a run of names is one <N>
    tpos = len(index)
    index.append(t0)
    index += [i for i in range(t1 + 1, hi) if not cont[i] or i == t1 + 1]
    masked = an.masked
    words = [masked[i] for i in index]
    words[tpos] = "<T>"
    return _Window(an, words, index, tpos, t0, t1)


def _left(win: _Window) -> set[str]:
    return set(win.words[max(0, win.tpos - SIDE_WINDOW):win.tpos])


def _right(win: _Window) -> set[str]:
    return set(win.words[win.tpos + 1:win.tpos + 1 + SIDE_WINDOW])


#: the weight of a ``d:`` word ``k`` words away from the target
_DW = [1.0] + [round(DECAY / (DECAY + k - 1), 4) for k in range(1, 2 * MAX_WINDOW + 2)]


def _distance_weights(win: _Window) -> dict[str, float]:
    """Every word but the target, weighted by its distance to the target (the nearest occurrence counts)."""
    words, tpos = win.words, win.tpos
    out: dict[str, float] = {}
    for k in range(tpos + 1, len(words)):
        out.setdefault(words[k], _DW[k - tpos])
    for k in range(tpos - 1, -1, -1):
        w, v = words[k], _DW[tpos - k]
        if out.get(w, 0.0) < v:
            out[w] = v
    return out


def _own_clause(win: _Window) -> set[str]:
    """The words in the target's own clause (between ; : dashes and contrast words)."""
    clause, index, words, tpos = win.an.clause, win.index, win.words, win.tpos
    tclause = clause[win.t0]
    return {words[k] for k in range(len(words)) if k != tpos and clause[index[k]] == tclause}


# Valence sums around the target, by sign: all, within 8 tokens, within 3, same clause (feature order kept).
_VALENCE_SUMS = ("pos3", "neg3", "pos8", "neg8", "pos", "neg", "posc", "negc")
_POS_SUMS = ("pos", "pos8", "pos3", "posc")
_NEG_SUMS = ("neg", "neg8", "neg3", "negc")


def _dense(win: _Window, sentence: str, start: int, end: int, terms: str, params: PolarityParams) -> dict[str, float]:
    """The features that are no words: bias, lexicon scores, valence sums, negation, reported speech."""
    an, t0, t1 = win.an, win.t0, win.t1
    f: dict[str, float] = {"bias": 1.0}
    pol = target_stance(sentence, start, end, params, terms=terms)
    f["lex:score"] = pol.score * LEX_SCALE
    f["lex:" + pol.stance] = 1.0
    tclause = an.clause[t0]
    clause = an.clause
    sums = dict.fromkeys(_VALENCE_SUMS, 0.0)
    for i, last, valence, _role in an.valences:
        if t0 <= i <= t1 or t0 <= last <= t1:
            continue
        d = t0 - last if last < t0 else i - t1
        v = abs(valence) / 4.0
        total, near8, near3, same_clause = _POS_SUMS if valence > 0 else _NEG_SUMS
        sums[total] += v
        if d <= 8:
            sums[near8] += v
            if d <= 3:
                sums[near3] += v
        if clause[i] == tclause:
            sums[same_clause] += v
    for k, v in sums.items():
        f["val:" + k] = min(v, 3.0) * LEX_SCALE
    n = len(an.texts)
    negator = an.negator
    if any(negator[max(0, t0 - MAX_WINDOW):min(n, t1 + 1 + MAX_WINDOW)]):
        f["neg:sentence"] = 1.0
    if any(negator[max(0, t0 - 4):min(n, t1 + 5)]):
        f["neg:near"] = 1.0
    if _is_speaker(an.texts, an.lows, t0, t1):
        f["say:speaker"] = 1.0
    if an.quoted[t0]:
        f["say:target_quoted"] = 1.0
    if '"' in sentence or "“" in sentence or "”" in sentence:  # a quotation mark
        f["say:quote_in_sentence"] = 1.0
    if t0 == 0:
        f["pos:first"] = 1.0
    return f


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
    return _prediction(z)


def _prediction(z: list[float]) -> Prediction:
    z0, z1, z2 = z
    top = max(z)
    e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
    total = e0 + e1 + e2
    p = (round(e0 / total, 4), round(e1 / total, 4), round(e2 / total, 4))
    k = 0 if z0 >= z1 and z0 >= z2 else 1 if z1 >= z2 else 2  # the first of equal scores wins
    return Prediction(CLASSES[k], round(p[2] - p[0], 4), p)


#: word-feature families whose weights ``_tables`` looks up by word (no feature names are built per target)
_FAMILIES = ("s", "l", "r", "l1", "r1", "r2", "d", "c")


@lru_cache(maxsize=2)
def _tables(path: str | None = None) -> tuple[dict[str, dict], dict[str, list[float]]]:
    """The model's weights by family, looked up by word: ``{"s": {word: w}, "s2": {(word, word): w}, ...}``,
    and the rest by full feature name."""
    tables: dict[str, dict] = {k: {} for k in _FAMILIES}
    tables["s2"] = {}
    rest: dict[str, list[float]] = {}
    model = load_model(path) if path else load_model()  # one cache entry for the shipped model, not two
    for name, w in model["weights"].items():
        family, sep, word = name.partition(":")
        if not sep or family not in tables:
            rest[name] = w
        elif " " in word:
            tables["s2" if family == "s" else family][tuple(word.split(" "))] = w
        else:
            tables[family][word] = w
    return tables, rest


_ZERO = (0.0, 0.0, 0.0)


@lru_cache(maxsize=2)
def _word_rows(path: str | None = None) -> dict[str, tuple[float, ...]]:
    """Per word, its ``s:``, ``d:`` and ``c:`` weights in one flat row of nine (zeros where the model has
    none): one look-up per distinct word of a window instead of three."""
    tables, _rest = _tables(path) if path else _tables()  # one cache entry for the shipped model
    s, d, c = tables["s"], tables["d"], tables["c"]
    return {w: (*s.get(w, _ZERO), *d.get(w, _ZERO), *c.get(w, _ZERO)) for w in {*s, *d, *c}}


@lru_cache(maxsize=2)
def _pair_rows(path: str | None = None) -> dict[str, dict[str, list[float]]]:
    """The ``s:`` word-pair weights by first word, then second word (no pair tuple built per look-up)."""
    out: dict[str, dict[str, list[float]]] = {}
    for (a, b), w in (_tables(path) if path else _tables())[0]["s2"].items():
        out.setdefault(a, {})[b] = w
    return out


def _fast(win: _Window, dense: dict[str, float]) -> Prediction:
    """``predict_features(features(...))`` without building the feature names: the same dot product, by
    looking each word up in its family's table.

    One pass over the window gives every distinct word but the target (the ``s:`` words), its nearest
    distance to the target (``d:``) and whether it stands in the target's own clause (``c:``)."""
    tables, rest = _tables()
    words, tpos = win.words, win.tpos
    n = len(words)
    # the target's own clause: clause numbers never decrease along the sentence, so it is one run of words
    clause, index = win.an.clause, win.index
    tclause = clause[win.t0]
    lo = tpos
    while lo > 0 and clause[index[lo - 1]] == tclause:
        lo -= 1
    hi = tpos + 1
    while hi < n and clause[index[hi]] == tclause:
        hi += 1
    own = {*words[lo:tpos], *words[tpos + 1:hi]}
    # distance weights (as _distance_weights): the right side nearest first, then the left side
    dist: dict[str, float] = {}
    for k in range(tpos + 1, n):
        w = words[k]
        if w not in dist:
            dist[w] = _DW[k - tpos]
    get = dist.get
    for k in range(tpos - 1, -1, -1):
        w, v = words[k], _DW[tpos - k]
        if get(w, 0.0) < v:
            dist[w] = v
    z0, z1, z2 = load_model()["intercept"]
    r = tables["s"].get("<T>", _ZERO)
    z0 += r[0]
    z1 += r[1]
    z2 += r[2]
    get = _word_rows().get
    for w, v in dist.items():
        r = get(w)
        if r is None:
            continue
        if w in own:
            z0 += r[0] + r[6] + r[3] * v
            z1 += r[1] + r[7] + r[4] * v
            z2 += r[2] + r[8] + r[5] * v
        else:
            z0 += r[0] + r[3] * v
            z1 += r[1] + r[4] * v
            z2 += r[2] + r[5] * v
    # word pairs: each pair the model knows, once (a pair's weights are one list object)
    pairs = _pair_rows()
    found: dict[int, list[float]] = {}
    for k in range(n - 1):
        second = pairs.get(words[k])
        if second is not None:
            r = second.get(words[k + 1])
            if r is not None:
                found[id(r)] = r
    rows = list(found.values())
    get = tables["l"].get
    rows += [get(w, _ZERO) for w in set(words[max(0, tpos - SIDE_WINDOW):tpos])]
    get = tables["r"].get
    rows += [get(w, _ZERO) for w in set(words[tpos + 1:tpos + 1 + SIDE_WINDOW])]
    if tpos > 0:
        rows.append(tables["l1"].get(words[tpos - 1], _ZERO))
    if tpos + 1 < n:
        rows.append(tables["r1"].get(words[tpos + 1], _ZERO))
        if tpos + 2 < n:
            rows.append(tables["r2"].get((words[tpos + 1], words[tpos + 2]), _ZERO))
    for r in rows:
        z0 += r[0]
        z1 += r[1]
        z2 += r[2]
    for name, v in dense.items():
        r = rest.get(name)
        if r is not None:
            z0 += r[0] * v
            z1 += r[1] * v
            z2 += r[2] * v
    return _prediction([z0, z1, z2])


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
    win = _window(sentence, start, end, terms)
    if win is None:
        return []
    f = _word_features(win, {})  # the dense features hold no word: not needed here
    weights = load_model()["weights"]
    c = CLASSES.index(stance)
    others = [i for i in range(3) if i != c]
    push: dict[int, float] = {}
    for w, i in zip(win.words, win.index):
        if w.startswith("<") or not w[:1].isalpha() or i in push:
            continue
        total = 0.0
        for prefix in _WORD_PREFIXES:
            name = prefix + w
            wt = weights.get(name)
            if wt is not None and name in f:
                total += f[name] * (wt[c] - (wt[others[0]] + wt[others[1]]) / 2)
        push[i] = total
    starts, ends = win.an.starts, win.an.ends
    best = sorted((i for i, v in push.items() if v > 0.15), key=lambda i: (-push[i], i))[:k]
    return [(starts[i], ends[i]) for i in sorted(best)]


def predict(sentence: str, start: int, end: int, terms: str = SHIPPED_TERMS,
            params: PolarityParams = DEFAULT) -> Prediction:
    """The learned stance of ``sentence`` toward the target at ``[start, end)``.

    >>> predict("Voters praised the mayor for her courage and honesty.", 15, 24).stance
    'favor'
    """
    win = _window(sentence, start, end, terms)
    if win is None:
        return Prediction("neutral", 0.0, (0.0, 1.0, 0.0))
    return _fast(win, _dense(win, sentence, start, end, terms, params))
