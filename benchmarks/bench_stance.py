"""Stance throughput on one core, on top of load + segment + attribution (prints figures; nothing is asserted).

    python benchmarks/bench_stance.py [N_ARTICLES]

Times ``newslab.stance.stance_table`` alone (articles, sentences and sources prepared beforehand) on the
synthetic corpus (``newslab.synthetic.generate_articles(N)``, default 1,000 articles) and on the bundled
sample. Rates are per second of CPU time of this process ("per core" on a busy machine); the sentence-analysis
cache is cleared before the timed run so repeated sentences are not free.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from newslab.attribution import attribute
from newslab.polarity import _analyse
from newslab.schema import conform
from newslab.segment import segment
from newslab.stance import stance_table


def _run(label: str, articles: pd.DataFrame) -> None:
    articles = conform(articles, "articles")
    sentences = segment(articles)
    sources, sentences = attribute(articles, sentences)
    stance_table(articles.head(2), sentences, sources)  # warm-up: lexicons
    _analyse.cache_clear()
    t_cpu = time.process_time()
    stances = stance_table(articles, sentences, sources)
    cpu = time.process_time() - t_cpu
    n = len(sentences)
    print(f"{label}: {len(articles):,} articles, {n:,} sentences, {len(sources):,} attributions, "
          f"{len(stances):,} stance rows")
    print(f"  stance   {n / cpu:>10,.0f} sentences/s per core  {len(articles) / cpu:>8,.0f} articles/s")


def main(argv: list[str]) -> int:
    from newslab.synthetic import generate_articles

    n = int(argv[0]) if argv else 1000
    _run(f"synthetic ({n:,})", generate_articles(n))
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    if sample.exists():
        import newslab

        _run("data/sample", newslab.load(sample, progress=False).articles)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
