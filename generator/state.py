"""What was already done: one entry per inbox source, so unchanged sources are not read again.

The index lives in ``site/.newsroom/state.json``. It is only a cache: when it is missing, corrupt or
from another version, it is rebuilt from the generated pages themselves (their ``newsroom:`` marker
names the source, its digest and the slug), so deleting it never changes a URL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .model import Article
from .render import GENERATOR, page_checksum_ok
from .write import INDEX, atomic_write_chunks

#: 2: keyword candidates from rjieba and rensa MinHash signatures (version 1 facts came from jieba and
#: datasketch): an index of another version is rebuilt from the pages and its sources read once more.
STATE_VERSION = 2
STATE_FILE = "state.json"


@dataclass(slots=True)
class Entry:
    """What we know about one source and the page made from it."""

    source: str
    """Inbox-relative path."""
    slug: str
    """Bundle folder name; never changes once published."""
    digest: str = ""
    """Hash of the source bytes the page was made from."""
    size: int = -1
    """Source size at the last run (with mtime_ns: the cheap 'unchanged?' test)."""
    mtime_ns: int = -1
    """Source modification time at the last run."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Page facts the site-wide stages need without re-reading: title, date, tags, categories, keywords, ..."""
    failed: str = ""
    """Digest of a version of the source that failed (retried when the source changes or on every run)."""


@dataclass(slots=True)
class State:
    """All entries, plus the fingerprint (generator version + config digest) they were made under."""

    fingerprint: str = ""
    entries: dict[str, Entry] = field(default_factory=dict)

    def by_slug(self) -> dict[str, Entry]:
        """Entries keyed by their slug."""
        return {e.slug: e for e in self.entries.values() if e.slug}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())


def load_state(state_dir: Path, section_dir: Path) -> State:
    """Read the index; rebuild it from the pages when it is missing or unreadable."""
    path = state_dir / STATE_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != STATE_VERSION:
            raise ValueError("other version")
        entries = {k: Entry(**v) for k, v in doc["entries"].items()}
        return State(fingerprint=str(doc.get("fingerprint", "")), entries=entries)
    except (OSError, ValueError, KeyError, TypeError):
        return rebuild_state(section_dir)


def save_state(state: State, state_dir: Path) -> None:
    """Write the index atomically, in a stable order, streamed: one line per entry, never the whole text
    in memory (at 10,000 articles that text was a 60 MB peak at the end of every run)."""
    atomic_write_chunks(state_dir / STATE_FILE, (chunk.encode() for chunk in state_chunks(state)))


def state_json(state: State) -> str:
    """The index as JSON text with one entry per line (what ``save_state`` writes)."""
    return "".join(state_chunks(state))


def state_chunks(state: State) -> Iterator[str]:
    """The index as JSON text, in pieces of about one entry each.

    Each entry is encoded on its own without ``indent`` (``json`` then uses its C encoder; with
    ``indent`` it falls back to pure Python, and ``asdict`` deep-copied every entry's meta: together
    they were most of a no-op run at 10,000 sources).
    """
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    keys = sorted(state.entries)
    yield '{\n"entries": '
    if not keys:
        yield "{}"
    for i, key in enumerate(keys):
        yield ("{\n" if i == 0 else ",\n") + f"{dumps(key)}: {dumps(_entry_dict(state.entries[key]))}"
    if keys:
        yield "\n}"
    yield f',\n"fingerprint": {dumps(state.fingerprint)},\n"version": {STATE_VERSION}\n}}'


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def _entry_dict(entry: Entry) -> dict[str, Any]:
    # ``asdict`` without its deep copy (nothing is modified; the encoder only reads).
    return {name: getattr(entry, name) for name in _ENTRY_FIELDS}


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """A page found in the section folder that carries our marker."""

    bundle: Path
    source: str
    source_digest: str
    intact: bool
    """False when its bytes no longer match the checksum we wrote (edited by hand)."""
    meta: dict[str, Any]


def read_generated_page(bundle: Path) -> GeneratedPage | None:
    """The marker of ``bundle/index.md`` if we generated it, else None (hand-written or unreadable)."""
    try:
        text = (bundle / INDEX).read_text(encoding="utf-8")
        post = frontmatter.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return None
    marker = post.metadata.get(GENERATOR)
    if not isinstance(marker, dict) or marker.get("generated") is not True:
        return None
    return GeneratedPage(
        bundle=bundle,
        source=str(marker.get("source", "")),
        source_digest=str(marker.get("source_digest", "")),
        intact=page_checksum_ok(text) is True,
        meta=page_meta(post.metadata),
    )


#: Article facts the index keeps for the site-wide stages; read from an Article, or from a page's front
#: matter when the index is rebuilt, so both ways must give the same values.
META_KEYS = ("title", "date", "tags", "categories", "keywords", "publisher", "source_url", "summary")


def page_meta(metadata: dict[str, Any]) -> dict[str, Any]:
    """``META_KEYS`` from a generated page's front matter."""
    facts = {k: metadata[k] for k in META_KEYS if k in metadata}
    facts["date"] = str(metadata.get("date") or "")  # an undated page has no date key: "" as in article_meta
    return facts


def article_meta(article: Article) -> dict[str, Any]:
    """``META_KEYS`` from an Article, as they read back from its page (lists, an RFC 3339 date)."""
    values: dict[str, Any] = {k: getattr(article, k) for k in META_KEYS}
    values["date"] = article.date.isoformat() if article.date else ""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}


def generated_pages(section_dir: Path) -> Iterator[GeneratedPage]:
    """Every bundle in the section that we generated."""
    if not section_dir.is_dir():
        return
    for bundle in sorted(section_dir.iterdir()):
        if bundle.is_dir() and (page := read_generated_page(bundle)) is not None:
            yield page


def rebuild_state(section_dir: Path) -> State:
    """An index made from the pages alone (size/mtime unknown, so each source's bytes are hashed once)."""
    state = State()
    for page in generated_pages(section_dir):
        state.entries[page.source] = Entry(
            source=page.source, slug=page.bundle.name, digest=page.source_digest, meta=page.meta
        )
    return state
