"""One ``newslab extract`` run per output folder at a time, and workers that never outlive their run.

``hold(out)`` takes an exclusive lock on ``out/.newslab.lock`` for the length of a run; a second run on the
same folder stops at once with a plain message (two runs writing one folder would mix their tables). The
operating system drops the lock when the process ends, however it ends (``kill -9`` included), so a stale
lock file never blocks the next run.

``watch_parent(pid)`` runs in each worker process: the worker exits as soon as the run that started it
is gone, instead of writing on into the output folder.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with hold(d):
...     pass
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from newslab.errors import OutputError, SettingsError, printable

LOCK_NAME = ".newslab.lock"
#: seconds between two checks that the parent run is still alive
PARENT_CHECK = 0.5


def _try_lock(f) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


@contextlib.contextmanager
def hold(out: str | Path) -> Iterator[None]:
    """Hold the output folder's lock for the ``with`` block; raise :class:`OutputError` if a run holds it."""
    path = Path(out) / LOCK_NAME
    f = open(path, "a+", encoding="utf-8")
    try:
        if not _try_lock(f):
            f.seek(0)
            holder = f.read().strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(f"{out}: another `newslab extract` run{who} is writing to this folder; wait for it "
                              "to finish, or choose another --out folder")
        f.seek(0)
        f.truncate()
        f.write(str(os.getpid()))
        f.flush()
        yield
    finally:
        f.close()  # closing the file releases the lock


def _parent_gone(pid: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows: a worker's parent is the run itself
        return os.getppid() != pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    if sys.platform.startswith("linux"):  # a killed parent not yet reaped by its own parent is a zombie
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                return f.read().rsplit(b")", 1)[-1].split()[0] in (b"Z", b"X")
        except OSError:
            return True
    return False


def watch_parent(pid: int) -> None:
    """Exit this (worker) process as soon as process ``pid`` (the run) has ended; checks twice a second.

    On Linux the kernel is also asked to stop this process when its own parent ends.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK)
            if _parent_gone(pid):
                os._exit(1)

    threading.Thread(target=watch, name="newslab-parent-watch", daemon=True).start()


@contextlib.contextmanager
def writing_to(out: Path) -> Iterator[Path]:
    """The output folder ``out`` for the ``with`` block: created, held for this run alone (:func:`hold`), and
    every operating-system error met inside turned into an :class:`OutputError` saying what to do."""
    if out.exists() and not out.is_dir():
        raise SettingsError(f"{out}: exists and is not a folder; choose a folder for the output tables")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with hold(out):
            yield out
    except OSError as exc:
        raise OutputError(output_problem(out, exc)) from exc


def output_problem(out: Path, exc: OSError) -> str:
    """A plain one-line message for an operating-system error met while writing ``out``."""
    where = printable(exc.filename) if exc.filename else str(out)
    if exc.filename and not _inside(Path(exc.filename), out):
        return f"{where}: cannot be read or written ({exc.strerror or exc})"
    if exc.errno == errno.EROFS:
        return (f"{out}: the output folder is on a read-only disk; choose a folder you can write to with --out "
                "(out= in Python)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"{out}: newslab may not write to the output folder (permission denied on {where}); choose a "
                "folder you can write to with --out, or ask for write permission")
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"{out}: the disk is full (or your quota is used up); free some space or choose an --out folder "
                "on another disk, then rerun the same command: finished batches are kept")
    return (f"{out}: cannot write the output ({exc.strerror or exc}, {where}); fix the problem and rerun the same "
            "command: finished batches are kept")


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))
    except (OSError, ValueError):
        return False
