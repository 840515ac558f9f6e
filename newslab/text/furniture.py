"""Page furniture in web pages: which lines of a page's extracted text are not the article.

trafilatura (``newslab.io.readers.read_html``) keeps the article body of a web page but often also a few lines
around it: "Related: ..." links, newsletter appeals, "Comments", author bios, lists of other headlines. A
block classifier judges each line of the extracted text from what the page says about it:

- the HTML element the line came from: its link density (share of its characters inside ``<a>``), its kind
  (paragraph, list item, heading, table cell, caption, other), whether it or an element around it has a
  class or id naming a furniture region (``lexicons/furniture_regions.csv``: related, social, comment,
  byline, caption, frame, tags, ad) or sits in ``<nav>``/``<aside>``/``<footer>``/``<header>``;
- the line itself: position in the text (from the start, from the end, before the first / after the last
  long paragraph), length, punctuation, digit, capital-letter and stopword ratios, sentence-final
  punctuation, list bullet, table row, brackets, an ``@`` or a URL, a match of ``lexicons/boilerplate.txt``;
- its neighbours' length, link density and boilerplate-pattern match.

The model is a random forest trained on half of the Article Extraction Benchmark pages (``make train``; see
docs/boilerplate.md for the data, features and scores), shipped as arrays of split thresholds
(``newslab/models/furniture.json.gz``) and run with numpy: no scikit-learn at run time. Lines it flags are
recorded as ``articles.boilerplate_lines`` spans; the segmenter flags the sentences inside them
(``sentences.boilerplate``). Nothing is removed: every span stays an offset into ``articles.text``.

>>> page = ("<html><body><article><p>The port reopened on Monday after a week of repairs, the harbour "
...         "master said in a statement to reporters.</p></article>"
...         "<div class='related-links'><a href='/a'>Related: Ten ports to visit this summer</a></div>"
...         "</body></html>")
>>> text = "The port reopened on Monday after a week of repairs, the harbour master said in a statement " \\
...        "to reporters.\\nRelated: Ten ports to visit this summer"
>>> [text[s:e] for s, e in furniture_spans(text, page)]
['Related: Ten ports to visit this summer']
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from newslab.text.segment import boilerplate_matcher

MODEL_FILE = Path(__file__).parents[1] / "models" / "furniture.json.gz"
REGIONS = ("related", "social", "comment", "byline", "caption", "frame", "tags", "ad")
KINDS = {"p": 1, "li": 2, "h1": 3, "h2": 3, "h3": 3, "h4": 3, "h5": 3, "h6": 3, "td": 4, "th": 4, "tr": 4,
         "figcaption": 5, "caption": 5, "blockquote": 6, "dd": 7, "dt": 7, "pre": 8}
_BLOCK_TAGS = tuple(KINDS) + ("div", "span", "a", "section", "header", "footer", "aside", "nav", "em",
                              "strong", "b", "i", "small", "cite", "time", "address", "figure", "label")
_FRAME_TAGS = {"nav", "aside", "footer", "header"}
MAX_BLOCK_CHARS = 5000  # longer elements are containers, not one line of text
EPS = 1e-9  # probabilities are averages of tree votes: compare with a margin for rounding
LONG_WORDS = 25  # a paragraph of at least this many words counts as article-like for position features
_WORD = re.compile(r"\w+")
_END = tuple('.!?"”’)\'')

FEATURES = (
    "rel", "from_start", "from_end", "lines", "log_chars", "words", "punct", "digit", "upper", "capitalised",
    "stopwords", "ends_sentence", "bullet", "table_row", "bracket", "at_or_url", "colon_early", "pattern",
    "after_last_long", "before_first_long", "chars_before", "prev_words", "next_words", "prev_pattern",
    "next_pattern", "link_density", "prev_link_density", "next_link_density", "kind", "frame_tag",
    *(f"region_{r}" for r in REGIONS),
)


@lru_cache(maxsize=1)
def _regions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    from newslab.core.lexicon import read_table

    table = read_table("furniture_regions.csv", required=("group", "word"))
    return tuple((g, tuple(sorted(set(table.loc[table["group"] == g, "word"].str.lower())))) for g in REGIONS)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The most frequent English words (Zipf >= 5.5 in ``lexicons/common_words.csv``)."""
    from newslab.core.lexicon import read_table

    table = read_table("common_words.csv", required=("word", "zipf"))
    return frozenset(table.loc[table["zipf"].astype(float) >= 5.5, "word"])


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def line_keys(text: str) -> set[str]:
    """The keys under which :func:`features` looks up the lines of ``text`` in :func:`html_blocks`."""
    keys = set()
    for s, e in line_spans(text):
        line = text[s:e].strip()
        keys.update((_key(line), _key(line.lstrip("-•* "))))
    return keys


def html_blocks(html: str, wanted: set[str] | None = None) -> dict[str, tuple[float, int, int, int]]:
    """``{normalised text: (link density, kind, frame tag, region bits)}`` for the text-bearing elements of a
    page (for nested elements with the same text, the outermost: it carries the regions around the line; the
    first in document order wins); only for texts in ``wanted`` (keys made by :func:`line_keys`) when given.

    >>> html_blocks("<div class='share-bar'><p>Share <a href='#'>this</a></p></div>")["share this"]
    (0.4, 0, 0, 2)
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except (ValueError, TypeError, SyntaxError):  # lxml's parser errors derive from these
        return {}
    regions = _regions()
    marks: dict[object, int] = {}

    def region_bits(el) -> int:
        bits = 0
        for node in [el, *el.iterancestors()]:
            own = marks.get(node)
            if own is None:
                attrs = f"{node.get('class') or ''} {node.get('id') or ''}".lower() if isinstance(
                    node.tag, str) else ""
                own = 0
                if attrs.strip():
                    for i, (_, words) in enumerate(regions):
                        if any(w in attrs for w in words):
                            own |= 1 << i
                marks[node] = own
            bits |= own
        return bits

    out: dict[str, tuple[float, int, int, int]] = {}
    for el in root.iter(*_BLOCK_TAGS):
        try:
            text = el.text_content()
        except ValueError:
            continue
        if len(text) > MAX_BLOCK_CHARS:
            continue
        key = _key(text)
        if not key or key in out or (wanted is not None and key not in wanted):
            continue
        link = sum(len(_key(a.text_content())) for a in el.iter("a"))
        frame = int(el.tag in _FRAME_TAGS or any(a.tag in _FRAME_TAGS for a in el.iterancestors()))
        out[key] = (round(min(1.0, link / len(key)), 4), KINDS.get(el.tag, 0), frame, region_bits(el))
    return out


def line_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each line of ``text`` holding more than spaces."""
    spans, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def features(text: str, blocks: dict | None = None) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The lines of ``text`` and their feature rows (columns as :data:`FEATURES`). ``blocks`` comes from
    :func:`html_blocks`; without it the HTML features are -1 (unknown)."""


    blocks = blocks or {}
    is_bp = boilerplate_matcher()
    stop = _stopwords()
    spans = line_spans(text)
    lines = [text[s:e].strip() for s, e in spans]
    n = len(lines)
    words = [_WORD.findall(ln) for ln in lines]
    counts = [len(w) for w in words]
    long_ = [i for i, c in enumerate(counts) if c >= LONG_WORDS]
    first_long, last_long = (long_[0], long_[-1]) if long_ else (n, -1)
    pattern = [float(is_bp(ln.lstrip("-•* ").strip()) or is_bp(ln)) for ln in lines]
    info = []
    for ln in lines:
        b = blocks.get(_key(ln.lstrip("-•* "))) or blocks.get(_key(ln))
        info.append(b if b is not None else (-1.0, -1, -1, -1))
    total = sum(len(ln) for ln in lines) or 1
    rows, before = [], 0
    for i, ln in enumerate(lines):
        ws, nw = words[i], counts[i]
        letters = [c for c in ln if c.isalpha()]
        size = max(1, len(ln))
        ld, kind, frame, bits = info[i]
        row = [
            i / max(1, n - 1), min(i, 10), min(n - 1 - i, 10), min(n, 100), math.log1p(len(ln)), min(nw, 200),
            sum(1 for c in ln if not c.isalnum() and not c.isspace()) / size,
            sum(c.isdigit() for c in ln) / size,
            sum(c.isupper() for c in letters) / max(1, len(letters)),
            sum(w[0].isupper() for w in ws) / max(1, nw),
            sum(w.lower() in stop for w in ws) / max(1, nw),
            float(ln.endswith(_END)), float(ln[:2] in ("- ", "• ", "* ")), float("|" in ln),
            float(ln[:1] in "[("), float("@" in ln or "http" in ln or "www." in ln), float(":" in ln[:40]),
            pattern[i], float(i > last_long), float(i < first_long), before / total,
            min(counts[i - 1], 200) if i else -1, min(counts[i + 1], 200) if i < n - 1 else -1,
            pattern[i - 1] if i else -1, pattern[i + 1] if i < n - 1 else -1,
            ld, info[i - 1][0] if i else -2, info[i + 1][0] if i < n - 1 else -2, kind, frame,
            *((-1.0 if bits < 0 else float(bool(bits & (1 << r)))) for r in range(len(REGIONS))),
        ]
        rows.append(row)
        before += len(ln)
    return spans, np.asarray(rows, dtype=np.float64).reshape(n, len(FEATURES))


class Forest:
    """A random forest's trees as arrays (from ``newslab/models/furniture.json.gz``); ``proba(X)`` averages
    the trees' leaf probabilities, exactly as scikit-learn's ``predict_proba`` does."""

    def __init__(self, doc: dict):
        if tuple(doc["features"]) != FEATURES:
            raise ValueError("the furniture model was built for other features; rebuild it with `make train`")
        self.threshold = float(doc["threshold"])
        trees = doc["trees"]
        sizes = [len(t["feature"]) for t in trees]
        self.roots = np.cumsum([0, *sizes[:-1]]).astype(np.int64)
        offsets = np.repeat(self.roots, sizes)
        self.feature = np.concatenate([t["feature"] for t in trees]).astype(np.int64)
        self.threshold_at = np.concatenate([t["threshold"] for t in trees]).astype(np.float64)
        leaf = self.feature < 0
        # all trees in one node array: children point into it; a leaf points to itself
        self.left = np.where(leaf, np.arange(len(leaf)), np.concatenate([t["left"] for t in trees]) + offsets)
        self.right = np.where(leaf, np.arange(len(leaf)), np.concatenate([t["right"] for t in trees]) + offsets)
        self.value = np.concatenate([t["value"] for t in trees]).astype(np.float64)
        self.feature = np.where(leaf, 0, self.feature)
        self.leaf = leaf

    def proba(self, X: np.ndarray) -> np.ndarray:
        if not len(X):
            return np.zeros(0)
        node = np.repeat(self.roots[:, None], len(X), axis=1)  # (trees, rows)
        rows = np.arange(len(X))[None, :]
        while True:
            inner = ~self.leaf[node]
            if not inner.any():
                break
            go_left = X[rows, self.feature[node]] <= self.threshold_at[node]
            node = np.where(go_left, self.left[node], self.right[node])
        return self.value[node].mean(axis=0)


@lru_cache(maxsize=1)
def model() -> Forest | None:
    """The shipped model, or None when it has not been built (``make train``)."""
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as f:
        return Forest(json.load(f))


def furniture_spans(text: str, html: str | None = None) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the lines of ``text`` (a page's extracted text) that the model judges page
    furniture; ``html`` is the page they were extracted from."""
    forest = model()
    if forest is None or not text:
        return []
    spans, X = features(text, html_blocks(html, line_keys(text)) if html else None)
    if not spans:
        return []
    flagged = forest.proba(X) >= forest.threshold - EPS
    return [span for span, f in zip(spans, flagged) if f]
