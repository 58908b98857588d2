"""Pages saved as one file (MHTML): the HTML part read like a saved page, with the address it was saved from.

The fixture is a page of our own (GBK-encoded, relative image link), served on a made-up host to Debian Chromium and
saved with its own MHTML writer (``Page.captureSnapshot``): the format browsers really write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.config import load_config
from generator.errors import ReadError
from generator.mhtml import saved_images, unpack
from generator.pipeline import Options, ingest, read_article
from generator.readers.html import read_html
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
SAVED = Path(__file__).resolve().parent / "fixtures" / "reading" / "saved_page_single_file.mhtml"
URL = "https://news.example.com/news/2024/park.html"


def test_the_page_inside_is_found_with_its_address() -> None:
    page = unpack(SAVED.read_bytes())
    assert page is not None
    assert page.url == URL
    assert b"charset=GBK" in page.html and "某市新建三座公园".encode("gbk") in page.html  # transfer encoding undone


def test_a_saved_page_reads_like_the_html_page_with_its_address(site: Path) -> None:
    report = Report()
    article = read_article("park.mhtml", SAVED.read_bytes(), load_config(site), report)
    assert article.title == "某市新建三座公园 国庆前向市民开放"
    assert article.date == dt.datetime(2024, 5, 1, 10, 0, tzinfo=TZ)
    assert (article.author, article.editor, article.publisher) == ("王小明", "李四", "某某日报")
    assert article.source_url == URL
    assert article.images == ("https://news.example.com/img/park.png",)
    assert article.body.split("\n\n")[1].startswith("市府今天宣布")
    assert article.body.rstrip().endswith("也希望市府做好后续维护。")
    assert "相关新闻" not in article.body and "版权所有" not in article.body
    assert not report.problems


def test_a_saved_page_is_published_with_the_images_it_carries(site: Path) -> None:
    # Offline: nothing is downloaded, but the photo saved inside the file is the page's own copy.
    (site / "inbox" / "park.mhtml").write_bytes(SAVED.read_bytes())
    report = Report()
    summary = ingest(load_config(site), report, Options(offline=True))
    assert "park.mhtml" in summary.added and not report.errors
    pages = [p for p in (site / "content" / "posts").glob("*/index.md") if URL in p.read_text(encoding="utf-8")]
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "某市新建三座公园" in page and "news.example.com/img" not in page
    images = sorted(pages[0].parent.glob("img-*"))
    assert len(images) == 1 and f"]({images[0].name})" in page
    assert not [p for p in report.warnings if p.file == "park.mhtml"]


def test_the_pages_own_address_wins_over_where_it_was_saved_from() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://example.org/a.html"><title>某市新建三座公园</title></head>'
        "<body><h1>某市新建三座公园</h1><div>2024-05-01 10:00</div>"
        "<p>市府今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道、球场和儿童游乐设施，预计吸引大批人潮。</p>"
        "<p>园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅，方便长者使用。</p>"
        "</body></html>"
    )
    assert (
        read_html("a.html", html, TZ, Report(), "https://mirror.example.net/x").source_url
        == "https://example.org/a.html"
    )


def test_the_images_saved_with_the_page_are_found_by_address() -> None:
    images = saved_images(SAVED.read_bytes())
    assert list(images) == ["https://news.example.com/img/park.png"]
    assert images["https://news.example.com/img/park.png"].startswith(b"\x89PNG")
    assert saved_images(b"# a markdown file\n") == {}


def test_text_that_only_starts_like_a_message_is_not_a_saved_page() -> None:
    assert unpack("From: 张三\n主题：某市新建三座公园\n\n市府今天宣布……".encode()) is None
    assert unpack(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello") is None


def test_a_single_file_page_without_a_page_inside_is_a_clear_error() -> None:
    data = (
        b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n"
    )
    with pytest.raises(ReadError, match="holds no HTML page") as error:
        unpack(data)
    assert "save the page again" in error.value.hint


def test_check_reports_nothing_about_the_images_a_saved_page_carries(site: Path) -> None:
    # ``check`` writes nothing, so it stores no image; the ones in the file are not "left remote" either.
    (site / "inbox" / "park.mhtml").write_bytes(SAVED.read_bytes())
    report = Report()
    ingest(load_config(site), report, Options(offline=True, write=False))
    assert not [p for p in report.problems if p.file == "park.mhtml" and p.where == "images"]
    assert not (site / "content" / "posts").exists() or not list((site / "content" / "posts").glob("*/img-*"))
