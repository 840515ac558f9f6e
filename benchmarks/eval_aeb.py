"""How well newslab reads real web pages: outlet, title, language and boilerplate flags on the AEB pages.

    PYTHONPATH=. .venv/bin/python benchmarks/eval_aeb.py            # needs ../shared/corpora/aeb

The 173 pages of the Article Extraction Benchmark (``../shared/corpora/aeb``: html/*.html.gz and
ground-truth.json with each page's article body and URL) are unpacked into a temporary folder (never into the
repository) and read as a user would read them (``newslab.io.load.read_inputs``, then language detection and
sentence segmentation). Printed, not asserted:

- outlet: pages whose outlet is the folder's name (nothing better known), or page furniture;
- title: titles that still start or end with the site's name or host;
- language: the detected languages;
- boilerplate: each line of ``text`` is labelled ``article`` (in the ground-truth body, compared on words so
  that bullets and table pipes added by the extractor do not count), ``headline`` (the page's title) or
  ``furniture`` (see ``newslab.evaluation.aeb``). A line is flagged when all its sentences have
  ``boilerplate=True``. Precision = flagged furniture lines / flagged lines; recall = flagged furniture lines /
  furniture lines; for the ``train`` half (pages 0-7: the classifier and the patterns were developed on it)
  and the held-out ``test`` half (8-f), for the patterns alone, the classifier alone, and both (what newslab
  does). For comparison: trafilatura's own precision mode (``favor_precision=True``) as a flagger (a line is
  flagged when that stricter extraction leaves it out), jusText's "bad" paragraphs, and the figure under the first measure of issue 13
  (a line is "not article" unless it occurs verbatim in the body).
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

from newslab.core.schema import parse_spans  # noqa: E402
from newslab.evaluation.aeb import half, line_labels  # noqa: E402
from newslab.io.load import read_inputs, url_host  # noqa: E402
from newslab.io.pagemeta import _SEPARATORS, _site_keys, _squash  # noqa: E402
from newslab.text.furniture import line_spans  # noqa: E402
from newslab.text.language import with_language  # noqa: E402
from newslab.text.segment import segment  # noqa: E402

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


def _flagged_lines(text: str, starts, ends, flags) -> list[tuple[int, int, bool]]:
    """``(start, end, flagged)`` per non-blank line: flagged when it has sentences and all are flagged."""
    out = []
    for s, e in line_spans(text):
        inside = (starts >= s) & (starts < e)
        out.append((s, e, bool(inside.any() and flags[inside].all())))
    return out


def _score(pairs: list[tuple[bool, bool]]) -> str:
    """``pairs`` of (flagged, furniture): 'precision P% (tp/flagged), recall R% (tp/furniture)'."""
    tp = sum(f and y for f, y in pairs)
    flagged = sum(f for f, _ in pairs)
    positives = sum(y for _, y in pairs)
    p = f"{tp / flagged:.1%}" if flagged else "  -  "
    r = f"{tp / positives:.1%}" if positives else "  -  "
    return f"precision {p:>6} ({tp}/{flagged}), recall {r:>6} ({tp}/{positives})"


def _justext_bad(html: str) -> set[str]:
    """The paragraphs jusText (trafilatura's fallback; English stoplist) classifies as boilerplate."""
    import justext

    try:
        paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    except Exception:  # a page jusText cannot parse flags nothing
        return set()
    return {_key(p.text) for p in paragraphs if p.class_type == "bad"}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def boilerplate_report(articles, truth: dict[str, str], pages_html: dict[str, bytes]) -> None:
    import trafilatura

    from newslab.io.readers import decode_html, without_noscript

    both = segment(articles)
    patterns = segment(articles.drop(columns=["boilerplate_lines"]))
    by = {name: {aid: df for aid, df in t.groupby("article_id", sort=False)} for name, t in
          (("both", both), ("patterns", patterns))}
    pairs: dict[tuple[str, str], list] = {}
    counts = {"train": {"article": 0, "headline": 0, "furniture": 0}, "test": {"article": 0, "headline": 0,
                                                                              "furniture": 0}}
    for aid, path, text, title, lines in articles[["article_id", "path", "text", "title",
                                                   "boilerplate_lines"]].itertuples(index=False):
        page = Path(path).name.split(".")[0]
        which = half(page)
        labels = line_labels(text, title, truth[page])
        for _, _, label in labels:
            counts[which][label] += 1
        furniture = [label == "furniture" for _, _, label in labels]
        for name in ("both", "patterns"):
            sents = by[name][aid]
            flags = _flagged_lines(text, sents["start"].to_numpy(), sents["end"].to_numpy(),
                                   sents["boilerplate"].to_numpy())
            pairs.setdefault((name, which), []).extend(zip([f for _, _, f in flags], furniture))
        model_spans = parse_spans(lines)
        pairs.setdefault(("classifier", which), []).extend(
            zip([any(a <= s and e <= b for a, b in model_spans) for s, e, _ in labels], furniture))
        html = without_noscript(decode_html(pages_html[page], path))
        strict = " ".join((trafilatura.extract(html, favor_precision=True, include_comments=False,
                                               deduplicate=False) or "").split())
        pairs.setdefault(("trafilatura precision mode", which), []).extend(
            zip([" ".join(text[s:e].split()) not in strict for s, e, _ in labels], furniture))
        bad = _justext_bad(html)
        pairs.setdefault(("jusText", which), []).extend(
            zip([_key(text[s:e]) in bad or _key(text[s:e].lstrip("-•* ")) in bad for s, e, _ in labels], furniture))
        body = _norm(truth[page])
        exact = [(f, _norm(text[s:e]) not in body) for (s, e, _), (f, _) in
                 zip(labels, pairs[("both", which)][-len(labels):])] if labels else []
        pairs.setdefault(("both, verbatim labels", which), []).extend(exact)
    for which in ("train", "test"):
        c = counts[which]
        print(f"lines ({which}): {c['article']} article, {c['headline']} headline, {c['furniture']} furniture")
    for name in ("patterns", "classifier", "both", "trafilatura precision mode", "jusText", "both, verbatim labels"):
        for which in ("train", "test"):
            note = " [fitted on these pages]" if which == "train" and name in ("classifier", "both") else ""
            print(f"boilerplate lines, {name} ({which}): {_score(pairs[(name, which)])}{note}")


def main() -> int:
    if not (AEB / "ground-truth.json").is_file():
        print(f"skipped: {AEB} is not here")
        return 0
    truth_full = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in truth_full.items()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / FOLDER
        folder.mkdir()
        pages_html = {}
        for gz in sorted((AEB / "html").glob("*.html.gz")):
            pages_html[gz.name.split(".")[0]] = data = gzip.decompress(gz.read_bytes())
            (folder / gz.name[:-3]).write_bytes(data)
        t0 = time.perf_counter()
        articles, errors = read_inputs(folder, progress=False)
        t_read = time.perf_counter() - t0
        articles = with_language(articles)
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
    boilerplate_report(articles, truth, pages_html)
    return 0


if __name__ == "__main__":
    sys.exit(main())
