"""The learned layer over the attribution rules: a classifier that keeps, drops and adds cue candidates.

The rules in ``newslab.attribution.sources`` propose attributions (cue, source mention, content). Other words may
be cues the rules passed over: every cue-lexicon form the rules did not use, and the words learned from the
training data to be often part of a cue ("plans", "backed", "endorsement"; ``models/cue_words.txt``).
A logistic regression (trained with python-crfsuite on one-item sequences, shipped as a table of weights) scores
every candidate from sparse features: the words of and around it, its lexicon class and strength, what the
rules made of it (pattern, quote kind, source found), the subject the rules' grammar finds before it,
quotation marks nearby, position in the sentence. ``refine`` keeps a rule candidate when its score reaches
``Settings.keep_rule``, and adds a new attribution (source: the subject before the cue, when it is a name,
a pronoun, a plural or a source-type word; content: the rest of the sentence) when a new candidate reaches
``Settings.add_new``. Scoring is per candidate (about one per
sentence), so it costs a fraction of the rules' own time.

The model is trained on PolNeAR train only (``make train`` = ``python -m newslab.evaluation.train_attribution``; see
docs/attribution.md) and ships as ``newslab/models/attribution_weights.tsv`` with ``cue_words.txt`` (no model library is
needed at run time).

>>> from newslab.attribution.sources import attribute_text
>>> [a.cue for a in attribute_text("The minister told reporters the dam was safe.")]
['told']
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, islice, repeat
from operator import ne
from pathlib import Path

from newslab.attribution.cues import Cue, match_cue
from newslab.attribution.phrases import CLOSE_QUOTES, FUNC, OPEN_QUOTES, PRONOUNS, ArticleTokens
from newslab.attribution.rules import Attribution, _content, _evidence_subject, _not_a_speaker, _Site

__all__ = ["MODEL_DIR", "Settings", "Candidate", "candidates", "features", "refine", "load_model"]

MODEL_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_FILE = "attribution_weights.tsv"
WORDS_FILE = "cue_words.txt"
NEGATIONS = frozenset(["not", "n't", "'t", "\u2019t", "never"])
_QUOTE_MARKS = OPEN_QUOTES | CLOSE_QUOTES


class Settings:
    """Decision thresholds of the merge, chosen by cross-validation on PolNeAR train (docs/attribution.md)."""

    keep_rule = 0.25  # a rule candidate stays when the classifier gives it at least this probability
    add_new = 0.5     # a candidate the rules did not propose becomes an attribution from this probability
    gap = 4           # a new candidate this few tokens from a cue already taken belongs to it


@dataclass(slots=True)
class Candidate:
    """A possible cue: tokens ``a..b`` of the sentence ``lo..hi``; ``rule`` is the rules' attribution or None."""

    a: int
    b: int
    lo: int
    hi: int
    rule: object = None
    cue: object = False  # the lexicon match at ``a`` (None: none; False: not looked up yet)
    near_rule: int = -1  # tokens between this candidate and the closest rule cue of its sentence (-1: none)
    quoted_sentence: bool = False  # its sentence holds a quotation mark
    parent_of_rule: bool = False  # a rule attribution is nested in this one ("X reported, citing Y")


def _sentences(sent_of_tok: list[int]) -> list[tuple[int, int]]:
    """The token ranges ``(lo, hi)`` of the runs of equal sentence numbers."""
    n = len(sent_of_tok)
    if not n:
        return []
    cuts = [0, *compress(count(1), map(ne, sent_of_tok, islice(sent_of_tok, 1, None))), n]
    return list(zip(cuts, cuts[1:]))


def candidates(art: ArticleTokens, found: list, sent_of_tok: list[int], words: frozenset[str]) -> list[Candidate]:
    """The rules' attributions plus lexicon forms and learned cue words they left, in text order."""
    import bisect

    low = art.low
    starts = art.starts
    out: list[Candidate] = []
    used = bytearray(len(low))
    runs = art.sentence_runs  # the rules' sentence ranges, for this very sent_of_tok
    sents = runs[1] if runs is not None and runs[0] is sent_of_tok else _sentences(sent_of_tok)
    sent_lo = [lo for lo, _ in sents]
    lexicon = art.lexicon
    for att in found:
        a = bisect.bisect_left(starts, att.cue_start)
        b = a
        while b < len(low) and starts[b] < att.cue_end:
            used[b] = 1
            b += 1
        if b == a:  # a cue that starts inside a token: score that token
            a, b = max(0, a - 1), max(1, a)
        si = bisect.bisect_right(sent_lo, a) - 1
        out.append(Candidate(a, b, sents[si][0], sents[si][1], att))
    nxt = 0  # the next token a candidate may start at (a multiword cue skips its own words)
    for k in art.positions(lexicon, words):
        if k < nxt or used[k]:
            continue
        w = low[k]
        cue = match_cue(low, k, lexicon) if w in lexicon else None
        if cue is not None or w in words:
            lo, hi = sents[bisect.bisect_right(sent_lo, k) - 1]
            b = min(hi, k + (cue.length if cue else 1))
            out.append(Candidate(k, b, lo, hi, None, cue))
            nxt = b
    parents = {id(found[a.parent]) for a in found if a.parent >= 0}
    for c in out:
        if c.rule is not None:
            c.parent_of_rule = id(c.rule) in parents
    out.sort(key=lambda c: (c.a, c.rule is None))
    ruled: dict[int, list[Candidate]] = {}
    for c in out:
        if c.rule is not None:
            ruled.setdefault(c.lo, []).append(c)
    quoted: dict[int, bool] = {}
    for c in out:
        others = [max(r.a - c.b, c.a - r.b, 0) for r in ruled.get(c.lo, ()) if r is not c]
        c.near_rule = min(others) if others else -1
        if c.lo not in quoted:
            quoted[c.lo] = not _QUOTE_MARKS.isdisjoint(low[c.lo:c.hi])
        c.quoted_sentence = quoted[c.lo]
    return out


# the context windows of ``features``: (offset, word feature, shape feature, padding feature)
_LEFT = tuple((d, f"{d}w=", f"{d}sh=", f"{d}pad") for d in (-3, -2, -1))
_RIGHT = tuple((d, f"+{d}w=", f"+{d}sh=", f"+{d}pad") for d in (0, 1, 2))


@lru_cache(maxsize=100_000)
def _shape(w: str) -> str:
    if w[:1].isupper():
        return "X" if len(w) == 1 or w[1:].islower() else "XX"
    if w[:1].isdigit():
        return "d"
    return "x" if w[:1].isalpha() else "p"


def features(art: ArticleTokens, c: Candidate) -> list[str]:
    """Sparse feature strings of one candidate."""
    low = art.low
    a, b, lo, hi = c.a, c.b, c.lo, c.hi
    head = low[a]
    f = ["bias", "w=" + head, "ww=" + " ".join(low[a:b]), "s2=" + head[-2:], "s3=" + head[-3:],
         "len=" + str(min(b - a, 3)), "pos=" + str(min(a - lo, 6)), "left=" + str(min(hi - b, 6))]
    cue = match_cue(low, a, art.lexicon) if c.cue is False else c.cue
    if cue is not None:
        f += ["lex=" + cue.cue_class, "lexs=" + cue.strength, "lem=" + cue.lemma]
        if cue.noun:
            f.append("lexnoun")
    else:
        f.append("nolex")
    att = c.rule
    if att is not None:
        f += ["rule", "rk=" + att.quote_kind, "rc=" + att.cue_class, "rr=" + str(att.extra.get("rule", ""))]
        f.append("rsrc" if att.mention_start >= 0 else "rnosrc")
        if att.mention_start >= 0:
            m = art.text[att.mention_start:att.mention_end].lower()
            f.append("rpron" if m in PRONOUNS else "rmcap" if art.text[att.mention_start].isupper() else "rmlow")
            f.append("rsafter" if att.mention_start > att.cue_start else "rsbefore")
        if att.content_start < 0:
            f.append("rnocontent")
        if att.extra.get("weak"):
            f.append("rweak")
        if att.parent >= 0:
            f.append("rnested")
        if c.parent_of_rule:
            f.append("rparent")
    else:
        f.append("new")
    for d, word, shape, pad in _LEFT:
        k = a + d
        if k >= lo:
            f.append(word + low[k])
            f.append(shape + _shape(art.words[k]))
        else:
            f.append(pad)
    for d, word, shape, pad in _RIGHT:
        k = b + d
        if k < hi:
            f.append(word + low[k])
            f.append(shape + _shape(art.words[k]))
        else:
            f.append(pad)
    if a > lo:
        f.append(f"bg={low[a - 1]}|{head}")
    if b < hi:
        f.append(f"bg+={head}|{low[b]}")
    if c.near_rule >= 0:
        f.append("nr=" + str(min(c.near_rule, 4)))
    inq = art.quote_at(art.starts[a]) >= 0
    f.append("inq" if inq else "outq")
    if not _QUOTE_MARKS.isdisjoint(low[max(lo, a - 3):min(hi, b + 3)]):
        f.append("qnear")
    if c.quoted_sentence:
        f.append("qsent")
    if not inq:
        sa, sb, _, kind = art.subject_left(a, lo)
        f.append("subj=" + (kind or "none"))
        if sa >= 0:
            f.append("subjd=" + str(min(a - sb, 4)))
            f.append("subjw=" + low[sb - 1])
    return f


@lru_cache(maxsize=4)
def load_model(directory: str = str(MODEL_DIR)) -> tuple[dict[str, float], frozenset[str]] | None:
    """``(weights, cue words)`` of the model in ``directory``, or None when no model file is there.

    ``weights`` maps a feature string to its log-odds weight for "this candidate is a cue".
    """
    d = Path(directory)
    if not (d / MODEL_FILE).is_file():
        return None
    weights = {}
    for line in (d / MODEL_FILE).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            feat, _, w = line.rpartition("\t")
            weights[feat] = float(w)
    words = frozenset()
    if (d / WORDS_FILE).is_file():
        words = frozenset(w.strip() for w in (d / WORDS_FILE).read_text(encoding="utf-8").splitlines()
                          if w.strip() and not w.startswith("#"))
    return weights, words


def probability(weights: dict[str, float], feats: list[str]) -> float:
    """P(cue) of one candidate: the logistic of its features' summed weights.

    >>> round(probability({"bias": -1.0, "w=said": 3.0}, ["bias", "w=said", "w=unseen"]), 3)
    0.881
    """
    z = sum(map(weights.get, feats, repeat(0.0)))  # the same sum, in the same order, without a generator
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


class _Families(dict):
    """``{prefix: {value: weight}}`` for the feature strings ``prefix + value`` of a model, each family built
    the first time it is asked for (every feature starting with that prefix: exact look-ups)."""

    def __init__(self, weights: dict[str, float]):
        super().__init__()
        self.weights = weights

    def __missing__(self, prefix: str) -> dict[str, float]:
        n = len(prefix)
        fam = self[prefix] = {f[n:]: w for f, w in self.weights.items() if f.startswith(prefix)}
        return fam


class _Flags(dict):
    """``{feature: weight}`` of the fixed feature strings ("bias", "rule", "qsent"), 0.0 when unknown."""

    def __init__(self, weights: dict[str, float]):
        super().__init__()
        self.weights = weights

    def __missing__(self, feat: str) -> float:
        w = self[feat] = self.weights.get(feat, 0.0)
        return w


class _Tables:
    """The weights of one model split by feature family, so ``_z`` sums a candidate's weights by plain
    look-ups (``fam["w="]["said"]`` for the feature "w=said") without building ~35 feature strings."""

    def __init__(self, weights: dict[str, float]):
        self.weights = weights
        self.fam = _Families(weights)
        self.flag = _Flags(weights)
        fam, flag = self.fam, self.flag
        # the context windows: (offset, word table, shape table, padding weight)
        self.left = tuple((d, fam[w], fam[sh], flag[pad]) for d, w, sh, pad in _LEFT)
        self.right = tuple((d, fam[w], fam[sh], flag[pad]) for d, w, sh, pad in _RIGHT)
        # the families _z reads, as attributes; the counted ones ("len=3") keyed by the number itself
        self.w, self.ww, self.s2, self.s3 = fam["w="], fam["ww="], fam["s2="], fam["s3="]
        self.lex, self.lexs, self.lem = fam["lex="], fam["lexs="], fam["lem="]
        self.rk, self.rc, self.rr = fam["rk="], fam["rc="], fam["rr="]
        self.bg, self.bg2, self.subj, self.subjw = fam["bg="], fam["bg+="], fam["subj="], fam["subjw="]
        self.len, self.pos, self.left_n = _by_number(fam["len="]), _by_number(fam["pos="]), _by_number(fam["left="])
        self.nr, self.subjd = _by_number(fam["nr="]), _by_number(fam["subjd="])


def _by_number(family: dict[str, float]) -> dict[int, float]:
    """``{n: weight}`` for the values of a family that ``str(n)`` writes (``family[str(n)]`` is ``[n]``)."""
    out = {}
    for v, w in family.items():
        try:
            n = int(v)
        except ValueError:
            continue
        if str(n) == v:
            out[n] = w
    return out


_TABLES: dict[int, _Tables] = {}


def _tables(weights: dict[str, float]) -> _Tables:
    t = _TABLES.get(id(weights))
    if t is None or t.weights is not weights:
        if len(_TABLES) > 8:
            _TABLES.clear()
        t = _TABLES[id(weights)] = _Tables(weights)
    return t


def _z(art: ArticleTokens, c: Candidate, t: _Tables) -> float:
    """The summed weights of ``features(art, c)``, added in the same order (so the same float), by look-ups
    in the family tables ``t`` instead of feature strings."""
    low = art.low
    a, b, lo, hi = c.a, c.b, c.lo, c.hi
    flag = t.flag
    head = low[a]
    z = flag["bias"]
    z += t.w.get(head, 0.0)
    z += t.ww.get(head if b - a == 1 else " ".join(low[a:b]), 0.0)
    z += t.s2.get(head[-2:], 0.0)
    z += t.s3.get(head[-3:], 0.0)
    z += t.len.get(min(b - a, 3), 0.0)
    z += t.pos.get(min(a - lo, 6), 0.0)
    z += t.left_n.get(min(hi - b, 6), 0.0)
    cue = match_cue(low, a, art.lexicon) if c.cue is False else c.cue
    if cue is not None:
        z += t.lex.get(cue.cue_class, 0.0)
        z += t.lexs.get(cue.strength, 0.0)
        z += t.lem.get(cue.lemma, 0.0)
        if cue.noun:
            z += flag["lexnoun"]
    else:
        z += flag["nolex"]
    att = c.rule
    if att is not None:
        z += flag["rule"]
        z += t.rk.get(att.quote_kind, 0.0)
        z += t.rc.get(att.cue_class, 0.0)
        z += t.rr.get(str(att.extra.get("rule", "")), 0.0)
        if att.mention_start >= 0:
            z += flag["rsrc"]
            m = art.text[att.mention_start:att.mention_end].lower()
            z += flag["rpron" if m in PRONOUNS else "rmcap" if art.text[att.mention_start].isupper() else "rmlow"]
            z += flag["rsafter" if att.mention_start > att.cue_start else "rsbefore"]
        else:
            z += flag["rnosrc"]
        if att.content_start < 0:
            z += flag["rnocontent"]
        if att.extra.get("weak"):
            z += flag["rweak"]
        if att.parent >= 0:
            z += flag["rnested"]
        if c.parent_of_rule:
            z += flag["rparent"]
    else:
        z += flag["new"]
    words = art.words
    for d, word, shape, pad in t.left:
        k = a + d
        if k >= lo:
            z += word.get(low[k], 0.0)
            z += shape.get(_shape(words[k]), 0.0)
        else:
            z += pad
    for d, word, shape, pad in t.right:
        k = b + d
        if k < hi:
            z += word.get(low[k], 0.0)
            z += shape.get(_shape(words[k]), 0.0)
        else:
            z += pad
    if a > lo:
        z += t.bg.get(f"{low[a - 1]}|{head}", 0.0)
    if b < hi:
        z += t.bg2.get(f"{head}|{low[b]}", 0.0)
    if c.near_rule >= 0:
        z += t.nr.get(min(c.near_rule, 4), 0.0)
    inq = art.quote_at(art.starts[a]) >= 0
    z += flag["inq" if inq else "outq"]
    if not _QUOTE_MARKS.isdisjoint(low[max(lo, a - 3):min(hi, b + 3)]):
        z += flag["qnear"]
    if c.quoted_sentence:
        z += flag["qsent"]
    if not inq:
        sa, sb, _, kind = art.subject_left(a, lo)
        z += t.subj.get(kind or "none", 0.0)
        if sa >= 0:
            z += t.subjd.get(min(a - sb, 4), 0.0)
            z += t.subjw.get(low[sb - 1], 0.0)
    return z


def _probability(art: ArticleTokens, c: Candidate, tables: _Tables) -> float:
    """``probability(weights, features(art, c))``, summed by look-ups (see ``_z``)."""
    z = _z(art, c, tables)
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def refine(art: ArticleTokens, found: list, sent_of_tok: list[int], model=None,
           settings: type[Settings] | Settings = Settings) -> list:
    """Rule candidates ``found`` kept, dropped or extended by the classifier (unchanged when no model ships)."""
    model = model if model is not None else load_model()
    if model is None or not art.low:
        return found
    weights, words = model
    tables = _tables(weights)
    keep: list = []
    taken: set[int] = set()
    for c in candidates(art, found, sent_of_tok, words):
        if c.rule is not None and (settings.keep_rule <= 0 or c.parent_of_rule):
            # an attribution holding another ("X reported, citing Y") is structure the rules saw: it stays
            keep.append(c.rule)
            taken.update(range(c.a, c.b))
            continue
        if c.rule is not None:
            if _probability(art, c, tables) >= settings.keep_rule:
                keep.append(c.rule)
                taken.update(range(c.a, c.b))
            continue
        # a new candidate: the vetoes that need no score first (scoring has no effect on the article)
        if any(k in taken for k in range(c.a - settings.gap, c.b + settings.gap)):
            continue  # a word right next to a cue already taken is part of that cue ("expected to endorse")
        if c.a - 1 >= c.lo and art.low[c.a - 1] in NEGATIONS:
            continue  # "did not comment": the rules leave negated verbs alone, and so does the model
        if _probability(art, c, tables) < settings.add_new:
            continue
        cue = match_cue(art.low, c.a, art.lexicon)
        text = art.text[art.starts[c.a]:art.ends[c.b - 1]]
        att = Attribution(art.starts[c.a], art.ends[c.b - 1], text, cue.lemma if cue else text.lower(),
                          cue.cue_class if cue else "neutral")
        att.extra["learned"] = True
        sa, sb, desc, kind = art.subject_left(c.a, c.lo)
        if sa >= 0 and _not_a_source(art, c, cue, sa, sb, kind, found):
            continue  # the rules' own vetoes hold: dates, places before an -ing form, measured things
        if kind == "noun" and not _speaker_noun(art, sb - 1):
            sa = -1  # "Lauer faced heavy criticism": a word before the cue that names no one is no source
        if sa >= 0:
            att.mention_start, att.mention_end, att.descriptor = art.starts[sa], art.ends[sb - 1], desc
        if c.b < c.hi:
            _content(att, art, art.starts[c.b], art.ends[c.hi - 1])
        keep.append(att)
        taken.update(range(c.a, c.b))
    return _renest(found, keep)


def _speaker_noun(art: ArticleTokens, h: int) -> bool:
    """Whether a lower-case head noun can name a speaker: a source-type word ("spokesman", "officials") or a
    plural ("critics", "voters")."""
    w = art.low[h]
    return w in art.type_words or (w.endswith("s") and not w.endswith("ss") and w.isalpha())


def _not_a_source(art: ArticleTokens, c: Candidate, cue, a: int, b: int, kind: str, found: list) -> bool:
    """Whether the rules would refuse tokens ``a..b`` as the subject of a cue at ``c``."""
    form = " ".join(art.low[c.a:c.b])
    site = _Site(art, c.a, cue or Cue(form, "neutral", "strong", c.b - c.a, form), c.lo, c.hi, found)
    return _not_a_speaker(site, a, b, kind) or _evidence_subject(site, a, b)


def _renest(found: list, keep: list) -> list:
    """``keep`` in text order with ``parent`` indices valid again: kept rule attributions keep their parent
    when it stays, new ones nest in the first kept attribution whose content holds their cue."""
    parent_of = {id(a): found[a.parent] for a in found if a.parent >= 0}
    keep.sort(key=lambda x: x.cue_start)
    index = {id(a): k for k, a in enumerate(keep)}
    # the parent of a learned one: the first kept rule attribution whose content holds its cue. One sweep in
    # cue order (keep is sorted by cue): contents open as the cue passes their start; the heap's top is the
    # first open one, and one that has closed stays closed for every later cue (linear, not quadratic)
    rules = sorted((o.content_start, k, o.content_end) for k, o in enumerate(keep) if not o.extra.get("learned"))
    open_: list[tuple[int, int]] = []
    r = 0
    for a in keep:
        if a.extra.get("learned"):
            while r < len(rules) and rules[r][0] <= a.cue_start:
                heapq.heappush(open_, (rules[r][1], rules[r][2]))
                r += 1
            while open_ and open_[0][1] <= a.cue_start:
                heapq.heappop(open_)
            a.parent = open_[0][0] if open_ else -1
        else:
            p = parent_of.get(id(a))
            a.parent = index.get(id(p), -1) if p is not None else -1
    return keep


def learn_words(docs_tokens: list[tuple[list[str], list[bool]]], min_count: int = 3,
                min_ratio: float = 0.2) -> list[str]:
    """Words inside gold cues at least ``min_count`` times and in ``min_ratio`` of their uses (not grammar
    words, not punctuation), sorted: the extra candidate words ``refine`` considers.

    >>> learn_words([(["she", "plans", "to", "go", "plans"], [False, True, False, False, True])], 2, 0.5)
    ['plans']
    """
    seen: dict[str, int] = {}
    inside: dict[str, int] = {}
    for words, flags in docs_tokens:
        for w, g in zip(words, flags):
            seen[w] = seen.get(w, 0) + 1
            if g:
                inside[w] = inside.get(w, 0) + 1
    return sorted(w for w, n in inside.items() if n >= min_count and n / seen[w] >= min_ratio
                  and w[:1].isalpha() and w not in FUNC)
