"""Byline parsing: ``来源：新华社``, ``作者丨茯神编辑丨思原、九黎``, ``本报记者 宋婧``, ``（原标题：…）``."""

from __future__ import annotations

import re

from .chrome import clean_name, norm

#: Label → the Article field its value fills. Longer labels first so ``责任编辑`` wins over ``编辑``.
LABELS: dict[str, str] = {
    "本文原标题": "original_title",
    "原标题": "original_title",
    "原题": "original_title",
    "责任编辑": "editor",
    "責任編輯": "editor",
    "责编": "editor",
    "責編": "editor",
    "编辑": "editor",
    "編輯": "editor",
    "本文来源": "publisher",
    "本文來源": "publisher",
    "文章来源": "publisher",
    "文章來源": "publisher",
    "新闻来源": "publisher",
    "新聞來源": "publisher",
    "信息来源": "publisher",
    "信息來源": "publisher",
    "来源于": "publisher",
    "來源於": "publisher",
    "来源": "publisher",
    "來源": "publisher",
    "稿源": "publisher",
    "选稿": "editor",
    "選稿": "editor",
    "出处": "publisher",
    "出處": "publisher",
    "作者": "author",
    "撰文": "author",
    "撰稿": "author",
    "执笔": "author",
    "采写": "author",
    "文字": "author",
    "记者": "author",
    "記者": "author",
    "原创": "author",
    "文": "author",
    # Other credits: parsed only so that they end the value before them (``编辑：张三 审核：李四``).
    "审核": "other",
    "校对": "other",
    "监制": "other",
    "统筹": "other",
    "出品": "other",
    "主编": "other",
    "实习生": "other",
    "通讯员": "other",
    "美编": "other",
    "设计": "other",
    "制图": "other",
    "摄影": "other",
    "翻译": "other",
    # Dateline fields that share the line with a source (``来源：当代商报 时间：2019-09-23``).
    "发布时间": "other",
    "发布日期": "other",
    "发表时间": "other",
    "时间": "other",
    "日期": "other",
    "浏览次数": "other",
    "浏览": "other",
    "阅读数": "other",
    "点击数": "other",
    "人气": "other",
    "人氣": "other",
    "阅读": "other",
    "閱讀": "other",
    "瀏覽": "other",
    "所属分类": "other",
}
_LABEL_ALT = "|".join(sorted(LABELS, key=len, reverse=True))
#: A label with an explicit separator, anywhere in a segment.
#: ``︱`` (U+FE31) is a vertical bar on the page but ``—`` after NFKC; both separate a label (``作者︱春春``).
#: ``︰`` (U+FE30, a colon in vertical-text fonts that Hong Kong pages use) is ``..`` after NFKC.
_LABELED = re.compile(rf"(?P<label>{_LABEL_ALT})\s*(?:[:：丨|｜/／︱︰]|‥|\.\.(?!\.)|(?<=[记記]者)\s)\s*")
#: A label glued to its value at the start of a short segment (``来源CSDN``, ``作者魏星``).
_GLUED = re.compile(r"^(?P<label>作者|来源|來源|记者|記者)—?(?P<value>[^\s—]\S{1,11})$")
#: Ranks: a more specific label for the same field wins (``责编`` over ``编辑``).
_RANK = {"责任编辑": 3, "責任編輯": 3, "责编": 2, "責編": 2, "编辑": 1, "編輯": 1}
#: Role words that trail a name (``路闻卓立编译``, ``张三 摄``).
_ROLE_SUFFIX = re.compile(
    r"(?:[/／][\u4e00-\u9fff]{1,6}(?:报道|报导|報導|報道)|编译|編譯|整理|整合|综合|綜合|报道|報導|報道|撰写|撰寫|发自\S*|發自\S*"
    r"|摄影?|攝影?|\s文)$"
)
#: A writer's role before the name (``观察者网专栏作者 王文``, ``特約評論員 張三``).
_ROLE_PREFIX = re.compile(
    r"(?:作者|記者|记者|評論員|评论员|撰稿人|專欄作家|专栏作家|通訊員|通讯员|研究員|研究员|主筆|主笔)$"
)
#: A reposting site's note after the source (``来源：新浪科技 酷勤网收集``): the value ends before it.
_REPOST_NOTE = re.compile(r"\s+(?=\S*(?:收集|整理|编辑|編輯)(?:\s|$))")
#: Byline values that credit a compilation, not a person (``作者：网络整理``).
_NOT_PERSON = frozenset(
    {"网络", "網絡", "网络整理", "網絡整理", "综合", "綜合", "综合整理", "綜合整理", "整合", "编译", "編譯", "整理"}
)
_CREDIT = re.compile(
    r"图片来[源自]|圖片來[源自]|图源|圖源|图片[:：]|圖片[:：]|配图|配圖|摄影|攝影|视频来源|視頻來源|"
    r"[^\s]\s*[摄攝][)）]?\s*$|^[(（]?[图圖][:：/]"
)
_NOT_BYLINE = frozenset(
    {
        "数据",
        "数據",
        "資料",
        "资料",
        "信息",
        "訊息",
        "消息",
        "新闻",
        "新聞",
        "文章",
        "图表",
        "圖表",
        "视频",
        "音频",
        "总编",
        "主编",
    }
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: A credited name that is an outlet, not a person: a Chinese name with Latin letters (``搜狐IT``), or one
#: ending like a newsroom (``某某科技``, ``某某日报``, ``某某网``).
#: A date glued to the end of a value (``原创：某某网2024-04-23 12:27:25``): the value stops before it.
_GLUED_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]")
#: A source value naming the outlet and then its reporter (``中国新闻网 王帆``).
_SOURCE_AND_REPORTER = re.compile(
    r"(?P<outlet>\S{2,12}(?:网|網|报|報|社|台|新闻|新聞))\s+(?:记者|記者)?(?P<person>[\u4e00-\u9fff·]{2,3})"
)
_ORGANISATION = re.compile(
    r"^(?:[\u4e00-\u9fff]+[A-Za-z]+|[A-Za-z]+[\u4e00-\u9fff]+|\S{2,12}(?:科技|财经|日报|晚报|早报|新闻|传媒|网|社|报|台|杂志|周刊))$"
)

#: ``（记者 裴剑飞）`` or ``记者宋婧报道`` in the first paragraph of a story.
_LEAD_REPORTER = re.compile(
    r"[（(](?:本报|本報|特约|特約|见习|見習|实习|實習)?[记記]者\s*(?P<a>[^）)]{2,24})[）)]"
    r"|(?:本报|本報|特约|特約|见习|見習)?[记記]者\s*(?P<b>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*)\s*(?:报道|報導|報道)"
)
#: An agency dateline opening a story: ``（中央社記者邱俊欽桃園19日電）``, ``（某某社记者张三北京5日电）``:
#: agency, reporter (two or three characters), place, day and ``電``/``电``.
_AGENCY_DATELINE = re.compile(
    r"^\s*[（(](?P<agency>[\u4e00-\u9fff]{2,8}?)[记記]者\s*(?P<names>[\u4e00-\u9fff]{2,3}(?:[、,，][\u4e00-\u9fff]{2,3})*)"
    r"\s*(?P<place>[\u4e00-\u9fff]{2,8}?)\s*(?:\d{1,2}月)?\d{1,2}日\s*[电電]\s*[）)]"
)
#: A line that is only a byline: ``本报记者 宋婧``, ``澎湃新闻记者 段彦超 廖艳``, ``《棱镜》作者 周纯``.
_BYLINE_LINE = re.compile(
    # ``文`` alone needs its separator: ``……大众文化生产`` is a headline, not ``文`` + ``化生产``.
    r"^(?:[\u4e00-\u9fff《》]{0,10}?)(?:(?:记者|記者|作者|执笔|采写|撰文)\s*[:：/／丨|︱]?|文\s*[:：/／丨|︱]|文\s)\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:\s*[、,，&＆\s]\s*[\u4e00-\u9fff·]{2,5}){0,5})$"
)
#: ``石佳/中国青年报``: a person and their publication.
_PERSON_SLASH_PUBLISHER = re.compile(r"^(?P<a>[\u4e00-\u9fff·]{2,4})\s*[/／]\s*(?P<p>[\u4e00-\u9fff\w·-]{2,16})$")


_NAME = r"[\u4e00-\u9fff]{2,3}"
#: A filed byline: reporters, where they filed from, and ``報導``: ``記者某某 某某 台北報導``,
#: ``【某某晚報╱記者某某/台北報導】``, ``某某/高雄報導``, ``某某 某某 報導``. Without ``記者`` the names need a
#: ``/PLACE`` or at least two names, so a phrase (``外電報導``) is not read as a name.
_FILED = re.compile(
    rf"^(?:(?P<outlet>[^\s╱/／【】()（）]{{2,12}}?)\s*[╱/／|｜]\s*)?"
    rf"(?:(?:本報|本报|特約|特约)?(?:記者|记者)\s*(?P<n1>{_NAME}(?:\s*[、,，\s]\s*{_NAME})*?)\s*(?:[/／╱]\s*)?"
    rf"(?P<p1>[\u4e00-\u9fff]{{2,3}})?"
    rf"|(?P<n2>{_NAME})\s*[/／╱]\s*(?P<p2>[\u4e00-\u9fff]{{2,4}})"
    rf"|(?P<n3>{_NAME}(?:\s*[、,，\s]\s*{_NAME})+))"
    r"\s*(?:報導|报道|報道|报导)$"
)
#: Words in a name's place that are a desk or a manner of writing, not a person (``綜合報導``, ``外電報導``).
_NOT_FILER = frozenset({"綜合", "综合", "外電", "外电", "編譯", "编译", "整理", "本報", "本报", "專題", "专题", "聯合"})
#: Last characters of organisations (``（新华社）``, ``（中新网）``), not people.
_ORG_END = "社网網报報台部局厅委办处会院所站组团队司署中心"
#: The same for a filed byline's names, where ``中`` and ``心`` may end a person's name (``王建中``).
_FILER_ORG_END = "社网網报報台臺部局厅廳委办辦处處会會院所站组組团團队隊司署"


def filed_byline(text: str) -> tuple[str, str]:
    """(reporters, outlet) of a filed byline (``【某某晚報╱記者張三/台北報導】`` → ``張三``, ``某某晚報``)."""
    match = _FILED.match(text.strip().strip("【】[]()（）").strip())
    if not match:
        return "", ""
    raw = match.group("n1") or match.group("n2") or match.group("n3") or ""
    names = [n for n in re.split(r"\s*[、,，\s]\s*", raw) if n]
    if not names or any(n in _NOT_FILER or n[-1] in _FILER_ORG_END for n in names):
        return "", ""
    outlet = match.group("outlet") or ""
    return " ".join(names), (outlet if _CJK.search(outlet) and len(outlet) >= 3 else "")


def _clean_person(value: str) -> str:
    """Names from a byline value: CJK names of at most five characters, in order; others stop the list."""
    name = clean_name(re.split(r"[，,;；]\s*(?:系|是|为|现任|供职)", value)[0])
    if not name:
        return ""
    parts = [p for p in re.split(r"\s+", name) if p]
    kept: list[str] = []
    for index, part in enumerate(parts):
        if index + 1 < len(parts) and _ROLE_PREFIX.search(part):
            continue  # ``观察者网专栏作者 王文``: the writer's role at an outlet, then the name
        part = _ROLE_SUFFIX.sub("", part).strip()
        if not part:
            continue
        pieces = [p for p in re.split(r"[、,，&＆]", part) if p]
        if _CJK.search(part) and any(len(p) > 5 for p in pieces) and index > 0:
            break  # ``路闻卓立编译 人民币交易与研究``: the account name after the person
        if part in _NOT_PERSON:
            continue
        kept.append(part)
    return " ".join(kept)


def parse_byline(line: str) -> dict[str, str]:
    """The labeled fields of one header or footer line: ``{"author": "茯神", "editor": "思原、九黎"}``.

    Several labels may share a line, glued or separated (``作者丨茯神编辑丨思原、九黎``,
    ``本文来源：新京报 责任编辑：杜硕_NB12556``); each value runs to the next label.
    """
    result: dict[str, str] = {}
    ranks: dict[str, int] = {}
    if _CREDIT.search(line):
        return result  # image and video credits never name the article's author
    for segment in re.split(r"\|\s+|\s+\|", line.strip()):
        segment = segment.strip().strip("（）()【】[]")
        filer, outlet = filed_byline(segment)
        if filer:
            result.setdefault("author", filer)
            if outlet:
                result.setdefault("publisher", outlet)
            continue
        glued = _GLUED.match(norm(segment))
        matches = list(_LABELED.finditer(segment))
        if glued and not matches:
            field = LABELS[glued.group("label")]
            value = (_clean_person if field == "author" else clean_name)(glued.group("value"))
            if value and field not in result:
                result[field] = value
            continue
        for index, match in enumerate(matches):
            label = match.group("label")
            if label == "文" and match.start() > 0 and not segment[match.start() - 1].isspace():
                continue  # ``文`` is a label only on its own (``文/张三``), not inside a word (``中文：``)
            if (
                label in ("来源", "來源", "编辑", "編輯")
                and segment[max(0, match.start() - 2) : match.start()] in _NOT_BYLINE
            ):
                continue  # ``数据来源：国家统计局`` credits a figure, ``小编辑`` is a word
            if label == "原创" and segment[match.start() + 2 : match.start() + 3] not in ":：":
                continue
            end = matches[index + 1].start() if index + 1 < len(matches) else len(segment)
            raw = _GLUED_DATE.split(segment[match.end() : end], maxsplit=1)[0]  # ``39健康网2024-04-23 12:27``
            field = LABELS[label]
            if index + 1 < len(matches) and LABELS[matches[index + 1].group("label")] == field and len(raw) <= 6:
                continue  # ``采写：南都见习记者 林子沛``: the role words before the real label
            if field == "original_title":
                value = raw.strip().strip('（）()《》“”" ')
                value = re.sub(r"[)）]$", "", value)
            elif field == "author" and label in ("文", "原创") and _ORGANISATION.search(raw.strip()):
                field, value = "publisher", clean_name(raw)  # ``文/某某科技``, ``原创：某某网``: an outlet's text
            elif field in ("author", "editor"):
                value = _clean_person(raw)
            else:
                value = clean_name(_REPOST_NOTE.split(raw.strip(), maxsplit=1)[0])
                if field == "publisher" and (reporter := _SOURCE_AND_REPORTER.fullmatch(value)):
                    # ``来源：中国新闻网 王帆``: the outlet, then its reporter (a later author label wins).
                    value = reporter.group("outlet")
                    if "author" not in result:
                        result["author"], ranks["author"] = reporter.group("person"), 0
            rank = _RANK.get(label, 1)
            if field == "other":
                continue
            if value and (field not in result or rank > ranks.get(field, 0)):
                result[field] = value
                ranks[field] = rank
    return result


#: An outlet and its reporter opening the story: ``【財訊快報／陳孟朔】``, ``【某某報/記者張三】``.
_OUTLET_PERSON_LEAD = re.compile(
    r"^\s*【(?P<outlet>[\u4e00-\u9fffA-Za-z]{2,10}?)\s*[/／╱]\s*(?:記者|记者)?(?P<person>[\u4e00-\u9fff·]{2,4})】"
)


def _outlet_person(paragraph: str) -> tuple[str, str]:
    """(outlet, reporter) of an opening ``【outlet／reporter】`` credit, or ``("", "")``."""
    match = _OUTLET_PERSON_LEAD.match(paragraph)
    if not match or not _OUTLET_END.search(match.group("outlet")):
        return "", ""
    return match.group("outlet"), match.group("person")


def reporter_in_lead(paragraph: str) -> str:
    """The reporter named in a story's first sentence (``新京报快讯（记者 裴剑飞）…``), or ``""``."""
    if agency := _AGENCY_DATELINE.match(paragraph):
        return _clean_person(agency.group("names"))
    if person := _outlet_person(paragraph)[1]:
        return person
    match = _LEAD_REPORTER.search(paragraph[:120])
    if not match:
        return ""
    value = match.group("a") or match.group("b") or ""
    if match.group("a") and re.search(r"\d{1,2}日\s*[电電]$", value):
        return ""  # an agency dateline this pattern cannot split (``（記者…19日電）``)
    return _clean_person(value)


#: An outlet credited at the very start of a story: ``【某某網訊】``, ``(某某日報報道)``; ``本報``/``本網`` name nobody.
_OUTLET_LEAD = re.compile(
    r"^\s*(?:【(?P<a>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:訊|讯)】|[（(](?P<b>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:報道|报道|報導)[）)])"
)
_OUTLET_END = re.compile(r"(?:報|报|網|网|社|台|新聞|新闻)$")


def agency_in_lead(paragraph: str) -> str:
    """The agency or outlet opening the story (``（中央社記者邱俊欽桃園19日電）`` → ``中央社``, ``【某某網訊】`` →
    ``某某網``), or ``""``."""
    match = _AGENCY_DATELINE.match(paragraph)
    if match:
        return match.group("agency")
    if name := _outlet_person(paragraph)[0]:
        return name
    outlet = _OUTLET_LEAD.match(paragraph)
    name = (outlet.group("a") or outlet.group("b")) if outlet else ""
    if not name or name.startswith(("本報", "本报", "本網", "本网", "記者", "记者")) or not _OUTLET_END.search(name):
        return ""
    return name


#: ``……的美好生活需要。(文/图 刘玺东 易赛楠)``: a writer's credit in brackets closing the last paragraph.
_CLOSING_CREDIT = re.compile(
    r"[（(](?:文/图|图/文|文图|图文|文|记者|記者|作者|撰文|采写)\s*[/／:：]?\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,4}(?:\s*[、,，\s]\s*[\u4e00-\u9fff·]{2,4}){0,4})\s*[）)]\s*$"
)
#: ``……釐清死因。（王煌忠／台中報導）``: the reporter and the place the story was filed from.
_CLOSING_FILED = re.compile(
    r"[（(](?P<names>[\u4e00-\u9fff·]{2,4}(?:\s*[、,，]\s*[\u4e00-\u9fff·]{2,4}){0,4})\s*[/／]\s*"
    r"[\u4e00-\u9fff]{1,6}(?:报道|報導|報道)\s*[）)]\s*$"
)


#: ``……不二法門。（某某新聞張三、李四台北報導）``: an outlet, two or more reporters, the place, ``報導``.
_CLOSING_OUTLET_FILED = re.compile(
    r"[（(](?P<outlet>[\u4e00-\u9fff]{1,6}?(?:新聞|新闻|電視|电视|社|網|网|報|报))?"
    r"(?P<names>[\u4e00-\u9fff]{2,3}(?:[、,，][\u4e00-\u9fff]{2,3})+)[\u4e00-\u9fff]{2}(?:報導|报道|報道)[）)]\s*$"
)


#: ``……在巴西、乌拉圭、阿根廷举行。（张巨峰）``: a bare name closing the story, as local papers sign it.
_CLOSING_NAME = re.compile(r"[。！？!?”」](?:[（(](?P<name>[\u4e00-\u9fff]{2,3})[）)])\s*$")
#: Bracketed notes that close a story and are not names (``（完）`` is one character and never matches).
_NOT_NAMES = frozenset(
    {"待续", "未完", "全文完", "续完", "图略", "附图", "节选", "摘编", "转载", "原创", "全文", "有删节", "删节"}
)


def credit_at_end(paragraph: str) -> str:
    """The writers credited in brackets at the very end of a story's last paragraph, or ``""``."""
    tail = paragraph.strip()[-60:]
    if match := _CLOSING_CREDIT.search(tail) or _CLOSING_FILED.search(tail):
        return _clean_person(match.group("names"))
    if match := _CLOSING_OUTLET_FILED.search(tail):
        return " ".join(re.split(r"[、,，]", match.group("names")))
    if (match := _CLOSING_NAME.search(tail)) and match.group("name") not in _NOT_NAMES:
        name = match.group("name")
        return "" if name[-1] in _ORG_END else name
    return ""


def outlet_in_credit(paragraph: str) -> str:
    """The outlet opening a filed credit that closes the story (``（某某新聞張三、李四台北報導）`` → ``某某新聞``)."""
    match = _CLOSING_OUTLET_FILED.search(paragraph.strip()[-60:])
    return (match.group("outlet") or "") if match else ""


def byline_line(line: str) -> str:
    """The names when the whole line is a byline (``本报记者 宋婧``), else ``""``."""
    text = line.strip()
    if len(norm(text)) > 30:
        return ""
    match = _BYLINE_LINE.match(text) or _SENT_FROM.match(text) or _NAME_ROLE.match(text)
    if not match:
        return ""
    return _clean_person(match.group("names"))


#: A name, then its role after a bar (``某某某 ｜作者``, ``某某 | 記者``).
_NAME_ROLE = re.compile(
    r"^(?P<names>[\u4e00-\u9fff·]{2,4})\s*[|｜/／]\s*(?:作者|记者|記者|撰稿|撰文|特约作者|特約作者)$"
)
#: A writer and where they file from (``某某某 发自 凹非寺``, ``某某 發自 台北``).
_SENT_FROM = re.compile(r"^(?P<names>[\u4e00-\u9fff·]{2,4})\s*(?:发自|發自)\s*[\u4e00-\u9fff]{2,8}$")


def person_and_publisher(line: str) -> tuple[str, str]:
    """``石佳/中国青年报`` → (``石佳``, ``中国青年报``); empty strings if the line has another shape."""
    match = _PERSON_SLASH_PUBLISHER.match(line.strip())
    if not match:
        return "", ""
    return match.group("a"), match.group("p")


def same_person_list(a: str, b: str) -> bool:
    """Whether two author strings name the same people, whatever the separators."""

    def key(text: str) -> str:
        return re.sub(r"[\s、,，&＆/]+", "", norm(text))

    return key(a) == key(b)
