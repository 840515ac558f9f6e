"""Rebuild ``newslab/lexicons/common_words.csv`` from the ``wordfreq`` package (Apache-2.0 code; its data
comes from Exquisite Corpus, CC-BY-SA 4.0).

    pip install wordfreq==3.1.1 && python scripts/build_common_words.py

newslab keeps English words (letters, inner hyphens or apostrophes) whose Zipf frequency (log10 of uses per
billion words) is at least MIN_ZIPF, with that frequency to two decimals. ``newslab.attribution.names`` reads the file to
tell ordinary words ("Meanwhile", "Quiet") from names at the start of a sentence. Loading wordfreq itself
costs about a second of CPU per process; the derived list loads in a few milliseconds. Sorted output, so
the file is rebuilt bit for bit from the same package version.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

MIN_ZIPF = 3.5
OUT = Path(__file__).resolve().parents[1] / "newslab" / "lexicons" / "common_words.csv"
_WORD = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def main() -> int:
    from wordfreq import top_n_list, zipf_frequency

    version = metadata.version("wordfreq")
    rows = {}
    for word in top_n_list("en", 200_000):
        z = zipf_frequency(word, "en")
        if z < MIN_ZIPF:
            break
        if _WORD.match(word):
            rows[word] = round(z, 2)
    header = [
        f"# Common English words and their Zipf frequency, derived from wordfreq {version} (code Apache-2.0,",
        "# data CC-BY-SA 4.0, https://github.com/rspeer/wordfreq) by scripts/build_common_words.py: words of",
        f"# letters with a Zipf frequency of at least {MIN_ZIPF} (log10 of uses per billion words). Used by",
        "# newslab.attribution.names to tell ordinary words from names at the start of a sentence (\"Meanwhile\", \"Quiet\").",
        "# How to extend: rerun the script (this file is regenerated); to make a word count as a name, add it to",
        "# first_names.csv instead.",
        "word,zipf",
    ]
    lines = header + [f"{w},{z:.2f}" for w, z in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
