"""Gender of person sources, from what the article itself says, else from the first name.

Evidence, strongest first: an honorific the article uses for the person ("Mrs. Clinton", ``lexicons/titles.csv``),
the pronoun it uses for them ("she said", resolved by ``newslab.attribution.resolve``), then the first name
(``lexicons/first_names.csv``, then ``lexicons/first_names_nqg.csv`` derived from the MIT-licensed
nomquamgender package). Never for organisations or anonymous sources: callers decide who is a person.

>>> first_name_gender("Hillary")
'f'
>>> honorific_gender("Mr. Obama")
('m', 'Mr.')
>>> pronoun_gender("She")
'f'
"""

from __future__ import annotations

from functools import lru_cache

from newslab.attribution.source_types import first_names, titles
from newslab.core.lexicon import read_lines
from newslab.errors import LexiconError

__all__ = ["first_name_gender", "first_name_weight", "honorific_gender", "pronoun_gender", "GENDERS"]

GENDERS = ("f", "m")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
             "herself": "f"}
#: honorifics that say a person's gender (titles.csv rows with a gender and source_type person)
_HONORIFIC_TYPES = ("person",)


#: p(gf) bounds of a clearly gendered first name (weight 2 against the articles' evidence, else 1)
CLEAR_PGF = 0.05


@lru_cache(maxsize=1)
def _name_list() -> dict[str, str]:
    lines = read_lines("first_names_nqg.csv")  # ~38,000 rows: split by hand, faster than a DataFrame
    if not lines or not lines[0].startswith("name,gender"):
        raise LexiconError("first_names_nqg.csv: the header must be name,gender,pgf")
    return {name.lower(): (gender, float(pgf)) for name, gender, pgf in (ln.split(",")[:3] for ln in lines[1:])}


def first_name_gender(name: str) -> str:
    """``'f'``, ``'m'`` or ``''`` for a first name (the hand list wins over the derived list)."""
    key = name.strip(".,;:'\u2019").lower()
    if len(key) < 2:
        return ""
    return first_names().get(key) or _name_list().get(key, ("", 0.5))[0]


def first_name_weight(name: str) -> int:
    """How much a first name says: 2 for names in the hand list or with p(gf) within CLEAR_PGF of 0 or 1
    ("Joy", "Donald"), 1 for the rest ("Jordan"), as votes against an article's pronouns (1 each)."""
    key = name.strip(".,;:'\u2019").lower()
    if key in first_names():
        return 2
    pgf = _name_list().get(key, ("", 0.5))[1]
    return 2 if pgf <= CLEAR_PGF or pgf >= 1 - CLEAR_PGF else 1


def honorific_gender(mention: str) -> tuple[str, str]:
    """``(gender, honorific)`` of the first gendered honorific in a mention ("Mrs. Clinton"), else ``('', '')``."""
    tit = titles()
    for word in mention.replace("\u2019", "'").split():
        hit = tit.get(word.lower())
        if hit and hit[0] in GENDERS and hit[1] in _HONORIFIC_TYPES:
            return hit[0], word
    return "", ""


def pronoun_gender(mention: str) -> str:
    """The gender a pronoun mention says ("he" -> m), else ``''``."""
    words = mention.lower().split()
    return _PRONOUNS.get(words[-1], "") if len(words) == 1 else ""
