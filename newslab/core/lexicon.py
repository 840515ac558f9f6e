"""Read the word lists in ``newslab/lexicons/`` (or a user's own file with the same layout).

Lexicon files are plain UTF-8 text a user can open and extend. Lines starting with ``#`` are comments
(each file starts with a header saying what it is for and how to extend it); blank lines are ignored.

>>> from newslab.core.lexicon import read_lines
>>> "mr." in [w.lower() for w in read_lines("abbreviations.txt")]   # doctest: +SKIP
True
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import pandas as pd

from newslab.errors import LexiconError


def lexicon_path(name: str | Path) -> Path:
    """The path of a shipped lexicon (``"boilerplate.txt"``) or of a user's file (any existing path)."""
    p = Path(name)
    if p.exists():
        return p
    shipped = Path(str(resources.files("newslab.lexicons").joinpath(str(name))))
    if shipped.exists():
        return shipped
    raise LexiconError(f"lexicon {name}: no such file (neither a path nor a file in newslab/lexicons/)")


def _content_lines(name: str | Path) -> list[str]:
    path = lexicon_path(name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def read_lines(name: str | Path) -> list[str]:
    """The non-comment, non-blank lines of a text lexicon, stripped."""
    return [ln.strip() for ln in _content_lines(name)]


def read_table(name: str | Path, required: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV lexicon as a DataFrame of strings (``#`` comment lines skipped); checks required columns."""
    path = lexicon_path(name)
    try:
        df = pd.read_csv(io.StringIO("\n".join(_content_lines(name))), dtype=str, keep_default_na=False,
                         skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise LexiconError(f"{path}: not a readable CSV table ({exc})") from exc
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {', '.join(missing)}; the header must name them")
    return df


def any_of(literals: Iterable[str]) -> re.Pattern:
    """A pattern that finds any of ``literals`` (matched as written) in one pass: the literals are merged into
    a tree of shared prefixes, so a text is read once, not once per literal as ``any(s in text ...)`` does.

    >>> rx = any_of(["sign up", "signed", "cookies"])
    >>> rx.search("He signed it").group(), rx.search("Sign up now") is None, rx.search("no") is None
    ('signed', True, True)
    """
    tree: dict = {}
    for word in literals:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a literal ends here

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(node[ch]) for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return re.compile(branch(tree) if tree else "(?!)")
