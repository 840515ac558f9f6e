"""Attribution throughput on one core, on top of load + segment (prints figures; nothing is asserted).

    python benchmarks/bench_attribution.py [N_ARTICLES]

Times ``newslab.attribution.sources.attribute`` alone (articles and sentences prepared beforehand) on the synthetic
corpus (``newslab.synthetic.generate_articles(N)``, default 2,000 articles) and on PolNeAR dev in
``../shared`` when that folder exists. Rates are per second of CPU time of this process, so they mean
"per core" on a busy machine; peak memory is the traced Python allocation peak of a second, untimed run.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd

from newslab.attribution.sources import attribute
from newslab.core.schema import conform
from newslab.text.segment import segment


def _run(label: str, articles: pd.DataFrame) -> None:
    articles = conform(articles, "articles")
    t = time.process_time()
    sentences = segment(articles)
    seg_cpu = time.process_time() - t
    attribute(articles.head(2), sentences[sentences["article_id"].isin(articles["article_id"].head(2))])  # warm-up
    t_cpu, t_wall = time.process_time(), time.perf_counter()
    sources, _ = attribute(articles, sentences)
    cpu, wall = time.process_time() - t_cpu, time.perf_counter() - t_wall
    tracemalloc.start()  # a second, traced run for memory (tracing slows Python down, so it is not timed)
    attribute(articles, sentences)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(sentences)
    print(f"{label}: {len(articles):,} articles, {n:,} sentences, {len(sources):,} attributions")
    print(f"  attribution   {n / cpu:>10,.0f} sentences/s per core  {len(articles) / cpu:>8,.0f} articles/s"
          f"  (cpu {cpu:.2f} s, wall {wall:.2f} s, peak traced memory {peak / 2**20:,.0f} MiB)")
    print(f"  segmentation  {n / seg_cpu:>10,.0f} sentences/s per core (for comparison)")


def main(argv: list[str]) -> None:
    n = next((int(a) for a in argv if a.isdigit()), 2000)
    from newslab.synthetic import generate_articles

    arts = generate_articles(n)
    arts.insert(0, "article_id", [f"syn{i:06d}" for i in range(len(arts))])
    _run(f"synthetic ({n:,} articles)", arts)
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear" / "dev" / "text"
    if dev.is_dir():
        files = sorted(dev.glob("*.txt"))
        real = pd.DataFrame({"article_id": [f.stem for f in files],
                             "text": [f.read_text(encoding="utf-8") for f in files]})
        _run(f"PolNeAR dev ({len(files)} articles)", real)
    else:
        print("PolNeAR dev: ../shared not found (skipped)")


if __name__ == "__main__":
    main(sys.argv[1:])
