"""One type per source, the same in every table and chart (newslab.core.schema.main_types)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.analysis import aggregates

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def corpus():
    return newslab.load(SAMPLE, progress=False)


def test_a_source_given_two_types_equally_often_gets_one_type_everywhere(corpus, tmp_path):
    # Daria Stein is "person" once and "official" once in the sample
    stein = corpus.sources.loc[corpus.sources["source"] == "Daria Stein", "source_type"]
    assert sorted(stein) == ["official", "person"]
    summary = corpus.source_summary().set_index("source")["source_type"]
    frequency = aggregates.source_frequency(corpus, top=None).set_index("source")["source_type"]
    corpus.to_dir(tmp_path / "out", format="parquet")
    stored = aggregates.source_frequency(newslab.open(tmp_path / "out"), top=None).set_index("source")["source_type"]
    assert summary["Daria Stein"] == frequency["Daria Stein"] == stored["Daria Stein"] == "official"
    # and every other source agrees across the three as well
    assert summary.loc[frequency.index].to_dict() == frequency.to_dict() == stored.loc[frequency.index].to_dict()
