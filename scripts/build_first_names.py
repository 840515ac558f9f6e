"""Rebuild ``newslab/lexicons/first_names_nqg.csv`` from the ``nomquamgender`` package (MIT licence).

    pip install nomquamgender==0.1.4 && python scripts/build_first_names.py

nomquamgender ships p(gf), the share of women among people with a given first name, from 36 national and
international name-gender sources (https://github.com/ianvanbuskirk/nomquamgender). newslab keeps the names
written in Latin letters that at least MIN_COUNT people carry and whose p(gf) is at most THRESHOLD (m) or at
least 1 - THRESHOLD (f); names in between are left out (unknown). The output is sorted, so the file is
rebuilt bit for bit from the same package version. Loading the package's 22 MB JSON at run time takes
seconds; the derived list loads in a fraction of that.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata, resources
from pathlib import Path

MIN_COUNT = 200
THRESHOLD = 0.2
OUT = Path(__file__).resolve().parents[1] / "newslab" / "lexicons" / "first_names_nqg.csv"
_LATIN = re.compile(r"^[a-z][a-z'\-]{1,19}$")


def main() -> int:
    version = metadata.version("nomquamgender")
    data = json.loads(resources.files("nomquamgender").joinpath("name_data.json").read_text(encoding="utf-8"))
    rows = []
    for name, value in data.items():
        count, pgf = value[1], value[2]
        if not _LATIN.match(name) or count < MIN_COUNT or pgf is None:
            continue
        if pgf <= THRESHOLD:
            rows.append((name, "m", pgf))
        elif pgf >= 1 - THRESHOLD:
            rows.append((name, "f", pgf))
    rows.sort()
    header = (
        f"# First names and their usual gender, derived from nomquamgender {version} (MIT licence, Ian Van\n"
        "# Buskirk et al., https://github.com/ianvanbuskirk/nomquamgender) by scripts/build_first_names.py:\n"
        f"# Latin-letter names carried by at least {MIN_COUNT} people whose share of women p(gf) is at most\n"
        f"# {THRESHOLD} (m) or at least {1 - THRESHOLD:.1f} (f). Used by newslab.attribution.gender when a person's article gives no\n"
        "# pronoun or honorific; newslab/lexicons/first_names.csv is read first and wins.\n"
        "# How to extend: add names to first_names.csv rather than here (this file is regenerated).\n"
        "name,gender,pgf\n"
    )
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for name, g, pgf in rows:
            f.write(f"{name},{g},{pgf:.3f}\n")
    print(f"{OUT}: {len(rows):,} names ({sum(r[1] == 'f' for r in rows):,} f)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
