"""The newsroom theme, built with the real pinned hugo on a fixture site: every front-matter key shows in the HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageOps

from generator.build import hugo_binary

ROOT = Path(__file__).resolve().parent.parent
THEMES = ROOT / "themes"
SITE_CONFIG = ROOT / "site" / "config.toml"
HUGO = hugo_binary()  # the pinned binary of the installed hugo package, wherever the venv is

BAIDU_BODY = """\
百度宣布将开源下一代文心大模型。

## 开源的决定

2月14日，百度（Nasdaq：BIDU，09888.HK）宣布，将在未来几个月中陆续推出文心大模型4.5系列，并于6月30日起正式开源。

![发布会现场](img-body01.png "发布会现场")

前一日，百度宣布文心一言将于4月1日0时起全面免费，所有PC端和APP端用户均可体验文心系列最新模型。

## 闭源与开源之争

李彦宏的判断是，闭源才有真正的商业模式，才能聚集人才和算力。

### 深度求索的冲击

今年1月，DeepSeek推出大模型DeepSeek-R1。作为一款开源模型，
R1在数学、代码、自然语言推理等任务上的性能能够比肩OpenAI o1模型正式版。

![远程图片](https://inews.gtimg.com/om_bt/OzEse1jF88LqjuH0nXD12MfLtNDwQTtO4zYOdZ297Gum0AA/641)

![丢失的图片](img-missing.jpg)

截至记者发稿，百度港股涨超1%。
"""

OPENAI_BODY = """\
**2月13日消息，钛媒体AGI获悉，OpenAI首席执行官奥尔特曼（Sam Altman）今晨公布关于GPT-4.5和GPT-5的路线图消息。**

OpenAI不再“挤牙膏”，GPT-5或将在今年退出
--------------------------

> “We want AI to “just work” for you; we realize how complicated our model and product offerings have gotten.”

* **2018年**6月，OpenAI发布GPT-1。
* **2019年**：OpenAI发布GPT-2。

模型的损失函数可写成 $$L = -\\sum_i y_i \\log p_i$$ 这样的形式。

谷歌、字节则持续加速模型迭代
-------------------------------

与此同时，OpenAI官方发布了一条题为“分享最新的模型规范”的文章。
"""


@dataclass(frozen=True)
class Article:
    """One fixture article: its front matter (in the generator's key order) and body."""

    slug: str
    meta: dict[str, Any]
    body: str
    images: dict[str, tuple[int, int]]
    """Bundle image file name -> (width, height) to generate."""


def _meta(**overrides: Any) -> dict[str, Any]:
    """Front matter in the generator's fixed key order, with the generator's defaults."""
    meta: dict[str, Any] = {
        "title": "",
        "date": "2025-02-14T12:46:28+08:00",
        "summary": "",
        "categories": ["腾讯新闻"],
        "lang": ["zh-CN"],
        "translations": ["zh-CN"],
        "tags": [],
        "menu": "",
        "thumbnail": "",
        "lead": "",
        "comments": False,
        "authorbox": False,
        "pager": True,
        "toc": False,
        "mathjax": False,
        "sidebar": "right",
        "widgets": ["search", "recent", "taglist"],
        "author": "",
        "editor": "",
        "publisher": "",
        "source_url": "",
        "original_title": "",
        "slug": "",
        "aliases": [],
        "draft": False,
        "keywords": [],
        "also_published_by": [],
        "newsroom": {"source": "fixture.txt"},
    }
    for key, value in overrides.items():
        assert key in meta, key
        meta[key] = value
    if "date" in overrides and overrides["date"] is None:
        del meta["date"]
    return meta


def fixture_articles(fillers: int = 12) -> list[Article]:
    """The articles of the fixture site: three that exercise every key, plus fillers for pagination."""
    articles = [
        Article(
            slug="baidu-wenxin-kaiyuan",
            meta=_meta(
                title="百度变调：文心大模型4.5系列即将推出，6月30日起正式开源",
                summary="百度宣布将开源下一代文心大模型。2月14日，百度宣布，将在未来几个月中陆续推出文心大模型4.5系列。",
                categories=["腾讯新闻"],
                tags=["百度", "DeepSeek", "开源"],
                menu="main",
                thumbnail="img-thumb01.jpg",
                lead="百度此前一直强调闭源，如今宣布开源。",
                authorbox=True,
                toc=True,
                sidebar="right",
                widgets=["search", "recent", "categories", "taglist", "languages"],
                author="林志佳",
                editor="王小明",
                publisher="钛媒体",
                source_url="https://new.qq.com/rain/a/20250214A042HS00",
                original_title="百度宣布文心大模型开源",
                slug="baidu-wenxin-kaiyuan",
                aliases=["/old/baidu-kaiyuan/"],
                keywords=["百度", "开源"],
                also_published_by=[{"publisher": "网易", "url": "https://www.163.com/dy/article/X.html"}],
            ),
            body=BAIDU_BODY,
            images={"img-thumb01.jpg": (1600, 900), "img-body01.png": (800, 450)},
        ),
        Article(
            slug="openai-gpt5-luxiantu",
            meta=_meta(
                title="OpenAI自曝GPT-4.5马上发布、GPT-5免费无限用",
                date="2025-02-13T10:11:11+08:00",
                summary="2月13日消息，OpenAI首席执行官奥尔特曼公布关于GPT-4.5和GPT-5的路线图消息。",
                categories=["科技"],
                tags=["OpenAI", "DeepSeek"],
                thumbnail="https://inews.gtimg.com/om_ls/Oa7xzSGiyNqANPhpNA7bTG2qFxsIKVIlBTydgxGWJFUCwAA_640360/0",
                comments=True,
                toc=True,
                mathjax=True,
                sidebar="left",
                widgets=["categories", "search", "languages"],
                author="林志佳",
                publisher="钛媒体",
                source_url="https://new.qq.com/rain/a/20250213A02F6K00",
                slug="openai-gpt5-luxiantu",
            ),
            body=OPENAI_BODY,
            images={},
        ),
        Article(
            slug="no-date-no-sidebar",
            meta=_meta(
                title="A story without date, author or sidebar",
                date=None,
                summary="An English story with the sidebar switched off and no pager.",
                categories=["科技"],
                lang=["en"],
                translations=["en", "zh-CN"],
                tags=["OpenAI"],
                pager=False,
                sidebar=False,
                widgets=[],
                slug="no-date-no-sidebar",
            ),
            body="Plain English body text about a quiet day.\n",
            images={},
        ),
        Article(
            slug="draft-story",
            meta=_meta(title="草稿不应发布", summary="草稿。", draft=True, slug="draft-story"),
            body="草稿正文。\n",
            images={},
        ),
    ]
    for i in range(fillers):
        slug = f"filler-{i:02d}"
        articles.append(
            Article(
                slug=slug,
                meta=_meta(
                    title=f"第{i + 1}条快讯：新能源汽车销量持续增长",
                    date=f"2025-01-{i + 1:02d}T08:00:00+08:00",
                    summary=f"这是第{i + 1}条快讯的摘要，新能源汽车市场继续保持增长。",
                    categories=["财经"],
                    tags=["新能源", "汽车"] + (["百度"] if i % 3 == 0 else []),
                    thumbnail="img-card.jpg" if i % 2 == 0 else "",
                    author="记者甲",
                    publisher="新华社",
                    slug=slug,
                ),
                body=f"第{i + 1}条快讯正文。新能源汽车销量持续增长。\n",
                images={"img-card.jpg": (640, 360)} if i % 2 == 0 else {},
            )
        )
    return articles


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _image(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """A diagonal gradient from ``colour`` to a pale tint, so screenshots show a picture, not a flat block."""
    ramp = Image.linear_gradient("L").rotate(45, expand=True).resize(size)
    image = ImageOps.colorize(ramp, black=colour, white=(235, 240, 245))
    image.save(path)


def make_site(root: Path, articles: list[Article] | None = None) -> Path:
    """Write a site using the real config and theme into ``root``; returns the site folder."""
    site = root / "site"
    (site / "content" / "posts").mkdir(parents=True)
    themes = root / "themes"
    shutil.copytree(THEMES / "newsroom", themes / "newsroom", ignore=shutil.ignore_patterns("node_modules"))
    # The assertions read the markup itself, so the fixture site is built unminified.
    config = SITE_CONFIG.read_text(encoding="utf-8").replace("minifyOutput = true", "minifyOutput = false")
    (site / "config.toml").write_text(config, encoding="utf-8")
    for n, article in enumerate(articles if articles is not None else fixture_articles()):
        bundle = site / "content" / "posts" / article.slug
        bundle.mkdir()
        (bundle / "index.md").write_text(_front_matter(article.meta) + article.body, encoding="utf-8")
        for name, size in article.images.items():
            _image(bundle / name, size, ((40 * n) % 255, 90, 160))
    term = site / "content" / "tags" / "百度"
    term.mkdir(parents=True)
    (term / "_index.md").write_text(
        _front_matter({"title": "百度", "description": "关于百度公司的新闻。", "count": 5}), encoding="utf-8"
    )
    return site


def hugo_build(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The generator's strict build command."""
    cmd = [
        str(HUGO),
        "build",
        "--source",
        str(site),
        "--destination",
        "public",
        "--cleanDestinationDir",
        "--panicOnWarning",
        "--printPathWarnings",
        *extra,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("theme"))
    result = hugo_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARN" not in result.stdout + result.stderr
    return site / "public"


def read(public: Path, rel: str) -> str:
    return (public / rel).read_text(encoding="utf-8")


class _Resources(HTMLParser):
    """Collects every URL a browser would fetch on its own (not links a reader may click)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in {"img", "script", "iframe", "audio", "video", "source", "embed"} and a.get("src"):
            self.urls.append(a["src"])
        if a.get("srcset"):
            self.urls.extend(part.strip().split(" ")[0] for part in a["srcset"].split(","))
        rel = set(a.get("rel", "").split())
        if tag == "link" and rel & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            self.urls.append(a.get("href", ""))


def _taglist(html: str) -> list[str]:
    """The tag names in the page's taglist widget, in order."""
    widget = re.search(r'<section class="widget widget--taglist">.*?</section>', html, re.S)
    return re.findall(r'<a href="/tags/[^"]+/">([^<]+) <span>\d+</span></a>', widget.group(0)) if widget else []


def _sidebar_widgets(html: str) -> list[str]:
    aside = re.search(r"<aside.*?</aside>", html, re.S)
    return re.findall(r'class="widget widget--([a-z]+)"', aside.group(0)) if aside else []


def _jsonld(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.mark.hugo
def test_every_page_loads_only_from_the_site(public: Path) -> None:
    for page in public.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
        assert remote == [], f"{page.relative_to(public)} loads {remote}"


@pytest.mark.hugo
def test_article_head_meta(public: Path) -> None:
    html = read(public, "posts/baidu-wenxin-kaiyuan/index.html")
    assert '<html lang="zh-CN">' in html
    assert '<link rel="canonical" href="https://example.org/posts/baidu-wenxin-kaiyuan/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="https://example.org/posts/baidu-wenxin-kaiyuan/img-thumb01_' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="keywords" content="百度,开源">' in html
    assert re.search(r'<link rel="stylesheet" href="/css/main\.min\.[0-9a-f]{64,}\.css" integrity="sha256-', html)
    assert re.search(r'<script src="/js/search\.[0-9a-f]{64,}\.js" integrity="sha256-', html)
    ld = _jsonld(html)
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"].startswith("百度变调")
    assert ld["datePublished"] == "2025-02-14T12:46:28+08:00"
    assert ld["author"] == [{"@type": "Person", "name": "林志佳"}]
    assert ld["publisher"]["name"] == "钛媒体"
    assert ld["isBasedOn"] == "https://new.qq.com/rain/a/20250214A042HS00"


@pytest.mark.hugo
def test_article_keys_render(public: Path) -> None:
    html = read(public, "posts/baidu-wenxin-kaiyuan/index.html")
    # thumbnail: processed, responsive, with alt, eager in the article head
    head_img = re.search(r'<figure class="article__figure">\s*(<img[^>]+>)', html)
    assert head_img, "no thumbnail in the article head"
    assert "srcset=" in head_img.group(1) and "720w" in head_img.group(1)
    assert 'alt="百度变调' in head_img.group(1)
    assert '<p class="article__lead">百度此前一直强调闭源，如今宣布开源。</p>' in html
    assert "原标题：百度宣布文心大模型开源" in html
    assert "作者：林志佳" in html and "来源：钛媒体" in html
    assert '<a href="https://new.qq.com/rain/a/20250214A042HS00" rel="nofollow noopener external">查看原文</a>' in html
    assert "责任编辑：王小明" in html
    assert '<a href="https://www.163.com/dy/article/X.html" rel="nofollow noopener external">网易</a>' in html
    assert '<details class="toc" open>' in html and 'href="#深度求索的冲击"' in html
    assert 'class="authorbox"' in html
    assert 'class="prevnext"' in html and "/posts/openai-gpt5-luxiantu/" in html
    assert '<a href="/tags/百度/" class="tag" rel="tag">百度</a>' in html
    assert "MathJax" not in html
    assert 'class="comments"' not in html
    # menu: "main" puts the article in the main navigation of every page
    assert 'aria-label="主导航"' in read(public, "index.html")
    nav = re.search(r'<nav class="nav".*?</nav>', read(public, "index.html"), re.S)
    assert nav and "/posts/baidu-wenxin-kaiyuan/" in nav.group(0)


@pytest.mark.hugo
def test_body_images(public: Path) -> None:
    html = read(public, "posts/baidu-wenxin-kaiyuan/index.html")
    assert re.search(r'<img class="prose__img" src="/posts/baidu-wenxin-kaiyuan/img-body01[^"]*" srcset=', html)
    assert 'alt="发布会现场" loading="lazy"' in html
    # remote images become links (nothing loaded from another host); so does a missing file (no 404)
    assert '<a class="remote-image" href="https://inews.gtimg.com/' in html
    assert '<a class="missing-image" href="img-missing.jpg">［图片：丢失的图片］</a>' in html


@pytest.mark.hugo
def test_second_article_keys(public: Path) -> None:
    html = read(public, "posts/openai-gpt5-luxiantu/index.html")
    assert 'class="layout layout--left"' in html
    assert _sidebar_widgets(html) == ["categories", "search", "languages"]
    assert '<script id="MathJax-script" src="/mathjax/tex-chtml.js" defer></script>' in html
    assert (public / "mathjax" / "tex-chtml.js").is_file()
    # a remote thumbnail (not localized yet) is not shown and not fetched
    assert "article__figure" not in html and "inews.gtimg.com/om_ls" not in html
    # comments: true, but no provider configured: nothing at all
    assert 'class="comments"' not in html and "giscus" not in html
    assert '<details class="toc" open>' in html


@pytest.mark.hugo
def test_sidebar_and_widgets(public: Path) -> None:
    baidu = read(public, "posts/baidu-wenxin-kaiyuan/index.html")
    assert 'class="layout layout--right"' in baidu
    assert _sidebar_widgets(baidu) == ["search", "recent", "categories", "taglist", "languages"]
    assert "简体中文" in baidu
    filler = read(public, "posts/filler-01/index.html")
    assert _sidebar_widgets(filler) == ["search", "recent", "taglist"]
    assert "<details" not in filler and 'class="authorbox"' not in filler
    bare = read(public, "posts/no-date-no-sidebar/index.html")
    assert 'class="layout layout--none"' in bare and "<aside" not in bare
    assert 'class="prevnext"' not in bare
    # taglist: by count, most used first
    assert _taglist(filler)[:3] == ["新能源", "汽车", "百度"]
    # recent: the newest articles, long titles cut to recentTitleLength characters
    recent = re.search(r'<section class="widget widget--recent">.*?</section>', filler, re.S)
    assert recent and '<a href="/posts/baidu-wenxin-kaiyuan/">百度变调：文心大模型4.5系列即将推出' in recent.group(0)
    assert "正式开源</a>" not in recent.group(0) and "…</a>" in recent.group(0)


@pytest.mark.hugo
def test_missing_date_author_publisher(public: Path) -> None:
    html = read(public, "posts/no-date-no-sidebar/index.html")
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article
    assert '<article class="article" lang="en">' in html
    assert "<time" not in article.group(0) and "作者" not in article.group(0)
    assert "datePublished" not in html and "article:published_time" not in html


@pytest.mark.hugo
def test_lists(public: Path) -> None:
    home = read(public, "index.html")
    cards = re.findall(r'<article class="card">', home)
    # the home page is the first page of the posts section: all 15 articles (fewer than listPagerSize), no pages
    assert len(cards) == 15
    assert 'class="pagination"' not in home and not (public / "page").exists()
    assert "百度宣布将开源下一代文心大模型。2月14日" in home  # summary on lists
    # the thumbnail: responsive, lazy, decorative (the title's link, stretched by the CSS, covers it)
    card = re.search(r'<article class="card">\s*(<img [^>]+>)\s*<div>\s*<h2><a href="(/posts/[^"]+/)">', home)
    assert card and card.group(2) == "/posts/baidu-wenxin-kaiyuan/"
    thumb = r'<img src="[^"]+" srcset="[^"]+ 360w, [^"]+" sizes="[^"]+"[^>]* alt="" loading="lazy">'
    assert re.fullmatch(thumb, card.group(1))
    assert "草稿不应发布" not in home and not (public / "posts" / "draft-story").exists()
    term = read(public, "tags/百度/index.html")
    assert '<h1 class="list-header__title">百度</h1>' in term and "关于百度公司的新闻。" in term
    category = read(public, "categories/财经/index.html")
    assert '<p class="list-header__kicker">分类</p>' in category
    assert category.index("第12条快讯") < category.index("第1条快讯")  # newest first
    assert "全部标签" in read(public, "tags/index.html")


@pytest.mark.hugo
def test_site_files(public: Path) -> None:
    rss = ET.fromstring(read(public, "index.xml"))  # noqa: S314 (our own build output, not untrusted input)
    items = rss.findall("./channel/item")
    assert 0 < len(items) <= 20
    assert items[0].findtext("title", "").startswith("百度变调")
    assert items[0].findtext("pubDate") == "Fri, 14 Feb 2025 12:46:28 +0800"
    # one feed per tag, with the newest termRssLimit (10) of its 12 articles
    term_items = ET.fromstring(read(public, "tags/汽车/index.xml")).findall("./channel/item")  # noqa: S314
    assert len(term_items) == 10 and term_items[0].findtext("title", "").startswith("第12条快讯")
    sitemap = read(public, "sitemap.xml")
    assert "https://example.org/posts/baidu-wenxin-kaiyuan/" in sitemap
    not_found = read(public, "404.html")
    assert "404" in not_found and 'name="robots" content="noindex"' in not_found
    assert "old/baidu-kaiyuan" in str(next(public.glob("old/baidu-kaiyuan/index.html")))
    html = read(public, "index.html")
    for landmark in ('role="banner"', '<main id="main"', 'role="contentinfo"', "<aside", 'href="#main"'):
        assert landmark in html


@pytest.mark.hugo
def test_configurable_comments_and_taglist(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    config = site / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[params.comments]\n  provider = "isso"\n  issoURL = "/isso/"\n',
        encoding="utf-8",
    )
    text = config.read_text(encoding="utf-8").replace(
        'mainSections = ["posts"]', 'mainSections = ["posts"]\n  taglistCount = 2'
    )
    config.write_text(text, encoding="utf-8")
    result = hugo_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    public = site / "public"
    html = read(public, "posts/openai-gpt5-luxiantu/index.html")
    assert '<script data-isso="/isso/" data-isso-lang="zh_CN" src="/isso/js/embed.min.js" async></script>' in html
    assert 'class="comments"' not in read(public, "posts/baidu-wenxin-kaiyuan/index.html")  # comments: false
    filler = read(public, "posts/filler-01/index.html")
    assert _taglist(filler) == ["新能源", "汽车"]


@pytest.mark.hugo
def test_pagination(tmp_path: Path) -> None:
    """Sections and terms have pages of listPagerSize; the home page shows the posts section's first page and leads
    into its pages instead of writing the same archive twice; no /page/1/ redirect pages."""
    site = make_site(tmp_path)
    config = site / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('mainSections = ["posts"]', 'mainSections = ["posts"]\n  listPagerSize = 4'))
    result = hugo_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    public = site / "public"
    home = read(public, "index.html")
    assert len(re.findall(r'<article class="card">', home)) == 4
    assert '<a href="/posts/page/2/" rel="next">' in home and '<a href="/posts/page/4/">4</a>' in home
    assert '<link rel="next" href="https://example.org/posts/page/2/">' in home
    assert not (public / "page").exists()
    second = read(public, "posts/page/2/index.html")
    assert len(re.findall(r'<article class="card">', second)) == 4
    assert "（第 2 页）</title>" in second
    assert '<link rel="canonical" href="https://example.org/posts/page/2/">' in second
    assert '<link rel="prev" href="https://example.org/posts/">' in second
    assert '<a href="/posts/" rel="prev">' in second and '<span aria-current="page">2</span>' in second
    assert not (public / "posts" / "page" / "1").exists()  # pagination.disableAliases
    # a term's pages: links are IRIs, the last page has no "next"
    last = read(public, "tags/汽车/page/3/index.html")
    assert '<a href="/tags/汽车/page/2/" rel="prev">' in last and 'rel="next"' not in last
    assert len(re.findall(r'<article class="card">', last)) == 4

    # two main sections: the home page lists both, so it has pages of its own (pagination.pagerSize, 10)
    config.write_text(text.replace('mainSections = ["posts"]', 'mainSections = ["posts", "news"]'))
    result = hugo_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    home = read(public, "index.html")
    assert len(re.findall(r'<article class="card">', home)) == 10
    assert '<a href="/page/2/" rel="next">' in home and (public / "page" / "2" / "index.html").is_file()


@pytest.mark.hugo
def test_jsonld_escapes_what_it_is_given(tmp_path: Path) -> None:
    """The JSON-LD is written part by part: quotes, backslashes and a closing script tag in front matter stay data."""
    hostile = 'He said "hi" \\ </script><script>alert(1)</script>'
    articles = fixture_articles(fillers=0)
    first = articles[0]
    meta = dict(first.meta, title=hostile, author='林"志佳', publisher="钛媒体</script>", editor="", keywords=[])
    articles[0] = Article(slug=first.slug, meta=meta, body=first.body, images=first.images)
    site = make_site(tmp_path, articles)
    result = hugo_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    html = read(site / "public", "posts/baidu-wenxin-kaiyuan/index.html")
    assert "<script>alert(1)" not in html
    ld = _jsonld(html)
    assert ld["headline"].strip() == 'He said "hi" \\'  # the headline is plain text (tags stripped), as before
    assert ld["author"] == [{"@type": "Person", "name": '林"志佳'}]
    assert ld["publisher"] == {"@type": "Organization", "name": "钛媒体</script>"}
    assert ld["keywords"] == "百度,DeepSeek,开源"  # no keywords: the tags
    assert ld["image"][0].startswith("https://example.org/posts/baidu-wenxin-kaiyuan/img-thumb01")
    assert "editor" not in ld and ld["mainEntityOfPage"]["@id"] == "https://example.org/posts/baidu-wenxin-kaiyuan/"
