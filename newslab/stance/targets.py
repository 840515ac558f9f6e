"""Stance targets: the people, organisations, places and bodies an article names, each with one canonical name.

``find_mentions(text)`` lists every mention in an article with its ``[start, end)`` span and canonical
``target``:

- capitalised name spans ("Infrastructure Minister Elena Varga" -> "Elena Varga", titles dropped);
- acronyms defined in the text ("Free Press Observatory (FPO)" -> "FPO" is "Free Press Observatory") and
  aliases from the source gazetteer (``lexicons/source_types.csv``: "WHO" -> "World Health Organization");
- a bare surname to the nearest preceding full name with that surname (two Vargas: the nearest wins);
- "the minister", "the mayor" to the nearest preceding person named with that title;
- collective actors from ``lexicons/target_nouns.txt`` ("the government", "Valdorian authorities");
- he/she/him/her to the nearest preceding person of that gender (first names and titles tell it), when
  cheap and unambiguous.

A user's own targets replace the automatic ones: ``["WHO", "the mayor"]`` or ``{"WHO": ["World Health
Organization"]}`` (aliases; all-capital aliases match case-sensitively, others ignore case).

>>> [m.target for m in find_mentions("Sen. Ana Ruiz met the WHO. Ruiz said the government lied.")]
['Ana Ruiz', 'World Health Organization', 'Ana Ruiz', 'government']
>>> [m.target for m in find_mentions("The mayor met WHO staff.", targets=["WHO", "the mayor"])]
['the mayor', 'WHO']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple

from newslab.attribution.source_types import alias_key
from newslab.core.lexicon import read_lines, read_table
from newslab.errors import SettingsError

_CAP = r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-ÞĀ-Ž][a-z]{0,2}\.|[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*)"
_INITIAL = r"[A-Z]\."
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")  # U.S., U.N.
#: endings of nationality and party adjectives: "American voters", "Republican leaders" name no target
_ADJECTIVE_END = ("ian", "ean", "can", "ic", "ish", "ese", "ican", "ist")
_WORD = rf"(?:{_CAP}|{_INITIAL})"
# (the look-ahead only repeats what _WORD starts with: it lets the regex engine skip to the next capital)
_NAME = re.compile(rf"(?=[A-ZÀ-ÖØ-ÞĀ-Ž])(?<![\w'’]){_WORD}(?:[ \t]+(?:(?:of|for|de|van|von|al|bin|del|da|la)(?:[ \t]+the)?[ \t]+)?{_WORD})*")
_ACRONYM_DEF = re.compile(r"([A-Z][\w'’\-]*(?:\s+(?:(?:of|for|to|and|on|the|in)\s+)*[A-Z][\w'’\-]*){1,8})\s*"
                          r"\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")
# The patterns below that start at a word start put the first letter before the look-behind ("[A-Z](?<!\w.)"
# rather than "(?<!\w)[A-Z]" or "\b[A-Z]"): the same matches, but the regex engine can then skip ahead to the
# next candidate letter instead of trying every position of the text.
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž](?<![\w].)[\w'’\-]*(?![\w])")
_LOWER_WORD = re.compile(r"[a-z](?<![\w].)[\w'’\-]*")
_AFTER_CAP = re.compile(r"[A-Z](?<![\w].)[\w'’\-]*\.?[ \t]+(?=([\w'’\-]+)\b)")
# he|him|his|she|her|hers as whole words, any case
_PRONOUN = re.compile(r"([hs](?<![\w].)(?:(?<=h)(?:e|im|is|er|ers)|(?<=s)he))\b", re.IGNORECASE)
_TITLE_REF = re.compile(r"[Tt](?<![\w].)he\s+((?:prime|vice|deputy|chief|attorney)\s+)?(\w+)\b")
#: what every match of ``_ACRONYM_DEF`` ends with: texts without it skip that (slow) pattern
_ACRONYM_PAREN = re.compile(r"\(\s*[A-Z][A-Za-z.&]{1,9}\s*\)")
_SENT_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n\s*|[\"“‘(—:]\s*)$")
# patterns used inside loops, compiled once
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:[Tt]he|an?|An?)[ \t]+$")
_LATIN_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_NONSPACE = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_LEADING_THE = re.compile(r"^(?:The|According to(?: the)?)\s+")
_OF_THE = re.compile(r"[ \t]+of(?:[ \t]+the)?[ \t]+")
_SPEAKS_AFTER = re.compile(r"[ \t]+(?:said|says|told|tells|wrote|added|argued|insisted|replied)\b")
# a word ending like an adjective is a name, not an adjective, when one of these words follows it
_AFTER_NAME = re.compile(rf"[ \t]+(?:{'|'.join(read_lines('after_name_words.txt'))})\b")
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")
_BLANKS = re.compile(r"[ \t]+")
_INITIAL_RX = re.compile(r"[A-Z]\.")


class Mention(NamedTuple):
    """One mention of a target: ``[start, end)`` in the text, the canonical ``target`` and how it was found
    (``name``, ``acronym``, ``alias``, ``surname``, ``title``, ``actor``, ``pronoun``, ``user``)."""

    start: int
    end: int
    target: str
    kind: str


@lru_cache(maxsize=1)
def _not_targets() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("not_targets.txt"))


@lru_cache(maxsize=1)
def _actor_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("target_nouns.txt"))


@lru_cache(maxsize=1)
def _actor_pattern() -> re.Pattern[str]:
    """Any collective actor noun of ``lexicons/target_nouns.txt``, as a whole word (longest first)."""
    nouns = sorted(_actor_nouns(), key=len, reverse=True)
    if not nouns:
        return re.compile(r"(?!)")
    firsts = re.escape("".join(sorted({n[0] for n in nouns})))  # lets the engine skip to a candidate letter
    return re.compile(rf"(?=[{firsts}])(?<![\w])(" + "|".join(nouns) + r")(?![\w])", re.IGNORECASE)


#: the characters besides A-Z and a-z that ``re.IGNORECASE`` takes for an ASCII letter (a test checks the list)
ASCII_CASE_TWINS = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ K (Kelvin sign)


def _actor_matches(text: str):
    """``_actor_pattern().finditer(text)``, but the pattern is tried only where an actor noun starts in the
    lower-cased text (a case-insensitive scan of every position costs more): the same matches whenever
    lower-casing keeps every character's place and no character is an ASCII letter's case twin."""
    rx = _actor_pattern()
    low = text.lower()
    if len(low) != len(text) or not ASCII_CASE_TWINS.isdisjoint(text) or not _ascii_actor_nouns():
        yield from rx.finditer(text)
        return
    starts = set()
    for noun in _actor_nouns():
        p = low.find(noun)
        while p >= 0:
            starts.add(p)
            p = low.find(noun, p + 1)
    end = 0
    for p in sorted(starts):
        if p >= end:  # finditer goes on after the end of a match
            m = rx.match(text, p)
            if m:
                yield m
                end = m.end()


@lru_cache(maxsize=1)
def _ascii_actor_nouns() -> bool:
    return all(n.isascii() for n in _actor_nouns())


@lru_cache(maxsize=4)
def _gazetteer(user_table: str | None) -> dict[str, str]:
    table = read_table("target_aliases.csv", required=("alias", "target"))
    out = {alias_key(a): t.strip() for a, t in zip(table["alias"], table["target"]) if a.strip() and t.strip()}
    try:
        from newslab.attribution.source_types import gazetteer
    except ImportError:  # attribution not installed in this build
        return out
    out.update({alias: source for alias, (source, _t) in gazetteer(user_table).items()})
    return out


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[str, str]]:
    try:
        from newslab.attribution.source_types import titles
    except ImportError:
        return {}
    return titles()


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    try:
        from newslab.attribution.source_types import first_names
    except ImportError:
        return {}
    return first_names()


_CODE = re.compile(r"\d|^[A-Z]{1,2}-|^[A-Z]$")


def is_target(name: str) -> bool:
    """Whether an automatically found target names a person or body: not a month or weekday ("May",
    "Monday March"), a code or number ("S-1", "H.R. 3", "2016"), a single letter, a title alone, or an
    overlong capitalised run (a headline fragment).

    >>> [is_target(t) for t in ["Ana Ruiz", "May", "Tuesday", "S-1", "FBI", "Free Press Observatory"]]
    [True, False, False, False, True, True]
    """
    if not isinstance(name, str):
        return False
    return _is_target(name)


@lru_cache(maxsize=8192)
def _is_target(name: str) -> bool:
    words = name.replace("’", "'").split()
    if not words or len(words) > 6 or _CODE.search(name):
        return False
    if all(w.lower() in _titles() or w.lower().rstrip(".") in _titles() for w in words):
        return False  # "Mr. President", "the Senator": a title with no name
    calendar = _calendar()
    if all(w.lower().rstrip(".,") in calendar for w in words):
        return False
    return name.lower() not in _not_targets() and name.lower() not in _titles()


_NUMBER_BEFORE = re.compile(r"\d(?:st|nd|rd|th|s)?[ \t]+$")
_PLACE_BEFORE = re.compile(r"(?<![\w])(?:in|at|near|outside|inside)[ \t]+$", re.IGNORECASE)
_QUOTE_OPEN = "\"“"
_QUOTE_CLOSE = "\"”"


def named_in_context(text: str, mention: Mention) -> bool:
    """Whether a found mention names a person or body where it stands: not a pronoun (not named), not part
    of a numbered thing ("13th Amendment"), not a place ("an event in Colorado Springs"), not a word of a
    quoted Title Case title ("Collapse: How Societies Choose to Fail or Succeed").

    >>> t = 'Ana Ruiz cited the 13th Amendment and "How Nations Fail" at a rally in Springfield.'
    >>> [m.target for m in find_mentions(t) if named_in_context(t, m)]
    ['Ana Ruiz']
    >>> t = "The Ohio senator met the former Miss Universe and Paul Kent."
    >>> [m.target for m in find_mentions(t) if named_in_context(t, m)]
    ['Paul Kent']
    """
    if mention.kind == "pronoun":
        return False
    before = text[max(0, mention.start - 12):mention.start]
    if (before.endswith("Miss ") or text[mention.start:mention.end].startswith("Miss ")) and \
            " " not in mention.target:
        return False  # "the former Miss Universe": a title held, not a person
    after = _NEXT_WORD.match(text[mention.end:mention.end + 30])
    if after and after.group(1) in _titles() and _ARTICLE_BEFORE.search(before) and \
            mention.kind in ("name", "alias"):
        return False  # "the California congressman": a place describing a person, not a target
    if _NUMBER_BEFORE.search(before) or _PLACE_BEFORE.search(before) and mention.kind in ("name", "alias"):
        return False
    # inside a short quotation in Title Case: the title of a book, film, report or song
    a = max(0, mention.start - 120)
    lo = max(text.rfind('"', a, mention.start), text.rfind("“", a, mention.start))  # _QUOTE_OPEN
    if lo >= 0:
        h1, h2 = text.find('"', mention.end, mention.end + 120), text.find("”", mention.end, mention.end + 120)
        hi = min(h1, h2) if h1 >= 0 and h2 >= 0 else max(h1, h2)  # the nearest _QUOTE_CLOSE, or -1
        if hi > 0:
            words = [w for w in _LATIN_WORD.findall(text[lo + 1:hi]) if len(w) > 3]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                return False
    return True


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    try:
        from newslab.attribution.names import calendar_words
    except ImportError:
        return frozenset()
    return frozenset(w.lower() for w in calendar_words())


def normalise_targets(targets: Any) -> dict[str, list[str]]:
    """User targets as ``{name: [aliases, name included]}``.

    Accepts a string, a list of strings, or a dict ``{name: alias or [aliases]}``. A person's name
    (a known first name, then a surname) also matches the surname alone.

    >>> normalise_targets({"WHO": ["World Health Organization"]})
    {'WHO': ['WHO', 'World Health Organization']}
    """
    if targets is None:
        return {}
    if isinstance(targets, str):
        targets = [targets]
    if isinstance(targets, dict):
        items = targets.items()
    elif isinstance(targets, Iterable):
        items = ((t, []) for t in targets)
    else:
        raise SettingsError(f"targets={targets!r}: give a list of names or a {{name: [aliases]}} dict")
    out: dict[str, list[str]] = {}
    for name, aliases in items:
        if not isinstance(name, str) or not name.strip():
            continue
        if isinstance(aliases, str):
            aliases = [aliases]
        names = [name.strip()] + [a.strip() for a in (aliases or []) if isinstance(a, str) and a.strip()]
        words = name.split()
        if len(words) >= 2 and words[0].lower() in _first_names() and words[-1][:1].isupper():
            names.append(words[-1])  # a person's surname alone: "Mira Kovač" ... "Kovač said"
        out[name.strip()] = list(dict.fromkeys(names))
    return out


@lru_cache(maxsize=1024)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in alias.replace("’", "'").split()]
    body = r"\s+".join(words).replace("'", "['’]")
    flags = 0 if alias.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def user_mentions(text: str, targets: Any) -> list[Mention]:
    """Mentions of the user's targets (longest alias wins where two overlap)."""
    found: list[Mention] = []
    for name, aliases in normalise_targets(targets).items():
        for alias in aliases:
            for m in _alias_pattern(alias).finditer(text):
                found.append(Mention(m.start(), m.end(), name, "user"))
    return _no_overlaps(found)


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_TITLE_LIKE = frozenset({"former", "acting", "deputy", "mp"})
_QUALIFIERS = frozenset({"prime", "vice", "deputy", "chief", "attorney"})


def _strip_span(text: str, start: int, end: int) -> tuple[int, int, list[str]]:
    """Drop leading titles/determiners and a trailing possessive; return the span and the titles dropped."""
    tit = _titles()
    dropped: list[str] = []
    words = _words_at(text[start:end])
    i = 0
    for k in range(len(words) - 1):
        w = words[k][1].lower()
        if (w in tit or w.rstrip(".") in tit or w in _TITLE_LIKE) and \
                w.rstrip(".") != "st":  # "St. Louis", "St. Paul": a place, not Louis with a title
            dropped.append(w.rstrip("."))
            i = k + 1
    if i == 0 and len(words) > 1 and words[0][1] == "the":
        i = 1
    if dropped and i >= 2:
        qualifier = words[i - 2][1].lower().rstrip(".")
        if qualifier in _QUALIFIERS:
            dropped[-1] = f"{qualifier} {dropped[-1]}"
    s = start + words[i][0] if words else start
    e = end
    tail = text[s:e]
    for suffix in ("'s", "’s", "'", "’"):
        if tail.endswith(suffix) and len(tail) > len(suffix):
            e -= len(suffix)
            break
    return s, e, dropped


def _words_at(span: str) -> list[tuple[int, str]]:
    """``(offset, word)`` of the white-space separated words of a span."""
    if span and not _SPACE.search(span):  # one word (the usual case)
        return [(0, span)]
    return [(m.start(), m.group()) for m in _NONSPACE.finditer(span)]


def _sentence_initial(text: str, start: int) -> bool:
    return start == 0 or _ends_sentence(text[max(0, start - 4):start])


@lru_cache(maxsize=4096)
def _ends_sentence(before: str) -> bool:
    """Whether the (up to) four characters before a word end a sentence, a line or open a quotation."""
    return bool(_SENT_START.search(before))


def _name_runs(text: str):
    """``[start, end)`` of capitalised runs, split where a sentence ends inside one ("Channel One. Brannock")."""
    for m in _NAME.finditer(text):
        start, end = m.start(), m.end()
        if "." not in m.group():  # no word ending in a full stop: nothing to split
            yield start, end
            continue
        for w in _NONSPACE.finditer(text[start:end]):
            word = w.group()
            if start + w.end() < end and word.endswith(".") and len(word) > 2 and \
                    word[:-1].lower() not in _titles() and not _DOTTED.fullmatch(word) and \
                    word not in ("St.", "Jr.", "Sr.", "Mt.", "Ft."):
                yield start, m.start() + w.end() - 1
                start = m.start() + w.end()
                start += len(text[start:end]) - len(text[start:end].lstrip())
        if start < end:
            yield start, end


def find_mentions(text: str, targets: Any = None, known: dict[str, str] | None = None,
                  user_table: str | None = None) -> list[Mention]:
    """Every target mention in ``text``, in order, without overlaps.

    ``targets``: the user's targets (only those are found then). ``known``: extra ``{alias: canonical}``
    pairs, e.g. the mentions of the article's sources. ``user_table``: the user's source alias table.
    """
    if not isinstance(text, str) or not text:
        return []
    if targets is not None and normalise_targets(targets):
        return user_mentions(text, targets)
    gaz = dict(_gazetteer(user_table))
    for alias, canon in (known or {}).items():
        if alias and canon:
            gaz.setdefault(alias_key(alias), canon)
    for m in _ACRONYM_DEF.finditer(text) if _ACRONYM_PAREN.search(text) else ():
        long = m.group(1).strip()
        runs = [r for r in _NAME.finditer(long) if r.end() == len(long)]
        if runs:
            long = long[runs[0].start():]
        long = _LEADING_THE.sub("", long)
        gaz.setdefault(alias_key(m.group(2)), gaz.get(alias_key(long), long))
    stop = _not_targets()
    actors = _actor_nouns()
    lower_words = set(_LOWER_WORD.findall(text))
    found: list[Mention] = []
    cache: dict[str, bool] = {}
    full_names: list[tuple[int, str]] = []      # (position, canonical) of multiword names
    titled: list[tuple[int, str, str]] = []     # (position, title, canonical)

    names: list[tuple[int, int]] = []
    seen_inside: dict[str, bool] = {}
    # one pass over the text (not one per word: that would make long articles quadratic): capitalised words
    # seen mid-sentence somewhere, and words right after another capitalised word ("Ana Ruiz": Ruiz)
    mid_words: set[str] = set()
    after_capital: set[str] = set()
    ends_sentence = _ends_sentence
    for o in _CAP_WORD.finditer(text):
        word = o.group()
        if word not in mid_words:
            p = o.start()  # not _sentence_initial(text, p):
            if p and not ends_sentence(text[p - 4 if p > 4 else 0:p]):
                mid_words.add(word)
    after_capital.update(_AFTER_CAP.findall(text))
    titles, first_names = _titles(), _first_names()
    for start, end in _name_runs(text):
        words = _words_at(text[start:end])
        # a sentence-initial common word ("But", "Our", "According") is not part of a name
        while words:
            w0 = words[0][1]
            low = w0.lower()
            if not (low.replace("’", "'").rstrip(".") in stop and w0 != "The" and not w0.isupper()
                    or _sentence_initial(text, start + words[0][0]) and low in lower_words and
                    not (len(words) > 1 and low.rstrip(".") in titles)):
                break
            words = words[1:]
        if not words or (len(words) == 2 and words[0][1] == "The" and words[1][1].lower() in titles):
            continue  # "The President": resolved below like "the president"
        w0 = words[0][1]
        start = start + words[0][0]
        # "Hanna Ruis of the Free Press Observatory": a person, then the body they belong to
        if len(words) > 2:
            of = _OF_THE.search(text[start:end])
            if of and w0.lower() in first_names:
                names.append((start + of.end(), end))
                end = start + of.start()
                words = [w for w in words if w[0] + len(w[1]) <= of.start() + words[0][0]]
            if len(words) >= 3 and all(w[1].isupper() for w in words):
                continue  # an all-capitals headline
        if len(words) == 1 and _sentence_initial(text, start):
            word = w0
            if word not in seen_inside:  # capitalised mid-sentence somewhere, or the surname in a full name
                seen_inside[word] = word in mid_words or word in after_capital
            speaks = bool(_SPEAKS_AFTER.match(text[end:end + 12])) and word.lower() not in lower_words
            if word == "The" or not (seen_inside[word] or speaks):
                if alias_key(word) not in gaz and word.lower() not in actors:
                    continue  # "Several", "Critics": capitalised only because they start a sentence
        if len(words) == 1 and w0.lower().endswith(_ADJECTIVE_END) and \
                _LOWER_AFTER.match(text[end:end + 2]) and \
                not _AFTER_NAME.match(text[end:end + 12]):
            continue  # "Republican leaders", "Democratic nominee": an adjective, not a name
        names.append((start, end))

    # names are disjoint runs: the one holding (or ending just before) a match is found by bisection, so long
    # texts stay linear (the list scans below are only the fallback for overlapping runs)
    order = sorted(names)
    disjoint = all(a[1] <= b[0] for a, b in zip(order, order[1:]))
    n_starts, n_ends = [a for a, _ in order], [b for _, b in order]
    for m in _actor_matches(text) if actors else ():
        noun = m.group(1)
        if disjoint:
            k = bisect.bisect_right(n_starts, m.start()) - 1
            inside = [order[k]] if k >= 0 and m.end() <= order[k][1] else []
        else:
            inside = [(s, e) for s, e in names if s <= m.start() and m.end() <= e]
        if inside and (inside[0][1] - inside[0][0] > len(noun) or not noun.islower() and
                       not _sentence_initial(text, m.start()) and not text[max(0, m.start() - 4):m.start()].endswith("the ")):
            if inside[0][1] - inside[0][0] > len(noun):
                continue  # "Ministry of Infrastructure", "State Prosecution Service": part of a name
        start = m.start()
        if disjoint:
            k = bisect.bisect_left(n_ends, m.start()) - 1
            adjacent = [order[k]] if k >= 0 and _BLANKS.fullmatch(text[order[k][1]:m.start()]) else []
        else:
            adjacent = [(s, e) for s, e in names if e < m.start() and _BLANKS.fullmatch(text[e:m.start()])]
        name = noun.lower()
        adj = text[adjacent[0][0]:adjacent[0][1]] if adjacent else ""
        if adj and " " not in adj and adj.lower() not in stop and not adj.endswith(("'s", "’s")):
            start = adjacent[0][0]
            name = text[start:adjacent[0][1]] + " " + name
        found.append(Mention(start, m.end(), name, "actor"))
    taken = sorted((x.start, x.end) for x in found)
    t_starts, reach = [a for a, _ in taken], []
    for _, b in taken:  # reach[i]: the furthest end among the first i+1 actor mentions
        reach.append(max(b, reach[-1]) if reach else b)

    for start, end in names:
        k = bisect.bisect_left(t_starts, end)  # actor mentions starting before this name ends...
        if k and reach[k - 1] > start:  # ...one of which ends after it starts: they overlap
            continue
        raw = text[start:end]
        alias = alias_key(raw)
        if alias in gaz:
            found.append(Mention(start, end, gaz[alias], "acronym" if raw.isupper() else "alias"))
            continue
        s, e, dropped = _strip_span(text, start, end)
        if dropped and text[s:e].split()[-1].lower() in lower_words:
            s, dropped = start, []  # "Vellmar General Hospital" is no person with a title
        if e <= s:
            continue
        parts = text[s:e].replace("’", "'").split()
        if len(parts) >= 3:  # "Donald J. Trump" -> "Donald Trump"
            parts = [parts[0]] + [p for p in parts[1:-1] if not _INITIAL_RX.fullmatch(p)] + [parts[-1]]
        name = " ".join(parts)
        key = alias_key(name)
        if key in gaz:
            found.append(Mention(start, end, gaz[key], "alias"))
            continue
        low = name.lower()
        if low in stop or len(name) < 2 or low in titles:
            continue
        if name.startswith("The ") and _sentence_initial(text, start) and not _occurs(text, f" {name}", cache):
            name = name[4:]
        found.append(Mention(start, end, name, "name"))
        words = name.split()
        if len(words) > 1 and (words[0].lower() in first_names or dropped or words[-1].lower() not in lower_words):
            full_names.append((start, name))
        if dropped:
            titled.append((start, dropped[-1], name))
    found = _no_overlaps(found)

    # bare surnames -> nearest preceding full name with that surname (else the first following one)
    by_surname: dict[str, list[tuple[int, str]]] = {}
    for p, n in sorted(full_names):
        by_surname.setdefault(n.split()[-1], []).append((p, n))
    resolved: list[Mention] = []
    for men in found:
        if men.kind == "name" and " " not in men.target and men.target in by_surname:
            cands = by_surname[men.target]
            k = bisect.bisect_left(cands, (men.start, ""))
            canon = (cands[k - 1] if k > 0 else cands[0])[1]
            men = men._replace(target=canon, kind="surname")
        resolved.append(men)

    # "the minister" -> nearest preceding person named with that title
    by_title: dict[str, list[tuple[int, str]]] = {}
    for p, t, n in sorted(titled):
        by_title.setdefault(t, []).append((p, n))
    spans = sorted((x.start, x.end) for x in resolved)
    span_starts = [a for a, _b in spans]
    for m in _TITLE_REF.finditer(text) if by_title else ():
        title = ((m.group(1) or "") + m.group(2)).lower()
        prev = by_title.get(title)
        if not prev:
            continue
        k = bisect.bisect_left(prev, (m.start(), ""))
        j = bisect.bisect_left(span_starts, m.end())
        overlaps = j > 0 and spans[j - 1][1] > m.start()
        if k > 0 and not overlaps:
            resolved.append(Mention(m.start(), m.end(), prev[k - 1][1], "title"))

    # pronouns -> nearest preceding person of that gender
    genders: dict[tuple[str, str], str] = {}  # a person named the same way again: the same gender
    people = []
    for men in resolved:
        if men.kind in ("name", "surname", "title"):
            key = (text[men.start:men.end], men.target)
            g = genders.get(key)
            if g is None:
                g = genders[key] = _gender_of(text, men)
            people.append((men.start, men.target, g))
    people.sort()
    starts = [p for p, _, _ in people]
    for m in _PRONOUN.finditer(text):
        gender = "m" if m.group(1).lower() in ("he", "him", "his") else "f"
        k = bisect.bisect_left(starts, m.start())
        for _p, name, g in reversed(people[max(0, k - 3):k]):
            if g == gender:
                resolved.append(Mention(m.start(), m.end(), name, "pronoun"))
                break
            if g:  # the nearest gendered person is of the other gender: leave it
                break
    return sorted(resolved, key=lambda x: x.start)


def _occurs(text: str, needle: str, cache: dict[str, bool]) -> bool:
    if needle not in cache:
        cache[needle] = needle in text
    return cache[needle]


def _gender_of(text: str, men: Mention) -> str:
    words = text[men.start:men.end].replace("’", "'").split()
    tit = _titles()
    for w in words:
        g = tit.get(w.lower(), ("", ""))[0]
        if g:
            return g
    first = men.target.split()[0].lower() if men.target else ""
    return _first_names().get(first, "") if " " in men.target else ""
