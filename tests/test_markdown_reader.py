"""read_markdown: sample 001 (several stories) and a single-story fixture."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.decode import decode
from generator.errors import ReadError
from generator.readers.markdown import count_stories, read_markdown
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
INBOX = Path(__file__).resolve().parent.parent / "site" / "inbox"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"


def test_sample_001_title_author_and_several_stories_warning() -> None:
    report = Report()
    article = read_markdown("001.txt", decode((INBOX / "001_98a3f47a70bc6afb.txt").read_bytes()), TZ, report)
    assert article.title == "大模型再启降价潮，谁将受益？"
    assert article.author == "宋婧"
    assert "本报记者" not in article.body
    assert article.body.startswith("继DeepSeek-R1以有限算力")
    assert "## AI创新成本快速下降" in article.body
    warnings = report.warnings
    assert len(warnings) == 1
    assert warnings[0].where == "body"
    assert "several stories" in warnings[0].message


def test_single_story_has_no_warning() -> None:
    report = Report()
    article = read_markdown("one.md", (FIXTURES / "markdown_single_story.md").read_text(encoding="utf-8"), TZ, report)
    assert article.title == "社区食堂开进老小区"
    assert article.author == "周宁"
    assert article.body.startswith("社区食堂本月")
    assert not report.warnings


def test_trailing_source_link_becomes_source_url() -> None:
    text = "# 标题\n\n正文第一段。\n\n[qq](https://new.qq.com/rain/a/20250101A00000)\n"
    article = read_markdown("x.md", text, TZ, Report())
    assert article.source_url == "https://new.qq.com/rain/a/20250101A00000"
    assert article.site == "qq"
    assert "qq.com" not in article.body


def test_no_heading_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_markdown("x.md", "正文而已。", TZ, Report())
    assert caught.value.where == "title"


def test_count_stories() -> None:
    assert count_stories("第一段。\n\n本报讯 记者张三报道：第二篇。\n\n新华社北京3月1日电 第三篇。") == 3
    assert count_stories("本报讯 第一段。\n\n第二段。") == 1
