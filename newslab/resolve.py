"""From the words that name a source (the mention) to one canonical source name and its type.

Rules, in order: anonymous sources ("a senior official" -> "anonymous official"); pronouns ("he", "she",
"they", "who") to the nearest compatible preceding named source; a bare surname to the nearest preceding
full name with that surname; an acronym to its expansion defined in the text ("Committee to Protect
Journalists (CPJ)") or in the gazetteer; "the report", "the ministry", "the investigation" to the source
whose work it names; finally the user's alias table and the shipped gazetteer map aliases to canonical names.

>>> from newslab.attribution import attribute_text
>>> text = "Ana Varga met Tomas Varga. Varga said no. She said yes."
>>> found = attribute_text(text)
>>> resolve_article(text, found)
>>> [a.source for a in found]
['Tomas Varga', 'Ana Varga']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newslab.source_types import (
    anonymous_heads,
    anonymous_phrases,
    classify,
    first_names,
    gazetteer,
    titles,
)

__all__ = ["resolve_article", "canonical_name"]

_NAME_WORD = r"(?:[A-Z][\w'\u2019\u2010-]*\.?|[A-Z]\.)"
_NAMES = re.compile(rf"\b{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?|for\s+|de\s+|van\s+|von\s+|al-)?{_NAME_WORD})*")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|to|and|on|the|in)\s+)*){1,8})\(([A-Z][A-Za-z.&]{1,9})\)")
_WORK = re.compile(r"\b(report|investigation|study|survey|poll|article|statement|analysis|audit|probe|"
                   r"story|letter|memo|review|ruling|findings)\s+(?:by|from|of)\s+((?:the\s+)?" + _NAME_WORD +
                   r"(?:\s+" + _NAME_WORD + r")*)")
_WORK_POSS = re.compile(r"(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")*)['\u2019]s?\s+(?:\w+\s+)?"
                        r"(report|investigation|study|survey|poll|article|statement|analysis|audit|probe|story|"
                        r"letter|memo|review|ruling|findings)\b")
_INDEFINITE = frozenset("a an one two three four five six several some other many few senior another "
                        "multiple numerous various".split())
_DET = frozenset("the a an this that these those its his her their".split())
_PLURAL_PRON = frozenset(["they", "them", "their", "we"])
_FUNC_START = frozenset("The A An But And Or So If When While As After Before Because In On At For With By "
                        "From To Of It He She They We I You His Her Their This That These Those There Here "
                        "What Which Who How Why Where Also Even Just Only Not No Yes According".split())


@dataclass
class _Entity:
    name: str
    stype: str
    gender: str  # m, f or ''
    plural: bool
    pos: int


def canonical_name(mention: str) -> str:
    """A mention without leading titles, determiners or a trailing possessive.

    >>> canonical_name("Sen. Elizabeth Warren's")
    'Elizabeth Warren'
    """
    words = mention.replace("\u2019", "'").split()
    tit = titles()
    while len(words) > 1 and (words[0].lower() in tit or words[0].lower() in _DET):
        words = words[1:]
    # "Prime Minister" style two-word titles
    while len(words) > 1 and words[0].lower() in ("prime", "vice", "attorney", "house", "foreign",
                                                  "deputy", "interior", "defense", "defence", "finance",
                                                  "health", "infrastructure", "former", "acting") and \
            words[1].lower() in tit:
        words = words[2:] if len(words) > 2 else words[1:]
    while len(words) > 1 and words[0].lower() in tit:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'"):
        words[-1] = words[-1][:-1]
    return " ".join(words).strip(" ,.;:")


def _gender(mention: str) -> str:
    words = mention.replace("\u2019", "'").split()
    tit = titles()
    for w in words:
        lw = w.lower()
        if lw in tit and tit[lw][0]:
            return tit[lw][0]
    fn = first_names()
    for w in words:
        if w.lower() in fn:
            return fn[w.lower()]
        if w.lower() not in tit:
            break
    return ""


def _is_name(s: str) -> bool:
    return bool(s) and s[0].isupper()


def resolve_article(text: str, found: list, user_table: str | None = None) -> None:
    """Fill ``source`` and ``source_type`` of every attribution of one article (in place)."""
    gaz = gazetteer(user_table)
    names = [(m.start(), m.group()) for m in _NAMES.finditer(text)]
    name_pos = [p for p, _ in names]
    acronyms = {}
    for m in _ACRONYM_DEF.finditer(text):
        exp = " ".join(m.group(1).split())
        words = exp.split()
        letters = m.group(2).replace(".", "")
        # keep the last words whose initials spell the acronym, if they do
        for k in range(len(words)):
            cand = [w for w in words[k:] if w[0].isupper()]
            if "".join(w[0] for w in cand).upper() == letters.upper():
                exp = " ".join(words[k:])
                break
        acronyms[m.group(2)] = exp
    works = [(m.start(), m.group(1).lower(), canonical_name(m.group(2))) for m in _WORK.finditer(text)]
    works += [(m.start(), m.group(2).lower(), canonical_name(m.group(1))) for m in _WORK_POSS.finditer(text)]
    works.sort()
    entities: list[_Entity] = []
    anon_heads = anonymous_heads()
    anon_phr = anonymous_phrases()

    def lookup(name: str) -> tuple[str, str]:
        hit = gaz.get(" ".join(name.lower().split()).removeprefix("the "))
        return hit if hit else ("", "")

    def full_name_before(surname: str, pos: int) -> str:
        """Nearest preceding multiword name ending with ``surname``."""
        k = bisect.bisect_left(name_pos, pos) - 1
        while k >= 0 and pos - names[k][0] < 20000:
            cand = canonical_name(names[k][1])
            parts = cand.split()
            if len(parts) >= 2 and parts[-1] == surname and parts[0] not in _FUNC_START:
                return cand
            k -= 1
        # entities seen as sources
        for ent in reversed(entities):
            if ent.name.split()[-1:] == [surname] and len(ent.name.split()) >= 2:
                return ent.name
        return ""

    for att in found:
        if att.mention_start < 0:
            att.source, att.source_type = "", ""
            continue
        mention = text[att.mention_start:att.mention_end]
        low_words = mention.lower().replace("\u2019", "'").split()
        head = low_words[-1].rstrip(",") if low_words else ""
        window = text[att.mention_start:min(len(text), att.mention_end + 160)].lower()
        source, stype = "", ""
        # 1. anonymous
        if head in anon_heads and not any(w[:1].isupper() for w in mention.split()[1:] if w.lower() not in ("white", "house")) \
                and (low_words[0] in _INDEFINITE or len(low_words) <= 2 and head.endswith("s")
                     or any(p in window for p in anon_phr)):
            source, stype = anon_heads[head], "anonymous"
        elif head in anon_heads and low_words[0] in _INDEFINITE:
            source, stype = anon_heads[head], "anonymous"
        # 2. pronouns and relative pronouns
        elif head in ("who", "which", "that"):
            before = text[max(0, att.mention_start - 120):att.mention_start].rstrip(" ,")
            m = re.search(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})*)\W*$", before)
            if m:
                source = _resolve_name(canonical_name(m.group(1)), m.start() + att.mention_start - 120,
                                       full_name_before, acronyms, lookup)
            else:
                w = re.search(r"(\w+)\W*$", before)
                source = w.group(1) if w else ""
            stype = lookup(source)[1] or classify(att.descriptor, source, user_table)
        elif head in ("he", "she", "him", "her", "his", "they", "them", "their", "it", "its", "we", "i"):
            ent = _antecedent(head, entities)
            if ent is not None:
                source, stype = ent.name, ent.stype
            else:
                source, stype = "", "person" if head in ("he", "she", "i") else ""
        # 3. names
        elif _is_name(mention) and mention[0].isupper() and low_words[0] not in _DET or \
                (low_words[0] in _DET and len(mention.split()) > 1 and mention.split()[1][:1].isupper()
                 and mention.split()[-1][:1].isupper()):
            name = canonical_name(mention)
            source = _resolve_name(name, att.mention_start, full_name_before, acronyms, lookup)
            hit = lookup(source) if source else ("", "")
            stype = hit[1] or lookup(name)[1] or classify(att.descriptor, mention, user_table)
        # 4. common nouns: "the report", "officials", "the ministry"
        else:
            name = canonical_name(mention)
            ref = ""
            if low_words and low_words[0] in ("the", "this", "that", "its"):
                k = bisect.bisect_left(works, (att.mention_start,)) - 1
                while k >= 0:
                    if works[k][1] == head:
                        ref = works[k][2]
                        break
                    k -= 1
                if not ref:
                    for ent in reversed(entities):
                        if head in ent.name.lower().split():
                            ref = ent.name
                            break
            hit = lookup(name)
            source = ref or hit[0] or name
            stype = lookup(source)[1] or classify(att.descriptor, mention, user_table)
            if ref and stype == "document":
                stype = classify("", ref, user_table)
        att.source = source
        att.source_type = stype or "person"
        if source and stype != "anonymous" and head not in ("he", "she", "they", "it", "who", "i", "we"):
            gender = _gender(mention)
            if not gender:
                gender = next((e.gender for e in reversed(entities) if e.name == source and e.gender), "")
            entities.append(_Entity(source, att.source_type, gender,
                                    head.endswith("s") and not _is_name(mention) or head in _PLURAL_PRON,
                                    att.mention_start))


def _resolve_name(name: str, pos: int, full_name_before, acronyms: dict, lookup) -> str:
    if not name:
        return name
    hit = lookup(name)
    if hit[0]:
        return hit[0]
    if name in acronyms:
        exp = acronyms[name]
        return lookup(exp)[0] or exp
    parts = name.split()
    if len(parts) == 1 and not name.isupper():
        full = full_name_before(name, pos)
        if full:
            return lookup(full)[0] or full
    return name


def _antecedent(pron: str, entities: list[_Entity]) -> _Entity | None:
    people = ("person", "official", "expert")
    for ent in reversed(entities):
        if pron in ("he", "him", "his"):
            if ent.stype in people and not ent.plural and ent.gender in ("m", ""):
                return ent
        elif pron in ("she", "her"):
            if ent.stype in people and not ent.plural and ent.gender in ("f", ""):
                return ent
        elif pron in ("it", "its"):
            if ent.stype not in people or ent.stype == "official" and len(ent.name.split()) > 1 and \
                    ent.gender == "" and not any(w[0].isupper() for w in ent.name.split()[:1]):
                return ent
            if ent.stype not in ("person", "expert") and ent.gender == "":
                return ent
        elif pron in ("i",):
            return ent
        else:  # they, we
            if ent.plural or ent.stype not in people:
                return ent
    return None
