"""Turn the bytes of an input file into text, or refuse with a plain reason: never guess silently wrong.

Order of decisions (``decode``):

1. a byte-order mark (UTF-8, UTF-16 or UTF-32) decides, and the mark is not part of the text;
2. UTF-16 without a mark is recognised from its zero bytes;
3. known binary formats (PNG, JPEG, PDF, ZIP/Office, ...) and files with NUL bytes are refused;
4. valid UTF-8 is UTF-8 (plain ASCII included);
5. a file that is mostly UTF-8 with a few stray bytes is refused (decoding it any way would mangle it);
6. otherwise the file is in a legacy 8-bit (or East Asian) encoding: each candidate decoding is scored for
   implausible text (letters of two alphabets in one word, symbols inside words, words made of accented
   letters only) and the most plausible wins; ties go to Windows-1252, the usual encoding of Western text.
   ``charset_normalizer`` proposes the East Asian candidates. When no decoding is plausible the file is refused.

>>> decode("café".encode("latin-1"), "notes.txt")
('café', 'cp1252')
>>> decode(b"\\xef\\xbb\\xbfHello", "bom.txt")
('Hello', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from newslab.errors import InputError

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "it starts like a PNG image"),
    (b"\xff\xd8\xff", "it starts like a JPEG image"),
    (b"GIF87a", "it starts like a GIF image"),
    (b"GIF89a", "it starts like a GIF image"),
    (b"%PDF-", "it starts like a PDF document; export the article as text or HTML"),
    (b"PK\x03\x04", "it starts like a ZIP archive or a Word/OpenDocument file; save the article as text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "it starts like an old Microsoft Office document; save it as text"),
    (b"\x1f\x8b", "it starts like a gzip archive; unpack it first"),
    (b"SQLite format 3\x00", "it starts like an SQLite database"),
    (b"\x7fELF", "it starts like a program"),
    (b"OggS", "it starts like an audio file"),
    (b"ID3", "it starts like an MP3 file"),
)

# Legacy single-byte encodings tried, in order of preference when two decodings are equally plausible.
LEGACY = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "latin_1")
MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_kr", "cp949",
             "iso2022_jp", "iso2022_kr"}
ALPHABETS = {"LATIN", "CYRILLIC", "GREEK"}

_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_NONASCII_TOKEN = re.compile(r"\S*[^\x00-\x7f]\S*")
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
SAMPLE = 1 << 16  # bytes inspected by the binary and UTF-16 checks


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, enc in BOMS:
        if data.startswith(mark):
            return enc, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``data`` looks like mostly-ASCII UTF-16 text without a mark."""
    sample = data[:SAMPLE - SAMPLE % 2] if len(data) >= 2 else b""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_zero = sample[0::2].count(0) / pairs
    odd_zero = sample[1::2].count(0) / pairs
    if odd_zero > 0.4 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.4 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (a known file signature, NUL bytes, control characters), else None."""
    for magic, reason in MAGIC:
        if data.startswith(magic):
            return reason
    sample = data[:SAMPLE]
    if b"\x00" in sample:
        return "it contains NUL bytes"
    if sample and len(sample.translate(None, _CONTROL)) < 0.9 * len(sample):
        return "it is full of control characters"
    return None


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def suspicion(text: str, limit: int = 2000) -> int:
    """How implausible a decoding looks: count of odd characters/words among its non-ASCII tokens.

    >>> suspicion("Zażółć gęślą"), suspicion("Za¿ó³æ gêœl¹")
    (0, 2)
    """
    bad = 0
    for n, m in enumerate(_NONASCII_TOKEN.finditer(text)):
        if n >= limit:
            break
        tok = m.group()
        has_ascii_letter = any("a" <= c.lower() <= "z" for c in tok)
        letters = 0
        latin_accented = 0
        for i, c in enumerate(tok):
            if c.isalpha():
                letters += 1
                if ord(c) > 127:
                    script = _script(c)
                    if script == "LATIN":
                        latin_accented += 1
                    elif has_ascii_letter:
                        bad += 1  # Latin and another alphabet in one word: "cafй"
            elif ord(c) > 127:
                cat = unicodedata.category(c)
                if cat[0] == "C":
                    bad += 1  # control, private-use or unassigned character
                elif cat in ("So", "Sk", "Sm", "No", "Po") and 0 < i < len(tok) - 1 \
                        and _script(tok[i - 1]) in ALPHABETS and _script(tok[i + 1]) in ALPHABETS:
                    bad += 1  # a symbol inside a word: "Za¿ó³æ"
        if latin_accented >= 3 and latin_accented * 4 > letters * 3:
            bad += latin_accented  # a word made mostly of accented letters: "Ïðèâåò"
        for a, b in zip(tok, tok[1:]):
            if a.islower() and b.isupper() and (ord(a) > 127 or ord(b) > 127):
                bad += 1  # case flips inside a word: "дЮлщуе"
    return bad


def _legacy(data: bytes, path) -> tuple[str, str]:
    candidates: list[tuple[int, int, str, str]] = []
    for rank, enc in enumerate(LEGACY):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((suspicion(text), rank, enc, text))
    if not candidates or min(candidates)[0] > 0:
        from charset_normalizer import from_bytes

        best = from_bytes(data[: 1 << 20]).best()
        if best is not None and best.encoding in MULTIBYTE:
            try:
                text = data.decode(best.encoding)
                candidates.append((suspicion(text), len(LEGACY), best.encoding, text))
            except (UnicodeDecodeError, LookupError):
                pass
    if candidates:
        score, _, enc, text = min(candidates)
        tokens = sum(1 for _ in zip(range(2000), _NONASCII_TOKEN.finditer(text)))
        if score <= max(1, tokens // 50):
            return text, enc
    raise InputError(path, "is not UTF-8 and its text encoding could not be recognised; open it in a text "
                           "editor and save it as UTF-8")


def decode(data: bytes, path="<bytes>") -> tuple[str, str]:
    """Decode a whole file's bytes; return ``(text, encoding)`` or raise :class:`InputError` naming ``path``.

    The text is returned as decoded (no newline conversion); a byte-order mark is dropped.
    """
    bom = _bom(data)
    if bom is not None:
        enc, skip = bom
        try:
            return data[skip:].decode(enc), ("utf-8-sig" if enc == "utf-8" else enc)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()} "
                                   f"(bad bytes at position {exc.start}); re-save it as UTF-8") from None
    enc16 = utf16_without_bom(data)
    if enc16 is not None:
        try:
            text = data.decode(enc16)
            if "\x00" not in text:
                return text, enc16
        except UnicodeDecodeError:
            pass
    reason = binary_reason(data)
    if reason:
        raise InputError(path, f"looks like a binary file, not text ({reason})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    good = sum(len(m.group()) for m in _UTF8_SEQ.finditer(data))
    stray = len(_HIGH.findall(data)) - good
    if good and good // 2 >= stray:
        line = data.count(b"\n", 0, first_bad) + 1
        raise InputError(path, f"is mostly UTF-8 but has bytes on line {line} that are not (the file mixes text "
                               "encodings); open it in a text editor and save it as UTF-8")
    return _legacy(data, path)


def sniff(sample: bytes, path="<bytes>") -> tuple[str, int]:
    """The encoding of a file from its first bytes, for reading it line by line: ``(codec, bom_length)``.

    Raises :class:`InputError` for binary data. A sample that is valid UTF-8 (up to a character cut at the
    end) gives ``"utf-8"``; otherwise the rules of :func:`decode` apply to the sample.
    """
    bom = _bom(sample)
    if bom is not None:
        return bom
    enc16 = utf16_without_bom(sample)
    if enc16 is not None:
        return enc16, 0
    reason = binary_reason(sample)
    if reason:
        raise InputError(path, f"looks like a binary file, not text ({reason})")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8", 0
    except UnicodeDecodeError:
        pass
    cut = sample.rfind(b"\n")
    _, enc = decode(sample[: cut + 1] if cut > 0 else sample, path)
    return enc, 0
