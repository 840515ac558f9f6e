"""The ``stances`` table: what each source says about the people and bodies it names, and what the author says.

One row per (attribution, target): the source's ``stance`` (favor | against | neutral) toward a target named
in the words attributed to it, a ``score`` in [-1, 1] and the ``evidence`` span (the words that carry the
stance; the attributed words when none does). Sentences in the author's own voice give one row per
(article, target) with source ``"(author)"`` and an empty ``attribution_id``.

Targets come from ``newslab.stance.targets`` (names, acronyms, known sources, collective actors, cheap pronoun
resolution) or from the user: ``targets=["WHO", "the mayor"]`` or ``{"WHO": ["World Health Organization"]}``.
Scores come from ``newslab.stance.polarity.target_stance`` (VADER made target-aware); a target mentioned several
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
from functools import lru_cache
from typing import Any

import pandas as pd

from newslab.core.schema import conform
from newslab.errors import SettingsError
from newslab.stance.model import CLASSES, decisive_words, model_available, predict
from newslab.stance.polarity import (
    DEFAULT,
    PolarityParams,
    classify,
    target_polarity,
    target_stance,
    title_case_text,
    tone_words,
)
from newslab.stance.targets import find_mentions, is_target, named_in_context

__all__ = ["stance_table", "target_polarity", "target_stance", "classify", "AUTHOR", "METHOD"]

AUTHOR = "(author)"
_WORD = re.compile(r"\w+")
#: characters of one sentence scored for one attribution: a longer "sentence" (a paragraph without
#: punctuation) is cut, so that many overlapping attributions in it cannot make the work quadratic
MAX_REGION = 1500
#: cue classes whose cue word is itself the source's stance ("X slammed Y", "X accused Y", "X rejected the
#: claims"); the words of other cues are the writer's framing of the source ("alleged", "claimed": doubt
#: cast by the writer) or carry no tone ("said", "believes")
_TONED_CUES = {"emotive", "denial"}
METHOD = "learned"
LEXICON_METHOD = "vader-target"
#: at most this many evidence words per row
EVIDENCE_WORDS = 3


def _str(value: Any) -> str:
    if type(value) is str:
        return value
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _int(value: Any) -> int:
    if type(value) is int:  # the usual case, without pandas' missing-value test
        return value
    try:
        if value is None or pd.isna(value):
            return -1
        return int(value)
    except (TypeError, ValueError):
        return -1


@lru_cache(maxsize=4096)
def _word_set(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.lower()))


class _Acc:
    """The mentions of one target in one attribution (or in the author's voice of one article)."""

    def __init__(self, first: int):
        self.first = first
        self.preds: list[tuple[tuple[float, float, float], float, int, int, int, int, str]] = []

    def add(self, probs: tuple[float, float, float], lex: float, s0: int, e0: int, ms: int, me: int,
            stext: str) -> None:
        self.preds.append((probs, lex, s0, e0, ms, me, stext))

    def result(self, learned: bool, params: PolarityParams) -> tuple[str, float, int, int, list[tuple[int, int]]]:
        """Label, score, evidence sentence span, and the word spans (in the article) that decided it."""
        if learned:
            n = len(self.preds)
            if n == 1:  # one mention: its own (rounded) probabilities, as the mean below gives them
                p = [round(v, 4) for v in self.preds[0][0]]
            else:
                p = [round(sum(x[0][k] for x in self.preds) / n, 4) for k in range(3)]
            k = max(range(3), key=lambda i: (p[i], -i))
            label = CLASSES[k]
            score = round(p[2] - p[0], 4)
            best = max(self.preds, key=lambda x: x[0][k]) if n > 1 else self.preds[0]
        else:
            toned = [x[1] for x in self.preds if x[1] != 0]
            score = round(sum(toned) / len(toned), 4) if toned else 0.0
            label = classify(score, params)
            best = max(self.preds, key=lambda x: abs(x[1]) if label != "neutral" else -abs(x[1]))
        _probs, _lex, s0, e0, ms, me, stext = best
        return label, score, s0, e0, _evidence_words(stext, ms - s0, me - s0, label, s0, params, learned)


def _evidence_words(stext: str, ms: int, me: int, label: str, s0: int, params: PolarityParams,
                    learned: bool) -> list[tuple[int, int]]:
    """Spans (in the article) of the words that decided ``label``: lexicon words of that sign, else the
    words the model weighs most toward it; none for a neutral stance."""
    if label == "neutral":
        return []
    sign = 1 if label == "favor" else -1
    words = [(c, a, b) for c, a, b in tone_words(stext, ms, me, params) if c * sign > 0]
    spans = sorted((a, b) for _c, a, b in sorted(words, key=lambda x: -abs(x[0]))[:EVIDENCE_WORDS])
    if not spans and learned:
        spans = decisive_words(stext, ms, me, label, EVIDENCE_WORDS)
    return [(a + s0, b + s0) for a, b in spans]


def _no_headline_fragments(text: str, mentions: list, sent_spans: list, sent_starts: list[int]) -> list:
    """Drop mentions in Title Case sentences (headlines: "Limbaugh: Hillary Asking Moderator To Fact Check")
    unless the same target is also named in an ordinary sentence of the article."""
    in_title: list[bool] = []
    cache: dict[int, bool] = {}
    for m in mentions:
        j = bisect.bisect_right(sent_starts, m.start) - 1
        if j < 0:
            in_title.append(False)
            continue
        if j not in cache:
            s0, e0, _r = sent_spans[j]
            cache[j] = title_case_text(text[s0:e0])
        in_title.append(cache[j])
    elsewhere = {m.target for m, t in zip(mentions, in_title) if not t}
    return [m for m, t in zip(mentions, in_title) if not t or m.target in elsewhere]


def _article_rows(aid: str, text: str, sents: list[dict], srcs: list[dict], targets: Any,
                  params: PolarityParams, terms: str, learned: bool) -> list[dict]:
    known = {}
    for row in srcs:
        mention, source = _str(row.get("mention")), _str(row.get("source"))
        if mention and source and mention[:1].isupper():
            known[mention] = source
    mentions = find_mentions(text, targets=targets, known=known)
    if targets is None:
        mentions = [m for m in mentions if is_target(m.target) and named_in_context(text, m)]
    if not mentions:
        return []
    sent_spans = [(_int(r["start"]), _int(r["end"]), r) for r in sents
                  if 0 <= _int(r["start"]) < _int(r["end"]) <= len(text)]
    sent_starts = [s for s, _e, _r in sent_spans]
    if targets is None:
        mentions = _no_headline_fragments(text, mentions, sent_spans, sent_starts)
    starts = [m.start for m in mentions]
    accs: dict[tuple[int, str, str, str], _Acc] = {}
    seen: dict[tuple[int, int, int], tuple[float, float, float]] = {}

    def score_in(region: tuple[int, int], source: str, ignore: tuple[tuple[int, int], ...],
                 key_prefix: tuple[int, str, str], speaker: tuple[str, ...] = ()) -> None:
        lo, hi = region
        if hi <= lo:
            return
        k = bisect.bisect_left(starts, lo)
        a, b = ignore[0]  # the speaker's own name is no target of what they say
        parties = [_word_set(name) for name in speaker if name] if source != AUTHOR else []
        while k < len(mentions) and mentions[k].start < hi:
            m = mentions[k]
            k += 1
            if m.end > hi or 0 <= a and m.start < b and a < m.end:
                continue
            if parties:  # the target is the speaker itself ("Lev Arden" in "police spokesman Lt. Lev Arden")
                t = _word_set(m.target)
                if t and any(p and (t <= p or p <= t) for p in parties):
                    continue
            j = bisect.bisect_right(sent_starts, m.start) - 1
            if j < 0 or sent_spans[j][1] < m.end:
                continue
            s0, e0, srow = sent_spans[j]
            stext = srow.get("text")
            stext = stext if isinstance(stext, str) and len(stext) == e0 - s0 else text[s0:e0]
            ms, me = m.start - s0, m.end - s0
            if learned:
                probs = seen.get((s0, ms, me))
                if probs is None:  # a mention inside several (nested) attributions is classified once
                    probs = seen[(s0, ms, me)] = predict(stext, ms, me).probabilities
                lex = 0.0
            else:
                ign = tuple((a - s0, b - s0) for a, b in ignore if s0 <= a < b <= e0)
                probs = (0.0, 1.0, 0.0)
                lex = target_stance(stext, ms, me, params, terms=terms, ignore=ign).score
            key = (*key_prefix, m.target)
            acc = accs.get(key)
            if acc is None:
                acc = accs[key] = _Acc(m.start)
            acc.add(probs, lex, s0, e0, m.start, m.end, stext)

    # attributions: the targets named in the attributed words
    covered: list[tuple[int, int]] = []
    for order, row in enumerate(srcs):
        cs, ce = _int(row.get("content_start")), _int(row.get("content_end"))
        if not (0 <= cs < ce <= len(text)):
            continue
        source = _str(row.get("source"))
        if not source:
            if _str(row.get("mention")):
                # someone speaks but the name was not found ("they", "that" with no antecedent): the words
                # are not the author's, and no row can say whose stance it is
                covered.append((cs, ce))
            continue  # a cue whose source is not in view: its words stay in the author's voice
        ignore = ((_int(row.get("mention_start")), _int(row.get("mention_end"))),)
        if _str(row.get("cue_class")) not in _TONED_CUES:
            ignore += ((_int(row.get("cue_start")), _int(row.get("cue_end"))),)
        covered.append((cs, ce))
        speaker = (source, _str(row.get("mention")), _str(row.get("alias")))
        key = (order, _str(row.get("attribution_id")), source)
        j = max(0, bisect.bisect_right(sent_starts, cs) - 1)
        while j < len(sent_spans) and sent_spans[j][0] < ce:
            s0, e0, _r = sent_spans[j]
            if cs < e0:
                lo = max(cs, s0)
                score_in((lo, min(ce, e0, lo + MAX_REGION)), source, ignore, key, speaker)
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
        score_in((s0, e0), AUTHOR, ((-1, -1),), (10 ** 9, "", AUTHOR))

    rows = []
    for (_order, att_id, source, target), acc in sorted(accs.items(), key=lambda kv: (kv[0][0], kv[1].first)):
        label, score, es, ee, words = acc.result(learned, params)
        rows.append({"article_id": aid, "attribution_id": att_id, "source": source, "target": target,
                     "stance": label, "score": score, "evidence_start": es, "evidence_end": ee,
                     "evidence_words": " | ".join(text[a:b] for a, b in words),
                     "evidence_word_spans": " ".join(f"{a}:{b}" for a, b in words),
                     "method": METHOD if learned else LEXICON_METHOD})
    return rows


_SENT_COLS = ("article_id", "start", "end", "text", "boilerplate", "attribution_id")
_SRC_COLS = ("article_id", "attribution_id", "source", "mention", "alias", "cue_class", "mention_start", "mention_end",
             "cue_start", "cue_end", "content_start", "content_end")


def _records_by_article(df: pd.DataFrame | None, columns: tuple[str, ...]) -> dict[Any, list[dict]]:
    if df is None or df.empty or "article_id" not in df:
        return {}
    present = [c for c in columns if c in df.columns]
    # column by column (missing values as None, like to_dict("records"), at a third of its cost)
    values = [df[c].to_numpy(dtype=object, na_value=None).tolist() for c in present]
    out: dict[Any, list[dict]] = {}
    for row in zip(*values):
        rec = dict(zip(present, row))
        out.setdefault(rec["article_id"], []).append(rec)
    return out


def stance_table(articles: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame, targets: Any = None,
                 params: PolarityParams = DEFAULT, terms: str = "stance_terms.csv",
                 method: str = "learned") -> pd.DataFrame:
    """One row per (attribution, target), plus one per (article, target) for the author's own voice.

    ``targets``: ``None`` (find them), a list of names, or ``{name: [aliases]}``. ``terms``: your own
    stance-terms file with the columns of ``lexicons/stance_terms.csv``, read on top of the shipped one
    (evidence words; the whole score with ``method="lexicon"``). ``method``: ``"learned"`` (the shipped
    classifier, ``newslab.stance.model``; the lexicon scorer when the model file is missing) or
    ``"lexicon"``. Boilerplate sentences are skipped. Never raises on odd rows (empty content, spans out of
    range, text in another language): they give no row or a neutral one.
    """
    if method not in ("learned", "lexicon"):
        raise SettingsError(f"stance method {method!r}: use 'learned' or 'lexicon'")
    learned = method == "learned" and model_available()
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
        rows.extend(_article_rows(_str(aid), text, sents, srcs, targets, params, terms, learned))
    table = pd.DataFrame(rows)
    return conform(table, "stances")

