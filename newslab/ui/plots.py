"""Charts of who speaks in the news: one function per chart, each returns a matplotlib ``Figure``.

Each chart has two layers: ``<chart>(corpus, ..., **filters)`` computes its numbers with
``newslab.analysis.aggregates`` and calls ``draw_<chart>(table)``, which only draws. Figures are built with the
object-oriented API (``matplotlib.figure.Figure``), so nothing touches pyplot's global state and they work on
any backend, including headless. Colours come from the Okabe-Ito palette (safe for colour-blind readers); the
author's own voice and pooled "other" categories are grey. A chart with nothing to show says "no data".

>>> import newslab
>>> from newslab import plots
>>> corpus = newslab.load("data/sample")                    # doctest: +SKIP
>>> fig = plots.source_frequency(corpus, top=10)            # doctest: +SKIP
>>> fig.savefig("sources.png")                              # doctest: +SKIP
>>> plots.save_all(corpus, "reports/charts")                # doctest: +SKIP
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from newslab.analysis import aggregates as agg
from newslab.io.corpus import Corpus

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so the low-contrast yellow and black come last
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
#: fixed (colour, hatch) for known source types and cue classes, so every chart uses the same colours.
#: Source types: Okabe-Ito plus Tol's wine, green and teal (hatched); cue classes: cool for plain reporting, warm for loaded verbs.
FIXED_STYLES: dict[str, tuple[str, str]] = {
    "official": ("#0072B2", ""), "state_media": ("#D55E00", ""), "media": ("#E69F00", ""),
    "person": ("#CC79A7", ""), "expert": ("#009E73", ""), "ngo": ("#56B4E9", ""),
    "international_org": ("#F0E442", ""), "company": ("#882255", ""), "document": ("#FFFFFF", "//"),
    "anonymous": ("#000000", ""), "party": ("#117733", ""), "group": ("#44AA99", "\\\\"),
    "neutral": ("#56B4E9", ""), "according_to": ("#0072B2", ""), "nominal": ("#999933", ""),
    "assertive": ("#009E73", ""), "belief": ("#CC79A7", ""), "concession": ("#F0E442", ""),
    "doubt": ("#E69F00", ""), "denial": ("#D55E00", ""), "emotive": ("#000000", ""),
}
GREY = "#BBBBBB"
#: categories always drawn in grey (pooled, unknown, or nobody quoted)
MUTED = {agg.OTHER, agg.AUTHOR, agg.UNKNOWN_TYPE, agg.UNKNOWN_OUTLET, "(none)", ""}
#: when there are more categories than colours, later ones get a hatch as well as a colour
HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]
#: reading order for cue classes: plain reporting first, then the increasingly loaded ones
CUE_CLASS_ORDER = ["neutral", "according_to", "nominal", "assertive", "belief", "concession", "doubt",
                   "denial", "emotive"]
FIGSIZE = (8.0, 4.8)


def _label(text, width: int = 40) -> str:
    """A safe tick/legend label: shortened, and ``$`` escaped so matplotlib does not read it as maths."""
    s = str(text)
    if len(s) > width:
        s = s[: width - 1] + "…"
    return s.replace("$", r"\$")


def category_styles(categories: Sequence[str], fixed: bool = True) -> dict[str, tuple[str, str]]:
    """``{category: (colour, hatch)}`` in the given order; muted categories are grey, known source types
    and cue classes keep their colour in every chart (``fixed=False`` for categories such as source names).

    >>> category_styles(["a", "other"])["other"]
    ('#BBBBBB', '')
    """
    styles, i = {}, 0
    for cat in categories:
        if cat in styles:
            continue
        if cat in MUTED:
            styles[cat] = (GREY, "")
            continue
        if fixed and cat in FIXED_STYLES:
            styles[cat] = FIXED_STYLES[cat]
            continue
        styles[cat] = (OKABE_ITO[i % len(OKABE_ITO)], HATCHES[(i // len(OKABE_ITO)) % len(HATCHES)])
        i += 1
    return styles


class Chart(Figure):
    """A matplotlib Figure that shows itself as a PNG in Jupyter, with or without ``%matplotlib inline``.

    It is never registered with pyplot, so it is not shown twice and never leaks into ``plt.gcf()``.
    """

    def _repr_png_(self) -> bytes:
        return to_png(self)


def _figure(figsize=FIGSIZE) -> Figure:
    return Chart(figsize=figsize, layout="constrained")


def no_data(title: str, message: str = "no data") -> Figure:
    """A figure that says there is nothing to show (used for empty selections instead of an exception)."""
    fig = _figure((6.0, 2.5))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(_label(title, 80))
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=14, color="#555555", transform=ax.transAxes)
    return fig


def _legend(ax, styles: dict[str, tuple[str, str]], title: str | None = None, order: Sequence[str] | None = None):
    cats = [c for c in (order or styles) if c in styles]
    handles = [Patch(facecolor=styles[c][0], hatch=styles[c][1], edgecolor="white" if not styles[c][1] else "#333333",
                     label=_label(c, 30)) for c in cats]
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize="small", title_fontsize="small")


def category_order(values: Sequence[str], preferred: Sequence[str] = ()) -> list[str]:
    """Preferred categories first (in that order), the rest alphabetically, muted ones last."""
    vals = list(dict.fromkeys(str(v) for v in values))
    first = [v for v in preferred if v in vals]
    rest = sorted(v for v in vals if v not in first and v not in MUTED)
    return first + rest + sorted(v for v in vals if v in MUTED and v not in first)


# --- source frequency -------------------------------------------------------------------------------------


def draw_source_frequency(view: pd.DataFrame, title: str = "Who is quoted most") -> Figure:
    """Horizontal bars, most cited source on top, coloured by source type (``aggregates.source_frequency``)."""
    if view.empty:
        return no_data(title)
    fig = _figure((8.0, max(2.5, 0.9 + 0.38 * len(view))))
    ax = fig.add_subplot()
    styles = category_styles(category_order(view["source_type"]))
    y = np.arange(len(view))[::-1]
    bar_styles = [styles[t] for t in view["source_type"]]
    counts = view["attributions"].to_numpy()
    ax.barh(y, counts, color=[c for c, _ in bar_styles], hatch=[h for _, h in bar_styles],
            edgecolor=["white" if not h else "#333333" for _, h in bar_styles])
    for yi, n in zip(y, counts):
        ax.text(n, yi, f" {n}", va="center", fontsize="small")
    ax.set_yticks(y, [_label(s) for s in view["source"]])
    ax.set_xlabel("attributions (quotes and citations)")
    ax.set_ylabel("source")
    ax.set_title(_label(title, 80))
    ax.set_xlim(0, view["attributions"].max() * 1.12 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    _legend(ax, styles, "source type")
    return fig


def source_frequency(corpus: Corpus, top: int | None = 10, title: str | None = None, **filters) -> Figure:
    """The ``top`` most quoted or cited sources, coloured by source type."""
    view = agg.source_frequency(corpus, top=top, **filters)
    default = f"Who is quoted most (top {top})" if top else "Who is quoted"
    return draw_source_frequency(view, title or default)


# --- stacked shares by outlet -----------------------------------------------------------------------------


def draw_stacked_shares(view: pd.DataFrame, category: str, title: str, legend_title: str,
                        preferred: Sequence[str] = ()) -> Figure:
    """One horizontal bar per outlet, split into the ``share`` of each ``category`` (shares sum to 100%)."""
    if view.empty:
        return no_data(title)
    outlets = sorted(view["outlet"].unique(), reverse=True)  # alphabetical from the top
    cats = category_order(view[category], preferred)
    styles = category_styles(cats, fixed=category != "source")
    table = view.pivot_table(index="outlet", columns=category, values="share", aggfunc="sum", fill_value=0.0)
    counts = view.groupby("outlet")["attributions"].sum()
    fig = _figure((8.5, max(2.5, 1.2 + 0.55 * len(outlets))))
    ax = fig.add_subplot()
    left = np.zeros(len(outlets))
    for cat in cats:
        widths = table.reindex(index=outlets, columns=[cat], fill_value=0.0)[cat].to_numpy() * 100
        colour, hatch = styles[cat]
        ax.barh(range(len(outlets)), widths, left=left, color=colour, hatch=hatch, label=_label(cat, 30),
                edgecolor="white" if not hatch else "#333333", linewidth=0.5)
        left += widths
    ax.set_yticks(range(len(outlets)), [f"{_label(o, 30)}  (n={counts.get(o, 0)})" for o in outlets])
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of the outlet's attributions (%)")
    ax.set_ylabel("outlet")
    ax.set_title(_label(title, 80))
    ax.spines[["top", "right"]].set_visible(False)
    _legend(ax, styles, legend_title, cats)
    return fig


def draw_share_of_voice(view: pd.DataFrame, title: str = "Share of voice by outlet") -> Figure:
    """Stacked bars from ``aggregates.share_of_voice``: which sources each outlet gives the floor to."""
    return draw_stacked_shares(view, "source", title, "source")


def share_of_voice(corpus: Corpus, top: int | None = 8, title: str = "Share of voice by outlet",
                   **filters) -> Figure:
    """Which sources each outlet quotes: stacked shares of the ``top`` sources (the rest pooled as "other")."""
    return draw_share_of_voice(agg.share_of_voice(corpus, top=top, **filters), title)


def draw_source_types_by_outlet(view: pd.DataFrame, title: str = "Source types by outlet") -> Figure:
    return draw_stacked_shares(view, "source_type", title, "source type")


def source_types_by_outlet(corpus: Corpus, title: str = "Source types by outlet", **filters) -> Figure:
    """Officials, experts, NGOs, anonymous sources...: the mix each outlet relies on."""
    return draw_source_types_by_outlet(agg.source_types_by_outlet(corpus, **filters), title)


def draw_cue_classes_by_outlet(view: pd.DataFrame, title: str = "Reporting verbs by outlet") -> Figure:
    return draw_stacked_shares(view, "cue_class", title, "reporting-verb class", CUE_CLASS_ORDER)


def cue_classes_by_outlet(corpus: Corpus, title: str = "Reporting verbs by outlet", **filters) -> Figure:
    """How each outlet introduces its sources: neutral "said" vs distancing "claimed", emotive "slammed"..."""
    return draw_cue_classes_by_outlet(agg.cue_classes_by_outlet(corpus, **filters), title)


# --- single bars per outlet -------------------------------------------------------------------------------


def draw_outlet_bars(view: pd.DataFrame, value: str, title: str, xlabel: str, percent: bool = False) -> Figure:
    """One bar per outlet showing ``value`` (a count, or a share drawn as a percentage)."""
    if view.empty:
        return no_data(title)
    view = view.sort_values("outlet", ascending=False)
    values = view[value].to_numpy(dtype=float) * (100 if percent else 1)
    fig = _figure((7.5, max(2.2, 1.0 + 0.5 * len(view))))
    ax = fig.add_subplot()
    ax.barh(range(len(view)), values, color=OKABE_ITO[4])
    for i, v in enumerate(values):
        ax.text(v, i, f" {v:.0f}%" if percent else f" {v:.0f}", va="center", fontsize="small")
    ax.set_yticks(range(len(view)), [_label(o, 30) for o in view["outlet"]])
    ax.set_xlabel(xlabel)
    ax.set_ylabel("outlet")
    ax.set_xlim(0, (100 if percent else max(values.max(), 1) * 1.15))
    if not values.any():
        ax.text(0.5, 0.5, "none found in this selection", transform=ax.transAxes, ha="center", va="center",
                color="#555555")
    ax.set_title(_label(title, 80))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def sentences_per_outlet(corpus: Corpus, title: str = "Sentences per outlet") -> Figure:
    """How much text each outlet contributes (boilerplate lines left out)."""
    return draw_outlet_bars(agg.sentences_per_outlet(corpus), "sentences", title, "sentences")


def anonymity_by_outlet(corpus: Corpus, title: str = "Anonymous sources by outlet", **filters) -> Figure:
    """Share of each outlet's attributions that go to unnamed sources ("a senior official said")."""
    return draw_outlet_bars(agg.anonymity_by_outlet(corpus, **filters), "share", title,
                            "anonymous attributions (% of the outlet's attributions)", percent=True)


def hedging_by_outlet(corpus: Corpus, title: str = "Hedged attributions by outlet", **filters) -> Figure:
    """Share of each outlet's attributions hedged with "reportedly", "allegedly", "it is understood"..."""
    return draw_outlet_bars(agg.hedging_by_outlet(corpus, **filters), "share", title,
                            "hedged attributions (% of the outlet's attributions)", percent=True)


# --- time -------------------------------------------------------------------------------------------------


def draw_attributions_over_time(view: pd.DataFrame, by: str = "outlet",
                                title: str = "Attributions over time", undated: int = 0) -> Figure:
    """One line per group (outlet by default) from ``aggregates.attributions_over_time``; ``undated``
    attributions (articles without a date) are named under the chart, never dropped silently."""
    if view.empty:
        return no_data(title, f"no dated attributions ({undated:,} undated)" if undated else "no dated attributions")
    groups = category_order(view[by])
    styles = category_styles(groups, fixed=by != "outlet")
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    fig = _figure()
    ax = fig.add_subplot()
    for i, g in enumerate(groups):
        part = view[view[by] == g].sort_values("period")
        colour = styles[g][0]
        white = to_rgb(colour) == (1.0, 1.0, 1.0)  # a hatched-white bar colour ("document") is invisible as a line
        ax.plot(part["period"], part["attributions"], marker=markers[i % len(markers)],
                color="#555555" if white else colour, linestyle="--" if white else "-",
                label=_label(g, 30), linewidth=1.5)
    ax.set_xlabel("publication date")
    ax.set_ylabel("attributions")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no fractional ticks
    if undated:
        fig.text(0.01, 0.005, f"{undated:,} attribution{'s' if undated != 1 else ''} in undated articles not shown",
                 fontsize="small", color="#555555")
    ax.set_title(_label(title, 80))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(title=by.replace("_", " "), loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize="small", title_fontsize="small")
    fig.autofmt_xdate()
    return fig


def attributions_over_time(corpus: Corpus, by: str = "outlet", freq: str | None = None,
                           title: str = "Attributions over time", **filters) -> Figure:
    """How many attributions each outlet (or source type: ``by="source_type"``) publishes per period."""
    undated = int(agg.attributions(corpus, **filters)["published"].isna().sum())
    return draw_attributions_over_time(agg.attributions_over_time(corpus, by=by, freq=freq, **filters), by, title,
                                       undated=undated)


# --- stance -----------------------------------------------------------------------------------------------


def draw_stance_heatmap(matrix: pd.DataFrame, title: str = "Stance of sources toward targets") -> Figure:
    """Mean stance score per (source, target) cell: purple = favor, orange = against; the number is n."""
    if matrix.empty:
        return no_data(title)
    grid = matrix.pivot(index="source", columns="target", values="score")
    counts = matrix.pivot(index="source", columns="target", values="n")
    fig = _figure((max(5.5, 2.8 + 0.7 * grid.shape[1]), max(3.0, 1.5 + 0.45 * grid.shape[0])))
    ax = fig.add_subplot()
    cmap = matplotlib.colormaps["PuOr"].with_extremes(bad="#F2F2F2")
    image = ax.imshow(np.ma.masked_invalid(grid.to_numpy(dtype=float)), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    for (i, j), n in np.ndenumerate(counts.to_numpy(dtype=float)):
        if not np.isnan(n):
            score = grid.iat[i, j]
            ax.text(j, i, f"{int(n)}", ha="center", va="center", fontsize="small",
                    color="white" if abs(score) > 0.6 else "black")
    ax.set_xticks(range(grid.shape[1]), [_label(t, 25) for t in grid.columns], rotation=35, ha="right")
    ax.set_yticks(range(grid.shape[0]), [_label(s, 30) for s in grid.index])
    ax.set_xlabel("target (who or what is talked about); number in a cell = statements")
    ax.set_ylabel("source (who speaks)")
    ax.set_title(_label(title, 80))
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("mean stance: -1 against, +1 favor")
    return fig


def stance_heatmap(corpus: Corpus, top: int | None = 12, title: str = "Stance of sources toward targets",
                   **filters) -> Figure:
    """Heatmap of the mean stance of the ``top`` sources toward the ``top`` targets."""
    return draw_stance_heatmap(agg.stance_matrix(corpus, top=top, **filters), title)


# --- one article ------------------------------------------------------------------------------------------


def draw_who_speaks(table: pd.DataFrame, title: str = "Who speaks in this article") -> Figure:
    """A strip of the article's sentences in reading order, each as wide as its text, coloured by who speaks
    (grey: the author's own voice; hatched: boilerplate). Input: ``aggregates.who_speaks``."""
    if table.empty:
        return no_data(title)
    sources = category_order(table["source"])
    styles = category_styles(sources, fixed=False)
    fig = _figure((9.0, max(2.2, 0.9 + 0.22 * len(sources))))
    ax = fig.add_subplot()
    left = 0
    for _, row in table.iterrows():
        width = max(len(str(row["text"])), 1)
        colour, hatch = styles[row["source"]]
        if row["boilerplate"]:
            colour, hatch = "white", "//"
        ax.barh(0, width, left=left, height=0.8, color=colour, hatch=hatch, edgecolor="#333333", linewidth=0.4)
        left += width
    ax.set_xlim(0, left)
    ax.set_yticks([])
    ax.set_xlabel("position in the article (characters); one block per sentence")
    ax.set_title(_label(title, 80))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    _legend(ax, styles, "who speaks", sources)
    return fig


def who_speaks(corpus: Corpus, article_id: str | None = None, title: str | None = None) -> Figure:
    """The "who speaks" strip of one article (default: the article with the most distinct sources)."""
    article_id = article_id or agg.most_voiced_article(corpus)
    if article_id is None:
        return no_data(title or "Who speaks in this article")
    if title is None:
        match = corpus.articles.loc[corpus.articles["article_id"] == article_id, "title"]
        name = str(match.iloc[0]) if len(match) and pd.notna(match.iloc[0]) else article_id
        title = f"Who speaks: {name}"
    return draw_who_speaks(agg.who_speaks(corpus, article_id), title)


# --- output -----------------------------------------------------------------------------------------------

#: the charts ``save_all`` writes, by file name
CHARTS: dict[str, Callable[[Corpus], Figure]] = {
    "sentences_per_outlet": sentences_per_outlet,
    "source_frequency": source_frequency,
    "share_of_voice": share_of_voice,
    "source_types_by_outlet": source_types_by_outlet,
    "cue_classes_by_outlet": cue_classes_by_outlet,
    "anonymity_by_outlet": anonymity_by_outlet,
    "hedging_by_outlet": hedging_by_outlet,
    "attributions_over_time": attributions_over_time,
    "stance_heatmap": stance_heatmap,
    "who_speaks": who_speaks,
}


def _who_speaks_table(corpus: Corpus) -> pd.DataFrame:
    article_id = agg.most_voiced_article(corpus)
    return agg.who_speaks(corpus, article_id) if article_id else pd.DataFrame()


#: the numbers behind each chart of ``CHARTS`` (default arguments), written beside it by ``save_all``
CHART_TABLES: dict[str, Callable[[Corpus], pd.DataFrame]] = {
    "sentences_per_outlet": agg.sentences_per_outlet,
    "source_frequency": agg.source_frequency,
    "share_of_voice": agg.share_of_voice,
    "source_types_by_outlet": agg.source_types_by_outlet,
    "cue_classes_by_outlet": agg.cue_classes_by_outlet,
    "anonymity_by_outlet": agg.anonymity_by_outlet,
    "hedging_by_outlet": agg.hedging_by_outlet,
    "attributions_over_time": agg.attributions_over_time,
    "stance_heatmap": agg.stance_matrix,
    "who_speaks": _who_speaks_table,
}


def save_figure(fig: Figure, path: str | Path, dpi: int = 120) -> Path:
    """Write a figure; the format comes from the suffix (.png, .svg, .pdf). Text stays text in SVG."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = path.suffix.lstrip(".").lower() or "png"
    metadata = {"Date": None} if fmt == "svg" else None
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "newslab"}):
        fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata)
    return path


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (for widgets and HTML; light compression, as it is redrawn often)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def save_all(corpus: Corpus, out: str | Path, formats: Sequence[str] = ("png", "svg"),
             tables: bool = True) -> list[Path]:
    """Write every chart in ``CHARTS`` to ``out`` as ``<chart>.<format>``, and (``tables``) the numbers
    behind it as ``<chart>.csv``; returns the paths written.

    >>> [p.name for p in save_all(Corpus(), "/tmp/newslab-empty-charts")][:3]   # empty: "no data" figures
    ['sentences_per_outlet.png', 'sentences_per_outlet.svg', 'sentences_per_outlet.csv']
    """
    written = []
    for name, chart in CHARTS.items():
        fig = chart(corpus)
        for fmt in formats:
            written.append(save_figure(fig, Path(out) / f"{name}.{fmt}"))
        if tables and name in CHART_TABLES:
            path = Path(out) / f"{name}.csv"
            CHART_TABLES[name](corpus).to_csv(path, index=False, encoding="utf-8")
            written.append(path)
    return written


# --- gender -----------------------------------------------------------------------------------------------

#: women / men / unknown: two palette colours and grey, the same in every gender chart
GENDER_STYLES: dict[str, tuple[str, str]] = {"women": ("#D55E00", ""), "men": ("#0072B2", ""),
                                             "unknown": (GREY, "")}


def draw_women_share(by_outlet: pd.DataFrame, over_time: pd.DataFrame,
                     title: str = "Women among the people quoted") -> Figure:
    """Left: per outlet, the shares of attributions to women, men and people of unknown gender. Right: the
    share of women (and of unknown) per period. Both from :func:`newslab.analysis.aggregates.women_share`."""
    if by_outlet.empty:
        return no_data(title)
    fig = _figure((11.0, max(3.2, 1.4 + 0.5 * by_outlet["outlet"].nunique())))
    ax, ax_t = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    outlets = sorted(by_outlet["outlet"].unique(), reverse=True)
    table = by_outlet.pivot_table(index="outlet", columns="gender", values="share", aggfunc="sum", fill_value=0.0)
    counts = by_outlet.groupby("outlet")["attributions"].sum()
    left = np.zeros(len(outlets))
    for g, (colour, hatch) in GENDER_STYLES.items():
        widths = table.reindex(index=outlets, columns=[g], fill_value=0.0)[g].to_numpy() * 100
        ax.barh(range(len(outlets)), widths, left=left, color=colour, hatch=hatch, label=g, edgecolor="white",
                linewidth=0.5)
        for i, (x, w) in enumerate(zip(left, widths)):
            if w >= 8:
                ax.text(x + w / 2, i, f"{w:.0f}%", ha="center", va="center", fontsize="small",
                        color="white" if g != "unknown" else "#333333")
        left += widths
    ax.set_yticks(range(len(outlets)), [f"{_label(o, 28)}  (n={counts.get(o, 0)})" for o in outlets])
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of attributions to named people (%)")
    ax.set_title("per outlet", fontsize="medium")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncol=3, frameon=False, fontsize="small")
    if over_time.empty:
        ax_t.text(0.5, 0.5, "no dated articles", transform=ax_t.transAxes, ha="center", va="center", color="#555555")
        ax_t.set_axis_off()
    else:
        for g, style in (("women", "-"), ("unknown", "--")):
            part = over_time[over_time["gender"] == g].sort_values("period")
            ax_t.plot(part["period"], part["share"] * 100, style, marker="o", color=GENDER_STYLES[g][0],
                      label=f"{g} (%)", linewidth=1.5)
        ax_t.set_ylim(0, 100)
        ax_t.set_ylabel("share of attributions to named people (%)")
        ax_t.set_xlabel("publication date")
        ax_t.set_title("over time", fontsize="medium")
        ax_t.spines[["top", "right"]].set_visible(False)
        ax_t.legend(frameon=False, fontsize="small")
        for label in ax_t.get_xticklabels():
            label.set_rotation(30)
            label.set_horizontalalignment("right")
    fig.suptitle(_label(title, 80))
    return fig


def women_share(corpus: Corpus, title: str = "Women among the people quoted", freq: str | None = None,
                **filters) -> Figure:
    """Share of women among the people quoted, per outlet and over time, with the unknown share shown.

    >>> import newslab
    >>> women_share(newslab.load("data/sample", progress=False))   # doctest: +SKIP
    """

    return draw_women_share(agg.women_share(corpus, by="outlet", **filters),
                            agg.women_share(corpus, by="period", freq=freq, **filters), title)


def _women_share_table(corpus: Corpus) -> pd.DataFrame:

    return agg.women_share(corpus)


CHARTS["women_share"] = women_share
CHART_TABLES["women_share"] = _women_share_table
