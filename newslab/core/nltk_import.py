"""Import one NLTK module without NLTK's package ``__init__``.

``import nltk.tokenize.punkt`` first runs ``nltk/__init__.py``, which imports most of NLTK and, through it,
SciPy and scikit-learn: about 2 CPU-seconds and 100 MB in every process (each ``newslab extract`` worker),
for modules newslab never uses. :func:`nltk_module` loads only the module asked for and what it imports
itself (6 MB, 0.05 s for Punkt), behind stand-in package entries that are removed again afterwards, so a
later ``import nltk`` anywhere in the process loads the whole package as usual. When NLTK is already
imported, or the light import fails (a future NLTK needing its package ``__init__``), it is a plain import.

>>> punkt = nltk_module("tokenize.punkt")
>>> punkt.PunktSentenceTokenizer.__name__
'PunktSentenceTokenizer'
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types

__all__ = ["nltk_module"]

_LOCK = threading.Lock()
_LOADED: dict[str, types.ModuleType] = {}


def nltk_module(name: str) -> types.ModuleType:
    """The module ``nltk.<name>`` (e.g. ``"tokenize.punkt"``), imported without ``nltk/__init__.py``."""
    full = f"nltk.{name}"
    with _LOCK:
        if full in _LOADED:
            return _LOADED[full]
        if "nltk" in sys.modules:  # the real package is loaded (or being loaded): nothing to save
            return importlib.import_module(full)
        module = _light_import(full)
        if module is None:
            return importlib.import_module(full)
        _LOADED[full] = module
        return module


def _light_import(full: str) -> types.ModuleType | None:
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        return None
    before = set(sys.modules)
    parts = full.split(".")
    root = list(spec.submodule_search_locations)[0]
    try:
        for depth in range(1, len(parts)):  # stand-ins for "nltk", "nltk.tokenize", ...: paths only
            package = ".".join(parts[:depth])
            stub = types.ModuleType(package)
            stub.__path__ = ["/".join([root, *parts[1:depth]])]
            sys.modules[package] = stub
        return importlib.import_module(full)
    except Exception:  # noqa: BLE001 (anything unexpected: fall back to the plain import)
        return None
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
