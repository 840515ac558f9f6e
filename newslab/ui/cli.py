"""Command line: ``newslab extract INPUT... --out DIR`` writes the five tables; ``newslab --version``.

Exit status: 0 when at least one article was read (inputs that could not be read are listed in the
``errors`` table and summarised on stderr), 2 when no article could be read or an option is wrong,
1 when the run stopped early (rerun the same command to resume) or the output folder cannot be written
(read-only, full, or another run is writing to it), 130 on Ctrl-C.

Each subcommand is a ``register_<name>(subparsers)`` function that adds its parser and sets ``func``;
add new ones to :data:`COMMANDS`.

>>> main(["extract", "data/sample", "--out", "/tmp/newslab-out", "--quiet"])   # doctest: +SKIP
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from newslab.analysis.aggregates import cue_classes_by_outlet, share_of_voice, source_types_by_outlet
from newslab.analysis.framing import sourcing_balance
from newslab.core.version import __version__
from newslab.errors import NewslabError, OutputError, SettingsError
from newslab.io.corpus import Corpus
from newslab.io.extract import DEFAULT_BATCH_SIZE, InterruptedRun, extract
from newslab.io.load import load
from newslab.io.store import is_output_dir, open_dir
from newslab.pipeline import Settings

#: errors printed one per line before switching to "N more" (the rest are in the errors table)
SHOW_ERRORS = 5


def _say(message: str) -> None:
    print(f"newslab: {message}", file=sys.stderr)


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return n


# ------------------------------------------------------------------------------------------- extract

def register_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract", help="write the articles, sentences, sources, stances and errors tables",
        description="Read articles (files, folders, globs) and write the articles, sentences, sources, "
                    "stances and errors tables to --out. Rerun the same command to resume an interrupted run.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a folder (read recursively) or a glob")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv",
                   help="csv: one file per table (small corpora); parquet: a dataset of parts per table")
    p.add_argument("--engine", choices=["local", "dask"], default=None,
                   help="local: processes on this machine (default); dask: a Dask cluster")
    p.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                   help="worker processes (default: all cores)")
    p.add_argument("--scheduler", default=None, metavar="ADDR",
                   help="address of a running Dask scheduler, e.g. tcp://host:8786 (implies --engine dask; "
                        "without it, dask starts a local cluster)")
    p.add_argument("--batch-size", type=_positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
                   help="articles per batch; memory per worker grows with it (default: %(default)s)")
    p.add_argument("--exclude", action="append", default=None, metavar="GLOB",
                   help="leave out files matching this pattern (repeatable)")
    p.add_argument("--file-pattern", default=None, metavar="REGEX",
                   help="read fields from each file's name: a regular expression with named groups among outlet, "
                        "published, url, title, author, e.g. '(?P<published>\\d{4}-\\d{2}-\\d{2})_(?P<outlet>[^_]+)_'")
    p.add_argument("--sources", default=None, metavar="CSV", help="your own source alias/type table")
    p.add_argument("--boilerplate", default=None, metavar="FILE", help="extra boilerplate patterns")
    p.add_argument("--cues", default=None, metavar="CSV",
                   help="your own reporting verbs, in the columns of newslab/lexicons/reporting_verbs.csv "
                        "(its rows replace shipped rows with the same lemma)")
    p.add_argument("--targets", default=None, metavar="NAMES",
                   help="comma-separated names to measure stance toward (default: found in the text)")
    p.add_argument("--no-stance", action="store_true", help="skip the stances table (faster)")
    p.add_argument("--max-bytes", type=_positive_int, default=None, metavar="N",
                   help="largest article read, in bytes (default: 20000000)")
    p.add_argument("--raw-csv", action="store_true",
                   help="write CSV values exactly, without the apostrophe that stops a spreadsheet running values "
                        "starting with = + - @ as formulas (see docs/schema.md)")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary; problems still shown")
    p.set_defaults(func=run_extract)


def _error_lines(errors, out: Path, fmt: str) -> list[str]:
    where = out / ("errors.csv" if fmt == "csv" else "errors/")
    messages = [str(e) for e in errors["error"].tolist()]
    if len(messages) <= SHOW_ERRORS:
        return [f"skipped {m}" for m in messages]
    lines = [f"{len(messages):,} inputs or records could not be read (all listed in {where}); the first "
             f"{SHOW_ERRORS - 2}:"]
    lines += [f"  {m}" for m in messages[: SHOW_ERRORS - 2]]
    return lines


def run_extract(args: argparse.Namespace) -> int:
    targets = [t.strip() for t in args.targets.split(",") if t.strip()] if args.targets else None
    settings = Settings(sources=args.sources, targets=targets, boilerplate=args.boilerplate,
                        stance=not args.no_stance, cues=args.cues)
    engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and engine != "dask":
        return _usage_error("--scheduler needs --engine dask")
    out = Path(args.out)
    result = extract(args.inputs, out, format=args.format, engine=engine, workers=args.workers,
                     scheduler=args.scheduler, batch_size=args.batch_size,
                     settings=settings, exclude=args.exclude, progress=False if args.quiet else None,
                     max_bytes=args.max_bytes, raw_csv=args.raw_csv, file_pattern=args.file_pattern)
    errors = result.errors
    if result.counts.get("articles", 0) == 0:
        first = f": {errors['error'].iloc[0]}" if len(errors) else ""
        more = f" (and {len(errors) - 1:,} more problems, listed in the errors table)" if len(errors) > 1 else ""
        _say(f"no article could be read from the inputs{first}{more}")
        return 2
    for line in _error_lines(errors, out, result.format):
        _say(line)
    if not args.quiet:
        counts = ", ".join(f"{n:,} {t}" for t, n in result.counts.items())
        resumed = f"; {result.reused} of {result.batches} batches reused" if result.reused else ""
        if result.redone:
            resumed += f"; {len(result.redone)} damaged batches redone"
        _say(f"wrote {counts} to {out} ({result.format}, {result.seconds:.1f} s{resumed})")
    return 0


def _usage_error(message: str) -> int:
    _say(f"error: {message}")
    return 2


# ---------------------------------------------------------------------------------------------- main

#: subcommands, in the order ``newslab --help`` lists them
# ---- newslab summary

def _open(path: str) -> Corpus:
    return open_dir(path) if is_output_dir(path) else load(path)


def summary_text(corpus: Corpus, top: int = 5) -> str:
    """The ``newslab summary`` report: per outlet, top sources, source types, cue classes and balance."""
    pd_opts = {"display.width": 120, "display.max_colwidth": 40}
    lines: list[str] = []
    balance = sourcing_balance(corpus)
    if balance.empty or corpus.sources.empty:
        return "no attributions found (run `newslab extract` first, or check the input folder)"
    voice = share_of_voice(corpus, top=None)
    types = source_types_by_outlet(corpus)
    cues = cue_classes_by_outlet(corpus)
    with pd.option_context(*[x for kv in pd_opts.items() for x in kv]):
        for row in balance.itertuples(index=False):
            outlet = row.outlet
            lines.append(f"== {outlet}: {row.articles} articles, {row.attributions} attributions, "
                         f"{row.distinct_sources} distinct sources")
            lines.append(f"   diversity {row.diversity:.2f} bits (evenness {row.evenness:.2f}), "
                         f"anonymous {row.anonymous_share:.0%}, hedged {row.hedged_share:.0%}, "
                         f"distancing cues {row.distancing_share:.0%}, scare quotes {row.scare_quotes}")
            for title, table, col in (("top sources", voice, "source"), ("source types", types, "source_type"),
                                      ("cue classes", cues, "cue_class")):
                part = table[table["outlet"] == outlet].head(top)
                if part.empty:
                    continue
                lines.append(f"   {title}:")
                for r in part.itertuples(index=False):
                    lines.append(f"     {getattr(r, col):<40} {r.attributions:>5}  {r.share:6.1%}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def summary_command(args: argparse.Namespace) -> int:
    """``newslab summary DIR``: print the sourcing and framing profile of each outlet."""
    if not Path(args.dir).exists():
        raise SettingsError(f"{args.dir}: no such file or folder; give the --out folder of `newslab extract` "
                            "or a folder of articles")
    corpus = _open(args.dir)
    print(summary_text(corpus, top=args.top), end="")
    return 0


def add_summary_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``summary`` subcommand to the ``newslab`` command line."""
    p = subparsers.add_parser(
        "summary", help="print top sources, source types and framing profile per outlet",
        description="Print, per outlet, the most cited sources, the source types, the cue classes (neutral "
                    "'said', distancing 'claimed', ...) and the sourcing balance. DIR is the --out folder of "
                    "`newslab extract`, or a folder of articles (processed on the fly).")
    p.add_argument("dir", metavar="DIR", help="an extract output folder, or a folder of articles")
    p.add_argument("--top", type=int, default=5, metavar="N", help="rows per list (default: %(default)s)")
    p.set_defaults(func=summary_command)
    return p


def register_summary(subparsers: argparse._SubParsersAction) -> None:
    """Registration hook for :data:`COMMANDS` (same as :func:`add_summary_parser`)."""
    add_summary_parser(subparsers)


COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [register_extract, register_summary]


def build_parser() -> argparse.ArgumentParser:
    """The ``newslab`` argument parser with every subcommand in :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(prog="newslab", description="Who speaks in the news: tidy tables of "
                                     "sentences, sources and stances from folders of news articles.")
    parser.add_argument("--version", action="version", version=f"newslab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _say("interrupted; finished batches are kept: rerun the same command to resume")
        return 130
    except NewslabError as exc:
        _say(f"error: {exc}")
        return 1 if isinstance(exc, (InterruptedRun, OutputError)) else 2
    except OSError as exc:  # disk full, permission denied on the output folder, ...
        _say(f"error: {exc}; finished batches are kept: fix the problem and rerun the same command")
        return 1


if __name__ == "__main__":
    sys.exit(main())
