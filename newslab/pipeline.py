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

from newslab.schema import conform


@dataclass(frozen=True)
class Settings:
    """Options that change the output tables. Picklable, so batches can run in other processes.

    ``sources``: path to a user alias/type table overriding the source-type gazetteer.
    ``targets``: names (or ``{name: [aliases]}``) to measure stance toward.
    ``boilerplate``: path to a user boilerplate-pattern file, added to the shipped one.
    """

    sources: str | None = None
    targets: Any = None
    boilerplate: str | None = None
    stance: bool = True


def process(articles: pd.DataFrame, settings: Settings | None = None) -> dict[str, pd.DataFrame]:
    """Run segmentation, attribution and stance over an articles table; return the four tables."""
    from newslab.attribution import attribute
    from newslab.identity import within_article
    from newslab.segment import segment
    from newslab.stance import stance_table

    settings = settings or Settings()
    articles = conform(articles, "articles")
    sentences = segment(articles, boilerplate=settings.boilerplate)
    sources, sentences = attribute(articles, sentences, sources=settings.sources)
    sources, sentences = within_article(articles, sources, sentences, settings.sources)
    if settings.stance:
        stances = stance_table(articles, sentences, sources, targets=settings.targets)
    else:
        stances = conform(pd.DataFrame(), "stances")
    return {
        "articles": articles,
        "sentences": conform(sentences, "sentences"),
        "sources": conform(sources, "sources"),
        "stances": conform(stances, "stances"),
    }
