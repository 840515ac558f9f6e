"""``Corpus``: the five tidy tables of one run, plus helpers to save and summarise them.

>>> import newslab
>>> corpus = newslab.load("data/sample")          # doctest: +SKIP
>>> corpus.sentences.head()                       # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newslab.errors import SettingsError
from newslab.schema import TABLES, conform, empty


@dataclass
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

    def to_dir(self, out: str | Path, format: str = "csv") -> dict[str, Path]:
        """Write every table to ``out`` as ``<table>.csv`` (UTF-8, header row) or ``<table>.parquet``.

        Returns the paths written, by table name.
        """
        if format not in ("csv", "parquet"):
            raise SettingsError(f"unknown output format {format!r}: use 'csv' or 'parquet'")
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, df in self.tables().items():
            path = out / f"{name}.{format}"
            if format == "csv":
                df.to_csv(path, index=False, encoding="utf-8", date_format="%Y-%m-%dT%H:%M:%S")
            else:
                df.to_parquet(path, index=False)
            written[name] = path
        return written

    @classmethod
    def from_tables(cls, **tables: pd.DataFrame) -> Corpus:
        """Build a Corpus from DataFrames, conforming each to its schema (missing tables are empty)."""
        return cls(**{name: conform(tables[name], name) if name in tables else empty(name) for name in TABLES})

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
        from newslab.identity import source_summary

        return source_summary(self.sources, self.sentences, self.articles)
