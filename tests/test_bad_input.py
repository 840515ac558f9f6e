"""Every bad input of issue 2 gives exactly one plain-language errors row naming it, and the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newslab.io.load import read_file, read_inputs

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
SCRIPT_ONLY = "<html><head><script>window.location='/app';</script></head></html>"


def assert_one_error(errors: pd.DataFrame, name: str, *phrases: str) -> pd.Series:
    assert len(errors) == 1, errors["error"].tolist()
    row = errors.iloc[0]
    assert row["path"].endswith(name)
    assert name in row["error"]
    assert "\n" not in row["error"]
    for phrase in phrases:
        assert phrase in row["error"], row["error"]
    return row


def assert_good_loaded(articles: pd.DataFrame) -> None:
    assert "good.txt" in {Path(p).name for p in articles["path"]}


@pytest.mark.parametrize(
    ("name", "content", "phrases"),
    [
        ("empty.txt", b"", ["the file is empty"]),
        ("blank.txt", b"  \n\n \r\n", ["no text"]),
        ("photo.txt", PNG, ["looks like a binary file, not text", "PNG"]),
        ("nul.txt", b"some text\x00\x00\x00\x01\x02 more", ["looks like a binary file, not text"]),
        ("page.html", SCRIPT_ONLY.encode(), ["no article text found"]),
        ("empty.html", b"<html><body></body></html>", ["no article text found"]),
        ("letter.docx", b"PK\x03\x04....", ["cannot read .docx"]),
        ("mixed.txt", "caf\u00e9 ok\n".encode() + "tr\u00e8s\n".encode("latin-1"), ["line 2", "UTF-8"]),
    ],
)
def test_bad_file_gives_one_error_and_batch_goes_on(corpus_dir, name, content, phrases):
    (corpus_dir / name).write_bytes(content)
    articles, errors = read_inputs(corpus_dir)
    assert_one_error(errors, name, *phrases)
    assert_good_loaded(articles)
    assert len(articles) == 1


def test_latin1_file_is_decoded_not_mangled(corpus_dir):
    (corpus_dir / "latin.txt").write_bytes("Le caf\u00e9 \u00e9tait tr\u00e8s bon.\r\nFin.".encode("latin-1"))
    articles, errors = read_inputs(corpus_dir)
    assert errors.empty
    text = articles.set_index(articles["path"].map(lambda p: Path(p).name)).loc["latin.txt", "text"]
    assert text == "Le caf\u00e9 \u00e9tait tr\u00e8s bon.\nFin."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_utf16_and_bom_files_are_decoded_without_the_mark(corpus_dir, encoding):
    body = "\u201cWe will rebuild,\u201d the mayor said.\nCaf\u00e9 owners agreed."
    (corpus_dir / "u.txt").write_bytes(body.encode(encoding))
    articles, errors = read_inputs(corpus_dir)
    assert errors.empty
    text = dict(zip(articles["path"].map(lambda p: Path(p).name), articles["text"]))["u.txt"]
    assert text == body  # no BOM, nothing mangled


def test_malformed_jsonl_line_is_reported_with_its_number_and_the_rest_loads(corpus_dir):
    lines = [json.dumps({"text": "First article.", "title": "One"}), '{"text": "broken", ',
             json.dumps({"text": "Third article.", "title": "Three"})]
    (corpus_dir / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    row = assert_one_error(errors, "wire.jsonl", "line 2", "not valid JSON")
    assert row["line"] == 2
    assert set(articles["title"].dropna()) >= {"One", "Three"}
    assert_good_loaded(articles)


def test_jsonl_record_with_empty_text_is_an_error_row_with_line(corpus_dir):
    lines = [json.dumps({"text": "Fine."}), json.dumps({"text": "   ", "title": "Blank"})]
    (corpus_dir / "w.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    row = assert_one_error(errors, "w.jsonl", "no text")
    assert row["line"] == 2
    assert len(articles) == 2


def test_csv_without_text_column_names_found_columns_and_suggests_mapping(corpus_dir):
    (corpus_dir / "export.csv").write_text("headline,body,date\nA,Some text.,2024-01-01\n", encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    assert_one_error(errors, "export.csv", "'text'", "'headline'", "'body'", "'date'", "columns={'body': 'text'}")
    assert_good_loaded(articles)


def test_fifty_megabyte_single_line_file_is_refused_clearly(corpus_dir):
    big = corpus_dir / "huge.txt"
    with open(big, "wb") as f:
        chunk = b"word " * 200_000  # 1 MB, no newline anywhere
        for _ in range(50):
            f.write(chunk)
    articles, errors = read_inputs(corpus_dir)
    assert_one_error(errors, "huge.txt", "50 MB", "20 MB", "max_bytes")
    assert_good_loaded(articles)


def test_fifty_megabyte_file_loads_when_the_limit_is_raised(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"x" * 50_000_000)
    articles, errors = read_file(big, tmp_path, max_bytes=60_000_000)
    assert errors == []
    assert len(articles[0]["text"]) == 50_000_000
    assert len(articles[0]["title"]) <= 1001  # the title is capped, the text is not


def test_oversized_jsonl_line_is_skipped_and_the_rest_loads(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text("\n".join([json.dumps({"text": "a" * 5000}), json.dumps({"text": "Short one."})]) + "\n")
    articles, errors = read_file(path, tmp_path, max_bytes=1000)
    assert [a["text"] for a in articles] == ["Short one."]
    assert len(errors) == 1 and errors[0]["line"] == 1 and "max_bytes" in errors[0]["error"]


def test_missing_path_is_an_error_row_and_other_inputs_load(corpus_dir, tmp_path):
    missing = tmp_path / "no" / "such.txt"
    articles, errors = read_inputs([missing, corpus_dir / "good.txt"])
    assert_one_error(errors, "such.txt", "no such file or folder")
    assert_good_loaded(articles)


def test_directory_without_readable_files_is_one_error_row(corpus_dir, tmp_path):
    pics = tmp_path / "pics"
    pics.mkdir()
    (pics / "chart.png").write_bytes(PNG)
    (pics / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    articles, errors = read_inputs([pics, corpus_dir])
    row = assert_one_error(errors, "pics", "no readable article files")
    assert pd.isna(row["line"])
    assert_good_loaded(articles)


def test_unknown_extension_in_folder_is_reported_but_images_are_skipped(corpus_dir):
    (corpus_dir / "feed.xml").write_text("<rss/>")
    (corpus_dir / "logo.png").write_bytes(PNG)
    (corpus_dir / ".hidden.txt").write_text("secret")
    articles, errors = read_inputs(corpus_dir)
    assert_one_error(errors, "feed.xml", "'.xml'")
    assert len(articles) == 1


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path):
    path = tmp_path / "story.article"
    path.write_text("Title line\nBody.")
    articles, errors = read_inputs(path)
    assert errors.empty and articles.loc[0, "title"] == "Title line"


def test_read_file_never_raises(tmp_path):
    (tmp_path / "sub").mkdir()
    cases = [tmp_path / "sub", tmp_path / "nothing.txt", tmp_path / "sub" / "x.json"]
    (tmp_path / "sub" / "x.json").write_text('{"articles": [1, {"text": "ok"}]}')
    for path in cases:
        articles, errors = read_file(path, tmp_path)
        assert isinstance(articles, list) and isinstance(errors, list)
        assert articles or errors
        for err in errors:
            assert set(err) == {"path", "line", "error"} and str(path.name) in err["error"]


def test_unreadable_file_is_an_error_row(corpus_dir, monkeypatch):
    locked = corpus_dir / "locked.txt"
    locked.write_text("secret")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, errors = read_inputs(corpus_dir)
    assert_one_error(errors, "locked.txt", "cannot be read", "Permission denied")
    assert_good_loaded(articles)


def test_csv_with_unclosed_quote_is_reported_not_swallowed(tmp_path):
    (tmp_path / "a.csv").write_text('title,text\nA,ok one\nB,"never closed\nC,text three\n')
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert articles["title"].tolist() == ["A"]  # C was not silently merged into B's text
    row = assert_one_error(errors, "a.csv", "never closed")
    assert row["line"] == 3


def test_csv_with_junk_after_quote_loses_only_that_record(tmp_path):
    (tmp_path / "a.csv").write_text('title,text\nA,ok one\nB,"x" junk\nC,ok three\nD,He said "hi" ok\n')
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert articles["title"].tolist() == ["A", "C", "D"]
    assert assert_one_error(errors, "a.csv", "after a closing quote")["line"] == 3


def test_csv_row_with_too_many_fields_is_one_error(tmp_path):
    (tmp_path / "a.csv").write_text("title,text\nA,one, two, three\nB,ok\n")
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert articles["title"].tolist() == ["B"]
    assert assert_one_error(errors, "a.csv", "4 fields", "header has 2")["line"] == 2
