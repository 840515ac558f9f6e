"""Read articles from files, folders, globs or DataFrames into the ``articles`` and ``errors`` tables.

>>> import newslab
>>> corpus = newslab.load("data/sample")                  # doctest: +SKIP
>>> corpus.articles[["path", "outlet", "title"]].head()    # doctest: +SKIP

Inputs: a file, a folder (read recursively), a glob (``"news/**/*.html"``), a pandas DataFrame, or a list of
these. Formats, by file extension:

- ``.txt``/``.md``: one article; ``text`` is the file's exact decoded content (only ``\\r\\n`` -> ``\\n``),
  ``title`` its first non-empty line (without ``#`` marks for Markdown);
- ``.html``/``.htm``: the main article text, title, author, date, URL and site name, via trafilatura;
- ``.jsonl``, ``.json`` (a list of records, one record, or ``{"articles": [...]}``), ``.csv``/``.tsv``: one
  article per record; ``text`` is required, ``title``, ``url``, ``outlet``, ``published``, ``author`` are
  optional; ``columns={"body": "text", "headline": "title"}`` maps other names.

Every input ends up in ``articles`` or in ``errors`` (``path``, ``line``, ``error``: one plain-language
line naming the file). Inside a folder, obvious non-articles (images, audio, video, archives, fonts, code,
hidden and system files, README/LICENSE files, brat ``.ann`` files) are skipped silently; documents newslab
cannot read (``.pdf``, ``.docx``, ...) and other unknown types get an error row so that no article goes
missing unnoticed. A ``.newslabignore`` file at the top of a folder (one glob pattern per line, ``#``
comments) or ``exclude=[...]`` leaves more files out, e.g. an answer key kept beside the articles.

``article_id`` is 12 hex characters of sha1 over (path relative to the input root, record line, text): the
same input gives the same id in every run, whatever the folder is called or how its path was spelled.
``outlet``, when not given (by the record, a ``metadata.csv`` sidecar or ``file_pattern``), is the HTML page's
site name (``og:site_name``, when it names an outlet: see :mod:`newslab.io.pagemeta`), else the URL's host
(without ``www.``), else the name of the folder the file sits in. A web page's title loses a trailing or
leading site name ("Best gadgets | ZDNet").
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from newslab.attribution.identity import link
from newslab.core.lexicon import read_lines
from newslab.core.schema import COLUMNS, conform
from newslab.errors import InputError, SettingsError, printable
from newslab.io.corpus import Corpus
from newslab.io.pagemeta import site_name, strip_site, url_host
from newslab.io.readers import (
    check_columns,
    clean_fields,
    error_record,
    from_exception,
    map_fields,
    megabytes,
    missing,
    no_text_error,
    read_csv,
    read_html,
    read_json,
    read_jsonl,
    read_plain,
)
from newslab.io.sidecar import check_pattern, fields_from_name, is_sidecar, read_sidecar, sidecar_fields
from newslab.pipeline import Settings, check_settings, process
from newslab.text.language import notes as language_notes

DEFAULT_MAX_BYTES = 20_000_000  # the largest single article file read (20 MB); see load(max_bytes=...)

FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
}
# Files that may well hold an article but that newslab cannot read: an error row says what to do.
DOCUMENTS: dict[str, str] = {
    **dict.fromkeys((".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".epub"),
                    "newslab cannot read {ext} files; save or export the article as .txt or .html"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".numbers"),
                    "newslab cannot read {ext} spreadsheets; save the sheet as CSV (UTF-8)"),
}
# Obvious non-articles, skipped silently inside folders and globs.
SKIP_SUFFIXES = frozenset(read_lines("skip_suffixes.txt"))
SKIP_NAMES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
SKIP_STEMS = frozenset({"readme", "license", "licence", "changelog", "notice", "copying", "authors"})
SKIP_DIRS = frozenset({"__pycache__", "__macosx", "node_modules"})
IGNORE_FILE = ".newslabignore"
READS = ".txt, .md, .html, .htm, .json, .jsonl, .csv, .tsv"  # for messages
GLOB_CHARS = re.compile(r"[*?\[]")
DATAFRAME = "<DataFrame>"
ARTICLE_COLUMNS = list(COLUMNS["articles"])
ERROR_COLUMNS = list(COLUMNS["errors"])
_WORD = re.compile(r"[^\W_]")  # a letter or digit: a text without any is not an article
_YEAR = re.compile(r"(?<!\d)(1[6-9]|2[0-2])\d\d(?!\d)")
_TZ = {"UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
       "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3}


def article_id(key: str, text: str) -> str:
    """A stable 12-hex-digit id from an input's key (relative path, plus ``#line`` for records) and its text.

    >>> article_id("harbor/port.txt", "Rain fell.")
    '9a7466308621'
    """
    h = hashlib.sha1(f"{key}\0".encode("utf-8", "surrogateescape"))  # a non-UTF-8 file name: its bytes
    h.update(text.encode())
    return h.hexdigest()[:12]


# --- finding the files --------------------------------------------------------------------------------------

def _classify(name: str) -> str:
    """``"read"``, ``"skip"`` (silently) or ``"unsupported"`` (error row) for a file met inside a folder."""
    lower = name.lower()
    if lower.startswith((".", "~$")) or lower.endswith("~") or lower in SKIP_NAMES or is_sidecar(lower):
        return "skip"
    stem, ext = os.path.splitext(lower)
    if ext in FORMATS:
        return "skip" if stem in SKIP_STEMS else "read"
    if ext in SKIP_SUFFIXES:
        return "skip"
    return "unsupported"


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a symlink loop, a broken link, a pipe or device), else None.

    Checked before a file is opened: opening a named pipe or ``/dev/zero`` would block or never end.

    >>> file_problem(Path("/dev/null"))
    'is not a regular file (a named pipe, device or socket); newslab reads only regular files'
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link that loops back on itself; remove or fix the link"
        if exc.errno == errno.ENOENT:
            if os.path.islink(path):
                return "is a broken link (it points to a file that does not exist)"
            return "no such file (was it moved or deleted while loading?)"
        return f"cannot be opened ({exc.strerror or exc})"
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a named pipe, device or socket); newslab reads only regular files"
    return None


def is_newslab_output(folder: Path) -> bool:
    """True when ``folder`` holds the ``manifest.json`` of a ``newslab extract`` run: its tables are never
    read back as articles (e.g. an earlier run's ``--out`` inside the input folder)."""
    try:
        with open(folder / "manifest.json", "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return b'"layout"' in head and b'"batch_size"' in head  # the first keys newslab writes


def _unsupported(path: Path) -> dict:
    ext = path.suffix.lower()
    if ext in DOCUMENTS:
        return error_record(path, DOCUMENTS[ext].format(ext=ext))
    what = f"'{ext}' files" if ext else "files without an extension"
    return error_record(path, f"skipped: newslab does not read {what} (it reads {READS}); rename it if it is "
                              "a text article, or list it in .newslabignore")


def _ignore_patterns(root: Path, exclude: Iterable[str] | None) -> list[str]:
    patterns = list(exclude or [])
    ignore = root / IGNORE_FILE
    if ignore.is_file():
        for line in ignore.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                patterns.append(line)
    return patterns


def _ignored(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for p in patterns:
        p = p.rstrip("/")
        if fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) or rel.startswith(p + "/"):
            return True
    return False


def _walk(top: Path, root: Path, patterns: list[str]) -> tuple[list[Path], list[dict], int]:
    """Files to read under ``top`` (sorted), error rows for unsupported files, and the number skipped."""
    found, errors, skipped = [], [], 0
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d.lower() not in SKIP_DIRS
                             and not (patterns and _ignored(_rel(here / d, root), patterns))
                             and not is_newslab_output(here / d))
        for name in sorted(filenames):
            path = here / name
            if patterns and _ignored(_rel(path, root), patterns):
                skipped += 1
                continue
            kind = _classify(name)
            problem = file_problem(path) if kind != "skip" else None
            if problem:
                errors.append(error_record(path, problem))
            elif kind == "read":
                found.append(path)
            elif kind == "unsupported":
                errors.append(_unsupported(path))
            else:
                skipped += 1
    return found, errors, skipped


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next((i for i, p in enumerate(parts) if GLOB_CHARS.search(p)), len(parts))]]
    return Path(*fixed) if fixed else Path(".")


def _missing(item) -> dict:
    p = Path(item)
    where = "" if p.is_absolute() else f" (looked for {os.path.abspath(p)})"
    return error_record(item, f"no such file or folder{where}")


def _expand(item, exclude, seen: set[str]) -> tuple[list[tuple[Path, Path]], list[dict]]:
    """One input (file, folder or glob) -> ``(path, root)`` pairs not already in ``seen``, and error rows."""
    text = os.fspath(item)
    p = Path(text)
    pairs: list[tuple[Path, Path]] = []
    errors: list[dict] = []
    if not str(text).strip():
        return [], [error_record("''", "an empty path was given; use '.' for the current folder")]
    if p.is_dir() and is_newslab_output(p):
        errors = [error_record(p, "is the output folder of a `newslab extract` run, not articles; open it with "
                                  "newslab.open()")]
    elif p.is_dir():
        patterns = _ignore_patterns(p, exclude)
        files, errors, skipped = _walk(p, p, patterns)
        pairs = [(f, p) for f in files]
        if not files and not errors:
            note = f"; {skipped} other file(s) were skipped as not articles" if skipped else ""
            errors = [error_record(p, f"no readable article files in this folder (newslab reads {READS}){note}")]
    elif p.is_file():
        pairs = [(p, p.parent)]
    elif GLOB_CHARS.search(text):
        root = _glob_root(text)
        patterns = _ignore_patterns(root, exclude) if root.is_dir() else list(exclude or [])
        matches = sorted(glob.glob(text, recursive=True))
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                files, errs, _ = _walk(mp, root, patterns)
                pairs += [(f, root) for f in files]
                errors += errs
            elif not _ignored(_rel(mp, root), patterns):
                kind = _classify(mp.name)
                problem = file_problem(mp) if kind != "skip" else None
                if problem:
                    errors.append(error_record(mp, problem))
                elif kind == "read":
                    pairs.append((mp, root))
                elif kind == "unsupported":
                    errors.append(_unsupported(mp))
        if not pairs and not errors:
            errors = [error_record(text, "no files match this pattern" if not matches else
                                   "no readable article files match this pattern")]
    elif not os.path.lexists(p):
        errors = [_missing(text)]
    else:
        errors = [error_record(text, file_problem(p) or "is not a regular file or folder")]
    unique = []
    for path, root in pairs:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            unique.append((path, root))
    return unique, errors


def _as_list(inputs) -> list:
    if isinstance(inputs, (str, os.PathLike, pd.DataFrame)):
        return [inputs]
    try:
        return list(inputs)
    except TypeError:
        raise SettingsError(f"cannot read articles from a {type(inputs).__name__}: pass a file, a folder, a glob "
                            "pattern, a pandas DataFrame, or a list of these") from None


def find_inputs(inputs, exclude: Iterable[str] | None = None) -> tuple[list[tuple[Path, Path]], list[dict]]:
    """Expand files, folders (recursive) and globs to ``(path, root)`` pairs; problems become error records.

    ``root`` is the folder the input names (a file's own folder; a glob's fixed leading part): ids and the
    folder-name outlet are taken relative to it. The same file reached twice is listed once.

    >>> find_inputs(["no/such/folder"])[1][0]["error"]   # doctest: +ELLIPSIS
    'no/such/folder: no such file or folder (looked for ...)'
    """
    found: list[tuple[Path, Path]] = []
    errors: list[dict] = []
    seen: set[str] = set()
    for item in _as_list(inputs):
        if isinstance(item, pd.DataFrame):
            raise SettingsError("find_inputs() takes paths; pass DataFrames to read_inputs() or load()")
        pairs, errs = _expand(item, exclude, seen)
        found += pairs
        errors += errs
    return found, errors


# --- from raw records to article rows -----------------------------------------------------------------------

def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def folder_outlet(path: Path, root: Path) -> str | None:
    """The name of the folder ``path`` sits in; files directly in ``root`` get ``root``'s own name."""
    parent = path.parent
    if parent == root or not parent.name:
        return os.path.basename(os.path.abspath(root)) or None
    return parent.name


def infer_outlet(outlet: str | None, url: str | None, sitename: str | None, folder: str | None) -> str | None:
    """The outlet as given, else the HTML site name, else the URL host, else the folder name.

    >>> infer_outlet(None, "https://www.harborwire.example/a", None, "news")
    'harborwire.example'
    """
    return outlet or sitename or url_host(url) or folder


def _one_date(value) -> pd.Timestamp | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):  # Unix time, in seconds or milliseconds
        if 1e8 <= value < 1e11:
            return pd.Timestamp(value, unit="s")
        if 1e11 <= value < 1e14:
            return pd.Timestamp(value, unit="ms")
        return None
    if not isinstance(value, str):
        return pd.Timestamp(value)
    s = value.strip()
    if s.isdigit() and len(s) in (10, 13):  # Unix time written as text (CSV)
        return _one_date(int(s))
    if not _YEAR.search(s):
        return None  # never let a parser fill a missing year from today's date
    try:
        ts = pd.Timestamp(s)
    except (ValueError, OverflowError):
        from dateutil import parser

        m = re.search(r"\b([A-Z]{1,4})\s*$", s)
        tzinfos = {m.group(1): _TZ[m.group(1)] * 3600} if m and m.group(1) in _TZ else None
        ts = pd.Timestamp(parser.parse(s, default=datetime(2000, 1, 1), tzinfos=tzinfos))
    return ts


def parse_published(values: list) -> list:
    """Dates as naive UTC ``pd.Timestamp`` (or NaT): never raises, never depends on today's date.

    >>> [str(t) for t in parse_published(["2024-03-05T10:00:00+02:00", "March 5, 2024", "soon", None])]
    ['2024-03-05 08:00:00', '2024-03-05 00:00:00', 'NaT', 'NaT']
    """
    out = []
    for value in values:
        ts = None
        if value is not None and value == value:
            try:
                ts = _one_date(value)
            except (ValueError, TypeError, OverflowError, ArithmeticError):
                ts = None
        if ts is not None and ts.tzinfo is not None:
            ts = ts.tz_convert(timezone.utc).tz_localize(None)
        if ts is None or ts is pd.NaT or not (pd.Timestamp.min < ts < pd.Timestamp.max):
            out.append(pd.NaT)
        else:
            out.append(ts.as_unit("ns"))
    return out


def _build(path, display: str, key_base: str, folder: str | None, raw: list, max_bytes: int,
           subject=None) -> tuple[list[dict], list[dict]]:
    """Article rows from raw records; records without text (or too big) become error rows.

    ``subject(line)`` names a record in messages that do not carry a line number (``.json`` records,
    DataFrame rows); by default a message reads "<path>, line N: the record has no text".
    """
    articles, errors = [], []
    fields = [clean_fields(f) for _, f in raw]
    dates = parse_published([f.get("published") for f in fields])
    for (line, given), f, when in zip(raw, fields, dates):
        text = f.get("text")
        who = subject(line) if subject else ("the record" if line is not None else "the file")
        problem = None
        value = given.get("text")
        if not isinstance(value, str) and not missing(value):
            shown = json.dumps(value, default=str)[:40] if isinstance(value, (bool, int, float, list, dict)) \
                else type(value).__name__
            problem = f"{who}'s 'text' is not text ({shown}); it must be a string holding the article"
        elif not text or text.isspace():
            problem = f"{who} has no text"
        elif not _WORD.search(text):
            problem = f"{who} has no text (only punctuation, symbols or markup)"
        elif line is not None and len(text) > max_bytes:
            problem = (f"{who} has a text larger than the {megabytes(max_bytes)} limit for one article; pass a "
                       "larger max_bytes= to newslab.load (--max-bytes to newslab extract)")
        if problem:
            msg = str(InputError(display, problem, None if subject else line))
            errors.append({"path": display, "line": line, "error": msg})
            continue
        key = key_base if line is None else f"{key_base}#{line}"
        articles.append({
            "_line": line,  # where the record starts (for messages; not a column of the table)
            "article_id": f.get("article_id") or article_id(key, text),
            "path": f.get("path", display),
            "title": strip_site(f.get("title"), [f.get("sitename"), f.get("outlet")], f.get("url"))
            if "sitename" in f else f.get("title"),  # a web page's title without "| Site name"
            "outlet": infer_outlet(f.get("outlet"), f.get("url"), site_name(f.get("sitename"), f.get("url")), folder),
            "url": f.get("url"),
            "published": when,
            "author": f.get("author"),
            "boilerplate_lines": f.get("boilerplate_lines"),
            "text": text,
        })
    return articles, errors


def _round_up(n: int) -> int:
    """The next multiple of 10 MB above ``n`` bytes (a limit to suggest)."""
    return (n // 10_000_000 + 1) * 10_000_000


def _read(path: Path, columns: dict, max_bytes: int) -> tuple[list, list[dict]]:
    ext = path.suffix.lower()
    kind = FORMATS.get(ext)
    if kind is None and ext in DOCUMENTS:
        raise InputError(path, DOCUMENTS[ext].format(ext=ext))
    problem = file_problem(path)
    if problem:
        raise InputError(path, problem)
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(path, f"cannot be opened ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a folder; pass it to load() to read the files inside")
    if st.st_size == 0:
        raise InputError(path, "the file is empty")
    if kind == "jsonl":
        return read_jsonl(path, columns, max_bytes)
    if kind == "json":
        return read_json(path, columns, max_bytes)
    if kind == "csv":
        return read_csv(path, columns, max_bytes)
    if st.st_size > max_bytes:
        raise InputError(path, f"the file is {megabytes(st.st_size)}, larger than the {megabytes(max_bytes)} "
                               f"limit for one article; split it, or pass max_bytes={_round_up(st.st_size):_} to "
                               f"newslab.load (--max-bytes {_round_up(st.st_size)} to newslab extract) to read it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if kind == "html":
        return read_html(path, data), []
    return read_plain(path, data, markdown=kind == "markdown"), []


def _record_n(n: int | None) -> str:
    return f"record {n}"


def _described(path: Path, root: Path, raw: list, file_pattern) -> list:
    """Raw records of a one-article file with what a sidecar ``metadata.csv`` or ``file_pattern`` says."""
    if len(raw) != 1 or raw[0][0] is not None:
        return raw
    extra = {**fields_from_name(path.name, file_pattern), **sidecar_fields(path, root)[0]}
    if not extra:
        return raw
    line, fields = raw[0]
    return [(line, {**fields, **extra})]


def read_file(path, root, columns: dict | None = None, *,
              max_bytes: int = DEFAULT_MAX_BYTES, file_pattern=None) -> tuple[list[dict], list[dict]]:
    """Read one file into article records and error records. Never raises for bad input; deterministic.

    ``root`` is the input folder the file was found under (see :func:`find_inputs`): ``article_id`` and the
    folder-name outlet are relative to it. A file with an unknown extension is read as plain text.

    >>> arts, errs = read_file("data/sample/missing.txt", "data/sample")
    >>> arts, errs[0]["error"]
    ([], 'data/sample/missing.txt: no such file (was it moved or deleted while loading?)')
    """
    path, root = Path(path), Path(root)
    columns = check_columns(columns)
    try:
        raw, errors = _read(path, columns, max_bytes)
        raw = _described(path, root, raw, file_pattern)
        folder = folder_outlet(path, root)
        articles, more = _build(path, printable(path), _rel(path, root), folder and printable(folder), raw, max_bytes,
                                subject=_record_n if FORMATS.get(path.suffix.lower()) == "json" else None)
        return articles, errors + more
    except InputError as exc:
        return [], [from_exception(exc)]
    except Exception as exc:  # an unforeseen input (or a bug) costs this file, never the batch
        return [], [error_record(path, f"could not be read ({type(exc).__name__}: {exc})")]


def read_frame(df: pd.DataFrame, columns: dict | None = None, name: str = DATAFRAME,
               max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[dict], list[dict]]:
    """Article and error records from a DataFrame, one article per row (``text`` column required).

    An ``article_id`` or ``path`` column is kept (so a loaded ``articles`` table can be loaded again);
    otherwise the id comes from the row's position and text. Error rows name the row's index label.
    """
    columns = check_columns(columns)
    header = map_fields({c: c for c in df.columns}, columns)
    if "text" not in header:
        return [], [no_text_error(name, list(df.columns))]
    renamed = df[list(header.values())].set_axis(list(header), axis=1)
    for extra in ("article_id", "path"):
        if extra in df.columns and extra not in renamed.columns:
            renamed[extra] = df[extra].to_numpy()
    raw = [(i, rec) for i, rec in enumerate(renamed.to_dict("records"))]
    for _, rec in raw:
        for extra in ("article_id", "path"):
            if extra in rec:
                v = rec[extra]
                rec[extra] = None if v is None or v != v else str(v)
    labels = list(df.index)
    return _build(name, name, name, None, raw, max_bytes, subject=lambda pos: f"row {labels[pos]!r}")


def _dedupe(articles: list[dict], errors: list[dict]) -> list[dict]:
    first: dict[str, str] = {}
    kept = []
    for art in articles:
        aid = art["article_id"]
        if aid in first:
            errors.append(error_record(art["path"] or DATAFRAME, f"skipped: same name and text as {first[aid]} "
                                                                 f"(article_id {aid})"))
            continue
        first[aid] = art["path"] or DATAFRAME
        kept.append(art)
    return kept


def read_inputs(inputs, columns: dict | None = None, progress: bool = False, *,
                max_bytes: int = DEFAULT_MAX_BYTES, exclude: Iterable[str] | None = None,
                file_pattern=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read every input into ``(articles, errors)`` DataFrames with the schema's columns.

    ``progress=True`` shows a tqdm bar on stderr when there are more than 10 files.

    >>> articles, errors = read_inputs(["no/such/file.txt"])
    >>> len(articles), list(errors.columns)
    (0, ['path', 'line', 'error'])
    """
    columns = check_columns(columns)
    file_pattern = check_pattern(file_pattern)
    articles: list[dict] = []
    errors: list[dict] = []
    files: list[tuple[Path, Path]] = []
    seen: set[str] = set()
    frames = 0
    for item in _as_list(inputs):
        if isinstance(item, pd.DataFrame):
            frames += 1
            name = DATAFRAME if frames == 1 else f"<DataFrame {frames}>"
            arts, errs = read_frame(item, columns, name, max_bytes)
            articles += arts
            errors += errs
        else:
            pairs, errs = _expand(item, exclude, seen)
            files += pairs
            errors += errs
    from tqdm import tqdm

    bar = tqdm(files, desc="reading", unit="file", file=sys.stderr, disable=not progress or len(files) <= 10,
               leave=False)
    for path, root in bar:
        arts, errs = read_file(path, root, columns, max_bytes=max_bytes, file_pattern=file_pattern)
        articles += arts
        errors += errs
    for folder in sorted({path.parent for path, _ in files}):  # an unreadable sidecar: one error row
        problem = read_sidecar(folder)[1]
        if problem:
            errors.append({"path": printable(folder), "line": None, "error": problem})
    articles = _dedupe(articles, errors)
    return (conform(pd.DataFrame(articles, columns=ARTICLE_COLUMNS), "articles"),
            conform(pd.DataFrame(errors, columns=ERROR_COLUMNS), "errors"))


def load(inputs, *, columns: dict | None = None, sources: str | None = None, targets=None,
         boilerplate: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
         exclude: Iterable[str] | None = None, progress: bool = True, file_pattern=None,
         cues: str | None = None) -> Corpus:
    """Load articles and run the whole pipeline; return a :class:`Corpus` of the five tables.

    ``columns`` maps your column names to newslab's (``{"body": "text"}``); ``max_bytes`` is the largest
    article read (default 20 MB); ``exclude`` lists glob patterns of files to leave out; ``progress`` shows
    a bar on stderr for more than 10 files; ``file_pattern`` is a regular expression whose named groups
    (``published``, ``outlet``, ...) are read from file names. ``sources`` (your own alias/type table),
    ``boilerplate`` (extra boilerplate patterns) and ``cues`` (your own reporting verbs, in the columns of
    ``newslab/lexicons/reporting_verbs.csv``; its rows replace shipped rows with the same lemma) are paths to
    files of your own. A ``metadata.csv`` beside the files says
    each file's outlet, date, URL, title or author (see :mod:`newslab.io.sidecar`). Unreadable inputs are
    listed in ``corpus.errors``.

    >>> corpus = load("data/sample")           # doctest: +SKIP
    >>> corpus.errors                          # doctest: +SKIP
    """
    settings = Settings(sources=sources, targets=targets, boilerplate=boilerplate, cues=cues)
    check_settings(settings)
    articles, errors = read_inputs(inputs, columns=columns, progress=progress, max_bytes=max_bytes,
                                   exclude=exclude, file_pattern=file_pattern)
    if articles.empty:
        return Corpus.from_tables(articles=articles, errors=errors)
    tables = link(process(articles, settings), user_table=sources)
    errors = language_errors(tables["articles"], errors)
    return Corpus.from_tables(errors=errors, **tables)


def language_errors(articles: pd.DataFrame, errors: pd.DataFrame) -> pd.DataFrame:
    """``errors`` with a note for every article not in English (see :mod:`newslab.text.language`)."""
    rows = language_notes(articles)
    if not rows:
        return errors
    return conform(pd.concat([errors, pd.DataFrame(rows, columns=ERROR_COLUMNS)], ignore_index=True), "errors")
