"""One run per site at a time: a second run waits for the first, or gives up with a clear message."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import LockError

LOCK_FILE = "lock"
_held: set[int] = set()
"""Descriptors of the locks this process holds; a forked worker closes its copies (``release_inherited``)."""


def release_inherited() -> None:
    """In a forked child: drop the copies of the parent's lock descriptors.

    A ``flock`` lasts while any descriptor of the open file is open, so a worker that outlived a
    SIGKILLed parent would otherwise keep the site locked. Closing the child's copy never releases
    the parent's lock.
    """
    for fd in list(_held):
        with suppress(OSError):
            os.close(fd)
    _held.clear()


@contextmanager
def site_lock(state_dir: Path, wait: float = 30.0, poll: float = 0.1) -> Iterator[None]:
    """Hold an exclusive lock on ``state_dir/lock`` for the duration of the block.

    The lock is an OS file lock (``flock``), so a run killed with SIGKILL releases it at once; there
    is no stale lock file to clean up by hand.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = path.read_text(encoding="utf-8", errors="replace").strip() or "another process"
                    raise LockError(
                        f"another newsroom run ({holder}) is working on {state_dir.parent}; "
                        f"waited {wait:.0f} s. Try again when it has finished."
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        _held.add(fd)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # closing the descriptor releases the flock
