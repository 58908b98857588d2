from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.config import load_config
from generator.model import Article
from generator.normalize import normalize
from generator.render import KEY_ORDER, checksum, escape_body, page_checksum_ok, quote, render_page
from generator.report import Report

from .conftest import SITE

CONFIG = load_config(SITE)
TZ = ZoneInfo("Asia/Shanghai")


def page(**fields: object) -> str:
    base: dict[str, object] = {"source": "s.txt", "kind": "markdown", "title": "标题", "body": "正文。"}
    base.update(fields)
    return render_page(normalize(Article(**base), CONFIG, Report()), "d1")  # type: ignore[arg-type]


def front(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))  # type: ignore[no-any-return]


def test_keys_come_in_the_schema_order_then_ours_then_marker() -> None:
    keys = list(front(page(date=dt.datetime(2025, 2, 14, 12, 46, 28, tzinfo=TZ), menu="main")))
    assert keys == [*KEY_ORDER, "newsroom"]
    assert keys[:17] == [
        "title", "date", "summary", "categories", "lang", "translations", "tags", "menu", "thumbnail", "lead",
        "comments", "authorbox", "pager", "toc", "mathjax", "sidebar", "widgets",
    ]  # fmt: skip


def test_date_is_rfc3339_with_offset() -> None:
    text = page(date=dt.datetime(2025, 2, 14, 12, 46, 28, tzinfo=TZ))
    assert 'date: "2025-02-14T12:46:28+08:00"' in text


def test_rendering_is_deterministic_and_marked() -> None:
    assert page() == page()
    meta = front(page())
    assert meta["newsroom"] == {
        "generated": True,
        "source": "s.txt",
        "source_digest": "d1",
        "checksum": checksum(page()),
    }


def test_checksum_detects_hand_edits() -> None:
    text = page()
    assert page_checksum_ok(text) is True
    assert page_checksum_ok(text.replace("正文。", "正文，改过。")) is False
    assert page_checksum_ok("---\ntitle: x\n---\n") is None


def test_shortcodes_in_article_text_are_not_executed() -> None:
    assert (
        escape_body("见 {{< youtube abc >}} 和 {{% x %}}") == "见 &#123;&#123;< youtube abc >}} 和 &#123;&#123;% x %}}"
    )
    body = page(body='危险 {{< readfile "/etc/passwd" >}}').split("\n---\n", 1)[1]
    assert "{{<" not in body and "&#123;&#123;< readfile" in body


def test_strange_text_survives_the_round_trip() -> None:
    title = 'a "quoted" #hash: colon \\ back \u2028 sep \x85 nel \t tab'
    meta = front(render_page(Article(source="s", kind="markdown", title=title, body="b"), "d"))
    assert meta["title"] == title


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80))
def test_quote_round_trips_any_text(text: str) -> None:
    assert yaml.safe_load("k: " + quote(text))["k"] == text


def test_empty_menu_is_left_out() -> None:
    assert "menu:" not in page(menu="")
    assert 'menu: "main"' in page(menu="main")
