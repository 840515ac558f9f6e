"""Gender of person sources, from what the article itself says, else from the first name.

Evidence, strongest first: an honorific the article uses for the person ("Mrs. Clinton", ``lexicons/titles.csv``),
the pronoun it uses for them ("she said", resolved by ``newslab.resolve``), then the first name
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

from newslab.errors import LexiconError
from newslab.lexicon import read_lines
from newslab.source_types import first_names, titles

__all__ = ["first_name_gender", "honorific_gender", "pronoun_gender", "GENDERS"]

GENDERS = ("f", "m")
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
             "herself": "f"}
#: honorifics that say a person's gender (titles.csv rows with a gender and source_type person)
_HONORIFIC_TYPES = ("person",)


@lru_cache(maxsize=1)
def _name_list() -> dict[str, str]:
    lines = read_lines("first_names_nqg.csv")  # ~38,000 rows: split by hand, faster than a DataFrame
    if not lines or not lines[0].startswith("name,gender"):
        raise LexiconError("first_names_nqg.csv: the header must be name,gender,pgf")
    return {name.lower(): gender for name, gender, *_ in (ln.split(",") for ln in lines[1:])}


def first_name_gender(name: str) -> str:
    """``'f'``, ``'m'`` or ``''`` for a first name (the hand list wins over the derived list)."""
    key = name.strip(".,;:'\u2019").lower()
    if len(key) < 2:
        return ""
    return first_names().get(key) or _name_list().get(key, "")


def honorific_gender(mention: str) -> tuple[str, str]:
    """``(gender, honorific)`` of the first gendered honorific in a mention ("Mrs. Clinton"), else ``('', '')``."""
    tit = titles()
    for word in mention.replace("\u2019", "'").split():
        hit = tit.get(word.lower())
        if hit and hit[0] in GENDERS and hit[1] in _HONORIFIC_TYPES:
            return hit[0], word
        if not word[:1].isupper():
            continue
    return "", ""


def pronoun_gender(mention: str) -> str:
    """The gender a pronoun mention says ("he" -> m), else ``''``."""
    words = mention.lower().split()
    return _PRONOUNS.get(words[-1], "") if len(words) == 1 else ""
