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
>>> text = 'The mayor visited the firefighters. Rival Ana Ruiz said the mayor is "a corrupt liar."'
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
import re
from typing import Any

import pandas as pd

from newslab.polarity import SOURCE_STANCE, PolarityParams, classify, target_polarity, target_stance
from newslab.schema import conform
from newslab.targets import find_mentions

__all__ = ["stance_table", "target_polarity", "target_stance", "classify", "AUTHOR", "METHOD"]

AUTHOR = "(author)"
#: characters of one sentence scored for one attribution: a longer "sentence" (a paragraph without
#: punctuation) is cut, so that many overlapping attributions in it cannot make the work quadratic
MAX_REGION = 1500
#: cue classes whose cue word is itself the source's stance ("X slammed Y", "X accused Y", "X rejected the
#: claims"); the words of other cues are the writer's framing of the source ("alleged", "claimed": doubt
#: cast by the writer) or carry no tone ("said", "believes")
_TONED_CUES = {"emotive", "denial"}
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
    t = set(re.findall(r"\w+", target.lower()))
    s = set(re.findall(r"\w+", source.lower()))
    return bool(t) and bool(s) and (t <= s or s <= t)


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


def _article_rows(aid: str, text: str, sents: list[dict], srcs: list[dict], targets: Any,
                  params: PolarityParams, terms: str) -> list[dict]:
    known = {}
    for row in srcs:
        mention, source = _str(row.get("mention")), _str(row.get("source"))
        if mention and source and mention[:1].isupper():
            known[mention] = source
    mentions = find_mentions(text, targets=targets, known=known)
    if not mentions:
        return []
    starts = [m.start for m in mentions]
    sent_spans = [(_int(r["start"]), _int(r["end"]), r) for r in sents
                  if 0 <= _int(r["start"]) < _int(r["end"]) <= len(text)]
    sent_starts = [s for s, _e, _r in sent_spans]
    accs: dict[tuple[int, str, str, str], _Acc] = {}

    def score_in(region: tuple[int, int], source: str, ignore: tuple[tuple[int, int], ...],
                 key_prefix: tuple[int, str, str], fallback: tuple[int, int]) -> None:
        lo, hi = region
        if hi <= lo:
            return
        k = bisect.bisect_left(starts, lo)
        while k < len(mentions) and mentions[k].start < hi:
            m = mentions[k]
            k += 1
            if m.end > hi or any(0 <= a and m.start < b and a < m.end for a, b in ignore[:1]):
                continue
            if source != AUTHOR and _same_party(m.target, source):
                continue
            j = bisect.bisect_right(sent_starts, m.start) - 1
            if j < 0 or sent_spans[j][1] < m.end:
                continue
            s0, e0, srow = sent_spans[j]
            stext = srow.get("text")
            stext = stext if isinstance(stext, str) and len(stext) == e0 - s0 else text[s0:e0]
            ign = tuple((a - s0, b - s0) for a, b in ignore if s0 <= a < b <= e0)
            pol = target_stance(stext, m.start - s0, m.end - s0, params, terms=terms, ignore=ign)
            key = (*key_prefix, m.target)
            acc = accs.get(key)
            if acc is None:
                acc = accs[key] = _Acc(m.start, fallback)
            ev = (pol.evidence_start + s0, pol.evidence_end + s0) if pol.evidence_start >= 0 else (-1, -1)
            acc.add(pol.score, *ev)

    # attributions: the targets named in the attributed words
    covered: list[tuple[int, int]] = []
    for order, row in enumerate(srcs):
        cs, ce = _int(row.get("content_start")), _int(row.get("content_end"))
        if not (0 <= cs < ce <= len(text)):
            continue
        source = _str(row.get("source")) or _str(row.get("mention"))
        if not source:  # a cue whose source is not in view: its words stay in the author's voice
            continue
        ignore = ((_int(row.get("mention_start")), _int(row.get("mention_end"))),)
        if _str(row.get("cue_class")) not in _TONED_CUES:
            ignore += ((_int(row.get("cue_start")), _int(row.get("cue_end"))),)
        covered.append((cs, ce))
        key = (order, _str(row.get("attribution_id")), source)
        j = max(0, bisect.bisect_right(sent_starts, cs) - 1)
        while j < len(sent_spans) and sent_spans[j][0] < ce:
            s0, e0, _r = sent_spans[j]
            if cs < e0:
                lo = max(cs, s0)
                score_in((lo, min(ce, e0, lo + MAX_REGION)), source, ignore, key, (cs, ce))
            j += 1

    # the author's own voice: sentences nobody is quoted in (boilerplate left out)
    covered.sort()
    cov_starts, reach = [a for a, _ in covered], []
    for _, b in covered:  # reach[i]: the furthest end among the first i+1 quoted spans (keeps this linear)
        reach.append(max(b, reach[-1]) if reach else b)
    for s0, e0, srow in sent_spans:
        bp = srow.get("boilerplate")
        if (bp is not None and not pd.isna(bp) and bool(bp)) or _str(srow.get("attribution_id")):
            continue
        k = bisect.bisect_left(cov_starts, e0)  # quoted spans starting before the sentence ends...
        if k and reach[k - 1] > s0:  # ...one of which ends after it starts: the sentence is quoted
            continue
        score_in((s0, e0), AUTHOR, ((-1, -1),), (10 ** 9, "", AUTHOR), (s0, e0))

    rows = []
    for (_order, att_id, source, target), acc in sorted(accs.items(), key=lambda kv: (kv[0][0], kv[1].first)):
        label, score, es, ee = acc.result(params)
        rows.append({"article_id": aid, "attribution_id": att_id, "source": source, "target": target,
                     "stance": label, "score": score, "evidence_start": es, "evidence_end": ee,
                     "method": METHOD})
    return rows


_SENT_COLS = ("article_id", "start", "end", "text", "boilerplate", "attribution_id")
_SRC_COLS = ("article_id", "attribution_id", "source", "mention", "cue_class", "mention_start", "mention_end",
             "cue_start", "cue_end", "content_start", "content_end")


def _records_by_article(df: pd.DataFrame | None, columns: tuple[str, ...]) -> dict[Any, list[dict]]:
    if df is None or df.empty or "article_id" not in df:
        return {}
    present = [c for c in columns if c in df.columns]
    out: dict[Any, list[dict]] = {}
    for rec in df[present].to_dict("records"):
        out.setdefault(rec["article_id"], []).append(rec)
    return out


def stance_table(articles: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame, targets: Any = None,
                 params: PolarityParams = SOURCE_STANCE, terms: str = "stance_terms.csv") -> pd.DataFrame:
    """One row per (attribution, target), plus one per (article, target) for the author's own voice.

    ``targets``: ``None`` (find them), a list of names, or ``{name: [aliases]}``. ``terms``: your own
    stance-terms file with the columns of ``lexicons/stance_terms.csv``, read on top of the shipped one. Boilerplate sentences are skipped. Never raises
    on odd rows (empty content, spans out of range, text in another language): they give no row or a
    neutral one.
    """
    if articles is None or articles.empty or "text" not in articles:
        return conform(pd.DataFrame(), "stances")
    sents_by = _records_by_article(sentences, _SENT_COLS)
    srcs_by = _records_by_article(sources, _SRC_COLS)
    rows: list[dict] = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        text = _str(text)
        if not text:
            continue
        sents = sents_by.get(aid) or [{"start": 0, "end": len(text), "text": text}]
        sents = sorted(sents, key=lambda r: _int(r.get("start")))
        srcs = sorted(srcs_by.get(aid, []), key=lambda r: (_int(r.get("content_start")),
                                                            _str(r.get("attribution_id"))))
        rows.extend(_article_rows(_str(aid), text, sents, srcs, targets, params, terms))
    table = pd.DataFrame(rows)
    return conform(table, "stances")

