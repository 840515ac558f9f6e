"""``manifest.json``: what an ``extract`` run read, how it split the work, and which batches are done.

The manifest is what makes a run resumable. It records the inputs (path, size, modification time), the batch
plan, the status of each batch with the size and SHA-256 of every part file it wrote, the newslab version and
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
LAYOUT_VERSION = 2


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
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False, default=str)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    replace_atomic(tmp, path)


def read_manifest(out: str | Path) -> dict | None:
    """The manifest in ``out``, or ``None`` when there is none or it cannot be parsed."""
    path = Path(out) / MANIFEST
    try:
        with open(path, encoding="utf-8") as f:
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


def input_record(path: Path, root: Path) -> dict:
    """``{"path", "root", "size", "mtime_ns"}`` for one input file (size -1 when it cannot be stat'ed)."""
    try:
        st = path.stat()
        size, mtime = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime = -1, -1
    return {"path": str(path), "root": str(root), "size": size, "mtime_ns": mtime}


def fingerprint(plan: dict) -> str:
    """A hash of everything that decides the output bytes: inputs, settings, format, batch plan, layout."""
    keys = ("layout", "format", "batch_size", "settings", "columns", "exclude", "inputs", "input_errors", "batches")
    blob = json.dumps({k: plan.get(k) for k in keys}, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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
