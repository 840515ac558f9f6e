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

import pandas as pd

from newslab.errors import LexiconError, SettingsError
from newslab.lexicon import read_lines
from newslab.source_types import first_names, titles

__all__ = ["first_name_gender", "first_name_weight", "honorific_gender", "pronoun_gender", "women_share", "GENDERS"]

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


#: labels of the three groups in :func:`women_share` (in drawing order)
GENDER_LABELS = {"f": "women", "m": "men", "": "unknown"}


def _gender_rows(corpus) -> pd.DataFrame:
    """``attribution_id, source, source_type, gender`` of the attributions whose source is a named person."""
    from newslab.identity import is_person

    reader = getattr(corpus, "read", None)  # a stored corpus (newslab.open) reads only these columns
    cols = ["attribution_id", "source", "source_type", "gender"]
    src = reader("sources", cols) if callable(reader) else corpus.sources[cols]
    src = src[src["source"].fillna("") != ""]
    gender = src["gender"].fillna("").astype(str)
    person = [g != "" or is_person(str(s), str(t) if isinstance(t, str) else "")
              for g, s, t in zip(gender, src["source"], src["source_type"])]
    return pd.DataFrame({"attribution_id": src["attribution_id"].astype(object).to_numpy(),
                         "gender": gender.to_numpy()})[person]


def women_share(corpus, by: str = "outlet", freq: str | None = None, **filters) -> pd.DataFrame:
    """Attributions to named people by gender, per outlet (``by="outlet"``) or per period (``by="period"``):
    ``<by>, gender (women | men | unknown), attributions, share`` (shares of a group sum to 1).

    The headline figure of newsroom gender-gap trackers: the share of quotes that go to women. ``unknown``
    (no pronoun, honorific or known first name) is shown, not dropped. Filters as in ``newslab.aggregates``.

    >>> import newslab
    >>> women_share(newslab.load("data/sample", progress=False)).columns.tolist()  # doctest: +SKIP
    ['outlet', 'gender', 'attributions', 'share']
    """
    from newslab import aggregates as agg

    if by not in ("outlet", "period"):
        raise SettingsError(f"by must be 'outlet' or 'period', not {by!r}")
    cols = [by, "gender", "attributions", "share"]
    table = agg.attributions(corpus, **filters)
    if table.empty or "attribution_id" not in table:
        return pd.DataFrame(columns=cols)
    table = table.merge(_gender_rows(corpus), on="attribution_id", how="inner")
    if by == "period":
        table = table[table["published"].notna()]
        if not table.empty:
            freq = freq or agg._period_freq(table["published"])
            table = table.assign(period=table["published"].dt.to_period(freq).dt.start_time)
    if table.empty:
        return pd.DataFrame(columns=cols)
    table = table.assign(gender=table["gender"].map(GENDER_LABELS).fillna("unknown"))
    counts = table.groupby([by, "gender"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(GENDER_LABELS.values()), fill_value=0)
    out = counts.stack().rename("attributions").reset_index()
    out["share"] = out["attributions"] / out.groupby(by)["attributions"].transform("sum")
    return out[cols].sort_values([by, "gender"], key=lambda s: s.map(
        {v: i for i, v in enumerate(GENDER_LABELS.values())}) if s.name == "gender" else s).reset_index(drop=True)
