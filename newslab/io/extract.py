"""Extract the five tables from a corpus of any size, in batches, on all cores or on a Dask cluster.

``extract`` splits the input files into batches (a JSONL/CSV file with many records is split into record
ranges), runs :func:`newslab.pipeline.process` on each batch and writes every table as one part file per
batch. Peak memory therefore depends on the batch size, not on the size of the corpus.

- ``format="parquet"``: ``DIR/<table>/part-00042.parquet`` (a partitioned Parquet dataset per table);
- ``format="csv"``: ``DIR/<table>.csv``, one UTF-8 file per table with a header row (for small corpora);
  the parts are kept in ``DIR/.newslab/parts`` while the run is going and removed at the end.

``DIR/manifest.json`` records the inputs, the batches and their status. If a run is interrupted (Ctrl-C,
``kill -9``, a lost worker), rerunning the same command redoes only the unfinished or damaged batches and gives
exactly the tables an uninterrupted run would. Part files appear under their final name only once complete.

The engine only schedules batches; every engine runs the same :func:`run_batch`:

- ``engine="local"``: a ``concurrent.futures.ProcessPoolExecutor`` with ``workers`` processes (default: all
  cores; ``workers=1`` runs in this process);
- ``engine="dask"``: a ``dask.distributed`` cluster: ``scheduler="tcp://host:8786"`` (or a ``Client``) for an
  existing one, otherwise a ``LocalCluster`` with ``workers`` single-threaded worker processes. With a remote
  cluster, ``DIR`` must be on a filesystem every worker can write to.

Output is deterministic: ids come from the content, rows come in input order (articles in the order of the
input files and records, then each article's rows in pipeline order), so CSV bytes and Parquet rows are the
same whatever the engine, the number of workers or the batch size.

>>> import newslab
>>> result = newslab.extract("data/sample", "out/", format="parquet")   # doctest: +SKIP
>>> result.counts["articles"]                                            # doctest: +SKIP
16
>>> newslab.aggregates.source_frequency(newslab.open("out/"), top=5)     # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from newslab.core.schema import COLUMNS, TABLES, conform, empty
from newslab.core.version import __version__
from newslab.errors import NewslabError, SettingsError, printable
from newslab.io.manifest import (
    LAYOUT_VERSION,
    MANIFEST,
    discard,
    file_digest,
    fingerprint,
    input_record,
    part_ok,
    read_manifest,
    replace_atomic,
    temp_path,
    write_json_atomic,
)
from newslab.io.outlock import writing_to
from newslab.pipeline import CHUNK_CHARS, Settings, check_settings, release_memory
from newslab.text.language import notes as language_notes

#: articles per batch: a few hundred keeps each worker's memory small and the per-batch overhead low
DEFAULT_BATCH_SIZE = 200
#: file types holding one article per record (split into record ranges when large)
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
#: show a progress bar (when not told otherwise) for more inputs than this
PROGRESS_MIN_INPUTS = 5
#: environment variable: raise after this many batches have finished (test hook for resuming)
FAIL_AFTER_ENV = "NEWSLAB_FAIL_AFTER_BATCH"
WORK_DIR = ".newslab"


class InterruptedRun(NewslabError):
    """The run stopped before every batch was done; rerunning the same command resumes it."""


@dataclass
class ExtractResult:
    """What an :func:`extract` run wrote: row counts per table, the errors table, and where the files are."""

    out: Path
    format: str
    counts: dict[str, int]
    errors: pd.DataFrame
    paths: dict[str, Path]
    batches: int
    reused: int = 0
    redone: list[int] = field(default_factory=list)
    seconds: float = 0.0

    def open(self):
        """The written tables as a lazily loading corpus (see :func:`newslab.open`)."""
        from newslab.io.store import open_dir

        return open_dir(self.out)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n:,} {t}" for t, n in self.counts.items())
        return f"<ExtractResult {self.out} ({self.format}): {counts}>"


# ----------------------------------------------------------------------------------------------- planning

def count_records(path: Path) -> int:
    """An upper bound on the records in a JSONL/CSV file (its lines; minus the header for CSV), read in chunks."""
    lines, last = 0, b"\n"
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    if last != b"\n":
        lines += 1
    if path.suffix.lower() == ".csv":
        lines -= 1
    return max(lines, 1)


def scan_lines(path: Path, every: int) -> tuple[int, list[int]] | None:
    """``(lines, offsets)`` of a UTF-8 JSONL file: its number of lines and the byte offset where each run of
    ``every`` lines starts (lines 1, every+1, 2*every+1, ...). ``None`` when the file should not be split by
    lines (not valid UTF-8, e.g. UTF-16 or a legacy encoding; or a pretty-printed JSON document)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, offsets, pos, last, head = 0, [0], 0, b"\n", b""
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                decoder.decode(chunk)
                if len(head) < 4096:
                    head += chunk[:4096]
                n = chunk.count(b"\n")
                while lines + n >= len(offsets) * every:  # a run boundary falls inside this chunk
                    target = len(offsets) * every - lines  # the target-th newline of the chunk ends the run
                    at = -1
                    for _ in range(target):
                        at = chunk.index(b"\n", at + 1)
                    offsets.append(pos + at + 1)
                lines += n
                pos += len(chunk)
                last = chunk[-1:]
            decoder.decode(b"", final=True)
    except (OSError, UnicodeDecodeError):
        return None
    first = next((ln.strip() for ln in head.lstrip(codecs.BOM_UTF8).splitlines() if ln.strip()), b"")
    if first in (b"[", b"{"):
        return None
    if last != b"\n":
        lines += 1
    offsets = [o for o in offsets if o < pos]
    return lines, offsets


def plan_units(files: Iterable[tuple[Path, Path]], batch_size: int) -> list[list]:
    """Work units ``[input, start, stop, weight, byte_start, byte_stop]`` (``input``: index into ``files``).

    - a whole file: ``start == 0``, ``stop is None``;
    - a run of lines of a large UTF-8 JSONL file: ``start``/``stop`` are 1-based line numbers (``stop``
      exclusive, ``None`` = to the end) and ``byte_start``/``byte_stop`` where they lie in the file, so a
      worker reads only its own lines;
    - a slice of the records of another large record file (CSV): ``start:stop`` slices the records
      :func:`newslab.io.load.read_file` returns for the whole file (``byte_start`` is -1).
    """
    units = []
    for index, (path, _root) in enumerate(files):
        suffix = path.suffix.lower()
        if suffix not in RECORD_SUFFIXES:
            units.append([index, 0, None, 1, -1, -1])
            continue
        scan = scan_lines(path, batch_size) if suffix in (".jsonl", ".ndjson") else None
        if scan is not None and scan[0] > batch_size:
            lines, offsets = scan
            for i, offset in enumerate(offsets):
                first = 1 + i * batch_size
                end = first + batch_size if i + 1 < len(offsets) else None
                units.append([index, first, end, (end or lines + 1) - first, offset,
                              offsets[i + 1] if end else None])
            continue
        n = count_records(path)
        if n <= batch_size:
            units.append([index, 0, None, n, -1, -1])
            continue
        starts = list(range(0, n, batch_size))
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else None
            units.append([index, start, stop, (stop or n) - start, -1, -1])
    return units


def plan_batches(units: list[list], batch_size: int) -> list[list[list]]:
    """Pack consecutive units into batches of about ``batch_size`` articles (input order is kept)."""
    batches, current, weight = [], [], 0
    for unit in units:
        if current and weight + unit[3] > batch_size:
            batches.append(current)
            current, weight = [], 0
        current.append(unit)
        weight += unit[3]
    if current or not batches:
        batches.append(current)
    return batches


def _error_record(e: dict) -> dict:
    line = e.get("line")
    return {"path": str(e.get("path", "")), "line": None if line is None or pd.isna(line) else int(line),
            "error": str(e.get("error", ""))}


def _same_name_and_bytes(files: list[tuple[Path, Path]], records: list[list]) -> tuple[list[int], list[dict]]:
    """Inputs to keep, and error rows for inputs with the same relative path and bytes as an earlier one
    under another root (they would give the same article ids; ``newslab.load`` drops such duplicates too)."""
    from newslab.io.load import _rel

    first: dict[tuple[str, str], str] = {}
    keep, errors = [], []
    for i, ((path, root), rec) in enumerate(zip(files, records)):
        key = (_rel(path, root), rec[4])
        if rec[4] and key in first:
            errors.append(_error_record({"path": printable(path), "error": printable(path) + ": skipped: same "
                                         f"name and text as {first[key]}"}))
            continue
        first.setdefault(key, printable(path))
        keep.append(i)
    return keep, errors


def make_plan(inputs, *, format: str, batch_size: int, settings: Settings, columns: dict | None,
              exclude: list[str] | None = None, out: Path | None = None, max_bytes: int | None = None,
              raw_csv: bool = False, file_pattern: str | None = None) -> dict:
    """Everything that decides the output: inputs (with size, mtime and a content hash), the batches,
    settings, format."""
    from newslab.io.load import find_inputs

    items = inputs if isinstance(inputs, (list, tuple)) else [inputs]
    if any(isinstance(i, pd.DataFrame) for i in items):
        raise SettingsError("extract reads files and folders; for a DataFrame use "
                            "newslab.load(df).to_dir(out) instead")
    files, input_errors = find_inputs(inputs, exclude=exclude)
    if out is not None:  # never read our own output back as input (e.g. `newslab extract . --out out`)
        own = Path(os.path.realpath(out))
        files = [(p, r) for p, r in files if own not in Path(os.path.realpath(p)).parents]
    records = [input_record(p, -1) for p, _ in files]
    keep, dupes = _same_name_and_bytes(files, records)
    files, records = [files[i] for i in keep], [records[i] for i in keep]
    input_errors += dupes
    root_index: dict[str, int] = {}
    for rec, (_, r) in zip(records, files):
        rec[1] = root_index.setdefault(str(r), len(root_index))
    roots = list(root_index)
    units = plan_units(files, batch_size)
    batches = plan_batches(units, batch_size)
    plan = {
        "layout": LAYOUT_VERSION,
        "format": format,
        "batch_size": batch_size,
        "settings": dataclasses.asdict(settings),
        "columns": columns,
        "exclude": list(exclude) if exclude else None,
        "roots": roots,
        "inputs": records,
        "input_errors": [_error_record(e) for e in input_errors],
        "batches": [{"id": i, "units": b} for i, b in enumerate(batches)],
        "max_bytes": max_bytes,
        "raw_csv": bool(raw_csv),
    }
    if file_pattern is not None:  # only when given, so that earlier outputs stay resumable
        plan["file_pattern"] = file_pattern
    plan["fingerprint"] = fingerprint(plan)
    return plan


# ------------------------------------------------------------------------------------------ one batch

def part_name(batch_id: int) -> str:
    return f"part-{batch_id:05d}.parquet"


def parts_root(out: Path, format: str) -> Path:
    """Where the per-batch parts go: the output itself for Parquet, a hidden work folder for CSV."""
    return out if format == "parquet" else out / WORK_DIR / "parts"


def _arrow_schema(table: str):
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "bool": pa.bool_(),
             "float64": pa.float64(), "datetime64[ns]": pa.timestamp("ns")}
    return pa.schema([(name, types[dtype]) for name, dtype in COLUMNS[table].items()])


#: rows per Parquet row group: a batch of a few hundred articles fits in one; a giant article's 200,000
#: sentences are written (and read back) 10,000 rows at a time, which halves the memory either takes
ROW_GROUP = 10_000
#: the columns of each table whose Parquet min/max statistics are written (all but the full texts)
_STATISTICS = {t: [c for c in cols if c != "text"] for t, cols in COLUMNS.items()}


def write_part(df: pd.DataFrame, table: str, path: Path) -> dict:
    """Write one table part atomically (temp name, then rename); return its rows, size and SHA-256."""
    import pyarrow as pa

    df = conform(df, table)[list(COLUMNS[table])]
    arrow = pa.Table.from_pandas(df, schema=_arrow_schema(table), preserve_index=False)
    del df
    return _write_arrow(arrow, table, path)


def _write_arrow(arrow, table: str, path: Path) -> dict:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(path)
    try:
        # no min/max statistics for the text columns: nobody filters on them, and for a megabyte-long value
        # Parquet builds them from copies of the whole value (~90 MB more for a 20 MB article) to drop them;
        # row groups of at most ROW_GROUP rows: writer and reader hold one group's pages, not the whole part's
        pq.write_table(arrow, tmp, compression="zstd", write_statistics=_STATISTICS[table],
                       row_group_size=ROW_GROUP)
        replace_atomic(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    return {"rows": arrow.num_rows, "size": path.stat().st_size, "sha256": file_digest(path)}


def read_part(path: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one part back with the table's dtypes."""
    df = pd.read_parquet(path, columns=columns)
    if columns is None:
        return conform(df, table)
    return df


def _read_lines(path: str, root: str, first: int, end: int | None, byte_start: int, byte_stop: int | None,
                columns: dict | None, max_bytes: int | None = None) -> tuple[list[dict], list[dict]]:
    """Read lines ``first`` to ``end`` of a JSONL file exactly as :func:`newslab.io.load.read_file` reads them in
    the whole file (same ids, line numbers, paths and messages), holding only those lines in memory.

    The loader is given a stand-in file under a folder named like the input root: the same relative path,
    the preceding lines blank (blank lines count but yield nothing), then this run's bytes.
    """
    import tempfile

    from newslab.io.load import read_file

    src, top = Path(path), Path(root)
    try:
        rel = src.relative_to(top)
    except ValueError:
        rel = Path(src.name)
    from newslab.io.load import DEFAULT_MAX_BYTES, file_problem
    from newslab.io.readers import error_record

    problem = file_problem(src)
    if problem:
        return [], [error_record(src, problem)] if first == 1 else []
    try:
        with open(src, "rb") as f:
            f.seek(byte_start)
            data = f.read() if byte_stop is None else f.read(byte_stop - byte_start)
    except OSError as exc:
        return [], [error_record(src, f"cannot be read ({exc.strerror or exc})")] if first == 1 else []
    with tempfile.TemporaryDirectory(prefix="newslab-lines-") as tmp:
        stand_root = Path(tmp) / (os.path.basename(os.path.abspath(top)) or "root")
        stand = stand_root / rel
        stand.parent.mkdir(parents=True, exist_ok=True)
        with open(stand, "wb") as f:
            f.write(b"\n" * (first - 1))  # a UTF-8 BOM, if any, stays in the first run's bytes
            f.write(data)
        articles, errors = read_file(stand, stand_root, columns, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    fake, real = str(stand), printable(path)
    for rec in articles:
        if rec.get("path") == fake:
            rec["path"] = real
    for err in errors:
        err["path"] = real if str(err.get("path")) == fake else err.get("path")
        err["error"] = str(err.get("error", "")).replace(fake, real)
    if first > 1 and (articles or any(e.get("line") is not None for e in errors)):
        # file-level messages ("has no records") describe the whole file: the first run reports them
        errors = [e for e in errors if e.get("line") is not None]
    return articles, errors


def _read_units(units: list[list], columns: dict | None, max_bytes: int | None = None,
                file_pattern: str | None = None) -> tuple[list[dict], list[dict]]:
    from newslab.io.load import DEFAULT_MAX_BYTES, read_file

    records, errors = [], []
    current, cached = None, ([], [])
    limit = max_bytes or DEFAULT_MAX_BYTES
    for path, root, start, stop, _, byte_start, byte_stop in units:
        if byte_start is not None and byte_start >= 0:  # a run of lines of a JSONL file
            recs, errs = _read_lines(path, root, start, stop, byte_start, byte_stop, columns, limit)
            records += recs
            errors += errs
            continue
        if (path, root) != current:  # units of one file are consecutive: keep only one file in memory
            current, cached = (path, root), read_file(Path(path), Path(root), columns, max_bytes=limit,
                                                      file_pattern=file_pattern)
        recs, errs = cached
        records += recs[start:stop]
        if start == 0:
            errors += errs
    return records, errors


def _process_safely(articles: pd.DataFrame, settings: Settings,
                    lines: dict | None = None) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """``process`` the batch; if it fails, process article by article and report the failing ones as errors
    (``lines``: article id -> record line, for the error rows). The other articles keep all their rows."""
    from newslab.pipeline import process

    if articles.empty:
        return {name: empty(name) for name in TABLES if name != "errors"}, []
    try:
        return process(articles, settings), []
    except Exception:  # an unexpected bug on one article must not lose the whole batch
        pass
    pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES if name != "errors"}
    errors = []
    for i in range(len(articles)):
        one = articles.iloc[[i]]
        try:
            tables = process(one, settings)
        except Exception as exc:
            path, aid = one["path"].iloc[0], one["article_id"].iloc[0]
            line = (lines or {}).get(aid)
            where = f"{path}, line {line}" if line is not None else str(path)
            detail = " ".join(str(exc).split())[:200]
            errors.append({"path": path, "line": line, "article_id": aid,
                           "error": f"{where}: newslab could not analyse this article ({type(exc).__name__}: "
                                    f"{detail}); the rest of the file was kept; please report it"})
            continue
        for name, df in tables.items():
            pieces[name].append(df)
    return {name: conform(pd.concat(dfs, ignore_index=True), name) if dfs else empty(name)
            for name, dfs in pieces.items()}, errors


def order_rows(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Rows in input order: articles as read, every other table grouped by its article in that order
    (a stable sort, so each article's own rows keep the pipeline's order)."""
    articles = tables["articles"]
    position = pd.Series(range(len(articles)), index=articles["article_id"].astype(object))
    position = position[~position.index.duplicated()]
    out = {"articles": articles.reset_index(drop=True)}
    for name in ("sentences", "sources", "stances"):
        df = tables[name]
        key = df["article_id"].astype(object).map(position).fillna(len(articles)).to_numpy()
        if len(key) < 2 or (key[1:] >= key[:-1]).all():  # already in order (e.g. one giant article): no copy
            out[name] = df.reset_index(drop=True)
        else:
            out[name] = df.iloc[key.argsort(kind="stable")].reset_index(drop=True)
    out["errors"] = tables["errors"]
    return out


def run_batch(batch: dict, parts_dir: str, settings: Settings, columns: dict | None = None,
              max_bytes: int | None = None, file_pattern: str | None = None) -> dict:
    """Read, process and write one batch; return ``{"id", "parts": {table: {rows, size, sha256}}, "inputs"}``.

    The same function runs on every engine. It reads its own input files and writes its own part files, so
    only this small summary travels back to the parent.
    """
    from newslab.io.load import _dedupe

    records, errors = _read_units(batch["units"], columns, max_bytes, file_pattern)
    lines = {r["article_id"]: r.pop("_line", None) for r in records}
    records = _dedupe(records, errors)  # the same name and text under two input roots: one article
    articles = conform(pd.DataFrame(records), "articles")
    tables, failed = _process_safely(articles, settings, lines)
    if failed:  # only the articles whose analysis failed are left out; no table keeps rows for them
        bad = {e.pop("article_id") for e in failed}
        for name in ("articles", "sentences", "sources", "stances"):
            df = tables[name]
            tables[name] = df[~df["article_id"].isin(bad).to_numpy()]
    notes = language_notes(tables["articles"])  # kept but not analysed: same rows as newslab.load's
    tables["errors"] = conform(pd.DataFrame(list(batch.get("errors", [])) + errors + failed + notes), "errors")
    tables = order_rows(tables)
    # a giant article, or a batch of long ones: give the working memory back before the part files are built
    # (not after every ordinary batch: a full garbage collection costs more than the rest of the writing)
    big = max((len(r["text"]) for r in records), default=0) > CHUNK_CHARS or sum(
        len(r["text"]) for r in records) > BIG_PARTS
    del records, articles
    if big:
        release_memory()
    root = Path(parts_dir)
    parts = {}
    for name in TABLES:  # each table is let go once written, and (giant article) its memory handed back
        parts[name] = write_part(tables.pop(name), name, root / name / part_name(batch["id"]))
        if big:
            release_memory()
    return {"id": batch["id"], "parts": parts}


# ------------------------------------------------------------------------------------------------ engines

def _run_local(todo: list[dict], call: Callable, workers: int, on_done: Callable[[dict], None]) -> None:
    if workers == 1:
        for batch in todo:
            on_done(call(batch))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        # newslab.io.warm loads the lexicons and models once in the server: every forked worker starts with them
        ctx.set_forkserver_preload(["newslab.io.extract", "newslab.pipeline", "pandas", "pyarrow.parquet",
                                    "newslab.io.warm"])
    pending, queue = set(), list(reversed(todo))
    from newslab.io.outlock import watch_parent

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=watch_parent,
                               initargs=(os.getpid(),))
    try:
        while queue or pending:
            while queue and len(pending) < 2 * workers:  # a bounded number of batches in flight
                pending.add(pool.submit(call, queue.pop()))
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                on_done(fut.result())
    except BrokenProcessPool as exc:
        raise InterruptedRun(
            "a worker process died (out of memory?). Finished batches are kept: rerun the same command to "
            "resume, perhaps with a smaller --batch-size or fewer --workers") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dask_client(scheduler, workers: int):
    """``(client, close)`` for an address, a ``Client``, or a new ``LocalCluster`` when ``scheduler`` is None."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise SettingsError("engine 'dask' needs the dask[distributed] package: pip install 'dask[distributed]'"
                            ) from exc
    if isinstance(scheduler, Client):
        return scheduler, lambda: None
    if scheduler:
        try:
            client = Client(str(scheduler), timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise SettingsError(f"could not connect to the Dask scheduler at {scheduler}: {exc}. Check the "
                                "address (e.g. tcp://host:8786) and that the scheduler is running") from exc
        return client, client.close
    import logging

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    client = Client(cluster)

    def close():
        client.close()
        cluster.close()

    return client, close


def _run_dask(todo: list[dict], call: Callable, workers: int, scheduler, on_done: Callable[[dict], None],
              tag: str) -> None:
    from distributed import as_completed

    client, close = _dask_client(scheduler, workers)
    futures = []
    try:
        futures = [client.submit(call, b, key=f"newslab-batch-{tag}-{b['id']:05d}", pure=False, retries=2)
                   for b in todo]
        for fut in as_completed(futures):
            on_done(fut.result())
    finally:
        for fut in futures:
            fut.cancel()
        close()


# ------------------------------------------------------------------------------------------------- a run

def batch_spec(plan: dict, batch: dict) -> dict:
    """What a worker needs for one batch: its units with file paths, and (batch 0) the input errors."""
    roots, inputs = plan["roots"], plan["inputs"]
    units = [[inputs[u[0]][0], roots[inputs[u[0]][1]], *u[1:]] for u in batch["units"]]
    return {"id": batch["id"], "units": units, "errors": plan["input_errors"] if batch["id"] == 0 else []}


def _check_args(format, engine, workers, batch_size) -> None:
    if format not in ("csv", "parquet"):
        raise SettingsError(f"unknown output format {format!r}: use 'csv' or 'parquet'")
    if engine not in ("local", "dask"):
        raise SettingsError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise SettingsError(f"workers must be a whole number of at least 1, not {workers!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise SettingsError(f"batch size must be a whole number of at least 1, not {batch_size!r}")


def _reusable(old: dict | None, plan: dict, root: Path) -> tuple[set[int], list[int]]:
    """Batches of a previous run of the same plan whose parts are intact, and those found damaged."""
    if not old or old.get("fingerprint") != plan["fingerprint"]:
        return set(), []
    done, damaged = set(), []
    for b in old.get("batches", []):
        if b.get("status") != "done":
            continue
        if all(part_ok(root / t / part_name(b["id"]), b.get("parts", {}).get(t)) for t in TABLES):
            done.add(b["id"])
        else:
            damaged.append(b["id"])
    return done, damaged


def _final_csv_intact(old: dict | None, plan: dict, out: Path) -> bool:
    if not old or old.get("fingerprint") != plan["fingerprint"] or old.get("status") != "complete":
        return False
    files = old.get("outputs", {})
    return all(part_ok(out / f"{t}.csv", files.get(t)) for t in TABLES)


def _remove_stale(out: Path, old: dict | None, plan: dict) -> None:
    """Remove part files of ours that the current plan does not produce (a previous, different run)."""
    if plan["format"] == "parquet":
        keep = {part_name(b["id"]) for b in plan["batches"]}
        for t in TABLES:
            d = out / t
            if d.is_dir():
                for f in d.glob("part-*.parquet"):
                    if f.name not in keep:
                        f.unlink()
                for f in d.glob(".part-*.tmp"):
                    f.unlink()
    if old and old.get("format") != plan["format"]:
        for t in TABLES:
            if old.get("format") == "csv":
                (out / f"{t}.csv").unlink(missing_ok=True)
            elif (out / t).is_dir():
                for f in (out / t).glob("part-*.parquet"):
                    f.unlink()


def _write_csvs(out: Path, plan: dict, batches: list[dict] | None = None) -> dict[str, dict]:
    """Concatenate the parts of each table, in batch order, into ``DIR/<table>.csv`` (one at a time).

    Values a spreadsheet would run as formulas are guarded (:mod:`newslab.io.csvguard`) unless ``raw_csv``."""
    from newslab.io.csvguard import guard
    from newslab.io.csvout import CSV_OPTIONS, write_csv

    root = parts_root(out, "csv")
    batches = batches or plan["batches"]  # the manifest's entries (with their parts' sizes) when given
    outputs = {}
    for t in TABLES:
        path = out / f"{t}.csv"
        tmp = temp_path(path)
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                for i, b in enumerate(batches):
                    df = read_part(root / t / part_name(b["id"]), t)
                    if not plan.get("raw_csv"):
                        df = guard(df, t)
                    write_csv(df, f, header=(i == 0), **CSV_OPTIONS)  # to_csv's bytes, streaming huge texts
                    del df
                    if _big_batch(b):
                        release_memory()
            replace_atomic(tmp, path)
        except BaseException:
            discard(tmp)
            raise
        outputs[t] = {"rows": None, "size": path.stat().st_size, "sha256": file_digest(path)}
    shutil.rmtree(out / WORK_DIR, ignore_errors=True)
    return outputs


def _read_errors(out: Path, format: str, raw_csv: bool = True) -> pd.DataFrame:
    if format == "csv":
        from newslab.io.csvguard import unguard

        df = conform(pd.read_csv(out / "errors.csv", dtype={"path": "string", "error": "string"},
                                 keep_default_na=False, na_values={"line": [""]}), "errors")
        return df if raw_csv else unguard(df, "errors")
    files = sorted((out / "errors").glob("part-*.parquet"))
    if not files:
        return empty("errors")
    return conform(pd.concat([read_part(f, "errors") for f in files], ignore_index=True), "errors")


def _result(out: Path, manifest: dict, seconds: float) -> ExtractResult:
    fmt = manifest["format"]
    paths = {t: out / (f"{t}.csv" if fmt == "csv" else t) for t in TABLES}
    return ExtractResult(out=out, format=fmt, counts=dict(manifest.get("counts", {})),
                         errors=_read_errors(out, fmt, manifest.get("raw_csv", True)), paths=paths, batches=len(manifest["batches"]),
                         reused=manifest.get("reused", 0), redone=list(manifest.get("redone", [])),
                         seconds=seconds)


def extract(inputs, out: str | Path, *, format: str = "csv", engine: str = "local", workers: int | None = None,
            scheduler=None, batch_size: int = DEFAULT_BATCH_SIZE, settings: Settings | None = None,
            columns: dict | None = None, exclude: list[str] | None = None, progress: bool | None = None,
            max_bytes: int | None = None, raw_csv: bool = False, file_pattern: str | None = None,
            _fail_after_batch: int | None = None) -> ExtractResult:
    """Read ``inputs``, run the pipeline in batches and write the five tables to ``out``.

    ``inputs``: a file, a folder (recursive), a glob, or a list of these. ``format``: ``"csv"`` or
    ``"parquet"``. ``engine``: ``"local"`` (processes, ``workers`` of them, default all cores) or ``"dask"``
    (``scheduler``: an address like ``"tcp://host:8786"`` or a ``distributed.Client``; default a
    ``LocalCluster``). ``batch_size``: articles per batch (memory per worker grows with it). ``progress``:
    show a progress bar (default: when there are more than a handful of inputs). ``columns``,
    ``exclude``, ``max_bytes`` and ``file_pattern`` (named groups such as ``(?P<published>...)`` and
    ``(?P<outlet>...)`` read from each file's name) are passed to the loader (see :func:`newslab.load`). CSV values that a
    spreadsheet would run as formulas get a leading apostrophe unless ``raw_csv=True`` (see
    ``docs/schema.md``). Rerunning with the same arguments resumes an interrupted run; one run at a time
    may write to ``out`` (a second one raises :class:`~newslab.errors.OutputError`).

    >>> result = extract("data/sample", "/tmp/newslab-out", format="parquet", workers=1)   # doctest: +SKIP
    >>> result.counts["sentences"] > 0                                                    # doctest: +SKIP
    True
    """
    _check_args(format, engine, workers, batch_size)
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes < 1):
        raise SettingsError(f"max_bytes must be a whole number of bytes, not {max_bytes!r}")
    if file_pattern is not None:
        from newslab.io.sidecar import check_pattern

        if not isinstance(file_pattern, str):
            file_pattern = check_pattern(file_pattern).pattern
        check_pattern(file_pattern)
    started = time.monotonic()
    settings = settings or Settings()
    check_settings(settings)
    workers = workers or os.cpu_count() or 1
    fail_after = _fail_after_batch
    if fail_after is None and os.environ.get(FAIL_AFTER_ENV):
        fail_after = int(os.environ[FAIL_AFTER_ENV])
    with writing_to(Path(out)) as out:
        return _extract(inputs, out, started=started, format=format, engine=engine, workers=workers,
                        scheduler=scheduler, batch_size=batch_size, settings=settings, columns=columns,
                        exclude=exclude, progress=progress, max_bytes=max_bytes, raw_csv=raw_csv,
                        file_pattern=file_pattern, fail_after=fail_after)




def _extract(inputs, out: Path, *, started: float, format: str, engine: str, workers: int, scheduler,
             batch_size: int, settings: Settings, columns, exclude, progress, max_bytes, raw_csv,
             fail_after, file_pattern: str | None = None) -> ExtractResult:
    """The body of :func:`extract`, run while holding the output folder's lock."""
    plan = make_plan(inputs, format=format, batch_size=batch_size, settings=settings, columns=columns,
                     exclude=exclude, out=out, max_bytes=max_bytes, raw_csv=raw_csv, file_pattern=file_pattern)
    old = read_manifest(out)
    if format == "csv" and _final_csv_intact(old, plan, out):
        return _result(out, old, time.monotonic() - started)
    root = parts_root(out, format)
    done, damaged = _reusable(old, plan, root)
    _remove_stale(out, old, plan)

    previous = {b["id"]: b for b in (old or {}).get("batches", [])} if old and old.get(
        "fingerprint") == plan["fingerprint"] else {}
    manifest = {**plan, "newslab_version": __version__, "status": "running",
                "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "reused": len(done), "redone": damaged,
                "batches": [{"id": b["id"], "units": b["units"], "status": "done" if b["id"] in done else "todo",
                             "parts": previous.get(b["id"], {}).get("parts") if b["id"] in done else None}
                            for b in plan["batches"]]}
    write_json_atomic(out / MANIFEST, manifest)

    todo = [batch_spec(plan, b) for b in plan["batches"] if b["id"] not in done]
    by_id = {b["id"]: b for b in manifest["batches"]}
    weight = {b["id"]: sum(u[3] for u in b["units"]) for b in plan["batches"]}
    bar = _progress_bar(progress, plan, weight, done)
    state = {"finished": 0, "last_write": time.monotonic(), "write_cost": 0.0}

    def save() -> None:
        t0 = time.monotonic()
        write_json_atomic(out / MANIFEST, manifest)
        state["last_write"] = time.monotonic()
        state["write_cost"] = state["last_write"] - t0

    def on_done(result: dict) -> None:
        entry = by_id[result["id"]]
        entry.update(status="done", parts=result["parts"])
        state["finished"] += 1
        if bar is not None:
            bar.update(weight[result["id"]])
        # save the status every second, less often when the manifest is big (a huge input list)
        if time.monotonic() - state["last_write"] > max(1.0, 20 * state["write_cost"]):
            save()
        if fail_after is not None and state["finished"] >= fail_after:
            save()
            raise InterruptedRun(f"stopped on purpose after {state['finished']} batches ({FAIL_AFTER_ENV}); "
                                 "rerun the same command to resume")

    call = _BatchCall(str(root), settings, columns, max_bytes, file_pattern)
    try:
        if engine == "local":
            _run_local(todo, call, workers, on_done)
        else:
            _run_dask(todo, call, workers, scheduler, on_done, f"{plan['fingerprint'][:10]}-{os.urandom(3).hex()}")
    finally:
        if bar is not None:
            bar.close()
        write_json_atomic(out / MANIFEST, manifest)

    missing = [b["id"] for b in manifest["batches"]
               if b["status"] != "done" or not (root / "errors" / part_name(b["id"])).exists()]
    if missing:
        raise InterruptedRun(f"{len(missing)} batches were reported done but their files are not in {root}: "
                             "with a remote Dask cluster the output folder must be on a filesystem shared by "
                             "every worker and this machine")
    drop_repeats(root, manifest)
    link_parts(root, manifest, settings)
    write_json_atomic(out / MANIFEST, manifest)
    counts = {t: sum(b["parts"][t]["rows"] for b in manifest["batches"]) for t in TABLES}
    if format == "csv":
        manifest["outputs"] = _write_csvs(out, plan, manifest["batches"])
        for t in TABLES:
            manifest["outputs"][t]["rows"] = counts[t]
    manifest.update(status="complete", counts=counts, finished=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    write_json_atomic(out / MANIFEST, manifest)
    return _result(out, manifest, time.monotonic() - started)


def drop_repeats(root: Path, manifest: dict) -> None:
    """Drop articles whose id an earlier batch already holds, as :func:`newslab.load` does across all inputs.

    Records with the same relative path and text under two input roots get one article id; a batch drops such
    repeats among its own records, this step those that fall into different batches (e.g. two versions of a
    JSONL feed sharing some records). The first one in input order is kept; the later batch's parts lose
    every row of the repeat, and its errors part gets the same row ``newslab.load`` writes. A batch rewritten
    here holds no repeat any more, so a resumed run that reuses it finds nothing to do: the same bytes.
    """
    from newslab.io.load import DATAFRAME
    from newslab.io.readers import error_record

    first: dict[str, str] = {}
    for b in manifest["batches"]:
        arts = read_part(root / "articles" / part_name(b["id"]), "articles", ["article_id", "path"])
        repeats: dict[str, str] = {}
        for aid, path in zip(arts["article_id"].tolist(), arts["path"].tolist()):
            path = path if isinstance(path, str) and path else DATAFRAME
            if aid in first:
                repeats.setdefault(aid, path)
            else:
                first[aid] = path
        if not repeats:
            continue
        for t in ("articles", "sentences", "sources", "stances"):
            df = read_part(root / t / part_name(b["id"]), t)
            b["parts"][t] = write_part(df[~df["article_id"].isin(repeats).to_numpy()], t,
                                       root / t / part_name(b["id"]))
        rows = [error_record(path, f"skipped: same name and text as {first[aid]} (article_id {aid})")
                for aid, path in repeats.items()]
        errors = read_part(root / "errors" / part_name(b["id"]), "errors")
        errors = conform(pd.concat([errors, conform(pd.DataFrame(rows), "errors")], ignore_index=True), "errors")
        b["parts"]["errors"] = write_part(errors, "errors", root / "errors" / part_name(b["id"]))


#: the sources columns the corpus-wide identity step reads from every part (its per-batch name statistics)
IDENTITY_COLUMNS = ["article_id", "alias", "source_type", "mention", "gender_evidence"]
#: the tables whose rows name a source (rewritten by the identity step)
SOURCE_TABLES = ("sources", "sentences", "stances")


def link_parts(root: Path, manifest: dict, settings: Settings) -> None:
    """The corpus-wide identity step (see :mod:`newslab.attribution.identity`) over finished part files.

    Reduce: the name statistics of every batch's sources part are summed into one set of identities. Then a
    rewrite pass sets ``source``/``source_id``/``gender`` in each batch's sources, sentences and stances
    parts and records their new digests. Both read only columns the rewrite leaves unchanged, so the step
    gives the same bytes whatever the batching, and again when a resumed run repeats it.
    """
    from newslab.attribution.identity import Identities, merge_stats, name_stats, pinned_names, rewrite

    batches = manifest["batches"]
    stats = merge_stats(name_stats(read_part(root / "sources" / part_name(b["id"]), "sources", IDENTITY_COLUMNS))
                        for b in batches)
    ids = Identities(stats, pinned=pinned_names(settings.sources))
    if any(_big_batch(b) for b in batches):  # the statistics pass's garbage, before the rewrite's peak
        release_memory()
    import pyarrow as pa
    import pyarrow.parquet as pq

    for b in batches:
        paths = {t: root / t / part_name(b["id"]) for t in SOURCE_TABLES}
        # only the columns the rewrite reads and sets go through pandas; the rest of each part (the
        # sentences' text above all) stays in Arrow form and is written back as it was read
        tables = rewrite({t: read_part(paths[t], t, LINK_COLUMNS[t]).astype("string") for t in SOURCE_TABLES}, ids)
        for t in SOURCE_TABLES:
            new, full = tables.pop(t), pq.read_table(paths[t])
            for col in (c for c in LINK_COLUMNS[t] if c in LINK_SETS):
                i = full.schema.get_field_index(col)
                full = full.set_column(i, full.schema.field(i), pa.array(new[col], type=pa.string()))
            del new
            b["parts"][t] = _write_arrow(full, t, paths[t])
            del full
        if _big_batch(b):
            release_memory()


#: the columns of each part the identity step (:func:`newslab.attribution.identity.rewrite`) reads, and those it sets
LINK_COLUMNS = {"sources": ["attribution_id", "article_id", "alias", "source_type", "mention", "gender_evidence",
                            "source", "source_id", "gender"],
                "sentences": ["attribution_id", "source", "source_id"],
                "stances": ["attribution_id", "source", "source_id", "target", "target_id"]}
LINK_SETS = ("source", "source_id", "gender", "gender_evidence", "target_id")


#: a batch whose part files add up to more than this (bytes, compressed) holds a giant article or a huge
#: record file: memory is handed back after each step on it, so that steps do not pile up their peaks
BIG_PARTS = 4_000_000


def _big_batch(batch: dict) -> bool:
    return sum((p or {}).get("size") or 0 for p in (batch.get("parts") or {}).values()) > BIG_PARTS


@dataclass(frozen=True)
class _BatchCall:
    """``run_batch`` with the run's fixed arguments bound (picklable, for processes and Dask workers)."""

    parts_dir: str
    settings: Settings
    columns: Any = None
    max_bytes: int | None = None
    file_pattern: str | None = None

    def __call__(self, batch: dict) -> dict:
        return run_batch(batch, self.parts_dir, self.settings, self.columns, self.max_bytes, self.file_pattern)


def _progress_bar(progress: bool | None, plan: dict, weight: dict[int, int], done: set[int]):
    if progress is None:
        progress = len(plan["inputs"]) > PROGRESS_MIN_INPUTS
    if not progress:
        return None
    from tqdm.auto import tqdm

    total = sum(weight.values())
    bar = tqdm(total=total, unit="article", file=sys.stderr, desc="newslab extract", dynamic_ncols=True)
    bar.update(sum(weight[i] for i in done))
    return bar
