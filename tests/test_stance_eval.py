"""Stance accuracy on NewsMTSC devtest_mt (needs ../shared; skips cleanly without it).

All scorers run here on the same file: plain sentence-level VADER (the baseline), newslab's target-aware
``target_polarity`` (the lexicon fallback) and the learned classifier ``stance_table`` uses. Thresholds,
features and the model's hyperparameters were chosen on train.jsonl only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslab.evaluation.stance import LEARNED, LEXICON, evaluate, main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEVTEST = SHARED / "corpora" / "newsmtsc" / "devtest_mt.jsonl"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def scores():
    if not DEVTEST.exists():
        pytest.skip("../shared/corpora/newsmtsc is not available")
    return evaluate(DEVTEST)


def test_target_aware_stance_beats_sentence_vader_on_newsmtsc(scores):
    ours = scores[LEXICON][0]
    baseline = max(scores["baseline (NLTK VADER, sentence)"][0], scores["baseline (vaderSentiment, sentence)"][0])
    assert ours >= 0.56
    assert ours >= baseline + 0.06


def test_learned_classifier_reaches_the_bar_on_newsmtsc(scores):
    # measured when written: 0.638 (the lexicon fallback 0.567); the goal of issue 11 is 0.65
    learned = scores[LEARNED][0]
    assert learned >= 0.62
    assert learned >= scores[LEXICON][0] + 0.05


def test_every_class_is_predicted(scores):
    for name in (LEXICON, LEARNED):
        assert min(scores[name][1].values()) > 0.3


def test_eval_command_prints_both_numbers(capsys, scores):
    assert main(["--data", str(DEVTEST.parent)]) == 0
    out = capsys.readouterr().out
    assert "baseline (NLTK VADER, sentence)" in out and LEXICON in out and LEARNED in out


def test_eval_command_skips_without_data(tmp_path, capsys):
    assert main(["--data", str(tmp_path)]) == 0
    assert "skipping" in capsys.readouterr().out


def test_hand_checked_rows_fixture_holds_names_and_verdicts_only():
    import csv

    path = Path(__file__).parent / "fixtures" / "stance_check_polnear_dev.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert len(rows) == 40
    assert {r["verdict"] for r in rows} <= {"right", "wrong"}
    assert all((r["verdict"] == "right") == (r["error"] == "ok") for r in rows)
    assert all(r["stance"] in ("favor", "against", "neutral") for r in rows)
    # no corpus text: sources and targets are short names
    assert max(len(r["source"]) + len(r["target"]) for r in rows) < 80
