"""Generate a benchmark corpus: N inbox sources shaped like the shipped samples, plus a buildable site skeleton.

    .venv/bin/python bench/corpus.py OUT_DIR --n 10000 --seed 1 [--image-base http://127.0.0.1:8765]

Writes ``OUT_DIR/site/config.toml`` (the shipped config; ``themesDir`` pointing at this repository's themes) and
``OUT_DIR/site/inbox/*``. The same seed gives the same bytes. The mix follows the samples (front-matter markdown,
plain markdown, page text copied with its chrome) plus saved HTML pages, the fourth input kind:
35 % / 20 % / 35 % / 10 % by default. Text is built from a vocabulary (no network): sentences of news-like
clauses, 800-5,000 characters per article as in the samples; 5-8 tags from a vocabulary of 500 (a few frequent,
most rare), dates spread over 2024-2025, and about a third of the articles carry images from ``--image-base``
(a local server ``bench/run.py`` starts).
"""

# Vocabulary data reads best as long lines of space-separated words, not list literals:
# ruff: noqa: E501, SIM905

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("front-matter", "markdown", "page-text", "html")
DEFAULT_MIX = (0.35, 0.20, 0.35, 0.10)
EXTENSIONS = {"front-matter": ".md", "markdown": ".md", "page-text": ".txt", "html": ".html"}
IMAGE_SHARE = 0.3
START = dt.datetime(2024, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
SPAN_SECONDS = 2 * 365 * 86400

ORGS = (
    "百度 阿里巴巴 腾讯 字节跳动 华为 小米 京东 美团 拼多多 网易 快手 比亚迪 宁德时代 中芯国际 联想 荣耀 蔚来 理想汽车 小鹏汽车 "
    "智谱 月之暗面 百川智能 零一万物 阶跃星辰 商汤科技 科大讯飞 海康威视 大疆 OpenAI 谷歌 微软 苹果 英伟达 特斯拉 Meta 亚马逊 "
    "三星 台积电 高通 英特尔 AMD 工信部 国家统计局 中国人民银行 证监会 发改委 商务部 上交所 深交所 港交所"
).split()
PEOPLE = (
    "李彦宏 马化腾 雷军 张一鸣 王兴 刘强东 任正非 余承东 王传福 曾毓群 何小鹏 李想 李斌 周鸿祎 刘庆峰 黄仁勋 奥尔特曼 马斯克 "
    "纳德拉 库克 扎克伯格 苏姿丰 张勇 吴泳铭 蔡崇信 王坚 沈向洋 李开复 张亚勤 杨植麟"
).split()
PLACES = "北京 上海 深圳 杭州 广州 成都 武汉 南京 苏州 合肥 西安 重庆 天津 香港 新加坡 硅谷 东京 首尔 迪拜 伦敦".split()
TOPICS = (
    "大模型 人工智能 开源模型 推理芯片 算力中心 智能驾驶 新能源汽车 固态电池 人形机器人 具身智能 云计算 数据中心 半导体 "
    "光刻机 折叠屏手机 AI眼镜 智能家居 跨境电商 即时零售 外卖平台 短视频 直播带货 游戏出海 生物医药 创新药 医疗器械 低空经济 "
    "无人机 商业航天 卫星互联网 量子计算 网络安全 数据要素 数字人民币 跨境支付 消费信贷 科创板 港股 美股 黄金 原油 光伏 "
    "储能 风电 氢能 碳中和 钢铁 房地产 基础设施 物流 航运 出口 消费电子 内容平台"
).split()
NOUNS = (
    "市场 行业 用户 开发者 产品 技术 模型 平台 生态 成本 价格 订单 营收 利润 融资 估值 份额 需求 供应链 产能 渠道 政策 标准 "
    "监管 投资 资本 人才 算法 数据 参数 训练 推理 应用 场景 服务 体验 功能 版本 系统 芯片 硬件 软件 设备 终端 工厂 产线 门店 "
    "品牌 合作伙伴 竞争对手 投资者 分析师 消费者 企业 机构 团队 项目 计划 战略 布局 增速 规模 格局 趋势 节奏 门槛 风险 机会"
).split()
VERBS = (
    "宣布 推出 发布 上线 开源 降低 提升 扩大 收缩 加快 放缓 投入 布局 调整 优化 升级 整合 拓展 突破 打造 建设 签约 落地 "
    "试点 推进 完成 启动 披露 回应 表示 认为 指出 预计 透露 强调 承诺 计划 考虑 押注 追赶 超越 领跑 跟进 加码 下调 上调"
).split()
ADVERBS = (
    "正在 已经 持续 逐步 全面 率先 再次 首次 陆续 进一步 大幅 明显 迅速 稳步 悄然 集中 普遍 同步 仍然 有望".split()
)
ADJECTIVES = "新一轮 下一代 全新 核心 关键 高端 主流 头部 中小 海外 国内 全球 底层 开放 免费 付费 垂直 通用 多模态 低成本".split()
TIMES = (
    "今年以来 去年下半年 近日 本周 上周 今年一季度 今年上半年 过去一年 未来三年 未来五年 当天 此前 随后 与此同时 截至目前 近期"
).split()
OPENERS = (
    "据介绍 业内人士认为 分析人士指出 数据显示 公开资料显示 记者了解到 据悉 值得关注的是 从行业看 在他看来 有消息称 公司方面表示"
).split()
SITES = ("qq", "163", "sohu", "sina", "ifeng", "thepaper", "36kr", "huxiu")
SITE_HOSTS = {
    "qq": "new.qq.com/rain/a",
    "163": "www.163.com/dy/article",
    "sohu": "www.sohu.com/a",
    "sina": "finance.sina.com.cn/tech",
    "ifeng": "tech.ifeng.com/c",
    "thepaper": "www.thepaper.cn/newsDetail_forward",
    "36kr": "36kr.com/p",
    "huxiu": "www.huxiu.com/article",
}
PUBLISHERS = "新浪财经 搜狐科技 澎湃新闻 钛媒体 每日经济新闻 第一财经 证券时报 中国电子报 21世纪经济报道 界面新闻 财联社 IT之家".split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"
HOT_SOURCES = "极目新闻 环球零碳 混沌录 白面书誏 罗氏八卦 芳芳历史烩 Home范 财经早餐 科技每日推送 全球眼 数码评测室 汽车之声".split()


def tag_vocabulary(size: int = 500) -> list[str]:
    """``size`` distinct tags: topics, companies and topic×aspect pairs (the same list for every seed)."""
    aspects = (
        "投资 政策 价格 出海 融资 专利 人才 监管 财报 供应链 并购 标准 安全 补贴 产能 裁员 竞争 上市 合作 诉讼".split()
    )
    tags = list(dict.fromkeys([*TOPICS, *ORGS]))
    for aspect in aspects:
        for topic in TOPICS:
            if len(tags) >= size:
                return tags
            tags.append(f"{topic}{aspect}")
    return tags[:size]


TAGS = tag_vocabulary()


@dataclass(frozen=True, slots=True)
class Story:
    """The facts of one generated article; each writer renders them in its input kind's shape."""

    index: int
    title: str
    date: dt.datetime
    site: str
    url: str
    author: str
    publisher: str
    tags: tuple[str, ...]
    paragraphs: tuple[str, ...]
    """Body paragraphs; ``## `` subheads and ``![图片](url)`` image lines included."""
    images: tuple[str, ...]


class Writer:
    """Chinese news text from the vocabulary, driven by one ``random.Random``."""

    def __init__(self, rng: random.Random, image_base: str) -> None:
        self.rng = rng
        self.image_base = image_base.rstrip("/")

    def pick(self, items: tuple[str, ...] | list[str] | str) -> str:
        return items[self.rng.randrange(len(items))]

    def name(self) -> str:
        return self.pick(SURNAMES) + "".join(self.pick(GIVEN) for _ in range(self.rng.randint(1, 2)))

    def clause(self) -> str:
        r = self.rng
        subject = self.pick(ORGS) if r.random() < 0.6 else self.pick(PEOPLE) if r.random() < 0.5 else self.pick(NOUNS)
        parts = [subject]
        if r.random() < 0.6:
            parts.append(self.pick(ADVERBS))
        parts.append(self.pick(VERBS))
        if r.random() < 0.5:
            parts.append(self.pick(ADJECTIVES))
        parts.append(self.pick(TOPICS))
        if r.random() < 0.5:
            parts.append("的" + self.pick(NOUNS))
        if r.random() < 0.15:
            parts.append(f"，规模达到{r.randint(2, 999)}亿元")
        elif r.random() < 0.15:
            parts.append(f"，同比增长{r.randint(1, 99)}.{r.randint(0, 9)}%")
        return "".join(parts)

    def sentence(self) -> str:
        r = self.rng
        head = ""
        if r.random() < 0.3:
            head = self.pick(TIMES) + "，"
        elif r.random() < 0.25:
            head = self.pick(OPENERS) + "，"
        clauses = [self.clause() for _ in range(r.randint(1, 3))]
        if r.random() < 0.1:
            clauses[-1] = f"{self.pick(PEOPLE)}表示：“{self.clause()}，{self.clause()}。”"
            return head + "，".join(clauses)
        return head + "，".join(clauses) + self.pick("。。。。！；")[0].replace("；", "。")

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def title(self) -> str:
        r = self.rng
        shapes: tuple[Callable[[], str], ...] = (
            lambda: (
                f"{self.pick(ORGS)}{self.pick(VERBS)}{self.pick(ADJECTIVES)}{self.pick(TOPICS)}，{self.pick(NOUNS)}迎来新变化"
            ),
            lambda: f"{self.pick(TOPICS)}{self.pick(['再启', '掀起', '迎来', '告别'])}{self.pick(NOUNS)}潮，谁将受益？",
            lambda: f"{self.pick(PEOPLE)}：{self.pick(TOPICS)}的{self.pick(NOUNS)}正在{self.pick(VERBS)}",
            lambda: (
                f"{self.pick(ORGS)}{r.randint(1, 12)}月{self.pick(NOUNS)}{self.pick(['增长', '下滑', '持平'])}{r.randint(2, 80)}%"
            ),
            lambda: f"{self.pick(PLACES)}{self.pick(ADVERBS)}{self.pick(VERBS)}{self.pick(TOPICS)}{self.pick(NOUNS)}",
        )
        return shapes[r.randrange(len(shapes))]()

    def image(self) -> str:
        return f"{self.image_base}/img/{self.rng.randrange(100_000)}.jpg"

    def story(self, index: int) -> Story:
        r = self.rng
        date = START + dt.timedelta(seconds=r.randrange(SPAN_SECONDS))
        site = self.pick(SITES)
        url = f"https://{SITE_HOSTS[site]}/{hashlib.sha256(f'{index}'.encode()).hexdigest()[:12]}.html"
        target = int(min(5000, max(800, r.lognormvariate(7.7, 0.45))))  # median ~2,200 characters
        images = [self.image() for _ in range(r.randint(1, 3))] if r.random() < IMAGE_SHARE else []
        paragraphs: list[str] = []
        length = 0
        pending = list(images)
        while length < target:
            if paragraphs and r.random() < 0.08:
                paragraphs.append(f"## {self.title()[:16]}")
            if pending and (not paragraphs or r.random() < 0.3):
                paragraphs.append(f"![图片]({pending.pop(0)})")
            text = self.paragraph()
            paragraphs.append(text)
            length += len(text)
        paragraphs += [f"![图片]({u})" for u in pending]
        tags = tuple(dict.fromkeys(self.tag() for _ in range(r.randint(5, 8))))
        return Story(
            index=index,
            # Unique titles: Hugo turns ``menu: ""`` into a menu entry keyed by title, and two equal titles
            # fail the strict build (a generator bug, reported in the README); the corpus avoids it.
            title=f"{self.title()}｜{index}",
            date=date,
            site=site,
            url=url,
            author=self.name(),
            publisher=self.pick(PUBLISHERS),
            tags=tags,
            paragraphs=tuple(paragraphs),
            images=tuple(images),
        )

    def tag(self) -> str:
        # Zipf-like: a few tags are on many articles, most are rare (as in real news).
        rank = min(len(TAGS) - 1, int(self.rng.paretovariate(0.9)) - 1)
        return TAGS[(rank * 7919) % len(TAGS)]

    def hot_list(self, count: int) -> list[str]:
        lines: list[str] = []
        for _ in range(count):
            title = self.title()
            when = START + dt.timedelta(seconds=self.rng.randrange(SPAN_SECONDS))
            lines += [title, "", title, "", self.pick(HOT_SOURCES), when.strftime("%Y-%m-%d %H:%M:%S")]
        return lines


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_front_matter(s: Story, w: Writer) -> str:
    """Like samples 000/003: the full schema in YAML, images in the body, the source link last."""
    first = next(p for p in s.paragraphs if not p.startswith(("!", "#")))
    lines = [
        "---",
        f"title: {_q(s.title)}",
        f'date: "{s.date:%Y-%m-%d %H:%M:%S}"',
        f"summary: {_q(first[:50] + '...')}",
        "categories:",
        f'  - "{s.site}"',
        "lang:",
        '  - "zh-CN"',
        "translations:",
        '  - "zh-CN"',
        "tags:",
        *(f"  - {_q(t)}" for t in s.tags),
        'menu: ""',
        f"thumbnail: {_q(s.images[0] if s.images else '')}",
        'lead: ""',
        "comments: false",
        "authorbox: false",
        "pager: true",
        "toc: false",
        "mathjax: false",
        'sidebar: "right"',
        "widgets:",
        '  - "search"',
        '  - "recent"',
        '  - "taglist"',
        "---",
        "",
    ]
    body = "\n\n".join(s.paragraphs)
    return "\n".join(lines) + "\n" + body + f"\n\n[{s.site}]({s.url})\n"


def render_markdown(s: Story, w: Writer) -> str:
    """Like sample 001: a ``# title``, a reporter line, subheads, no metadata block."""
    return (
        f" \n\n\n# {s.title}\n\n\n\n本报记者 {s.author}\n\n{s.date:%Y-%m-%d %H:%M}\n\n"
        + "\n\n".join(s.paragraphs)
        + "\n"
    )


def render_page_text(s: Story, w: Writer) -> str:
    """Like samples 002/004: breadcrumbs and a share bar above, an editor line and hot-news lists below."""
    r = w.rng
    head = [
        f"{s.publisher}首页 > {s.publisher}号 > 正文 申请入驻",
        "",
        s.title,
        "",
        f"{s.date:%Y-%m-%d %H:%M:%S}",
        "",
        f"来源:{s.publisher}",
        "",
        str(r.randint(0, 99)),
        "分享至",
        "",
        f"作者:{s.author}",
        "",
    ]
    body = [p.removeprefix("## ") for p in s.paragraphs if not p.startswith("![")]  # copied text has no images
    tail = [
        "",
        f"责任编辑：{w.name()}",
        "",
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，本平台仅提供信息存储服务。",
        "",
        "相关推荐",
        "热点推荐",
        "",
        *w.hot_list(r.randint(6, 14)),
        "",
        "往期回顾 全部",
        "",
        "科技要闻",
        "",
        f"{w.title()}",
        "",
        "无障碍浏览 进入关怀版",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n" + "\n".join(tail) + "\n"


def render_html(s: Story, w: Writer) -> str:
    """A saved article page: navigation, breadcrumbs, a share bar, the article, a related list, a footer."""
    paragraphs = []
    for p in s.paragraphs:
        if p.startswith("!["):
            url = p[p.index("](") + 2 : -1]
            paragraphs.append(f'<p><img src="{escape(url)}" alt="图片" width="640" height="360"></p>')
        elif p.startswith("## "):
            paragraphs.append(f"<h2>{escape(p[3:])}</h2>")
        else:
            paragraphs.append(f"<p>{escape(p)}</p>")
    content = "\n    ".join(paragraphs)
    related = "\n".join(
        f'    <li><a href="/a/{i}.html">{escape(w.title())}</a> <span>{s.date:%Y-%m-%d} 10:00:00</span></li>'
        for i in range(w.rng.randint(4, 10))
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(s.title)}_科技频道_{escape(s.publisher)}</title>
<link rel="canonical" href="{s.url}">
<meta property="og:title" content="{escape(s.title)}">
<meta name="keywords" content="{escape(",".join(s.tags))}">
</head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/tech">科技</a> <a href="/finance">财经</a> <a href="/auto">汽车</a></div>
<div class="crumb"><a href="/">{escape(s.publisher)}</a> &gt; <a href="/tech">科技</a> &gt; 正文</div>
<div class="article">
  <h1>{escape(s.title)}</h1>
  <div class="info"><span class="time">{s.date:%Y年%m月%d日 %H:%M}</span> <span class="source">来源：{escape(s.publisher)}</span> <span class="author">作者：{escape(s.author)}</span></div>
  <div class="share">分享到：<a>微信</a> <a>微博</a></div>
  <div class="content">
    {content}
    <p class="editor">责任编辑：{escape(w.name())}</p>
  </div>
</div>
<div class="related">
  <h3>相关推荐</h3>
  <ul>
{related}
  </ul>
</div>
<div class="footer">版权所有 {escape(s.publisher)} 京ICP备00000000号</div>
</body>
</html>
"""


RENDERERS: dict[str, Callable[[Story, Writer], str]] = {
    "front-matter": render_front_matter,
    "markdown": render_markdown,
    "page-text": render_page_text,
    "html": render_html,
}


def kinds_for(n: int, mix: tuple[float, ...], seed: int) -> list[str]:
    """Exactly ``round(share × n)`` files of each kind (the rest to the first), in a seeded shuffled order."""
    counts = [round(share * n) for share in mix]
    counts[0] += n - sum(counts)
    kinds = [kind for kind, count in zip(KINDS, counts, strict=True) for _ in range(count)]
    random.Random(f"{seed}:kinds").shuffle(kinds)
    return kinds


def article(index: int, kind: str, seed: int, image_base: str) -> tuple[str, str]:
    """(file name, text) of article ``index``; depends only on (index, kind, seed, image_base)."""
    writer = Writer(random.Random(f"{seed}:{index}"), image_base)
    story = writer.story(index)
    text = RENDERERS[kind](story, writer)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return f"{index:06d}_{digest}{EXTENSIONS[kind]}", text


def write_site(out: Path, themes: Path = ROOT / "themes") -> Path:
    """The site skeleton: the shipped config with ``themesDir`` at this repository's themes; returns the site."""
    site = out / "site"
    (site / "inbox").mkdir(parents=True, exist_ok=True)
    (site / "content").mkdir(exist_ok=True)
    config = (ROOT / "site" / "config.toml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^themesDir\s*=.*$", f"themesDir = {_q(str(themes.resolve()))}", config)
    if count != 1:
        raise SystemExit("site/config.toml has no themesDir line to point at the theme")
    (site / "config.toml").write_text(config, encoding="utf-8")
    return site


def generate(
    out: Path, n: int, seed: int = 1, image_base: str = "http://127.0.0.1:8765", mix: tuple[float, ...] = DEFAULT_MIX
) -> list[Path]:
    """Write the site skeleton and ``n`` inbox sources under ``out``; return the source paths."""
    site = write_site(out)
    inbox = site / "inbox"
    paths = []
    for index, kind in enumerate(kinds_for(n, mix, seed)):
        name, text = article(index, kind, seed, image_base)
        path = inbox / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _mix(text: str) -> tuple[float, ...]:
    shares = tuple(float(x) for x in text.split(","))
    if len(shares) != len(KINDS) or abs(sum(shares) - 1) > 1e-6:
        raise argparse.ArgumentTypeError(f"four shares summing to 1, for {', '.join(KINDS)}")
    return shares


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("out", type=Path, help="folder to create the site in")
    parser.add_argument("--n", type=int, default=10_000, help="number of source files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--image-base", default="http://127.0.0.1:8765", help="image server address")
    parser.add_argument("--mix", type=_mix, default=DEFAULT_MIX, help="shares of " + ",".join(KINDS))
    args = parser.parse_args(argv)
    paths = generate(args.out, args.n, args.seed, args.image_base, args.mix)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} sources, {size / 1e6:.1f} MB, in {args.out / 'site' / 'inbox'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
