"""One identity per source across the corpus: ``source_id``, ``alias`` and ``gender`` columns.

Two steps, so that every engine, worker count and batch size gives the same identities:

1. :func:`within_article` (per article, inside :func:`newslab.pipeline.process`): a surname or honorific form
   ("Obama", "Mrs. Clinton") takes the longest full name the article gives that person ("Barack H. Obama"),
   keeping same-surname people apart by their first names and by Mr./Mrs./Ms.; the result is the row's
   ``alias``. The article's own gender evidence for each alias (an honorific, else the majority pronoun of
   the attributions resolved to it) goes in ``gender_evidence``.
2. :func:`link` (over the whole corpus): name statistics (:func:`name_stats`, summable per batch) are reduced
   to :class:`Identities`, then every row is rewritten: ``source`` becomes the identity's display name and
   ``source_id`` its key, in ``sources``, ``sentences`` and ``stances``. Full names with the same first name
   and surname are one person ("Barack Obama", "Barack H. Obama"; "George W." and "George H.W. Bush" stay
   apart); a bare surname with no full name in its article joins the corpus's dominant person of that
   surname only when that person has most of the surname's attributions among people of the gender the
   article gives (Mr./Mrs., pronouns) and the title it uses ("Secretary Clinton"), else it stays as
   written; an acronym joins the one long name in the corpus with those initials ("WHO" / "World Health
   Organization"). Names from a user alias table (``sources=``) are taken as they are: nothing is merged
   into or out of them.

Both steps read only their own output columns' inputs (``alias``, ``source_type``, ``mention``,
``gender_evidence``), so linking again gives the same bytes.

>>> import pandas as pd
>>> rows = pd.DataFrame({"attribution_id": ["a-001", "b-001"], "article_id": ["a", "b"],
...                      "source": ["Barack H. Obama", "Mr. Obama"], "mention": ["Barack H. Obama", "Mr. Obama"],
...                      "source_type": ["person", "person"]})
>>> arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["", ""]})
>>> tables = link({"sources": within_article(arts, rows)[0]})
>>> tables["sources"][["source", "source_id", "gender"]].values.tolist()
[['Barack H. Obama', 'barack-h-obama', 'm'], ['Barack H. Obama', 'barack-h-obama', 'm']]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from newslab.attribution.gender import first_name_gender, first_name_weight, honorific_gender, pronoun_gender
from newslab.attribution.source_types import source_type_words, titles
from newslab.core.lexicon import read_lines, read_table

__all__ = ["within_article", "name_stats", "Identities", "link", "person_name", "is_person", "PERSON_TYPES"]

PERSON_TYPES = ("person", "official", "expert")
#: share of a surname's attributions (among people of the article's gender) a person needs for a bare
#: surname to join them; tuned on PolNeAR train
DOMINANCE = 0.75
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_SUFFIX_WORDS = frozenset(x.rstrip(".") for x in _SUFFIXES)
_PARTICLES = frozenset(read_lines("identity_particles.txt"))
_ORG_STOP = frozenset(read_lines("acronym_stop_words.txt"))
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'\u2019\-]*|[A-Z]\.(?:[A-Z]\.)*|[A-Z])$")
# runs of two capitalised words or more ("Hillary Rodham Clinton", "Ludwig van Beethoven"); the capital is tested
# before the word boundary and the first word is atomic: the runs a one-or-more-words pattern finds, faster
_NAMES = re.compile(r"(?=[A-Z])\b(?>[A-Z][\w'\u2019\-]*|[A-Z]\.)(?:\s+(?:(?:de|van|von|da|del|bin|al)\s+)?"
                    r"(?:[A-Z][\w'\u2019\-]*|[A-Z]\.))+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,8}$|^[A-Z][A-Z&]{1,7}$")
_HONORIFIC_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mister)\.?\s+((?:[A-Z][\w'\u2019\-]*\s+)*[A-Z][\w'\u2019\-]*)")
_ARTICLE_EVIDENCE = ("honorific ", "pronoun ")
_EMPTY = ""


# ------------------------------------------------------------------------------------------ names

@lru_cache(maxsize=1)
def _prefix_words() -> frozenset:
    from newslab.attribution.resolve import _descriptors

    words = {w.lower() for w in read_lines("name_prefixes.txt")}
    words |= {w.lower() for w in read_lines("sentence_starters.txt")}
    words |= set(titles()) | set(_descriptors()) | set(source_type_words())
    return frozenset(words)


def _is_name_start(word: str) -> bool:
    """A capitalised known first name ("Benjamin"), or an initial ("J.")."""
    return word[:1].isupper() and (bool(first_name_gender(word)) or bool(re.match(r"^[A-Z]\.$", word)))


def _is_first_name(word: str) -> bool:
    from newslab.attribution.source_types import first_names

    return word.lower() in first_names()


@lru_cache(maxsize=65536)
def person_name(name: str) -> str:
    """``name`` as a person's name without leading non-name words, or ``''`` when it is not shaped like one.

    >>> person_name("Democrat Hillary Clinton"), person_name("WASHINGTON -- President Obama")
    ('Hillary Clinton', 'Obama')
    >>> person_name("Ministry of Health"), person_name("One of Trump")
    ('', '')
    """
    words = name.replace("\u2019", "'").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    prefix = _prefix_words()
    while len(words) > 1 and not _is_first_name(words[0]) and (
            words[0].lower().strip(",") in prefix or not any(c.isalpha() for c in words[0])
            or (words[0].isupper() and len(words[0].strip(".,")) > 1 and not re.match(r"^[A-Z]\.$", words[0]))):
        words = words[1:]
    if len(words) > 2 and not _is_name_start(words[0]):
        # "Israeli Prime Minister Benjamin Netanyahu", "Democracy Corps' Stan Greenberg": from the first name on
        k = next((k for k in range(1, len(words) - 1) if _is_name_start(words[k])), 0)
        words = words[k:]
    if not words or len(words) > 5:
        return ""
    for i, w in enumerate(words):
        if w.lower() in _PARTICLES and 0 < i < len(words) - 1:
            continue
        if w.lower() in _SUFFIXES and i > 1:
            continue
        if not _NAME_TOKEN.match(w) or w.lower() in ("of", "for", "and", "the"):
            return ""
    if len(words) == 1 and (words[0].isupper() or len(words[0]) < 2):
        return ""  # an acronym or a lone initial is no surname
    orgs = _org_words()
    if any(w.lower() in orgs or "-" in w and any(p in orgs for p in w.lower().split("-")) for w in words):
        return ""
    return " ".join(words)


@lru_cache(maxsize=1)
def _org_words() -> frozenset:
    from newslab.attribution.resolve import _descriptors

    skip = set(titles()) | set(_descriptors())  # "editor", "columnist": words for people
    words = {w.lower() for w in read_lines("org_words.txt")}
    words |= {w for w, (t, _) in source_type_words().items() if t not in PERSON_TYPES and w not in skip}
    return frozenset(words)


@dataclass(frozen=True)
class _Parsed:
    first: str  # lower case ('' for a bare surname)
    middle: str  # initials of the middle names, upper case ("HW"), '' when none
    last: str  # lower case
    suffix: str  # "jr", "sr", "ii", ... or ''


@lru_cache(maxsize=65536)
def _parse(name: str) -> _Parsed | None:
    words = name.split()
    if not words:
        return None
    suffix = ""
    if len(words) > 2 and words[-1].lower().rstrip(".").rstrip(",") in {s.rstrip(".") for s in _SUFFIXES}:
        suffix = words[-1].lower().rstrip(".")
        words = [w.rstrip(",") for w in words[:-1]]
    if len(words) == 1:
        return _Parsed("", "", _fold(words[0]), suffix)
    last_start = len(words) - 1
    while last_start > 1 and words[last_start - 1].lower() in _PARTICLES:
        last_start -= 1
    first, middle, last = words[0], words[1:last_start], words[last_start:]
    initials = "".join(c for m in middle for c in m if c.isupper())
    return _Parsed(_fold(first.rstrip(".")), initials, _fold(" ".join(last)), suffix)


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    if s.isascii():  # no accents to take off, no ’
        return s.lower()
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("\u2019", "'")


def _key(name: str) -> str:
    """A spelling-insensitive key: case, accents, dots, a leading 'the' and hyphens do not count."""
    k = _fold(name).replace(".", "").replace("'s ", " ").replace("-", " ").replace("'", "")
    k = " ".join(k.split())
    return k[4:] if k.startswith("the ") else k


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _ORG_STOP and w[:1].isupper())


_NOT_PEOPLE = ("anonymous", "document", "party", "group")


@lru_cache(maxsize=65536)
def is_person(name: str, stype: str) -> bool:
    """Whether a source names one person: a person-shaped name typed person/official/expert, or (for people
    typed by their employer: media, company, ngo, ...) a full name whose first word is a known first name and
    no word of which names an organisation ("Jonas McAllister", not "Morgan Stanley Bank").

    >>> is_person("Jonas McAllister", "media"), is_person("Brannock Construction", "company")
    (True, False)
    """
    if not name or stype in _NOT_PEOPLE:
        return False
    pname = person_name(name)
    if not pname:
        return False
    if stype in PERSON_TYPES:
        return True
    p = _parse(pname)
    if p is None or not p.first or not first_name_gender(p.first):
        return False
    types = source_type_words()
    if any(types.get(w.lower(), ("person",))[0] not in PERSON_TYPES for w in pname.split()):
        return False
    from newslab.attribution.source_types import gazetteer

    hit = gazetteer().get(_fold(pname))
    return hit is None or hit[1] in PERSON_TYPES or not hit[1]


# ------------------------------------------------------------------------------- step 1: one article

def _article_people(text: str, surnames: set) -> dict[str, list[str]]:
    """``{surname key: [full names as written]}`` of the people with one of ``surnames`` (folded) named in
    one article by two words or more."""
    out: dict[str, list[str]] = defaultdict(list)
    for m in _NAMES.finditer(text):
        raw = m.group()
        if " " not in raw:
            continue
        last = raw.rsplit(None, 1)[-1].replace("\u2019", "'").removesuffix("'s").rstrip(".,")
        if _fold(last) not in surnames and not (_fold(last) in _SUFFIXES and " " in raw.strip()):
            continue
        name = person_name(raw)
        p = _parse(name) if name and " " in name else None
        if p is None or not p.first or not first_name_gender(p.first) and not _is_first_name(p.first):
            continue  # only names whose first word is a known first name count as a person's full name
        if name not in out[p.last]:
            out[p.last].append(name)
    return out


def _same_person(a: _Parsed, b: _Parsed) -> bool:
    if a.last != b.last or a.suffix != b.suffix:
        return False
    if a.first and b.first and a.first != b.first:
        return False
    return not a.middle or not b.middle or a.middle.startswith(b.middle) or b.middle.startswith(a.middle)


def _longest(names: list[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n), n))


def _pick_full(name: str, gender: str, resolved: str, people: dict[str, list[str]]) -> str:
    """The article's full name for ``name`` (a surname, or a full name to lengthen), or ``''``."""
    p = _parse(name)
    if p is None:
        return ""
    cands = people.get(p.last, [])
    if not cands:
        return ""
    if p.first:
        same = [c for c in cands if _same_person(_parse(c), p)]
        return _longest(same) if same else ""
    persons: list[list[str]] = []  # candidates grouped by person
    for c in cands:
        pc = _parse(c)
        for group in persons:
            if _same_person(_parse(group[0]), pc):
                group.append(c)
                break
        else:
            persons.append([c])
    if gender:
        persons = [g for g in persons if first_name_gender(_parse(g[0]).first) in (gender, "")]
    if len(persons) == 1:
        return _longest(persons[0])
    rp = _parse(resolved) if resolved else None
    for group in persons:  # the resolver's choice (the nearest full name) when it fits
        if rp is not None and rp.first and any(_same_person(_parse(c), rp) for c in group):
            return _longest(group)
    return ""


def within_article(articles: pd.DataFrame, sources: pd.DataFrame, sentences: pd.DataFrame | None = None,
                   user_table: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Step 1, per article: ``(sources, sentences)`` with ``alias`` and ``gender_evidence`` added to ``sources``
    and ``source`` set to the alias in both. Names from the ``user_table`` alias table are left as they are."""
    out = alias_rows(articles, sources, pinned_names(user_table))
    if sentences is None or sentences.empty or out.empty or "attribution_id" not in sentences:
        return out, sentences
    by_att = dict(zip(out["attribution_id"].astype(object), out["alias"].astype(object)))
    sentences = sentences.copy()
    sentences["source"] = pd.array([by_att.get(a, s) if isinstance(a, str) else s for a, s in zip(
        sentences["attribution_id"].astype(object), sentences["source"].astype(object))], dtype="string")
    return out, sentences


def alias_rows(articles: pd.DataFrame, sources: pd.DataFrame, pinned: Iterable[str] = ()) -> pd.DataFrame:
    """``sources`` with ``alias`` (the source's name within its article) and ``gender_evidence``."""
    out = sources.copy()
    n = len(out)
    if n == 0:
        for col in ("alias", "gender_evidence"):
            out[col] = pd.Series([], dtype="object")
        return out
    pinned = frozenset(pinned)
    texts = dict(zip(articles["article_id"], articles["text"]))
    src = out["source"].fillna("").astype(str).tolist()
    mention = out["mention"].fillna("").astype(str).tolist() if "mention" in out else [""] * n
    stype = out["source_type"].fillna("").astype(str).tolist()
    aids = out["article_id"].tolist()
    alias = list(src)
    people_cache: dict[str, dict[str, list[str]]] = {}
    need: dict[str, set] = defaultdict(set)  # per article: the surnames of its person sources
    for s0, t0, a0 in zip(src, stype, aids):
        if s0 and s0 not in pinned and (t0 in PERSON_TYPES and person_name(s0) or is_person(s0, t0)):
            need[a0].add(_parse(person_name(s0)).last.rsplit(None, 1)[-1])
    for i in range(n):
        s = src[i]
        if not s or s in pinned or not (stype[i] in PERSON_TYPES or is_person(s, stype[i])):
            continue
        pname = person_name(s)
        if not pname:
            continue
        g, _ = honorific_gender(mention[i])
        p = _parse(pname)
        surname_only = p is not None and not p.first
        wrong_gender = bool(g) and p is not None and p.first and first_name_gender(p.first) not in (g, "")
        aid = aids[i]
        if aid not in people_cache:
            text = texts.get(aid)
            people_cache[aid] = _article_people(text, need[aid]) if isinstance(text, str) else {}
        people = people_cache[aid]
        words = [w for w in pname.split() if w.lower().rstrip(".") not in _SUFFIX_WORDS]
        if surname_only or wrong_gender:
            full = _pick_full(words[-1], g, "", people)
        else:
            full = _pick_full(pname, g, pname, people)
        alias[i] = full or (words[-1] if wrong_gender else pname)
    # the article's own gender evidence per (article, alias): an honorific, else the majority pronoun
    evidence = [_EMPTY] * n
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    honor: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for i in range(n):
        if not is_person(alias[i], stype[i]):
            continue
        key = (aids[i], alias[i])
        g, word = honorific_gender(mention[i])
        if g:
            honor[key][(g, word)] += 1
        pg = pronoun_gender(mention[i])
        if pg:
            votes[key][pg] += 1
    people_of: dict[str, set] = defaultdict(set)  # per article: the aliases that name a person
    for i in range(n):
        if is_person(alias[i], stype[i]):
            people_of[aids[i]].add(alias[i])
    for aid, names_here in people_of.items():  # "Mrs. Clinton" in the text, when one person has that surname
        text = texts.get(aid)
        if not isinstance(text, str) or ("Mr" not in text and "Ms" not in text and "Miss" not in text):
            continue
        by_surname: dict[str, set] = defaultdict(set)
        for name in names_here:
            by_surname[_parse(person_name(name)).last].add(name)
        for m in _HONORIFIC_BEFORE.finditer(text):
            g, word = honorific_gender(m.group(1) + ".")
            surname = _fold(m.group(2).split()[-1])
            names = by_surname.get(surname, set())
            compatible = [x for x in names if first_name_gender(_parse(person_name(x)).first) in (g, "")]
            if len(compatible) == 1:
                honor[(aid, compatible[0])][(g, m.group(1) + ".")] += 1
    for i in range(n):
        key = (aids[i], alias[i])
        h = honor.get(key)
        if h and len({g for g, _ in h}) == 1:
            evidence[i] = f"honorific {sorted(h)[0][1]}"
            continue
        v = votes.get(key)
        if v and len(v) == 1 or v and v.most_common(1)[0][1] > sum(v.values()) - v.most_common(1)[0][1]:
            evidence[i] = "pronoun " + ("she" if v.most_common(1)[0][0] == "f" else "he")
    out["source"] = pd.array(alias, dtype="string")
    out["alias"] = pd.array(alias, dtype="string")
    out["gender_evidence"] = pd.array(evidence, dtype="string")
    return out


def _evidence_gender(evidence: str) -> str:
    if evidence.startswith("pronoun "):
        return "f" if evidence.endswith("she") else "m"
    if evidence.startswith("honorific "):
        return honorific_gender(evidence[len("honorific "):])[0]
    return ""


# --------------------------------------------------------------------------- step 2: the corpus

class _NameStat:
    """One alias's statistics over some articles: rows, source types, gender votes, titles (plain dicts)."""

    __slots__ = ("rows", "types", "genders", "titles")

    def __init__(self) -> None:
        self.rows = 0
        self.types: dict[str, int] = {}
        self.genders: dict[str, int] = {}  # votes from articles (honorific 3, pronoun 1)
        self.titles: dict[str, int] = {}  # title words used before the name in mentions


def _add(counts: dict[str, int], key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def name_stats(sources: pd.DataFrame) -> dict[str, _NameStat]:
    """Per alias: rows, source types, article gender votes, titles. Add two batches' stats with :func:`merge_stats`."""
    stats: dict[str, _NameStat] = {}
    if sources.empty or "alias" not in sources:
        return stats
    cols = [sources[c].fillna("").astype(str).tolist() for c in ("article_id", "alias", "source_type", "mention",
                                                                  "gender_evidence")]
    seen_votes = set()
    tit = titles()
    for aid, alias, stype, mention, ev in zip(*cols):
        if not alias:
            continue
        st = stats.get(alias)
        if st is None:
            st = stats[alias] = _NameStat()
        st.rows += 1
        _add(st.types, stype)
        if ev:
            g = _evidence_gender(ev)
            if g and (aid, alias) not in seen_votes:
                seen_votes.add((aid, alias))
                _add(st.genders, g, 3 if ev.startswith("honorific") else 1)
        for w in mention.split()[:3]:
            lw = w.lower()
            if lw in tit and not tit[lw][0]:
                _add(st.titles, lw.rstrip("."))
    return stats


def merge_stats(parts: Iterable[dict[str, _NameStat]]) -> dict[str, _NameStat]:
    """Sum per-batch name statistics (the reduce step of ``newslab extract``); the parts are consumed."""
    total: dict[str, _NameStat] = {}
    for part in parts:
        for alias, st in part.items():
            t = total.get(alias)
            if t is None:
                total[alias] = st
                continue
            t.rows += st.rows
            for mine, theirs in ((t.types, st.types), (t.genders, st.genders), (t.titles, st.titles)):
                for k, v in theirs.items():
                    mine[k] = mine.get(k, 0) + v
    return total


def _slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")
    return s or "source"


class Identities:
    """The corpus's identities: ``identify(alias, ...)`` gives ``(display name, source_id)``."""

    def __init__(self, stats: dict[str, _NameStat], pinned: Iterable[str] = ()):
        self.stats = stats
        self.pinned = frozenset(pinned)
        parent: dict[str, str] = {a: a for a in stats}

        def find(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        aliases = sorted(stats)
        stype = {a: min(stats[a].types.items(), key=lambda kv: (-kv[1], kv[0]))[0] if stats[a].types else ""
                 for a in aliases}
        self.stype = stype
        free = [a for a in aliases if a not in self.pinned]
        by_key: dict[str, list[str]] = defaultdict(list)
        for a in free:
            by_key[_key(a)].append(a)
        for group in by_key.values():
            for a in group[1:]:
                union(group[0], a)
        # people: same first name, surname and suffix; middle initials must agree when both are given
        people: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        self.surnames: dict[str, list[str]] = defaultdict(list)
        for a in free:
            if not is_person(a, stype[a]):
                continue
            pname = person_name(a)
            p = _parse(pname) if pname else None
            if p is None:
                continue
            if p.first:
                people[(p.first, p.last, p.suffix)].append(a)
            else:
                self.surnames[p.last].append(a)
        for group in people.values():
            middles: dict[str, int] = Counter()
            for a in group:
                middles[_parse(person_name(a)).middle] += stats[a].rows
            named = {m: c for m, c in middles.items() if m}
            clusters: list[str] = []  # middle initials of the distinct people of this first name + surname
            for m in sorted(named, key=lambda m: (-named[m], m)):
                if not any(c.startswith(m) or m.startswith(c) for c in clusters):
                    clusters.append(m)
            by_middle: dict[str, str] = {}
            for a in group:
                m = _parse(person_name(a)).middle
                target = next((c for c in clusters if c.startswith(m) or m.startswith(c)), None) if m else None
                if m and target is not None:
                    by_middle.setdefault(target, a)
                    union(by_middle[target], a)
            if "" in middles:
                bare = [a for a in group if not _parse(person_name(a)).middle]
                for a in bare[1:]:
                    union(bare[0], a)
                if len(clusters) <= 1 or named[clusters[0]] >= DOMINANCE * sum(named.values()):
                    if clusters:
                        union(bare[0], by_middle[clusters[0]])
        # a two-word surname ("Wasserman Schultz"): the one person whose name ends with those two words
        by_last: dict[tuple[str, str], list[str]] = defaultdict(list)
        for (_first, last, suffix), group in people.items():
            by_last[(last, suffix)] += group
        for (first, last, suffix), group in people.items():
            if first_name_gender(first) or len(first) < 3:
                continue
            roots = {find(a) for a in by_last[(last, suffix)] if _parse(person_name(a)).first != first
                     and _fold(" ".join(person_name(a).split()[-2:])) == f"{first} {last}"}
            if len(roots) == 1:
                union(next(iter(roots)), group[0])
        # organisations: an acronym joins the one long name with those initials
        longs: dict[str, set] = defaultdict(set)
        for a in free:
            if is_person(a, stype[a]) or " " not in a:
                continue
            ini = _initials(a)
            if len(ini) >= 2:
                longs[ini].add(find(a))
        for a in free:
            if _ACRONYM.match(a):
                roots = longs.get(a.replace(".", "").replace("&", ""), set())
                if len(roots) == 1:
                    union(next(iter(roots)), a)
        self._find = find
        members: dict[str, list[str]] = defaultdict(list)
        for a in aliases:
            members[find(a)].append(a)
        self.members = members
        self.display: dict[str, str] = {}
        for root, group in members.items():
            pool = group
            if any(is_person(a, stype[a]) for a in group):  # a person: by a full name, with a first name if any
                full = [a for a in group if " " in person_name(a)]
                named = [a for a in full if _is_name_start(person_name(a).split()[0])]
                pool = named or full or group
            best = min(pool, key=lambda a: (-stats[a].rows, -len(a), a))
            self.display[root] = person_name(best) if is_person(best, stype[best]) else best
        # stable ids: the display name's slug; a clash gets -2, -3 in sorted order of the display names
        ids: dict[str, str] = {}
        used: dict[str, int] = {}
        for root in sorted(members, key=lambda r: (self.display[r], r)):
            slug = _slug(self.display[root])
            used[slug] = used.get(slug, 0) + 1
            ids[root] = slug if used[slug] == 1 else f"{slug}-{used[slug]}"
        self.ids = ids
        # per identity: rows, types, titles, gender
        self.rows = {r: sum(stats[a].rows for a in g) for r, g in members.items()}
        self.gender: dict[str, tuple[str, str]] = {}
        for root, group in members.items():
            self.gender[root] = self._identity_gender(root, group)
        self._surname_cache: dict[tuple, str] = {}

    def _identity_gender(self, root: str, group: list[str]) -> tuple[str, str]:
        person = sum(self.stats[a].rows for a in group if is_person(a, self.stype[a]))
        if person * 2 <= sum(self.stats[a].rows for a in group) or not person_name(self.display[root]):
            return "", ""
        votes = Counter()  # the articles' own evidence: an honorific counts 3, a pronoun 1
        for a in group:
            votes.update(self.stats[a].genders)
        firsts = Counter()
        for a in group:
            p = _parse(person_name(a)) if person_name(a) else None
            if p is not None and p.first:
                firsts[p.first] += self.stats[a].rows
        first, g_first, w_first = "", "", 0
        for f, _ in sorted(firsts.items(), key=lambda kv: (-kv[1], kv[0])):
            g_first = first_name_gender(f)
            if g_first:
                first, w_first = f, first_name_weight(f)
                break
        score = Counter(votes)
        if g_first:
            score[g_first] += w_first  # a clearly gendered first name outweighs one misresolved pronoun
        if not score:
            return "", ""
        ranked = score.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            top = votes.most_common()  # a tie: the articles' own words decide, if they agree
            if not top or len(top) > 1 and top[0][1] == top[1][1]:
                return "", ""
            winner = top[0][0]
        else:
            winner = ranked[0][0]
        if votes.get(winner, 0) >= (w_first if winner == g_first else 0) and votes.get(winner, 0):
            return winner, "other articles"
        name = next(w for a in group if person_name(a) for w in person_name(a).split()
                    if _fold(w.rstrip(".")) == first)
        return winner, f"first name {name.rstrip('.')}"

    def _surname_target(self, surname: str, gender: str, title: str) -> str:
        """The identity a bare surname joins, or '' (kept as written)."""
        key = (surname, gender, title)
        if key in self._surname_cache:
            return self._surname_cache[key]
        cands: Counter = Counter()
        titled: set = set()
        for (root, rows) in self._people_by_surname(surname).items():
            g = self.gender[root][0]
            if gender and g and g != gender:
                continue
            cands[root] = rows
            if title and any(self.stats[a].titles.get(title) for a in self.members[root]):
                titled.add(root)
        target = ""
        if titled and len(titled) == 1:
            target = next(iter(titled))
        elif cands:
            root, rows = min(cands.items(), key=lambda kv: (-kv[1], kv[0]))
            if rows >= DOMINANCE * sum(cands.values()):
                target = root
        self._surname_cache[key] = target
        return target

    def _people_by_surname(self, surname: str) -> dict[str, int]:
        """``{identity root: attributions of its full names}`` of the people with this surname."""
        if not hasattr(self, "_by_surname"):
            index: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for root, group in self.members.items():
                for a in group:
                    if a in self.pinned or not is_person(a, self.stype[a]):
                        continue
                    pname = person_name(a)
                    p = _parse(pname) if pname else None
                    if p is not None and p.first and not p.suffix:
                        index[p.last][root] += self.stats[a].rows
            self._by_surname = index
        return dict(self._by_surname.get(surname, {}))

    def identify(self, alias: str, stype: str = "", evidence: str = "", mention: str = "") -> tuple[str, str, str]:
        """``(display, source_id, root)`` for one row's alias, given its article's gender evidence and mention."""
        if not alias or alias not in self._members_index():
            return alias, _slug(alias) if alias else "", alias
        root = self._find(alias)
        if alias not in self.pinned and stype in PERSON_TYPES and self._all_surnames(root):
            # "TRUMP" is a spelling of "Trump": the surname of any member that reads as one
            pname = person_name(alias) or next((person_name(m) for m in sorted(self.members[root])
                                                if person_name(m)), "")
            p = _parse(pname) if pname else None
            if p is not None and not p.first:
                title = ""
                tit = titles()
                for w in mention.split()[:3]:
                    if w.lower() in tit and not tit[w.lower()][0]:
                        title = w.lower().rstrip(".")
                        break
                target = self._surname_target(p.last, _evidence_gender(evidence), title)
                if target:
                    root = target
        return self.display[root], self.ids[root], root

    @lru_cache(maxsize=1)  # noqa: B019
    def _members_index(self) -> frozenset:
        return frozenset(self.stats)

    @lru_cache(maxsize=65536)  # noqa: B019
    def _all_surnames(self, root: str) -> bool:
        """No member of the identity is a full name (so a bare surname may still join a person)."""
        return not any(is_person(a, self.stype[a]) and _parse(person_name(a)).first
                       for a in self.members[root])


def _user_names(user_table: str | None) -> frozenset:
    if not user_table:
        return frozenset()
    table = read_table(user_table, required=("alias", "source", "source_type"))
    return frozenset(s.strip() or a.strip() for a, s in zip(table["alias"], table["source"]))


def pinned_names(user_table: str | None) -> frozenset:
    """The canonical names of a user alias table (taken as they are)."""
    return _user_names(user_table)


def rewrite(tables: dict[str, pd.DataFrame], ids: Identities) -> dict[str, pd.DataFrame]:
    """Set ``source``/``source_id`` (and ``gender``) of every row from the identities."""
    out = dict(tables)
    sources = tables.get("sources")
    if sources is None:
        return out
    sources = sources.copy()
    n = len(sources)
    if "alias" not in sources:
        sources["alias"] = sources["source"]
    if "gender_evidence" not in sources:
        sources["gender_evidence"] = pd.Series([""] * n, dtype="object")
    cols = [sources[c].fillna("").astype(str).tolist()
            for c in ("alias", "source_type", "gender_evidence", "mention", "article_id")]
    display, sid, gender, evidence = [], [], [], []
    decided: dict[tuple, tuple] = {}
    for alias, stype, ev, mention, aid in zip(*cols):
        own = ev if ev.startswith(_ARTICLE_EVIDENCE) else ""
        # one decision per (article, alias): the first row's mention decides, as in the article's order
        key = (aid, alias)
        if key not in decided:
            decided[key] = ids.identify(alias, stype, own, mention)
        d, i, root = decided[key]
        display.append(d)
        sid.append(i)
        g, gev = ids.gender.get(root, ("", ""))
        if not is_person(alias, stype) and not is_person(d, stype):
            g, gev = "", ""
        gender.append(g)
        evidence.append(own or (gev if g else ""))
    sources["source"] = pd.array([d or pd.NA for d in display], dtype="string")
    sources["source_id"] = pd.array([i or pd.NA for i in sid], dtype="string")
    sources["gender"] = pd.array([g or pd.NA for g in gender], dtype="string")
    sources["gender_evidence"] = pd.array([e or pd.NA for e in evidence], dtype="string")
    out["sources"] = sources
    att_ids = sources["attribution_id"].astype(object).tolist()
    disp_of = {a: d for a, d in zip(att_ids, display) if d}
    id_of = {a: i for a, i in zip(att_ids, sid) if i}
    for name in ("sentences", "stances"):
        df = tables.get(name)
        if df is None or df.empty or "attribution_id" not in df:
            if df is not None and "source_id" not in df:
                df = df.copy()
                df["source_id"] = pd.array([pd.NA] * len(df), dtype="string")
                out[name] = df
            continue
        df = df.copy()
        att = df["attribution_id"].astype(object)
        src_map = att.map(disp_of)
        df["source"] = pd.array(src_map.where(src_map.notna(), df["source"].astype(object)), dtype="string")
        df["source_id"] = pd.array(att.map(id_of), dtype="string")
        out[name] = df
    stances = out.get("stances")
    if stances is not None and "target" in stances:
        out["stances"] = stances.assign(target_id=target_ids(stances["target"], ids))
    return out


def target_ids(targets: pd.Series, ids: Identities) -> pd.Series:
    """The identity key of each stance target: the ``source_id`` of the source it is (same rules as a
    source's name), else the slug of its name; empty for the author's-voice placeholder or no target."""
    def one(t: object) -> object:
        if not isinstance(t, str) or not t.strip():
            return pd.NA
        stype = "person" if person_name(t) else ""
        return ids.identify(t, stype, "", t)[1] or pd.NA

    uniq = {t: one(t) for t in dict.fromkeys(targets.astype(object).tolist())}
    return pd.Series(pd.array(targets.astype(object).map(uniq), dtype="string"), index=targets.index)


def link(tables: dict[str, pd.DataFrame], user_table: str | None = None) -> dict[str, pd.DataFrame]:
    """Link the sources of a whole corpus (in memory) to identities: name stats, reduce, rewrite."""
    sources = tables.get("sources")
    if sources is None:
        return tables
    if "alias" not in sources:
        sources = sources.copy()
        sources["alias"] = sources["source"]
        tables = {**tables, "sources": sources}
    ids = Identities(name_stats(sources), pinned=pinned_names(user_table))
    return rewrite(tables, ids)


def source_summary(sources: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per identity: the columns of :func:`newslab.attribution.sources.source_summary` plus ``source_id``,
    ``gender`` and ``aliases`` (the names merged into it, as resolved in their articles, most used first).

    >>> source_summary(pd.DataFrame(columns=["source"]), pd.DataFrame(), pd.DataFrame()).columns.tolist()[:4]
    ['source', 'source_id', 'source_type', 'gender']
    """
    from newslab.attribution.sources import source_summary as base
    from newslab.core.schema import conform

    sources = conform(sources, "sources")
    summary = base(sources, sentences, articles)
    cols = ["source", "source_id", "source_type", "gender", "aliases"] + [c for c in summary.columns
                                                                         if c not in ("source", "source_type")]
    if summary.empty:
        return pd.DataFrame(columns=cols)
    named = sources[sources["source"].fillna("") != ""]
    first_id = named.groupby("source", sort=False)["source_id"].first()
    gender = named.groupby("source", sort=False)["gender"].agg(lambda s: s.dropna().mode().min() if s.notna().any()
                                                               else "")
    aliases = {}
    for name, grp in named.groupby("source", sort=False):
        counts = grp["alias"].fillna(name).value_counts()
        names = sorted((a for a in counts.index if a != name), key=lambda a: (-counts[a], a))
        aliases[name] = "; ".join(names)
    summary["source_id"] = summary["source"].map(first_id).fillna("")
    summary["gender"] = summary["source"].map(gender).fillna("")
    summary["aliases"] = summary["source"].map(aliases).fillna("")
    return summary[cols]
