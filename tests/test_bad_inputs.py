"""Bad inputs: every file in ``tests/bad_inputs`` gets the outcome ``expected.toml`` gives it.

All of them go into one inbox next to the five samples; one ``newsroom ingest`` (the real command, in a
subprocess) reads them all, and one strict Hugo build publishes the result. Files too big to commit (50 MB of
text, lines of 1 MB) and a symlink out of the inbox are made at run time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import frontmatter
import pytest

from generator.build import run_hugo
from generator.config import load_config
from generator.pipeline import Options, ingest
from generator.report import Report
from generator.state import generated_pages

from .conftest import SAMPLES, copy_site

CORPUS = Path(__file__).parent / "bad_inputs"
MANIFEST: dict[str, dict[str, Any]] = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
SAMPLE_NAMES = [p.name for p in SAMPLES]


@dataclass(frozen=True, slots=True)
class Run:
    """The one ingest of the whole corpus."""

    site: Path
    code: int
    stderr: str
    doc: dict[str, Any]
    pages: dict[str, Path]
    """Source name → its page bundle."""

    def problems(self, name: str, *severities: str) -> list[dict[str, str]]:
        return [p for p in self.doc["problems"] if p["file"] == name and p["severity"] in severities]


def _generate(inbox: Path, outside: Path) -> None:
    """The inputs that are not committed: a 50 MB file, 1 MB lines, a symlink leaving the inbox."""
    chunk = ("五十兆的文本文件，编辑误把整个导出文件放进了收件箱。" * 2000 + "\n").encode("utf-8")
    with (inbox / "text_50_mb.txt").open("wb") as handle:
        for _ in range(50_000_000 // len(chunk) + 1):
            handle.write(chunk)
    # A screenshot pasted as a data URL and a pasted hex dump: one line of 1 MB each.
    image = "data:image/png;base64,iVBORw0KGgo" + "A" * 1_000_000
    dump = "0123456789abcdef" * 62_500
    text = (
        "# 一行一兆的文章\n\n2025-03-01 10:00\n\n编辑把截图以数据地址的形式粘贴进来，这一行就有一兆字节那么长。\n\n"
        f"![截图]({image})\n\n还有一行一兆的十六进制数据：\n\n{dump}\n\n文章到此结束，其他文章照常发布。\n"
    )
    (inbox / "lines_of_1_mb.md").write_text(text, encoding="utf-8")
    secret = outside / "secret.txt"
    secret.write_text("# 机密文件\n\n2025-03-01 10:00\n\n这份文件在收件箱之外，绝不能被发布出去。\n", encoding="utf-8")
    (inbox / "symlink_outside_inbox.txt").symlink_to(secret)


def _newsroom() -> list[str]:
    script = Path(sys.executable).parent / "newsroom"
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("bad")
    site = copy_site(root)
    inbox = site / "inbox"
    for path in CORPUS.iterdir():
        if path.name != "expected.toml":
            shutil.copy(path, inbox / path.name)
    _generate(inbox, root)
    result = subprocess.run(
        [*_newsroom(), "ingest", "--offline", "--json", "--site", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    doc = json.loads(result.stdout)
    pages = {page.source: page.bundle for page in generated_pages(load_config(site).section_dir)}
    return Run(site, result.returncode, result.stderr, doc, pages)


def test_the_corpus_and_its_manifest_match() -> None:
    committed = {p.name for p in CORPUS.iterdir() if p.name != "expected.toml"}
    generated = {name for name, spec in MANIFEST.items() if spec.get("generated")}
    assert committed | generated == set(MANIFEST)
    assert len(MANIFEST) >= 40
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 200_000  # big inputs are generated, not committed


def test_the_command_exits_1_without_a_traceback(run: Run) -> None:
    assert run.code == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "Traceback" not in json.dumps(run.doc)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_outcome(run: Run, name: str) -> None:
    spec = MANIFEST[name]
    outcome = spec["outcome"]
    sources = run.doc["sources"]
    published = name in sources["added"]
    if outcome == "error":
        assert not published and name not in run.pages
    elif outcome == "duplicate":
        assert not published and name not in sources["failed"]
        notes = run.problems(name, "info", "warning")
        assert any(keeper in p["message"] for p in notes for keeper in SAMPLE_NAMES), notes
    else:
        assert published and name in run.pages, run.problems(name, "error")
    if outcome in {"error", "warning"}:
        severity = outcome
        found = run.problems(name, severity)
        assert any(p["where"] == spec["where"] and spec["message"] in p["message"] for p in found), found
    if name in run.pages:
        post = frontmatter.loads((run.pages[name] / "index.md").read_text(encoding="utf-8"))
        if "title" in spec:
            assert post["title"] == spec["title"]
        for field in ("title", "author", "summary", "slug"):
            assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", str(post.get(field, ""))), field
        for text in spec.get("body_excludes", []):
            assert text.lower() not in post.content.lower(), text


def test_every_problem_names_its_file_and_says_what_to_do(run: Run) -> None:
    names = set(MANIFEST) | set(SAMPLE_NAMES) | {"config.toml"}
    for problem in run.doc["problems"]:
        assert problem["file"] in names, problem
        if problem["severity"] in {"error", "warning"}:
            assert problem["hint"].strip(), problem
            assert problem["message"].strip(), problem


def test_the_samples_still_publish(run: Run) -> None:
    assert set(SAMPLE_NAMES) <= set(run.doc["sources"]["added"])
    assert set(SAMPLE_NAMES) <= set(run.pages)


def test_nothing_outside_the_inbox_is_published(run: Run) -> None:
    for bundle in run.pages.values():
        assert "机密文件" not in (bundle / "index.md").read_text(encoding="utf-8")


# --- the built site ------------------------------------------------------------------------------------------

#: Scripts the theme itself writes; anything else in a built page came from an article.
_THEME_SCRIPT = re.compile(r"^/js/search\.[0-9a-f]{64}\.js$")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset"}
_BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data:text|data:application)", re.IGNORECASE)
_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
#: Hugo's own alias pages redirect within the site; a refresh anywhere else came from an article.
_SITE_REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(?:/|https://example\.org/)", re.IGNORECASE)
_LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "import"}


class HostileMarkup(HTMLParser):
    """Collects everything in a page that could run code or load from another host."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script_type = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag in _FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if (
            tag == "meta"
            and values.get("http-equiv", "").lower() == "refresh"
            and not _SITE_REFRESH.match(values.get("content", ""))
        ):
            self.found.append("<meta http-equiv=refresh>")
        if tag == "script":
            self._in_script = True
            self._script_type = values.get("type", "")
            src = values.get("src", "")
            if not (_THEME_SCRIPT.match(src) or (not src and self._script_type == "application/ld+json")):
                self.found.append(f"<script {values}>")
        for key, value in values.items():
            if key.startswith("on"):
                self.found.append(f"<{tag} {key}=...>")
            if key in _URL_ATTRIBUTES and _BAD_SCHEME.match(value):
                self.found.append(f"<{tag} {key}={value[:40]}>")
            if key == "style" and "url(" in value.lower():
                self.found.append(f"<{tag} style=url(...)>")
        loads = values.get("src", "") or values.get("srcset", "")
        if tag == "link" and set(values.get("rel", "").lower().split()) & _LOADING_LINKS:
            loads = values.get("href", "")
        if re.match(r"^\s*(?:https?:)?//", loads) and not re.match(r"^\s*https://example\.org/", loads):
            self.found.append(f"<{tag}> loads {loads[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "<" in data:
            self.found.append(f"markup inside a script: {data[:60]}")


def hostile_markup(html: str) -> list[str]:
    """What in ``html`` could run a script, frame another page, or fetch from another host."""
    parser = HostileMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def public(run: Run) -> Path:
    run_hugo(run.site)  # strict: --panicOnWarning; raises BuildError naming the page on any problem
    return run.site / "public"


@pytest.mark.hugo
def test_the_strict_hugo_build_passes_and_no_page_carries_hostile_markup(run: Run, public: Path) -> None:
    pages = sorted(public.rglob("*.html"))
    assert len(pages) > len(run.pages)
    problems = {
        p.relative_to(public).as_posix(): found for p in pages if (found := hostile_markup(p.read_text("utf-8")))
    }
    assert problems == {}
    assert not list(public.rglob("*evil*"))
    for name, spec in MANIFEST.items():
        if spec.get("html_includes"):
            html = (public / "posts" / run.pages[name].name / "index.html").read_text(encoding="utf-8")
            for text in spec["html_includes"]:
                assert text in html, (name, text)
        if spec.get("text_includes"):
            html = (public / "posts" / run.pages[name].name / "index.html").read_text(encoding="utf-8")
            shown = unescape(re.sub(r"<[^>]*>", "", html))
            for text in spec["text_includes"]:
                assert text in shown, (name, text)


@pytest.mark.hugo
def test_the_scanner_sees_hostile_markup() -> None:
    page = (
        '<p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><iframe src="/"></iframe>'
        '<script>alert(1)</script><img src="https://evil.example/p.gif"></p>'
    )
    assert len(hostile_markup(page)) == 5


@pytest.mark.hugo
def test_two_articles_with_the_same_title_still_build(site: Path) -> None:
    """Same headline from two publishers: an empty ``menu`` once made Hugo fail on duplicate menu entries."""
    for name, text in (("a.md", "第一家媒体的报道，内容各不相同。"), ("b.md", "另一家媒体完全不同的写法和细节。")):
        (site / "inbox" / name).write_text(f"---\ntitle: 早间新闻\ndate: 2025-03-01\n---\n\n{text}\n", "utf-8")
    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    assert {"a.md", "b.md"} <= set(summary.added)
    run_hugo(site)
