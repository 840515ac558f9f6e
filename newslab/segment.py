"""Split articles into sentences with character offsets (FIRST CUT: naive regex, to be replaced by Punkt)."""

from __future__ import annotations

import re

import pandas as pd

from newslab.schema import conform


def segment(articles: pd.DataFrame, boilerplate: str | None = None) -> pd.DataFrame:
    """One row per sentence: ``article_id, sentence_id, paragraph, start, end, text, boilerplate``."""
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        sid = 0
        for para, m in enumerate(re.finditer(r"[^\n]+", text)):
            for s in re.finditer(r"\S.*?(?:[.!?][\"')\]]*(?=\s|$)|$)", m.group()):
                start, end = m.start() + s.start(), m.start() + s.end()
                rows.append({"article_id": aid, "sentence_id": sid, "paragraph": para, "start": start,
                             "end": end, "text": text[start:end], "boilerplate": False})
                sid += 1
    return conform(pd.DataFrame(rows), "sentences")
