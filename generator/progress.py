"""What people see while a run goes: a progress bar on a terminal, plain lines elsewhere (CI, pipes)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

#: Stage names as people read them.
LABELS = {
    "discover": "looking at the inbox",
    "select": "finding new and changed files",
    "read": "reading articles",
    "tags": "choosing tags",
    "duplicates": "looking for duplicate stories",
    "images": "downloading images",
    "write": "writing pages",
    "remove": "removing pages of deleted files",
    "terms": "writing tag and category pages",
    "finish": "saving state",
    "hugo": "building the site with hugo",
    "search": "indexing for search",
}


def interactive(stream: TextIO) -> bool:
    """A person at a terminal (not CI, not a pipe)."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Display:
    """Progress for one command: a live bar on a terminal, one line per stage with ``-v`` otherwise."""

    def __init__(self, stream: TextIO = sys.stderr, *, verbose: bool = False, quiet: bool = False) -> None:
        self.stream = stream
        self.verbose = verbose
        self.quiet = quiet
        self.live = interactive(stream) and not quiet
        self.console = Console(file=stream, highlight=False, soft_wrap=True)
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._started = time.perf_counter()

    @contextmanager
    def running(self) -> Iterator[Display]:
        """Show the bar for the duration of the block (when live)."""
        if self.live:
            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                console=self.console, transient=True,
            )  # fmt: skip
            with self._bar:
                self._task = self._bar.add_task("starting", total=None)
                yield self
            self._bar = None
        else:
            yield self

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = LABELS.get(stage, stage)
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, description=label, completed=done, total=total or None)
        elif self.verbose and total == 0:
            print(f"[{time.perf_counter() - self._started:6.2f} s] {label}", file=self.stream, flush=True)

    def summary(self, counts: dict[str, int], images: dict[str, int], seconds: float) -> None:
        """The closing table: what happened to the sources and images, and how long it took."""
        if self.quiet:
            return
        table = Table(title=None, show_header=True, header_style="bold", box=None, pad_edge=False)
        for key in ("added", "updated", "unchanged", "removed", "failed", "duplicates", "kept"):
            table.add_column(key, justify="right")
        table.add_column("images local/remote", justify="right")
        table.add_column("time", justify="right")
        table.add_row(
            *(
                str(counts.get(k, 0))
                for k in ("added", "updated", "unchanged", "removed", "failed", "duplicates", "kept")
            ),
            f"{images.get('local', 0)}/{images.get('remote', 0)}",
            f"{seconds:.2f} s",
        )
        Console(file=sys.stdout, highlight=False, width=120).print(table)
