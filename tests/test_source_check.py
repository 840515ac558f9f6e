"""The suspect-source check (newslab.evaluation.source_check): it flags what should never be a source, and
on invented articles full of traps the top sources hold none."""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.attribution.names import NameEvidence
from newslab.evaluation.source_check import suspect, top_sources

FIXTURE = Path(__file__).parent / "fixtures" / "suspect_sources"


@pytest.mark.parametrize("name, reason", [
    ("However", "common word"),
    ("When Rubio", "glued sentence word"),
    ("March 2021", "date"),
    ("Monday", "date"),
    ("1,200 cases", "number"),
    ("campaign", "unresolved back-reference"),
    ("Lyon", "place"),
])
def test_the_check_flags_what_never_speaks(name, reason):
    assert suspect(name) == reason


@pytest.mark.parametrize("name, stype", [("Jo Reed", "person"), ("Norway", "official"), ("voters", "person"),
                                         ("The New York Times", "media"), ("anonymous official", "anonymous")])
def test_the_check_passes_real_sources(name, stype):
    assert suspect(name, stype) == ""


def test_glued_word_flagged_from_the_corpus_casing():
    ev = NameEvidence("Quiet Perez raises profile. It was a quiet week for Perez.")
    assert suspect("Quiet Perez", evidence=ev) == "glued sentence word"


def test_invented_articles_have_no_suspect_top_sources():
    corpus = newslab.load(str(FIXTURE))
    table = top_sources(corpus.sources, 100, list(corpus.articles["text"]))
    assert len(table) >= 10
    assert table[table["suspect"] != ""].to_dict("records") == []
    # race.txt: "her campaign", "the candidate", "the statement", "the party" name who they stand for
    named = dict(zip(table["source"], table["source_type"]))
    assert {"Lena Marsh", "Tom Bale", "Dev Patel", "Green Party"} <= set(named)
    assert named["Green Party"] == named["Republicans"] == "party"
