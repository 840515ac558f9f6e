"""Throughput and memory of ``newslab extract`` on a synthetic corpus, per engine and worker count.

For N generated articles (one ``.txt`` file each, from ``newslab.synthetic``) it runs
``extract(..., format="parquet")`` with the local engine on 1 and 2 workers and with a Dask ``LocalCluster``
of 2 worker processes, and prints articles/s, sentences/s, peak RSS of the parent and of each child process
(sampled every 0.2 s with psutil), and the size of the output. Figures are printed, never asserted.

    python benchmarks/bench_scale.py                  # N = 10,000 (what `make bench` runs)
    python benchmarks/bench_scale.py --large          # N = 100,000
    python benchmarks/bench_scale.py -n 2000 --configs local1,dask2 --batch-size 100
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

CONFIGS = {"local1": ("local", 1), "local2": ("local", 2), "dask2": ("dask", 2)}


class RssSampler:
    """Peak resident memory of this process and of every descendant, sampled in a background thread."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.me = psutil.Process()
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}  # last seen user+system CPU seconds per process
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        procs = [self.me]
        try:
            procs += self.me.children(recursive=True)
        except psutil.Error:
            pass
        for p in procs:
            try:
                rss = p.memory_info().rss
                times = p.cpu_times()
                name = "parent" if p.pid == self.me.pid else _role(p, self.me.pid)
            except psutil.Error:
                continue
            old = self.peaks.get(p.pid, (name, 0))
            self.peaks[p.pid] = (name, max(old[1], rss))
            self.cpu[p.pid] = times.user + times.system

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._start_cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def cpu_seconds(self) -> float:
        """CPU time of this process and its descendants while sampled (processes seen at least once)."""
        return sum(self.cpu.values()) - self.cpu0

    def _start_cpu(self) -> None:
        t = self.me.cpu_times()
        self.cpu0 = t.user + t.system

    def report(self) -> tuple[int, list[tuple[str, int]]]:
        parent = self.peaks.get(self.me.pid, ("parent", 0))[1]
        children = sorted(((n, r) for pid, (n, r) in self.peaks.items() if pid != self.me.pid),
                          key=lambda x: -x[1])
        return parent, children


def _role(p, parent_pid: int) -> str:
    """``helper`` for the multiprocessing fork server and resource tracker, else ``worker``.

    Processes forked by the fork server share its command line, so the server is the one whose parent is us.
    """
    cmd = " ".join(p.cmdline())
    if "resource_tracker" in cmd or ("forkserver" in cmd and p.ppid() == parent_pid):
        return "helper"
    return "worker"


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def run_one(corpus: Path, out: Path, config: str, batch_size: int) -> dict:
    import newslab

    engine, workers = CONFIGS[config]
    shutil.rmtree(out, ignore_errors=True)
    with RssSampler() as rss:
        t0 = time.perf_counter()
        result = newslab.extract(corpus, out, format="parquet", engine=engine, workers=workers,
                                 batch_size=batch_size, progress=False)
        seconds = time.perf_counter() - t0
    parent, children = rss.report()
    workers_rss = [r for n, r in children if n == "worker"]
    return {"config": config, "seconds": seconds, "cpu": rss.cpu_seconds(), "articles": result.counts["articles"],
            "sentences": result.counts["sentences"], "sources": result.counts["sources"],
            "parent": parent, "workers": workers_rss, "load": os.getloadavg()[0], "output": dir_size(out), "batches": result.batches}


def main(argv: list[str] | None = None) -> int:
    from newslab.io.extract import DEFAULT_BATCH_SIZE

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000, help="articles to generate (default 10,000)")
    ap.add_argument("--large", action="store_true", help="N = 100,000")
    ap.add_argument("--configs", default="local1,local2,dask2", help="comma list of local1, local2, dask2")
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--workdir", default=None, help="where the corpus and outputs go (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and outputs")
    args = ap.parse_args(argv)
    n = 100_000 if args.large else args.n
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        ap.error(f"unknown config {unknown[0]!r}; choose from {', '.join(CONFIGS)}")

    from newslab.synthetic import write_corpus

    work = Path(args.workdir or tempfile.mkdtemp(prefix="newslab-bench-scale-"))
    corpus = work / f"corpus-{n}"
    t0 = time.perf_counter()
    if not corpus.exists():
        write_corpus(corpus, n, seed=0)
    print(f"corpus: {n:,} articles, {mb(dir_size(corpus))} of .txt in {corpus} "
          f"(generated in {time.perf_counter() - t0:.0f} s); batch size {args.batch_size}; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}", flush=True)

    rows = []
    try:
        for config in configs:
            row = run_one(corpus, work / f"out-{config}", config, args.batch_size)
            rows.append(row)
            workers = ", ".join(mb(r) for r in row["workers"]) or "(in parent)"
            print(f"  {config}: {row['seconds']:.1f} s, {row['articles'] / row['seconds']:,.0f} articles/s, "
                  f"{row['sentences'] / row['seconds']:,.0f} sentences/s, {row['cpu']:.0f} CPU s, parent {mb(row['parent'])}, "
                  f"workers {workers}, output {mb(row['output'])}, load average {os.getloadavg()[0]:.1f}",
                  flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"N = {n:,} articles ({rows[0]['sentences']:,} sentences, {rows[0]['sources']:,} sources), "
          f"batch size {args.batch_size}, Parquet output")
    print()
    print("| engine | workers | seconds | articles/s | sentences/s | speed-up | CPU s | articles per CPU s | "
          "peak RSS parent | peak RSS per worker | output | load average |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    base = next((r["seconds"] for r in rows if r["config"] == "local1"), None)
    for r in rows:
        engine, workers = CONFIGS[r["config"]]
        speed = f"{base / r['seconds']:.2f}x" if base else "-"
        per_worker = " / ".join(mb(x) for x in r["workers"][:workers]) or "(in parent)"
        print(f"| {engine} | {workers} | {r['seconds']:.1f} | {r['articles'] / r['seconds']:,.0f} | "
              f"{r['sentences'] / r['seconds']:,.0f} | {speed} | {r['cpu']:.0f} | {r['articles'] / r['cpu']:,.0f} | "
              f"{mb(r['parent'])} | {per_worker} | "
              f"{mb(r['output'])} | {r['load']:.1f} |")
    if len({(r["articles"], r["sentences"], r["sources"]) for r in rows}) != 1:
        print("WARNING: the runs disagree on row counts", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
