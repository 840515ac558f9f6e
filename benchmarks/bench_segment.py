"""Sentence segmentation throughput on one core (prints figures; nothing is asserted).

Rates are per second of CPU time of this process (``time.process_time``), so they mean "per core" and
stay comparable on a busy machine; wall-clock seconds are shown too.

    python benchmarks/bench_segment.py [N_ARTICLES] [--shared]

Uses ``newslab.synthetic.generate_articles(N)`` (default 2,000 articles). With ``--shared`` it also times
the PolNeAR training texts in ``../shared`` when that folder exists (real news, read-only).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from newslab.text.segment import boilerplate_matcher, segment, sentence_spans


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(t: tuple[float, float]) -> tuple[float, float]:
    return time.process_time() - t[0], time.perf_counter() - t[1]


def _time(label: str, articles: pd.DataFrame) -> None:
    texts = [t for t in articles["text"] if isinstance(t, str)]
    chars = sum(map(len, texts))
    sentence_spans("Warm up. The tokenizer is built once per process.")
    t = _clock()
    n = sum(len(sentence_spans(x)) for x in texts)
    spans_cpu, spans_wall = _since(t)

    t = _clock()
    table = segment(articles)
    table_cpu, table_wall = _since(t)

    is_bp = boilerplate_matcher()
    t = _clock()
    flagged = sum(map(is_bp, table["text"]))
    bp_cpu, _ = _since(t)

    print(f"{label}: {len(texts):,} articles, {n:,} sentences, {chars / 1e6:.1f} M chars")
    print(f"  sentence_spans only     {n / spans_cpu:>10,.0f} sentences/s  {len(texts) / spans_cpu:>8,.0f} articles/s"
          f"  (cpu {spans_cpu:.2f} s, wall {spans_wall:.2f} s)")
    print(f"  segment() full table    {len(table) / table_cpu:>10,.0f} sentences/s  "
          f"{len(texts) / table_cpu:>8,.0f} articles/s  (cpu {table_cpu:.2f} s, wall {table_wall:.2f} s)")
    print(f"  boilerplate check only  {len(table) / bp_cpu:>10,.0f} sentences/s  ({flagged:,} flagged)")


def main(argv: list[str]) -> None:
    n = next((int(a) for a in argv if a.isdigit()), 2000)
    from newslab.synthetic import generate_articles

    arts = generate_articles(n)
    arts = arts.assign(article_id=[f"s{i}" for i in range(len(arts))])
    _time(f"synthetic ({n} articles)", arts)
    if "--shared" in argv:
        folder = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear" / "train" / "text"
        if folder.is_dir():
            files = sorted(folder.glob("*.txt"))
            real = pd.DataFrame({"article_id": [f.stem for f in files],
                                 "text": [f.read_text(encoding="utf-8") for f in files]})
            _time("PolNeAR train (real news)", real)
        else:
            print("../shared not found: skipped the real-news run")


if __name__ == "__main__":
    main(sys.argv[1:])
