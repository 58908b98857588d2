"""images.py: finding and rewriting image references (pure), and ``[newsroom.images]``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.images import (
    DEFAULT_HOSTS,
    HostRule,
    ImagesConfig,
    find_body_images,
    find_images,
    is_remote,
    parse_images_config,
    rewrite_body,
    rewrite_images,
)
from generator.model import Article

SAMPLES = Path(__file__).resolve().parent.parent / "site" / "inbox"  # the project's own copies


def article(body: str, thumbnail: str = "") -> Article:
    return Article(source="a.md", kind="markdown", body=body, thumbnail=thumbnail)


def test_inline_image_with_title_and_alt() -> None:
    body = '![图片 [1]](https://inews.gtimg.com/om_bt/abc/641 "标题")'
    assert find_body_images(body) == ("https://inews.gtimg.com/om_bt/abc/641",)
    out = rewrite_body(body, {"https://inews.gtimg.com/om_bt/abc/641": "img-0123456789ab.jpg"})
    assert out == '![图片 [1]](img-0123456789ab.jpg "标题")'


def test_angle_brackets_and_parentheses_in_urls() -> None:
    body = "![a](<https://x.org/a b.png>) ![w](https://en.wikipedia.org/wiki/A_(b).png)"
    assert find_body_images(body) == ("https://x.org/a b.png", "https://en.wikipedia.org/wiki/A_(b).png")
    out = rewrite_body(
        body, {"https://x.org/a b.png": "img-1.png", "https://en.wikipedia.org/wiki/A_(b).png": "img-2.png"}
    )
    assert out == "![a](<img-1.png>) ![w](img-2.png)"


def test_reference_style_only_definitions_used_by_images() -> None:
    body = '![chart][Fig 1] and a [link][other]\n\n[fig  1]: https://c.com/chart.png "t"\n[other]: https://c.com/page.html\n'
    assert find_body_images(body) == ("https://c.com/chart.png",)
    out = rewrite_body(body, {"https://c.com/chart.png": "img-a.png", "https://c.com/page.html": "img-x.png"})
    assert '[fig  1]: img-a.png "t"' in out
    assert "[other]: https://c.com/page.html" in out


def test_shortcut_reference_image() -> None:
    body = "![logo]\n\n[logo]: https://c.com/logo.gif\n"
    assert find_body_images(body) == ("https://c.com/logo.gif",)


def test_raw_html_img_src_and_srcset_with_entities() -> None:
    body = (
        '<p><img alt="x" src="https://h.com/p?a=1&amp;b=2" srcset="https://h.com/1.jpg 1x, https://h.com/2.jpg 2x"></p>'
    )
    assert find_body_images(body) == ("https://h.com/p?a=1&b=2", "https://h.com/1.jpg", "https://h.com/2.jpg")
    out = rewrite_body(body, {"https://h.com/p?a=1&b=2": "img-p.jpg", "https://h.com/2.jpg": "img-2.jpg"})
    assert out == '<p><img alt="x" src="img-p.jpg" srcset="https://h.com/1.jpg 1x, img-2.jpg 2x"></p>'


def test_code_is_not_an_image() -> None:
    body = "`![a](https://x/in-span.png)`\n\n```md\n![b](https://x/in-fence.png)\n```\n\n![c](https://x/real.png)\n"
    assert find_body_images(body) == ("https://x/real.png",)
    mapping = {
        "https://x/in-span.png": "img-1.png",
        "https://x/in-fence.png": "img-2.png",
        "https://x/real.png": "i.png",
    }
    out = rewrite_body(body, mapping)
    assert "https://x/in-span.png" in out
    assert "https://x/in-fence.png" in out
    assert "![c](i.png)" in out


def test_local_names_are_not_remote_but_odd_schemes_are() -> None:
    assert not is_remote("img-3fa9c2d1e07b.jpg")
    assert not is_remote("C:\\photos\\a.jpg")
    assert is_remote("//cdn.example.com/a.jpg")
    assert is_remote("javascript:alert(1)")
    assert is_remote("data:image/png;base64,AAAA")
    body = "![x](img-1.jpg) ![y](file:///etc/passwd) ![z](data:image/gif;base64,R0lG)"
    assert find_body_images(body) == ("file:///etc/passwd", "data:image/gif;base64,R0lG")


def test_find_images_thumbnail_first_and_deduplicated() -> None:
    a = article("![a](https://x/1.jpg)\n![b](https://x/2.jpg)\n![c](https://x/1.jpg)", thumbnail="https://x/2.jpg")
    assert find_images(a) == ("https://x/2.jpg", "https://x/1.jpg")


def test_rewrite_images_leaves_unmapped_urls_remote_and_lists_them() -> None:
    a = article("![a](https://x/1.jpg)\n![b](https://x/2.jpg)", thumbnail="https://x/t.jpg")
    new = rewrite_images(a, {"https://x/1.jpg": "img-1.jpg", "https://x/t.jpg": "img-t.jpg"})
    assert new.body == "![a](img-1.jpg)\n![b](https://x/2.jpg)"
    assert new.thumbnail == "img-t.jpg"
    assert new.images == ("https://x/2.jpg",)
    assert a.body.startswith("![a](https://x/1.jpg)")  # the original is untouched


@pytest.mark.parametrize("name", ["000_605ee777b25788bd.txt", "003_2f8dfb8055731b57.txt"])
def test_samples_extensionless_gtimg_urls_found(name: str) -> None:
    path = SAMPLES / name
    text = path.read_text(encoding="utf-8")
    _, _, body = text.partition("\n---\n")
    urls = find_body_images(body)
    assert urls
    assert all(u.startswith("https://inews.gtimg.com/") for u in urls)


def test_config_defaults() -> None:
    cfg = parse_images_config({}, [], [])
    assert cfg == ImagesConfig()
    assert cfg.pool_size == 8
    assert cfg.max_bytes == 20_000_000
    assert cfg.max_redirects == 5
    assert cfg.allow_private_hosts is False
    assert dict(DEFAULT_HOSTS).keys() >= {"gtimg.com", "qpic.cn", "sinaimg.cn", "126.net", "163.com", "sohu.com"}


def test_config_values_problems_and_unknown_keys() -> None:
    problems: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    cfg = parse_images_config(
        {
            "pool_size": 16,
            "per_host": True,  # a bool is not an integer
            "total_timeout": 2,
            "formats": ["jpg", "png"],
            "placeholder_hashes": ["A" * 64],
            "hosts": {"example.com": {"referer": "origin", "user_agent": "UA/1", "headers": {"X-A": "1"}, "oops": 1}},
            "quality": 101,
            "typo_key": 1,
        },
        problems,
        warnings,
    )
    assert cfg.pool_size == 16
    assert cfg.per_host == ImagesConfig().per_host
    assert cfg.total_timeout == 2.0
    assert cfg.formats == ("JPEG", "PNG")
    assert cfg.placeholder_hashes == frozenset({"a" * 64})
    assert cfg.rule_for("img.example.com") == HostRule("origin", "UA/1", (("X-A", "1"),))
    assert cfg.rule_for("inews.gtimg.com").referer == "https://new.qq.com/"
    assert cfg.rule_for("nothing.org") == HostRule()
    assert {k for k, _ in problems} == {"newsroom.images.per_host", "newsroom.images.quality"}
    assert {k for k, _ in warnings} == {"newsroom.images.typo_key", "newsroom.images.hosts.example.com.oops"}


def test_config_bad_formats_and_hosts() -> None:
    problems: list[tuple[str, str]] = []
    parse_images_config({"formats": ["svg"], "hosts": {"a.com": {"referer": "sometimes"}}}, problems, [])
    assert [k for k, _ in problems] == ["newsroom.images.formats", "newsroom.images.hosts.a.com.referer"]
