"""A corpus compares by identity: `==` never compares (or, for a stored corpus, reads) its tables."""

import pandas as pd

from newslab.io.corpus import Corpus


def _corpus() -> Corpus:
    articles = pd.DataFrame({"article_id": ["a1"], "path": ["a1.txt"], "text": ["Jo Reed said so."]})
    return Corpus.from_tables(articles=articles)


def test_two_corpora_with_equal_tables_are_different_objects_and_comparing_them_does_not_raise():
    a, b = _corpus(), _corpus()
    assert a == a
    assert a != b  # dataclass equality compared DataFrames and raised "truth value ... is ambiguous"


def test_a_corpus_can_key_a_cache():
    a, b = _corpus(), _corpus()
    cache = {a: "first", b: "second"}
    assert cache[a] == "first" and len({a, b, a}) == 2
