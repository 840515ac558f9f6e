"""Who speaks in every sentence (FIRST CUT: empty; the attribution issue fills this)."""

from __future__ import annotations

import pandas as pd

from newslab.schema import conform


def attribute(articles: pd.DataFrame, sentences: pd.DataFrame, sources: str | None = None
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(sources, sentences)``: the attributions, and sentences with ``source``/``attribution_id``."""
    return conform(pd.DataFrame(), "sources"), sentences
