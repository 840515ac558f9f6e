"""``python -m newslab.evaluation`` (``make eval``): run every evaluation whose data is present."""

from __future__ import annotations

import importlib
import sys


def main() -> int:
    status = 0
    for name in ("attribution", "stance", "identity"):
        try:
            module = importlib.import_module(f"newslab.evaluation.{name}")
        except ModuleNotFoundError:
            print(f"== {name}: no evaluation yet")
            continue
        print(f"== {name}")
        status |= module.main([]) or 0
    return status


if __name__ == "__main__":
    sys.exit(main())
