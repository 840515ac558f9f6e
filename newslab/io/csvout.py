"""Write a table to CSV exactly as ``DataFrame.to_csv`` does, without its memory peak on huge text cells.

pandas renders a whole row (quoted, then encoded) before writing it, so one 20 MB article text costs
well over 100 MB at once. :func:`write_csv` lets pandas write every row, but a cell longer than
:data:`HUGE_CELL` characters is rendered as a short marker and then streamed into the file in pieces,
quoted exactly as the ``csv`` module would quote it (decided by letting pandas quote a probe made of the
cell's special characters). The bytes are the same as ``df.to_csv(f, ...)`` would write.

>>> import io, pandas as pd
>>> buf = io.StringIO()
>>> write_csv(pd.DataFrame({"id": [1], "text": ['He said "no", twice.']}), buf, header=True, index=False)
>>> buf.getvalue()
'id,text\\n1,"He said ""no"", twice."\\n'
"""

from __future__ import annotations

import io
import os

import pandas as pd

#: CSV files are written with these options everywhere (Corpus.to_dir uses the same)
CSV_OPTIONS = {"index": False, "encoding": "utf-8", "date_format": "%Y-%m-%dT%H:%M:%S"}
#: cells longer than this (characters) are streamed into the file in pieces
HUGE_CELL = 1_000_000
#: characters written at a time from a huge cell
PIECE = 1 << 20
#: the only characters that can make the csv module quote a cell (delimiter, quote character, line ends...)
_SPECIAL = "".join(chr(c) for c in range(128) if not chr(c).isalnum())


def write_csv(df: pd.DataFrame, f, header: bool, **options) -> None:
    """``df.to_csv(f, header=header, **options)``, streaming cells over :data:`HUGE_CELL` characters."""
    huge = _huge_rows(df)
    if not huge:
        df.to_csv(f, header=header, **options)
        return
    start = 0
    for row, cols in huge:
        if start < row:
            df.iloc[start:row].to_csv(f, header=header, **options)
            header = False
        _write_row(df, row, cols, f, header, options)
        header = False
        start = row + 1
    if start < len(df):
        df.iloc[start:].to_csv(f, header=False, **options)


def _huge_rows(df: pd.DataFrame) -> list[tuple[int, list[str]]]:
    """``(row position, [columns])`` of the rows holding a cell over :data:`HUGE_CELL` characters."""
    rows: dict[int, list[str]] = {}
    for col in df.columns:
        s = df[col]
        if not (pd.api.types.is_string_dtype(s.dtype) and len(s)):
            continue
        lengths = s.str.len() if s.dtype != object else s.map(lambda v: len(v) if isinstance(v, str) else 0)
        for pos in (lengths.fillna(0).to_numpy() > HUGE_CELL).nonzero()[0]:
            rows.setdefault(int(pos), []).append(col)
    return sorted(rows.items())


def _write_row(df: pd.DataFrame, row: int, cols: list[str], f, header: bool, options: dict) -> None:
    """One row: pandas renders it with a marker in each huge cell; the cells' text is streamed in."""
    texts = {c: df[c].iloc[row] for c in cols}
    one = df.drop(columns=cols).iloc[[row]]
    markers = {}
    for c in cols:
        marker = "NEWSLABCELL" + os.urandom(8).hex()
        markers[c] = marker
        one.insert(list(df.columns).index(c), c, pd.array([marker], dtype=df[c].dtype))
    buf = io.StringIO()
    one.to_csv(buf, header=header, **{k: v for k, v in options.items() if k != "encoding"})
    rendered = buf.getvalue()
    del buf, one
    for c in cols:
        marker = markers[c]
        if rendered.count(marker) != 1:  # pragma: no cover - a random 16-hex-digit clash
            raise RuntimeError("CSV cell marker clash; please retry")
        before, rendered = rendered.split(marker)
        f.write(before)
        _stream_cell(texts.pop(c), f, options)
    f.write(rendered)


def _needs_quotes(text: str, options: dict) -> bool:
    """Whether ``to_csv`` would quote ``text``: let it quote a probe of the text's special characters."""
    probe = "x" + "".join(ch for ch in _SPECIAL if ch in text)
    buf = io.StringIO()
    pd.DataFrame({"t": [probe]}).to_csv(buf, header=False, **{k: v for k, v in options.items() if k != "encoding"})
    return buf.getvalue().startswith('"')


def _stream_cell(text: str, f, options: dict) -> None:
    quoted = _needs_quotes(text, options)
    if quoted:
        f.write('"')
    for i in range(0, len(text), PIECE):
        piece = text[i:i + PIECE]
        f.write(piece.replace('"', '""') if quoted else piece)
    if quoted:
        f.write('"')
