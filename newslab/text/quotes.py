"""Find quotations: pairs of opening and closing quote marks, robust to messy input.

Curly quotes pair by direction; straight ``"`` and typewriter ``''`` open or close depending on the
characters around them; guillemets (« » and » « in German usage is not guessed) and low-9 marks („ ”)
are understood. A quotation left open runs to the end of its paragraph (news style: a quote spanning
paragraphs repeats the opening mark and omits the closing one). Single curly quotes count only when the
opening one starts a word, so apostrophes (it’s, O’Brien) never open a quotation.

>>> quote_spans('He said: “It is over.” Then “more')
[(9, 10, 21, 22), (28, 29, 33, 33)]
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["quote_spans"]

_DOUBLE = re.compile("''|\"|\u201c|\u201d|\u201e|\u00ab|\u00bb|\n")
_SINGLE = re.compile("\u2018|\u2019|\n")
_SINGLE_AND_STRAIGHT = re.compile("\u2018|\u2019|'|\n")
_OPEN = {"\u201c": "\u201d", "\u201e": "\u201d\u201c", "\u00ab": "\u00bb", "\u2018": "\u2019"}


@lru_cache(maxsize=4)  # the attribution patterns and newslab.attribution.voice ask for the same article in turn
def quote_spans(text: str, straight_singles: bool = False) -> list[tuple[int, int, int, int]]:
    """Quotations as ``(open_start, content_start, content_end, close_end)``; content excludes the marks.

    Double quotes are paired first; single curly quotes only outside them (headline style). With
    ``straight_singles``, a straight ``'`` that starts a word opens a single quotation too (``the 'bold'
    plan``: what scare quotes need; the attribution patterns leave it off, as ``'`` is mostly an apostrophe).

    >>> quote_spans("It's O'Brien's 'bold' plan", straight_singles=True)
    [(15, 16, 20, 21)]
    """
    doubles = _pair(text, _DOUBLE)
    if "\u2018" not in text and not (straight_singles and "'" in text):
        return doubles
    marks = _SINGLE_AND_STRAIGHT if straight_singles else _SINGLE
    singles = [q for q in _pair(text, marks) if not any(d[0] <= q[0] < d[3] for d in doubles)]
    return sorted(doubles + singles)


def _pair(text: str, marks: re.Pattern[str]) -> list[tuple[int, int, int, int]]:
    spans: list[tuple[int, int, int, int]] = []
    open_at = -1
    open_len = 0
    closers = ""
    n = len(text)
    for m in marks.finditer(text):
        mark = m.group()
        s, e = m.start(), m.end()
        if mark == "\n":
            if open_at >= 0:
                end = s
                while end > open_at + open_len and text[end - 1].isspace():
                    end -= 1
                spans.append((open_at, open_at + open_len, end, end))
                open_at = -1
            continue
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < n else " "
        if open_at < 0:
            if mark in _OPEN:
                if mark == "\u2018" and (before.isalnum() or not after.isalpha()):
                    continue
                open_at, open_len, closers = s, e - s, _OPEN[mark]
            elif mark == "'":  # only when asked for (straight_singles): it must start a word
                if not before.isalnum() and after.isalpha():
                    open_at, open_len, closers = s, 1, "'\u2019"
            elif mark in ('"', "''"):
                if not after.isspace() or before.isspace() or before in "([{:—–-":
                    open_at, open_len, closers = s, e - s, mark
            # a stray closing mark with nothing open is ignored
        else:
            if mark in closers or (mark in ('"', "''") and closers in ('"', "''", "\u201d")):
                if mark in ("\u2019", "'") and after.isalnum():
                    continue  # apostrophe inside a single-quoted passage
                spans.append((open_at, open_at + open_len, s, e))
                open_at = -1
            elif mark == "\u201d" and closers in ('"', "''"):
                spans.append((open_at, open_at + open_len, s, e))
                open_at = -1
            elif mark == "\u201c" and closers == "\u201d" and not before.isspace() and (after.isspace() or after == ""):
                spans.append((open_at, open_at + open_len, s, e))  # a misprinted closing mark: 'here,“ said'
                open_at = -1
    if open_at >= 0:
        end = n
        while end > open_at + open_len and text[end - 1].isspace():
            end -= 1
        spans.append((open_at, open_at + open_len, end, end))
    return spans
