"""Small publisher profiles: how to recognise a major site from its host or its page furniture.

The generic readers never need a profile; a profile only names the site (``site`` drives the default
category) and lists the platform names that are not the real publisher of an article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Profile:
    """What identifies one publisher's pages."""

    key: str
    """Short site key (``163``)."""
    hosts: tuple[str, ...]
    """Host names or suffixes the site serves articles from."""
    marks: tuple[str, ...]
    """Phrases of the site's own furniture (breadcrumb root, platform name, footer) in copied text."""


PROFILES: tuple[Profile, ...] = (
    Profile("163", ("163.com", "126.net"), ("网易首页", "网易号", "网易新闻", "NetEase", "网易立场")),
    Profile("qq", ("qq.com",), ("腾讯网", "腾讯新闻", "返回腾讯网首页")),
    Profile("sohu", ("sohu.com",), ("搜狐首页", "搜狐号", "搜狐新闻", "返回搜狐")),
    Profile(
        "sina",
        ("sina.com.cn", "sina.cn", "weibo.com"),
        ("新浪首页", "新浪新闻", "新浪网", "新浪财经APP", "不代表新浪立场"),
    ),
    Profile("ifeng", ("ifeng.com",), ("凤凰网", "凤凰新媒体", "凤凰新闻")),
    Profile("thepaper", ("thepaper.cn",), ("澎湃新闻报料", "澎湃号", "澎湃新闻，未经授权")),
    Profile("toutiao", ("toutiao.com",), ("今日头条", "头条号", "头条产品")),
    Profile("people", ("people.com.cn", "people.cn"), ("人民网>>", "人民网通行证", "手机人民网")),
    Profile("xinhuanet", ("xinhuanet.com", "news.cn"), ("新华网首页", "新华网版权")),
    Profile("wechat", ("mp.weixin.qq.com", "weixin.qq.com"), ("微信扫一扫", "关注该公众号", "微信公众平台")),
    Profile("baijiahao", ("baijiahao.baidu.com", "mbd.baidu.com"), ("百度首页", "使用百度前必读", "百家号")),
    Profile("huanqiu", ("huanqiu.com",), ("环球网", "环球TIME")),
    Profile("guancha", ("guancha.cn",), ("观察者网",)),
    Profile("hexun", ("hexun.com",), ("和讯网", "和讯首页")),
    Profile("csdn", ("csdn.net",), ("CSDN首页",)),
    Profile("gamersky", ("gamersky.com",), ("游民星空", "Gamersky")),
    Profile("chinanews", ("chinanews.com", "chinanews.com.cn"), ("中国新闻网", "中新网")),
    Profile("cctv", ("cctv.com",), ("央视网",)),
    Profile("caixin", ("caixin.com",), ("财新网",)),
    Profile("jiemian", ("jiemian.com",), ("界面新闻",)),
    Profile("36kr", ("36kr.com",), ("36氪",)),
)

#: Platform names that host accounts: a ``来源`` equal to these is the platform, not the publisher.
PLATFORMS: tuple[str, ...] = ("网易号", "搜狐号", "百家号", "头条号", "企鹅号", "澎湃号", "自媒体", "一点号", "大风号")


def site_from_url(url: str) -> str:
    """The short site key of a URL's host (``www.163.com`` → ``163``); the host's main name if unknown."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return ""
    matches = [(len(h), p.key) for p in PROFILES for h in p.hosts if host == h or host.endswith("." + h)]
    if matches:
        return max(matches)[1]  # the most specific host wins: mp.weixin.qq.com is WeChat, not qq
    parts = [p for p in host.split(".") if p not in ("www", "m", "news", "com", "cn", "net", "org", "gov", "edu")]
    return parts[-1] if parts else host


def site_from_text(header: str, footer: str) -> str:
    """The site whose furniture appears around the article (header weighs more than footer), or ``""``."""
    votes: Counter[str] = Counter()
    for text, weight in ((header, 3), (footer, 1)):
        for profile in PROFILES:
            votes[profile.key] += weight * sum(len(re.findall(re.escape(mark), text)) for mark in profile.marks)
    best = votes.most_common(1)
    return best[0][0] if best and best[0][1] > 0 else ""


def is_platform(name: str) -> bool:
    """Whether a ``来源`` value names a hosting platform rather than the publisher (``澎湃新闻·澎湃号·政务``)."""
    return any(platform in name for platform in PLATFORMS)


#: Separators between the headline and the channel and site names in a page title.
_TITLE_SEPARATOR = re.compile(r"\s*(?:--|[_|｜—–]|\s-\s|-)\s*")
#: Endings of a news site's or paper's name (``BBC中文网``, ``自由時報``, ``三立新聞網``, ``中央社``).
_SITE_NAME_END = re.compile(r"(?:网|網|报|報|社|台|新闻|新聞|周刊|週刊|杂志|雜誌|在线|在線)$")


def site_name(name: str) -> str:
    """A site's name as a publisher: Latin tags after a Chinese name and ``電子報`` (web edition) dropped."""
    text = re.sub(r"\s+", " ", name).strip()
    if re.search(r"[\u4e00-\u9fff]", text):
        text = re.sub(r"(?<=[\u4e00-\u9fff])\s+[A-Za-z][A-Za-z0-9.\s-]*$", "", text)  # ``三立新聞網 SETN.COM``
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:電子報|电子报)$", "", text)
    return text.strip()


def site_from_title(page_title: str, headline: str) -> str:
    """The site's name after the headline in a page title (``标题 - 生活 - 某某時報電子報`` → ``某某時報``), or ``""``.

    Only a title that starts with the headline is read, and only a part shaped like a news site's name
    (ending in 网, 報, 社, 新聞...) is taken: a channel (``生活``, ``纪检``) is not a publisher.
    """
    key = re.sub(r"\s+", "", headline)
    title = re.sub(r"\s+", " ", page_title).strip()
    if len(key) < 4 or not re.sub(r"\s+", "", title).startswith(key):
        return ""
    consumed, rest = 0, title
    for index, char in enumerate(title):
        if not char.isspace():
            consumed += 1
        if consumed == len(key):
            rest = title[index + 1 :]
            break
    if not _TITLE_SEPARATOR.match(rest) or not rest.strip():
        return ""
    for segment in _TITLE_SEPARATOR.split(rest):
        name = site_name(segment)
        if 2 <= len(name) <= 16 and _SITE_NAME_END.search(name):
            return name
    return ""
