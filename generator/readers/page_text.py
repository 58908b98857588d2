"""Reader for text copied from a whole browser page: find the article among menus, share bars and lists.

The method is structural, not per site:

1. every line gets a score: long sentence-like lines count for their length, short link-like lines,
   counters and metadata count against, and end markers (``相关推荐``, ``责任编辑``, ``特别声明``...) are
   walls no article crosses;
2. the article body is the run of lines with the highest total (a maximum-sum segment);
3. the header zone just above it holds the dateline (the date-time nearest the body), the headline
   (the best title-shaped line just above the dateline) and the byline; the few lines just below the
   body hold the editor and source notes. Dates elsewhere in the page (related lists) are never used.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..clean import (
    RELATIVE_TIME,
    RELATIVE_WORDS,
    DateMatch,
    agency_in_lead,
    byline_line,
    credit_at_end,
    find_yearless,
    has_relative_date,
    is_caption,
    is_chrome,
    is_end_marker,
    is_platform,
    norm,
    reporter_in_lead,
    same_person_list,
    site_from_text,
    site_from_title,
)
from ..clean import bylines as _bylines
from ..clean.bylines import filed_byline, outlet_in_credit
from ..clean.chrome import (
    COMMENT_HEADING,
    clean_name,
    is_breadcrumb,
    is_button_row,
    is_counter,
    is_inline_related,
    is_nav,
)
from ..errors import ReadError
from ..model import Article
from ..report import Report
from .common import find_dates

_WALL = -1_000_000
#: Sentence-final punctuation (a line ending with one is prose, not a link).
_SENTENCE_END = re.compile(r"(?:[。！？!?；;…]|[。！？!?…，,][”\"」』’]|[）)】])$")
_TEASER = re.compile(
    r"(?<![.。…])(?:\.\.\.|…)$|(?:\.{2,}|…+)\s*(?:更多|閱讀更多|阅读更多|全文|詳全文|详全文|more)\s*>*$"
)
_UPDATE_LABEL = re.compile(r"最后更新|更新时间|更新于|修改时间|编辑于")
TRAILING_LINK = re.compile(r"(?<=[。！？”」])[^。！？”」]{1,16}(?:>>|》》|→)$")
IMAGE_LINE = re.compile(r"^!\[[^\]]*\]\([^)\s]+\)$")
_SUMMARY = re.compile(r"^(?:摘要|导语|内容提要|核心提示)[:：]\s*")
_TITLE_PREFIX = re.compile(r"^(?:原创|独家|置顶|热|荐)\s+")
_SOURCE_LABEL = re.compile(r"(?:来源|稿源)\s*[:：]")
#: Minimum characters of article text below which the reader says the body is doubtful.
MIN_BODY = 80


@dataclass(slots=True)
class PageParts:
    """What the structural reader found in a page's text."""

    title: str = ""
    date: dt.datetime | None = None
    author: str = ""
    editor: str = ""
    publisher: str = ""
    original_title: str = ""
    summary: str = ""
    paragraphs: list[str] = field(default_factory=list)
    site: str = ""
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    """(field, message, hint) doubts to report."""

    @property
    def body(self) -> str:
        """The paragraphs as markdown, separated by blank lines."""
        return "\n\n".join(self.paragraphs) + ("\n" if self.paragraphs else "")


#: ``作者：《中国企业家》记者 林涛``: the publication in 《》, then the writer's role and name(s).
_PUBLICATION_BYLINE = re.compile(
    r"^(?:作者|文|撰文|采写|記者|记者)\s*[:：/／丨|︱]\s*《(?P<publisher>[^》]{1,20})》\s*"
    r"(?:(?:特约|特約|见习|見習|实习|實習|首席|驻\S{1,4}|駐\S{1,4})?(?:记者|記者|作者|撰稿人?|编辑|編輯))?\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:\s*[、,，\s]\s*[\u4e00-\u9fff·]{2,5}){0,5})$"
)


def parse_byline(line: str) -> dict[str, str]:
    """The labelled fields of a line, with a publication named in 《》 before the writer kept apart from the writer."""
    fields = _bylines.parse_byline(line)
    if match := _PUBLICATION_BYLINE.match(line.strip()):
        fields["author"] = re.sub(r"\s*[、,，]\s*|\s+", " ", match.group("names")).strip()
        fields.setdefault("publisher", match.group("publisher").strip())
    return fields


def person_and_publisher(line: str) -> tuple[str, str]:
    """``石佳/中国青年报`` → (person, publisher); ``記者林悅／南市報導`` names a reporter and where they report from."""
    person, publisher = _bylines.person_and_publisher(line)
    if person and re.search(r"(?:报道|報導|報道|报导)$", publisher):
        return re.sub(r"^(?:记者|記者)", "", person), ""
    if _NOT_SOURCE.match(norm(publisher)):
        return person, ""  # ``陳端武／綜合外電``: how the story was put together, not who published it
    return person, publisher


# Pure per-line judgements are cached: a site's chrome (menus, share bars, footers) repeats on every page
# copied from it, and about a third of the non-blank lines of the labelled pages repeat an earlier one.
@lru_cache(maxsize=16384)
def _is_meta(line: str, tz: ZoneInfo) -> bool:
    """A byline or dateline line (short, with labels or a date)."""
    text = norm(line)
    if len(text) > 70:
        return False
    if parse_byline(line) or byline_line(line):
        return True
    if find_dates(line, tz) or find_yearless(line, tz, 2000):
        # A date plus little else is a dateline; a sentence that mentions a date is prose.
        return len(text) <= 45 and not _SENTENCE_END.search(text[-1:])
    return False


#: A line closed by a count in brackets (``某篇日志 (4)``, ``产品发布（36）``): a list item with its post count.
_COUNTED = re.compile(r"[(（]\d{1,6}[)）]$")
#: A short heading over a list of related items (``相关日志``, ``相關文章``, ``相关专题``): the story ends above it.
_RELATED_HEADING = re.compile(
    r"^(?:相关|相關)(?:日志|日誌|博文|博客|帖子|文章|话题|話題|专题|專題|视频|視頻|图集|圖集|标签|標籤)[:：]?$"
)


#: A list item closed by its time in brackets (``某某事件(16:01)``, ``某某事件 (2014/03/19 18:16)``).
_TIMED_ITEM = re.compile(
    r"[(（]\s*(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s*)?(?:[01]?\d|2[0-3])[:：][0-5]\d\s*[)）]$"
    # ... or by its date (``某某事件 (12/05/2014)``, ``某某事件（2014-12-05）``)
    r"|[(（]\s*(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2})\s*[)）]$"
)


def _is_prose(text: str) -> bool:
    n = len(text)
    if _COUNTED.search(text) and not re.search(r"[。！？!?]", text):
        return False
    if n <= 80 and _TIMED_ITEM.search(text) and "。" not in text:
        return False  # a headline in a news ticker or a related list, with its time
    if n >= 8 and _SENTENCE_END.search(text):
        return True
    if text[-1:] in ("，", ",") and _CJK_CHAR.search(text):
        return True  # a clause whose sentence goes on below (``下周一，``): some stories break lines at commas
    if len(items := re.split(r"[,，、]", text)) >= 4 and max(map(len, items)) <= 10:
        return False  # a row of keywords (``某某团队, 算法, 深度学习, 视觉, CVPR 2023``), not a sentence
    if n >= 30 and text.endswith(".") and re.search(r"[A-Za-z]{2}", text) and len(_CJK_CHAR.findall(text)) * 5 < n:
        return True  # an English sentence (a row of Chinese keywords ending ``F.I.R.`` is not one)
    # Colons alone make a row of labelled fields (``地址：… 电话：…``), not a sentence.
    return n >= 20 and len(re.findall(r"[，,。；;、：:]", text)) >= 2 and bool(re.search(r"[，,。；;、]", text))


#: Marks of script or style code: braces, assignments, ``||``/``&&``/``=>``, method calls, keywords.
_CODE_STRONG = re.compile(
    r"[{}]|\w\s*=\s*[\w'\"\[({-]|\|\||&&|=>|\b(?:function|var|let|const|return|typeof)\b|\w\.\w+\("
)
#: Weaker marks: a semicolon ending a statement, a call (``name(``).
_CODE_WEAK = re.compile(r";(?:\s|$)|;\w|\w\(")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def _is_code(text: str) -> bool:
    """A line of script or style (``})(window,document,'script');``, ``js.async=true;``): a page whose
    body is hidden by CSS copies as its raw text, scripts included. Two different marks, one of them
    strong, and hardly any Chinese: a sentence that quotes a formula or a URL is not code."""
    text = text[:2000]  # a minified script can be one line of megabytes: its start says what it is
    strong = {m.group(0)[:1] for m in _CODE_STRONG.finditer(text)}
    if not strong or len(_CJK_CHAR.findall(text)) * 5 > len(text):
        return False
    return len(strong) >= 2 or _CODE_WEAK.search(text) is not None


@lru_cache(maxsize=16384)
def _score(line: str, tz: ZoneInfo) -> int:
    text = norm(line)
    n = len(text)
    if IMAGE_LINE.match(line):
        return 0  # an image neither makes nor breaks a run of text
    if is_end_marker(line) or _RELATED_HEADING.match(text):
        return _WALL
    if _is_meta(line, tz):
        return -30
    if is_chrome(line):
        return -15
    if is_caption(line):
        return -10
    if _is_code(text):
        return -15
    if (ranked := _RANKED_ROW.match(line)) and int(ranked.group(2)) == int(ranked.group(1)) + 1:
        return -15  # ``1 某某標題 2 另一標題``: a numbered list of headlines copied as one line
    if _TEASER.search(text) and not text.endswith("……"):
        return -(10 + n // 2)
    if _is_prose(text):
        return n
    return -(6 + n // 4)


def _best_runs(scores: list[int]) -> list[tuple[int, int, int]]:
    """For each wall-free stretch, its maximum-sum run as (total, start, end); only positive runs."""
    runs: list[tuple[int, int, int]] = []
    best, best_range = 0, (-1, -1)
    total, start = 0, 0
    for index, score in enumerate([*scores, _WALL]):
        if score == _WALL:
            if best > 0:
                runs.append((best, *best_range))
            best, best_range, total, start = 0, (-1, -1), 0, index + 1
            continue
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_range = total, (start, index)
    return runs


#: The first two items of a numbered list run together on one line.
_RANKED_ROW = re.compile(r"^(\d{1,2})\s+\S.{4,}?\s(\d{1,2})\s+\S")
#: The label of a sponsored item's header (``sponsored by``, ``贊助``, ``廣編特輯``).
_SPONSORED = re.compile(
    r"^(?:sponsoredby|sponsored|贊助|赞助|廣編特輯|广编特辑|廣告企劃|广告企划)[:：]?", re.IGNORECASE
)


def _relative_with_time(line: str) -> bool:
    """A dateline that gives the day relatively (``今日 09:18``, ``昨天 18:30``): a header all the same."""
    return len(norm(line)) <= 40 and RELATIVE_TIME.search(line) is not None


#: The buttons under a reader's post (reply, like with its count); a story's dateline may have a report button.
_POST_ACTIONS = re.compile(r"回复|回覆|点赞|點讚|赞\d|讚\d")


#: An offer of the rest of a story cut short on the page (a mobile page's ``展开全文``, a paywall's ``剩余80%``).
_READ_ON = re.compile(
    r"(?:展开|展開|阅读|閱讀|查看|显示|顯示|余下|餘下)(?:全文|全部|完整)|剩余\d+%|剩餘\d+%|继续阅读|繼續閱讀"
    r"|(?:订阅|訂閱|登录|登入|购买|購買)(?:后|後)?(?:即可)?(?:阅读|閱讀|查看)|付[费費](?:阅读|閱讀)"
)


def _dated_header(lines: list[str], scores: list[int], start: int, tz: ZoneInfo, timed: bool = True) -> int:
    """The index of a dateline with a time (``timed``; else any dateline) just above the run starting at
    ``start`` (no prose between), or -1."""
    for index in range(start - 1, max(-1, start - 15), -1):
        if scores[index] >= 30:
            return -1  # another block of prose lies between: that dateline is someone else's header
        if _UPDATE_LABEL.search(lines[index]) or len(norm(lines[index])) > 80 or _POST_ACTIONS.search(lines[index]):
            continue  # an update time; a reader's post's time beside its buttons (``今天08:23举报查看对话赞188回复``)
        if any(m.has_time or not timed for m in find_dates(lines[index], tz)) or _relative_with_time(lines[index]):
            return index
    return -1


def _story_header(lines: list[str], scores: list[int], start: int, tz: ZoneInfo) -> bool:
    """Whether a story's header (a headline, then a dateline) stands over the run starting at ``start``: a
    reader's post in a comment list has a dateline too, under a floor number or a name, not a headline."""
    return _headline_above(lines, scores, _dated_header(lines, scores, start, tz, timed=False), tz)


#: A share bar's label (``分享到：``) between headline and dateline.
_SHARE_LABEL = re.compile(r"^(?:分享|分享到|分享至)[:：]?$")


def _headline_above(lines: list[str], scores: list[int], dateline: int, tz: ZoneInfo) -> bool:
    """Whether a headline stands within three lines above the dateline at ``dateline`` (-1: none)."""
    if dateline < 0:
        return False
    for index in range(dateline - 1, max(-1, dateline - 4), -1):
        if scores[index] == _WALL and not _SHARE_LABEL.match(norm(lines[index])):
            return False  # the end of an earlier block (``评论`` closing a post) lies between; a share bar does not
        if _title_candidate(lines[index], tz) and len(norm(lines[index])) >= 8:
            return True
    return False


def _choose_run(lines: list[str], scores: list[int], runs: list[tuple[int, int, int]], tz: ZoneInfo) -> tuple[int, int]:
    """The article's run: the largest, counted double when a dateline with a time sits just above it.

    A long list of comments or teasers can outweigh a short story; the headline-and-dateline header is
    what marks the story itself.
    """
    best, chosen = 0.0, (-1, -1)
    for total, start, end in runs:
        dateline = _dated_header(lines, scores, start, tz)
        weight = 1.0
        if dateline >= 0:
            # A headline over the dateline makes a story's header, which a comment's name and time do not.
            weight = 5.0 if _headline_above(lines, scores, dateline, tz) else 3.0
        elif (
            start < end
            and _is_meta(lines[start + 1], tz)
            and _title_candidate(lines[start], tz)
            and any(m.has_time for m in find_dates(lines[start + 1], tz))
        ):
            weight = 5.0  # the header opened the run: a long headline (``…，…：…``) scores as a sentence
        if any(COMMENT_HEADING.match(norm(lines[i])) for i in range(max(0, start - 3), start)) or (
            dateline < 0 and any(COMMENT_HEADING.match(norm(lines[i])) for i in range(max(0, start - 60), start))
        ):
            # Readers' posts or the posting rules under a comment heading, not the story; further down a comment
            # section, each post's name and time line separates the posts, and no story header stands over them.
            weight = 0.2
        if any(_SPONSORED.match(norm(lines[i])) for i in range(max(0, start - 8), min(end, start + 12))):
            weight = 0.2  # an advertorial loaded under the story (``sponsored by`` in its header)
        if total * weight > best:
            best, chosen = total * weight, (start, end)
    return chosen


#: The label of a dateline's date field (``时间：``, ``发布日期：``).
_DATE_FIELD = re.compile(r"(?:发布|發布|发表|發表|时间|時間|日期)\s*[:：]")


def _after_inner_header(lines: list[str], start: int, end: int, tz: ZoneInfo) -> int:
    """The run's start moved below a headline-and-dateline header found inside it.

    A long block above the story (an age-gate notice, a lead box of another item) can join the story's run
    across its header; the header (a headline right above a dateline with a time) marks where the story starts.
    """
    for index in range(start + 1, min(end, start + 12)):
        line = lines[index]
        if len(norm(line)) > 45 or _UPDATE_LABEL.search(line) or not _is_meta(line, tz):
            continue
        found = find_dates(line, tz)
        # The run's first line shown again just above a date-only line: the page repeats its header block.
        repeated = norm(lines[start]) in {norm(lines[i]) for i in range(max(start + 1, index - 3), index)}
        if not any(m.has_time for m in found) and not (found and (_DATE_FIELD.search(line) or repeated)):
            continue  # a date with a time, or a labelled one (``时间：2019-09-25 作者：…``), makes a dateline
        # Images and captions may stand between the headline and the dateline.
        near = [i for i in range(index - 1, start - 1, -1) if not (IMAGE_LINE.match(lines[i]) or is_caption(lines[i]))]
        if any(_title_candidate(lines[i], tz) for i in near[:3]) and index + 1 <= end:
            after = index + 1
            while after < end and _PERSON_NAME.fullmatch(norm(lines[after])):
                after += 1  # the writer's name under the dateline is the byline, not the story
            return after
    return start


#: A helpline or hotline row (``張老師專線：1980``, ``心理援助热线：400-161-9995``).
_HELPLINE = re.compile(r"^\S{1,14}(?:专线|專線|热线|熱線|生命线|生命線)\S{0,6}[:：]\s*[\d-]{3,}")


#: A web address alone or after a short label (``论文地址：https://…``, ``This Week in Rust 498: https://…``).
_LINK_LINE = re.compile(r"^(?:[^:：]{1,24}[:：])?https?://\S+$", re.IGNORECASE)
#: A short label whose address is on the next line (``论文地址：``, ``Hugging Face项目页：``).
_LINK_LABEL = re.compile(r"^[^:：]{1,24}[:：]$")
#: The page's own address (``本文链接：``, ``转载请注明``): page furniture, not a reference of the story.
_SELF_LINK = re.compile(r"本文(?:链接|鏈接|連結|地址|網址|网址)|永久(?:链接|鏈接|連結)|转载|轉載|分享")


def _link_line(line: str) -> bool:
    text = norm(line)
    return bool(_LINK_LINE.match(text)) and not _SELF_LINK.search(text)


def _with_links(lines: list[str], end: int) -> int:
    """The run's end extended over the references that close a story (``论文地址：`` and its address)."""
    index = end + 1
    while index < len(lines) and index <= end + 8:
        if IMAGE_LINE.match(lines[index]):
            pass  # a photo between the last paragraph and the references
        elif _link_line(lines[index]):
            end = index
        elif (
            _LINK_LABEL.match(norm(lines[index]))
            and not _SELF_LINK.search(norm(lines[index]))
            and index + 1 < len(lines)
            and _link_line(lines[index + 1])
        ):
            index += 1
            end = index
        else:
            break
        index += 1
    return end


def _with_helplines(lines: list[str], end: int) -> int:
    """The run's end extended over the helpline rows that close it (suicide reports list them in the story)."""

    def helpline(index: int) -> bool:
        return index < len(lines) and len(norm(lines[index])) <= 40 and bool(_HELPLINE.match(norm(lines[index])))

    # The block may open with a short heading (``★某報關心您：再給自己一次機會``).
    for first in range(end + 1, min(len(lines), end + 4)):
        if helpline(first):
            break
        if len(norm(lines[first])) > 30 or is_end_marker(lines[first]):
            return end
    else:
        return end
    end = first
    while helpline(end + 1):
        end += 1
    return end


#: A personal name alone on a line: two to three CJK characters, not a channel or an organisation (``要闻``, ``本报``).
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,3}(?<![闻聞报報网網社台区區市省县縣部局院刊栏欄版])")
#: The words of a date's label (``发布时间``, ``出版時間``, ``最后更新``).
_DATE_LABEL_WORDS = (
    r"(?:最后更新|最新更新|更新于|更新於|(?:发布|發布|發佈|发表|發表|出版|更新|刊登|刊出)?(?:时间|時間|日期))"
)
#: The label of a date closing the text before it (``出版時間：``, ``发布日期:``, ``| 最新更新``).
_LABEL_BEFORE_DATE = re.compile(rf"[\s|｜]*{_DATE_LABEL_WORDS}\s*[:：]?\s*$")
#: Labels of a dateline's date written without a colon.
_DATE_LABEL = re.compile(rf"{_DATE_LABEL_WORDS}\s*(?=\s|\||$)")
#: The time closing an item of a breaking-news list.
_LIST_TIME = re.compile(r"\s(?:[01]?\d|2[0-3]):[0-5]\d$")
#: A telephone number (``0351-4281494``, ``400-6533-789``): contact lines are never headlines.
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|400-?\d{3}-?\d{4})(?!\d)")


#: A market quote: a name, then a price and its change (``恒生指數 25,345.11 114.44``, ``某股 12.30 -0.5%``).
_QUOTE_ROW = re.compile(r"\s[-+]?\d[\d,]*\.\d+\s+[-+▲▼]?\s?\d[\d,]*\.\d+%?\s*$")


def _headline_with_date(line: str, tz: ZoneInfo) -> bool:
    """A headline that names a day (``【Rust日报】2023-06-08 某某发布新课程``): one date without a time, no labels,
    and a dozen characters of words beside it."""
    found = find_dates(line, tz)
    if len(found) != 1 or found[0].has_time or parse_byline(line) or byline_line(line):
        return False
    rest = norm(line[: found[0].start] + " " + line[found[0].end :])
    return len(rest) >= 12 and not re.search(r"[:：|｜]", rest)


#: The pieces of a date or a time, in numbers or words (and the weather beside a clock, ``29°C 86%``): a line made
#: only of them is a clock, not a headline.
_DATE_PIECES = re.compile(
    r"\d+|°[CF]?|℃|%|[:：/.\-,年月日號号时時分秒]|星期|週|周|禮拜|礼拜|(?<=星期|禮拜|礼拜)[一二三四五六日天]|(?<=[週周])[一二三四五六日]"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|am|pm",
    re.IGNORECASE,
)
#: A copyright line, and a prompt to scan a QR code (``用微信扫码二维码``): page furniture, never a headline.
_COPYRIGHT = re.compile(r"©|copyright|版權所有|版权所有|allrightsreserved", re.IGNORECASE)
_QR_PROMPT = re.compile(r"扫码|掃碼|扫一扫|掃一掃|二维码|二維碼")


#: A writer's name, affiliation and position, without punctuation (a columnist's box beside the headline).
_WRITER_BIO = re.compile(
    r"^[\u4e00-\u9fff·]{2,4}[\u4e00-\u9fffA-Za-z]{2,24}"
    r"(?:院长|院長|所长|所長|主任|教授|研究员|研究員|总编辑|總編輯|主编|主編|总裁|總裁|董事长|董事長|首席\S{0,6}|分析师|分析師"
    r"|经济学家|經濟學家|专栏作家|專欄作家|学者|學者|会长|會長|秘书长|秘書長|总监|總監|创始人|創辦人|合伙人|合夥人)$"
)


def _title_candidate(line: str, tz: ZoneInfo) -> bool:
    text = norm(line)
    if not 4 <= len(text) <= 90 or IMAGE_LINE.match(line.strip()):
        return False
    if not _DATE_PIECES.sub("", text) or _COPYRIGHT.search(text) or _ROLE_LINE.match(text):
        return False  # ``17:30``, ``13 August 2020``; ``© 2023 某某团队``; ``国際部記者`` under a name
    if (len(text) <= 12 and _QR_PROMPT.search(text)) or text.endswith(":"):
        return False  # a QR-code prompt; a label waiting for its value (``申請專線：``)
    if _PHONE.search(text) or len(re.findall(r"[:：]", text)) >= 2:
        return False  # ``新闻：0351-4281494 广告：0351-4281485``: a row of labelled fields
    if _QUOTE_ROW.search(line):
        return False  # ``上證指數 3,340.64 19.91``: a market ticker
    if is_chrome(line) or is_end_marker(line) or is_caption(line) or _is_code(text):
        return False
    if _is_meta(line, tz) and not _headline_with_date(line, tz):
        return False
    if "。" in text[:-1] or text.endswith("。"):
        return False  # a lead sentence, not a headline
    if len(text) > 40 and text[-1] in "！!？?" and len(re.findall(r"[，,；;]", text)) >= 2:
        return False  # a notice of several clauses (``本站…，任何…，本站保留…的权利！``), not a headline
    if text[0] in "★☆◆◇■□●○▶►‧·•・" or _LIST_TIME.search(line.strip()) or _TIMED_ITEM.search(text):
        return False  # a promotion line, or an item of a news list with its time (``某某事件 00:30``)
    if person_and_publisher(line)[0]:
        return False
    return not has_relative_date(line)


def _clean_title(line: str) -> str:
    title = _TITLE_PREFIX.sub("", line.strip())
    return re.sub(r"\s+", " ", title).strip()


#: A time on a line of its own (``17:30``), as pages that show time and date in two elements copy.
_BARE_TIME = re.compile(r"^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$")


def _time_beside(lines: list[str], index: int) -> dt.time | None:
    """The time on the line just above or below a date-only dateline, if that line is only a time."""
    for near in (index - 1, index + 1):
        if 0 <= near < len(lines) and _BARE_TIME.match(text := norm(lines[near])):
            hour, minute = text.split(":")[:2]
            return dt.time(int(hour), int(minute))
    return None


#: A date with its weekday and nothing else: the site's clock in a top bar (or a print edition's day).
_WEEKDAY = r"(?:星期|週|周|禮拜|礼拜)[一二三四五六日天]"
_CLOCK = re.compile(rf"^(?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}日{_WEEKDAY}$")


_LONE_YEAR = re.compile(r"^((?:19|20)\d{2})年?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})[/.\-月](\d{1,2})日?$")


def _split_date(lines: list[str], index: int, tz: ZoneInfo) -> dt.datetime | None:
    """A dateline set as a year, a month/day and a time on lines of their own (``2019`` / ``09/07`` / ``19:02``),
    ending at ``index``: its value, else None."""
    time = ""
    if _BARE_TIME.match(norm(lines[index])):
        time, index = norm(lines[index]), index - 1
    day = _MONTH_DAY.match(norm(lines[index])) if index >= 1 else None
    year = _LONE_YEAR.match(norm(lines[index - 1])) if day else None
    if not (day and year):
        return None
    found = find_dates(f"{year.group(1)}-{int(day.group(1)):02d}-{int(day.group(2)):02d} {time}", tz)
    return found[0].value if found else None


def _dateline(lines: list[str], start: int, tz: ZoneInfo) -> tuple[int, dt.datetime | None, bool]:
    """Index of the dateline above the body (nearest first), its value, and whether it was year-less or relative."""
    updated: tuple[int, dt.datetime] | None = None
    for index in range(start - 1, max(-1, start - 30), -1):
        line = lines[index]
        if len(norm(line)) > 80:
            continue
        if _UPDATE_LABEL.search(line):
            # ``更新时间 2012年12月10日, 格林尼治标准时间10:41``: the page's only dateline may be its update time.
            timed = [m for m in find_dates(line, tz) if m.has_time]
            if timed and updated is None and len(norm(line)) <= 45:
                updated = (index, timed[0].value)
            continue
        if split := _split_date(lines, index, tz):
            return index, split, False
        found = list(find_dates(line, tz))
        if found and _TIMED_ITEM.search(norm(line)) and len(norm(line)) >= 20:
            continue  # ``某某事件 (06/23/2013)``: an item of a list of other stories, with its date
        if found and _CLOCK.match(norm(line)) and start - index > 8:
            continue  # ``2021年10月7日 星期四`` in the top bar, far above the story: today's date, not the story's
        if found:
            timed = [m for m in found if m.has_time]
            value = (timed or found)[0].value
            if not timed and (at := _time_beside(lines, index)) is not None:
                value = value.replace(hour=at.hour, minute=at.minute)  # ``17:30`` on the line above ``2020/08/09``
            return index, value, False
        if find_yearless(line, tz, 2000) and re.search(r"发布|时间|发表", line):
            return index, None, True
        if has_relative_date(line) and len(norm(line)) <= 30:
            return index, None, True
    if updated is not None:
        return updated[0], updated[1], False
    return -1, None, False


#: A name that wrote or posted the story, written before the date: ``ERIK ECKHOLM 报道 2012年08月02日``,
#: ``ugmbbc发布于 2012-05-02 06:50``. A writer or a poster, never the publisher.
_WRITER_BEFORE_DATE = re.compile(
    r"^\s*(?P<name>\S.{0,30}?)\s*(?P<verb>报道|報導|報道|发布于|發佈於|发表于|發表於|发布|發佈)\s*$"
)


#: A writer's role on the line under their name (``国際部記者``, ``特派員``, ``資深編輯``).
_ROLE_LINE = re.compile(r"^\S{0,6}(?:記者|记者|特派員|特派员|編輯|编辑|撰稿人|主筆|主笔|評論員|评论员)$")


#: A transliterated foreign name, maybe with its original after it, as the last field before the date.
_FOREIGN_NAME = re.compile(
    r"(?:^|\s)(?P<name>[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6})(?:\s*[（(][A-Za-z .'-]{2,40}[)）])?\s*$"
)


#: A blog-style byline: the writer, then ``@`` and the date (``- 某某編輯部 @ 05-19-2013 / 2 years ago``).
_WRITER_AT = re.compile(r"^\s*[-–—]?\s*(?P<name>[^\s@-][^@]{0,30}?)\s*@\s*$")


#: Pieces of a dateline that are never a publisher: the verb of a byline without names, the half-day of a
#: time (``04:17 pm``), a manner of writing, a newsroom's own desk (``編譯中心``, ``编辑部``).
_NOT_SOURCE = re.compile(
    r"^(?:報導|报道|報道|报导|綜合報導|综合报道|綜合外電|综合外电|外電|外电|整理|編譯|编译|am|pm|上午|下午"
    r"|\S{0,4}(?:編譯|编译|新聞|新闻|採訪|采访)中心|編輯部|编辑部|編譯組|编译组"
    # A section name beside the date (``社會 17:30 2020/08/09``, ``港聞``): the channel, not the publisher.
    r"|(?:社會|社会|港聞|港闻|國際|国际|財經|财经|體育|体育|娛樂|娱乐|兩岸|两岸|政治|生活|要聞|要闻|即時|即时|時事|时事"
    r"|科技|教育|健康|地方|評論|评论|社論|社论|專題|专题|中國|中国|大陸|大陆|本地|國內|国内)"
    r"(?:[一二三四五六七八九十]|\d{1,2})?"  # a print edition's page of the section (``港聞一``)
    # An opening heading under the dateline (``写在前面``, ``导语``), not a name.
    r"|寫在前面|写在前面|前言|引言|導語|导语|導讀|导读|摘要|編者按|编者按"
    # The day of the week after the date (``2020年8月8日星期六``).
    rf"|{_WEEKDAY})$",
    re.IGNORECASE,
)


def _filed_after_date(line: str, found: list[DateMatch]) -> str:
    """Reporters filed after the date (``2014.10.24 某某/高雄報導``, ``18:58 張三 李四 報導　　地區：…``)."""
    rest = line[found[-1].end :].strip()
    first = re.split(r"\s{2,}|\u3000|\t|\s\|\s", rest, maxsplit=1)[0] if rest else ""
    return filed_byline(first)[0] if first else ""


#: An account's header (``原创 张三 某某公众号 2020-02-11``, ``… 前天``): the writer, then the account.
_ORIGINAL_HEADER = re.compile(
    rf"^原创\s+(?P<writer>[^\s:：]{{2,20}})\s+(?P<account>[^\s:：]{{2,20}})\s+(?:{RELATIVE_WORDS}|(?:19|20)\d{{2}}\D)"
)


def _dateline_writer(line: str, tz: ZoneInfo) -> tuple[str, str]:
    """(writer, poster) named on a dateline; ``""`` each when there is none."""
    if header := _ORIGINAL_HEADER.match(line.strip()):
        return clean_name(header.group("writer")), ""
    found = find_dates(line, tz)
    if not found:
        return "", ""
    if filed := _filed_after_date(line, found):
        return filed, ""
    before = line[: found[0].start]
    name = before.strip()
    glued = bool(before) and not before[-1].isspace()
    rest = line[found[-1].end :].strip()
    if (
        len(name) == 3
        and _PERSON_NAME.fullmatch(name)
        and (glued or not rest or set(parse_byline(rest)) == {"publisher"})
    ):
        # ``某某某2017-03-01 14:27:02`` (glued to the timestamp), ``陳某宏 2023年09月01日 07:02:00`` (a name and
        # the timestamp, nothing else or only the source, ``来源：某某网``): the writer's byline.
        return name, ""
    if foreign := _FOREIGN_NAME.search(before):
        # ``网络     贾森·庞廷（Jason Pontin）    2013-01-21``: a transliterated name beside the date is the writer's.
        return foreign.group("name"), ""
    if at := _WRITER_AT.match(before):
        return clean_name(at.group("name")), ""  # ``- 某某編輯部 @ 05-19-2013``
    match = _WRITER_BEFORE_DATE.match(before)
    if not match:
        return "", ""
    name = clean_name(match.group("name"))
    if match.group("verb") in ("报道", "報導", "報道", "发表于", "發表於"):
        return name, ""  # a reporter, or a writer publishing their own piece (``janus 發表於 …``); ``发布于`` posts
    return "", name


def _remainder_name(line: str, tz: ZoneInfo) -> str:
    """A publisher name written next to the date on an unlabeled dateline (``2019-09-26 10:56:28 证券时报网``)."""
    text = line
    found = find_dates(line, tz)
    if found and (_WRITER_BEFORE_DATE.match(line[: found[0].start]) or _FOREIGN_NAME.search(line[: found[0].start])):
        text = line[found[0].start :]  # the writer or poster before the date is not the publisher
        found = find_dates(text, tz)
    for match in reversed(found):
        text = text[: match.start] + " | " + text[match.end :]
    # Tabs and bracketed tools (``【 浏览字号： 大 中 小 】``) separate the dateline's fields too.
    text = re.sub(r"【[^】]*】|\t", " | ", text)
    text = re.sub(rf"(?:^|\s)(?:{RELATIVE_WORDS})(?=\s|$)", " | ", text)
    text = re.sub(r"(?:^|\s)原创(?=\s)", " ", text)
    text = re.sub(_DATE_LABEL, " | ", text)  # ``更新时间 2012年12月10日``: a label, not a name
    # A labelled piece (``发布时间：``, ``浏览：33``) is another field of the dateline, not a name.
    pieces = [clean_name(p) for p in text.split(" | ") if not re.search(r"[:：]", p)]
    pieces = [p for p in pieces if p and not re.fullmatch(r"[\d\s:：.-]+", p)]
    pieces = [p for p in pieces if not _COMMENT_LINK.search(p) and not is_chrome(p)]
    pieces = [p for p in pieces if not _NOT_SOURCE.match(p) and not filed_byline(p)[0]]
    if not pieces:
        return ""
    if len(pieces) > 1 and len(norm(pieces[-1])) <= 3:
        # ``原创 张三 某公众号 2025年03月25日 16:46 北京``: the place after the date is not the publisher;
        # before the date the account comes after the writer.
        return pieces[0].split()[-1]
    return pieces[-1] if len(pieces) > 1 else pieces[0]


#: A link to the comments on a dateline (``点击发表评论``, ``我要评论``): a button, not a name.
_COMMENT_LINK = re.compile(r"(?:发表|我要|查看|参与)评论|評論|^\d*\s*条?评论$")


#: A date-time in brackets on its own line, maybe followed by a short programme or edition name.
_CLOSING_DATE = re.compile(
    r"^[(（]\s*(?P<date>(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+(?:[01]?\d|2[0-3]):[0-5]\d)\s*[)）]\s*"
    r"[\u4e00-\u9fff]{0,8}$"
)


#: A breadcrumb separator on a line of its own (``首页`` / ``>`` / ``地方``).
_CRUMB_SEPARATOR = frozenset({">", "›", "»", "＞", "→"})


def _in_breadcrumb(lines: list[str], index: int) -> bool:
    """Whether the line is an item of a breadcrumb trail: a separator line stands right before or after it."""
    return any(0 <= i < len(lines) and norm(lines[i]) in _CRUMB_SEPARATOR for i in (index - 1, index + 1))


def _name_line(line: str) -> str:
    """A short line that is only a name (``IT之家``, ``新华社``) between headline and dateline."""
    text = line.strip()
    if len(norm(text)) > 12 or re.search(r"[，。！？,!?:：]", text) or is_chrome(text):
        return ""
    if not _DATE_PIECES.sub("", norm(text)):
        return ""  # a piece of a date set on lines of its own (``09/07``)
    return clean_name(text)


def _is_lead_box(paragraphs: list[str]) -> bool:
    """Whether the first paragraph is a lead box: its opening sentence is repeated word for word further down.

    A summary box above the story quotes the story; a story never repeats its own first sentence.
    """
    if len(paragraphs) < 3 or paragraphs[0].startswith("## ") or IMAGE_LINE.match(paragraphs[0]):
        return False
    first = norm(re.split(r"(?<=[。！？!?])", paragraphs[0].lstrip("\\"), maxsplit=1)[0])
    if len(first) >= 15 and any(first in norm(p) for p in paragraphs[1:]):
        return True
    # ``某某表示，……`` over the quote itself: most of the box's clauses stand word for word further down.
    clauses = [c for c in re.split(r"[,，。！？!?；;：:]", norm(paragraphs[0])) if len(c) >= 6]
    rest = "".join(norm(p) for p in paragraphs[1:])
    found = sum(len(c) for c in clauses if c in rest)
    return found >= 30 and found >= 0.6 * sum(len(c) for c in clauses)


def _body_line(line: str) -> str:
    text = line.strip().lstrip("\u3000 ")
    text = TRAILING_LINK.sub("", text)
    if text.startswith(("#", ">", "- ", "* ", "+ ")):
        text = "\\" + text  # page text is not markdown: keep a leading ``#`` or ``-`` literal
    return text


def _heading_shaped(cleaned: str) -> bool:
    """A body line shaped like a section heading: short, not a sentence, not bracketed, not a label."""
    text = norm(cleaned)
    if len(re.findall(r"\w", text)) < 2 or text.endswith("。"):
        return False  # ``������``: no words (an icon font's glyphs); ``搜救现场。``: a caption or a short sentence
    return not _is_prose(text) and 4 <= len(text) <= 24 and not re.match(r"^[(（【\[].*[)）】\]]$|.*[:：]$", text)


def _opening_heading(lines: list[str], index: int, end: int, tz: ZoneInfo) -> bool:
    """Whether the line right above the story's first paragraph is its first section heading (``写在前面``):
    heading-shaped, no chrome, caption or metadata, in a story that has at least two more headings."""
    line = lines[index]
    if IMAGE_LINE.match(line) or is_chrome(line) or is_caption(line) or is_end_marker(line) or _is_meta(line, tz):
        return False
    if _ROLE_LINE.match(norm(line)):
        return False  # ``国際部記者`` under the writer's name: the byline
    if index > 0 and is_caption(lines[index - 1]):
        return False  # ``摄影：某某`` then ``某某的生日餐``: the lead photo's credit and caption
    if not _heading_shaped(_body_line(line)):
        return False
    inner = [i for i in range(index + 2, end) if _heading_shaped(_body_line(lines[i])) and not is_chrome(lines[i])]
    return len(inner) >= 2


#: A bracketed tag opening a line (``【Emily】``, ``【新冠肺炎】``).
_TAG_PREFIX = re.compile(r"^【[^】]{1,12}】")


def _tagged_lists(lines: list[str], scores: list[int]) -> set[int]:
    """Three or more lines in a row opening with the same tag (``【Emily】…``) and not ending a sentence are
    a list of headlines (a column's other items), whatever their commas say; returns their indices."""
    listed: set[int] = set()
    index = 0
    while index < len(lines):
        tag = _TAG_PREFIX.match(norm(lines[index]))
        end = index + 1
        while tag and end < len(lines) and norm(lines[end]).startswith(tag.group(0)):
            end += 1
        items = range(index, end)
        if end - index >= 3 and not any(re.search(r"[。！？!?]$", norm(lines[i])) for i in items):
            for i in items:
                scores[i] = min(scores[i], -15)
            listed.update(items)
        index = end
    return listed


#: A linked headline in a list: short, one clause (no comma or full stop inside it).
_LIST_ITEM = re.compile(r"^[^，,。；;]{6,40}$")


def _items_after_labels(lines: list[str], scores: list[int]) -> None:
    """The headlines listed under a ``相关新闻：`` label are the list's, also when the story follows right after them
    (a box of related links above the lead): they end at the first line that is more than a linked headline."""
    for index, line in enumerate(lines):
        if scores[index] != _WALL or len(norm(line)) > 8 or not is_end_marker(line):
            continue
        for item in range(index + 1, min(index + 9, len(lines))):
            text = norm(lines[item])
            if scores[item] == _WALL or IMAGE_LINE.match(lines[item]) or not _LIST_ITEM.match(text):
                break
            scores[item] = _WALL


#: A line of program code in an article: a keyword opening a statement, or a line closed by a block mark.
_CODE_START = re.compile(
    r"^(?:import|from|def|class|return|if|elif|else|for|while|try|except|finally|with|print|func|fn|let|var|const"
    r"|public|private|package|#include|pip|npm|cargo|go|sudo|cd|git|SELECT|INSERT|UPDATE|CREATE)\b"
)
_QUOTED = re.compile(r"[fbr]?(?:'[^']*'|\"[^\"]*\")")


def _code_like(line: str) -> bool:
    """A line a program's listing could hold: opens with a Latin character, no Chinese outside its strings."""
    text = line.strip()
    return bool(text) and text[0].isascii() and not _CJK_CHAR.search(_QUOTED.sub("", text))


def _code_blocks(lines: list[str], scores: list[int]) -> set[int]:
    """Program listings in the story (``示例代码如下：`` over ``import json`` …): two or more code lines, one with
    a statement's marks, right under a line introducing them. They neither end the story nor join it as prose;
    returns their indices, scored neutral."""
    code: set[int] = set()
    index = 1
    while index < len(lines):
        end = index
        while end < len(lines) and scores[end] != _WALL and _code_like(lines[end]):
            end += 1
        block = range(index, end)
        if (
            len(block) >= 2
            and norm(lines[index - 1]).endswith((":", "："))
            and _CJK_CHAR.search(lines[index - 1])
            and any(_CODE_START.match(lines[i]) or _CODE_STRONG.search(lines[i]) for i in block)
        ):
            for i in block:
                scores[i] = 0
            code.update(block)
        index = max(end, index + 1)
    return code


def _lead_teaser(lines: list[str], scores: list[int], tz: ZoneInfo) -> None:
    """A cut paragraph (``…據某某報導，...``) right under a dateline with a time is the story's own lead.

    A paywalled page shows one cut paragraph of its story; cut paragraphs elsewhere are teasers of other
    items (scored down). Only a single one counts: a list of them under a date is a list.
    """
    for index, line in enumerate(lines):
        if scores[index] >= 0 or not _TEASER.search(norm(line)) or len(norm(line)) < 40:
            continue
        if index + 1 < len(lines) and _TEASER.search(norm(lines[index + 1])):
            continue
        if index and any(m.has_time for m in find_dates(lines[index - 1], tz)) and _is_meta(lines[index - 1], tz):
            scores[index] = len(norm(line))


def extract_page_text(text: str, tz: ZoneInfo) -> PageParts:
    """Find title, dateline, byline and body paragraphs in copied page text (pure; the HTML reader reuses it)."""
    parts = PageParts()
    raw = [line.rstrip() for line in text.replace("\u00a0", " ").split("\n") if norm(line)]
    lines = [line.strip() for line in raw]
    if not lines:
        return parts
    scores = [_score(line, tz) for line in lines]
    related = [is_inline_related(line) for line in lines]
    for index, inline in enumerate(related):
        if inline and ((index and related[index - 1]) or (index + 1 < len(related) and related[index + 1])):
            scores[index] = _WALL  # several ``延伸閱讀：…`` links in a row: the list after the story
    _items_after_labels(lines, scores)
    code = _code_blocks(lines, scores)
    listed = _tagged_lists(lines, scores)
    _lead_teaser(lines, scores, tz)
    runs = _best_runs(scores)
    start, end = _choose_run(lines, scores, runs, tz)
    if start < 0:
        return parts
    chosen = next(total for total, first, _last in runs if first == start)
    # Two pages pasted into one file: each story has its own headline-and-dateline header over a long run.
    stories = [first for total, first, _last in runs if total >= 200 and _story_header(lines, scores, first, tz)]
    inner = _after_inner_header(lines, start, end, tz)
    if _story_header(lines, scores, start, tz) and sum(max(0, score) for score in scores[start:inner]) >= 150:
        stories = [*dict.fromkeys([start, *stories]), inner]  # two stories ran together: a header inside the run
    if len(stories) >= 2 and start in stories:
        parts.notes.append(
            (
                "body",
                f"the file seems to hold several stories ({len(stories)} headlines, each over its own dateline "
                "and text); only one was read",
                "put each story in its own file",
            )
        )
    elif any(total >= 300 and chosen * 1.5 < total for total, first, _last in runs if first != start):
        parts.notes.append(
            (
                "body",
                "the page holds another, longer block of article-like text; the one under the headline was taken",
                "check that the published text is the article, or copy only the article",
            )
        )
    start = inner
    end = _with_links(lines, _with_helplines(lines, end))
    if any(
        _READ_ON.search(norm(line)) and not _QR_PROMPT.search(line)  # ``扫码阅读全文``: the page's QR code
        for line in lines[end + 1 : end + 4]
        if len(norm(line)) <= 30
    ):
        parts.notes.append(
            (
                "body",
                "the text seems cut short: right after it the page offers the rest (展开全文, 阅读全文, 余下全文); "
                "only what it showed was read",
                "open the whole article (all its pages, or its desktop page), copy it again and replace this file",
            )
        )

    # --- the header zone: dateline, headline, byline -------------------------------------------
    date_index, date_value, vague_date = _dateline(lines, start, tz)
    parts.date = date_value
    if vague_date:
        parts.notes.append(
            ("date", "the page shows the date without a year or as a relative day", "add the date by hand")
        )
    anchor = date_index if date_index >= 0 else start
    title_index = -1
    best_score = -100
    distance = 0
    for index in range(anchor - 1, max(-1, anchor - 16), -1):
        line = lines[index]
        if (
            (all(len(token) <= 2 for token in line.split()) and not _CJK_CHAR.search(line))
            or is_button_row(line)
            or re.fullmatch(r"(?:特大|[大中小])+", norm(line))
        ):
            continue  # a font-size control (``T + -``), a row of share or tool buttons between headline and story
        if is_breadcrumb(line) or is_nav(line) or norm(line) in _CRUMB_SEPARATOR or _in_breadcrumb(lines, index):
            break  # a breadcrumb trail (one line, or items between separator lines) is above the headline
        if index in listed:
            break  # a list of other headlines is above the header
        if is_chrome(line) and not is_counter(line):
            continue  # a toolbar (share, print, font size) between headline and dateline
        distance += 1
        if distance > 6:
            break
        length = len(norm(_clean_title(line)))
        if _title_candidate(line, tz) and (distance == 1 or length >= 6):
            # Headlines are long and sit right above the dateline; names (``IT之家``) and tags are short,
            # menu lines further up (a menu item of five characters or fewer is never taken from there). With no
            # dateline, captions and bylines often stand between headline and story: distance counts less.
            score = min(length, 30) - (3 if date_index >= 0 else 1) * distance
            if _WRITER_BIO.match(norm(line)):
                score -= 10  # ``王文中国人民大学重阳金融研究院执行院长``: a columnist's box under the headline
            if score > best_score:
                title_index, best_score = index, score
    if date_index >= 0 and (title_index < 0 or (vague_date and best_score < 10)):
        # The headline may share the dateline or sit below it (rare): look between dateline and body. Under a
        # relative dateline (``今日 09:18``) a headline there beats short menu items above.
        for index in range(date_index + 1, start):
            if index not in listed and _title_candidate(lines[index], tz) and len(norm(lines[index])) >= 8:
                title_index = index
                break
    fused_title = ""
    if date_index >= 0:
        # ``某某包子店重視食安 虧損2年出頭天2014/12/1 18:13``: headline and date in adjacent inline elements,
        # fused into one line. It is the story's own headline, nearer than any line above (a news ticker).
        found = find_dates(lines[date_index], tz)
        before = lines[date_index][: found[0].start].strip() if found else ""
        before = _LABEL_BEFORE_DATE.sub("", before)  # ``某某標題 出版時間：``: the date's label is not the headline's
        if (
            len(norm(before)) >= 8
            and len(_CJK_CHAR.findall(_TITLE_PREFIX.sub("", before))) >= 4  # not ``原创 SomeAccount``
            and _title_candidate(before, tz)
            and not parse_byline(before)
            and not _WRITER_BEFORE_DATE.match(before)
            and not _WRITER_AT.match(before)
        ):
            fused_title = _clean_title(before)
    if (
        title_index < 0
        and not fused_title
        and start < end
        and _title_candidate(lines[start], tz)
        and len(norm(lines[start])) <= 40
        and not re.search(r"[。；;]$", norm(lines[start]))
    ):
        # Nothing above the story: a headline with a colon and a comma (``某地寻子一个月：…，…``) reads like
        # a sentence and opened the story's run. It is the headline when it does not end like one (``。``).
        title_index, start = start, start + 1
    # A headline found above another dateline (a ticker item's) is not this story's: the fused one is.
    other_dateline = title_index >= 0 and any(
        find_dates(lines[i], tz) and _is_meta(lines[i], tz) for i in range(title_index + 1, date_index)
    )
    if title_index >= 0 and not (fused_title and other_dateline):
        parts.title = _clean_title(lines[title_index])
    elif fused_title:
        parts.title = fused_title

    header_from = title_index + 1 if title_index >= 0 else max(0, start - 8)
    header = lines[header_from:start]
    labeled: dict[str, str] = {}
    for line in header:
        for key, value in parse_byline(line).items():
            labeled.setdefault(key, value)
        if names := byline_line(line):
            labeled.setdefault("author", names)  # ``某某某 ｜作者`` between the dateline and the story
    if labeled.get("publisher") and is_platform(labeled["publisher"]):
        # ``来源：澎湃新闻·澎湃号·政务``: the account, shown above a ``关注`` button, is the publisher.
        account = ""
        for index in range(header_from, start - 1):
            if norm(lines[index + 1]) in ("关注", "+关注", "已关注") and _name_line(lines[index]):
                account = _name_line(lines[index])
        labeled["publisher"] = account or labeled["publisher"]
    names_between: list[str] = []
    if title_index >= 0:
        for index in range(title_index + 1, date_index if date_index > title_index else start):
            author, publisher = person_and_publisher(lines[index])
            if author:
                labeled.setdefault("author", author)
                names_between.append(publisher)
            elif index + 1 < len(lines) and _ROLE_LINE.match(norm(lines[index + 1])) and _name_line(lines[index]):
                labeled.setdefault("author", _name_line(lines[index]))  # ``関谷智`` over ``国際部記者``
            elif (
                (name := _name_line(lines[index]))
                and not _in_breadcrumb(lines, index)
                and not _NOT_SOURCE.match(norm(name))  # a section name (``社會``) under the headline
                and not _ROLE_LINE.match(norm(name))
            ):
                names_between.append(name)
    parts.original_title = labeled.get("original_title", "")
    writer = _dateline_writer(lines[date_index], tz)[0] if date_index >= 0 else ""
    parts.author = labeled.get("author", "") or writer
    parts.editor = labeled.get("editor", "")
    # A dateline with an empty source field (``来源: | 发布时间: 2018-05-17``) says the page names none.
    empty_source = date_index >= 0 and "publisher" not in labeled and bool(_SOURCE_LABEL.search(lines[date_index]))
    remainder = _remainder_name(lines[date_index], tz) if date_index >= 0 and "publisher" not in labeled else ""
    if remainder and (original := _ORIGINAL_HEADER.match(lines[date_index])):
        remainder = clean_name(original.group("account"))
    if fused_title and norm(remainder) == norm(fused_title):
        remainder = ""  # the headline fused with the date is not a source
    after_dateline = ""
    # With the headline below the dateline, the line between them is a kicker (``地方 地方焦點``), not a source.
    if (
        0 <= date_index < start - 1
        and not parse_byline(lines[date_index + 1])
        and not byline_line(lines[date_index + 1])
        and title_index < date_index
    ):
        after_dateline = _name_line(lines[date_index + 1])  # ``2019-09-26 10:56:28`` then ``证券时报网``
        if norm(after_dateline) == norm(parts.title) or _NOT_SOURCE.match(norm(after_dateline)):
            after_dateline = ""  # the headline repeated at the top of the article box, or a section name
    if empty_source:
        remainder = after_dateline = ""
    # ``2018年09月16日 15:31 中時`` then ``謝明俊``: with the source on the dateline, a bare personal name on
    # the line between dateline and body is the writer.
    bare_name = ""
    if remainder and after_dateline and _PERSON_NAME.fullmatch(norm(after_dateline)):
        bare_name, after_dateline = after_dateline, ""
    parts.publisher = (
        labeled.get("publisher") or (names_between[0] if names_between else "") or remainder or after_dateline
    )

    # --- the body: drop lifted metadata, captions and chrome inside the run -----------------------
    opening = start - 1 > max(title_index, date_index) and _opening_heading(lines, start - 1, end, tz)
    first_line = start - 1 if opening else start
    body = lines[first_line : end + 1]
    paragraphs: list[str] = []
    listing_items = False
    repeated = Counter(norm(line) for line in body)
    for position, line in enumerate(body):
        if first_line + position in code:
            # A listing keeps its lines and their indentation, as a fenced block.
            if first_line + position - 1 in code and paragraphs and paragraphs[-1].startswith("```"):
                paragraphs[-1] = paragraphs[-1][:-3] + raw[first_line + position] + "\n```"
            else:
                paragraphs.append("```\n" + raw[first_line + position] + "\n```")
            continue
        if IMAGE_LINE.match(line):
            paragraphs.append(line)
            continue
        text_n = norm(line)
        fields = parse_byline(line) if len(text_n) <= 70 else {}
        if summary := _SUMMARY.match(line):
            parts.summary = parts.summary or line[summary.end() :].strip()
            continue
        if fields.get("original_title") and (position < 3 or position >= len(body) - 2):
            parts.original_title = parts.original_title or fields["original_title"]
            continue
        names = byline_line(line)
        if names and position < 8:
            parts.author = parts.author or names
            if position <= 6 and paragraphs and len(paragraphs) <= 5:
                # A summary box (``划重点``) before the byline is not the story.
                parts.summary = parts.summary or " ".join(p.lstrip("\\") for p in paragraphs if len(p) > 20)[:300]
                paragraphs = []
            continue
        if (
            parts.date is None
            and position < 4
            and len(text_n) <= 40
            and re.search(r"发布|发表|时间|日期", line)
            and not _UPDATE_LABEL.search(line)
            and (found := find_dates(line, tz))
            and _is_meta(line, tz)
        ):
            # ``时间：2019-09-25 作者：网络整理`` just inside a run that began above the headline.
            parts.date = found[0].value
            for key, value in fields.items():
                if key in ("author", "editor", "publisher") and not getattr(parts, key):
                    setattr(parts, key, value)
            continue
        if fields and _is_meta(line, tz) and (position < 4 or position >= len(body) - 3):
            for key, value in fields.items():
                if key == "author":
                    parts.author = parts.author or value
                elif key == "editor":
                    parts.editor = parts.editor or value
                elif key == "publisher":
                    parts.publisher = parts.publisher or value
            continue
        if is_caption(line) or is_chrome(line) or not text_n.strip("\ufffd"):
            continue  # (a line of replacement characters: glyphs the copy lost)
        cleaned = _body_line(line)
        if _is_prose(norm(cleaned)) or not paragraphs:
            listing_items = False
        if (
            _heading_shaped(cleaned)
            and (position > 0 or opening)
            and position < len(body) - 1
            and not (paragraphs and paragraphs[-1].endswith(("，", ",")))  # a sentence going on (``愿大家都能``)
            and not (listing_items and not _is_prose(norm(body[position + 1])))
            and repeated[norm(line)] < 2  # ``论文下载：PDF`` under each section, a repeated caption: not headings
        ):
            cleaned = "## " + cleaned.lstrip("\\")
        # Short lines under a line introducing them (``可以看出以下特点：``) are its items, not section headings,
        # unless text follows one (``以下3大類：`` then ``亮點1、…`` over its paragraph).
        listing_items = listing_items or cleaned.endswith(("：", ":"))
        paragraphs.append(cleaned)
    paragraphs = [f"```\n{textwrap.dedent(p[4:-4])}\n```" if p.startswith("```\n") else p for p in paragraphs]
    while paragraphs and (paragraphs[-1].startswith("## ") or IMAGE_LINE.match(paragraphs[-1])):
        paragraphs.pop()
    if _is_lead_box(paragraphs):
        parts.summary = parts.summary or paragraphs[0].lstrip("\\")
        paragraphs = paragraphs[1:]
    parts.paragraphs = paragraphs
    # A lead photo or an opening heading may come first.
    first = next((p for p in paragraphs if not IMAGE_LINE.match(p) and not p.startswith("## ")), "")
    if paragraphs and not parts.author:
        parts.author = reporter_in_lead(first)
        # The credit closes the story's last paragraph, which a short notice (a helpline) may follow.
        for paragraph in reversed([p for p in paragraphs if not p.startswith("## ")][-4:]):
            if parts.author:
                break
            parts.author = credit_at_end(paragraph)
    if paragraphs and not parts.publisher:
        parts.publisher = agency_in_lead(first)  # ``（中央社記者邱俊欽桃園19日電）``
    if paragraphs and not parts.publisher:
        # ``……（某某新聞張三、李四台北報導）``: the outlet that opens the credit closing the story.
        parts.publisher = next((o for p in reversed(paragraphs[-4:]) if (o := outlet_in_credit(p))), "")
    if not parts.author and bare_name and not same_person_list(bare_name, parts.publisher):
        parts.author = bare_name

    # --- the footer: editor, source and credit lines just below the body --------------------------
    if parts.date is None and date_index < 0:
        for line in lines[end + 1 : end + 12]:
            found = find_dates(line, tz) if len(norm(line)) <= 40 else []
            if found and re.search(r"发布|发表|时间|日期", line) and not _UPDATE_LABEL.search(line):
                parts.date = found[0].value  # ``发布时间：…`` under the article (some blogs and forums)
                break
        for line in lines[end + 1 : end + 4]:
            # ``(2014-12-12 12:00)  某某新聞``: the date-time in brackets closing the story, with a programme name.
            bracketed = _CLOSING_DATE.match(line.strip())
            if parts.date is None and bracketed and (closing := find_dates(bracketed.group("date"), tz)):
                parts.date = closing[0].value
    for line in lines[end + 1 : end + 14]:
        fields = parse_byline(line) if len(norm(line)) <= 80 else {}
        if "editor" in fields and not parts.editor:
            parts.editor = fields["editor"]
        if "publisher" in fields and not parts.publisher and not is_platform(fields["publisher"]):
            parts.publisher = fields["publisher"]
        if "author" in fields and not parts.author:
            parts.author = fields["author"]
        if "original_title" in fields and not parts.original_title:
            parts.original_title = fields["original_title"]
    if parts.publisher and parts.author and same_person_list(parts.publisher, parts.author):
        parts.publisher = ""  # the dateline named the writers, not a publisher
    if not parts.publisher and parts.title:
        # A first-party page names no source; a copied page may show its document title (headline, channel,
        # site name) in a share box or footer: the site is the publisher.
        for line in lines:
            if len(line) <= 120 and (name := clean_name(site_from_title(line, parts.title))):
                parts.publisher = name
                break
    parts.site = site_from_text("\n".join(lines[: start + 1]), "\n".join(lines[end + 1 :]))
    return parts


def read_page_text(source: str, text: str, tz: ZoneInfo, report: Report) -> Article:
    """Read text copied from a browser page into an Article: the article only, with its own metadata."""
    parts = extract_page_text(text, tz)
    return article_from_parts(source, "page-text", parts, report)


def article_from_parts(source: str, kind: str, parts: PageParts, report: Report) -> Article:
    """Check the minimum (title and body), report doubts, and build the Article."""
    if not parts.paragraphs:
        raise ReadError(
            "body",
            "no article text found (no run of sentence-like paragraphs)",
            "check that the file holds the article itself, or save the page as HTML and try again",
        )
    if not parts.title:
        raise ReadError(
            "title",
            "no headline found above the article text",
            "put the headline on the line above the date, or add front matter with a title",
        )
    for where, message, hint in parts.notes:
        report.warn(source, where, message, hint)
    if len(norm(parts.body)) < MIN_BODY:
        report.warn(source, "body", f"the article text is very short ({len(norm(parts.body))} characters)", "check it")
    if parts.date is None and not any(n[0] == "date" for n in parts.notes):
        report.info(source, "date", "no publication date found near the headline", "add a date if the page shows one")
    explicit = {
        name
        for name in ("title", "date", "author", "editor", "publisher", "original_title", "summary", "site")
        if getattr(parts, name)
    }
    return Article(
        source=source,
        kind="html" if kind == "html" else "page-text",
        title=parts.title,
        date=parts.date,
        summary=parts.summary,
        body=parts.body,
        author=parts.author,
        editor=parts.editor,
        publisher=parts.publisher,
        site=parts.site,
        original_title=parts.original_title,
        explicit=frozenset(explicit | {"body"}),
    )
