"""Real corpora: what each file is (metadata.csv sidecar, file-name patterns, URL host), clean outlets and
titles from web pages (issue 13, items 1 and 2)."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab.errors import SettingsError
from newslab.io.load import read_inputs
from newslab.io.pagemeta import site_name, strip_site

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


GERMAN = ("Der Hafen wurde am Montag nach dem Sturm wieder geöffnet, sagte Bürgermeisterin Ana Ruiz. "
          "„Wir sind froh“, sagte sie am Dienstag vor Journalisten in der Stadt.")
ENGLISH = ('The port reopened on Monday after the storm, Mayor Ana Ruiz said. "We are glad," she told '
           "reporters in the town on Tuesday.")


def test_language_column_and_non_english_articles_kept_out_of_english_only_steps(tmp_path):
    import newslab
    from newslab.ui.cli import main

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "en.txt").write_text("Port\n\n" + ENGLISH, encoding="utf-8")
    (folder / "de.txt").write_text("Hafen\n\n" + GERMAN, encoding="utf-8")
    (folder / "short.txt").write_text("Port\n\nIt rained.", encoding="utf-8")
    corpus = newslab.load(folder, progress=False)
    lang = dict(zip(corpus.articles["path"].str.rsplit("/", n=1).str[-1], corpus.articles["language"]))
    assert lang["en.txt"] == "en" and lang["de.txt"] == "de" and pd.isna(lang["short.txt"])
    de_id = corpus.articles.loc[corpus.articles["language"] == "de", "article_id"].iloc[0]
    assert (corpus.sentences["article_id"] == de_id).sum() >= 2  # its sentences are kept ...
    assert not (corpus.sources["article_id"] == de_id).any()  # ... but nobody is "said" in German rules
    assert (corpus.sources["source"] == "Ana Ruiz").any()  # the English article is analysed
    notes = corpus.errors[corpus.errors["error"].str.contains("not English")]
    assert len(notes) == 1 and "de.txt" in notes["error"].iloc[0] and "'de'" in notes["error"].iloc[0]
    # the extract command gives the same tables and the same note
    assert main(["extract", str(folder), "--out", str(tmp_path / "out")]) == 0
    stored = newslab.open(tmp_path / "out")
    assert sorted(stored.articles["language"].fillna("").tolist()) == sorted(
        corpus.articles["language"].fillna("").tolist())
    assert len(stored.sources) == len(corpus.sources)
    assert stored.errors["error"].str.contains("not English").sum() == 1


def test_language_detection_on_paragraphs():
    from newslab.text.language import detect

    assert detect(ENGLISH) == "en" and detect(GERMAN) == "de"
    assert detect("Le port a rouvert lundi après la tempête, a déclaré la maire Ana Ruiz aux journalistes.") == "fr"
    assert detect("Rain.") is None


def test_plain_english_is_told_without_the_detector_and_other_languages_still_reach_it(monkeypatch):
    import py3langid

    from newslab.text import language

    calls = []
    real = py3langid.classify
    monkeypatch.setattr(py3langid, "classify", lambda text: calls.append(text) or real(text))
    english = " ".join([ENGLISH] * 3)  # about 60 words, a third of them marker words
    assert language.detect(english) == "en" and calls == []  # the marker words decided
    # the same words in other languages: the detector decides
    dutch = ("De haven is maandag na de storm weer opengegaan, zei burgemeester Ana Ruiz. Of de schade groot was, "
             "wist zij nog niet; het water stond hoog en de kades waren dicht tot het einde van de week, zei zij "
             "tegen verslaggevers in de stad.")
    assert language.detect(dutch) == "nl" and len(calls) == 1
    assert language.detect(" ".join([GERMAN] * 3)) == "de" and len(calls) == 2
    # an English quotation in a text of another language does not make it English
    assert not language.plainly_english(dutch + ' "The storm was worse than we feared," she said.')


@pytest.mark.parametrize("line, flagged", [
    ("Ana Ruiz contributed reporting from Lima.", True),
    ("SOURCE: Harbor Wire and agencies", True),
    ("Related post: Ten ways to pickle a pear", True),
    ("You may also like:", True),
    ("Also on harborwire.example Port strike ends after talks", True),
    ("See it now: Harbor Store", True),
    ("Tell us what YOU think...", True),
    ("The source said the port would reopen.", False),
    ("Leave a comment and let us know which port you like best.", False),
    ("She contributed to the fund in 2019.", False),
])
def test_boilerplate_credit_and_link_lines(line, flagged):
    from newslab.text.segment import is_boilerplate

    assert is_boilerplate(line) is flagged


def test_explorers_say_plainly_when_dates_and_outlets_are_missing(tmp_path):
    import newslab
    from newslab.ui import widgets

    folder = _flat(tmp_path, ["a.txt", "b.txt"])
    corpus = newslab.load(folder, progress=False)
    explorer = widgets.source_frequency_explorer(corpus)
    import html

    note = html.unescape(explorer.note.value)
    assert "No article has a publication date" in note
    assert "same outlet ('scraped'" in note and "metadata.csv" in note
    (folder / "metadata.csv").write_text("file,outlet,published\na.txt,Harbor Wire,2024-03-05\n"
                                         "b.txt,The Lantern,2024-03-06\n", encoding="utf-8")
    explorer.set_corpus(newslab.load(folder, progress=False))
    assert explorer.note.value == ""
