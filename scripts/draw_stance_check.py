"""Draw the 40 stance rows checked by hand for issue 11 (fixed seed) from a `newslab extract` output folder.

    newslab extract ../shared/corpora/polnear/dev/text --out OUT
    python scripts/draw_stance_check.py OUT [--show]

Prints one line per row (article, source, target, stance); ``--show`` adds the evidence sentence with the
deciding words in [brackets], for the reader who judges each row. The verdicts live in
tests/fixtures/stance_check_polnear_dev.csv (names and labels only, no corpus text).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

SEED = 11
N = 40


def draw(out: Path) -> pd.DataFrame:
    st = pd.read_csv(out / "stances.csv", dtype=str, keep_default_na=False)
    st = st[(st["source"] != "(author)") & (st["attribution_id"] != "")]
    st = st.sort_values(["article_id", "attribution_id", "target"]).reset_index(drop=True)
    return st.sample(n=min(N, len(st)), random_state=SEED).reset_index(drop=True)


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    rows = draw(out)
    arts = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False).set_index("article_id")
    for k, r in enumerate(rows.itertuples(), 1):
        print(f"{k:2d} {Path(arts.loc[r.article_id, 'path']).name} | {r.source} | {r.target} | {r.stance}")
        if "--show" in argv:
            text = arts.loc[r.article_id, "text"]
            s, e = int(r.evidence_start), int(r.evidence_end)
            spans = sorted(tuple(map(int, p.split(":"))) for p in r.evidence_word_spans.split())
            marked, pos = "", s
            for a, b in spans:
                marked += text[pos:a] + "[" + text[a:b] + "]"
                pos = b
            print("    " + (marked + text[pos:e]).replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
