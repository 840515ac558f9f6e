"""Batched extraction: same tables on every engine, worker count and batch size; resumable; nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.core.schema import TABLES
from newslab.io.extract import InterruptedRun, extract, part_name
from newslab.io.manifest import content_digest
from newslab.synthetic import write_corpus

BATCH = 7


@pytest.fixture(scope="module")
def scale_corpus(tmp_path_factory) -> Path:
    """60 generated articles (40 .txt files in outlet folders, 20 JSONL records) plus bad inputs."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    write_corpus(root / "files", 40, seed=3)
    [jsonl] = write_corpus(root / "feed", 20, seed=4, format="jsonl")
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    lines.insert(5, '{"text": "a record cut off in the middle')  # malformed line: an error row, the rest loads
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "files" / "empty.txt").write_bytes(b"")
    (root / "files" / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return root


def _csv_bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.csv").read_bytes() for t in TABLES}


def _parquet_tables(out: Path) -> dict[str, pd.DataFrame]:
    corpus = newslab.open(out)
    return {t: corpus.read(t) for t in TABLES}


@pytest.fixture(scope="module")
def reference(scale_corpus, tmp_path_factory) -> Path:
    """One worker, in this process, batch size 7, CSV: the tables every other run must reproduce."""
    out = tmp_path_factory.mktemp("ref")
    result = extract(scale_corpus, out, workers=1, batch_size=BATCH)
    assert result.counts["articles"] == 60
    return out


@pytest.fixture(scope="module")
def reference_parquet(scale_corpus, tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("refpq")
    extract(scale_corpus, out, format="parquet", workers=1, batch_size=BATCH)
    return _parquet_tables(out)


def test_every_input_ends_in_articles_or_errors(scale_corpus, reference):
    corpus = newslab.open(reference)
    articles, errors = corpus.articles, corpus.errors
    files = {str(p) for p in scale_corpus.rglob("*") if p.is_file()}
    accounted = set(articles["path"].astype(str)) | set(errors["path"].astype(str))
    assert files <= accounted
    jsonl = next(p for p in files if p.endswith(".jsonl"))
    records = sum(1 for line in Path(jsonl).read_text(encoding="utf-8").splitlines() if line.strip())
    from_jsonl = (articles["path"] == jsonl).sum() + (errors["path"] == jsonl).sum()
    assert records == 21 and from_jsonl == records
    assert (errors["path"] == jsonl).sum() == 1 and errors.loc[errors["path"] == jsonl, "line"].iloc[0] == 6
    assert len(articles) + len(errors) == 40 + 2 + 21
    assert articles["article_id"].is_unique


def test_csv_is_byte_identical_across_batch_sizes_and_workers(scale_corpus, reference, tmp_path):
    one_batch = extract(scale_corpus, tmp_path / "one-batch", workers=1, batch_size=1000)
    two_workers = extract(scale_corpus, tmp_path / "two", workers=2, batch_size=BATCH)
    assert one_batch.batches == 1 and two_workers.batches > 5
    assert _csv_bytes(tmp_path / "one-batch") == _csv_bytes(reference)
    assert _csv_bytes(tmp_path / "two") == _csv_bytes(reference)


def test_csv_matches_newslab_load(scale_corpus, reference, tmp_path):
    newslab.load(scale_corpus, progress=False).to_dir(tmp_path)
    for t in ("articles", "sentences", "sources", "stances"):
        assert (tmp_path / f"{t}.csv").read_bytes() == (reference / f"{t}.csv").read_bytes(), t


def test_dask_local_cluster_gives_the_same_tables(scale_corpus, reference, reference_parquet, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        extract(scale_corpus, tmp_path / "csv", engine="dask", scheduler=client, batch_size=BATCH)
        extract(scale_corpus, tmp_path / "pq", engine="dask", scheduler=client, format="parquet",
                batch_size=BATCH)
    assert _csv_bytes(tmp_path / "csv") == _csv_bytes(reference)
    for t, df in _parquet_tables(tmp_path / "pq").items():
        pd.testing.assert_frame_equal(df, reference_parquet[t])


def test_parquet_rows_do_not_depend_on_workers_or_batch_size(scale_corpus, reference, reference_parquet, tmp_path):
    extract(scale_corpus, tmp_path, format="parquet", workers=2, batch_size=11)
    tables = _parquet_tables(tmp_path)
    for t, df in tables.items():
        pd.testing.assert_frame_equal(df, reference_parquet[t])
    # and the Parquet rows are the CSV rows (CSV reads an empty string back as missing)
    csv = newslab.open(reference)
    for t in ("articles", "sentences", "sources", "stances"):
        pd.testing.assert_frame_equal(tables[t].replace("", pd.NA), csv.read(t), check_dtype=False)
    # chart numbers from the column selection equal those of the whole corpus in memory
    from newslab.analysis import aggregates as agg

    stored, whole = newslab.open(tmp_path), newslab.open(tmp_path).load()
    assert stored.count("sources") > 100
    pd.testing.assert_frame_equal(agg.source_frequency(stored, top=None), agg.source_frequency(whole, top=None))
    pd.testing.assert_frame_equal(agg.share_of_voice(stored, top=5), agg.share_of_voice(whole, top=5))
    pd.testing.assert_frame_equal(agg.cue_classes_by_outlet(stored), agg.cue_classes_by_outlet(whole))


def test_parquet_layout_is_one_part_per_batch_and_table(scale_corpus, tmp_path):
    result = extract(scale_corpus, tmp_path, format="parquet", workers=1, batch_size=BATCH)
    for t in TABLES:
        parts = sorted(p.name for p in (tmp_path / t).iterdir())
        assert parts == [part_name(i) for i in range(result.batches)]  # no temp files left behind
    assert result.paths["sources"] == tmp_path / "sources"


def test_manifest_records_inputs_batches_version_and_settings(scale_corpus, reference):
    manifest = json.loads((reference / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and manifest["newslab_version"] == newslab.__version__
    assert manifest["format"] == "csv" and manifest["batch_size"] == BATCH
    assert set(manifest["settings"]) >= {"sources", "targets", "boilerplate", "stance"}
    assert manifest["roots"] == [str(scale_corpus)]
    paths = [i[0] for i in manifest["inputs"]]
    assert sorted(paths) == sorted(str(p) for p in scale_corpus.rglob("*") if p.is_file())
    jsonl = next(i for i, p in enumerate(paths) if p.endswith(".jsonl"))
    _, root, size, mtime_ns, digest = manifest["inputs"][jsonl]
    assert root == 0 and size == Path(paths[jsonl]).stat().st_size and mtime_ns > 0
    assert digest == content_digest(paths[jsonl])
    assert all(b["status"] == "done" for b in manifest["batches"])
    # the 21-line JSONL file is split into runs of lines, each read on its own from its byte offset
    ranges = [u[1:3] for b in manifest["batches"] for u in b["units"] if u[0] == jsonl]
    assert ranges == [[1, 1 + BATCH], [1 + BATCH, 1 + 2 * BATCH], [1 + 2 * BATCH, None]]
    assert manifest["counts"]["articles"] == 60
    assert not (reference / ".newslab").exists()  # CSV work parts are removed at the end


def test_interrupted_run_resumes_to_the_same_tables(scale_corpus, reference_parquet, tmp_path):
    with pytest.raises(InterruptedRun):
        extract(scale_corpus, tmp_path, format="parquet", workers=1, batch_size=BATCH, _fail_after_batch=3)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    status = [b["status"] for b in manifest["batches"]]
    assert manifest["status"] == "running" and status.count("done") == 3 and "todo" in status
    visible = {p.name for p in (tmp_path / "sources").iterdir() if not p.name.startswith(".")}
    assert visible == {part_name(i) for i, s in enumerate(status) if s == "done"}

    result = extract(scale_corpus, tmp_path, format="parquet", workers=1, batch_size=BATCH)
    assert result.reused == 3 and result.redone == []
    for t, df in _parquet_tables(tmp_path).items():
        pd.testing.assert_frame_equal(df, reference_parquet[t])


def test_interrupted_csv_run_resumes_and_a_finished_run_is_not_redone(scale_corpus, reference, tmp_path):
    with pytest.raises(InterruptedRun):
        extract(scale_corpus, tmp_path, workers=1, batch_size=BATCH, _fail_after_batch=2)
    assert not (tmp_path / "articles.csv").exists()
    result = extract(scale_corpus, tmp_path, workers=1, batch_size=BATCH)
    assert result.reused == 2
    assert _csv_bytes(tmp_path) == _csv_bytes(reference)
    again = extract(scale_corpus, tmp_path, workers=1, batch_size=BATCH)
    assert again.counts == result.counts and again.seconds < result.seconds


def test_corrupted_part_is_detected_and_redone(scale_corpus, reference_parquet, tmp_path):
    first = extract(scale_corpus, tmp_path, format="parquet", workers=1, batch_size=BATCH)
    damaged = tmp_path / "sentences" / part_name(2)
    damaged.write_bytes(damaged.read_bytes()[:100] + b"garbage")
    result = extract(scale_corpus, tmp_path, format="parquet", workers=1, batch_size=BATCH)
    assert result.redone == [2] and result.reused == first.batches - 1
    for t, df in _parquet_tables(tmp_path).items():
        pd.testing.assert_frame_equal(df, reference_parquet[t])


def test_changed_inputs_start_over(scale_corpus, tmp_path):
    src = tmp_path / "in"
    write_corpus(src, 6, seed=9)
    extract(src, tmp_path / "out", format="parquet", workers=1, batch_size=2)
    extra = src / "extra.txt"
    extra.write_text("Late news\n\nThe mayor said the bridge would reopen on Monday.\n", encoding="utf-8")
    result = extract(src, tmp_path / "out", format="parquet", workers=1, batch_size=2)
    assert result.reused == 0 and result.counts["articles"] == 7
    assert len(list((tmp_path / "out" / "articles").glob("part-*.parquet"))) == result.batches


def test_bad_arguments_are_refused_with_a_clear_message(tmp_path):
    from newslab.errors import SettingsError

    with pytest.raises(SettingsError, match="format"):
        extract(tmp_path, tmp_path / "o", format="xlsx")
    with pytest.raises(SettingsError, match="engine"):
        extract(tmp_path, tmp_path / "o", engine="spark")
    with pytest.raises(SettingsError, match="batch size"):
        extract(tmp_path, tmp_path / "o", batch_size=0)


@pytest.fixture(scope="module")
def identity_corpus(tmp_path_factory) -> Path:
    """The invented identity snippets (tests/fixtures/identity_snippets.jsonl), one .txt file each: with a
    batch size of 7, "Mr. Obama" and "Barack Obama" sit in different batches."""
    root = tmp_path_factory.mktemp("identity") / "corpus"
    root.mkdir()
    fixture = Path(__file__).resolve().parent / "fixtures" / "identity_snippets.jsonl"
    for line in fixture.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        (root / f"{rec['id']}.txt").write_text(f"{rec['id']}\n\n{rec['text']}\n", encoding="utf-8")
    return root


def test_identity_columns_are_identical_across_engines_workers_and_batch_sizes(identity_corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    ref = tmp_path / "ref"
    extract(identity_corpus, ref, workers=1, batch_size=BATCH)
    extract(identity_corpus, tmp_path / "two", workers=2, batch_size=BATCH)
    extract(identity_corpus, tmp_path / "big", workers=1, batch_size=1000)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster, distributed.Client(cluster) as client:
        extract(identity_corpus, tmp_path / "dask", engine="dask", scheduler=client, batch_size=BATCH)
    for other in ("two", "big", "dask"):
        assert _csv_bytes(tmp_path / other) == _csv_bytes(ref), other
    newslab.load(identity_corpus, progress=False).to_dir(tmp_path / "load")
    for t in ("sources", "sentences", "stances"):
        assert (tmp_path / "load" / f"{t}.csv").read_bytes() == (ref / f"{t}.csv").read_bytes(), t
    src = newslab.open(ref).sources
    # the corpus-wide merge crossed batch boundaries: "Mr. Obama" (s04) joined "Barack Obama" (s01-s03)
    obama = src[src["mention"] == "Mr. Obama"]
    assert obama[["source", "source_id", "alias", "gender"]].values.tolist() == \
        [["Barack Obama", "barack-obama", "Obama", "m"]]
    assert src["source_id"].notna().sum() == src["source"].notna().sum() > 30
    assert set(src["gender"].dropna()) == {"f", "m"}


def test_identity_step_is_repeated_identically_when_a_run_resumes(identity_corpus, tmp_path):
    ref = tmp_path / "ref"
    extract(identity_corpus, ref, format="parquet", workers=1, batch_size=BATCH)
    out = tmp_path / "resumed"
    with pytest.raises(InterruptedRun):
        extract(identity_corpus, out, format="parquet", workers=1, batch_size=BATCH, _fail_after_batch=2)
    extract(identity_corpus, out, format="parquet", workers=1, batch_size=BATCH)
    again = extract(identity_corpus, out, format="parquet", workers=1, batch_size=BATCH)  # everything reused
    assert again.reused == again.batches
    for t, df in _parquet_tables(out).items():
        pd.testing.assert_frame_equal(df, _parquet_tables(ref)[t])
