"""Cost of the learned attribution layer: rules alone vs rules + model, and end-to-end (prints; asserts nothing).

    python benchmarks/bench_learned.py [N_ARTICLES]

On PolNeAR train in ``../shared`` (default: all 840 articles; the synthetic corpus when absent), times
``newslab.attribution.sources.attribute`` with ``learned=False`` and with the shipped model, alternating three
rounds each (CPU time of this process, so a busy machine shifts both alike), then the whole per-article
pipeline (``newslab.pipeline.process``: segmentation, attribution, stance) both ways.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from unittest import mock

import pandas as pd

import newslab.attribution.sources as attribution
from newslab.core.schema import conform
from newslab.pipeline import process
from newslab.text.segment import segment


def _articles(n: int | None) -> tuple[str, pd.DataFrame]:
    train = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear" / "train" / "text"
    if train.is_dir():
        files = sorted(train.glob("*.txt"))[:n]
        return (f"PolNeAR train ({len(files)} articles)",
                pd.DataFrame({"article_id": [f.stem for f in files],
                              "text": [f.read_text(encoding="utf-8") for f in files]}))
    from newslab.synthetic import generate_articles

    arts = generate_articles(n or 500)
    arts.insert(0, "article_id", [f"syn{i:06d}" for i in range(len(arts))])
    return f"synthetic ({len(arts)} articles)", arts


def _rules_only():
    real = attribution.attribute_text
    return mock.patch.object(attribution, "attribute_text",
                             lambda text, bounds=None, cues=None, learned=True: real(text, bounds, cues, False))


def main(argv: list[str]) -> None:
    n = next((int(a) for a in argv if a.isdigit()), None)
    label, articles = _articles(n)
    articles = conform(articles, "articles")
    sentences = segment(articles)
    attribution.attribute(articles.head(3), sentences[sentences["article_id"].isin(articles["article_id"].head(3))])
    best = {"rules": float("inf"), "rules+model": float("inf")}
    for _ in range(3):
        for key in best:
            t = time.process_time()
            if key == "rules":
                with _rules_only():
                    attribution.attribute(articles, sentences)
            else:
                attribution.attribute(articles, sentences)
            best[key] = min(best[key], time.process_time() - t)
    whole = {"rules": float("inf"), "rules+model": float("inf")}
    for _ in range(2):
        for key in whole:
            t = time.process_time()
            if key == "rules":
                with _rules_only():
                    process(articles)
            else:
                process(articles)
            whole[key] = min(whole[key], time.process_time() - t)
    print(f"{label}, {len(sentences):,} sentences (best CPU seconds of alternating rounds)")
    for name, table in (("attribution", best), ("whole pipeline", whole)):
        r, m = table["rules"], table["rules+model"]
        print(f"  {name:15s} rules {r:6.2f} s   rules+model {m:6.2f} s   "
              f"throughput change {100 * (r / m - 1):+.1f}%")


if __name__ == "__main__":
    main(sys.argv[1:])
