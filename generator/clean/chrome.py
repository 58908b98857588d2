"""Words and line shapes that mark page chrome (menus, share bars, lists, footers) rather than article text.

The lists are generic: they are what Chinese news pages of every publisher put around an article, not the
strings of any one site. A line is judged on its normalized form (NFKC, no whitespace).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """NFKC-normalized text without any whitespace: the form lines are compared in."""
    if len(text) <= 300:
        return _norm_line(text)
    return _norm_long(text)


# A pasted page can hold one paragraph of megabytes on one line; each predicate normalizing it again
# took seconds per line. A few long texts are cached, so the cache stays small.
@lru_cache(maxsize=8)
def _norm_long(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


# A page-text line is judged by several predicates, each comparing its normalized form: cached (lines
# only; whole bodies would make the cache large), it was the profile's largest single cost on page text.
@lru_cache(maxsize=8192)
def _norm_line(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


#: A short line equal to (or starting with) one of these ends the article: what follows is a list or a footer.
END_MARKERS: tuple[str, ...] = (
    "相关推荐",
    "热点推荐",
    "热门推荐",
    "精彩推荐",
    "为您推荐",
    "为你推荐",
    "推荐阅读",
    "延伸阅读",
    "延伸·推荐",
    "相关阅读",
    "相关内容",
    "相关文章",
    "相关新闻",
    "相关报道",
    "相关资讯",
    "相关链接",
    "相关搜索",
    "热门搜索",
    "热门资讯",
    "热门文章",
    "热门新闻",
    "热点新闻",
    "猜你喜欢",
    "您可能有兴趣",
    "您可能有興趣",
    "您可能感兴趣",
    "您可能感興趣",
    "你可能感兴趣",
    "你可能感興趣",
    "你可能会喜欢",
    "你可能还喜欢",
    "大家都在看",
    "看了又看",
    "往期回顾",
    "作者简介",
    "作者簡介",
    "往期推荐",
    "往期推薦",
    "往期精选",
    "最新报道",
    "最新文章",
    "作者最新文章",
    "更多精彩",
    "更多内容",
    "网友评论",
    "我要评论",
    "我要反馈",
    "全部评论",
    "热门评论",
    "最新评论",
    "发表评论",
    "写评论",
    "标签",
    "关键词",
    "关键字",
    "文章关键词",
    "本文来源",
    "责任编辑",
    "特别声明",
    "免责声明",
    "版权声明",
    "声明:",
    "正文已结束",
    "参考资料",
    "参考素材",
    "参考文献",
    "扫码阅读全文",
    "Notice:",
    "上一篇",
    "下一篇",
    "前一篇",
    "后一篇",
    "後一篇",
    "上一页",
    "分享到",
    "分享至",
    "收藏本文",
    "返回顶部",
    # Traditional-Chinese forms (Taiwan and Hong Kong sites).
    "相關新聞",
    "相關閱讀",
    "相關文章",
    "相關報導",
    "推薦閱讀",
    "延伸閱讀",
    "熱門新聞",
    "為您推薦",
    "網友回應",
    "網友評論",
    "發表意見",
    "发表意见",
    "發表評論",
    "留言規則",
    "留言规则",
    "最新文章",
    "上一則",
    "下一則",
    "延伸新聞",
    "延伸新闻",
    "即時熱門文章",
    "即时热门文章",
    "熱門文章",
    # An infinite-scroll page loads the next story below this line.
    "往下滑看下一篇",
    "往下滑看下一篇文章",
    "繼續閱讀下一篇",
    "继续阅读下一篇",
    # English headings over a related list (compared without spaces, as every line is).
    "RelatedItems",
    "RelatedPosts",
    "RelatedArticles",
    "RelatedStories",
    "YouMayAlsoLike",
    "YouMightAlsoLike",
)
#: Every marker as one tuple for ``str.startswith`` (a line that starts with none cannot match the loop).
_END_PREFIXES: tuple[str, ...] = END_MARKERS
#: ``marker:`` and ``marker：`` for each marker: the test for long lines.
_END_LABELS: tuple[str, ...] = tuple(m + sep for m in END_MARKERS for sep in (":", "："))
#: Markers that end the article only as a whole line (as prefixes they would cut real sentences).
END_EXACT: frozenset[str] = frozenset(
    {"评论", "評論", "举报", "相关", "推荐", "热门", "热点", "往期", "更多"}
    # A member-login panel: a paywalled story's free part ended above it.
    | {"会员登录", "会员登入", "會員登入", "會員登錄"}
)

#: Short lines that are always chrome wherever they appear (share bars, buttons, counters' labels).
CHROME_LINES: frozenset[str] = frozenset(
    {
        "分享",
        "广告",
        "廣告",
        "推广",
        "推廣",
        "AD",
        "Advertisement",
        "视频加载中",
        "视频加载中...",
        "視頻加載中",
        "加载中",
        "加载中...",
        "載入中",
        "載入中...",
        "分享至",
        "分享到",
        "分享到:",
        "分享到：",
        "举报",
        "收藏",
        "关注",
        "已关注",
        "+关注",
        "点赞",
        "在看",
        "赞",
        "评论",
        "转发",
        "微信",
        "微博",
        "新浪微博",
        "QQ空间",
        "QQ好友",
        "微信好友",
        "朋友圈",
        "易信",
        "Qzone",
        "更多",
        "字号",
        "T+-",
        "打印",
        "纠错",
        "来源",
        "编辑",
        "原创",
        "创始人",
        "申请入驻",
        "二维码",
        "扫一扫",
        "微信扫一扫",
        "下载APP",
        "打开APP",
        "APP内打开",
        "登录",
        "注册",
        "首页",
        "正文",
        "站内",
        "搜索",
        "返回",
        "展开全文",
        "阅读全文",
        "查看原文",
        "阅读原文",
        "不感兴趣",
    }
)

#: Phrases that make a whole line promotion or site furniture, even when the line is long.
PROMO_PHRASES: tuple[str, ...] = (
    "【点击",
    "点击进入",
    "点击查看",
    "点击下载",
    "点击图片",
    "點擊進入",
    "點擊查看",
    "點擊下載",
    "點擊圖片",
    "下载地址",
    "→【",
    "扫描二维码",
    "扫码关注",
    "长按识别",
    "长按二维码",
    "关注该公众号",
    "微信扫一扫",
    "版权所有",
    "版權所有",
    "All rights reserved",
    "All Rights Reserved",
    "Copyright",
    "ICP备",
    "ICP证",
    "公网安备",
    "网络文化经营许可证",
    "违法和不良信息举报",
    "未经授权不得转载",
    "未经允许不得转载",
    "未經授權不得轉載",
    "未經允許不得轉載",
    "严禁转载",
    "嚴禁轉載",
    "未经书面许可",
    "未經書面許可",
    "不代表本站立场",
    "不代表本站立場",
    # A site's disclaimer (``本網站的內容概不構成任何投資意見…本公司概不負責``).
    "本公司概不负责",
    "本公司概不負責",
    "不构成任何投资意见",
    "不構成任何投資意見",
    "并不表明",
    "仅提供信息存储服务",
    "用户上传并发布",
    "报料:",
    "报料：",
    "客户端下载",
    "第一时间接收",
)

#: A line opening a comment section: the text after it is readers' posts or the site's posting rules.
COMMENT_HEADING = re.compile(
    r"^(?:(?:发表|發表|我要)(?:评论|評論|意见|意見|留言)|(?:网友|網友)(?:评论|評論|回应|回應|留言)|"
    r"(?:留言|评论|評論)(?:规则|規則|须知|須知|区|區|板)|(?:全部|热门|熱門|最新|最热|最熱)(?:评论|評論))"
    r"(?:\d+条?)?$"  # ``热门评论 10条``: with the number of posts
)

_PROMO_NORM: tuple[str, ...] = tuple(_SPACE.sub("", unicodedata.normalize("NFKC", p)) for p in PROMO_PHRASES)
#: The same phrases as one pattern: every line of every page is checked against them.
_PROMO_ANY = re.compile("|".join(re.escape(p) for p in sorted(set(_PROMO_NORM), key=len, reverse=True)))

#: Words that can never be (part of) a person's or publisher's name: share bars, buttons, labels.
NAME_STOPWORDS: tuple[str, ...] = (
    "申请入驻",
    "分享",
    "原创",
    "举报",
    "关注",
    "收藏",
    "评论",
    "阅读",
    "图片来源",
    "图源",
    "来源",
    "字号",
    "首页",
    "正文",
    "登录",
    "注册",
    "下载",
    "扫码",
    "点击",
    "转载",
    "版权",
    "声明",
    "未知",
    "佚名",
    "點擊",
    "字級",
    "字级",
    "最新文章",
    "更多文章",
    "网友",
    "http",
    "www.",
    "链接",
    "鏈接",
    "連結",
)

#: A caption line: photo/video credit shapes.
_CAPTION = re.compile(
    r"^(?:[▲△▼↑↓◆●■◎]|图[:：／/]|图为|图片来[自源]|图源|视频[:：]|(?:摄影|攝影|照片|圖|配图|配圖|图注|圖註)[:：／/])"
    r"|(?:[。.]|\s)(?:视频截图|资料图|资料|图|摄|摄影|配图|供图|视觉中国(?:\s*资料)?|新华社发|截图|图源网络|网络图片)\)?$"
    r"|^(?:图片均?来自网络|图片来源[:：].*|(?:\S{0,8})?视频截图)$"
    r"|^(?:記者|记者)?\S{2,4}\s?[／/]\s?(?:攝影|摄影|攝|摄)$"  # ``記者鄭清元／攝影``: the photographer's credit
)
#: A breadcrumb (``首页 > 新闻 > 正文``, ``人民网>>文化``) or a ``/``-separated path.
_BREADCRUMB = re.compile(
    r"(?:>|＞|»|›| / )\s*[^>＞»›\s].*(?:>|＞|»|›| / )|正文$"
    r"|^[^\s>＞]{1,12}\s*(?:>>|>|＞)\s*[^\s>＞]{1,12}$"  # two items (``人民网>>文化``), not a link arrow (``…>>``)
)
#: Numbers, counters and things like ``37评论 收藏`` or ``1032人参与308评论``.
_COUNTER = re.compile(
    r"^[\d.,万萬wk+\-\s]*(?:人参与|人參與|评论|評論|阅读|閱讀|浏览|瀏覽|点赞|點讚|按讚|收藏|分享|赞|讚|次阅读|次閱讀|条评论|則留言"
    r"|跟贴|跟帖|条跟贴|條跟帖)?"
    r"[\d\s收藏分享评论評論]*$"
)


#: A photo's credit closing its caption: ``…命喪火窟。 （消防局提供） 中央社記者某某桃園傳真 105年3月19日``,
#: ``……现场。（警方供图）``; the photographer's line after the bracket is optional.
_PHOTO_CREDIT = re.compile(
    r"[（(][^（）()]{1,12}(?:提供|供[图圖]|[摄攝]|翻[摄攝][^（）()]{0,12})[)）][^。！？!?]{0,40}$"
)


#: A caption closed by its photo credit: ``……等受邀出席。圖：某某市政府提供``, ``……现场。图/某某``.
_CREDIT_AFTER_CAPTION = re.compile(r"[。！？!?]\s*(?:圖|图|照片|攝影|摄影)\s*[:：/／]\s*[^。！？!?，,]{1,20}$")


#: A caption closed by its image source in brackets: ``……晶片融資(圖:shutterstock)``, ``（圖／路透社）``.
_BRACKETED_CREDIT = re.compile(
    r"[（(]\s*(?:圖|图|圖片|图片|照片|圖片來源|图片来源|攝影|摄影|攝|摄)\s*[:：/／]\s*[^（）()]{1,30}[)）]$"
)


def is_caption(line: str) -> bool:
    """Whether the line looks like a photo or video caption or credit."""
    text = line.strip()
    credit = _PHOTO_CREDIT.search(text) or _CREDIT_AFTER_CAPTION.search(text) or _BRACKETED_CREDIT.search(text)
    if len(norm(text)) <= 150 and credit:
        return True
    return len(norm(text)) <= 60 and bool(_CAPTION.search(text))


def is_breadcrumb(line: str) -> bool:
    """Whether the line is a navigation path such as ``网易首页 > 新闻中心 > 正文``."""
    text = line.strip()
    return len(norm(text)) <= 60 and bool(_BREADCRUMB.search(text))


#: A button with its count in brackets, the count empty until a script fills it (``回應()``, ``评论(0)``).
_COUNTED_BUTTON = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,6}[(（]\d*[)）]$")


def is_counter(line: str) -> bool:
    """Whether the line is only numbers or a counter (``326``, ``37评论 收藏``, ``回應()``)."""
    text = norm(line)
    return bool(_COUNTER.match(text) or _COUNTED_BUTTON.match(text))


#: Separators between the items of a menu row (``熱門 │ 即時 │ 政治``, ``首页 | 新闻 | 体育``).
_MENU_SEPARATOR = re.compile(r"\s*[│|｜┃]\s*")


def is_nav(line: str) -> bool:
    """Whether the line is a row of short menu words (``汽车 教育 时尚 女性 星座 健康``, ``熱門 │ 即時 │ 政治``)."""
    if re.search(r"[，。！？]", line):
        return False
    tokens = line.split()
    if len(tokens) >= 3 and all(len(token) <= 5 for token in tokens):
        return True
    # Items between bar separators may be longer (``兩岸每日一詞``); labelled fields (``作者：…``) are a dateline.
    items = [norm(item) for item in _MENU_SEPARATOR.split(line) if norm(item)]
    return len(items) >= 4 and all(len(item) <= 10 for item in items) and not re.search(r"[:：]", line)


_EDITOR_LABEL = re.compile(r"^[(（【\[]?(?:责任编辑|编辑|责编)[:：丨|]")
_OPEN_APP = re.compile(r"^(?:打开|下载)\S{0,12}APP")
_DOWNLOAD_APP = re.compile(
    r"(?:下载|下載).{0,12}(?:APP|客户端|客戶端)|(?:App|应用|應用)(?:商店|Store)\S{0,2}(?:搜|下载|下載)"
    # A link to the site's app for one platform (``某某日報APP - Android``), or its account (``某某 | 公众号 Abc``).
    r"|APP[-–—]?(?:Android|iOS|iPhone)$|[|｜](?:微信)?(?:公众号|公眾號)",
    re.IGNORECASE,
)
#: A perk for downloading the site's app (``下载客户端还能获得专享福利``, ``下载APP领红包``).
_APP_PERK = re.compile(
    r"(?:下载|下載)(?:客户端|客戶端|APP)\S{0,8}(?:福利|红包|紅包|奖励|獎勵|好礼|好禮|专享|專享)", re.IGNORECASE
)
#: A prompt to subscribe to the site's newsletter (``訂閱《數位時代》日報及社群活動訊息``).
_SUBSCRIBE = re.compile(
    r"(?:訂閱|订阅)\S{0,12}(?:日報|日报|電子報|电子报|週報|周报|newsletter|社群活動|社群活动)", re.IGNORECASE
)
#: A prompt to follow the site on a social network (``即時+好看！按讚加入ETtoday新聞雲``, ``加入LINE好友``).
_FOLLOW = re.compile(
    r"(?:按讚|按赞|點讚|点赞|點我|点我)加入|加入\S{0,12}(?:粉絲團|粉丝团|粉絲專頁|粉丝专页|LINE好友|好友)|"
    r"(?:關注|关注|追蹤|追踪|訂閱|订阅)(?:我們|我们)(?:的)?(?:粉絲團|粉丝团|臉書|脸书|微博|微信|公众号|公眾號)?$|"
    # ... or to scan the page's own QR code (``扫描下方二维码关注某某官方微信``): the code is on this page.
    r"(?:扫描|掃描|扫|掃|长按|長按|识别|識別)\S{0,4}(?:下方|上方|下面|上面|左侧|右侧|左側|右側|图中|圖中|文末|页面|頁面)"
    r"\S{0,4}(?:二维码|二維碼)",
    re.IGNORECASE,
)
#: A short advertisement for the site's event or giveaway (``全球交易實體免費論壇 再送精美周邊好禮!``), not a sentence.
_EVENT_PROMO = re.compile(
    r"^[^，,。；;]{0,30}(?:(?:免費|免费)\S{0,8}(?:論壇|论坛|講座|讲座|課程|课程)|[送抽拿]\S{0,6}好[禮礼]|好[禮礼]\S{0,4}[送拿])"
    r"[^，,。；;]{0,20}[!！]?$"
)


#: A marker in brackets at the start of a line (``【上一篇】 标题…``, ``[相关阅读]``), however long the line.
_BRACKETED = re.compile(r"^[【\[〔](?P<marker>[^】\]〕]{2,8})[】\]〕]")


#: A paywall or expiry notice where the rest of the story would be (``您所瀏覽的新聞已過查詢時效…付費會員``).
_PAYWALL = re.compile(
    r"已[过過](?:查[询詢])?[时時]效|付[费費](?:会员|會員)|付[费費](?:阅读|閱讀)|"
    r"(?:订阅|訂閱|登录|登入|购买|購買)(?:后|後)?(?:即可)?(?:阅读|閱讀|查看)(?:全文|完整)"
)


#: A heading over more stories of the site (``其它生活新聞``, ``更多财经新闻``): the story ends above it.
_MORE_STORIES = re.compile(r"^(?:其它|其他|更多)\S{0,6}(?:新聞|新闻|文章|報導|报道)$")


#: A link to one related story set inside the article (``相关阅读：某某标题``): page furniture, but the story goes on.
_INLINE_RELATED = re.compile(
    r"^[【\[]?(?:相关|相關|延伸|推荐|推薦)(?:阅读|閱讀|新闻|新聞|链接|鏈接|連結)[】\]]?[:：].{6,}$"
)


def is_inline_related(line: str) -> bool:
    """A link to one related story (``相关阅读：某某标题``), set inside an article or listed after it."""
    return bool(_INLINE_RELATED.match(norm(line)))


def is_end_marker(line: str) -> bool:
    """Whether a short line opens the part after the article (related lists, footers, statements)."""
    text = norm(line)
    if _INLINE_RELATED.match(text):
        return False
    if text in END_EXACT or _OPEN_APP.match(text) or _MORE_STORIES.match(text):
        return True
    if len(text) <= 80 and _PAYWALL.search(text):
        return True
    if (bracketed := _BRACKETED.match(text)) and bracketed.group("marker") in END_MARKERS:
        return True
    if len(text) > 40:
        return text.startswith(("特别声明", "免责声明", "版权声明", "Notice:", "本文来源", "声明:")) or text.startswith(
            _END_LABELS
        )
    if not text.startswith(_END_PREFIXES):
        return bool(_EDITOR_LABEL.match(text))
    for marker in END_MARKERS:
        if text == marker or (text.startswith(marker) and (len(text) <= len(marker) + 24 or marker[-1] in ":：")):
            return True
    if text.startswith(_END_LABELS):
        return True  # ``前一篇: 某篇文章的标题``: a labelled link after the story, however long its title
    return bool(_EDITOR_LABEL.match(text))


#: A row of bracketed buttons: ``【打印本页】【关闭窗口】``, ``[收藏][打印]``.
_BUTTON_ROW = re.compile(r"^(?:[【\[][^】\]]{1,8}[】\]])+$")


#: Toolbar buttons: share targets, print, font size (``分享至Facebook``, ``友善列印``, ``打印文稿``, ``A-`` ``A+``).
_TOOLBAR = re.compile(
    r"^(?:分享(?:至|到)[\w+]{1,12}|(?:友善)?列印\S{0,4}|打印\S{0,4}|[转轉]寄\S{0,4}|[小中大]字[型体體号號]?|"
    r"(?:缩小|縮小|放大)字[体體型号號]|(?:目前|调整|調整)?字[型体體号號級级](?:大小|[大中小]|[减減]小|[增加放]大|[缩縮]小)?[:：]?|文字大小|[AaＡ][+\-＋－]?|"
    r"(?:產生|产生|複製|复制)?(?:縮網址|缩网址|短網址|短网址)|(?:複製|复制)?(?:連結|链接|鏈接|網址|网址)|[Ll]ink|"
    # A back button (``« 返回前頁``, ``返回列表``).
    r"[«‹<]?返回(?:前[頁页]|上一?[頁页]|首[頁页]|列表|目[录錄]|[頂顶]部)?)$"
)


#: A share button named after a social network (``Facebook``, ``人人``, ``开心网``).
_SOCIAL = re.compile(
    r"^(?:facebook|twitter|x|line|google\+|weibo|plurk|linkedin|whatsapp|telegram|e-?mail|reddit|tweet|"
    r"(?:發送|发送)?推文|copy|分享|收藏|微博|微信|wechat|電郵|电邮|"
    r"人人网?|開心網|开心网|豆瓣|qq空间|qq空間|qzone|腾讯微博|騰訊微博)$",
    re.IGNORECASE,
)


#: A notice shown where a comment widget did not load (``Please enable JavaScript to view the comments``).
_SCRIPT_NOTICE = re.compile(
    r"enableJavaScript|啟用JavaScript|启用JavaScript|開啟JavaScript|开启JavaScript", re.IGNORECASE
)


def is_button_row(line: str) -> bool:
    """A row of share or tool buttons (``Plurk Twitter Facebook``, ``列印 文字大小``), maybe after the site's name
    or a label (``新浪财经APP 缩小字体 放大字体 收藏 微博``, ``分享 : Facebook Line Twitter Copy``)."""
    if len(line) > 120:
        return False
    tokens = [token.strip("[]【】()（）:：") for token in line.split() if re.search(r"\w", token)]
    if len(tokens) < 2:
        return False
    others = 0  # at most one other word (the site's name, a label) among four or more buttons
    for token in tokens:
        if not (token in _TOOL_WORDS or _SOCIAL.match(token) or _TOOLBAR.match(norm(token))):
            others += 1
            if others > (len(tokens) >= 4):
                return False
    return True


#: Words of a toolbar's buttons: print, forward, font size (``字号: [大] [中] [小] [打印]``, ``放大 正常 缩小``).
_TOOL_WORDS = frozenset(
    {"打印", "列印", "转发", "轉發", "转寄", "轉寄", "寄信给编辑", "分享", "收藏", "关闭", "關閉", "纠错", "糾錯"}
    | {"Previous", "Next", "上一张", "下一张", "上一張", "下一張"}  # a photo carousel's buttons
    | {"字号", "字號", "字体", "字體", "字级", "字級", "目前字級", "目前字级", "放大", "缩小", "縮小", "正常"}
    | {"大", "中", "小", "特大", "较大", "較大", "标准", "標準", "默认", "預設"}
)


def is_chrome(line: str) -> bool:
    """Whether the line is page furniture: a button, a counter, a menu row, a breadcrumb or a promotion."""
    text = norm(line)
    if not text:
        return True
    if _TOOLBAR.match(text) or _SOCIAL.match(text):
        return True
    if is_button_row(line):
        return True
    if len(text) <= 120 and _SCRIPT_NOTICE.search(text):
        return True
    if text in CHROME_LINES or is_counter(line) or is_breadcrumb(line) or is_nav(line) or _BUTTON_ROW.match(text):
        return True
    if _INLINE_RELATED.match(text):
        return True
    if len(text) <= 60 and (
        _DOWNLOAD_APP.search(text) or _EVENT_PROMO.match(text) or _SUBSCRIBE.search(text) or _FOLLOW.search(text)
    ):
        return True
    if _APP_PERK.search(text) and text.endswith(("!", "~", "哦", "吧")):
        return True  # ``……快来某某众测…下载客户端还能获得专享福利哦！``: an app's promotion, however long
    return _PROMO_ANY.search(text) is not None


#: Share links that follow a name on a dateline (the name's own words never are exactly these).
_SHARE_TARGETS = frozenset({"微博", "微信", "qq空间", "qzone", "facebook", "twitter", "line", "weibo", "wechat"})


def clean_name(value: str) -> str:
    """A person/publisher name with chrome words, counters and brackets around it removed; ``""`` if nothing is left."""
    text = value.strip().strip("：:丨|/ 　·・•‧")
    text = re.sub(r"\[[^\]]{0,6}\]|【[^】]{0,6}】", "", text)  # ``游民星空[整理]``
    tokens = [t for t in re.split(r"\s+", text) if t]
    kept: list[str] = []
    for token in tokens:
        if (
            re.fullmatch(r"[\d.,:：\-]+", token)
            or re.search(r"[(（]\d", token)
            or any(word in token for word in NAME_STOPWORDS)
            or (kept and token.casefold() in _SHARE_TARGETS)  # ``新浪科技 微博``: the name, then a share link
        ):
            break  # everything after a counter or a button is the share bar, not the name
        kept.append(token)
    name = " ".join(kept).strip("（）()【】[]《》 ,，;；")
    if not name or len(norm(name)) > 30 or re.search(r"[。！？!?]", name):
        return ""
    if not re.search(r"\w", name):
        return ""  # a breadcrumb separator (``>``, ``›``, ``»``) or other punctuation names nobody
    return name
