"""Exceptions that carry enough context to print a message a person can act on."""

from __future__ import annotations


class NewsroomError(Exception):
    """Base class: every error we raise on purpose."""


class ReadError(NewsroomError):
    """A source file cannot become an article. Raised by readers; the pipeline records it and moves on."""

    def __init__(self, where: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.where = where
        """Field or ``line N`` the problem is in; ``""`` for the whole file."""
        self.message = message
        self.hint = hint
        """What the editor can do about it."""


class ConfigError(NewsroomError):
    """``site/config.toml`` is unusable. Carries every problem found, not only the first."""

    def __init__(self, path: str, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        """(key, message) pairs."""
        lines = "\n".join(f"  {key}: {message}" for key, message in problems)
        super().__init__(f"{path} has {len(problems)} problem(s):\n{lines}")


class BuildError(NewsroomError):
    """Hugo (or the search indexer) failed."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        """The tool's own output lines that explain it."""


class LockError(NewsroomError):
    """Another run holds the site lock."""
