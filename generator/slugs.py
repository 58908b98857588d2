"""The one slug function for article bundles.

A slug is readable pinyin of the title (ASCII words kept) plus a short hash of the article's identity
(its original URL, else its inbox file name). Why both: pinyin alone collides (同音 titles, the same
headline from two publishers) and would need ``-1``/``-2`` suffixes that depend on arrival order; a
hash alone is unreadable. The hash makes collisions practically impossible and independent of order.
Stability: once a page exists, the pipeline reuses the slug recorded in it, so a later title edit
never changes a published URL.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Longest readable part, in characters; cut at a word boundary.
MAX_WORDS_LENGTH = 60
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def identity_hash(key: str, length: int = 6) -> str:
    """Short, stable hex digest of an article identity."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()[:length]


def words_of(title: str) -> list[str]:
    """Lower-case ASCII words for a title: pinyin syllables for Han characters, Latin words kept."""
    from pypinyin import lazy_pinyin  # ~0.2 s to import: only runs that make a new slug need it

    text = unicodedata.normalize("NFKC", title)
    words: list[str] = []
    for chunk in lazy_pinyin(text, errors="default"):
        if _HAN.search(chunk):  # a character pypinyin does not know
            continue
        ascii_chunk = unicodedata.normalize("NFKD", chunk).encode("ascii", "ignore").decode().lower()
        words.extend(w for w in _NON_WORD.split(ascii_chunk) if w)
    return words


def bundle_slug(title: str, identity: str) -> str:
    """``bai-du-bian-diao-wen-xin-a1b2c3``: readable words (≤ 60 chars) + ``-`` + 6-hex identity hash."""
    readable = ""
    for word in words_of(title):
        candidate = f"{readable}-{word}" if readable else word
        if len(candidate) > MAX_WORDS_LENGTH:
            break
        readable = candidate
    if not readable:
        readable = "article"
    return f"{readable}-{identity_hash(identity)}"


_SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_safe_slug(slug: str) -> bool:
    """True for slugs we would have made ourselves: lower-case ASCII words joined by ``-``, ≤ 100 chars."""
    return len(slug) <= 100 and bool(_SAFE_SLUG.match(slug))
