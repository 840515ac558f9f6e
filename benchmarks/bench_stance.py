"""Stance throughput on one core, on top of load + segment + attribution (prints figures; nothing is asserted).

    python benchmarks/bench_stance.py [N_ARTICLES]

Also prints the two cost figures of issue 11: end-to-end CPU time (``newslab.pipeline.process``) of one
1 MB article against one 100 KB article (goal: at most 12x), and stance's share of end-to-end time on
PolNeAR-size articles (goal: at most 25%; PolNeAR dev from ``../shared`` when present, else synthetic
articles of the same size).

Times ``newslab.stance.stances.stance_table`` alone (articles, sentences and sources prepared beforehand) on the
synthetic corpus (``newslab.synthetic.generate_articles(N)``, default 1,000 articles) and on the bundled
sample. Rates are per second of CPU time of this process ("per core" on a busy machine); the sentence-analysis
cache is cleared before the timed run so repeated sentences are not free.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from newslab.attribution.sources import attribute
from newslab.core.schema import conform
from newslab.stance.polarity import _analyse
from newslab.stance.stances import stance_table
from newslab.text.segment import segment


def _clear_caches() -> None:
    _analyse.cache_clear()


def _run(label: str, articles: pd.DataFrame) -> None:
    articles = conform(articles, "articles")
    sentences = segment(articles)
    sources, sentences = attribute(articles, sentences)
    stance_table(articles.head(2), sentences, sources)  # warm-up: lexicons
    _clear_caches()
    t_cpu = time.process_time()
    stances = stance_table(articles, sentences, sources)
    cpu = time.process_time() - t_cpu
    n = len(sentences)
    print(f"{label}: {len(articles):,} articles, {n:,} sentences, {len(sources):,} attributions, "
          f"{len(stances):,} stance rows")
    print(f"  stance   {n / cpu:>10,.0f} sentences/s per core  {len(articles) / cpu:>8,.0f} articles/s")


def _end_to_end(articles: pd.DataFrame) -> tuple[float, float]:
    """CPU seconds of the whole pipeline, and of the same run without stance."""
    from newslab.pipeline import Settings, process

    _clear_caches()
    t = time.process_time()
    process(articles, Settings())
    total = time.process_time() - t
    t = time.process_time()
    process(articles, Settings(stance=False))
    return total, time.process_time() - t


def _big_article(chars: int) -> pd.DataFrame:
    """One article of about ``chars`` characters: synthetic articles' paragraphs, one after the other."""
    from newslab.synthetic import generate_articles

    texts, n = [], 0
    for text in generate_articles(max(4, chars // 2500), seed=7)["text"]:
        texts.append(text)
        n += len(text) + 2
        if n >= chars:
            break
    return pd.DataFrame({"article_id": ["big"], "text": ["\n\n".join(texts)[:chars]], "title": ["big"]})


def cost_figures(polnear: int = 200) -> None:
    """The 1 MB / 100 KB end-to-end ratio, and stance's share on PolNeAR-size articles."""
    from newslab.pipeline import Settings, process

    process(_big_article(5_000), Settings())  # warm-up: lexicons, model
    small, small_wo = _end_to_end(_big_article(100_000))
    large, large_wo = _end_to_end(_big_article(1_000_000))
    print(f"end to end: 100 KB article {small:.1f} s (stance {small - small_wo:.1f} s), "
          f"1 MB article {large:.1f} s (stance {large - large_wo:.1f} s): ratio {large / small:.1f}x (goal <= 12x)")
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear" / "dev" / "text"
    if shared.exists():
        import newslab

        files = sorted(shared.glob("*.txt"))[:polnear]
        articles = newslab.load([str(f) for f in files], progress=False).articles
        label = f"PolNeAR dev ({len(articles)} articles)"
    else:
        from newslab.synthetic import generate_articles

        articles = generate_articles(polnear)
        label = f"synthetic ({polnear} articles)"
    total, without = _end_to_end(articles)
    print(f"{label}: end to end {total:.1f} s, stance {total - without:.1f} s = "
          f"{100 * (total - without) / total:.0f}% (goal <= 25%)")


def main(argv: list[str]) -> int:
    from newslab.synthetic import generate_articles

    n = int(argv[0]) if argv else 1000
    cost_figures()
    _run(f"synthetic ({n:,})", generate_articles(n))
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    if sample.exists():
        import newslab

        _run("data/sample", newslab.load(sample, progress=False).articles)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
