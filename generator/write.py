"""The only code that writes into the site. Every write is atomic (temp file + fsync + rename) and
skipped when the bytes on disk are already right, so a re-run changes no file and no mtime."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
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
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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
