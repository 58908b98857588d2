"""Taxonomy term pages: where Hugo puts a term, and the ``_index.md`` files that describe it.

Hugo 0.168 gives a term two names, and they differ: its page *key* (``.Path``: the term lowercased,
ASCII spaces as ``-``, every other character kept), which is where a ``content/<taxonomy>/<key>/_index.md``
must sit to be matched, and its *output folder* under ``public/`` (the key with punctuation and symbols
dropped), which is the URL. ``Q&A`` has key ``q&a`` but URL ``/tags/qa/``; an ``_index.md`` put in
``content/tags/qa/`` describes a different, empty term. ``hugo_term_key`` and ``hugo_term_path``
re-implement both rules; ``tests/test_taxonomy.py`` proves them against a real build.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import yaml

#: The taxonomies the site config declares (plural names, as used in front matter and folders).
TAXONOMIES: tuple[str, ...] = ("tags", "categories")

#: Front-matter marker of a page this module wrote; pages without it were written by a person.
GENERATED_KEY = "newsroom"

_TAXONOMY_TITLES = {"tags": "标签", "categories": "分类"}

#: Hugo's related-content config for ``site/config.toml``: a page's ``.Site.RegularPages.Related``
#: ranks by shared keywords, then tags, then publication month; ``first 5`` of it in the theme.
HUGO_RELATED_TOML = """\
[related]
  includeNewer = true
  threshold = 20
  toLower = true
  [[related.indices]]
    name = "keywords"
    weight = 100
  [[related.indices]]
    name = "tags"
    weight = 80
  [[related.indices]]
    name = "date"
    weight = 10
    pattern = "2006-01"
"""

#: Characters Hugo keeps besides letters, digits and marks.
_ALLOWED_PUNCT = frozenset("./\\_#+~-@")
_HEX = frozenset("0123456789abcdefABCDEF")
#: Go's ``unicode.IsSpace``: ASCII/Latin-1 spaces plus the Unicode White_Space characters.
_GO_SPACES = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
#: Go lowercases rune by rune; Python's ``lower`` of these yields two characters.
_GO_LOWER_SPECIAL = {"\u0130": "i"}


def _allowed(text: str, i: int, ch: str) -> bool:
    category = unicodedata.category(ch)
    if category[0] in "LM" or category == "Nd" or ch in _ALLOWED_PUNCT:
        return True
    return ch == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX


def _go_lower(ch: str) -> str:
    low = ch.lower()
    return _GO_LOWER_SPECIAL.get(ch, low if len(low) == 1 else ch)


@functools.lru_cache(maxsize=1 << 16)
def hugo_term_path(term: str, *, lower: bool = True) -> str:
    """The folder (below ``content/<taxonomy>/``) Hugo 0.168 gives ``term``; ``""`` if Hugo keeps nothing.

    ASCII spaces become ``-`` one for one; other whitespace becomes one ``-`` (none at the start
    or after a ``-``); letters, marks, decimal digits, ``. / \\ _ # + ~ - @`` and ``%XX`` escapes
    are kept, everything else (punctuation, symbols, emoji, 〇, ①, Ⅻ) is dropped; then Latin and
    other cased letters are lowercased (``lower=False`` mirrors ``disablePathToLower``) and the
    path is cleaned like Go's ``path.Clean``. Assumes ``removePathAccents = false`` (the default).
    """
    text = term.replace(" ", "-")
    out: list[str] = []
    prepend_hyphen = False
    was_hyphen = False
    for i, ch in enumerate(text):
        if _allowed(text, i, ch):
            was_hyphen = ch == "-"
            if prepend_hyphen:
                if not was_hyphen:
                    out.append("-")
                prepend_hyphen = False
            out.append(ch)
        elif out and not was_hyphen and ch in _GO_SPACES:
            prepend_hyphen = True
    path = "".join(_go_lower(c) for c in out) if lower else "".join(out)
    if not path:
        return ""
    cleaned = posixpath.normpath("/" + path).strip("/")
    return "" if cleaned in ("", ".") else cleaned


def hugo_term_key(term: str) -> str:
    """The folder below ``content/<taxonomy>/`` whose ``_index.md`` Hugo 0.168 matches to ``term``.

    Hugo's page key of a term: lowercased rune by rune, ASCII spaces replaced by ``-``, nothing else
    changed (punctuation, symbols and other whitespace stay). Terms containing ``/`` are nested and
    are not supported here (``normalize_term`` never produces them).
    """
    return "".join(_go_lower(c) for c in term.replace(" ", "-"))


def term_url(taxonomy: str, path: str) -> str:
    """The site-relative URL of a term page, percent-encoded the way Hugo writes it."""
    # A ``%XX`` Hugo kept in the path is already an escape: keep it, quote the text around it.
    parts = re.split(r"(%[0-9A-Fa-f]{2})", f"{taxonomy}/{path}/")
    return "/" + "".join(p if i % 2 else quote(p, safe="/$&+,:;=@~") for i, p in enumerate(parts))


@dataclass(frozen=True, slots=True)
class TermEntry:
    """What the term pages need to know about one published article."""

    source: str
    """The article's identity (inbox-relative source path)."""
    title: str
    """Its headline."""
    date: datetime | None
    """Its publication time (timezone-aware), if known."""
    tags: tuple[str, ...] = ()
    """Normalized tag terms, as written to the article's front matter."""
    categories: tuple[str, ...] = ()
    """Normalized category terms."""


@dataclass(frozen=True, slots=True)
class TermInfo:
    """One term of one taxonomy as the site will show it."""

    taxonomy: str
    """``tags`` or ``categories``."""
    path: str
    """Its output folder and URL path below the taxonomy (``hugo_term_path``)."""
    key: str
    """The content folder its ``_index.md`` goes in (``hugo_term_key`` of the title)."""
    title: str
    """Display form."""
    count: int
    """Number of articles carrying it."""
    latest: datetime | None
    """Date of its newest article."""
    variants: tuple[str, ...]
    """Every spelling that landed on this path (more than one means a collision)."""


@dataclass(frozen=True, slots=True)
class TermPlan:
    """Files for ``write.py`` to write and remove; this module never touches the site itself."""

    files: dict[Path, bytes] = field(default_factory=dict)
    """Path → exact bytes to write (term ``_index.md`` files and ``data/taxonomies.json``)."""
    remove: tuple[Path, ...] = ()
    """Generated term pages no article uses any more."""
    kept: tuple[Path, ...] = ()
    """Hand-written term pages left alone (they have no generated marker)."""
    terms: tuple[TermInfo, ...] = ()
    """Every term, by taxonomy then path."""
    collisions: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """(taxonomy, path, spellings) where different spellings share one Hugo page."""


def collect_terms(entries: Sequence[TermEntry]) -> tuple[TermInfo, ...]:
    """Group every article's terms by the Hugo path they land on, per taxonomy."""
    result: list[TermInfo] = []
    for taxonomy in TAXONOMIES:
        spellings: dict[str, dict[str, int]] = {}
        sources: dict[str, set[str]] = {}
        latest: dict[str, datetime | None] = {}
        for entry in entries:
            terms = entry.tags if taxonomy == "tags" else entry.categories
            seen: set[str] = set()
            for term in terms:
                path = hugo_term_path(term)
                if not path or path in seen:
                    continue
                seen.add(path)
                spellings.setdefault(path, {})
                spellings[path][term] = spellings[path].get(term, 0) + 1
                sources.setdefault(path, set()).add(entry.source)
                latest[path] = _later(latest.get(path), entry.date)
        result.extend(term_info(taxonomy, p, spellings[p], len(sources[p]), latest[p]) for p in sorted(spellings))
    return tuple(result)


def term_info(taxonomy: str, path: str, spellings: dict[str, int], count: int, latest: datetime | None) -> TermInfo:
    """One term page from its spellings (how many articles use each) and its article count and newest date.

    The most used spelling titles the page; ties go to the alphabetically first, so the title does not
    depend on the order articles were read in.
    """
    title = min(spellings, key=lambda s: (-spellings[s], s))
    return TermInfo(
        taxonomy=taxonomy,
        path=path,
        key=hugo_term_key(title),
        title=title,
        count=count,
        latest=latest,
        variants=tuple(sorted(spellings)),
    )


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _yaml_str(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: exact, escaped, and stable.
    return json.dumps(value, ensure_ascii=False)


def render_term_index(info: TermInfo) -> bytes:
    """The ``_index.md`` of one term: fixed key order, deterministic bytes."""
    kind = _TAXONOMY_TITLES.get(info.taxonomy, info.taxonomy)
    description = f"{kind}“{info.title}”下的 {info.count} 篇文章"
    lines = [
        "---",
        f"title: {_yaml_str(info.title)}",
        f"description: {_yaml_str(description)}",
        f"count: {info.count}",
        f"{GENERATED_KEY}:",
        "  generated: true",
        f"  term: {_yaml_str(info.title)}",
    ]
    if info.latest is not None:
        lines.append(f"  latest: {_yaml_str(info.latest.isoformat())}")
    lines += ["---", ""]
    return "\n".join(lines).encode("utf-8")


def render_taxonomy_index(taxonomy: str) -> bytes:
    """The ``_index.md`` of a taxonomy's list page (``/tags/``), titled in Chinese."""
    title = _TAXONOMY_TITLES.get(taxonomy, taxonomy)
    lines = ["---", f"title: {_yaml_str(title)}", f"{GENERATED_KEY}:", "  generated: true", "---", ""]
    return "\n".join(lines).encode("utf-8")


def render_taxonomies_json(terms: Iterable[TermInfo]) -> bytes:
    """``data/taxonomies.json``: every term with its count and latest date, most used first."""
    doc: dict[str, list[dict[str, object]]] = {t: [] for t in TAXONOMIES}
    ordered = sorted(terms, key=lambda t: (t.taxonomy, -t.count, t.path))
    for info in ordered:
        doc.setdefault(info.taxonomy, []).append(
            {
                "term": info.title,
                "key": info.key,
                "path": info.path,
                "url": term_url(info.taxonomy, info.path),
                "count": info.count,
                "latest": _iso(info.latest),
            }
        )
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def is_generated(data: bytes) -> bool:
    """Whether an ``_index.md`` carries this module's marker (else a person wrote it: keep it)."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 4)
    if end < 0:
        return False
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return False
    if not isinstance(meta, dict):
        return False
    marker = meta.get(GENERATED_KEY)
    return isinstance(marker, dict) and marker.get("generated") is True


def plan_term_pages(entries: Sequence[TermEntry], content_dir: Path) -> TermPlan:
    """Plan every term ``_index.md``, ``data/taxonomies.json``, and the removal of unused generated pages.

    Reads ``content_dir`` (never writes it): existing ``_index.md`` files without the generated
    marker are hand-written and kept as they are; generated ones no article uses are removed.
    """
    terms = collect_terms(entries)
    files: dict[Path, bytes] = {}
    kept: list[Path] = []
    wanted: set[Path] = set()
    for taxonomy in TAXONOMIES:
        if any(t.taxonomy == taxonomy for t in terms):
            wanted.add(content_dir / taxonomy / "_index.md")
    wanted.update(content_dir / t.taxonomy / t.key / "_index.md" for t in terms)

    existing = _existing_indexes(content_dir)
    for taxonomy in TAXONOMIES:
        target = content_dir / taxonomy / "_index.md"
        if target in wanted:
            _plan_one(target, render_taxonomy_index(taxonomy), existing, files, kept)
    for info in terms:
        target = content_dir / info.taxonomy / info.key / "_index.md"
        _plan_one(target, render_term_index(info), existing, files, kept)

    remove = sorted(
        path for path, data in existing.items() if path not in wanted and data is not None and is_generated(data)
    )
    files[content_dir.parent / "data" / "taxonomies.json"] = render_taxonomies_json(terms)
    collisions = tuple((t.taxonomy, t.path, t.variants) for t in terms if len(t.variants) > 1)
    return TermPlan(
        files=dict(sorted(files.items())),
        remove=tuple(remove),
        kept=tuple(sorted(kept)),
        terms=terms,
        collisions=collisions,
    )


LabelRow = tuple[str, str, str, float | None, str, str]
"""One article on one term page: (taxonomy, path, term as the article spells it, timestamp, ISO date, source)."""


def label_rows(entry: TermEntry) -> list[LabelRow]:
    """The term pages ``entry`` is listed on, one row per page (the first spelling that lands on it)."""
    rows: list[LabelRow] = []
    ts = entry.date.timestamp() if entry.date is not None else None
    date = entry.date.isoformat() if entry.date is not None else ""
    for taxonomy in TAXONOMIES:
        seen: set[str] = set()
        for term in entry.tags if taxonomy == "tags" else entry.categories:
            path = hugo_term_path(term)
            if path and path not in seen:
                seen.add(path)
                rows.append((taxonomy, path, term, ts, date, entry.source))
    return rows


def plan_term_updates(
    old: Sequence[TermInfo], new: Sequence[TermInfo], every: Sequence[TermInfo], content_dir: Path
) -> TermPlan:
    """Plan only the term pages whose articles changed: ``old`` and ``new`` describe those pages before and
    after, ``every`` is every term of the site (for the taxonomy pages and ``data/taxonomies.json``).

    Gives the files ``plan_term_pages`` would give for those pages, reading only them, so one new article
    costs the same on a site of 100 or 100,000 articles.
    """

    def target(info: TermInfo) -> Path:
        return content_dir / info.taxonomy / info.key / "_index.md"

    indexes = {taxonomy: content_dir / taxonomy / "_index.md" for taxonomy in TAXONOMIES}
    wanted = {target(t) for t in new}
    existing: dict[Path, bytes | None] = {}
    for path in sorted(wanted | {target(t) for t in old} | set(indexes.values())):
        if path.is_file():
            try:
                existing[path] = path.read_bytes()
            except OSError:
                existing[path] = None
    files: dict[Path, bytes] = {}
    kept: list[Path] = []
    in_use = {t.taxonomy for t in every}
    for taxonomy, path in indexes.items():
        if taxonomy in in_use:
            wanted.add(path)
            _plan_one(path, render_taxonomy_index(taxonomy), existing, files, kept)
    for info in new:
        _plan_one(target(info), render_term_index(info), existing, files, kept)
    remove = sorted(
        path for path, data in existing.items() if path not in wanted and data is not None and is_generated(data)
    )
    files[content_dir.parent / "data" / "taxonomies.json"] = render_taxonomies_json(every)
    collisions = tuple((t.taxonomy, t.path, t.variants) for t in new if len(t.variants) > 1)
    return TermPlan(
        files=dict(sorted(files.items())), remove=tuple(remove), kept=tuple(sorted(kept)), terms=tuple(every),
        collisions=collisions,
    )  # fmt: skip


def _plan_one(
    target: Path, data: bytes, existing: dict[Path, bytes | None], files: dict[Path, bytes], kept: list[Path]
) -> None:
    """Plan ``target``: a page already holding exactly ``data`` is ours (and unchanged) without parsing it."""
    if target not in existing:
        files[target] = data
        return
    old = existing[target]
    if old == data or (old is not None and is_generated(old)):
        files[target] = data
    else:
        kept.append(target)


def _existing_indexes(content_dir: Path) -> dict[Path, bytes | None]:
    """Every ``_index.md`` below the taxonomy folders → its bytes (None when unreadable)."""
    found: dict[Path, bytes | None] = {}
    for taxonomy in TAXONOMIES:
        root = content_dir / taxonomy
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("_index.md")):
            try:
                found[path] = path.read_bytes()
            except OSError:
                found[path] = None  # unreadable: treated as hand-written, never overwritten or deleted
    return found
