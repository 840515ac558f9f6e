"""One identity per source across the corpus (newslab.attribution.identity) and the gender of person sources.

The fixture ``fixtures/identity_snippets.jsonl`` holds invented one- to three-sentence articles; each lists
the mentions it contains and the identity and gender each must get: surname-only back-references, Mr./Mrs./Ms.,
titles ("President Clinton" is Bill, "Secretary Clinton" Hillary),
two Trumps and two Clintons in one article, middle initials, two George Bushes, acronym and long form, a
pronoun that overrides a first name, and a shared surname with no clear owner that stays as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.attribution.identity import link
from newslab.pipeline import Settings, process

HERE = Path(__file__).resolve().parent
SNIPPETS = [json.loads(line) for line in (HERE / "fixtures" / "identity_snippets.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
SAMPLE = HERE.parent / "data" / "sample"


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{"text": r["text"], "title": r["id"], "outlet": "Wire"} for r in records])


@pytest.fixture(scope="module")
def corpus():
    return newslab.load(_frame(SNIPPETS), progress=False)


def _rows(corpus, snippet_id: str, mention: str) -> pd.DataFrame:
    """The article's attributions with this mention; else those whose mention is a tail of it or ends with it
    (where a mention starts is the attribution module's business: "Former President X" or "President X")."""
    aid = corpus.articles.loc[corpus.articles["title"] == snippet_id, "article_id"].iloc[0]
    src = corpus.sources[corpus.sources["article_id"] == aid]
    exact = src[src["mention"] == mention]
    if len(exact):
        return exact
    return src[[m.endswith(mention) or mention.endswith(m) for m in src["mention"].fillna("")]]


def test_fixture_is_large_enough_and_covers_the_cases():
    assert len(SNIPPETS) >= 20
    text = " ".join(r["text"] for r in SNIPPETS)
    for needed in ("Mrs. Clinton", "Mr. Clinton", "Ms. Trump", "Mr. Trump", "Ivanka Trump", "Bill Clinton",
                   "NTSB", "National Transportation Safety Board"):
        assert needed in text


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s["id"] for s in SNIPPETS])
def test_each_mention_gets_its_identity_and_gender(corpus, snippet):
    for mention, source, gender in snippet["expect"]:
        rows = _rows(corpus, snippet["id"], mention)
        assert len(rows), f"{snippet['id']}: no attribution with the mention {mention!r}"
        got = list(zip(rows["source"], rows["gender"].fillna("")))
        assert (source, gender) in got, f"{snippet['id']}: {mention!r} -> {got}, expected {(source, gender)}"


def test_one_source_id_per_identity_and_per_display_name(corpus):
    src = corpus.sources.dropna(subset=["source"])
    assert (src.groupby("source_id")["source"].nunique() == 1).all()
    assert (src.groupby("source")["source_id"].nunique() == 1).all()
    assert src.loc[src["source"] == "Barack Obama", "source_id"].unique().tolist() == ["barack-obama"]
    # the same ids in the sentences and stances tables
    sent = corpus.sentences.dropna(subset=["attribution_id"]).merge(
        src[["attribution_id", "source", "source_id"]], on="attribution_id", suffixes=("", "_src"))
    assert len(sent) and (sent["source"] == sent["source_src"]).all()
    assert (sent["source_id"] == sent["source_id_src"]).all()
    st = corpus.stances[corpus.stances["attribution_id"].fillna("") != ""]
    st = st.merge(src[["attribution_id", "source_id"]], on="attribution_id", suffixes=("", "_src"))
    assert (st["source_id"] == st["source_id_src"]).all()


def test_source_summary_lists_the_aliases_merged(corpus):
    summary = corpus.source_summary().set_index("source")
    assert {"source_id", "gender", "aliases"} <= set(summary.columns)
    assert set(summary.loc["Barack Obama", "aliases"].split("; ")) == {"Obama", "Barack H. Obama"}
    assert summary.loc["Barack Obama", "attributions"] == 7
    assert "FEMA" in summary.loc["Federal Emergency Management Agency", "aliases"].split("; ")
    assert summary.loc["Hillary Clinton", "gender"] == "f" and summary.loc["Bill Clinton", "gender"] == "m"
    assert "Obama" not in summary.index and "Novak" in summary.index  # merged / kept as written


def test_gender_is_never_given_to_organisations_or_anonymous_sources():
    corpus = newslab.load(pd.DataFrame({"text": [
        "A senior official said the talks had stalled. The Ministry of Health said she was wrong.",
        "The World Health Organization said the outbreak was over. Amnesty International said it disagreed.",
        "Officials said the bridge would reopen. Experts said they were not sure."]}), progress=False)
    src = corpus.sources.dropna(subset=["source"])
    assert len(src) >= 5
    assert src["gender"].isna().all(), src[["source", "gender"]]


def test_gender_evidence_says_where_the_gender_comes_from(corpus):
    src = corpus.sources
    ev = dict(zip(src["mention"], src["gender_evidence"].fillna("")))
    assert ev["Mrs. Clinton"] == "honorific Mrs." and ev["Mr. Obama"] == "honorific Mr."
    assert ev["She"] == "pronoun she"  # Jordan Avery: the article's pronoun beats the first name
    assert ev["Anna Novak"] == "first name Anna"


def test_user_alias_table_wins(tmp_path):
    table = tmp_path / "beat.csv"
    table.write_text("alias,source,source_type\nObama,Obama Foundation,ngo\n", encoding="utf-8")
    corpus = newslab.load(_frame(SNIPPETS), sources=str(table), progress=False)
    src = corpus.sources
    bare = src[src["mention"].isin(["Mr. Obama", "President Obama"])]
    assert len(bare) == 2 and set(bare["source"]) == {"Obama Foundation"}
    assert set(bare["source_id"]) == {"obama-foundation"} and bare["gender"].isna().all()
    assert "Barack Obama" in set(src["source"])  # full names are untouched


def test_linking_twice_changes_nothing(corpus):
    tables = {"sources": corpus.sources, "sentences": corpus.sentences, "stances": corpus.stances}
    again = link(tables)
    for name, df in tables.items():
        pd.testing.assert_frame_equal(again[name].reset_index(drop=True), df.reset_index(drop=True))


def test_identities_do_not_depend_on_how_articles_are_batched(corpus):
    articles = corpus.articles
    parts = [process(articles.iloc[i:i + 4], Settings()) for i in range(0, len(articles), 4)]
    tables = {t: pd.concat([p[t] for p in parts], ignore_index=True) for t in ("sources", "sentences", "stances")}
    linked = link(tables)
    for name in ("sources", "sentences", "stances"):
        pd.testing.assert_frame_equal(linked[name].reset_index(drop=True),
                                      getattr(corpus, name).reset_index(drop=True), check_dtype=False)


def test_sample_gender_matches_the_answer_key():
    key = pd.read_csv(SAMPLE / "answer_key.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    people = key[key["gender"] != ""]
    assert people["source"].nunique() >= 15
    corpus = newslab.load(SAMPLE, progress=False)
    src = corpus.sources.dropna(subset=["source"])
    found = src.groupby("source")["gender"].agg(lambda s: s.dropna().mode().min() if s.notna().any() else "")
    right = (people["source"].map(found).fillna("") == people["gender"])
    wrong = people[(people["source"].map(found).fillna("") != people["gender"]) &
                   (people["source"].map(found).fillna("") != "")]
    assert right.mean() >= 0.95, people.loc[~right, "source"].unique()
    assert wrong.empty, wrong["source"].unique()  # unknown is allowed, a wrong gender is not
    # nobody typed organisation in the key gets a gender
    orgs = key[(key["gender"] == "") & (key["source"] != "")]["source"].unique()
    assert (found.reindex(orgs).fillna("") == "").all()
