"""The language of each article (``articles.language``, ISO 639-1 such as ``en``), detected offline.

newslab's sentence rules, cue lists and stance lexicons are for English: articles detected as another
language keep their sentences (and boilerplate flags) but get no attributions or stances, and
``newslab.load`` lists each of them in ``errors`` with a plain note. A text too short to tell (under
``MIN_LETTERS`` letters) gets no language and is treated as English.

The detector is py3langid (BSD licence; 97 languages; a 4 MB model shipped in the package, no download;
deterministic): small, fast and accurate on paragraphs of news text. Plain English is recognised before it,
at a tenth of the cost: when at least ``ENGLISH_SHARE`` of the words read are English marker words
(``lexicons/english_markers.txt``: "the", "and", "which", ...; about 15% of English news, at most 1.1% of
the other languages in the AEB web pages) the article is English without asking the detector.

>>> detect("The port reopened on Monday after the storm, officials said in a statement.")
'en'
>>> detect("Der Hafen wurde am Montag nach dem Sturm wieder geöffnet, teilten die Behörden mit.")
'de'
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import pandas as pd

from newslab.core.lexicon import read_lines

ENGLISH = "en"
MIN_LETTERS = 40  # fewer letters than this: too short to tell
SAMPLE_CHARS = 5000  # the detector reads this much of the article (the start holds the body's first lines)
ENGLISH_SHARE = 0.08  # this share of English marker words or more: English, no detector needed (English news: ~15%)
MIN_WORDS = 30  # the marker share is trusted on samples of this many words or more
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _markers() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("english_markers.txt"))


def plainly_english(sample: str) -> bool:
    """Whether ``sample`` is English beyond doubt: ``ENGLISH_SHARE`` of its words or more are English marker
    words (and it has ``MIN_WORDS`` words or more).

    >>> plainly_english("The council said that the port, which has been shut since the storm, would reopen "
    ...                 "on Monday, and that they have no plans for a second closure this winter, officials said.")
    True
    >>> plainly_english("Der Hafen, der seit dem Sturm geschlossen ist, wird am Montag wieder geöffnet, teilten die "
    ...                 "Behörden mit; weitere Schließungen seien in diesem Winter nicht geplant, hieß es.")
    False
    """
    words = _WORD.findall(sample.lower())
    markers = _markers()
    return len(words) >= MIN_WORDS and len([w for w in words if w in markers]) >= ENGLISH_SHARE * len(words)


def detect(text: str | None) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it is too short to tell."""
    if not isinstance(text, str):
        return None
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:  # stops at the 40th
        return None
    if plainly_english(sample):
        return ENGLISH
    import py3langid  # imported here: loading the model takes a moment, and only new articles need it

    return str(py3langid.classify(sample)[0])


def with_language(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with ``language`` filled in where it is missing (a given language is kept)."""
    if "language" in articles and articles["language"].notna().all():
        return articles
    out = articles.copy()
    given = out["language"] if "language" in out else pd.Series(pd.NA, index=out.index, dtype="string")
    found = [g if isinstance(g, str) and g else detect(t) for g, t in zip(given, out["text"])]
    out["language"] = pd.array(found, dtype="string")
    return out


def is_english(articles: pd.DataFrame) -> pd.Series:
    """True for articles newslab analyses: English, or too short to tell."""
    lang = articles["language"] if "language" in articles else pd.Series(pd.NA, index=articles.index)
    return lang.isna() | (lang == ENGLISH)


def notes(articles: pd.DataFrame) -> list[dict]:
    """One ``errors`` row per article that is not in English (kept, but not analysed for sources)."""
    rows = []
    for path, title, lang in articles.loc[~is_english(articles), ["path", "title", "language"]].itertuples(
            index=False):
        where = path if isinstance(path, str) and path and not path.startswith("<") else f"{path} ({title!r})"
        rows.append({"path": where, "line": None,
                     "error": f"{where}: written in '{lang}' (detected), not English: its sentences are kept, "
                              "but sources and stances are not analysed (newslab's rules are for English)"})
    return rows
