"""How the writer frames each source: cue class, hedges, scare quotes, anonymity; and sourcing balance.

Per attribution (``attribution_framing``): the cue class the attribution engine gave (neutral "said",
distancing "claimed", emotive "slammed", ...), the hedges around it ("reportedly", "allegedly", "it is
understood"; ``lexicons/hedges.txt``), scare quotes in its sentences and whether the source is anonymous.
Per outlet or article: ``sourcing_balance`` (distinct sources, Shannon diversity, anonymous share, hedges,
scare quotes). Span tables: ``hedges`` and ``scare_quotes``. Shares of voice and cue classes per outlet are
chart numbers: ``newslab.analysis.aggregates.share_of_voice`` and ``cue_classes_by_outlet``.

Every function takes a :class:`newslab.Corpus` and returns a tidy DataFrame; boilerplate sentences
(newsletter, cookie and share lines) are left out unless ``include_boilerplate=True``. ``by`` is
``"outlet"`` (default), ``"article"`` (``article_id`` and ``title``), or ``None`` for the whole corpus.

>>> import newslab
>>> corpus = newslab.load("data/sample")                       # doctest: +SKIP
>>> sourcing_balance(corpus)[["outlet", "distinct_sources", "diversity"]]   # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import pandas as pd

from newslab.core.lexicon import read_lines
from newslab.errors import SettingsError
from newslab.io.corpus import Corpus
from newslab.text.quotes import quote_spans

__all__ = ["hedges", "scare_quotes", "attribution_framing", "shannon_entropy", "sourcing_balance"]

ANONYMOUS = "anonymous"
UNKNOWN_OUTLET = "(unknown outlet)"
#: a scare quote is a quoted phrase of at most this many words
SCARE_MAX_WORDS = 4
_SO_CALLED = re.compile(r"\b(so-called|so called|self-styled|self-proclaimed|supposed|alleged)\s*$", re.IGNORECASE)
#: a quoted phrase longer than this (characters) is a quotation, not a scare quote
SCARE_MAX_CHARS = 80


# ------------------------------------------------------------------------------------------- helpers

def _group_columns(by: str | None) -> list[str]:
    if by is None:
        return []
    if by == "outlet":
        return ["outlet"]
    if by in ("article", "article_id"):
        return ["article_id", "title"]
    raise SettingsError(f"by={by!r}: use 'outlet', 'article' or None (the whole corpus)")


def _articles(corpus: Corpus) -> pd.DataFrame:
    arts = corpus.articles
    outlet = arts["outlet"].astype("string").str.strip()
    return pd.DataFrame({
        "article_id": arts["article_id"].astype(object),
        "outlet": outlet.mask(outlet.isna() | (outlet == ""), UNKNOWN_OUTLET).astype(object),
        "title": arts["title"].astype(object).fillna("(untitled)"),
    })


def _sentences(corpus: Corpus, include_boilerplate: bool) -> pd.DataFrame:
    sents = corpus.sentences
    if not {"article_id", "sentence_id", "start", "text"} <= set(sents.columns):
        return pd.DataFrame(columns=["article_id", "sentence_id", "start", "text", "attribution_id", "source"])
    if not include_boilerplate and "boilerplate" in sents:
        sents = sents[~sents["boilerplate"].fillna(False).astype(bool)]
    return sents


def with_source(sources: pd.DataFrame) -> pd.DataFrame:
    """The attributions whose source is in view: a cue with an empty ``source`` ("it was announced") gives no
    one a voice, so analyses leave it out (it stays in the ``sources`` table).

    >>> with_source(pd.DataFrame({"source": ["Mayor Lee", "", None]}))["source"].tolist()
    ['Mayor Lee']
    """
    s = sources["source"].astype("string").str.strip()
    return sources[(s.notna() & (s != "")).to_numpy(dtype=bool)]


def _attributions(corpus: Corpus, include_boilerplate: bool) -> pd.DataFrame:
    """Sources joined to their article (outlet, title); attributions in boilerplate sentences left out."""
    src = with_source(corpus.sources).copy()
    if src.empty:
        cols = list(src.columns) + ["outlet", "title"]
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    if not include_boilerplate and not corpus.sentences.empty:
        bp = corpus.sentences.loc[corpus.sentences["boilerplate"].fillna(False).astype(bool),
                                  ["article_id", "sentence_id"]]
        if not bp.empty:
            keys = set(zip(bp["article_id"], bp["sentence_id"]))
            src = src[[(a, s) not in keys for a, s in zip(src["article_id"], src["sentence_id"])]]
    src["source"] = src["source"].astype("string").str.strip().astype(object)
    for col, missing in (("source_type", "(unknown type)"), ("cue_class", "(none)")):
        s = src[col].astype("string").str.strip()
        src[col] = s.mask(s.isna() | (s == ""), missing).astype(object)
    src["article_id"] = src["article_id"].astype(object)
    return src.merge(_articles(corpus), on="article_id", how="left").fillna({"outlet": UNKNOWN_OUTLET})


def _with_share(df: pd.DataFrame, count: str, within: str | list[str] | None = None) -> pd.DataFrame:
    if df.empty:
        df["share"] = pd.Series(dtype="float64")
        return df
    total = df.groupby(within)[count].transform("sum") if within else df[count].sum()
    df["share"] = (df[count] / total).astype("float64")
    return df


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


@lru_cache(maxsize=4)
def _hedge_pattern(path: str = "hedges.txt") -> re.Pattern[str] | None:
    phrases = sorted({p.lower() for p in read_lines(path)}, key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _cue_spans(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    """Per article, the ``[start, end)`` of every attribution's cue."""
    out: dict[str, list[tuple[int, int]]] = {}
    src = corpus.sources
    if not {"article_id", "cue_start", "cue_end"} <= set(src.columns):
        return out
    for aid, cs, ce in zip(src["article_id"], src["cue_start"], src["cue_end"]):
        if pd.notna(cs) and pd.notna(ce) and 0 <= int(cs) < int(ce):
            out.setdefault(str(aid), []).append((int(cs), int(ce)))
    return out


def _speaker_spans(corpus: Corpus) -> dict[str, list[tuple[int, int, str]]]:
    """Per article, the ``[start, end)`` of attributed words with their attribution id."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    src = corpus.sources
    if not {"article_id", "attribution_id", "content_start", "content_end"} <= set(src.columns):
        return out
    for aid, att, cs, ce in zip(src["article_id"], src["attribution_id"], src["content_start"], src["content_end"]):
        if pd.notna(cs) and pd.notna(ce) and 0 <= int(cs) < int(ce):
            out.setdefault(str(aid), []).append((int(cs), int(ce), str(att)))
    return out


# ------------------------------------------------------------------------------------------- spans

def hedges(corpus: Corpus, include_boilerplate: bool = False, lexicon: str = "hedges.txt") -> pd.DataFrame:
    """Every hedge in the text: ``article_id, sentence_id, attribution_id, source, hedge, start, end``.

    ``attribution_id``/``source`` say whose sentence it is (empty / ``"(author)"`` for the author's voice).
    A hedge word that is an attribution's cue ("Varga *alleged* that ...") is the cue, not a hedge.
    """
    cols = ["article_id", "sentence_id", "attribution_id", "source", "hedge", "start", "end"]
    pattern = _hedge_pattern(lexicon)
    sents = _sentences(corpus, include_boilerplate)
    if pattern is None or sents.empty:
        return _empty(cols)
    cues = _cue_spans(corpus)
    rows = []
    for aid, sid, start, text, att, src in zip(sents["article_id"], sents["sentence_id"], sents["start"],
                                               sents["text"], sents["attribution_id"], sents["source"]):
        if not isinstance(text, str):
            continue
        for m in pattern.finditer(text):
            s, e = int(start) + m.start(), int(start) + m.end()
            if any(cs < e and s < ce for cs, ce in cues.get(str(aid), ())):
                continue  # "Varga alleged that ...": the reporting verb, counted as the cue, not a hedge
            att_s = "" if pd.isna(att) else str(att)
            src_s = "" if pd.isna(src) else str(src)
            rows.append({"article_id": aid, "sentence_id": int(sid), "attribution_id": att_s,
                         "source": src_s if att_s else "(author)", "hedge": m.group().lower(),
                         "start": int(start) + m.start(), "end": int(start) + m.end()})
    if not rows:
        return _empty(cols)
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"start": "int64", "end": "int64", "sentence_id": "int64"})


def _quotes_in(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of closed quoted phrases (marks excluded) in one sentence, as the one quotation
    detector (:func:`newslab.text.quotes.quote_spans`) finds them; apostrophes are not quotes.

    >>> _quotes_in('The so-called “reforms” passed; it’s over.')
    [(15, 22)]
    """
    return [(b, c) for a, b, c, d in quote_spans(text, straight_singles=True)
            if d > c and 0 < c - b <= SCARE_MAX_CHARS and text[b:c] == text[b:c].strip()]


def scare_quotes(corpus: Corpus, include_boilerplate: bool = False, max_words: int = SCARE_MAX_WORDS
                 ) -> pd.DataFrame:
    """Short quoted phrases in the author's voice, not speech: the so-called 'reforms'.

    A quoted phrase of at most ``max_words`` words in a sentence in the author's own voice (no attribution:
    in an attributed sentence a short quote is the source's words, 'officers had shown "restraint"'); or any
    such phrase right after "so-called", "self-styled" and the like, wherever it is.
    Columns: ``article_id, sentence_id, attribution_id, phrase, start, end, marker`` (``marker`` is the
    "so-called" word, or empty), ``start``/``end`` the phrase without its quote marks.
    """
    cols = ["article_id", "sentence_id", "attribution_id", "phrase", "start", "end", "marker"]
    sents = _sentences(corpus, include_boilerplate)
    if sents.empty:
        return _empty(cols)
    spoken = _speaker_spans(corpus)
    rows = []
    for aid, sid, start, text, att in zip(sents["article_id"], sents["sentence_id"], sents["start"],
                                          sents["text"], sents["attribution_id"]):
        if not isinstance(text, str) or not any(q in text for q in "\"“‘'"):
            continue
        for qs, qe in _quotes_in(text):
            phrase = text[qs:qe]
            words = phrase.split()
            if not words or len(words) > max_words or (len(words) > 1 and phrase[-1] in ".!?"):
                continue  # too long, or a quoted sentence ("We will win.")
            s, e = int(start) + qs, int(start) + qe
            marker = _SO_CALLED.search(text[:max(0, qs - 1)])
            in_speech = any(cs <= s and e <= ce for cs, ce, _a in spoken.get(str(aid), []))
            attributed = not pd.isna(att) and str(att) != ""
            if (in_speech or attributed) and not marker:  # a partial quote of what a source said
                continue
            rows.append({"article_id": aid, "sentence_id": int(sid),
                         "attribution_id": "" if pd.isna(att) else str(att), "phrase": phrase, "start": s,
                         "end": e, "marker": marker.group(1).lower() if marker else ""})
    if not rows:
        return _empty(cols)
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"start": "int64", "end": "int64", "sentence_id": "int64"})


# --------------------------------------------------------------------------------- per attribution

def attribution_framing(corpus: Corpus, include_boilerplate: bool = False) -> pd.DataFrame:
    """One row per attribution: ``attribution_id, article_id, outlet, source, source_type, cue, cue_class,
    anonymous, hedges, hedge_words, scare_quotes``.

    Hedges and scare quotes are counted in the sentences the attribution spans (its first to last sentence).
    """
    att = _attributions(corpus, include_boilerplate)
    cols = ["attribution_id", "article_id", "outlet", "source", "source_type", "cue", "cue_class", "anonymous",
            "hedges", "hedge_words", "scare_quotes"]
    if att.empty:
        return _empty(cols)
    h = hedges(corpus, include_boilerplate)
    q = scare_quotes(corpus, include_boilerplate)

    def per_sentence(df: pd.DataFrame, col: str) -> dict[tuple, list[str]]:
        out: dict[tuple, list[str]] = {}
        for a, s, v in zip(df["article_id"], df["sentence_id"], df[col]):
            out.setdefault((a, int(s)), []).append(str(v))
        return out

    hs, qs = per_sentence(h, "hedge"), per_sentence(q, "phrase")
    n_h, words_h, n_q = [], [], []
    first = att["first_sentence_id"] if "first_sentence_id" in att else att["sentence_id"]
    last = att["last_sentence_id"] if "last_sentence_id" in att else att["sentence_id"]
    for aid, sid, f, lst in zip(att["article_id"], att["sentence_id"], first, last):
        f = int(f) if pd.notna(f) and int(f) >= 0 else int(sid)
        lst = int(lst) if pd.notna(lst) and int(lst) >= f else f
        found_h = [w for k in range(f, lst + 1) for w in hs.get((aid, k), [])]
        found_q = [w for k in range(f, lst + 1) for w in qs.get((aid, k), [])]
        n_h.append(len(found_h))
        words_h.append("; ".join(dict.fromkeys(found_h)))
        n_q.append(len(found_q))
    out = pd.DataFrame({
        "attribution_id": att["attribution_id"].astype(object), "article_id": att["article_id"],
        "outlet": att["outlet"], "source": att["source"], "source_type": att["source_type"],
        "cue": att["cue"].astype(object), "cue_class": att["cue_class"],
        "anonymous": att["source_type"].astype(str).str.lower().eq(ANONYMOUS),
        "hedges": pd.Series(n_h, dtype="int64", index=att.index), "hedge_words": words_h,
        "scare_quotes": pd.Series(n_q, dtype="int64", index=att.index),
    })
    return out[cols].reset_index(drop=True)


# ----------------------------------------------------------------------------------- per outlet

def shannon_entropy(counts) -> float:
    """Shannon entropy in bits of a list of counts (0 for one source, log2(n) for n equally cited ones).

    >>> shannon_entropy([1, 1, 1, 1])
    2.0
    """
    total = float(sum(counts))
    if total <= 0:
        return 0.0
    h = -sum((c / total) * math.log2(c / total) for c in counts if c > 0)
    return round(h + 0.0, 6)


def sourcing_balance(corpus: Corpus, by: str | None = "outlet", include_boilerplate: bool = False
                     ) -> pd.DataFrame:
    """Sourcing balance per group: ``<by...>, articles, attributions, distinct_sources, diversity,
    evenness, anonymous_share, hedged_share, hedges, scare_quotes, distancing_share``.

    ``diversity`` is the Shannon entropy (bits) of the attributions over sources; ``evenness`` divides it
    by its maximum (log2 of the number of sources; 1 = every source cited equally often). ``hedged_share``
    is the share of attributions with a hedge in their sentences; ``hedges``/``scare_quotes`` count every
    one in the group's text (author voice included); ``distancing_share`` is the share of attributions
    with a doubt (distancing) cue.
    """
    keys = _group_columns(by)
    cols = keys + ["articles", "attributions", "distinct_sources", "diversity", "evenness", "anonymous_share",
                   "hedged_share", "hedges", "scare_quotes", "distancing_share"]
    arts = _articles(corpus)
    if arts.empty:
        return _empty(cols)
    frame = attribution_framing(corpus, include_boilerplate).merge(
        arts[["article_id", "title"]], on="article_id", how="left")
    h = hedges(corpus, include_boilerplate).merge(arts, on="article_id", how="left")
    q = scare_quotes(corpus, include_boilerplate).merge(arts, on="article_id", how="left")
    groups = arts.groupby(keys) if keys else [((), arts)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        ids = set(part["article_id"])
        f = frame[frame["article_id"].isin(ids)]
        n = len(f)
        counts = f["source"].value_counts().tolist()
        distinct = len(counts)
        diversity = shannon_entropy(counts)
        row = dict(zip(keys, key))
        row.update({
            "articles": len(ids), "attributions": n, "distinct_sources": distinct, "diversity": diversity,
            "evenness": round(diversity / math.log2(distinct), 6) if distinct > 1 else (1.0 if distinct else 0.0),
            "anonymous_share": float(f["anonymous"].mean()) if n else 0.0,
            "hedged_share": float((f["hedges"] > 0).mean()) if n else 0.0,
            "hedges": int(h["article_id"].isin(ids).sum()),
            "scare_quotes": int(q["article_id"].isin(ids).sum()),
            "distancing_share": float(f["cue_class"].eq("doubt").mean()) if n else 0.0,
        })
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({c: "int64" for c in ("articles", "attributions", "distinct_sources", "hedges",
                                            "scare_quotes")}).reset_index(drop=True)
