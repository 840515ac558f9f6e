"""``python -m newslab.evaluation`` (``make eval``): run every evaluation whose data is present, then print
the attribution figures side by side: PolNeAR dev (cue / source / content F1), realnews who-speaks (held
out) and the bundled sample's answer key."""

from __future__ import annotations

import importlib
import sys


def main() -> int:
    status = 0
    figures: dict[str, float | None] = {}
    for name in ("attribution", "voice", "stance", "identity"):
        try:
            module = importlib.import_module(f"newslab.evaluation.{name}")
        except ModuleNotFoundError:
            print(f"== {name}: no evaluation yet")
            continue
        print(f"== {name}")
        if name == "attribution":
            res = module.report()
            if res is None:
                print("attribution: no gold corpus (skipped)")
            else:
                figures.update({k: res[k] for k in ("cue_f1", "source_f1", "content_f1")})
        elif name == "voice":
            figures.update(module.report())
        else:
            status |= module.main([]) or 0
    print("== who speaks, side by side")
    cols = [("PolNeAR dev cue F1", "cue_f1"), ("source F1", "source_f1"), ("content F1", "content_f1"),
            ("realnews who-speaks", "realnews_who_speaks"), ("sample answer key", "sample_accuracy")]
    print(" | ".join(label for label, _ in cols))
    print(" | ".join(f"{figures[k]:.3f}".rjust(len(label)) if figures.get(k) is not None else "-".rjust(len(label))
                     for label, k in cols))
    return status


if __name__ == "__main__":
    sys.exit(main())
