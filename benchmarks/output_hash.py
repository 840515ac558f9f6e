"""Fingerprint of ``newslab extract`` output: the SHA-256 of each CSV table, to prove a change keeps output.

Run it before and after a speed change; identical lines mean byte-identical articles, sentences, sources and
stances tables. Default input: PolNeAR dev (``../shared/corpora/polnear/dev/text``).

    python benchmarks/output_hash.py > before.txt
    ... change the code ...
    python benchmarks/output_hash.py --compare before.txt
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

TABLES = ("articles", "sentences", "sources", "stances")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "polnear" / "dev" / "text"


def fingerprint(folder: str, workers: int = 1) -> dict[str, str]:
    """``{table: sha256 of its CSV}`` for ``newslab extract FOLDER`` (CSV, ``workers`` processes)."""
    import newslab

    with tempfile.TemporaryDirectory(prefix="newslab-hash-") as tmp:
        out = Path(tmp) / "out"
        newslab.extract(folder, out, format="csv", workers=workers, progress=False)
        return {t: hashlib.sha256((out / f"{t}.csv").read_bytes()).hexdigest() for t in TABLES}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--compare", metavar="FILE", help="an earlier output of this script: say which tables differ")
    args = ap.parse_args(argv)
    hashes = fingerprint(args.folder, args.workers)
    lines = [f"{h}  {t}.csv" for t, h in hashes.items()]
    print("\n".join(lines))
    if args.compare:
        before = Path(args.compare).read_text(encoding="utf-8").split("\n")
        differ = [line.split()[-1] for line in lines if line not in before]
        print("identical" if not differ else f"DIFFERENT: {', '.join(differ)}", file=sys.stderr)
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
