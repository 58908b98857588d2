from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.errors import ReadError
from generator.readers.front_matter import read_front_matter, split_front_matter
from generator.report import Report

from .conftest import SITE

TZ = ZoneInfo("Asia/Shanghai")


def read(text: str, report: Report | None = None):  # type: ignore[no-untyped-def]
    return read_front_matter("a.md", text, TZ, report if report is not None else Report())


def test_sample_000_schema_and_source_link() -> None:
    text = (SITE / "inbox" / "000_605ee777b25788bd.txt").read_text(encoding="utf-8")
    article = read(text)
    assert article.title == "百度变调：文心大模型4.5系列即将推出，6月30日起正式开源"
    assert article.date == dt.datetime(2025, 2, 14, 12, 46, 28, tzinfo=TZ)
    assert article.date.utcoffset() == dt.timedelta(hours=8)
    assert article.widgets == ("search", "recent", "taglist")
    assert article.sidebar == "right" and article.pager is True and article.comments is False
    assert article.source_url == "https://new.qq.com/rain/a/20250214A042HS00"
    assert article.site == "qq"
    assert "[qq](" not in article.body
    assert article.body.rstrip().endswith("截至记者发稿，百度港股涨超1%。")
    assert {"title", "date", "widgets", "tags"} <= article.explicit


def test_toml_and_json_front_matter() -> None:
    toml = read('+++\ntitle = "T"\ndate = 2025-01-02T03:04:05+08:00\ntags = ["a"]\n+++\nbody\n')
    assert toml.title == "T" and toml.tags == ("a",) and toml.date is not None and toml.date.hour == 3
    json_doc = read('{\n  "title": "J",\n  "draft": true\n}\n\nbody text\n')
    assert json_doc.title == "J" and json_doc.draft is True and json_doc.body == "body text"


def test_unclosed_front_matter_names_line_one() -> None:
    with pytest.raises(ReadError) as caught:
        split_front_matter("---\ntitle: x\n\nbody\n")
    assert caught.value.where == "line 1" and "never closed" in caught.value.message


def test_broken_yaml_names_the_line() -> None:
    with pytest.raises(ReadError) as caught:
        read('---\ntitle: "ok"\ntags: [a, b\n---\nbody\n')
    assert caught.value.where.startswith("line ")
    assert "YAML" in caught.value.message


def test_python_object_tags_are_refused() -> None:
    with pytest.raises(ReadError, match="YAML"):
        read("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nbody\n")


def test_alias_bomb_is_refused() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]\n"
    bomb += "title: boom\n---\nbody\n"
    with pytest.raises(ReadError, match="alias"):
        read(bomb)


def test_tags_as_comma_text_are_split_with_a_warning() -> None:
    report = Report()
    article = read('---\ntitle: t\ntags: "a, b"\n---\nbody\n', report)
    assert article.tags == ("a", "b")
    assert [p.where for p in report.warnings] == ["tags"]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("date: tomorrow", "date"),
        ("widgets: 5", "widgets"),
        ("widgets: [search, weather]", "widgets"),
        ("sidebar: middle", "sidebar"),
        ("comments: maybe", "comments"),
        ("title: [1, 2]", "title"),
        ("tags: {a: 1}", "tags"),
    ],
)
def test_wrong_types_name_the_field(line: str, field: str) -> None:
    text = f"---\ntitle: t\n{line}\n---\nbody\n" if not line.startswith("title") else f"---\n{line}\n---\nbody\n"
    with pytest.raises(ReadError) as caught:
        read(text)
    assert caught.value.where == field
    assert caught.value.hint


def test_unknown_keys_are_kept_as_plain_data() -> None:
    article = read("---\ntitle: t\nkeywords_extra: [1, 2]\nweight: 3\nwhen: 2025-01-01\n---\nbody\n")
    assert dict(article.extra) == {"keywords_extra": [1, 2], "weight": 3, "when": "2025-01-01"}


def test_naive_dates_are_beijing_time_and_offsets_are_kept() -> None:
    naive = read('---\ntitle: t\ndate: "2025-02-14 12:46:28"\n---\nb\n')
    assert naive.date is not None and naive.date.utcoffset() == dt.timedelta(hours=8)
    utc = read('---\ntitle: t\ndate: "2025-02-14T04:46:28Z"\n---\nb\n')
    assert utc.date is not None and utc.date.utcoffset() == dt.timedelta(0)
