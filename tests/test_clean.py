"""generator.clean: date-times, bylines, chrome words, site profiles."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.clean import (
    agency_in_lead,
    byline_line,
    clean_name,
    credit_at_end,
    find_datetimes,
    find_yearless,
    has_relative_date,
    is_caption,
    is_chrome,
    is_end_marker,
    parse_byline,
    parse_datetime,
    reporter_in_lead,
    site_from_text,
    site_from_title,
    site_from_url,
)

TZ = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-25 16:46:16", dt.datetime(2025, 3, 25, 16, 46, 16, tzinfo=TZ)),
        ("2024年05月01日 10:00", dt.datetime(2024, 5, 1, 10, 0, tzinfo=TZ)),
        ("2019年06月15日08:18  来源：人民网", dt.datetime(2019, 6, 15, 8, 18, tzinfo=TZ)),
        ("2025/3/5 9:07", dt.datetime(2025, 3, 5, 9, 7, tzinfo=TZ)),
        ("发表于2014-08-24 21:30| 1164次阅读", dt.datetime(2014, 8, 24, 21, 30, tzinfo=TZ)),
        ("2020-06-05", dt.datetime(2020, 6, 5, tzinfo=TZ)),
        ("2025-02-14T12:46:28+08:00", dt.datetime(2025, 2, 14, 4, 46, 28, tzinfo=dt.UTC)),
        ("2025-02-14T04:46:28Z", dt.datetime(2025, 2, 14, 4, 46, 28, tzinfo=dt.UTC)),
        ("没有日期", None),
        ("2025-02-30 10:00", None),
    ],
)
def test_parse_datetime(text: str, expected: dt.datetime | None) -> None:
    assert parse_datetime(text, TZ) == expected


def test_time_written_before_its_date() -> None:
    found = find_datetimes("社會 17:30 2020/08/09", TZ)
    assert [(m.value, m.has_time) for m in found] == [(dt.datetime(2020, 8, 9, 17, 30, tzinfo=TZ), True)]
    assert not find_datetimes("2020/08/09", TZ)[0].has_time
    assert not find_datetimes("共12:00:00 2020/08/09", TZ)[0].has_time  # a clock with seconds is something else


def test_hong_kong_zone_between_date_and_time() -> None:
    value = parse_datetime("2018-07-02 HKT 12:58", ZoneInfo("UTC"))
    assert value == dt.datetime(2018, 7, 2, 4, 58, tzinfo=dt.UTC)  # HKT is UTC+8, whatever the site's zone


def test_naive_dates_are_in_the_given_zone() -> None:
    value = parse_datetime("2025-03-25 16:46:16", TZ)
    assert value is not None and value.utcoffset() == dt.timedelta(hours=8)
    utc = parse_datetime("2025-03-25 16:46:16", ZoneInfo("UTC"))
    assert utc is not None and utc.utcoffset() == dt.timedelta(0)


def test_find_datetimes_and_yearless() -> None:
    found = find_datetimes("2019-09-07 15:10:53 字号 最后更新: 2019-09-07 15:14:21", TZ)
    assert [m.value.minute for m in found] == [10, 14]
    assert all(m.has_time for m in found)
    match = find_yearless("发布时间：10-0812:00优质原创作者", TZ, 2019)
    assert match is not None and match.value == dt.datetime(2019, 10, 8, 12, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("作者丨茯神编辑丨思原、九黎", {"author": "茯神", "editor": "思原、九黎"}),
        ("来源:搜狐科技", {"publisher": "搜狐科技"}),
        ("2019-09-07 13:43:45　来源: 证券市场红周刊 举报", {"publisher": "证券市场红周刊"}),
        (" 本文来源：新京报 责任编辑：杜硕_NB12556", {"publisher": "新京报", "editor": "杜硕_NB12556"}),
        ("发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星", {"publisher": "CSDN", "author": "魏星"}),
        ("作者：未知     责任编辑：棒棒不是糖", {"editor": "棒棒不是糖"}),
        ("（原标题：多地项目连环爆雷）", {"original_title": "多地项目连环爆雷"}),
        ("原创： 路闻卓立编译 人民币交易与研究", {"author": "路闻卓立"}),
        ("采写：南都见习记者 林子沛", {"author": "林子沛"}),
        ("编辑|禤志杰", {"editor": "禤志杰"}),
        ("图片来源：每经记者 张蕊 摄", {}),
        ("发布日期：2016-11-22 浏览次数： 信息来源：省某某委", {"publisher": "省某某委"}),
        ("发布日期: 2021-01-05  信息来源: 某某研究院、某某设计院等", {"publisher": "某某研究院、某某设计院等"}),
        ("数据来源：国家统计局", {}),
        ("原创：某某健康网2024-04-23 12:27:25", {"publisher": "某某健康网"}),  # the site's own text; the date ends it
        ("2023-06-15 08:10 来源：中国新闻网 王某", {"publisher": "中国新闻网", "author": "王某"}),
        ("来源：中国新闻网 王某 作者：李某", {"publisher": "中国新闻网", "author": "李某"}),
        ("2024-05-20 16:25:01 来源:上海某区 选稿：许某杰", {"publisher": "上海某区", "editor": "许某杰"}),
        (
            "2020-11-23 10:22:14  出处：某科技 作者：宪某 编辑：宪某   人气： 5380 次",
            {"publisher": "某科技", "author": "宪某", "editor": "宪某"},
        ),
        ("記者︰某芷晴", {"author": "某芷晴"}),  # U+FE30 colon (``..`` after NFKC)
        ("作者最新文章", {}),
    ],
)
def test_parse_byline(line: str, fields: dict[str, str]) -> None:
    assert parse_byline(line) == fields


def test_byline_lines_and_lead_reporters() -> None:
    assert byline_line("本报记者 宋婧") == "宋婧"
    assert byline_line("澎湃新闻记者 段彦超 廖艳") == "段彦超 廖艳"
    assert byline_line("《棱镜》作者 周纯") == "周纯"
    assert byline_line("这是一个普通的句子，不是署名。") == ""
    assert byline_line("短视频与大众文化生产") == ""  # a headline with 文化 in it, not 文 + a name
    assert byline_line("某某某 发自 凹非寺") == "某某某"  # a writer and where they file from
    assert byline_line("某某某 ｜作者") == "某某某"
    assert byline_line("他发自内心地感谢大家") == ""
    assert byline_line("文/张三") == "张三"
    assert reporter_in_lead("新京报快讯（记者 裴剑飞）今日有网友爆料") == "裴剑飞"
    assert reporter_in_lead("本报讯 记者宋婧报道：3月6日凌晨") == "宋婧"
    # The reporter compiled the story from other reports: the role word is not part of the name.
    assert reporter_in_lead("某某网10月4日讯（记者张某 整合）据外媒报道") == "张某"
    assert agency_in_lead("【某某網訊】某某聯盟今日發表聯合聲明") == "某某網"
    assert agency_in_lead("\u3000\u3000(某某日報報道)某某獲保釋候查") == "某某日報"
    assert agency_in_lead("【本報訊】某某") == "" and agency_in_lead("(記者報道)某某") == ""
    assert reporter_in_lead("某某网10月4日讯（记者张某某编译）据外媒报道") == "张某某"


def test_chrome_words() -> None:
    assert clean_name("游民星空[整理] 1") == "游民星空"
    assert clean_name("申请入驻") == ""
    assert clean_name("· 苏皖城市报道") == "苏皖城市报道"  # the dot separating it from the date on the dateline
    assert clean_name("约翰·史密斯") == "约翰·史密斯"
    assert clean_name("新浪科技 微博") == "新浪科技"  # a share link after the name
    assert clean_name("微博") == "微博"
    assert clean_name("分享至") == ""
    for line in (
        "分享至",
        "0",
        "37评论 收藏",
        "网易首页 > 网易号 > 正文 申请入驻",
        "汽车 教育 时尚 女性 星座 健康",
        "京ICP备12345678号",
        "回應()",  # a button whose count a script fills in
        "列印 文字大小",
        "评论(0)",
    ):
        assert is_chrome(line), line
    assert not is_chrome("当科技巨头们纷纷打开“技术黑箱”,将核心AI模型像乐高积木般拆解、共享时。")
    # Prompts to follow the site on a social network; a sentence about joining something is not one.
    assert is_chrome("调整字体")  # a font-size button
    assert is_chrome("某某日報APP - Android") and is_chrome("某某 | 公众号 Abc")  # the app's link, the account
    assert not is_chrome("某某公众号被封 平台回应")
    for line in ("即時+好看！按讚加入某某新聞雲", "按讚加入某某粉絲團", "加入LINE好友", "关注我们的微博"):
        assert is_chrome(line), line
    assert not is_chrome("他在2006年加入某公司，最初是参与浏览器的开发。")
    # A prompt to scan the page's own QR code, even after a sentence about the account; a story about a code is not.
    assert is_chrome("专注苹果新闻报道，每日推送最新资讯。扫描下方二维码关注某某官方微信(或微信中搜：abc2012)。")
    assert is_chrome("长按識別下方二維碼，追蹤我們")
    # A perk for downloading the app, however long the promotion around it; a story about an app is not one.
    promotion = (
        "新酷产品第一时间免费试玩，还有众多优质达人分享独到生活经验，快来某某众测，体验各领域最前沿、最有趣的产品吧~！"
        "下载客户端还能获得专享福利哦！"
    )
    assert is_chrome(promotion)
    story = (
        "骗子以“下载APP领红包”为诱饵，诱导老人在手机上安装所谓的理财软件，再一步步骗取银行卡信息和验证码，"
        "警方提醒市民提高警惕，不要轻信。"
    )
    assert not is_chrome(story)
    assert not is_chrome("民警提醒，市民看到陌生二维码时不要随意扫描，以免个人信息泄露。")
    for line in (
        "相关推荐",
        "热门资讯",
        "您可能有興趣:",
        "责任编辑：赵静",
        "特别声明:以上内容为自媒体平台用户上传并发布,本平台仅提供信息存储服务,内容很长很长很长。",
    ):
        assert is_end_marker(line), line
    assert not is_end_marker("评论员指出，这一政策将影响深远。")
    assert is_caption("姚明场边支招周琦。视频截图")
    assert is_caption("▲图片来自视频截图。")
    assert not is_caption("他说：这是真的。")


def test_sites() -> None:
    assert site_from_url("https://www.163.com/dy/article/X.html") == "163"
    assert site_from_url("https://mp.weixin.qq.com/s/abc") == "wechat"
    assert site_from_url("https://new.qq.com/rain/a/1") == "qq"
    assert site_from_url("https://news.example.com/a.html") == "example"
    assert site_from_text("网易首页 > 网易号 > 正文", "新浪财经 特别声明 网易号") == "163"
    assert site_from_text("无", "无") == ""


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        ("让金融的发展更好地满足人民日益增长的美好生活需要。(文/图 刘一 王二)", "刘一 王二"),
        ("南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）", "张巨峰"),
        ("提升分类回收和处理水平。(完)", ""),
        ("全文到此结束。（待续）", ""),
        ("据外媒报道，会谈将于下周举行。（新华社）", ""),
        ("他说，这个名字（张巨峰）出现在名单里", ""),
    ],
)
def test_credit_closing_the_story(paragraph: str, names: str) -> None:
    assert credit_at_end(paragraph) == names


def test_dateline_labels_end_a_source_and_bracketed_end_markers() -> None:
    assert parse_byline("来源：当代商报 时间：2019-09-23 14:34:05 作者：") == {"publisher": "当代商报"}
    assert parse_byline("来源于：东区办事处") == {"publisher": "东区办事处"}
    assert parse_byline("来源：本站原创 作者：医技药剂党支部") == {"author": "医技药剂党支部"}
    assert is_end_marker("【上一篇】 财政部又发大消息！银行股逆市走强 【下一篇】 国庆小长假如何躺着赚钱这份攻略请收好")
    assert not is_end_marker("【证券时报网】A股三大股指集体回调：创业板指跌近3% 银行股逆市走强")
    assert is_chrome("【打印本页】【关闭窗口】")
    assert not is_chrome("【资讯汇总】9月26日盘中重要资讯汇总 准确把握市场走向")


def test_traditional_chinese_bylines_and_agency_datelines() -> None:
    assert parse_byline("記者 陳大文") == {"author": "陳大文"}
    assert parse_byline("來源：大華日報 責任編輯：林小美") == {"publisher": "大華日報", "editor": "林小美"}
    assert byline_line("本報記者 陳大文") == "陳大文"
    # agency, reporter, place, day and 電: ``（某某社記者某某某某地5日電）``
    assert reporter_in_lead("（大華社記者林志明台中5日電）台中市今天清晨發生火警，無人傷亡。") == "林志明"
    assert agency_in_lead("（大華社記者林志明台中5日電）台中市今天清晨發生火警，無人傷亡。") == "大華社"
    assert reporter_in_lead("（大华社记者王明北京3月5日电）北京今天召开会议。") == "王明"
    assert agency_in_lead("台中市今天清晨發生火警。") == ""
    assert credit_at_end("警方已勘驗現場，將進一步釐清死因。（陳大文／高雄報導）") == "陳大文"


def test_dates_with_a_named_zone_or_offset() -> None:
    value = parse_datetime("更新时间 2012年12月10日, 格林尼治标准时间10:41", TZ)
    assert value is not None and value.astimezone(TZ) == dt.datetime(2012, 12, 10, 18, 41, tzinfo=TZ)
    value = parse_datetime("2024-05-01 10:00 GMT+8", TZ)
    assert value is not None and value.astimezone(TZ) == dt.datetime(2024, 5, 1, 10, 0, tzinfo=TZ)
    value = parse_datetime("2019年3月5日 北京时间09:30", TZ)
    assert value is not None and value.astimezone(TZ) == dt.datetime(2019, 3, 5, 9, 30, tzinfo=TZ)
    # a comma without a zone name still ends the date: prose is not read as a time
    assert parse_datetime("2019年3月5日，10时许", TZ) == dt.datetime(2019, 3, 5, tzinfo=TZ)


def test_toolbars_paywalls_and_photo_credits() -> None:
    for line in ("A-", "A", "A+", "小字型", "友善列印", "打印文稿", "分享至Facebook", "Facebook", "人人", "开心网"):
        assert is_chrome(line), line
    assert clean_name("大華日報 參與互動(0") == "大華日報"
    assert is_end_marker("您所瀏覽的新聞已過查詢時效。建議您加入本社付費會員找尋您要的新聞。")
    assert is_end_marker("订阅后即可阅读全文")
    assert is_end_marker("推薦閱讀")
    assert not is_end_marker("會員大會今天召開，付費制度將於明年調整，細節仍在討論。" * 3)
    assert is_caption("工廠19日清晨發生大火，火勢延燒猛烈。 （消防局提供） 大華社記者林志明台中傳真 105年3月19日")
    assert is_caption("警消到場時男子已無生命跡象。（警方供圖）")
    assert not is_caption("他說，這份資料是由市府提供的。")


def test_site_name_from_a_page_title() -> None:
    assert site_from_title("某事件道歉 - 某某中文网 - 两岸三地", "某事件道歉") == "某某中文网"
    assert site_from_title("某宅下月拍賣 - 生活 - 大華時報電子報", "某宅下月拍賣") == "大華時報"
    assert site_from_title("男子送醫不治 | 社會 | 大華新聞網  DHN.COM", "男子送醫不治") == "大華新聞網"
    assert site_from_title("中华人民共和国监察法-纪检", "中华人民共和国监察法") == ""  # a channel, not a site
    assert site_from_title("另一篇文章 - 某某网", "某事件道歉") == ""


def test_vertical_bar_label_separator_and_compilation_credits() -> None:
    # ``︱`` (U+FE31) is ``—`` after NFKC: it separates the label, it is not part of the name.
    assert parse_byline("作者︱春春") == {"author": "春春"}
    assert parse_byline("作者—春春") == {"author": "春春"}
    assert byline_line("作者︱春春") == "春春"
    # A compilation credit names no person; the date on the same line still parses.
    assert parse_byline("作者：网络整理") == {}
    assert parse_byline("作者：综合整理") == {}
    assert parse_byline("作者：网络") == {}
    assert [m.value.date() for m in find_datetimes("时间：2019-09-25 作者：网络整理", TZ)] == [dt.date(2019, 9, 25)]


def test_reporter_and_filing_place_and_reposting_note() -> None:
    assert parse_byline("記者林悅／台南報導") == {"author": "林悅"}
    assert parse_byline("记者王明/南市报导") == {"author": "王明"}
    assert parse_byline("来源：新浪科技 　 某某网收集") == {"publisher": "新浪科技"}
    assert parse_byline("来源：新华社 某站整理") == {"publisher": "新华社"}
    assert parse_byline("来源：综合整理") == {"publisher": "综合整理"}
    # A writer's role at an outlet before the name is not part of it.
    assert parse_byline("【文/观察者网专栏作者 王文】") == {"author": "王文"}
    assert parse_byline("作者：特约撰稿人 张三 李四") == {"author": "张三 李四"}


def test_breadcrumb_separator_is_never_a_name() -> None:
    for mark in (">", "›", "»", "＞"):
        assert clean_name(mark) == ""
    assert clean_name("新华社") == "新华社"


def test_twelve_hour_clock_and_spaced_date_parts() -> None:
    assert parse_datetime("2013.06.29 04:17 pm", TZ) == dt.datetime(2013, 6, 29, 16, 17, tzinfo=TZ)
    assert parse_datetime("2013.06.29 04:17 AM", TZ) == dt.datetime(2013, 6, 29, 4, 17, tzinfo=TZ)
    assert parse_datetime("2020-01-02 12:10 a.m.", TZ) == dt.datetime(2020, 1, 2, 0, 10, tzinfo=TZ)
    assert parse_datetime("2020年3月5日 下午3:05", TZ) == dt.datetime(2020, 3, 5, 15, 5, tzinfo=TZ)
    assert parse_datetime("2020年3月5日 上午11:05", TZ) == dt.datetime(2020, 3, 5, 11, 5, tzinfo=TZ)
    # ``年``/``月``/``日`` parts in separate elements come out separated by spaces
    assert parse_datetime("2014年 12月 05日\u00a0 19:21", TZ) == dt.datetime(2014, 12, 5, 19, 21, tzinfo=TZ)


def test_filed_bylines_with_outlet_place_and_several_names() -> None:
    assert parse_byline("【某某晚報╱記者王大明/台中報導】") == {"author": "王大明", "publisher": "某某晚報"}
    assert parse_byline("記者林小雨 陳大同 台中報導") == {"author": "林小雨 陳大同"}
    assert parse_byline("王明/高雄報導") == {"author": "王明"}
    assert parse_byline("張小雨 陳大同 報導") == {"author": "張小雨 陳大同"}
    # a desk, a manner of writing or an agency is nobody's name
    for line in ("外電報導", "某某新聞中心／綜合報導", "某某社／台北報導", "綜合報導"):
        assert parse_byline(line) == {}, line
    # a photographer's credit is not the byline
    assert parse_byline("記者王大明／攝影") == {}
    assert credit_at_end("生意越做越好。（某某新聞王小明、陳大同台中報導）") == "王小明 陳大同"


def test_menu_rows_share_rows_tool_labels_and_promotions() -> None:
    assert is_chrome("首頁 │ 即時 │ 政治 │ 社會 │ 財經 │ 兩岸每日一詞")
    assert not is_chrome("某地新公園開放 | 市民踴躍")
    for line in ("Plurk Twitter Facebook", "字級", "目前字級：", "產生縮網址", "Link", "Tweet", "發送推文"):
        assert is_chrome(line), line
    assert is_chrome("Please enable JavaScript to view the comments powered by Disqus.")
    assert is_chrome("立即下載某某APP，天下大事盡在掌握！")
    assert is_chrome("喜欢这篇文章？去 App 商店搜 某某日报 ，每天看点新东西。")
    assert is_end_marker("其它生活新聞") and is_end_marker("更多财经新闻") and is_end_marker("延伸新聞")
    assert is_caption("某某影展今日開幕，導演與演員等多人受邀出席。圖：某某市政府提供")
    assert not is_caption("市府表示，這份資料由各區公所提供。")
    assert clean_name("點擊圖片可瀏覽相關圖片") == ""


@pytest.mark.parametrize(
    "line",
    [
        "« 返回前頁",
        "返回列表",
        "全球交易實體免費論壇 再送精美周邊好禮!",
        "本文为美国某杂志授权文章,未经书面许可,严禁转载使用.",
        "掌握最新AI、半導體、數位趨勢！訂閱《某某時代》日報及社群活動訊息",
        "信報財經新聞有限公司版權所有，不得轉載。",
        "未經授權不得轉載",
        "本網站的內容概不構成任何投資意見，投資者不應只按本網站內容進行投資。",
    ],
)
def test_back_buttons_traditional_copyright_and_disclaimer_lines_are_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("今日 09:18 時事脈搏", True),
        ("昨日 18:30", True),
        ("3小時前", True),
        ("今日信報", False),
        ("今日的會議", False),
    ],
)
def test_relative_days_in_traditional_writing(line: str, expected: bool) -> None:
    assert has_relative_date(line) is expected


def test_a_caption_closed_by_its_image_source_in_brackets() -> None:
    assert is_caption("報導：某公司和政府將在年底前完成85億美元融資(圖:shutterstock)")
    assert is_caption("資料照片（圖／路透社）")
    assert not is_caption("某公司表示，將在年底前完成融資（不含利息）。")


def test_an_event_giveaway_is_chrome_but_a_sentence_about_one_is_not() -> None:
    assert not is_chrome("百貨公司周年慶送好禮，吸引大批人潮。")
    assert not is_chrome("市府舉辦免費講座，邀請專家分享防疫知識。")


@pytest.mark.parametrize(
    "line",
    ["Related ItemsAirohaMediatek", "即時熱門文章", "往下滑看下一篇文章", "會員登入", "往期推荐返回专题汇总页 >>"],
)
def test_lines_that_end_the_story(line: str) -> None:
    # A related list (English heading glued to its tags), a hot list, the next story of an infinite scroll,
    # a member-login panel.
    assert is_end_marker(line)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 某某編輯部 @ 05-19-2013 / 2 years ago", dt.datetime(2013, 5, 19, tzinfo=TZ)),
        ("19/05/2013 14:30", dt.datetime(2013, 5, 19, 14, 30, tzinfo=TZ)),
        ("05/04/2013", None),  # May 4 or 5 April: not read
        ("v1.2.2019", None),
    ],
)
def test_dates_with_the_year_last(text: str, expected: dt.datetime | None) -> None:
    assert parse_datetime(text, TZ) == expected
