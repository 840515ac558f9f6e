"""The table contract every module shares: columns, dtypes, and saving a Corpus."""

import pandas as pd
import pytest

from newslab.core.schema import COLUMNS, TABLES, conform, empty
from newslab.errors import SettingsError
from newslab.io.corpus import Corpus


def test_every_table_has_its_keys():
    assert TABLES == ("articles", "sentences", "sources", "stances", "errors")
    assert "article_id" in COLUMNS["sentences"] and "sentence_id" in COLUMNS["sentences"]
    assert "attribution_id" in COLUMNS["sources"] and "nested_in" in COLUMNS["sources"]
    assert {"attribution_id", "target"} <= set(COLUMNS["stances"])


@pytest.mark.parametrize("table", TABLES)
def test_empty_tables_have_final_columns(table):
    df = empty(table)
    assert list(df.columns) == list(COLUMNS[table])
    assert len(df) == 0


def test_conform_fills_missing_spans_with_minus_one_and_keeps_extra_columns():
    df = conform(pd.DataFrame({"attribution_id": ["a-000"], "source": ["Ana Ruiz"], "note": ["x"]}), "sources")
    assert df.loc[0, "mention_start"] == -1 and df["mention_start"].dtype == "int64"
    assert list(df.columns)[-1] == "note"
    assert pd.isna(df.loc[0, "nested_in"])


def test_conform_parses_dates_and_leaves_bad_ones_as_nat():
    df = conform(pd.DataFrame({"article_id": ["a", "b"], "published": ["2026-03-01", "not a date"]}), "articles")
    assert df.loc[0, "published"] == pd.Timestamp("2026-03-01")
    assert pd.isna(df.loc[1, "published"])


def test_corpus_writes_five_csv_tables_with_headers(tmp_path):
    corpus = Corpus.from_tables(articles=pd.DataFrame({"article_id": ["a1"], "text": ["Hello."]}))
    written = corpus.to_dir(tmp_path)
    assert sorted(p.name for p in written.values()) == sorted(f"{t}.csv" for t in TABLES)
    back = pd.read_csv(tmp_path / "sources.csv")
    assert list(back.columns) == list(COLUMNS["sources"])
    assert pd.read_csv(tmp_path / "articles.csv").loc[0, "text"] == "Hello."


def test_unknown_output_format_is_a_clear_error(tmp_path):
    with pytest.raises(SettingsError, match="csv"):
        Corpus().to_dir(tmp_path, format="xlsx")


def test_none_is_na_in_every_text_column():
    df = conform(pd.DataFrame({"attribution_id": ["a-001", "a-002"], "source": ["", "Ana Ruiz"],
                               "source_type": ["", "person"]}), "sources")
    assert df["source"].isna().tolist() == [True, False]
    assert df["source_type"].isna().tolist() == [True, False]
    assert df["descriptor"].isna().all()  # a missing column is <NA> too, never ""


def test_csv_and_parquet_round_trips_give_the_same_tables(tmp_path):
    import newslab

    corpus = newslab.load("data/sample", progress=False)
    corpus.to_dir(tmp_path / "csv", format="csv")
    corpus.to_dir(tmp_path / "pq", format="parquet")
    from_csv, from_pq = newslab.open(tmp_path / "csv"), newslab.open(tmp_path / "pq")
    for name in ("articles", "sentences", "sources", "stances"):
        pd.testing.assert_frame_equal(getattr(from_csv, name), getattr(from_pq, name))
        pd.testing.assert_frame_equal(getattr(from_pq, name), getattr(corpus, name))
