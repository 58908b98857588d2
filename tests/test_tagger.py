"""The automatic tagger on the shipped samples, and the site-wide tag choice rules."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import tagger
from generator.config import load_config
from generator.model import Article
from generator.pipeline import read_article
from generator.report import Report
from generator.tagger import candidate_keywords, choose_tags, keyword_text, rule_tags
from generator.terms import default_taxonomy_config, normalize_term, parse_taxonomy_config

from .conftest import SAMPLES, SITE

CFG = default_taxonomy_config()


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # jieba is set up once per process; reset so this module's cache dir is the one used.
    tagger._segmenter = None
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    config = load_config(SITE)
    return {p.name: read_article(p.name, p.read_bytes(), config, Report()) for p in SAMPLES}


@pytest.fixture(scope="module")
def sample_tags(samples: dict[str, Article], cache_dir: Path) -> dict[str, tuple[str, ...]]:
    candidates = {k: candidate_keywords(a, CFG, cache_dir) for k, a in samples.items()}
    source = {k: a.tags for k, a in samples.items()}
    rules = {k: rule_tags(a, CFG) for k, a in samples.items()}
    return choose_tags(candidates, source, rules, CFG)


def test_idf_table_is_built_once_per_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    table = tagger._idf_table(tmp_path / "site-cache")
    assert table.path.parent == tmp_path / "user" / "newsroom"
    assert table.path.name.startswith(tagger.IDF_PREFIX) and table.path.suffix == ".sqlite"
    assert not list(table.path.parent.glob(".*.tmp"))  # built atomically
    before = table.path.stat().st_mtime_ns
    again = tagger._idf_table(tmp_path / "other-site")  # another site, another process: not rebuilt
    assert again.path == table.path and again.path.stat().st_mtime_ns == before
    assert not (tmp_path / "other-site").exists()


def test_idf_table_falls_back_to_the_site_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the user cache would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    table = tagger._idf_table(tmp_path / "site-cache")
    assert table.path.parent == tmp_path / "site-cache"
    assert table.lookup(["开源"])


def test_idf_table_gives_jieba_weights(tmp_path: Path) -> None:
    table = tagger.IdfTable(tmp_path)
    weights = table.lookup(["开源", "模型", "不是一个词xyz"])
    assert set(weights) == {"开源", "模型"}
    assert table.lookup(["模型", "不是一个词xyz", "开源"]) == weights  # answered from the memo, same values
    assert weights["开源"] > weights["模型"] > 0  # the rarer word weighs more
    import jieba.analyse

    reference = jieba.analyse.TFIDF()  # jieba's own loader: same weights, same median
    assert weights["开源"] == reference.idf_freq["开源"]
    assert table.median == reference.median_idf
    assert table.lookup([]) == {}
    many = table.lookup(f"词{i}" for i in range(2 * tagger._LOOKUP_CHUNK + 7))  # chunked queries
    assert isinstance(many, dict)


def test_segmenter_keeps_dictionary_names_whole(samples: dict[str, Article], cache_dir: Path) -> None:
    seg = tagger._segmenter_for(cache_dir)
    tokens = dict(seg.jieba.tag("DeepSeek-R1 和 GPT-4.5 发布后，百度创始人李彦宏表示文心一言将开源", True))
    assert tokens["DeepSeek-R1"] == tokens["文心一言"] == "nz"
    assert tokens["李彦宏"] == "nr"  # a person's name found by the HMM, as jieba's posseg does


def test_samples_get_tags_a_reader_would_click(sample_tags: dict[str, tuple[str, ...]]) -> None:
    first, newspaper, netease, openai, sohu = (sample_tags[p.name] for p in SAMPLES)
    assert {"DeepSeek", "百度", "开源", "大模型"} <= set(first)
    assert {"DeepSeek", "OpenAI", "大模型"} <= set(newspaper)
    assert {"开源", "大模型"} <= set(netease)
    assert {"OpenAI", "DeepSeek"} <= set(openai)
    assert {"DeepSeek", "大模型", "百度"} <= set(sohu)
    for tags in sample_tags.values():
        assert 4 <= len(tags) <= CFG.tags.max_auto
        assert "qq" not in tags  # the exporter's site key only repeats the category
        assert all(normalize_term(t, CFG.tags) == t for t in tags)
        assert not {"02", "2026", "要闻", "网易", "分享至"} & set(tags)


def test_candidates_are_deterministic(samples: dict[str, Article], cache_dir: Path) -> None:
    article = samples[SAMPLES[0].name]
    assert candidate_keywords(article, CFG, cache_dir) == candidate_keywords(article, CFG, cache_dir)


def test_latin_product_names_survive(samples: dict[str, Article], cache_dir: Path) -> None:
    candidates = candidate_keywords(samples[SAMPLES[3].name], CFG, cache_dir)
    assert {"OpenAI", "GPT-5", "GPT-4.5", "ChatGPT"} <= set(candidates)


def test_keyword_text_drops_images_links_and_urls() -> None:
    article = Article(
        source="x",
        kind="markdown",
        title="标题",
        body="![图片](https://a.example/x.png)\n\n**正文** 见 [原文](https://b.example/y) https://c.example/z",
    )
    text = keyword_text(article)
    assert "example" not in text and "图片" not in text and "*" not in text
    assert "原文" in text


def test_rule_tags_need_enough_mentions() -> None:
    cfg = parse_taxonomy_config({"tags": {"rules": {"自动驾驶": ["自动驾驶", "Robotaxi"]}}}, [], [])
    once = Article(source="a", kind="markdown", title="新闻", body="提到一次自动驾驶。")
    twice = dataclasses.replace(once, body="自动驾驶……robotaxi 车队。")
    titled = dataclasses.replace(once, title="Robotaxi 上路")
    assert rule_tags(once, cfg) == ()
    assert rule_tags(twice, cfg) == ("自动驾驶",)
    assert rule_tags(titled, cfg) == ("自动驾驶",)


def test_choose_tags_min_df_max_auto_and_site_keys() -> None:
    cfg = parse_taxonomy_config({"tags": {"max_auto": 2, "min_df": 2}}, [], [])
    candidates = {"a": ("百度", "李彦宏", "开源"), "b": ("开源", "百度", "OpenAI"), "c": ("独有词汇",)}
    source = {"a": ("qq", "编辑精选"), "b": ("deepseek",)}
    result = choose_tags(candidates, source, {}, cfg)
    # source tags first (minus the bare site key), then at most two keywords seen in two articles
    assert result["a"] == ("编辑精选", "百度", "开源")
    assert result["b"] == ("DeepSeek", "开源", "百度")
    assert result["c"] == ()  # a one-off word is not a tag
    assert choose_tags(candidates, source, {}, cfg) == result


def test_choose_tags_unifies_spellings_site_wide() -> None:
    candidates = {"a": ("Gemini",), "b": ("Gemini",), "c": ("gemini",)}
    result = choose_tags(candidates, {}, {}, CFG)
    assert {t for tags in result.values() for t in tags} == {"Gemini"}


def test_one_article_site_still_gets_tags(samples: dict[str, Article], cache_dir: Path) -> None:
    article = samples[SAMPLES[0].name]
    result = choose_tags({"only": candidate_keywords(article, CFG, cache_dir)}, {}, {}, CFG)
    assert len(result["only"]) == CFG.tags.max_auto


def test_disabled_keeps_only_source_tags() -> None:
    cfg = parse_taxonomy_config({"tags": {"enabled": False}}, [], [])
    assert choose_tags({"a": ("百度",), "b": ("百度",)}, {"a": ("手写",)}, {}, cfg) == {"a": ("手写",), "b": ()}
