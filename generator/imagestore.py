"""Content-addressed image cache shared by all articles and runs (``site/.newsroom/cache/images/``).

Layout::

    index.json          URL -> {name, etag, last_modified, checked, sha256}; hosts that need a Referer
    files/img-<12 hex>.<ext>   processed images, named by the hash of their own bytes
    tmp/                downloads and encodes in progress (same file system, so renames are atomic)

The index is rewritten whole (temp file + ``os.replace``): a crash leaves the old or the new one,
never half of either. A file without an index entry is harmless; an entry whose file is gone is
treated as missing and fetched again.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .imagefile import ProcessedImage
from .write import atomic_write

INDEX_VERSION = 1
_NAME_HEX = 12


@dataclass(frozen=True, slots=True)
class Entry:
    """What the cache knows about one URL."""

    name: str
    """File name in ``files/`` (and in every bundle that uses it)."""
    etag: str = ""
    last_modified: str = ""
    checked: float = 0.0
    """Unix time the server last confirmed it (download or 304)."""
    sha256: str = ""
    """Hash of the raw downloaded bytes (before re-encoding)."""


class ImageStore:
    """The cache directory; thread-safe."""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.files = root / "files"
        self.tmp = root / "tmp"
        if create:  # ``check`` opens the cache read-only: it must not even create folders
            self.files.mkdir(parents=True, exist_ok=True)
            self.tmp.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._urls: dict[str, Entry] = {}
        self.referer_hosts: set[str] = set()
        """Hosts that needed a Referer last time."""
        self._load()

    @property
    def index_path(self) -> Path:
        """``index.json``."""
        return self.root / "index.json"

    def _load(self) -> None:
        try:
            doc: Any = json.loads(self.index_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            # A damaged index costs downloads, never correctness: start over.
            return
        if not isinstance(doc, dict) or doc.get("version") != INDEX_VERSION:
            return
        fields = set(Entry.__dataclass_fields__)
        for url, raw in (doc.get("urls") or {}).items():
            if isinstance(raw, dict) and isinstance(raw.get("name"), str) and _safe_name(raw["name"]):
                self._urls[url] = Entry(**{k: v for k, v in raw.items() if k in fields})
        self.referer_hosts = {h for h in doc.get("referer_hosts") or [] if isinstance(h, str)}

    def get(self, key: str) -> Entry | None:
        """The entry of a URL key, if its file is still there."""
        with self._lock:
            entry = self._urls.get(key)
        if entry is None or not (self.files / entry.name).is_file():
            return None
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Record (or replace) a URL's entry."""
        with self._lock:
            self._urls[key] = entry

    def touch(self, key: str, entry: Entry, etag: str, last_modified: str) -> Entry:
        """Record that the server confirmed an entry unchanged (304)."""
        new = Entry(entry.name, etag or entry.etag, last_modified or entry.last_modified, time.time(), entry.sha256)
        self.put(key, new)
        return new

    def add(self, image: ProcessedImage, suffix: str = "") -> str:
        """Move a processed temp file into ``files/`` under its content name; return the name."""
        name = f"img-{image.digest[:_NAME_HEX]}{suffix}.{image.extension}"
        target = self.files / name
        if target.exists():
            image.path.unlink(missing_ok=True)
        else:
            image.path.chmod(0o644)  # mkstemp makes 0600; Hugo and web servers must read it
            image.path.replace(target)
        return name

    def path(self, name: str) -> Path:
        """Where a stored file lives."""
        return self.files / name

    def save(self) -> None:
        """Write the index atomically (sorted, so the file diffs cleanly)."""
        with self._lock:
            doc = {
                "version": INDEX_VERSION,
                "urls": {url: asdict(entry) for url, entry in sorted(self._urls.items())},
                "referer_hosts": sorted(self.referer_hosts),
            }
        atomic_write(self.index_path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))

    def clean_tmp(self, older_than: float = 3600.0) -> None:
        """Remove leftovers of interrupted runs (old ones only: a concurrent run may own the new ones)."""
        limit = time.time() - older_than
        for leftover in self.tmp.iterdir():
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()


def _safe_name(name: str) -> bool:
    """Index names come from disk: never let one point outside ``files/``."""
    return name.startswith("img-") and "/" not in name and "\\" not in name and ".." not in name
