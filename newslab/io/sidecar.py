"""What each file is, when the file does not say: a ``metadata.csv`` sidecar table and file-name patterns.

Most scraped corpora are flat folders of ``.txt`` files whose outlet, date and URL live elsewhere. Two ways
to say them:

- **a sidecar table**: ``metadata.csv`` (or ``metadata.tsv``) in the folder, one row per article file, joined
  by file name (column ``file``; ``filename``, ``name`` or ``path`` also work), with any of ``outlet``,
  ``published``, ``url``, ``title``, ``author``. A path relative to the sidecar's folder
  (``harbor/port.txt``) names a file in a subfolder. Non-empty cells win over what the file itself says.
  When only ``url`` is given, the outlet is the URL's host.
- **a file-name pattern**: a regular expression with named groups ``outlet``, ``published``, ``url``,
  ``title`` or ``author``, searched in the file name: ``newslab.load("news/", file_pattern=
  r"(?P<published>\\d{4}-\\d{2}-\\d{2})_(?P<outlet>[^_]+)_")`` reads ``2024-03-05_harborwire_port.txt``.
  Eight digits (``20240305``) are read as a date, here and in the sidecar. The sidecar wins over the
  pattern.

>>> fields_from_name("2024-03-05_harborwire_port.txt", r"(?P<published>\\d{4}-\\d{2}-\\d{2})_(?P<outlet>[^_]+)_")
{'published': '2024-03-05', 'outlet': 'harborwire'}
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from newslab.errors import SettingsError

SIDECAR_NAMES = ("metadata.csv", "metadata.tsv")
FIELDS = ("outlet", "published", "url", "title", "author")
KEY_COLUMNS = ("file", "filename", "file_name", "name", "path")
_EIGHT_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_cache: dict[tuple[str, float], tuple[dict[str, dict], str | None]] = {}


def check_pattern(pattern: str | re.Pattern | None) -> re.Pattern | None:
    """Compile a ``file_pattern=``; raise :class:`SettingsError` for a bad one."""
    if pattern is None:
        return None
    try:
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    except re.error as exc:
        raise SettingsError(f"file_pattern= is not a valid regular expression ({exc})") from None
    unknown = [g for g in rx.groupindex if g not in FIELDS]
    if not rx.groupindex or unknown:
        raise SettingsError("file_pattern= needs named groups among " + ", ".join(FIELDS) +
                            f" such as (?P<published>\\d{{4}}-\\d{{2}}-\\d{{2}}); got {list(rx.groupindex)}")
    return rx


def fields_from_name(name: str, pattern: str | re.Pattern | None) -> dict:
    """The fields a file-name pattern finds in ``name`` (empty when it does not match)."""
    rx = check_pattern(pattern)
    m = rx.search(name) if rx is not None else None
    if not m:
        return {}
    out = {}
    for key, value in m.groupdict().items():
        if value:
            if key == "published":
                value = _EIGHT_DIGITS.sub(r"\1-\2-\3", value)
            out[key] = value
    return out


def read_sidecar(folder: Path) -> tuple[dict[str, dict], str | None]:
    """``(file name -> fields, problem)`` from the folder's ``metadata.csv``/``.tsv`` (empty when none)."""
    for name in SIDECAR_NAMES:
        path = folder / name
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        key = (os.path.abspath(path), mtime)
        if key not in _cache:
            _cache[key] = _parse(path)
        return _cache[key]
    return {}, None


def _parse(path: Path) -> tuple[dict[str, dict], str | None]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ","))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return {}, f"{path}: the metadata table cannot be read ({exc}); save it as UTF-8 CSV"
    if not rows:
        return {}, None
    header = [h.strip().lower() for h in rows[0]]
    key_col = next((header.index(k) for k in KEY_COLUMNS if k in header), None)
    if key_col is None:
        return {}, (f"{path}: the metadata table needs a 'file' column naming each article file "
                    f"(it has {', '.join(header) or 'no columns'})")
    cols = {f: header.index(f) for f in FIELDS if f in header}
    table = {}
    for row in rows[1:]:
        if len(row) <= key_col or not row[key_col].strip():
            continue
        fields = {f: row[i].strip() for f, i in cols.items() if i < len(row) and row[i].strip()}
        if "published" in fields:
            fields["published"] = _EIGHT_DIGITS.sub(r"\1-\2-\3", fields["published"])
        table[row[key_col].strip().replace("\\", "/").lstrip("./") or row[key_col].strip()] = fields
    return table, None


def sidecar_fields(path: Path, root: Path) -> tuple[dict, str | None]:
    """The sidecar fields for ``path``: from ``metadata.csv`` in its folder or a parent folder up to ``root``."""
    here = path.parent
    while True:
        table, problem = read_sidecar(here)
        if problem:
            return {}, problem
        if table:
            try:
                rel = path.relative_to(here).as_posix()
            except ValueError:
                rel = path.name
            if rel in table:
                return table[rel], None
        if here == root or here.parent == here or root not in here.parents:
            return {}, None
        here = here.parent


def is_sidecar(name: str) -> bool:
    """True for a sidecar table's file name (never read as articles inside a folder)."""
    return name.lower() in SIDECAR_NAMES
