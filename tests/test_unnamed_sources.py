"""Cues whose source is not in view ("it was announced") stay in `sources` but give no one a voice in charts."""

import pandas as pd

import newslab
from newslab.analysis import aggregates
from newslab.io.corpus import Corpus
from newslab.stance.stances import stance_table


def _corpus() -> Corpus:
    text = "Mayor Lee said the plan works. It was announced that taxes rise."
    sentences = pd.DataFrame({"article_id": ["a1", "a1"], "sentence_id": [0, 1], "paragraph": [0, 0],
                              "start": [0, 31], "end": [30, 64], "text": [text[:30], text[31:]],
                              "boilerplate": [False, False]})
    sources = pd.DataFrame({
        "attribution_id": ["a1-000", "a1-001"], "article_id": ["a1", "a1"], "sentence_id": [0, 1],
        "source": ["Mayor Lee", ""], "source_type": ["official", ""], "cue": ["said", "was announced"],
        "cue_class": ["neutral", "neutral"], "mention_start": [0, -1], "mention_end": [9, -1],
        "content_start": [15, 53], "content_end": [29, 63],
    })
    articles = pd.DataFrame({"article_id": ["a1"], "path": ["a1.txt"], "outlet": ["Wire"], "text": [text]})
    return Corpus.from_tables(articles=articles, sentences=sentences, sources=sources)


def test_sourceless_cue_is_kept_in_the_sources_table(tmp_path):
    (tmp_path / "a1.txt").write_text("Mayor Lee said the plan works. It was announced that taxes rise.\n",
                                     encoding="utf-8")
    corpus = newslab.load(tmp_path)
    sources = corpus.sources.set_index("cue")
    assert sources.loc["said", "source"] == "Lee"
    # the passive cue keeps its row (PolNeAR counts it as a cue) with no source and no mention span
    assert pd.isna(sources.loc["announced", "source"]) and sources.loc["announced", "mention_start"] == -1
    # and gives its sentence no voice
    assert corpus.sentences["source"].isna().tolist() == [False, True]


def test_source_frequency_counts_only_sources_that_speak():
    freq = aggregates.source_frequency(_corpus(), top=None)
    assert freq["source"].tolist() == ["Mayor Lee"]
    assert freq["share"].tolist() == [1.0]


def test_share_of_voice_leaves_out_sourceless_cues():
    sov = aggregates.share_of_voice(_corpus())
    assert sov["source"].tolist() == ["Mayor Lee"]
    assert sov["attributions"].tolist() == [1]


def test_stance_rows_never_come_from_a_sourceless_cue():
    c = _corpus()
    assert c.articles.loc[0, "text"][53:63] == "taxes rise"
    stances = stance_table(c.articles, c.sentences, c.sources, targets=["taxes"])
    assert "a1-001" not in set(stances["attribution_id"].dropna())
    # a row about "taxes" can only be the mayor's or the author's: the sourceless cue speaks for no one
    assert set(stances["source"]) <= {"Mayor Lee", "(author)"}


def test_an_unresolved_speaker_gets_no_stance_row_and_lends_no_words_to_the_author():
    # "They" has no antecedent: the resolver leaves `source` empty and keeps the mention
    text = "They said Mayor Lee lied about the plan."
    sentences = pd.DataFrame({"article_id": ["a1"], "sentence_id": [0], "paragraph": [0], "start": [0],
                              "end": [len(text)], "text": [text], "boilerplate": [False]})
    sources = pd.DataFrame({
        "attribution_id": ["a1-000"], "article_id": ["a1"], "sentence_id": [0], "source": [pd.NA],
        "mention": ["They"], "source_type": ["unresolved"], "cue": ["said"], "cue_class": ["neutral"],
        "mention_start": [0], "mention_end": [4], "cue_start": [5], "cue_end": [9],
        "content_start": [10], "content_end": [len(text) - 1]})
    articles = pd.DataFrame({"article_id": ["a1"], "path": ["a1.txt"], "outlet": ["Wire"], "text": [text]})
    c = Corpus.from_tables(articles=articles, sentences=sentences, sources=sources)
    stances = stance_table(c.articles, c.sentences, c.sources)
    assert "They" not in set(stances["source"])  # the pronoun is not a source's name
    assert stances.empty  # and the author did not say it either
