"""Identities and gender on real political news: PolNeAR train + dev from ../shared (skips when absent).

- No person among the 100 most cited sources appears under two names (newslab.evaluation.identity).
- Gender is right for >= 95% of 50 person sources checked by hand (fixtures/polnear_gender_checked.csv: names
  and labels only, no article text; how they were checked is in the file's header).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.evaluation.identity import polnear_folders, split_people

pytestmark = pytest.mark.shared
CHECKED = Path(__file__).resolve().parent / "fixtures" / "polnear_gender_checked.csv"


@pytest.fixture(scope="module")
def polnear():
    folders = polnear_folders()
    if len(folders) < 2:
        pytest.skip("../shared/corpora/polnear/{train,dev}/text is not available")
    return newslab.load([str(f) for f in folders], progress=False)


def test_no_person_of_the_top_100_sources_appears_under_two_names(polnear):
    assert len(polnear.articles) > 900
    pairs = split_people(polnear.sources, top=100)
    assert pairs == []


def test_gender_of_hand_checked_person_sources(polnear):
    checked = pd.read_csv(CHECKED, comment="#", dtype=str, keep_default_na=False)
    assert len(checked) >= 50 and set(checked["gender"]) <= {"f", "m"}
    src = polnear.sources.dropna(subset=["source"])
    found = src.groupby("source")["gender"].agg(lambda s: s.dropna().mode().min() if s.notna().any() else "")
    got = checked["source"].map(found).fillna("")
    assert checked["source"].isin(found.index).all(), checked.loc[~checked["source"].isin(found.index), "source"]
    right = got == checked["gender"]
    assert right.mean() >= 0.95, checked.assign(got=got)[~right]
