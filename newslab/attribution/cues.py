"""Tokens with offsets, and the cue lexicon (reporting verbs and multiword cues) matched over them.

``tokenize`` is a fast regex tokenizer that keeps ``[start, end)`` offsets into the text, so every span
newslab reports points back into ``articles.text``. ``cue_lexicon`` reads
``lexicons/reporting_verbs.csv`` (or a user's file with the same columns) into a lookup by first word.

>>> toks = tokenize("Sen. Warren didn't say it.")
>>> [t.text for t in toks]
['Sen.', 'Warren', 'didn', "'t", 'say', 'it', '.']
>>> lex = cue_lexicon()
>>> match_cue([t.lower for t in toks], 4, lex).lemma
'say'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from newslab.core.lexicon import read_table
from newslab.errors import LexiconError

__all__ = ["Token", "Cue", "tokenize", "token_columns", "cue_lexicon", "match_cue", "CLASSES"]

CLASSES = ("neutral", "assertive", "doubt", "concession", "denial", "emotive", "belief", "according_to",
           "nominal")


class Token(NamedTuple):
    """One token: its text, lower-cased text and ``[start, end)`` offsets into the article (a named tuple:
    an article has thousands, and a tuple is built several times faster than a frozen dataclass)."""

    text: str
    lower: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cue:
    """A lexicon entry matched in the text: ``length`` tokens long, from the lexicon row ``lemma``."""

    lemma: str
    cue_class: str
    strength: str
    length: int
    form: str
    noun: bool = False  # this form is also a noun ("report", "claims")


@lru_cache(maxsize=4)
def _token_re(titles: tuple[str, ...]) -> re.Pattern[str]:
    """The token pattern, as one capturing group (``re.split`` then returns gaps and tokens alternately)."""
    abbrev = "|".join(re.escape(t.rstrip(".")) for t in sorted(titles, key=len, reverse=True) if t)
    # the titles are tried only where one can start (a cheap look-ahead on their first letters)
    firsts = "".join(sorted({re.escape(t[0]) for t in titles if t}))
    parts = [
        r"[^\W\d_]\.[^\W\d_]\.(?:[^\W\d_]\.)*",             # U.S., U.N., a.m. (two or more; no repeat set up per word)
        rf"(?=[{firsts}])(?:{abbrev})\.(?=\s+\w)" if abbrev else None,  # Sen. Warren, Gov. Smith
        r"[^\W\d_]\.(?=\s+[A-Z])",                       # initials: Donald J. Trump
        r"\d+(?:[.,:]\d+)*%?",                           # numbers
        # words, O'Brien (the hyphen and apostrophe parts only tried where one of those marks follows)
        r"\w+(?:(?=[-\u2010\u2011'\u2019])(?:[-\u2010\u2011]\w+)*(?:['\u2019](?!(?:s|t|re|ll|ve|d|m)\b)\w+)*)?",
        r"['\u2019](?:s|t|re|ll|ve|d|m)\b",              # clitics: 's 't 're
        r"''|``",                                        # typewriter quotes (NYT style)
        r"[^\w\s]",                                      # any other symbol, one at a time
    ]
    return re.compile("(" + "|".join(p for p in parts if p) + ")")


@lru_cache(maxsize=4)
def _spaced_token_re(titles: tuple[str, ...]) -> re.Pattern[str]:
    """``_token_re`` with the white space before a token as a first group (possessive: never given back)."""
    return re.compile(r"(\s*+)" + _token_re(titles).pattern)


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    return tuple(read_table("titles.csv", required=("title",))["title"].str.strip())


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with offsets; ``n't``-style clitics and ``'s`` are their own tokens.

    >>> [t.text for t in tokenize("“It’s over,” Mr. O’Brien said.")]
    ['“', 'It', '’s', 'over', ',', '”', 'Mr.', 'O’Brien', 'said', '.']
    """
    return list(map(tuple.__new__, repeat(Token), zip(*token_columns(text))))


def token_columns(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    """``tokenize``'s tokens as four lists (texts, lower-case texts, starts, ends), without a tuple per token
    (what ``newslab.attribution.phrases.ArticleTokens`` keeps).

    >>> token_columns("Rain fell.")
    (['Rain', 'fell', '.'], ['rain', 'fell', '.'], [0, 5, 9], [4, 9, 10])
    """
    # the hot loop of attribution, kept in C: ``split`` gives ["", spaces, token, "", spaces, token, ..., ""]
    # (the spaces before a token are part of its match, so the search never stops on a space), and the
    # running sum of their lengths gives every token's offsets. Trailing spaces are cut first: at the end
    # no token follows them (the same tokens as splitting the whole text by _token_re)
    parts = _spaced_token_re(_titles()).split(text.rstrip())
    del parts[::3]  # the gaps between matches, all empty (every non-space character starts a token)
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))
    columns = words, list(map(str.lower, words)), offsets[1::2], offsets[2::2]
    joined = "\0".join(words) + "\0"
    if "n't\0" in joined or "n\u2019t\0" in joined:  # a token ending in "n't" (the pattern leaves none)
        columns = _split_negations(*columns)
    return columns


def _split_negations(words: list[str], lows: list[str], starts: list[int],
                     ends: list[int]) -> tuple[list[str], list[str], list[int], list[int]]:
    """didn't -> didn 't, when a token holds its "n't" (kept consistent with the clitic tokens)."""
    out: tuple[list[str], list[str], list[int], list[int]] = ([], [], [], [])
    ow, ol, os_, oe = out
    for s, lw, a, b in zip(words, lows, starts, ends):
        if s.endswith(("n't", "n\u2019t")) and len(s) > 3:
            ow += (s[:-3], s[-3:])
            ol += (s[:-3].lower(), s[-3:].lower())
            os_ += (a, b - 3)
            oe += (b - 3, b)
        else:
            ow.append(s)
            ol.append(lw)
            os_.append(a)
            oe.append(b)
    return out


@lru_cache(maxsize=8)
def cue_lexicon(path: str | None = None) -> dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]:
    """The cue lexicon as ``{first word: ((words, Cue), ...)}``, longest forms first.

    ``path``: a user's reporting-verb file (same columns), whose rows replace shipped rows with the same
    lemma and add new ones.
    """
    rows = {}
    for name in ("reporting_verbs.csv",) + ((path,) if path else ()):
        table = read_table(name, required=("lemma", "forms", "cue_class", "strength"))
        for rec in table.itertuples(index=False):
            if rec.cue_class not in CLASSES:
                raise LexiconError(f"{name}: cue_class {rec.cue_class!r} for {rec.lemma!r} is not one of "
                                   f"{', '.join(CLASSES)}")
            rows[rec.lemma.strip().lower()] = rec
    index: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    for lemma, rec in rows.items():
        strength = (rec.strength or "strong").strip().lower()
        is_noun = str(getattr(rec, "noun", "") or "").strip().lower() in ("yes", "y", "true", "1")
        forms = [f.strip().lower() for f in str(rec.forms).split("|")]
        for n, form in enumerate(forms):
            words = tuple(form.split())
            if not words:
                continue
            # the base form and the -s form (the first two listed) are the noun-like ones
            cue = Cue(lemma, rec.cue_class.strip(), strength, len(words), " ".join(words),
                      is_noun and n < 2)
            index.setdefault(words[0], []).append((words, cue))
    return {k: tuple(sorted(v, key=lambda wc: -len(wc[0]))) for k, v in index.items()}


def match_cue(lowers: list[str], i: int, lexicon: dict) -> Cue | None:
    """The longest lexicon cue starting at token ``i`` (``lowers`` = lower-cased tokens), or None.

    Inside multiword cues, quote marks and commas are not skipped: "according to" must be contiguous.
    """
    entries = lexicon.get(lowers[i])
    if not entries:
        return None
    n = len(lowers)
    for words, cue in entries:
        k = len(words)
        if i + k <= n and (k == 1 or tuple(lowers[i:i + k]) == words):
            return cue
    return None
