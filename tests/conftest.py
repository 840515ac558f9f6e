"""Shared fixtures: a small folder of articles to mix bad inputs into."""

from __future__ import annotations

from pathlib import Path

import pytest

GOOD_TEXT = "Port reopens after storm\n\nThe port reopened on Friday, officials said.\n"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """``tmp_path/corpus`` holding one good article, ``good.txt`` (add bad files beside it)."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return d
