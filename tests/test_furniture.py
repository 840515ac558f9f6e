"""Page furniture in web pages (issue 13, item 2): lines the extractor kept that are not the article are
flagged by the block classifier, never removed; every span stays an offset into ``articles.text``."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

import newslab
from newslab.core.schema import format_spans, parse_spans
from newslab.evaluation.aeb import line_labels
from newslab.text.furniture import FEATURES, Forest, features, html_blocks, model
from newslab.text.segment import segment

PAGE = """<!DOCTYPE html>
<html><head><title>Harbour reopens after storm | The Harbor Wire</title>
<meta property="og:site_name" content="The Harbor Wire"></head>
<body>
<nav class="site-nav"><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Harbour reopens after storm</h1>
<p>The port of Eastham reopened on Monday after a week of repairs to the breakwater, the harbour master said in
a statement to reporters.</p>
<p>Related: <a href="/x">Storm closes the port for a week as waves top the breakwater</a></p>
<p>Fishing boats queued at the entrance before dawn, and the first ferry left for the islands at seven, an hour
later than planned because of fog.</p>
<p>"We lost a week of work, but nobody was hurt," said Maria Ortiz, who runs a fish stall on the quay. Traders
said they expected prices to fall as catches return.</p>
<p>The council said it would spend 4 million pounds on a higher sea wall next year, after the third storm in two
winters flooded the lower town.</p>
</article>
<footer><p>Copyright 2024 The Harbor Wire. All rights reserved.</p></footer>
</body></html>
"""


@pytest.fixture
def page_dir(tmp_path):
    d = tmp_path / "pages"
    d.mkdir()
    (d / "port.html").write_text(PAGE, encoding="utf-8")
    return d


def test_a_related_link_line_is_flagged_and_the_article_is_not(page_dir):
    corpus = newslab.load(page_dir, progress=False)
    art = corpus.articles.iloc[0]
    text = art["text"]
    assert "Related: Storm closes the port" in text  # kept in the text: flagged, never removed
    spans = parse_spans(art["boilerplate_lines"])
    assert [text[s:e] for s, e in spans] == [
        "Related: Storm closes the port for a week as waves top the breakwater"]
    sents = corpus.sentences
    flagged = sents.loc[sents["boilerplate"], "text"].tolist()
    assert flagged == ["Related: Storm closes the port for a week as waves top the breakwater."] or flagged == [
        "Related: Storm closes the port for a week as waves top the breakwater"]
    assert all(text[s:e] == t for s, e, t in zip(sents["start"], sents["end"], sents["text"]))
    # the quote in the article body is still attributed; the flagged line gives no source
    assert "Maria Ortiz" in set(corpus.sources["source"])


def test_the_segmenter_flags_sentences_inside_boilerplate_lines_only():
    text = "Rain fell on the town. The mayor spoke.\nRead the council's report here. It is long.\nShe left."
    line = (text.index("Read"), text.index("long.") + len("long."))
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "boilerplate_lines": [format_spans([line])]})
    got = segment(arts)[["text", "boilerplate"]].values.tolist()
    assert got == [["Rain fell on the town.", False], ["The mayor spoke.", False],
                   ["Read the council's report here.", True], ["It is long.", True], ["She left.", False]]
    assert not segment(arts.drop(columns="boilerplate_lines"))["boilerplate"].any()  # no pattern matches


def test_link_density_and_regions_come_from_the_element_the_line_came_from():
    html = ("<div class='share-tools'><p>Share this on <a href='#'>Twitter</a></p></div>"
            "<p>The port reopened on Monday.</p>")
    blocks = html_blocks(html)
    density, kind, frame, regions = blocks["share this on twitter"]
    assert density == pytest.approx(7 / 21, abs=1e-3) and kind == 0 and frame == 0 and regions == 2  # the div: social
    assert blocks["the port reopened on monday."] == (0.0, 1, 0, 0)
    spans, X = features("Share this on Twitter\nThe port reopened on Monday.", blocks)
    assert X.shape == (2, len(FEATURES))
    assert X[0, FEATURES.index("link_density")] > 0.3 and X[1, FEATURES.index("link_density")] == 0
    # without the page (a .txt file), the HTML features are unknown (-1), not zero
    _, X = features("Share this on Twitter\nThe port reopened on Monday.")
    assert X[0, FEATURES.index("link_density")] == -1


def test_aeb_labels_ignore_bullets_and_table_pipes_but_not_other_lines():
    body = "The port reopened on Monday after repairs.\n\nBoats | Crew | Cargo"
    text = "Port reopens\n- The port reopened on Monday after repairs.\n| Boats | Crew | Cargo |\nFollow us on X"
    assert [label for _, _, label in line_labels(text, "Port reopens", body)] == [
        "headline", "article", "article", "furniture"]


def test_the_shipped_forest_predicts_as_scikit_learn_does(tmp_path):
    sklearn = pytest.importorskip("sklearn.ensemble")
    from newslab.evaluation.train_furniture import export, write

    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, len(FEATURES)))
    y = X[:, 0] + 0.5 * X[:, 3] > 0.2
    forest = sklearn.RandomForestClassifier(n_estimators=7, min_samples_leaf=2, random_state=0).fit(X, y)
    doc = export(forest, 0.5, {})
    assert np.allclose(Forest(doc).proba(X), forest.predict_proba(X)[:, 1], rtol=0, atol=1e-12)
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    write(doc, a)
    write(export(sklearn.RandomForestClassifier(n_estimators=7, min_samples_leaf=2, random_state=0).fit(X, y),
                 0.5, {}), b)
    assert a.read_bytes() == b.read_bytes()  # same data, same file, bit for bit
    assert gzip.decompress(a.read_bytes()).startswith(b"{")


def test_the_shipped_model_is_small_and_matches_the_features():
    forest = model()
    assert forest is not None and 0 < forest.threshold < 1
    from newslab.text.furniture import MODEL_FILE

    assert MODEL_FILE.stat().st_size < 2_000_000


@pytest.mark.shared
def test_make_train_rebuilds_the_shipped_model_bit_for_bit(tmp_path):
    """`make train` on the AEB train half gives the shipped file byte for byte (and features were not changed
    without retraining)."""
    pytest.importorskip("sklearn")
    from newslab.evaluation.aeb import AEB
    from newslab.evaluation.train_furniture import main
    from newslab.text.furniture import MODEL_FILE

    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(f"{AEB} is not here")
    assert main(["--out", str(tmp_path / "furniture.json.gz")]) == 0
    assert (tmp_path / "furniture.json.gz").read_bytes() == MODEL_FILE.read_bytes()
