"""``Corpus``: the five tidy tables of one run, plus helpers to save and summarise them.

>>> import newslab
>>> corpus = newslab.load("data/sample")          # doctest: +SKIP
>>> corpus.sentences.head()                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from newslab.core.schema import TABLES, conform, empty
from newslab.errors import SettingsError

T = TypeVar("T")


@dataclass(eq=False)  # two corpora are equal only when they are the same object (tables are not compared)
class Corpus:
    """The tables of one corpus: ``articles``, ``sentences``, ``sources``, ``stances``, ``errors``.

    Tables are plain pandas DataFrames joined by ``article_id``, ``sentence_id`` and ``attribution_id``.
    """

    articles: pd.DataFrame = field(default_factory=lambda: empty("articles"))
    sentences: pd.DataFrame = field(default_factory=lambda: empty("sentences"))
    sources: pd.DataFrame = field(default_factory=lambda: empty("sources"))
    stances: pd.DataFrame = field(default_factory=lambda: empty("stances"))
    errors: pd.DataFrame = field(default_factory=lambda: empty("errors"))

    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name, in a fixed order."""
        return {name: getattr(self, name) for name in TABLES}

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(df):,} {name}" for name, df in self.tables().items())
        return f"<Corpus: {counts}>"

    def to_dir(self, out: str | Path, format: str = "csv", raw_csv: bool = False) -> dict[str, Path]:
        """Write every table to ``out`` as ``<table>.csv`` (UTF-8, header row) or ``<table>.parquet``.

        As ``newslab extract`` does: CSV values a spreadsheet would run as formulas get a leading apostrophe
        unless ``raw_csv=True`` (Parquet keeps the raw values; ``newslab.open(out)`` undoes the guard, see
        ``docs/schema.md``); a small ``manifest.json`` says so. One writer at a time may hold ``out``
        (another raises :class:`~newslab.errors.OutputError`), each file appears whole or not at all, and an
        unwritable folder gives one plain message. Returns the paths written, by table name.

        >>> import tempfile
        >>> paths = Corpus().to_dir(tempfile.mkdtemp())
        >>> sorted(paths)
        ['articles', 'errors', 'sentences', 'sources', 'stances']
        """
        from newslab.io.outlock import writing_to

        if format not in ("csv", "parquet"):
            raise SettingsError(f"unknown output format {format!r}: use 'csv' or 'parquet'")
        with writing_to(Path(out)) as folder:
            return self._write_tables(folder, format, raw_csv)

    def _write_tables(self, out: Path, format: str, raw_csv: bool) -> dict[str, Path]:
        from newslab.io.csvguard import guard
        from newslab.io.csvout import CSV_OPTIONS, write_csv
        from newslab.io.manifest import (
            LAYOUT_VERSION,
            MANIFEST,
            discard,
            replace_atomic,
            temp_path,
            write_json_atomic,
        )

        written = {}
        for name, df in self.tables().items():
            path = out / f"{name}.{format}"
            tmp = temp_path(path)
            try:
                if format == "csv":
                    with open(tmp, "w", encoding="utf-8", newline="") as f:
                        write_csv(df if raw_csv else guard(df, name), f, header=True, **CSV_OPTIONS)
                else:
                    df.to_parquet(tmp, index=False)
                replace_atomic(tmp, path)
            except BaseException:
                discard(tmp)
                raise
            written[name] = path
        # the first two keys mark the folder as newslab output: it is never read back as articles
        write_json_atomic(out / MANIFEST, {"layout": LAYOUT_VERSION, "batch_size": None, "written_by": "Corpus.to_dir",
                                           "format": format, "raw_csv": bool(raw_csv), "status": "complete",
                                           "counts": {n: len(df) for n, df in self.tables().items()}})
        return written

    @classmethod
    def from_tables(cls, **tables: pd.DataFrame) -> Corpus:
        """Build a Corpus from DataFrames, conforming each to its schema (missing tables are empty)."""
        return cls(**{name: conform(tables[name], name) if name in tables else empty(name) for name in TABLES})

    def light(self) -> Corpus:
        """The corpus the chart numbers read (``newslab.analysis.aggregates``): here the corpus itself; a
        stored corpus (``newslab.open``) gives its attribution columns without any text."""
        return self

    def parts(self) -> Iterator[Corpus] | None:
        """Light corpora to sum chart numbers over piece by piece, or None when the corpus is counted whole
        (always for a corpus in memory; a multi-part stored dataset gives its parts)."""
        return None

    def remember(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``; a stored corpus, whose tables cannot change, keeps the last result for the same
        ``key`` (the chart numbers summed over its parts), a corpus in memory computes it every time."""
        return compute()

    def analysis_sentences(self, include_boilerplate: bool = False) -> pd.DataFrame:
        """Sentences used by analyses: boilerplate (newsletter, cookie, share lines) left out by default."""
        if include_boilerplate:
            return self.sentences
        return self.sentences[~self.sentences["boilerplate"]]

    def source_summary(self) -> pd.DataFrame:
        """One row per source identity: id, type, gender, the aliases merged into it, descriptors seen,
        attributions, sentences, articles, outlets.

        >>> Corpus().source_summary().columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
        ['source', 'source_id', 'source_type', 'gender', 'aliases', 'descriptors', 'attributions', 'sentences',
         'articles', 'outlets']
        """
        from newslab.attribution.identity import source_summary

        return source_summary(self.sources, self.sentences, self.articles)
