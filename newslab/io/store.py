"""Read back what ``newslab extract`` wrote: ``newslab.open(DIR)`` gives a corpus whose tables load lazily.

A table is read from disk the first time it is used (``corpus.sources``) and then kept. The chart numbers
(source frequency, share of voice, cue profile, source types) are computed by ``newslab.analysis.aggregates`` from
only the columns they need (about 100-150 bytes per attribution), so they never load article or sentence
text.
``corpus.read(table, columns=[...])`` reads any column selection; ``corpus.dask(table)`` gives a
``dask.dataframe`` when a table is larger than memory.

It reads every layout newslab writes: a Parquet dataset per table (``DIR/sources/part-*.parquet``), one
``DIR/<table>.parquet`` file, or ``DIR/<table>.csv``.

>>> import newslab
>>> corpus = newslab.open("out/")                           # doctest: +SKIP
>>> newslab.aggregates.source_frequency(corpus, top=5)   # doctest: +SKIP
>>> corpus.sentences.head()                                 # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pandas as pd

from newslab.core.schema import COLUMNS, TABLES, conform, empty
from newslab.errors import IncompleteOutputWarning, SettingsError
from newslab.io.corpus import Corpus
from newslab.io.csvguard import unguard
from newslab.io.manifest import read_manifest

#: the articles columns the chart numbers need (everything but the text)
ARTICLE_INFO = ["article_id", "outlet", "published", "title"]
#: the sources columns the chart numbers need
SOURCE_INFO = ["attribution_id", "article_id", "sentence_id", "source", "source_type", "cue", "cue_lemma",
               "cue_class", "quote_kind", "nested_in", "gender"]
#: attributions counted per step when summing a Parquet dataset part by part (~0.8 KB each while counted)
CHUNK_ROWS = 20_000
T = TypeVar("T")


def cast(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Give the columns present in ``df`` their schema dtypes (a column selection stays a selection)."""
    cols = COLUMNS[table]
    present = [c for c in df.columns if c in cols]
    if len(present) == len(cols):
        return conform(df, table)
    out = df.copy()
    for name in present:  # conform's per-column rules, without creating the absent columns
        out[name] = _cast_column(df[name], cols[name])
    return out.reset_index(drop=True)


def _cast_column(s: pd.Series, dtype: str) -> pd.Series:
    if dtype == "datetime64[ns]":
        return pd.to_datetime(s, errors="coerce", utc=True).dt.tz_localize(None).astype("datetime64[ns]")
    if dtype == "int64":
        return pd.to_numeric(s, errors="coerce").fillna(-1).astype("int64")
    return s.astype(dtype)


def _locate(path: Path, table: str) -> tuple[str, list[Path]]:
    """``(kind, files)`` of one table: ``parquet`` parts in a folder, one ``parquet`` file, or ``csv``."""
    folder = path / table
    if folder.is_dir():
        parts = sorted(folder.glob("part-*.parquet"))
        if parts:
            return "parquet", parts
    if (path / f"{table}.parquet").is_file():
        return "parquet", [path / f"{table}.parquet"]
    if (path / f"{table}.csv").is_file():
        return "csv", [path / f"{table}.csv"]
    if folder.is_dir():
        return "parquet", []
    return "missing", []


def is_output_dir(path: str | Path) -> bool:
    """True when ``path`` is a folder of newslab tables: the one check used everywhere (notebooks, workshop,
    report, ``newslab.open``).

    A folder counts when it holds a ``manifest.json`` of ``newslab extract``, or both an articles and a
    sentences table in any layout newslab writes (``articles/part-*.parquet``, ``articles.parquet`` or
    ``articles.csv``; the layout of ``corpus.to_dir``). A folder with only a user's ``articles.csv`` is
    articles to load, not tables.

    >>> is_output_dir("data/sample")
    False
    """
    p = Path(path)
    if not p.is_dir():
        return False
    if (p / "manifest.json").is_file():
        return True
    return all(_locate(p, t)[1] for t in ("articles", "sentences"))


class StoredCorpus(Corpus):
    """A :class:`~newslab.io.corpus.Corpus` backed by a folder of tables written by ``newslab extract``.

    Every Corpus attribute works (``articles``, ``sentences``, ``sources``, ``stances``, ``errors``, and the
    methods built on them); each table is read when first used. The aggregation methods below read only the
    columns they need.
    """

    def __init__(self, path: str | Path):  # noqa: D107 - Corpus.__init__ is deliberately not called
        path = Path(path)
        if not path.is_dir():
            raise SettingsError(f"{path}: no such folder; give the --out folder of a `newslab extract` run")
        self.path = path
        self.manifest = read_manifest(path) or {}
        self._files = {t: _locate(path, t) for t in TABLES}
        self._guarded = self.manifest.get("format") == "csv" and self.manifest.get("raw_csv") is False
        warn_incomplete(path, self.manifest)
        if self._files["articles"][0] == "missing" and self.manifest.get("status") == "running":
            raise SettingsError(f"{path}: the `newslab extract` run writing here has not finished, and it "
                                "writes its CSV tables at the end; rerun the same command to finish it")
        if self._files["articles"][0] == "missing":
            raise SettingsError(f"{path}: no articles table here (articles.csv, articles.parquet or articles/); "
                                "give the --out folder of a `newslab extract` run")
        self._loaded: dict[str, pd.DataFrame] = {}
        self._light: Corpus | None = None
        self._flagged_cache: pd.DataFrame | None = None
        self._remembered: tuple[str, object] | None = None  # the last remember() key and result

    # ------------------------------------------------------------------ lazy tables
    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Read one table from disk (not cached), only ``columns`` when given, with the schema's dtypes."""
        if table not in TABLES:
            raise SettingsError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
        kind, files = self._files[table]
        if columns is not None:
            unknown = [c for c in columns if c not in COLUMNS[table]]
            if unknown:
                raise SettingsError(f"table {table} has no column {unknown[0]!r}")
        if kind == "missing" or not files:
            df = empty(table)
            return df if columns is None else df[list(columns)]
        if kind == "csv":
            df = _read_csv(files[0], table, columns)
            if self._guarded:
                df = unguard(df, table)
        else:
            df = pd.concat([pd.read_parquet(f, columns=columns) for f in files], ignore_index=True)
        return cast(df, table)

    def _table(self, name: str) -> pd.DataFrame:
        if name not in self._loaded:
            self._loaded[name] = self.read(name)
        return self._loaded[name]

    def _set(self, name: str, df: pd.DataFrame) -> None:
        self._loaded[name] = df

    articles = property(lambda self: self._table("articles"), lambda self, v: self._set("articles", v))
    sentences = property(lambda self: self._table("sentences"), lambda self, v: self._set("sentences", v))
    sources = property(lambda self: self._table("sources"), lambda self, v: self._set("sources", v))
    stances = property(lambda self: self._table("stances"), lambda self, v: self._set("stances", v))
    errors = property(lambda self: self._table("errors"), lambda self, v: self._set("errors", v))

    @property
    def loaded(self) -> list[str]:
        """The tables read into memory so far."""
        return list(self._loaded)

    def load(self) -> Corpus:
        """Every table in memory, as a plain :class:`Corpus`."""
        return Corpus(**{t: self._table(t) for t in TABLES})

    def dask(self, table: str, columns: list[str] | None = None):
        """The table as a ``dask.dataframe`` (one partition per part file) for tables larger than memory."""
        import dask.dataframe as dd

        kind, files = self._files[table]
        if kind == "csv":
            return dd.read_csv(files, usecols=columns, dtype=_csv_dtypes(table), keep_default_na=False,
                               na_values=_csv_na(table), blocksize=None)
        if not files:
            return dd.from_pandas(self.read(table, columns), npartitions=1)
        return dd.read_parquet([str(f) for f in files], columns=columns)

    def count(self, table: str) -> int:
        """Rows in a table, from the manifest or the Parquet metadata when possible (no data is read)."""
        counts = self.manifest.get("counts") or {}
        if table in counts:
            return int(counts[table])
        kind, files = self._files[table]
        if kind == "parquet":
            import pyarrow.parquet as pq

            return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
        return len(self._table(table)) if kind == "csv" else 0

    def __repr__(self) -> str:
        counts = ", ".join(f"{self.count(t):,} {t}" for t in TABLES)
        return f"<StoredCorpus {self.path}: {counts}>"

    # ------------------------------------------------------------ what the chart numbers read
    def light(self) -> Corpus:
        """A plain Corpus with only what the chart numbers use: the articles without their text
        (``article_id, outlet, published, title``) and the attribution columns of ``sources``; the other
        tables are empty. Read once per opened corpus; no sentence or article text."""
        if self._light is None:
            self._light = Corpus(articles=self.read("articles", ARTICLE_INFO),
                                 sources=self.read("sources", SOURCE_INFO), sentences=self._flagged())
        return self._light

    def _flagged(self) -> pd.DataFrame:
        """The boilerplate sentences' keys (``article_id, sentence_id, boilerplate``), so attributions in
        them are left out here exactly as in a loaded corpus: same corpus, same numbers."""
        if self._flagged_cache is None:
            keys = self.read("sentences", ["article_id", "sentence_id", "boilerplate"])
            self._flagged_cache = keys[keys["boilerplate"].fillna(False).astype(bool)].reset_index(drop=True)
        return self._flagged_cache

    def _parts(self) -> list[tuple[Path, Path]] | None:
        """(articles part, sources part) pairs when the Parquet parts line up (each batch holds its own
        articles' sources, so every pair can be joined on its own), else None."""
        a_kind, a_files = self._files["articles"]
        s_kind, s_files = self._files["sources"]
        if a_kind == s_kind == "parquet" and len(a_files) > 1 and [f.name for f in a_files] == [
                f.name for f in s_files]:
            return list(zip(a_files, s_files))
        return None

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, kept for the next call with the same ``key`` (the last one only: a notebook draws
        several charts of one selection, and each would otherwise read every part again)."""
        if self._remembered is None or self._remembered[0] != key:
            self._remembered = (key, compute())
        return self._remembered[1]

    def parts(self) -> Iterator[Corpus] | None:
        """Light corpora (as :meth:`light`) of a few Parquet parts at a time, about :data:`CHUNK_ROWS`
        attributions each, when the tables are a multi-part Parquet dataset; else None. Articles never span
        two parts, so counts summed over the pieces are the counts of the whole."""
        pairs = self._parts()
        return None if pairs is None else self._pieces(pairs)

    def _pieces(self, pairs: list[tuple[Path, Path]]) -> Iterator[Corpus]:
        import pyarrow.parquet as pq

        group: list[tuple[Path, Path]] = []
        rows = 0
        for i, (a, s) in enumerate(pairs):
            group.append((a, s))
            rows += pq.ParquetFile(s).metadata.num_rows
            if rows < CHUNK_ROWS and i + 1 < len(pairs):
                continue
            yield Corpus(
                articles=cast(pd.concat([pd.read_parquet(f, columns=ARTICLE_INFO) for f, _ in group]), "articles"),
                sources=cast(pd.concat([pd.read_parquet(f, columns=SOURCE_INFO) for _, f in group]), "sources"),
                sentences=self._flagged())
            group, rows = [], 0


def _csv_dtypes(table: str) -> dict[str, str]:
    return {c: ("string" if t == "string" else "object") for c, t in COLUMNS[table].items()
            if t in ("string",)}


def _csv_na(table: str) -> dict[str, list[str]]:
    return {c: [""] for c in COLUMNS[table]}


def _read_csv(path: Path, table: str, columns: list[str] | None) -> pd.DataFrame:
    usecols = None if columns is None else list(columns)
    return pd.read_csv(path, usecols=usecols, dtype=_csv_dtypes(table), keep_default_na=False,
                       na_values=_csv_na(table), encoding="utf-8")


def incomplete(manifest: dict) -> tuple[int, int, int, int] | None:
    """``(batches done, batches, inputs missing, inputs)`` for a run that has not finished, else None.

    An input is missing when any part of it is in a batch that is not done."""
    if not manifest or manifest.get("status") in (None, "complete"):
        return None
    batches = manifest.get("batches") or []
    undone = [b for b in batches if b.get("status") != "done"]
    missing = {u[0] for b in undone for u in b.get("units", [])}
    return len(batches) - len(undone), len(batches), len(missing), len(manifest.get("inputs") or [])


def warn_incomplete(path: Path, manifest: dict) -> None:
    """Warn (:class:`~newslab.errors.IncompleteOutputWarning`) when ``path`` holds an unfinished run."""
    state = incomplete(manifest)
    if state is None:
        return
    done, total, missing, inputs = state
    warnings.warn(f"{path}: the `newslab extract` run that wrote here did not finish ({done:,} of {total:,} "
                  f"batches done): {missing:,} of {inputs:,} input files are missing from the tables or only "
                  "partly in them; rerun the same command to finish it", IncompleteOutputWarning, stacklevel=3)


def open_dir(path: str | Path) -> StoredCorpus:
    """Open the output folder of ``newslab extract`` (CSV or Parquet) as a lazily loading corpus.

    >>> import newslab
    >>> corpus = newslab.open("out/")        # doctest: +SKIP
    >>> corpus.sources.head()                # doctest: +SKIP
    """
    return StoredCorpus(path)
