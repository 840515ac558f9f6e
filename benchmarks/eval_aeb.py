"""How well newslab reads real web pages: outlet, title, language and boilerplate flags on the AEB pages.

    PYTHONPATH=. .venv/bin/python benchmarks/eval_aeb.py            # needs ../shared/corpora/aeb

The 173 pages of the Article Extraction Benchmark (``../shared/corpora/aeb``: html/*.html.gz and
ground-truth.json with each page's article body and URL) are unpacked into a temporary folder (never into the
repository) and read as a user would read them (``newslab.load.read_inputs``, then language detection and
sentence segmentation). Printed, not asserted:

- outlet: pages whose outlet is the folder's name (nothing better known), or page furniture;
- title: titles that still start or end with the site's name or host;
- language: the detected languages;
- boilerplate: each kept line of ``text`` is "article" when it occurs in the ground-truth body (spacing
  ignored), else "not article". A line is flagged when all its sentences have ``boilerplate=True``.
  Precision = flagged lines that are not article / flagged lines; recall = flagged not-article lines /
  not-article lines. Figures for the whole set and for its two halves by page hash (0-7..., 8-f...): rules
  were written looking at the first half only, so the second half is a fair check.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newslab.language import with_language  # noqa: E402
from newslab.load import read_inputs, url_host  # noqa: E402
from newslab.pagemeta import _SEPARATORS, _site_keys, _squash  # noqa: E402
from newslab.segment import segment  # noqa: E402

AEB = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "aeb"
FOLDER = "aeb_pages"
FURNITURE = re.compile(r"copyright|©|^https?://|^hosted$", re.I)


def _norm(text: str) -> str:
    return " ".join(text.split())


def title_has_site(title: str | None, outlet: str | None, url: str | None) -> bool:
    if not isinstance(title, str):
        return False
    keys = _site_keys([outlet if isinstance(outlet, str) else ""], url_host(url if isinstance(url, str) else None))
    parts = _SEPARATORS.split(title)
    return len(parts) > 1 and (_squash(parts[-1]) in keys or _squash(parts[0]) in keys)


def line_counts(articles, sentences, truth: dict[str, str]) -> dict[str, list[int]]:
    """Per half ("0-7", "8-f"): [flagged not-article, flagged, not-article lines]."""
    out = {"0-7": [0, 0, 0], "8-f": [0, 0, 0]}
    by_article = {aid: df for aid, df in sentences.groupby("article_id", sort=False)}
    for aid, path, text in articles[["article_id", "path", "text"]].itertuples(index=False):
        page = Path(path).name.split(".")[0]
        body = _norm(truth[page])
        half = "0-7" if page[0] in "01234567" else "8-f"
        sents = by_article.get(aid)
        if sents is None:
            continue
        starts = sents["start"].to_numpy()
        flags = sents["boilerplate"].to_numpy()
        pos = 0
        for line in text.split("\n"):
            start, end = pos, pos + len(line)
            pos = end + 1
            if not line.strip():
                continue
            inside = (starts >= start) & (starts < end)
            flagged = bool(inside.any() and flags[inside].all())
            article = _norm(line) in body
            out[half][0] += flagged and not article
            out[half][1] += flagged
            out[half][2] += not article
    return out


def main() -> int:
    if not (AEB / "ground-truth.json").is_file():
        print(f"skipped: {AEB} is not here")
        return 0
    truth_full = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in truth_full.items()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / FOLDER
        folder.mkdir()
        for gz in sorted((AEB / "html").glob("*.html.gz")):
            (folder / gz.name[:-3]).write_bytes(gzip.decompress(gz.read_bytes()))
        t0 = time.perf_counter()
        articles, errors = read_inputs(folder, progress=False)
        t_read = time.perf_counter() - t0
        articles = with_language(articles)
        sentences = segment(articles)
        pickle_to = __import__("os").environ.get("NEWSLAB_AEB_DUMP")
        if pickle_to:  # for developing boilerplate patterns on the first half only
            articles.to_pickle(pickle_to + ".articles")
            sentences.to_pickle(pickle_to + ".sentences")
    n = len(articles)
    print(f"AEB: {n} of {len(truth)} pages read ({len(errors)} errors) in {t_read:.1f} s")
    folder_outlet = int((articles["outlet"] == FOLDER).sum())
    furniture = int(articles["outlet"].fillna("").str.contains(FURNITURE).sum())
    print(f"outlet: {n - folder_outlet - furniture} of {n} from the page or its URL; "
          f"{folder_outlet} folder name (page gives no site name or URL); {furniture} page furniture")
    with_site = sum(title_has_site(t, o, u) for t, o, u in articles[["title", "outlet", "url"]].itertuples(index=False))
    print(f"title: {with_site} of {n} still start or end with the site's name; "
          f"{int(articles['title'].isna().sum())} without a title")
    langs = articles["language"].fillna("?").value_counts()
    print(f"language: {int(langs.get('en', 0))} en, {n - int(langs.get('en', 0))} other "
          f"({', '.join(f'{k} {v}' for k, v in langs.items() if k != 'en')})")
    counts = line_counts(articles, sentences, truth)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for name, (tp, flagged, positives) in [("all", total), *counts.items()]:
        precision = tp / flagged if flagged else float("nan")
        recall = tp / positives if positives else float("nan")
        print(f"boilerplate lines ({name:>3}): precision {precision:.1%} ({tp}/{flagged}), "
              f"recall {recall:.1%} ({tp}/{positives})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
