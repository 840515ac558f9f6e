"""Load newslab's modules, word lists and models once, so that processes forked afterwards start ready.

``newslab extract`` runs its local workers from a fork server that imports this module first
(``set_forkserver_preload``): the imports, lexicons, the language model and the shipped classifiers are
then loaded once in the server instead of once in every worker (about 1.5 CPU-seconds each), and the
workers share those pages. Importing it runs :func:`warm_up`; it never raises.

>>> from newslab.io.warm import warm_up
>>> warm_up()
True
"""

from __future__ import annotations

#: invented text that reaches every step: language detection, sentences, an attribution, a stance
TEXT = ("Rain fell in Lyon on Monday. \u201cIt is fine,\u201d Mayor Jo Reed said on the radio. "
        "Critics said Reed was wrong about the dam.")


def warm_up() -> bool:
    """Run the pipeline once on :data:`TEXT` (loads everything it needs); False if that failed."""
    try:
        import pandas as pd

        from newslab.pipeline import Settings, process

        process(pd.DataFrame({"article_id": ["warm-up"], "text": [TEXT]}), Settings())
        return True
    except Exception:  # noqa: BLE001 (only a speed-up: the workers load what they need themselves)
        return False


warm_up()
