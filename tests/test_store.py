"""newslab.open: tables of an output folder load lazily; chart numbers never read the text columns."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from chart_corpus import make_corpus

import newslab
from newslab.analysis import aggregates as agg
from newslab.core.schema import TABLES, conform
from newslab.errors import SettingsError
from newslab.io.corpus import Corpus
from newslab.io.extract import part_name, write_part
from newslab.io.store import StoredCorpus, is_output_dir

TEXT_COLUMNS = {"text", "mention", "descriptor"}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus()


def _write_parts(corpus: Corpus, out: Path, groups: list[list[str]]) -> None:
    """The layout ``extract --format parquet`` writes: one part per batch of articles, per table."""
    for i, ids in enumerate(groups):
        for t in TABLES:
            df = corpus.tables()[t]
            part = df[df["article_id"].isin(ids)] if "article_id" in df else df.iloc[0:0]
            write_part(part, t, out / t / part_name(i))


@pytest.fixture(scope="module")
def parquet_dir(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pq")
    _write_parts(corpus, out, [["w1", "w2"], ["s1", "s2"], ["i1"]])
    return out


@pytest.fixture(scope="module")
def csv_dir(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    corpus.to_dir(out, format="csv")
    return out


@pytest.fixture
def spy_reads(monkeypatch) -> list[tuple[str, object]]:
    """Record which columns every Parquet/CSV read asks for."""
    calls: list[tuple[str, object]] = []
    real_parquet, real_csv = pd.read_parquet, pd.read_csv

    def read_parquet(path, columns=None, **kw):
        calls.append((str(path), columns))
        return real_parquet(path, columns=columns, **kw)

    def read_csv(path, usecols=None, **kw):
        calls.append((str(path), usecols))
        return real_csv(path, usecols=usecols, **kw)

    monkeypatch.setattr(pd, "read_parquet", read_parquet)
    monkeypatch.setattr(pd, "read_csv", read_csv)
    return calls


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns[:4]), kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("layout", ["parquet_dir", "csv_dir"])
def test_open_gives_the_same_tables(layout, corpus, request):
    stored = newslab.open(request.getfixturevalue(layout))
    assert isinstance(stored, Corpus) and isinstance(stored, StoredCorpus)
    assert stored.loaded == []
    for t in TABLES:
        expected = conform(corpus.tables()[t], t)  # one "none" (<NA>): CSV and Parquet read back alike
        pd.testing.assert_frame_equal(_sorted(getattr(stored, t)), _sorted(expected), check_dtype=(t != "errors"))
    assert sorted(stored.loaded) == sorted(TABLES)


@pytest.mark.parametrize("layout", ["parquet_dir", "csv_dir"])
def test_chart_numbers_match_the_in_memory_corpus_without_reading_text(layout, corpus, request, spy_reads):
    stored = newslab.open(request.getfixturevalue(layout))
    pd.testing.assert_frame_equal(agg.source_frequency(stored, top=3), agg.source_frequency(corpus, top=3))
    pd.testing.assert_frame_equal(agg.share_of_voice(stored, top=2), agg.share_of_voice(corpus, top=2))
    pd.testing.assert_frame_equal(agg.cue_classes_by_outlet(stored), agg.cue_classes_by_outlet(corpus))
    pd.testing.assert_frame_equal(agg.source_types_by_outlet(stored, outlet="Wire"),
                                  agg.source_types_by_outlet(corpus, outlet="Wire"))
    assert spy_reads, "the numbers were not read from disk"
    for path, columns in spy_reads:
        assert columns is not None and not TEXT_COLUMNS & set(columns), (path, columns)
        # sentences: only the keys of boilerplate sentences (their attributions are left out), never text
        assert "sentences" not in path or set(columns) <= {"article_id", "sentence_id", "boilerplate"}, columns
    assert stored.loaded == []  # nothing was kept in memory


def test_charts_of_one_selection_read_the_parts_once(parquet_dir, spy_reads):
    stored = newslab.open(parquet_dir)
    agg.source_frequency(stored, outlet="Wire")
    reads = len(spy_reads)
    assert reads > 0
    agg.share_of_voice(stored, outlet="Wire")
    agg.cue_classes_by_outlet(stored, outlet="Wire")
    assert len(spy_reads) == reads  # the summed counts of that selection were kept
    agg.source_frequency(stored, outlet="Indie")
    assert len(spy_reads) > reads  # another selection is counted afresh


def test_filters_give_the_same_numbers(parquet_dir, corpus):
    stored = newslab.open(parquet_dir)
    got = agg.source_frequency(stored, top=None, since="2024-03-02", source_type=["official", "expert"])
    want = agg.source_frequency(corpus, top=None, since="2024-03-02", source_type=["official", "expert"])
    pd.testing.assert_frame_equal(got, want)
    assert set(got["source"]) == {"Health Ministry", "Dr Ana Cruz", "Mayor Lee"}
    for name in ("source_frequency", "share_of_voice", "source_types_by_outlet"):  # nothing passes
        pd.testing.assert_frame_equal(getattr(agg, name)(stored, outlet="Nowhere"),
                                      getattr(agg, name)(corpus, outlet="Nowhere"))
    assert stored.loaded == []


def test_read_selects_columns_and_counts_come_from_metadata(parquet_dir):
    stored = newslab.open(parquet_dir)
    arts = stored.read("articles", ["article_id", "published"])
    assert list(arts.columns) == ["article_id", "published"] and len(arts) == 5
    assert str(arts["published"].dtype) == "datetime64[ns]"
    assert stored.count("sources") == 11 and stored.loaded == []
    assert "11 sources" in repr(stored)
    with pytest.raises(SettingsError, match="no column"):
        stored.read("sources", ["speaker"])


@pytest.mark.filterwarnings("ignore:The inplace keyword")  # inside dask's Parquet reader, not ours
def test_dask_view_of_a_table(parquet_dir):
    pytest.importorskip("dask.dataframe")
    ddf = newslab.open(parquet_dir).dask("sources", columns=["source", "article_id"])
    assert ddf.npartitions == 3
    counts = ddf.groupby("source").size().compute().sort_index()
    assert counts["Health Ministry"] == 4 and counts.sum() == 11


def test_single_file_parquet_layout(corpus, tmp_path):
    corpus.to_dir(tmp_path, format="parquet")
    stored = newslab.open(tmp_path)
    pd.testing.assert_frame_equal(agg.source_frequency(stored), agg.source_frequency(corpus))


def test_open_refuses_a_folder_without_tables(tmp_path):
    assert not is_output_dir(tmp_path)
    with pytest.raises(SettingsError, match="no articles table"):
        newslab.open(tmp_path)
    with pytest.raises(SettingsError, match="no such folder"):
        newslab.open(tmp_path / "missing")


def test_one_table_folder_check_for_every_layout(parquet_dir, csv_dir, corpus, tmp_path):
    """The notebooks, the workshop, the report and newslab.open share one check: a part-*.parquet dataset
    (no manifest), single files and CSV all count; a user's lone articles.csv is articles, not tables."""
    from newslab.ui.widgets import open_corpus
    from newslab.ui.workshop import workshop_app

    single = tmp_path / "single"
    corpus.to_dir(single, format="parquet")
    for folder in (parquet_dir, csv_dir, single):
        assert is_output_dir(folder)
        opened = open_corpus(folder)
        assert isinstance(opened, StoredCorpus) and len(opened.articles) == len(corpus.articles)
        app = workshop_app(folder, key=None, results_dir=tmp_path / "results")
        assert app.corpus.articles["article_id"].tolist() == opened.articles["article_id"].tolist()
    lone = tmp_path / "lone"
    lone.mkdir()
    corpus.articles.to_csv(lone / "articles.csv", index=False)
    assert not is_output_dir(lone)


@pytest.mark.parametrize("layout", ["csv", "parquet", "parts"])
def test_same_corpus_same_numbers_with_boilerplate_attributions(layout, tmp_path):
    """Issue 13 item 13: an attribution inside a boilerplate sentence (a credit line) is left out of the
    counts of a stored corpus exactly as of a loaded one."""
    corpus = make_corpus()
    first = corpus.sources.iloc[0]
    sents = corpus.sentences.copy()
    hit = (sents["article_id"] == first["article_id"]) & (sents["sentence_id"] == first["sentence_id"])
    assert hit.sum() == 1
    sents.loc[hit, "boilerplate"] = True
    corpus = Corpus.from_tables(**{**corpus.tables(), "sentences": sents})
    if layout == "parts":
        ids = corpus.articles["article_id"].tolist()
        _write_parts(corpus, tmp_path, [ids[:2], ids[2:]])
    else:
        corpus.to_dir(tmp_path, format=layout)
    stored = newslab.open(tmp_path)
    expected = agg.source_frequency(corpus)
    assert expected["attributions"].sum() == len(corpus.sources) - 1
    got = agg.source_frequency(stored)
    assert got["attributions"].sum() == expected["attributions"].sum()
    pd.testing.assert_frame_equal(got, expected)
