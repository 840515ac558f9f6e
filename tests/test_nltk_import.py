"""newslab loads Punkt and VADER without the rest of NLTK, and leaves ``import nltk`` working in full."""

import subprocess
import sys

SCRIPT = """
import sys
from newslab.text.segment import sentence_spans
from newslab.stance.polarity import sentence_polarity
assert [s[:2] for s in sentence_spans("Sen. Lee spoke. He left.")] == [(0, 15), (16, 24)]
assert sentence_polarity("A great, wonderful day.") > 0.5
print("heavy:", sorted(m for m in ("nltk", "scipy", "sklearn") if m in sys.modules))
import nltk
print("full:", callable(nltk.word_tokenize), nltk.tokenize.punkt.PunktSentenceTokenizer.__name__)
"""


def test_pipeline_loads_only_the_nltk_modules_it_uses_and_nltk_still_imports_whole():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert "heavy: []" in done.stdout
    assert "full: True PunktSentenceTokenizer" in done.stdout
