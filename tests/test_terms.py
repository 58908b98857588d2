"""Term normalization rules, categories, and the [newsroom.tags|categories|duplicates] config."""

from __future__ import annotations

import pytest

from generator.model import Article
from generator.terms import (
    TaxonomyConfig,
    categories_for,
    default_taxonomy_config,
    normalize_term,
    normalize_terms,
    parse_taxonomy_config,
    site_keys,
)

CFG = default_taxonomy_config()
TAGS = CFG.tags


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # NFKC: full-width Latin, digits and punctuation become half-width
        ("ＤｅｅｐＳｅｅｋ", "DeepSeek"),
        ("ＧＰＴ－４．５", "GPT-4.5"),
        # whitespace trimmed and collapsed, including ideographic and no-break spaces
        ("  Hugging \u3000 Face\xa0", "Hugging Face"),
        ("李彦\u200b宏", "李彦宏"),  # zero-width characters removed
        # case-folding to the preferred display form
        ("deepseek", "DeepSeek"),
        ("OPENAI", "OpenAI"),
        ("Open AI", "OpenAI"),
        ("chatgpt", "ChatGPT"),
        # an unknown Latin term keeps its own spelling
        ("Mistral", "Mistral"),
        # no slash: Hugo would make a nested term
        ("AI/ML", "AI-ML"),
        ("开源/闭源", "开源-闭源"),
        ("a\\b", "a-b"),
        # synonyms
        ("人工智能", "AI"),
        ("大语言模型", "大模型"),
        ("LLM", "大模型"),
        ("深度求索", "DeepSeek"),
        # wrapping quotes, brackets and hashtags
        ("#开源#", "开源"),
        ("《百度》", "百度"),
        ("“文心一言”", "文心一言"),
        # a space between CJK and Latin is typography
        ("AI 大模型", "大模型"),
        ("C++", "C++"),
        ("Node.js", "Node.js"),
    ],
)
def test_normalize_term(raw: str, expected: str) -> None:
    assert normalize_term(raw, TAGS) == expected


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "2025", "2025年", "6月30日", "2024-11-21", "90%", "10倍", "02", "o", "🚀", "〇", "・", "要闻", "分享至",
     "https://new.qq.com/x", "这是一整句被误当成标签粘贴进来的非常非常长的文字内容而已"],
)  # fmt: skip
def test_junk_terms_are_dropped(junk: str) -> None:
    assert normalize_term(junk, TAGS) is None


def test_normalize_terms_dedupes_in_stable_order() -> None:
    terms = ["百度", "deepseek", "DeepSeek", "ＤｅｅｐＳｅｅｋ", "2025", "Q&A", "QA", "百度 "]
    assert normalize_terms(terms, TAGS) == ("百度", "DeepSeek", "Q&A")


def test_config_reads_tables_and_warns_unknown_keys() -> None:
    problems: list[tuple[str, str]] = []
    warnings: list[tuple[str, str]] = []
    cfg = parse_taxonomy_config(
        {
            "tags": {
                "synonyms": {"机器人": ["人形机器人", "具身智能"]},
                "display": ["NewCo"],
                "rules": {"自动驾驶": ["自动驾驶", "Robotaxi"]},
                "stop": ["百度"],
                "max_auto": 3,
                "min_df": 1,
                "colour": "red",
            },
            "categories": {"map": {"example.com": "示例", "百家号": "百度"}},
            "duplicates": {"policy": "report", "threshold": 0.7},
        },
        problems,
        warnings,
    )
    assert problems == []
    assert warnings and warnings[0][0] == "newsroom.tags.colour"
    assert normalize_term("具身智能", cfg.tags) == "机器人"
    assert normalize_term("newco", cfg.tags) == "NewCo"
    assert normalize_term("百度", cfg.tags) is None
    assert cfg.tags.rules == (("自动驾驶", ("自动驾驶", "Robotaxi")),)
    assert (cfg.tags.max_auto, cfg.tags.min_df) == (3, 1)
    assert cfg.categories.map["example.com"] == "示例"
    assert cfg.categories.map["qq"] == "腾讯新闻"  # defaults stay unless default_map = false
    assert (cfg.duplicates.policy, cfg.duplicates.threshold) == ("report", 0.7)


def test_config_problems_name_the_full_key() -> None:
    problems: list[tuple[str, str]] = []
    parse_taxonomy_config(
        {
            "tags": {"max_auto": "five", "enabled": 1, "slash": "/", "min_df": 0},
            "duplicates": {"policy": "drop", "threshold": 2},
            "categories": {"map": {"x.com": 3}},
        },
        problems,
        [],
    )
    keys = sorted(k for k, _ in problems)
    assert keys == [
        "newsroom.categories.map.x.com",
        "newsroom.duplicates.policy",
        "newsroom.duplicates.threshold",
        "newsroom.tags.enabled",
        "newsroom.tags.max_auto",
        "newsroom.tags.min_df",
        "newsroom.tags.slash",
    ]


def _article(**kw: object) -> Article:
    return Article(source="x.md", kind="markdown", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (_article(source_url="https://new.qq.com/rain/a/20250214A042HS00"), ("腾讯新闻",)),
        (_article(source_url="https://www.163.com/dy/article/X.html", site="163"), ("网易",)),
        (_article(site="sohu"), ("搜狐",)),
        (_article(publisher="新浪"), ("新浪",)),
        (_article(publisher="某公众号"), ("news",)),
        # an explicit category wins, normalized
        (_article(categories=("科技 ",), explicit=frozenset({"categories"}), site="qq"), ("科技",)),
        # the exporter's bare site key is translated
        (_article(categories=("qq",), explicit=frozenset({"categories"})), ("腾讯新闻",)),
        # categories that are not explicit (a reader's guess) do not override the map
        (_article(categories=("qq",), site="163"), ("网易",)),
    ],
)
def test_categories_for(article: Article, expected: tuple[str, ...]) -> None:
    assert categories_for(article, CFG, "news") == expected


def test_site_keys_are_hosts_and_site_names() -> None:
    keys = site_keys(CFG)
    assert {"qq", "163", "sohu", "new.qq.com"} <= keys
    assert "腾讯新闻" not in keys


def test_default_config_is_taxonomy_config() -> None:
    assert isinstance(CFG, TaxonomyConfig)
    assert CFG.duplicates.policy == "keep-first"
