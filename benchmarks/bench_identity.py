"""What the identity step costs: pipeline throughput with and without it (prints figures; nothing is asserted).

    python benchmarks/bench_identity.py [N_ARTICLES]

Runs :func:`newslab.pipeline.process` on PolNeAR articles from ``../shared`` (train + dev, the first
``N_ARTICLES``, default 400; the synthetic corpus when ``../shared`` is absent) with the per-article identity
step replaced by a no-op, then times the identity step alone (per article, then the corpus-wide link) on the
same tables. Timing the step on its own keeps the figure apart from the run-to-run noise of the whole
pipeline on a shared machine (a few percent). Rates are per second of CPU time of this process (the best of
three runs), so they mean "per core" on a busy machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

import newslab.attribution.identity as identity
from newslab.core.schema import conform
from newslab.pipeline import Settings, process

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear"


def _articles(n: int) -> tuple[str, pd.DataFrame]:
    files = [f for split in ("train", "dev") for f in sorted((POLNEAR / split / "text").glob("*.txt"))]
    if files:
        files = files[:n]
        return "PolNeAR train+dev", conform(pd.DataFrame({
            "article_id": [f"{f.parent.parent.name}-{f.stem}" for f in files],
            "text": [f.read_text(encoding="utf-8") for f in files]}), "articles")
    from newslab.synthetic import generate_articles

    return "synthetic", conform(generate_articles(n), "articles")


def _pipeline(articles: pd.DataFrame) -> tuple[float, dict]:
    """CPU seconds of the pipeline without the identity step, and its tables."""
    original = identity.within_article
    identity.within_article = lambda arts, sources, sentences=None, user_table=None: (sources, sentences)
    try:
        t = time.process_time()
        tables = process(articles, Settings())
        return time.process_time() - t, tables
    finally:
        identity.within_article = original


def _identity(articles: pd.DataFrame, tables: dict) -> float:
    """CPU seconds of the identity step alone: per article (in ``process``), then corpus-wide (``link``)."""
    t = time.process_time()
    sources, sentences = identity.within_article(articles, tables["sources"], tables["sentences"])
    identity.link({**tables, "sources": sources, "sentences": sentences})
    return time.process_time() - t


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    label, articles = _articles(n)
    _identity(articles.head(5), _pipeline(articles.head(5))[1])  # warm-up: imports, lexicons, first names
    pipeline, step = [], []
    for _ in range(3):
        seconds, tables = _pipeline(articles)
        pipeline.append(seconds)
        step.append(_identity(articles, tables))
    chars = articles["text"].str.len().mean()
    a, b = min(pipeline), min(step)
    print(f"{label}: {len(articles):,} articles, {chars:,.0f} characters each on average")
    print(f"  pipeline without identity {len(articles) / a:>8.1f} articles/s per core  ({a:.2f} s CPU)")
    print(f"  identity step alone       {len(articles) / b:>8.1f} articles/s per core  ({b:.2f} s CPU)")
    print(f"  pipeline with identity    {len(articles) / (a + b):>8.1f} articles/s per core: "
          f"throughput {100 * (a / (a + b) - 1):+.1f}%")


if __name__ == "__main__":
    main()
