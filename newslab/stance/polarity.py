"""Target-aware polarity: how a sentence speaks about the words at ``[start, end)`` (VADER, made target-aware).

The word scores are VADER's (NLTK's ``vader`` module, with the lexicon file the ``vaderSentiment`` package
ships; nothing is downloaded), plus news-politics terms from ``newslab/lexicons/stance_terms.csv``. On top
of VADER's boosters and negation, each word's score is weighted toward one target:

- by token distance to the target mention (near words count more);
- by clause: words across ``;``, a dash or a contrast ("but", "although") count less, words in the clause
  after "but" that also holds the target count more;
- by the target's role for verbs that have one: "X obstructed Y" is against X (agent), "X criticised Y"
  is against Y (patient), with passive voice ("Y was criticised by X") handled;
- words between the same commas as the target count more;
- a target that speaks ("X said ...") takes none of the negative and half of the positive tone of its words;
- names are never scored (capitalised words inside a sentence, the target itself: "Hope Hicks", "Winner");
- text that is not English scores 0.

The weights and the favor/against thresholds (``PolarityParams``) were tuned on NewsMTSC ``train.jsonl``;
``python -m newslab.evaluation.stance`` measures them on ``devtest_mt`` beside plain sentence-level VADER.

>>> from newslab.stance.polarity import target_polarity, classify
>>> s = "The brave firefighters saved the town, but the mayor lied about the cover-up."
>>> classify(target_polarity(s, 10, 22)), classify(target_polarity(s, 47, 52))
('favor', 'against')
>>> s = "The police impeded the protesters."
>>> classify(target_polarity(s, 4, 10)), classify(target_polarity(s, 23, 33))
('against', 'neutral')
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from newslab.core.lexicon import lexicon_path, read_lines, read_table
from newslab.errors import LexiconError

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_FIRST = itemgetter(0)
_CONTRAST = {"but", "however", "although", "though", "whereas", "yet", "while", "despite"}
_HARD_BREAK = {";", ":", "—", "–", "--", "(", ")", "?", "!", "|"}
_BE = frozenset(read_lines("passive_auxiliaries.txt"))
_EXTRA_NEGATORS = {"no", "nobody", "nor", "lack", "lacks", "lacked", "failed", "fails", "fail"}
_ROLES = ("any", "agent", "patient")
#: tokens on either side of the target that are scored in very long sentences (weight there < 0.1)
WINDOW = 60
# reporting verbs right after (or "said"/"according to" right before) a target make it the speaker
_SAY = frozenset(read_lines("speaker_verbs.txt"))
_SMALL_WORDS = frozenset(read_lines("polarity_skip_words.txt"))
_OPEN_QUOTES = {'"', "“", "«"}
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_CLOSE_QUOTES = {'"', "”", "»"}
_QUOTE_CHARS = frozenset(_OPEN_QUOTES | _CLOSE_QUOTES)


@dataclass(frozen=True)
class PolarityParams:
    """The knobs of ``target_polarity``; the defaults were tuned on NewsMTSC ``train.jsonl`` only."""

    decay: float = 6.0           # tokens at which a word's weight halves
    floor: float = 0.0           # weight kept by the farthest words (the tone of the whole sentence)
    cross_clause: float = 0.5    # words in another clause (across ; : — or a contrast word)
    across_contrast: float = 0.2  # ... and again when a contrast word ("but") stands between
    after_contrast: float = 1.3  # words in the target's own clause when it follows "but"
    critic: float = 0.2          # a patient-word seen from its agent ("X criticised Y", toward X)
    victim: float = 0.0          # an agent-word seen from its patient ("X impeded Y", toward Y)
    speaker_neg: float = 0.0     # negative words in what the target itself says ("X said ... awful")
    speaker_pos: float = 0.5     # positive words in what the target itself says
    in_quote: float = 1.0        # the target is named inside a direct quote
    same_phrase: float = 1.5     # words between the same two commas as the target
    alpha: float = 15.0          # VADER normalisation: score = s / sqrt(s*s + alpha)
    favor: float = 0.15          # score >= favor -> "favor"
    against: float = -0.03      # score <= against -> "against"


DEFAULT = PolarityParams()


class Polarity(NamedTuple):
    """Score toward one target in [-1, 1], its label, and the ``[start, end)`` of the words carrying it
    (offsets into the sentence; -1 when no word carries any tone)."""

    score: float
    stance: str
    evidence_start: int
    evidence_end: int


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, float]
    roles: dict[str, str]
    phrases: dict[tuple[str, ...], tuple[float, str]]
    negators: frozenset[str]
    phrase_firsts: frozenset[str]
    boosters: dict[str, float]
    english: frozenset[str]
    #: ``words`` and ``phrase_firsts``: the tokens ``_valences`` looks at
    scored: frozenset[str]
    #: every word of ``english`` starts with an ASCII letter
    english_alpha: bool


def vader_lexicon_path() -> Path:
    """The ``vader_lexicon.txt`` inside the installed ``vaderSentiment`` package."""
    import vaderSentiment

    return Path(vaderSentiment.__file__).resolve().parent / "vader_lexicon.txt"


@lru_cache(maxsize=1)
def vader_analyzer():
    """NLTK's ``SentimentIntensityAnalyzer`` built on the ``vaderSentiment`` lexicon file.

    nltk 3.10 only opens lexicons under its own data path (and refuses other paths), so the analyzer is
    built from the file's text directly: no download, no change to ``nltk.data.path``.
    """
    from newslab.core.nltk_import import nltk_module

    vader = nltk_module("sentiment.vader")  # without the rest of NLTK (see newslab.core.nltk_import)
    SentimentIntensityAnalyzer, VaderConstants = vader.SentimentIntensityAnalyzer, vader.VaderConstants

    sia = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    sia.lexicon_file = vader_lexicon_path().read_text(encoding="utf-8").strip()
    sia.lexicon = sia.make_lex_dict()
    sia.constants = VaderConstants()
    return sia


SHIPPED_TERMS = "stance_terms.csv"


def _read_terms(name: str, words: dict, roles: dict, phrases: dict) -> None:
    table = read_table(name, required=("term", "score"))
    for n, row in enumerate(table.itertuples(index=False), start=1):
        term = str(row.term).strip().lower().replace("’", "'")
        if not term:
            continue
        try:
            score = float(row.score)
        except ValueError:
            raise LexiconError(f"{lexicon_path(name)}: row {n} ({term}): score {row.score!r} is not a number; "
                               "write a number from -4 to 4") from None
        role = str(getattr(row, "role", "any") or "any").strip().lower()
        if role not in _ROLES:
            raise LexiconError(f"{lexicon_path(name)}: row {n} ({term}): role {role!r} is not one of "
                               f"{', '.join(_ROLES)}")
        toks = tuple(_TOKEN.findall(term))
        if len(toks) == 1:
            words[toks[0]] = score
            roles[toks[0]] = role
        elif toks:
            phrases[toks] = (score, role)


@lru_cache(maxsize=8)
def _lexicon(terms: str = SHIPPED_TERMS) -> _Lexicon:
    """VADER's words, the shipped stance terms, then a user's own terms file (its rows win)."""
    sia = vader_analyzer()
    words = dict(sia.lexicon)
    roles: dict[str, str] = {}
    phrases: dict[tuple[str, ...], tuple[float, str]] = {}
    _read_terms(SHIPPED_TERMS, words, roles, phrases)
    if str(terms) != SHIPPED_TERMS:
        _read_terms(terms, words, roles, phrases)
    for stem, role in list(roles.items()):  # inflections of our own terms (VADER lists its forms itself)
        if len(stem) >= 4 and " " not in stem:
            for suffix in ("s", "es", "d", "ed", "ing"):
                if stem + suffix not in words:
                    words[stem + suffix] = words[stem]
                    roles[stem + suffix] = role
    negators = frozenset(w.replace("’", "'") for w in sia.constants.NEGATE) | _EXTRA_NEGATORS
    english = frozenset(w.lower() for w in read_lines("english_words.txt"))
    firsts = frozenset(k[0] for k in phrases)
    return _Lexicon(words, roles, phrases, negators, firsts, dict(sia.constants.BOOSTER_DICT), english,
                    frozenset(words) | firsts, all(w[:1].isascii() and w[:1].isalpha() for w in english))


def _tokens(sentence: str) -> tuple[list[str], list[str], list[int], list[int]]:
    """The tokens of a sentence: their text, lower-case form (’ as '), start and end offsets.

    Every character that is not white space belongs to a token, so each token is found by ``str.find``
    right after the previous one (no match object per token).
    """
    texts = _TOKEN.findall(sentence)
    starts, ends = [], []
    find, pos = sentence.find, 0
    for t in texts:
        pos = find(t, pos)
        starts.append(pos)
        pos += len(t)
        ends.append(pos)
    low = sentence.lower().replace("’", "'")
    if len(low) == len(sentence) and "Σ" not in sentence:  # lower() maps character by character here
        lows = [low[a:b] for a, b in zip(starts, ends)]
    else:  # a character whose lower case is longer ("İ"), or a final sigma: lower each token alone
        lows = [t.lower().replace("’", "'") for t in texts]
    return texts, lows, starts, ends


def _title_case(texts: list[str], lows: list[str]) -> bool:
    """A headline in Title Case ("Trump Slams Media Over Leaks"): capitals say nothing about names there."""
    n = 0
    for t, low in zip(texts, lows):
        if t[:1].isalpha() and len(t) > 2 and low not in _SMALL_WORDS:
            if not t[:1].isupper():
                return False
            n += 1
    return n >= 3


def title_case_text(sentence: str) -> bool:
    """``_title_case`` of a sentence, without building its tokens.

    >>> title_case_text("Trump Slams Media Over Leaks"), title_case_text("Trump slams the media.")
    (True, False)
    """
    n = 0
    for m in _TOKEN.finditer(sentence):  # most sentences stop at their first lower-case word
        w = m.group()
        if w[:1].isalpha() and len(w) > 2 and w.lower() not in _SMALL_WORDS:
            if not w[:1].isupper():
                return False
            n += 1
    return n >= 3


_BEFORE_FIRST = {'"', "“", "‘", "'", "(", "—", "-", ":"}


def _names(texts: list[str], title: bool) -> list[bool]:
    """For every token, whether it is a name: a capitalised word that is not sentence-initial, or is
    followed by another capital, or is all capitals (none in a Title Case headline)."""
    n = len(texts)
    out = [False] * n
    if title:
        return out
    last = n - 1
    capital = list(map(str.isupper, map(_FIRST, texts)))  # tokens are never empty
    for i in compress(range(n), capital):  # only the capitalised tokens can be names
        if i and texts[i - 1] not in _BEFORE_FIRST:
            out[i] = True
        else:
            out[i] = i < last and capital[i + 1] or texts[i].isupper()
    return out


def _not_english(texts: list[str], lows: list[str], lex: _Lexicon) -> bool:
    if lex.english_alpha and not lex.english.isdisjoint(lows):
        return False  # an English word (all of them start with a letter): no test below can say True
    words = [k for k, t in enumerate(texts) if t[:1].isalpha()]
    if not words:
        return True
    english = lex.english
    if any(not texts[k].isascii() and any(ord(c) > 0x24F for c in texts[k]) for k in words[:20]) and \
            not any(lows[k] in english for k in words):
        return True
    return len(words) >= 6 and not any(lows[k] in english for k in words)


def _valences(texts: list[str], lows: list[str], lex: _Lexicon, names: list[bool]
              ) -> list[tuple[int, int, float, str]]:
    """(first token, last token, valence, role) of every tone-carrying word or phrase, VADER-style
    (``names``: the tokens that are names, which carry no tone)."""
    out: list[tuple[int, int, float, str]] = []
    n = len(lows)
    words, roles, phrases, firsts = lex.words, lex.roles, lex.phrases, lex.phrase_firsts
    boosters, negators = lex.boosters, lex.negators
    after = 0
    for i in compress(range(n), map(lex.scored.__contains__, lows)):  # words and phrase starts only
        if i < after or names[i]:
            continue
        low = lows[i]
        hit = None
        if low in firsts:
            for k in (3, 2):
                if i + k <= n:
                    key = tuple(lows[i:i + k])
                    if key in phrases:
                        hit = (i + k - 1, *phrases[key])
                        break
        if hit is None:
            score = words.get(low)
            if not score:
                continue
            hit = (i, score, roles.get(low, "any"))
        last, valence, role = hit
        # boosters and negation in the three words before (VADER's rules, simplified)
        for back in range(1, 4):
            j = i - back
            if j < 0 or texts[j] in _HARD_BREAK or lows[j] in _CONTRAST:
                break
            w = lows[j]
            if w in boosters:
                b = boosters[w] * (1.0 if back == 1 else 0.95 if back == 2 else 0.9)
                valence += b if valence > 0 else -b
            if w in negators or w.endswith("n't"):
                valence *= -0.74
                break
        out.append((i, last, valence, role))
        after = last + 1
    return out


def _is_speaker(texts: list[str], lows: list[str], t0: int, t1: int) -> bool:
    """The target speaks: "X said", "X, 54, told", "said X", "according to X"."""
    after = lows[t1 + 1:t1 + 3]
    if after and (after[0] in _SAY or after[0] in {"has", "had", "also"} and len(after) > 1 and after[1] in _SAY):
        return True
    before = lows[max(0, t0 - 2):t0]
    ends = t1 + 1 >= len(texts) or not texts[t1 + 1][:1].isalnum()
    return bool(before) and (before[-1] in _SAY and ends or before == ["according", "to"])


class _Analysis(NamedTuple):
    #: per token: its text, lower-case form (’ as '), start and end offsets in the sentence
    texts: list[str]
    lows: list[str]
    starts: list[int]
    ends: list[int]
    #: per token: whether it stands inside a quotation
    quoted: list[bool]
    #: per token: the number of commas before it
    phrase: list[int]
    valences: list[tuple[int, int, float, str]]
    firsts: list[int]
    #: per token: its clause number (clauses split at ; : dashes and contrast words) ...
    clause: list[int]
    #: ... and per clause: whether it opens with a contrast word
    opens_contrast: list[bool]
    foreign: bool
    title: bool
    #: per token: the word as the classifier sees it (lower case; ``<N>`` a name, ``<D>`` a number) ...
    masked: list[str]
    #: ... and whether it continues a run of names (one ``<N>`` stands for "Ana Maria Ruiz")
    cont: list[bool]
    #: per token: a negator ("not", "never", "n't")
    negator: list[bool]


#: sentences longer than this (characters) get a small cache of their own: 4,096 cached analyses of
#: 2,000-character sentences would hold hundreds of MB
LONG_SENTENCE = 400


class SentenceCache:
    """``fn(sentence, terms)`` memoised, with a small cache of its own for sentences over ``LONG_SENTENCE``
    characters (a sentence often has several targets, scored one after the other).

    >>> twice = SentenceCache(lambda sentence, terms: sentence * 2, short=8)
    >>> twice("ab", ""), twice.cache_info().hits
    ('abab', 0)
    """

    def __init__(self, fn: Callable[[str, str], Any], short: int, long: int = 16):
        self.short, self.long = lru_cache(maxsize=short)(fn), lru_cache(maxsize=long)(fn)
        functools.update_wrapper(self, fn)

    def __call__(self, sentence: str, terms: str) -> Any:
        return (self.long if len(sentence) > LONG_SENTENCE else self.short)(sentence, terms)

    def cache_info(self):
        """The short sentences' cache statistics (``functools.lru_cache``'s)."""
        return self.short.cache_info()

    def cache_clear(self) -> None:
        self.short.cache_clear()
        self.long.cache_clear()


def _analysis(sentence: str, terms: str) -> _Analysis:
    lex = _lexicon(terms)
    texts, lows, starts, ends = _tokens(sentence)
    n = len(texts)
    # clauses, commas and quotations: most sentences have no break, contrast word or quotation mark at all
    if _HARD_BREAK.isdisjoint(texts) and _CONTRAST.isdisjoint(lows):
        clause, opens_contrast = [0] * n, [False]
    else:
        clause, opens_contrast, c = [], [False], 0
        for t, low in zip(texts, lows):
            if t in _HARD_BREAK or low in _CONTRAST:
                c += 1
                opens_contrast.append(low in _CONTRAST)
            clause.append(c)
    if "," in sentence:  # commas up to each token
        phrase = list(accumulate(map(",".__eq__, texts), initial=0))
        del phrase[0]
    else:
        phrase = [0] * n
    if _QUOTE_CHARS.isdisjoint(sentence):
        quoted = [False] * n
    else:
        quoted, depth = [], 0
        for t in texts:
            quoted.append(depth > 0)
            if t in _OPEN_QUOTES and t != '"':
                depth += 1
            elif t in _CLOSE_QUOTES and t != '"':
                depth = max(0, depth - 1)
            elif t == '"':
                depth = 0 if depth else 1
    negators = lex.negators
    if negators.isdisjoint(lows) and "n't" not in sentence.lower().replace("’", "'"):
        negator = [False] * n
    else:
        negator = [low in negators or low.endswith("n't") for low in lows]
    title = _title_case(texts, lows)
    names = _names(texts, title)
    valences = _valences(texts, lows, lex, names)
    masked = lows.copy()
    if _DIGIT.search(sentence):  # a token with a digit is <D> (a name stays <N>)
        for m in _DIGITS.finditer(sentence):
            masked[bisect.bisect_right(starts, m.start()) - 1] = "<D>"
    cont = [False] * n
    for i in compress(range(n), names):
        masked[i] = "<N>"
        if i and names[i - 1]:
            cont[i] = True
    return _Analysis(texts, lows, starts, ends, quoted, phrase, valences, [v[0] for v in valences], clause,
                     opens_contrast, _not_english(texts, lows, lex), title, masked, cont, negator)


_analyse = SentenceCache(_analysis, short=4096)  # everything about a sentence that does not depend on the target


def _span_tokens(analysis: _Analysis, start: int, end: int) -> set[int]:
    """Indices of the tokens overlapping ``[start, end)``."""
    lo = bisect.bisect_right(analysis.ends, start)
    hi = bisect.bisect_left(analysis.starts, end)
    return set(range(lo, hi))


def classify(score: float, params: PolarityParams = DEFAULT) -> str:
    """``favor`` / ``against`` / ``neutral`` from a score, with the tuned thresholds.

    >>> classify(0.5), classify(-0.5), classify(0.0)
    ('favor', 'against', 'neutral')
    """
    if score >= params.favor:
        return "favor"
    if score <= params.against:
        return "against"
    return "neutral"


def target_stance(sentence: str, start: int, end: int, params: PolarityParams = DEFAULT,
                  terms: str = SHIPPED_TERMS, ignore: tuple[tuple[int, int], ...] = ()) -> Polarity:
    """Score, label and evidence span toward the target at ``[start, end)`` of ``sentence``.

    ``ignore``: other ``[start, end)`` spans whose words carry no tone (e.g. the speaker's name).
    Never raises on odd input: an empty sentence, a span outside it or of length 0, a sentence that is
    not English all give ``Polarity(0.0, "neutral", -1, -1)``.

    >>> target_stance("The minister praised the brave firefighters.", 24, 43).stance
    'favor'
    """
    neutral = Polarity(0.0, "neutral", -1, -1)
    contributions = tone_words(sentence, start, end, params, terms, ignore)
    total = sum(c for c, _s, _e in contributions)
    if total == 0:
        return neutral
    best, best_span = 0.0, (-1, -1)
    for c, s, e in contributions:
        if abs(c) > abs(best):
            best, best_span = c, (s, e)
    score, label = _score(total, params)
    return Polarity(round(score, 4), label, *(best_span if label != "neutral" or best else (-1, -1)))


def _score(total: float, params: PolarityParams) -> tuple[float, str]:
    """The (unrounded) score in [-1, 1] and the label of a non-zero sum of weighted valences."""
    score = total / math.sqrt(total * total + params.alpha)
    score = max(-1.0, min(1.0, score))
    return score, classify(score, params)


def tone_words(sentence: str, start: int, end: int, params: PolarityParams = DEFAULT,
               terms: str = SHIPPED_TERMS, ignore: tuple[tuple[int, int], ...] = ()) -> list[tuple[float, int, int]]:
    """``(weighted valence, start, end)`` of every tone-carrying word toward the target at ``[start, end)``,
    in sentence order (offsets into the sentence); empty for odd input or text that is not English.

    >>> [(round(c, 2), s, e) for c, s, e in tone_words("The mayor lied.", 4, 9)]
    [(-3.0, 10, 14)]
    """
    if not isinstance(sentence, str) or not sentence.strip():
        return []
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return []
    if not (0 <= start < end <= len(sentence)):
        return []
    analysis = _analyse(sentence, terms)
    target = _span_tokens(analysis, start, end)
    if not target or analysis.foreign:
        return []
    skip = set(target)
    for s, e in ignore:
        skip |= _span_tokens(analysis, s, e)
    t0, t1 = min(target), max(target)
    return _tone(analysis, t0, t1, skip, _is_speaker(analysis.texts, analysis.lows, t0, t1), params)


def _tone(analysis: _Analysis, t0: int, t1: int, skip: set[int] | range, speaker: bool,
          params: PolarityParams) -> list[tuple[float, int, int]]:
    """``tone_words`` toward the target tokens ``t0..t1`` of an analysed sentence (``skip``: the tokens that
    carry no tone, the target's among them; ``speaker``: the target speaks)."""
    lows, starts, ends = analysis.lows, analysis.starts, analysis.ends
    quoted = analysis.quoted[t0]
    clause, opens_contrast = analysis.clause, analysis.opens_contrast
    tclause = clause[t0]
    out: list[tuple[float, int, int]] = []
    valences = analysis.valences
    if len(valences) > 2 * WINDOW:  # a very long "sentence": words beyond the window weigh almost nothing
        firsts = analysis.firsts
        lo = bisect.bisect_left(firsts, t0 - WINDOW)
        valences = valences[lo:bisect.bisect_right(firsts, t1 + WINDOW)]
    for i, last, valence, role in valences:
        if i in skip or last > i and any(k in skip for k in range(i + 1, last + 1)):
            continue
        d = t0 - last if last < t0 else i - t1
        w = params.floor + (1 - params.floor) * params.decay / (params.decay + max(d - 1, 0))
        if clause[i] != tclause:
            w *= params.cross_clause
            lo, hi = (clause[i], tclause) if clause[i] < tclause else (tclause, clause[i])
            if any(opens_contrast[lo + 1:hi + 1]):
                w *= params.across_contrast
        elif opens_contrast[tclause]:
            w *= params.after_contrast
        if role != "any":
            passive = i > 0 and lows[i - 1] in _BE or i > 1 and lows[i - 2] in _BE
            before = t1 < i
            if passive:
                is_agent = not before and t0 > 0 and lows[t0 - 1] == "by"
            else:
                is_agent = before
            if role == "patient" and is_agent:
                w *= params.critic
            elif role == "agent" and not is_agent:
                w *= params.victim
        if analysis.phrase[i] == analysis.phrase[t0]:
            w *= params.same_phrase
        if speaker:
            w *= params.speaker_neg if valence < 0 else params.speaker_pos
        if quoted:
            w *= params.in_quote
        contribution = w * valence
        if contribution:
            out.append((contribution, starts[i], ends[last]))
    return out


def target_polarity(sentence: str, start: int, end: int) -> float:
    """The score in [-1, 1] toward the target at ``[start, end)`` of ``sentence`` (> 0 favourable).

    >>> target_polarity("Critics said the mayor lied and covered up the scandal.", 17, 22) < 0
    True
    >>> target_polarity("", 0, 0)
    0.0
    """
    return target_stance(sentence, start, end).score


def sentence_polarity(sentence: str) -> float:
    """Plain sentence-level VADER compound score (the baseline ``target_polarity`` is measured against)."""
    if not isinstance(sentence, str) or not sentence.strip():
        return 0.0
    return float(vader_analyzer().polarity_scores(sentence)["compound"])
