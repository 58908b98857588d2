"""Find the source files in the inbox. Nothing here reads file contents."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .report import Report

#: Image files: in a sub-folder of the inbox they are pictures the articles beside them link, not sources.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".svg", ".ico", ".tif", ".tiff", ".heic")
#: Files the tool itself keeps in the inbox, or that editors' tools leave there.
_IGNORED_NAMES = {".newsroom-errors.txt", "README.md", "readme.md", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class Found:
    """An inbox file and its cheap identity (size + mtime)."""

    source: str
    """Inbox-relative POSIX path."""
    where: str
    """The file's path as a string (a ``Path`` for each of 10,000 files was a third of a no-op listing)."""
    size: int
    mtime_ns: int

    @property
    def path(self) -> Path:
        """The file's path."""
        return Path(self.where)


def resource_folder_of(name: str) -> str:
    """The page a folder holds the files of, when a browser named it so (``页面_files``, ``页面.files``), else ``""``.

    "Save as Webpage, Complete" writes ``页面.html`` and its images, style sheets and scripts in ``页面_files/``;
    they are the page's, not sources of their own.
    """
    for suffix in ("_files", ".files"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return ""


def discover(inbox: Path, report: Report) -> Iterator[Found]:
    """Every regular file under ``inbox``, sorted; hidden files and folders skipped.

    A symlink is followed only if it stays inside the inbox: a link to ``/etc/passwd`` must not be
    published.
    """
    if not inbox.is_dir():
        report.error(
            str(inbox), "", "the inbox folder does not exist", "create it or set newsroom.inbox in config.toml"
        )
        return
    yield from _walk(inbox, "", inbox.resolve(), report)


def _walk(directory: Path, prefix: str, root: Path, report: Report) -> Iterator[Found]:
    """``os.walk`` order (files sorted, then each sub-folder, sorted), from one ``scandir`` per folder.

    A no-op run is dominated by this listing; ``scandir`` gives the file type without a ``stat`` and
    ``DirEntry.stat`` caches, so each file costs one system call and no ``pathlib`` work.
    """
    try:
        with os.scandir(directory) as listing:
            entries = list(listing)
    except OSError:
        return  # as os.walk: an unreadable folder is skipped
    files: list[os.DirEntry[str]] = []
    folders: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (folders if is_dir else files).append(entry)
    for entry in sorted(files, key=lambda e: e.name):
        name = entry.name
        if name.startswith(".") or name in _IGNORED_NAMES or name.endswith(("~", ".tmp", ".swp")):
            continue
        if prefix and name.lower().endswith(IMAGE_SUFFIXES):
            continue  # ``images/photo.jpg``: a picture for the articles that link it, not a source
        source = prefix + name
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if not target.is_relative_to(root):
                report.error(
                    source,
                    "",
                    f"is a symbolic link to {target}, outside the inbox; not read",
                    "copy the file into the inbox instead of linking to it",
                )
                continue
        try:
            info = entry.stat()
        except OSError as exc:
            report.error(source, "", f"cannot be read: {exc.strerror}", "check the file's permissions")
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        yield Found(source, entry.path, info.st_size, info.st_mtime_ns)
    pages = {f.name.rsplit(".", 1)[0] for f in files if f.name.lower().endswith((".html", ".htm"))}
    for entry in sorted(folders, key=lambda e: e.name):
        if entry.name.startswith((".", "_")) or entry.is_symlink():
            continue  # hidden, or a link (links to folders are not followed)
        if resource_folder_of(entry.name) in pages:
            continue  # ``page_files/`` beside ``page.html`` ("Webpage, Complete"): the page's images and scripts
        yield from _walk(directory / entry.name, f"{prefix}{entry.name}/", root, report)
