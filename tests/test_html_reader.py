"""read_html: our metadata over trafilatura's, images resolved against the page URL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.decode import decode
from generator.errors import ReadError
from generator.readers.html import read_html, visible_text
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"


@pytest.fixture(scope="module")
def page() -> str:
    return decode((FIXTURES / "html_article_with_images_and_related.html").read_bytes())


def test_metadata_is_ours(page: str) -> None:
    article = read_html("page.html", page, TZ, Report())
    assert article.kind == "html"
    assert article.title == "机器人进工厂：一条产线的改造账本"
    # htmldate would read ``2025年03月25日 16:46`` as 2025-01-01 and the script's date is a decoy.
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, tzinfo=TZ)
    assert article.author == "茯神"  # no space after the label: trafilatura drops it
    assert article.editor == "顾北"
    assert article.publisher == "制造周刊"
    assert article.source_url == "https://news.example.com/tech/2025/0325/1234.html"
    assert article.site == "example"
    assert article.keywords == ("机器人", "制造业", "产线改造")


def test_body_and_images(page: str) -> None:
    article = read_html("page.html", page, TZ, Report())
    assert article.body.startswith("在江南一家汽车零部件工厂里")
    assert "才能让更多工厂跟上这一轮技术升级。" in article.body
    for junk in ("相关推荐", "工业机器人销量创新高", "责任编辑", "版权所有", "分享到", "参加设备维护培训课程"):
        assert junk not in article.body
    assert article.images == (
        "https://news.example.com/images/2025/line.jpg",
        "https://img.example.com/2025/worker.png",
    )
    assert "](https://news.example.com/images/2025/line.jpg)" in article.body


def test_visible_text_skips_scripts_and_joins_inline_lines() -> None:
    import lxml.html

    root = lxml.html.document_fromstring(
        "<html><body><script>var a=1;</script><p>第一行\n接着</p>"
        "<div style='display:none'>隐藏</div><p>二</p></body></html>"
    )
    text = visible_text(root)
    assert "var a" not in text and "隐藏" not in text
    assert [line for line in text.split("\n") if line] == ["第一行 接着", "二"]


def test_known_site_from_canonical_url() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/ABC.html"></head><body>'
        "<h1>测试标题在这里</h1><p>2025-01-02 03:04:05 来源：测试日报</p>"
        "<p>这是第一段正文，内容足够长，用来让读者判断它是文章的主体部分而不是导航或者页脚。</p>"
        "<p>这是第二段正文，同样包含完整的句子和标点符号，描述事情的来龙去脉和各方的看法。</p>"
        "</body></html>"
    )
    article = read_html("x.html", html, TZ, Report())
    assert article.site == "163"
    assert article.date == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=TZ)
    assert article.publisher == "测试日报"


def test_page_without_article_is_a_read_error() -> None:
    with pytest.raises(ReadError):
        read_html("x.html", "<html><body><a href='/'>首页</a></body></html>", TZ, Report())


def test_wechat_page_relative_date_and_lazy_images() -> None:
    report = Report()
    html = decode((FIXTURES / "html_wechat_relative_date_lazy_images.html").read_bytes())
    article = read_html("wx.html", html, TZ, report)
    assert article.title == "一家小面馆的十年"
    assert article.site == "wechat"
    assert article.source_url.startswith("http://mp.weixin.qq.com/s?")
    # The page shows only ``昨天``; the page script's publish timestamp gives the real time.
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, tzinfo=TZ)
    assert not [p for p in report.warnings if p.where == "date"]
    assert article.images == ("https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg",)  # not the 30px QR code
    assert article.body.rstrip().endswith("一天只熬两锅。")
    assert "扫一扫" not in article.body
