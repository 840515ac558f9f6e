"""The numbers behind every chart: pure functions from a Corpus (or its attributions table) to tidy DataFrames.

Charts (``newslab.ui.plots``) and widgets (``newslab.ui.widgets``) only draw what these return, so every bar can be
checked in a test or exported as CSV. All functions accept the same filters:

- ``outlet``: an outlet name or a list of names (``None`` = all outlets);
- ``source_type``: a source type or a list of them (``None`` = all types);
- ``since`` / ``until``: dates (inclusive; articles with no date are left out when either is set);
- ``search``: case-insensitive text that must occur in the source's name.

>>> import newslab
>>> from newslab.analysis.aggregates import source_frequency
>>> corpus = newslab.load("data/sample")                       # doctest: +SKIP
>>> source_frequency(corpus, top=5, outlet="Meridian Wire")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from newslab.analysis.counts import PartCounts, by_outlet
from newslab.analysis.framing import _group_columns, _with_share, with_source
from newslab.attribution.identity import is_person
from newslab.core.schema import empty, main_types
from newslab.errors import SettingsError
from newslab.io.corpus import Corpus

UNKNOWN_OUTLET = "(unknown outlet)"
UNKNOWN_TYPE = "(unknown type)"
UNNAMED_SOURCE = "(unnamed source)"
AUTHOR = "(author)"
OTHER = "other"
ANONYMOUS = "anonymous"

#: columns of the joined attributions table every aggregate starts from
ATTRIBUTION_COLUMNS = ["attribution_id", "article_id", "sentence_id", "source", "source_type", "cue",
                       "cue_lemma", "cue_class", "quote_kind", "nested_in", "outlet", "published", "title"]


def _text(series: pd.Series, missing: str) -> pd.Series:
    """A string column with missing/blank values replaced by a readable placeholder."""
    s = series.astype("string").str.strip()
    return s.mask(s.isna() | (s == ""), missing).astype(object)


def article_info(corpus: Corpus) -> pd.DataFrame:
    """``article_id, outlet, published, title`` of every article (no text), missing outlets/titles labelled."""
    arts = corpus.light().articles  # a stored corpus (newslab.open) reads only these columns
    return pd.DataFrame({
        "article_id": arts["article_id"].astype(object),
        "outlet": _text(arts["outlet"], UNKNOWN_OUTLET),
        "published": pd.to_datetime(arts["published"], errors="coerce"),
        "title": _text(arts["title"], "(untitled)"),
    })


def attributions(corpus: Corpus | pd.DataFrame, outlet=None, source_type=None, since=None, until=None,
                 search: str | None = None) -> pd.DataFrame:
    """One row per attribution with its article's ``outlet``, ``published`` and ``title``, filtered.

    Pass a Corpus, or a table this function returned before (filtering it again is cheap, which is what
    the widgets do on every interaction).

    >>> attributions(Corpus()).columns[:3].tolist()
    ['attribution_id', 'article_id', 'sentence_id']
    """
    if isinstance(corpus, pd.DataFrame):
        table = corpus
    else:
        corpus = corpus.light()  # a stored corpus (newslab.open): the columns needed here, no text
        src = with_source(corpus.sources)
        table = pd.DataFrame({
            "attribution_id": src["attribution_id"].astype(object),
            "article_id": src["article_id"].astype(object),
            "sentence_id": src["sentence_id"],
            "source": _text(src["source"], UNNAMED_SOURCE),
            "source_type": _text(src["source_type"], UNKNOWN_TYPE),
            "cue": _text(src["cue"], ""),
            "cue_lemma": _text(src["cue_lemma"], ""),
            "cue_class": _text(src["cue_class"], "(none)"),
            "quote_kind": _text(src["quote_kind"], ""),
            "nested_in": src["nested_in"].astype(object),
        })
        table = _drop_boilerplate(table, corpus.sentences)
        table = table.merge(article_info(corpus), on="article_id", how="left")
        table["outlet"] = table["outlet"].fillna(UNKNOWN_OUTLET)
        table["title"] = table["title"].fillna("(untitled)")
        table = table[ATTRIBUTION_COLUMNS + [c for c in table.columns if c not in ATTRIBUTION_COLUMNS]]
    return filter_rows(table, outlet=outlet, source_type=source_type, since=since, until=until, search=search)


def _drop_boilerplate(table: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Leave out attributions in boilerplate sentences (newsletter, cookie, share lines), as analyses do."""
    if sentences.empty or "boilerplate" not in sentences:
        return table
    flagged = sentences["boilerplate"].fillna(False).astype(bool)
    if not flagged.any():
        return table
    bp = pd.DataFrame({"article_id": sentences.loc[flagged, "article_id"].astype(object),
                       "sentence_id": sentences.loc[flagged, "sentence_id"].astype("int64"), "_bp": True})
    merged = table.merge(bp.drop_duplicates(["article_id", "sentence_id"]), on=["article_id", "sentence_id"],
                         how="left")
    return merged[merged["_bp"].isna()].drop(columns="_bp").reset_index(drop=True)


def _as_list(value) -> list | None:
    if value is None or (isinstance(value, str) and value == ""):
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        return [value]
    values = list(value)
    return values or None


def filter_rows(table: pd.DataFrame, outlet=None, source_type=None, since=None, until=None,
                search: str | None = None) -> pd.DataFrame:
    """Apply the common filters to any table that has the columns they need (``outlet``, ``source_type``,
    ``published``, ``source``); a filter whose column is absent is ignored.
    """
    keep = pd.Series(True, index=table.index)
    outlets = _as_list(outlet)
    if outlets is not None and "outlet" in table:
        keep &= table["outlet"].isin(outlets)
    types = _as_list(source_type)
    if types is not None and "source_type" in table:
        keep &= table["source_type"].isin(types)
    if "published" in table and (since is not None or until is not None):
        published = pd.to_datetime(table["published"], errors="coerce")
        if since is not None:
            keep &= published >= pd.Timestamp(since)
        if until is not None:
            # inclusive: a date means the whole day
            keep &= published < pd.Timestamp(until).normalize() + pd.Timedelta(days=1)
    if search and str(search).strip() and "source" in table:
        # match the distinct names (a few thousand), not every row (hundreds of thousands)
        names = pd.Series(table["source"].dropna().unique()).astype(str)
        found = names[names.str.contains(str(search).strip(), case=False, regex=False)]
        keep &= table["source"].isin(found)
    return table[keep.to_numpy()].reset_index(drop=True)


def filter_corpus(corpus: Corpus, outlet=None, source_type=None, since=None, until=None,
                  search: str | None = None) -> Corpus:
    """A Corpus restricted to the filters: articles by outlet/date, sources and stances by type/name too.

    Useful to hand a filtered corpus to functions that take a whole Corpus (``newslab.analysis.framing``).
    """
    info = filter_rows(article_info(corpus), outlet=outlet, since=since, until=until)
    ids = set(info["article_id"])
    kept = attributions(corpus, outlet=outlet, source_type=source_type, since=since, until=until, search=search)
    attr_ids = set(kept["attribution_id"])
    in_articles = corpus.articles["article_id"].isin(ids)
    sentences = corpus.sentences[corpus.sentences["article_id"].isin(ids)]
    stances = corpus.stances[corpus.stances["article_id"].isin(ids)]
    if source_type is not None or search:
        stances = stances[stances["attribution_id"].isin(attr_ids)]
    return Corpus(articles=corpus.articles[in_articles].reset_index(drop=True),
                  sentences=sentences.reset_index(drop=True),
                  sources=corpus.sources[corpus.sources["attribution_id"].isin(attr_ids)].reset_index(drop=True),
                  stances=stances.reset_index(drop=True), errors=corpus.errors)


def _summed(corpus: Corpus | pd.DataFrame, filters: dict) -> PartCounts | None:
    """Counts summed over the parts of a multi-part stored corpus (one part in memory at a time), else None."""
    parts = None if isinstance(corpus, pd.DataFrame) else corpus.parts()
    if parts is None:
        return None

    def count() -> PartCounts:
        counts = PartCounts()
        for part in parts:
            counts.add(attributions(part, **filters))
        return counts

    return corpus.remember("part counts " + repr(sorted(filters.items())), count)


def source_frequency(corpus: Corpus | pd.DataFrame, top: int | None = 10, **filters) -> pd.DataFrame:
    """The most cited sources: ``source, source_type, attributions, articles, outlets, share``.

    ``share`` is the source's fraction of all attributions that pass the filters. Ties are broken by name,
    so the order is stable. ``source_type`` is the type the source is given most often.
    """
    counts = _summed(corpus, filters)
    if counts is not None:
        return source_frequency(Corpus(), top) if counts.empty else counts.source_frequency(top)
    table = attributions(corpus, **filters)
    cols = ["source", "source_type", "attributions", "articles", "outlets", "share"]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "share" else object) for c in cols})
    grouped = table.groupby("source", sort=False)
    out = pd.DataFrame({
        "attributions": grouped.size(),
        "articles": grouped["article_id"].nunique(),
        "outlets": grouped["outlet"].nunique(),
    })
    out["source_type"] = _main_type(table)
    out = out.reset_index().sort_values(["attributions", "source"], ascending=[False, True])
    out = _with_share(out, "attributions")
    if top is not None:
        out = out.head(int(top))
    return out[cols].reset_index(drop=True)


def _shares(table: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Attributions and share per ``(keys..., column)`` of an attributions table (shares within each group of
    ``keys``, or of the whole table), sorted by group, then most attributions first, then name."""
    out = table.groupby([*keys, column]).size().reset_index(name="attributions")
    out["attributions"] = out["attributions"].astype("int64")
    out = _with_share(out, "attributions", within=keys or None)
    order = [*keys, "attributions", column]
    return out.sort_values(order, ascending=[True] * len(keys) + [False, True]).reset_index(drop=True)


def _main_type(table: pd.DataFrame) -> pd.Series:
    """Each source's main type (:func:`newslab.core.schema.main_types`), indexed by source."""
    return main_types(table.groupby(["source", "source_type"], dropna=False).size())


def share_of_voice(corpus: Corpus | pd.DataFrame, top: int | None = 8, by: str | None = "outlet",
                   level: str = "source", **filters) -> pd.DataFrame:
    """Share of attributions going to each source (``level="source"``) or source type (``"source_type"``)
    within each outlet (``by="outlet"``), article (``"article"``) or the whole selection (``None``):
    ``<by...>, <level>, [source_type,] attributions, share``; shares within a group sum to 1.

    For sources, those outside the ``top`` most cited overall (after filtering) are pooled as ``"other"``, so
    stacked bars stay readable, and ``source_type`` is each source's main type.

    >>> share_of_voice(Corpus()).columns.tolist()
    ['outlet', 'source', 'source_type', 'attributions', 'share']
    """
    if level not in ("source", "source_type"):
        raise SettingsError(f"level={level!r}: use 'source' or 'source_type'")
    keys = _group_columns(by)
    counts = _summed(corpus, filters) if keys == ["outlet"] else None
    if counts is not None and not counts.empty:
        if level == "source":
            return counts.share_of_voice(top, OTHER)
        return by_outlet(counts.by_outlet["source_type"], "source_type")
    table = attributions(corpus if counts is None else Corpus(), **filters)
    extra = ["source_type"] if level == "source" else []
    if table.empty:
        return pd.DataFrame({c: [] for c in [*keys, level, *extra, "attributions", "share"]})
    if level == "source" and top is not None:
        leaders = set(source_frequency(table, top=top)["source"])
        pooled = ~table["source"].isin(leaders)
        table = table.assign(source=table["source"].where(~pooled, OTHER),
                             source_type=table["source_type"].where(~pooled, OTHER))
    out = _shares(table, keys, level)
    if level == "source":
        out.insert(len(keys) + 1, "source_type", out["source"].map(_main_type(table)))
    return out


def source_types_by_outlet(corpus: Corpus | pd.DataFrame, **filters) -> pd.DataFrame:
    """Share of each outlet's attributions by source type: ``outlet, source_type, attributions, share``
    (:func:`share_of_voice` with ``level="source_type"``)."""
    return share_of_voice(corpus, top=None, level="source_type", **filters)


def cue_classes_by_outlet(corpus: Corpus | pd.DataFrame, **filters) -> pd.DataFrame:
    """How each outlet frames its sources: ``outlet, cue_class, attributions, share`` (neutral "said",
    distancing "claimed", emotive "slammed", ...)."""
    counts = _summed(corpus, filters)
    if counts is not None and not counts.empty:
        return by_outlet(counts.by_outlet["cue_class"], "cue_class")
    table = attributions(corpus if counts is None else Corpus(), **filters)
    if table.empty:
        return pd.DataFrame({c: [] for c in ("outlet", "cue_class", "attributions", "share")})
    return _shares(table, ["outlet"], "cue_class")


def anonymity_by_outlet(corpus: Corpus | pd.DataFrame, **filters) -> pd.DataFrame:
    """Anonymous sourcing per outlet: ``outlet, attributions, anonymous, share`` (share = anonymous / all;
    the ``anonymous_share`` of ``newslab.analysis.framing.sourcing_balance`` on the selection)."""
    table = attributions(corpus, **filters)
    if table.empty:
        return pd.DataFrame({"outlet": [], "attributions": [], "anonymous": [], "share": []})
    anon = table["source_type"].astype(str).str.lower().eq(ANONYMOUS)
    out = table.assign(anonymous=anon).groupby("outlet").agg(attributions=("attribution_id", "size"),
                                                           anonymous=("anonymous", "sum")).reset_index()
    out[["attributions", "anonymous"]] = out[["attributions", "anonymous"]].astype("int64")
    out["share"] = (out["anonymous"] / out["attributions"]).astype("float64")
    return out.sort_values("outlet").reset_index(drop=True)


def hedging_by_outlet(corpus: Corpus | pd.DataFrame, **filters) -> pd.DataFrame:
    """Hedged attributions per outlet ("reportedly", "allegedly" in their sentences): ``outlet, attributions,
    hedged, share`` from ``newslab.analysis.framing.attribution_framing``, filtered like the other views."""
    frame = corpus if isinstance(corpus, pd.DataFrame) else hedge_table(corpus)
    table = filter_rows(frame, **filters)
    if table.empty:
        return pd.DataFrame({"outlet": [], "attributions": [], "hedged": [], "share": []})
    out = table.assign(hedged=table["hedges"] > 0).groupby("outlet").agg(
        attributions=("attribution_id", "size"), hedged=("hedged", "sum")).reset_index()
    out["hedged"] = out["hedged"].astype("int64")
    out["share"] = (out["hedged"] / out["attributions"]).astype("float64")
    return out.sort_values("outlet").reset_index(drop=True)


def hedge_table(corpus: Corpus) -> pd.DataFrame:
    """The attributions table with each attribution's ``hedges`` and ``scare_quotes`` counts (from
    ``newslab.analysis.framing.attribution_framing``); pass it to :func:`hedging_by_outlet` to filter it cheaply."""
    from newslab.analysis import framing

    base = attributions(corpus)
    counts = framing.attribution_framing(corpus)[["attribution_id", "hedges", "scare_quotes", "hedge_words"]]
    return base.merge(counts, on="attribution_id", how="inner")


def _period_freq(dates: pd.Series) -> str:
    span = dates.max() - dates.min()
    if span <= pd.Timedelta(days=62):
        return "D"
    if span <= pd.Timedelta(days=2 * 366):
        return "W"
    return "M"


def attributions_over_time(corpus: Corpus | pd.DataFrame, by: str = "outlet", freq: str | None = None,
                           **filters) -> pd.DataFrame:
    """Attributions per period and group: ``period, <by>, attributions``.

    ``freq`` is a pandas period alias (``"D"``, ``"W"``, ``"M"``); by default it is chosen from the time span.
    Attributions in undated articles are left out.
    """
    table = attributions(corpus, **filters)
    table = table[table["published"].notna()]
    if table.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), by: [], "attributions": []})
    freq = freq or _period_freq(table["published"])
    period = table["published"].dt.to_period(freq).dt.start_time
    out = table.assign(period=period).groupby(["period", by]).size().reset_index(name="attributions")
    return out.sort_values(["period", by]).reset_index(drop=True)


def stance_matrix(corpus: Corpus | pd.DataFrame, top: int | None = 12, include_author: bool = False, **filters) -> pd.DataFrame:
    """Mean stance score of each source toward each target: ``source, target, score, n, favor, against``.

    Only the ``top`` sources and targets with the most stance rows are kept. The author's own voice
    (``"(author)"``) is left out unless ``include_author``.
    """
    stances = stance_rows(corpus, include_author=include_author, **filters)
    cols = ["source", "target", "score", "n", "favor", "against"]
    if stances.empty:
        return pd.DataFrame({c: [] for c in cols})
    if top is not None:
        top_sources = stances["source"].value_counts().sort_index().sort_values(ascending=False,
                                                                               kind="stable").head(top).index
        top_targets = stances["target"].value_counts().sort_index().sort_values(ascending=False,
                                                                               kind="stable").head(top).index
        stances = stances[stances["source"].isin(top_sources) & stances["target"].isin(top_targets)]
    stances = stances.assign(favor=stances["stance"].eq("favor"), against=stances["stance"].eq("against"))
    out = stances.groupby(["source", "target"]).agg(score=("score", "mean"), n=("score", "size"),
                                                    favor=("favor", "sum"), against=("against", "sum"))
    out = out.reset_index()
    out[["n", "favor", "against"]] = out[["n", "favor", "against"]].astype("int64")
    return out[cols].sort_values(["source", "target"]).reset_index(drop=True)


def stance_by_article(corpus: Corpus | pd.DataFrame, include_author: bool = False, **filters) -> pd.DataFrame:
    """Stance per (source, target, article): ``article_id, source, target, stance, score, n, favor, against,
    neutral`` (plus ``source_id``/``target_id`` when the stances table has them).

    ``n`` counts the attributions (statements) behind the row and ``favor``/``against``/``neutral`` their
    stances; ``stance`` is the most frequent one (a tie goes to the sign of the mean ``score``, neutral at 0)
    and ``score`` the mean. Use it for a heatmap that counts articles, not statements.

    >>> st = pd.DataFrame({"article_id": ["a", "a", "b"], "source": ["X", "X", "X"], "target": ["Y"] * 3,
    ...                    "stance": ["against", "against", "favor"], "score": [-0.6, -0.2, 0.5]})
    >>> stance_by_article(st)[["article_id", "stance", "n", "against"]].values.tolist()
    [['a', 'against', 2, 2], ['b', 'favor', 1, 0]]
    """
    stances = stance_rows(corpus, include_author=include_author, **filters)
    keys = ["article_id", "source", "target"]
    ids = [c for c in ("source_id", "target_id") if c in stances.columns]
    cols = keys + ids + ["stance", "score", "n", "favor", "against", "neutral"]
    if stances.empty:
        return pd.DataFrame({c: [] for c in cols})
    stances = stances.assign(**{k: stances["stance"].eq(k) for k in ("favor", "against", "neutral")})
    agg_spec = {"score": ("score", "mean"), "n": ("score", "size"), "favor": ("favor", "sum"),
                "against": ("against", "sum"), "neutral": ("neutral", "sum")}
    agg_spec.update({c: (c, "first") for c in ids})
    out = stances.groupby(keys, sort=True, dropna=False).agg(**agg_spec).reset_index()
    out[["n", "favor", "against", "neutral"]] = out[["n", "favor", "against", "neutral"]].astype("int64")
    out["score"] = out["score"].round(4)

    def majority(r) -> str:
        counts = {"against": r.against, "neutral": r.neutral, "favor": r.favor}
        best = max(counts.values())
        top = [k for k, v in counts.items() if v == best]
        if len(top) == 1:
            return top[0]
        return "favor" if r.score > 0 and "favor" in top else "against" if r.score < 0 and "against" in top \
            else "neutral" if "neutral" in top else top[0]

    out["stance"] = [majority(r) for r in out.itertuples()]
    return out[cols].reset_index(drop=True)


def stance_rows(corpus: Corpus | pd.DataFrame, include_author: bool = True, **filters) -> pd.DataFrame:
    """The stances table joined to outlet, title and source type, filtered; with the ``evidence`` text.

    Pass a Corpus, or a table this function returned before (then it is only filtered again).
    """
    if isinstance(corpus, pd.DataFrame):
        table = corpus if include_author else corpus[corpus["source"] != AUTHOR]
        return filter_rows(table, **filters)
    st = corpus.stances
    if st.empty:
        return pd.DataFrame(columns=list(empty("stances").columns) + ["outlet", "published", "title",
                                                                       "source_type", "evidence", "evidence_marks"])
    table = st.copy()
    table["source"] = _text(table["source"], UNNAMED_SOURCE)
    table["target"] = _text(table["target"], "(no target)")
    table["score"] = pd.to_numeric(table["score"], errors="coerce").fillna(0.0)
    table = table.merge(article_info(corpus), on="article_id", how="left")
    types = corpus.sources[["attribution_id", "source_type"]].drop_duplicates("attribution_id")
    table = table.merge(types.assign(source_type=_text(types["source_type"], UNKNOWN_TYPE)),
                        on="attribution_id", how="left")
    table["source_type"] = table["source_type"].where(table["source"] != AUTHOR, AUTHOR).fillna(UNKNOWN_TYPE)
    if not include_author:
        table = table[table["source"] != AUTHOR]
    table = filter_rows(table, **filters)
    texts = corpus.articles.set_index("article_id")["text"]
    table["evidence"] = [
        str(texts.get(a, ""))[s:e] if isinstance(texts.get(a), str) and 0 <= s < e else ""
        for a, s, e in zip(table["article_id"], table["evidence_start"], table["evidence_end"])
    ]
    spans = table["evidence_word_spans"] if "evidence_word_spans" in table else [""] * len(table)
    table["evidence_marks"] = [_relative_spans(w, s, e) for w, s, e in
                               zip(spans, table["evidence_start"], table["evidence_end"])]
    return table.reset_index(drop=True)


def _relative_spans(spans: object, start: int, end: int) -> str:
    """``"a:b a:b"`` word spans (into the article) made relative to the evidence ``[start, end)``."""
    if not isinstance(spans, str) or not spans.strip():
        return ""
    out = []
    for part in spans.split():
        try:
            a, b = (int(x) for x in part.split(":"))
        except ValueError:
            continue
        if start <= a < b <= end:
            out.append(f"{a - start}:{b - start}")
    return " ".join(out)


def stance_evidence(corpus: Corpus | pd.DataFrame, source: str, target: str, **filters) -> pd.DataFrame:
    """The stance rows behind one heatmap cell, with the evidence sentence and the words that decided it:
    ``outlet, title, source, target, stance, score, evidence, evidence_words, evidence_marks, article_id``
    (``evidence_marks``: ``"a:b a:b"`` spans of those words inside ``evidence``)."""
    rows = stance_rows(corpus, **filters)
    rows = rows[(rows["source"] == source) & (rows["target"] == target)]
    cols = ["outlet", "title", "source", "target", "stance", "score", "evidence", "evidence_words",
            "evidence_marks", "article_id"]
    rows = rows.assign(evidence_words=rows["evidence_words"] if "evidence_words" in rows else "")
    return rows[cols].sort_values(["outlet", "title"]).reset_index(drop=True)


def who_speaks(corpus: Corpus, article_id: str) -> pd.DataFrame:
    """Every sentence of one article with who speaks in it and through which cue:
    ``sentence_id, paragraph, start, end, text, boilerplate, source, source_type, cue, cue_class,
    cue_start, cue_end``. ``source`` is ``"(author)"`` for the author's own voice.
    """
    sents = corpus.sentences[corpus.sentences["article_id"] == article_id].sort_values("sentence_id")
    src = corpus.sources[["attribution_id", "source", "source_type", "cue", "cue_class", "cue_start", "cue_end"]]
    src = src.drop_duplicates("attribution_id").rename(columns={"source": "attributed_source"})
    out = sents.merge(src, on="attribution_id", how="left")
    source = out["source"].astype("string")
    source = source.mask(source.isna() | (source.str.strip() == ""), out["attributed_source"].astype("string"))
    out["source"] = _text(source, AUTHOR)
    out["source_type"] = out["source_type"].astype(object).where(out["source"] != AUTHOR, AUTHOR)
    out["source_type"] = _text(out["source_type"], UNKNOWN_TYPE)
    for col in ("cue", "cue_class"):
        out[col] = _text(out[col], "")
    for col in ("cue_start", "cue_end"):
        out[col] = pd.to_numeric(out[col], errors="coerce").fillna(-1).astype("int64")
    cols = ["sentence_id", "paragraph", "start", "end", "text", "boilerplate", "source", "source_type", "cue",
            "cue_class", "cue_start", "cue_end"]
    return out[cols].reset_index(drop=True)


def sentences_per_outlet(corpus: Corpus, include_boilerplate: bool = False) -> pd.DataFrame:
    """``outlet, articles, sentences``: how much text each outlet contributes (boilerplate left out)."""
    info = article_info(corpus)
    sents = corpus.analysis_sentences(include_boilerplate=include_boilerplate)
    per_article = sents.groupby("article_id").size().rename("sentences")
    info = info.join(per_article, on="article_id")
    info["sentences"] = info["sentences"].fillna(0).astype("int64")
    out = info.groupby("outlet").agg(articles=("article_id", "nunique"), sentences=("sentences", "sum"))
    return out.reset_index().sort_values(["sentences", "outlet"], ascending=[False, True]).reset_index(drop=True)


def most_voiced_article(corpus: Corpus) -> str | None:
    """The id of the article with the most distinct sources (a good one to show in a "who speaks" strip)."""
    if corpus.articles.empty:
        return None
    counts = corpus.sources.groupby("article_id")["source"].nunique()
    if counts.empty:
        return str(corpus.articles["article_id"].iloc[0])
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return str(counts.index[0])


def outlets(corpus: Corpus) -> list[str]:
    """The outlets in the corpus, sorted."""
    return sorted(set(article_info(corpus)["outlet"]))


def source_types(corpus: Corpus) -> list[str]:
    """The source types that occur in the corpus, sorted."""
    return sorted(set(_text(corpus.sources["source_type"], UNKNOWN_TYPE)))


def date_range(corpus: Corpus) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The first and last publication dates (``None`` when no article is dated)."""
    dates = pd.to_datetime(corpus.articles["published"], errors="coerce").dropna()
    if dates.empty:
        return None, None
    return dates.min(), dates.max()


#: labels of the three groups in :func:`women_share` (in drawing order)
GENDER_LABELS = {"f": "women", "m": "men", "": "unknown"}


def _gender_rows(corpus) -> pd.DataFrame:
    """``attribution_id, source, source_type, gender`` of the attributions whose source is a named person."""
    src = corpus.light().sources[["attribution_id", "source", "source_type", "gender"]]
    src = src[src["source"].fillna("") != ""]
    gender = src["gender"].fillna("").astype(str)
    person = [g != "" or is_person(str(s), str(t) if isinstance(t, str) else "")
              for g, s, t in zip(gender, src["source"], src["source_type"])]
    return pd.DataFrame({"attribution_id": src["attribution_id"].astype(object).to_numpy(),
                         "gender": gender.to_numpy()})[person]


def women_share(corpus, by: str = "outlet", freq: str | None = None, **filters) -> pd.DataFrame:
    """Attributions to named people by gender, per outlet (``by="outlet"``) or per period (``by="period"``):
    ``<by>, gender (women | men | unknown), attributions, share`` (shares of a group sum to 1).

    The headline figure of newsroom gender-gap trackers: the share of quotes that go to women. ``unknown``
    (no pronoun, honorific or known first name) is shown, not dropped. Filters as in ``newslab.analysis.aggregates``.

    >>> import newslab
    >>> women_share(newslab.load("data/sample", progress=False)).columns.tolist()  # doctest: +SKIP
    ['outlet', 'gender', 'attributions', 'share']
    """
    if by not in ("outlet", "period"):
        raise SettingsError(f"by must be 'outlet' or 'period', not {by!r}")
    cols = [by, "gender", "attributions", "share"]
    table = attributions(corpus, **filters)
    if table.empty or "attribution_id" not in table:
        return pd.DataFrame(columns=cols)
    table = table.merge(_gender_rows(corpus), on="attribution_id", how="inner")
    if by == "period":
        table = table[table["published"].notna()]
        if not table.empty:
            freq = freq or _period_freq(table["published"])
            table = table.assign(period=table["published"].dt.to_period(freq).dt.start_time)
    if table.empty:
        return pd.DataFrame(columns=cols)
    table = table.assign(gender=table["gender"].map(GENDER_LABELS).fillna("unknown"))
    counts = table.groupby([by, "gender"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(GENDER_LABELS.values()), fill_value=0)
    out = counts.stack().rename("attributions").reset_index()
    out["share"] = out["attributions"] / out.groupby(by)["attributions"].transform("sum")
    return out[cols].sort_values([by, "gender"], key=lambda s: s.map(
        {v: i for i, v in enumerate(GENDER_LABELS.values())}) if s.name == "gender" else s).reset_index(drop=True)
