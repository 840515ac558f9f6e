"""Who speaks in every sentence: the ``sources`` table, and ``sentences.source`` / ``.attribution_id``.

One row per cue (a reporting verb such as "said", "according to", "tweeted", "believes"), found by the
rules of ``newslab.attribution.rules`` (no parser) and kept, dropped or added to by a small learned layer,
``newslab.attribution.model`` (see docs/attribution.md). ``newslab.attribution.resolve`` then maps each
mention to a canonical source (pronouns, surnames, acronyms, "the report") and its type.

How a sentence gets its voice: the first attribution that is not nested in another (a cue inside another
attribution's content, e.g. "citing Y" inside "X reported ...") and whose cue or content covers the
sentence; a quotation spanning several sentences gives all of them to its speaker. The author's voice
(empty) is kept when the "source" is the article's own outlet ("The Blaze can reveal"), for "declined to
comment", for cues without a visible source ("the vote is expected to", "reportedly"; their rows are in the
``sources`` table with an empty ``source``), and for boilerplate lines.

Known limits (measured on PolNeAR dev with the learned layer: cue F1 0.77, source F1 0.74, see ``make eval``): attributions
whose cue is not a reporting word (PolNeAR also annotates intentions and actions such as "plans to",
"balked at", "voted for", "is eager to"), nominal cues other than "his criticism of"-style possessives,
sources separated from the cue by long clauses, and quotations whose closing mark is missing (they are
taken to run to the end of their paragraph).

>>> import pandas as pd
>>> from newslab.text.segment import segment
>>> arts = pd.DataFrame({"article_id": ["a"], "text": ["Rain fell. “It is fine,” Mayor Jo Reed said."]})
>>> sources, sentences = attribute(arts, segment(arts))
>>> sources[["source", "mention", "cue", "quote_kind"]].values.tolist()
[['Jo Reed', 'Mayor Jo Reed', 'said', 'direct']]
>>> sentences["source"].fillna("").tolist()
['', 'Jo Reed']
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import pandas as pd

from newslab.attribution.cues import cue_lexicon
from newslab.attribution.model import refine
from newslab.attribution.phrases import ArticleTokens
from newslab.attribution.resolve import resolve_article
from newslab.attribution.rules import Attribution, rule_attributions
from newslab.attribution.voice import continue_quotes
from newslab.core.schema import conform, main_types

__all__ = ["attribute", "attribute_text", "Attribution", "source_summary"]


def _sentence_bounds(sentences: pd.DataFrame) -> dict[str, list[tuple[int, int, int]]]:
    out: dict[str, list[tuple[int, int, int]]] = {}
    columns = (sentences[c].tolist() for c in ("article_id", "sentence_id", "start", "end"))  # not per cell
    for aid, sid, s, e in zip(*columns):
        out.setdefault(aid, []).append((int(s), int(e), int(sid)))
    for v in out.values():
        v.sort()
    return out


def attribute_text(text: str, bounds: list[tuple[int, int]] | None = None,
                   cues: str | None = None, learned=True) -> list[Attribution]:
    """Attributions in one text, in text order (sentence ``bounds`` default to the whole text).

    ``learned``: True runs the shipped learned layer (``newslab.attribution.model``) over the rule
    candidates, False the rules alone; a callable ``(art, found, sent_of_tok) -> found`` replaces it.

    >>> [a.cue for a in attribute_text("The minister told reporters the dam was safe.")]
    ['told']
    """
    return _attribute_tokens(text, bounds, cues, learned)[0]


def _attribute_tokens(text: str, bounds: list[tuple[int, int]] | None, cues: str | None,
                      learned=True) -> tuple[list[Attribution], ArticleTokens]:
    """``attribute_text``, with the article's tokens (their quotations serve ``continue_quotes`` too)."""
    if not bounds:
        bounds = [(0, len(text))]
    art = ArticleTokens(text, bounds, cue_lexicon(cues))
    found, sent_of_tok = rule_attributions(art)
    if callable(learned):
        return learned(art, found, sent_of_tok), art
    return (refine(art, found, sent_of_tok) if learned else found), art


def _clean_descriptor(desc: str) -> str:
    """The descriptive words of an appositive: up to its first clause break, at most 10 words.

    >>> _clean_descriptor("the opposition lawmaker who first demanded an inquiry")
    'the opposition lawmaker'
    """
    words = []
    for w in desc.replace("\n", " ").split():
        if w.lower() in ("who", "which", "that", "whose", "whom") or len(words) >= 10:
            break
        words.append(w)
        if w.endswith((",", ";", ":")):
            words[-1] = w[:-1]
            break
    return " ".join(words)


@lru_cache(maxsize=65536)
def _squash(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum()).removeprefix("the")


_NEGATED_CUE = re.compile(r"(?:\bnot|\bnever|n[’']t)\s+(?:immediately\s+|yet\s+)?$", re.I)
_NO_ANSWER = frozenset(["respond", "reply", "comment", "answer", "return"])  # "did not return calls"


def _speaks(att: Attribution, text: str, own_outlet: str) -> bool:
    """Whether an attribution gives the sentence another voice than the author's: not the outlet itself
    ("The Blaze can reveal", a press release's "The FPO calls on"), not an empty "declined to comment", not an
    answer that did not come ("did not respond")."""
    if own_outlet:
        src = _squash(att.source)
        if len(src) >= 4 and (src in own_outlet or own_outlet in src):
            return False
    if att.lemma in ("decline", "refuse") and att.content_start >= 0 and \
            len(text[att.content_start:att.content_end].split()) < 3:
        return False  # "declined to comment"
    if att.lemma in _NO_ANSWER and _NEGATED_CUE.search(text, max(0, att.cue_start - 24), att.cue_start):
        return False  # "did not respond to questions", "hasn't commented": nothing was said
    return True


def attribute(articles: pd.DataFrame, sentences: pd.DataFrame, sources: str | None = None,
              cues: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(sources, sentences)``: the attributions, and sentences with ``source``/``attribution_id``.

    ``sources``: optional path to a user alias/type CSV (columns alias, source, source_type) that
    overrides the shipped gazetteer. ``cues``: optional path to a user reporting-verb file (the columns of
    ``lexicons/reporting_verbs.csv``) whose rows replace shipped rows with the same lemma and add new cues.
    """
    bounds = _sentence_bounds(sentences)
    rows: list[dict] = []
    sent_source: dict[tuple[str, int], tuple[str, str]] = {}
    outlets = articles["outlet"] if "outlet" in articles.columns else [None] * len(articles)
    boiler: set[tuple[str, int]] = set()
    if "boilerplate" in sentences.columns and len(sentences):
        flagged = sentences[sentences["boilerplate"].fillna(False).astype(bool)]
        boiler = set(zip(flagged["article_id"], flagged["sentence_id"]))
    for aid, text, outlet in zip(articles["article_id"], articles["text"], outlets):
        if not isinstance(text, str) or not text:
            continue
        own = _squash(outlet) if isinstance(outlet, str) else ""
        sb = bounds.get(aid, [])
        try:
            found, art = _attribute_tokens(text, [(s, e) for s, e, _ in sb], cues)
            resolve_article(text, found, user_table=sources, cues=cues, tokens=art)
        except RecursionError:  # pragma: no cover - defensive: a row is either right or absent
            continue
        sids = [sid for _, _, sid in sb] or [0]
        starts = [s for s, _, _ in sb] or [0]
        ids = [f"{aid}-{n:03d}" for n in range(1, len(found) + 1)]
        def sid_at(pos: int, sids=sids, starts=starts) -> int:
            return sids[max(0, bisect.bisect_right(starts, pos) - 1)]

        for att, att_id in zip(found, ids):
            cue_sid = sid_at(att.cue_start)
            lo_pos = min(p for p in (att.cue_start, att.content_start) if p >= 0)
            hi_pos = max(att.cue_end, att.content_end) - 1
            first, last = sid_at(lo_pos), sid_at(hi_pos)
            rows.append({
                "attribution_id": att_id, "article_id": aid, "sentence_id": cue_sid,
                "first_sentence_id": first, "last_sentence_id": last, "source": att.source,
                "mention": text[att.mention_start:att.mention_end] if att.mention_start >= 0 else "",
                "descriptor": _clean_descriptor(att.descriptor), "source_type": att.source_type, "cue": att.cue,
                "cue_lemma": att.lemma, "cue_class": att.cue_class, "quote_kind": att.quote_kind,
                "mention_start": att.mention_start, "mention_end": att.mention_end,
                "cue_start": att.cue_start, "cue_end": att.cue_end,
                "content_start": att.content_start, "content_end": att.content_end,
                "nested_in": ids[att.parent] if att.parent >= 0 else "",
            })
            # learned rows (newslab.attribution.model: intentions, actions, long-tail cues) never voice a sentence
            if att.parent >= 0 or not att.source or not _speaks(att, text, own) or att.extra.get("learned"):
                continue
            for sid in range(first, last + 1):
                key = (aid, sid)
                if key not in sent_source and key not in boiler:
                    sent_source[key] = (att_id, att.source)
        if found and sb:  # quotations that run on past their cue's sentence
            voiced = {n: sent_source[(aid, sid)] for n, (_, _, sid) in enumerate(sb) if (aid, sid) in sent_source}
            for n, v in continue_quotes(text, [(s, e) for s, e, _ in sb], voiced, art.quotes).items():
                if (aid, sb[n][2]) not in boiler:
                    sent_source[(aid, sb[n][2])] = v
    out = sentences.copy()
    if len(out):
        keys = list(zip(out["article_id"].tolist(), out["sentence_id"].tolist()))
        out["attribution_id"] = pd.array([sent_source[k][0] if k in sent_source else pd.NA for k in keys],
                                         dtype="string")
        out["source"] = pd.array([sent_source[k][1] if k in sent_source else pd.NA for k in keys],
                                 dtype="string")
    own = {aid: _squash(o) for aid, o in zip(articles["article_id"], outlets) if isinstance(o, str)}
    _harmonise_types(rows, own)
    return conform(pd.DataFrame(rows), "sources"), out


def _harmonise_types(rows: list[dict], own_outlets: dict[str, str]) -> None:
    """One type per canonical source within an article: the most frequent specific type among its rows
    ("she" rows of an expert are typed expert, not person); a source named like the article's own outlet
    is media. Per article, so the output never depends on how articles are batched."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        if r["source"] and r["source_type"]:
            v = votes.setdefault((r["article_id"], r["source"]), {})
            v[r["source_type"]] = v.get(r["source_type"], 0) + (0 if r["source_type"] == "person" else 2) + 1
    best = {key: max(sorted(v), key=v.get) for key, v in votes.items()}
    for r in rows:
        if not r["source"]:
            continue
        t = best.get((r["article_id"], r["source"]), r["source_type"])
        own = own_outlets.get(r["article_id"], "")
        if t in ("person", "") and len(own) >= 3 and _squash(r["source"]) == own:
            t = "media"
        r["source_type"] = t


def source_summary(sources: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical source: type, descriptors seen, attributions, sentences, articles, outlets.

    >>> source_summary(conform(pd.DataFrame(), "sources"), pd.DataFrame(), pd.DataFrame()).columns.tolist()
    ['source', 'source_type', 'descriptors', 'attributions', 'sentences', 'articles', 'outlets']
    """
    cols = ["source", "source_type", "descriptors", "attributions", "sentences", "articles", "outlets"]
    src = sources[sources["source"].fillna("") != ""]
    if src.empty:
        return pd.DataFrame(columns=cols)
    outlets = {}
    if "outlet" in articles.columns:
        outlets = dict(zip(articles["article_id"], articles["outlet"].fillna("")))
    sent_counts: dict[str, int] = {}
    if len(sentences) and "source" in sentences.columns:
        sent_counts = sentences["source"].dropna().value_counts().to_dict()
    types = main_types(src.groupby(["source", "source_type"], dropna=False).size())
    out = []
    for name, grp in src.groupby("source", sort=False):
        descs = sorted({d for d in grp["descriptor"].fillna("") if d})
        outs = sorted({outlets.get(a, "") for a in grp["article_id"]} - {""})
        out.append({"source": name, "source_type": types.get(name, ""),
                    "descriptors": "; ".join(descs), "attributions": len(grp),
                    "sentences": int(sent_counts.get(name, 0)), "articles": grp["article_id"].nunique(),
                    "outlets": "; ".join(outs)})
    return pd.DataFrame(out, columns=cols).sort_values(["attributions", "source"], ascending=[False, True],
                                                       ignore_index=True)
