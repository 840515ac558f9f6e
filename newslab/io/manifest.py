"""``manifest.json``: what an ``extract`` run read, how it split the work, and which batches are done.

The manifest is what makes a run resumable. It records the inputs (``[path, root, size, mtime_ns, digest]``,
the root an index into ``roots``, the digest a BLAKE2 hash of the file's bytes, so that an edit that keeps the
size and modification time, e.g. ``cp -p``, is still seen), the batch plan (units ``[input, start, stop, weight, byte_start, byte_stop]``), the status of each batch with the size and SHA-256 of every part file it wrote, the newslab version and
the settings. A rerun whose plan has the same *fingerprint* (inputs, settings, format, batch size) reuses the
finished batches whose part files are still intact and redoes the rest.

Files are always written under a temporary name that starts with a dot (so Parquet readers ignore it) and
then renamed into place, so a reader never sees half a file.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_json_atomic(d / "manifest.json", {"status": "running"})
>>> read_manifest(d)["status"]
'running'
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
#: bump when the layout of the manifest or of the part files changes (old runs are then redone)
LAYOUT_VERSION = 5  # 5: articles.boilerplate_lines


def temp_path(path: Path) -> Path:
    """A hidden sibling of ``path`` unique to this process: Parquet datasets skip names starting with '.'."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def replace_atomic(tmp: Path, path: Path) -> None:
    """Move a finished temporary file into place (atomic on one filesystem)."""
    os.replace(tmp, path)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as indented JSON to ``path`` via a temporary file and a rename."""
    path = Path(path)
    tmp = temp_path(path)
    big = isinstance(data, dict) and len(data.get("inputs", ())) > 1000
    try:
        # readable when small, compact when it lists many inputs; file names that are not UTF-8 keep their bytes
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
            json.dump(data, f, indent=None if big else 1, separators=(",", ":") if big else None,
                      ensure_ascii=False, default=str)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        replace_atomic(tmp, path)
    except BaseException:  # a full disk, or Ctrl-C: leave no half-written temporary file behind
        discard(tmp)
        raise


def discard(tmp: Path) -> None:
    """Remove a temporary file if it is there (never raises)."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


def read_manifest(out: str | Path) -> dict | None:
    """The manifest in ``out``, or ``None`` when there is none or it cannot be parsed."""
    path = Path(out) / MANIFEST
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def content_digest(path: str | Path) -> str:
    """A fast hash (BLAKE2b, 128 bits) of a file's bytes; ``""`` when the file cannot be read."""
    h = hashlib.blake2b(digest_size=16)
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def input_record(path: Path, root: int) -> list:
    """``[path, root, size, mtime_ns, digest]`` for one input file (``root``: index into the manifest's
    ``roots``; size and mtime -1 and digest ``""`` when the file cannot be read). Lists, not dicts: a manifest
    may list millions. Only regular files are passed here (pipes and devices are refused before)."""
    try:
        st = path.stat()
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        return [str(path), root, -1, -1, ""]
    return [str(path), root, size, mtime, content_digest(path)]


def fingerprint(plan: dict) -> str:
    """A hash of everything that decides the output bytes: inputs, settings, format, batch plan, layout."""
    keys = ("layout", "format", "batch_size", "settings", "columns", "exclude", "roots", "inputs", "input_errors",
            "batches", "max_bytes", "raw_csv")
    blob = json.dumps({k: plan.get(k) for k in keys}, sort_keys=True, default=str, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8", "surrogateescape")).hexdigest()


def part_ok(path: Path, expected: dict | None) -> bool:
    """True when a part file exists and still has the size and SHA-256 recorded when it was written."""
    if not expected:
        return False
    try:
        if path.stat().st_size != expected.get("size"):
            return False
    except OSError:
        return False
    return file_digest(path) == expected.get("sha256")
