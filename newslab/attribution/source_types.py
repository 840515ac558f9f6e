"""What kind of source a mention names: person, official, state_media, media, ngo, international_org,
company, expert, document, anonymous, party (a political party or its members as a bloc: "Republicans",
"the Labour Party") or group (a named organisation or group of unknown kind: an unknown acronym, "Evangelicals").

Evidence, strongest first: the user's alias table, the shipped gazetteer (``lexicons/source_types.csv``),
anonymous-source phrases (``lexicons/anonymous.csv``), titles (``lexicons/titles.csv``) and descriptor
words (``lexicons/source_type_words.csv``), then the shape of the name.

>>> classify("the state-run broadcaster", "Channel One")
'state_media'
>>> classify("", "a ministry spokesman")
'official'
"""

from __future__ import annotations

import re
from functools import lru_cache

from newslab.core.lexicon import read_table
from newslab.errors import LexiconError

__all__ = ["SOURCE_TYPES", "classify", "gazetteer", "source_type_words", "titles", "first_names",
           "anonymous_heads", "anonymous_phrases"]

SOURCE_TYPES = ("person", "official", "state_media", "media", "ngo", "international_org", "company", "expert",
                "document", "anonymous", "party", "group")
#: types that say what a body is, given only by the mention's own head word ("the Republican Party"), never
#: by a descriptor: "Republican party boss Reince Priebus" is a person, not a party
_HEAD_ONLY_TYPES = frozenset(["party", "group"])
_WORD = re.compile(r"[\w.'\u2019-]+")


def alias_key(alias: str) -> str:
    """The one name normaliser for looking names up in word lists (the source gazetteer, stance targets, a
    workshop's answers): lower case, one space, straight apostrophes, no leading "the".

    >>> alias_key("The  Kremlin’s  Press Office")
    "kremlin's press office"
    """
    a = " ".join(alias.replace("\u2019", "'").lower().split())
    return a[4:] if a.startswith("the ") else a


@lru_cache(maxsize=8)
def gazetteer(user_table: str | None = None) -> dict[str, tuple[str, str]]:
    """``{normalised alias: (canonical source, source_type)}``; the user's rows win over shipped ones."""
    out: dict[str, tuple[str, str]] = {}
    for name in ("source_types.csv",) + ((user_table,) if user_table else ()):
        table = read_table(name, required=("alias", "source", "source_type"))
        for alias, source, stype in zip(table["alias"], table["source"], table["source_type"]):
            stype = stype.strip().lower()
            if stype and stype not in SOURCE_TYPES:
                raise LexiconError(f"{name}: source_type {stype!r} for {alias!r} is not one of "
                                   f"{', '.join(SOURCE_TYPES)}")
            if alias.strip():
                out[alias_key(alias)] = (source.strip() or alias.strip(), stype)
            if source.strip() and alias_key(source) not in out:
                out[alias_key(source)] = (source.strip(), stype)
    return out


@lru_cache(maxsize=1)
def source_type_words() -> dict[str, tuple[str, int]]:
    """``{word: (source_type, priority)}`` from ``lexicons/source_type_words.csv``."""
    table = read_table("source_type_words.csv", required=("word", "source_type"))
    pr = table["priority"] if "priority" in table.columns else ["1"] * len(table)
    return {w.strip().lower(): (t.strip(), int(p or 1)) for w, t, p in zip(table["word"], table["source_type"], pr)}


@lru_cache(maxsize=1)
def titles() -> dict[str, tuple[str, str]]:
    """``{title word, lower case, with and without period: (gender, source_type)}``."""
    table = read_table("titles.csv", required=("title", "gender", "source_type"))
    out = {}
    for t, g, s in zip(table["title"], table["gender"], table["source_type"]):
        t = t.strip().lower()
        for key in {t, t.rstrip("."), t.rstrip(".") + "."}:
            if " " not in key and key != ".":
                out[key] = (g.strip(), s.strip())
        out[t] = (g.strip(), s.strip())
    return out


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """``{first name, lower case: 'm' | 'f'}``."""
    table = read_table("first_names.csv", required=("name", "gender"))
    return {n.strip().lower(): g.strip() for n, g in zip(table["name"], table["gender"])}


@lru_cache(maxsize=1)
def _anonymous() -> tuple[dict[str, str], tuple[str, ...]]:
    table = read_table("anonymous.csv", required=("head", "source"))
    heads = {h.strip().lower(): s.strip() for h, s in zip(table["head"], table["source"]) if h.strip() != "*"}
    phrases = tuple(s.strip().lower() for h, s in zip(table["head"], table["source"]) if h.strip() == "*")
    return heads, phrases


def anonymous_heads() -> dict[str, str]:
    """``{head noun: readable source}`` for unnamed sources ("official" -> "anonymous official")."""
    return _anonymous()[0]


def anonymous_phrases() -> tuple[str, ...]:
    """Phrases that mark a sentence's source as unnamed ("on condition of anonymity")."""
    return _anonymous()[1]


def classify(descriptor: str, mention: str, user_table: str | None = None) -> str:
    """The source type of a mention with its descriptor (gazetteer, titles, descriptor words, name shape)."""
    gaz = gazetteer(user_table)
    hit = gaz.get(alias_key(mention))
    if hit and hit[1]:
        return hit[1]
    words = [w.lower().rstrip(",") for w in _WORD.findall(f"{descriptor} {mention}")]
    head = words[-1] if words and mention.strip() else ""
    words += [f"{a} {b}" for a, b in zip(words, words[1:])]  # two-word entries: "state broadcaster"
    best, best_p = "", 0
    words_set = set(words)
    for w in words:
        if w in source_type_words():
            t, p = source_type_words()[w]
            if t in _HEAD_ONLY_TYPES and w != head:
                continue
            if p > best_p:
                best, best_p = t, p
    if "united" in words_set and "nations" in words_set:
        return "international_org"
    tit = titles()
    for w in words:
        if w in tit and tit[w][1] and tit[w][1] != "person":
            if best_p <= 2:
                return tit[w][1]
    if best:
        return best
    for w in words:
        if w in tit and tit[w][1]:
            return tit[w][1]
    if re.match(r"The\s+[A-Z]", mention):
        return "media"  # "The Lantern", "The Daily Courier": a title with an article names a publication
    return "person"
