"""Attribution: who speaks in each sentence, through which cue, with which words (newslab.attribution.sources)."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab.attribution.sources import attribute
from newslab.core.schema import COLUMNS
from newslab.errors import LexiconError
from newslab.text.segment import segment


def run(text: str, sources: str | None = None, outlet: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    arts = pd.DataFrame({"article_id": ["a1"], "text": [text], "outlet": [outlet]})
    return attribute(arts, segment(arts), sources=sources)


def rows(text: str, **kw) -> list[dict]:
    return run(text, **kw)[0].to_dict("records")


def only(text: str, **kw) -> dict:
    found = [r for r in rows(text, **kw) if not r["nested_in"]]
    assert len(found) == 1, found
    return found[0]


def span(text: str, row: dict, name: str) -> str:
    return text[row[f"{name}_start"]:row[f"{name}_end"]]


def check_spans(text: str, row: dict) -> None:
    assert span(text, row, "mention") == row["mention"]
    assert span(text, row, "cue") == row["cue"]
    assert row["content_start"] == -1 or row["content_end"] > row["content_start"]


# -- patterns ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, mention, cue, content", [
    ("Mayor Jo Reed said the dam was safe.", "Jo Reed", "Mayor Jo Reed", "said", "the dam was safe"),
    ("Mayor Jo Reed said that the dam was safe.", "Jo Reed", "Mayor Jo Reed", "said", "the dam was safe"),
    ("The dam was safe, Mayor Jo Reed said.", "Jo Reed", "Mayor Jo Reed", "said", "The dam was safe"),
    ("The dam was safe, said Mayor Jo Reed.", "Jo Reed", "Mayor Jo Reed", "said", "The dam was safe"),
    ("“The dam is safe,” Jo Reed wrote.", "Jo Reed", "Jo Reed", "wrote", "The dam is safe"),
    ('"The dam is safe," said Jo Reed.', "Jo Reed", "Jo Reed", "said", "The dam is safe"),
    ("Jo Reed told reporters the dam was safe.", "Jo Reed", "Jo Reed", "told", "reporters the dam was safe"),
    ("According to Jo Reed, the dam is safe.", "Jo Reed", "Jo Reed", "According to", "the dam is safe"),
    ("The dam is safe, according to Jo Reed.", "Jo Reed", "Jo Reed", "according to", "The dam is safe"),
    ("Jo Reed, who runs the utility, said the dam was safe.", "Jo Reed", "Jo Reed", "said", "the dam was safe"),
    ("Jo Reed: “The dam is safe.”", "Jo Reed", "Jo Reed", ":", "The dam is safe."),
    ("Jo Reed insisted the dam was safe.", "Jo Reed", "Jo Reed", "insisted", "the dam was safe"),
])
def test_patterns(text, source, mention, cue, content):
    row = only(text)
    check_spans(text, row)
    assert (row["source"], row["mention"], row["cue"]) == (source, mention, cue)
    assert span(text, row, "content") == content


def test_speaking_to_y_x_noted_gives_x():
    text = "Speaking to The Lantern, Hanna Ruis of the Free Press Observatory noted that arrests were rising."
    row = only(text)
    assert row["source"] == "Hanna Ruis"
    assert row["cue"] == "noted"


def test_investigation_revealed_and_passive_report():
    text = "An investigation by The Lantern revealed that the firm paid a consultancy."
    assert only(text)["source"] == "The Lantern"
    text = "It was reported by the state-run Valdorian News Agency last week that the pipe broke."
    row = only(text)
    assert row["source"] == "Valdorian News Agency"
    assert row["source_type"] == "state_media"
    assert row["descriptor"] == "state-run"  # the adjective describes the source; it is not its name


def test_citing_gives_a_nested_row():
    text = "Channel One reported on Sunday, citing police sources, that the reporter pushed an officer."
    found = rows(text)
    main = [r for r in found if r["cue"] == "reported"][0]
    cited = [r for r in found if r["cue"] == "citing"][0]
    assert main["source"] == "Channel One" and pd.isna(main["nested_in"])
    assert cited["nested_in"] == main["attribution_id"]
    assert cited["source_type"] == "anonymous"
    sentences = run(text)[1]
    assert sentences.loc[0, "attribution_id"] == main["attribution_id"]


def test_cue_classes_and_quote_kinds():
    cases = {
        "Jo Reed said the dam was safe.": ("neutral", "indirect"),
        "Jo Reed claimed the dam was safe.": ("doubt", "indirect"),
        "Jo Reed admitted the dam was unsafe.": ("concession", "indirect"),
        "Jo Reed denied the dam was unsafe.": ("denial", "indirect"),
        "Jo Reed slammed the plan as reckless.": ("emotive", "indirect"),
        "Jo Reed revealed that the dam was unsafe.": ("assertive", "indirect"),
        "Jo Reed believes the dam is safe.": ("belief", "indirect"),
        "According to Jo Reed, the dam is safe.": ("according_to", "according_to"),
        "“The dam is safe,” Jo Reed said.": ("neutral", "direct"),
        "Jo Reed said the dam was “perfectly safe” now.": ("neutral", "mixed"),
    }
    for text, (cue_class, kind) in cases.items():
        row = only(text)
        assert (row["cue_class"], row["quote_kind"]) == (cue_class, kind), text


def test_quote_split_around_cue_is_one_attribution():
    text = "“The dam is safe,” Jo Reed said, “and it will stay safe.”"
    row = only(text)
    assert span(text, row, "content").startswith("The dam is safe")
    assert span(text, row, "content").endswith("it will stay safe.")


def test_multi_sentence_quote_attributed_at_the_end_covers_every_sentence():
    text = "Rain fell.\n“We have nothing to hide. Every crown went through a tender. Look,” Elena Varga said."
    sources, sentences = run(text)
    assert len(sources) == 1
    assert sentences["source"].fillna("").tolist() == ["", "Elena Varga", "Elena Varga", "Elena Varga"]
    assert sources.loc[0, "first_sentence_id"] == 1 and sources.loc[0, "last_sentence_id"] == 3
    assert sentences.loc[1, "attribution_id"] == sources.loc[0, "attribution_id"]


def test_multi_sentence_quote_attributed_at_the_start_covers_every_sentence():
    text = "Rain fell.\nElena Varga told reporters: “We have nothing to hide. Every crown went to a tender.”\nEnd."
    sources, sentences = run(text)
    assert sentences["source"].fillna("").tolist() == ["", "Elena Varga", "Elena Varga", ""]
    assert span(text, sources.iloc[0].to_dict(), "content") == "We have nothing to hide. Every crown went to a tender."


def test_author_voice_is_empty_and_ids_are_stable():
    text = "The dam opened in May. Jo Reed said it was safe. Jo Reed later said it leaked."
    sources, sentences = run(text)
    assert sentences["source"].fillna("").tolist() == ["", "Jo Reed", "Jo Reed"]
    assert sources["attribution_id"].tolist() == ["a1-001", "a1-002"]
    again, _ = run(text)
    pd.testing.assert_frame_equal(sources, again)
    assert list(sources.columns[:len(COLUMNS["sources"])]) == list(COLUMNS["sources"])


# -- resolution ----------------------------------------------------------------------------------------

def test_pronoun_resolves_to_nearest_compatible_named_source():
    text = "Elena Varga spoke first. Tomas Reed said the tender was rigged. She said it was clean."
    found = rows(text)
    she = [r for r in found if r["mention"] == "She"][0]
    assert she["source"] == "Elena Varga"
    assert she["mention_end"] - she["mention_start"] == 3


def test_surname_resolves_to_nearest_full_name_never_the_first():
    text = ("Infrastructure Minister Elena Varga defended the deal. Opposition MP Tomas Varga attacked it. "
            "Varga said the contract was rigged.")
    row = [r for r in rows(text) if r["mention"] == "Varga"][0]
    assert row["source"] == "Tomas Varga"
    text2 = text + " Elena Varga replied. Varga said the tender was clean."
    last = [r for r in rows(text2) if r["mention"] == "Varga"][-1]
    assert last["source"] == "Elena Varga"


def test_acronym_resolves_to_its_expansion_in_the_text():
    text = ("The Committee to Protect Journalists (CPJ) condemned the arrest. "
            "CPJ said the reporter must be freed.")
    row = [r for r in rows(text) if r["mention"] == "CPJ"][0]
    assert row["source"] == "Committee to Protect Journalists"
    assert row["source_type"] == "ngo"


def test_the_report_and_the_minister_resolve_to_what_they_name():
    text = ("Infrastructure Minister Elena Varga opened the dam. A report by the National Audit Office "
            "criticised the tender. The report said costs had doubled. The minister said the figures were wrong.")
    found = {r["mention"]: r for r in rows(text)}
    assert found["The report"]["source"] == "National Audit Office"
    assert found["The minister"]["source"] == "Elena Varga"


@pytest.mark.parametrize("text, source", [
    ("A senior official said the talks had failed.", "anonymous official"),
    ("Sources said the talks had failed.", "anonymous source"),
    ("People familiar with the matter said the talks had failed.", "anonymous source"),
    ("Two officials, who spoke on condition of anonymity, said the talks had failed.", "anonymous official"),
    ("The talks failed, according to a senior diplomat.", "anonymous diplomat"),
])
def test_anonymous_sources(text, source):
    row = only(text)
    assert row["source"] == source
    assert row["source_type"] == "anonymous"


@pytest.mark.parametrize("text, stype", [
    ("Reuters reported that the dam leaked.", "media"),
    ("The United Nations said the dam leaked.", "international_org"),
    ("Amnesty International said the arrest was unlawful.", "ngo"),
    ("A ministry spokesman said the dam was safe.", "official"),
    ("Jana Holm said the dam was safe.", "person"),  # an unknown name: a person by default
    ("Brannock Construction said the dam was safe.", "company"),  # "construction" is a company word
    ("The state-run broadcaster Channel One said the dam was safe.", "state_media"),
    ("A new poll shows the minister losing support.", "document"),
    ("Professor Ines Falk said the network had no backup.", "expert"),
    ("Jana Holm, a party spokeswoman, said the dam was safe.", "official"),  # a party word as a role
    ("The New York Times reported that the dam leaked.", "media"),
])
def test_source_types(text, stype):
    assert only(text)["source_type"] == stype


def test_user_alias_table_overrides_the_gazetteer(tmp_path):
    table = tmp_path / "my_sources.csv"
    table.write_text("# my beat\nalias,source,source_type\nBrannock Construction,Brannock Construction,company\n"
                     "Brannock,Brannock Construction,company\nReuters,Thomson Reuters,company\n", encoding="utf-8")
    assert only("Brannock said the dam was safe.", sources=str(table))["source"] == "Brannock Construction"
    row = only("Reuters reported the dam leaked.", sources=str(table))
    assert (row["source"], row["source_type"]) == ("Thomson Reuters", "company")
    assert only("Reuters reported the dam leaked.")["source_type"] == "media"


def test_user_alias_table_with_wrong_columns_is_a_clear_error(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("name,kind\nX,person\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.csv"):
        run("Jo Reed said so.", sources=str(table))


def test_own_outlet_is_the_authors_voice():
    text = "The Daily Blaze can reveal that the firm is a shell. Jo Reed said it was legal."
    sources, sentences = run(text, outlet="The Daily Blaze")
    assert sentences["source"].fillna("").tolist() == ["", "Jo Reed"]


def test_words_inside_a_quotation_are_not_new_attributions():
    text = "“I think they said the dam would hold,” Jo Reed said."
    row = only(text)
    assert row["cue_start"] == text.index("said.")


# -- bad input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "“The dam is safe, Jo Reed said. Then nothing.",                # unbalanced
    "\"The dam is safe,” Jo Reed said. “Mixed \" marks,\" she said.",  # curly and straight mixed
    "« Le barrage est sûr », a déclaré Jo Reed.",                    # guillemets, French
    " ".join(["word"] * 5000),                                      # 5,000 words, no punctuation
    "“",                                                             # only a quote mark
    "\"",
    "Die Ministerin sagte, der Damm sei sicher. 部长说大坝是安全的。",   # non-English
    "",
    "said said said according to according to , : “ ” ''",
])
def test_bad_input_never_raises_and_spans_stay_in_the_text(text):
    sources, sentences = run(text)
    for row in sources.to_dict("records"):
        for name in ("mention", "cue", "content"):
            s, e = row[f"{name}_start"], row[f"{name}_end"]
            assert (s, e) == (-1, -1) or 0 <= s < e <= len(text)
        assert span(text, row, "cue") == row["cue"]
    assert len(sentences) == len(segment(pd.DataFrame({"article_id": ["a1"], "text": [text]})))


# -- the sample corpus answer key ------------------------------------------------------------------------

def test_sample_answer_key_sources():
    """At least 95% of the sample's hand-labelled sentences get the right source (author's voice = empty)."""
    from pathlib import Path

    import newslab

    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    key = pd.read_csv(sample / "answer_key.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    corpus = newslab.load(str(sample))
    sents = corpus.sentences.merge(corpus.articles[["article_id", "path", "title"]], on="article_id")
    sents["file"] = [Path(p).resolve().relative_to(sample.resolve()).as_posix() for p in sents["path"]]
    got = {}
    for f, title, text, src in zip(sents["file"], sents["title"], sents["text"], sents["source"]):
        got.setdefault((f, text), {})[title] = "" if pd.isna(src) else src
    right, wrong = 0, []
    for row in key.itertuples(index=False):
        by_title = got.get((row.file, row.sentence), {})
        found = by_title.get(row.title, next(iter(by_title.values()), None))
        if found is not None and found.lower() == row.source.lower():
            right += 1
        else:
            wrong.append((row.sentence[:60], row.source, found))
    assert right / len(key) >= 0.95, wrong


def test_load_passes_the_user_alias_table_through(tmp_path):
    import newslab

    (tmp_path / "story.txt").write_text("Dam row\n\nBrannock said the dam was safe.\n", encoding="utf-8")
    table = tmp_path / "beat.csv"
    table.write_text("alias,source,source_type\nBrannock,Brannock Construction,company\n", encoding="utf-8")
    corpus = newslab.load(str(tmp_path / "story.txt"), sources=str(table))
    assert corpus.sources["source"].tolist() == ["Brannock Construction"]
    assert corpus.sources["source_type"].tolist() == ["company"]
    summary = corpus.source_summary()
    assert summary.loc[0, ["source", "attributions", "sentences", "articles"]].tolist() == \
        ["Brannock Construction", 1, 1, 1]


def test_publication_title_with_article_is_media_not_person():
    from newslab.attribution.source_types import classify

    assert classify("", "The Lantern") == "media"
    assert classify("", "Jonas Smith") == "person"
    assert classify("", "The minister") == "official"


@pytest.mark.parametrize("text", [
    "", "   \n\t", "Sen. Warren didn't say it.  ", "\u00a0\u201cIt\u2019s over,\u201d  Mr. O\u2019Brien said.\n\n",
    "U.S. officials, e.g. Dr. J. Smith (D-R.I.), said 3,000 people -- 45% -- left at 5:30 p.m.\u2003",
    "Headline\n\nX-ray ``quoted'' text; don't won't can't",
])
def test_token_offsets_point_back_into_the_text(text):
    """Every token's offsets cut exactly its text out of the article (spans in the tables rely on it), the
    tokens come in order, and nothing but white space lies between them."""
    from newslab.attribution.cues import token_columns, tokenize

    words, lows, starts, ends = token_columns(text)
    assert [t.text for t in tokenize(text)] == words and [t.start for t in tokenize(text)] == starts
    assert [text[s:e] for s, e in zip(starts, ends)] == words
    assert lows == [w.lower() for w in words]
    gaps = [text[e:s] for e, s in zip([0, *ends], [*starts, len(text)])]
    assert all(not g.strip() for g in gaps)
