"""Chart numbers summed part by part over a corpus stored as many Parquet parts (``newslab.open``):
memory grows with the number of distinct sources and outlets, not with the number of attributions.
``newslab.analysis.aggregates`` uses them; a test checks they give exactly the numbers of the whole corpus.
"""

from __future__ import annotations

import pandas as pd

from newslab.core.schema import main_types


class PartCounts:
    """Counts summed over attribution parts: enough to rebuild the chart tables exactly.

    Articles never span two parts, so per-part distinct article counts add up; outlets per source are kept
    as distinct (source, outlet) pairs.
    """

    GROUPS = ("source", "source_type", "cue_class")

    def __init__(self):
        self.per_source: pd.DataFrame | None = None   # index source: attributions, articles
        self.per_type: pd.Series | None = None        # (source, source_type) -> attributions
        self.pairs: pd.DataFrame | None = None        # distinct (source, outlet)
        self.by_outlet: dict[str, pd.Series] = {}     # column -> (outlet, value) -> attributions

    @property
    def empty(self) -> bool:
        return self.per_source is None

    @staticmethod
    def _sum(old, new):
        if old is None:
            return new
        names = new.index.names
        return pd.concat([old, new]).groupby(level=list(range(len(names)))).sum().rename_axis(names)

    def add(self, table: pd.DataFrame) -> None:
        if table.empty:
            return
        grouped = table.groupby("source", sort=False)
        per_source = pd.DataFrame({"attributions": grouped.size(), "articles": grouped["article_id"].nunique()})
        self.per_source = self._sum(self.per_source, per_source)
        self.per_type = self._sum(self.per_type, table.groupby(["source", "source_type"]).size())
        pairs = table[["source", "outlet"]].drop_duplicates()
        self.pairs = pairs if self.pairs is None else pd.concat([self.pairs, pairs]).drop_duplicates()
        for col in self.GROUPS:
            self.by_outlet[col] = self._sum(self.by_outlet.get(col), table.groupby(["outlet", col]).size())

    def main_types(self) -> dict:
        """Each source's main type (:func:`newslab.core.schema.main_types`)."""
        return main_types(self.per_type).to_dict()

    def source_frequency(self, top: int | None) -> pd.DataFrame:
        """The same table as :func:`newslab.analysis.aggregates.source_frequency`, from the summed counts."""
        out = self.per_source.copy()
        out["outlets"] = self.pairs.groupby("source").size()
        out["source_type"] = pd.Series(self.main_types())
        out = out.rename_axis("source").reset_index().sort_values(["attributions", "source"],
                                                                  ascending=[False, True])
        out["share"] = (out["attributions"] / out["attributions"].sum()).astype("float64")
        if top is not None:
            out = out.head(int(top))
        cols = ["source", "source_type", "attributions", "articles", "outlets", "share"]
        return out[cols].astype({c: "int64" for c in ("attributions", "articles", "outlets")}).reset_index(drop=True)

    def share_of_voice(self, top: int | None, other: str) -> pd.DataFrame:
        """The same table as :func:`newslab.analysis.aggregates.share_of_voice`, sources outside the ``top``
        pooled as ``other``."""
        by = self.by_outlet["source"]
        types = self.main_types()
        if top is not None:
            leaders = set(self.source_frequency(top)["source"])
            by = by.rename(index=lambda s: s if s in leaders else other, level="source")
            by = by.groupby(level=["outlet", "source"]).sum()
            types[other] = other
        out = by_outlet(by, "source")
        out.insert(2, "source_type", out["source"].map(types))
        return out


def by_outlet(counts: pd.Series, column: str) -> pd.DataFrame:
    """``outlet, <column>, attributions, share`` (share within each outlet), as the aggregates sort it."""
    out = counts.rename("attributions").reset_index()
    out["attributions"] = out["attributions"].astype("int64")
    out["share"] = (out["attributions"] / out.groupby("outlet")["attributions"].transform("sum")).astype("float64")
    return out.sort_values(["outlet", "attributions", column], ascending=[True, False, True]).reset_index(drop=True)
