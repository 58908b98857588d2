"""Duplicate stories: the same article from two publishers, or the same URL submitted twice.

Texts are compared as sets of character shingles (Chinese has no spaces to split words on, and
character n-grams survive small edits and re-punctuation). MinHash signatures (rensa, Rust: 1 ms
to import, where datasketch pulled in scipy for 0.7 s) and LSH banding over a numpy matrix of all
signatures find candidate pairs without comparing every pair, and the exact Jaccard similarity of the
shingle sets confirms each one, so the result does not depend on hashing luck.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .model import Article
from .report import Report
from .terms import DuplicatePolicy

SHINGLE = 4
"""Characters per shingle: long enough that shared common phrases do not make two stories alike."""
NUM_PERM = 128
"""MinHash permutations; fixed seed, so the same texts always hash the same."""
MIN_SHINGLES = 20
SHINGLE_SETS_HELD = 512
"""Shingle sets kept in memory while confirming candidate pairs (each ~100-300 KB)."""
"""Texts shorter than this (a headline only) are never called duplicates by content."""

if TYPE_CHECKING:  # numpy is imported when signatures are made or compared, not by a no-op run
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.uint32]
    """Signatures, one row of ``NUM_PERM`` 32-bit values per article."""


def scheme() -> str:
    """The signature scheme; stored with each signature, so a new rensa algorithm is never compared to an old one."""
    import rensa

    return f"rensa{rensa.RMinHash.ALGORITHM_VERSION}:"


_PACKING = struct.Struct(f"<{NUM_PERM}I")


def signature(text: str) -> str:
    """The MinHash signature of ``text``'s shingles, packed for the index ("" when too short to compare)."""
    import rensa

    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return ""
    mh = rensa.RMinHash(num_perm=NUM_PERM, seed=1)
    mh.update(list(grams))  # MinHash takes a minimum per permutation: the order does not matter
    return scheme() + base64.b64encode(_PACKING.pack(*mh.digest())).decode("ascii")


def signature_values(packed: str) -> tuple[int, ...]:
    """The ``NUM_PERM`` values of one packed (current, non-empty) signature."""
    return _PACKING.unpack(base64.b64decode(packed[len(scheme()) :]))


def signature_current(packed: str) -> bool:
    """Whether a stored signature was made by the scheme this version computes ("" means: too short)."""
    return packed == "" or packed.startswith(scheme())


def signature_matrix(packed: Sequence[str]) -> Matrix:
    """Stack packed signatures (all current and non-empty) into one ``(len, NUM_PERM)`` matrix."""
    import numpy as np

    prefix = len(scheme())
    raw = b"".join(base64.b64decode(p[prefix:]) for p in packed)
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32).reshape(len(packed), NUM_PERM)


@functools.lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) whose S-curve ``1 - (1 - s**rows) ** bands`` best separates pairs around ``threshold``.

    Minimises false positives below the threshold plus false negatives above it, integrated
    numerically (the method datasketch uses, without its scipy dependency). False positives only cost
    an exact comparison; false negatives lose a duplicate, so ties go to more bands.
    """

    def area(rows: int, bands: int, lo: float, hi: float, above: bool, steps: int = 200) -> float:
        width = (hi - lo) / steps
        total = 0.0
        for i in range(steps):
            miss = (1 - (lo + (i + 0.5) * width) ** rows) ** bands  # P(no band agrees)
            total += miss if above else 1 - miss
        return total * width

    best = (float("inf"), 1, num_perm)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        error = area(rows, bands, 0.0, threshold, above=False) + area(rows, bands, threshold, 1.0, above=True)
        best = min(best, (error, bands, rows), key=lambda t: (t[0], -t[1]))
    return best[1], best[2]


def near_pairs(matrix: Matrix, queries: Iterable[int], threshold: float) -> set[tuple[int, int]]:
    """Pairs ``(query row, other row)`` that share at least one LSH band: the candidates to confirm.

    Each band of ``rows`` values is reduced to one 64-bit key (a collision only adds a candidate);
    ``np.isin`` narrows every band to the rows that share a key with some query before any Python
    loop, so asking about one new article against 50,000 costs milliseconds.
    """
    import numpy as np

    wanted = sorted(set(queries))
    pairs: set[tuple[int, int]] = set()
    if not wanted or len(matrix) < 2:
        return pairs
    bands, rows = lsh_bands(threshold)
    mixer = np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for band in range(bands):
        block = matrix[:, band * rows : (band + 1) * rows].astype(np.uint64)
        keys = (block * mixer).sum(axis=1, dtype=np.uint64) ^ block[:, 0]
        query_keys = keys[wanted]
        hits = np.nonzero(np.isin(keys, query_keys))[0]
        by_key: dict[int, list[int]] = {}
        for row in hits.tolist():
            by_key.setdefault(int(keys[row]), []).append(row)
        for query, key in zip(wanted, query_keys.tolist(), strict=True):
            pairs.update((query, other) for other in by_key.get(int(key), ()) if other != query)
    return pairs


_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def band_keys(packed: str, threshold: float) -> list[tuple[int, int]]:
    """(band, key) of one signature: the same keys ``near_pairs`` computes over a matrix, without numpy, as
    signed 64-bit integers (what SQLite stores). Two signatures sharing one (band, key) are candidates."""
    values = signature_values(packed)
    bands, rows = lsh_bands(threshold)
    mixer = [((i + 1) * _GOLDEN) & _MASK for i in range(rows)]
    out: list[tuple[int, int]] = []
    for band in range(bands):
        block = values[band * rows : (band + 1) * rows]
        key = (sum(v * m for v, m in zip(block, mixer, strict=True)) & _MASK) ^ block[0]
        out.append((band, key - (1 << 64) if key >= 1 << 63 else key))
    return out


def band_keys_many(packed: Sequence[str], threshold: float) -> list[list[tuple[int, int]]]:
    """``band_keys`` of many signatures at once (numpy; for a whole site)."""
    if len(packed) < 64:
        return [band_keys(p, threshold) for p in packed]
    import numpy as np

    matrix = signature_matrix(packed)
    bands, rows = lsh_bands(threshold)
    mixer = np.arange(1, rows + 1, dtype=np.uint64) * np.uint64(_GOLDEN)
    columns = []
    for band in range(bands):
        block = matrix[:, band * rows : (band + 1) * rows].astype(np.uint64)
        columns.append(((block * mixer).sum(axis=1, dtype=np.uint64) ^ block[:, 0]).view(np.int64).tolist())
    return [[(band, columns[band][i]) for band in range(bands)] for i in range(len(packed))]


#: `\w` is `str.isalnum()` plus `_` (checked over all of Unicode): what is left is letters and digits.
_NOT_ALNUM = re.compile(r"[\W_]+")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DedupeDoc:
    """What duplicate detection needs to know about one article."""

    source: str
    """The article's identity (inbox-relative path)."""
    text: str
    """Cleaned body (Markdown is fine: images, links and marks are ignored)."""
    date: datetime | None = None
    """Publication time; the earliest copy of a story is kept."""
    source_url: str = ""
    """Original URL; two submissions of the same URL are always one story."""

    @classmethod
    def from_article(cls, article: Article) -> DedupeDoc:
        """The detection view of an article (title included: syndicated copies often retitle, but rarely all)."""
        return cls(article.source, f"{article.title}\n{article.body}", article.date, article.source_url)


def normalize_text(text: str) -> str:
    """Letters and digits only, NFKC, lowercased: chrome, punctuation and width differences vanish."""
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_ALNUM.sub("", text)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Character ``size``-grams of the normalized text."""
    norm = normalize_text(text)
    if len(norm) < size:
        return {norm} if norm else set()
    return {norm[i : i + size] for i in range(len(norm) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two sets (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def url_key(url: str) -> str:
    """A URL reduced to what identifies the page: host without ``www.``, path without trailing slash."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _keeper_order(doc: DedupeDoc) -> tuple[int, str, str]:
    # Earliest date first; undated copies after dated ones; then source name, so the choice is stable.
    return (doc.date is None, doc.date.isoformat() if doc.date else "", doc.source)


def find_duplicates(docs: Sequence[DedupeDoc], threshold: float) -> list[tuple[str, ...]]:
    """Groups (two or more sources) that are one story; the keeper first, groups sorted by keeper.

    Two docs are one story when their source URLs match, or when the Jaccard similarity of their
    character shingles is at least ``threshold``. Groups are closed transitively.
    """
    by_source = {d.source: d for d in docs}
    parent = {s: s for s in by_source}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    urls: dict[str, str] = {}
    for doc in sorted(by_source.values(), key=lambda d: d.source):
        key = url_key(doc.source_url)
        if key:
            if key in urls:
                union(urls[key], doc.source)
            else:
                urls[key] = doc.source

    # Shingle sets are made per candidate pair, a bounded number at a time: a cold run over 50,000
    # articles has thousands of candidates, and holding every set at once took 600 MB.
    signed = {s: signature(d.text) for s, d in sorted(by_source.items())}
    comparable = [s for s, packed in signed.items() if packed]  # "" = too short to compare
    sets_of = functools.lru_cache(maxsize=SHINGLE_SETS_HELD)(lambda source: shingles(by_source[source].text))
    if comparable:
        matrix = signature_matrix([signed[s] for s in comparable])
        for i, j in sorted(near_pairs(matrix, range(len(comparable)), threshold)):
            a, b = comparable[i], comparable[j]
            if i < j and jaccard(sets_of(a), sets_of(b)) >= threshold:
                union(a, b)

    groups: dict[str, list[DedupeDoc]] = {}
    for source, doc in by_source.items():
        groups.setdefault(find(source), []).append(doc)
    result = [tuple(d.source for d in sorted(g, key=_keeper_order)) for g in groups.values() if len(g) > 1]
    return sorted(result, key=lambda g: (_keeper_order(by_source[g[0]]), g))


def story_keyword(keeper: str) -> str:
    """A keyword shared by every copy of one story under ``keep-all``, so Hugo ranks them related first."""
    return "story-" + hashlib.sha1(keeper.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def apply_policy(
    articles: Sequence[Article], groups: Sequence[tuple[str, ...]], policy: DuplicatePolicy, report: Report
) -> list[Article]:
    """Apply the duplicate policy; the result keeps the input order.

    ``keep-first``: only the keeper of each group is published; the others' (publisher, URL) are
    added to its ``also_published_by`` (their URLs are external, so never ``aliases``, which are
    paths on this site). ``keep-all``: every copy is published, each lists the others and all share
    a ``story-…`` keyword for Hugo's related content. ``report``: nothing changes, each copy is warned.
    A copy whose URL equals the keeper's is a re-submission of the same page, not another publisher.
    """
    by_source = {a.source: a for a in articles}
    replaced: dict[str, Article] = {}
    dropped: set[str] = set()
    for group in groups:
        members = [by_source[s] for s in group if s in by_source]
        if len(members) < 2:
            continue
        keeper, copies = members[0], members[1:]
        for copy in copies:
            same_url = bool(url_key(copy.source_url)) and url_key(copy.source_url) == url_key(keeper.source_url)
            what = "the same URL as" if same_url else "the same story as"
            if policy == "report":
                report.warn(copy.source, "", f"{what} {keeper.source}", "set [newsroom.duplicates] policy to act on it")
            elif policy == "keep-first":
                report.info(copy.source, "", f"not published: {what} {keeper.source}")
        if policy == "keep-first":
            dropped.update(c.source for c in copies)
            replaced[keeper.source] = _with_others(replaced.get(keeper.source, keeper), copies)
        elif policy == "keep-all":
            keyword = story_keyword(keeper.source)
            for member in members:
                others = [m for m in members if m.source != member.source]
                current = _with_others(replaced.get(member.source, member), others)
                if keyword not in current.keywords:
                    current = dataclasses.replace(current, keywords=(*current.keywords, keyword))
                replaced[member.source] = current
    return [replaced.get(a.source, a) for a in articles if a.source not in dropped]


def _with_others(article: Article, others: Sequence[Article]) -> Article:
    """``article`` with the (publisher, url) of ``others`` added to ``also_published_by``, once each."""
    listed = list(article.also_published_by)
    own = url_key(article.source_url)
    for other in others:
        key = url_key(other.source_url)
        if key and key == own:
            continue  # the same page submitted again: not another publisher
        pair = (other.publisher or other.site, other.source_url)
        if pair != ("", "") and pair not in listed:
            listed.append(pair)
    return dataclasses.replace(article, also_published_by=tuple(listed))
