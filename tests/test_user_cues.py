"""A user's own reporting verbs (``cues=``, ``--cues FILE``): a verb newslab does not know becomes a cue only
when the user's file lists it, through ``newslab.load``, ``newslab.extract`` and the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.errors import NewslabError
from newslab.pipeline import Settings
from newslab.ui.cli import main

# "blorfed" is an invented verb: no shipped lexicon lists it
TEXT = ("Port strike talks stall\n\nMayor Jo Reed blorfed that the port would reopen on Friday.\n\n"
        '"We did everything we could," Dr. Ana Diaz blorfed.\n')
VERBS = "# my reporting verbs\nlemma,forms,cue_class,strength\nblorf,blorf|blorfs|blorfed|blorfing,doubt,strong\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "news" / "story.txt"
    path.parent.mkdir()
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def verbs(tmp_path: Path) -> Path:
    path = tmp_path / "my_verbs.csv"
    path.write_text(VERBS, encoding="utf-8")
    return path


def _blorfs(sources: pd.DataFrame) -> list[tuple[str, str]]:
    rows = sources[sources["cue"].astype(str).str.lower() == "blorfed"]
    return sorted(zip(rows["source"].astype(str), rows["cue_class"].astype(str)))


def test_load_finds_a_users_verb_only_with_the_cues_file(story, verbs):
    assert _blorfs(newslab.load(story, progress=False).sources) == []
    found = _blorfs(newslab.load(story, cues=str(verbs), progress=False).sources)
    assert found == [("Ana Diaz", "doubt"), ("Jo Reed", "doubt")]


def test_a_users_row_replaces_the_shipped_row_with_the_same_lemma(story, tmp_path):
    text = "Port reopens\n\nThe port reopened on Friday, Mayor Jo Reed said.\n"
    story.write_text(text, encoding="utf-8")
    mine = tmp_path / "say.csv"
    mine.write_text("lemma,forms,cue_class,strength\nsay,say|says|said|saying,emotive,strong\n", encoding="utf-8")
    shipped = newslab.load(story, progress=False).sources
    assert shipped["cue_class"].tolist() == ["neutral"]
    assert newslab.load(story, cues=str(mine), progress=False).sources["cue_class"].tolist() == ["emotive"]


def test_extract_and_the_command_line_take_the_cues_file(story, verbs, tmp_path):
    newslab.extract(story.parent, tmp_path / "api", workers=1, progress=False, settings=Settings(cues=str(verbs)))
    assert len(_blorfs(pd.read_csv(tmp_path / "api" / "sources.csv"))) == 2
    assert main(["extract", str(story.parent), "--out", str(tmp_path / "plain"), "--quiet"]) == 0
    assert _blorfs(pd.read_csv(tmp_path / "plain" / "sources.csv")) == []
    assert main(["extract", str(story.parent), "--out", str(tmp_path / "cli"), "--quiet", "--cues", str(verbs)]) == 0
    assert _blorfs(pd.read_csv(tmp_path / "cli" / "sources.csv")) == [("Ana Diaz", "doubt"), ("Jo Reed", "doubt")]


@pytest.mark.parametrize("content, says", [
    (None, "no such file"),
    ("lemma,forms\nblorf,blorfed\n", "missing column(s) cue_class, strength"),
    ("lemma,forms,cue_class,strength\nblorf,blorfed,grumpy,strong\n", "'grumpy'"),
    (b"lemma,forms,cue_class,strength\nblorf,blorf\xe9d,neutral,strong\n", "not UTF-8"),
])
def test_a_bad_cues_file_is_an_error_naming_the_file(story, tmp_path, capsys, content, says):
    bad = tmp_path / "bad_verbs.csv"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    elif content is not None:
        bad.write_text(content, encoding="utf-8")
    with pytest.raises(NewslabError, match="bad_verbs.csv") as exc:
        newslab.load(story, cues=str(bad), progress=False)
    assert says in str(exc.value)
    with pytest.raises(NewslabError, match="bad_verbs.csv"):
        newslab.extract(story.parent, tmp_path / "out", workers=1, progress=False, settings=Settings(cues=str(bad)))
    capsys.readouterr()
    assert main(["extract", str(story.parent), "--out", str(tmp_path / "cli"), "--cues", str(bad)]) == 2
    assert "bad_verbs.csv" in capsys.readouterr().err
