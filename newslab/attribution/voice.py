"""Quotations that run on: the sentences of a quotation that carry no cue of their own get its speaker.

Newspapers let one attribution cover a quotation over several sentences and paragraphs:

* the next quotation in the same paragraph: '"A," Smith said. "B. C."' (B and C are Smith's);
* a quoted paragraph after a paragraph that quoted someone or ended with a colon: '...," Smith said.' or
  'Smith said:' then a paragraph that opens with a quotation mark (and has no cue of its own);
* UK style: each paragraph of a long quotation opens with a quotation mark and only the last one closes;
  when the attribution comes at the end, the earlier paragraphs get its speaker too.

Alternating speakers keep their own voices: a sentence with its own attribution is never overwritten.

>>> text = 'Rain fell.\\n"We are ready," Smith said.\\n"The dam will hold. It always has."\\nThe end.'
>>> sents = [(0, 10), (11, 38), (39, 58), (59, 74), (75, 83)]
>>> continue_quotes(text, sents, {1: ("a-001", "Smith")})
{2: ('a-001', 'Smith'), 3: ('a-001', 'Smith')}
"""

from __future__ import annotations

import bisect

from newslab.text.quotes import quote_spans

__all__ = ["continue_quotes"]

_OPENING = ("\u201c", '"', "''", "\u00ab", "\u201e", "\u2018", "\u2039")


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    s = text[start:end].lstrip(" \t\u00a0-\u2014\u2013*\u2022")
    return s.startswith(_OPENING)


def continue_quotes(text: str, sentences: list[tuple[int, int]],
                    voices: dict[int, tuple[str, str]], quotes: list | None = None) -> dict[int, tuple[str, str]]:
    """Voices for sentences (indexes into ``sentences``, ``(start, end)`` sorted) that have none in
    ``voices`` but belong to a running quotation. Returns only the new ones. ``quotes``: the text's
    ``quote_spans``, when the caller has them already."""
    if quotes is None:
        quotes = quote_spans(text)
    q_starts = [q[0] for q in quotes]

    def quoted(k: int) -> bool:
        s, e = sentences[k]
        if _opens_with_quote(text, s, e):
            return True
        i = bisect.bisect_right(q_starts, s) - 1
        return i >= 0 and quotes[i][1] <= s < quotes[i][2]

    def unclosed(ks: list[int]) -> bool:
        """The paragraph's last quotation runs to the paragraph's end without a closing mark."""
        end = sentences[ks[-1]][1]
        i = bisect.bisect_right(q_starts, end) - 1
        return i >= 0 and quotes[i][2] == quotes[i][3] and quotes[i][0] >= sentences[ks[0]][0]

    # paragraphs: runs of sentences on one line
    paras: list[list[int]] = []
    line_of = []
    for k, (s, _) in enumerate(sentences):
        line_of.append(text.count("\n", 0, s) if k == 0 else line_of[-1] + text.count("\n", sentences[k - 1][0], s))
        if k and line_of[k] == line_of[k - 1]:
            paras[-1].append(k)
        else:
            paras.append([k])
    new: dict[int, tuple[str, str]] = {}

    def voice(k: int) -> tuple[str, str] | None:
        return voices.get(k) or new.get(k)

    # forward: from a voiced paragraph into the quotation that follows
    carry: tuple[str, str] | None = None
    for ks in paras:
        first_voiced = next((k for k in ks if voices.get(k)), None)
        if first_voiced is None:
            if carry is not None and _opens_with_quote(text, *sentences[ks[0]]):
                for k in ks:
                    if quoted(k):
                        new[k] = carry
            else:
                carry = None
            continue
        last = first_voiced
        for k in ks[ks.index(first_voiced):]:
            if voices.get(k):
                last = k
            elif quoted(k) and k not in new:
                new[k] = voices[last]
        para_text = text[sentences[ks[0]][0]:sentences[ks[-1]][1]].rstrip()
        has_quote = any(quoted(k) for k in ks) or any(ch in para_text for ch in _OPENING)
        carry = voices[last] if (has_quote or para_text.endswith(":")) else None
    # backward (UK style): an unclosed quoted paragraph takes the voice of the quoted paragraph after it
    for p in range(len(paras) - 2, -1, -1):
        ks, nxt = paras[p], paras[p + 1]
        if any(voice(k) for k in ks) or not _opens_with_quote(text, *sentences[ks[0]]) or not unclosed(ks):
            continue
        v = voice(nxt[0]) if _opens_with_quote(text, *sentences[nxt[0]]) else None
        if v is None:
            v = next((voice(k) for k in nxt if voice(k)), None) if quoted(nxt[0]) else None
        if v is not None:
            for k in ks:
                if quoted(k):
                    new[k] = v
    return new
