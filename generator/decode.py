"""Bytes to text: BOMs, UTF-8, UTF-16/32, GB18030/GBK and Big5, with line endings made ``\\n``.

Order of evidence: a BOM is certain; then valid UTF-8 (multi-byte UTF-8 that is not UTF-8 is very rare,
so it beats a ``<meta charset>`` that says otherwise: saved pages often declare ``gb2312`` over UTF-8 bytes);
then the declared charset when the bytes decode under it; then detection. Text is never decoded with
replacement characters: bytes that fit no encoding are a ``ReadError``.
"""

from __future__ import annotations

import codecs
import re

from .errors import ReadError

#: Magic numbers of binary files editors drop by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or a Word/Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"\x7fELF", "program"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
#: Declared names mapped to the codec that decodes every text written under them (supersets).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs"}


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def declared_charset(data: bytes) -> str:
    """The charset an HTML page declares in ``<meta charset>`` or ``http-equiv`` (lower case), or ``""``."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else ""


def _binary_kind(data: bytes) -> str:
    for magic, kind in _MAGIC:
        if data.startswith(magic) and (magic != b"BM" or b"\x00" in data[:64]):
            return kind
    if data[:12].startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    return ""


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII-heavy UTF-16 saved without a BOM)."""
    sample = data[:4000]
    if len(sample) < 16:
        return ""
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return ""


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes) -> str:
    """Decode a source file's bytes to text with ``\\n`` line endings; ReadError if it is binary or undecodable."""
    if not data:
        return ""
    kind = _binary_kind(data)
    if kind:
        raise ReadError("", f"looks like a binary file ({kind}), not text", "remove it from the inbox or convert it")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                raise ReadError(
                    "", f"starts with a {codec} byte-order mark but is not valid {codec}", "re-save as UTF-8"
                )
            return _normalize_newlines(text)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        text = _strict(data, codec) if codec else None
        if text is None:
            raise ReadError("", "looks like a binary file (it contains NUL bytes)", "remove it or re-save it as UTF-8")
        return _normalize_newlines(text)
    text = _strict(data, "utf-8")
    if text is not None:
        return _normalize_newlines(text)
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        text = _strict(data, _SUPERSETS.get(declared, declared))
        if text is not None:
            return _normalize_newlines(text)
    text = _detect(data)
    if text is None:
        raise ReadError(
            "",
            "the bytes are not valid UTF-8, GB18030/GBK or Big5 (decoding would produce garbled text)",
            "re-save the file as UTF-8",
        )
    return _normalize_newlines(text)


def _detect(data: bytes) -> str | None:
    """Detection among the encodings Chinese pages use, with charset-normalizer deciding between candidates."""
    candidates = {codec: text for codec in ("gb18030", "big5hkscs") if (text := _strict(data, codec)) is not None}
    if not candidates:
        return None
    if len(candidates) == 1:
        return next(iter(candidates.values()))
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "gbk", "gb2312"]).best()
    if best is not None:
        name = str(best.encoding).replace("_", "").lower()
        if "big5" in name:
            return candidates["big5hkscs"]
        return candidates["gb18030"]
    return candidates["gb18030"]
