"""A small hand-made corpus with known counts, shared by the chart and widget tests.

Three outlets, five articles, eleven attributions:

- Wire (2 articles): Mayor Lee x3 (official, said), Health Ministry x1 (official, said),
  anonymous official x1 (anonymous, said)
- State TV (2 articles): Health Ministry x3 (official, claimed/said), Dr Ana Cruz x1 (expert, said)
- Indie (1 article): Dr Ana Cruz x1 (expert, revealed), anonymous official x1 (anonymous, claimed, hedged
  with "reportedly")
"""

from __future__ import annotations

import pandas as pd

from newslab.io.corpus import Corpus

EVIL = 'Officials said <script>alert("x")</script> and <img src=x onerror=alert(1)> were fine.'


def _article(aid, outlet, date, title, sentences):
    text = " ".join(sentences)
    rows, pos = [], 0
    for i, s in enumerate(sentences):
        rows.append({"article_id": aid, "sentence_id": i, "paragraph": 0, "start": pos, "end": pos + len(s),
                     "text": s, "boilerplate": False})
        pos += len(s) + 1
    art = {"article_id": aid, "path": f"{aid}.txt", "title": title, "outlet": outlet, "url": "",
           "published": pd.Timestamp(date), "author": "", "text": text}
    return art, rows


ARTICLES = [
    ("w1", "Wire", "2024-03-01", "Water plan approved",
     ["Mayor Lee said the plan works.", "The ministry said it agreed.", "Rain fell.",
      "Lee said costs would fall."]),
    ("w2", "Wire", "2024-03-05", "Plan follow-up",
     ["Lee said more.", "An official said it was late."]),
    ("s1", "State TV", "2024-03-02", "Ministry defends plan",
     ["The Health Ministry claimed success.", "The ministry said critics lied.", "Dr Ana Cruz said no."]),
    ("s2", "State TV", "2024-03-20", "Ministry again",
     ["The ministry said all is well.", EVIL]),
    ("i1", "Indie", "2024-04-02", "What the data shows",
     ["Dr Ana Cruz revealed the data.", "A source reportedly claimed a cover-up.", "Nothing else."]),
]

# (article, sentence, source, type, cue, cue_class)
ATTRIBUTIONS = [
    ("w1", 0, "Mayor Lee", "official", "said", "neutral"),
    ("w1", 1, "Health Ministry", "official", "said", "neutral"),
    ("w1", 3, "Mayor Lee", "official", "said", "neutral"),
    ("w2", 0, "Mayor Lee", "official", "said", "neutral"),
    ("w2", 1, "anonymous official", "anonymous", "said", "neutral"),
    ("s1", 0, "Health Ministry", "official", "claimed", "doubt"),
    ("s1", 1, "Health Ministry", "official", "said", "neutral"),
    ("s1", 2, "Dr Ana Cruz", "expert", "said", "neutral"),
    ("s2", 0, "Health Ministry", "official", "said", "neutral"),
    ("i1", 0, "Dr Ana Cruz", "expert", "revealed", "assertive"),
    ("i1", 1, "anonymous official", "anonymous", "claimed", "doubt"),
]


def make_corpus() -> Corpus:
    arts, sents = [], []
    for aid, outlet, date, title, sentences in ARTICLES:
        a, s = _article(aid, outlet, date, title, sentences)
        arts.append(a)
        sents += s
    sentences = pd.DataFrame(sents)
    sources = []
    for n, (aid, sid, source, stype, cue, cls) in enumerate(ATTRIBUTIONS):
        row = sentences[(sentences.article_id == aid) & (sentences.sentence_id == sid)].iloc[0]
        cue_at = row["text"].find(cue)
        sources.append({"attribution_id": f"a{n}", "article_id": aid, "sentence_id": sid,
                        "first_sentence_id": sid, "last_sentence_id": sid, "source": source, "mention": source,
                        "source_type": stype, "cue": cue, "cue_lemma": cue, "cue_class": cls,
                        "quote_kind": "indirect", "cue_start": row["start"] + cue_at,
                        "cue_end": row["start"] + cue_at + len(cue)})
        mask = (sentences.article_id == aid) & (sentences.sentence_id == sid)
        sentences.loc[mask, "attribution_id"] = f"a{n}"
        sentences.loc[mask, "source"] = source
    text = {a["article_id"]: a["text"] for a in arts}
    stances = []
    for n, (aid, sid, source, *_rest) in enumerate(ATTRIBUTIONS):
        row = sentences[(sentences.article_id == aid) & (sentences.sentence_id == sid)].iloc[0]
        assert text[aid][row["start"]:row["end"]] == row["text"]
        score = {"Health Ministry": 0.6, "Mayor Lee": 0.2, "Dr Ana Cruz": -0.5}.get(source, -0.8)
        stance = "favor" if score > 0.1 else "against" if score < -0.1 else "neutral"
        stances.append({"article_id": aid, "attribution_id": f"a{n}", "source": source, "target": "the plan",
                        "stance": stance, "score": score, "evidence_start": row["start"],
                        "evidence_end": row["end"], "method": "test"})
    stances.append({"article_id": "s2", "attribution_id": "a8", "source": "Health Ministry", "target": "critics",
                    "stance": "against", "score": -0.4, "evidence_start": 0, "evidence_end": 10, "method": "test"})
    return Corpus.from_tables(articles=pd.DataFrame(arts), sentences=sentences, sources=pd.DataFrame(sources),
                              stances=pd.DataFrame(stances))
