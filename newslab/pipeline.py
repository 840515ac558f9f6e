"""The per-article pipeline: articles -> sentences -> sources -> stances.

``process`` is the one code path used by ``newslab.load`` (in memory) and by ``newslab extract``
(in batches, on any engine). It is a pure function of the articles table and the settings.

>>> import pandas as pd
>>> from newslab.pipeline import Settings, process
>>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["Rain fell. The mayor said it was fine."]})
>>> sorted(process(arts, Settings()))
['articles', 'sentences', 'sources', 'stances']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from newslab.core.schema import conform
from newslab.text.language import is_english, with_language


@dataclass(frozen=True)
class Settings:
    """Options that change the output tables. Picklable, so batches can run in other processes.

    ``sources``: path to a user alias/type table overriding the source-type gazetteer.
    ``targets``: names (or ``{name: [aliases]}``) to measure stance toward.
    ``boilerplate``: path to a user boilerplate-pattern file, added to the shipped one.
    ``cues``: path to a user reporting-verb file (the columns of ``lexicons/reporting_verbs.csv``): its rows
    replace shipped rows with the same lemma and add new cues.
    """

    sources: str | None = None
    targets: Any = None
    boilerplate: str | None = None
    stance: bool = True
    cues: str | None = None


def check_settings(settings: Settings) -> None:
    """Read the user's files (sources, boilerplate, cues) once, before any article: one clear error naming
    the file, not one per article or batch."""
    from newslab.attribution.cues import cue_lexicon
    from newslab.attribution.source_types import gazetteer
    from newslab.errors import NewslabError, SettingsError, printable
    from newslab.text.segment import boilerplate_matcher

    for what, path, check in (("source table", settings.sources, gazetteer),
                              ("boilerplate file", settings.boilerplate, boilerplate_matcher),
                              ("reporting-verb (cues) file", settings.cues, cue_lexicon)):
        if not path:
            continue
        try:
            check(path)
        except NewslabError:
            raise
        except Exception as exc:
            detail = " ".join(str(exc).split())[:200]
            raise SettingsError(f"{printable(path)}: cannot be used as a {what} ({type(exc).__name__}: "
                                f"{detail})") from None


#: articles longer than this (characters) are analysed in pieces of about this size, cut between sentences, so
#: that memory stays bounded (a 20 MB text would otherwise need gigabytes); shorter articles are analysed whole
CHUNK_CHARS = 500_000


def process(articles: pd.DataFrame, settings: Settings | None = None) -> dict[str, pd.DataFrame]:
    """Run segmentation, attribution and stance over an articles table; return the four tables.

    Articles longer than :data:`CHUNK_CHARS` are analysed piece by piece (see :func:`_process_long`); the
    tables keep the articles' order either way."""
    settings = settings or Settings()
    articles = conform(articles, "articles")
    lengths = articles["text"].str.len().fillna(0).to_numpy()
    if not (lengths > CHUNK_CHARS).any():
        return _process(articles, settings)
    pieces: list[dict[str, pd.DataFrame]] = []
    start = 0
    for i, n in enumerate(lengths):
        if n > CHUNK_CHARS:
            if start < i:
                pieces.append(_process(articles.iloc[start:i], settings))
            pieces.append(_process_long(articles.iloc[[i]], settings))
            start = i + 1
    if start < len(articles):
        pieces.append(_process(articles.iloc[start:], settings))
    if len(pieces) == 1:  # one giant article alone: its tables as they are, not a second copy
        return pieces[0]
    return {name: conform(pd.concat([p[name] for p in pieces], ignore_index=True), name)
            for name in ("articles", "sentences", "sources", "stances")}


def _process(articles: pd.DataFrame, settings: Settings, sentences: pd.DataFrame | None = None
             ) -> dict[str, pd.DataFrame]:
    from newslab.attribution.identity import within_article
    from newslab.attribution.sources import attribute
    from newslab.stance.stances import stance_table
    from newslab.text.segment import segment

    articles = conform(with_language(articles), "articles")
    if sentences is None:
        sentences = segment(articles, boilerplate=settings.boilerplate)
    english = is_english(articles)
    other = None
    if not english.all():  # not English: sentences kept, no sources or stances (see newslab.text.language)
        keep = sentences["article_id"].isin(articles.loc[english, "article_id"])
        other, sentences = sentences[~keep], sentences[keep]
        order = articles["article_id"].reset_index(drop=True)
        articles_all, articles = articles, articles[english]
    sources, sentences = attribute(articles, sentences, sources=settings.sources, cues=settings.cues)
    sources, sentences = within_article(articles, sources, sentences, settings.sources)
    if settings.stance:
        stances = stance_table(articles, sentences, sources, targets=settings.targets)
    else:
        stances = conform(pd.DataFrame(), "stances")
    if other is not None:
        rank = pd.Series(order.index, index=order.to_numpy())
        sentences = pd.concat([conform(sentences, "sentences"), conform(other, "sentences")], ignore_index=True)
        sentences = (sentences.assign(_rank=sentences["article_id"].map(rank).to_numpy())
                     .sort_values(["_rank", "sentence_id"], kind="stable").drop(columns="_rank")
                     .reset_index(drop=True))
        articles = articles_all
    return {
        "articles": articles,
        "sentences": conform(sentences, "sentences"),
        "sources": conform(sources, "sources"),
        "stances": conform(stances, "stances"),
    }


def release_memory() -> None:
    """Hand memory freed by a large step back to the operating system (glibc keeps it otherwise, and the
    next step's peak then comes on top of it). Only a hint: does nothing where it cannot."""
    import gc
    import sys

    gc.collect()
    if "pyarrow" in sys.modules:  # pandas text columns live in Arrow's memory pool, which keeps freed blocks
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


_SENTENCE_IDS = ("sentence_id", "first_sentence_id", "last_sentence_id")
_ATTRIBUTION_IDS = ("attribution_id", "nested_in")


def _offset_columns(table: str) -> list[str]:
    from newslab.core.schema import COLUMNS

    return [c for c, t in COLUMNS[table].items() if t == "int64" and (c in ("start", "end") or
                                                                       c.endswith(("_start", "_end")))]


def _process_long(article: pd.DataFrame, settings: Settings) -> dict[str, pd.DataFrame]:
    """One very long article: segmented whole, then analysed in runs of sentences of about
    :data:`CHUNK_CHARS` characters, each as if it were the whole text; offsets, sentence numbers and
    attribution ids are then put back into the article's own terms. Attribution and stance look back at
    most a few hundred names anyway, so only references across a piece boundary can differ."""
    from newslab.text.segment import segment

    text = article["text"].iloc[0]
    aid = article["article_id"].iloc[0]
    sentences = segment(article, boilerplate=settings.boilerplate)
    starts, ends = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    out: dict[str, list[pd.DataFrame]] = {"sentences": [], "sources": [], "stances": []}
    i, n, numbered = 0, len(sentences), 0
    while i < n:
        j = i + 1
        while j < n and ends[j] - starts[i] <= CHUNK_CHARS:
            j += 1
        c0, c1 = int(starts[i]), int(ends[j - 1])
        piece = article.copy()
        piece["text"] = text[c0:c1]
        sents = sentences.iloc[i:j].copy()
        sents["start"] -= c0
        sents["end"] -= c0
        sents["sentence_id"] -= i
        tables = _process(piece, settings, sents.reset_index(drop=True))
        ids: dict[str, str] = {}
        for att in tables["sources"]["attribution_id"].dropna().astype(str):
            numbered += 1
            ids[att] = f"{aid}-{numbered:03d}"
        for name in out:
            df = tables[name].copy()
            for col in _offset_columns(name):
                df[col] = df[col].where(df[col] < 0, df[col] + c0)
            for col in _SENTENCE_IDS:
                if col in df.columns:
                    df[col] = df[col].where(df[col] < 0, df[col] + i)
            for col in _ATTRIBUTION_IDS:
                if col in df.columns:
                    df[col] = df[col].map(lambda a, ids=ids: ids.get(a, a), na_action="ignore").astype(df[col].dtype)
            out[name].append(df)
        del tables, piece, sents
        release_memory()
        i = j
    del sentences, starts, ends
    result = {}
    for name in list(out):  # one table at a time, each piece let go as soon as it is joined
        dfs = out.pop(name)
        result[name] = conform(pd.concat(dfs, ignore_index=True), name)
        del dfs
    return {"articles": conform(article, "articles"), **result}
