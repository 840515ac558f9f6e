"""Attribution accuracy against a brat-standoff gold corpus (PolNeAR layout), for ``make eval``.

    python -m newslab.evaluation.attribution                      # PolNeAR dev from ../shared, if present
    python -m newslab.evaluation.attribution --gold my_annotations  # your own folder: text/*.txt + attributions/*.ann

The gold folder holds ``text/<name>.txt`` and ``attributions/<name>[_<annotator>].ann`` (brat: ``T`` lines
Source / Cue / Content, ``E`` lines linking them; the first .ann of each text in sorted order is used).
Matching follows ``../shared/tools/score_attribution.py``: a predicted attribution matches a gold one when
their cue spans overlap (one-to-one, greedy by overlap); the source counts when the predicted mention
overlaps the gold Source span; the content when it covers at least 30% of the gold content characters.

>>> _spans("12 20;25 30")
[(12, 20), (25, 30)]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import defaultdict
from pathlib import Path

__all__ = ["main", "score", "read_brat"]

BASELINE = {"cue_f1": 0.41, "source_f1": 0.32, "content_f1": 0.22}  # 30-line regex baseline, PolNeAR dev
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "his", "her", "him", "them",
            "their", "this", "one", "me", "us", "whom", "these", "those"}
_RECORD = re.compile(r"\n(?=[TEAR#]\d*\t)")


def polnear(split: str) -> Path:
    """``../shared/corpora/polnear/<split>`` next to the repository."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "polnear" / split


def default_gold() -> Path:
    """``../shared/corpora/polnear/dev`` next to the repository."""
    return polnear("dev")


def gold_argument(argv: list[str] | None, prog: str, doc: str, split: str) -> Path:
    """The ``--gold`` brat folder of an evaluation command (default: PolNeAR ``split`` next to the repository)."""
    ap = argparse.ArgumentParser(prog=prog, description=doc.split("\n")[0])
    ap.add_argument("--gold", default=None,
                    help=f"brat folder with text/ and attributions/ (default: PolNeAR {split})")
    args = ap.parse_args(argv)
    return Path(args.gold) if args.gold else polnear(split)


def _spans(field: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split()) for part in field.split(";")]  # type: ignore[misc]


def read_brat(path: str | Path) -> list[dict]:
    """The attributions of one ``.ann`` file: ``{"cue", "source", "content": [(start, end)], "source_text"}``."""
    text = Path(path).read_text(encoding="utf-8")
    tspans, events = {}, []
    for rec in _RECORD.split(text):
        if not rec.strip():
            continue
        head, _, rest = rec.partition("\t")
        if head.startswith("T"):
            kind_offsets, _, surface = rest.partition("\t")
            _, _, offsets = kind_offsets.partition(" ")
            try:
                tspans[head] = (_spans(offsets), surface.strip())
            except ValueError:
                continue
        elif head.startswith("E"):
            events.append(dict(part.split(":", 1) for part in rest.split() if ":" in part))
    gold = []
    for roles in events:
        def get(role, roles=roles):
            return tspans[roles[role]][0] if roles.get(role) in tspans else []
        src = tspans[roles["Source"]][1] if roles.get("Source") in tspans else ""
        gold.append({"cue": get("Cue"), "source": get("Source"), "content": get("Content"), "source_text": src})
    return gold


def _overlap(a, b) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> dict[str, float]:
    """Cue / source / content precision, recall, F1 and named-source recall (see the module docstring)."""
    n: dict[str, int] = defaultdict(int)
    for stem, golds in gold.items():
        preds = pred.get(stem, [])
        n["gold"] += len(golds)
        n["pred"] += len(preds)
        n["gold_src"] += sum(1 for g in golds if g["source"])
        n["gold_named"] += sum(1 for g in golds if g["source"] and g["source_text"].lower() not in PRONOUNS)
        n["pred_src"] += sum(1 for p in preds if p["source"])
        pairs = sorted(((_overlap(p["cue"], g["cue"]), i, j) for i, p in enumerate(preds)
                        for j, g in enumerate(golds) if _overlap(p["cue"], g["cue"]) > 0), reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            p, g = preds[i], golds[j]
            n["cue"] += 1
            if g["source"] and p["source"] and _overlap(p["source"], g["source"]) > 0:
                n["source"] += 1
                n["named"] += g["source_text"].lower() not in PRONOUNS
            if g["content"] and p["content"] and \
                    _overlap(p["content"], g["content"]) / sum(e - s for s, e in g["content"]) >= 0.3:
                n["content"] += 1
    out: dict[str, float] = {"gold": n["gold"], "pred": n["pred"]}
    for key, (tp, npred, ngold) in {"cue": (n["cue"], n["pred"], n["gold"]),
                                    "source": (n["source"], n["pred_src"], n["gold_src"]),
                                    "content": (n["content"], n["pred"], n["gold"])}.items():
        out[f"{key}_p"], out[f"{key}_r"], out[f"{key}_f1"] = _prf(tp, npred, ngold)
    out["named_source_r"] = n["named"] / n["gold_named"] if n["gold_named"] else 0.0
    return out


def evaluate(gold_dir: str | Path) -> dict[str, float]:
    """Run newslab on ``gold_dir/text`` and score it against ``gold_dir/attributions``."""
    import newslab

    gold_dir = Path(gold_dir)
    texts = sorted((gold_dir / "text").glob("*.txt"))
    gold = {}
    for t in texts:
        anns = sorted((gold_dir / "attributions").glob(f"{t.stem}_*.ann")) or \
            sorted((gold_dir / "attributions").glob(f"{t.stem}.ann"))
        if anns:
            gold[t.stem] = read_brat(anns[0])
    t0 = time.perf_counter()
    corpus = newslab.load([str(t) for t in texts])
    seconds = time.perf_counter() - t0
    stems = {aid: Path(p).stem for aid, p in zip(corpus.articles["article_id"], corpus.articles["path"])}
    pred: dict[str, list[dict]] = defaultdict(list)
    src = corpus.sources
    for row in zip(src["article_id"], src["mention_start"], src["mention_end"], src["cue_start"], src["cue_end"],
                   src["content_start"], src["content_end"]):
        aid, ms, me, cs, ce, ts, te = row
        pred[stems.get(aid, "")].append({"source": [(ms, me)] if me > ms else [], "cue": [(cs, ce)] if ce > cs else [],
                                         "content": [(ts, te)] if te > ts else []})
    out = score(gold, pred)
    out["articles"] = len(gold)
    out["sentences"] = len(corpus.sentences)
    out["seconds"] = seconds
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table; 0 when the gold folder is missing (nothing to evaluate) or scored."""
    gold = gold_argument(argv, "python -m newslab.evaluation.attribution", __doc__, "dev")
    if not (gold / "text").is_dir():
        print(f"attribution: no gold corpus at {gold} (skipped)")
        return 0
    report(gold)
    return 0


def report(gold: Path | None = None) -> dict[str, float] | None:
    """Print the accuracy table for ``gold`` (default PolNeAR dev) and return the figures (None if absent)."""
    gold = gold or default_gold()
    if not (gold / "text").is_dir():
        return None
    res = evaluate(gold)
    print(f"attribution on {gold} ({res['articles']:.0f} articles, {res['sentences']:.0f} sentences, "
          f"{res['seconds']:.1f} s for the whole pipeline)")
    print(f"gold attributions {res['gold']:.0f}, predicted {res['pred']:.0f}")
    print(f"{'':8s} {'P':>6s} {'R':>6s} {'F1':>6s}   baseline F1")
    for key in ("cue", "source", "content"):
        print(f"{key:8s} {res[key + '_p']:6.3f} {res[key + '_r']:6.3f} {res[key + '_f1']:6.3f}   "
              f"{BASELINE[key + '_f1']:.2f}")
    print(f"named-source recall {res['named_source_r']:.3f}")
    return res


if __name__ == "__main__":
    raise SystemExit(main())
