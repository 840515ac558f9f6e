"""newslab: who speaks in the news.

Point it at a folder of articles and get tidy pandas tables of sentences, sources (who is quoted or
cited, and through which cue) and stances.

>>> import newslab
>>> corpus = newslab.load("data/sample")     # doctest: +SKIP
>>> corpus.sources[["source", "cue", "source_type"]].head()   # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from newslab.corpus import Corpus
from newslab.extract import extract
from newslab.load import load
from newslab.store import open_dir as open  # newslab.open(DIR): the tables of an extract run

try:
    __version__ = version("newslab")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["Corpus", "extract", "load", "open", "__version__"]
