"""The only code that writes into the site. Every write is atomic (temp file + fsync + rename) and
skipped when the bytes on disk are already right, so a re-run changes no file and no mtime.

Inside ``batched_writes()`` the fsyncs of many files run together: each temp file is written, then a
group of them is fsynced by a thread pool (fsync releases the GIL, and the filesystem commits them
in few journal transactions), then each is renamed into place. Every file is still all-or-nothing and
durable before its rename; a run killed mid-batch leaves only temp files, which the next run sweeps.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, Protocol

Outcome = Literal["added", "updated", "unchanged"]
INDEX = "index.md"
#: Asset names we generate (content-addressed); only these are ever removed from a bundle.
_ASSET_NAME = re.compile(r"^img-[0-9a-f]{8,64}\.[a-z0-9]{2,5}$")


class AssetLike(Protocol):
    """A file to place in a bundle: its bundle-relative name and where its bytes are."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> Path: ...


#: Temp files written and waiting for their group fsync and rename, in order; None outside a batch.
_pending: list[tuple[Path, Path]] | None = None
BATCH_FILES = 256
"""Files per group fsync: bounded, so a killed run loses at most one group and memory stays flat."""
SYNC_THREADS = 8


@contextmanager
def batched_writes() -> Iterator[None]:
    """Within the block, ``atomic_write`` defers fsync and rename to group commits (see the module doc).

    A reader of a path written in the block sees its old content until the block ends (or the group
    fills): callers write each path once per batch.
    """
    global _pending
    if _pending is not None:  # nested: the outer batch commits
        yield
        return
    _pending = []
    try:
        yield
        _commit()
    finally:
        for tmp, _final in _pending or ():
            tmp.unlink(missing_ok=True)  # only left on an error: nothing half-done is renamed
        _pending = None


def _commit() -> None:
    if not _pending:
        return
    group = list(_pending)
    with ThreadPoolExecutor(min(SYNC_THREADS, len(group))) as pool:
        list(pool.map(_fsync_path, (tmp for tmp, _final in group)))
    for tmp, final in group:
        tmp.replace(final)
    _pending.clear()


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; return True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if _pending is None:
                handle.flush()
                os.fsync(handle.fileno())
        if _pending is not None:
            _pending.append((Path(tmp), path))
            if len(_pending) >= BATCH_FILES:
                _commit()
            return True
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def atomic_write_chunks(path: Path, chunks: Iterable[bytes]) -> bool:
    """``atomic_write`` for content produced in pieces, never held whole; True if the file changed.

    The pieces go to a temp file while being hashed; a file that already holds the same bytes (same
    size and hash) is left untouched, mtime included.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp_path = Path(tmp)
    try:
        digest = hashlib.blake2b()
        size = 0
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            handle.flush()
            if _same_file(path, size, digest.digest()):
                tmp_path.unlink()
                return False
            os.fsync(handle.fileno())
        tmp_path.replace(path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return True


def _same_file(path: Path, size: int, digest: bytes) -> bool:
    try:
        if path.stat().st_size != size:
            return False
        existing = hashlib.blake2b()
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                existing.update(block)
    except FileNotFoundError:
        return False
    return existing.digest() == digest


def place_asset(bundle: Path, name: str, source: Path) -> bool:
    """Put an asset into a bundle (hard link when possible, else copy), atomically; True if placed."""
    target = bundle / name
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return False  # content-addressed names: same name and size is the same file
    bundle.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=bundle)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        tmp_path.unlink()
        try:
            os.link(source, tmp_path)
        except OSError:
            shutil.copyfile(source, tmp_path)
        tmp_path.replace(target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return True


def sync_bundle(bundle: Path, index: bytes, assets: Sequence[AssetLike] = ()) -> Outcome:
    """Make ``bundle`` hold exactly this ``index.md`` and these generated assets (other files are kept)."""
    existed = (bundle / INDEX).exists()
    changed = False
    for asset in assets:
        changed |= place_asset(bundle, asset.name, asset.path)
    wanted = {asset.name for asset in assets}
    if bundle.is_dir():
        for child in bundle.iterdir():
            if _ASSET_NAME.match(child.name) and child.name not in wanted:
                child.unlink()
                changed = True
    changed |= atomic_write(bundle / INDEX, index)
    if not existed:
        return "added"
    return "updated" if changed else "unchanged"


def remove_bundle(bundle: Path) -> None:
    """Remove a generated bundle: its index.md and generated assets; the folder only if nothing else is left."""
    (bundle / INDEX).unlink(missing_ok=True)
    if bundle.is_dir():
        for child in bundle.iterdir():
            if _ASSET_NAME.match(child.name) or child.name.endswith(".tmp"):
                child.unlink()
        if not any(bundle.iterdir()):
            bundle.rmdir()


def apply_plan(files: Mapping[Path, bytes], remove: Iterable[Path] = ()) -> int:
    """Write a set of files and delete others (e.g. term pages); return how many files changed."""
    changed = 0
    with batched_writes():
        for path, data in sorted(files.items()):
            changed += atomic_write(path, data)
    for path in remove:
        if path.exists():
            path.unlink()
            changed += 1
            parent = path.parent
            if parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
    return changed


def write_text(path: Path, text: str) -> bool:
    """``atomic_write`` for UTF-8 text."""
    return atomic_write(path, text.encode("utf-8"))


def sweep_temp_files(root: Path) -> int:
    """Remove temp files a killed run left under ``root`` (``.name.XXXX.tmp``); return how many."""
    removed = 0
    for path in root.rglob(".*.tmp"):
        if path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
