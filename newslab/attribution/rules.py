"""The attribution rules: cues found over tokens with offsets, and the source and content next to each.

One candidate per cue (a reporting verb such as "said", "according to", "tweeted", "believes"): the lexicon
``lexicons/reporting_verbs.csv`` says which words are cues and how they frame what they report; the patterns
below find the source next to the cue ("X said", "said X", "'...,' X said", "according to X", "X, who ...,
said", "X: '...'") and the content (the quotation before or after the cue, or the rest of the clause). No
parser. The learned layer (``newslab.attribution.model``) then keeps, drops and adds candidates, and
``newslab.attribution.sources`` builds the ``sources`` table from what remains.

Rules that keep precision: words inside a quotation are never new cues; weak cues ("show", "support",
"call") need a person, organisation or pronoun right before them; the base and -s forms of verbs that are
also nouns ("report", "claims") need a name or pronoun subject; beliefs and weak cues inside someone's
reported speech are not separate attributions; "continue to", "has seen", "what she asked for" are not cues.

>>> from newslab.attribution.cues import cue_lexicon
>>> from newslab.attribution.phrases import ArticleTokens
>>> text = "The minister told reporters the dam was safe."
>>> found, _ = rule_attributions(ArticleTokens(text, [(0, len(text))], cue_lexicon()))
>>> [(a.cue, text[a.mention_start:a.mention_end]) for a in found]
[('told', 'The minister')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newslab.attribution.cues import Cue, match_cue
from newslab.attribution.names import calendar_words
from newslab.attribution.phrases import (
    CLOSE_QUOTES,
    DETERMINERS,
    OPEN_QUOTES,
    PRONOUNS,
    PUNCT_END,
    TIME_WORDS,
)
from newslab.attribution.phrases import (
    ArticleTokens as _Article,
)
from newslab.core.lexicon import read_lines

__all__ = ["Attribution", "rule_attributions"]


# Pattern settings (tuned on the PolNeAR training split).
PARTICIPLE_SOURCE_AFTER = frozenset(["cite"])
COLON_LABELS = frozenset(read_lines("colon_labels.txt"))
VEHICLES = frozenset(read_lines("vehicle_nouns.txt"))
INVERSION_FOLLOW = frozenset(read_lines("inversion_follow.txt")) | CLOSE_QUOTES
INTRO_WORDS = frozenset(read_lines("intro_words.txt"))
DROP_NESTED = frozenset(["belief", "nominal"])
RELATIVE_CHECK = True
NEST_WINDOW = 40  # attributions before/after one that may contain it (keeps long texts linear)
IMPERSONAL = frozenset(["seem", "appear"])
POSSESSIVES = frozenset("his her their its".split())
NOMINAL_CUES = frozenset(read_lines("nominal_cues.txt"))
_OTHER_CUE_WORDS = NOMINAL_CUES | frozenset(["reportedly", ":", "in"])
POLL_HEADS = frozenset("poll polls survey surveys study".split())


@dataclass
class Attribution:
    """One attribution found in an article (offsets into the article text; -1 = none)."""

    cue_start: int
    cue_end: int
    cue: str
    lemma: str
    cue_class: str
    mention_start: int = -1
    mention_end: int = -1
    descriptor: str = ""
    content_start: int = -1
    content_end: int = -1
    quote_kind: str = "indirect"
    parent: int = -1  # index of the attribution this one is nested in
    source: str = ""
    source_type: str = ""
    extra: dict = field(default_factory=dict)




def rule_attributions(art: _Article) -> tuple[list[Attribution], list[int]]:
    """The rules' attributions in one tokenised text, in text order, and the sentence of each token (what
    the learned layer, ``newslab.attribution.model``, starts from)."""
    found: list[Attribution] = []
    low = art.low
    n = len(low)
    # sentence of each token (= art.sentence_of(token start)) and each sentence's token range [first, last):
    # sentence j >= 1 starts at the first token at or after its start, sentence 0 also takes any token before
    edges = [0, *(bisect.bisect_left(art.starts, s) for s in art.sent_starts[1:]), n]
    sent_of_tok: list[int] = []
    first_tok: dict[int, int] = {}
    last_tok: dict[int, int] = {}
    if any(b < a for a, b in zip(edges, edges[1:])):  # bounds out of order: token by token, as before
        edges = []
        sent_of_tok = [art.sentence_of(start) for start in art.starts]
        for k, s in enumerate(sent_of_tok):
            first_tok.setdefault(s, k)
            last_tok[s] = k + 1
    for j in range(len(edges) - 1):
        a, b = edges[j], edges[j + 1]
        if b > a:
            sent_of_tok += [j] * (b - a)
            first_tok[j], last_tok[j] = a, b
    if edges:  # the token ranges of the sentences (what model._sentences finds again in sent_of_tok)
        art.sentence_runs = (sent_of_tok, [(first_tok[j], last_tok[j]) for j in sorted(first_tok)])
    i = 0  # the next token a cue may start at
    lexicon = art.lexicon
    for hit in art.positions(lexicon, _OTHER_CUE_WORDS):  # only tokens that can start a cue
        if hit < i:
            continue  # inside a cue already taken
        i = hit
        cue = match_cue(low, i, lexicon) if low[i] in lexicon else None
        if cue is None:
            if low[i] in _OTHER_CUE_WORDS:
                s = sent_of_tok[i]
                att = _other_cue_at(art, i, first_tok[s], last_tok[s])
                if att is not None:
                    found.append(att)
            i += 1
            continue
        s = sent_of_tok[i]
        lo, hi = first_tok[s], last_tok[s]
        att = _attribution_at(art, i, cue, lo, hi, found)
        if att is not None:
            found.append(att)
            i = max(i + cue.length, att.extra.pop("skip_to", 0))  # "quoted ... as saying": one cue
        else:
            i += 1
    _nest(found)
    if DROP_NESTED:
        keep = [k for k, a in enumerate(found) if not (a.parent >= 0 and (
            a.cue_class in DROP_NESTED or a.mention_start < 0
            or (a.extra.get("weak") and found[a.parent].lemma in ("say", "tell"))))]
        remap = {old: new for new, old in enumerate(keep)}
        found = [found[k] for k in keep]
        for a in found:
            a.parent = remap.get(a.parent, -1)
    return found, sent_of_tok


def _other_cue_at(art: _Article, i: int, lo: int, hi: int) -> Attribution | None:
    """Cues that are not lexicon verbs: "his criticism of" (nominal), "reportedly", 'X: "..."', "in the poll"."""
    low = art.low
    w = low[i]
    if w in NOMINAL_CUES and i > 0 and art.quote_at(art.starts[i]) < 0:
        if low[i - 1] in POSSESSIVES or (low[i - 1] in ("'s", "\u2019s") and i - 1 > lo and art.is_name_word(i - 2)):
            return _nominal(art, i, Cue(w, "nominal", "strong", 1, w), lo, hi)
        return None
    if w == "reportedly" and art.quote_at(art.starts[i]) < 0:
        att = Attribution(art.starts[i], art.ends[i], art.words[i], w, "neutral")
        att.extra["rule"] = "reportedly"
        _content(att, art, art.starts[lo], art.ends[hi - 1])
        return att
    if w == ":":
        return _colon_attribution(art, i, lo, hi)
    if w == "in":
        return _in_document(art, i, lo, hi)
    return None


def _is_close_quote_tok(art: _Article, k: int) -> bool:
    if art.low[k] not in CLOSE_QUOTES:
        return False
    q = art.quote_at(art.starts[k] - 1)
    return q >= 0 and art.quotes[q][2] == art.starts[k]


def _np_after_according(art: _Article, k: int, hi: int) -> tuple[int, int]:
    """The source after "according to": up to the next comma or the end of the clause."""
    low = art.low
    if k >= hi or not (low[k][:1].isalnum()):
        return -1, -1
    if low[k] in PRONOUNS or low[k] in ("him", "her", "them", "me", "us"):
        return k, k + 1
    b = k
    while b < hi and b - k < 14 and low[b] not in (",", ";", ".", "(", ":", "\u2014", "?", "!") \
            and low[b] not in OPEN_QUOTES and low[b] not in ("that", "which", "who", "and", "but"):
        b += 1
    return (k, b) if b > k else (-1, -1)


_NOT_BEFORE_NOUN_CUE = frozenset(read_lines("not_before_noun_cue.txt"))


def _reject_before(prev: str) -> bool:
    return prev in _NOT_BEFORE_NOUN_CUE


_BE = frozenset(["was", "were", "is", "are", "been", "be", "being"])
_HAVE = frozenset(["has", "have", "had", "'ve", "\u2019ve"])
_NEGATION = frozenset(["not", "n't", "\u2019t", "never"])
_CONJUNCTIONS = frozenset(["and", "but", "or", "then"])
_PARTICIPLE_AFTER = frozenset([",", "\u2014", "and", "by", "when", "while", "after", "before", "in"])
_QUESTION_LEADS = frozenset(["when", "if", "after", "before", "as", "once", "while"])
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")
_QUOTE_MARK = re.compile("[\u201c\u201d\"\u00ab\u00bb]")


def _quote_mark_in(text: str, start: int, end: int) -> bool:
    """Whether ``_QUOTE_MARK`` occurs in ``text[start:end]`` (five ``str.find`` calls: a regular-expression
    search walks long contents character by character)."""
    return text.find('"', start, end) >= 0 or text.find("\u201c", start, end) >= 0 or \
        text.find("\u201d", start, end) >= 0 or text.find("\u00ab", start, end) >= 0 or \
        text.find("\u00bb", start, end) >= 0
_PLACE_PREPOSITIONS = frozenset("in at across near outside throughout around inside".split())
_REDUCED_RELATIVE_PREPS = frozenset(["by", "of", "for", "from", "with", "to", "among"])


@dataclass
class _Site:
    """One cue occurrence in its sentence: what every pattern function below looks at.

    ``i``: the cue's first token; ``lo``/``hi``: the sentence's token range; ``found``: the attributions
    found so far in the article (a participle takes its source from the sentence's earlier cue).
    """

    art: _Article
    i: int
    cue: Cue
    lo: int
    hi: int
    found: list[Attribution]

    def __post_init__(self) -> None:
        low = self.art.low
        self.k_after = self.i + self.cue.length
        self.prev = low[self.i - 1] if self.i - 1 >= self.lo else ""
        self.nxt = low[self.k_after] if self.k_after < self.hi else ""
        self.form = self.cue.form.split()[0]

    def new(self, rule: str) -> Attribution:
        art = self.art
        start, end = art.starts[self.i], art.ends[self.k_after - 1]
        att = Attribution(start, end, self.art.text[start:end], self.cue.lemma, self.cue.cue_class)
        att.extra["rule"] = rule
        if self.cue.strength == "weak":
            att.extra["weak"] = True
        return att

    def mention(self, att: Attribution, a: int, b: int) -> None:
        """Set the mention to tokens ``[a, b)``."""
        att.mention_start, att.mention_end = self.art.starts[a], self.art.ends[b - 1]


def _attribution_at(art: _Article, i: int, cue: Cue, lo: int, hi: int,
                    found: list[Attribution]) -> Attribution | None:
    """The attribution of the lexicon cue at token ``i``, or None when the word is no cue here.

    The patterns are tried in order; each small function below handles one construction and says in its
    docstring which (``att.extra["rule"]`` names the one that produced the row).
    """
    if art.quote_at(art.starts[i]) >= 0:
        return None  # words inside a quotation belong to its speaker's text, not the article's
    s = _Site(art, i, cue, lo, hi, found)
    if _not_a_cue(s):
        return None
    if cue.cue_class == "according_to":
        return _according_to(s)
    if _after_possessive(s):
        return _nominal(art, i, cue, lo, hi) if _is_nominal_noun(s) else None
    if _noun_use(s):
        return None
    shape = _participle_shape(s)
    if shape:
        return _participle_or_conjoined(s, shape)
    att = _quoted_as(s) or _passive_by(s)
    if att is None and _sourceless_passive(s):
        att = s.new("sourceless_passive")
        _content_after(att, art, s.k_after, hi)
    if att is not None:
        return att
    if cue.lemma == "comment" and s.prev in _NEGATION:
        return None  # "did not comment"
    a, b, desc, kind = art.subject_left(i, lo)
    if _reduced_relative(s, a, kind) or _relative_clause(s, a, kind):
        return None
    if cue.lemma == "continue" and kind not in ("pron", "name"):
        return None
    if kind and _not_a_speaker(s, a, b, kind):
        return None
    att = _vehicle_speaker(s, a, b, kind)
    if att is not None:
        return att
    inv, kind = _inversion(s, kind, (a, b) if kind else (-1, -1))
    att = _subject_or_inverted(s, a, b, desc, kind, inv)
    if att is not None and att.extra["rule"] == "subject" and (
            (kind == "noun" and _evidence_subject(s, a, b)) or (kind == "pron" and art.low[a] == "you")):
        # "Lab results revealed ...", "Do you think ...": the words stay tied to the cue (mention), but
        # nobody speaks: the source is empty and the sentence keeps the author's voice
        att.extra["no_speaker"] = True
    return att


# -- pattern functions (one construction each) -----------------------------------------------------

def _not_a_cue(s: _Site) -> bool:
    """'continues to trail', 'went on to say to', 'has seen', 'was sound': the cue word used as an ordinary
    verb or an adjective (a verb's base form right after "is"/"was" is no verb)."""
    if s.cue.lemma == "continue" and s.nxt[:1].isalnum() and s.nxt != "that":
        return True
    if s.prev in _BE and s.prev not in ("be", "being") and s.form == s.cue.lemma.split()[0]:
        return True
    if s.cue.lemma == "go on to say" and s.nxt == "to":
        return True
    return s.cue.form == "seen" and s.prev in _HAVE


def _after_possessive(s: _Site) -> bool:
    """'his claims', "Reed's warning": the cue word right after a possessive."""
    if s.prev in POSSESSIVES:
        return True
    return s.prev in ("'s", "\u2019s") and s.i - 2 >= s.lo and s.art.is_name_word(s.i - 2)


def _is_nominal_noun(s: _Site) -> bool:
    """A lower-case noun that reports speech after a possessive ("his criticism of")."""
    return s.art.words[s.i][:1].islower() and s.art.low[s.i] in NOMINAL_CUES


def _noun_use(s: _Site) -> bool:
    """'the report', 'this call', 'Secretary of State', 'the Post': the cue word used as a noun."""
    if _reject_before(s.prev):
        return True
    return s.cue.noun and s.art.words[s.i][:1].isupper() and s.i > s.lo and \
        not _title_case(s.art, s.lo, s.hi)  # headlines keep their cues: "Trump Slams Clinton"


def _according_to(s: _Site) -> Attribution | None:
    """'according to X, ...' / '..., according to X' / 'according to a hydrologist, Dr. Ines Falk,'."""
    art, lo, hi, low = s.art, s.lo, s.hi, s.art.low
    a, b = _np_after_according(art, s.k_after, hi)
    if a < 0:
        return None
    att = s.new("according_to")
    if b + 1 < hi and low[b] == "," and not art.is_name_word(a + (1 if low[a] in DETERMINERS else 0)):
        f = b + 1
        while f < hi and (art.is_name_word(f) or low[f] in art.titles):
            f += 1
        if b + 1 < f < hi and low[f] == ",":  # "according to a hydrologist, Dr. Ines Falk,"
            att.descriptor = art.text[art.starts[a]:art.ends[b - 1]]
            a, b = b + 1, f
    s.mention(att, a, b)
    att.quote_kind = "according_to"
    # content: the clause after "according to X," or before ", according to X"
    if s.i > lo and (low[s.i - 1] in (",", "(", "\u2014") or b >= hi or low[b] != ","):
        end_k = s.i - 1
        while end_k >= lo and low[end_k] in (",", "(", "\u2014", "and", "but"):
            end_k -= 1
        if end_k >= lo:
            _content(att, art, art.starts[lo], art.ends[end_k])
    if att.content_start < 0 and b < hi:
        _content(att, art, art.ends[b], art.ends[hi - 1])
    return att


def _participle_shape(s: _Site) -> str:
    """'participle' for '..., saying', 'conjoined' for '... and said', else ''."""
    if s.form.endswith("ing") and s.prev in _PARTICIPLE_AFTER:
        return "participle"
    j = s.art.skip_left(s.i - 1, s.lo)
    return "conjoined" if s.lo < j and s.art.low[j] in _CONJUNCTIONS else ""


def _participle_or_conjoined(s: _Site, shape: str) -> Attribution | None:
    """'..., saying ...', '..., citing Y', '... and said ...': a participle after a comma or a verb
    conjoined to an earlier one takes the sentence's subject (or earlier source); 'citing' takes the noun
    phrase after it."""
    art, lo, hi, cue = s.art, s.lo, s.hi, s.cue
    conj = shape == "conjoined" or (s.prev == "and" and s.i - 1 > lo)
    if cue.lemma in PARTICIPLE_SOURCE_AFTER and s.form.endswith("ing"):
        a, b = art.np_right(s.k_after, hi)
        if a < 0 and s.k_after < hi and art.is_nounish(s.k_after):  # "citing police sources"
            a, b = s.k_after, s.k_after + 1
            while b < hi and b - a < 5 and art.is_nounish(b):
                b += 1
        if a < 0:
            return None
        att = s.new("citing")
        s.mention(att, a, b)
        _content(att, art, art.ends[b - 1], art.ends[hi - 1])
        att.extra["citing"] = True
        return att
    if cue.noun and s.form == cue.lemma.split()[0]:
        return None
    att = s.new(shape)
    main = _main_subject(art, s.i, lo, s.found) if (cue.strength == "strong" or s.prev == "," or conj) else None
    if main is not None:  # else "... by talking about X": a cue whose source is not in view
        att.mention_start, att.mention_end = main
    _content_after(att, art, s.k_after, hi)
    return att


def _quoted_as(s: _Site) -> Attribution | None:
    """'X was quoted (by the Herald / in the Herald) as saying ...': X speaks; the paper only carries it."""
    art, low = s.art, s.art.low
    if s.form != "quoted" or s.prev not in _BE:
        return None
    k = next((k for k in range(s.k_after, min(s.hi - 1, s.k_after + 12)) if low[k] == "as"
              and low[k + 1] in ("saying", "telling", "calling", "describing", "warning", "suggesting")), -1)
    if k < 0:
        return None
    a, b, desc, kind = art.subject_left(s.i, s.lo)
    if not kind or _not_a_speaker(s, a, b, kind):
        return None
    att = s.new("quoted_as")
    att.extra["skip_to"] = k + 2
    s.mention(att, a, b)
    att.descriptor = desc
    _content_after(att, art, k + 2, s.hi)
    return att


def _passive_by(s: _Site) -> Attribution | None:
    """'it was reported by X that ...': the agent of a passive cue."""
    if s.prev not in _BE or s.nxt != "by":
        return None
    ra, rb = s.art.np_right(s.k_after + 1, s.hi)
    if ra < 0:
        return None
    att = s.new("passive_by")
    s.mention(att, ra, rb)
    _content_after(att, s.art, rb, s.hi)
    return att


def _sourceless_passive(s: _Site) -> bool:
    """'is expected to', 'have been published': a passive cue with no visible source."""
    return s.prev in _BE and s.form.endswith(("ed", "en", "wn")) and \
        s.cue.lemma not in ("add", "deny", "name", "focus on")


def _reduced_relative(s: _Site, a: int, kind: str) -> bool:
    """'organised by groups opposed to the dam': a past participle modifying a noun, no cue."""
    return kind == "noun" and s.form.endswith("ed") and a - 1 >= s.lo and \
        s.art.low[a - 1] in _REDUCED_RELATIVE_PREPS


def _relative_clause(s: _Site, a: int, kind: str) -> bool:
    """'the pipeline she asked for': a pronoun subject inside a relative clause on a noun."""
    art = s.art
    return RELATIVE_CHECK and kind == "pron" and a - 1 >= s.lo and art.low[a - 1].isalpha() and \
        art.is_nounish(a - 1) and art.low[a - 1] not in TIME_WORDS and not art.is_name_word(a - 1)


def _not_a_speaker(s: _Site, a: int, b: int, kind: str) -> bool:
    """Subjects that never speak: bare years and dates ("2012 added", "March 2021 revealed"; a bare count
    such as "43 said" or "42% say" is a poll's people and stays), and a place right before an -ing form ("protests in Lyon calling for ...": the
    protests call, the place does not)."""
    low = s.art.low
    if kind == "name" and b == s.i and s.form.endswith("ing"):
        k = b - 1
        while k > a and s.art.is_name_word(k):
            k -= 1
        if k - 1 >= s.lo and (low[k] in _PLACE_PREPOSITIONS or k == a and low[k - 1] in _PLACE_PREPOSITIONS):
            return True
    # a bare number or date: "2012 added", "March 2021 revealed" (but "47 percent said" is a poll's people)
    dated = any(_YEAR.match(low[k]) or low[k] in calendar_words() for k in range(a, b))
    return dated and all(low[k][:1].isdigit() or low[k] in calendar_words() or low[k] in DETERMINERS
                         or not low[k][:1].isalnum() for k in range(a, b))


def _evidence_subject(s: _Site, a: int, b: int) -> bool:
    """'Lab results revealed', 'The X-ray showed', '1,200 cases reported': a measured or counted thing, not a
    source (lexicons/evidence_nouns.txt), unless the phrase names an owner or a publication ("Gallup's data",
    "poll results")."""
    art, low = s.art, s.art.low
    counted = low[a][:1].isdigit()  # "1,200 cases reported"
    if s.cue.cue_class != "assertive" and s.cue.lemma != "suggest" and not counted:
        return False
    if low[b - 1] not in _evidence_nouns():
        return False
    for k in range(a, b - 1):
        if art.is_name_word(k) or (low[k] in art.type_words and low[k] not in _evidence_nouns()):
            return False
    return True


@lru_cache(maxsize=1)
def _evidence_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in read_lines("evidence_nouns.txt"))


def _vehicle_speaker(s: _Site, a: int, b: int, kind: str) -> Attribution | None:
    """'Trump released a statement saying ...' / '... a statement that said ...': the one who issued the
    statement speaks, not the statement."""
    art, low = s.art, s.art.low
    at = -1
    if kind == "noun" and low[b - 1] in VEHICLES and s.form.endswith("ing"):
        at = a
    elif kind == "rel" and low[a] in ("that", "which") and a - 1 >= s.lo and low[a - 1] in VEHICLES:
        at = a - 1
    if at < 0:
        return None
    main = _main_subject(art, at, s.lo, s.found)
    if main is None:
        return None
    att = s.new("vehicle")
    att.mention_start, att.mention_end = main
    _content_after(att, art, s.k_after, s.hi)
    return att


_NOT_ROLE_WORDS = frozenset(read_lines("not_role_words.txt"))


def _np_after_inverted_cue(art: _Article, k: int, hi: int) -> tuple[int, int]:
    """The source after an inverted cue: a noun phrase, or up to four lower-case role words before a
    name ('said master of ceremonies Jo Reed', 'said event organiser Jo Reed')."""
    ra, rb = art.np_right(k, hi)
    if ra >= 0:
        if art.is_name_word(ra) and rb < hi and art.words[rb][:1].islower():
            e = _role_words_then_name(art, rb, hi)  # "said Republican party boss Reince Priebus"
            if e > 0:
                return ra, e
        return ra, rb
    e = _role_words_then_name(art, k, hi)
    return (k, e) if e > 0 else (-1, -1)


def _role_words_then_name(art: _Article, k: int, hi: int) -> int:
    """The end of 'party boss Reince Priebus' (up to four lower-case role words, then a name) at ``k``,
    else -1."""
    d = k
    while d < hi and d - k < 4 and art.low[d].isalpha() and art.words[d][:1].islower() and \
            art.low[d] not in _NOT_ROLE_WORDS and art.low[d] not in PRONOUNS:
        d += 1
    if k < d < hi and art.low[d - 1] != "of" and art.is_name_word(d):
        a, b = art.np_right(d, hi)
        if a >= 0:
            return b
    return -1


def _inversion(s: _Site, kind: str, subject: tuple[int, int] = (-1, -1)) -> tuple[tuple[int, int] | None, str]:
    """'"...," said X' / ', says X' / sentence-initial 'Said X': the source after the cue.

    Returns the source's token range (or None) and the subject kind ('' once the inversion wins)."""
    art, low, lo, hi, cue = s.art, s.art.low, s.lo, s.hi, s.cue
    after_quote = s.prev in CLOSE_QUOTES
    if kind == "" and (cue.lemma.split()[0] not in ("tell", "ask") or after_quote):
        if not (s.i == lo or s.prev in (",", "\u2014") or after_quote):
            return None, kind
        ra, rb = _np_after_inverted_cue(art, art.skip_right_time(s.k_after, hi), hi)
        if ra >= 0 and (after_quote or rb >= hi or low[rb] in INVERSION_FOLLOW or low[rb] in TIME_WORDS):
            return (ra, rb), kind
        return None, kind
    # a "name" subject that does not start like one ("lacks support ... in Congress, whom ..., said X")
    # is no subject: the clause before the comma is what X said
    sa, sb = subject
    odd_name = kind == "name" and sa >= 0 and (
        (not art.is_name_word(sa) and low[sa] not in DETERMINERS) or
        sum(1 for x in range(sa, sb) if art.words[x][:1].islower() and low[x].isalpha()
            and low[x] not in ("of", "for", "de", "the", "and")) >= 3)
    if s.prev == "," and cue.cue_class != "belief" and (kind != "name" or odd_name) and \
            cue.lemma not in ("tell", "ask"):
        ra, rb = _np_after_inverted_cue(art, art.skip_right_time(s.k_after, hi), hi)
        if ra >= 0 and (art.is_name_word(ra) or low[ra] in DETERMINERS) and (
                rb >= hi or low[rb] in INVERSION_FOLLOW or low[rb] in TIME_WORDS):
            return (ra, rb), ""
    return None, kind


def _subject_or_inverted(s: _Site, a: int, b: int, desc: str, kind: str,
                         inv: tuple[int, int] | None) -> Attribution | None:
    """'X said ...', '"...," X said', '"...," said X', or a strong cue with no visible source; weak and
    noun-like cues need a clear subject; the content is the quotation before or after the cue, or the
    rest (or the start) of the clause."""
    art, low, lo, hi, cue, i = s.art, s.art.low, s.lo, s.hi, s.cue, s.i
    strong_subject = kind in ("pron", "rel", "name") or (
        kind == "noun" and (low[b - 1] in art.type_words or (not cue.noun and low[b - 1].endswith("s"))))
    if kind == "pron" and low[a] == "it" and cue.cue_class == "belief":
        strong_subject = False
    inv_ok = inv is not None and (art.is_name_word(inv[0]) or low[inv[0]] in PRONOUNS or
                                  low[inv[0]] in DETERMINERS)
    if cue.lemma in IMPERSONAL and not strong_subject and inv is None:
        att = s.new("impersonal")  # "the race appears closer": a cue with no source
        _content_after(att, art, s.k_after, hi)
        return att
    if kind == "" and inv is None and s.form in ("asked", "pressed") and (
            i == lo or s.prev in _QUESTION_LEADS or s.prev in OPEN_QUOTES):
        att = s.new("question")  # "When asked about ...": the reporter asks
        # the question ends at its comma: "Asked about the plan, Reed said ..." (Reed's answer is not in it)
        end = next((c for c in range(s.k_after, hi) if low[c] == ","), hi)
        _content_after(att, art, s.k_after, end)
        return att
    base = cue.lemma.split()[0]
    if cue.strength == "weak" or (cue.noun and s.form in (base, base + "s")):
        if not (strong_subject or inv_ok):
            return None
    if inv is not None:
        att = s.new("inversion")
        s.mention(att, *inv)
        tail = inv[1]
    elif kind:
        att = s.new("subject")
        s.mention(att, _coordinated_start(art, a, lo) if kind == "name" else a, b)
        att.descriptor = desc
        if kind == "rel" and art.starts[a] in art.antecedents:
            att.extra["antecedent"] = art.antecedents[art.starts[a]]
        tail = s.k_after
    elif cue.strength == "strong":
        att = s.new("no_source")  # "as previously reported", "..., adding that ..."
        tail = s.k_after
    else:
        return None
    if att.extra["rule"] == "no_source" and i == lo and s.form.endswith("ing"):
        # "Writing in the Guardian, Reed argued ...": the opening phrase ends at its comma; the main
        # clause is the sentence's own attribution, not part of this one
        hi = next((c for c in range(s.k_after, hi) if low[c] == ","), hi)
    # content: a quotation just before the cue, or after it, or the rest of the clause
    if not _content_quote_before(att, art, i, lo, a if kind else i) and not _content_after(att, art, tail, hi):
        if i > lo:
            end_k = (a if (kind and inv is None) else i) - 1
            while end_k >= lo and low[end_k] in (",", "\u2014", ":", "-"):
                end_k -= 1
            if end_k >= lo:
                _content(att, art, art.starts[lo], art.ends[end_k])
    return att


def _coordinated_start(art: _Article, a: int, lo: int) -> int:
    """'Tom Bale and Jo Reed said': the first token of names joined by "and" before the subject name at
    ``a`` (PolNeAR marks the whole coordination as the source); ``a`` when no name is joined to it."""
    low = art.low
    j = a - 1
    if j - 1 < lo or low[j] != "and" or not art.is_name_word(j - 1):
        return a
    k = j - 1
    while k - 1 >= lo and art.is_name_word(k - 1):
        k -= 1
    if k > lo and low[k - 1] not in (",", "\u2014", "--", ":", "both") and low[k - 1] not in OPEN_QUOTES and \
            low[k - 1] not in CLOSE_QUOTES:
        return a  # "... met Tom Bale and Jo Reed said": the first name belongs to the clause before
    return k - 1 if k > lo and low[k - 1] == "both" else k


def _title_case(art: _Article, lo: int, hi: int) -> bool:
    """A headline in Title Case: most words of the sentence start with a capital."""
    words = [w for w in art.words[lo:hi] if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _nominal(art: _Article, i: int, cue: Cue, lo: int, hi: int) -> Attribution | None:
    """"his criticism of X", "Trump's claims that ...": the possessor is the source."""
    low = art.low
    att = Attribution(art.starts[i], art.ends[i + cue.length - 1], "", cue.lemma, cue.cue_class)
    att.cue = art.text[att.cue_start:att.cue_end]
    att.extra["rule"] = "nominal"
    att.quote_kind = "nominal"
    if low[i - 1] in POSSESSIVES:
        att.mention_start, att.mention_end = art.starts[i - 1], art.ends[i - 1]
    else:
        a, b, _ = art.np_left(i - 2, lo)
        att.mention_start, att.mention_end = art.starts[a], art.ends[b - 1]
    k = i + cue.length
    if k < hi and low[k] in ("of", "that", "about", "for", "on", "to", "against"):
        k += 1
    e = k
    while e < hi and low[e] not in (",", ";", ".") and e - k < 25:
        e += 1
    if e > k:
        _content(att, art, art.starts[k], art.ends[e - 1])
    return att


def _colon_attribution(art: _Article, c: int, lo: int, hi: int) -> Attribution | None:
    """'X: "..."' / 'Name: headline words' - a short name, then a colon, then the words."""
    low = art.low
    start = lo
    for k in range(c - 1, lo - 1, -1):
        if low[k] in ("-", "\u2014", "\u2013") or low[k] in CLOSE_QUOTES:
            start = k + 1
            break
    n = c - start
    if n < 1 or n > 4 or c + 1 >= hi:
        return None
    if not all(art.is_name_word(k) for k in range(start, c)) or low[start] in COLON_LABELS:
        return None
    if n == 1 and not (art.words[start].isupper() or low[start] in art.known_names):
        if low[c - 1] in art.titles:
            return None
        if not (c + 1 < hi and low[c + 1] in OPEN_QUOTES) and low[start] not in art.known_names and c > lo + 1:
            return None
    quoted = c + 1 < hi and low[c + 1] in OPEN_QUOTES
    if not quoted and low[c + 1][:1].isdigit():
        return None  # a list item or a tally: "Containers: 1 green bin", "Clinton: 547"
    att = Attribution(art.starts[c], art.ends[c], ":", ":", "neutral")
    att.extra["rule"] = "colon"
    att.mention_start, att.mention_end = art.starts[start], art.ends[c - 1]
    _content_after(att, art, c + 1, hi)
    if att.content_start < 0:
        return None
    return att


def _in_document(art: _Article, i: int, lo: int, hi: int) -> Attribution | None:
    """'In the latest poll, ...' / '..., in the survey' - a document as the source."""
    low = art.low
    k = i + 1
    end = min(hi, i + 9)
    while k < end and low[k] not in (",", ".", ";") and low[k] not in POLL_HEADS:
        k += 1
    if k >= end or low[k] not in POLL_HEADS:
        return None
    if (k + 1 < hi and low[k + 1] in ("of", "for")) or (i > lo and low[i - 1] != ","):
        return None
    att = Attribution(art.starts[i], art.ends[i], art.words[i], "in", "nominal")
    att.extra["rule"] = "in_document"
    att.quote_kind = "nominal"
    att.mention_start, att.mention_end = art.starts[i + 1], art.ends[k]
    e = k + 1
    while e < hi and low[e] != ",":
        e += 1
    if i == lo or (low[i - 1] != "," and i - lo < 2):
        _content(att, art, art.ends[min(e, hi - 1)], art.ends[hi - 1])
    else:
        _content(att, art, art.starts[lo], art.ends[i - 1])
    return att


def _main_subject(art: _Article, i: int, lo: int, found: list[Attribution]) -> tuple[int, int] | None:
    """Source of a participle cue ("..., saying"): the previous cue's source in the sentence, else the
    sentence's first noun phrase."""
    sent_start = art.starts[lo]
    # an opening clause ("When Maddow pointed out that ..., Clinton seized on it, repeating ...") ends at
    # the sentence's first comma: a cue inside it is not the main clause's
    intro_end = -1
    if art.low[lo] in INTRO_WORDS:
        intro_end = next((art.starts[c] for c in range(lo, i) if art.low[c] == ","), -1)
    for att in reversed(found[-NEST_WINDOW:]):
        if att.cue_start < sent_start:
            break
        if att.cue_class == "nominal" or att.cue_start < intro_end:
            continue  # "to calm Russian fears, reassuring ...": the fears do not reassure
        if att.mention_start >= 0:
            return att.mention_start, att.mention_end
    k = lo
    # a later clause of its own: "..., while her rival, Bernie Sanders, has soared by saying"
    for c in range(i - 1, lo, -1):
        if art.low[c] == ";" or (art.low[c - 1] == "," and art.low[c] in ("while", "but", "whereas", "although")):
            k = c + 1
            break
    while k < i and (art.low[k] in OPEN_QUOTES or art.low[k] in CLOSE_QUOTES):
        k += 1
    # a dateline: "MYRTLE BEACH, S.C. -- ..."
    d = k
    while d < i and (art.words[d].isupper() or art.low[d] in (",", ".")) and d - k < 8:
        d += 1
    if d > k and d < i and art.low[d] in ("-", "\u2014", "\u2013"):
        k = d + 1
    for _ in range(4):
        first = art.low[k] if k < i else ""
        intro = first in INTRO_WORDS or first.endswith(("ing", "ed")) or first in TIME_WORDS or any(
            art.low[x] in TIME_WORDS or art.low[x] in ("minutes", "hours", "days", "weeks", "months", "years")
            for x in range(k, min(i, k + 3)))
        # an introductory phrase, or a name in commas: "..., Reed, who ..." (skipped up to its comma)
        name_in_commas = art.is_name_word(k) and k + 1 < i and art.low[k + 1] == "," and k > lo and \
            art.low[k - 1] == ","
        if k < i and (intro or name_in_commas):
            c = k
            while c < i and c - k < 20 and art.low[c] != ",":
                c += 1
            if c < i and art.low[c] == ",":
                k = c + 1
                continue
        break
    while k < i and not (art.low[k] in PRONOUNS or art.is_name_word(k) or art.is_nounish(k)):
        k += 1
    if k >= i:
        return None
    b = k + 1
    if art.is_name_word(k):
        while b < i and art.is_name_word(b):
            b += 1
    elif art.low[k] not in PRONOUNS:
        while b < i and (art.is_nounish(b)):
            b += 1
        b = min(b, k + 3)
    return art.starts[k], art.ends[b - 1]


def _content(att: Attribution, art: _Article, start: int, end: int, keep_stop: bool = False) -> None:
    text = art.text
    while start < end and (text[start].isspace() or text[start] in ",:;\u2014-"):
        start += 1
    q = art.quote_at(start)
    quoted = keep_stop or (q >= 0 and art.quotes[q][1] == start and art.quotes[q][2] - 1 <= end <= art.quotes[q][2] + 1)
    while end > start and (text[end - 1].isspace() or text[end - 1] in (",:;\u2014-" if quoted else ",:;.\u2014-")):
        end -= 1
    if end > start:
        att.content_start, att.content_end = start, end
        if q >= 0 and art.quotes[q][1] <= start and end <= art.quotes[q][2] + 1:
            att.quote_kind = "direct"
        elif _quote_mark_in(text, start, end) or text.find("''", start, end) >= 0:
            att.quote_kind = "mixed"


def _content_quote_before(att: Attribution, art: _Article, i: int, lo: int, a: int) -> bool:
    """'"...," he said': the quotation closing right before the source or cue."""
    low = art.low
    j = min(a, i) - 1
    while j >= lo and low[j] in (",", "\u2014", "-"):
        j -= 1
    if j < lo or low[j] not in CLOSE_QUOTES:  # the quotation must close in this sentence
        return False
    q = art.quote_at(art.starts[j] - 1)
    if q < 0:
        return False
    s, e = art.quotes[q][1], art.quotes[q][2]
    # a quote split around the cue: '"A," he said, "B."'
    k = i + 1
    while k < len(low) and k < i + 8 and low[k] not in OPEN_QUOTES and low[k] not in PUNCT_END:
        k += 1
    if k < len(low) and low[k] in OPEN_QUOTES and k - 1 >= 0 and low[k - 1] in (",", ":"):
        q2 = art.quote_at(art.ends[k])
        if q2 >= 0:
            e = art.quotes[q2][2]
    _content(att, art, s, e, keep_stop=True)
    if att.content_start >= 0:
        att.quote_kind = "direct"
        return True
    return False


def _content_after(att: Attribution, art: _Article, k: int, hi: int) -> bool:
    """Content after the cue: a quotation opening there, or the rest of the clause."""
    low = art.low
    n = len(low)
    k = art.skip_right_time(k, hi)
    while k < hi and (low[k] in (",", ":", "that", "\u2014") or low[k] in TIME_WORDS):
        k += 1
    if k < hi and low[k] in PUNCT_END:
        return False
    # "told reporters: '...'", "said on Tuesday, '...'": the quotation a few words on
    for x in range(k, min(hi, k + 7)):
        if low[x] in OPEN_QUOTES and x > k and low[x - 1] in (":", ","):
            k = x
            break
        if low[x] in PUNCT_END or low[x] in OPEN_QUOTES or low[x] in CLOSE_QUOTES:
            break
    if k < n and low[k] in OPEN_QUOTES:
        q = art.quote_at(art.ends[k])
        if q >= 0:
            _content(att, art, art.quotes[q][1], art.quotes[q][2])
            if att.content_start >= 0:
                if art.quotes[q][1] > art.ends[k]:
                    att.quote_kind = "mixed"
                # the quotation may continue past this sentence: '... said: "A. B. C."'
                return True
    if k >= hi:
        return False
    end = art.ends[hi - 1]
    _content(att, art, art.starts[k], end)
    return att.content_start >= 0


def _nest(found: list[Attribution]) -> None:
    """Mark an attribution nested in another when its cue lies inside the other's content."""
    n = len(found)
    contents = [(a.content_start, a.content_end) for a in found]  # the loop below changes parents only
    for idx, att in enumerate(found):
        cue = att.cue_start
        for jdx in range(max(0, idx - NEST_WINDOW), min(n, idx + NEST_WINDOW + 1)):
            start, end = contents[jdx]
            if jdx == idx or start < 0 or not start <= cue < end:
                continue
            other = found[jdx]
            mutual = att.content_start >= 0 and att.content_start <= other.cue_start < att.content_end
            if mutual:
                if att.cue_class == "according_to" or (other.cue_class != "according_to" and (
                        att.content_end - att.content_start >= other.content_end - other.content_start)):
                    continue
            att.parent = jdx
            break
