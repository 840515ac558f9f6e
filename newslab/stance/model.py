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
from itertools import compress
from operator import not_
from pathlib import Path
from typing import NamedTuple

from newslab.errors import LexiconError
from newslab.stance.polarity import (
    DEFAULT,
    SHIPPED_TERMS,
    PolarityParams,
    SentenceCache,
    _analyse,
    _Analysis,
    _is_speaker,
    _score,
    _tone,
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


def _dense(win: _Window, sentence: str, start: int, end: int, terms: str, params: PolarityParams) -> dict[str, float]:
    """The features that are no words: bias, lexicon scores, valence sums, negation, reported speech."""
    an, t0, t1 = win.an, win.t0, win.t1
    f: dict[str, float] = {"bias": 1.0}
    pol = target_stance(sentence, start, end, params, terms=terms)
    f["lex:score"] = pol.score * LEX_SCALE
    f["lex:" + pol.stance] = 1.0
    sums = dict(zip(_VALENCE_SUMS, _valence_sums(an, t0, t1)))
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


#: the word-feature families that weigh single words, in the order decisive_words sums them
_WORD_FAMILIES = ("s", "d", "c", "l", "r", "l1", "r1")


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
    # the word features of the window (as _word_features has them), by family, without building their names
    words, tpos = win.words, win.tpos
    values = {"s": dict.fromkeys(words, 1.0), "d": _distance_weights(win), "c": dict.fromkeys(_own_clause(win), 1.0),
              "l": dict.fromkeys(_left(win), 1.0), "r": dict.fromkeys(_right(win), 1.0),
              "l1": {words[tpos - 1]: 1.0} if tpos > 0 else {},
              "r1": {words[tpos + 1]: 1.0} if tpos + 1 < len(words) else {}}
    tables = _tables()[0]
    families = [(tables[p], values[p]) for p in _WORD_FAMILIES]
    c = CLASSES.index(stance)
    others = [i for i in range(3) if i != c]
    push: dict[int, float] = {}
    by_word: dict[str, float] = {}
    for w, i in zip(words, win.index):
        if w.startswith("<") or not w[:1].isalpha() or i in push:
            continue
        total = by_word.get(w)
        if total is None:
            total = 0.0
            for table, value in families:
                wt = table.get(w)
                if wt is not None and w in value:
                    total += value[w] * (wt[c] - (wt[others[0]] + wt[others[1]]) / 2)
            by_word[w] = total
        push[i] = total
    starts, ends = win.an.starts, win.an.ends
    best = sorted((i for i, v in push.items() if v > 0.15), key=lambda i: (-push[i], i))[:k]
    return [(starts[i], ends[i]) for i in sorted(best)]


_NEUTRAL = Prediction("neutral", 0.0, (0.0, 1.0, 0.0))


def predict(sentence: str, start: int, end: int, terms: str = SHIPPED_TERMS,
            params: PolarityParams = DEFAULT) -> Prediction:
    """The learned stance of ``sentence`` toward the target at ``[start, end)``.

    >>> predict("Voters praised the mayor for her courage and honesty.", 15, 24).stance
    'favor'
    """
    if not isinstance(sentence, str) or not (0 <= start < end <= len(sentence)):
        return _NEUTRAL
    prep = _prepared(sentence, terms)
    an = prep.an
    t0 = bisect.bisect_right(an.ends, start)
    t1 = bisect.bisect_left(an.starts, end) - 1
    if t1 < t0 or an.foreign:  # text that is not English: no features, a neutral prediction
        return _NEUTRAL
    return _prediction(_scores(prep, t0, t1, params))


class _Prepared(NamedTuple):
    """What the classifier needs of one sentence, whatever the target: looked up once, shared by its targets."""

    an: _Analysis
    #: the tokens that do not continue a run of names (the words of a window, but for its first word and
    #: the one right after the target)
    kept: list[int]
    #: ... and their words (``an.masked``)
    words: list[str]
    #: per ``j``: the ``s:`` weights of the word pair (``kept[j]``, ``kept[j + 1]``), or None
    pairs: list[list[float] | None]
    #: a quotation mark in the sentence
    quote: bool
    #: the sentence has one clause only
    one_clause: bool
    #: a negator in the sentence
    negator: bool


def _prepare(sentence: str, terms: str) -> _Prepared:
    an = _analyse(sentence, terms)
    masked, cont = an.masked, an.cont
    if any(cont):
        kept = list(compress(range(len(cont)), map(not_, cont)))
        words = list(map(masked.__getitem__, kept))
    else:
        kept, words = list(range(len(cont))), masked
    seconds = list(map(_pair_rows().get, words))  # the pairs known to start with each word
    pairs = [None if second is None else second.get(b) for second, b in zip(seconds, words[1:])]
    return _Prepared(an, kept, words, pairs, '"' in sentence or "“" in sentence or "”" in sentence,
                     not an.clause or an.clause[-1] == 0, any(an.negator))


_prepared = SentenceCache(_prepare, short=1024)  # shared by the targets of one sentence


@lru_cache(maxsize=1)
def _own_rows() -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]]]:
    """Per word the model knows: its ``(s + c, d)`` weights (``s:`` and ``c:`` summed first: a
    word in the target's own clause) and its ``(s, d)`` weights (three each)."""
    own, other = {}, {}
    for w, r in _word_rows().items():
        own[w] = (r[0] + r[6], r[1] + r[7], r[2] + r[8], r[3], r[4], r[5])
        other[w] = (r[0], r[1], r[2], r[3], r[4], r[5])
    return own, other


_DENSE = ("bias", "lex:score", *("val:" + k for k in _VALENCE_SUMS), "neg:sentence", "neg:near", "say:speaker",
          "say:target_quoted", "say:quote_in_sentence", "pos:first")


@lru_cache(maxsize=1)
def _constants() -> tuple:
    """The intercept, the ``s:<T>`` row, the word tables and the weights of the dense features (zeros where
    the model has none: adding 0.0 changes no sum)."""
    tables, rest = _tables()
    dense = tuple(rest.get(n) or _ZERO for n in _DENSE)
    return (tuple(load_model()["intercept"]), tables["s"].get("<T>", _ZERO), dense,
            {c: rest.get("lex:" + c) or _ZERO for c in CLASSES}, tables["l"], tables["r"], tables["l1"],
            tables["r1"], tables["r2"], _pair_rows())


def _scores(prep: _Prepared, t0: int, t1: int, params: PolarityParams) -> list[float]:
    """The linear class scores of the target at tokens ``t0..t1``: the dot product of
    ``features(...)`` with the weights, without building feature names: each word looked up in its family's
    table, with sums in a fixed order (the order ``predict`` has always used, so that scores stay bit for bit)."""
    an = prep.an
    (z0, z1, z2), r, dense, lex_rows, l_tab, r_tab, l1_tab, r1_tab, r2_tab, pair_tab = _constants()
    masked, cont, kept = an.masked, an.cont, prep.kept
    n = len(masked)
    # the window: as _window (a run of names is one word, but for the window's first word and the word right
    # after the target)
    lo = t0 - MAX_WINDOW if t0 > MAX_WINDOW else 0
    hi = t1 + 1 + MAX_WINDOW
    if hi > n:
        hi = n
    bisect_left = bisect.bisect_left
    a, b = bisect_left(kept, lo), bisect_left(kept, t0)
    c, d = bisect.bisect_right(kept, t1), bisect_left(kept, hi)
    left = prep.words[a:b]
    right = prep.words[c:d]
    lead = lo < t0 and cont[lo]
    if lead:
        left.insert(0, masked[lo])
    follow = t1 + 1 < hi and cont[t1 + 1]
    if follow:
        right.insert(0, masked[t1 + 1])
    z0 += r[0]
    z1 += r[1]
    z2 += r[2]
    # distance to the target of each word's nearest occurrence: the right side first, then the left side
    dist: dict[str, int] = dict.fromkeys(right)  # the order of first occurrence...
    dist.update(zip(reversed(right), range(len(right), 0, -1)))  # ... and the distance of the first occurrence
    get = dist.get
    k = 0
    for w in reversed(left):
        k += 1
        e = get(w)
        if e is None or k < e:  # _DW falls strictly with the distance
            dist[w] = k
    # each word: its s: weights, c: weights when in the target's own clause, d: weights by distance
    dw = _DW
    clause = an.clause
    tclause = clause[t0]
    if prep.one_clause or clause[lo] == tclause and clause[hi - 1] == tclause:
        get = _own_rows()[0].get
        for w, k in dist.items():
            r = get(w)
            if r is not None:
                v = dw[k]
                z0 += r[0] + r[3] * v
                z1 += r[1] + r[4] * v
                z2 += r[2] + r[5] * v
    else:  # clause numbers never fall along the sentence: the own clause is one run of words around the target
        idx = kept[a:b]
        if lead:
            idx.insert(0, lo)
        j = len(idx)
        while j > 0 and clause[idx[j - 1]] == tclause:
            j -= 1
        own = set(left[j:])
        idx = kept[c:d]
        if follow:
            idx.insert(0, t1 + 1)
        j = 0
        while j < len(idx) and clause[idx[j]] == tclause:
            j += 1
        own.update(right[:j])
        own_rows, rows = _own_rows()
        for w, k in dist.items():
            r = own_rows.get(w) if w in own else rows.get(w)
            if r is not None:
                v = dw[k]
                z0 += r[0] + r[3] * v
                z1 += r[1] + r[4] * v
                z2 += r[2] + r[5] * v
    # word pairs, each known pair once, in the order of the window; then the side words
    pairs = prep.pairs
    cand = pairs[a:b - 1] if b - a > 1 else []
    if left:
        if lead and len(left) > 1:
            second = pair_tab.get(left[0])
            if second is not None:
                cand.insert(0, second.get(left[1]))
        second = pair_tab.get(left[-1])
        if second is not None:
            cand.append(second.get("<T>"))
    if right:
        second = pair_tab.get("<T>")
        if second is not None:
            cand.append(second.get(right[0]))
        if follow and len(right) > 1:
            second = pair_tab.get(right[0])
            if second is not None:
                cand.append(second.get(right[1]))
        if d - c > 1:
            cand += pairs[c:d - 1]
    rows = list({id(r): r for r in cand if r is not None}.values())
    get = l_tab.get
    rows += [get(w) for w in set(left[-SIDE_WINDOW:])]
    get = r_tab.get
    rows += [get(w) for w in set(right[:SIDE_WINDOW])]
    if left:
        rows.append(l1_tab.get(left[-1]))
    if right:
        rows.append(r1_tab.get(right[0]))
        if len(right) > 1:
            rows.append(r2_tab.get((right[0], right[1])))
    for r in rows:
        if r is not None:
            z0 += r[0]
            z1 += r[1]
            z2 += r[2]
    # the features that are no words, in _dense's order (those _dense leaves out, and zeros, add nothing)
    bias, lexscore, pos3, neg3, pos8, neg8, pos, neg, posc, negc, *flags = dense
    z0 += bias[0] * 1.0
    z1 += bias[1] * 1.0
    z2 += bias[2] * 1.0
    an = prep.an
    speaker = _is_speaker(an.texts, an.lows, t0, t1)
    if an.valences:
        total = sum(c for c, _s, _e in _tone(an, t0, t1, range(t0, t1 + 1), speaker, params))  # target_stance
    else:
        total = 0
    if total == 0:
        label = "neutral"
    else:
        score, label = _score(total, params)
        v = round(score, 4) * LEX_SCALE
        z0 += lexscore[0] * v
        z1 += lexscore[1] * v
        z2 += lexscore[2] * v
    r = lex_rows[label]
    z0 += r[0] * 1.0
    z1 += r[1] * 1.0
    z2 += r[2] * 1.0
    if an.valences:
        for r, v in zip((pos3, neg3, pos8, neg8, pos, neg, posc, negc), _valence_sums(an, t0, t1)):
            if v:
                v = min(v, 3.0) * LEX_SCALE
                z0 += r[0] * v
                z1 += r[1] * v
                z2 += r[2] * v
    negator = an.negator
    on = (prep.negator and any(negator[lo:hi]), prep.negator and any(negator[max(0, t0 - 4):t1 + 5]), speaker,
          an.quoted[t0], prep.quote, t0 == 0)
    for r, v in zip(flags, on):
        if v:
            z0 += r[0] * 1.0
            z1 += r[1] * 1.0
            z2 += r[2] * 1.0
    return [z0, z1, z2]


def _valence_sums(an: _Analysis, t0: int, t1: int) -> tuple[float, ...]:
    """The sums of ``_VALENCE_SUMS`` (before the cap at 3), in that order: the valence of every lexicon word
    outside the target, by sign, in all, within 8 and 3 tokens, and in the target's own clause."""
    clause = an.clause
    tclause = clause[t0]
    pos3 = neg3 = pos8 = neg8 = pos = neg = posc = negc = 0.0
    for i, last, valence, _role in an.valences:
        if t0 <= i <= t1 or t0 <= last <= t1:
            continue
        d = t0 - last if last < t0 else i - t1
        v = abs(valence) / 4.0
        if valence > 0:
            pos += v
            if d <= 8:
                pos8 += v
                if d <= 3:
                    pos3 += v
            if clause[i] == tclause:
                posc += v
        else:
            neg += v
            if d <= 8:
                neg8 += v
                if d <= 3:
                    neg3 += v
            if clause[i] == tclause:
                negc += v
    return pos3, neg3, pos8, neg8, pos, neg, posc, negc
