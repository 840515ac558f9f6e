"""write_csv: the bytes of DataFrame.to_csv, with huge text cells streamed in pieces (issue 15, memory)."""

from __future__ import annotations

import io
import random

import pandas as pd
import pytest

import newslab.io.csvout as csvout
from newslab.io.csvout import CSV_OPTIONS

OPTIONS = {k: v for k, v in CSV_OPTIONS.items() if k != "encoding"}
ALPHABET = 'ab ,"\r\n\t;\'é€\u2028=x'


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def _frame(rng: random.Random, rows: int) -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": pd.array([f"a{i}" for i in range(rows)], dtype="string"),
        "n": list(range(rows)),
        "score": [rng.choice([0.5, float("nan"), -1.25]) for _ in range(rows)],
        "published": pd.to_datetime([rng.choice(["2024-03-05 10:00", None]) for _ in range(rows)]),
        "text": pd.array([rng.choice([None, _text(rng, rng.choice([3, 40, 400]))]) for _ in range(rows)],
                         dtype="string"),
        "title": pd.array([_text(rng, rng.choice([0, 5, 300])) for _ in range(rows)], dtype="string"),
        "flag": [rng.random() < 0.5 for _ in range(rows)],
    })


@pytest.mark.parametrize("seed", range(12))
def test_same_bytes_as_to_csv_when_cells_are_streamed(monkeypatch, seed):
    monkeypatch.setattr(csvout, "HUGE_CELL", 30)  # most long cells take the streaming path
    monkeypatch.setattr(csvout, "PIECE", 7)  # and are written in many pieces
    rng = random.Random(seed)
    df = _frame(rng, rng.choice([1, 2, 9]))
    df.loc[rng.randrange(len(df)), "text"] = _text(rng, 100)  # at least one cell takes the streaming path
    for header in (True, False):
        want, got = io.StringIO(), io.StringIO()
        df.to_csv(want, header=header, **OPTIONS)
        csvout.write_csv(df, got, header=header, **OPTIONS)
        assert got.getvalue() == want.getvalue()
    assert csvout._huge_rows(df)  # the streaming path was taken


def test_plain_text_without_special_characters_is_not_quoted(monkeypatch):
    monkeypatch.setattr(csvout, "HUGE_CELL", 5)
    df = pd.DataFrame({"text": pd.array(["plain words only", "carriage\rreturn"], dtype="string")})
    got = io.StringIO()
    csvout.write_csv(df, got, header=True, **OPTIONS)
    assert got.getvalue() == "text\nplain words only\ncarriage\rreturn\n"
