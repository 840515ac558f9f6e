"""Hostile single files through ``newslab extract``: seconds and peak memory per MB (printed, not asserted).

    .venv/bin/python benchmarks/bench_hostile.py                   # 1, 5, 20 MB unpunctuated + 200,000 lines
    .venv/bin/python benchmarks/bench_hostile.py --cases words:1 lines:20000

Cases (invented text, a fixed seed):

- ``words:N``: one ``.txt`` article whose body is N MB of words with no sentence-ending punctuation (one
  giant "sentence", with commas and, every ``1/--cue-rate`` words on average, a source and a reporting verb,
  so attribution and stance have work to do; the default 0.015, an attribution every ~65 words, is about as
  dense as quoted news; the output tables, and so memory, grow with the rate);
- ``lines:N``: one ``.txt`` article of N short lines (each line is a paragraph; one in four quotes someone).

Each case runs ``newslab.extract(file, out, workers=1)`` in a fresh process, so the peak resident memory
(``ru_maxrss``) is that case's alone; ``baseline`` is the same process extracting a one-line article (imports,
lexicons). Issue 15 asks for flat seconds per MB up to the 20 MB ``max_bytes`` limit and under 500 MB peak.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CASES = ["words:1", "words:5", "words:20", "lines:200000"]
WORDS = ("the council harbour budget ferry vote water rates city residents plan report minister port workers "
         "union board schools river bridge tax hospital court police weather market").split()
NAMES = ("Elena Varga", "Tomas Brannock", "the mayor", "officials", "a spokesperson", "the union")
CUES = ("said", "told reporters", "argued", "according to", "claimed", "warned")


def unpunctuated(megabytes: float, seed: int = 0, cue_rate: float = 0.015) -> str:
    """About ``megabytes`` MB of words without ``.!?``: one sentence as far as a segmenter can tell."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000) - 100
    parts, size = ["Harbour notes", "\n\n"], 15
    while size < target:
        if rng.random() < cue_rate:
            piece = f"{rng.choice(NAMES)} {rng.choice(CUES)}"
        else:
            piece = rng.choice(WORDS) + ("," if rng.random() < 0.05 else "")
        parts.append(piece + " ")
        size += len(piece) + 1
    return "".join(parts).rstrip() + "\n"


def many_lines(n: int, seed: int = 0) -> str:
    """``n`` short lines; one in four quotes someone."""
    rng = random.Random(seed)
    lines = ["Harbour log"]
    for i in range(n):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        if i % 4 == 0:
            lines.append(f"{rng.choice(NAMES).capitalize()} {rng.choice(CUES)} the {words} would change.")
        else:
            lines.append(f"Item {i}: {words}.")
    return "\n".join(lines) + "\n"


def child(path: str, out: str) -> None:
    """Run in a fresh process: extract one file, print seconds and peak RSS as JSON."""
    sys.path.insert(0, str(ROOT))
    import newslab

    t0 = time.perf_counter()
    result = newslab.extract(path, out, workers=1, progress=False)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, **result.counts}))


def run_case(text: str, tmp: Path, name: str) -> dict:
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, __file__, "--child", str(path), str(tmp / f"out-{name}")],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr[-2000:]}")
    return {"mb": path.stat().st_size / 1e6, **json.loads(proc.stdout.strip().splitlines()[-1])}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="*", default=DEFAULT_CASES, help="words:MB and lines:N (default: %(default)s)")
    ap.add_argument("--cue-rate", type=float, default=0.015, help="share of words that start an attribution")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="newslab-hostile-") as d:
        tmp = Path(d)
        base = run_case("Title\n\nThe port reopened.\n", tmp, "baseline")
        print(f"{'case':<14}{'MB':>7}{'seconds':>9}{'s/MB':>7}{'peak MB':>9}{'(peak-base)/MB':>16}{'sentences':>11}"
              f"{'sources':>9}")
        print(f"{'baseline':<14}{base['mb']:7.2f}{base['seconds']:9.1f}{'':>7}{base['peak_mb']:9.0f}{'':>16}"
              f"{base['sentences']:11,}{base['sources']:9,}")
        for case in args.cases:
            kind, _, size = case.partition(":")
            text = unpunctuated(float(size), cue_rate=args.cue_rate) if kind == "words" else many_lines(int(size))
            r = run_case(text, tmp, case.replace(":", "-"))
            print(f"{case:<14}{r['mb']:7.2f}{r['seconds']:9.1f}{r['seconds'] / r['mb']:7.2f}{r['peak_mb']:9.0f}"
                  f"{(r['peak_mb'] - base['peak_mb']) / r['mb']:16.1f}{r['sentences']:11,}{r['sources']:9,}",
                  flush=True)


if __name__ == "__main__":
    main()
