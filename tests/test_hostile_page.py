"""No script from an article ever runs on the site: the hostile fixtures, built and loaded in headless Chromium.

The hostile files of ``tests/bad_inputs`` (script tags, ``javascript:`` links, ``onerror=``, iframes, raw HTML in
markdown, ``markup: html``, a ``</script>`` title, shortcodes) are ingested and built with the strict Hugo
build, served from 127.0.0.1, and every built page is opened: no dialog may fire, no request may leave
127.0.0.1, and no element may carry an event handler or a ``javascript:`` address. A canary page that does
run a script proves the watch works.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.build import run_hugo
from generator.config import load_config
from generator.pipeline import Options, ingest
from generator.report import Report

from .browsing import Watch, chromium, local_server
from .conftest import copy_site
from .test_bad_inputs import CORPUS, hostile_markup

pytestmark = [pytest.mark.browser, pytest.mark.hugo]


HOSTILE = [
    "html_with_script.html",
    "html_javascript_links.html",
    "html_onerror_img.html",
    "html_iframe.html",
    "html_meta_refresh_and_base.html",
    "markdown_raw_html.md",
    "markdown_javascript_links.md",
    "markup_html_override.md",
    "hugo_keys_in_front_matter.md",
    "title_with_script_tag.md",
    "source_url_javascript.md",
    "thumbnail_javascript.md",
    "page_text_with_script_lines.txt",
    "hugo_shortcode_in_text.md",
    "aliases_hijack_other_pages.md",
]
CANARY = "canary/index.html"
#: Elements with an inline handler or a script address, counted in the live DOM.
_DOM_CHECK = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on')));
  const scripted = all.filter(e => ['href', 'src', 'action', 'formaction', 'data'].some(
      n => /^\\s*(javascript|vbscript|data:text)/i.test(e.getAttribute(n) || '')));
  const frames = document.querySelectorAll('iframe, frame, object, embed');
  return handlers.length + scripted.length + frames.length;
}"""


@dataclass
class Served:
    base: str
    public: Path
    pages: list[str]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = copy_site(tmp_path_factory.mktemp("hostile"))
    for path in (site / "inbox").iterdir():
        path.unlink()
    for name in HOSTILE:
        shutil.copy(CORPUS / name, site / "inbox" / name)
    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    assert sorted(summary.added) == sorted(HOSTILE), report.errors
    public = site / "public"
    with local_server(public) as base:
        run_hugo(site, "public", "--baseURL", base)
        pages = sorted(p.relative_to(public).as_posix() for p in public.rglob("index.html"))
        (public / CANARY).parent.mkdir()
        (public / CANARY).write_text("<!doctype html><title>canary</title><script>alert('canary')</script>", "utf-8")
        yield Served(base, public, pages)


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _visit(browser: Any, served: Served, path: str) -> tuple[Watch, int]:
    context = browser.new_context()
    watch = Watch(base=served.base)
    context.route("**/*", watch.route)
    page = context.new_page()
    page.on("dialog", watch.on_dialog)
    try:
        response = page.goto(served.base + path, wait_until="load")
        assert response is not None and response.status == 200, path
        page.mouse.move(200, 300)  # hover handlers, had any survived
        page.wait_for_timeout(150)  # late onerror/onload handlers and timers
        count: int = page.evaluate(_DOM_CHECK)
    finally:
        context.close()
    return watch, count


def test_the_canary_proves_dialogs_are_seen(browser: Any, served: Served) -> None:
    watch, _ = _visit(browser, served, CANARY)
    assert watch.dialogs == ["alert: canary"]


def test_no_page_built_from_hostile_articles_runs_a_script_or_leaves_127_0_0_1(browser: Any, served: Served) -> None:
    assert len(served.pages) > len(HOSTILE)
    for path in served.pages:
        html = (served.public / path).read_text(encoding="utf-8")
        assert hostile_markup(html.replace(served.base, "https://example.org/")) == [], path
        watch, count = _visit(browser, served, path)
        assert watch.dialogs == [], path
        assert watch.foreign == [], path
        assert count == 0, path
