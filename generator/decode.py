"""Bytes to text: BOMs, UTF-8, UTF-16/32, GB18030/GBK and Big5, with line endings made ``\\n``.

Order of evidence: a BOM is certain; then valid UTF-8 (multi-byte UTF-8 that is not UTF-8 is very rare,
so it beats a ``<meta charset>`` that says otherwise: saved pages often declare ``gb2312`` over UTF-8 bytes);
then the declared charset when the bytes decode under it; then detection. Text is never decoded with
replacement characters: bytes that fit no encoding are a ``ReadError``, and so is a file mostly in one encoding
with a stretch in another (pasted text), with the line and byte where it stops being that encoding.
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
        hint = "remove it from the inbox or convert it"
        if kind.endswith(" image"):
            hint = (
                "an image is published by the article that links it: put it in a sub-folder (images/) and link it "
                "from the article (![](images/photo.jpg)), or remove it from the inbox"
            )
        raise ReadError("", f"looks like a binary file ({kind}), not text", hint)
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
    # GB18030 takes most byte pairs, UTF-8 lines too: decoding the whole file is no proof it is one encoding,
    # so a Chinese encoding is only accepted when no line in it is clearly something else.
    legacy = _SUPERSETS.get(declared, "")
    if declared and declared not in ("utf-8", "utf8"):
        text = _strict(data, legacy or declared)
        if text is not None:
            if legacy:
                _refuse_mixed(data, legacy, declared=legacy)
            return _normalize_newlines(text)
    detected = _detect_codec(data)
    _refuse_mixed(data, detected or legacy, declared=legacy)
    text = _strict(data, detected) if detected else None
    if text is None:
        raise ReadError(
            "",
            "the bytes are not valid UTF-8, GB18030/GBK or Big5 (decoding would produce garbled text)",
            "re-save the file as UTF-8",
        )
    return _normalize_newlines(text)


#: What each codec is called in messages.
_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK", "big5hkscs": "Big5"}
_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)?")
#: Two characters of three or more UTF-8 bytes (CJK): GBK or Big5 text is practically never like that.
_UTF8_CJK = re.compile(r"[\u0800-\U0010ffff].*[\u0800-\U0010ffff]", re.DOTALL)
#: Lines looked into for a stretch in another encoding inside them (the search is quadratic in the line).
_SPLIT_SEARCH_LINES = 20
_SPLIT_SEARCH_BYTES = 1024
#: The declared legacy charset is the file's main one when this share of the best vote is valid in it (a GBK
#: page mislabelled Big5 stops being valid Big5 within a few characters of every line: far below).
DECLARED_SHARE = 0.9


def _decode_error(data: bytes, codec: str) -> int | None:
    """Index of the first byte of ``data`` that is not valid ``codec``, or None if it all is."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return error.start
    return None


def _clear_utf8(line: bytes) -> bool:
    """Valid UTF-8 with at least two multi-byte characters of three bytes: certainly UTF-8."""
    text = _strict(line, "utf-8")
    return text is not None and _UTF8_CJK.search(text) is not None


def _looks_like(line: bytes, bad: int, main: str, search_inside: bool) -> str:
    """The other encoding the part of ``line`` from ``bad`` on is in (``""`` if none fits)."""
    others = [codec for codec in _NAMES if codec != main]
    for codec in others:
        if _strict(line, codec) is not None or _strict(line[bad:], codec) is not None:
            return codec
    if search_inside and len(line) <= _SPLIT_SEARCH_BYTES:
        # A stretch pasted inside the line: another encoding from ``bad`` up to a point, then ``main`` again.
        for end in range(bad + 2, len(line)):
            if _strict(line[end:], main) is not None:
                for codec in others:
                    if _strict(line[bad:end], codec) is not None:
                        return codec
    return ""


def _mixed_encodings(data: bytes, preferred: str, declared: str = "") -> ReadError | None:
    """A specific error for a file mostly in one encoding with a stretch in another; None if it is not that.

    Every line with non-ASCII bytes votes, by its length, for the encodings it is valid in (valid UTF-8 only
    for UTF-8, as other text is almost never valid UTF-8; a line valid in none votes with its part before the
    first bad byte). The encoding with most votes is the file's, or the one the page declares when it has
    nearly as many (GB18030 takes almost any byte pair, so it outvotes a Big5 page with a pasted stretch
    in it; the declaration says which one the page is written in). The error names the first line that is not
    valid in it (or, as GB18030 accepts most byte pairs, that is clearly UTF-8) and the byte where it starts.
    """
    lines: list[tuple[int, int, bytes]] = []  # (1-based line number, offset of the line, its bytes)
    for number, match in enumerate(_LINE.finditer(data), 1):
        if match.start() == len(data):
            break
        if not match.group().isascii():
            lines.append((number, match.start(), match.group()))
    votes = dict.fromkeys(_NAMES, 0)
    for _, _, line in lines:
        if _strict(line, "utf-8") is not None:
            votes["utf-8"] += len(line)
            continue
        for codec in _NAMES:
            bad = _decode_error(line, codec)
            votes[codec] += len(line) if bad is None else bad
    if votes["gb18030"] == votes["big5hkscs"] == max(votes.values()):  # Chinese text valid in both: which?
        legacy = b"\n".join(line for _, _, line in lines if _strict(line, "utf-8") is None)
        votes[preferred if preferred in votes else (_detect_codec(legacy) or "gb18030")] += 1
    main = max(votes, key=lambda codec: votes[codec])  # ties: UTF-8, then GB18030
    if declared in votes and votes[declared] >= DECLARED_SHARE * votes[main] > 0:
        main = declared
    if not votes[main]:
        return None
    offending: list[tuple[int, int, str]] = []  # (line number, offset in the file, the encoding it looks like)
    for number, offset, line in lines:
        bad = _decode_error(line, main)
        if bad is not None:
            search_inside = len(offending) < _SPLIT_SEARCH_LINES
            offending.append((number, offset + bad, _looks_like(line, bad, main, search_inside)))
        elif main != "utf-8" and _clear_utf8(line):
            first = next(i for i, byte in enumerate(line) if byte >= 0x80)
            offending.append((number, offset + first, "utf-8"))
    other = next((codec for _, _, codec in offending if codec), "")
    if not other:
        return None
    number, where, _ = offending[0]
    name, count = _NAMES[main], len(offending)
    return ReadError(
        f"line {number}",
        f"the file mixes encodings: most of it is {name}, but at line {number} (byte offset {where} of the "
        f"file) the bytes stop being {name}; that part looks like {_NAMES[other]} "
        f"({count} line{'s' if count > 1 else ''} in all {'are' if count > 1 else 'is'} not {name}). "
        "It is not decoded: that would put garbled text on the site",
        f"open the file in an editor that shows the encoding, fix the text from line {number} on, and re-save "
        "the whole file as UTF-8",
    )


def _refuse_mixed(data: bytes, preferred: str, declared: str = "") -> None:
    """Raise the mixed-encodings error if ``data`` is that (``preferred``: the codec that wins a GBK/Big5 tie;
    ``declared``: the page's own charset, which wins when nearly as many bytes are valid in it)."""
    mixed = _mixed_encodings(data, preferred, declared)
    if mixed is not None:
        raise mixed


def _detect_codec(data: bytes) -> str | None:
    """Detection among the encodings Chinese pages use: ``gb18030`` or ``big5hkscs``, whichever decodes
    ``data``, with charset-normalizer deciding if both do; None if neither does."""
    candidates = [codec for codec in ("gb18030", "big5hkscs") if _strict(data, codec) is not None]
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "gbk", "gb2312"]).best()
    if best is not None and "big5" in str(best.encoding).replace("_", "").lower():
        return "big5hkscs"
    return "gb18030"
