"""Inter-annotator agreement (newslab.evaluation.agreement) on an invented two-annotator brat fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslab.evaluation.agreement import agreement, main, multi_annotated

TEXT = "The mayor said the bridge is safe. Engineers warned it is not. Residents hope for repairs."


def _ann(*cues: tuple[str, str]) -> str:
    """brat lines for attributions given as (source, cue) phrases of TEXT."""
    lines, t = [], 0
    for k, (src, cue) in enumerate(cues, 1):
        s, c = TEXT.index(src), TEXT.index(cue)
        lines += [f"T{t + 1}\tSource {s} {s + len(src)}\t{src}", f"T{t + 2}\tCue {c} {c + len(cue)}\t{cue}",
                  f"E{k}\tCue:T{t + 2} Source:T{t + 1}"]
        t += 2
    return "\n".join(lines) + "\n"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "bridge.txt").write_text(TEXT, encoding="utf-8")
    att = tmp_path / "attributions"
    # annotator a01 finds "said" and "warned"; b02 also "hope", with a shorter source for the engineers
    (att / "bridge_a01.ann").write_text(_ann(("The mayor", "said"), ("Engineers", "warned")), encoding="utf-8")
    (att / "bridge_b02.ann").write_text(_ann(("The mayor", "said"), ("Engineers", "warned"),
                                             ("Residents", "hope")), encoding="utf-8")
    (tmp_path / "text" / "single.txt").write_text(TEXT, encoding="utf-8")
    (att / "single_a01.ann").write_text(_ann(("The mayor", "said")), encoding="utf-8")
    return tmp_path


def test_only_articles_with_two_annotators_are_paired(corpus):
    assert list(multi_annotated(corpus)) == ["bridge"]


def test_second_annotator_is_scored_against_the_first(corpus):
    r = agreement(corpus, first_only=True)
    assert (r["articles"], r["pairs"]) == (1, 1)
    assert r["cue_p"] == pytest.approx(2 / 3)  # b02's "hope" is not in a01
    assert r["cue_r"] == 1.0
    assert r["source_f1"] == pytest.approx(0.8)


def test_main_prints_pairs_and_skips_a_folder_without_them(corpus, tmp_path_factory, capsys):
    assert main(["--gold", str(corpus)]) == 0
    assert "1 pairs: cue P 0.667 R 1.000 F1 0.800" in capsys.readouterr().out
    empty = tmp_path_factory.mktemp("empty")
    assert main(["--gold", str(empty)]) == 0
    assert "skipped" in capsys.readouterr().out
