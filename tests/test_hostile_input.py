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
from newslab.io.load import read_inputs
from newslab.text.segment import MAX_SENTENCE, segment

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
        code = (f"from newslab.io.load import read_inputs; import json; a, e = read_inputs({str(corpus_dir)!r}); "
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
    proc = run_python(f"from newslab.io.load import read_inputs; a, e = read_inputs([{str(tmp_path / 'news.jsonl')!r}]); "
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


def test_megabyte_line_is_split_by_punkt_in_windows_exactly_as_in_one_pass(monkeypatch):
    import random

    import newslab.text.segment as seg

    rng = random.Random(1)
    words = "the mayor said Dr. Smith and U.S. officials met on Friday to discuss the plan".split()
    line = " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(5, 20))).capitalize()
                    + rng.choice([".", ".", "?", "!", '."', "..."]) for _ in range(3000))
    monkeypatch.setattr(seg, "PUNKT_WINDOW", 20_000)  # ~10 windows over a ~200 kB line
    windowed = seg._spans(line)
    monkeypatch.setattr(seg, "PUNKT_WINDOW", 10 ** 9)
    assert windowed == seg._spans(line)
    assert not any(cut for *_, cut in windowed)


def test_very_long_article_is_analysed_in_pieces_with_consistent_tables(monkeypatch):
    import newslab.pipeline as pipeline

    lines = ["Harbour log"] + [f"Item {i}: Elena Varga said the ferry to pier {i} would run, and the board "
                               f"warned against the plan." if i % 3 == 0 else f"Item {i}: the tide rose."
                               for i in range(600)]
    big = "\n".join(lines)
    arts = pd.DataFrame({"article_id": ["s1", "big", "s2"], "path": ["a", "b", "c"],
                         "text": ["Rain fell. The mayor said it was fine.", big, "Officials said it was hot."]})
    whole = pipeline.process(arts)
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 5_000)  # the big article now goes through in ~10 pieces
    parts = pipeline.process(arts)
    # segmentation, offsets, sentence numbers and attribution ids are those of the whole-article run
    keys = ["article_id", "sentence_id", "start", "end", "text", "cut", "attribution_id"]
    assert parts["sentences"][keys].equals(whole["sentences"][keys])
    cols = ["attribution_id", "article_id", "sentence_id", "first_sentence_id", "last_sentence_id", "mention_start",
            "mention_end", "cue_start", "cue_end", "content_start", "content_end", "nested_in", "cue", "mention"]
    assert parts["sources"][cols].equals(whole["sources"][cols])
    assert parts["sources"]["attribution_id"].is_unique
    assert list(parts["articles"]["article_id"]) == ["s1", "big", "s2"]
    texts = dict(zip(arts["article_id"], arts["text"]))
    st = parts["stances"]
    assert set(st["attribution_id"].dropna()) <= set(parts["sources"]["attribution_id"])
    assert all(0 <= a < b <= len(texts[aid]) for aid, a, b in zip(st["article_id"], st["evidence_start"],
                                                                  st["evidence_end"]) if a >= 0)
    for name in ("sentences", "sources", "stances"):  # rows stay in article order
        order = parts[name]["article_id"].map({"s1": 0, "big": 1, "s2": 2})
        assert order.is_monotonic_increasing, name


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


# --- shared helpers for the extract items -------------------------------------------------------------------

STORY = "Port story {i}\n\nThe port reopened on day {i}, the harbour master said.\n"


def jsonl_file(path: Path, n: int, bad: dict[int, str] | None = None) -> Path:
    """``n`` JSONL records (1-based line i holds story i); ``bad`` replaces some lines' text."""
    lines = []
    for i in range(1, n + 1):
        text = (bad or {}).get(i, STORY.format(i=i))
        lines.append(json.dumps({"title": f"Story {i}", "text": text}))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    corpus = newslab.open(out)
    return {t: getattr(corpus, t) for t in ("articles", "sentences", "sources", "stances", "errors")}


def assert_no_orphans(tables: dict[str, pd.DataFrame]) -> None:
    ids = set(tables["articles"]["article_id"])
    assert tables["articles"]["article_id"].is_unique
    for name in ("sentences", "sources", "stances"):
        assert set(tables[name]["article_id"]) <= ids, name


# --- 5. an input deleted while the run is going is an error row, whatever its kind ---------------------------

@pytest.mark.parametrize("kind", ["small.jsonl", "big.jsonl", "story.txt"])
def test_input_deleted_mid_run_is_an_error_row(tmp_path, monkeypatch, kind):
    ex = sys.modules["newslab.io.extract"]

    news = tmp_path / "news"
    jsonl_file(news / "keep.jsonl", 3)
    victim = news / kind
    if kind.endswith(".jsonl"):
        jsonl_file(victim, 12 if kind == "big.jsonl" else 2)  # big: split into runs of lines (batch size 5)
    else:
        victim.write_text(STORY.format(i=99), encoding="utf-8")
    planned = ex.plan_batches

    def plan_then_delete(units, batch_size):
        batches = planned(units, batch_size)
        victim.unlink()  # gone after planning, before any batch reads it
        return batches

    monkeypatch.setattr(ex, "plan_batches", plan_then_delete)
    result = newslab.extract(news, tmp_path / "out", workers=1, batch_size=5)
    assert result.counts["articles"] == 3
    messages = [m for m in result.errors["error"] if kind in m]
    assert len(messages) == 1 and "no such file" in messages[0], result.errors["error"].tolist()


# --- 6. an output folder inside the input is never read back ----------------------------------------------------

def test_output_inside_the_input_is_not_read_as_articles(tmp_path):
    news = tmp_path / "news"
    jsonl_file(news / "wire.jsonl", 4)
    first = newslab.extract(news, news / "out", workers=1)
    second = newslab.extract(news, tmp_path / "elsewhere", workers=1, format="parquet")
    assert first.counts["articles"] == second.counts["articles"] == 4
    assert second.errors.empty
    articles, errors = read_inputs(news)
    assert len(articles) == 4 and errors.empty
    _, errors = read_inputs(news / "out")  # named directly: one clear error row
    assert "output folder of a `newslab extract` run" in errors["error"].iloc[0]


# --- 7. spreadsheet formula injection ---------------------------------------------------------------------------

HOSTILE = {"title": "=HYPERLINK(\"http://evil.example\",\"Click\")", "author": "@SUM(A1:A9)", "outlet": "+1 News",
           "text": "The port reopened on Friday, the harbour master said."}


@pytest.mark.parametrize("raw", [False, True])
def test_csv_outputs_guard_formulas_unless_raw(tmp_path, raw):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    newslab.extract(news, out, workers=1, raw_csv=raw)
    import csv

    with open(out / "articles.csv", encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    for field in ("title", "author", "outlet"):
        assert row[field] == (HOSTILE[field] if raw else "'" + HOSTILE[field])
    assert row["text"] == HOSTILE["text"]  # spans index into text: never changed
    back = newslab.open(out).articles.iloc[0]  # newslab reads its own guard back exactly
    assert [back[f] for f in ("title", "author", "outlet")] == [HOSTILE[f] for f in ("title", "author", "outlet")]


def test_parquet_keeps_raw_values(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    newslab.extract(news, tmp_path / "out", workers=1, format="parquet")
    art = pd.read_parquet(tmp_path / "out" / "articles").iloc[0]
    assert art["title"] == HOSTILE["title"] and art["author"] == HOSTILE["author"]


@pytest.mark.parametrize("raw", [False, True])
def test_corpus_to_dir_guards_csv_like_extract(tmp_path, raw):
    corpus = newslab.load(pd.DataFrame([HOSTILE]), progress=False)
    out = tmp_path / "tables"
    corpus.to_dir(out, raw_csv=raw)
    import csv

    with open(out / "articles.csv", encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    for field in ("title", "author", "outlet"):
        assert row[field] == (HOSTILE[field] if raw else "'" + HOSTILE[field])
    assert row["text"] == HOSTILE["text"]
    back = newslab.open(out).articles.iloc[0]  # the manifest says whether to undo the guard
    assert [back[f] for f in ("title", "author", "outlet")] == [HOSTILE[f] for f in ("title", "author", "outlet")]
    corpus.to_dir(tmp_path / "pq", format="parquet")
    assert pd.read_parquet(tmp_path / "pq" / "articles.parquet").iloc[0]["title"] == HOSTILE["title"]


def test_corpus_to_dir_is_locked_atomic_and_never_read_back(tmp_path, monkeypatch):
    from newslab.errors import OutputError
    from newslab.io.outlock import hold

    news = tmp_path / "news"
    jsonl_file(news / "a.jsonl", 2)
    corpus = newslab.load(news, progress=False)
    out = news / "tables"  # inside the input folder
    out.mkdir()
    with hold(out):  # a running extract (or another to_dir) holds the folder
        with pytest.raises(OutputError, match="another"):
            corpus.to_dir(out)
    assert not (out / "articles.csv").exists()
    corpus.to_dir(out)
    assert len(newslab.load(news, progress=False).articles) == 2  # the tables are not read as articles

    def full_disk(self, path, *args, **kwargs):
        raise OSError(28, os.strerror(28), str(getattr(path, "name", path)))  # a path or an open file

    monkeypatch.setattr(pd.DataFrame, "to_csv", full_disk)
    with pytest.raises(OutputError) as info:
        corpus.to_dir(tmp_path / "other")
    assert "the disk is full" in str(info.value) and "Errno" not in str(info.value)
    assert not list((tmp_path / "other").glob(".*.tmp"))


# --- 8. read-only or full output folders, and no temporary files left behind ---------------------------------

@pytest.mark.parametrize(("code", "phrase"), [(30, "read-only disk"), (28, "the disk is full"),
                                              (13, "may not write to the output folder")])
def test_unwritable_output_gives_one_plain_line(tmp_path, monkeypatch, capsys, code, phrase):
    import errno as errno_mod

    import newslab.io.manifest as manifest_mod
    from newslab.ui.cli import main

    real_dump = json.dump

    def failing_dump(obj, f, **kw):
        f.write("{\"half\": ")
        raise OSError(code, os.strerror(code), f.name)

    monkeypatch.setattr(manifest_mod.json, "dump", failing_dump)
    news = tmp_path / "news"
    jsonl_file(news / "a.jsonl", 2)
    out = tmp_path / "out"
    assert main(["extract", str(news), "--out", str(out), "--workers", "1", "--quiet"]) == 1
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == 1 and phrase in err[0] and "Errno" not in err[0], err
    assert not list(out.glob(".*.tmp"))  # item 15: no .manifest.json.<pid>.tmp left after a full disk
    monkeypatch.setattr(manifest_mod.json, "dump", real_dump)
    assert errno_mod.errorcode[code]


# --- 9. one run per output folder ------------------------------------------------------------------------------

def test_second_run_on_a_held_output_folder_stops_plainly(tmp_path, capsys):
    from newslab.errors import OutputError
    from newslab.io.outlock import hold
    from newslab.ui.cli import main

    news = tmp_path / "news"
    jsonl_file(news / "a.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    with hold(out):  # another run holds the folder
        with pytest.raises(OutputError, match="another `newslab extract` run"):
            newslab.extract(news, out, workers=1)
        assert main(["extract", str(news), "--out", str(out), "--quiet"]) == 1
        assert "another `newslab extract` run" in capsys.readouterr().err
        assert not (out / "articles.csv").exists()
    assert newslab.extract(news, out, workers=1).counts["articles"] == 2  # released when the run ends


@POSIX
def test_two_concurrent_processes_cannot_both_write(tmp_path):
    news = tmp_path / "news"
    for i in range(3):
        jsonl_file(news / f"f{i}.jsonl", 30)
    out = tmp_path / "out"
    code = (f"import newslab, sys\nfrom newslab.errors import OutputError\ntry:\n"
            f"    newslab.extract({str(news)!r}, {str(out)!r}, workers=1, batch_size=int(sys.argv[1]))\n"
            "    print('ran')\nexcept OutputError as e:\n    print('refused:', e)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(b)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for b in (7, 11)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    tables = read_tables(out)
    assert len(tables["articles"]) == 90 and tables["articles"]["article_id"].is_unique
    assert any("ran" in o for o in outputs), outputs
    for o in outputs:  # a run that lost the race says so plainly
        assert "ran" in o or "another `newslab extract` run" in o


# --- 10. workers stop when their parent dies ---------------------------------------------------------------------

def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[-1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found.update(kids)
        todo += kids
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] not in (b"Z", b"X")
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_workers_die_with_a_killed_parent(tmp_path, engine):
    """``kill -9`` of the run: its worker processes (a local pool, or the processes of the Dask
    ``LocalCluster`` it started) are gone within seconds and write no further part files."""
    import signal
    import time

    if engine == "dask":
        pytest.importorskip("distributed")

    news = tmp_path / "news"
    long_story = " ".join(f"The council met on day {i}, the mayor said." for i in range(400))
    for i in range(40):
        (news / f"s{i:02d}.txt").parent.mkdir(parents=True, exist_ok=True)
        (news / f"s{i:02d}.txt").write_text(f"Story {i}\n\n{long_story}\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "newslab.ui.cli", "extract", str(news), "--out", str(out),
                             "--engine", engine, "--workers", "2", "--batch-size", "1", "--quiet"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        workers = {p for p in _descendants(proc.pid) if _alive(p)}
        if len(workers) >= 3 and any((out / ".newslab" / "parts" / "articles").glob("part-*")):
            break  # forkserver (local) or resource tracker (dask) + 2 workers, and work under way
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.2)
    survivors = [p for p in workers if _alive(p)]
    for p in survivors:  # do not leave them behind whatever the outcome
        os.kill(p, signal.SIGKILL)
    assert not survivors, "worker processes outlived their killed parent"
    parts = sorted((out / ".newslab" / "parts").rglob("*.parquet"))
    time.sleep(2)
    assert sorted((out / ".newslab" / "parts").rglob("*.parquet")) == parts, "parts written after the kill"


# --- 11. one failing article costs only itself -----------------------------------------------------------------

def test_a_failing_record_loses_only_itself(tmp_path, monkeypatch):
    import newslab.pipeline as pipeline

    real = pipeline.process

    def fragile(articles, settings=None):
        if articles["text"].str.contains("BOOM").any():
            raise ValueError("analysis blew up\non two lines")
        return real(articles, settings)

    monkeypatch.setattr(pipeline, "process", fragile)
    news = tmp_path / "news"
    jsonl_file(news / "wire.jsonl", 5, bad={3: "The port said BOOM today."})
    (news / "other.txt").write_text(STORY.format(i=7), encoding="utf-8")
    result = newslab.extract(news, tmp_path / "out", workers=1)
    tables = read_tables(tmp_path / "out")
    assert len(tables["articles"]) == 5  # 4 good records + other.txt
    assert not tables["articles"]["text"].str.contains("BOOM").any()
    assert_no_orphans(tables)
    err = result.errors
    assert len(err) == 1 and err["line"].iloc[0] == 3
    message = err["error"].iloc[0]
    assert "wire.jsonl, line 3" in message and "could not analyse" in message and "\n" not in message


# --- 12. the same file under two input roots: one article, as in load ----------------------------------------------

def test_same_name_and_text_under_two_roots_gives_one_article(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "wire").mkdir(parents=True)
        (root / "wire" / "story.txt").write_text(STORY.format(i=1), encoding="utf-8")
        jsonl_file(root / "feed.jsonl", 3)
    (b / "wire" / "own.txt").write_text(STORY.format(i=2), encoding="utf-8")
    result = newslab.extract([a, b], tmp_path / "out", workers=1)
    tables = read_tables(tmp_path / "out")
    loaded, _ = read_inputs([a, b])
    assert sorted(tables["articles"]["article_id"]) == sorted(loaded["article_id"])
    assert len(tables["articles"]) == 5
    assert_no_orphans(tables)
    assert result.errors["error"].str.contains("same name and text").sum() == 2


@pytest.mark.parametrize("batch_size", [1, 2, 200])
def test_shared_records_of_two_versions_of_a_feed_give_one_article_each(tmp_path, batch_size):
    """Two versions of ``feed.jsonl`` (different bytes) share records 1 and 2: whether the copies fall in one
    batch or in different ones, each shared record is one article, as in load, and nothing points at a
    dropped copy."""
    a, b = tmp_path / "a", tmp_path / "b"
    jsonl_file(a / "feed.jsonl", 3)
    jsonl_file(b / "feed.jsonl", 3, bad={3: "A different third story, the harbour master said."})
    out = tmp_path / f"out{batch_size}"
    result = newslab.extract([a, b], out, workers=1, batch_size=batch_size, format="parquet")
    tables = read_tables(out)
    loaded, load_errors = read_inputs([a, b])
    assert sorted(tables["articles"]["article_id"]) == sorted(loaded["article_id"])
    assert len(tables["articles"]) == 4  # a's three records + b's own third one
    assert_no_orphans(tables)
    dupes = result.errors[result.errors["error"].str.contains("same name and text")]
    assert sorted(dupes["error"]) == sorted(load_errors["error"])
    assert len(dupes) == 2 and dupes["path"].str.contains(os.path.join("b", "feed.jsonl")).all()
    assert result.counts["articles"] == 4 and result.counts["errors"] == len(result.errors)
    again = newslab.extract([a, b], out, workers=1, batch_size=batch_size, format="parquet")
    assert again.reused == again.batches  # the rewritten parts are intact: a rerun redoes nothing
    assert read_tables(out)["articles"].equals(tables["articles"])


# --- 13. an edit that keeps size and modification time is seen ------------------------------------------------------

def test_edit_keeping_size_and_mtime_is_seen_on_resume(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    story = news / "story.txt"
    story.write_text("Port story\n\nThe port reopened on Monday, the harbour master said.\n", encoding="utf-8")
    out = tmp_path / "out"
    newslab.extract(news, out, workers=1)
    st = story.stat()
    story.write_text("Port story\n\nThe port reopened on Friday, the harbour master said.\n", encoding="utf-8")
    os.utime(story, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` would leave it
    assert story.stat().st_size == st.st_size and story.stat().st_mtime_ns == st.st_mtime_ns
    newslab.extract(news, out, workers=1)
    assert "Friday" in newslab.open(out).articles["text"].iloc[0]


# --- 14. opening an interrupted run warns -----------------------------------------------------------------------------

def test_open_on_an_interrupted_run_warns_with_counts(tmp_path):
    from newslab.errors import IncompleteOutputWarning
    from newslab.io.extract import InterruptedRun

    news = tmp_path / "news"
    for i in range(6):
        (news / f"s{i}.txt").parent.mkdir(parents=True, exist_ok=True)
        (news / f"s{i}.txt").write_text(STORY.format(i=i), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(InterruptedRun):
        newslab.extract(news, out, workers=1, batch_size=2, format="parquet", _fail_after_batch=1)
    with pytest.warns(IncompleteOutputWarning, match=r"1 of 3 batches done\): 4 of 6 input files"):
        corpus = newslab.open(out)
    assert len(corpus.articles) == 2
    csv_out = tmp_path / "csv-out"
    with pytest.raises(InterruptedRun):
        newslab.extract(news, csv_out, workers=1, batch_size=2, _fail_after_batch=1)
    with pytest.warns(IncompleteOutputWarning), pytest.raises(newslab.errors.SettingsError, match="not finished"):
        newslab.open(csv_out)
    newslab.extract(news, out, workers=1, batch_size=2, format="parquet")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(newslab.open(out).articles) == 6  # a finished run: no warning


# --- 15. the rest ----------------------------------------------------------------------------------------------------

def test_bad_sources_table_is_one_error_before_the_run(tmp_path, capsys):
    from newslab.ui.cli import main

    news = tmp_path / "news"
    jsonl_file(news / "a.jsonl", 3)
    bad = tmp_path / "mine.csv"
    bad.write_text("alias,source,source_type\nHarbour Board,Harbour Board,spaceship\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(news), "--out", str(out), "--sources", str(bad), "--quiet"]) == 2
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(err) == 1 and "mine.csv" in err[0] and "spaceship" in err[0], err
    assert not (out / "articles.csv").exists()


def test_extract_takes_max_bytes_and_the_message_says_how(tmp_path, capsys):
    from newslab.ui.cli import main

    news = tmp_path / "news"
    news.mkdir()
    (news / "long.txt").write_text("Long story\n\n" + "The port reopened, officials said. " * 40, encoding="utf-8")
    (news / "short.txt").write_text(STORY.format(i=1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(news), "--out", str(out), "--max-bytes", "500", "--quiet"]) == 0
    assert "--max-bytes" in capsys.readouterr().err
    assert main(["extract", str(news), "--out", str(out), "--max-bytes", "5000", "--quiet"]) == 0
    assert len(newslab.open(out).articles) == 2
