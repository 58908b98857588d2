from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.config import load_config
from generator.errors import ReadError
from generator.model import Article
from generator.normalize import detect_lang, make_summary, normalize
from generator.report import Report

from .conftest import SITE

CONFIG = load_config(SITE)


def article(**fields: object) -> Article:
    base: dict[str, object] = {"source": "x.txt", "kind": "markdown", "title": "标题", "body": "正文第一段。"}
    base.update(fields)
    return Article(**base)  # type: ignore[arg-type]


def test_defaults_fill_every_unset_schema_field() -> None:
    out = normalize(article(), CONFIG, Report())
    assert (out.comments, out.authorbox, out.pager, out.toc, out.mathjax) == (False, False, True, False, False)
    assert out.sidebar == "right" and out.widgets == ("search", "recent", "taglist") and out.menu == ""
    assert out.lang == ("zh-CN",) and out.translations == ("zh-CN",)
    assert out.categories == ("新闻",)
    assert out.slug.endswith("-" + out.slug.rsplit("-", 1)[1]) and out.slug.startswith("biao-ti-")


def test_source_values_win_over_defaults() -> None:
    out = normalize(article(sidebar=False, widgets=("recent",), pager=False, lang=("en",)), CONFIG, Report())
    assert out.sidebar is False and out.widgets == ("recent",) and out.pager is False and out.lang == ("en",)


def test_categories_come_from_the_publisher_map_then_the_default() -> None:
    assert normalize(article(site="qq", publisher="钛媒体"), CONFIG, Report()).categories == ("腾讯新闻",)
    assert normalize(article(source_url="https://www.163.com/dy/article/x.html"), CONFIG, Report()).categories == (
        "网易",
    )
    assert normalize(article(publisher="无名小站"), CONFIG, Report()).categories == ("新闻",)
    assert normalize(
        article(categories=("评论",), explicit=frozenset({"categories"})), CONFIG, Report()
    ).categories == ("评论",)


def test_summary_from_first_paragraphs_skips_photo_credit_and_markup() -> None:
    body = "![图片](https://x/y.jpg)\n\n（图片来源：unsplash）\n\n**2月13日消息**，钛媒体获悉。\n\n" + "长" * 200
    summary = make_summary(body, 30)
    assert summary.startswith("2月13日消息，钛媒体获悉。长")
    assert summary.endswith("...") and len(summary) == 33
    assert make_summary("短文。", 30) == "短文。"


def test_missing_date_is_a_warning_and_naive_date_gets_beijing_offset() -> None:
    report = Report()
    normalize(article(), CONFIG, report)
    assert [p.where for p in report.warnings] == ["date"]
    out = normalize(article(date=dt.datetime(2025, 1, 1, 8, 0)), CONFIG, Report())
    assert out.date is not None and out.date.tzinfo is not None
    assert out.date.utcoffset() == dt.timedelta(hours=8)


def test_title_and_body_are_required() -> None:
    with pytest.raises(ReadError) as caught:
        normalize(article(title="  \n "), CONFIG, Report())
    assert caught.value.where == "title"
    with pytest.raises(ReadError) as caught:
        normalize(article(body="\n"), CONFIG, Report())
    assert caught.value.where == "body"


def test_overlong_title_is_cut_with_a_warning_and_controls_removed() -> None:
    report = Report()
    out = normalize(article(title="长" * 5000), CONFIG, report)
    assert len(out.title) == 201 and out.title.endswith("…")
    assert "title" in [p.where for p in report.warnings]
    assert normalize(article(title="a\x00b\u2028c\nd"), CONFIG, Report()).title == "a b c d"


def test_existing_slug_is_kept_and_unsafe_slug_replaced() -> None:
    assert normalize(article(), CONFIG, Report(), existing_slug="kept-abc123").slug == "kept-abc123"
    report = Report()
    out = normalize(article(slug="../../etc/passwd"), CONFIG, report)
    assert "/" not in out.slug and ".." not in out.slug
    assert "slug" in [p.where for p in report.warnings]


def test_language_detection() -> None:
    assert detect_lang("百度宣布将开源下一代文心大模型 DeepSeek", "en") == "zh-CN"
    assert detect_lang("OpenAI announced GPT-5 today, free for everyone.", "zh-CN") == "en"
    assert detect_lang("12345 !!!", "zh-CN") == "zh-CN"


def test_tz_comes_from_config() -> None:
    assert CONFIG.tz == ZoneInfo("Asia/Shanghai")


def test_summary_leaves_subheadings_out() -> None:
    body = "第一段。\n\n## 小标题\n\n第二段。"
    assert make_summary(body, 100) == "第一段。第二段。"
