"""Charts and the numbers behind them, checked on a hand-made corpus with known counts (tests/chart_corpus.py)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from chart_corpus import make_corpus
from matplotlib.figure import Figure

from newslab.analysis import aggregates as agg
from newslab.io.corpus import Corpus
from newslab.ui import plots


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return make_corpus()


def _texts(fig: Figure) -> str:
    return " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


# --- aggregates ---------------------------------------------------------------------------------------------


def test_source_frequency_counts_and_order(corpus):
    view = agg.source_frequency(corpus, top=3)
    assert view["source"].tolist() == ["Health Ministry", "Mayor Lee", "Dr Ana Cruz"]
    assert view["attributions"].tolist() == [4, 3, 2]
    assert view["articles"].tolist() == [3, 2, 2]
    assert view["outlets"].tolist() == [2, 1, 2]
    assert view["source_type"].tolist() == ["official", "official", "expert"]
    assert view["share"].iloc[0] == pytest.approx(4 / 11)


def test_source_frequency_filters(corpus):
    assert agg.source_frequency(corpus, outlet="Indie")["source"].tolist() == ["Dr Ana Cruz", "anonymous official"]
    assert agg.source_frequency(corpus, outlet=["Indie", "Wire"])["attributions"].sum() == 7
    assert agg.source_frequency(corpus, source_type="anonymous")["attributions"].tolist() == [2]
    assert agg.source_frequency(corpus, search="ana")["source"].tolist() == ["Dr Ana Cruz"]
    # dates are inclusive on both ends: 2024-03-02 (s1) .. 2024-03-20 (s2) plus w2 on 03-05
    dated = agg.source_frequency(corpus, since="2024-03-02", until="2024-03-20")
    assert dated["attributions"].sum() == 4 + 2
    assert agg.source_frequency(corpus, outlet="Nobody").empty


def test_share_of_voice_sums_to_one_per_outlet_and_pools_other(corpus):
    view = agg.share_of_voice(corpus, top=2)
    assert set(view["source"]) == {"Health Ministry", "Mayor Lee", "other"}
    sums = view.groupby("outlet")["share"].sum()
    assert sums.to_numpy() == pytest.approx([1.0, 1.0, 1.0])
    wire = view[view["outlet"] == "Wire"].set_index("source")["attributions"]
    assert wire.to_dict() == {"Mayor Lee": 3, "Health Ministry": 1, "other": 1}


def test_framing_aggregates(corpus):
    cues = agg.cue_classes_by_outlet(corpus)
    state = cues[cues["outlet"] == "State TV"].set_index("cue_class")["share"]
    assert state["doubt"] == pytest.approx(0.25)
    anon = agg.anonymity_by_outlet(corpus).set_index("outlet")
    assert anon.loc["Wire", "anonymous"] == 1 and anon.loc["Wire", "share"] == pytest.approx(0.2)
    assert anon.loc["State TV", "anonymous"] == 0
    types = agg.source_types_by_outlet(corpus)
    assert types[types["outlet"] == "Indie"]["share"].sum() == pytest.approx(1.0)


def test_the_widgets_cached_table_gives_the_corpus_numbers(corpus):
    """The widgets pass a cached attributions table; every outlet view gives what the corpus gives."""
    from newslab.analysis import framing

    table = agg.attributions(corpus)
    for view in (agg.source_types_by_outlet, agg.cue_classes_by_outlet, agg.anonymity_by_outlet):
        pd.testing.assert_frame_equal(view(table), view(corpus))
    for top in (None, 2):
        pd.testing.assert_frame_equal(agg.share_of_voice(table, top=top), agg.share_of_voice(corpus, top=top))
    balance = framing.sourcing_balance(corpus).set_index("outlet")["anonymous_share"]
    assert agg.anonymity_by_outlet(corpus).set_index("outlet")["share"].to_dict() == balance.to_dict()


def test_hedged_attributions_per_outlet(corpus):
    view = agg.hedging_by_outlet(corpus).set_index("outlet")
    assert view.loc["Indie", "hedged"] == 1 and view.loc["Indie", "share"] == pytest.approx(0.5)
    assert view.loc["Wire", "hedged"] == 0
    assert agg.hedging_by_outlet(corpus, outlet="Wire")["outlet"].tolist() == ["Wire"]


def test_attributions_in_boilerplate_are_left_out():
    c = make_corpus()
    c.sentences.loc[(c.sentences["article_id"] == "w2") & (c.sentences["sentence_id"] == 1), "boilerplate"] = True
    view = agg.source_frequency(c, top=None).set_index("source")["attributions"]
    assert view["anonymous official"] == 1  # the Wire one was in a boilerplate line
    assert view.sum() == 10


def test_attributions_over_time(corpus):
    view = agg.attributions_over_time(corpus, freq="M")
    by_month = view.groupby("period")["attributions"].sum()
    assert by_month.tolist() == [9, 2]  # March: 9 attributions, April: 2
    weekly = agg.attributions_over_time(corpus, by="source_type", freq="W")
    assert weekly["attributions"].sum() == 11


def test_stance_matrix_and_evidence(corpus):
    matrix = agg.stance_matrix(corpus).set_index(["source", "target"])
    assert matrix.loc[("Health Ministry", "the plan"), "n"] == 4
    assert matrix.loc[("Health Ministry", "the plan"), "score"] == pytest.approx(0.6)
    assert matrix.loc[("Dr Ana Cruz", "the plan"), "against"] == 2
    evidence = agg.stance_evidence(corpus, "Dr Ana Cruz", "the plan")
    assert sorted(evidence["evidence"]) == ["Dr Ana Cruz revealed the data.", "Dr Ana Cruz said no."]
    assert set(evidence["outlet"]) == {"State TV", "Indie"}


def test_who_speaks_marks_the_author_voice(corpus):
    table = agg.who_speaks(corpus, "w1")
    assert table["source"].tolist() == ["Mayor Lee", "Health Ministry", agg.AUTHOR, "Mayor Lee"]
    assert table.loc[0, "cue"] == "said" and table.loc[2, "cue_start"] == -1
    text = corpus.articles.set_index("article_id").loc["w1", "text"]
    assert text[table.loc[0, "cue_start"]:table.loc[0, "cue_end"]] == "said"


def test_missing_outlet_and_type_get_readable_labels():
    c = make_corpus()
    c.articles.loc[c.articles["article_id"] == "i1", "outlet"] = pd.NA
    c.sources.loc[0, "source_type"] = pd.NA
    assert agg.UNKNOWN_OUTLET in agg.outlets(c)
    assert agg.UNKNOWN_TYPE in set(agg.source_types_by_outlet(c)["source_type"])


# --- figures ------------------------------------------------------------------------------------------------


def test_source_frequency_figure_draws_the_view(corpus):
    fig = plots.source_frequency(corpus, top=3)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert widths == [4, 3, 2]
    labels = [t.get_text() for _, t in sorted(zip(ax.get_yticks(), ax.get_yticklabels()), key=lambda p: -p[0])]
    assert labels == ["Health Ministry", "Mayor Lee", "Dr Ana Cruz"]  # top to bottom: most cited on top
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    # bars coloured by source type: both officials share a colour, the expert has another
    colours = [p.get_facecolor() for p in ax.patches]
    assert colours[0] == colours[1] != colours[2]
    assert ax.get_legend().get_title().get_text() == "source type"


def test_top_changes_the_number_of_bars(corpus):
    assert len(plots.source_frequency(corpus, top=2).axes[0].patches) == 2
    assert len(plots.source_frequency(corpus, top=None).axes[0].patches) == 4


def test_stacked_bars_fill_each_outlet(corpus):
    fig = plots.share_of_voice(corpus, top=2)
    ax = fig.axes[0]
    # per outlet (y position), segment widths add up to 100%
    totals: dict[float, float] = {}
    for p in ax.patches:
        totals[round(p.get_y(), 3)] = totals.get(round(p.get_y(), 3), 0) + p.get_width()
    assert len(totals) == 3
    assert list(totals.values()) == pytest.approx([100.0] * 3)
    assert "Wire  (n=5)" in [t.get_text() for t in ax.get_yticklabels()]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "other"  # pooled sources come last, in grey


def test_every_chart_returns_a_titled_figure(corpus):
    for name, chart in plots.CHARTS.items():
        fig = chart(corpus)
        assert isinstance(fig, Figure), name
        assert fig.axes and fig.axes[0].get_title(), name


def test_stance_heatmap_cells(corpus):
    fig = plots.stance_heatmap(corpus)
    image = fig.axes[0].images[0]
    data = image.get_array()
    assert data.shape == (4, 2)  # 4 sources x 2 targets
    assert data.mask.sum() == 3  # only the Health Ministry spoke about "critics"
    assert image.get_clim() == (-1, 1)


def test_who_speaks_strip_one_block_per_sentence(corpus):
    fig = plots.who_speaks(corpus, "w1")
    patches = fig.axes[0].patches
    assert len(patches) == 4
    assert patches[0].get_facecolor() == patches[3].get_facecolor()  # Mayor Lee twice, same colour
    assert patches[2].get_facecolor() == matplotlib.colors.to_rgba(plots.GREY)  # the author's voice


def test_empty_data_gives_a_no_data_figure(corpus):
    empty = Corpus()
    for name, chart in plots.CHARTS.items():
        fig = chart(empty)
        assert "no data" in _texts(fig) or "no dated" in _texts(fig), name
    assert "no data" in _texts(plots.source_frequency(corpus, outlet="Nobody"))


def test_dollar_signs_are_not_read_as_maths():
    c = make_corpus()
    c.sources["source"] = c.sources["source"].replace("Mayor Lee", "$5bn Fund $ group")
    fig = plots.source_frequency(c)
    plots.to_png(fig)  # would raise on a mathtext parse error
    assert any("5bn Fund" in t.get_text() for t in fig.axes[0].get_yticklabels())


def test_save_all_writes_png_and_svg(corpus, tmp_path):
    paths = plots.save_all(corpus, tmp_path / "charts")
    names = {p.name for p in paths}
    for chart in plots.CHARTS:
        assert f"{chart}.png" in names and f"{chart}.svg" in names
    png = (tmp_path / "charts" / "source_frequency.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    svg = (tmp_path / "charts" / "source_frequency.svg").read_text(encoding="utf-8")
    assert "Health Ministry" in svg  # text kept as text: searchable, accessible
    numbers = pd.read_csv(tmp_path / "charts" / "source_frequency.csv")
    assert numbers["attributions"].tolist() == [4, 3, 2, 2]  # the numbers behind the bars, beside the chart
    assert set(plots.CHART_TABLES) == set(plots.CHARTS)


def test_no_pyplot_state_leaks(corpus):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for chart in plots.CHARTS.values():
        chart(corpus)
    assert plt.get_fignums() == before


def test_women_share_chart_shows_women_men_and_unknown_per_outlet():
    import newslab
    from newslab.analysis.aggregates import women_share

    sample = newslab.load(str(Path(__file__).resolve().parents[1] / "data" / "sample"), progress=False)
    table = women_share(sample)
    assert set(table["gender"]) == {"women", "men", "unknown"}
    assert table.groupby("outlet")["share"].sum().round(9).eq(1).all()
    known = table.loc[table["gender"] != "unknown", "attributions"].sum()
    assert known == sample.sources["gender"].notna().sum() - _boilerplate_people(sample) > 50
    fig = plots.women_share(sample)
    ax, ax_t = fig.axes[:2]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["women", "men", "unknown"]
    assert len(ax.patches) == 3 * table["outlet"].nunique()
    assert {line.get_label() for line in ax_t.get_lines()} == {"women (%)", "unknown (%)"}


def _boilerplate_people(corpus) -> int:
    """Attributions to people of known gender that sit in boilerplate sentences (analyses leave them out)."""
    src = corpus.sources[corpus.sources["gender"].notna()]
    flagged = corpus.sentences[corpus.sentences["boilerplate"]]
    keys = set(zip(flagged["article_id"], flagged["sentence_id"]))
    return sum((a, s) in keys for a, s in zip(src["article_id"], src["sentence_id"]))


def test_timeline_lines_visible_integer_ticks_and_undated_named():
    """Issue 13 item 11: the 'document' line was white, counts had fractional ticks, undated attributions
    vanished without a word."""
    from matplotlib.colors import to_rgb

    from newslab.ui.plots import draw_attributions_over_time

    view = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-02"]),
                         "source_type": ["document", "document", "official", "official"],
                         "attributions": [1, 2, 1, 1]})
    fig = draw_attributions_over_time(view, by="source_type", undated=3)
    ax = fig.axes[0]
    assert all(to_rgb(line.get_color()) != (1.0, 1.0, 1.0) for line in ax.get_lines())
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)
    assert any("3 attributions in undated articles not shown" in t.get_text() for t in fig.texts)
