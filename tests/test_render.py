from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

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


def hugo_view(text: str) -> str:
    """What Hugo's content lexer (0.168) hands to Markdown: fails like Hugo on a shortcode, drops ``/* */``."""
    parts: list[str] = []
    pos = 0
    while (match := re.compile(r"\{\{([<%])").search(text, pos)) is not None:
        closer = ">}}" if match.group(1) == "<" else "%}}"
        assert text.startswith("/*", match.end()), f"Hugo would run a shortcode: {text[match.start() :][:40]!r}"
        end = text.find("*/" + closer, match.end())
        assert end - match.end() > 1, "Hugo: comment must be closed"
        parts += [text[pos : match.end()], text[match.end() + 2 : end], closer]
        pos = end + 2 + len(closer)
    parts.append(text[pos:])
    return "".join(parts)


def markdown(text: str) -> str:
    return str(MarkdownIt("commonmark").render(text)).replace("\n</code></pre>", "</code></pre>")


def test_shortcodes_become_hugo_comments_shown_as_written() -> None:
    assert escape_body("见 {{< youtube abc >}} 和 {{% x %}}") == "见 {{</* youtube abc */>}} 和 {{%/* x */%}}"
    # Malformed and nested openers pair with the next closer; whatever is between is shown as it is.
    assert escape_body("{{< 中文 >}} {{< a {{< b >}} c >}}") == "{{</* 中文 */>}} {{</* a {{< b */>}} c >}}"
    assert escape_body("{{</* x */>}}") == "{{</*/* x */*/>}}"
    # Go template braces and ``{{ <`` are not shortcodes to Hugo: left alone (no entities in code).
    assert escape_body("`{{ .Title }}` {{/* c */}} {{ < x`") == "`{{ .Title }}` {{/* c */}} {{ < x`"
    body = page(body='危险 {{< readfile "/etc/passwd" >}}').split("\n---\n", 1)[1]
    assert body == '\n危险 {{</* readfile "/etc/passwd" */>}}\n'
    assert "&#123;" not in body


def test_an_unclosed_opener_gets_its_closer_hidden_at_the_end() -> None:
    escaped = escape_body("a {{< 没闭合\n\n`{{% x` b")
    assert escaped == 'a {{</* 没闭合\n\n`{{% x` b\n\n[newsroom-shortcode-end]: # ">}}*/>}}"'
    assert markdown(hugo_view(escaped)) == markdown("a {{< 没闭合\n\n`{{% x` b")
    # A fenced block left open at the end is closed first, or the trailer would show inside it.
    for body in ("a\n\n```go\nx := {{< y", "- a\n\n  ~~~~\n  {{% y\n  ~~~"):
        view = hugo_view(escape_body(body))
        assert view.startswith(body) and markdown(view) == markdown(body), view


def test_an_unclosed_opener_whose_closer_cannot_be_hidden_is_still_never_run() -> None:
    body = "[x][newsroom-shortcode-end] {{< a {{< b"  # our label used by the article: the trailer would show
    assert hugo_view(escape_body(body)) == "[x][newsroom-shortcode-end] &#123;&#123;< a &#123;&#123;< b"


def test_pages_with_shortcode_syntax_keep_a_valid_checksum() -> None:
    text = page(body="a {{< x >}} `{{% y %}}` {{< 没闭合")
    assert page_checksum_ok(text) is True
    assert page_checksum_ok(text.replace("没闭合", "已闭合")) is False


_PIECES = st.sampled_from([*'{}<>%*/\\"`~ -a中', "\n", "```", "{{<", "{{%", ">}}", "%}}", "*/>}}"])
_SHORTCODE_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SHORTCODE_TEXT)
def test_hugo_shows_any_text_as_written(text: str) -> None:
    view = hugo_view(escape_body(text))  # never a shortcode Hugo would run or reject
    assert view == text or (view.startswith(text) and markdown(view) == markdown(text))


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


def test_the_unsafe_character_regex_matches_the_yaml_rule_everywhere() -> None:
    from generator.render import _UNSAFE, _yaml_unsafe

    assert [c for c in range(0x110000) if bool(_UNSAFE.fullmatch(chr(c))) != _yaml_unsafe(chr(c))] == []
