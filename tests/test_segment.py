"""Sentence segmentation: Punkt with shipped parameters, hard line breaks, scraper glue, boilerplate flags."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd
import pytest

from newslab.core.lexicon import lexicon_path
from newslab.core.schema import COLUMNS
from newslab.errors import LexiconError, SettingsError
from newslab.text import segment as seg
from newslab.text.segment import is_boilerplate, segment, sentence_spans

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in sentence_spans(text)]


def check_invariants(text: str, spans: list[tuple[int, int, int]]) -> None:
    """What every caller relies on, whatever the text."""
    prev_end, prev_par = 0, 0
    covered = bytearray(len(text))
    for s, e, p in spans:
        sent = text[s:e]
        assert 0 <= prev_end <= s < e <= len(text), (s, e)
        assert sent == sent.strip() and sent, repr(sent)
        assert not any(c in sent for c in "\n\r\u2028\u2029"), repr(sent)
        assert p >= prev_par
        covered[s:e] = b"\x01" * (e - s)
        prev_end, prev_par = e, p
    # nothing but whitespace is left out of the sentences
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    # paragraphs are the non-blank lines, numbered from 0
    lines = [ln for ln in re.split(r"[\n\r\v\f\u2028\u2029]", text) if ln.strip()]
    assert sorted({p for _, _, p in spans}) == list(range(len(lines)))


# --- abbreviations, initials, numbers -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sen. Smith met Gov. Brown and Dr. Jones on Tuesday.",
    "U.S. officials said the U.N. and the E.U. agreed.",
    "Mr. and Mrs. Lee met Gen. Mark Milley and Lt. Col. Vindman at 5 p.m. on Friday.",
    "Donald J. Trump and George W. Bush spoke with John F. Kennedy Jr. about it.",
    "It was No. 2 on the list, St. Louis said, and Acme Inc. agreed on Jan. 20.",
    "The F.B.I. director, James B. Comey, spoke.",
    "Sen. Dick Durbin (D-Ill.) said the plan was dead.",
    "“Mr. Trump is wrong,” she said.",
])
def test_abbreviations_and_initials_do_not_end_sentences(text):
    assert sents(text) == [text]


@pytest.mark.parametrize("text, expected", [
    ("He moved to the U.S. The next day he found work.",
     ["He moved to the U.S.", "The next day he found work."]),
    ("The answer was no. The vote failed.", ["The answer was no.", "The vote failed."]),
    ("We chose Plan B. It failed.", ["We chose Plan B.", "It failed."]),
    ("It ended at 5 p.m. The crowd left.", ["It ended at 5 p.m.", "The crowd left."]),
    ("Nancy Pelosi (D-Calif.). Eggleston spoke.", ["Nancy Pelosi (D-Calif.).", "Eggleston spoke."]),
    ("Prices rose 3.5 percent in 2016. Wages did not.", ["Prices rose 3.5 percent in 2016.", "Wages did not."]),
    ("The laws are set… And I think so.", ["The laws are set…", "And I think so."]),
    ("The laws are set... And I think so.", ["The laws are set...", "And I think so."]),
])
def test_abbreviation_before_a_new_sentence_splits(text, expected):
    assert sents(text) == expected


def test_punkt_parameters_are_stored_the_way_punkt_looks_them_up():
    params = seg._tokenizer()._params
    assert {"mr", "u.s", "a.m", "sen", "jan"} <= params.abbrev_types   # lower case, no final period
    assert ("no", "##number##") in params.collocations
    assert seg._tokenizer() is seg._tokenizer()                          # built once per process


def test_works_without_nltk_data_and_never_downloads(monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("newslab must not download or look up nltk_data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    seg._tokenizer.cache_clear()
    seg._lexicons.cache_clear()
    try:
        assert sents("Dr. Lee left. He said so.") == ["Dr. Lee left.", "He said so."]
    finally:
        seg._tokenizer.cache_clear()
        seg._lexicons.cache_clear()


# --- line breaks and paragraphs -------------------------------------------------------------------

def test_line_breaks_are_hard_boundaries_and_paragraphs_count_non_blank_lines():
    text = "Title without stop\nThe minister\nsaid no.\n\n\n  Second block. Two sentences.\r\nLast"
    spans = sentence_spans(text)
    assert [(text[s:e], p) for s, e, p in spans] == [
        ("Title without stop", 0), ("The minister", 1), ("said no.", 2),
        ("Second block.", 3), ("Two sentences.", 3), ("Last", 4)]
    check_invariants(text, spans)


# --- quotes and brackets --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
    ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
    ("He said ‘no.’ Then he left.", ["He said ‘no.’", "Then he left."]),
    ("Il a dit « non. » Puis il est parti.", ["Il a dit « non. »", "Puis il est parti."]),
    ("It rained. (See below.) Then it stopped.", ["It rained.", "(See below.)", "Then it stopped."]),
    ("(He left early.) Nobody noticed.", ["(He left early.)", "Nobody noticed."]),
    ("[It was late.] We went home.", ["[It was late.]", "We went home."]),
])
def test_closing_quote_or_bracket_stays_with_its_sentence(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('"We will win. We always do," she said.', ['"We will win.', 'We always do," she said.']),
    ("“It is over. Go home. Now,” he said.", ["“It is over.", "Go home.", "Now,” he said."]),
    ('She said: "Vote. It matters." He agreed.', ['She said: "Vote.', 'It matters."', "He agreed."]),
])
def test_multi_sentence_quotation_keeps_sentences_separate(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize("text", [
    '"Why?" she asked.',
    "“Is it over?” he asked the crowd.",
    '"Stop!" shouted the officer.',
    "Jeb! was better than before.",
    'He added, "We tried . . . and we lost."',
    "He paused… and went on.",
    'We need a lot of people…" Clinton said.',
])
def test_question_or_exclamation_followed_by_lowercase_tag_is_one_sentence(text):
    assert sents(text) == [text]


# --- scraper glue ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Subscribe nowThe minister said the vote would go ahead.",
     ["Subscribe now", "The minister said the vote would go ahead."]),
    ("Read moreOfficials said the plan was final.", ["Read more", "Officials said the plan was final."]),
    ("AdvertisementThe minister spoke.", ["Advertisement", "The minister spoke."]),
    ("ADVERTISEMENTIt was late.", ["ADVERTISEMENT", "It was late."]),
    ("That was the end of story.The next day it rained.", ["That was the end of story.", "The next day it rained."]),
    ("It was over, he said.”Then he left.", ["It was over, he said.”", "Then he left."]),
    ("Share this articleIn 2016 voters chose.", ["Share this article", "In 2016 voters chose."]),
    ("Prices rose in 2016.The next year they fell.", ["Prices rose in 2016.", "The next year they fell."]),
    ("Photo: Jane Doe/Reuters 2016The minister left.", ["Photo: Jane Doe/Reuters 2016", "The minister left."]),
])
def test_glued_words_are_split_without_changing_text(text, expected):
    spans = sentence_spans(text)
    assert [text[s:e] for s, e, _ in spans] == expected
    check_invariants(text, spans)


@pytest.mark.parametrize("name", [
    "McDonald", "MacArthur", "iPhone", "eBay", "YouTube", "PayPal", "LinkedIn", "DeSantis", "O'Neill",
    "McConnell", "JavaScript", "iOS", "WhatsApp", "easyJet", "USAToday", "NDAs", "LaGuardia", "DiCaprio",
    "#ImWithHer", "@realDonaldTrump", "https://example.com/NewsThe", "FiveThirtyEight", "GoFundMe",
    "HuffPost", "arXiv", "deGrasse", "Mary-Kate", "Mr.Smith", "the U.S.Senate", "version 2.Beta",
])
def test_names_and_brands_with_inner_capitals_are_not_split(name):
    text = f"Yesterday {name} said that sales rose."
    assert sents(text) == [text]


def test_text_column_is_never_modified_by_glue_repair():
    arts = pd.DataFrame({"article_id": ["a"], "text": ["Subscribe nowThe minister said no."]})
    before = arts.copy()
    out = segment(arts)
    assert out["text"].tolist() == ["Subscribe now", "The minister said no."]
    assert list(zip(out["start"], out["end"])) == [(0, 13), (13, 34)]
    pd.testing.assert_frame_equal(arts, before)


# --- boilerplate ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Advertisement", "ADVERTISEMENT", "Read more: Trump wins Iowa", "Sign up for our daily newsletter.",
    "Click here to subscribe.", "Follow us on Twitter", "© 2016 Acme News. All rights reserved.",
    "Support independent journalism today.", "We use cookies to improve your experience.",
    "Share this article", "Donate now", "Story continues below advertisement",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Follow Jane Doe on Twitter @janedoe.", "(Reporting by Jane Doe; Editing by John Roe)",
])
def test_boilerplate_lines_are_flagged(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("sentence", [
    "The advertisement was pulled after complaints.", "Millions follow him on Twitter.",
    "Lawmakers consider supporting the bill.", "She read more than 40 reports.",
    "Facebook changed its privacy policy in May.", "The group wants to become a member of NATO.",
    "Residents signed up for updates from the campaign, officials said.",
    "Copyright law was at the heart of the case.", "[Reuters]",
])
def test_ordinary_news_sentences_are_not_flagged(sentence):
    assert not is_boilerplate(sentence)


def test_boilerplate_is_flagged_not_removed_and_user_patterns_add(tmp_path):
    text = "Advertisement\nThe mayor spoke. Visit our shop today!\nSign up for our newsletter."
    arts = pd.DataFrame({"article_id": ["a1"], "text": [text]})
    shipped = segment(arts)
    assert list(shipped["text"]) == ["Advertisement", "The mayor spoke.", "Visit our shop today!",
                                     "Sign up for our newsletter."]
    assert list(shipped["boilerplate"]) == [True, False, False, True]

    user = tmp_path / "mine.txt"
    user.write_text("# my shop banners\n\\bvisit our shop\\b\n", encoding="utf-8")
    extended = segment(arts, boilerplate=user)
    assert list(extended["boilerplate"]) == [True, False, True, True]   # added, shipped ones kept
    assert extended["text"].tolist() == shipped["text"].tolist()

    user.write_text("^the mayor\n", encoding="utf-8")                   # edited file is re-read
    assert list(segment(arts, boilerplate=str(user))["boilerplate"]) == [True, True, False, True]


def test_user_patterns_with_alternation_or_inline_flags(tmp_path):
    user = tmp_path / "mine.txt"
    user.write_text("# mine\n^promo code|coupon\n(?x) ^ gift \\s shop $\n", encoding="utf-8")
    assert is_boilerplate("Use this coupon at checkout.", boilerplate=user)    # "coupon" anywhere
    assert is_boilerplate("Promo code SAVE10", boilerplate=user)
    assert is_boilerplate("Gift shop", boilerplate=user)
    assert not is_boilerplate("The mayor said no.", boilerplate=user)


def test_bad_user_boilerplate_file_gives_a_clear_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("# header\n(unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.txt.*\(unclosed"):
        segment(pd.DataFrame({"article_id": ["a"], "text": ["Hi."]}), boilerplate=bad)
    with pytest.raises(LexiconError, match="no_such_file"):
        segment(pd.DataFrame({"article_id": ["a"], "text": ["Hi."]}), boilerplate=tmp_path / "no_such_file.txt")


def test_every_shipped_lexicon_starts_with_a_header_comment():
    for name in ("abbreviations.txt", "boilerplate.txt", "sentence_starters.txt", "camelcase_names.txt"):
        first = lexicon_path(name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), name


# --- the sentences table --------------------------------------------------------------------------

def test_segment_returns_the_sentences_table():
    arts = pd.DataFrame({"article_id": ["a1", "a2", "a3"],
                         "text": ["One. Two.\nThree.", "Solo sentence", None]})
    out = segment(arts)
    assert list(out.columns)[:len(COLUMNS["sentences"])] == list(COLUMNS["sentences"])
    assert out["article_id"].tolist() == ["a1", "a1", "a1", "a2"]
    assert out["sentence_id"].tolist() == [0, 1, 2, 0]
    assert out["paragraph"].tolist() == [0, 0, 1, 0]
    assert out["boilerplate"].dtype == bool
    assert out["attribution_id"].isna().all() and out["source"].isna().all()
    texts = dict(zip(arts["article_id"], arts["text"]))
    for aid, s, e, t in zip(out["article_id"], out["start"], out["end"], out["text"]):
        assert texts[aid][s:e] == t


def test_articles_without_text_column_is_a_clear_error():
    with pytest.raises(SettingsError, match="'text' column"):
        segment(pd.DataFrame({"article_id": ["a"], "body": ["Hi."]}))


def test_empty_articles_table():
    out = segment(pd.DataFrame({"article_id": pd.Series([], dtype="string"),
                                "text": pd.Series([], dtype="string")}))
    assert out.empty and list(out.columns)[:len(COLUMNS["sentences"])] == list(COLUMNS["sentences"])


# --- odd input and invariants ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", " ", "\n\n\t  \n", '"', "“", "”", "(", "...", ". . .", "?!", "!!!\n???", '"He said. "She said.',
    "Unbalanced “quote. And (bracket. Done.",
    " ".join(["word"] * 5000),                                      # 5,000 words, no punctuation
    "Der Minister sagte: „Wir gewinnen.“ Dann ging er. Die U.S.A. schweigen.",
    "El ministro dijo: «Ganaremos». ¿Por qué? Nadie sabe.",
    "部长说，我们会赢。他走了。", "قال الوزير إننا سنفوز. ثم غادر.", "Ура! Мы победили. Да.",
    "🎉 Party time. 🎉🎉", "a.b" * 2000, "aBc" * 2000, "!?" * 2000, "\u2028Line\u2029sep\x0bhere",
])
def test_odd_input_never_raises_and_keeps_invariants(text):
    spans = sentence_spans(text)
    check_invariants(text, spans)


def test_non_string_text_gives_no_sentences():
    assert sentence_spans(None) == []          # type: ignore[arg-type]
    assert sentence_spans(float("nan")) == []  # type: ignore[arg-type]


_FRAGMENTS = [
    "The minister said", "Sen. Smith", "U.S. officials", "the U.S.", "Mr. Lee", "Donald J. Trump", "No. 2",
    "at 5 p.m.", "“We will win.", "We always do,” she said", '"Why?" he asked', "(See below.)", "iPhone",
    "McDonald", "nowThe", "story.The", "ADVERTISEMENT", "Read more", "Sign up for our newsletter",
    "é à ü", "3.5 percent", "e.g.", "etc.", "...", "—", "«", "»", "'", '"', "(", ")", "!", "?", ".", ",",
]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 40)):
        parts.append(rng.choice(_FRAGMENTS))
        parts.append(rng.choice([" ", " ", " ", "", ". ", "\n", "\n\n", "  ", "\t", ". \n"]))
    return "".join(parts)


def test_offsets_invariant_on_many_random_texts():
    rng = random.Random(20261127)
    texts = [_random_text(rng) for _ in range(400)]
    arts = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    out = segment(arts)
    for text in texts:
        check_invariants(text, sentence_spans(text))
    got = dict(zip(arts["article_id"], arts["text"]))
    assert all(got[a][s:e] == t for a, s, e, t in zip(out["article_id"], out["start"], out["end"], out["text"]))
    assert (out.groupby("article_id")["sentence_id"].apply(lambda s: list(s) == list(range(len(s))))).all()


def test_synthetic_corpus_if_available():
    synthetic = pytest.importorskip("newslab.synthetic")
    arts = synthetic.generate_articles(20)
    out = segment(arts)                       # no article_id column: the row index identifies articles
    assert set(out["article_id"]) == {str(i) for i in range(20)}
    assert len(out) > 20
    for text in arts["text"]:
        check_invariants(text, sentence_spans(text))


# --- real news (read-only evaluation corpus; skipped on a fresh clone) ----------------------------

@pytest.mark.shared
def test_real_news_sentences_are_plausible():
    folder = SHARED / "corpora" / "polnear" / "dev" / "text"
    if not folder.is_dir():
        pytest.skip("../shared corpora not available")
    titles = re.compile(r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|St)\.$")
    n = 0
    for path in sorted(folder.glob("*.txt"))[:40]:
        text = path.read_text(encoding="utf-8")
        spans = sentence_spans(text)
        check_invariants(text, spans)
        for s, e, _ in spans:
            assert not titles.search(text[s:e]), text[s:e]   # never split after a title
        n += len(spans)
    assert n > 400


def test_sample_corpus_sentences_match_the_answer_key():
    root = Path(__file__).resolve().parents[1] / "data" / "sample"
    if not (root / "answer_key.csv").exists():
        pytest.skip("sample corpus not present")
    import newslab

    corpus = newslab.load(root, progress=False)
    key = pd.read_csv(root / "answer_key.csv", keep_default_na=False)
    ours = segment(corpus.articles)
    flagged = dict(zip(ours["text"], ours["boilerplate"]))
    missing = [s for s in key["sentence"] if s not in flagged]
    assert not missing, missing[:5]                 # every hand-labelled sentence is one of ours
    wrong = [s for s, b in zip(key["sentence"], key["boilerplate"])
             if flagged[s] != (str(b).lower() == "true")]
    assert not wrong, wrong[:5]                     # and flagged as boilerplate exactly when labelled so


def test_shortcuts_split_and_flag_exactly_as_the_full_rules(monkeypatch):
    """The plain-stop shortcut ("reporters. He") and the boilerplate pre-checks give the answers of Punkt's
    full passes and of every pattern tried one by one, on sentences built around every lower-case
    abbreviation and collocation of the lexicon."""
    abbrevs, collocations, _starters, _camel = seg._lexicons()
    words = sorted({a for a in abbrevs if a.isalpha() and a.islower()} | {c[0] for c in collocations}
                   | {"reporters", "said", "no", "approx", "tuesday"})
    texts = [f"The fee was paid to the {w}. Then it rained. It was {w}. 5 more came. See {w}. He left. "
             f'He said "{w}." Then "{w.title()}?" she asked ({w}.) and left! "No," {w}. {w.upper()}. Go.'
             for w in words]
    texts += ["Sign up for our newsletter. Read more: the port. \u00a9 2024 Harbor Wire. By the way, he said so.",
              "Advertisement. -- Story continues below. Follow us on Twitter. Support us on Patreon."]
    matcher = seg.boilerplate_matcher()
    fast = [(seg.sentence_spans(t), [matcher(t[s:e]) for s, e, _ in seg.sentence_spans(t)]) for t in texts]
    monkeypatch.setattr(seg, "_PLAIN_STOP", re.compile(r"(?!)"))  # never take the shortcut
    slow = [(seg.sentence_spans(t), [any(re.search(p, t[s:e], re.IGNORECASE) for p in matcher.patterns)
                                     for s, e, _ in seg.sentence_spans(t)]) for t in texts]
    assert fast == slow
    assert any(any(flags) for _spans, flags in fast) and len(words) > 20
