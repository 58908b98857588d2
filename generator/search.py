"""The search index: Pagefind (extended edition, which segments Chinese) over the built site.

The theme's search widget loads ``/pagefind/pagefind.js`` from the site itself, so the index must be written into
``public/pagefind/`` after every hugo build.
"""

from __future__ import annotations

import importlib
import os
import subprocess
from pathlib import Path

from generator.errors import BuildError

TIMEOUT_SECONDS = 600
"""A run that takes longer than this is hung, not slow (5,000 pages index in a few seconds)."""


def pagefind_binary() -> Path:
    """Path of the ``pagefind_extended`` binary shipped by the PyPI package ``pagefind[extended]``.

    ``PAGEFIND_BINARY_PATH`` overrides it, as it does for the ``pagefind`` package itself.
    """
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        # The wheel "pagefind_bin_extended" ships the binary next to its __init__ and exposes get_executable().
        module = importlib.import_module("pagefind_bin_extended")
    except ImportError as exc:
        raise BuildError(
            "pagefind (extended) is not installed",
            "install the Python package pagefind[extended]; its extended binary segments Chinese text",
        ) from exc
    try:
        found = module.get_executable()
    except (FileNotFoundError, AttributeError) as exc:
        raise BuildError("the pagefind_bin_extended package has no binary", str(exc)) from exc
    return Path(str(found))


def run_pagefind(public_dir: Path) -> None:
    """Index the built site in ``public_dir`` in place (writes ``public_dir/pagefind/``).

    Raises BuildError with pagefind's own output when the binary is missing, fails or indexes nothing.
    """
    if not (public_dir / "index.html").is_file():
        raise BuildError(f"cannot index {public_dir}: it holds no built site", "run hugo first")
    binary = pagefind_binary()
    if not binary.is_file():
        raise BuildError(f"pagefind binary not found at {binary}", "reinstall pagefind[extended]")
    cmd = [str(binary), "--site", str(public_dir), "--quiet"]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError("pagefind could not run", str(exc)) from exc
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise BuildError(f"pagefind failed with exit code {result.returncode}", output)
    if not (public_dir / "pagefind" / "pagefind.js").is_file():
        raise BuildError("pagefind wrote no index", output)
