"""Target-aware stance (newslab.stance.polarity, newslab.stance.targets, newslab.stance.stances) on small hand-made inputs."""

from __future__ import annotations

import pandas as pd
import pytest

from newslab.core.schema import COLUMNS
from newslab.stance.polarity import DEFAULT, classify, sentence_polarity, target_polarity, target_stance
from newslab.stance.stances import AUTHOR, stance_table
from newslab.stance.targets import find_mentions, normalise_targets


def span(sentence: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(words, start + 1)
    return start, start + len(words)


def label(sentence: str, words: str, nth: int = 0) -> str:
    return target_stance(sentence, *span(sentence, words, nth)).stance


# --- polarity toward one target ------------------------------------------------------------------------

def test_two_targets_in_one_sentence_get_opposite_stances():
    s = "The brave firefighters saved the town, but the mayor lied about the cover-up."
    assert label(s, "firefighters") == "favor"
    assert label(s, "mayor") == "against"
    # the sentence as a whole has one score; the targets do not
    assert sentence_polarity(s) != 0


def test_agent_of_a_negative_verb_is_against_its_patient_is_not():
    s = "The police impeded the protesters."
    assert label(s, "police") == "against"
    assert label(s, "protesters") == "neutral"


def test_patient_of_criticism_is_against():
    s = "The union criticised Ferreira."
    assert label(s, "Ferreira") == "against"
    assert target_polarity(s, *span(s, "Ferreira")) < target_polarity(s, *span(s, "union"))


def test_passive_voice_swaps_roles():
    s = "Ferreira was criticised by the union."
    assert label(s, "Ferreira") == "against"
    assert target_polarity(s, *span(s, "union")) > target_polarity(s, *span(s, "Ferreira"))


def test_negation_flips_the_tone():
    assert label("Critics said Ferreira is honest.", "Ferreira") == "favor"
    assert label("Critics said Ferreira is not honest.", "Ferreira") == "against"


def test_news_terms_missing_from_vader_count():
    for sentence in ("Ferreira ordered a crackdown on the press.", "Ferreira embezzled public money.",
                     "Ferreira ran a propaganda and bribery operation."):
        assert label(sentence, "Ferreira") == "against", sentence


def test_distance_weights_near_words_more():
    near = "Ferreira is corrupt, and the weather in the northern provinces was mild this week."
    far = "Ferreira spoke in the northern provinces this week, where the weather was corrupt."
    assert target_polarity(near, 0, 8) < target_polarity(far, 0, 8) <= 0


def test_names_carry_no_tone():
    # "Hope", "Joy" and "Winner" are VADER words; as names they say nothing
    assert target_polarity("Hope Winner met Joy Love on Tuesday.", 0, 11) == 0.0


def test_scores_are_bounded_and_labels_follow_thresholds():
    s = "The heroic, brilliant, wonderful, generous mayor won a great victory!!!"
    score = target_polarity(s, *span(s, "mayor"))
    assert 0 < score <= 1
    assert classify(score) == "favor"
    assert classify(DEFAULT.favor - 0.001) == "neutral"
    assert classify(DEFAULT.against) == "against"


@pytest.mark.parametrize("sentence,start,end", [
    ("", 0, 0),
    ("The mayor lied.", 4, 4),            # 0-length span
    ("The mayor lied.", 10, 4),           # reversed
    ("The mayor lied.", -3, 2),           # negative
    ("The mayor lied.", 4, 400),          # past the end
    ("El alcalde es terrible y corrupto, dijo la oposición.", 3, 10),   # not English
    ("Мэр — ужасный лжец.", 0, 3),        # not English, other script
    (None, 0, 3),
    ("The mayor lied.", "a", "b"),
])
def test_bad_input_is_neutral_zero(sentence, start, end):
    result = target_stance(sentence, start, end)
    assert result.score == 0.0 and result.stance == "neutral"
    assert (result.evidence_start, result.evidence_end) == (-1, -1)


def test_evidence_points_at_the_tone_words():
    s = "Opposition leaders said the minister lied to parliament."
    r = target_stance(s, *span(s, "minister"))
    assert s[r.evidence_start:r.evidence_end] == "lied"


# --- targets --------------------------------------------------------------------------------------------

def test_targets_resolve_titles_surnames_acronyms_and_pronouns():
    text = ("Health Minister Ana Ruiz met the Committee to Protect Journalists (CPJ) on Monday. "
            "The CPJ said Ruiz had ignored its letters. Later she said the government would reply. "
            "The minister left.")
    found = {(text[m.start:m.end], m.target) for m in find_mentions(text)}
    assert ("Health Minister Ana Ruiz", "Ana Ruiz") in found
    assert ("CPJ", "Committee to Protect Journalists") in found
    assert ("Ruiz", "Ana Ruiz") in found
    assert ("she", "Ana Ruiz") in found
    assert ("government", "government") in found
    assert ("The minister", "Ana Ruiz") in found
    assert not any(m.target in ("Later", "The", "Monday") for m in find_mentions(text))


def test_targets_in_messy_news_text():
    text = ("The U.S. and the U.N. met in Channel One. Brannock said Republican leaders and the American "
            "economy were fine. President Aurel Dancu came. The President said so. Donald J. Trump agreed. "
            "Trump left.")
    found = [(text[m.start:m.end], m.target) for m in find_mentions(text)]
    assert ("U.S.", "United States") in found and ("U.N.", "United Nations") in found
    assert ("Donald J. Trump", "Donald Trump") in found and ("Trump", "Donald Trump") in found
    assert ("Channel One", "Channel One") in found and ("Brannock", "Brannock") in found
    assert ("The President", "Aurel Dancu") in found
    # nationality and party adjectives name nobody
    assert not any(t in ("Republican", "American", "S.") for _w, t in found)


def test_nearest_full_name_wins_for_a_shared_surname():
    text = "Tomas Varga spoke first. Elena Varga replied. Varga then left."
    targets = [m.target for m in find_mentions(text)]
    assert targets == ["Tomas Varga", "Elena Varga", "Elena Varga"]


def test_user_targets_with_aliases_replace_automatic_ones():
    text = "The World Health Organization warned the mayor. WHO officials and the Mayor met. Who knows?"
    found = find_mentions(text, targets={"WHO": ["World Health Organization"], "the mayor": []})
    assert [(text[m.start:m.end], m.target) for m in found] == [
        ("World Health Organization", "WHO"), ("the mayor", "the mayor"), ("WHO", "WHO"),
        ("the Mayor", "the mayor")]
    assert normalise_targets("WHO") == {"WHO": ["WHO"]}
    # a person's name also matches the surname alone
    assert normalise_targets(["Paul Kent"]) == {"Paul Kent": ["Paul Kent", "Kent"]}
    assert [m.target for m in find_mentions("Paul Kent spoke. Kent left.", targets=["Paul Kent"])] == [
        "Paul Kent", "Paul Kent"]
    assert find_mentions(text, targets=["Atlantis"]) == []


# --- the stances table ----------------------------------------------------------------------------------

def corpus_frames(text: str, sentences: list[tuple[int, int, str, str]], sources: list[dict]):
    arts = pd.DataFrame({"article_id": ["a1"], "text": [text]})
    sents = pd.DataFrame([{"article_id": "a1", "sentence_id": i, "start": s, "end": e, "text": text[s:e],
                           "boilerplate": False, "attribution_id": aid, "source": src}
                          for i, (s, e, aid, src) in enumerate(sentences)])
    srcs = pd.DataFrame([{"article_id": "a1", **row} for row in sources])
    return arts, sents, srcs


TEXT = ('Ana Ruiz said the corrupt minister Paul Kent must resign. '
        'Kent praised the brave volunteers. '
        'The storm flooded the valley.')


def hand_made():
    s1 = TEXT.index("Kent praised")
    s2 = TEXT.index("The storm")
    content = TEXT.index("the corrupt")
    return corpus_frames(
        TEXT,
        [(0, s1 - 1, "a1-000", "Ana Ruiz"), (s1, s2 - 1, "", ""), (s2, len(TEXT), "", "")],
        [{"attribution_id": "a1-000", "sentence_id": 0, "source": "Ana Ruiz", "mention": "Ana Ruiz",
          "mention_start": 0, "mention_end": 8, "cue_start": 9, "cue_end": 13,
          "content_start": content, "content_end": s1 - 2}])


def test_stance_table_has_the_schema_columns_and_rows_per_attribution_and_author():
    table = stance_table(*hand_made())
    assert list(table.columns)[:len(COLUMNS["stances"])] == list(COLUMNS["stances"])
    rows = {(r.source, r.target): r for r in table.itertuples()}
    ruiz = rows[("Ana Ruiz", "Paul Kent")]
    assert ruiz.stance == "against" and ruiz.attribution_id == "a1-000" and -1 <= ruiz.score < 0
    # the evidence is the whole sentence, and the words that decided it are marked inside it
    assert TEXT[ruiz.evidence_start:ruiz.evidence_end] == "Ana Ruiz said the corrupt minister Paul Kent must resign."
    spans = [tuple(map(int, p.split(":"))) for p in ruiz.evidence_word_spans.split()]
    assert spans and all(ruiz.evidence_start <= a < b <= ruiz.evidence_end for a, b in spans)
    assert [TEXT[a:b] for a, b in spans] == ruiz.evidence_words.split(" | ")
    assert "corrupt" in ruiz.evidence_words.split(" | ")
    # the speaker is no target of their own words
    assert ("Ana Ruiz", "Ana Ruiz") not in rows
    author = rows[(AUTHOR, "Paul Kent")]
    assert pd.isna(author.attribution_id) and author.article_id == "a1"
    assert set(table["stance"]) <= {"favor", "against", "neutral"}
    assert table["score"].between(-1, 1).all()
    assert set(table["method"]) == {"learned"}
    lexicon = stance_table(*hand_made(), method="lexicon")
    assert set(lexicon["method"]) == {"vader-target"}
    assert lexicon.set_index(["source", "target"]).loc[("Ana Ruiz", "Paul Kent"), "stance"] == "against"


def test_stance_table_user_targets_and_missing_targets():
    arts, sents, srcs = hand_made()
    table = stance_table(arts, sents, srcs, targets={"Kent": ["Paul Kent"], "Atlantis": []})
    assert set(table["target"]) == {"Kent"}
    assert table.loc[table["source"] == "Ana Ruiz", "stance"].tolist() == ["against"]


def test_stance_table_skips_boilerplate_and_is_deterministic():
    arts, sents, srcs = hand_made()
    first = stance_table(arts, sents, srcs)
    again = stance_table(arts, sents, srcs)
    pd.testing.assert_frame_equal(first, again)
    sents.loc[1, "boilerplate"] = True
    without = stance_table(arts, sents, srcs)
    # "Kent praised ..." (sentence 1) is the author's only row about Kent: flagged as boilerplate, it is gone,
    # and Ana Ruiz's row from sentence 0 stays
    assert ((first["source"] == AUTHOR) & (first["target"] == "Paul Kent")).any()
    assert not ((without["source"] == AUTHOR) & (without["target"] == "Paul Kent")).any()
    assert without["source"].tolist() == ["Ana Ruiz"]


@pytest.mark.parametrize("change", ["empty_content", "zero_span", "out_of_range", "no_sources", "no_sentences",
                                    "foreign", "empty_text"])
def test_stance_table_bad_input_never_raises(change):
    arts, sents, srcs = hand_made()
    if change == "empty_content":
        srcs.loc[0, ["content_start", "content_end"]] = -1
    elif change == "zero_span":
        srcs.loc[0, "content_end"] = srcs.loc[0, "content_start"]
    elif change == "out_of_range":
        srcs.loc[0, ["content_start", "content_end"]] = [5000, 9000]
    elif change == "no_sources":
        srcs = srcs.iloc[0:0]
    elif change == "no_sentences":
        sents = sents.iloc[0:0]
    elif change == "foreign":
        arts.loc[0, "text"] = "Ana Ruiz dijo que el ministro Paul Kent es corrupto y debe dimitir."
        sents = sents.iloc[0:0]
        srcs = srcs.iloc[0:0]
    elif change == "empty_text":
        arts.loc[0, "text"] = ""
    table = stance_table(arts, sents, srcs)
    assert list(table.columns)[:len(COLUMNS["stances"])] == list(COLUMNS["stances"])
    if change == "foreign":
        assert (table["score"] == 0).all() and (table["stance"] == "neutral").all()
    if change in ("empty_content", "zero_span", "out_of_range", "no_sources"):
        assert not (table["source"] == "Ana Ruiz").any()


def test_stance_table_on_empty_tables():
    empty = pd.DataFrame()
    assert stance_table(empty, empty, empty).empty
    assert list(stance_table(empty, empty, empty).columns) == list(COLUMNS["stances"])


# --- the sample corpus's hand labels (data/sample/stance_key.csv) ---------------------------------------

SAMPLE = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "sample"


def _norm(s: str) -> str:
    return " ".join(str(s).lower().replace("\u2019", "'").split())


def _label(rows: pd.DataFrame) -> str:
    """The most frequent stance of the matching rows; a tie goes to the sign of their mean score."""
    counts = rows["stance"].value_counts()
    top = counts[counts == counts.max()].index.tolist()
    if len(top) == 1:
        return top[0]
    return classify(rows["score"].mean())


def sample_agreement():
    """(agreeing rows, rows with a matching stance row, key rows) on the sample's stance key.

    A key row names the article (title), the source, the target and the sentence; the matching stance rows
    are those of the attributions in that sentence (or the author's rows) whose target names the key's
    target. Their mean score, classified, is compared with the hand label.
    """
    import newslab

    key = pd.read_csv(SAMPLE / "stance_key.csv", dtype=str, keep_default_na=False)
    corpus = newslab.load(SAMPLE)
    by_title = dict(zip(corpus.articles["title"], corpus.articles["article_id"]))
    st, src, sents = corpus.stances, corpus.sources, corpus.sentences
    agree = found = 0
    for row in key.itertuples():
        aid = by_title.get(row.title)
        mine = sents[sents["article_id"] == aid]
        ids = [i for i, t in zip(mine["sentence_id"], mine["text"])
               if _norm(row.sentence)[:60] in _norm(t) or _norm(t)[:60] in _norm(row.sentence)]
        rows = st[st["article_id"] == aid]
        if row.source == AUTHOR:
            rows = rows[rows["source"] == AUTHOR]
        else:
            in_sentence = src[(src["article_id"] == aid) & (src["sentence_id"].isin(ids) |
                                                            src["first_sentence_id"].isin(ids))]
            rows = rows[rows["attribution_id"].isin(set(in_sentence["attribution_id"]))]
        rows = rows[[_norm(row.target) in _norm(t) or _norm(t) in _norm(row.target) for t in rows["target"]]]
        if len(rows):
            found += 1
            agree += _label(rows) == row.stance
    return agree, found, len(key)


def test_stance_toward_main_targets_matches_the_sample_key():
    if not (SAMPLE / "stance_key.csv").exists():
        pytest.skip("data/sample/stance_key.csv not present")
    agree, found, total = sample_agreement()
    # a measurement, not a target: nothing in newslab is chosen on this key. Measured: 20 of 30 matched rows
    # agree (38 key rows; the rest need attributions newslab misses)
    assert found >= 0.6 * total
    assert agree >= 0.65 * found


def test_user_stance_terms_add_to_the_shipped_ones(tmp_path):
    from newslab.errors import LexiconError

    mine = tmp_path / "my_terms.csv"
    mine.write_text("# my beat\nterm,score,role\nfrobnicated,-3,agent\ncrackdown,2,any\n", encoding="utf-8")
    s = "Ferreira frobnicated the budget and praised the crackdown."
    assert target_polarity(s, 0, 8) != target_stance(s, 0, 8, terms=str(mine)).score
    assert target_stance("Ferreira frobnicated the budget.", 0, 8, terms=str(mine)).stance == "against"
    # shipped terms still apply
    assert target_stance("Ferreira embezzled the funds.", 0, 8, terms=str(mine)).stance == "against"
    bad = tmp_path / "bad_terms.csv"
    bad.write_text("term,score,role\nfoo,very bad,any\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="bad_terms.csv.*not a number"):
        target_stance("Ferreira foo.", 0, 8, terms=str(bad))


def test_a_paragraph_without_punctuation_still_gives_rows():
    text = " ".join(["Ana Ruiz criticised Paul Kent and the corrupt government while Varga smiled"] * 300)
    arts = pd.DataFrame({"article_id": ["long"], "text": [text]})
    sents = pd.DataFrame({"article_id": ["long"], "sentence_id": [0], "start": [0], "end": [len(text)],
                          "text": [text], "boilerplate": [False], "attribution_id": [""], "source": [""]})
    table = stance_table(arts, sents, pd.DataFrame())
    assert set(table["source"]) == {AUTHOR}
    assert table.set_index("target").loc["government", "stance"] == "against"
    assert table["evidence_start"].between(-1, len(text)).all()


# --- targets an analyst can trust, per-article stance, the model file ------------------------------------


def _one_attribution(text: str, source: str, content: tuple[int, int], mention: tuple[int, int]):
    arts = pd.DataFrame({"article_id": ["t1"], "text": [text]})
    sents = pd.DataFrame({"article_id": ["t1"], "sentence_id": [0], "start": [0], "end": [len(text)],
                          "text": [text], "boilerplate": [False], "attribution_id": ["t1-000"],
                          "source": [source]})
    srcs = pd.DataFrame([{"attribution_id": "t1-000", "article_id": "t1", "sentence_id": 0, "source": source,
                          "mention": source, "mention_start": mention[0], "mention_end": mention[1],
                          "cue_start": mention[1] + 1, "cue_end": mention[1] + 5,
                          "content_start": content[0], "content_end": content[1]}])
    return arts, sents, srcs


def test_targets_are_named_people_and_bodies_in_the_content_only():
    text = ('Ana Ruiz said that in May the S-1 filing, the 13th Amendment and "How Nations Fail" show '
            'he misled the Senate, and that Paul Kent lied on Monday.')
    content = (text.index("that in May"), len(text) - 1)
    table = stance_table(*_one_attribution(text, "Ana Ruiz", content, (0, 8)))
    targets = set(table[table["source"] == "Ana Ruiz"]["target"])
    assert "Paul Kent" in targets and "Senate" in targets
    # never a month, weekday, code, numbered thing, quoted title word, pronoun or the source itself
    assert not targets & {"May", "Monday", "S-1", "Amendment", "Nations", "How Nations Fail", "Ana Ruiz"}
    kent = table[(table["source"] == "Ana Ruiz") & (table["target"] == "Paul Kent")].iloc[0]
    assert kent.stance == "against" and "lied" in kent.evidence_words.split(" | ")


def test_targets_outside_the_content_are_not_the_sources_targets():
    text = "Paul Kent, the mayor, was there when Ana Ruiz said the budget was a disgrace."
    content = (text.index("the budget"), len(text) - 1)
    mention = (text.index("Ana Ruiz"), text.index("Ana Ruiz") + 8)
    table = stance_table(*_one_attribution(text, "Ana Ruiz", content, mention))
    assert table[table["source"] == "Ana Ruiz"].empty


def test_stance_by_article_counts_statements_per_source_target_article():
    from newslab.analysis.aggregates import stance_by_article

    st = pd.DataFrame({"article_id": ["a", "a", "a", "b"], "source": ["X", "X", "X", "X"],
                       "target": ["Y", "Y", "Y", "Y"], "stance": ["against", "favor", "against", "neutral"],
                       "score": [-0.5, 0.4, -0.7, 0.0]})
    out = stance_by_article(st)
    assert out[["article_id", "stance", "n", "favor", "against", "neutral"]].values.tolist() == [
        ["a", "against", 3, 1, 2, 0], ["b", "neutral", 1, 0, 0, 1]]
    tie = stance_by_article(st.iloc[[0, 1]])
    assert tie["stance"].tolist() == ["against"]  # one each way: the mean score (-0.05) decides


def test_training_the_model_is_bit_for_bit_reproducible(tmp_path):
    pytest.importorskip("sklearn")
    import json

    from newslab.evaluation.train_stance import train

    good = ["praised", "thanked", "defended", "applauded"]
    bad = ["attacked", "mocked", "condemned", "blamed"]
    lines = []
    for i in range(60):
        word = (good + bad + ["met", "visited", "called", "saw"])[i % 12]
        polarity = 6 if word in good else 2 if word in bad else 4
        sentence = f"The senator {word} Ana Ruiz on day {i}."
        start = sentence.index("Ana Ruiz")
        lines.append(json.dumps({"sentence_normalized": sentence, "targets": [
            {"from": start, "to": start + 8, "mention": "Ana Ruiz", "polarity": polarity}]}))
    (tmp_path / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    train(tmp_path, tmp_path / "m1.json.gz", quick=True)
    train(tmp_path, tmp_path / "m2.json.gz", quick=True)
    assert (tmp_path / "m1.json.gz").read_bytes() == (tmp_path / "m2.json.gz").read_bytes()
    from newslab.stance.model import features, load_model, predict_features

    model = load_model(str(tmp_path / "m1.json.gz"))
    s = "The senator condemned Ana Ruiz."
    assert predict_features(features(s, 22, 30), model).stance == "against"


def test_targets_share_the_identity_keys_of_sources_and_the_key_is_unique():
    import newslab

    corpus = newslab.load(SAMPLE, progress=False)
    st, src = corpus.stances, corpus.sources
    assert not st.duplicated(["article_id", "attribution_id", "target"]).any()
    ids = dict(zip(src["source"].dropna(), src["source_id"].dropna()))
    named = st[st["target"].isin(ids)]
    assert len(named) >= 5  # sources of the sample are often the targets of others
    assert (named["target_id"] == named["target"].map(ids)).all()
    assert st["target_id"].notna().all()


def test_headline_words_are_no_targets_unless_named_in_the_text():
    text = "Kent Slams Budget Over Rising Costs And Fear\nAna Ruiz said Paul Kent lied about the budget."
    arts = pd.DataFrame({"article_id": ["h1"], "text": [text]})
    s1 = text.index("Ana")
    sents = pd.DataFrame({"article_id": ["h1", "h1"], "sentence_id": [0, 1], "start": [0, s1],
                          "end": [s1 - 1, len(text)], "text": [text[:s1 - 1], text[s1:]],
                          "boilerplate": [False, False], "attribution_id": ["", ""], "source": ["", ""]})
    targets = set(stance_table(arts, sents, pd.DataFrame())["target"])
    assert "Paul Kent" in targets
    assert not targets & {"Budget", "Rising Costs", "Fear", "Kent Slams Budget Over Rising Costs And Fear"}


def test_fast_scoring_equals_the_feature_dot_product():
    """stance_table scores by word lookups (model._scores); training reads feature dicts: both must agree."""
    from newslab.stance.model import features, model_available, predict, predict_features

    if not model_available():
        pytest.skip("no stance model file")
    cases = [("Critics said the mayor lied and covered up the corruption scandal.", "the mayor"),
             ("Voters praised Ana Maria Ruiz, but Paul Kent called her a fraud; Kent did not apologise.", "Kent"),
             ("Ana Maria Ruiz said Ruiz would never back the corrupt deal with Brannock Construction.", "Ruiz"),
             ('"It is a disgrace," said Lev Arden, 54, of the council\u2019s decision on the 2016 budget.', "Lev Arden"),
             ("The mayor praised the plan; however, critics said Paul Kent lied, but Kent was not corrupt.", "Paul Kent"),
             ("Voters praised Ana Maria Ruiz for her courage.", "Ana"),  # a target inside a run of names
             # longer than the window on both sides, a run of names cut at the window's edge
             ("Officials met Ana Maria Ruiz " + "and the council members " * 19 + "before the Paul Kent criticised "
              + "the deal and the corruption " * 20 + "said Ana Maria Ruiz.", "Paul Kent")]
    for sentence, target in cases:
        start = sentence.index(target)
        fast = predict(sentence, start, start + len(target))
        slow = predict_features(features(sentence, start, start + len(target)))
        assert fast.stance == slow.stance, sentence
        assert all(abs(a - b) <= 1e-4 for a, b in zip(fast.probabilities, slow.probabilities)), sentence


def test_actor_nouns_are_found_as_a_case_insensitive_scan_finds_them():
    """find_mentions tries the actor pattern only where the lower-cased text holds a noun; that is exact only
    while re.IGNORECASE takes no characters but ASCII_CASE_TWINS for ASCII letters (Python may add some)."""
    import re

    from newslab.stance.targets import ASCII_CASE_TWINS, _actor_matches, _actor_pattern

    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(re.findall(r"(?i)[a-z]", every)) == ASCII_CASE_TWINS
    for text in ["The GOVERNMENT and the Police met army-police units; xpolice, Police's, governments.",
                 "Valdorian authorities\u2019 prosecutors spoke to the \u017fenate and \u0130nstitutions police.",
                 "no actor here", ""]:
        assert [m.span() for m in _actor_matches(text)] == [m.span() for m in _actor_pattern().finditer(text)]
