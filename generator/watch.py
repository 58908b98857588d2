"""Watch the inbox: a new or changed file becomes a page within about a second.

Events are debounced (an editor's save often arrives as create + several modify events, and a copy of
a large file as many), then one incremental ingest runs; a run that is already going finishes first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

#: Quiet time after the last event before a run starts.
DEBOUNCE_SECONDS = 0.3


class _Trigger(FileSystemEventHandler):
    def __init__(self, wake: threading.Event) -> None:
        self.wake = wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        name = Path(str(event.src_path)).name
        if event.is_directory or name.startswith(".") or name.endswith((".tmp", "~", ".swp")):
            return  # our own error list and editors' temp files must not re-trigger a run
        self.wake.set()


def watch(
    inbox: Path, run_once: Callable[[], None], stop: threading.Event, on_ready: Callable[[], None] = lambda: None
) -> None:
    """Call ``run_once`` after each burst of inbox changes until ``stop`` is set."""
    wake = threading.Event()
    observer = Observer()
    observer.schedule(_Trigger(wake), str(inbox), recursive=True)
    observer.start()
    try:
        on_ready()
        while not stop.is_set():
            if not wake.wait(timeout=0.2):
                continue
            wake.clear()
            while wake.wait(timeout=DEBOUNCE_SECONDS):  # wait for the burst to settle
                wake.clear()
            if not stop.is_set():
                run_once()
    finally:
        observer.stop()
        observer.join(timeout=5)
