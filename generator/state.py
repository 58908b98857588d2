"""What was already done: one entry per inbox source, so unchanged sources are not read again.

The index is a SQLite file, ``site/.newsroom/state.sqlite``: one row per source, read and written per
row, so a run that changes one source reads the few columns every run needs (size, mtime, slug) and
writes one row, whatever the size of the site. Next to the entries it keeps two derived tables, so the
site-wide stages can work on what changed instead of on every article:

- ``uses``: the terms each published article offers as tags (source tags, rule tags, keyword
  candidates), from which a keyword's document frequency is counted (``tags`` stage);
- ``labels``: the final tags and categories of each published article, from which a term page's count,
  title and latest date are counted (``terms`` stage).

They are valid only for the fingerprint they were made under (``info.derived``); a run that finds them
missing or stale does the site-wide work in full and writes them again.

The index is only a cache: when it is missing, corrupt or from another version, it is rebuilt from the
generated pages themselves (their ``newsroom:`` marker names the source, its digest and the slug), so
deleting it never changes a URL. The JSON index of earlier versions (``state.json``) is imported once.
All changes of one run are one transaction, committed at its end: a killed run leaves the index as it
was before the run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from . import dedupe
from .model import Article
from .render import GENERATOR, page_checksum_ok
from .taxonomy import TAXONOMIES, LabelRow, TermInfo, term_info
from .write import INDEX

#: 3: the index moved from one JSON file to SQLite with per-source rows and the derived tables.
STATE_VERSION = 3
STATE_FILE = "state.sqlite"
#: The JSON index of versions 1-2, imported once (version 2) and then removed.
LEGACY_FILE = "state.json"
LEGACY_VERSION = 2

_SCHEMA = """
CREATE TABLE info (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE entries (
    source TEXT PRIMARY KEY, slug TEXT NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, failed TEXT NOT NULL, duplicate_of TEXT NOT NULL,
    remote_images INTEGER NOT NULL, signature TEXT NOT NULL, source_url TEXT NOT NULL, url_key TEXT NOT NULL,
    meta TEXT NOT NULL
);
CREATE INDEX entries_url ON entries (url_key) WHERE url_key != '';
CREATE TABLE bands (band INTEGER NOT NULL, bkey INTEGER NOT NULL, sid INTEGER NOT NULL, PRIMARY KEY (band, bkey, sid))
    WITHOUT ROWID;
CREATE INDEX bands_sid ON bands (sid);
CREATE TABLE sids (sid INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE);
CREATE TABLE terms (tid INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, key TEXT NOT NULL);
CREATE INDEX terms_key ON terms (key);
CREATE TABLE uses (sid INTEGER NOT NULL, tid INTEGER NOT NULL, PRIMARY KEY (sid, tid)) WITHOUT ROWID;
CREATE INDEX uses_tid ON uses (tid);
CREATE TABLE labels (
    sid INTEGER NOT NULL, taxonomy TEXT NOT NULL, path TEXT NOT NULL, term TEXT NOT NULL,
    ts REAL, date TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (sid, taxonomy, path)
) WITHOUT ROWID;
CREATE INDEX labels_term ON labels (taxonomy, path, term);
CREATE INDEX labels_latest ON labels (taxonomy, path, ts, source);
CREATE TABLE pages (
    taxonomy TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL, count INTEGER NOT NULL,
    latest TEXT NOT NULL, variants TEXT NOT NULL, PRIMARY KEY (taxonomy, path)
) WITHOUT ROWID;
"""

#: Meta keys kept in their own columns (read by every run, or by a whole-site query).
_COLUMNS = ("duplicate_of", "remote_images", "signature", "source_url")
#: SQLite's limit on ``?`` parameters is 32,766 (999 before 3.32): stay far below.
_CHUNK = 500


#: Signatures whose band keys are computed and written at once.
_BANDS_BATCH = 2000
#: Per meta column: the query for every entry, and for some (``IN ({})`` filled in by ``State._in``).
_COLUMN_SQL = {
    "signature": (
        "SELECT source, signature FROM entries",
        "SELECT source, signature FROM entries WHERE source IN ({})",
    ),
    "source_url": (
        "SELECT source, source_url FROM entries",
        "SELECT source, source_url FROM entries WHERE source IN ({})",
    ),
}


class Entry:
    """What we know about one source and the page made from it.

    ``meta`` (page facts the site-wide stages need without re-reading: title, date, tags, keyword
    candidates, signature, ...) is read from the index only when asked for; most runs never ask.
    Assigning a field marks the entry for saving.
    """

    __slots__ = (
        "_meta",
        "_state",
        "digest",
        "dirty",
        "duplicate_of",
        "failed",
        "mtime_ns",
        "remote_images",
        "size",
        "slug",
        "source",
    )

    source: str
    """Inbox-relative path."""
    slug: str
    """Bundle folder name; never changes once published."""
    digest: str
    """Hash of the source bytes the page was made from."""
    size: int
    """Source size at the last run (with mtime_ns: the cheap 'unchanged?' test)."""
    mtime_ns: int
    """Source modification time at the last run."""
    failed: str
    """Digest of a version of the source that failed (retried when the source changes or on every run)."""
    duplicate_of: str
    """The source published in its place when this one is a copy of the same story."""
    remote_images: int
    """Images left remote (retried on the next online run)."""
    dirty: bool
    _meta: dict[str, Any] | None
    _state: State | None

    def __init__(
        self,
        source: str,
        slug: str,
        digest: str = "",
        size: int = -1,
        mtime_ns: int = -1,
        meta: dict[str, Any] | None = None,
        failed: str = "",
    ) -> None:
        meta = dict(meta or {})
        fields = {
            "source": source, "slug": slug, "digest": digest, "size": size, "mtime_ns": mtime_ns,
            "failed": failed, "duplicate_of": str(meta.get("duplicate_of") or ""),
            "remote_images": int(meta.get("remote_images") or 0), "_meta": meta, "_state": None, "dirty": True,
        }  # fmt: skip
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    @classmethod
    def loaded(
        cls, state: State, source: str, slug: str, digest: str, size: int, mtime_ns: int, failed: str,
        duplicate_of: str, remote_images: int,
    ) -> Entry:  # fmt: skip
        """An entry as read from the index (its meta read later, if ever): 10,000 of them in ~20 ms."""
        entry = object.__new__(cls)
        put = object.__setattr__
        put(entry, "source", source)
        put(entry, "slug", slug)
        put(entry, "digest", digest)
        put(entry, "size", size)
        put(entry, "mtime_ns", mtime_ns)
        put(entry, "failed", failed)
        put(entry, "duplicate_of", duplicate_of)
        put(entry, "remote_images", remote_images)
        put(entry, "_meta", None)
        put(entry, "_state", state)
        put(entry, "dirty", False)
        return entry

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if name != "dirty":
            object.__setattr__(self, "dirty", True)

    def __repr__(self) -> str:
        return f"Entry({self.source!r}, slug={self.slug!r}, digest={self.digest!r})"

    @property
    def meta(self) -> dict[str, Any]:
        """The page facts (loaded from the index on first use)."""
        meta: dict[str, Any] | None = self._meta
        if meta is None:
            state: State | None = self._state
            meta = state.load_meta(self.source) if state is not None else {}
            object.__setattr__(self, "_meta", meta)
        return meta


class Entries(dict[str, Entry]):
    """The entries by source; remembers which keys were replaced or deleted since the load."""

    def __init__(self) -> None:
        super().__init__()
        self.deleted: set[str] = set()

    def __setitem__(self, key: str, value: Entry) -> None:
        value.dirty = True
        self.deleted.discard(key)
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.deleted.add(key)


@dataclass(frozen=True, slots=True)
class KeyStats:
    """What the ``uses`` table says about one tag key: articles using it, and per spelling how many."""

    df: int
    spellings: dict[str, int]

    @property
    def display(self) -> str:
        """The most used spelling (ties: alphabetical)."""
        return min(self.spellings, key=lambda s: (-self.spellings[s], s)) if self.spellings else ""


class State:
    """All entries, the fingerprint (generator version + config digest) they were made under, and the
    connection to the index file (None for an index rebuilt from the pages, until it is saved)."""

    def __init__(self, fingerprint: str = "", connection: sqlite3.Connection | None = None) -> None:
        self.fingerprint = fingerprint
        self.entries = Entries()
        self.connection = connection
        self.derived = ""
        """The fingerprint the derived tables were made under ("" when there are none)."""
        self.tag_sources = 0
        """Number of articles the ``uses`` table was counted over (it sets a keyword's minimum frequency)."""
        self.bands_for = ""
        """``<signature scheme><threshold>`` the ``bands`` table was made for ("" when there is none)."""
        self.bands_rebuild = False
        """Set by a run that compared every signature: the ``bands`` table is made again from all of them."""
        self._sids: dict[str, int] = {}
        self.home: Path | None = None
        """Where a new index file is built (``None``: in memory, e.g. for ``check``, which writes nothing)."""
        self._temp: Path | None = None

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    # -- reading ---------------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self.connection is None:
            if self.home is not None:  # a new index is built in a temp file, renamed into place by ``save``
                self.home.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{STATE_FILE}.", suffix=".tmp", dir=self.home)
                os.close(fd)
                self._temp = Path(tmp)
                self.connection = sqlite3.connect(tmp)
                self.connection.execute("PRAGMA journal_mode = OFF")  # a temp file: fsynced once, before its rename
                self.connection.executescript(_SCHEMA)
            else:
                self.connection = _memory_db()
        return self.connection

    def _in(self, sql: str, values: Iterable[Any]) -> Iterator[Any]:
        """Rows of ``sql``, whose one ``IN ({})`` list takes ``values`` (in chunks: SQLite limits parameters)."""
        items = sorted(set(values))
        for i in range(0, len(items), _CHUNK):
            part = items[i : i + _CHUNK]
            yield from self._db().execute(sql.format(",".join("?" * len(part))), part)

    def load_meta(self, source: str) -> dict[str, Any]:
        """One entry's page facts."""
        sql = "SELECT meta, duplicate_of, remote_images, signature, source_url FROM entries WHERE source = ?"
        found = self._db().execute(sql, (source,)).fetchone()
        return _meta_of(found) if found else {}

    def column(self, name: str, sources: Iterable[str] | None = None) -> dict[str, Any]:
        """One meta column (``signature``, ``source_url``, ...) of every entry, or of ``sources``."""
        sql_all, sql_in = _COLUMN_SQL[name]
        out: dict[str, Any] = {}
        unsaved = {s for s, e in self.entries.items() if e.dirty}
        if sources is None:
            out.update((s, v) for s, v in self._db().execute(sql_all) if s in self.entries and s not in unsaved)
        else:
            out.update(self._in(sql_in, set(sources) - unsaved))
        for source in unsaved if sources is None else set(sources) & unsaved:
            if source in self.entries:
                out[source] = self.entries[source].meta.get(name, "")
        return out

    # -- the derived tables ------------------------------------------------------------------------

    def derived_valid(self, fingerprint: str) -> bool:
        """Whether the derived tables describe the index under ``fingerprint``."""
        return bool(self.derived) and self.derived == fingerprint

    def _sids_of(self, sources: Iterable[str], create: bool = False) -> dict[str, int]:
        """The row number of each source in the derived tables (made for new sources when ``create``)."""
        wanted = set(sources)
        missing = wanted - set(self._sids)
        if missing:
            self._sids.update(self._in("SELECT source, sid FROM sids WHERE source IN ({})", missing))
            missing -= set(self._sids)
            if create and missing:
                self._db().executemany("INSERT INTO sids (source) VALUES (?)", ((s,) for s in sorted(missing)))
                self._sids.update(self._in("SELECT source, sid FROM sids WHERE source IN ({})", missing))
        return {s: self._sids[s] for s in wanted if s in self._sids}

    def _sources_in(self, table: str) -> set[str]:
        """Sources with at least one row in a derived table (``uses`` or ``labels``)."""
        if table not in ("uses", "labels"):
            raise ValueError(table)
        sql = f"SELECT s.source FROM sids s WHERE EXISTS (SELECT 1 FROM {table} t WHERE t.sid = s.sid)"  # noqa: S608
        return {row[0] for row in self._db().execute(sql)}

    def use_sources(self) -> set[str]:
        """Sources whose tag terms are in the ``uses`` table."""
        return self._sources_in("uses")

    def uses_of(self, sources: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """(term, key) pairs each of ``sources`` has in the ``uses`` table."""
        out: dict[str, list[tuple[str, str]]] = {}
        by_sid = {sid: s for s, sid in self._sids_of(sources).items()}
        sql = "SELECT u.sid, t.term, t.key FROM uses u JOIN terms t ON t.tid = u.tid WHERE u.sid IN ({})"
        for sid, term, key in self._in(sql, by_sid):
            out.setdefault(by_sid[sid], []).append((term, key))
        return out

    def set_uses(self, rows: Mapping[str, Iterable[tuple[str, str]]]) -> None:
        """Replace the tag terms of each source in ``rows`` (an empty list removes it)."""
        db = self._db()
        pairs = {term: key for items in rows.values() for term, key in items}
        term_ids: dict[str, int] = dict(self._in("SELECT term, tid FROM terms WHERE term IN ({})", pairs))
        new_terms = sorted(set(pairs) - set(term_ids))
        db.executemany("INSERT INTO terms (term, key) VALUES (?, ?)", ((t, pairs[t]) for t in new_terms))
        term_ids.update(self._in("SELECT term, tid FROM terms WHERE term IN ({})", new_terms))
        sids = self._sids_of(rows, create=True)
        db.executemany("DELETE FROM uses WHERE sid = ?", ((sids[s],) for s in rows))
        db.executemany(
            "INSERT OR IGNORE INTO uses (sid, tid) VALUES (?, ?)",
            ((sids[s], term_ids[t]) for s, items in rows.items() for t, _ in items),
        )

    def key_stats(self, keys: Iterable[str]) -> dict[str, KeyStats]:
        """Document frequency and spelling counts of each key, from the ``uses`` table."""
        counts: dict[str, dict[str, int]] = {}
        sql = "SELECT t.key, t.term, (SELECT COUNT(*) FROM uses u WHERE u.tid = t.tid) FROM terms t WHERE t.key IN ({})"
        for key, term, n in self._in(sql, keys):
            if n:
                counts.setdefault(key, {})[term] = n
        return {k: KeyStats(sum(counts.get(k, {}).values()), counts.get(k, {})) for k in keys}

    def sources_using(self, keys: Iterable[str]) -> set[str]:
        """Sources whose tag terms include one of ``keys``."""
        sql = (
            "SELECT DISTINCT s.source FROM terms t JOIN uses u ON u.tid = t.tid JOIN sids s ON s.sid = u.sid "
            "WHERE t.key IN ({})"
        )
        return {row[0] for row in self._in(sql, keys)}

    def labels_of(self, sources: Iterable[str]) -> set[tuple[str, str]]:
        """(taxonomy, path) of the term pages ``sources`` are listed on."""
        sql = "SELECT taxonomy, path FROM labels WHERE sid IN ({})"
        return set(self._in(sql, self._sids_of(sources).values()))

    def label_sources(self) -> set[str]:
        """Sources listed on some term page in the ``labels`` table."""
        return self._sources_in("labels")

    def set_labels(self, rows: Mapping[str, Iterable[LabelRow]]) -> None:
        """Replace the term-page rows of each source in ``rows`` (an empty list removes it)."""
        db = self._db()
        sids = self._sids_of(rows, create=True)
        db.executemany("DELETE FROM labels WHERE sid = ?", ((sids[s],) for s in rows))
        db.executemany(
            "INSERT OR IGNORE INTO labels (sid, taxonomy, path, term, ts, date, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((sids[s], t, p, term, ts, date, s) for s, items in rows.items() for t, p, term, ts, date, _ in items),
        )

    def clear_uses(self) -> None:
        """Empty the tag-term tables (a full ``tags`` stage writes them again)."""
        self._db().execute("DELETE FROM uses")
        self._db().execute("DELETE FROM terms")

    def clear_labels(self) -> None:
        """Empty the term-page tables (a full ``terms`` stage writes them again)."""
        self._db().execute("DELETE FROM labels")
        self._db().execute("DELETE FROM pages")

    def set_pages(self, pages: Iterable[tuple[str, str]], infos: Iterable[TermInfo]) -> None:
        """Replace what the ``pages`` table says of ``pages`` by ``infos`` (a page without info has no article)."""
        db = self._db()
        db.executemany("DELETE FROM pages WHERE taxonomy = ? AND path = ?", sorted(set(pages)))
        db.executemany(
            "INSERT OR REPLACE INTO pages (taxonomy, path, key, title, count, latest, variants) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (t.taxonomy, t.path, t.key, t.title, t.count, t.latest.isoformat() if t.latest else "",
                 json.dumps(t.variants, ensure_ascii=False))
                for t in infos
            ),
        )  # fmt: skip

    def term_infos(self, pages: Iterable[tuple[str, str]]) -> tuple[TermInfo, ...]:
        """What ``collect_terms`` says of each term page in ``pages``, counted by SQLite from the ``labels``
        table (each page's own rows, through its indexes): the most used spelling titles it, the newest
        date (for one instant, the first source by name) is its latest."""
        db = self._db()
        order = {t: i for i, t in enumerate(TAXONOMIES)}
        infos: list[TermInfo] = []
        for taxonomy, path in sorted(set(pages), key=lambda p: (order.get(p[0], len(order)), p[1])):
            sql = "SELECT term, COUNT(*) FROM labels WHERE taxonomy = ? AND path = ? GROUP BY term"
            counts = dict(db.execute(sql, (taxonomy, path)))
            if not counts:
                continue
            sql = (
                "SELECT date FROM labels WHERE taxonomy = ? AND path = ? AND ts IS NOT NULL "
                "ORDER BY ts DESC, source LIMIT 1"
            )
            row = db.execute(sql, (taxonomy, path)).fetchone()
            latest = datetime.fromisoformat(row[0]) if row else None
            infos.append(term_info(taxonomy, path, counts, sum(counts.values()), latest))
        return tuple(infos)

    def pages_of(self, pages: Iterable[tuple[str, str]]) -> tuple[TermInfo, ...]:
        """What the ``pages`` table says of ``pages`` (those it has)."""
        wanted = set(pages)
        return tuple(t for t in self.pages() if (t.taxonomy, t.path) in wanted)

    def pages(self) -> tuple[TermInfo, ...]:
        """Every term page of the site, as the ``pages`` table describes it (taxonomy order, then path)."""
        order = {t: i for i, t in enumerate(TAXONOMIES)}
        rows = self._db().execute("SELECT taxonomy, path, key, title, count, latest, variants FROM pages")
        infos = [
            TermInfo(
                taxonomy=taxonomy,
                path=path,
                key=key,
                title=title,
                count=count,
                latest=datetime.fromisoformat(latest) if latest else None,
                variants=tuple(json.loads(variants)),
            )
            for taxonomy, path, key, title, count, latest, variants in rows
        ]
        return tuple(sorted(infos, key=lambda t: (order.get(t.taxonomy, len(order)), t.path)))

    # -- writing ---------------------------------------------------------------------------------

    def save(self, state_dir: Path) -> None:
        """Write what changed (entries, derived tables, fingerprint) as one transaction."""
        if self.connection is None and self.home is None:
            self.home = state_dir  # nothing read or counted yet: build the new index where it will live
        if self.home is None and self._temp is None and not _db_file(self._db()):
            raise ValueError("an index counted in memory (``home`` unset, as for check) is never saved")
        db = self._db()
        deleted = sorted(self.entries.deleted - set(self.entries))
        db.executemany("DELETE FROM entries WHERE source = ?", ((source,) for source in deleted))
        dirty = [e for e in self.entries.values() if e.dirty]
        db.executemany(
            "INSERT OR REPLACE INTO entries (source, slug, digest, size, mtime_ns, failed, duplicate_of, "
            "remote_images, signature, source_url, url_key, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(e) for e in dirty),
        )
        self._save_bands(deleted, dirty)
        db.executemany(
            "INSERT OR REPLACE INTO info (k, v) VALUES (?, ?)",
            (
                ("version", str(STATE_VERSION)),
                ("fingerprint", self.fingerprint),
                ("derived", self.derived),
                ("tag_sources", str(self.tag_sources)),
                ("bands", self.bands_for),
            ),
        )
        db.commit()
        for entry in dirty:
            object.__setattr__(entry, "dirty", False)
        self.entries.deleted.clear()
        path = state_dir / STATE_FILE
        if self._temp is not None:  # a new index: durable, then renamed into place
            db.close()
            with self._temp.open("rb") as handle:
                os.fsync(handle.fileno())
            self._temp.replace(path)
            self._temp = None
            self.connection = _connect(path)
        (state_dir / LEGACY_FILE).unlink(missing_ok=True)

    # -- duplicate candidates ----------------------------------------------------------------------

    def bands_valid(self, wanted: str) -> bool:
        """Whether the ``bands`` table was made for the signature scheme and threshold ``wanted``."""
        return bool(self.bands_for) and self.bands_for == wanted and not self.bands_rebuild

    def sharing_bands(self, keys: Iterable[tuple[int, int]]) -> set[str]:
        """Sources with a signature sharing one of the (band, key) pairs."""
        sql = "SELECT s.source FROM bands b JOIN sids s ON s.sid = b.sid WHERE b.band = ? AND b.bkey = ?"
        db = self._db()
        return {row[0] for key in keys for row in db.execute(sql, key)}

    def same_url(self, key: str) -> list[str]:
        """Sources whose original URL reduces to ``key``, sorted."""
        return sorted(row[0] for row in self._db().execute("SELECT source FROM entries WHERE url_key = ?", (key,)))

    def stale_signatures(self, prefix: str) -> set[str]:
        """Sources whose stored signature was made by another scheme than ``prefix``."""
        sql = "SELECT source FROM entries WHERE signature != '' AND substr(signature, 1, ?) != ?"
        return {row[0] for row in self._db().execute(sql, (len(prefix), prefix))}

    def _save_bands(self, deleted: list[str], dirty: list[Entry]) -> None:
        if not self.bands_for:
            return
        db = self._db()
        prefix, _, threshold_text = self.bands_for.rpartition(":")
        prefix += ":"
        threshold = float(threshold_text)
        batches: Iterable[list[tuple[str, str]]]
        if self.bands_rebuild:
            db.execute("DELETE FROM bands")
            cursor = db.execute("SELECT source, signature FROM entries WHERE failed = '' AND signature != ''")
            batches = iter(lambda: cursor.fetchmany(_BANDS_BATCH), [])  # 50,000 at once were ~150 MB of keys
        else:
            gone = self._sids_of(deleted + [e.source for e in dirty])
            db.executemany("DELETE FROM bands WHERE sid = ?", ((sid,) for sid in gone.values()))
            changed = [(e.source, str(e.meta.get("signature") or "")) for e in dirty if not e.failed]
            batches = (changed[i : i + _BANDS_BATCH] for i in range(0, len(changed), _BANDS_BATCH))
        for batch in batches:
            part = [(source, sig) for source, sig in batch if sig.startswith(prefix)]
            keys = dedupe.band_keys_many([sig for _, sig in part], threshold)
            sids = self._sids_of([source for source, _ in part], create=True)
            db.executemany(
                "INSERT OR IGNORE INTO bands (band, bkey, sid) VALUES (?, ?, ?)",
                ((b, k, sids[source]) for (source, _), pairs in zip(part, keys, strict=True) for b, k in pairs),
            )
        self.bands_rebuild = False

    def close(self) -> None:
        """Close the connection without saving (uncommitted changes are dropped, a new index file too)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self._temp is not None:
            self._temp.unlink(missing_ok=True)
            self._temp = None


def _row(entry: Entry) -> tuple[Any, ...]:
    meta = {k: v for k, v in entry.meta.items() if k not in _COLUMNS}
    return (
        entry.source, entry.slug, entry.digest, entry.size, entry.mtime_ns, entry.failed, entry.duplicate_of,
        entry.remote_images, str(entry.meta.get("signature") or ""), str(entry.meta.get("source_url") or ""),
        dedupe.url_key(str(entry.meta.get("source_url") or "")), json.dumps(meta, ensure_ascii=False, sort_keys=True),
    )  # fmt: skip


def _meta_of(row: tuple[Any, ...]) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(row[0])
    duplicate_of, remote_images, signature, source_url = row[1:]
    if duplicate_of:
        meta["duplicate_of"] = duplicate_of
    meta["remote_images"] = remote_images
    meta["signature"] = signature
    meta["source_url"] = source_url
    return meta


def _memory_db() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    return db


def _db_file(db: sqlite3.Connection) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else ""


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = FULL")
    return db


def sweep_state_temp(state_dir: Path) -> None:
    """Remove index files a killed run was building (call only while holding the site lock)."""
    for path in state_dir.glob(f".{STATE_FILE}.*.tmp"):
        path.unlink(missing_ok=True)


def load_state(state_dir: Path, section_dir: Path) -> State:
    """Open the index; import a version-2 JSON index; rebuild it from the pages when missing or unreadable."""
    path = state_dir / STATE_FILE
    if path.is_file():
        try:
            return _open(path)
        except (sqlite3.Error, ValueError, KeyError, TypeError):
            pass
    legacy = state_dir / LEGACY_FILE
    if legacy.is_file():
        try:
            return _import_legacy(legacy)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return rebuild_state(section_dir)


def _open(path: Path) -> State:
    db = _connect(path)
    try:
        info = dict(db.execute("SELECT k, v FROM info"))
        if info.get("version") != str(STATE_VERSION):
            raise ValueError("other version")
        state = State(fingerprint=info.get("fingerprint", ""), connection=db)
        state.derived = info.get("derived", "")
        state.tag_sources = int(info.get("tag_sources", "0"))
        state.bands_for = info.get("bands", "")
        sql = "SELECT source, slug, digest, size, mtime_ns, failed, duplicate_of, remote_images FROM entries"
        put = dict.__setitem__
        for row in db.execute(sql):
            put(state.entries, row[0], Entry.loaded(state, *row))
        return state
    except BaseException:
        db.close()
        raise


def _import_legacy(path: Path) -> State:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("version") != LEGACY_VERSION:
        raise ValueError("other version")
    state = State(fingerprint=str(doc.get("fingerprint", "")))
    for source, value in doc["entries"].items():
        state.entries[source] = Entry(
            source=value["source"], slug=value["slug"], digest=value.get("digest", ""),
            size=value.get("size", -1), mtime_ns=value.get("mtime_ns", -1),
            meta=value.get("meta") or {}, failed=value.get("failed", ""),
        )  # fmt: skip
    return state


def save_state(state: State, state_dir: Path) -> None:
    """Write the index (only what changed; a new index is written whole, atomically)."""
    state.save(state_dir)


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
