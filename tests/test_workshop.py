"""The workshop: matching the answer key, scoring, Cohen's kappa, escaping, saving, and the widget flow."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from newslab.errors import InputError, SettingsError
from newslab.io.corpus import Corpus
from newslab.ui.workshop import (
    AUTHOR,
    NOT_MARKED,
    SOMEONE_ELSE,
    Workshop,
    class_summary,
    cohen_kappa,
    exercise,
    kappa_words,
    normalize_source,
    read_answer_key,
    save_results,
    score,
    sentence_difficulty,
    workshop_app,
)

REPO = Path(__file__).resolve().parents[1]
EVIL = 'Evil <script>alert("x")</script> and <img src=x onerror=alert(1)> text.'
INJECT = "=cmd|' /C calc'!A0"

# article a1 (wire/a1.txt): sentence, key source, key cue class, newslab source, newslab cue class
A1 = [
    ("Mayor Lee said the plan works.", "Mayor Lee", "neutral", "Mayor Lee", "neutral"),
    ("Rain fell on Tuesday.", "", "", None, None),
    ("The ministry claimed it was fine.", "Health Ministry", "doubt", "Health Ministry", "neutral"),
    (EVIL, "", "", "Lee", "neutral"),
    ("Subscribe to our newsletter.", "", "", None, None),  # boilerplate in the key
]
A2 = [("Nobody is quoted here.", None, None), ("Dr Cruz said no.", "Dr Cruz", "neutral")]


def make_corpus(root: str = "/data/corpus") -> Corpus:
    arts, sents, srcs = [], [], []
    for aid, rel, title, outlet, rows in (("a1", "wire/a1.txt", "Plan approved", "Wire",
                                           [(t, ns, nc) for t, _, _, ns, nc in A1]),
                                          ("a2", "tabloid/a2.txt", "Other story", "Tabloid", A2)):
        text = "\n".join(t for t, _, _ in rows)
        arts.append({"article_id": aid, "path": f"{root}/{rel}", "title": title, "outlet": outlet, "text": text})
        pos = 0
        for i, (t, src, cue) in enumerate(rows):
            att = f"{aid}-{i}" if src else None
            sents.append({"article_id": aid, "sentence_id": i, "paragraph": i, "start": pos, "end": pos + len(t),
                          "text": t, "boilerplate": False, "attribution_id": att, "source": src})
            if src:
                srcs.append({"attribution_id": att, "article_id": aid, "sentence_id": i, "source": src,
                             "cue_class": cue})
            pos += len(t) + 1
    return Corpus.from_tables(articles=pd.DataFrame(arts), sentences=pd.DataFrame(sents),
                              sources=pd.DataFrame(srcs))


def write_key(path: Path) -> Path:
    rows = [{"file": "wire/a1.txt", "title": "Plan approved", "sentence": t, "source": ks, "source_type": "",
             "cue": "", "cue_class": kc, "boilerplate": "true" if t.startswith("Subscribe") else "false"}
            for t, ks, kc, _, _ in A1]
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(autouse=True)
def no_results_env(monkeypatch):
    monkeypatch.delenv("NEWSLAB_WORKSHOP_RESULTS", raising=False)


@pytest.fixture
def key(tmp_path):
    return read_answer_key(write_key(tmp_path / "answer_key.csv"))


def answered(table: pd.DataFrame, marks: list[tuple[str, str]]) -> pd.DataFrame:
    return table.assign(answer_source=[s for s, _ in marks], answer_cue_class=[c for _, c in marks])


# The participant of the hand-computed example: right, right, right source but wrong verb class, wrong.
MARKS = [("mayor lee", "neutral"), (AUTHOR, ""), ("The Health Ministry", "neutral"), (INJECT, "neutral")]


# --------------------------------------------------------------------------------------------- kappa
def test_cohen_kappa_textbook_example():
    # 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 -> po 0.7, pe 0.5, kappa 0.4
    a = ["y"] * 20 + ["y"] * 5 + ["n"] * 10 + ["n"] * 15
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa(b, a) == pytest.approx(0.4)


def test_cohen_kappa_three_labels_and_edges():
    # po = 3/4; pe = (1*1 + 1*2 + 1*1) / 16 = 1/4 -> kappa = 2/3
    assert cohen_kappa(["lee", "author", "hm", "x"], ["lee", "author", "hm", "author"]) == pytest.approx(2 / 3)
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
    assert cohen_kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa(["a", "a"], ["a", "a"]))  # one label for everything: undefined
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(SettingsError):
        cohen_kappa(["a"], ["a", "b"])
    assert kappa_words(0.5) == "moderate agreement" and kappa_words(-0.1) == "less than chance agreement"


def test_normalize_source_ignores_case_spacing_and_the():
    assert normalize_source("The  Health Ministry.") == normalize_source("health ministry")
    assert normalize_source("") == normalize_source(AUTHOR) == normalize_source(None)
    assert normalize_source(NOT_MARKED) != normalize_source(AUTHOR)


# ----------------------------------------------------------------------------------- key and exercise
def test_exercise_matches_key_by_file_and_sentence(key):
    table = exercise(make_corpus(), key)
    a1 = table[table.article_id == "a1"]
    assert list(a1.text) == [t for t, *_ in A1[:4]]  # boilerplate (flagged in the key) left out
    assert a1.in_key.all()
    assert list(a1.key_source) == ["Mayor Lee", "(author)", "Health Ministry", "(author)"]
    assert list(a1.key_cue_class) == ["neutral", "(none)", "doubt", "(none)"]
    assert list(a1.newslab_source) == ["Mayor Lee", "(author)", "Health Ministry", "Lee"]
    a2 = table[table.article_id == "a2"]
    assert len(a2) == 2 and not a2.in_key.any()  # no key rows: still playable against newslab


def test_key_matching_ignores_spacing_and_works_from_a_relative_root(tmp_path):
    path = write_key(tmp_path / "k.csv")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df["sentence"] = df["sentence"].str.replace(" ", "  ")
    df.to_csv(path, index=False)
    table = exercise(make_corpus(root="data/sample"), read_answer_key(path))
    assert table[table.article_id == "a1"].in_key.all()


def test_read_answer_key_errors_name_the_file(tmp_path):
    bad = tmp_path / "key.csv"
    bad.write_text("file,sentence\nwire/a1.txt,Hello.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"key\.csv.*source"):
        read_answer_key(bad)
    with pytest.raises(InputError, match="not found"):
        read_answer_key(tmp_path / "missing.csv")


# --------------------------------------------------------------------------------------------- score
def test_score_hand_computed(key):
    table = exercise(make_corpus(), key, article_id="a1")
    s = score(answered(table, MARKS))
    assert (s["n_sentences"], s["n_marked"], s["n_in_key"], s["correct"]) == (4, 4, 4, 3)
    assert s["accuracy"] == pytest.approx(0.75)
    assert s["kappa"] == pytest.approx(2 / 3)
    # framing on the two sentences where the key names a speaker: neutral/neutral right, neutral/doubt wrong
    assert (s["cue_n"], s["cue_correct"], s["cue_accuracy"]) == (2, 1, 0.5)
    assert s["cue_kappa"] == pytest.approx(0.0)
    # newslab: [mayor lee, author, hm, lee] vs key [mayor lee, author, hm, author]: po 3/4, pe 4/16 -> 2/3
    assert s["newslab_accuracy"] == pytest.approx(0.75)
    assert s["newslab_kappa_key"] == pytest.approx(2 / 3)
    # when newslab also says "Mayor Lee" there: pe = (2*1 + 1*2 + 1*1)/16 = 5/16 -> (3/4 - 5/16)/(11/16) = 7/11
    s2 = score(answered(table.assign(newslab_source=["Mayor Lee", "(author)", "Health Ministry", "mayor lee"]),
                        MARKS))
    assert s2["newslab_kappa_key"] == pytest.approx(7 / 11)
    assert s["newslab_agreement"] == pytest.approx(0.75)


def test_unmarked_sentences_count_against_the_participant(key):
    table = exercise(make_corpus(), key, article_id="a1")
    s = score(answered(table, [MARKS[0]] + [(NOT_MARKED, "")] * 3))
    assert (s["n_marked"], s["correct"]) == (1, 1)
    assert s["accuracy"] == pytest.approx(0.25)


# --------------------------------------------------------------------------------------------- saving
def test_save_results_writes_answers_and_appends_scores(tmp_path, key):
    table = exercise(make_corpus(), key, article_id="a1")
    df = answered(table, MARKS)
    first = save_results(df, score(df), INJECT, tmp_path / "results")
    df2 = answered(table, MARKS[:3] + [(AUTHOR, "")])  # all four right
    second = save_results(df2, score(df2), "Ana B.", tmp_path / "results")
    assert first["scores"] == second["scores"]
    scores = pd.read_csv(first["scores"], dtype=str)
    assert len(scores) == 2 and list(scores.participant) == ["'" + INJECT, "Ana B."]  # not a formula
    saved = pd.read_csv(first["answers"], dtype=str, keep_default_na=False)
    assert len(saved) == 4 and saved.loc[3, "answer_source"] == "'" + INJECT
    assert saved.loc[3, "text"] == EVIL  # the text itself is kept exactly
    summary = class_summary(tmp_path / "results")
    assert list(summary.participant) == ["Ana B.", "'" + INJECT]  # best first
    assert list(summary.accuracy) == [1.0, 0.75]
    hard = sentence_difficulty(tmp_path / "results")
    assert hard.iloc[0].text == EVIL and hard.iloc[0].share_right == 0.5
    assert (hard.share_right.iloc[1:] == 1.0).all()
    assert set(hard.participants) == {2}


def test_results_env_var_redirects_results(tmp_path, key, monkeypatch):
    monkeypatch.setenv("NEWSLAB_WORKSHOP_RESULTS", str(tmp_path / "share"))
    df = answered(exercise(make_corpus(), key, article_id="a1"), MARKS)
    saved = save_results(df, score(df), "x", tmp_path / "notebook-folder")
    assert saved["scores"] == tmp_path / "share" / "scores.csv"


def test_results_folder_that_cannot_be_created_is_a_clear_error(tmp_path, key):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    df = answered(exercise(make_corpus(), key, article_id="a1"), MARKS)
    with pytest.raises(SettingsError, match="results folder"):
        save_results(df, score(df), "x", blocker / "sub")


# --------------------------------------------------------------------------------------------- widget
def test_widget_flow_from_python(tmp_path, key):
    app = Workshop(make_corpus(), key, results_dir=tmp_path / "out", article_id="a1")
    assert "Sentence 1 of 4" in app.sentence.value and app.back.disabled
    assert {"Mayor Lee", "Health Ministry", "Lee", AUTHOR, NOT_MARKED, SOMEONE_ELSE} <= set(app.source.options)
    assert app.cue.disabled  # nothing marked yet: no verb class to choose

    app.source.value = "Mayor Lee"
    assert not app.cue.disabled
    app.cue.value = "neutral"
    app.next.click()
    app.source.value = AUTHOR
    assert app.cue.disabled
    app.next.click()
    app.source.value = "Health Ministry"
    app.cue.value = "neutral"
    app.next.click()
    app.source.value = SOMEONE_ELSE
    assert app.other.layout.display != "none"
    assert app.answers_table().answer_source.iloc[3] == NOT_MARKED  # no name typed yet: not an answer
    app.other.value = INJECT
    assert app.next.disabled  # last sentence

    app.back.click()  # answers survive navigation
    assert app.source.value == "Health Ministry" and app.cue.value == "neutral"

    app.submit.click()  # no name yet: a message, nothing saved
    assert "type your name" in app.status.value and app.saved is None and app.result.value == ""

    app.participant.value = "Ana"
    app.submit.click()
    assert "Your score: 3 of 4 sentences (75%)" in app.result.value
    assert "0.67" in app.result.value  # kappa
    assert app.scores["accuracy"] == pytest.approx(0.75)
    assert app.saved["answers"].is_file() and app.saved["answers"].parent.parent == tmp_path / "out"
    assert list(app.answers.answer_source) == ["Mayor Lee", AUTHOR, "Health Ministry", INJECT]


def test_widget_escapes_article_text(tmp_path, key):
    app = Workshop(make_corpus(), key, results_dir=tmp_path, article_id="a1")
    app.go(3)
    assert "&lt;script&gt;" in app.sentence.value and "&lt;img src=x onerror=alert(1)&gt;" in app.sentence.value
    assert "<script" not in app.sentence.value and "<img" not in app.sentence.value
    app.go(2)  # the evil sentence is shown as context after sentence 3: escaped too
    assert "<script" not in app.sentence.value and "&lt;script&gt;" in app.sentence.value
    app.participant.value = "<b>x</b>"
    app.mark(3, '<img src=x onerror=alert("src")>')
    app.submit.click()
    assert "<script" not in app.result.value and "<img" not in app.result.value
    assert "&lt;img src=x onerror=alert(&quot;src&quot;)&gt;" in app.result.value


def test_changing_article_keeps_each_articles_marks(tmp_path, key):
    """Issue 13: switching the Article drop-down used to wipe every mark; each article keeps its own."""
    app = Workshop(make_corpus(), None, results_dir=tmp_path)  # no key: every article offered
    assert {v for _, v in app.article.options} == {"a1", "a2"}
    app.article.value = "a2"
    app.mark(1, "Dr Cruz", "neutral")
    app.go(1)
    app.article.value = "a1"
    assert app.source.value == NOT_MARKED and "Sentence 1 of 5" in app.sentence.value  # no key: no boilerplate flag
    app.mark(0, AUTHOR)
    app.article.value = "a2"  # back: the mark on sentence 2 is still there, and so is the position
    assert "Sentence 2 of" in app.sentence.value and app.source.value != NOT_MARKED
    assert "earlier marks" in app.status.value
    app.mark(0, AUTHOR)
    app.participant.value = "Bo"
    app.submit.click()
    assert "No answer key" in app.result.value and app.scores["newslab_agreement"] == 1.0
    app.article.value = "a1"
    assert app.answers_table()["answer_source"].iloc[0] == AUTHOR  # a1's mark survived too


def test_keyed_articles_only_when_a_key_is_given(key, tmp_path):
    app = Workshop(make_corpus(), key, results_dir=tmp_path)
    assert [v for _, v in app.article.options] == ["a1"]
    with pytest.raises(SettingsError, match="a2"):
        Workshop(make_corpus(), key, results_dir=tmp_path, article_id="a2")


def test_workshop_app_reports_a_missing_corpus_folder(tmp_path):
    with pytest.raises(InputError, match="corpus"):
        workshop_app(tmp_path / "nope")


def test_sample_answer_key_lines_up_with_the_sample_corpus(tmp_path):
    """Every labelled sample sentence is one the workshop shows: the key and the sentence splitter agree."""
    key_path = REPO / "data" / "sample" / "answer_key.csv"
    if not key_path.exists():
        pytest.skip("data/sample/answer_key.csv is not in this checkout")
    app = workshop_app(REPO / "data" / "sample", results_dir=tmp_path)
    key = read_answer_key(key_path)
    shown = app.table[app.table.in_key]
    labelled = key[~key.boilerplate]
    assert len(shown) >= 0.95 * len(labelled), f"only {len(shown)} of {len(labelled)} key sentences matched"
    assert app.table.in_key.mean() >= 0.95  # nearly every sentence shown has an answer
    assert set(shown.file) == set(labelled.file)  # every article of the key is offered
    assert len(app.article.options) == shown.article_id.nunique()


def test_draft_answer_key_round_trips_into_the_exercise(tmp_path):
    from newslab.ui.workshop import draft_answer_key

    corpus = make_corpus(root=str(tmp_path / "corpus"))
    draft = draft_answer_key(corpus, tmp_path / "corpus")
    assert list(draft.columns) == ["file", "title", "sentence", "source", "source_type", "cue", "cue_class",
                                   "boilerplate"]
    assert set(draft.file) == {"wire/a1.txt", "tabloid/a2.txt"}
    row = draft[draft.sentence == "Mayor Lee said the plan works."].iloc[0]
    assert (row.source, row.cue_class) == ("Mayor Lee", "neutral")
    assert draft[draft.sentence == "Rain fell on Tuesday."].iloc[0].source == ""  # author's own voice
    draft.to_csv(tmp_path / "key.csv", index=False)
    table = exercise(corpus, read_answer_key(tmp_path / "key.csv"))
    assert table.in_key.all()
    assert (table.key_source.map(normalize_source) == table.newslab_source.map(normalize_source)).all()


def test_agreement_matrix_between_participants_uses_latest_answers(tmp_path, key):
    from newslab.ui.workshop import agreement_matrix

    table = exercise(make_corpus(), key, article_id="a1")
    folder = tmp_path / "results"
    ana = answered(table, MARKS[:3] + [(AUTHOR, "")])  # [lee, author, hm, author]
    bo = answered(table, MARKS)  # [lee, author, hm, INJECT]
    old_bo = answered(table, [(AUTHOR, "")] * 4)
    t0 = pd.Timestamp("2026-03-01T10:00:00Z").to_pydatetime()
    save_results(old_bo, score(old_bo), "Bo", folder, when=t0)
    save_results(bo, score(bo), "Bo", folder, when=t0.replace(minute=5))  # replaces Bo's first try
    save_results(ana, score(ana), "Ana", folder, when=t0.replace(minute=6))
    m = agreement_matrix(folder)
    assert list(m.index) == ["Ana", "Bo"]
    # Ana [lee, author, hm, author] vs Bo [lee, author, hm, x]: po 3/4, pe (1+2+1)/16 -> 2/3
    assert m.loc["Ana", "Bo"] == pytest.approx(2 / 3) and m.loc["Bo", "Ana"] == pytest.approx(2 / 3)
    assert m.loc["Ana", "Ana"] == 1.0
    hard = sentence_difficulty(folder)
    assert hard.participants.max() == 2  # Bo's first try is not counted
    with pytest.raises(SettingsError):
        agreement_matrix(folder, article_id="nope")


def test_teacher_gets_one_folder_with_every_submission_and_a_summary(tmp_path):
    """Issue 13 item 8: participants see no file path; the teacher's folder has answers/, scores.csv and
    summary.csv (the latest submission per participant and article)."""
    folder = tmp_path / "class"
    for who, marks in (("Ana", 1), ("Bo", 2), ("Ana", 3)):
        app = Workshop(make_corpus(), None, results_dir=folder)
        for i in range(marks):
            app.mark(i, AUTHOR)
        app.participant.value = who
        app.submit.click()
        assert str(tmp_path) not in app.status.value and ".csv" not in app.status.value
        assert "your teacher has your answers" in app.status.value
    assert len(list((folder / "answers").glob("*.csv"))) == 3
    summary = pd.read_csv(folder / "summary.csv")
    assert sorted(summary["participant"]) == ["Ana", "Bo"]  # Ana's latest only
    assert summary.set_index("participant").loc["Ana", "n_marked"] == 3
