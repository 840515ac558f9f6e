"""Real corpora: what each file is (metadata.csv sidecar, file-name patterns, URL host), clean outlets and
titles from web pages (issue 13, items 1 and 2)."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab.errors import SettingsError
from newslab.load import read_inputs
from newslab.pagemeta import site_name, strip_site

TEXT = "Harbour reopens\n\nThe port reopened on Monday, officials said.\n"


def _flat(tmp_path, names):
    folder = tmp_path / "scraped"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(TEXT + name, encoding="utf-8")
    return folder


def test_metadata_csv_says_what_each_file_is(tmp_path):
    folder = _flat(tmp_path, ["a.txt", "b.txt", "c.txt"])
    (folder / "metadata.csv").write_text(
        "file,outlet,published,url,title,author\n"
        "a.txt,Harbor Wire,2024-03-05,https://harborwire.example/a,Port reopens,Ann Lee\n"
        "b.txt,,2024-03-07,https://www.meridian.example/b,,\n", encoding="utf-8")
    arts, errs = read_inputs(folder, progress=False)
    assert errs.empty  # the sidecar is neither an article nor an error
    rows = arts.set_index(arts["path"].str.rsplit("/", n=1).str[-1])
    assert list(rows.index) == ["a.txt", "b.txt", "c.txt"]
    assert rows.loc["a.txt", ["outlet", "title", "author", "url"]].tolist() == [
        "Harbor Wire", "Port reopens", "Ann Lee", "https://harborwire.example/a"]
    assert rows.loc["a.txt", "published"] == pd.Timestamp("2024-03-05")
    assert rows.loc["b.txt", "outlet"] == "meridian.example"  # only a URL: its host
    assert rows.loc["b.txt", "title"] == "Harbour reopens"  # empty cell: the file's own first line
    assert rows.loc["c.txt", "outlet"] == "scraped" and pd.isna(rows.loc["c.txt", "published"])


def test_metadata_tsv_in_a_parent_folder_names_files_by_relative_path(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "wire").mkdir(parents=True)
    (folder / "wire" / "x.txt").write_text(TEXT, encoding="utf-8")
    (folder / "metadata.tsv").write_text("filename\toutlet\tpublished\nwire/x.txt\tThe Lantern\t20240102\n",
                                         encoding="utf-8")
    arts, errs = read_inputs(folder, progress=False)
    assert errs.empty and arts.loc[0, "outlet"] == "The Lantern"
    assert arts.loc[0, "published"] == pd.Timestamp("2024-01-02")


def test_a_sidecar_without_a_file_column_is_reported_once(tmp_path):
    folder = _flat(tmp_path, ["a.txt", "b.txt"])
    (folder / "metadata.csv").write_text("outlet,published\nX,2024-01-01\n", encoding="utf-8")
    arts, errs = read_inputs(folder, progress=False)
    assert len(arts) == 2 and len(errs) == 1 and "needs a 'file' column" in errs.loc[0, "error"]


def test_file_pattern_reads_dates_and_outlets_from_file_names(tmp_path):
    folder = _flat(tmp_path, ["2024-03-05_harborwire_port.txt", "20240306_lantern_port.txt", "notes.txt"])
    pattern = r"^(?P<published>\d{4}-?\d{2}-?\d{2})_(?P<outlet>[^_]+)_"
    arts, _ = read_inputs(folder, progress=False, file_pattern=pattern)
    got = {p.rsplit("/", 1)[-1]: (o, d) for p, o, d in zip(arts["path"], arts["outlet"], arts["published"])}
    assert got["2024-03-05_harborwire_port.txt"] == ("harborwire", pd.Timestamp("2024-03-05"))
    assert got["20240306_lantern_port.txt"] == ("lantern", pd.Timestamp("2024-03-06"))
    assert got["notes.txt"][0] == "scraped" and pd.isna(got["notes.txt"][1])
    with pytest.raises(SettingsError, match="named groups"):
        read_inputs(folder, progress=False, file_pattern=r"(\d+)")


@pytest.mark.parametrize("given, url, expected", [
    ("The Harbor Wire", "https://harborwire.example/a", "The Harbor Wire"),
    ("Copyright 2014", "https://harborwire.example/a", None),
    ("https://www.harborwire.example", "https://harborwire.example/a", None),
    ("Hosted", "https://hosted.wire.example/a", None),
    ("Lantern | the valley's favourite news site", None, "Lantern"),
    ("Lantern_", None, "Lantern"),
])
def test_site_name_keeps_names_and_rejects_furniture(given, url, expected):
    assert site_name(given, url) == expected


@pytest.mark.parametrize("title, names, url, expected", [
    ("Port reopens | Harbor Wire", ["Harbor Wire"], None, "Port reopens"),
    ("Port reopens - The Valley Lantern - News of the Valley", ["The Valley Lantern - News of the Valley"], None,
     "Port reopens"),
    ("Port reopens – harborwire", [], "https://www.harborwire.example/x", "Port reopens"),
    ("Harbor Wire: Port reopens", ["Harbor Wire"], None, "Port reopens"),
    ("Harbor Wire view on ports: a city on the brink | Editorial", ["Harbor Wire"], None,
     "Harbor Wire view on ports: a city on the brink | Editorial"),
    ("Take care - harborwire at the fair 2018", ["Harborwire"], None, "Take care - harborwire at the fair 2018"),
    ("Harbor Wire", ["Harbor Wire"], None, "Harbor Wire"),
])
def test_strip_site_removes_only_the_site_name(title, names, url, expected):
    assert strip_site(title, names, url) == expected


def test_html_page_outlet_and_title(tmp_path):
    page = ("<html><head><title>Port reopens after storm | Harbor Wire</title>"
            '<meta property="og:site_name" content="Copyright 2014">'
            '<link rel="canonical" href="https://www.harborwire.example/port"></head><body><article>'
            + "<p>The port reopened on Monday after the storm, officials said in a statement.</p>" * 5
            + "</article></body></html>")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "port.html").write_text(page, encoding="utf-8")
    arts, errs = read_inputs(tmp_path / "news", progress=False)
    assert errs.empty
    assert arts.loc[0, "outlet"] == "harborwire.example"
    assert arts.loc[0, "title"] == "Port reopens after storm"
