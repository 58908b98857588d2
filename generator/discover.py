"""Find the source files in the inbox. Nothing here reads file contents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .report import Report

#: Files the tool itself keeps in the inbox, or that editors' tools leave there.
_IGNORED_NAMES = {".newsroom-errors.txt", "README.md", "readme.md", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class Found:
    """An inbox file and its cheap identity (size + mtime)."""

    source: str
    """Inbox-relative POSIX path."""
    path: Path
    size: int
    mtime_ns: int


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
    root = inbox.resolve()
    for dirpath, dirnames, filenames in os.walk(inbox, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.startswith(".") or name in _IGNORED_NAMES or name.endswith(("~", ".tmp", ".swp")):
                continue
            path = Path(dirpath) / name
            source = path.relative_to(inbox).as_posix()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    report.error(
                        source,
                        "",
                        f"is a symbolic link to {target}, outside the inbox; not read",
                        "copy the file into the inbox instead of linking to it",
                    )
                    continue
            try:
                stat = path.stat()
            except OSError as exc:
                report.error(source, "", f"cannot be read: {exc.strerror}", "check the file's permissions")
                continue
            if not path.is_file():
                continue
            yield Found(source, path, stat.st_size, stat.st_mtime_ns)
