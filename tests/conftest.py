"""Shared fixtures: a throwaway copy of the shipped site, and a guard that blocks non-local network."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
THEMES = ROOT / "themes"
SAMPLES = sorted((SITE / "inbox").glob("0*.txt"))

_real_connect = socket.socket.connect


def _local_only(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"} and not host.startswith("127."):
        raise OSError(f"test tried to reach {host!r}: tests may only use servers they start on 127.0.0.1")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in the test suite may depend on the outside world."""
    monkeypatch.setattr(socket.socket, "connect", _local_only)


def copy_site(root: Path) -> Path:
    """Copy the shipped site into ``root/site`` without anything generated, the theme beside it; return it."""
    target = root / "site"
    shutil.copytree(SITE, target, ignore=shutil.ignore_patterns("public", ".newsroom", "resources", ".hugo_build.lock"))
    for generated in ("content/posts", "content/tags", "content/categories"):
        if (target / generated).exists():
            shutil.rmtree(target / generated)
    (target / "data" / "taxonomies.json").unlink(missing_ok=True)
    shutil.copytree(THEMES, root / "themes")
    return target


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the shipped site (config, inbox samples, hand-written content) with the theme beside it."""
    return copy_site(tmp_path)
