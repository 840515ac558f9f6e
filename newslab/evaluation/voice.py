"""Who speaks in each sentence, scored on hand-labelled sentences, for ``make eval``.

    python -m newslab.evaluation.voice

* realnews: ``../shared/corpora/realnews`` (real articles from sites newslab was never tuned on) scored by
  the shared ``../shared/tools/score_voice.py`` on what ``newslab extract`` writes; a held-out measure,
  never a tuning set.
* sample: the bundled ``data/sample/answer_key.csv`` (share of labelled sentences whose source is right;
  the author's voice is an empty source).

Either is skipped when its files are absent.

>>> sorted(report.__annotations__)
['return']
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["realnews", "sample", "report", "main"]

_ROOT = Path(__file__).resolve().parents[2]
_SHARED = _ROOT.parent / "shared"


def realnews(root: Path = _SHARED) -> float | None:
    """Who-speaks accuracy on ``root/corpora/realnews`` by ``root/tools/score_voice.py`` (None if absent)."""
    import newslab

    corpus_dir, scorer = root / "corpora" / "realnews", root / "tools" / "score_voice.py"
    if not (corpus_dir / "text").is_dir() or not scorer.exists():
        return None
    with tempfile.TemporaryDirectory() as out:
        newslab.load(str(corpus_dir / "text")).to_dir(out, format="csv")
        run = subprocess.run([sys.executable, str(scorer), "--gold", str(corpus_dir / "gold.tsv"), "--pred", out,
                              "--quiet"], capture_output=True, text=True, check=False)
    m = re.search(r"\(([\d.]+)\)", run.stdout.strip().splitlines()[-1] if run.stdout.strip() else "")
    return float(m.group(1)) if m else None


def sample(root: Path = _ROOT / "data" / "sample") -> float | None:
    """Share of the sample answer key's sentences whose source newslab gets right (None if absent)."""
    import newslab

    if not (root / "answer_key.csv").exists():
        return None
    key = pd.read_csv(root / "answer_key.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    corpus = newslab.load(str(root))
    sents = corpus.sentences.merge(corpus.articles[["article_id", "path", "title"]], on="article_id")
    got: dict[tuple[str, str], dict[str, str]] = {}
    for p, title, text, src in zip(sents["path"], sents["title"], sents["text"], sents["source"]):
        f = Path(p).resolve().relative_to(root.resolve()).as_posix()
        got.setdefault((f, text), {})[title] = "" if pd.isna(src) else str(src)
    right = 0
    for row in key.itertuples(index=False):
        by_title = got.get((row.file, row.sentence), {})
        found = by_title.get(row.title, next(iter(by_title.values()), None))
        right += found is not None and found.lower() == row.source.lower()
    return right / len(key) if len(key) else None


def report() -> dict[str, float | None]:
    """Print and return both figures."""
    out = {"realnews_who_speaks": realnews(), "sample_accuracy": sample()}
    for name, value in out.items():
        print(f"{name:22s} {'skipped (no data)' if value is None else f'{value:.3f}'}")
    return out


def main(argv: list[str] | None = None) -> int:
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
