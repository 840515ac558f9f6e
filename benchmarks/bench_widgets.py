"""How fast the explorers redraw on a large corpus, and how long ``make report`` takes on the sample.

Builds a synthetic corpus (default 10,000 articles, ``newslab.synthetic``), then times single widget
interactions the way a user triggers them (slider release, filter change, search, choosing a stance cell,
switching article). Each redraw recomputes the view from the attributions table and renders the chart PNG.
Prints figures; asserts nothing. Target: an interaction redraws in under 1 s; ``make report`` under 1 min.

    .venv/bin/python benchmarks/bench_widgets.py [--articles 10000] [--no-report]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 3) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_interactions(n: int) -> None:
    import newslab
    from newslab.synthetic import generate_articles
    from newslab.ui import widgets

    t0 = time.perf_counter()
    corpus = newslab.load(generate_articles(n, seed=0))
    print(f"corpus: {corpus} built in {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    explorer = widgets.source_frequency_explorer(corpus, top=10)
    print(f"source-frequency explorer first draw: {time.perf_counter() - t0:.3f} s")
    outlets = [v for _, v in explorer.filters.outlet.options if v]
    tops = iter([5, 20, 10, 15, 8, 12])
    cycle = iter(outlets * 3)
    rows = [
        ("top-N slider released", lambda: setattr(explorer.top, "value", next(tops))),
        ("outlet filter changed", lambda: setattr(explorer.filters.outlet, "value", next(cycle))),
    ]
    explorer.filters.outlet.value = ""
    searches = iter(["a", "an", "ana"])
    rows.append(("search typed (on enter)", lambda: setattr(explorer.filters.search, "value", next(searches))))
    for label, action in rows:
        print(f"  {label:32s} {timed(action):.3f} s")

    share = widgets.share_of_voice_explorer(corpus)
    splits = iter(["source_type", "source", "source_type"])
    print(f"  {'share of voice: split toggled':32s} {timed(lambda: setattr(share.split, 'value', next(splits))):.3f} s")

    stance = widgets.stance_explorer(corpus)
    cells = [v for _, v in stance.cell.options][1:4] or [widgets.NO_CELL]
    picks = iter(cells * 3)
    print(f"  {'stance: cell chosen (evidence)':32s} {timed(lambda: setattr(stance.cell, 'value', next(picks))):.3f} s")
    print(f"  {'stance: outlet filter changed':32s} "
          f"{timed(lambda: setattr(stance.filters.outlet, 'value', next(cycle))):.3f} s")

    reader = widgets.article_reader(corpus)
    ids = iter([v for _, v in reader.article.options][1:4])
    print(f"  {'article reader: article switched':32s} {timed(lambda: setattr(reader.article, 'value', next(ids))):.3f} s")


def bench_report() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "newslab.ui.report", "--corpus", str(ROOT / "data" / "sample"),
                               "--out", tmp], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        books = len(list((ROOT / "notebooks").glob("*.ipynb")))
    status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode}): {done.stderr.strip()[-300:]}"
    print(f"make report on the sample ({books} notebooks + charts): {seconds:.1f} s, {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    bench_interactions(args.articles)
    if not args.no_report:
        bench_report()


if __name__ == "__main__":
    main()
