"""Problems found during a run, collected per file instead of raised through the whole run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that went wrong (or looks doubtful) with one file."""

    file: str
    """The file it concerns (inbox-relative source path, or a site path such as ``config.toml``)."""
    where: str
    """The field (``date``), key (``newsroom.widgets``) or ``line N`` it concerns; ``""`` for the whole file."""
    message: str
    """What is wrong, in plain words."""
    hint: str = ""
    """What to do about it."""
    severity: Severity = "error"
    """``error`` skips the file; ``warning`` publishes it anyway; ``info`` is only shown with ``-v``."""

    def __str__(self) -> str:
        where = f" [{self.where}]" if self.where else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{self.severity}: {self.file}{where}: {self.message}{hint}"


@dataclass(slots=True)
class Report:
    """Collects problems; the same problem reported twice is kept once."""

    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def add(self, problem: Problem) -> None:
        """Record a problem unless the identical one is already recorded."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.problems.append(problem)

    def error(self, file: str, where: str, message: str, hint: str = "") -> None:
        """Record an error: the file is not published."""
        self.add(Problem(file, where, message, hint, "error"))

    def warn(self, file: str, where: str, message: str, hint: str = "") -> None:
        """Record a warning: the file is published, but someone should look."""
        self.add(Problem(file, where, message, hint, "warning"))

    def info(self, file: str, where: str, message: str, hint: str = "") -> None:
        """Record a note shown only in verbose output."""
        self.add(Problem(file, where, message, hint, "info"))

    def extend(self, other: Report) -> None:
        """Add every problem of another report."""
        for problem in other.problems:
            self.add(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __len__(self) -> int:
        return len(self.problems)

    @property
    def errors(self) -> list[Problem]:
        """Problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]

    def for_file(self, file: str) -> list[Problem]:
        """Problems recorded against one file."""
        return [p for p in self.problems if p.file == file]

    def to_json(self) -> str:
        """The problems as a JSON array, one object per problem."""
        return json.dumps([asdict(p) for p in self.problems], ensure_ascii=False, indent=2)
