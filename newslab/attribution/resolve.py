"""From the words that name a source (the mention) to one canonical source name and its type.

Rules, in order: anonymous sources ("a senior official" -> "anonymous official"); pronouns ("he", "she",
"they", "who") to the nearest compatible preceding named source; a bare surname to the nearest preceding
full name with that surname (two people may share one: the nearest wins); an acronym to its expansion
defined in the text ("Committee to Protect Journalists (CPJ)") or in the gazetteer; "the report", "the
ministry", "the minister" to the source whose work or title it names; finally the user's alias table and the
shipped gazetteer map aliases to canonical names.

>>> from newslab.attribution.sources import attribute_text
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
from functools import lru_cache

from newslab.attribution.names import calendar_words, clean_name, is_common_word, opens_sentence, places
from newslab.attribution.source_types import (
    anonymous_heads,
    anonymous_phrases,
    classify,
    first_names,
    gazetteer,
    source_type_words,
    titles,
)
from newslab.core.lexicon import read_lines

__all__ = ["resolve_article", "canonical_name"]

_NAME_WORD = r"(?:[A-Z][\w'\u2019\u2010-]*|[A-Z]\.)"
# the first word's capital comes before its word-boundary test, written as a look-behind: the regex engine then
# jumps from capital to capital (same matches as "\b" + _NAME_WORD)
_NAMES = re.compile(rf"[A-Z](?<!\w[A-Z])(?:[\w'\u2019\u2010-]*|\.)"
                    rf"(?:\s+(?:(?:of|for|de|van|von)\s+(?:the\s+)?)?{_NAME_WORD})*")
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|to|and|on|the|in)\s+)*){1,8})\(([A-Z][A-Za-z.&]{1,9})\)")
_ACRONYM = re.compile(r"\([A-Z][A-Za-z.&]{1,9}\)")  # no "(CPJ)" in a text: no acronym definition to look for
_WORKS = "|".join(read_lines("work_nouns.txt"))  # a regular-expression alternation
_WORK_HEADS = frozenset(_WORKS.split("|"))  # set membership: "view" must not match inside "review"
# heads of "the X" back-references besides titles, descriptors and source-type words ("the state said")
_REFERENT_HEADS = _WORK_HEADS | frozenset("state record document finding".split())
_WORK = re.compile(rf"(?=[{''.join(sorted({w[:1] for w in _WORK_HEADS}))}])\b({_WORKS})\s+(?:by|from|of)\s+((?:the\s+|The\s+)?{_NAME_WORD}(?:\s+(?:of\s+)?{_NAME_WORD})*)")
_WORK_POSS = re.compile(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})*)['\u2019]s?\s+(?:\w+\s+)?({_WORKS})\b")
_PERSON_OF = re.compile(r"(.+?)\s+(?:of|at|for|from|in|with)\s+(?:the\s+)?(.+)$")  # "Hanna Ruis of the X"
_WORK_BY = re.compile(rf"(.*\b(?:{_WORKS}))\s+by\s+(?:the\s+)?(.+)$")  # "a report by the X"
_CLAUSE_BREAK = re.compile(r"[,.;:()\"\u201c\u201d]")
_POSS_WORK = re.compile(rf"['\u2019]s?\s+(?:\w+\s+)?(?:{_WORKS})\b")  # _WORK_POSS's tail: a quick test first
_INDEFINITE = frozenset(read_lines("indefinite_words.txt"))
_QUANTIFIER_SOURCES = frozenset("some many others most several few another each".split())
_NAME_PARTICLES = frozenset(read_lines("name_particles.txt"))
_DET = frozenset(read_lines("name_determiners.txt"))
_PLURAL_PRON = frozenset(["they", "them", "their", "we"])
_PRONOUNS = frozenset(read_lines("pronouns.txt"))
_OWNER_HEADS = frozenset("office campaign team staff aides press".split())
_POSSESSIVE_PRONOUNS = frozenset("his her their its".split())
_SPEAKS_FOR = frozenset("spokesman spokeswoman spokesperson spokespeople representative representatives".split())
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019']?\s|\n")
_FUNC_START = frozenset(read_lines("capitalised_starters.txt"))
_TWO_WORD_TITLE_LEAD = frozenset(read_lines("title_leads.txt"))
# "the Ministry of Defence", "University of Texas": one body's name, not "a person of a body"
_BODY_OF = re.compile(rf"\b(?:{'|'.join(read_lines('body_of_words.txt'))})$")
_PERSON_TYPES = ("person", "official", "expert")
_LOOKBACK = 150  # names / sources looked back over (keeps very long texts linear)
_NEARBY = 600  # characters back to a recent speaker for an unresolved "the candidate"


@dataclass
class _Entity:
    name: str
    stype: str
    gender: str  # m, f or ''
    plural: bool
    pos: int
    words: frozenset  # lower-case words of its mentions and descriptors ("minister", "editor", "company")


_LOWER_WORD = re.compile(r"\b[a-z]+\b")


@lru_cache(maxsize=1)
def _back_references() -> dict[str, frozenset]:
    """``{"roles", "works", "bodies": words}`` from ``lexicons/back_references.txt`` (works include _WORK_HEADS)."""
    out: dict[str, set] = {"roles": set(), "works": set(_WORK_HEADS), "bodies": set()}
    section = ""
    for line in read_lines("back_references.txt"):
        if line.startswith("["):
            section = line.strip("[]")
        elif section in out:
            out[section].add(line.lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _descriptors() -> frozenset:
    return frozenset(w.lower() for w in read_lines("descriptors.txt"))


@lru_cache(maxsize=65536)
def canonical_name(mention: str) -> str:
    """A mention without leading titles, descriptors, determiners or a trailing possessive.

    >>> canonical_name("Sen. Elizabeth Warren's")
    'Elizabeth Warren'
    >>> canonical_name("Opposition MP Tomas Varga")
    'Tomas Varga'
    >>> canonical_name("the Ministry of Health")
    'Ministry of Health'
    """
    words = mention.replace("\u2019", "'").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1].endswith("'"):
        words[-1] = words[-1][:-1]
    words = [w.strip(",;:") for w in words if w.strip(",;:")]
    for n in range(1, len(words) - 1):
        if words[n + 1].lower() == "by" and (words[n].endswith("ed") or words[n] in ("seen", "written", "shown")):
            words = words[:n]
            break
    tit = titles()
    types = source_type_words()
    desc = _descriptors()
    org = any(w.lower() in ("of", "for") for w in words) or (
        words and words[-1].lower() in types and types[words[-1].lower()][0] not in _PERSON_TYPES)
    caps_from = next((n for n in range(len(words)) if all(
        x[:1].isupper() or x.lower() in ("of", "for", "the", "and", "&") for x in words[n:])), len(words))
    if 0 < caps_from < len(words) and all(x[:1].islower() for x in words[:caps_from]):
        words = words[caps_from:]  # "state-run Valdorian News Agency" -> "Valdorian News Agency"
    for n in range(len(words) - 2, 0, -1):
        w = words[n].lower()
        if w[:1].isalpha() and words[n][:1].islower() and w not in _NAME_PARTICLES | {"of", "for", "and", "the"} \
                and all(x[:1].isupper() for x in words[n + 1:]) and \
                any(x[:1].islower() and (x.lower() in tit or x.lower() in desc or x.lower() in types)
                    for x in words[:n + 1]):
            # "FPO director Hanna Ruis", "Trump campaign manager Corey Lewandowski": the name after the role
            words = words[n + 1:]
            break
    while len(words) > 1:
        w = words[0].lower()
        nxt = words[1]
        if w in _DET or w in ("'s",):
            words = words[1:]
        elif w in tit and (nxt[:1].isupper() or nxt.lower() in tit):
            words = words[1:]
        elif w in _TWO_WORD_TITLE_LEAD and nxt.lower() in tit:
            words = words[1:]
        elif not org and (w in desc or w in types and types[w][0] in _PERSON_TYPES) and w not in first_names() \
                and any(x[:1].isupper() for x in words[1:]):
            words = words[1:]
        else:
            break
    words = _after_role(words)
    return " ".join(words).strip(" ,.;:")


def _name_after_title_of(mention: str) -> str:
    """'Secretary of State John Kerry', 'Former Minister of Health Ana Ruiz': a capitalised title "of" a body
    and then a person's name; the name alone ("" when the mention is not of that shape).

    >>> _name_after_title_of("Secretary of State John Kerry"), _name_after_title_of("Ministry of Health")
    ('John Kerry', '')
    """
    words = mention.split()
    if "of" not in words[1:-2] or not all(w[:1].isupper() or w in ("of", "the") for w in words):
        return ""
    k = words.index("of")
    if words[k - 1].lower() not in titles():
        return ""
    tail = [w for w in words[k + 1:] if w != "the"]
    name = _after_role(tail)
    return " ".join(name) if 2 <= len(name) < len(tail) else ""


def _after_role(words: list[str]) -> list[str]:
    """'Superintendent Jane Roe', 'Acme Workers Union President John Doe': capitalised role or affiliation
    words before a known first name and a surname are not part of the name."""
    from newslab.attribution.gender import first_name_gender

    if not all(w[:1].isupper() or w in _NAME_PARTICLES for w in words):
        return words
    types = source_type_words()
    if types.get(words[-1].lower(), ("person",))[0] not in _PERSON_TYPES:
        return words  # "New York Times", "Democratic Party": a body, not a role before a name
    for n in range(len(words) - 2, 0, -1):  # the last first name: "New York Mayor Bill de Blasio"
        if first_name_gender(words[n]) and not first_name_gender(words[n - 1]) and \
                words[n - 1].lower() not in _NAME_PARTICLES and \
                (not words[n - 1].endswith(".") or (len(words[n - 1]) > 2 and words[n - 1].lower() in titles())) and \
                f"{words[n - 1]} {words[n]}".lower() not in places():  # "New York" is no role and first name
            return words[n:]
    return words


def _not_a_person(name: str) -> str:
    """The type of a name typed person by default that is no person: a country, capital or US state
    speaking is its government (``official``: "Norway has acknowledged", "Washington said"); an unknown
    acronym ("ACLU" when the gazetteer does not know it) and a capitalised plural whose singular is an
    English word and no first name ("Evangelicals") are a ``group`` (parties such as "Republicans" are in
    the gazetteer as ``party``).

    >>> [_not_a_person(n) for n in ("Norway", "ACLU", "Evangelicals", "Sanders", "Jo Reed")]
    ['official', 'group', 'group', '', '']
    """
    from newslab.attribution.gender import first_name_gender

    words = name.split()
    if not words:
        return ""
    if name.lower() in places():
        return "official"
    if len(words) == 1 and name.isupper() and 2 <= len(name.replace(".", "").replace("&", "")) <= 6:
        return "group"
    if len(words) == 1 and name.endswith("s") and len(name) > 4 and name[:1].isupper():
        single = name[:-1].lower()
        if not first_name_gender(single) and is_common_word(single, 3.5):
            return "group"
    return ""


@lru_cache(maxsize=65536)
def _gender(mention: str) -> str:
    """'m', 'f' or '' from a mention's title or first name (the shipped lexicons: the same answer for the
    same words, so memoised)."""
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
    return ""


def _words(*texts: str) -> frozenset:
    return frozenset(map(_WORD_KEYS.__getitem__, " ".join(texts).split()))


def _word_key(w: str) -> str:
    return w.strip(",.;:'\u2019").lower().removesuffix("'s").removesuffix("\u2019s")


class _WordKeys(dict):
    """``{word: _word_key(word)}``, filled as words come (a dict look-up is cheaper than a memoising wrapper
    for the ~10 words of every name context); emptied when it grows past 200,000 words."""

    def __missing__(self, w: str) -> str:
        if len(self) >= 200_000:
            self.clear()
        key = self[w] = _word_key(w)
        return key


_WORD_KEYS = _WordKeys()


#: positions right after a capitalised "The " in mid-sentence ("editor of The Lantern")
_AFTER_THE = re.compile(r"(?<=[a-z,;:] The )")


_AFTER_THE_LEADS = frozenset("abcdefghijklmnopqrstuvwxyz,;:")


def _after_the(text: str) -> list[int]:
    """The positions of ``_AFTER_THE`` in ``text``, found with ``str.find`` (a look-behind-only pattern makes
    the engine test every position).

    >>> _after_the("editor of The Lantern; The Blaze. The end")
    [14, 27]
    """
    out = []
    i = text.find(" The ", 1)
    while i >= 0:
        if text[i - 1] in _AFTER_THE_LEADS:
            out.append(i + 5)
        i = text.find(" The ", i + 1)
    return out


_WORK_TAILS = tuple(sorted(_WORK_HEADS))
_WORK_LINKS = frozenset(["by", "from", "of"])


def _work_matches(text: str, tokens=None) -> list[re.Match]:
    """``list(_WORK.finditer(text))``; with the article's ``tokens`` (an ``ArticleTokens``), ``_WORK`` is only
    tried where a token ending with a work noun is followed, after white space, by a "by", "from" or "of"
    token: a work noun followed by white space always ends a token (its letters never split, and a token
    never holds white space), and what follows the space is then a token of its own."""
    if tokens is None or not all(w.isascii() and w.isalpha() and w.islower() for w in _WORK_TAILS):
        return list(_WORK.finditer(text))
    low, starts, ends = tokens.low, tokens.starts, tokens.ends
    where = []
    for k in tokens.positions(_WORK_LINKS):
        if k and starts[k] > ends[k - 1] and low[k - 1].endswith(_WORK_TAILS):
            where += [ends[k - 1] - len(w) for w in _WORK_TAILS if low[k - 1].endswith(w)]
    out: list[re.Match] = []
    end = 0
    for p in sorted(set(where)):
        if p >= end:
            m = _WORK.match(text, p)
            if m:
                out.append(m)
                end = m.end()
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _boundary(text: str, q: int) -> bool:
    """Whether ``\\b`` holds at offset ``q`` of ``text`` (a word character on one side only).

    >>> _boundary("The Lantern said", 11), _boundary("The Lanterns", 11)
    (True, False)
    """
    return (q > 0 and _is_word(text[q - 1])) != (q < len(text) and _is_word(text[q]))


class _Resolver:
    """Per-article state: names seen in the text, acronyms, works ("report by X"), entities so far."""

    def __init__(self, text: str, user_table: str | None, cues: str | None = None, tokens=None):
        self.text = text
        self.user_table = user_table
        self.cues = cues
        self.gaz = gazetteer(user_table)
        self.names = []
        calendar = calendar_words()
        for m in _NAMES.finditer(text):  # without the words that are not names: "Does Rubio", "Quiet Perez"
            s, name = m.start(), m.group()
            # clean_name keeps a name that neither opens a sentence nor starts with a date word as it is
            if opens_sentence(text, s) or name.split(None, 1)[0].lower() in calendar:
                s, name = clean_name(text, s, name)
            if name:
                self.names.append((s, m.end(), name))
        self.name_pos = [p for p, _, _ in self.names]
        self.acronyms = {}
        for m in _ACRONYM_DEF.finditer(text) if _ACRONYM.search(text) else ():
            words = " ".join(m.group(1).split()).split()
            letters = m.group(2).replace(".", "").upper()
            exp = " ".join(words)
            for k in range(len(words)):
                caps = [w for w in words[k:] if w[0].isupper()]
                if "".join(w[0] for w in caps).upper() == letters:
                    exp = " ".join(words[k:])
                    break
            self.acronyms[m.group(2)] = canonical_name(exp)
        works = [(m.start(), m.group(1).lower(), canonical_name(m.group(2))) for m in _work_matches(text, tokens)]
        if _POSS_WORK.search(text):  # "Cheung's statement": few texts have one, so a quick test first
            works += [(m.start(), m.group(2).lower(), canonical_name(m.group(1))) for m in _WORK_POSS.finditer(text)]
        self.works = sorted(works)
        self.entities: list[_Entity] = []
        self._contexts: dict[int, frozenset] = {}  # name_context memo: look-backs revisit the same names
        self._after_the: list[int] | None = None  # where a word follows "[a-z,;:] The " (see with_the)
        self._with_the: dict[str, bool] = {}
        self._plain: dict[bool, list] = {}  # see _plain_names
        self._lower_text: str | None = None  # see near_name

    # -- lookups ------------------------------------------------------------------------------------
    def lookup(self, name: str) -> tuple[str, str]:
        hit = self.gaz.get(" ".join(name.replace("\u2019", "'").lower().split()).removeprefix("the "))
        return hit if hit else ("", "")

    def with_the(self, name: str) -> str:
        """'Lantern' -> 'The Lantern' when the text writes it with a capital 'The' mid-sentence."""
        if " " in name:
            return name
        found = self._with_the.get(name)
        if found is None:  # once per name, and only where "The " follows [a-z,;:] (linear in the text)
            if self._after_the is None:
                self._after_the = _after_the(self.text)
            text, q = self.text, len(name)  # rx.match(text, p) for rx = re.compile(rf"{re.escape(name)}\b"),
            found = self._with_the[name] = any(  # without compiling a pattern per name
                text.startswith(name, p) and _boundary(text, p + q) for p in self._after_the)
        return f"The {name}" if found else name

    def name_context(self, k: int) -> frozenset:
        """Words naming what the k-th name is: its own words, the title words right before it
        ("infrastructure minister Elena Varga"), an appositive after it ("Brannock, the company ...")."""
        ctx = self._contexts.get(k)
        if ctx is None:
            ctx = self._contexts[k] = self._name_context(k)
        return ctx

    def near_name(self, k: int, head: str) -> bool:
        """False when ``head`` cannot be in ``name_context(k)``: its words come from the 40 characters before
        the k-th name to the 80 after it, lower-cased (a substring test; True for a text that is not ASCII,
        whose lower case as a whole may not hold its words' lower case)."""
        if self._lower_text is None:
            self._lower_text = self.text.lower() if self.text.isascii() else ""
        if not self._lower_text:
            return True
        s, e, _ = self.names[k]
        return head in self._lower_text[max(0, s - 40):e + 80]

    def _name_context(self, k: int) -> frozenset:
        s, e, name = self.names[k]
        if name.split()[-1].lower() in calendar_words():
            return frozenset()
        before = _CLAUSE_BREAK.split(self.text[max(0, s - 40):s])[-1].split()[-3:]
        after = self.text[e:e + 80]
        app = after[2:].split(",")[0] if after.startswith(", ") else ""
        nxt = after.split(None, 1)[0].lower() if after[:1] == " " and after.strip() else ""
        owned = nxt if nxt in _OWNER_HEADS else ""  # "the Rubio campaign": the campaign is Rubio's
        return _words(name, " ".join(before), " ".join(app.split()[:6]), owned)

    def full_name_before(self, surname: str, pos: int, any_case: bool = False) -> str:
        """Nearest preceding multiword name ending with ``surname`` (the nearest wins, never the first);
        ``any_case``: "TRUMP" matches "Donald Trump"."""
        fold = str.lower if any_case else str
        surname = fold(surname)
        k = bisect.bisect_left(self.name_pos, pos) - 1
        stop = max(-1, k - _LOOKBACK)
        # canonical_name only drops words and characters at word ends (and writes \u2019 as '), so a name
        # whose text does not hold the surname cannot end with it: a substring test first
        plain = self._plain_names(any_case)
        while k > stop:
            if plain[k] is None or surname in plain[k]:
                cand = canonical_name(self.names[k][2])
                parts = cand.split()
                if len(parts) >= 2 and fold(parts[-1]) == surname and parts[0] not in _FUNC_START and \
                        not (any_case and cand.isupper()):
                    return cand
            k -= 1
        for ent in reversed(self.entities[-_LOOKBACK:]):
            if [fold(w) for w in ent.name.split()[-1:]] == [surname] and len(ent.name.split()) >= 2:
                return ent.name
        return ""

    def _plain_names(self, any_case: bool) -> list[str | None]:
        """The names' texts with \u2019 written ' (any_case: in lower case, and None for a name that is not
        ASCII: the lower case of a whole may not hold the lower case of its parts, so it is never skipped)."""
        plain = self._plain.get(any_case)
        if plain is None:
            plain = [name.replace("\u2019", "'") for _, _, name in self.names]
            if any_case:
                plain = [p.lower() if p.isascii() else None for p in plain]
            self._plain[any_case] = plain
        return plain

    def referent(self, head: str, pos: int) -> str:
        """'the report' / 'the minister' / 'the company': the nearest preceding source it names."""
        best_pos, best = -1, ""
        for ent in reversed(self.entities[-_LOOKBACK:]):
            if head in ent.words and ent.pos < pos:
                best_pos, best = ent.pos, ent.name
                break
        k = bisect.bisect_left(self.works, (pos,)) - 1
        while k >= 0 and self.works[k][0] > best_pos:
            if self.works[k][1] == head or self.works[k][1] + "s" == head:
                return self.works[k][2]
            k -= 1
        k = bisect.bisect_left(self.name_pos, pos) - 1
        stop = max(-1, k - _LOOKBACK)
        while k > stop and self.names[k][0] > best_pos:
            if self.near_name(k, head) and head in self.name_context(k):
                cand = canonical_name(self.names[k][2])
                if cand and cand.split()[0] not in _FUNC_START and cand.lower() != head:
                    return self.resolve_name(cand, self.names[k][0])
            k -= 1
        if best:
            return best
        htype = source_type_words().get(head, ("",))[0]
        if htype and htype not in ("person", "document"):
            types = source_type_words()
            for ent in reversed(self.entities[-_LOOKBACK:]):
                if ent.stype == htype and ent.pos < pos and any(
                        w.lower() in types and types[w.lower()][0] != "person" for w in ent.name.split()):
                    return ent.name
            # "Acme Corp cut jobs. The company said ...": the nearest name of that kind, quoted or not
            k = bisect.bisect_left(self.name_pos, pos) - 1
            stop = max(-1, k - _LOOKBACK)
            while k > stop:
                cand = canonical_name(self.names[k][2])
                if cand and cand.split()[0] not in _FUNC_START and any(
                        types.get(w.lower(), ("",))[0] == htype for w in cand.split()):
                    return self.resolve_name(cand, self.names[k][0])
                k -= 1
        if head in titles() or head in _descriptors():
            # the name may come later: "..., the site's editor said." ... "Jonas McAllister, the site's editor"
            k = bisect.bisect_right(self.name_pos, pos)
            _, sentence_end = self.sentence_span(pos)
            while k < min(len(self.names), bisect.bisect_right(self.name_pos, pos) + _LOOKBACK):
                if self.names[k][0] < sentence_end and self._cue_between(pos, self.names[k][0]):
                    k += 1  # "the gambling tycoon told Reuters": a name after the cue is whom the source
                    continue  # speaks to or about, not who the role words describe
                if self.near_name(k, head) and head in self.name_context(k):
                    cand = canonical_name(self.names[k][2])
                    if cand and cand.split()[0] not in _FUNC_START and cand.lower() != head:
                        return cand
                k += 1
        return ""

    def _cue_between(self, a: int, b: int) -> bool:
        """Whether a reporting-verb form (``lexicons/reporting_verbs.csv`` and the user's ``cues`` file) stands
        between offsets a and b."""
        from newslab.attribution.cues import cue_lexicon

        lexicon = cue_lexicon(self.cues)
        return any(w in lexicon for w in _LOWER_WORD.findall(self.text, a, b))

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos`` (up to 400 characters either side)."""
        lo = max(0, pos - 400)
        starts = [m.end() for m in _SENTENCE_END.finditer(self.text, lo, pos)]
        m = _SENTENCE_END.search(self.text, pos, min(len(self.text), pos + 400))
        return (starts[-1] if starts else lo), (m.start() + 1 if m else min(len(self.text), pos + 400))

    def person_nearby(self, pos: int) -> str:
        """'the candidate said' with no earlier mention of that role: a person named earlier in the same
        sentence ("When the moderator asked Trump, the candidate said"), else the speaker of a recent
        attribution (within ``_NEARBY`` characters)."""
        s0, _ = self.sentence_span(pos)
        k = bisect.bisect_left(self.name_pos, pos) - 1
        while k >= 0 and self.names[k][0] >= s0:
            cand = canonical_name(self.names[k][2])
            if cand and cand.split()[0] not in _FUNC_START and cand.lower() not in places() and \
                    not _not_a_person(cand) and classify("", cand, self.user_table) == "person" and \
                    not self.lookup(cand)[1] and self.quote_free(self.names[k][0], pos):
                return self.resolve_name(cand, self.names[k][0])
            k -= 1
        for ent in reversed(self.entities[-_LOOKBACK:]):
            if ent.pos < pos - _NEARBY:
                break
            if ent.stype in _PERSON_TYPES and not ent.plural and ent.pos < pos and " " in ent.name and \
                    not _not_a_person(ent.name) and self.lookup(ent.name)[1] in ("", "person"):
                return ent.name
        return ""

    def named_before(self, pron: str, pos: int) -> str:
        """'her campaign' when nobody has spoken yet: the nearest full name within ``_NEARBY`` characters
        before it whose gender is unknown or agrees ("Senator Lena Marsh lost. But her campaign said")."""
        want = "m" if pron == "his" else "f"
        k = bisect.bisect_left(self.name_pos, pos) - 1
        while k >= 0 and self.names[k][0] >= pos - _NEARBY:
            cand = canonical_name(self.names[k][2])
            if len(cand.split()) >= 2 and cand.split()[0] not in _FUNC_START and _gender(self.names[k][2]) in (
                    want, "") and classify("", cand, self.user_table) == "person" and not _not_a_person(cand):
                return self.resolve_name(cand, self.names[k][0])
            k -= 1
        return ""

    def quote_free(self, a: int, b: int) -> bool:
        """No quotation mark between ``a`` and ``b`` (a name inside a quotation does not speak)."""
        return not any(ch in self.text[a:b] for ch in "\"\u201c\u201d")

    def vehicle_owner(self, head: str, pos: int) -> str:
        """'the statement said': who made the nearest earlier statement: the speaker of an attribution in
        its sentence ("Cheung said in a statement ...") or a name right before it ("a Brannock statement",
        "Cheung's statement"); "statement from X" is found by ``referent``."""
        occ = -1
        for m in re.finditer(rf"\b{re.escape(head)}s?\b", self.text[max(0, pos - 2000):pos], re.I):
            occ = max(0, pos - 2000) + m.start()
        if occ < 0:
            return ""
        s0, s1 = self.sentence_span(occ)
        best, best_d = "", 10 ** 9
        for ent in reversed(self.entities[-_LOOKBACK:]):
            if s0 <= ent.pos < s1 and ent.stype not in ("anonymous", "document") and abs(ent.pos - occ) < best_d:
                best, best_d = ent.name, abs(ent.pos - occ)
        if best:
            return best
        k = bisect.bisect_left(self.name_pos, occ) - 1
        if k >= 0:
            s, e, name = self.names[k]
            gap = self.text[e:occ]
            cand = canonical_name(name)
            if len(gap.split()) <= 3 and not re.search(r"[.,;:!?()\"\u201c\u201d]", gap.replace("'s", "")) and \
                    cand and cand.split()[0] not in _FUNC_START and cand.lower() not in calendar_words() and \
                    cand.lower() not in places():
                return self.resolve_name(cand, s)
        return ""

    def earlier_phrase(self, head: str, pos: int) -> str:
        """'the board' after 'the water board': the nearest earlier '<modifier> <head>' in the text."""
        best = ""
        for m in re.finditer(rf"\b(?:the|a|an|its|their)\s+([a-z][\w-]+)\s+{re.escape(head)}\b",
                             self.text[max(0, pos - 3000):pos]):
            if m.group(1) not in _DET and m.group(1) not in _INDEFINITE:
                best = f"{m.group(1)} {head}"
        return best

    def resolve_name(self, name: str, pos: int) -> str:
        if not name:
            return name
        hit = self.lookup(name)
        if hit[0]:
            return hit[0]
        if name in self.acronyms:
            exp = self.acronyms[name]
            return self.lookup(exp)[0] or self.with_the(exp)
        parts = name.split()
        if len(parts) == 1 and not name.isupper():
            full = self.full_name_before(name, pos)
            if full:
                return self.lookup(full)[0] or full
        elif len(parts) == 1 and len(name) > 3 and name.isalpha():
            # a transcript's speaker label: "TRUMP:" after "Donald Trump" is the person, not an acronym
            full = self.full_name_before(name, pos, any_case=True)
            if full:
                return self.lookup(full)[0] or full
        return self.with_the(name)

    def antecedent(self, pron: str, pos: int = -1) -> _Entity | None:
        ent = self._antecedent_entity(pron)
        if pron in ("he", "him", "his", "she", "her") and pos >= 0:
            # a person named in the text after that entity (not yet quoted) may be nearer
            want = "m" if pron in ("he", "him", "his") else "f"
            k = bisect.bisect_left(self.name_pos, pos) - 1
            floor = ent.pos if ent is not None else -1
            stop = max(-1, k - _LOOKBACK)
            unknown = None  # with no speaker yet: a full name of unknown gender ("Jo Reed runs it. She said")
            while k > stop and self.names[k][0] > floor:
                cand = canonical_name(self.names[k][2])
                parts = cand.split()
                if len(parts) >= 2 and parts[0] not in _FUNC_START:
                    g = _gender(self.names[k][2])
                    if g == want:
                        return _Entity(self.resolve_name(cand, self.names[k][0]), "person", g, False,
                                       self.names[k][0], frozenset())
                    if not g and unknown is None and ent is None and self.names[k][0] >= pos - _NEARBY and \
                            classify("", cand, self.user_table) == "person" and not _not_a_person(cand):
                        unknown = _Entity(self.resolve_name(cand, self.names[k][0]), "person", "", False,
                                          self.names[k][0], frozenset())
                k -= 1
            return ent if ent is not None else unknown
        return ent

    def _antecedent_entity(self, pron: str) -> _Entity | None:
        for ent in reversed(self.entities[-_LOOKBACK:]):
            person = ent.stype in _PERSON_TYPES and not ent.plural
            if pron in ("he", "him", "his"):
                if person and ent.gender in ("m", ""):
                    return ent
            elif pron in ("she", "her"):
                if person and ent.gender in ("f", ""):
                    return ent
            elif pron in ("it", "its"):
                if not person:
                    return ent
            elif pron == "i":
                return ent
            elif ent.plural or not person:  # they, we
                return ent
        return None

    # -- one mention --------------------------------------------------------------------------------
    def resolve(self, mention: str, start: int, descriptor: str, window: str) -> tuple[str, str]:
        descriptor = descriptor[:200]
        low_words = mention.lower().replace("\u2019", "'").split()
        if not low_words:
            return "", ""
        head = low_words[-1].strip(",.;:")
        anon = anonymous_heads()
        titled = _name_after_title_of(mention)
        if titled:
            descriptor = descriptor or mention[:len(mention) - len(titled)].strip()
            mention = titled  # "Secretary of State John Kerry": the person, never "Secretary"
            low_words = mention.lower().split()
            head = low_words[-1]
        # "Hanna Ruis of the Free Press Observatory": the person; "an official at the ministry": anonymous
        m = _PERSON_OF.match(mention) or _WORK_BY.match(mention)
        if m and not _BODY_OF.search(m.group(1)):
            first_words = m.group(1).lower().split()
            body = m.group(2).lower().split()
            if first_words and first_words[-1] in _SPEAKS_FOR and len(body) == 1 and \
                    body[0] in _back_references()["bodies"]:
                ref = self.referent(body[0], start)  # "a spokesman for the company": the company named before
                if ref:
                    return ref, self.lookup(ref)[1] or classify(descriptor, ref, self.user_table)
            if first_words and (first_words[-1] in anon or first_words[-1] in ("familiar", "close")):
                head = first_words[-1] if first_words[-1] in anon else "people"
                low_words = first_words
            elif m.group(1)[:1].isupper() and all(w[:1].isupper() for w in m.group(1).split()) and \
                    len(m.group(1).split()) <= 4:
                mention = m.group(1)
                low_words = mention.lower().split()
                head = low_words[-1]
            elif first_words and m.group(1).split()[-1][:1].islower() and m.group(2)[:1].isupper():
                # "bosses at the Halden Water Company": the organisation speaks
                descriptor = descriptor or m.group(1)
                mention = m.group(2)
                low_words = mention.lower().split()
                head = low_words[-1]
        if head in anon and (low_words[0] in _INDEFINITE or head.endswith("s") and not any(
                w[:1].isupper() for w in mention.split()[1:]) or any(p in window for p in anonymous_phrases())):
            readable = anon[head]
            types = source_type_words()
            if readable == "anonymous source" and any(types.get(w, ("",))[0] == "official"
                                                      for w in mention.lower().split() if w != head):
                readable = "anonymous official"
            return readable, "anonymous"
        if head in ("who", "which", "that"):
            return "", ""
        if len(low_words) == 1 and head in _QUANTIFIER_SOURCES:
            return "anonymous source", "anonymous"  # "Some argued ...", "others said": nobody named
        if head in _PRONOUNS:
            ent = self.antecedent(head, start)
            if ent is not None:
                return ent.name, ent.stype
            return "", "person" if head in ("he", "she", "i") else ""
        words = mention.split()
        if len(low_words) == 2 and low_words[0] in _POSSESSIVE_PRONOUNS and head in _OWNER_HEADS:
            ent = self.antecedent(low_words[0], start)  # "his campaign said": the campaign speaks for him
            if ent is not None:
                return ent.name, ent.stype
            owner = self.named_before(low_words[0], start) if low_words[0] in ("his", "her") else ""
            if owner:
                return owner, self.lookup(owner)[1] or "person"
        caps = [w for w in words if w[:1].isupper() and w.lower() not in _DET]
        if (head in _WORK_HEADS or head in _OWNER_HEADS) and caps and not words[-1][:1].isupper():
            # "the Lantern website", "a Brannock statement": the named owner of the work
            owner = " ".join(caps).replace("\u2019s", "").replace("'s", "")
            source = self.resolve_name(canonical_name(owner), start)
            return source, self.lookup(source)[1] or classify(descriptor, owner, self.user_table)
        is_name = words[0][:1].isupper() and low_words[0] not in _DET or (
            low_words[0] in _DET and len(words) > 1 and words[-1][:1].isupper())
        if ("'s" in mention.replace("\u2019", "'") and not words[-1][:1].isupper()):
            # "Valdoria's government" -> government; "Elena Varga's office" -> Elena Varga
            owner, _, rest = mention.replace("\u2019", "'").rpartition("'s ")
            if head in _SPEAKS_FOR and owner and owner.split()[-1][:1].isupper():
                name = canonical_name(owner)  # "Reed's spokesman said": the spokesman speaks for Reed
                source = self.resolve_name(name, start)
                return source, self.lookup(source)[1] or classify(descriptor, owner, self.user_table)
            if head in titles() or head in _descriptors():
                ref = self.referent(head, start)
                if ref:
                    return ref, self.lookup(ref)[1] or classify(descriptor or mention, ref, self.user_table)
            if head in _OWNER_HEADS and owner:
                name = canonical_name(owner)
                source = self.resolve_name(name, start)
                return source, self.lookup(source)[1] or classify(descriptor, owner, self.user_table)
            return canonical_name(rest), classify(descriptor, rest, self.user_table)
        if len(words) == 1 and head in source_type_words() and not self.lookup(words[0])[0]:
            ref = self.referent(head, start)  # "the Party said", capitalised mid-sentence
            if ref:
                return ref, self.lookup(ref)[1] or classify(descriptor, ref, self.user_table)
        if is_name:
            name = canonical_name(mention)
            if words[0] == "The" and len(name.split()) == 1 and name[:1].isupper() and not self.lookup(name)[0]:
                name = "The " + name  # "The Lantern", "The Blaze"
            source = self.resolve_name(name, start)
            hit = self.lookup(source)
            stype = hit[1] or self.lookup(name)[1] or classify(descriptor, mention, self.user_table)
            if stype == "person":
                stype = _not_a_person(source) or stype
            if stype == "person" and self.text[max(0, start - 4):start] == "The " and \
                    not _gender(mention) and not any(w.lower() in titles() for w in words):
                stype = "media"  # "The Daily Planet reported": a title with "The" names a publication
            return source, stype
        name = canonical_name(mention)
        ref = ""
        if low_words[0] in ("the", "this", "that", "its", "their", "his", "her") and (
                head in source_type_words() or head in titles() or head in _descriptors() or head in _REFERENT_HEADS):
            ref = self.referent(head, start)
        hit = self.lookup(name)
        if not ref and not hit[0] and low_words[0] == "the" and len(low_words) == 2:
            ref = self.earlier_phrase(head, start)
        if not ref and not hit[0] and low_words[0] in ("the", "this", "that") + tuple(_POSSESSIVE_PRONOUNS):
            if head in _back_references()["works"]:
                ref = self.vehicle_owner(head, start)
            elif head in _back_references()["roles"]:
                ref = self.person_nearby(start)
        source = ref or hit[0] or name
        stype = self.lookup(source)[1] or classify(descriptor, mention, self.user_table)
        if ref and (stype == "document" or head in _OWNER_HEADS):
            # "the statement", "the campaign" take the type of whom they stand for
            stype = next((e.stype for e in reversed(self.entities[-_LOOKBACK:]) if e.name == ref), "") or \
                classify("", ref, self.user_table)
            stype = _not_a_person(ref) or stype if stype == "person" else stype
        return source, stype

    def add(self, att, mention: str) -> None:
        head = mention.lower().split()[-1] if mention.split() else ""
        if not att.source or att.source_type == "anonymous" or head in _PRONOUNS or head == "who":
            return
        if not any(w[:1].isupper() for w in att.source.split()) and att.source_type != "document":
            return  # an unresolved "the ministry" is no antecedent for later mentions
        gender = _gender(mention) or _gender(att.source) or next((e.gender for e in reversed(self.entities[-50:])
                                           if e.name == att.source and e.gender), "")
        plural = head.endswith("s") and not mention[:1].isupper() or head in _PLURAL_PRON
        self.entities.append(_Entity(att.source, att.source_type, gender, plural, att.mention_start,
                                     _words(mention, att.descriptor)))


def _unresolved(source: str) -> bool:
    """A source that is a bare back-reference ("campaign", "statement", "candidate": the words of
    ``lexicons/back_references.txt``) names no one; unnamed people and groups ("man", "voters",
    "police") are generic sources on purpose.

    >>> _unresolved("campaign"), _unresolved("voters"), _unresolved("man"), _unresolved("Jo Reed")
    (True, False, False, False)
    """
    return bool(source) and source[:1].islower() and any(source in words for words in _back_references().values())


def resolve_article(text: str, found: list, user_table: str | None = None, cues: str | None = None,
                    tokens=None) -> None:
    """Fill ``source`` and ``source_type`` of every attribution of one article (in place); ``cues``: the
    user's reporting-verb file, if any (see :func:`newslab.attribution.cues.cue_lexicon`); ``tokens``: the
    text's ``ArticleTokens``, when the caller has them (a faster search for "report by X")."""
    res = _Resolver(text, user_table, cues, tokens)
    for att in found:
        if att.mention_start < 0 or att.extra.get("no_speaker"):
            att.source, att.source_type = "", ""
            continue
        mention = text[att.mention_start:att.mention_end]
        window = text[att.mention_start:min(len(text), att.mention_end + 160)].lower()
        head = mention.lower().split()[-1] if mention.split() else ""
        if head in ("who", "which", "that"):
            ante = att.extra.get("antecedent")
            if ante:
                source, stype = res.resolve(text[ante[0]:ante[1]], ante[0], att.descriptor, window)
            else:
                before = text[max(0, att.mention_start - 120):att.mention_start].rstrip(" ,")
                m = re.search(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})*)\W*$", before)
                source, stype = res.resolve(m.group(1), att.mention_start - len(before) + m.start(),
                                            att.descriptor, window) if m else ("", "")
        else:
            source, stype = res.resolve(mention, att.mention_start, att.descriptor, window)
        if _unresolved(source):
            # "the campaign said" with no campaign named before: the attribution stays, nobody is named
            source, stype = "", "unresolved"
        att.source = source
        att.source_type = stype or ("person" if source else "")
        if source and not att.descriptor and mention.endswith(source) and len(mention) > len(source):
            # the words before the name are its title, role or affiliation: "Superintendent", "Mayor"
            role = mention[:len(mention) - len(source)].strip(" ,")
            if role and role.split()[0].lower() in ("the", "a", "an"):
                role = role.split(None, 1)[1] if " " in role else ""
            att.descriptor = role
        res.add(att, mention)
