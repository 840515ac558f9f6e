"""Exceptions newslab raises, with messages a non-programmer can act on.

Every message names the file (or setting) at fault and says what to do about it.

>>> from newslab.errors import InputError
>>> str(InputError("notes.txt", "the file is empty"))
'notes.txt: the file is empty'
"""

from __future__ import annotations

import os


def printable(path) -> str:
    """A path as text that can be written anywhere: bytes of a file name that are not UTF-8 become ``\\xNN``.

    >>> printable(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    text = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class NewslabError(Exception):
    """Base class for every error newslab raises on purpose."""


class InputError(NewslabError):
    """One input (a file, or one record in it) could not be read as an article.

    ``path`` and ``line`` say where; ``reason`` says what was wrong in plain words.
    The batch goes on: the loader records the error in the ``errors`` table.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = printable(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class NoArticlesError(NewslabError):
    """None of the inputs gave a readable article."""


class LexiconError(NewslabError):
    """A lexicon or user-supplied table (reporting verbs, source types, ...) is malformed."""


class SettingsError(NewslabError):
    """An argument or option has a value newslab cannot use."""


class OutputError(NewslabError):
    """The output folder cannot be written (read-only, full, or held by another run)."""


class IncompleteOutputWarning(UserWarning):
    """An output folder holds the tables of an ``extract`` run that has not finished."""
