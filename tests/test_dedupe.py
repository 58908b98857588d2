"""Duplicate stories: a syndicated copy with other chrome and small edits is found; same topic is not."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.dedupe import DedupeDoc, apply_policy, find_duplicates, jaccard, shingles, story_keyword, url_key
from generator.model import Article
from generator.report import Report
from generator.terms import default_taxonomy_config

from .conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "taxonomy"
BJ = timezone(timedelta(hours=8))
THRESHOLD = default_taxonomy_config().duplicates.threshold
ORIGINAL = (FIXTURES / "same_story_original_qq.md").read_text(encoding="utf-8")
SYNDICATED = (FIXTURES / "same_story_syndicated_163.txt").read_text(encoding="utf-8")
OTHER = (FIXTURES / "same_topic_different_story.md").read_text(encoding="utf-8")


def _article(source: str, body: str, day: int, url: str = "", publisher: str = "") -> Article:
    return Article(
        source=source,
        kind="markdown",
        title=body.splitlines()[0],
        body=body,
        date=datetime(2025, 2, day, 12, tzinfo=BJ),
        source_url=url,
        publisher=publisher,
    )


QQ = _article("a_qq.md", ORIGINAL, 14, "https://new.qq.com/rain/a/20250214A042HS00", "澎湃新闻")
NE = _article("b_163.txt", SYNDICATED, 15, "https://www.163.com/dy/article/JNX1.html", "网易号·澎湃新闻")
TOPIC = _article("c_topic.md", OTHER, 16, "https://example.com/ernie-45", "示例科技")


def test_fixture_similarities_are_far_apart() -> None:
    same = jaccard(shingles(ORIGINAL), shingles(SYNDICATED))
    topic = jaccard(shingles(ORIGINAL), shingles(OTHER))
    assert same >= THRESHOLD + 0.15
    assert topic <= THRESHOLD - 0.3


def test_syndicated_copy_is_a_duplicate_same_topic_is_not() -> None:
    docs = [DedupeDoc.from_article(a) for a in (TOPIC, NE, QQ)]
    assert find_duplicates(docs, THRESHOLD) == [("a_qq.md", "b_163.txt")]


def test_keeper_is_earliest_then_source_name() -> None:
    late = DedupeDoc("a.md", ORIGINAL, datetime(2025, 3, 1, tzinfo=BJ))
    early = DedupeDoc("z.md", SYNDICATED, datetime(2025, 2, 1, tzinfo=BJ))
    undated = DedupeDoc("0.md", ORIGINAL, None)
    assert find_duplicates([late, early, undated], THRESHOLD) == [("z.md", "a.md", "0.md")]
    same_day = [DedupeDoc("b.md", ORIGINAL), DedupeDoc("a.md", SYNDICATED)]
    assert find_duplicates(same_day, THRESHOLD) == [("a.md", "b.md")]


def test_same_url_resubmission_is_a_group_whatever_the_text() -> None:
    docs = [
        DedupeDoc("new.md", "完全改写后的版本" * 5, None, "https://new.qq.com/rain/a/X/"),
        DedupeDoc("old.md", "最初的版本", None, "http://www.new.qq.com/rain/a/X"),
    ]
    assert find_duplicates(docs, THRESHOLD) == [("new.md", "old.md")]
    assert url_key("https://www.163.com/a/b/?x=1#frag") == "163.com/a/b?x=1"


def test_samples_have_no_duplicates() -> None:
    docs = [DedupeDoc(p.name, p.read_text(encoding="utf-8")) for p in SAMPLES]
    assert find_duplicates(docs, THRESHOLD) == []


def test_resyndicated_sample_does_not_publish_twice() -> None:
    sample = SAMPLES[0].read_text(encoding="utf-8")
    copy = (
        "网易首页 > 网易号 > 正文\n\n0\n分享至\n\n" + sample.replace("，", ",").replace("。", ". ") + "\n\n相关推荐\n"
    )
    docs = [DedupeDoc("000.txt", sample), DedupeDoc("009_copy.txt", copy)]
    assert find_duplicates(docs, THRESHOLD) == [("000.txt", "009_copy.txt")]


def test_keep_first_drops_copies_and_lists_publishers() -> None:
    report = Report()
    groups = find_duplicates([DedupeDoc.from_article(a) for a in (QQ, NE, TOPIC)], THRESHOLD)
    result = apply_policy([NE, QQ, TOPIC], groups, "keep-first", report)
    assert [a.source for a in result] == ["a_qq.md", "c_topic.md"]
    keeper = result[0]
    assert keeper.also_published_by == (("网易号·澎湃新闻", "https://www.163.com/dy/article/JNX1.html"),)
    assert keeper.aliases == ()  # external URLs are never Hugo aliases
    assert [p.file for p in report] == ["b_163.txt"]
    assert report.problems[0].severity == "info"


def test_keep_all_marks_related() -> None:
    report = Report()
    result = apply_policy([QQ, NE, TOPIC], [("a_qq.md", "b_163.txt")], "keep-all", report)
    assert [a.source for a in result] == ["a_qq.md", "b_163.txt", "c_topic.md"]
    keyword = story_keyword("a_qq.md")
    assert keyword in result[0].keywords and keyword in result[1].keywords
    assert result[0].also_published_by == (("网易号·澎湃新闻", NE.source_url),)
    assert result[1].also_published_by == (("澎湃新闻", QQ.source_url),)
    assert result[2] == TOPIC
    assert len(report) == 0


def test_report_only_warns() -> None:
    report = Report()
    result = apply_policy([QQ, NE], [("a_qq.md", "b_163.txt")], "report", report)
    assert result == [QQ, NE]
    assert [(p.file, p.severity) for p in report] == [("b_163.txt", "warning")]
    assert "a_qq.md" in report.problems[0].message


def test_same_url_copy_is_not_listed_as_another_publisher() -> None:
    again = _article("a_qq_again.md", ORIGINAL, 20, QQ.source_url + "/", "澎湃新闻")
    result = apply_policy([QQ, again], [("a_qq.md", "a_qq_again.md")], "keep-first", Report())
    assert result == [QQ]


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7])
def test_detection_is_deterministic(threshold: float) -> None:
    docs = [DedupeDoc.from_article(a) for a in (QQ, NE, TOPIC)]
    assert find_duplicates(docs, threshold) == find_duplicates(list(reversed(docs)), threshold)


def test_signatures_are_deterministic_and_schemed() -> None:
    from generator.dedupe import signature, signature_current

    packed = signature(ORIGINAL)
    assert packed == signature(ORIGINAL) and signature_current(packed)
    assert signature("太短") == "" and signature_current("")
    assert not signature_current(packed.split(":", 1)[1])  # a signature of another scheme (version 1's)


def test_lsh_bands_follow_the_threshold() -> None:
    from generator.dedupe import NUM_PERM, lsh_bands

    bands, rows = lsh_bands(0.5)
    assert bands * rows <= NUM_PERM
    # At the threshold a pair is more likely found than not; far below it rarely; far above almost surely.

    def found(similarity: float) -> float:
        return float(1 - (1 - similarity**rows) ** bands)

    assert found(0.5) > 0.5 and found(0.2) < 0.05 and found(0.8) > 0.999
    assert lsh_bands(0.8)[1] > rows > lsh_bands(0.3)[1]  # a stricter threshold takes longer bands


def test_near_pairs_finds_the_copy_among_many_and_only_for_the_queries() -> None:
    from generator.dedupe import near_pairs, signature, signature_matrix

    others = [f"{i}号新闻：" + "".join(chr(0x4E00 + (i * 37 + k * 11) % 2000) for k in range(300)) for i in range(200)]
    texts = [ORIGINAL, *others, SYNDICATED, OTHER]
    matrix = signature_matrix([signature(t) for t in texts])
    copy = len(texts) - 2
    assert (copy, 0) in near_pairs(matrix, [copy], THRESHOLD)
    assert all(q == copy for q, _ in near_pairs(matrix, [copy], THRESHOLD))
    assert (len(texts) - 1, 0) not in near_pairs(matrix, [len(texts) - 1], THRESHOLD)  # same topic, other story
    assert near_pairs(matrix, [], THRESHOLD) == set()
