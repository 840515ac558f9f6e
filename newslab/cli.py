"""Command line: ``newslab extract INPUT... --out DIR`` (FIRST CUT)."""

from __future__ import annotations

import argparse
import sys

import newslab


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newslab", description="Who speaks in the news.")
    parser.add_argument("--version", action="version", version=f"newslab {newslab.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="write articles, sentences, sources, stances and errors tables")
    ex.add_argument("inputs", nargs="+")
    ex.add_argument("--out", required=True)
    ex.add_argument("--format", choices=["csv", "parquet"], default="csv")
    ex.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    corpus = newslab.load(args.inputs)
    corpus.to_dir(args.out, args.format)
    if corpus.articles.empty:
        print("newslab: no article could be read from the inputs", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
