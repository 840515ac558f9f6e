"""Exceptions newslab raises, with messages a non-programmer can act on.

Every message names the file (or setting) at fault and says what to do about it.

>>> from newslab.errors import InputError
>>> str(InputError("notes.txt", "the file is empty"))
'notes.txt: the file is empty'
"""

from __future__ import annotations


class NewslabError(Exception):
    """Base class for every error newslab raises on purpose."""


class InputError(NewslabError):
    """One input (a file, or one record in it) could not be read as an article.

    ``path`` and ``line`` say where; ``reason`` says what was wrong in plain words.
    The batch goes on: the loader records the error in the ``errors`` table.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
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
