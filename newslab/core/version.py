"""The installed newslab version (``0.0.0`` when running from a source tree that was never installed)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newslab")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
