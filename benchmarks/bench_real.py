"""Throughput on real articles: per-step and end-to-end CPU-seconds, articles/s, tokens/s, peak RSS.

Runs on PolNeAR train (``../shared/corpora/polnear/train/text``) or any folder given, and prints:

1. **steps**: ``newslab.pipeline``'s steps (language, segment, attribution, identity, stance) timed one by one
   in a fresh process per repeat (no warm caches), with CPU-seconds from ``time.process_time``; the lowest
   of ``--repeat`` runs is shown (CPU time is what a shared machine disturbs least);
2. **extract**: ``newslab.extract`` end to end (read, process, write Parquet) in a fresh process per worker
   count (``--workers 1,2``; ``--dask 2`` adds a Dask ``LocalCluster``), CPU of the process and every worker, peak RSS per process (psutil, sampled
   every 0.2 s), and the same for a 2-article run, whose CPU is the fixed start-up cost (imports, lexicons,
   models) shown separately;
3. **scaling** (``--scaling``): cost per KB of one article of about 10 KB, 100 KB and 1 MB, made by joining
   the folder's articles paragraph by paragraph (so names, quotations and mentions grow with the length);
4. **spaCy**: when ``spacy`` and ``en_core_web_sm`` happen to be installed (never a dependency), the same
   texts through ``nlp.pipe`` in the same run, printed as a ratio.

Figures are printed, never asserted. Tokens are ``newslab.attribution.cues.tokenize`` tokens (words and punctuation).

    python benchmarks/bench_real.py                       # PolNeAR train, steps + extract on 1 and 2 workers
    python benchmarks/bench_real.py --limit 200 --steps-only --repeat 3
    python benchmarks/bench_real.py some/folder --workers 1 --scaling
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "polnear" / "train" / "text"
STEPS = ("read", "language", "segment", "attribution", "identity", "stance")
#: reaches every step, a stance row included (so the stance lexicon and model tables are loaded before timing)
WARMUP = ("Rain fell in Lyon on Monday. \u201cIt is fine,\u201d Mayor Jo Reed said. "
          "Critics said Reed was wrong about the dam.")


# ------------------------------------------------------------------------------------------ child jobs

def _files(folder: str, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in Path(folder).rglob("*") if p.is_file() and not p.name.startswith("."))
    return files[:limit] if limit else files


def _cpu() -> float:
    return time.process_time()


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def _warm(stance: bool) -> None:
    """Load lexicons and models on a tiny invented text, so the steps measure per-article work."""
    import pandas as pd

    from newslab.pipeline import Settings, process

    process(pd.DataFrame({"article_id": ["warm"], "text": [WARMUP]}), Settings(stance=stance))


def _steps(articles, stance: bool) -> dict[str, float]:
    """CPU-seconds of each step of ``pipeline._process`` on an all-English table (same calls, same order)."""
    from newslab.attribution.identity import within_article
    from newslab.attribution.sources import attribute
    from newslab.core.schema import conform
    from newslab.stance.stances import stance_table
    from newslab.text.language import with_language
    from newslab.text.segment import segment

    out: dict[str, float] = {}
    t = _cpu()
    articles = conform(with_language(articles), "articles")
    out["language"] = _cpu() - t
    t = _cpu()
    sentences = segment(articles)
    out["segment"] = _cpu() - t
    t = _cpu()
    sources, sentences = attribute(articles, sentences)
    out["attribution"] = _cpu() - t
    t = _cpu()
    sources, sentences = within_article(articles, sources, sentences, None)
    out["identity"] = _cpu() - t
    if stance:
        t = _cpu()
        stance_table(articles, sentences, sources)
        out["stance"] = _cpu() - t
    return out


def child_steps(folder: str, limit: int | None, stance: bool) -> dict:
    from newslab.io.load import read_inputs

    _warm(stance)
    t = _cpu()
    articles, _errors = read_inputs(_files(folder, limit))
    read = _cpu() - t
    steps = {"read": read, **_steps(articles, stance)}
    return {"steps": steps, "articles": len(articles), "chars": int(articles["text"].str.len().sum()),
            "rss": _peak_rss()}


def child_process(texts_json: str, stance: bool) -> dict:
    """CPU-seconds of ``pipeline.process`` on the given texts (one table), after a warm-up."""
    import pandas as pd

    from newslab.pipeline import Settings, process

    texts = json.loads(Path(texts_json).read_text(encoding="utf-8"))
    table = pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": texts})
    _warm(stance)
    t = _cpu()
    tables = process(table, Settings(stance=stance))
    return {"cpu": _cpu() - t, "rss": _peak_rss(), "sources": len(tables["sources"]),
            "stances": len(tables["stances"])}


def child_extract(folder: str, limit: int | None, workers: int, batch_size: int, stance: bool,
                  engine: str = "local") -> dict:
    sys.path.insert(0, str(HERE))
    from bench_scale import RssSampler

    import newslab
    from newslab.pipeline import Settings

    with tempfile.TemporaryDirectory(prefix="newslab-bench-real-") as tmp:
        # every run (the 2-article one too) also reads the warm-up text, which loads every model a corpus may
        # need (the language detector too), so "fixed" holds the one-off loads and "net" only per-article work
        warm = Path(tmp) / "warm-up.txt"
        warm.write_text(WARMUP, encoding="utf-8")
        with RssSampler() as rss:
            t0 = time.perf_counter()
            result = newslab.extract([str(warm), *_files(folder, limit)], Path(tmp) / "out", format="parquet",
                                     engine=engine,
                                     workers=workers, batch_size=batch_size, settings=Settings(stance=stance),
                                     progress=False)
            seconds = time.perf_counter() - t0
        parent, children = rss.report()
    return {"seconds": seconds, "cpu": rss.cpu_seconds(), "articles": result.counts["articles"],
            "sentences": result.counts["sentences"], "sources": result.counts["sources"],
            "stances": result.counts["stances"], "parent": parent,
            "workers": [r for n, r in children if n == "worker"], "load": os.getloadavg()[0]}


def child_spacy(folder: str, limit: int | None) -> dict | None:
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except Exception:  # noqa: BLE001 (not installed, or no English model: the comparison is skipped)
        return None
    from newslab.io.load import read_inputs

    texts = read_inputs(_files(folder, limit))[0]["text"].tolist()
    t = _cpu()
    for _doc in nlp.pipe(texts):
        pass
    return {"cpu": _cpu() - t}


def _run_child(args: list[str]) -> dict | None:
    """Run this script's ``--child`` mode in a fresh interpreter and return its JSON answer."""
    env = dict(os.environ)
    root = str(HERE.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", *args], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"child {args[0]} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------------ reporting

def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def corpus_stats(folder: str, limit: int | None) -> dict:
    from newslab.attribution.cues import tokenize
    from newslab.io.load import read_inputs

    texts = read_inputs(_files(folder, limit))[0]["text"].tolist()
    return {"articles": len(texts), "chars": sum(map(len, texts)), "tokens": sum(len(tokenize(t)) for t in texts),
            "texts": texts}


def report_steps(args, stats: dict) -> float:
    runs = [_run_child(["steps", args.folder, str(args.limit or 0), str(int(not args.no_stance))])
            for _ in range(args.repeat)]
    names = [s for s in STEPS if s in runs[0]["steps"]]
    best = {s: min(r["steps"][s] for r in runs) for s in names}
    n, toks = stats["articles"], stats["tokens"]
    total = sum(best[s] for s in names if s != "read")
    print(f"\n## Steps (in one process, lowest of {args.repeat} fresh-process runs; CPU-seconds)\n")
    print("| step | CPU s | share | articles per CPU s | tokens per CPU s | all runs |")
    print("|---|---|---|---|---|---|")
    for s in names:
        every = " / ".join(f"{r['steps'][s]:.2f}" for r in runs)
        share = f"{best[s] / total:.0%}" if s != "read" else "-"
        print(f"| {s} | {best[s]:.2f} | {share} | {n / best[s]:,.0f} | {toks / best[s]:,.0f} | {every} |"
              if best[s] > 0 else f"| {s} | 0 | - | - | - | {every} |")
    print(f"| **process (language..stance)** | **{total:.2f}** | 100% | **{n / total:,.0f}** | "
          f"{toks / total:,.0f} | |")
    print(f"\npeak RSS of the steps process: {mb(max(r['rss'] for r in runs))}")
    return total


def report_extract(args, stats: dict) -> dict[tuple[str, int], dict]:
    out: dict[tuple[str, int], dict] = {}
    stance = str(int(not args.no_stance))
    print("\n## newslab.extract end to end (Parquet; fresh process per run; CPU of the process and its workers)\n")
    print("| engine | workers | wall s | CPU s | fixed CPU s (2-article run) | articles per CPU s | "
          "net articles per CPU s | tokens per CPU s | peak RSS parent | peak RSS per worker | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    n, toks = stats["articles"], stats["tokens"]
    configs = [("local", w) for w in args.workers] + [("dask", w) for w in args.dask]
    for engine, w in configs:
        runs = [_run_child(["extract", args.folder, str(args.limit or 0), str(w), str(args.batch_size), stance,
                            engine]) for _ in range(args.repeat)]
        r = min(runs, key=lambda x: x["cpu"])
        r["fixed"] = min(_run_child(["extract", args.folder, "2", str(w), "1", stance, engine])["cpu"]
                         for _ in range(args.repeat))
        out[(engine, w)] = r
        per_worker = " / ".join(mb(x) for x in sorted(r["workers"], reverse=True)[:w]) or "(in parent)"
        net = n / (r["cpu"] - r["fixed"]) if r["cpu"] > r["fixed"] else float("nan")
        print(f"| {engine} | {w} | {r['seconds']:.1f} | {r['cpu']:.1f} | {r['fixed']:.1f} | {n / r['cpu']:,.0f} | "
              f"{net:,.0f} | {toks / r['cpu']:,.0f} | {mb(r['parent'])} | {per_worker} | {r['load']:.1f} |")
    one, two = out.get(("local", 1)), out.get(("local", 2))
    if one and two:
        gross = 2 * one["cpu"] / two["cpu"]
        net = 2 * (one["cpu"] - one["fixed"]) / (two["cpu"] - two["fixed"])
        print(f"\n2 workers vs 1, CPU-normalised (2 x articles per CPU s with 2 / with 1): {gross:.2f}x "
              f"({net:.2f}x net of the fixed start-up cost); wall-clock speed-up "
              f"{one['seconds'] / two['seconds']:.2f}x (meaningful only on an idle machine)")
    if len({(r["articles"], r["sentences"], r["sources"], r["stances"]) for r in out.values()}) > 1:
        print("WARNING: the runs disagree on row counts", file=sys.stderr)
    return out


def _joined(texts: list[str], size: int, start: int) -> tuple[str, int]:
    """Paragraphs of the texts from ``start`` on, joined until the article reaches ``size`` characters."""
    parts, total, i = [], 0, start
    while total < size:
        for para in texts[i % len(texts)].split("\n"):
            if para.strip() and total < size:
                parts.append(para)
                total += len(para) + 1
        i += 1
    return "\n".join(parts), i


def report_scaling(args, stats: dict) -> None:
    texts = stats["texts"]
    print("\n## Cost per KB by article length (pipeline.process on one table; fresh process per size)\n")
    print("| article size | articles | KB | CPU s | CPU ms per KB | vs 10 KB | sources | stances | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    base = None
    for size, count in ((10_000, 30), (100_000, 3), (1_000_000, 1)):
        arts, pos = [], 0
        for _ in range(count):
            art, pos = _joined(texts, size, pos)
            arts.append(art)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump(arts, f)
        try:
            runs = [_run_child(["process", f.name, str(int(not args.no_stance))]) for _ in range(args.repeat)]
        finally:
            os.unlink(f.name)
        r = min(runs, key=lambda x: x["cpu"])
        kb = sum(map(len, arts)) / 1000
        per_kb = 1000 * r["cpu"] / kb
        base = base or per_kb
        print(f"| {size // 1000:,} KB | {count} | {kb:,.0f} | {r['cpu']:.2f} | {per_kb:.2f} | {per_kb / base:.2f}x | "
              f"{r['sources']:,} | {r['stances']:,} | {mb(r['rss'])} |")


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS), help="folder of articles (default: PolNeAR train)")
    ap.add_argument("--limit", type=int, default=None, help="first N files only (sorted by path)")
    ap.add_argument("--workers", default="1,2", help="worker counts for the extract runs (default 1,2)")
    ap.add_argument("--dask", default="", help="worker counts for extract runs on a Dask LocalCluster (e.g. 2)")
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2, help="fresh-process runs per measurement (lowest shown)")
    ap.add_argument("--no-stance", action="store_true", help="leave the stance step out")
    ap.add_argument("--steps-only", action="store_true", help="only the per-step table")
    ap.add_argument("--scaling", action="store_true", help="also the cost per KB for 10 KB .. 1 MB articles")
    args = ap.parse_args(argv)
    if not Path(args.folder).is_dir():
        ap.error(f"{args.folder} is not a folder (PolNeAR lives in ../shared/corpora/polnear; give any folder)")
    args.workers = [int(w) for w in args.workers.split(",") if w.strip()]
    args.dask = [int(w) for w in args.dask.split(",") if w.strip()]
    stats = corpus_stats(args.folder, args.limit)
    print(f"corpus: {args.folder}: {stats['articles']:,} articles, {stats['chars'] / 1e6:.2f} M characters, "
          f"{stats['tokens']:,} tokens ({stats['tokens'] / max(1, stats['articles']):,.0f} per article); "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; stance {'off' if args.no_stance else 'on'}")
    process_cpu = report_steps(args, stats)
    if not args.steps_only:
        report_extract(args, stats)
        if args.scaling:
            report_scaling(args, stats)
        sp = _run_child(["spacy", args.folder, str(args.limit or 0)])
        if sp:
            print(f"\nspaCy en_core_web_sm nlp.pipe on the same texts: {sp['cpu']:.1f} CPU s, "
                  f"{sp['cpu'] / process_cpu:.1f}x newslab's process steps ({process_cpu:.1f} CPU s)")
        else:
            print("\nspaCy comparison skipped (spacy or en_core_web_sm not installed; never a dependency)")
    return 0


def _child(argv: list[str]) -> int:
    job, rest = argv[0], argv[1:]
    if job == "steps":
        answer = child_steps(rest[0], int(rest[1]) or None, rest[2] == "1")
    elif job == "process":
        answer = child_process(rest[0], rest[1] == "1")
    elif job == "extract":
        answer = child_extract(rest[0], int(rest[1]) or None, int(rest[2]), int(rest[3]), rest[4] == "1",
                               rest[5] if len(rest) > 5 else "local")
    elif job == "spacy":
        answer = child_spacy(rest[0], int(rest[1]) or None)
    else:
        raise SystemExit(f"unknown child job {job}")
    print(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
