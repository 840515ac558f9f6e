"""Stance of each source toward the people and bodies it names (FIRST CUT: empty)."""

from __future__ import annotations

import pandas as pd

from newslab.schema import conform


def stance_table(articles: pd.DataFrame, sentences: pd.DataFrame, sources: pd.DataFrame, targets=None
                 ) -> pd.DataFrame:
    """One row per (attribution, target)."""
    return conform(pd.DataFrame(), "stances")
