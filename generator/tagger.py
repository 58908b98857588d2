"""Automatic tags: configured keyword rules plus TF-IDF keywords (nouns only) on the cleaned text.

Segmentation and part-of-speech tags come from jieba-rs (PyPI ``rjieba``), the maintained Rust port
of jieba: the same dictionary and the same tags as jieba 0.42.1's ``posseg`` (DeepSeek-R1 stays one
token), about 1 ms per article instead of 60 ms, and 0.15 s to start instead of 2-5 s and 250 MB.
The IDF weights are jieba's own ``analyse/idf.txt`` (jieba stays installed, pinned, as that table's
source; it is never imported): 270,000 words that would cost 1 s and 150 MB to load as a dict per
process, so they are copied once into a read-only SQLite file in the user's cache
(``$XDG_CACHE_HOME/newsroom``, else the site's cache dir), and each article looks up only its own words.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any

from .model import Article
from .taxonomy import hugo_term_path
from .terms import TagConfig, TaxonomyConfig, normalize_term, normalize_terms, site_keys

#: jieba POS flags kept: common, person, place, organisation and other proper nouns, verbal nouns, Latin words.
ALLOW_POS: tuple[str, ...] = ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "eng")
USER_DICT = "jieba_userdict.txt"
IDF_PREFIX = "idf-"

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MD_MARKS = re.compile(r"(^|\n)\s{0,3}(#{1,6}|>|[*+-]|\d+[.)])\s+|[*_`~|]+|^[=\-]{3,}$", re.MULTILINE)
#: Latin names worth a tag: CamelCase or a capitalised word of 4+ letters, optionally versioned (``GPT-4.5``).
_LATIN_NAME = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]{3,}|[A-Za-z]+[A-Za-z0-9]*-[A-Za-z0-9.\-]+)$")
_HAS_LATIN = re.compile(r"[A-Za-z]")
#: SQLite's default limit on ``?`` parameters is 32,766 (999 before 3.32): stay far below.
_LOOKUP_CHUNK = 500


def _jieba_idf_file() -> Path:
    """jieba's IDF table, found without importing jieba (``jieba.analyse`` loads it into a dict on import)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed: it provides the IDF table (pip install jieba==0.42.1)")
    return Path(next(iter(spec.submodule_search_locations))) / "analyse" / "idf.txt"


class IdfTable:
    """jieba's IDF weights in a SQLite file built once from ``idf.txt``; usable across ``fork``."""

    def __init__(self, cache_dir: Path) -> None:
        source = _jieba_idf_file()
        info = source.stat()
        tag = hashlib.blake2b(f"{info.st_size}:{info.st_mtime_ns}".encode(), digest_size=6).hexdigest()
        self.path = cache_dir / f"{IDF_PREFIX}{tag}.sqlite"
        if not self.path.is_file():
            self._build(source)
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._memo: dict[str, float | None] = {}
        row = self._db().execute("SELECT v FROM meta WHERE k = 'median'").fetchone()
        self.median: float = float(row[0])

    def _build(self, source: Path) -> None:
        """Write the table to a temp file and rename it into place (another process may be doing the same)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        weights: dict[str, float] = {}
        for line in source.read_text(encoding="utf-8").splitlines():
            word, _, value = line.rpartition(" ")
            if word:
                weights[word] = float(value)
        values = sorted(weights.values())
        median = values[len(values) // 2] if values else 0.0
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("CREATE TABLE idf (w TEXT PRIMARY KEY, v REAL) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v REAL)")
            db.executemany("INSERT INTO idf VALUES (?, ?)", weights.items())
            db.execute("INSERT INTO meta VALUES ('median', ?)", (median,))
            db.commit()
        finally:
            db.close()
        tmp.replace(self.path)

    def _db(self) -> sqlite3.Connection:
        # A connection must not cross a fork: a worker process opens its own.
        if self._connection is None or self._pid != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def lookup(self, words: Iterable[str]) -> dict[str, float]:
        """The IDF of each word the table knows (unknown words are left out).

        Words seen before are answered from memory (articles share most of their words); the memo
        holds at most ``MAX_MEMO_TERMS`` words, unknown ones included.
        """
        memo = self._memo
        found: dict[str, float] = {}
        wanted: list[str] = []
        for word in set(words):
            if word in memo:
                value = memo[word]
                if value is not None:
                    found[word] = value
            else:
                wanted.append(word)
        if not wanted:
            return found
        wanted.sort()
        db = self._db()
        fetched: dict[str, float] = {}
        for i in range(0, len(wanted), _LOOKUP_CHUNK):
            chunk = wanted[i : i + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            fetched.update(db.execute(f"SELECT w, v FROM idf WHERE w IN ({marks})", chunk))  # noqa: S608
        if len(memo) + len(wanted) > MAX_MEMO_TERMS:
            memo.clear()
        for word in wanted:
            memo[word] = fetched.get(word)
        found.update(fetched)
        return found


@dataclass(slots=True)
class _Segmenter:
    """The segmenter and IDF table of this process, built on first use."""

    jieba: Any
    idf: IdfTable
    terms: dict[str, str | None]
    """Word → normalized term, for ``terms_cfg`` (an article repeats words, and a site its vocabulary)."""
    terms_cfg: TagConfig | None = None


_lock = threading.Lock()
_segmenter: _Segmenter | None = None


#: Bound on the word → term memo (about 150 bytes a word).
MAX_MEMO_TERMS = 200_000
#: Keywords come from the title and the opening text: a pasted 20 MB file must not be tagged whole.
MAX_KEYWORD_CHARS = 20_000


def _segmenter_for(cache_dir: Path, extra_words: Sequence[str] = ()) -> _Segmenter:
    """The process-wide segmenter, initialised once (later ``cache_dir`` values are ignored)."""
    global _segmenter
    with _lock:
        if _segmenter is None:
            _segmenter = _build_segmenter(cache_dir, extra_words)
        return _segmenter


def _build_segmenter(cache_dir: Path, extra_words: Sequence[str]) -> _Segmenter:
    import rjieba

    segmenter = rjieba.Jieba()
    dict_text = resources.files("generator").joinpath("data", USER_DICT).read_text(encoding="utf-8")
    for line in dict_text.splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 else None
            segmenter.add_word(parts[0], freq, parts[2] if len(parts) > 2 else "nz")
    for word in extra_words:
        if word.strip() and " " not in word.strip():
            segmenter.add_word(word.strip(), None, "nz")
    return _Segmenter(segmenter, _idf_table(cache_dir), {})


def _idf_table(site_cache: Path) -> IdfTable:
    """The IDF table from the user's cache (built once per machine, not once per site), else the site's."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        return IdfTable(Path(home) / "newsroom")
    except (OSError, sqlite3.Error):
        return IdfTable(site_cache)


def keyword_text(article: Article) -> str:
    """Title and body as plain text: no images, URLs, link targets or Markdown marks."""
    body = _MD_IMAGE.sub(" ", article.body)
    body = _MD_LINK.sub(r"\1", body)
    body = _URL.sub(" ", body)
    body = _MD_MARKS.sub(r"\1", body)
    # The title is the best summary of what the article is about: count it twice.
    return f"{article.title}\n{article.title}\n{body}"


def _latin_ok(term: str, count: int, cfg: TagConfig) -> bool:
    """A Latin term is a name (``DeepSeek``, ``Llama``), a known display form, and not a one-off."""
    if count < 2:
        return False
    return term.casefold() in cfg.display or bool(_LATIN_NAME.match(term))


def candidate_keywords(
    article: Article, cfg: TaxonomyConfig, cache_dir: Path, text: str | None = None
) -> tuple[str, ...]:
    """Up to ``cfg.tags.candidates`` normalized keyword candidates for one article, best first.

    Pure function of the article's title/body and the config (safe to cache per article). ``text`` is
    ``keyword_text(article)`` when the caller has it already.
    """
    tag_cfg = cfg.tags
    seg = _segmenter_for(cache_dir, tag_cfg.words)
    text = (keyword_text(article) if text is None else text)[:MAX_KEYWORD_CHARS]
    # One comprehension over the tagged tokens (most are one character or a disallowed part of speech).
    freq = Counter(
        [w for t, f in seg.jieba.tag(text, True) if f in ALLOW_POS and len(t) >= 2 and len(w := t.strip()) >= 2]
    )
    total = sum(freq.values()) or 1
    idf = seg.idf.lookup([*freq, *(w.lower() for w in freq)])
    scores: dict[str, float] = {}
    counts: Counter[str] = Counter()
    if seg.terms_cfg is not tag_cfg:
        seg.terms, seg.terms_cfg = {}, tag_cfg
    for word, n in freq.items():
        if word in seg.terms:
            term = seg.terms[word]
        else:
            if len(seg.terms) >= MAX_MEMO_TERMS:
                seg.terms.clear()
            term = seg.terms[word] = normalize_term(word, tag_cfg)
        if term is None:
            continue
        weight = idf.get(word, idf.get(word.lower(), seg.idf.median))
        # Synonyms merge: 人工智能 and AI add up to one candidate.
        scores[term] = scores.get(term, 0.0) + n * weight / total
        counts[term] += n
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    out = [t for t in ranked if not _HAS_LATIN.search(t) or _latin_ok(t, counts[t], tag_cfg)]
    return tuple(out[: tag_cfg.candidates])


def rule_tags(article: Article, cfg: TaxonomyConfig, text: str | None = None) -> tuple[str, ...]:
    """Tags of the configured keyword rules the article matches, in config order (``text`` as above)."""
    tag_cfg = cfg.tags
    if not tag_cfg.rules:
        return ()
    title = article.title.casefold()
    body = (keyword_text(article) if text is None else text).casefold()
    hits: list[str] = []
    for tag, words in tag_cfg.rules:
        in_title = any(w.casefold() in title for w in words)
        mentions = sum(body.count(w.casefold()) for w in words)
        if in_title or mentions >= tag_cfg.rule_min_count + 2 * in_title:
            hits.append(tag)
    return normalize_terms(hits, tag_cfg)


Pages = list[tuple[str, str]]
"""(normalized term, Hugo page key) pairs, the first spelling of each page only."""


@dataclass(frozen=True, slots=True)
class TagInputs:
    """One article's tag inputs, normalized: its own tags, rule tags and keyword candidates."""

    own: Pages
    rules: Pages
    cands: Pages

    def terms(self) -> set[tuple[str, str]]:
        """Every (term, key) it offers; each counts once towards a key's document frequency."""
        return {*self.own, *self.rules, *self.cands}


class TagChooser:
    """The parts of ``choose_tags`` that a site-wide run and a one-file run share.

    A keyword becomes a tag only if at least ``min_df`` articles have it as a candidate, source or
    rule tag (capped at the number of articles, so a one-article site still gets tags); rule and
    keyword tags together are at most ``max_auto``. Source tags are always kept, except a bare site
    key such as ``qq``: the category already names the publisher, and a tag page listing every
    article of one site is not something a reader browses by topic. Terms are identified by the URL
    Hugo gives them: ``Gemini``/``gemini`` and ``Q&A``/``QA`` are one page, titled by the spelling
    the site uses most (ties: alphabetical), so titles never flip.
    """

    def __init__(self, cfg: TaxonomyConfig) -> None:
        self.cfg = cfg
        self.sites = site_keys(cfg) if cfg.tags.drop_site_tags else frozenset()
        # A site repeats the same few thousand terms: normalize each spelling and find its page once.
        self.memo: dict[str, str | None] = {}
        self.key_of: dict[str, str] = {}

    def min_df(self, articles: int) -> int:
        """The document frequency a keyword needs on a site of ``articles`` articles."""
        return max(1, min(self.cfg.tags.min_df, articles))

    def pages(self, terms: Iterable[str]) -> Pages:
        """(term, Hugo page key) of the normalized terms, the first spelling of each page only."""
        memo, key_of, tag_cfg = self.memo, self.key_of, self.cfg.tags
        out: Pages = []
        seen: set[str] = set()
        for raw in terms:
            term = memo[raw] if raw in memo else memo.setdefault(raw, normalize_term(raw, tag_cfg))
            if term is None:
                continue
            key = key_of.get(term)
            if key is None:
                key = key_of[term] = hugo_term_path(term)
            if key not in seen:
                seen.add(key)
                out.append((term, key))
        return out

    def inputs(self, candidates: Iterable[str], source_tags: Iterable[str], rule_tags: Iterable[str]) -> TagInputs:
        """One article's normalized inputs."""
        own = [p for p in self.pages(source_tags) if p[0].casefold() not in self.sites]
        return TagInputs(own, self.pages(rule_tags), self.pages(candidates))

    def tags(self, inp: TagInputs, df: Mapping[str, int], display: Mapping[str, str], min_df: int) -> tuple[str, ...]:
        """One article's final tags, given the site's document frequencies and display spellings."""
        tag_cfg = self.cfg.tags
        chosen = list(inp.own)
        if tag_cfg.enabled:
            taken_keys = {k for _, k in chosen}
            taken = 0
            for term, key in (*inp.rules, *(c for c in inp.cands if df.get(c[1], 0) >= min_df)):
                if taken >= tag_cfg.max_auto:
                    break
                if key not in taken_keys:
                    taken_keys.add(key)
                    chosen.append((term, key))
                    taken += 1
        return normalize_terms((display.get(k, t) for t, k in chosen), tag_cfg, self.memo)


def counts_by_key(
    spelling_counts: Iterable[tuple[str, int]], key_of: Mapping[str, str]
) -> tuple[Counter[str], dict[str, str]]:
    """Fold per-spelling counts into per-key document frequency and the most used spelling (ties: alphabetical)."""
    df: Counter[str] = Counter()
    spellings: dict[str, dict[str, int]] = {}
    for term, n in spelling_counts:
        key = key_of[term]
        df[key] += n
        spellings.setdefault(key, {})[term] = n
    display = {key: min(c, key=lambda s: (-c[s], s)) for key, c in spellings.items()}
    return df, display


def choose_tags(
    candidates: Mapping[str, tuple[str, ...]],
    source_tags: Mapping[str, tuple[str, ...]],
    rule_tags: Mapping[str, tuple[str, ...]],
    cfg: TaxonomyConfig,
    chooser: TagChooser | None = None,
    inputs_out: dict[str, TagInputs] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Final tags per source over the whole site (see ``TagChooser``).

    ``inputs_out``, when given, receives each source's normalized inputs (what the state index keeps
    so a later run can count document frequencies without every article).
    """
    chooser = chooser or TagChooser(cfg)
    sources = sorted(set(candidates) | set(source_tags) | set(rule_tags))
    inputs = {
        src: chooser.inputs(candidates.get(src, ()), source_tags.get(src, ()), rule_tags.get(src, ()))
        for src in sources
    }
    if inputs_out is not None:
        inputs_out.update(inputs)
    uses = Counter(chain.from_iterable({t for t, _ in inp.terms()} for inp in inputs.values()))
    df, display = counts_by_key(uses.items(), chooser.key_of)
    min_df = chooser.min_df(len(sources))
    return {src: chooser.tags(inputs[src], df, display, min_df) for src in sources}
