"""Noun phrases and subjects around a cue: the token-level helpers the attribution patterns use.

``ArticleTokens`` holds one article's tokens (with offsets), sentences and quotations, and answers the
questions the patterns ask: is this token part of a name, which noun phrase ends here ("the state-run
broadcaster Channel One", "a spokesman for the ministry"), which noun phrase is the subject before a cue
("X, who ..., said", "Name, 58, of Town, said"), which one starts after it ("said former governor X").
The English grammar words it uses are in ``newslab/lexicons/`` (aux_words.txt, function_words.txt, ...).

>>> from newslab.attribution.cues import cue_lexicon
>>> text = "Mayor Jo Reed, who runs the utility, said so."
>>> art = ArticleTokens(text, [(0, len(text))], cue_lexicon())
>>> a, b, _, kind = art.subject_left(art.low.index("said"), 0)
>>> art.text[art.starts[a]:art.ends[b - 1]], kind
('Mayor Jo Reed', 'name')
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import compress, count, repeat
from operator import itemgetter, not_

from newslab.attribution.cues import Token, match_cue, token_columns
from newslab.attribution.names import calendar_words, name_evidence, places
from newslab.attribution.source_types import source_type_words, titles
from newslab.core.lexicon import read_lines
from newslab.text.quotes import quote_spans

# Grammar words: the longer lists are in newslab/lexicons/ (each file's header says what it is for).
AUX = frozenset(read_lines("aux_words.txt"))
TIME_WORDS = frozenset(read_lines("time_words.txt"))
TIME_LEAD = frozenset(read_lines("time_leads.txt"))
PRONOUNS = frozenset("he she they it we i you".split())
RELATIVE = frozenset("who which that".split())
DETERMINERS = frozenset(read_lines("determiners.txt"))
FUNC = frozenset(read_lines("function_words.txt"))
OPEN_QUOTES = frozenset(["\u201c", '"', "''", "\u00ab", "\u201e", "\u2018"])
CLOSE_QUOTES = frozenset(["\u201d", '"', "''", "\u00bb", "\u2019"])
PUNCT_END = frozenset(list(".!?;") + ["\u2014", "\u2013", "--"])
NOT_ADVERBS = frozenset(read_lines("not_adverbs.txt"))
DESCRIPTOR_WORDS = frozenset(read_lines("descriptors.txt")) | frozenset(["retired", "veteran", "longtime"])
_OPENERS = OPEN_QUOTES | frozenset(["(", "[", ":", "\u2014", "\u2013", "--", "-", "\u2022", "*"])
QUANTIFIERS = frozenset(read_lines("quantifiers.txt"))
_OBJECT_PRONOUNS = frozenset("them us those these".split())
_BREAKS = OPEN_QUOTES | CLOSE_QUOTES | PUNCT_END
_DASHES = frozenset(["\u2014", "\u2013", "--", "-"])
# "continued to", "went on to": verbs that hand their subject on to the verb after "to" (lexicons/catenatives.txt)
CATENATIVES = frozenset(tuple(line.split()) for line in read_lines("catenatives.txt"))
_CATENATIVE_LAST = frozenset(words[-1] for words in CATENATIVES)



_FULL_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:\s+[A-Z]\.)?\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


class ArticleTokens:
    """Tokens, sentences and quotations of one article, with the pattern helpers over them."""

    def __init__(self, text: str, bounds: list[tuple[int, int]], lexicon: dict):
        self.text = text
        # the tokens as columns: texts, lower-case texts, start and end offsets (no tuple per token)
        self.words, self.low, self.starts, self.ends = token_columns(text)
        self._toks: list[Token] | None = None
        self.lexicon = lexicon
        self.bounds = bounds
        self.sent_starts = [b[0] for b in bounds]
        self.quotes = quote_spans(text)
        self.q_starts = [q[0] for q in self.quotes]
        self.type_words = source_type_words()
        self.titles = titles()
        self.known_names: set[str] = set(map(str.lower, _FULL_NAME.findall(text)))  # group 1 of each match
        self.antecedents: dict[int, tuple[int, int]] = {}
        self._subjects: dict[tuple[int, int], tuple[int, int, str, str]] = {}
        self.sentence_runs: tuple[list[int], list[tuple[int, int]]] | None = None  # set by the rules
        self._present: set[str] | None = None  # the distinct lower-case tokens (see positions)
        self.not_name = self._not_names()

    def _not_names(self) -> frozenset[int]:
        """Capitalised tokens that the article's name evidence says are ordinary words or dates
        ("Meanwhile", a headline's "Quiet", "Does" in "Does Rubio oppose", "March")."""
        ev = name_evidence(self.text)
        low, text, words, starts, ends = self.low, self.text, self.words, self.starts, self.ends
        n = len(low)
        sent_starts = set(map(bisect.bisect_left, repeat(self.starts), map(itemgetter(0), self.bounds)))
        out = []
        # tokens whose first character is upper case (picked in C: most tokens are not)
        caps = list(compress(count(), map(str.isupper, map(itemgetter(0), words))))
        cap_set = set(caps)
        titles_ = self.titles
        # titles, source-type and function words stay (never in ``out``): they are left out in C
        kept = map(_kept_capitals().__contains__, map(low.__getitem__, caps))
        calendar = calendar_words()
        for k in compress(caps, map(not_, kept)):
            w, lw = words[k], low[k]
            initial = k in sent_starts or k == 0 or low[k - 1] in _OPENERS or \
                "\n" in text[ends[k - 1]:starts[k]]
            if not initial and lw not in calendar and "-" not in w:
                continue  # mid-sentence and no date: a name whatever else holds (NameEvidence.is_name)
            if k + 1 < n and low[k + 1] in titles_ and k + 1 in cap_set:
                continue  # titles and the words before them stay: "Mayor Jo Reed", "Former President X"
            if k + 1 in cap_set and f"{lw} {low[k + 1]}" in places():
                continue  # the first word of a place: "South Carolina", "New York", "North Korea"
            prev_name = not initial and k - 1 in cap_set and low[k - 1] not in FUNC_CAP and not (out and out[-1] == k - 1)
            before = k + 1 in cap_set and low[k + 1] not in FUNC_CAP
            if not ev.is_name(w, initial, prev_name, before):
                out.append(k)
        return frozenset(out)

    @property
    def toks(self) -> list[Token]:
        """The tokens as ``Token`` tuples (built on first use; the patterns read the columns)."""
        if self._toks is None:
            self._toks = list(map(tuple.__new__, repeat(Token), zip(self.words, self.low, self.starts, self.ends)))
        return self._toks

    def positions(self, *vocabularies) -> list[int]:
        """Indices, in text order, of the tokens whose lower-case form is in one of ``vocabularies`` (sets,
        or dicts by key): the only tokens a scan for cue words needs to visit."""
        present = self._present
        if present is None:
            present = self._present = set(self.low)
        # a dict's keys as a frozenset (kept per dict): a set intersection then walks the smaller side
        wanted = set().union(*(present.intersection(_key_set(v) if isinstance(v, dict) else v)
                               for v in vocabularies))
        return list(compress(count(), map(wanted.__contains__, self.low)))

    # -- small predicates -------------------------------------------------------------------------
    def is_cap(self, k: int) -> bool:
        t = self.words[k]
        return t[:1].isupper() and (len(t) > 1 or t in ("I",)) and self.low[k] not in ("i",)

    def is_name_word(self, k: int) -> bool:
        t = self.words[k]
        return t[:1].isupper() and self.low[k] not in FUNC_CAP and k not in self.not_name

    def is_nounish(self, k: int) -> bool:
        w = self.low[k]
        if not w[:1].isalnum() or w in FUNC:
            return False
        cue = match_cue(self.low, k, self.lexicon)
        return cue is None or cue.noun or w in self.type_words

    def quote_at(self, pos: int) -> int:
        """Index of the quotation whose content contains character ``pos``, or -1."""
        i = bisect.bisect_right(self.q_starts, pos) - 1
        if i >= 0 and self.quotes[i][1] <= pos < self.quotes[i][2]:
            return i
        return -1

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    # -- noun phrases -------------------------------------------------------------------------------
    def np_left(self, h: int, lo: int) -> tuple[int, int, str]:
        """The noun phrase whose head is token ``h`` (extending left, not before ``lo``): (a, b, descriptor)."""
        low = self.low
        if low[h] in PRONOUNS or low[h] in RELATIVE:
            return h, h + 1, ""
        a = h
        if self.is_name_word(h) or low[h][:1].isdigit():
            while a - 1 >= lo and (self.is_name_word(a - 1) or (
                    low[a - 1] in {"of", "for", "de", "al", "&", "-", "bin", "van", "von", "and"}
                    and a - 2 >= lo and self.is_name_word(a - 2) and low[a - 1] != "and")):
                a -= 1
            while a < h and low[a] in ("of", "for", "&", "-"):
                a += 1
            # "a senior official at the Ministry of Health", "Hanna Ruis of the Free Press Observatory"
            p = a - 1
            if p >= lo and low[p] == "the":
                p -= 1
            if p - 1 >= lo and low[p] in ("at", "of", "for", "in", "from", "with") and (
                    self.is_nounish(p - 1) or self.is_name_word(p - 1)) and low[p - 1] not in TIME_WORDS and \
                    not (low[p - 1].endswith("ed") and not self.is_cap(p - 1)):  # not "held in Lyon"
                a2, _, _ = self.np_left(p - 1, lo) if not self.is_name_word(p - 1) else (p - 1, p, "")
                if self.is_name_word(p - 1):
                    while a2 - 1 >= lo and self.is_name_word(a2 - 1):
                        a2 -= 1
                return a2, h + 1, ""
            # possessive chain: "Trump 's campaign" handled below; descriptor: "the state-run broadcaster X"
            d = a
            while d - 1 >= lo and d - a < 4 and self.is_nounish(d - 1) and not self.is_cap(d - 1):
                d -= 1
            descriptor = ""
            if d < a and d - 1 >= lo and low[d - 1] in DETERMINERS:
                descriptor = self.text[self.starts[d]:self.ends[a - 1]]
            elif d < a and d - 1 >= lo and low[d - 1] in ("'s", "\u2019s"):
                descriptor = self.text[self.starts[d]:self.ends[a - 1]]
            return a, h + 1, descriptor
        # lower-case noun head: "officials", "a spokesman for the ministry", "Trump 's campaign"
        steps = 0
        while a - 1 >= lo and steps < 8:
            w = low[a - 1]
            if w in ("'s", "\u2019s") and a - 2 >= lo and self.is_name_word(a - 2):
                a -= 1
                while a - 1 >= lo and self.is_name_word(a - 1):
                    a -= 1
                break
            if w in DETERMINERS:
                a -= 1
                if a - 2 >= lo and (low[a - 1] in ("of", "for", "at", "from", "in") and self.is_nounish(a - 2)
                                    or low[a - 1] == "with" and low[a - 2] in ("familiar", "close")):
                    a -= 1
                    steps += 1
                    continue
                break
            if self.is_nounish(a - 1) or self.is_name_word(a - 1):
                a -= 1
                steps += 1
                continue
            if (w in ("of", "for", "at", "from", "in") and a - 2 >= lo and self.is_nounish(a - 2)) or (
                    w == "with" and a - 2 >= lo and low[a - 2] in ("familiar", "close")):
                a -= 1
                steps += 1
                continue
            break
        return a, h + 1, ""

    def np_right(self, k: int, hi: int) -> tuple[int, int]:
        """The noun phrase starting at token ``k`` (not past ``hi``): (a, b), or (-1, -1)."""
        low = self.low
        if k >= hi:
            return -1, -1
        if low[k] in PRONOUNS and low[k] not in ("it", "you", "i", "we"):
            return k, k + 1
        # "former Utah governor Michael Leavitt", "retired Army Lt. Gen. ..."
        d = k
        while d < hi and d - k < 4 and self.words[d][:1].islower() and (
                low[d] in self.titles or low[d] in self.type_words or low[d] in DESCRIPTOR_WORDS):
            d += 1
        if d > k and d < hi and self.is_name_word(d):
            a, b = self.np_right(d, hi)
            return (k, b) if a >= 0 else (-1, -1)
        if low[k] == "one" and k + 2 < hi and low[k + 1] == "of":  # "one of those advisers"
            a, b = self.np_right(k + 2, hi)
            return (k, b) if a >= 0 else (-1, -1)
        b = k
        if low[k] in DETERMINERS or low[k] in ("'s",):
            b = k + 1
            steps = 0
            while b < hi and steps < 6 and (self.is_nounish(b) or self.is_name_word(b)) and not (
                    low[b] in TIME_WORDS or low[b] in TIME_LEAD and b + 1 < hi and low[b + 1] in TIME_WORDS):
                b += 1
                steps += 1
            if b == k + 1:
                return -1, -1
            if b + 1 < hi and low[b] in ("'s", "\u2019s"):  # "the company's chief executive"
                b += 1
                while b < hi and b - k < 10 and self.is_nounish(b):
                    b += 1
            # "a spokesman for the ministry"
            if b + 1 < hi and low[b] in ("for", "of", "at") and (low[b + 1] in DETERMINERS or self.is_name_word(b + 1)):
                c = b + 1 + (1 if low[b + 1] in DETERMINERS else 0)
                e = c
                while e < hi and e - c < 6 and (self.is_name_word(e) or self.is_nounish(e)):
                    e += 1
                if e > c:
                    b = e
            return k, b
        if self.is_name_word(k):
            while b < hi and (self.is_name_word(b) or (
                    low[b] in ("of", "for", "de", "&") and b + 1 < hi and self.is_name_word(b + 1)) or (
                    (low[b] in self.titles or low[b] in self.type_words) and b + 1 < hi and self.is_name_word(b + 1))):
                b += 1
            if b < hi and low[b] in ("'s", "\u2019s") and b + 1 < hi and self.is_nounish(b + 1):
                b += 2
            return k, b
        return -1, -1

    def skip_left(self, j: int, lo: int) -> int:
        """Skip auxiliaries, adverbs, time phrases and parentheses leftwards from ``j``."""
        low = self.low
        while j >= lo:
            w = low[j]
            if w in AUX or (w.endswith("ly") and len(w) > 4 and w not in NOT_ADVERBS
                            and not self.words[j][:1].isupper()):
                j -= 1
            elif w in TIME_WORDS:
                j -= 1
                while j >= lo and low[j] in TIME_LEAD:
                    j -= 1
                if j >= lo and low[j].endswith("ed") and low[j] in ("published", "released", "issued", "updated",
                                                                   "conducted", "dated", "posted", "filed"):
                    j -= 1  # "a report published in January found"
            elif w == "to" and j - 1 >= lo and low[j - 1] in _CATENATIVE_LAST and \
                    self.catenative_before(j, lo) is not None:
                j = self.catenative_before(j, lo)  # type: ignore[assignment]
            elif w == ")":
                k = j - 1
                while k >= lo and low[k] != "(" and j - k < 12:
                    k -= 1
                if k >= lo and low[k] == "(":
                    j = k - 1
                else:
                    return j
            else:
                return j
        return j

    def antecedent_of(self, r: int, lo: int) -> None:
        """Remember the noun phrase a relative pronoun at token ``r`` refers to ("X, who ...")."""
        low = self.low
        h = r - 1
        if h >= lo and low[h] == ",":
            h -= 1
        if h < lo or not (self.is_name_word(h) or self.is_nounish(h)):
            return
        a, b, _ = self.np_left(h, lo)
        if not self.is_name_word(h):
            # "Tomas Varga, an opposition member of parliament who ...": the name that opens the sentence
            k = lo
            while k < a and low[k] in OPEN_QUOTES:
                k += 1
            e = k
            while e < a and self.is_name_word(e):
                e += 1
            if e > k and e < a and low[e] == ",":
                a, b = k, e
        self.antecedents[self.starts[r]] = (self.starts[a], self.ends[b - 1])

    def catenative_before(self, j: int, lo: int) -> int | None:
        """The token before the catenative phrase that ends with "to" at ``j`` ("continued to", "went on to"),
        or None when there is none."""
        low = self.low
        for n in (1, 2, 3):
            if j - n >= lo and tuple(low[j - n:j]) in CATENATIVES:
                return j - n - 1
        return None

    def breaks(self, x: int) -> bool:
        """Whether token ``x`` ends a noun phrase scan: a quotation mark, a dash or a stop, but not the dot of
        an abbreviation inside the sentence ("R-Ky.,", "(D-R.I.)") nor a possessive apostrophe ("Sanders\u2019
        campaign")."""
        w = self.low[x]
        if w not in _BREAKS:
            return False
        starts = self.starts
        if x <= 0 or x + 1 >= len(starts) or self.ends[x - 1] != starts[x]:
            return True
        nxt, nxt_start = self.words[x + 1], starts[x + 1]
        if w == ".":
            return not (nxt in (",", ")") or nxt_start == self.ends[x] and nxt[:1].isalnum()
                        or nxt[:1].islower() or nxt[:1].isdigit())
        if w == "\u2019":
            return not (self.low[x - 1].endswith("s") and nxt_start > self.ends[x] and nxt[:1].isalnum())
        return True

    def dashed_subject(self, lo: int, j: int) -> tuple[int, int, str, str] | None:
        """'X -- who ..., ... -- said' / 'X - a co-host - told': the noun phrase before the dash that opens the
        appositive closed by the dash at ``j`` (the same dash; commas may sit inside, quotations may not)."""
        low, dash = self.low, self.low[j]
        e = j
        while e - 1 > lo and low[e - 1] == dash:  # "--" comes as two tokens
            e -= 1
        k = e - 1
        while k > lo and low[k] != dash and e - k < 40:
            if low[k] in OPEN_QUOTES or low[k] in CLOSE_QUOTES or self.breaks(k) and low[k] not in _DASHES:
                return None
            k -= 1
        if k <= lo or low[k] != dash or k + 1 >= e:
            return None
        start = k
        while start - 1 > lo and low[start - 1] == dash:
            start -= 1
        h = self.skip_left(start - 1, lo)
        if h < lo or not (self.is_name_word(h) or self.is_nounish(h)) or low[h] in CLOSE_QUOTES:
            return None
        a, b, _ = self.np_left(h, lo)
        desc = self.text[self.starts[k + 1]:self.ends[e - 1]]
        return a, b, desc, "name" if self.is_name_word(h) else "noun"

    def inserted_name(self, lo: int, j: int) -> tuple[int, int, str, str] | None:
        """'..., Jonas McAllister, the site's editor, told ...': a name with its appositive just before."""
        low = self.low
        k = j - 1
        while k > lo and low[k] != "," and j - k < 14:
            if self.breaks(k):
                return None
            k -= 1
        if k <= lo or low[k] != "," or low[k + 1] not in DETERMINERS or not self.is_name_word(k - 1):
            return None
        a, b, _ = self.np_left(k - 1, lo)
        if a - 1 > lo and low[a - 1] == "," and self.is_name_word(a):
            return a, b, self.text[self.starts[k + 1]:self.ends[j - 1]], "name"
        return None

    def initial_subject(self, lo: int, j: int) -> tuple[int, int, str, str] | None:
        """'Name, <appositives with commas>, said': the name that opens the sentence, if the words up to
        the comma before the cue hold no quotation or other verb cue."""
        low = self.low
        k = lo
        if low[k] in OPEN_QUOTES:
            # '"...," Cecelia Purner, 67, a retiree, said': start after the quotation
            q = self.quote_at(self.ends[k])
            if q < 0:
                return None
            while k < j and self.starts[k] < self.quotes[q][3]:
                k += 1
            while k < j and low[k] in (",", "''") or k < j and low[k] in CLOSE_QUOTES:
                k += 1
            if k >= j:
                return None
        if not (self.is_name_word(k) or low[k] in DETERMINERS and k + 1 < j):
            return None
        e = k
        while e < j and e - k < 8 and (self.is_name_word(e) or low[e] in DETERMINERS or self.is_nounish(e)
                                       or low[e] in ("of", "'s", "\u2019s", "(", ")", "-")
                                       or low[e] == "." and not self.breaks(e)):
            if low[e] == "(":
                while e < j and low[e] != ")":
                    e += 1
            e += 1
        if e == j and low[e] == "," and e > k and low[e - 1] == ")":
            b = e  # "Sen. Jack Reed (D-R.I.), said": the name and its parenthesis, no appositive
            while b - 1 > k and low[b - 1] == ")":
                while b - 1 > k and low[b - 1] != "(":
                    b -= 1
                b -= 1
            return (k, b, "", "name") if b > k and self.is_name_word(b - 1) else None
        if e >= j or low[e] != "," or e == k or j - e > 60:
            return None
        if not self.is_name_word(e - 1):
            f = e + 1 + (1 if e + 1 < j and low[e + 1] == "the" else 0)
            while f < j and self.is_name_word(f):
                f += 1
            if f > e + 1 and self.is_name_word(f - 1) and (f == j or low[f] == ","):
                return e + 1, f, self.text[self.starts[k]:self.ends[e - 1]], "name"
        if not any(self.is_name_word(x) for x in range(k, e)) and low[e - 1] not in self.type_words:
            return None
        relative = False
        for x in range(e + 1, j):
            if self.breaks(x):
                return None
            relative = relative or low[x] in ("who", "which", "whose", "that")
            c = match_cue(low, x, self.lexicon)
            if c is not None and not self.is_nounish(x) and not relative and not low[x].endswith("ing"):
                return None
        b = e
        while b - 1 > k and low[b - 1] == ")":
            while b - 1 > k and low[b - 1] != "(":
                b -= 1
            b -= 1
        desc = self.text[self.starts[e + 1]:self.ends[j - 1]] if e + 1 < j else ""
        return k, b, desc, "name" if self.is_name_word(b - 1) else "noun"

    def subject_left(self, i: int, lo: int) -> tuple[int, int, str, str]:
        """Source before the cue at token ``i``: (a, b, descriptor, kind); kind '' when none.

        kind: 'pron', 'rel', 'name', 'noun'. Memoised: the rules and the learned layer ask about the same cues.
        """
        found = self._subjects.get((i, lo))
        if found is None:
            found = self._subjects[(i, lo)] = self._subject_left(i, lo)
        return found

    def _subject_left(self, i: int, lo: int) -> tuple[int, int, str, str]:
        low = self.low
        j = self.skip_left(i - 1, lo)
        if j < lo:
            return -1, -1, "", ""
        w = low[j]
        if w in _DASHES:
            dashed = self.dashed_subject(lo, j)
            if dashed is not None:
                return dashed
        if w in (",", "\u2014", "\u2013"):
            near = self.inserted_name(lo, j)
            if near is not None:
                return near
            initial = self.initial_subject(lo, j)
            if initial is not None:
                return initial
            # "X, who ..., said" / "X, a spokesman for Y, said" / "X, however, said" / "X -- ... -- said"
            k = j - 1
            cue_inside = False
            while k >= lo and low[k] not in (",", "(", "\u2014", "\u2013") and j - k < 40:
                if low[k] == ")":
                    while k > lo and low[k] != "(":
                        k -= 1
                    k -= 1
                    continue
                if self.breaks(k):
                    return -1, -1, "", ""
                if match_cue(low, k, self.lexicon) is not None and not self.is_nounish(k) and low[k + 1] != "by" \
                        and not low[k].endswith("ing"):
                    cue_inside = True
                k -= 1
            if k >= lo and low[k] == low[j] and k + 1 < j:
                inner = low[k + 1]
                if cue_inside and inner not in ("who", "which", "whose"):
                    return -1, -1, "", ""  # "X, who has not endorsed anyone, told reporters" is fine
                if low[k] == "," and k - 1 >= lo and low[k - 1] in (",",):
                    return -1, -1, "", ""
                h = self.skip_left(k - 1, lo)
                if h >= lo and (self.is_name_word(h) or low[h] in PRONOUNS or self.is_nounish(h)) \
                        and low[h] not in CLOSE_QUOTES:
                    a, b, desc = self.np_left(h, lo)
                    if self.is_cap(k + 1) and not self.is_name_word(h) and all(
                            self.is_name_word(x) for x in range(k + 1, j)):
                        # "a spokeswoman, Anna White, said": the name between the commas
                        return k + 1, j, self.text[self.starts[a]:self.ends[b - 1]], "name"
                    if inner in ("however", "meanwhile", "though", "too", "in", "for", "like", "for", "then"):
                        desc = ""
                    else:
                        desc = self.text[self.starts[k + 1]:self.ends[j - 1]]
                    return a, b, desc, ("pron" if low[h] in PRONOUNS else "name" if self.is_name_word(h) else "noun")
            return -1, -1, "", ""
        if w in PRONOUNS:
            return j, j + 1, "", "pron"
        if w in ("who",):
            self.antecedent_of(j, lo)
            return j, j + 1, "", "rel"
        if w in ("which", "that"):
            if j - 1 >= lo and self.is_nounish(j - 1) or w == "which" and j - 2 >= lo and low[j - 1] == "," and (
                    self.is_name_word(j - 2) or self.is_nounish(j - 2)):
                return j, j + 1, "", "rel"
            return -1, -1, "", ""
        if w in QUANTIFIERS:  # "most said", "many believe", "others argued", "another said"
            return j, j + 1, "", "noun"
        if w in _OBJECT_PRONOUNS and j - 2 >= lo and low[j - 1] == "of" and low[j - 2] in QUANTIFIERS:
            return j - 2, j + 1, "", "noun"  # "most of them said", "some of us believe"
        if self.is_name_word(j) and not self.words[j].isupper() or (self.is_name_word(j) and len(w) > 1):
            a, b, desc = self.np_left(j, lo)
            return a, b, desc, "name"
        if self.is_nounish(j):
            a, b, desc = self.np_left(j, lo)
            return a, b, desc, "noun"
        return -1, -1, "", ""

    def skip_right_time(self, k: int, hi: int) -> int:
        low = self.low
        while k < hi:
            if low[k] in TIME_LEAD and k + 1 < hi and low[k + 1] in TIME_WORDS:
                k += 2
            elif low[k] in TIME_WORDS or low[k] in AUX and low[k] not in ("has", "had", "is", "was", "'s"):
                k += 1
            else:
                break
        return k


FUNC_CAP = frozenset(read_lines("capitalised_function_words.txt"))

_KEY_SETS: dict[int, tuple[dict, frozenset]] = {}


def _key_set(d: dict) -> frozenset:
    """``frozenset(d)``, built once per dict (the cue lexicons are built once per process and not changed)."""
    found = _KEY_SETS.get(id(d))
    if found is None or found[0] is not d or len(found[1]) != len(d):
        if len(_KEY_SETS) > 16:
            _KEY_SETS.clear()
        found = _KEY_SETS[id(d)] = (d, frozenset(d))
    return found[1]


@lru_cache(maxsize=1)
def _kept_capitals() -> frozenset[str]:
    """Capitalised words that stay name-like whatever the name evidence says: capitalised function words,
    titles and source-type words (lower case)."""
    return FUNC_CAP | frozenset(titles()) | frozenset(source_type_words())
