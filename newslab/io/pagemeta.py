"""Tidy what a web page says about itself: a usable outlet name, and the title without the site's name.

Pages announce their site name (``og:site_name``) in many ways: a clean name ("The Guardian"), a slogan
("LinkNaija | Nigeria's popular news platform"), a URL, a copyright line ("Copyright 2014") or the
sub-domain the page was served from ("Hosted" for ``hosted.ap.org``). :func:`site_name` keeps a name, cuts a
slogan to its first part and rejects the rest, so the outlet falls back to the URL's host. Titles often end
(or start) with the site's name ("Best gadgets | ZDNet"); :func:`strip_site` removes it.

>>> site_name("LinkNaija | Nigeria's popular news platform", "https://www.linknaija.com/a")
'LinkNaija'
>>> site_name("Hosted", "https://hosted.ap.org/berkshireeagle/article/1") is None   # see not_site_names.txt
True
>>> strip_site("Best tech gadgets of 2019 | ZDNet", ["ZDNet"], "https://www.zdnet.com/article/x")
'Best tech gadgets of 2019'
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from newslab.core.lexicon import read_lines

_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»|/)\s+|:\s+")
_JUNK = re.compile(r"copyright|©|all rights reserved|^https?://|^www\.|\.(?:com|org|net)/", re.I)
NAME_MAX = 40  # characters: a longer site name is a slogan, not a name


def url_host(url: str | None) -> str | None:
    """``"https://www.example.org/a"`` -> ``"example.org"``; None when there is no host.

    >>> url_host("https://www.example.org/a")
    'example.org'
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def site_name(sitename: str | None, url: str | None = None) -> str | None:
    """The page's site name when it is a usable outlet name, else None (the caller falls back to the host)."""
    if not sitename:
        return None
    name = sitename.strip().strip("_").strip()
    if not name or _JUNK.search(name):
        return None
    parts = _SEPARATORS.split(name)
    if len(parts) > 1:
        name = parts[0].strip()
    if not name or len(name) > NAME_MAX or not re.search(r"[^\W\d_]", name):
        return None
    if name.casefold() in _not_names():
        return None
    return name


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in read_lines("not_site_names.txt"))


def _site_keys(names: list[str], host: str | None) -> set[str]:
    keys = {_squash(n) for n in names if n}
    if host:
        labels = host.split(".")
        keys.update(_squash(lbl) for lbl in labels[:-1] if len(lbl) > 3)
        keys.add(_squash(host))
    return keys - {""}


def strip_site(title: str | None, names: list[str | None], url: str | None = None) -> str | None:
    """``title`` without a leading or trailing site name (``"X | Site"``, ``"Site: X"``, ``"X - Site"``).

    The site is recognised by the page's site name(s) or the URL's host, compared whole (letters and digits
    only, any case); a title that is only the site's name is kept as it is.
    """
    if not title:
        return title
    keys = _site_keys([n for n in names if n], url_host(url))
    seps = list(_SEPARATORS.finditer(title))
    for sep in reversed(seps):  # "X - Remember 80/90 - Memorabilia": the whole tail is the site's name
        if _squash(title[sep.end():]) in keys and title[: sep.start()].strip():
            return strip_site(title[: sep.start()].rstrip(), names, url)
    for sep in seps:  # "LinkNaija | Nigeria's popular news platform: X"
        if _squash(title[: sep.start()]) in keys and title[sep.end():].strip():
            return title[sep.end():].lstrip()
    return title
