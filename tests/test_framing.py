"""Framing and sourcing balance (newslab.analysis.framing) on a small hand-made corpus."""

from __future__ import annotations

import argparse
import math

import pandas as pd
import pytest

from newslab.analysis.aggregates import cue_classes_by_outlet, share_of_voice
from newslab.analysis.framing import (
    attribution_framing,
    hedges,
    scare_quotes,
    shannon_entropy,
    sourcing_balance,
)
from newslab.errors import SettingsError
from newslab.io.corpus import Corpus
from newslab.ui.cli import add_summary_parser, summary_command

A1 = ('The minister reportedly met the donors. Ana Ruiz said the so-called "reforms" were a fraud. '
      'The "reforms" passed anyway. Sources said the deal appears to favour donors. '
      'Subscribe to our newsletter, it is understood to be free.')
A2 = 'Officials said the dam is safe. Officials said it again. Critics claimed it was "a disaster waiting to happen".'


def sentence_rows(aid: str, text: str, attributed: dict[int, tuple[str, str]], boiler: set[int] = frozenset()):
    rows, start = [], 0
    parts = [p for p in text.split(". ")]
    for i, part in enumerate(parts):
        piece = part if i == len(parts) - 1 else part + "."
        s = text.index(piece, start)
        att, src = attributed.get(i, ("", ""))
        rows.append({"article_id": aid, "sentence_id": i, "paragraph": 0, "start": s, "end": s + len(piece),
                     "text": piece, "boilerplate": i in boiler, "attribution_id": att, "source": src})
        start = s + len(piece)
    return rows


def source_row(aid, att, sid, source, stype, cue, cue_class, text, content):
    cs = text.index(content)
    return {"attribution_id": att, "article_id": aid, "sentence_id": sid, "first_sentence_id": sid,
            "last_sentence_id": sid, "source": source, "source_type": stype, "cue": cue, "cue_lemma": cue,
            "cue_class": cue_class, "content_start": cs, "content_end": cs + len(content)}


@pytest.fixture()
def corpus() -> Corpus:
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["Wire", "Blaze"], "title": ["T1", "T2"],
                             "text": [A1, A2]})
    sents = pd.DataFrame(sentence_rows("a1", A1, {1: ("a1-1", "Ana Ruiz"), 3: ("a1-2", "anonymous sources")},
                                       boiler={4})
                         + sentence_rows("a2", A2, {0: ("a2-1", "officials"), 1: ("a2-2", "officials"),
                                                    2: ("a2-3", "critics")}))
    sources = pd.DataFrame([
        source_row("a1", "a1-1", 1, "Ana Ruiz", "person", "said", "neutral", A1,
                   'the so-called "reforms" were a fraud'),
        source_row("a1", "a1-2", 3, "anonymous sources", "anonymous", "said", "neutral", A1,
                   "the deal appears to favour donors"),
        source_row("a2", "a2-1", 0, "officials", "official", "said", "neutral", A2, "the dam is safe"),
        source_row("a2", "a2-2", 1, "officials", "official", "said", "neutral", A2, "it again"),
        source_row("a2", "a2-3", 2, "critics", "person", "claimed", "doubt", A2, 'it was "a disaster waiting'),
    ])
    return Corpus.from_tables(articles=articles, sentences=sents, sources=sources)


def test_hedges_are_found_with_spans_and_voice(corpus):
    h = hedges(corpus)
    assert set(h["hedge"]) == {"reportedly", "appears to"}
    for row in h.itertuples():
        text = A1 if row.article_id == "a1" else A2
        assert text[row.start:row.end].lower() == row.hedge
    voices = dict(zip(h["hedge"], h["source"]))
    assert voices["reportedly"] == "(author)" and voices["appears to"] == "anonymous sources"
    # the newsletter line is boilerplate: left out unless asked for
    assert "it is understood" in set(hedges(corpus, include_boilerplate=True)["hedge"])


def test_scare_quotes_are_short_author_voice_quotes_not_speech(corpus):
    q = scare_quotes(corpus)
    found = {(r.article_id, r.phrase, r.marker) for r in q.itertuples()}
    # "so-called" marks a scare quote even inside a source's sentence; the bare one is in the author's voice
    assert ("a1", "reforms", "so-called") in found
    assert ("a1", "reforms", "") in found
    # a source's quoted words are speech, not scare quotes; long quotes are never scare quotes
    assert not any(r[0] == "a2" for r in found)
    for row in q.itertuples():
        text = A1 if row.article_id == "a1" else A2
        assert text[row.start:row.end] == row.phrase


@pytest.mark.parametrize("text,phrases", [
    ("The mayor's plan is 'bold', it's O'Brien's call.", ["bold"]),
    ("The ‘reforms’ are Kovač’s plan.", ["reforms"]),
    ("It's the mayor's and O'Brien's call, isn't it.", []),
])
def test_apostrophes_are_not_scare_quotes(text, phrases):
    c = Corpus.from_tables(articles=pd.DataFrame({"article_id": ["x"], "text": [text]}),
                           sentences=pd.DataFrame(sentence_rows("x", text, {})))
    assert scare_quotes(c)["phrase"].tolist() == phrases


def test_attribution_framing_counts_hedges_and_anonymity(corpus):
    f = attribution_framing(corpus).set_index("attribution_id")
    assert f.loc["a1-2", "anonymous"] and not f.loc["a1-1", "anonymous"]
    assert f.loc["a1-2", "hedges"] == 1 and f.loc["a1-2", "hedge_words"] == "appears to"
    assert f.loc["a1-1", "scare_quotes"] == 1
    assert f.loc["a2-3", "cue_class"] == "doubt"


def test_share_of_voice_sums_to_one_per_outlet(corpus):
    sov = share_of_voice(corpus, top=None)
    assert set(sov.columns) == {"outlet", "source", "source_type", "attributions", "share"}
    assert sov.groupby("outlet")["share"].sum().round(9).eq(1).all()
    blaze = sov[sov["outlet"] == "Blaze"].set_index("source")
    assert blaze.loc["officials", "attributions"] == 2
    assert blaze.loc["officials", "share"] == pytest.approx(2 / 3)
    types = share_of_voice(corpus, level="source_type", by=None).set_index("source_type")
    assert types.loc["official", "attributions"] == 2 and types["share"].sum() == pytest.approx(1)
    by_article = share_of_voice(corpus, by="article")
    assert {"article_id", "title"} <= set(by_article.columns)
    with pytest.raises(SettingsError):
        share_of_voice(corpus, by="weekday")
    with pytest.raises(SettingsError):
        share_of_voice(corpus, level="colour")


def test_cue_classes_by_outlet(corpus):
    cp = cue_classes_by_outlet(corpus).set_index(["outlet", "cue_class"])
    assert cp.loc[("Blaze", "doubt"), "share"] == pytest.approx(1 / 3)
    assert cp.loc[("Wire", "neutral"), "share"] == pytest.approx(1.0)


def test_sourcing_balance(corpus):
    b = sourcing_balance(corpus).set_index("outlet")
    blaze, wire = b.loc["Blaze"], b.loc["Wire"]
    assert blaze["attributions"] == 3 and blaze["distinct_sources"] == 2
    expected = -(2 / 3) * math.log2(2 / 3) - (1 / 3) * math.log2(1 / 3)
    assert blaze["diversity"] == pytest.approx(expected)
    assert blaze["evenness"] == pytest.approx(expected / 1.0)
    assert blaze["distancing_share"] == pytest.approx(1 / 3)
    assert wire["anonymous_share"] == pytest.approx(0.5)
    assert wire["hedged_share"] == pytest.approx(0.5)
    assert wire["hedges"] == 2 and wire["scare_quotes"] == 2
    whole = sourcing_balance(corpus, by=None)
    assert len(whole) == 1 and whole.loc[0, "attributions"] == 5 and whole.loc[0, "articles"] == 2


def test_shannon_entropy():
    assert shannon_entropy([5]) == 0.0
    assert shannon_entropy([1, 1]) == pytest.approx(1.0)
    assert shannon_entropy([]) == 0.0


def test_empty_corpus_gives_empty_tables():
    empty = Corpus()
    for table in (hedges(empty), scare_quotes(empty), attribution_framing(empty), share_of_voice(empty),
                  cue_classes_by_outlet(empty), sourcing_balance(empty)):
        assert table.empty


def test_summary_command_prints_each_outlet(corpus, tmp_path, capsys):
    corpus.to_dir(tmp_path / "out")
    parser = argparse.ArgumentParser()
    add_summary_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["summary", str(tmp_path / "out")])
    assert summary_command(args) == 0
    out = capsys.readouterr().out
    assert "== Blaze" in out and "== Wire" in out and "officials" in out and "diversity" in out
    with pytest.raises(SettingsError):
        summary_command(parser.parse_args(["summary", str(tmp_path / "nowhere")]))


def test_newslab_summary_is_a_cli_subcommand(corpus, tmp_path, capsys):
    from newslab.ui.cli import main

    corpus.to_dir(tmp_path / "out")
    assert main(["summary", str(tmp_path / "out"), "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert "== Blaze" in out and "top sources" in out
    assert main(["summary", str(tmp_path / "missing")]) == 2


def test_a_cue_word_is_not_a_hedge():
    text = "Critics alleged that the alleged bribes reportedly flowed."
    cue = text.index("alleged")
    c = Corpus.from_tables(
        articles=pd.DataFrame({"article_id": ["x"], "outlet": ["O"], "text": [text]}),
        sentences=pd.DataFrame(sentence_rows("x", text, {0: ("x-1", "critics")})),
        sources=pd.DataFrame([{**source_row("x", "x-1", 0, "critics", "person", "alleged", "doubt", text,
                                            "the alleged bribes reportedly flowed"),
                               "cue_start": cue, "cue_end": cue + len("alleged")}]))
    h = hedges(c)
    assert h["hedge"].tolist() == ["alleged", "reportedly"]
    assert h["start"].tolist() == [text.index("alleged", cue + 1), text.index("reportedly")]
