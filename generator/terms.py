"""Tag and category terms: the ``[newsroom.tags|categories|duplicates]`` config, normalization, categories.

Every term the site publishes goes through ``normalize_term`` so that one idea has one spelling
(``deepseek``, ``ＤｅｅｐＳｅｅｋ`` and ``深度求索`` all become ``DeepSeek``) and never contains a
``/``, which Hugo would turn into a nested term.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from .model import Article
from .tables import Issues, typed_value
from .taxonomy import hugo_term_path

DuplicatePolicy = Literal["keep-first", "keep-all", "report"]
DUPLICATE_POLICIES: tuple[str, ...] = ("keep-first", "keep-all", "report")

#: Preferred display forms of Latin (and mixed) terms; the key is the case-folded form.
DEFAULT_DISPLAY: tuple[str, ...] = (
    "AI", "AGI", "AIGC", "API", "APP", "CEO", "CPU", "GPU", "NPU", "IPO", "LLM", "MoE", "SaaS", "5G", "6G",
    "DeepSeek", "DeepSeek-R1", "DeepSeek-V2", "DeepSeek-V3", "OpenAI", "ChatGPT", "GPT-4", "GPT-4o", "GPT-4.5",
    "GPT-5", "o3-mini", "Sora", "Gemini", "Google", "Meta", "Llama", "Mistral", "Anthropic", "Claude",
    "xAI", "Grok", "Qwen", "QwQ-32B", "Kimi", "MiniMax", "NVIDIA", "Microsoft", "Apple", "iPhone", "Tesla",
    "GitHub", "Hugging Face", "HuggingFace", "Linux", "Android", "HarmonyOS", "MagicOS", "TikTok", "CSDN",
)  # fmt: skip

#: Default synonyms, canonical form → variants.
DEFAULT_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "AI": ("人工智能", "A.I."),
    "大模型": ("大语言模型", "LLM", "LLMs", "AI大模型", "人工智能大模型"),
    "DeepSeek": ("深度求索",),
    "通义千问": ("通义", "千问", "Qwen"),
    "文心一言": ("文心大模型",),
    "字节跳动": ("字节",),
    "阿里巴巴": ("阿里", "阿里集团"),
    "谷歌": ("Google",),
    "微软": ("Microsoft",),
    "英伟达": ("NVIDIA", "Nvidia"),
    "开源": ("开源模型",),
}

#: Words that are never tags: page chrome, bylines, and nouns too general to browse by.
DEFAULT_STOP: tuple[str, ...] = (
    # page chrome and bylines
    "要闻", "正文", "分享", "分享至", "网易号", "网易首页", "申请入驻", "首页", "来源", "作者", "编辑", "责任编辑",
    "记者", "本报", "本报讯", "本报记者", "原标题", "图片", "图片来源", "相关推荐", "热点推荐", "热门资讯", "相关内容",
    "特别声明", "声明", "参考资料", "参考素材", "原创", "创始人", "往期回顾", "举报", "评论", "点赞", "收藏", "关注",
    "unsplash", "notice", "content", "app", "id", "pc",
    # general nouns
    "新闻", "消息", "报道", "文章", "内容", "用户", "公司", "企业", "行业", "市场", "技术", "模型", "时间", "问题",
    "方面", "能力", "成本", "时代", "领域", "产品", "服务", "平台", "数据", "信息", "方式", "情况", "目标", "价格",
    "团队", "系统", "方向", "趋势", "策略", "价值", "生态", "厂商", "场景", "应用", "全球", "国内", "海外", "中国",
    "美国", "世界", "未来", "今天", "目前", "近日", "此前", "同时", "过程", "部分", "水平", "规模", "效率", "性能",
    "需求", "人士", "专家", "业内人士", "全网", "网友", "版本", "任务", "工具", "功能", "参数", "方法", "研究",
    "发展", "创新", "竞争", "优势", "门槛", "基础", "核心", "关键", "重要", "一系列", "一家", "大厂", "巨头",
    "算力", "算法", "训练", "推理", "开发者", "研发", "动作", "路线", "规范", "模式", "商业模式", "逻辑", "本质",
    "计划", "措施", "战略", "免费", "收费", "头部", "科技", "公众", "机构", "人才", "资金", "利润", "收入",
    "智能", "产业", "商业", "硬件", "代码", "比例", "视频", "优化", "协同", "日讯", "财经", "企业级",
    "mini", "pro", "plus", "max", "the", "and", "of",
)  # fmt: skip

#: Where an article came from → its default category. Keys: host names, site keys, publisher names.
DEFAULT_CATEGORY_MAP: Mapping[str, str] = {
    "new.qq.com": "腾讯新闻",
    "news.qq.com": "腾讯新闻",
    "qq.com": "腾讯新闻",
    "qq": "腾讯新闻",
    "腾讯新闻": "腾讯新闻",
    "163.com": "网易",
    "163": "网易",
    "网易": "网易",
    "网易号": "网易",
    "sohu.com": "搜狐",
    "sohu": "搜狐",
    "搜狐": "搜狐",
    "sina.com.cn": "新浪",
    "sina.cn": "新浪",
    "sina": "新浪",
    "新浪": "新浪",
    "ifeng.com": "凤凰网",
    "ifeng": "凤凰网",
    "thepaper.cn": "澎湃新闻",
    "thepaper": "澎湃新闻",
    "xinhuanet.com": "新华网",
    "news.cn": "新华网",
    "people.com.cn": "人民网",
    "36kr.com": "36氪",
    "huxiu.com": "虎嗅",
    "tmtpost.com": "钛媒体",
    "jiemian.com": "界面新闻",
    "cls.cn": "财联社",
    "stcn.com": "证券时报",
    "caixin.com": "财新",
}


@dataclass(frozen=True, slots=True)
class TagConfig:
    """``[newsroom.tags]``."""

    enabled: bool = True
    """Add automatic tags (rules and keywords); source tags are kept either way."""
    synonyms: Mapping[str, str] = field(default_factory=dict)
    """Case-folded variant → canonical term."""
    display: Mapping[str, str] = field(default_factory=dict)
    """Case-folded term → preferred display form (``deepseek`` → ``DeepSeek``)."""
    rules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(tag, terms): the tag is added when the text mentions the terms often enough (or in the title)."""
    rule_min_count: int = 2
    """Mentions in the body a rule needs (one mention in the title is enough)."""
    stop: frozenset[str] = frozenset()
    """Case-folded terms that are never tags."""
    max_auto: int = 7
    """Automatic tags (rules + keywords) per article, at most."""
    min_df: int = 2
    """A keyword must be a candidate in this many articles of the site to become a tag."""
    candidates: int = 40
    """Keywords the tagger proposes per article before the site-wide filter."""
    drop_site_tags: bool = True
    """Drop source tags that are only a site key (``qq``): the category already says it."""
    slash: str = "-"
    """What replaces ``/`` and ``\\`` inside a term (Hugo would nest the term)."""
    words: tuple[str, ...] = ()
    """Extra words for the segmenter's user dictionary."""
    max_length: int = 24
    """Longer terms are junk (a sentence pasted as a tag)."""


@dataclass(frozen=True, slots=True)
class CategoryConfig:
    """``[newsroom.categories]``."""

    map: Mapping[str, str] = field(default_factory=dict)
    """Case-folded host / site key / publisher → category."""


@dataclass(frozen=True, slots=True)
class DuplicateConfig:
    """``[newsroom.duplicates]``."""

    policy: DuplicatePolicy = "keep-first"
    """``keep-first`` publishes one page, ``keep-all`` marks copies related, ``report`` only reports."""
    threshold: float = 0.5
    """Estimated Jaccard similarity of character shingles above which two texts are one story."""


@dataclass(frozen=True, slots=True)
class TaxonomyConfig:
    """Everything tags, categories and duplicate detection read from the config."""

    tags: TagConfig = field(default_factory=TagConfig)
    categories: CategoryConfig = field(default_factory=CategoryConfig)
    duplicates: DuplicateConfig = field(default_factory=DuplicateConfig)


def default_taxonomy_config() -> TaxonomyConfig:
    """The config with every built-in default, as if the tables were empty."""
    return parse_taxonomy_config({}, [], [])


# --------------------------------------------------------------------------------------- config


_TAG_KEYS = {
    "enabled", "synonyms", "display", "rules", "rule_min_count", "stop", "max_auto", "min_df", "candidates",
    "drop_site_tags", "slash", "words", "max_length", "default_synonyms", "default_stop",
}  # fmt: skip
_CATEGORY_KEYS = {"map", "default_map"}
_DUPLICATE_KEYS = {"policy", "threshold"}


def _str_list(value: Any, key: str, problems: Issues) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    problems.append((key, f"expected a string or a list of strings, got {value!r}"))
    return ()


def _unknown(table: Mapping[str, Any], known: set[str], prefix: str, warnings: Issues) -> None:
    for key in table:
        if key not in known:
            warnings.append((prefix + key, f"unknown key ignored; known: {', '.join(sorted(known))}"))


def _fold(term: str) -> str:
    return _clean(term).casefold()


def _loose(folded: str) -> str:
    return re.sub(r"[\s\-_.]", "", folded)


def parse_taxonomy_config(
    tables: Mapping[str, Mapping[str, Any]], problems: Issues, warnings: Issues
) -> TaxonomyConfig:
    """Read ``[newsroom.tags]``, ``[newsroom.categories]`` and ``[newsroom.duplicates]``.

    Problems and unknown keys are appended as (full key, message); defaults fill every gap.
    """
    tags = _parse_tags(tables.get("tags", {}) or {}, problems, warnings)
    categories = _parse_categories(tables.get("categories", {}) or {}, problems, warnings)
    duplicates = _parse_duplicates(tables.get("duplicates", {}) or {}, problems, warnings)
    return TaxonomyConfig(tags=tags, categories=categories, duplicates=duplicates)


def _parse_tags(table: Mapping[str, Any], problems: Issues, warnings: Issues) -> TagConfig:
    p = "newsroom.tags."
    _unknown(table, _TAG_KEYS, p, warnings)
    base = TagConfig()

    display: dict[str, str] = {}
    forms = DEFAULT_DISPLAY + _str_list(table.get("display", []), p + "display", problems)
    for form in forms:
        if _clean(form):
            display[_fold(form)] = _clean(form)
    for form in forms:
        # ``Open AI`` / ``open-ai`` find ``OpenAI`` too, unless that loose key is itself a term.
        display.setdefault(_loose(_fold(form)), _clean(form))

    synonyms: dict[str, str] = {}
    pairs: list[tuple[str, tuple[str, ...]]] = []
    if typed_value(table, "default_synonyms", p, bool, True, problems):
        pairs += list(DEFAULT_SYNONYMS.items())
    raw_synonyms = typed_value(table, "synonyms", p, dict, {}, problems)
    for canonical, variants in raw_synonyms.items():
        pairs.append((canonical, _str_list(variants, f"{p}synonyms.{canonical}", problems)))
    for canonical, variants in pairs:
        # A user's entry for a variant replaces the default one, so later pairs win.
        for variant in variants:
            if _fold(variant) and _fold(variant) != _fold(canonical):
                synonyms[_fold(variant)] = _clean(canonical)
        synonyms.pop(_fold(canonical), None)

    rules: list[tuple[str, tuple[str, ...]]] = []
    for tag, terms in typed_value(table, "rules", p, dict, {}, problems).items():
        words = tuple(w for w in _str_list(terms, f"{p}rules.{tag}", problems) if _clean(w))
        if words:
            rules.append((tag, words))

    stop = {_fold(w) for w in DEFAULT_STOP} if typed_value(table, "default_stop", p, bool, True, problems) else set()
    stop.update(_fold(w) for w in _str_list(table.get("stop", []), p + "stop", problems))

    def positive(key: str, default: int) -> int:
        value: int = typed_value(table, key, p, int, default, problems)
        if value < 0 or (value == 0 and key not in ("max_auto",)):
            problems.append((p + key, f"expected a number above 0, got {value}"))
            return default
        return value

    slash = typed_value(table, "slash", p, str, base.slash, problems)
    if "/" in slash or "\\" in slash:
        problems.append((p + "slash", f"the replacement for / must not contain / or \\, got {slash!r}"))
        slash = base.slash
    return TagConfig(
        enabled=typed_value(table, "enabled", p, bool, base.enabled, problems),
        synonyms=synonyms,
        display=display,
        rules=tuple(rules),
        rule_min_count=positive("rule_min_count", base.rule_min_count),
        stop=frozenset(s for s in stop if s),
        max_auto=positive("max_auto", base.max_auto),
        min_df=positive("min_df", base.min_df),
        candidates=positive("candidates", base.candidates),
        drop_site_tags=typed_value(table, "drop_site_tags", p, bool, base.drop_site_tags, problems),
        slash=slash,
        words=_str_list(table.get("words", []), p + "words", problems),
        max_length=positive("max_length", base.max_length),
    )


def _parse_categories(table: Mapping[str, Any], problems: Issues, warnings: Issues) -> CategoryConfig:
    p = "newsroom.categories."
    _unknown(table, _CATEGORY_KEYS, p, warnings)
    mapping: dict[str, str] = {}
    if typed_value(table, "default_map", p, bool, True, problems):
        mapping.update((k.casefold(), v) for k, v in DEFAULT_CATEGORY_MAP.items())
    for key, value in typed_value(table, "map", p, dict, {}, problems).items():
        if not isinstance(value, str) or not _clean(value):
            problems.append((f"{p}map.{key}", f"expected a category name, got {value!r}"))
            continue
        mapping[_fold(key)] = value
    return CategoryConfig(map=mapping)


def _parse_duplicates(table: Mapping[str, Any], problems: Issues, warnings: Issues) -> DuplicateConfig:
    p = "newsroom.duplicates."
    _unknown(table, _DUPLICATE_KEYS, p, warnings)
    base = DuplicateConfig()
    policy = typed_value(table, "policy", p, str, base.policy, problems)
    if policy not in DUPLICATE_POLICIES:
        problems.append((p + "policy", f"expected one of {', '.join(DUPLICATE_POLICIES)}, got {policy!r}"))
        policy = base.policy
    threshold = table.get("threshold", base.threshold)
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        problems.append((p + "threshold", f"expected a number between 0 and 1 (e.g. 0.5), got {threshold!r}"))
        threshold = base.threshold
    return DuplicateConfig(policy=policy, threshold=float(threshold))


# ---------------------------------------------------------------------------------- normalize

_SPACE_RE = re.compile(r"\s+")
#: Wrapping punctuation an editor or a page puts around a term: quotes, brackets, hashtags.
_EDGE_PUNCT = "\"'“”‘’「」『』《》〈〉【】〔〕()[]{}<>#＃*·•,，、;；:：.。!！?？~～-—_ "
_LATIN_RE = re.compile(r"[A-Za-z]")
#: Terms that are a number, a year, a date, a quantity or a percentage: never worth a tag page.
_NUMERIC_RE = re.compile(
    r"^(?:[第约近超]?[\d.,%+\-~×]+"
    r"(?:年|月|日|号|时|分|秒|点|天|周|个|亿|万|千|百|元|美元|亿元|万元|倍|次|人|家|款|多|余|后|前|岁|级|代|季度|%)*)+$",
    re.IGNORECASE,
)
_DATE_RE = re.compile(r"^\d{1,4}[年/\-.]\d{1,2}([月/\-.]\d{1,2}日?)?$")
_URL_RE = re.compile(r"^(https?:|www\.)|://", re.IGNORECASE)


def _clean(term: str) -> str:
    """NFKC (full width → half width), no control/format characters, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", term)
    text = "".join(" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))
    return _SPACE_RE.sub(" ", text).strip()


def _is_junk(term: str, cfg: TagConfig) -> bool:
    if not term or len(term) > cfg.max_length or term.casefold() in cfg.stop:
        return True
    if _NUMERIC_RE.match(term) or _DATE_RE.match(term) or _URL_RE.search(term):
        return True
    # A lone Latin letter (``o``, ``X``) says nothing; a lone CJK character may (``云`` is rare as a tag but valid).
    if len(term) == 1 and _LATIN_RE.match(term):
        return True
    path = hugo_term_path(term)
    # Nothing Hugo keeps (only symbols/emoji) would land on the taxonomy's own list page.
    return not path.strip(".-_~")


def normalize_term(term: str, cfg: TagConfig) -> str | None:
    """One term in its canonical display form, or None when it is empty or junk.

    NFKC (full/half width), whitespace trimmed and collapsed, wrapping quotes/brackets/hashtags
    removed, ``/`` replaced (Hugo would nest the term), synonyms applied, then the preferred display
    form of a Latin term (``deepseek`` → ``DeepSeek``).
    """
    text = _clean(term)
    text = text.replace("/", cfg.slash).replace("\\", cfg.slash)
    text = _SPACE_RE.sub(" ", text).strip(_EDGE_PUNCT)
    # A space between CJK and Latin is typographic, not part of the term (``AI 大模型`` = ``AI大模型``).
    text = re.sub(r"(?<=[\u3400-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\u3400-\u9fff])", "", text)
    if not text:
        return None
    folded = text.casefold()
    text = cfg.synonyms.get(folded, text)
    folded = _fold(text)
    text = cfg.display.get(folded) or cfg.display.get(_loose(folded)) or text
    return None if _is_junk(text, cfg) else text


def normalize_terms(terms: Iterable[str], cfg: TagConfig, memo: dict[str, str | None] | None = None) -> tuple[str, ...]:
    """Normalize each term, drop junk, and keep the first of terms Hugo would put on one page.

    ``memo`` (term → normalized, for this ``cfg`` only) lets a caller normalizing a whole site's
    terms do each distinct spelling once.
    """
    out: list[str] = []
    seen: set[str] = set()
    for term in terms:
        if memo is None:
            norm = normalize_term(term, cfg)
        elif term in memo:
            norm = memo[term]
        else:
            norm = memo[term] = normalize_term(term, cfg)
        if norm is None:
            continue
        # Two spellings that Hugo gives the same folder are one term to the reader.
        key = hugo_term_path(norm)
        if key not in seen:
            seen.add(key)
            out.append(norm)
    return tuple(out)


# --------------------------------------------------------------------------------- categories


def _hosts(url: str) -> list[str]:
    """``https://new.qq.com/a`` → ``["new.qq.com", "qq.com"]`` (most specific first)."""
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return []
    host = host.removeprefix("www.")
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)] if len(parts) > 1 else []


def category_key(value: str, cfg: TaxonomyConfig) -> str | None:
    """The mapped category of a host, site key or publisher name, if the map knows it."""
    return cfg.categories.map.get(_fold(value)) if value else None


def categories_for(article: Article, cfg: TaxonomyConfig, default: str) -> tuple[str, ...]:
    """The article's categories: the source's own if it set them, else from its URL host, site or publisher.

    A source category that is only a site key (the samples' ``qq``) is translated through the map
    (``qq`` → ``腾讯新闻``): it was written by an exporter, not chosen by an editor.
    """
    tag_cfg = cfg.tags
    if "categories" in article.explicit and article.categories:
        mapped = (category_key(c, cfg) or c for c in article.categories)
        explicit = normalize_terms(mapped, _category_term_config(tag_cfg))
        if explicit:
            return explicit
    candidates = [*_hosts(article.source_url), article.site, article.publisher]
    for candidate in candidates:
        found = category_key(candidate, cfg)
        if found:
            return normalize_terms([found], _category_term_config(tag_cfg)) or (default,)
    return normalize_terms([default], _category_term_config(tag_cfg)) or (default,)


def _category_term_config(cfg: TagConfig) -> TagConfig:
    # Categories are chosen names, not mined words: no stop list, no synonyms (``阿里`` as a
    # channel name must not become ``阿里巴巴``), but the same width/space/slash rules.
    return TagConfig(display=cfg.display, slash=cfg.slash, max_length=64)


def site_keys(cfg: TaxonomyConfig) -> frozenset[str]:
    """Case-folded keys of the category map that are bare site keys or hosts (``qq``, ``163.com``)."""
    return frozenset(k for k in cfg.categories.map if re.fullmatch(r"[a-z0-9.\-]+", k))
