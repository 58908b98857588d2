"""Automatic tags: configured keyword rules plus TF-IDF keywords (jieba, nouns only) on the cleaned text.

jieba 0.42.1 is unmaintained since 2020 but stable, pure Python, and its TF-IDF with a POS filter
gives the tags readers click on Chinese news (百度, 开源, 李彦宏, DeepSeek); it is pinned. It is set
up lazily, once per process, on a private ``Tokenizer`` (the global ``jieba.dt`` stays untouched),
with our user dictionary and its cache file inside the cache dir we are given. ``enable_paddle`` is
never called (it would import paddlepaddle).
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .model import Article
from .taxonomy import hugo_term_path
from .terms import TagConfig, TaxonomyConfig, normalize_term, normalize_terms, site_keys

#: jieba POS flags kept: common, person, place, organisation and other proper nouns, verbal nouns, Latin words.
ALLOW_POS: tuple[str, ...] = ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "vn", "eng")
USER_DICT = "jieba_userdict.txt"
CACHE_NAME = "jieba.cache"

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MD_MARKS = re.compile(r"(^|\n)\s{0,3}(#{1,6}|>|[*+-]|\d+[.)])\s+|[*_`~|]+|^[=\-]{3,}$", re.MULTILINE)
#: Latin names worth a tag: CamelCase or a capitalised word of 4+ letters, optionally versioned (``GPT-4.5``).
_LATIN_NAME = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]{3,}|[A-Za-z]+[A-Za-z0-9]*-[A-Za-z0-9.\-]+)$")
_LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9.\-])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9\-])")
_HAS_LATIN = re.compile(r"[A-Za-z]")


@dataclass(slots=True)
class _Segmenter:
    """The jieba objects of this process, built on first use."""

    postok: Any
    idf: Mapping[str, float]
    median_idf: float
    entities: frozenset[str]
    """Case-folded user-dictionary words containing ``-`` or ``.``, which jieba's POS cutter splits."""


_lock = threading.Lock()
_segmenter: _Segmenter | None = None


#: Keywords come from the title and the opening text: jieba's POS tagger costs ~0.1 ms per Han
#: character, and a pasted 20 MB file must not take half an hour to tag.
MAX_KEYWORD_CHARS = 20_000


def _segmenter_for(cache_dir: Path, extra_words: Sequence[str] = ()) -> _Segmenter:
    """The process-wide segmenter, initialised once (later ``cache_dir`` values are ignored)."""
    global _segmenter
    with _lock:
        if _segmenter is None:
            _segmenter = _build_segmenter(cache_dir, extra_words)
        return _segmenter


def _build_segmenter(cache_dir: Path, extra_words: Sequence[str]) -> _Segmenter:
    import jieba
    import jieba.analyse
    import jieba.posseg

    # jieba logs "Building prefix dict..." to stderr at DEBUG through its own handler.
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.cache_file = CACHE_NAME
    tokenizer.initialize()
    entities: set[str] = set()
    dict_text = resources.files("generator").joinpath("data", USER_DICT).read_text(encoding="utf-8")
    for line in dict_text.splitlines():
        parts = line.split()
        if not parts:
            continue
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else None
        tag = parts[2] if len(parts) > 2 else "nz"
        tokenizer.add_word(word, freq, tag)
        if "-" in word or "." in word:
            entities.add(word.casefold())
    for word in extra_words:
        if word.strip() and " " not in word.strip():
            tokenizer.add_word(word.strip(), None, "nz")
            if "-" in word or "." in word:
                entities.add(word.strip().casefold())
    postok = jieba.posseg.POSTokenizer(tokenizer)
    tfidf = jieba.analyse.TFIDF()
    return _Segmenter(postok, dict(tfidf.idf_freq), float(tfidf.median_idf), frozenset(entities))


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


def candidate_keywords(article: Article, cfg: TaxonomyConfig, cache_dir: Path) -> tuple[str, ...]:
    """Up to ``cfg.tags.candidates`` normalized keyword candidates for one article, best first.

    Pure function of the article's title/body and the config (safe to cache per article).
    """
    tag_cfg = cfg.tags
    seg = _segmenter_for(cache_dir, tag_cfg.words)
    text = keyword_text(article)[:MAX_KEYWORD_CHARS]
    freq: Counter[str] = Counter()
    for pair in seg.postok.cut(text):
        word, flag = pair.word.strip(), pair.flag
        if flag not in ALLOW_POS or len(word) < 2:
            continue
        freq[word] += 1
    # jieba's POS cutter splits ``DeepSeek-R1`` at the hyphen: count such dictionary names directly.
    latin_counts: Counter[str] = Counter(m.group(0) for m in _LATIN_TOKEN.finditer(text))
    for token, count in latin_counts.items():
        if token.casefold() in seg.entities:
            freq[token] += count
    total = sum(freq.values()) or 1
    scores: dict[str, float] = {}
    counts: Counter[str] = Counter()
    for word, n in freq.items():
        term = normalize_term(word, tag_cfg)
        if term is None:
            continue
        idf = seg.idf.get(word, seg.idf.get(word.lower(), seg.median_idf))
        # Synonyms merge: 人工智能 and AI add up to one candidate.
        scores[term] = scores.get(term, 0.0) + n * idf / total
        counts[term] += n
    ranked = sorted(scores, key=lambda t: (-scores[t], t))
    out = [t for t in ranked if not _HAS_LATIN.search(t) or _latin_ok(t, counts[t], tag_cfg)]
    return tuple(out[: tag_cfg.candidates])


def rule_tags(article: Article, cfg: TaxonomyConfig) -> tuple[str, ...]:
    """Tags of the configured keyword rules the article matches, in config order."""
    tag_cfg = cfg.tags
    title = article.title.casefold()
    body = keyword_text(article).casefold()
    hits: list[str] = []
    for tag, words in tag_cfg.rules:
        in_title = any(w.casefold() in title for w in words)
        mentions = sum(body.count(w.casefold()) for w in words)
        if in_title or mentions >= tag_cfg.rule_min_count + 2 * in_title:
            hits.append(tag)
    return normalize_terms(hits, tag_cfg)


def choose_tags(
    candidates: Mapping[str, tuple[str, ...]],
    source_tags: Mapping[str, tuple[str, ...]],
    rule_tags: Mapping[str, tuple[str, ...]],
    cfg: TaxonomyConfig,
) -> dict[str, tuple[str, ...]]:
    """Final tags per source: source tags, then rule tags, then keywords common enough across the site.

    A keyword becomes a tag only if at least ``min_df`` articles have it as a candidate, source or
    rule tag (capped at the number of articles, so a one-article site still gets tags); rule and
    keyword tags together are at most ``max_auto``. Source tags are always kept, except a bare site
    key such as ``qq``: the category already names the publisher, and a tag page listing every
    article of one site is not something a reader browses by topic.
    """
    tag_cfg = cfg.tags
    sites = site_keys(cfg) if tag_cfg.drop_site_tags else frozenset()
    sources = sorted(set(candidates) | set(source_tags) | set(rule_tags))
    own: dict[str, tuple[str, ...]] = {
        src: tuple(t for t in normalize_terms(source_tags.get(src, ()), tag_cfg) if t.casefold() not in sites)
        for src in sources
    }
    rules = {src: normalize_terms(rule_tags.get(src, ()), tag_cfg) for src in sources}
    cands = {src: normalize_terms(candidates.get(src, ()), tag_cfg) for src in sources}
    # Terms are identified by the URL Hugo gives them: ``Gemini``/``gemini`` and ``Q&A``/``QA`` are one page.
    df: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for src in sources:
        for term in {*own[src], *rules[src], *cands[src]}:
            key = hugo_term_path(term)
            df[key] += 1
            spellings.setdefault(key, Counter())[term] += 1
    min_df = max(1, min(tag_cfg.min_df, len(sources)))
    # One spelling per page across the site, the most used (ties: alphabetical), so titles never flip.
    display = {key: min(c, key=lambda s: (-c[s], s)) for key, c in spellings.items()}
    result: dict[str, tuple[str, ...]] = {}
    for src in sources:
        chosen: list[str] = list(own[src])
        if tag_cfg.enabled:
            auto = [*rules[src], *(t for t in cands[src] if df[hugo_term_path(t)] >= min_df)]
            taken = 0
            for term in auto:
                if taken >= tag_cfg.max_auto:
                    break
                if hugo_term_path(term) not in {hugo_term_path(c) for c in chosen}:
                    chosen.append(term)
                    taken += 1
        result[src] = normalize_terms((display.get(hugo_term_path(t), t) for t in chosen), tag_cfg)
    return result
