"""Read articles from files, folders, globs or DataFrames into the ``articles`` and ``errors`` tables.

>>> import newslab
>>> corpus = newslab.load("data/sample")   # doctest: +SKIP

FIRST CUT: only .txt is read; the full loader (html, json/jsonl/csv, encodings, bad input) replaces this.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from newslab.corpus import Corpus
from newslab.errors import InputError
from newslab.pipeline import Settings, process
from newslab.schema import conform


def article_id(key: str, text: str) -> str:
    """A stable id from an input's key (relative path and record number) and its text."""
    return hashlib.sha1(f"{key}\0{text}".encode()).hexdigest()[:12]


def find_inputs(inputs) -> tuple[list[tuple[Path, Path]], list[dict]]:
    """Expand files, folders (recursive) and globs to ``(path, root)`` pairs; unknown paths are errors."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    found, errors = [], []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found += [(f, p) for f in sorted(p.rglob("*")) if f.is_file() and f.suffix == ".txt"]
        elif p.is_file():
            found.append((p, p.parent))
        else:
            errors.append({"path": str(p), "line": None, "error": str(InputError(p, "no such file or folder"))})
    return found, errors


def read_file(path: Path, root: Path, columns: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Read one file into article records and error records."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    title = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return [{"article_id": article_id(rel, text), "path": str(path), "title": title,
             "outlet": root.name if path.parent == root else path.parent.name, "text": text}], []


def read_inputs(inputs, columns: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every input into (articles, errors) DataFrames."""
    files, errors = find_inputs(inputs)
    records = []
    for path, root in files:
        recs, errs = read_file(path, root, columns)
        records += recs
        errors += errs
    return conform(pd.DataFrame(records), "articles"), conform(pd.DataFrame(errors), "errors")


def load(inputs, *, columns: dict | None = None, sources: str | None = None, targets=None,
         boilerplate: str | None = None) -> Corpus:
    """Load articles and run the whole pipeline; return a :class:`Corpus`."""
    articles, errors = read_inputs(inputs, columns=columns)
    tables = process(articles, Settings(sources=sources, targets=targets, boilerplate=boilerplate))
    return Corpus.from_tables(errors=errors, **tables)
