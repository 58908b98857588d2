"""Crash safety: SIGKILL the ingest at random moments; the site never holds a half-written page.

One corpus of 1,000 small articles (each with an image from a local 127.0.0.1 server) is made once. A clean,
uninterrupted run gives the reference content. A second site is then ingested again and again, each run killed
with SIGKILL after a random (seeded) delay; between runs a random quarter of the sources is edited (or edited
back), so every run has pages to rewrite when the kill comes. After every kill each ``index.md`` must parse and
carry a matching checksum; at the end, with every source back as it was, one uninterrupted run must leave
``content/`` byte-identical to the reference.

Each run is a child process running ``newsroom ingest`` (``cli.main``), forked from a parent that has already
loaded the word segmenter: a fresh interpreter spends ~4 s loading it, which would eat the time budget before
any page is written.

Temp files: ``write.py`` writes ``.<name>.XXXX.tmp`` beside the target and renames it; a kill can leave one
behind. Their names start with a dot, and Hugo ignores dot-files in ``content/`` (checked below with a build),
so a leftover is never published; they are not part of the byte-for-byte comparison.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import signal
import threading
import time
import traceback
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frontmatter
import pytest
from PIL import Image

from generator import cli
from generator.build import run_hugo
from generator.render import page_checksum_ok
from generator.tagger import _segmenter_for

from .conftest import SITE, THEMES

ARTICLES = 1000
TRIALS = 24
SEED = 20250214
_WORDS = [
    "markets", "rose", "council", "met", "rain", "expected", "bridge", "opened", "prices", "fell", "team", "won",
    "river", "flooded", "school", "reopened", "port", "exports", "grew", "factory", "hired", "train", "delayed",
    "museum", "closed", "budget", "passed", "festival", "began", "storm", "farmers", "harvest", "mayor", "resigned",
    "hospital", "expanded", "airline", "cut", "routes", "library", "moved", "startup", "raised", "funds", "court",
]  # fmt: skip


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def image_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Twenty small PNGs served from 127.0.0.1."""
    root = tmp_path_factory.mktemp("images")
    for n in range(20):
        buffer = io.BytesIO()
        Image.new("RGB", (64 + n, 48), (n * 12, 80, 200 - n * 5)).save(buffer, "PNG")
        (root / f"{n}.png").write_bytes(buffer.getvalue())
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, image_server: str) -> Path:
    """A site skeleton (config allowing the local image server) with 1,000 small articles in its inbox."""
    rng = random.Random(SEED)  # noqa: S311  (a reproducible schedule, not a secret)
    root = tmp_path_factory.mktemp("crash-corpus")
    site = root / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("public", ".newsroom", "resources", "inbox", "posts"))
    config = site / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[newsroom.images]\n  allow_private_hosts = true\n", encoding="utf-8"
    )
    inbox = site / "inbox"
    inbox.mkdir()
    for i in range(ARTICLES):
        # Mostly Latin text: the keyword tagger costs ~0.1 ms per Han character, and this test is about writes.
        title = f"新闻 {i}: item {rng.randrange(16**6):06x} report"
        words = " ".join(rng.sample(_WORDS, 12))
        body = f"新闻测试。Article {i} reports on item {rng.randrange(10**9)} in plain words: {words}."
        inbox.joinpath(f"{i:04d}.md").write_text(
            f'---\ntitle: "{title}"\ndate: "2025-03-{1 + i % 28:02d} 10:{i % 60:02d}:00"\n'
            f'tags: ["测试", "第{i % 7}组"]\nsource_url: "https://news.example/a/{i}"\n---\n\n'
            f"![图{i}]({image_server}/{i % 20}.png)\n\n{body}\n",
            encoding="utf-8",
        )
    return root


def _copy_site(corpus: Path, target: Path) -> Path:
    shutil.copytree(corpus / "site", target / "site")
    if not (target / "themes").exists():
        shutil.copytree(THEMES, target / "themes")
    return target / "site"


def _ingest(site: Path, log: Path) -> int:
    """Fork a child that runs ``newsroom ingest`` on ``site`` (stderr to ``log``); return its pid."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            os.dup2(fd, 2)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            code = cli.main(["ingest", "--quiet", "--site", str(site)])
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, timeout: float | None = None) -> int | None:
    """The child's exit code, or None if it is still running after ``timeout`` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def _edit_sources(inbox: Path, originals: dict[str, str], rng: random.Random, trial: int) -> None:
    """Edit a random quarter of the sources (the others go back to their original text)."""
    for name, text in originals.items():
        edited = rng.random() < 0.25
        (inbox / name).write_text(text + (f"\nRevision {trial} adds one more line.\n" if edited else ""), "utf-8")


def _content(site: Path) -> dict[str, bytes]:
    """Every file of ``content/`` Hugo would see (dot-files are ignored by Hugo), by relative path."""
    root = site / "content"
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def _check_no_half_written_page(site: Path) -> None:
    for page in (site / "content" / "posts").glob("*/index.md"):
        text = page.read_text(encoding="utf-8")
        post = frontmatter.loads(text)
        assert post.get("title"), page
        assert page_checksum_ok(text) is True, f"{page} is truncated or half-written"
    for image in (site / "content" / "posts").glob("*/img-*"):
        with Image.open(image) as opened:
            opened.verify()


@pytest.mark.slow
def test_sigkill_at_random_moments_never_leaves_a_partial_site(corpus: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    _segmenter_for(tmp_path / "segmenter")  # warm the parent once; every forked run inherits it
    log = tmp_path / "stderr.log"
    clean = _copy_site(corpus, tmp_path / "clean")
    t0 = time.monotonic()
    assert _wait(_ingest(clean, log)) == 0, log.read_text("utf-8")[-3000:]
    full_run = time.monotonic() - t0
    reference = _content(clean)
    assert sum(1 for k in reference if k.startswith("posts/") and k.endswith("/index.md")) == ARTICLES

    crashed = _copy_site(corpus, tmp_path / "crashed")
    inbox = crashed / "inbox"
    originals = {p.name: p.read_text("utf-8") for p in sorted(inbox.iterdir())}
    rng = random.Random(SEED)  # noqa: S311  (a reproducible schedule, not a secret)
    kills = 0
    for trial in range(TRIALS):
        if trial:
            _edit_sources(inbox, originals, rng, trial)
        pid = _ingest(crashed, log)
        # The first kill lands anywhere in a full run; later runs redo about a quarter of the pages.
        if _wait(pid, rng.uniform(0.05, full_run if trial == 0 else full_run / 3)) is None:
            os.kill(pid, signal.SIGKILL)
            kills += 1
            _wait(pid)
        _check_no_half_written_page(crashed)
    trials_done = time.monotonic()
    assert kills >= 20, f"only {kills} of {TRIALS} runs were still going when killed"
    assert "Traceback" not in log.read_text("utf-8")

    for name, text in originals.items():
        (inbox / name).write_text(text, "utf-8")
    assert _wait(_ingest(crashed, log)) == 0, log.read_text("utf-8")[-3000:]
    _check_no_half_written_page(crashed)
    after = _content(crashed)
    assert sorted(after) == sorted(reference)
    assert [k for k in reference if after[k] != reference[k]] == []

    # Whatever temp files the kills left are invisible to Hugo: plant some for sure, build, look.
    leftovers = [p.name for p in (crashed / "content").rglob(".*.tmp")]
    bundle = next((crashed / "content" / "posts").iterdir())
    (bundle / ".index.md.k1ll3d.tmp").write_text("---\ntitle: half", encoding="utf-8")
    (bundle / ".img-0123456789ab.png.k1ll3d.tmp").write_bytes(b"\x89PNG")
    run_hugo(crashed)
    assert not [p for p in (crashed / "public").rglob("*") if ".tmp" in p.name or "k1ll3d" in p.name]
    elapsed = time.monotonic() - started
    print(
        f"\n{kills} kills in {TRIALS} trials; {len(leftovers)} temp files left behind; {elapsed:.1f} s"
        f" (clean run {full_run:.1f} s, trials {trials_done - t0 - full_run:.1f} s)"
    )
    assert elapsed < 120
