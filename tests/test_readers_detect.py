"""detect_kind: from content only."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.decode import decode
from generator.readers import detect_kind

INBOX = Path(__file__).resolve().parent.parent / "site" / "inbox"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("000_605ee777b25788bd.txt", "front-matter"),
        ("001_98a3f47a70bc6afb.txt", "markdown"),
        ("002_58871934bb24c490.txt", "page-text"),
        ("003_2f8dfb8055731b57.txt", "front-matter"),
        ("004_4b1556189501f475.txt", "page-text"),
    ],
)
def test_samples(name: str, kind: str) -> None:
    assert detect_kind(decode((INBOX / name).read_bytes())) == kind


def test_fixtures() -> None:
    assert detect_kind(decode((FIXTURES / "html_article_with_images_and_related.html").read_bytes())) == "html"
    assert detect_kind(decode((FIXTURES / "markdown_single_story.md").read_bytes())) == "markdown"
    assert detect_kind(decode((FIXTURES / "page_text_with_trailing_hot_news.txt").read_bytes())) == "page-text"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("+++\ntitle = 'x'\n+++\nbody", "front-matter"),
        ('{"title": "x"}\nbody', "front-matter"),
        ("\ufeff---\ntitle: x\n---\n", "front-matter"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<div><p>a</p><p>b</p><p>c</p><a href=x>d</a><br></div>", "html"),
        ("\n\n# 标题\n\n正文。", "markdown"),
        ("标题\n2025-03-25 16:46:16\n正文第一段。\n正文第二段。", "page-text"),
    ],
)
def test_shapes(text: str, kind: str) -> None:
    assert detect_kind(text) == kind
