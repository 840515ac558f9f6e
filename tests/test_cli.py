"""The command line: ``newslab extract`` writes the five tables, summarises problems, exits 0 / 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.core.schema import COLUMNS, TABLES
from newslab.io.extract import FAIL_AFTER_ENV
from newslab.ui.cli import SHOW_ERRORS, main

GOOD = "Port reopens after storm\n\nThe port reopened on Friday, the harbour master said.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    d = tmp_path / "news"
    (d / "wire").mkdir(parents=True)
    for i in range(3):
        (d / "wire" / f"story{i}.txt").write_text(GOOD.replace("Friday", f"day {i}"), encoding="utf-8")
    return d


def _stderr_lines(capsys) -> list[str]:
    return [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]


def test_extract_writes_all_five_tables_with_headers(articles, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(articles), "--out", str(out)]) == 0
    for t in TABLES:
        header = (out / f"{t}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == list(COLUMNS[t])
    assert len(pd.read_csv(out / "articles.csv")) == 3
    assert (out / "manifest.json").is_file()
    lines = _stderr_lines(capsys)
    assert lines == [f"newslab: wrote 3 articles, {len(pd.read_csv(out / 'sentences.csv'))} sentences, "
                     f"{len(pd.read_csv(out / 'sources.csv'))} sources, "
                     f"{len(pd.read_csv(out / 'stances.csv'))} stances, 0 errors to {out} "
                     f"(csv, {lines[0].split('(csv, ')[1]}"]


def test_bad_files_are_listed_in_errors_and_summarised_one_line_each(articles, tmp_path, capsys):
    (articles / "empty.txt").write_bytes(b"")
    (articles / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    out = tmp_path / "out"
    assert main(["extract", str(articles), str(tmp_path / "nope"), "--out", str(out), "--quiet"]) == 0
    errors = pd.read_csv(out / "errors.csv")
    assert len(errors) == 3
    lines = _stderr_lines(capsys)
    assert len(lines) == 3 and all(ln.startswith("newslab: skipped ") for ln in lines)
    for name in ("empty.txt", "photo.txt", "nope"):
        assert sum(name in ln for ln in lines) == 1


def test_many_errors_are_counted_and_the_first_few_shown(articles, tmp_path, capsys):
    for i in range(12):
        (articles / f"empty{i:02d}.txt").write_bytes(b"")
    assert main(["extract", str(articles), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    lines = _stderr_lines(capsys)
    assert lines[0].startswith("newslab: 12 inputs or records could not be read")
    assert str(tmp_path / "out" / "errors.csv") in lines[0]
    assert len(lines) == 1 + SHOW_ERRORS - 2


def test_no_readable_article_exits_2_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "also-empty.md").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["extract", str(bad), "--out", str(out)]) == 2
    lines = _stderr_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith("newslab: no article could be read from the inputs: ")
    assert "1 more problems" in lines[0]
    # the tables are still written, so the errors can be inspected
    assert len(pd.read_csv(out / "errors.csv")) == 2 and len(pd.read_csv(out / "articles.csv")) == 0


def test_missing_input_exits_2(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"), "--quiet"]) == 2
    [line] = _stderr_lines(capsys)
    assert "nowhere" in line and line.startswith("newslab: no article")


def test_parquet_format_and_options(articles, tmp_path, capsys):
    out = tmp_path / "pq"
    code = main(["extract", str(articles), "--out", str(out), "--format", "parquet", "--workers", "1",
                 "--batch-size", "2", "--no-stance", "--quiet"])
    assert code == 0 and _stderr_lines(capsys) == []
    for t in TABLES:
        assert sorted(p.name for p in (out / t).iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    corpus = newslab.open(out)
    assert len(corpus.articles) == 3 and corpus.stances.empty


def test_bad_option_values_exit_2(articles, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(articles), "--out", str(tmp_path / "o"), "--workers", "0"])
    assert exc.value.code == 2
    assert "at least 1" in capsys.readouterr().err
    code = main(["extract", str(articles), "--out", str(tmp_path / "o"), "--engine", "local",
                 "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2 and "--scheduler needs --engine dask" in capsys.readouterr().err


def test_interrupted_run_exits_1_and_the_same_command_resumes(articles, tmp_path, capsys, monkeypatch):
    argv = ["extract", str(articles), "--out", str(tmp_path / "o"), "--batch-size", "1", "--workers", "1"]
    monkeypatch.setenv(FAIL_AFTER_ENV, "2")
    assert main(argv) == 1
    assert "rerun the same command to resume" in capsys.readouterr().err
    monkeypatch.delenv(FAIL_AFTER_ENV)
    assert main(argv) == 0
    assert "2 of 3 batches reused" in capsys.readouterr().err
    assert len(pd.read_csv(tmp_path / "o" / "articles.csv")) == 3


def test_version_and_entry_point():
    done = subprocess.run([sys.executable, "-m", "newslab.ui.cli", "--version"], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == f"newslab {newslab.__version__}"


def test_help_lists_extract(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "extract" in capsys.readouterr().out


def test_output_folder_inside_the_input_folder_is_not_read_back(articles, capsys):
    argv = ["extract", str(articles), "--out", str(articles / "tables"), "--quiet"]
    assert main(argv) == 0 and main(argv) == 0
    assert len(pd.read_csv(articles / "tables" / "articles.csv")) == 3
    assert len(pd.read_csv(articles / "tables" / "errors.csv")) == 0


def test_file_pattern_gives_outlets_and_dates_from_file_names(tmp_path, capsys):
    folder = tmp_path / "scraped"
    folder.mkdir()
    text = "Harbour reopens\n\nThe port reopened on Monday, officials said.\n"
    for name in ["2024-03-05_harborwire_port.txt", "2024-03-06_lantern_port.txt", "notes.txt"]:
        (folder / name).write_text(text + name, encoding="utf-8")
    out = tmp_path / "out"
    pattern = r"^(?P<published>\d{4}-\d{2}-\d{2})_(?P<outlet>[^_]+)_"
    code = main(["extract", str(folder), "--out", str(out), "--workers", "1", "--batch-size", "2",
                 "--file-pattern", pattern, "--no-stance", "--quiet"])
    assert code == 0
    arts = newslab.open(out).articles
    got = {p.rsplit("/", 1)[-1]: (o, d) for p, o, d in zip(arts["path"], arts["outlet"], arts["published"])}
    assert got["2024-03-05_harborwire_port.txt"] == ("harborwire", pd.Timestamp("2024-03-05"))
    assert got["2024-03-06_lantern_port.txt"] == ("lantern", pd.Timestamp("2024-03-06"))
    assert got["notes.txt"][0] == "scraped" and pd.isna(got["notes.txt"][1])
    # the pattern decides the output: the same folder without it is redone, not resumed with stale outlets
    assert main(["extract", str(folder), "--out", str(out), "--workers", "1", "--no-stance", "--quiet"]) == 0
    assert set(newslab.open(out).articles["outlet"]) == {"scraped"}
    assert main(["extract", str(folder), "--out", str(tmp_path / "o2"), "--file-pattern", r"(\d+)", "--quiet"]) == 2
    assert "named groups" in capsys.readouterr().err
