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
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from newslab.io.corpus import Corpus
from newslab.io.extract import extract
from newslab.io.load import load
from newslab.io.store import open_dir as open  # newslab.open(DIR): the tables of an extract run

try:
    __version__ = version("newslab")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

#: the notebook-facing modules, imported on first use (``from newslab import plots``) so that
#: ``import newslab`` stays light: matplotlib and ipywidgets load only when a chart or widget is wanted
PUBLIC_MODULES = {
    "aggregates": "newslab.analysis.aggregates",
    "framing": "newslab.analysis.framing",
    "plots": "newslab.ui.plots",
    "widgets": "newslab.ui.widgets",
    "workshop": "newslab.ui.workshop",
    "report": "newslab.ui.report",
}


def __getattr__(name: str) -> Any:
    if name in PUBLIC_MODULES:
        return importlib.import_module(PUBLIC_MODULES[name])
    raise AttributeError(f"module 'newslab' has no attribute {name!r}")


__all__ = ["Corpus", "extract", "load", "open", "__version__", *PUBLIC_MODULES]
