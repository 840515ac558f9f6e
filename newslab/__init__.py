"""newslab: who speaks in the news.

Point it at a folder of articles and get tidy pandas tables of sentences, sources (who is quoted or
cited, and through which cue) and stances.

>>> import newslab
>>> corpus = newslab.load("data/sample")     # doctest: +SKIP
>>> corpus.sources[["source", "cue", "source_type"]].head()   # doctest: +SKIP

The package shows its pipeline; each layer imports only the layers below it (``tests/test_layers.py``):

==================  ==============================================================================
``ui``              charts, ipywidgets explorers, the workshop, HTML reports, the command line
``analysis``        the numbers behind every chart (``aggregates``, ``framing``)
``io``              files in, ``Corpus``, ``extract`` runs, stored output (``newslab.open``)
``pipeline``        one batch of articles through every step below
``stance``          the ``stances`` table
``attribution``     the ``sources`` table: cues, speakers, names, types, one identity per source
``text``            language, quotation marks, sentences, page furniture
``core``            schemas, word lists, ``newslab.errors``
==================  ==============================================================================

The modules a notebook uses are also reachable from the top: ``from newslab import aggregates, plots, widgets``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newslab.core.version import __version__

if TYPE_CHECKING:  # for type checkers and IDEs; at run time these load on first use (below)
    from newslab.io.corpus import Corpus
    from newslab.io.extract import extract
    from newslab.io.load import load
    from newslab.io.store import open_dir as open

#: the public names, each loaded on first use: ``import newslab`` itself imports no pandas, and importing
#: one of its modules (``newslab.core.schema``) loads only that module and the layers below it.
#: ``newslab.open(DIR)`` gives the tables of an ``extract`` run.
PUBLIC = {
    "Corpus": ("newslab.io.corpus", "Corpus"),
    "extract": ("newslab.io.extract", "extract"),
    "load": ("newslab.io.load", "load"),
    "open": ("newslab.io.store", "open_dir"),
}
#: the notebook-facing modules (``from newslab import aggregates, plots, widgets``): matplotlib and
#: ipywidgets load only when a chart or widget is wanted
PUBLIC_MODULES = {
    "aggregates": "newslab.analysis.aggregates",
    "framing": "newslab.analysis.framing",
    "plots": "newslab.ui.plots",
    "widgets": "newslab.ui.widgets",
    "workshop": "newslab.ui.workshop",
    "report": "newslab.ui.report",
}


def __getattr__(name: str) -> Any:
    if name in PUBLIC:
        module, attr = PUBLIC[name]
        value = getattr(importlib.import_module(module), attr)
    elif name in PUBLIC_MODULES:
        value = importlib.import_module(PUBLIC_MODULES[name])
    else:
        raise AttributeError(f"module 'newslab' has no attribute {name!r}")
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *PUBLIC, *PUBLIC_MODULES])


__all__ = ["Corpus", "extract", "load", "open", "__version__", *PUBLIC_MODULES]
