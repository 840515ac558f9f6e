"""Attribution accuracy on real annotated news: PolNeAR dev, scored by ../shared/tools/score_attribution.py.

Skips cleanly when ../shared (read-only evaluation material next to the repository) is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newslab

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpora" / "polnear" / "dev"
SCORER = SHARED / "tools" / "score_attribution.py"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    if not (DEV / "text").is_dir() or not SCORER.is_file():
        pytest.skip("../shared/corpora/polnear/dev or the scorer is not available")
    out = tmp_path_factory.mktemp("polnear_dev")
    newslab.load(str(DEV / "text")).to_dir(out)
    res = subprocess.run([sys.executable, str(SCORER), "--gold", str(DEV), "--pred", str(out), "--json"],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_every_dev_article_is_scored_with_matching_text(scores):
    assert scores["articles_pred"] == scores["articles_gold"] > 0
    assert scores["text_mismatch"] == 0


def test_source_f1_meets_the_bar(scores):
    # rules + learned layer reach 0.747 (docs/attribution.md); the bar keeps an honest margin
    assert scores["source_f1"] >= 0.735, scores


def test_cue_f1_meets_the_bar(scores):
    # rules + learned layer reach 0.779 (rules and model are tuned on train only; issue 9 asks 0.82, and two
    # PolNeAR annotators agree at 0.81: docs/attribution.md)
    assert scores["cue_f1"] >= 0.765, scores


def test_content_and_named_sources_beat_the_baseline(scores):
    assert scores["content_f1"] >= 0.60, scores
    assert scores["named_source_r"] >= 0.60, scores


def test_builtin_evaluation_agrees_with_the_shared_scorer(scores):
    from newslab.evaluation.attribution import evaluate

    mine = evaluate(DEV)
    for key in ("cue_f1", "source_f1", "content_f1"):
        assert mine[key] == pytest.approx(scores[key], abs=1e-3)
