"""One reader per input format. Each turns a file into *raw records* ``(line, fields)`` and error records.

``fields`` holds what the file says about the article, under newslab's names (``text``, ``title``, ``url``,
``outlet``, ``published``, ``author``, and ``sitename`` for HTML); ``line`` is where the record starts
(1-based physical line for ``.jsonl``/``.csv``, the record's position for ``.json``, None for a file that
is one article). ``newslab.load`` turns raw records into rows of the ``articles`` table.

Readers never raise for bad input: a problem with the whole file or with one record becomes an error record
``{"path", "line", "error"}`` and the other records still load. Large files are read line by line.

>>> from newslab.io.readers import map_fields
>>> map_fields({"Body": "Rain fell.", "headline": "Rain"}, {"Body": "text", "headline": "title"})
{'text': 'Rain fell.', 'title': 'Rain'}
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

from newslab.core.lexicon import read_lines
from newslab.errors import InputError, SettingsError, printable
from newslab.io.encoding import decode, sniff

FIELDS: tuple[str, ...] = ("text", "title", "url", "outlet", "published", "author")
# Column names that probably hold the article text, used to suggest a `columns=` mapping.
TEXT_LIKE = tuple(read_lines("text_column_names.txt"))
TITLE_MAX = 1000  # characters; a longer first line is cut (at a space) for the title only
SNIFF_BYTES = 1 << 20  # bytes used to recognise the encoding of a file read line by line
JSON_FACTOR = 10  # a whole-file .json may be this many times max_bytes (it must be parsed in one go)

# Publication date from page metadata and markup only (not guessed from the article's text), and the same
# answer whatever today's date is (trafilatura's default drops dates later than today).
HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2199-12-31"}

RawRecord = tuple[int | None, dict]
BLANK = " \t\r\n"  # a JSON Lines line of only these is blank; any other content is a record or an error row


def error_record(path, reason: str, line: int | None = None) -> dict:
    """An ``errors`` row: ``{"path", "line", "error"}`` with a message built by :class:`InputError`."""
    return {"path": printable(path), "line": line, "error": str(InputError(path, reason, line))}


def from_exception(exc: InputError) -> dict:
    """The ``errors`` row for an :class:`InputError`."""
    return {"path": exc.path, "line": exc.line, "error": str(exc)}


def megabytes(n: int) -> str:
    """``20000000`` -> ``'20 MB'`` (decimal megabytes, as file managers show them)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1e3:.0f} kB"
    mb = n / 1e6
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


def check_columns(columns: dict | None) -> dict:
    """Validate a ``columns=`` mapping (your column name -> newslab field); raise :class:`SettingsError`."""
    if columns is None:
        return {}
    if not isinstance(columns, dict):
        raise SettingsError("columns= must be a dict from your column names to newslab's, e.g. "
                            "columns={'body': 'text', 'headline': 'title'}")
    bad = [v for v in columns.values() if v not in FIELDS]
    if bad:
        flipped = [k for k in columns if k in FIELDS]
        hint = (" (it looks reversed: write {'your_name': 'text'})" if flipped else "")
        raise SettingsError(f"columns= maps to {bad[0]!r}, which is not one of newslab's fields "
                            f"{', '.join(FIELDS)}{hint}")
    return dict(columns)


def map_fields(record: dict, columns: dict | None = None) -> dict:
    """Rename a record's keys to newslab's fields (``columns`` first, then case-insensitive names); drop the rest.

    A key named explicitly in ``columns`` wins over a key that merely has the field's name.
    """
    columns = columns or {}
    out: dict = {}
    explicit: set[str] = set()
    for key, value in record.items():
        if key in columns:
            out[columns[key]] = value
            explicit.add(columns[key])
    for key, value in record.items():
        if key in columns or not isinstance(key, str):
            continue
        name = key.strip().lower()
        if name in FIELDS and name not in explicit and name not in out:
            out[name] = value
    return out


def missing(value) -> bool:
    """True for None, NaN/NaT and pandas NA."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):  # pd.NA: comparisons give NA, whose truth value is an error
        return type(value).__name__ == "NAType"


def clean_fields(fields: dict) -> dict:
    """Metadata as stripped strings or None; ``text`` only has ``\\r\\n`` turned into ``\\n``; ``published`` raw."""
    out = {}
    for name, value in fields.items():
        if missing(value):
            out[name] = None
        elif name == "text":
            out[name] = (value if isinstance(value, str) else str(value)).replace("\r\n", "\n")
        elif name == "published":
            out[name] = value.strip() if isinstance(value, str) else value
        else:
            s = value.strip() if isinstance(value, str) else str(value).strip()
            out[name] = s or None
    return out


def first_line_title(text: str, markdown: bool = False) -> str | None:
    """The first non-empty line, stripped (and without ``#`` heading marks for Markdown)."""
    start = 0
    for _ in range(200):
        end = text.find("\n", start)
        line = text[start: min(end if end >= 0 else len(text), start + TITLE_MAX * 4)].strip()
        start = end + 1
        if markdown:
            line = line.strip("#").strip()
        if line:
            if len(line) > TITLE_MAX:
                cut = line.rfind(" ", 0, TITLE_MAX)
                line = line[: cut if cut > 0 else TITLE_MAX] + "…"
            return line
        if end < 0:
            break
    return None


# --- single-article files -------------------------------------------------------------------------------------

def read_plain(path: Path, data: bytes, markdown: bool = False) -> list[RawRecord]:
    """A ``.txt``/``.md`` file: text = exact decoded content with ``\\r\\n`` -> ``\\n``; title = first line."""
    text, _ = decode(data, path)
    text = text.replace("\r\n", "\n")
    if not text or text.isspace():
        raise InputError(path, "the file has no text (only spaces or blank lines)")
    return [(None, {"text": text, "title": first_line_title(text, markdown)})]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, path) -> str:
    """Decode HTML bytes: byte-order mark or valid UTF-8 first, then the page's ``<meta charset>``, then guess."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)[0]


_LAYOUT_TAG = re.compile(r"</?(?:div|span|section)\b[^>]{0,2000}>", re.I)
DEEP_TAGS = 250  # more layout tags than this on a page with no text found: retry without them


def without_noscript(html: str) -> str:
    """The page without its ``<noscript>`` blocks (a 'please enable JavaScript' note is not the article).

    >>> without_noscript("<p>Rain.</p><noscript>Enable JavaScript</noscript><p>Sun.</p>")
    '<p>Rain.</p><p>Sun.</p>'
    """
    lower = html.lower()
    if "<noscript" not in lower:
        return html
    out, pos = [], 0
    while True:
        start = lower.find("<noscript", pos)
        if start < 0:
            break
        end = lower.find("</noscript", start)
        if end < 0:
            break
        close = lower.find(">", end)
        out.append(html[pos:start])
        pos = len(html) if close < 0 else close + 1
    out.append(html[pos:])
    return "".join(out)


def extract_page(path: Path, data: bytes):
    """``(trafilatura document, text, html)`` of a web page; raises :class:`InputError` when it has no text."""
    html = without_noscript(decode_html(data, path))
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    def extract(page: str):
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, deduplicate=False,
                                          date_extraction_params=HTML_DATE_PARAMS)
        return doc, (getattr(doc, "text", None) or "") if doc is not None else ""

    doc, text = extract(html)
    if not text.strip() and len(_LAYOUT_TAG.findall(html, 0, 1 << 20)) > DEEP_TAGS:
        # the HTML parser gives up on very deep nesting (thousands of <div>s): read the page without them
        html = _LAYOUT_TAG.sub("", html)
        doc, text = extract(html)
    if not text.strip():
        raise InputError(path, "no article text found (the page is empty, needs JavaScript, or is not an "
                               "article)")
    return doc, text.replace("\r\n", "\n"), html


def read_html(path: Path, data: bytes) -> list[RawRecord]:
    """An ``.html`` page: main text and metadata (title, author, date, url, site name) via trafilatura, and
    the lines of the text that are page furniture (:mod:`newslab.text.furniture`)."""
    from newslab.core.schema import format_spans
    from newslab.text.furniture import furniture_spans

    doc, text, html = extract_page(path, data)
    return [(None, {"text": text, "title": doc.title, "author": doc.author, "published": doc.date,
                    "url": doc.url, "sitename": doc.sitename,
                    "boilerplate_lines": format_spans(furniture_spans(text, html))})]


# --- many-record files ------------------------------------------------------------------------------------------

def text_lines(path: Path, max_bytes: int) -> Iterator[tuple[int, str, str | None]]:
    """Yield ``(line_number, line, problem)`` for each physical line (line endings kept, ``\\r\\n`` -> ``\\n``).

    Files are read line by line, so memory stays bounded; a line longer than ``max_bytes`` or one that
    cannot be decoded yields a ``problem`` (and an empty or replacement-decoded ``line``).
    UTF-16/UTF-32 files are decoded whole (they are limited to ``JSON_FACTOR * max_bytes``).
    """
    with open(path, "rb") as f:
        encoding, skip = sniff(f.read(SNIFF_BYTES), path)
        if encoding.startswith(("utf-16", "utf-32")):
            size = path.stat().st_size
            if size > JSON_FACTOR * max_bytes:
                raise InputError(path, f"is a {megabytes(size)} {encoding.upper()} file; newslab reads files of this "
                                       "encoding whole, up to {}: save it as UTF-8".format(
                                           megabytes(JSON_FACTOR * max_bytes)))
            f.seek(0)
            text, _ = decode(f.read(), path)
            for n, line in enumerate(io.StringIO(text.replace("\r\n", "\n"), newline="\n"), 1):
                yield n, line, None
            return
        f.seek(skip)
        multibyte_seen = False
        n = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                return
            n += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while True:  # skip the rest of the over-long line without holding it
                    chunk = f.readline(1 << 20)
                    if not chunk or chunk.endswith(b"\n"):
                        break
                yield n, "\n", (f"is longer than the {megabytes(max_bytes)} limit for one article; pass a "
                                "larger max_bytes= to newslab.load (--max-bytes to newslab extract) to read it")
                continue
            try:
                line = raw.decode(encoding)
                if encoding == "utf-8" and not multibyte_seen and not raw.isascii():
                    multibyte_seen = True
            except UnicodeDecodeError:
                if encoding == "utf-8" and not multibyte_seen:
                    try:  # the sample was plain ASCII: the file is in a legacy encoding after all
                        line, encoding = decode(raw, path)
                    except InputError:
                        line = None
                else:
                    line = None
                if line is None:
                    yield n, raw.decode(encoding, "replace"), (
                        f"is not valid {encoding.upper()} text (the file mixes encodings); save the file as UTF-8")
                    continue
            yield n, line.replace("\r\n", "\n"), None


def no_text_error(path, names: list, what: str = "column") -> dict:
    """The one error row for a file none of whose records has a text field; suggests a ``columns=`` mapping."""
    found = ", ".join(repr(n) for n in names[:30]) + (", ..." if len(names) > 30 else "")
    guess = _guess_text_column([n for n in names if isinstance(n, str)])
    hint = f"columns={{{guess!r}: 'text'}}" if guess else f"columns={{'<your text {what}>': 'text'}}"
    return error_record(path, f"has no 'text' {what} (found {found}); rename the {what} holding the article "
                              f"text to 'text' or pass {hint} to newslab.load")


def _keys_of(items) -> list:
    keys: dict = {}
    for item in items:
        if isinstance(item, dict):
            keys.update(dict.fromkeys(item))
        if len(keys) > 100:
            break
    return list(keys)


def _json_records(path, doc, columns) -> tuple[list[RawRecord], list[dict]]:
    """Records of a parsed ``.json`` document (a list, ``{"articles": [...]}`` or one record)."""
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        items = doc["articles"]
    elif isinstance(doc, list):
        items = doc
    elif isinstance(doc, dict) and ("text" in map_fields(doc, columns) or not any(
            isinstance(v, list) for v in doc.values())):
        items = [doc]
    else:
        lists = ", ".join(repr(k) for k, v in doc.items() if isinstance(v, list)) if isinstance(doc, dict) else ""
        found = f" (found lists under {lists})" if lists else ""
        return [], [error_record(path, "has no article records: expected a list of records, one record with a "
                                       f"'text' field, or {{\"articles\": [...]}}{found}")]
    if not items:
        return [], [error_record(path, "has no article records (the list of records is empty)")]
    records, errors = [], []
    for i, item in enumerate(items, 1):
        if isinstance(item, dict):
            records.append((i, map_fields(item, columns)))
        else:
            errors.append({"path": printable(path), "line": i,
                           "error": str(InputError(path, f"record {i} is not a JSON object"))})
    if records and not any("text" in f for _, f in records):
        return [], errors + [no_text_error(path, _keys_of(items), "field")]
    return records, errors


def read_jsonl(path: Path, columns: dict | None, max_bytes: int) -> tuple[list[RawRecord], list[dict]]:
    """A ``.jsonl`` file: one JSON object per line; a bad line is an error row with its line number."""
    records, errors = [], []
    keys: dict = {}
    lines = text_lines(path, max_bytes)
    for n, line, problem in lines:
        if problem:
            errors.append(error_record(path, problem, n))
            continue
        if not line.strip(BLANK):
            continue
        if n == 1 and line.strip() in ("[", "{"):  # a pretty-printed JSON document saved as .jsonl
            lines.close()
            return read_json(path, columns, max_bytes, lines_fallback=False)
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(error_record(path, f"is not valid JSON ({exc.msg} at column {exc.colno}); the other "
                                             "lines were read", n))
            continue
        if isinstance(item, dict):
            records.append((n, map_fields(item, columns)))
            if len(keys) < 100:
                keys.update(dict.fromkeys(item))
        else:
            errors.append(error_record(path, "is not a JSON object ({...}); the other lines were read", n))
    if not records and not errors:
        errors.append(error_record(path, "has no records (only blank lines)"))
    if records and not any("text" in f for _, f in records):
        return [], errors + [no_text_error(path, list(keys), "field")]
    return records, errors


def read_json(path: Path, columns: dict | None, max_bytes: int,
              lines_fallback: bool = True) -> tuple[list[RawRecord], list[dict]]:
    """A ``.json`` file, parsed whole; JSON Lines content in a ``.json`` file is read as JSON Lines."""
    size = path.stat().st_size
    if size > JSON_FACTOR * max_bytes:
        return [], [error_record(path, f"is {megabytes(size)}, larger than the {megabytes(JSON_FACTOR * max_bytes)} "
                                       "limit for a .json file (read whole); save it as .jsonl (one article per "
                                       "line) or pass a larger max_bytes= to newslab.load (--max-bytes to newslab extract)")]
    text, _ = decode(path.read_bytes(), path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        if lines_fallback and exc.msg == "Extra data" and text.lstrip()[:1] == "{":  # one object per line: JSON Lines
            return read_jsonl(path, columns, max_bytes)
        return [], [error_record(path, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                                 exc.lineno)]
    return _json_records(path, doc, columns)


def _delimiter(header: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    outside = re.sub(r'"[^"]*"', "", header)
    counts = {d: outside.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _guess_text_column(names: list[str]) -> str | None:
    lower = {n.strip().lower(): n for n in names}
    return next((lower[c] for c in TEXT_LIKE if c in lower), None)


def _csv_problem(message: str, max_bytes: int) -> str:
    """The csv module's complaint in plain words."""
    if "end of data" in message:
        return ('has a quoted field that is never closed (a missing "), so the rest of the file could not be '
                "read; fix the quote and load again")
    if "expected after" in message:
        return ('has text after a closing quote; put the whole field in quotes and double any quote inside it '
                '("")')
    if "field limit" in message:
        return (f"has a field larger than the {megabytes(max_bytes)} limit for one article; pass a larger "
                "max_bytes= to newslab.load (--max-bytes to newslab extract)")
    return f"could not be parsed as CSV ({message})"


def read_csv(path: Path, columns: dict | None, max_bytes: int) -> tuple[list[RawRecord], list[dict]]:
    """A ``.csv``/``.tsv`` file with a header row; the delimiter (``,`` ``;`` tab ``|``) is recognised."""
    errors: list[dict] = []
    bad_lines: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for n, line, problem in text_lines(path, max_bytes):
            if problem:
                bad_lines[n] = problem
            yield line

    it = lines()
    try:
        head = next(it)
    except StopIteration:
        return [], [error_record(path, "the file is empty")]
    delimiter = _delimiter(head, path.suffix.lower())

    def chained() -> Iterator[str]:
        yield head
        yield from it

    # The csv module's field limit is process-wide: only ever raise it (never restore a lower value under a
    # thread that is still reading); article size is enforced per line and per record anyway.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    records: list[RawRecord] = []
    try:
        reader = csv.reader(chained(), delimiter=delimiter, strict=True)
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            return [], [error_record(path, "has no header row (the first line should name the columns, "
                                           "e.g. title,text)")]
        mapped = map_fields({h: h for h in header}, columns)
        if "text" not in mapped:
            return [], [no_text_error(path, header)]
        field_of = {i: f for f, i in map_fields({h: i for i, h in enumerate(header)}, columns).items()}
        prev_end = reader.line_num
        while True:
            start = prev_end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                errors.append(error_record(path, _csv_problem(str(exc), max_bytes), start))
                prev_end = reader.line_num
                continue
            end = prev_end = reader.line_num
            problem = next((bad_lines[n] for n in range(start, end + 1) if n in bad_lines), None)
            if problem:
                errors.append(error_record(path, problem, start))
                continue
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                errors.append(error_record(path, f"has {len(row)} fields but the header has {len(header)} (a "
                                                 f"missing quote, or a delimiter other than {delimiter!r}?)", start))
                continue
            records.append((start, {f: row[i] for i, f in field_of.items() if i < len(row)}))
    finally:
        it.close()
    if not records and not errors:
        errors.append(error_record(path, "has a header row but no records"))
    return records, errors
