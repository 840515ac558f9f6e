"""Spreadsheet formula guard for the CSV tables newslab writes.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a
formula, so a hostile title, author or source name such as ``=HYPERLINK(...)`` would run when ``articles.csv``
is opened. By default such values are written with a leading apostrophe, as the notebooks' Export CSV does;
values that already start with an apostrophe get one more, so :func:`unguard` restores every value exactly
(``newslab.open`` does this when the manifest says the tables were guarded). The ``text`` columns are never
guarded: spans are character offsets into them. Parquet always holds the raw values.

>>> guard_value("=1+1"), guard_value("'tis"), guard_value("Reuters")
("'=1+1", "''tis", 'Reuters')
>>> unguard_value(guard_value("-5 degrees"))
'-5 degrees'
"""

from __future__ import annotations

import pandas as pd

from newslab.core.schema import COLUMNS

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
#: columns written exactly even when guarding: spans index into them
UNGUARDED = frozenset({"text"})


def guard_value(value):
    """``value`` with a leading apostrophe when a spreadsheet would run it (or it starts with one)."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def unguard_value(value):
    """Undo :func:`guard_value`."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value


def guarded_columns(table: str, columns) -> list[str]:
    """The text columns of ``table`` (among ``columns``) that the guard applies to."""
    types = COLUMNS.get(table, {})
    return [c for c in columns if types.get(c) == "string" and c not in UNGUARDED]


def _map_guarded(df: pd.DataFrame, table: str, fn) -> pd.DataFrame:
    """A copy of ``df`` with ``fn`` applied to every guarded column's values (``df`` itself when none)."""
    cols = [c for c in guarded_columns(table, df.columns) if _may_change(df[c])]
    if not cols:  # nothing to guard (the usual case): no copy, no pass over the values in Python
        return df
    out = df.copy()
    for c in cols:
        out[c] = out[c].map(fn, na_action="ignore").astype(df[c].dtype)
    return out


def _may_change(values: pd.Series) -> bool:
    """Whether any value starts with a trigger (guard and unguard change no other value)."""
    try:
        return bool(values.str.startswith(TRIGGERS, na=False).any())
    except (AttributeError, TypeError):  # not a text column after all: let the value functions decide
        return True


def guard(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """A copy of ``df`` with every guarded column's risky values prefixed (see :func:`guard_value`)."""
    return _map_guarded(df, table, guard_value)


def unguard(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Undo :func:`guard` (for tables read back from guarded CSV files)."""
    return _map_guarded(df, table, unguard_value)
