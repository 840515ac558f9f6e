"""How far two human annotators agree on attributions: the ceiling for any system scored against one of them.

    python -m newslab.evaluation.agreement                      # PolNeAR train from ../shared, if present
    python -m newslab.evaluation.agreement --gold DIR           # any brat folder (text/ + attributions/)

PolNeAR has several annotation files for some articles (``<name>_<annotator>.ann``); the scorers read the
first one in sorted order as gold. This module scores every other annotator of those articles against every
one (all pairs, pooled) with the very matching of ``newslab.evaluation.attribution.score`` (= the shared
scorer): cue spans overlap one-to-one, the source when the mentions overlap, the content when it covers 30%.
The pooled F1 is symmetric (swapping the two annotators swaps P and R).

>>> from pathlib import Path
>>> multi_annotated(Path("/nonexistent"))
{}
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path

from newslab.evaluation.attribution import gold_argument, read_brat, score

__all__ = ["multi_annotated", "agreement", "main"]


def multi_annotated(gold_dir: Path) -> dict[str, list[Path]]:
    """Articles of ``gold_dir`` with two or more ``<name>_<annotator>.ann`` files: name -> sorted files."""
    by: dict[str, list[Path]] = defaultdict(list)
    folder = Path(gold_dir) / "attributions"
    if not folder.is_dir():
        return {}
    for ann in sorted(folder.glob("*_*.ann")):
        by[ann.stem.rsplit("_", 1)[0]].append(ann)
    return {name: files for name, files in sorted(by.items()) if len(files) > 1}


def agreement(gold_dir: Path, first_only: bool = False) -> dict[str, float]:
    """Pooled scores of annotator pairs on the multi-annotated articles of ``gold_dir``.

    ``first_only``: pair the gold annotator (first file) with each other one, instead of all pairs.
    Adds ``articles`` and ``pairs`` to the scorer's figures.
    """
    a_side: dict[str, list[dict]] = {}
    b_side: dict[str, list[dict]] = {}
    multi = multi_annotated(gold_dir)
    for name, files in multi.items():
        pairs = [(files[0], f) for f in files[1:]] if first_only else itertools.combinations(files, 2)
        for x, y in pairs:
            key = f"{name}|{x.stem}|{y.stem}"
            a_side[key], b_side[key] = read_brat(x), read_brat(y)
    out = score(a_side, b_side)
    out["articles"], out["pairs"] = len(multi), len(a_side)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print inter-annotator cue / source / content F1 (all pairs, and the gold annotator against the others)."""
    gold = gold_argument(argv, "python -m newslab.evaluation.agreement", __doc__, "train")
    if not multi_annotated(gold):
        print(f"agreement: no article with several annotation files in {gold} (skipped)")
        return 0
    for label, first in (("all annotator pairs", False), ("gold (first file) vs others", True)):
        r = agreement(gold, first_only=first)
        print(f"{label:28s} {r['articles']:.0f} articles, {r['pairs']:.0f} pairs: cue P {r['cue_p']:.3f} "
              f"R {r['cue_r']:.3f} F1 {r['cue_f1']:.3f}   source F1 {r['source_f1']:.3f}   "
              f"content F1 {r['content_f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
