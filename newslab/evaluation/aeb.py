"""The Article Extraction Benchmark pages (``../shared/corpora/aeb``) as labelled lines, for the page-furniture
classifier (``newslab.text.furniture``): its training (``train_furniture``) and ``benchmarks/eval_aeb.py``.

Each page's text is what newslab reads from it (``newslab.io.readers.read_html``: trafilatura's extraction); each
line that holds more than spaces gets one label against the page's ground-truth ``articleBody``:

- ``article``: the line is in the body. Compared on words (lower-cased, punctuation and spacing ignored), so
  a list bullet or table pipes added by the extractor do not make a body line "not article": at least half of
  the line's word trigrams occur in the body (lines of one or two words: the words occur in it in order);
- ``headline``: the line is the page's title (the ground truth leaves the headline out, but it is not
  furniture);
- ``furniture``: anything else: page furniture the extractor kept.

The split is fixed: the file names are SHA-256 hashes of the pages, and pages whose name starts with 0-7
(85 pages) are the ``train`` half, 8-f (88 pages) the ``test`` half. Rules and the model are developed on
``train`` only; ``test`` is for reporting.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

AEB = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "aeb"
TRAIN_DIGITS = "01234567"
COVERED = 0.5  # share of a line's word trigrams found in the body for the line to count as article
_WORD = re.compile(r"\w+")


def half(page: str) -> str:
    """``"train"`` or ``"test"`` for a page hash (its file name without extensions).

    >>> half("042bb7b5"), half("8a01")
    ('train', 'test')
    """
    return "train" if page[:1].lower() in TRAIN_DIGITS else "test"


def pages(folder: Path = AEB) -> Iterator[tuple[str, Path, bytes, str]]:
    """``(page hash, path, HTML bytes, ground-truth body)`` for every page, sorted by hash."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for gz in sorted((folder / "html").glob("*.html.gz")):
        page = gz.name.split(".")[0]
        yield page, gz, gzip.decompress(gz.read_bytes()), truth[page]["articleBody"]


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


class Body:
    """A ground-truth body, ready to say whether a line is in it."""

    def __init__(self, body: str):
        self.words = _words(body)
        self.joined = " " + " ".join(self.words) + " "
        self.trigrams = {tuple(self.words[i:i + 3]) for i in range(len(self.words) - 2)}

    def covers(self, line: str) -> bool:
        ws = _words(line)
        if not ws:
            return True  # only punctuation: nothing to tell
        if len(ws) < 3:
            return f" {' '.join(ws)} " in self.joined
        grams = {tuple(ws[i:i + 3]) for i in range(len(ws) - 2)}
        return len(grams & self.trigrams) >= COVERED * len(grams)


def line_labels(text: str, title: str | None, body: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` for each line of ``text`` holding more than spaces.

    >>> line_labels("Port reopens\\n- The port reopened on Monday.\\nSign up now", "Port reopens",
    ...             "The port reopened on Monday.")
    [(0, 12, 'headline'), (13, 43, 'article'), (44, 55, 'furniture')]
    """
    from newslab.text.furniture import line_spans

    truth = Body(body)
    head = _words(title) if isinstance(title, str) else []
    out = []
    for s, e in line_spans(text):
        line = text[s:e]
        if truth.covers(line):
            label = "article"
        elif head and _words(line) == head:
            label = "headline"
        else:
            label = "furniture"
        out.append((s, e, label))
    return out
