"""Widget callbacks driven from Python: set values, click buttons, check the Output and the DataFrame behind it."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pandas as pd
import pytest
from chart_corpus import EVIL, make_corpus

from newslab.io.corpus import Corpus
from newslab.ui import widgets


@pytest.fixture()
def corpus() -> Corpus:
    return make_corpus()


def _png(out) -> str:
    return out.outputs[0]["data"]["image/png"]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _live_tags(markup: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(markup)
    return parser.tags


def test_top_slider_updates_on_release_and_redraws(corpus):
    explorer = widgets.source_frequency_explorer(corpus, top=10)
    assert explorer.top.continuous_update is False
    assert len(explorer.view) == 4
    before = _png(explorer.chart)
    explorer.top.value = 2
    assert explorer.view["source"].tolist() == ["Health Ministry", "Mayor Lee"]
    assert len(explorer.figure.axes[0].patches) == 2
    assert _png(explorer.chart) != before
    assert "Health Ministry" in explorer.table.outputs[0]["data"]["text/html"]
    assert "2 of 4 sources shown" in explorer.status.value


def test_filters_change_the_view(corpus):
    explorer = widgets.source_frequency_explorer(corpus)
    assert explorer.filters.outlet.options[0] == ("All outlets", "")
    assert explorer.filters.outlet.label == "All outlets"  # the dropdown shows its "no filter" choice
    explorer.filters.outlet.value = "Indie"
    assert explorer.view["source"].tolist() == ["Dr Ana Cruz", "anonymous official"]
    assert "outlet: Indie" in explorer.figure.axes[0].get_title()
    explorer.filters.outlet.value = ""
    explorer.filters.source_type.value = "anonymous"
    assert explorer.view["attributions"].tolist() == [2]
    explorer.filters.source_type.value = ""
    explorer.filters.search.value = "cruz"
    assert explorer.view["source"].tolist() == ["Dr Ana Cruz"]
    explorer.filters.search.value = ""
    explorer.filters.since.value = dt.date(2024, 4, 1)
    assert explorer.view["source"].tolist() == ["Dr Ana Cruz", "anonymous official"]
    explorer.filters.reset.click()
    assert explorer.filters.since.value is None
    assert len(explorer.view) == 4


def test_filters_with_no_match_show_no_data_not_an_error(corpus):
    explorer = widgets.source_frequency_explorer(corpus)
    explorer.filters.search.value = "nobody by this name"
    assert explorer.view.empty
    assert "⚠" not in explorer.status.value
    texts = [t.get_text() for t in explorer.figure.axes[0].texts]
    assert "no data" in texts


def test_export_buttons_write_files_and_report_the_path(corpus, tmp_path):
    explorer = widgets.source_frequency_explorer(corpus)
    explorer.top.value = 3
    explorer.export.folder.value = str(tmp_path / "out")
    explorer.export.csv.click()
    written = list((tmp_path / "out").glob("source_frequency_*.csv"))
    assert len(written) == 1
    assert str(written[0].resolve()) in explorer.export.status.value
    assert pd.read_csv(written[0])["source"].tolist() == explorer.view["source"].tolist()
    explorer.export.png.click()
    png = list((tmp_path / "out").glob("source_frequency_*.png"))
    assert len(png) == 1 and png[0].read_bytes().startswith(b"\x89PNG")
    explorer.export.csv.click()  # a second export never overwrites the first
    assert len(list((tmp_path / "out").glob("*.csv"))) == 2


def test_export_to_an_unwritable_place_says_so(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    explorer = widgets.source_frequency_explorer(corpus)
    explorer.export.folder.value = str(blocker / "sub")
    explorer.export.csv.click()
    assert "Could not export" in explorer.export.status.value


def test_share_of_voice_toggle_switches_what_is_split(corpus):
    explorer = widgets.share_of_voice_explorer(corpus, top=2)
    assert "other" in set(explorer.view["source"])
    explorer.split.value = "source_type"
    assert set(explorer.view["source_type"]) == {"official", "expert", "anonymous"}
    assert "Source types" in explorer.figure.axes[0].get_title()


def test_framing_explorer_measures(corpus):
    explorer = widgets.framing_explorer(corpus)
    assert "doubt" in set(explorer.view["cue_class"])
    explorer.measure.value = "anonymity"
    assert explorer.view.set_index("outlet").loc["Indie", "share"] == pytest.approx(0.5)
    explorer.measure.value = "hedges"
    assert explorer.view.set_index("outlet")["hedged"].to_dict() == {"Indie": 1, "State TV": 0, "Wire": 0}
    assert "Hedged attributions" in explorer.figure.axes[0].get_title()
    explorer.filters.outlet.value = "Wire"
    assert explorer.view["outlet"].tolist() == ["Wire"]


def test_timeline_explorer_period(corpus):
    explorer = widgets.timeline_explorer(corpus)
    explorer.freq.value = "M"
    assert explorer.view["attributions"].sum() == 11
    assert len(explorer.view["period"].unique()) == 2


def test_choosing_a_stance_cell_lists_its_evidence(corpus):
    explorer = widgets.stance_explorer(corpus)
    assert explorer.cell.label == "(choose a cell)" and explorer.evidence.empty
    explorer.cell.value = ("Dr Ana Cruz", "the plan")
    assert sorted(explorer.evidence["evidence"]) == ["Dr Ana Cruz revealed the data.", "Dr Ana Cruz said no."]
    assert "Dr Ana Cruz revealed the data." in explorer.evidence_out.outputs[0]["data"]["text/html"]
    explorer.filters.outlet.value = "Indie"  # the cell survives a filter change; its evidence is filtered too
    assert explorer.evidence["evidence"].tolist() == ["Dr Ana Cruz revealed the data."]


def test_article_reader_highlights_sources_with_the_cue_on_hover(corpus):
    reader = widgets.article_reader(corpus, "w1")
    spans = [attrs for tag, attrs in _live_tags(reader.html.value) if attrs.get("class") == "newslab-sentence"]
    assert len(spans) == 4
    assert spans[0]["title"] == "Mayor Lee (official) — cue: “said” (neutral)"
    assert spans[2]["title"] == "the author's own voice"
    assert spans[0]["style"] == spans[3]["style"] != spans[1]["style"]
    reader.article.value = "i1"
    assert reader.view["source"].tolist()[:2] == ["Dr Ana Cruz", "anonymous official"]
    assert "Dr Ana Cruz (expert) — cue: “revealed” (assertive)" in reader.html.value
    assert len(reader.figure.axes[0].patches) == 3


def test_article_reader_escapes_markup_in_articles(corpus):
    reader = widgets.article_reader(corpus, "s2")
    value = reader.html.value
    tags = {tag for tag, _ in _live_tags(value)}
    assert "script" not in tags and "img" not in tags
    assert not any(k.startswith("on") for _, attrs in _live_tags(value) for k in attrs)
    assert "&lt;script&gt;" in value and "&lt;img src=x onerror=alert(1)&gt;" in value


def test_markup_in_titles_sources_and_cues_is_escaped(corpus):
    corpus.articles.loc[corpus.articles["article_id"] == "w1", "title"] = "<img src=x onerror=alert(2)>"
    corpus.articles.loc[corpus.articles["article_id"] == "w1", "outlet"] = "<script>bad()</script>"
    corpus.sources.loc[0, "source"] = '"><script>alert(3)</script>'
    corpus.sources.loc[0, "cue_class"] = "<b onmouseover=x>"
    reader = widgets.article_reader(corpus, "w1")
    tags = _live_tags(reader.html.value)
    assert {t for t, _ in tags} <= {"div", "h3", "p", "span", "u", "b"}
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    explorer = widgets.source_frequency_explorer(corpus)
    table = explorer.table.outputs[0]["data"]["text/html"]
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert EVIL not in reader.html.value


def test_corpus_picker_loads_and_feeds_an_explorer(corpus, tmp_path):
    corpus.to_dir(tmp_path / "tables")
    explorer = widgets.source_frequency_explorer(Corpus())
    assert explorer.view.empty
    picker = widgets.corpus_picker(str(tmp_path / "tables"), on_load=explorer.set_corpus)
    picker.button.click()
    assert picker.corpus is not None and len(picker.corpus.articles) == 5
    assert "Loaded 5 articles" in picker.status.value
    assert explorer.view["attributions"].sum() == 11
    assert "Indie" in [v for _, v in explorer.filters.outlet.options]


def test_corpus_picker_reports_errors_in_plain_words(tmp_path):
    picker = widgets.corpus_picker(str(tmp_path / "missing"))
    assert picker.load() is None
    assert "no such file or folder" in picker.status.value
    assert picker.button.disabled is False
    (tmp_path / "empty").mkdir()
    picker.path.value = str(tmp_path / "empty")
    picker.button.click()
    assert "Could not load" in picker.status.value


def test_explorer_accepts_a_path(corpus, tmp_path):
    corpus.to_dir(tmp_path / "t", format="parquet")
    explorer = widgets.source_frequency_explorer(str(tmp_path / "t"), top=1)
    assert explorer.view["source"].tolist() == ["Health Ministry"]


def test_article_reader_find_narrows_the_list(corpus):
    reader = widgets.article_reader(corpus)
    assert len(reader.article.options) == 5
    reader.find.value = "ministry"
    assert sorted(v for _, v in reader.article.options) == ["s1", "s2"]
    assert reader.article.value in ("s1", "s2") and reader.view["source"].iloc[0] == "Health Ministry"
    reader.find.value = "no such title"
    assert reader.article.value is None and reader.view.empty


def test_stance_evidence_marks_the_deciding_words_and_escapes_markup():
    rows = pd.DataFrame({"outlet": ["Wire"], "title": ["<i>T</i>"], "stance": ["against"], "score": [-0.8],
                         "evidence": ['Cruz said the <script>x</script> mayor lied & hid it.'],
                         "evidence_marks": ["39:43 46:49"]})
    markup = widgets.evidence_html(rows)
    assert "<mark>lied</mark>" in markup and "<mark>hid</mark>" in markup
    assert "<script>" not in markup and "&lt;script&gt;" in markup and "&lt;i&gt;T&lt;/i&gt;" in markup
    assert widgets.mark_words("a b", "9:12 x:y") == "a b"  # spans outside the sentence are ignored


def test_the_corpus_picker_feeds_the_explorer_and_the_article_reader(corpus, tmp_path):
    """Notebook 02 wires its picker to both: loading another corpus must change what the reader lists too."""
    corpus.to_dir(tmp_path / "tables")
    first = corpus.articles["article_id"].iloc[0]
    small = Corpus.from_tables(errors=corpus.errors, **{name: getattr(corpus, name).loc[
        lambda t: t["article_id"] == first] for name in ("articles", "sentences", "sources", "stances")})
    explorer = widgets.source_frequency_explorer(small)
    reader = widgets.article_reader(small)
    assert len(reader.article.options) == 1
    picker = widgets.corpus_picker(str(tmp_path / "tables"), on_load=explorer.set_corpus)
    picker.on_load(reader.set_corpus)
    picker.button.click()
    assert len(reader.article.options) == 5 and reader.corpus is picker.corpus
    assert explorer.view["attributions"].sum() == 11


def test_progress_in_a_notebook_cell_ends_empty_and_warnings_still_reach_stderr():
    """The loader's bar is shown in the cell and emptied at the end: no empty stderr box is left behind."""
    import io

    shown: list[dict] = []

    class Handle:
        def update(self, data, raw=False):
            shown.append(data)

    stderr = io.StringIO()
    stream = widgets._CellProgress(stderr)
    stream._display = lambda data, raw=False, display_id=False: shown.append(data) or Handle()
    stream.write("\rreading:   8%|▊         | 1/13")
    stream.write("\rreading:  54%|█████▍    | 7/13")
    stream.write("a warning\n")
    stream.write("\r" + " " * 40)
    stream.write("\r")
    stream.close()
    assert [d["text/plain"] for d in shown] == ["reading:   8%|▊         | 1/13", "reading:  54%|█████▍    | 7/13", ""]
    assert stderr.getvalue() == "a warning\n"
