"""The learned attribution layer: the shipped model loads offline, rebuilds bit for bit, and behaves.

The training fixture below is invented (a few short articles in brat standoff, written here), so the
rebuild test needs nothing from ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslab.attribution.model import MODEL_DIR, Settings, load_model, refine
from newslab.attribution.sources import attribute_text
from newslab.evaluation.train_attribution import read_corpus, train

ARTICLES = {
    "harbour": ("Harbour plan stalls\n\nThe harbour board plans to close the old pier in May. "
                "\u201cIt is unsafe,\u201d board chair Ana Silva said on Monday. Fishermen backed the decision, "
                "the union said.",
                [("The harbour board", "plans", "to close the old pier in May"),
                 ("board chair Ana Silva", "said", "It is unsafe"),
                 ("Fishermen", "backed", "the decision"),
                 ("the union", "said", "Fishermen backed the decision")]),
    "school": ("School reopens\n\nParents welcomed the reopening of Elm Street School. The principal told "
               "reporters the roof was repaired. Teachers want smaller classes, according to a survey.",
               [("Parents", "welcomed", "the reopening of Elm Street School"),
                ("The principal", "told", "the roof was repaired"),
                ("Teachers", "want", "smaller classes"),
                ("a survey", "according to", "Teachers want smaller classes")]),
    "bridge": ("Bridge toll rises\n\nThe transport agency announced a new toll on Tuesday. Drivers "
               "criticised the increase. \u201cWe had no choice,\u201d agency head Lee Park said.",
               [("The transport agency", "announced", "a new toll"),
                ("Drivers", "criticised", "the increase"),
                ("agency head Lee Park", "said", "We had no choice")]),
}


def write_fixture(root: Path) -> Path:
    """A tiny brat corpus (text/ and attributions/) from ``ARTICLES``; offsets computed, never typed."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, (text, atts) in ARTICLES.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines, t = [], 0
        for k, (src, cue, content) in enumerate(atts, 1):
            src_at = text.index(src)
            cue_at = text.find(cue, src_at)
            cue_at = cue_at if cue_at >= 0 else text.rindex(cue, 0, src_at)
            ids = []
            for role, phrase, at in (("Source", src, src_at), ("Cue", cue, cue_at),
                                     ("Content", content, text.index(content))):
                t += 1
                lines.append(f"T{t}\t{role} {at} {at + len(phrase)}\t{phrase}")
                ids.append(f"T{t}")
            lines.append(f"E{k}\tCue:{ids[1]} Source:{ids[0]} Content:{ids[2]}")
        (root / "attributions" / f"{name}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_shipped_model_loads_offline():
    model = load_model()
    assert model is not None, f"no model in {MODEL_DIR}: run `make train`"
    weights, words = model
    assert len(words) > 50 and all(w == w.lower() for w in words)
    assert "bias" in weights and len(weights) > 1000
    size = sum(f.stat().st_size for f in MODEL_DIR.iterdir())
    assert size < 3 * 2**20  # a few MB at most


def test_rebuild_is_bit_identical(tmp_path):
    docs = read_corpus(write_fixture(tmp_path / "corpus"))
    assert [name for name, _, _ in docs] == ["bridge", "harbour", "school"]
    first = train(docs, tmp_path / "one")
    second = train(docs, tmp_path / "two")
    assert first == second
    for f in sorted((tmp_path / "one").iterdir()):
        assert f.read_bytes() == (tmp_path / "two" / f.name).read_bytes()
    assert load_model(str(tmp_path / "one")) is not None


def test_without_a_model_the_rules_stand(tmp_path):
    text = "Rain fell. \u201cIt is fine,\u201d Mayor Jo Reed said. The council plans to vote."
    rules = attribute_text(text, learned=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert load_model(str(empty)) is None
    kept = attribute_text(text, learned=lambda art, found, sot: refine(art, found, sot, load_model(str(empty))))
    assert [(a.cue_start, a.mention_start) for a in kept] == [(a.cue_start, a.mention_start) for a in rules]


def test_learned_layer_keeps_quoted_speakers_and_valid_spans():
    text = ("Storm closes port\n\n\u201cIt is fine,\u201d Mayor Jo Reed said on Friday. The ferry company plans "
            "to resume sailings, a spokeswoman said. Residents have long opposed the new terminal.")
    bounds = [(0, 17), (19, 67), (68, 137), (138, len(text))]
    found = attribute_text(text, bounds)
    said = [a for a in found if a.cue == "said"]
    assert text[said[0].mention_start:said[0].mention_end] == "Mayor Jo Reed"
    for a in found:
        assert 0 <= a.cue_start < a.cue_end <= len(text)
        assert text[a.cue_start:a.cue_end] == a.cue
        assert -1 <= a.parent < len(found)
        if a.mention_start >= 0:
            assert a.mention_start < a.mention_end <= len(text)


def test_learned_layer_adds_cues_the_rules_pass_over():
    text = "Rain fell again. The senator has backed the bill since March."
    bounds = [(0, 16), (17, len(text))]
    assert [a.cue for a in attribute_text(text, bounds, learned=False)] == []
    backed = [a for a in attribute_text(text, bounds) if a.cue == "backed"]
    assert backed and backed[0].extra.get("learned")
    assert text[backed[0].mention_start:backed[0].mention_end] == "The senator"
    assert text[backed[0].content_start:backed[0].content_end] == "the bill since March"


def test_a_learned_cue_takes_no_source_from_words_that_name_no_one():
    # "faced" and "heavy" are what the noun phrase before "criticism" ends in: no one is called that
    for text in ("Trump has faced criticism from rivals over the plan.",
                 "Holt's liberal NBC News colleague Matt Lauer faced heavy criticism from mainstream media outlets "
                 "after he asked Clinton about her email."):
        crit = [a for a in attribute_text(text) if a.cue == "criticism"]
        assert crit and crit[0].extra.get("learned") and crit[0].mention_start == -1, text
    # a plural or a source-type word still speaks ("critics", "the spokesman")
    backed = [a for a in attribute_text("Rain fell. Local officials have backed the bill.") if a.cue == "backed"]
    assert backed and backed[0].mention_start >= 0


def test_settings_come_from_cross_validation_not_dev():
    # the thresholds are the ones docs/attribution.md reports from 5-fold CV on PolNeAR train
    doc = (Path(__file__).resolve().parents[1] / "docs" / "attribution.md").read_text(encoding="utf-8")
    assert f"add_new = {Settings.add_new}" in doc and f"keep_rule = {Settings.keep_rule}" in doc


@pytest.mark.parametrize("text", ["", "No quotes and no cues here at all."])
def test_texts_without_attributions_stay_empty(text):
    assert attribute_text(text) == []


def test_fast_scoring_sums_the_feature_weights_in_order():
    """``refine`` scores by family look-ups (``_z``); the score must be the very float that summing the
    weights of ``features`` gives (the model was trained on those strings; a different float could flip a
    decision at a threshold)."""
    from itertools import repeat

    from newslab.attribution import model as m
    from newslab.attribution.cues import cue_lexicon
    from newslab.attribution.phrases import ArticleTokens
    from newslab.attribution.rules import rule_attributions

    weights, words = load_model()
    tables = m._tables(weights)
    seen = 0
    for text, _ in ARTICLES.values():
        art = ArticleTokens(text, [(0, len(text))], cue_lexicon())
        found, sent_of_tok = rule_attributions(art)
        for c in m.candidates(art, found, sent_of_tok, words):
            assert m._z(art, c, tables) == sum(map(weights.get, m.features(art, c), repeat(0.0)))
            seen += 1
    assert seen >= 10
    toy = {"bias": -1.0, "w=said": 3.0, "+0w=the": 0.5, "subj=none": 0.25}
    art = ArticleTokens("Rain said the", [(0, 13)], cue_lexicon())
    c = m.Candidate(1, 2, 0, 3)
    assert m._z(art, c, m._tables(toy)) == sum(map(toy.get, m.features(art, c), repeat(0.0)))
