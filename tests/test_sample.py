"""The bundled sample corpus and its answer keys (data/sample/), as the workshop and other tests use them.

The answer key is hand-labelled against the text that ``newslab.load`` extracts, so these tests load the
sample through the real loader and segmenter: a loader change that alters the text breaks the key here first.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest

import newslab

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
KEY_COLUMNS = ["file", "title", "sentence", "source", "source_type", "cue", "cue_class", "boilerplate"]
SOURCE_TYPES = {"person", "official", "state_media", "media", "ngo", "international_org", "company", "expert",
                "document", "anonymous", "party", "group"}
CUE_CLASSES = {"neutral", "assertive", "doubt", "concession", "denial", "emotive", "belief", "according_to",
               "nominal"}
QUOTE_KINDS = {"direct", "indirect", "mixed", "according_to", "nominal"}
STANCES = {"favor", "against", "neutral"}
AUTHOR = "(author)"


def read_key(name: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def key() -> pd.DataFrame:
    return read_key("answer_key.csv")


@pytest.fixture(scope="module")
def stance_key() -> pd.DataFrame:
    return read_key("stance_key.csv")


@pytest.fixture(scope="module")
def corpus():
    return newslab.load(SAMPLE)


@pytest.fixture(scope="module")
def loaded(corpus, key) -> dict[tuple[str, str], pd.Series]:
    """The loaded article of every (file, title) in the answer key (title only tells .jsonl records apart)."""
    arts = corpus.articles.copy()
    arts["rel"] = [Path(p).resolve().relative_to(SAMPLE.resolve()).as_posix() for p in arts["path"]]
    found = {}
    for (file, title), _ in key.groupby(["file", "title"], sort=False):
        rows = arts[arts["rel"] == file]
        if len(rows) > 1:
            rows = rows[rows["title"] == title]
        assert len(rows) == 1, f"{file} / {title!r}: expected one loaded article, found {len(rows)}"
        found[(file, title)] = rows.iloc[0]
    return found


def test_answer_key_columns_and_values(key):
    assert list(key.columns[: len(KEY_COLUMNS)]) == KEY_COLUMNS
    assert set(key["boilerplate"]) <= {"true", "false"}
    assert set(key["source_type"]) - {""} <= SOURCE_TYPES
    assert set(key["cue_class"]) - {""} <= CUE_CLASSES
    if "quote_kind" in key:
        assert set(key["quote_kind"]) - {""} <= QUOTE_KINDS
    assert (key["sentence"].str.strip() != "").all()
    spoken = key["source"] != ""
    # A sentence with a source has its type, cue and cue class; the author's own voice has none of them.
    assert (key.loc[spoken, ["source_type", "cue", "cue_class"]] != "").all().all()
    assert (key.loc[~spoken, ["source_type", "cue", "cue_class"]] == "").all().all()
    # Boilerplate (share buttons, newsletter and donation lines) is nobody's speech.
    assert (key.loc[key["boilerplate"] == "true", "source"] == "").all()
    # Anonymous sources get a readable name that says so.
    anon = key["source_type"] == "anonymous"
    assert key.loc[anon, "source"].str.startswith("anonymous ").all()


def test_answer_key_covers_a_mixed_corpus(key):
    files = sorted(set(key["file"]))
    for f in files:
        assert PurePosixPath(f).parts[0] != "..", f
        assert (SAMPLE / f).is_file(), f"answer key names {f}, which is not in data/sample"
    on_disk = {p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*")
               if p.suffix in {".txt", ".html", ".jsonl"}}
    assert on_disk == set(files), "every article file in data/sample must be in the answer key"
    articles = key.groupby(["file", "title"]).ngroups
    assert articles >= 12
    outlets = {PurePosixPath(f).parts[0] for f in files}
    assert len(outlets) >= 4
    suffixes = Counter(PurePosixPath(f).suffix for f in files)
    assert suffixes[".txt"] >= 1 and suffixes[".html"] >= 1 and suffixes[".jsonl"] == 1
    # Each article is short: 8-18 sentences, every sentence listed once.
    sizes = key.groupby(["file", "title"]).size()
    assert sizes.between(8, 18).all(), sizes[~sizes.between(8, 18)]
    assert not key.duplicated(["file", "title", "sentence"]).any()


def test_sample_loads_without_errors(corpus, key):
    # The answer keys sit beside the articles; data/sample/.newslabignore keeps them out of the corpus.
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    assert len(corpus.articles) == key.groupby(["file", "title"]).ngroups


def test_every_key_sentence_is_in_the_loaded_text_in_order(key, loaded):
    for (file, title), rows in key.groupby(["file", "title"], sort=False):
        text = loaded[(file, title)]["text"]
        pos = 0
        for sentence in rows["sentence"]:
            at = text.find(sentence, pos)
            assert at >= 0, f"{file} / {title!r}: not found (in order) in the loaded text: {sentence!r}"
            # One row per sentence: no text is left out between two key sentences.
            assert text[pos:at].strip() == "", f"{file}: unlabelled text {text[pos:at][:80]!r}"
            pos = at + len(sentence)
        assert text[pos:].strip() == "", f"{file}: unlabelled text after the last key sentence {text[pos:][:80]!r}"


def test_key_sentences_match_the_segmenter(key, loaded, corpus):
    sents = corpus.sentences
    exact = total = 0
    for (file, title), rows in key.groupby(["file", "title"], sort=False):
        aid = loaded[(file, title)]["article_id"]
        got = set(sents.loc[sents["article_id"] == aid, "text"])
        exact += int(rows["sentence"].isin(got).sum())
        total += len(rows)
    assert exact / total >= 0.95, f"only {exact}/{total} key sentences are exactly a `sentences` row"


def test_boilerplate_labels_agree_with_the_segmenter(key, loaded, corpus):
    # The workshop leaves out what newslab flags as boilerplate; the key must mean the same lines.
    sents = corpus.sentences
    missed, extra, n_bp = [], [], 0
    for (file, title), rows in key.groupby(["file", "title"], sort=False):
        aid = loaded[(file, title)]["article_id"]
        mine = sents[sents["article_id"] == aid]
        flags = dict(zip(mine["text"], mine["boilerplate"]))
        for sentence, label in zip(rows["sentence"], rows["boilerplate"]):
            flagged = bool(flags.get(sentence, False))
            n_bp += label == "true"
            if label == "true" and not flagged:
                missed.append(sentence)
            elif label == "false" and flagged:
                extra.append(sentence)
    assert len(missed) <= 0.1 * n_bp, f"boilerplate lines newslab does not flag: {missed}"
    assert len(extra) <= 2, f"article sentences newslab flags as boilerplate: {extra}"


def test_sample_keeps_its_dirty_scraped_text(key, loaded):
    # A button label glued to the next paragraph's first word ("Subscribe nowThe ...") at least twice.
    glued = 0
    for (file, title), rows in key.groupby(["file", "title"], sort=False):
        text = loaded[(file, title)]["text"]
        for sentence in rows["sentence"]:
            at = text.find(sentence)
            if at > 0 and text[at - 1].isalpha():
                glued += 1
    assert glued >= 2
    assert (key["boilerplate"] == "true").sum() >= 5
    # A real camel-case name stays whole in the key (the glue rule must not split it).
    assert key["sentence"].str.contains(r"\bMcAllister\b").any()


def test_answer_key_exercises_the_hard_attribution_cases(key):
    sources = set(key["source"]) - {""}
    surnames = Counter(s.split()[-1] for s in sources if not s.startswith("anonymous") and len(s.split()) == 2)
    assert any(n >= 2 for n in surnames.values()), "two different people should share a surname"
    assert set(key["cue_class"]) - {""} >= {"neutral", "assertive", "doubt", "concession", "denial", "emotive",
                                              "according_to"}
    assert {"direct", "indirect", "mixed", "according_to"} <= set(key["quote_kind"])
    assert len(set(key.loc[key["source_type"] != "", "source_type"])) >= 9
    # Acronyms defined in the text ("Free Press Observatory (FPO)") whose expansion is a labelled source.
    text = " ".join(key["sentence"])
    defined = [s for s in sources if len(s.split()) > 2
               and f"{s} ({''.join(w[0] for w in s.split() if w[0].isupper())})" in text]
    assert len(defined) >= 2, defined
    # Most sentences are in the author's own voice or quoted; both kinds are well represented.
    body = key[key["boilerplate"] == "false"]
    assert 0.2 <= (body["source"] == "").mean() <= 0.6


def test_stance_key_is_consistent_with_the_articles(stance_key, key, loaded):
    assert list(stance_key.columns[:5]) == ["file", "title", "source", "target", "stance"]
    assert len(stance_key) >= 25
    assert set(stance_key["stance"]) <= STANCES
    assert set(stance_key["stance"]) >= {"favor", "against"}
    assert not stance_key.duplicated(["file", "title", "source", "target"]).any()
    for row in stance_key.itertuples():
        assert (row.file, row.title) in loaded, f"stance key names an article not in the answer key: {row.file}"
        text = loaded[(row.file, row.title)]["text"]
        assert row.target in text, f"{row.file}: target {row.target!r} does not occur in the article"
        if row.source != AUTHOR and not row.source.startswith("anonymous"):
            assert row.source in text, f"{row.file}: source {row.source!r} does not occur in the article"
        if "sentence" in stance_key.columns and row.sentence:
            labelled = key[(key["file"] == row.file) & (key["title"] == row.title)
                           & (key["sentence"] == row.sentence)]
            assert len(labelled) == 1, f"{row.file}: evidence sentence not in the answer key: {row.sentence!r}"
            expected = "" if row.source == AUTHOR else row.source
            assert labelled["source"].iloc[0] == expected, (row.file, row.sentence)
