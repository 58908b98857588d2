"""The newsroom theme in headless Chromium: pages render cleanly, load nothing from elsewhere, search finds Chinese.

The fixture site of tests/test_theme.py is built with the real hugo and indexed with Pagefind, then served from a
thread on 127.0.0.1. Screenshots go to artifacts/screenshots/ (gitignored) for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.search import run_pagefind
from tests.browsing import Watch, chromium, local_server
from tests.test_theme import ROOT, hugo_build, make_site

pytestmark = [pytest.mark.browser, pytest.mark.hugo]

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Served:
    """The built fixture site and the local server in front of it."""

    base: str
    public: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("browser")
    public = root / "site" / "public"
    public.mkdir(parents=True)
    with local_server(public) as base:
        site = make_site(root)
        result = hugo_build(site, "--baseURL", base)
        assert result.returncode == 0, result.stdout + result.stderr
        run_pagefind(public)
        yield Served(base=base, public=public)


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _open(browser: Any, served: Served, path: str, viewport: dict[str, int], **context: Any) -> tuple[Any, Watch]:
    ctx = browser.new_context(viewport=viewport, locale="zh-CN", **context)
    watch = Watch(base=served.base)
    ctx.route("**/*", watch.route)
    page = ctx.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_pageerror)
    response = page.goto(served.base + path.lstrip("/"), wait_until="load")
    assert response is not None and response.status == 200, path
    return page, watch


def _shot(page: Any, name: str) -> None:
    """Full-page screenshot, after scrolling once to the end so lazy images are in it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _clean(watch: Watch) -> None:
    assert watch.errors == []
    assert watch.foreign == [], "requests left 127.0.0.1"


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("article", "/posts/baidu-wenxin-kaiyuan/"),
        ("tag", "/tags/百度/"),
        ("category", "/categories/腾讯新闻/"),
        ("article-left-mathjax", "/posts/openai-gpt5-luxiantu/"),
        ("not-found", "/404.html"),
    ],
)
def test_page_renders_cleanly(browser: Any, served: Served, name: str, path: str) -> None:
    page, watch = _open(browser, served, path, DESKTOP)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() >= 1
    _shot(page, f"{name}-desktop")
    _clean(watch)
    page.context.close()


def test_article_thumbnail_and_toc(browser: Any, served: Served) -> None:
    page, watch = _open(browser, served, "/posts/baidu-wenxin-kaiyuan/", DESKTOP)
    thumb = page.locator(".article__figure img")
    thumb.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", thumb.element_handle())
    assert page.locator(".toc a", has_text="深度求索的冲击").is_visible()
    page.locator(".toc a", has_text="深度求索的冲击").click()
    assert page.evaluate("location.hash") == "#" + "深度求索的冲击" or "%E6" in page.evaluate("location.hash")
    _clean(watch)
    page.context.close()


def test_mathjax_is_local_and_renders(browser: Any, served: Served) -> None:
    page, watch = _open(browser, served, "/posts/openai-gpt5-luxiantu/", DESKTOP)
    page.locator("mjx-container").first.wait_for(timeout=15000)
    _clean(watch)
    page.context.close()


def test_sidebar_switches_sides(browser: Any, served: Served) -> None:
    sides = {}
    for path in ("/posts/baidu-wenxin-kaiyuan/", "/posts/openai-gpt5-luxiantu/"):
        page, watch = _open(browser, served, path, DESKTOP)
        main = page.locator("main").bounding_box()
        aside = page.locator("aside.sidebar").bounding_box()
        assert main and aside
        sides[path] = "right" if aside["x"] > main["x"] else "left"
        _clean(watch)
        page.context.close()
    assert sides == {"/posts/baidu-wenxin-kaiyuan/": "right", "/posts/openai-gpt5-luxiantu/": "left"}
    page, watch = _open(browser, served, "/posts/no-date-no-sidebar/", DESKTOP)
    assert page.locator("aside").count() == 0
    page.context.close()


def test_search_finds_a_chinese_word(browser: Any, served: Served) -> None:
    page, watch = _open(browser, served, "/", DESKTOP)
    page.locator("#search-input").fill("开源")
    hit = page.locator(".search__results a", has_text="百度变调")
    hit.wait_for(timeout=15000)
    _shot(page, "search-desktop")
    hit.click()
    page.wait_for_url("**/posts/baidu-wenxin-kaiyuan/")
    _clean(watch)
    page.context.close()


def test_card_thumbnail_opens_the_article(browser: Any, served: Served) -> None:
    """A card's thumbnail is not a link of its own: the title's link is stretched over the whole card."""
    page, watch = _open(browser, served, "/", DESKTOP)
    card = page.locator("article.card", has=page.locator('a[href="/posts/baidu-wenxin-kaiyuan/"]'))
    assert card.locator("a").count() == 1
    box = card.locator("img").bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # what is on top there is the link
    page.wait_for_url("**/posts/baidu-wenxin-kaiyuan/")
    _clean(watch)
    page.context.close()


@pytest.mark.parametrize(
    ("name", "path"), [("home", "/"), ("article", "/posts/baidu-wenxin-kaiyuan/"), ("tag", "/tags/百度/")]
)
def test_phone_width_has_no_horizontal_scroll(browser: Any, served: Served, name: str, path: str) -> None:
    page, watch = _open(browser, served, path, PHONE, is_mobile=True, device_scale_factor=2, has_touch=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    _shot(page, f"{name}-phone")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {PHONE['width']}px"
    _clean(watch)
    page.context.close()


def test_dark_mode_follows_the_os(browser: Any, served: Served) -> None:
    page, watch = _open(browser, served, "/posts/baidu-wenxin-kaiyuan/", DESKTOP, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    _shot(page, "article-dark-desktop")
    assert background == "rgb(20, 22, 26)"
    _clean(watch)
    page.context.close()
