"""The tables newslab produces, their columns and dtypes (one place, so every module agrees).

Keys: ``article_id`` (articles), ``(article_id, sentence_id)`` (sentences), ``attribution_id``
(sources), ``(attribution_id, target)`` (stances), ``(path, line)`` (errors). Every ``*_start``/``*_end``
pair is a ``[start, end)`` character span into ``articles.text``; -1 means "no span".

>>> from newslab.core.schema import empty
>>> list(empty("errors").columns)
['path', 'line', 'error']
"""

from __future__ import annotations

import pandas as pd

# pandas dtypes: "string" for text, "Int64" for nullable ints, plain int64 for spans (-1 = none).
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "string",
        "path": "string",
        "title": "string",
        "outlet": "string",
        "url": "string",
        "published": "datetime64[ns]",
        "author": "string",
        "language": "string",
        "boilerplate_lines": "string",
        "text": "string",
    },
    "sentences": {
        "article_id": "string",
        "sentence_id": "int64",
        "paragraph": "int64",
        "start": "int64",
        "end": "int64",
        "text": "string",
        "boilerplate": "bool",
        "attribution_id": "string",
        "source": "string",
        "source_id": "string",
        "cut": "bool",
    },
    "sources": {
        "attribution_id": "string",
        "article_id": "string",
        "sentence_id": "int64",
        "first_sentence_id": "int64",
        "last_sentence_id": "int64",
        "source": "string",
        "source_id": "string",
        "mention": "string",
        "descriptor": "string",
        "source_type": "string",
        "cue": "string",
        "cue_lemma": "string",
        "cue_class": "string",
        "quote_kind": "string",
        "mention_start": "int64",
        "mention_end": "int64",
        "cue_start": "int64",
        "cue_end": "int64",
        "content_start": "int64",
        "content_end": "int64",
        "nested_in": "string",
        "alias": "string",
        "gender": "string",
        "gender_evidence": "string",
    },
    "stances": {
        "article_id": "string",
        "attribution_id": "string",
        "source": "string",
        "source_id": "string",
        "target": "string",
        "target_id": "string",
        "stance": "string",
        "score": "float64",
        "evidence_start": "int64",
        "evidence_end": "int64",
        "evidence_words": "string",
        "evidence_word_spans": "string",
        "method": "string",
    },
    "errors": {
        "path": "string",
        "line": "Int64",
        "error": "string",
    },
}

TABLES: tuple[str, ...] = tuple(COLUMNS)


def empty(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's final columns and dtypes."""
    return conform(pd.DataFrame(), table)


def conform(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Return ``df`` with exactly the table's columns (in order, extra columns kept after) and dtypes.

    Missing columns are added empty; text columns become pandas ``string`` with ``<NA>`` for "none" (an empty
    string becomes ``<NA>`` too, so CSV and Parquet read back the same); missing span ints become -1.

    >>> conform(pd.DataFrame({"path": ["a.txt"], "error": ["empty"]}), "errors").dtypes["line"]
    Int64Dtype()
    """
    cols = COLUMNS[table]
    out = df.copy()
    n = len(out)
    for name, dtype in cols.items():
        if name not in out.columns:
            if dtype == "int64":
                out[name] = pd.Series([-1] * n, index=out.index, dtype="int64")
            elif dtype == "bool":
                out[name] = pd.Series([False] * n, index=out.index, dtype="bool")
            elif dtype == "float64":
                out[name] = pd.Series([float("nan")] * n, index=out.index, dtype="float64")
            else:
                out[name] = pd.Series([pd.NA] * n, index=out.index, dtype="object")
        if dtype == "datetime64[ns]":
            out[name] = pd.to_datetime(out[name], errors="coerce", utc=True).dt.tz_localize(None)
            out[name] = out[name].astype("datetime64[ns]")
        elif dtype == "int64":
            if out[name].dtype != "int64":  # (an int64 column is already what this makes of it)
                out[name] = pd.to_numeric(out[name], errors="coerce").fillna(-1).astype("int64")
        elif dtype == "string":
            col = out[name].astype("string")
            empty = col == ""
            # one "none" in every format: <NA>, never "" (CSV cannot tell them apart)
            out[name] = col.mask(empty) if empty.any() else col
        else:
            out[name] = out[name].astype(dtype)
    extra = [c for c in out.columns if c not in cols]
    return out[list(cols) + extra].reset_index(drop=True)


def main_types(counts: pd.Series) -> pd.Series:
    """Each source's main type, from attribution counts indexed by ``(source, source_type)``: the type it is
    given most often, ties broken alphabetically; an empty type counts only when a source has no other.
    The one rule behind every table and chart that shows one type per source.

    >>> counts = pd.Series([1, 1, 3], index=pd.MultiIndex.from_tuples(
    ...     [("Daria Stein", "person"), ("Daria Stein", "official"), ("Jo Reed", "")],
    ...     names=["source", "source_type"]))
    >>> main_types(counts).to_dict()
    {'Daria Stein': 'official', 'Jo Reed': ''}
    """
    t = counts.rename("n").reset_index()
    t["source_type"] = t["source_type"].fillna("")
    t["known"] = t["source_type"] != ""
    t = t.sort_values(["source", "known", "n", "source_type"], ascending=[True, False, False, True], kind="stable")
    return t.drop_duplicates("source").set_index("source")["source_type"].rename("source_type")


def format_spans(spans: list[tuple[int, int]]) -> str | None:
    """``"12:40 88:120"`` (the ``articles.boilerplate_lines`` form), None for no span."""
    return " ".join(f"{s}:{e}" for s, e in spans) or None


def parse_spans(value) -> list[tuple[int, int]]:
    """The spans of an ``articles.boilerplate_lines`` value (empty for a missing one).

    >>> parse_spans(format_spans([(12, 40), (88, 120)]))
    [(12, 40), (88, 120)]
    """
    if not isinstance(value, str) or not value.strip():
        return []
    out = []
    for part in value.split():
        s, _, e = part.partition(":")
        if s.isdigit() and e.isdigit():
            out.append((int(s), int(e)))
    return out
