"""Split articles into sentences with character offsets into ``articles.text``.

Rules, in order:

1. **Lines are hard boundaries.** A sentence never crosses a line break. Every non-blank line is one
   paragraph (``paragraph`` counts them from 0 within an article): scraped news usually has one
   paragraph per line, and blank-line-separated text gives the same numbering.
2. **Scraper glue.** Inside a line, words glued together by a scraper are cut apart, without changing
   the text: ``"Subscribe nowThe minister said"`` gives ``"Subscribe now"`` and ``"The minister said"``;
   ``"end of story.The next"`` is cut after the period. Names with inner capitals (McDonald, iPhone,
   DeSantis, YouTube) are kept; ``lexicons/camelcase_names.txt`` lists the ones the rule would cut.
3. **Punkt.** Each piece goes through NLTK's Punkt sentence tokenizer, built from parameters shipped in
   ``lexicons/abbreviations.txt`` and ``lexicons/sentence_starters.txt`` (no ``nltk_data`` needed):
   ``"Sen. Smith"`` and ``"U.S. officials"`` stay whole; ``"... the U.S. The next day"`` is split.
   A closing quote or bracket after the final stop stays with its sentence; each sentence of a
   multi-sentence quotation is its own sentence.
4. **Quoted questions.** A break after ``?``/``!``, after a stop and a closing quote, or after an
   ellipsis, followed by a lower-case word is undone: ``"Why?" she asked.`` is one sentence.
   A piece with no letters or digits (the dots of ``. . .``) joins the sentence before it.
5. **Length cap.** A sentence longer than ``MAX_SENTENCE`` (2,000) characters, e.g. a page of text with no
   punctuation, is cut into pieces at a ``;``, ``,`` or space and each piece gets ``cut=True``: every later
   step (attribution, stance) then works on bounded sentences and stays linear in the text.

Sentences never start or end with whitespace, and ``text[start:end]`` is the sentence exactly.
Sentences matching a pattern in ``lexicons/boilerplate.txt`` (plus a user's file) get
``boilerplate=True``; they are flagged, never removed.

>>> text = 'Sen. Smith met U.S. officials. "Will we win?" he asked.\\nSubscribe nowThe vote is today.'
>>> [text[start:end] for start, end, paragraph in sentence_spans(text)]
['Sen. Smith met U.S. officials.', '"Will we win?" he asked.', 'Subscribe now', 'The vote is today.']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from newslab.core.lexicon import any_of, lexicon_path, read_lines
from newslab.core.nltk_import import nltk_module
from newslab.core.schema import conform, parse_spans
from newslab.errors import LexiconError, SettingsError

__all__ = ["segment", "sentence_spans", "is_boilerplate", "boilerplate_matcher"]

_punkt = nltk_module("tokenize.punkt")  # Punkt alone, without the rest of NLTK (see newslab.core.nltk_import)
PunktLanguageVars, PunktParameters = _punkt.PunktLanguageVars, _punkt.PunktParameters
PunktSentenceTokenizer, PunktToken = _punkt.PunktSentenceTokenizer, _punkt.PunktToken

# Punkt's orthographic-context flags (nltk.tokenize.punkt._ORTHO_BEG_UC / _ORTHO_MID_LC).
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5

_LINE_RE = re.compile(r"[^\n\r\v\f\u2028\u2029]+")
_CLOSERS = "\"')]}\u2019\u201d\u00bb"  # " ' ) ] } ’ ” »
_STOPS = ".!?"
#: longer sentences are cut into pieces (flagged ``cut``) so that every later step stays linear in the text
MAX_SENTENCE = 2000
#: a longer line (or piece of one) is given to Punkt a window of about this many characters at a time
PUNKT_WINDOW = 100_000
_MAX_TOKEN = 80  # glue repair looks at most this far either side of a candidate point
_OPENERS = "\"'([{\u2018\u2019\u201c\u201d\u00ab\u00bb"  # quotes and brackets before a word
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}$")
# A capitalised word (capital + lower-case letter) directly after a non-space character: glue candidates.
_GLUE_CANDIDATE = re.compile(r"(?<=[\w.!?\"')\]}\u2019\u201d\u00bb])(?=[A-Z\u00c0-\u00d6\u00d8-\u00de][a-z\u00df-\u00f6\u00f8-\u00ff])")
_ELLIPSIS_END = re.compile(r"(?:\.\s?\.\s?\.|\u2026)$")
_FIRST_WORD = re.compile(r"\w+")
_NO_WORD = re.compile(r"[\W_]+")  # a piece without letters or digits (". . ." ellipsis dots)
# "<word>. <next token>", "<word>?" followed by a closing quote or bracket
_PLAIN_STOP = re.compile(r"([A-Za-z]{2,})[.?!](?:\s+\S|[\"')\]\u2019\u201d])")
_URLISH = re.compile(r"://|www\.|@|/|\.(com|org|net|gov|edu)\b", re.IGNORECASE)


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt language variables that move only CLOSING quotes/brackets back onto the sentence before.

    NLTK's default also moves opening quotes (“ ‘ «) followed by a space, which would take the opening
    guillemet of ``« Bonjour »`` away from its sentence.
    """

    re_boundary_realignment = re.compile(r"[\"')\]}\u2019\u201d\u00bb]+?(?:\s+|(?=--)|$)", re.MULTILINE)

    # "…" (one character) is a candidate stop too; it is decided like "..." (see _NewsPunkt._breaks_at).
    sent_end_chars = (".", "?", "!", "\u2026")

    # NLTK >= 3.10 runs these through nltk.redos (the `regex` engine under a wall-clock limit). They are
    # linear patterns over one line at a time; the standard library is faster and has no time limit
    # that a very long line could trip.
    def _word_tokenizer_re(self):
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(self._word_tokenize_fmt % {
                "NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start}, re.UNICODE | re.VERBOSE)
            return self._re_word_tokenizer

    def period_context_re(self):
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(self._period_context_fmt % {
                "NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE)
            return self._re_period_context


class _NewsToken(PunktToken):
    """Punkt's token with its regular expressions on the standard library (see _NewsLanguageVars)."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)
    _RE_NON_PUNCT = re.compile(r"[^\W\d]", re.UNICODE)

    @property
    def is_non_punct(self):
        return self._RE_NON_PUNCT.search(self.type)


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt with news-specific rules (the parameters come from the lexicons, see ``_tokenizer``).

    * An abbreviation after an opening quote or bracket is still one: ``“Mr. Trump``, ``(Gen. Lee``.
    * A dotted acronym (``F.B.I.``, ``G.O.P.``, ``O.K.``) is treated like a listed abbreviation: it ends
      a sentence only before a sentence starter (``... the F.B.I. The next day``), not before
      ``director`` or ``James``.
    * Only the candidate stop decides a break (see ``_slices_from_text``).
    """

    def _match_potential_end_contexts(self, text: str):
        """NLTK's candidate stops with their contexts, but a context reaches back at most
        ``_MAX_TOKEN`` characters: NLTK's grows without bound over runs of punctuation
        (``"!?!?..."``, ``". . . ."``), which made junk lines take quadratic time."""
        previous_slice = slice(0, 0)
        previous_match = None
        for match in self._lang_vars.period_context_re().finditer(text):
            before_text = text[previous_slice.stop:match.start()]
            last_space = self._get_last_whitespace_index(before_text)
            word_start = previous_slice.stop + last_space + 1 if last_space else previous_slice.start
            word_start = max(word_start, match.start() - _MAX_TOKEN)
            if previous_match is not None and previous_slice.stop <= word_start:
                yield previous_match, (text[previous_slice] + previous_match.group()
                                       + previous_match.group("after_tok"))
            previous_match = match
            previous_slice = slice(word_start, match.start())
        if previous_match is not None:
            yield previous_match, (text[previous_slice] + previous_match.group()
                                   + previous_match.group("after_tok"))

    def _slices_from_text(self, text: str):
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            # ``context`` is "<word before><stop><what follows>"; the candidate stop sits just before
            # what follows. NLTK asks whether ANY token of the context but the last is a break, so in
            # ``the V.A. ever.'' He`` the later break after ``ever.`` made ``V.A.`` a sentence end, and
            # in ``(D-Calif.). He`` the abbreviation hid the real stop after the bracket.
            if self._breaks_at(context, len(context) - len(match.group("after_tok")) - 1):
                yield slice(last_break, match.end())
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield slice(last_break, len(text.rstrip()))

    def _breaks_at(self, context: str, index: int) -> bool:
        """Whether the stop at ``context[index]`` ends a sentence (Punkt's two annotation passes)."""
        plain = _PLAIN_STOP.match(context)
        if plain is not None and plain.end(1) == index and plain.group(1).lower() not in self._not_plain():
            # "reporters. He", "Trump. The": a word that is no abbreviation and starts no collocation, and a
            # next token: Punkt's passes can only say "break" (the same answer, without building tokens)
            return True
        tokens = list(self._annotate_tokens(self._tokenize_words(context)))
        pos = 0
        for k, tok in enumerate(tokens):
            found = context.find(tok.tok, pos)
            if found < 0:
                break
            pos = found + len(tok.tok)
            if found <= index < pos:
                if k + 1 >= len(tokens):
                    return False
                if tok.ellipsis and tok.tok.startswith("\u2026"):
                    return self._ellipsis_breaks(tokens[k - 1] if k else None, tokens[k + 1])
                return bool(tok.sentbreak)
        return self.text_contains_sentbreak(context)

    def _not_plain(self) -> frozenset[str]:
        """Lower-case words whose stop Punkt's passes may keep: abbreviations, first words of collocations."""
        try:
            return self._not_plain_words
        except AttributeError:
            self._not_plain_words = frozenset(
                {*self._params.abbrev_types, *(first for first, _next in self._params.collocations)})
            return self._not_plain_words

    def _ellipsis_breaks(self, before, after) -> bool:
        """"…" ends a sentence like "..." does in Punkt: after a word, before a sentence starter."""
        if before is None or not before.is_non_punct or not after.first_upper:
            return False
        return self._ortho_heuristic(after) is True or after.type_no_sentperiod in self._params.sent_starters

    def _first_pass_annotation(self, aug_tok) -> None:
        super()._first_pass_annotation(aug_tok)
        if aug_tok.tok.strip("\u2026") == "":  # "…": an ellipsis, not a sure stop like "!"
            aug_tok.sentbreak = False
            aug_tok.ellipsis = True
            return
        if not aug_tok.sentbreak or not aug_tok.period_final:
            return
        tok = aug_tok.tok
        bare = tok.lstrip(_OPENERS)
        if (bare != tok and _abbreviation_type(bare) in self._params.abbrev_types) or _DOTTED.search(tok[-12:]):
            aug_tok.sentbreak = False
            aug_tok.abbr = True


def _abbreviation_type(word: str) -> str:
    """Punkt's key for an abbreviation: lower case, final period dropped (``"U.S."`` -> ``"u.s"``)."""
    word = word.lower()
    return word[:-1] if word.endswith(".") and len(word) > 1 else word


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[str], frozenset[str]]:
    """(abbreviations, collocations, sentence starters, camel-case names) from the shipped lexicons."""
    abbrevs, collocations = set(), set()
    for line in read_lines("abbreviations.txt"):
        parts = line.split()
        if len(parts) == 1:
            abbrevs.add(_abbreviation_type(parts[0]))
        elif len(parts) == 2:
            nxt = "##number##" if parts[1].lower() == "<number>" else _abbreviation_type(parts[1])
            collocations.add((_abbreviation_type(parts[0]), nxt))
        else:
            path = lexicon_path("abbreviations.txt")
            raise LexiconError(f"{path}: line {line!r} has more than two words; write one abbreviation "
                               "per line, or 'No. <number>' for an abbreviation only before a number")
    starters = frozenset(w.lower() for w in read_lines("sentence_starters.txt"))
    camel = frozenset(w.lower() for w in read_lines("camelcase_names.txt"))
    return frozenset(abbrevs), frozenset(collocations), starters, camel


@lru_cache(maxsize=1)
def _tokenizer() -> _NewsPunkt:
    """The Punkt tokenizer, built once per process from the shipped parameters (never downloads)."""
    abbrevs, collocations, starters, _ = _lexicons()
    params = PunktParameters()
    params.abbrev_types = set(abbrevs)
    params.collocations = set(collocations)
    params.sent_starters = set(starters)
    for word in starters:
        # Seen capitalised only at sentence starts and lower-case inside sentences: after an
        # abbreviation or an initial, a capitalised starter ("The", "He") opens a new sentence.
        params.add_ortho_context(word, _ORTHO_BEG_UC | _ORTHO_MID_LC)
    return _NewsPunkt(params, lang_vars=_NewsLanguageVars(), token_cls=_NewsToken)


def _is_glue(line: str, i: int, lex: tuple) -> bool:
    """Whether a capitalised word starting at ``line[i]`` was glued onto the word before by a scraper."""
    abbrevs, _, starters, camel = lex
    j = i  # start of the whitespace-delimited token
    while j > 0 and not line[j - 1].isspace():
        j -= 1
        if i - j > _MAX_TOKEN:  # not a word: code, a URL, or junk; never cut (and stay linear)
            return False
    k = i
    n = len(line)
    while k < n and not line[k].isspace():
        k += 1
        if k - i > _MAX_TOKEN:
            return False
    if line[j] in "#@" or _URLISH.search(line, j, k):  # hashtags, handles, URLs, e-mail addresses
        return False
    r = i + 1
    while r < k and line[r].islower():
        r += 1
    right = line[i:r]
    prev = line[i - 1]
    if prev in _STOPS or prev in _CLOSERS:  # "story.The", 'said."The', "over?”Then"
        p = i
        while p > j and line[p - 1] in _CLOSERS:
            p -= 1
        if p <= j or line[p - 1] not in _STOPS:
            return False
        stop = p - 1
        left_start = stop
        while left_start > j and line[left_start - 1].isalnum():
            left_start -= 1
        left = line[left_start:stop]
        if len(left) < 2 or left.lower() in abbrevs:
            return False
        if line[left_start - 1:left_start] == ".":  # "U.S.The": a dotted abbreviation, keep
            return False
        return True
    left_start = i
    while left_start > j and line[left_start - 1].isalpha():
        left_start -= 1
    left = line[left_start:i]
    word_end = i
    while word_end < k and line[word_end].isalpha():
        word_end += 1
    if line[left_start:word_end].lower() in camel:
        return False
    is_starter = right.lower() in starters
    if prev.isdigit():  # "2016The"
        return is_starter
    if left.islower():  # "nowThe", "easyJet" (listed), but never "iPhone"/"eBay"
        return (len(left) >= 3 and len(right) >= 2) or (len(left) >= 2 and is_starter)
    if left.isupper():  # "ADVERTISEMENTThe", not "USAToday"/"CNNMoney" or plurals like "NDAs"
        return len(left) >= 2 and is_starter and right != "As"
    # Capitalised or mixed left part ("AdvertisementThe", "McDonald", "LinkedIn"): only before a starter.
    return is_starter


def _glue_points(line: str, lex: tuple) -> list[int]:
    return [m.start() for m in _GLUE_CANDIDATE.finditer(line) if _is_glue(line, m.start(), lex)]


def _keeps_going(prev: str, nxt: str) -> bool:
    """True when a Punkt break between ``prev`` and ``nxt`` should be undone: ``nxt`` starts with a
    lower-case word and ``prev`` ends with ``?``/``!``, an ellipsis, or a stop and a closing quote."""
    word = _FIRST_WORD.match(nxt)
    if word is None or word.start() != 0 or not word.group().isalpha() or not word.group().islower():
        return False
    bare = prev.rstrip(_CLOSERS)
    if bare != prev:  # '"Why?" she asked', '"It is over." he said'
        return bare.endswith((".", "!", "?", "\u2026"))
    return prev.endswith(("!", "?", "\u2026")) or bool(_ELLIPSIS_END.search(prev))


def _piece_spans(text: str, start: int, end: int, tokenizer: PunktSentenceTokenizer) -> list[list[int]]:
    """Sentence spans inside ``text[start:end]`` (one line, or a part of it between glue points)."""
    piece = text[start:end]
    spans: list[list[int]] = []
    for s, e in tokenizer.span_tokenize(piece):
        chunk = piece[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        e = s + len(stripped)
        if spans and (_NO_WORD.fullmatch(stripped) or
                      _keeps_going(piece[spans[-1][0] - start:spans[-1][1] - start], stripped)):
            spans[-1][1] = start + e
        else:
            spans.append([start + s, start + e])
    return spans


def _windowed_spans(text: str, start: int, end: int, tokenizer) -> list[tuple[int, int, bool]]:
    """:func:`_piece_spans` with a third item, True for a piece of an over-long sentence. A piece longer
    than ``PUNKT_WINDOW`` characters (a megabyte-long line) goes to Punkt a window at a time, so memory stays
    bounded: each window's last sentence is read again at the start of the next one, so the breaks are
    those of one pass; a window without any break is part of one giant sentence, cut there."""
    if end - start <= PUNKT_WINDOW:
        return [(s, e, False) for s, e in _piece_spans(text, start, end, tokenizer)]
    out: list[tuple[int, int, bool]] = []
    pos, continuing = start, False
    while end - pos > PUNKT_WINDOW:
        stop = text.rfind(" ", pos + PUNKT_WINDOW // 2, pos + PUNKT_WINDOW)
        stop = stop if stop > pos else pos + PUNKT_WINDOW
        spans = _piece_spans(text, pos, stop, tokenizer)
        if len(spans) > 1:
            out += [(s, e, continuing and k == 0) for k, (s, e) in enumerate(spans[:-1])]
            pos, continuing = spans[-1][0], False
        else:  # no sentence break in the whole window: a piece of one giant sentence
            out += [(s, e, True) for s, e in spans]
            pos, continuing = stop, True
            while pos < end and text[pos].isspace():
                pos += 1
    out += [(s, e, continuing and k == 0) for k, (s, e) in enumerate(_piece_spans(text, pos, end, tokenizer))]
    return out


def cut_long(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into pieces of at most ``limit`` characters, at a ``;`` or ``,`` in the last
    half of each piece when there is one, else at a space, else (one giant word) at ``limit``. Pieces
    never start or end with whitespace. Linear in the length: no later step sees an unbounded sentence.

    >>> text = "one, two three; four five six"
    >>> [text[s:e] for s, e in cut_long(text, 0, len(text), limit=12)]
    ['one, two', 'three; four', 'five six']
    """
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        stop = pos + limit
        half = pos + limit // 2
        cut = max(text.rfind("; ", half, stop), text.rfind(", ", half, stop))
        if cut >= 0:
            cut += 1  # the mark stays with the piece before it
        else:
            cut = max(text.rfind(" ", pos + 1, stop), text.rfind("\t", pos + 1, stop))
            if cut <= pos:
                cut = stop
        piece_end = cut
        while piece_end > pos and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((pos, piece_end))
        pos = cut
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        pieces.append((pos, end))
    return pieces


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, paragraph)`` of every sentence in ``text``; ``text[start:end]`` is the sentence.

    Paragraphs are non-blank lines, numbered from 0. Empty or blank text gives ``[]``. A sentence longer
    than ``MAX_SENTENCE`` characters is cut into pieces (see :func:`cut_long`; ``segment`` flags them).

    >>> text = "Subscribe nowThe minister said no.\\n\\nDr. Jones agreed."
    >>> [(text[s:e], p) for s, e, p in sentence_spans(text)]
    [('Subscribe now', 0), ('The minister said no.', 0), ('Dr. Jones agreed.', 1)]
    """
    return [(s, e, p) for s, e, p, _ in _spans(text)]


def _spans(text: str) -> list[tuple[int, int, int, bool]]:
    """``(start, end, paragraph, cut)``: :func:`sentence_spans` plus whether the sentence was cut for length."""
    if not isinstance(text, str) or not text:
        return []
    tokenizer = _tokenizer()
    lex = _lexicons()
    out: list[tuple[int, int, int, bool]] = []
    paragraph = 0
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        base = m.start()
        cuts = _glue_points(line, lex) if _GLUE_CANDIDATE.search(line) else []
        bounds = [0, *cuts, len(line)]
        for a, b in zip(bounds, bounds[1:]):
            for s, e, forced in _windowed_spans(text, base + a, base + b, tokenizer):
                if e - s <= MAX_SENTENCE:
                    out.append((s, e, paragraph, forced))
                else:
                    out += [(ps, pe, paragraph, True) for ps, pe in cut_long(text, s, e)]
        paragraph += 1
    return out


def _parse(pattern: str) -> list:
    """The top level of a regex's parse tree ([] when it cannot be parsed; only used for speed-ups)."""
    try:
        try:
            from re import _parser as sre_parse  # Python >= 3.11
        except ImportError:  # pragma: no cover
            import sre_parse  # type: ignore[no-redef]
        return list(sre_parse.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 (private API: any surprise means "no shortcut")
        return []


def _is_anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at the beginning (``^...`` with no top-level ``|``)."""
    parsed = _parse(pattern)
    return bool(parsed) and str(parsed[0][0]) == "AT" and str(parsed[0][1]) == "AT_BEGINNING"


def _required_literal(pattern: str) -> str:
    """The longest lower-case text every match of ``pattern`` must contain ("" if none is found).

    Used only to skip patterns cheaply: a sentence without the literal cannot match.
    """
    runs = [""]

    def walk(items) -> None:
        for op, arg in items:
            name = str(op)
            if name == "LITERAL" and len(chr(arg).lower()) == 1:
                runs[-1] += chr(arg).lower()
            elif name == "AT":  # \b, ^, $ consume nothing
                continue
            elif name == "SUBPATTERN" and not any(str(o) == "BRANCH" for o, _ in arg[-1]):
                walk(arg[-1])  # a plain group, e.g. (?-i:R): its text is required too
            else:
                runs.append("")

    walk(_parse(pattern))
    return max(runs, key=len)


_SHARED_START = r"^\W*"  # how most anchored boilerplate patterns start


class _BoilerplateMatcher:
    """Tests sentences against boilerplate patterns, fast: patterns anchored at the start are combined
    into one regex tried once per sentence; every other pattern is tried only when the sentence
    contains the literal text it requires."""

    def __init__(self, patterns: list[str]):
        anchored = [p for p in patterns if _is_anchored(p)]
        lead = _SHARED_START if anchored and all(p.startswith(_SHARED_START) for p in anchored) else ""
        try:  # "^\W*(?:a|b)" for "^\W*a|^\W*b": the same matches, the punctuation read once
            self._anchored = ([re.compile(lead + "(?:" + "|".join(f"(?:{p[len(lead):]})" for p in anchored) + ")",
                                         re.IGNORECASE)]
                              if anchored else [])
        except re.error:  # e.g. a pattern with its own global flags such as (?x): keep them apart
            self._anchored = [re.compile(p, re.IGNORECASE) for p in anchored]
        self._other: dict[str, list[re.Pattern]] = {}  # by the text each pattern requires ("": none)
        for p in patterns:
            if not _is_anchored(p):
                self._other.setdefault(_required_literal(p), []).append(re.compile(p, re.IGNORECASE))
        self._some_literal = any_of(self._other)  # most sentences hold none of the required texts
        self.patterns = tuple(patterns)

    def __call__(self, sentence: str) -> bool:
        for rx in self._anchored:
            if rx.match(sentence):
                return True
        lower = sentence.lower()
        if not self._some_literal.search(lower):
            return False
        for lit, rxs in self._other.items():
            if lit in lower:  # "" is in every sentence
                for rx in rxs:
                    if rx.search(sentence):
                        return True
        return False


@lru_cache(maxsize=32)
def _matcher(user: str | None, stamp: int) -> _BoilerplateMatcher:
    patterns: list[str] = []
    for name in ("boilerplate.txt", user) if user else ("boilerplate.txt",):
        for pat in read_lines(name):
            try:
                re.compile(pat)
            except re.error as exc:
                raise LexiconError(f"{lexicon_path(name)}: pattern {pat!r} is not a valid regular expression "
                                   f"({exc}); fix or remove that line") from exc
            patterns.append(pat)
    return _BoilerplateMatcher(patterns)


def boilerplate_matcher(boilerplate: str | Path | None = None) -> Callable[[str], bool]:
    """A function telling whether a sentence is boilerplate: shipped patterns plus the user's file.

    The user's file is re-read when it changes on disk.

    >>> is_bp = boilerplate_matcher()
    >>> is_bp("Sign up for our daily newsletter"), is_bp("The senator signed the bill.")
    (True, False)
    """
    if boilerplate is None:
        return _matcher(None, 0)
    path = lexicon_path(boilerplate)
    return _matcher(str(path.resolve()), path.stat().st_mtime_ns)


def is_boilerplate(sentence: str, boilerplate: str | Path | None = None) -> bool:
    """Whether a sentence is page furniture (newsletter, donation, cookie, share or "Read more" line).

    >>> is_boilerplate("Advertisement"), is_boilerplate("The advertisement was pulled.")
    (True, False)
    """
    return boilerplate_matcher(boilerplate)(sentence)


def segment(articles: pd.DataFrame, boilerplate: str | Path | None = None) -> pd.DataFrame:
    """The ``sentences`` table: one row per sentence of every article, in text order.

    Columns ``article_id, sentence_id (0.. per article), paragraph, start, end, text, boilerplate``;
    ``attribution_id`` and ``source`` stay empty for the attribution step. ``boilerplate`` is an
    optional file of extra patterns, added to ``newslab/lexicons/boilerplate.txt``. A sentence inside a
    span of ``articles.boilerplate_lines`` (lines of a web page judged page furniture, see
    :mod:`newslab.text.furniture`) is flagged too. Without an ``article_id`` column the row index (as text)
    identifies articles.

    >>> arts = pd.DataFrame({"article_id": ["a1"], "text": ["Advertisement\\nGov. Lee spoke. He left."]})
    >>> segment(arts)[["sentence_id", "paragraph", "text", "boilerplate"]].values.tolist()
    [[0, 0, 'Advertisement', True], [1, 1, 'Gov. Lee spoke.', False], [2, 1, 'He left.', False]]
    """
    if "text" not in articles.columns:
        raise SettingsError("segment() needs an articles table with a 'text' column "
                            f"(got columns: {', '.join(map(str, articles.columns)) or 'none'})")
    is_bp = boilerplate_matcher(boilerplate)
    cols: dict[str, list] = {k: [] for k in
                             ("article_id", "sentence_id", "paragraph", "start", "end", "text", "boilerplate",
                              "cut")}
    ids = articles["article_id"] if "article_id" in articles.columns else articles.index.astype(str)
    furniture = articles["boilerplate_lines"] if "boilerplate_lines" in articles.columns else [None] * len(ids)
    for aid, text, lines in zip(ids, articles["text"], furniture):
        if not isinstance(text, str):
            continue
        flagged = parse_spans(lines)
        for sid, (s, e, p, cut) in enumerate(_spans(text)):
            sent = text[s:e]
            cols["article_id"].append(aid)
            cols["sentence_id"].append(sid)
            cols["paragraph"].append(p)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["text"].append(sent)
            cols["boilerplate"].append(is_bp(sent) or any(a <= s and e <= b for a, b in flagged))
            cols["cut"].append(cut)
    return conform(pd.DataFrame(cols), "sentences")
