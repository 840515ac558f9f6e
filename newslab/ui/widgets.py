"""Interactive explorers for notebooks and Voila, built from ipywidgets 8. Notebooks call one function each.

Every explorer is a widget (an ``ipywidgets.VBox``) that also exposes what it shows, so tests and users can
read it: ``.view`` (the DataFrame behind the chart), ``.figure`` (the matplotlib Figure), ``.controls``.
Charts and tables are written into ``ipywidgets.Output`` areas, and every error is shown in plain words in the
widget (not lost in a log). Article text shown as HTML is always escaped.

>>> from newslab import widgets
>>> explorer = widgets.source_frequency_explorer("../data/sample")   # doctest: +SKIP
>>> explorer            # doctest: +SKIP
>>> explorer.top.value = 5                   # doctest: +SKIP
>>> explorer.view       # doctest: +SKIP

The explorer shows filters, a top-N slider, the chart, the table behind it and export buttons; after moving
the slider, ``explorer.view`` holds the five most cited sources.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as W
import pandas as pd
from matplotlib.colors import to_rgba

from newslab.analysis import aggregates as agg
from newslab.core.schema import TABLES
from newslab.errors import InputError, NewslabError
from newslab.io.corpus import Corpus
from newslab.io.store import is_output_dir, open_dir
from newslab.ui import plots

TABLE_ROWS = 50  # rows of a view shown under a chart (the CSV export has them all)


# --- loading ------------------------------------------------------------------------------------------------


def read_tables(folder: str | Path) -> Corpus:
    """Read every table ``newslab extract`` wrote (any layout: ``<table>/part-*.parquet``,
    ``<table>.parquet`` or ``<table>.csv``) into an in-memory Corpus."""
    stored = open_dir(folder)
    return Corpus.from_tables(**{name: stored.read(name) for name in TABLES})


def open_corpus(path: str | Path | Corpus, progress: bool = True) -> Corpus:
    """A Corpus from articles (a file, folder or glob: ``newslab.load``) or from a folder of tables written
    by ``newslab extract`` (csv or parquet). A Corpus is returned as it is. ``progress``: show the loader's
    progress bar (on stderr) for folders with many files.

    >>> open_corpus("no/such/folder")
    Traceback (most recent call last):
    ...
    newslab.errors.InputError: no/such/folder: no such file or folder; check the path (a relative path starts from the notebook's folder)
    """
    if isinstance(path, Corpus):
        return path
    from newslab.io.load import load

    text = str(path).strip()
    p = Path(text).expanduser()
    if not text or (not p.exists() and not any(ch in text for ch in "*?[")):
        raise InputError(text, "no such file or folder; check the path (a relative path starts from the "
                               "notebook's folder)")
    if is_output_dir(p):
        return open_dir(p)
    stream = _cell_progress() if progress else None
    if stream is None:
        return load(text, progress=progress)
    import contextlib

    try:
        with contextlib.redirect_stderr(stream):
            return load(text, progress=True)
    finally:
        stream.close()


class _CellProgress:
    """Where the loader's progress bar goes in a notebook: one line of the cell's output, updated in place
    and emptied at the end, instead of stderr (which leaves an empty red box once the bar is erased).
    Anything else written to stderr (a warning) still goes to stderr."""

    def __init__(self, stderr):
        from IPython.display import display

        self.stderr = stderr
        self.handle = None
        self.last = ""
        self._display = display

    def write(self, text: str) -> int:
        if not text.startswith("\r"):
            return self.stderr.write(text)
        line = text.strip("\r\n ")
        if line != self.last:
            self.last = line
            shown = {"text/plain": line}
            if self.handle is None:
                if line:
                    self.handle = self._display(shown, raw=True, display_id=True)
            else:
                self.handle.update(shown, raw=True)
        return len(text)

    def flush(self) -> None:
        self.stderr.flush()

    def close(self) -> None:
        if self.handle is not None and self.last:
            self.handle.update({"text/plain": ""}, raw=True)


def _cell_progress() -> _CellProgress | None:
    """A :class:`_CellProgress` when running in a Jupyter kernel, else None (a terminal keeps tqdm's bar)."""
    import sys

    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return None
    return _CellProgress(sys.stderr)


def metadata_note(corpus: Corpus) -> str:
    """A plain note when the articles lack dates or outlets (so date and outlet views would be empty or
    meaningless), with how to add them; ``""`` when both are known.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"text": ["Rain fell."], "outlet": ["scraped"], "url": [None]})
    >>> metadata_note(Corpus.from_tables(articles=arts))[:47]
    'No article has a publication date: date filters'
    """
    arts = corpus.articles
    if arts.empty:
        return ""
    notes = []
    published = arts["published"] if "published" in arts else pd.Series(dtype="datetime64[ns]")
    dated = int(published.notna().sum())
    how = ("put a metadata.csv beside the files (columns file, outlet, published, url) or pass "
           "file_pattern= to newslab.load; see the README")
    if dated == 0:
        notes.append("No article has a publication date: date filters and the timeline have nothing to show")
    elif dated < len(arts):
        notes.append(f"{len(arts) - dated:,} of {len(arts):,} articles have no publication date and are left out "
                     "of date filters and the timeline")
    outlets = arts["outlet"].dropna().unique() if "outlet" in arts else []
    urls = arts["url"].notna().any() if "url" in arts else False
    if len(outlets) == 0:
        notes.append("No article has an outlet: per-outlet views have nothing to compare")
    elif len(outlets) == 1 and len(arts) > 1 and not urls:
        notes.append(f"Every article has the same outlet ({outlets[0]!r}, probably the folder's name): "
                     "per-outlet views compare nothing")
    return "; ".join(notes) + f". To add them, {how}." if notes else ""


def _message(exc: BaseException) -> str:
    if isinstance(exc, NewslabError):
        return str(exc)
    if isinstance(exc, (OSError, ValueError)):
        return f"{exc}"
    return f"something went wrong ({type(exc).__name__}: {exc})"


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _status(kind: str, text: str) -> str:
    colours = {"ok": "#1b5e20", "error": "#b00020", "info": "#333333"}
    icon = {"ok": "✓ ", "error": "⚠ ", "info": ""}[kind]
    return f'<span style="color:{colours[kind]}">{icon}{html.escape(text)}</span>'


# --- output helpers (work with or without a running kernel) -----------------------------------------------


def _image_output(png: bytes, alt: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt}}


def _html_output(markup: str, plain: str = "") -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {"text/html": markup, "text/plain": plain}}


def show_figure(out: W.Output, fig, alt: str = "chart") -> None:
    """Replace what ``out`` shows with the figure (as a PNG)."""
    out.outputs = (_image_output(plots.to_png(fig), alt),)


def show_table(out: W.Output, df: pd.DataFrame, rows: int = TABLE_ROWS) -> None:
    """Replace what ``out`` shows with the first ``rows`` rows of ``df`` as an (escaped) HTML table."""
    shown = df.head(rows)
    markup = shown.to_html(index=False, escape=True, float_format=lambda x: f"{x:.3f}", na_rep="")
    if len(df) > rows:
        markup += f"<p><i>first {rows} of {len(df):,} rows; export CSV for all</i></p>"
    out.outputs = (_html_output(markup, shown.to_string(index=False)),)


# --- building blocks ----------------------------------------------------------------------------------------


class CorpusPicker(W.VBox):
    """A path box and a Load button; shows progress, then what was loaded or what went wrong.

    ``on_load(callback)`` registers functions called with each newly loaded Corpus; ``.corpus`` is the last one.
    """

    def __init__(self, path: str = "../data/sample", on_load: Callable[[Corpus], None] | None = None):
        self.path = W.Text(value=str(path), description="Corpus", placeholder="a folder, file or glob",
                           layout=W.Layout(width="32em"))
        self.button = W.Button(description="Load", icon="folder-open", button_style="primary")
        self.progress = W.IntProgress(value=0, min=0, max=2, description="", bar_style="info",
                                      layout=W.Layout(visibility="hidden", width="12em"))
        self.status = W.HTML(value=_status("info", "Type the path of a folder of articles and press Load."))
        self.corpus: Corpus | None = None
        self._callbacks: list[Callable[[Corpus], None]] = [on_load] if on_load else []
        self.button.on_click(lambda _: self.load())
        super().__init__(children=[W.HBox([self.path, self.button, self.progress]), self.status])

    def on_load(self, callback: Callable[[Corpus], None]) -> None:
        self._callbacks.append(callback)

    def load(self) -> Corpus | None:
        path = self.path.value.strip()
        self.button.disabled = True
        self.progress.layout.visibility = "visible"
        self.progress.value = 1
        self.status.value = _status("info", f"Loading {path} …")
        try:
            corpus = open_corpus(path, progress=False)
            if corpus.articles.empty:
                raise InputError(path, "no readable articles there (.txt, .md, .html, .json, .jsonl or .csv)")
        except Exception as exc:  # shown to the user in plain words, never swallowed silently
            self.status.value = _status("error", f"Could not load: {_message(exc)}")
            return None
        finally:
            self.button.disabled = False
            self.progress.layout.visibility = "hidden"
        self.progress.value = 2
        self.corpus = corpus
        msg = (f"Loaded {len(corpus.articles):,} articles, {len(corpus.sentences):,} sentences, "
               f"{len(corpus.sources):,} attributions from {path}.")
        if len(corpus.errors):
            msg += f" {len(corpus.errors):,} input(s) could not be read: see corpus.errors."
        self.status.value = _status("ok", msg)
        try:
            for callback in self._callbacks:
                callback(corpus)
        except Exception as exc:
            self.status.value = _status("error", f"Loaded, but the explorer could not update: {_message(exc)}")
        return corpus


#: the "no filter" value of a dropdown (not None: a Dropdown whose value is None shows no label at all)
ALL = ""


class Filters(W.VBox):
    """Outlet, source type, date range and a search in source names; ``values()`` gives aggregate kwargs."""

    def __init__(self, corpus: Corpus, source_type: bool = True, dates: bool = True, search: bool = True):
        self.outlet = W.Dropdown(description="Outlet", layout=W.Layout(width="22em"))
        self.source_type = W.Dropdown(description="Source type", layout=W.Layout(width="22em"),
                                      style={"description_width": "initial"})
        self.since = W.DatePicker(description="From", layout=W.Layout(width="16em"))
        self.until = W.DatePicker(description="To", layout=W.Layout(width="16em"))
        self.search = W.Text(description="Source", placeholder="search in source names", continuous_update=False,
                             layout=W.Layout(width="22em"))
        self.reset = W.Button(description="Reset filters", icon="undo")
        self._callbacks: list[Callable[[], None]] = []
        self._hold = False
        rows = [W.HBox([self.outlet] + ([self.source_type] if source_type else []))]
        if dates:
            rows.append(W.HBox([self.since, self.until]))
        rows.append(W.HBox(([self.search] if search else []) + [self.reset]))
        self.set_corpus(corpus)
        for control in self.controls:
            control.observe(self._changed, names="value")
        self.reset.on_click(lambda _: self.clear())
        super().__init__(children=rows)

    @property
    def controls(self) -> list[W.Widget]:
        return [self.outlet, self.source_type, self.since, self.until, self.search]

    def set_corpus(self, corpus: Corpus) -> None:
        self._hold = True
        try:
            self.outlet.options = [("All outlets", ALL)] + [(o, o) for o in agg.outlets(corpus)]
            self.outlet.value = ALL
            self.source_type.options = [("All types", ALL)] + [(t, t) for t in agg.source_types(corpus)]
            self.source_type.value = ALL
            self.since.value = self.until.value = None
            self.search.value = ""
        finally:
            self._hold = False

    def clear(self) -> None:
        self._hold = True
        try:
            self.outlet.value = ALL
            self.source_type.value = ALL
            self.since.value = self.until.value = None
            self.search.value = ""
        finally:
            self._hold = False
        self._changed()

    def values(self) -> dict:
        """The current filters as keyword arguments for ``newslab.analysis.aggregates`` functions."""
        return {"outlet": self.outlet.value or None, "source_type": self.source_type.value or None,
                "since": self.since.value,
                "until": self.until.value, "search": self.search.value.strip() or None}

    def describe(self) -> str:
        """The active filters in words, e.g. ``"outlet: Wire; since 2024-03-01"``."""
        v = self.values()
        parts = [f"{k.replace('_', ' ')}: {v[k]}" for k in ("outlet", "source_type") if v[k]]
        parts += [f"{k} {v[k]:%Y-%m-%d}" for k in ("since", "until") if v[k]]
        if v["search"]:
            parts.append(f"source contains “{v['search']}”")
        return "; ".join(parts)

    def on_change(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def _changed(self, _change=None) -> None:
        if self._hold:
            return
        for callback in self._callbacks:
            callback()


def toggle_buttons(options: list[tuple[str, str]], value: str, description: str) -> W.ToggleButtons:
    """Toggle buttons wide enough for their longest label (the default width cuts "hedged attributions").

    >>> toggle_buttons([("a", "a"), ("hedged attributions", "h")], "a", "Show").style.button_width
    '12.5em'
    """
    longest = max(len(label) for label, _ in options)
    return W.ToggleButtons(options=options, value=value, description=description,
                           style={"button_width": f"{0.55 * longest + 2:.1f}em"})


def top_slider(value: int = 10, max_value: int = 50, description: str = "Top N") -> W.IntSlider:
    """A slider for how many bars to show; it updates on release, not while dragging."""
    return W.IntSlider(value=value, min=1, max=max(max_value, value), step=1, description=description,
                       continuous_update=False)


class ExportBar(W.VBox):
    """Buttons writing the current view as CSV and the current chart as PNG into a chosen folder."""

    def __init__(self, explorer: Explorer, folder: str = "exports"):
        self.explorer = explorer
        self.folder = W.Text(value=folder, description="Export to", placeholder="folder",
                             layout=W.Layout(width="22em"))
        self.csv = W.Button(description="Export CSV", icon="table", tooltip="the table behind the chart")
        self.png = W.Button(description="Export PNG", icon="image", tooltip="the chart as shown")
        self.status = W.HTML()
        self.csv.on_click(lambda _: self.export("csv"))
        self.png.on_click(lambda _: self.export("png"))
        super().__init__(children=[W.HBox([self.folder, self.csv, self.png]), self.status])

    def _target(self, ext: str) -> Path:
        folder = Path(self.folder.value.strip() or ".").expanduser()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{self.explorer.name}_{stamp}.{ext}"
        n = 1
        while path.exists():
            n += 1
            path = folder / f"{self.explorer.name}_{stamp}_{n}.{ext}"
        return path

    def export(self, kind: str) -> Path | None:
        """Write the CSV (``kind="csv"``) or PNG (``"png"``); report the path written or the problem."""
        try:
            path = self._target(kind)
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "csv":
                self.explorer.view.to_csv(path, index=False, encoding="utf-8")
            else:
                if self.explorer.figure is None:
                    raise ValueError("there is no chart to export yet")
                plots.save_figure(self.explorer.figure, path, dpi=150)
        except Exception as exc:
            self.status.value = _status("error", f"Could not export: {_message(exc)}")
            return None
        self.status.value = _status("ok", f"Wrote {path.resolve()}")
        return path


# --- explorers ----------------------------------------------------------------------------------------------


class Explorer(W.VBox):
    """Filters and controls above a chart (``.figure``) and the table behind it (``.view``), plus export.

    Subclasses define ``name``, ``compute()`` (controls -> DataFrame) and ``draw(view)`` (-> Figure).
    """

    name = "chart"
    title = ""
    use_filters = {"source_type": True, "dates": True, "search": True}

    def __init__(self, corpus: Corpus | str | Path, extra: list[W.Widget] | None = None, export_to: str = "exports"):
        corpus = open_corpus(corpus)
        self.corpus = corpus
        self._prepare(corpus)
        self.filters = Filters(corpus, **self.use_filters)
        self.chart = W.Output(layout=W.Layout(min_height="120px"))
        self.table = W.Output()
        self.status = W.HTML()
        self.note = W.HTML()  # missing dates or outlets, said plainly (see metadata_note)
        self._show_note(corpus)
        self.view = pd.DataFrame()
        self.figure = None
        self.export = ExportBar(self, folder=export_to)
        self.extra = list(extra or [])
        for control in self.extra:
            control.observe(lambda _c: self.refresh(), names="value")
        self.filters.on_change(self.refresh)
        super().__init__(children=[self.note, self.filters, *self.extra, self.status, self.chart,
                                   W.Accordion(children=[self.table], titles=("Table behind the chart",)),
                                   self.export])
        self.refresh()

    @property
    def controls(self) -> list[W.Widget]:
        return self.filters.controls + self.extra

    def _prepare(self, corpus: Corpus) -> None:
        """Precompute what every redraw starts from (the joined attributions table); forget cached views."""
        self._base = agg.attributions(corpus)
        self._ranked_for = None

    def _show_note(self, corpus: Corpus) -> None:
        note = metadata_note(corpus)
        self.note.value = _status("info", "ⓘ " + note) if note else ""

    def set_corpus(self, corpus: Corpus) -> None:
        """Show another corpus (keeps the controls, resets the filters)."""
        self.corpus = corpus
        self._show_note(corpus)
        self._prepare(corpus)
        self.filters.set_corpus(corpus)
        self.refresh()

    def compute(self) -> pd.DataFrame:
        raise NotImplementedError

    def draw(self, view: pd.DataFrame):
        raise NotImplementedError

    def caption(self) -> str:
        described = self.filters.describe()
        return f"{self.title} ({described})" if described else self.title

    def summary(self) -> str:
        return f"{len(self.view):,} rows"

    def refresh(self) -> None:
        """Recompute the view, redraw the chart and the table; errors are shown, not raised."""
        try:
            self.view = self.compute()
            self.figure = self.draw(self.view)
            show_figure(self.chart, self.figure, alt=self.caption())
            show_table(self.table, self.view)
            self.status.value = _status("info", self.summary())
        except Exception as exc:
            self.status.value = _status("error", f"Could not draw the chart: {_message(exc)}")


class SourceFrequencyExplorer(Explorer):
    """Who is quoted most: top-N sources, filtered by outlet, type, dates and name."""

    name = "source_frequency"
    title = "Who is quoted most"

    def __init__(self, corpus, top: int = 10, **kwargs):
        self.top = top_slider(top)
        super().__init__(corpus, extra=[self.top], **kwargs)

    def compute(self) -> pd.DataFrame:
        # moving the slider only cuts the ranking: rank all sources once per filter setting
        key = repr(sorted(self.filters.values().items()))
        if getattr(self, "_ranked_for", None) != key:
            self._selected = agg.attributions(self._base, **self.filters.values())
            self._ranked = agg.source_frequency(self._selected, top=None)
            self._ranked_for = key
        return self._ranked.head(self.top.value).reset_index(drop=True)

    def draw(self, view):
        return plots.draw_source_frequency(view, self.caption())

    def caption(self) -> str:
        self.title = f"Who is quoted most (top {self.top.value})"
        return super().caption()

    def summary(self) -> str:
        sel = self._selected
        return (f"{len(self.view)} of {_n(sel['source'].nunique(), 'source')} shown; "
                f"{_n(len(sel), 'attribution')} in {_n(sel['article_id'].nunique(), 'article')} match the filters.")


class ShareOfVoiceExplorer(Explorer):
    """Whom each outlet gives the floor to: stacked shares of sources or of source types."""

    name = "share_of_voice"

    def __init__(self, corpus, top: int = 8, **kwargs):
        self.split = toggle_buttons([("sources", "source"), ("source types", "source_type")], "source",
                                    "Split by")
        self.top = top_slider(top, 12, "Sources")
        super().__init__(corpus, extra=[self.split, self.top], **kwargs)

    def compute(self) -> pd.DataFrame:
        f = self.filters.values()
        if self.split.value == "source":
            return agg.share_of_voice(self._base, top=self.top.value, **f)
        return agg.source_types_by_outlet(self._base, **f)

    def draw(self, view):
        if self.split.value == "source":
            return plots.draw_share_of_voice(view, self.caption())
        return plots.draw_source_types_by_outlet(view, self.caption())

    def caption(self) -> str:
        self.title = "Share of voice by outlet" if self.split.value == "source" else "Source types by outlet"
        return super().caption()

    def summary(self) -> str:
        return f"{int(self.view['attributions'].sum()) if len(self.view) else 0:,} attributions."


class FramingExplorer(Explorer):
    """How sources are framed per outlet: reporting-verb classes, hedged attributions, anonymous sources."""

    name = "framing"
    MEASURES = [("reporting verbs", "cues"), ("hedged attributions", "hedges"), ("anonymous sources", "anonymity")]

    def __init__(self, corpus, **kwargs):
        self.measure = toggle_buttons(self.MEASURES, "cues", "Show")
        super().__init__(corpus, extra=[self.measure], **kwargs)

    def _prepare(self, corpus: Corpus) -> None:
        super()._prepare(corpus)
        self._hedges = None  # the hedge counts need a pass over the text: computed when first shown

    def compute(self) -> pd.DataFrame:
        f = self.filters.values()
        if self.measure.value == "cues":
            return agg.cue_classes_by_outlet(self._base, **f)
        if self.measure.value == "hedges":
            if self._hedges is None:
                self._hedges = agg.hedge_table(self.corpus)
            return agg.hedging_by_outlet(self._hedges, **f)
        return agg.anonymity_by_outlet(self._base, **f)

    def draw(self, view):
        if self.measure.value == "cues":
            return plots.draw_cue_classes_by_outlet(view, self.caption())
        what = "hedged" if self.measure.value == "hedges" else "anonymous"
        return plots.draw_outlet_bars(view, "share", self.caption(),
                                      f"{what} attributions (% of the outlet's attributions)", percent=True)

    def caption(self) -> str:
        self.title = dict((v, k) for k, v in self.MEASURES)[self.measure.value].capitalize() + " by outlet"
        return super().caption()

    def summary(self) -> str:
        return f"{int(self.view['attributions'].sum()) if len(self.view) else 0:,} attributions."


class TimelineExplorer(Explorer):
    """Attributions per day, week or month, one line per outlet or per source type."""

    name = "attributions_over_time"

    def __init__(self, corpus, **kwargs):
        self.by = toggle_buttons([("outlet", "outlet"), ("source type", "source_type")], "outlet", "Lines")
        self.freq = W.Dropdown(options=[("automatic", "auto"), ("day", "D"), ("week", "W"), ("month", "M")],
                               value="auto", description="Period")
        super().__init__(corpus, extra=[self.by, self.freq], **kwargs)

    def compute(self) -> pd.DataFrame:
        freq = None if self.freq.value == "auto" else self.freq.value
        return agg.attributions_over_time(self._base, by=self.by.value, freq=freq,
                                          **self.filters.values())

    def draw(self, view):
        filters = {k: v for k, v in self.filters.values().items() if k not in ("since", "until")}
        undated = int(agg.filter_rows(self._base, **filters)["published"].isna().sum())
        return plots.draw_attributions_over_time(view, self.by.value, self.caption(), undated=undated)

    def caption(self) -> str:
        self.title = "Attributions over time"
        return super().caption()


NO_CELL = ("", "")  # the stance explorer's "no cell chosen" value


class StanceExplorer(Explorer):
    """Heatmap of stance (source x target); choosing a cell lists the sentences behind it."""

    name = "stance"
    use_filters = {"source_type": True, "dates": True, "search": True}

    def __init__(self, corpus, top: int = 12, **kwargs):
        self.top = top_slider(top, 30, "Top N")
        self.cell = W.Dropdown(description="Cell", layout=W.Layout(width="40em"),
                               style={"description_width": "initial"})
        self.evidence_out = W.Output()
        self.evidence = pd.DataFrame()
        self.cell.observe(lambda _c: self.show_evidence(), names="value")
        super().__init__(corpus, extra=[self.top], **kwargs)
        self.children = [*self.children[:-1], W.HTML("<b>Evidence</b>: choose a cell of the heatmap"),
                         self.cell, self.evidence_out, self.children[-1]]

    def _prepare(self, corpus: Corpus) -> None:
        self._base = agg.stance_rows(corpus, include_author=False)

    def compute(self) -> pd.DataFrame:
        return agg.stance_matrix(self._base, top=self.top.value, **self.filters.values())

    def draw(self, view):
        return plots.draw_stance_heatmap(view, self.caption())

    def caption(self) -> str:
        self.title = "Stance of sources toward targets"
        return super().caption()

    def summary(self) -> str:
        n = int(self.view["n"].sum()) if len(self.view) else 0
        return f"{len(self.view):,} source/target cells from {n:,} statements."

    def refresh(self) -> None:
        super().refresh()
        cells = self.view.sort_values(["n", "source", "target"], ascending=[False, True, True]) \
            if len(self.view) else self.view
        previous = self.cell.value
        options = [(f"{r.source} → {r.target}  ({r.n} statements, mean {r.score:+.2f})", (r.source, r.target))
                   for r in cells.itertuples()]
        self.cell.options = [("(choose a cell)", NO_CELL)] + options
        self.cell.value = previous if previous in {v for _, v in options} else NO_CELL
        self.show_evidence()

    def show_evidence(self) -> None:
        """List the sentences behind the chosen cell (outlet, title, stance, score, evidence)."""
        try:
            if self.cell.value == NO_CELL:
                self.evidence = pd.DataFrame(columns=["outlet", "title", "stance", "score", "evidence"])
                self.evidence_out.outputs = ()
                return
            source, target = self.cell.value
            self.evidence = agg.stance_evidence(self._base, source, target, **self.filters.values())
            rows = self.evidence.head(TABLE_ROWS)
            markup = evidence_html(rows)
            more = len(self.evidence) - len(rows)
            if more > 0:
                markup += f"<p><i>{more:,} more rows: export the table to read them all.</i></p>"
            self.evidence_out.outputs = (_html_output(markup, "\n".join(rows["evidence"].astype(str))),)
        except Exception as exc:
            self.status.value = _status("error", f"Could not list the evidence: {_message(exc)}")


def mark_words(sentence: str, marks: str) -> str:
    """``sentence`` as HTML with the words at the ``"a:b a:b"`` spans in ``<mark>``; everything escaped.

    >>> mark_words("The mayor <b>lied</b>.", "13:17")
    'The mayor &lt;b&gt;<mark>lied</mark>&lt;/b&gt;.'
    """
    sentence = "" if not isinstance(sentence, str) else sentence
    spans = []
    for part in (marks or "").split() if isinstance(marks, str) else []:
        try:
            a, b = (int(x) for x in part.split(":"))
        except ValueError:
            continue
        if 0 <= a < b <= len(sentence) and (not spans or a >= spans[-1][1]):
            spans.append((a, b))
    out, pos = [], 0
    for a, b in spans:
        out.append(html.escape(sentence[pos:a]) + "<mark>" + html.escape(sentence[a:b]) + "</mark>")
        pos = b
    return "".join(out) + html.escape(sentence[pos:])


def evidence_html(rows: pd.DataFrame) -> str:
    """The evidence rows of one heatmap cell as HTML: outlet, title, stance and score, then the sentence with
    the words that decided the stance marked. All text is escaped."""
    esc = html.escape
    if rows is None or rows.empty:
        return "<p><i>No statements for this cell.</i></p>"
    items = []
    for r in rows.itertuples():
        marks = getattr(r, "evidence_marks", "")
        items.append(
            f'<li style="margin-bottom:.4em"><b>{esc(str(r.stance))}</b> ({float(r.score):+.2f}) · '
            f'{esc(str(r.outlet))} · <i>{esc(str(r.title))}</i><br>'
            f'<span class="newslab-evidence">{mark_words(r.evidence, marks)}</span></li>')
    return '<ul class="newslab-evidence-list" style="max-width:52em">' + "".join(items) + "</ul>"


# --- article reader -----------------------------------------------------------------------------------------


def _tint(colour: str, alpha: float = 0.35) -> str:
    r, g, b, _ = to_rgba(colour)
    if r + g + b < 0.3:  # black: a lighter tint keeps black text readable
        alpha = min(alpha, 0.18)
    return f"rgba({int(r * 255)}, {int(g * 255)}, {int(b * 255)}, {alpha})"


def _highlight(style: tuple[str, str]) -> str:
    """CSS for a source's highlight: its tinted colour, striped when the chart hatches it (9th source on)."""
    colour, hatch = style
    css = f"background-color:{_tint(colour)}"
    if hatch:
        css += "; background-image:repeating-linear-gradient(45deg, transparent 0 5px, rgba(0,0,0,.14) 5px 7px)"
    return css


def article_html(corpus: Corpus, article_id: str, table: pd.DataFrame | None = None) -> str:
    """The article as HTML, each sentence highlighted by who speaks; hovering shows the source, its type,
    the cue and its class. Every piece of text is escaped, so markup inside articles is shown, never run.
    ``table``: the article's ``aggregates.who_speaks`` table, when already computed.
    """
    esc = html.escape
    arts = corpus.articles[corpus.articles["article_id"] == article_id]
    if arts.empty:
        return _status("error", f"no article with id {article_id}")
    art = arts.iloc[0]
    table = agg.who_speaks(corpus, article_id) if table is None else table
    sources = plots.category_order(table["source"])
    styles = plots.category_styles(sources, fixed=False)
    text = str(art["text"])
    meta = [str(art[c]) for c in ("outlet", "author") if pd.notna(art[c]) and str(art[c]).strip()]
    if pd.notna(art["published"]):
        meta.append(f"{pd.Timestamp(art['published']):%Y-%m-%d}")
    parts = ['<div class="newslab-article" style="line-height:1.6; max-width:52em">',
             f"<h3>{esc(str(art['title']) if pd.notna(art['title']) else '(untitled)')}</h3>",
             f'<div style="color:#555">{esc(" · ".join(meta))}</div>']
    legend = " ".join(
        f'<span style="{_highlight(styles[s]) if s != agg.AUTHOR else "background:transparent"}; padding:0 .3em;'
        f' border:1px solid #ccc">{esc(s)}</span>' for s in sources)
    parts.append(f'<div style="margin:.5em 0; font-size:90%">Who speaks: {legend}</div>')
    for _, para in table.groupby("paragraph", sort=True):
        spans = []
        for row in para.itertuples():
            start, end = int(row.start), int(row.end)
            sentence = text[start:end] if 0 <= start < end <= len(text) else str(row.text)
            cs, ce = int(row.cue_start), int(row.cue_end)
            if start <= cs < ce <= end and sentence == text[start:end]:
                body = (esc(text[start:cs]) + f'<u style="text-decoration-thickness:2px"><b>{esc(text[cs:ce])}</b></u>'
                        + esc(text[ce:end]))
            else:
                body = esc(sentence)
            if row.boilerplate:
                tip, style = "boilerplate (left out of analyses)", "color:#999"
            elif row.source == agg.AUTHOR:
                tip, style = "the author's own voice", ""
            else:
                tip = f"{row.source} ({row.source_type})"
                if row.cue:
                    tip += f" — cue: “{row.cue}”" + (f" ({row.cue_class})" if row.cue_class else "")
                style = _highlight(styles[row.source])
            spans.append(f'<span class="newslab-sentence" style="{style}" title="{esc(tip, quote=True)}">'
                         f"{body}</span>")
        parts.append("<p>" + " ".join(spans) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


class ArticleReader(W.VBox):
    """Pick an article; read it with each sentence highlighted by its source (hover for the cue),
    above a "who speaks" strip of the whole article."""

    name = "who_speaks"
    MAX_LISTED = 300

    def __init__(self, corpus: Corpus | str | Path, article_id: str | None = None, export_to: str = "exports"):
        corpus = open_corpus(corpus)
        self.corpus = corpus
        self.find = W.Text(description="Find", placeholder="words in the title or outlet", continuous_update=False,
                           layout=W.Layout(width="30em"))
        self.article = W.Dropdown(description="Article", layout=W.Layout(width="48em"))
        self.html = W.HTML()
        self.chart = W.Output()
        self.status = W.HTML()
        self.view = pd.DataFrame()
        self.figure = None
        self.export = ExportBar(self, folder=export_to)
        self._hold = False
        self.article.observe(lambda _c: None if self._hold else self.refresh(), names="value")
        self.find.observe(lambda _c: self._list_articles(), names="value")
        super().__init__(children=[W.HBox([self.find]), self.article, self.status, self.chart, self.html,
                                   self.export])
        self.set_corpus(corpus, article_id)

    @property
    def controls(self) -> list[W.Widget]:
        return [self.find, self.article]

    def set_corpus(self, corpus: Corpus, article_id: str | None = None) -> None:
        self.corpus = corpus
        info = agg.article_info(corpus).sort_values(["outlet", "title"])
        self._labels = pd.Series([f"{o} — {t}" for o, t in zip(info["outlet"], info["title"])],
                                 index=info["article_id"].to_numpy(), dtype=object)
        self._list_articles(article_id or agg.most_voiced_article(corpus))

    def _list_articles(self, chosen: str | None = None) -> None:
        """Fill the article list: the first ``MAX_LISTED`` articles whose outlet or title contain the words in
        *Find* (a dropdown of 10,000 titles would be slow in the browser)."""
        labels = self._labels
        words = self.find.value.strip()
        if words:
            labels = labels[labels.str.contains(words, case=False, regex=False)]
        if chosen is not None and chosen in self._labels.index and chosen not in labels.index:
            labels = pd.concat([self._labels[[chosen]], labels])
        shown = labels.head(self.MAX_LISTED)
        options = list(zip(shown.to_numpy(), shown.index))
        if len(labels) > len(shown):
            self.find.placeholder = f"{len(labels):,} articles: type words to narrow the list"
        chosen = chosen if chosen in shown.index else (self.article.value if self.article.value in shown.index
                                                        else (shown.index[0] if len(shown) else None))
        self._hold = True
        try:
            self.article.options = options
            self.article.value = chosen
        finally:
            self._hold = False
        self.refresh()

    def refresh(self) -> None:
        try:
            if self.article.value is None:
                self.view, self.figure = pd.DataFrame(), None
                self.html.value = _status("info", "no article to show")
                self.chart.outputs = ()
                return
            aid = self.article.value
            self.view = agg.who_speaks(self.corpus, aid)
            self.html.value = article_html(self.corpus, aid, self.view)
            self.figure = plots.draw_who_speaks(self.view, "Who speaks, sentence by sentence")
            show_figure(self.chart, self.figure, alt="who speaks strip")
            voiced = self.view[self.view["source"] != agg.AUTHOR]
            self.status.value = _status("info", f"{len(self.view)} sentences; {len(voiced)} attributed to "
                                                f"{voiced['source'].nunique()} sources. Hover a sentence for its cue.")
        except Exception as exc:
            self.status.value = _status("error", f"Could not show the article: {_message(exc)}")


# --- one call per notebook cell -----------------------------------------------------------------------------


def corpus_picker(path: str = "../data/sample", on_load: Callable[[Corpus], None] | None = None) -> CorpusPicker:
    """A path box + Load button; ``on_load`` (e.g. ``explorer.set_corpus``) gets each loaded Corpus."""
    return CorpusPicker(path, on_load=on_load)


def source_frequency_explorer(corpus: Corpus | str | Path, top: int = 10, **kwargs) -> SourceFrequencyExplorer:
    """The headline chart with filters, a top-N slider, the table behind it and export buttons."""
    return SourceFrequencyExplorer(corpus, top=top, **kwargs)


def share_of_voice_explorer(corpus: Corpus | str | Path, top: int = 8, **kwargs) -> ShareOfVoiceExplorer:
    """Stacked shares of voice per outlet, by source or by source type."""
    return ShareOfVoiceExplorer(corpus, top=top, **kwargs)


def framing_explorer(corpus: Corpus | str | Path, **kwargs) -> FramingExplorer:
    """Reporting-verb classes and anonymous sourcing per outlet."""
    return FramingExplorer(corpus, **kwargs)


def timeline_explorer(corpus: Corpus | str | Path, **kwargs) -> TimelineExplorer:
    """Attributions over time per outlet or source type."""
    return TimelineExplorer(corpus, **kwargs)


def stance_explorer(corpus: Corpus | str | Path, top: int = 12, **kwargs) -> StanceExplorer:
    """Stance heatmap; choose a cell to list its evidence sentences."""
    return StanceExplorer(corpus, top=top, **kwargs)


def article_reader(corpus: Corpus | str | Path, article_id: str | None = None, **kwargs) -> ArticleReader:
    """Read one article with every sentence highlighted by who speaks in it."""
    return ArticleReader(corpus, article_id=article_id, **kwargs)
