"""Does a person appear under two names among the most cited sources? (issue: one identity per source)

    python -m newslab.evaluation.identity [FOLDER ...] [--top 100]    # default: PolNeAR train + dev

Among the ``top`` sources by attributions, a person is "split" when another row of that list names the same
person: the same first name and surname (middle initials agreeing when both are given), or a bare surname
whose dominant full-named person (:data:`newslab.attribution.identity.DOMINANCE` of that surname's attributions) is in
the list. Prints the split pairs and their number (0 is the goal) and, on PolNeAR, how many of the person
sources checked by hand (``tests/fixtures/polnear_gender_checked.csv``) get the right gender.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from newslab.attribution.identity import DOMINANCE, PERSON_TYPES, _parse, person_name


def polnear_folders() -> list[Path]:
    """``../shared/corpora/polnear/{train,dev}/text`` next to the repository (those that exist)."""
    root = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "polnear"
    return [root / s / "text" for s in ("train", "dev") if (root / s / "text").is_dir()]


def split_people(sources: pd.DataFrame, top: int = 100) -> list[tuple[str, str]]:
    """Pairs ``(person, other name)`` of the ``top`` sources that name one person twice."""
    named = sources[sources["source"].fillna("") != ""]
    counts = named.groupby("source").size().sort_values(ascending=False, kind="stable")
    types = named.groupby("source")["source_type"].agg(lambda s: s.fillna("").mode().min())
    head = [n for n in counts.index[:top]]
    people = {}
    for name in counts.index:
        if types[name] in PERSON_TYPES and person_name(name):
            people[name] = _parse(person_name(name))
    full = {n: p for n, p in people.items() if p.first}
    pairs = []
    for i, a in enumerate(head):
        for b in head[i + 1:]:
            pa, pb = people.get(a), people.get(b)
            if pa is None or pb is None:
                continue
            if pa.first and pb.first:
                same = (pa.first, pa.last, pa.suffix) == (pb.first, pb.last, pb.suffix) and (
                    not pa.middle or not pb.middle or pa.middle.startswith(pb.middle) or pb.middle.startswith(pa.middle))
            else:
                fulln, bare = (a, pb) if pa.first else (b, pa)
                if not people[fulln].first or bare.first:
                    continue
                rivals = {n: int(counts[n]) for n, p in full.items() if p.last == bare.last and not p.suffix}
                same = bool(rivals) and people[fulln].last == bare.last and \
                    rivals.get(fulln, 0) >= DOMINANCE * sum(rivals.values())
            if same:
                pairs.append((a, b))
    return pairs


def main(argv: list[str] | None = None) -> int:
    import newslab

    ap = argparse.ArgumentParser(prog="python -m newslab.evaluation.identity", description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", help="article folders (default: PolNeAR train and dev in ../shared)")
    ap.add_argument("--top", type=int, default=100)
    args = ap.parse_args(argv)
    folders = args.folders or [str(p) for p in polnear_folders()]
    if not folders:
        print("no articles: ../shared/corpora/polnear is absent (pass folders)")
        return 0
    corpus = newslab.load(folders, progress=False)
    pairs = split_people(corpus.sources, top=args.top)
    for a, b in pairs:
        print(f"  split: {a!r} / {b!r}")
    print(f"{len(corpus.articles):,} articles, {len(corpus.sources):,} attributions: {len(pairs)} people of the "
          f"top {args.top} sources appear under two names")
    checked = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "polnear_gender_checked.csv"
    if not args.folders and checked.is_file():
        key = pd.read_csv(checked, comment="#", dtype=str, keep_default_na=False)
        print(f"gender right for {gender_agreement(corpus.sources, key)} hand-checked person sources ({checked.name})")
    return 0


def gender_agreement(sources: pd.DataFrame, key: pd.DataFrame) -> str:
    """``"right/total"`` of the identities' genders against a ``source,gender`` key (unknown counts as wrong)."""
    named = sources[sources["source"].fillna("") != ""]
    found = named.groupby("source")["gender"].agg(lambda s: s.dropna().mode().min() if s.notna().any() else "")
    got = key["source"].map(found).fillna("")
    return f"{int((got == key['gender']).sum())}/{len(key)}"


if __name__ == "__main__":
    sys.exit(main())
