"""Load + segment throughput on a synthetic corpus: articles/s, sentences/s and peak memory (printed, not asserted).

    .venv/bin/python benchmarks/bench_load.py               # 10,000 articles as .txt files
    .venv/bin/python benchmarks/bench_load.py -n 2000 --format jsonl     # or --format html (trafilatura)

The corpus is written to a temporary folder first (not timed). Timed separately: reading the files
(``newslab.io.load.read_inputs``) and sentence segmentation (``newslab.text.segment.segment``).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newslab.io.load import read_inputs  # noqa: E402
from newslab.synthetic import write_corpus  # noqa: E402
from newslab.text.segment import segment  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of articles (default 10,000)")
    ap.add_argument("--format", choices=["txt", "html", "jsonl"], default="txt")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="newslab-bench-") as tmp:
        t0 = time.perf_counter()
        write_corpus(tmp, args.n, seed=args.seed, format=args.format)
        t1 = time.perf_counter()
        articles, errors = read_inputs(tmp)
        t2 = time.perf_counter()
        sentences = segment(articles)
        t3 = time.perf_counter()

    n_art, n_sent = len(articles), len(sentences)
    read_s, seg_s = t2 - t1, t3 - t2
    total = read_s + seg_s
    mb = articles["text"].str.len().sum() / 1e6
    print(f"corpus: {n_art:,} articles ({args.format}), {mb:.1f} M characters, {n_sent:,} sentences, "
          f"{len(errors)} errors; generated in {t1 - t0:.1f} s")
    print(f"load:           {read_s:7.2f} s  {n_art / read_s:10,.0f} articles/s  {mb / read_s:6.1f} M chars/s")
    print(f"segment:        {seg_s:7.2f} s  {n_art / seg_s:10,.0f} articles/s  {n_sent / seg_s:10,.0f} sentences/s")
    print(f"load+segment:   {total:7.2f} s  {n_art / total:10,.0f} articles/s  {n_sent / total:10,.0f} sentences/s"
          "  (one core)")
    print(f"peak RSS:       {peak_rss_mb():7.0f} MB")


if __name__ == "__main__":
    main()
