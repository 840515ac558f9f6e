"""The loader: formats, ids, outlets, dates, column mapping, DataFrames, globs, progress, the sample corpus."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.core.schema import COLUMNS
from newslab.errors import SettingsError
from newslab.io.load import find_inputs, read_file, read_inputs
from newslab.synthetic import generate_articles, write_corpus

REPO = Path(__file__).resolve().parents[1]

HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Port closes after storm | Harbor Wire</title>
<meta property="og:site_name" content="Harbor Wire">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://www.harborwire.example/news/port-closes">
</head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Port closes after storm</h1>
<p>The port of Halden closed on Tuesday after a storm damaged two cranes, officials said.</p>
<p>"We had no choice but to stop all work until the cranes are inspected," harbour master Ana Diaz told
reporters at the gate. The closure is expected to last at least a week.</p>
</article><footer>Copyright Harbor Wire. Subscribe to our newsletter.</footer></body></html>"""


def by_name(articles: pd.DataFrame) -> dict[str, pd.Series]:
    return {Path(row["path"]).name: row for _, row in articles.iterrows()}


@pytest.fixture
def nested(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "harbor-wire").mkdir(parents=True)
    (root / "harbor-wire" / "a.txt").write_text("Storm hits port\n\nThe storm hit.\n")
    (root / "top.md").write_text("# Council votes *yes*\n\nThe council voted.\n")
    return root


# --- formats -----------------------------------------------------------------------------------------------

def test_txt_text_is_exact_content_with_only_crlf_normalised(tmp_path):
    raw = "  Headline with spaces  \r\n\r\nFirst line.\rodd CR kept\n\ttabbed \u00e9\n\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    [art], errors = read_file(tmp_path / "a.txt", tmp_path)
    assert errors == []
    assert art["text"] == raw.replace("\r\n", "\n")
    assert art["title"] == "Headline with spaces"


def test_md_title_drops_heading_marks_but_text_is_kept(nested):
    arts = by_name(read_inputs(nested)[0])
    assert arts["top.md"]["title"] == "Council votes *yes*"
    assert arts["top.md"]["text"].startswith("# Council votes")


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "port.html").write_text(HTML, encoding="utf-8")
    articles, errors = read_inputs(tmp_path)
    assert errors.empty
    art = articles.iloc[0]
    assert "harbour master Ana Diaz" in art["text"]
    assert "Home" not in art["text"] and "Subscribe" not in art["text"]
    assert art["title"] == "Port closes after storm"
    assert art["author"] == "Jane Roe"
    assert art["published"] == pd.Timestamp("2024-03-05")
    assert art["url"] == "https://www.harborwire.example/news/port-closes"
    assert art["outlet"] == "Harbor Wire"


def test_html_date_does_not_depend_on_todays_date(tmp_path):
    (tmp_path / "p.html").write_text(HTML.replace("2024-03-05", "2091-03-05"), encoding="utf-8")
    articles, _ = read_inputs(tmp_path)
    assert articles.loc[0, "published"] == pd.Timestamp("2091-03-05")


def test_html_in_legacy_encoding_uses_meta_charset(tmp_path):
    page = HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace("Ana Diaz", "Ana D\u00edaz")
    (tmp_path / "p.html").write_bytes(page.encode("cp1252"))
    articles, errors = read_inputs(tmp_path)
    assert errors.empty and "Ana D\u00edaz" in articles.loc[0, "text"]


@pytest.mark.parametrize("shape", ["list", "one", "articles"])
def test_json_shapes(tmp_path, shape):
    recs = [{"text": "First.", "title": "A", "outlet": "Wire"}, {"text": "Second.", "title": "B"}]
    doc = {"list": recs, "one": recs[0], "articles": {"articles": recs}}[shape]
    (tmp_path / "a.json").write_text(json.dumps(doc))
    articles, errors = read_inputs(tmp_path / "a.json")
    assert errors.empty
    assert articles["title"].tolist() == (["A"] if shape == "one" else ["A", "B"])


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n")
    articles, errors = read_inputs(tmp_path / "a.json")
    assert errors.empty and articles["text"].tolist() == ["One.", "Two."]


def test_json_record_without_text_names_record_number(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"text": "One."}, {"title": "no text"}, "junk"]))
    articles, errors = read_inputs(tmp_path / "a.json")
    assert len(articles) == 1
    assert sorted(errors["line"].tolist()) == [2, 3]
    assert any("record 2 has no text" in e for e in errors["error"])


def test_csv_quoted_multiline_fields_and_line_numbers(tmp_path):
    content = 'title,text,url\nA,"Line one.\nLine two.",https://www.x.example/a\nB,,\nC,"Third, with comma.",\n'
    (tmp_path / "a.csv").write_text(content)
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert articles["title"].tolist() == ["A", "C"]
    assert articles.loc[0, "text"] == "Line one.\nLine two."
    assert articles.loc[0, "outlet"] == "x.example"
    assert errors["line"].tolist() == [4]  # record B starts on physical line 4


def test_csv_semicolon_delimiter_and_case_insensitive_header(tmp_path):
    (tmp_path / "a.csv").write_text("Title;Text\nA;Body, with a comma.\n", encoding="utf-8")
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert errors.empty and articles.loc[0, "text"] == "Body, with a comma."


def test_columns_mapping_for_csv_and_jsonl(tmp_path):
    (tmp_path / "a.csv").write_text("headline,body,site\nA,Body A.,Wire\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"headline": "B", "body": "Body B.", "site": "Ledger"}) + "\n")
    articles, errors = read_inputs(tmp_path, columns={"body": "text", "headline": "title", "site": "outlet"})
    assert errors.empty
    assert sorted(zip(articles["title"], articles["text"], articles["outlet"])) == [
        ("A", "Body A.", "Wire"), ("B", "Body B.", "Ledger")]


def test_columns_mapping_is_validated():
    with pytest.raises(SettingsError, match="reversed"):
        read_inputs([], columns={"text": "body"})


def test_published_parsed_or_nat_never_an_error(tmp_path):
    recs = [{"text": "a", "published": "2024-03-05T10:00:00+02:00"}, {"text": "b", "published": "March 5, 2024"},
            {"text": "c", "published": "last Tuesday"}, {"text": "d", "published": "1200-01-01"},
            {"text": "e", "published": 1709632800}, {"text": "f"}, {"text": "g", "published": "1709632800000"}]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    articles, errors = read_inputs(tmp_path)
    assert errors.empty
    assert str(articles["published"].dtype) == "datetime64[ns]"
    got = [None if pd.isna(t) else str(t) for t in articles["published"]]
    assert got == ["2024-03-05 08:00:00", "2024-03-05 00:00:00", None, None, "2024-03-05 10:00:00", None,
                   "2024-03-05 10:00:00"]


def test_articles_table_has_schema_columns(nested):
    articles, errors = read_inputs(nested)
    assert list(articles.columns) == list(COLUMNS["articles"])
    assert list(errors.columns) == list(COLUMNS["errors"])
    assert articles["article_id"].is_unique


# --- ids ----------------------------------------------------------------------------------------------------

def test_ids_are_stable_across_runs_spellings_and_locations(nested, tmp_path, monkeypatch):
    first = read_inputs(nested)[0].set_index("article_id")["text"]
    again = read_inputs(nested)[0].set_index("article_id")["text"]
    monkeypatch.chdir(nested.parent)
    relative = read_inputs("news")[0].set_index("article_id")["text"]
    dotted = read_inputs("./news/")[0].set_index("article_id")["text"]
    absolute = read_inputs(str(nested.resolve()))[0].set_index("article_id")["text"]
    moved = shutil.copytree(nested, tmp_path / "elsewhere" / "renamed")
    elsewhere = read_inputs(moved)[0].set_index("article_id")["text"]
    for other in (again, relative, dotted, absolute, elsewhere):
        assert other.sort_index().equals(first.sort_index())


def test_id_changes_with_text_and_record(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Same."}) + "\n" + json.dumps({"text": "Same."}) + "\n")
    articles, errors = read_inputs(tmp_path)
    assert errors.empty and articles["article_id"].nunique() == 2
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Same!"}) + "\n" + json.dumps({"text": "Same."}) + "\n")
    changed = read_inputs(tmp_path)[0]
    assert changed.loc[0, "article_id"] != articles.loc[0, "article_id"]
    assert changed.loc[1, "article_id"] == articles.loc[1, "article_id"]


def test_same_id_whatever_the_batch(nested):
    files, _ = find_inputs(nested)
    one_by_one = sorted(read_file(p, root)[0][0]["article_id"] for p, root in files)
    assert one_by_one == sorted(read_inputs(nested)[0]["article_id"])


def test_same_file_given_twice_is_read_once(nested):
    articles, errors = read_inputs([nested, nested / "harbor-wire" / "a.txt", nested])
    assert errors.empty and len(articles) == 2


# --- outlets --------------------------------------------------------------------------------------------------

def test_outlet_from_folder_names(nested):
    arts = by_name(read_inputs(nested)[0])
    assert arts["a.txt"]["outlet"] == "harbor-wire"  # the folder the file sits in
    assert arts["top.md"]["outlet"] == "news"  # directly in the input root: the root's own name


def test_outlet_from_root_name_even_when_given_as_dot(nested, monkeypatch):
    monkeypatch.chdir(nested)
    arts = by_name(read_inputs(".")[0])
    assert arts["top.md"]["outlet"] == "news"


def test_outlet_given_beats_url_beats_folder(tmp_path):
    recs = [{"text": "a", "outlet": "Wire", "url": "https://www.x.example/1"},
            {"text": "b", "url": "https://www.x.example/2"}, {"text": "c", "url": "not a url"}, {"text": "d"}]
    (tmp_path / "feed").mkdir()
    (tmp_path / "feed" / "a.jsonl").write_text("\n".join(json.dumps(r) for r in recs))
    articles, _ = read_inputs(tmp_path / "feed")
    assert articles["outlet"].tolist() == ["Wire", "x.example", "feed", "feed"]


# --- other inputs ---------------------------------------------------------------------------------------------

def test_dataframe_input(tmp_path):
    df = pd.DataFrame({"body": ["First.", "", "Third."], "headline": ["A", "B", "C"]}, index=[10, 11, 12])
    articles, errors = read_inputs(df, columns={"body": "text", "headline": "title"})
    assert articles["title"].tolist() == ["A", "C"]
    assert len(errors) == 1 and "row 11" in errors.loc[0, "error"]
    assert read_inputs(df, columns={"body": "text", "headline": "title"})[0]["article_id"].equals(
        articles["article_id"])


def test_loaded_articles_table_can_be_loaded_again_with_same_ids(nested):
    articles, _ = read_inputs(nested)
    again, errors = read_inputs(articles)
    assert errors.empty
    assert again["article_id"].tolist() == articles["article_id"].tolist()
    assert again["path"].tolist() == articles["path"].tolist()


def test_dataframe_with_missing_values_and_aware_dates():
    df = pd.DataFrame({"text": pd.array(["a", "b", pd.NA], dtype="string"),
                       "author": pd.array([pd.NA, "Jo", "x"], dtype="string"),
                       "published": [pd.NaT, pd.Timestamp("2024-01-01", tz="Europe/Berlin"), pd.NaT]})
    articles, errors = read_inputs(df)
    assert articles["text"].tolist() == ["a", "b"] and len(errors) == 1
    assert articles["author"].isna().tolist() == [True, False]
    assert articles.loc[1, "published"] == pd.Timestamp("2023-12-31 23:00")


def test_dataframe_and_paths_together(nested):
    df = generate_articles(3, seed=2)
    articles, errors = read_inputs([df, nested])
    assert errors.empty and len(articles) == 5


def test_glob_input_matches_folder_ids(nested, monkeypatch):
    monkeypatch.chdir(nested.parent)
    by_glob = read_inputs("news/**/*.txt")[0]
    assert by_name(by_glob).keys() == {"a.txt"}
    by_folder = by_name(read_inputs("news")[0])
    assert by_glob.loc[0, "article_id"] == by_folder["a.txt"]["article_id"]
    _, errors = read_inputs("news/*.pdf")
    assert "no files match" in errors.loc[0, "error"]


def test_newslabignore_and_exclude_leave_files_out(nested):
    (nested / "answer_key.csv").write_text("file,source\na.txt,Diaz\n")
    (nested / "README.md").write_text("# About this folder\n")
    articles, errors = read_inputs(nested)
    assert len(errors) == 1  # the answer key has no text column; README is skipped silently
    assert read_inputs(nested, exclude=["*_key.csv"])[1].empty
    (nested / ".newslabignore").write_text("# not articles\nanswer_key.csv\nharbor-wire/\n")
    articles, errors = read_inputs(nested)
    assert errors.empty and by_name(articles).keys() == {"top.md"}


def test_progress_bar_on_stderr_for_many_files(tmp_path, capsys):
    write_corpus(tmp_path / "many", 12, format="txt")
    read_inputs(tmp_path / "many", progress=True)
    assert "reading" in capsys.readouterr().err
    read_inputs(tmp_path / "many", progress=False)
    assert capsys.readouterr().err == ""


def test_load_returns_corpus_with_sentences(nested):
    corpus = newslab.load(nested, progress=False)
    assert len(corpus.articles) == 2 and len(corpus.sentences) > 0
    assert set(corpus.sentences["article_id"]) <= set(corpus.articles["article_id"])


def test_load_with_nothing_readable_returns_errors_only(tmp_path):
    corpus = newslab.load(tmp_path / "missing", progress=False)
    assert corpus.articles.empty and len(corpus.errors) == 1


# --- synthetic corpus ---------------------------------------------------------------------------------------

def test_synthetic_corpus_is_deterministic_and_loads(tmp_path):
    a = generate_articles(20, seed=3)
    assert a.equals(generate_articles(20, seed=3)) and not a.equals(generate_articles(20, seed=4))
    assert a["outlet"].nunique() > 2
    write_corpus(tmp_path / "txt", 20, seed=3)
    write_corpus(tmp_path / "jl", 20, seed=3, format="jsonl")
    txt, e1 = read_inputs(tmp_path / "txt")
    jl, e2 = read_inputs(tmp_path / "jl")
    assert e1.empty and e2.empty and len(txt) == len(jl) == 20
    assert sorted(jl["text"]) == sorted(a["text"])
    assert jl["published"].notna().all()


def test_sample_corpus_loads_without_crashing():
    sample = REPO / "data" / "sample"
    if not sample.is_dir() or not any(sample.iterdir()):
        pytest.skip("sample corpus not present")
    articles, errors = read_inputs(sample)
    assert len(articles) >= 12
    assert articles["outlet"].notna().all() and articles["title"].notna().all()
    assert not any(os.path.basename(p).endswith((".html", ".txt", ".jsonl")) for p in errors["path"])


# --- encodings of record files ------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_csv_in_excel_encodings(tmp_path, encoding):
    content = 'title,text\r\nCaf\u00e9 news,"\u201cGood,\u201d said Ren\u00e9e."\r\n'
    (tmp_path / "a.csv").write_bytes(content.encode(encoding))
    articles, errors = read_inputs(tmp_path / "a.csv")
    assert errors.empty, errors["error"].tolist()
    assert articles.loc[0, "title"] == "Caf\u00e9 news"
    assert articles.loc[0, "text"] == "\u201cGood,\u201d said Ren\u00e9e."


def test_jsonl_in_legacy_encoding_after_a_plain_ascii_start(tmp_path, monkeypatch):
    import newslab.io.readers

    monkeypatch.setattr(newslab.io.readers, "SNIFF_BYTES", 64)  # the sample sees only ASCII
    lines = [json.dumps({"text": "Plain ASCII text for the first record, long enough."}),
             json.dumps({"text": "Le caf\u00e9 \u00e9tait bon."}, ensure_ascii=False)]
    (tmp_path / "a.jsonl").write_bytes("\n".join(lines).encode("cp1252"))
    articles, errors = read_inputs(tmp_path)
    assert errors.empty and articles.loc[1, "text"] == "Le caf\u00e9 \u00e9tait bon."


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_records_without_any_text_field_give_one_error_with_a_hint(tmp_path, suffix):
    recs = [{"headline": f"H{i}", "body": f"Body {i}."} for i in range(5)]
    content = "\n".join(json.dumps(r) for r in recs) if suffix == ".jsonl" else json.dumps(recs)
    (tmp_path / f"a{suffix}").write_text(content)
    articles, errors = read_inputs(tmp_path)
    assert articles.empty and len(errors) == 1
    assert "'headline', 'body'" in errors.loc[0, "error"] and "columns={'body': 'text'}" in errors.loc[0, "error"]
    assert len(read_inputs(tmp_path, columns={"body": "text"})[0]) == 5


def test_synthetic_html_pages_load_with_their_metadata(tmp_path):
    df = generate_articles(3, seed=5)
    write_corpus(tmp_path, 3, seed=5, format="html")
    articles, errors = read_inputs(tmp_path)
    assert errors.empty
    assert sorted(articles["title"]) == sorted(df["title"])
    assert sorted(articles["outlet"]) == sorted(df["outlet"])
    assert all("Most read" not in t and "All rights reserved" not in t for t in articles["text"])
