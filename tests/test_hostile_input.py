"""Issue 15: nothing hangs, nothing crashes, nothing is lost. One test (or more) per numbered item.

Inputs that could block a reader (named pipes, ``/dev/zero``) run in a subprocess with a timeout, so a
regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.load import read_inputs
from newslab.segment import MAX_SENTENCE, segment

POSIX = pytest.mark.skipif(os.name != "posix", reason="needs POSIX pipes, devices and byte file names")
ROOT = Path(__file__).resolve().parents[1]


def run_python(code: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter using this checkout; fail (not hang) after ``timeout`` seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout,
                              env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"timed out after {timeout} s: a reader blocked")


def errors_by_name(errors: pd.DataFrame) -> dict[str, str]:
    return {Path(p).name: e for p, e in zip(errors["path"], errors["error"])}


# --- 1. named pipes and devices never block ------------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("how", ["load", "extract"])
def test_fifo_and_dev_zero_are_error_rows_not_hangs(corpus_dir, tmp_path, how):
    for name in ("pipe.jsonl", "pipe.csv", "pipe.txt"):
        os.mkfifo(corpus_dir / name)
    (corpus_dir / "zero.jsonl").symlink_to("/dev/zero")
    (corpus_dir / "zero.json").symlink_to("/dev/zero")
    out = tmp_path / "out"
    if how == "load":
        code = (f"from newslab.load import read_inputs; import json; a, e = read_inputs({str(corpus_dir)!r}); "
                "print(json.dumps({'n': len(a), 'errors': e['error'].tolist()}))")
    else:
        code = (f"import newslab, json; r = newslab.extract({str(corpus_dir)!r}, {str(out)!r}, workers=1); "
                "print(json.dumps({'n': r.counts['articles'], 'errors': r.errors['error'].tolist()}))")
    proc = run_python(code, timeout=90)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["n"] == 1  # good.txt
    assert len(result["errors"]) == 5
    for message in result["errors"]:
        assert "is not a regular file (a named pipe, device or socket)" in message
        assert "\n" not in message


@POSIX
def test_fifo_named_on_the_command_line_is_refused(tmp_path):
    os.mkfifo(tmp_path / "news.jsonl")
    proc = run_python(f"from newslab.load import read_inputs; a, e = read_inputs([{str(tmp_path / 'news.jsonl')!r}]); "
                      "print(e['error'].iloc[0])", timeout=60)
    assert "is not a regular file" in proc.stdout, proc.stderr
    assert "empty" not in proc.stdout  # item 15: a FIFO is not "the file is empty"


# --- 2. giant sentences are cut, so later steps stay linear --------------------------------------------------

def test_unpunctuated_text_is_cut_into_flagged_pieces_covering_the_text():
    words = ("harbor council budget ferry vote, water rates; the mayor said " * 2000).strip()
    text = "Title line\n" + words
    sents = segment(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    body = sents[sents["paragraph"] == 1]
    assert len(body) > 1
    assert body["cut"].all() and not sents.loc[sents["paragraph"] == 0, "cut"].any()
    assert ((body["end"] - body["start"]) <= MAX_SENTENCE).all()
    for s, e, t in zip(sents["start"], sents["end"], sents["text"]):
        assert text[s:e] == t and t == t.strip()
    # nothing but whitespace is left between consecutive pieces: no word is lost
    gaps = [text[e:s] for e, s in zip(body["end"].iloc[:-1], body["start"].iloc[1:])]
    assert all(not g.strip() for g in gaps)
    assert body["end"].iloc[-1] == len(text)


def test_one_giant_word_is_cut_at_the_limit():
    text = "x" * (MAX_SENTENCE * 2 + 5)
    sents = segment(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert sents["end"].tolist() == [MAX_SENTENCE, 2 * MAX_SENTENCE, len(text)]
    assert sents["cut"].all()


def test_normal_sentences_are_not_flagged():
    text = "The mayor said the plan would pass. Critics disagreed, saying it cost too much."
    sents = segment(pd.DataFrame({"article_id": ["a"], "text": [text]}))
    assert len(sents) == 2 and not sents["cut"].any()


def test_giant_sentence_goes_through_the_whole_pipeline():
    text = "Title\n" + " ".join(["officials said the harbor budget would grow"] * 3000)  # ~130 kB, no stops
    corpus = newslab.load(pd.DataFrame({"text": [text]}), progress=False)
    assert len(corpus.articles) == 1 and corpus.errors.empty
    assert corpus.sentences["cut"].sum() > 1
    assert (corpus.sources["sentence_id"].isin(corpus.sentences["sentence_id"])).all()


# --- 3. symlink loops and non-UTF-8 file names never crash the batch ------------------------------------------

@POSIX
@pytest.mark.parametrize("how", ["load", "extract"])
def test_symlink_loop_and_undecodable_name_do_not_crash(corpus_dir, tmp_path, how):
    (corpus_dir / "loop-a.txt").symlink_to(corpus_dir / "loop-b.txt")
    (corpus_dir / "loop-b.txt").symlink_to(corpus_dir / "loop-a.txt")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "up").symlink_to(corpus_dir)  # a folder loop: never followed
    (corpus_dir / "gone.txt").symlink_to(corpus_dir / "nowhere.txt")
    raw = os.path.join(os.fsencode(corpus_dir), b"caf\xe9 story.txt")
    with open(raw, "wb") as f:
        f.write(b"Cafe story\n\nThe owner said the cafe would reopen.\n")
    if how == "load":
        articles, errors = read_inputs(corpus_dir)
    else:
        result = newslab.extract(corpus_dir, tmp_path / "out", workers=1)
        corpus = newslab.open(tmp_path / "out")
        articles, errors = corpus.articles, result.errors
    names = errors_by_name(errors)
    assert "loops back on itself" in names["loop-a.txt"] and "loops back on itself" in names["loop-b.txt"]
    assert "broken link" in names["gone.txt"]
    assert len(errors) == 3
    paths = sorted(Path(p).name for p in articles["path"])
    assert paths == ["caf\\xe9 story.txt", "good.txt"]  # the undecodable byte is shown, the article kept
    cafe = articles[articles["path"].str.contains("caf")].iloc[0]
    again, _ = read_inputs(corpus_dir)
    assert cafe["article_id"] in set(again["article_id"])  # the id is stable (from the name's bytes)


# --- 4. every record of a .json/.jsonl is accounted for --------------------------------------------------------

@pytest.mark.parametrize("content", ["[]", '{"articles": []}', " [ ] \n"])
def test_json_without_records_is_an_error_row(corpus_dir, content):
    (corpus_dir / "none.json").write_text(content, encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    assert "list of records is empty" in errors_by_name(errors)["none.json"]
    assert len(articles) == 1


def test_every_non_blank_jsonl_line_is_an_article_or_an_error():
    lines = ['{"text": "The mayor said yes."}', '{"text": ""}', "{}", "null", "[1]", '"text"',
             '{"text": "unclosed"', "   ", "\u00a0", '{"title": "no text"}', '{"text": true}', '{"text": 5}',
             '{"text": ["a"]}', "\x1e", '{"text": "###"}', '\ufeff{"text": "mark"}', '{"text": "a"} {"text": "b"}',
             '{"text": "Rain fell on the port."}']
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "mixed.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        articles, errors = read_inputs(path)
    blank = {i for i, line in enumerate(lines, 1) if not line.strip(" \t")}
    assert blank == {8}
    assert len(articles) == 2
    assert sorted(errors["line"].dropna().astype(int)) == [i for i in range(1, len(lines) + 1)
                                                           if i not in blank and i not in (1, 18)]
    for message in errors["error"]:
        assert "mixed.jsonl, line" in message and "\n" not in message


# --- 15. smaller holes ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "phrase"), [
    ("only-noscript.html", "<html><body><noscript>Please enable JavaScript to read the full story on this "
                           "website, which needs it.</noscript></body></html>", "no article text found"),
    ("heading.md", "###\n\n---\n", "only punctuation"),
    ("flag.json", '{"text": true, "title": "x"}', "'text' is not text (true)"),
])
def test_non_articles_are_not_articles(corpus_dir, name, content, phrase):
    (corpus_dir / name).write_text(content, encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    assert phrase in errors_by_name(errors)[name]
    assert len(articles) == 1


def test_text_inside_ten_thousand_nested_divs_is_found(corpus_dir):
    body = "<p>The harbor council met on Tuesday. The mayor said the budget would grow next year.</p>"
    page = "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    (corpus_dir / "deep.html").write_text(page, encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    assert errors.empty, errors["error"].tolist()
    assert any("harbor council met" in t for t in articles["text"])


def test_noscript_does_not_hide_the_article(corpus_dir):
    page = ("<html><body><noscript>Enable JavaScript.</noscript><article><p>The harbor council met on Tuesday. "
            "The mayor said the budget would grow next year, and the ferry would run.</p></article></body></html>")
    (corpus_dir / "page.html").write_text(page, encoding="utf-8")
    articles, errors = read_inputs(corpus_dir)
    text = articles.loc[articles["path"].str.endswith("page.html"), "text"].iloc[0]
    assert "harbor council" in text and "JavaScript" not in text
