"""The ``stances`` table: what each source says about the people and bodies it names, and what the author says.

One row per (attribution, target): the source's ``stance`` (favor | against | neutral) toward a target named
in the words attributed to it, a ``score`` in [-1, 1] and the ``evidence`` span (the words that carry the
stance; the attributed words when none does). Sentences in the author's own voice give one row per
(article, target) with source ``"(author)"`` and an empty ``attribution_id``.

Targets come from ``newslab.targets`` (names, acronyms, known sources, collective actors, cheap pronoun
resolution) or from the user: ``targets=["WHO", "the mayor"]`` or ``{"WHO": ["World Health Organization"]}``.
Scores come from ``newslab.polarity.target_stance`` (VADER made target-aware); a target mentioned several
times in one attribution gets the mean of the scores of the mentions that carry any tone.

>>> import pandas as pd
>>> text = 'The mayor praised the firefighters. Rival Ana Ruiz said the mayor is "a corrupt liar."'
>>> arts = pd.DataFrame({"article_id": ["a1"], "text": [text]})
>>> sents = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1], "start": [0, 36],
...                       "end": [35, 86], "text": [text[:35], text[36:]], "boilerplate": [False, False],
...                       "attribution_id": ["", "a1-000"], "source": ["", "Ana Ruiz"]})
>>> srcs = pd.DataFrame({"attribution_id": ["a1-000"], "article_id": ["a1"], "sentence_id": [1],
...                      "source": ["Ana Ruiz"], "mention_start": [42], "mention_end": [50],
...                      "content_start": [56], "content_end": [86]})
>>> stance_table(arts, sents, srcs, targets=["the mayor"])[["source", "target", "stance"]].values.tolist()
[['Ana Ruiz', 'the mayor', 'against'], ['(author)', 'the mayor', 'neutral']]
"""

from __future__ import annotations

import bisect
from typing import Any

import pandas as pd

from newslab.polarity import SOURCE_STANCE, PolarityParams, classify, target_polarity, target_stance
from newslab.schema import conform
from newslab.targets import Mention, find_mentions

__all__ = ["stance_table", "target_polarity", "target_stance", "classify", "AUTHOR", "METHOD"]

AUTHOR = "(author)"
#: cue classes whose cue word is itself the source's stance ("X slammed Y", "X rejected the claims", "X alleged
#: that Y lied": an accusation); the words of other cues ("said", "believes") carry no stance
_TONED_CUES = {"emotive", "denial", "doubt"}
METHOD = "vader-target"


def _str(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _int(value: Any) -> int:
    try:
        if value is None or pd.isna(value):
            return -1
        return int(value)
    except (TypeError, ValueError):
        return -1


def _same_party(target: str, source: str) -> bool:
    """The target is the speaker itself ("Lev Arden" in "police spokesman Lt. Lev Arden")."""
    t, s = target.lower().strip(), source.lower().strip()
    return bool(t) and bool(s) and (t == s or t in s or s in t)


class _Acc:
    """Scores of one (attribution, target) pair, mention by mention."""

    def __init__(self, first: int, fallback: tuple[int, int]):
        self.first = first
        self.fallback = fallback
        self.scores: list[float] = []
        self.best = (0.0, -1, -1)

    def add(self, score: float, ev_start: int, ev_end: int) -> None:
        self.scores.append(score)
        if abs(score) > abs(self.best[0]) and ev_start >= 0:
            self.best = (score, ev_start, ev_end)

    def result(self, params: PolarityParams) -> tuple[str, float, int, int]:
        toned = [s for s in self.scores if s != 0]
        score = round(sum(toned) / len(toned), 4) if toned else 0.0
        label = classify(score, params)
        if label != "neutral" and self.best[1] >= 0:
            return label, score, self.best[1], self.best[2]
        return label, score, *self.fallback


def _article_rows(aid: str, text: str, sents: pd.DataFrame, srcs: pd.DataFrame, targets: Any,
                  params: PolarityParams, terms: str) -> list[dict]:
    known = {}
    for mention, source in zip(srcs["mention"] if "mention" in srcs else [], srcs["source"]):
        if _str(mention) and _str(source) and _str(mention)[:1].isupper():
            known[_str(mention)] = _str(source)
    mentions = find_mentions(text, targets=targets, known=known)
    if not mentions:
        return []
    starts = [m.start for m in mentions]
    sent_spans = [(int(s), int(e), t) for s, e, t in zip(sents["start"], sents["end"], sents["text"])
                  if _int(s) >= 0 and _int(e) > _int(s)]
    accs: dict[tuple[int, str, str, str], _Acc] = {}

    def score_in(region: tuple[int, int], source: str, ignore: tuple[tuple[int, int], ...],
                 key_prefix: tuple[int, str, str], fallback: tuple[int, int]) -> None:
        lo, hi = region
        if hi <= lo:
            return
        k = bisect.bisect_left(starts, lo)
        picked: list[Mention] = []
        while k < len(mentions) and mentions[k].start < hi:
            m = mentions[k]
            k += 1
            if m.end > hi or any(0 <= a and m.start < b and a < m.end for a, b in ignore[:1]):
                continue
            if source != AUTHOR and _same_party(m.target, source):
                continue
            picked.append(m)
        for m in picked:
            sent = next(((s, e, t) for s, e, t in sent_spans if s <= m.start and m.end <= e), None)
            if sent is None:
                continue
            s0, _e0, stext = sent
            stext = _str(stext) or text[s0:_e0]
            ign = tuple((a - s0, b - s0) for a, b in ignore if s0 <= a < b <= _e0)
            pol = target_stance(stext, m.start - s0, m.end - s0, params, terms=terms, ignore=ign)
            key = (*key_prefix, m.target)
            acc = accs.get(key)
            if acc is None:
                acc = accs[key] = _Acc(m.start, fallback)
            ev = (pol.evidence_start + s0, pol.evidence_end + s0) if pol.evidence_start >= 0 else (-1, -1)
            acc.add(pol.score, *ev)

    # attributions: the targets named in the attributed words
    covered: list[tuple[int, int]] = []
    order = 0
    for row in srcs.itertuples(index=False):
        order += 1
        cs, ce = _int(getattr(row, "content_start", -1)), _int(getattr(row, "content_end", -1))
        ignore = ((_int(getattr(row, "mention_start", -1)), _int(getattr(row, "mention_end", -1))),)
        if _str(getattr(row, "cue_class", "")) not in _TONED_CUES:  # "alleged" frames the source, not its target
            ignore += ((_int(getattr(row, "cue_start", -1)), _int(getattr(row, "cue_end", -1))),)
        if not (0 <= cs < ce <= len(text)):
            continue
        covered.append((cs, ce))
        source = _str(getattr(row, "source", "")) or _str(getattr(row, "mention", "")) or "(unnamed source)"
        key = (order, _str(row.attribution_id), source)
        for s0, e0, _t in sent_spans:
            if s0 < ce and cs < e0:
                score_in((max(cs, s0), min(ce, e0)), source, ignore, key, (cs, ce))

    # the author's own voice: sentences nobody is quoted in
    aid_col = sents["attribution_id"] if "attribution_id" in sents else pd.Series([""] * len(sents))
    boiler = sents["boilerplate"] if "boilerplate" in sents else pd.Series([False] * len(sents))
    for (s0, e0, _t), attr, bp in zip(sent_spans, aid_col, boiler):
        if bool(bp) if not pd.isna(bp) else False:
            continue
        if _str(attr) or any(cs < e0 and s0 < ce for cs, ce in covered):
            continue
        score_in((s0, e0), AUTHOR, ((-1, -1),), (10 ** 9, "", AUTHOR), (s0, e0))

    rows = []
    for (_order, att_id, source, target), acc in sorted(accs.items(), key=lambda kv: (kv[0][0], kv[1].first)):
        label, score, es, ee = acc.result(params)
        rows.append({"article_id": aid, "attribution_id": att_id, "source": source, "target": target,
                     "stance": label, "score": score, "evidence_start": es, "evidence_end": ee,
                     "method": METHOD})
    return rows


def stance_table(articles: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame, targets: Any = None,
                 params: PolarityParams = SOURCE_STANCE, terms: str = "stance_terms.csv") -> pd.DataFrame:
    """One row per (attribution, target), plus one per (article, target) for the author's own voice.

    ``targets``: ``None`` (find them), a list of names, or ``{name: [aliases]}``. ``terms``: a stance-terms
    file with the columns of ``lexicons/stance_terms.csv``. Boilerplate sentences are skipped. Never raises
    on odd rows (empty content, spans out of range, text in another language): they give no row or a
    neutral one.
    """
    if articles is None or articles.empty or "text" not in articles:
        return conform(pd.DataFrame(), "stances")
    sentences = sentences if sentences is not None else pd.DataFrame()
    sources = sources if sources is not None else pd.DataFrame()
    sents_by = dict(tuple(sentences.groupby("article_id", sort=False))) if not sentences.empty else {}
    srcs_by = dict(tuple(sources.groupby("article_id", sort=False))) if not sources.empty else {}
    empty_src = pd.DataFrame({"attribution_id": [], "source": [], "mention": []})
    rows: list[dict] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        text = _str(text)
        if not text:
            continue
        sents = sents_by.get(aid)
        if sents is None or sents.empty:
            sents = pd.DataFrame({"start": [0], "end": [len(text)], "text": [text], "boilerplate": [False],
                                  "attribution_id": [""]})
        else:
            sents = sents.sort_values("start") if "start" in sents else sents
        srcs = srcs_by.get(aid, empty_src)
        if "content_start" in srcs:
            srcs = srcs.sort_values(["content_start", "attribution_id"], kind="stable")
        rows.extend(_article_rows(_str(aid), text, sents, srcs, targets, params, terms))
    table = pd.DataFrame(rows)
    return conform(table, "stances")

