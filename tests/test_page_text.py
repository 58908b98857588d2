"""read_page_text: samples 002 and 004 and labelled fixtures modeled on copied news pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.decode import decode
from generator.errors import ReadError
from generator.model import Article
from generator.readers.page_text import read_page_text
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
INBOX = Path(__file__).resolve().parent.parent / "site" / "inbox"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"


def _read(path: Path, report: Report | None = None) -> Article:
    return read_page_text(path.name, decode(path.read_bytes()), TZ, report if report is not None else Report())


def test_sample_002_netease_page() -> None:
    article = _read(INBOX / "002_58871934bb24c490.txt")
    assert article.title == "大厂AI各走“开源”路"
    assert article.publisher == "搜狐科技"
    assert article.author == "茯神"
    assert article.editor == "思原、九黎"
    assert article.site == "163"
    assert article.date is None  # the page shows none; the trailing list's dates are not the article's
    assert article.body.startswith("当科技巨头们纷纷打开")
    assert article.body.rstrip().endswith("未来属于那些善于培育生态系统的人。”")
    for junk in ("周生生回应", "特别声明", "Notice", "参考资料", "分享至", "热点推荐", "新浪财经"):
        assert junk not in article.body
    assert "## 破解“复杂性陷阱”" in article.body
    assert "\n\n01\n\n" not in article.body


def test_sample_004_sohu_style_page() -> None:
    report = Report()
    article = _read(INBOX / "004_4b1556189501f475.txt", report)
    assert article.title == "AI大模型免费潮起 未来竞争“卷”向何方?"
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, 16, tzinfo=TZ)
    assert article.date is not None and article.date.utcoffset() == dt.timedelta(hours=8)
    assert article.author == "老萝卜头"
    assert article.body.startswith("在科技迅猛发展的当下")
    assert article.body.rstrip().endswith("如何让技术进化持续创造人类福祉。")
    for junk in ("热门资讯", "相关内容", "确认了!她接棒父亲任董事长", "创始人", "作者:"):
        assert junk not in article.body
    assert not report.errors and not report.warnings


def test_trailing_hot_news_and_copyright_are_dropped() -> None:
    article = _read(FIXTURES / "page_text_with_trailing_hot_news.txt")
    assert article.title == "城市低空物流试点扩大到十个区县"
    assert article.date == dt.datetime(2024, 5, 1, 10, 0, tzinfo=TZ)
    assert article.publisher == "江城日报"
    assert article.author == "李明 王芳"
    assert article.editor == "赵静"
    assert article.body.startswith("记者从市交通运输局获悉")
    assert article.body.rstrip().endswith("成为城市配送体系的重要补充。")
    assert "## 航线如何规划" in article.body
    for junk in ("无人机送外卖", "周末天气", "ICP", "责任编辑", "本报记者", "分享到"):
        assert junk not in article.body


def test_glued_author_and_editor_are_split() -> None:
    article = _read(FIXTURES / "page_text_glued_byline_share_bar.txt")
    assert (article.title, article.author, article.editor, article.publisher) == (
        "小店经济的新活法",
        "林夕",
        "周南、白露",
        "城市观察",
    )
    assert article.date is None  # only the related list has dates
    assert article.body.rstrip().endswith("经营者的收入也更加稳定。")
    assert "外卖骑手" not in article.body and "特别声明" not in article.body


def test_short_story_beats_a_longer_comment_list_below_it() -> None:
    report = Report()
    article = _read(FIXTURES / "page_text_comments_outweigh_story.txt", report)
    assert [p.where for p in report.warnings] == ["body"]  # the reader says it had to choose
    assert article.title == "快递新规下月起施行 不得擅自投放驿站"
    assert article.date == dt.datetime(2023, 2, 8, 19, 55, tzinfo=TZ)
    assert article.author == "陈晨"  # from ``（记者 陈晨）`` in the lead
    assert article.publisher == "都市快报"
    assert article.editor == "刘洋"
    assert article.body.startswith("都市快报讯")
    assert "老张看市" not in article.body and "网友提问" not in article.body


def test_names_never_come_from_image_credits() -> None:
    article = _read(FIXTURES / "page_text_image_credit_not_author.txt")
    assert article.author == ""
    assert article.publisher == "山城晚报"
    assert "图片来源" not in article.body
    assert article.body.startswith("新学期第一天")
    assert "城里孩子" not in article.body


def test_date_without_year_is_reported_not_guessed() -> None:
    report = Report()
    article = _read(FIXTURES / "page_text_date_without_year.txt", report)
    assert article.title == "传统手工艺走进校园课堂"
    assert article.publisher == "知行文化"
    assert article.date is None
    assert [p.where for p in report.warnings] == ["date"]
    assert "作者最新文章" not in article.body and "红叶" not in article.body


def test_page_without_article_text_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_page_text("menu.txt", "首页\n新闻\n体育\n登录\n注册\n", TZ, Report())
    assert caught.value.where == "body"
    assert caught.value.hint


def test_bracketed_editor_and_reporters_in_the_lead() -> None:
    article = _read(FIXTURES / "page_text_bracket_editor_and_correction_bar.txt")
    assert article.title == "多地出台措施支持夜间经济发展"
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, 16, tzinfo=TZ)
    assert article.publisher == "新华网"
    assert article.author == "张华、刘青"
    assert article.editor == "王晓"
    assert article.body.startswith("新华社北京3月25日电")
    assert article.body.rstrip().endswith("体育消费增长最快。")
    assert "纠错" not in article.body and "春季旅游" not in article.body


def test_wechat_copy_place_after_date_is_not_the_publisher() -> None:
    article = _read(FIXTURES / "page_text_wechat_copy_with_place.txt")
    assert article.title == "一家小面馆的十年"
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, tzinfo=TZ)
    assert article.publisher == "城市故事"
    assert article.site == "wechat"
    assert article.body.rstrip().endswith("一锅要熬六个小时。")
    assert "预览时标签不可点" not in article.body and "扫一扫" not in article.body


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "首页 > 新闻 > 正文",
                    "分享至",
                    "2025-03-25 16:46:16",
                    "来源：某报",
                    "相关推荐",
                    "责任编辑：某某",
                    "0",
                    "",
                ]
            ),
            st.text(alphabet="大模型开源生态，。！？“”：、0123456789 abc", max_size=120),
        ),
        max_size=40,
    )
)
def test_never_crashes_and_never_returns_junk(lines: list[str]) -> None:
    """Any text either reads to an article with a title and body, or is refused with a ReadError."""
    try:
        article = read_page_text("x.txt", "\n".join(lines), TZ, Report())
    except ReadError as error:
        assert error.message and error.hint
        return
    assert article.title.strip()
    assert article.body.strip()
    assert article.date is None or article.date.tzinfo is not None


def _page(text: str) -> Article:
    return read_page_text("page.txt", text, TZ, Report())


_BODY = (
    "第一段：市里今天召开推进会，部署下一阶段的老旧小区改造工作，要求各区在年底前完成全部项目的立项和招标。\n"
    "第二段：会议指出，改造要尊重居民意愿，先问需于民，再定方案，确保每一笔资金都用在群众最关心的地方。\n"
    "第三段：据介绍，今年全市计划改造小区一百二十个，惠及居民三万多户，目前已有四十个项目开工建设。\n"
)


def test_dateline_fields_next_to_the_source_are_not_the_publisher() -> None:
    # ``来源：X 时间：…`` on one line: the source ends at the next label.
    article = _page(f"首页 > 新闻 > 正文\n老旧小区改造推进会召开\n来源：城市晚报 时间：2019-09-23 14:34:05\n{_BODY}")
    assert article.publisher == "城市晚报"
    # An empty source field: neither the next label nor the headline repeated below it is a publisher.
    article = _page(
        f"首页\n老旧小区改造推进会召开\n来源: | 发布时间: 2018-05-17 | 浏览次数: 2168\n老旧小区改造推进会召开\n{_BODY}"
    )
    assert article.publisher == ""
    assert article.date == dt.datetime(2018, 5, 17, tzinfo=TZ)
    # ``发布时间：`` alone on the dateline is a label, not a name.
    article = _page(f"老旧小区改造推进会召开\n发布时间： 2019-09-26 10:09:11\n{_BODY}")
    assert article.publisher == ""
    # ``来源于：`` is a source label too.
    article = _page(f"老旧小区改造推进会召开\n2019-03-06 来源于：东区办事处\n{_BODY}")
    assert article.publisher == "东区办事处"


def test_contact_rows_are_neither_headline_nor_body() -> None:
    article = _page(
        "新闻：0351-4281494 广告：0351-4281485\n"
        "老旧小区改造推进会召开 年底前完成立项\n"
        "时间：2017年03月31日 09:37 来源：城市晚报\n"
        "首页 > 新闻频道 > 国内新闻\n"
        f"{_BODY}"
        "医院地址：某省某市某路58号 24小时急救电话：0731-88866120\n"
        "传真：0731-88854265 联系邮箱：someone@example.com\n"
    )
    assert article.title == "老旧小区改造推进会召开 年底前完成立项"
    assert article.body.rstrip().endswith("目前已有四十个项目开工建设。")
    assert "0731" not in article.body


def test_bracketed_previous_next_line_ends_the_article() -> None:
    article = _page(
        f"老旧小区改造推进会召开\n2019年9月26日 15:10 来源：城市晚报\n{_BODY}"
        "【上一篇】 财政部又发大消息！银行股逆市走强 【下一篇】 国庆小长假如何躺着赚钱 这份攻略请收好！\n"
        "推荐阅读\n"
    )
    assert "上一篇" not in article.body and "国庆小长假" not in article.body


def test_closing_credit_and_a_date_further_below_the_article() -> None:
    article = _page(
        "首页 > 要闻 > 正文\n老旧小区改造推进会召开\n"
        + _BODY.rstrip("\n")
        + "(文/图 刘一 王二)\n"
        + "赞 0 赏 分享\n查看评论\n阅读 539\n隐藏边栏\nA+\n发布日期：2019-09-23 14:34:05 所属分类：头条\n"
    )
    assert article.author == "刘一 王二"
    assert article.date == dt.datetime(2019, 9, 23, 14, 34, 5, tzinfo=TZ)


def _page_of_lines(*lines: str) -> Article:
    return read_page_text("page.txt", "\n".join(lines) + "\n", TZ, Report())


_RULES = (
    "本報對留言系統使用者發布的文字、圖片或檔案保有片面修改或移除的權利，使用者使用留言服務即表示同意本規則，"
    "並遵守相關法律規範，不得發表違反公共秩序與善良風俗的內容。"
)


def test_age_gate_notice_and_comment_rules_do_not_take_the_story() -> None:
    # A scripts-off age gate above the headline, a comment section's rules below the story, a toolbar between
    # headline and dateline; the site names itself only in the document title repeated in the footer.
    article = _page_of_lines(
        "首頁",
        "即時",
        "限制級",
        "我已年滿18歲進入",
        "根據網站分級辦法的規定，本網頁已依分級基金會的標準作標示，未滿十八歲者不得瀏覽，如不同意本條款請離開，"
        "家長亦可使用過濾軟體保護兒童，本站保留隨時修改本條款的權利，並於網頁公告後生效，敬請留意相關的公告內容。",
        "首頁 > 即時 > 生活",
        "老舊公寓下月拍賣 底價四百萬",
        "友善列印",
        "小字型",
        "大字型",
        "分享至Facebook",
        "2018-07-31 08:19",
        "〔即時新聞／綜合報導〕市區一處老舊公寓下月將由法院拍賣，底價約四百萬元，引起附近居民關注。",
        "法院公告指出，該屋共有多名所有權人，此次拍賣的僅為一半產權，有意者須自行處理後續問題。",
        "推薦閱讀",
        "另一則新聞的標題在這裡",
        "發表意見",
        "留言規則",
        _RULES,
        "請勿重覆刊登一樣的文章，或大意內容相同、類似的文章，違反者本報有權刪除留言或直接封鎖帳號。",
        "請勿以發文、回文等方式，進行商業廣告、騷擾或其他違法行為，違反上述規定者，本報有權刪除留言。",
        "老舊公寓下月拍賣 底價四百萬 | 生活 | 大華新聞網 DHN.COM",
    )
    assert article.title == "老舊公寓下月拍賣 底價四百萬"
    assert article.date == dt.datetime(2018, 7, 31, 8, 19, tzinfo=TZ)
    assert article.body.startswith("〔即時新聞／綜合報導〕市區一處老舊公寓")
    assert article.body.rstrip().endswith("有意者須自行處理後續問題。")
    assert "留言" not in article.body and "分級" not in article.body
    assert article.publisher == "大華新聞網"


def test_agency_dateline_photo_credit_and_paywall_notice() -> None:
    article = _page_of_lines(
        "首頁 / 社會",
        "工廠清晨惡火 疏散七人",
        "2016/03/19 10:48",
        "台中市一家工廠19日清晨發生大火，7人從火場中疏散。 （消防局提供） 大華社記者林志明台中傳真 105年3月19日",
        "（大華社記者林志明台中19日電）台中市一家工廠今天清晨發生大火，7人從火場中疏散，所幸無人受傷，"
        "消防局正在調查起火原因。",
        "您所瀏覽的新聞已過查詢時效。建議您加入本社付費會員找尋您要的新聞。",
        "客服專線：0800-000-000",
    )
    assert article.title == "工廠清晨惡火 疏散七人"
    assert article.body.startswith("（大華社記者林志明台中19日電）")
    assert "查詢時效" not in article.body and "傳真" not in article.body
    assert article.author == "林志明"
    assert article.publisher == "大華社"


def test_bare_name_under_the_dateline_filed_credit_and_helplines() -> None:
    article = _page_of_lines(
        "社會",
        "悲劇！年邁母子住處身亡",
        "分享至Facebook",
        "分享至Twitter",
        "2018年09月16日 15:31 大時",
        "陳大文",
        "市區一處民宅16日下午驚傳一對母子在住處身亡，消防局據報派出人車趕往，兩人送醫後仍宣告不治，"
        "警方正在調查原因，詳細情形仍待釐清。",
        "★大時報關心您：再給自己一次機會",
        "自殺諮詢專線：0800-788995（24小時）",
        "生命線：1995",
        "張老師專線：1980",
        "推薦閱讀",
        "另一則新聞 在這裡",
    )
    assert article.title == "悲劇！年邁母子住處身亡"
    assert article.author == "陳大文"
    assert article.publisher == "大時"
    assert article.body.rstrip().endswith("張老師專線：1980")

    article = _page_of_lines(
        "和男友口角 女子墜樓不治",
        "出版時間：2016/05/21 11:44",
        "市區凌晨發生一起墜樓案，一名女子與男友發生口角後從租屋處墜落，送醫後仍宣告不治，家屬對死因有意見。",
        "警方已勘驗現場並報請相驗，將進一步釐清死因。（陳大文／台中報導）",
        "自殺解決不了問題，卻留給家人無比悲痛。請珍惜生命。",
        "安心專線：0800-788995（24小時）",
        "張老師專線：1980",
    )
    assert article.author == "陳大文"  # the credit closes the story, not the helpline block after it
    assert article.body.rstrip().endswith("張老師專線：1980")


def test_update_time_in_gmt_and_share_bar_above_the_story() -> None:
    article = _page_of_lines(
        "简体版",
        "繁體版",
        "某地官员就违建事件道歉",
        "更新时间 2012年12月10日, 格林尼治标准时间10:41",
        "Facebook",
        "Twitter",
        "人人",
        "开心网",
        "打印文稿",
        "某地官员在各方压力下就其住宅的违章建筑问题到议会接受质询，并向民众道歉，强调没有隐瞒的意图。",
        "不过反对派议员们普遍指责他撒谎，要求他马上辞职下台，并计划在星期三提出不信任动议。",
    )
    assert article.title == "某地官员就违建事件道歉"
    assert article.date == dt.datetime(2012, 12, 10, 18, 41, tzinfo=TZ)
    assert article.publisher == ""


def test_news_list_with_times_and_font_buttons_are_not_headline_or_publisher() -> None:
    article = _page_of_lines(
        "快訊",
        "公益健走破四千人參加 16:00",
        "企業推幸福餐桌計畫 12:00",
        "新款平板來了 效能更強 01:39",
        "與母爭吵疑失足墜樓　男子送醫不治",
        "2018/02/21 18:03:00",
        "A-",
        "A",
        "A+",
        "社會中心／綜合報導",
        "市區中正路今日下午發生墜樓案件，一名男子與母親爭吵後走到住家頂樓，不慎墜落，送醫後仍宣告不治。",
        "警方指出，男子母親因目睹兒子墜樓，情緒激動已先被送醫，將訊問事發經過，以釐清案情。",
    )
    assert article.title == "與母爭吵疑失足墜樓 男子送醫不治"
    assert article.publisher == ""
    assert article.body.startswith("市區中正路")


def test_channel_word_under_the_dateline_is_not_the_author() -> None:
    article = _page_of_lines(
        "老旧小区改造推进会召开",
        "2019-09-26 10:56:28 大华时报网",
        "要闻",
        "市里今天召开推进会，部署下一阶段的老旧小区改造工作，要求各区在年底前完成全部项目的立项和招标。",
        "会议指出，改造要尊重居民意愿，先问需于民，再定方案，确保每一笔资金都用在群众最关心的地方。",
    )
    assert article.publisher == "大华时报网"
    assert article.author == ""


def test_labelled_dateline_below_a_modal_and_breadcrumb_items_are_not_publishers() -> None:
    article = _page_of_lines(
        "首页",
        ">",
        "地方",
        ">",
        "杂志声明",
        "本站杂志提供免费订阅，任何第三方平台的赠送或售卖行为均未获得本站授权，本站保留追究其法律责任的权利！",
        "广告",
        "新建公园开放：步道“贯通”全城，一园顶十园",
        "时间：2019-09-25 作者：网络整理",
        "市里今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道、球场和儿童游乐设施。",
        "园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅。",
    )
    assert article.date is not None and article.date.date() == dt.date(2019, 9, 25)
    assert article.author == ""
    assert "时间：" not in article.body
    assert article.publisher not in (">", "地方")
    # The notice box's sentence joined the story's run; the headline-and-labelled-dateline header inside it
    # marks where the story starts.
    assert article.title == "新建公园开放：步道“贯通”全城，一园顶十园"
    assert article.body.startswith("市里今天宣布")
    assert "免费订阅" not in article.body


def test_lead_box_repeating_the_story_is_the_summary() -> None:
    lead = "市长在开园仪式上拿出一张规划图，称“这是全城最大的公园”。市长表示，新公园将免费开放。"
    article = _page_of_lines(
        "新建公园开放：步道贯通全城",
        "时间：2019-09-25 作者：网络整理",
        lead,
        "市里今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道、球场和儿童游乐设施。",
        "市长在开园仪式上拿出一张规划图，称“这是全城最大的公园”。",
        "园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅。",
    )
    assert article.body.startswith("市里今天宣布")
    assert article.summary == lead


def test_breadcrumb_item_between_headline_and_dateline_is_not_the_publisher() -> None:
    article = _page_of_lines(
        "某某新闻网",
        ">",
        "地方",
        "2017年12月09日 00:26",
        "新建公园将在国庆前开放",
        "市里今天宣布，三座新建公园将在国庆前向市民开放，公园内设有步道、球场和儿童游乐设施。",
        "园林部门表示，公园建设坚持生态优先，保留了原有的大树和水系，并增加了多处休憩座椅。",
    )
    assert article.title == "新建公园将在国庆前开放"  # below the dateline; no breadcrumb item is the headline
    assert article.publisher == ""


_BLOG_BODY = (
    "“我不去。”他直截了当地对老板说。",
    "去年年底，时任分公司副总经理的他接到了调令，公司将其调往另一家子公司任总经理，他的第一反应是拒绝。",
    "在这家公司，把一个高级管理者放到一个完全陌生的岗位上，看似天马行空，其实背后是一套完整的培养体系。",
)


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("其它内容 十一月 6th, 2009", dt.datetime(2009, 11, 6, tzinfo=TZ)),
        ("November 6th, 2009", dt.datetime(2009, 11, 6, tzinfo=TZ)),
        ("Posted on Nov. 21, 2010 at 9:05 pm", dt.datetime(2010, 11, 21, 21, 5, tzinfo=TZ)),
        ("二月 2nd, 2011 at 12:02 下午", dt.datetime(2011, 2, 2, 12, 2, tzinfo=TZ)),
    ],
)
def test_month_name_dateline_of_a_blog(dateline: str, expected: dt.datetime) -> None:
    # WordPress writes the month as a word (localised to ``十一月``) and the day as an English ordinal.
    article = _page_of_lines("某公司官方博客", "本站首页", "关于本站", "管理者的孤独", dateline, *_BLOG_BODY)
    assert article.title == "管理者的孤独"
    assert article.date == expected
    assert article.body.startswith("“我不去。”")


def test_publication_in_a_byline_and_related_posts_after_the_story() -> None:
    article = _page_of_lines(
        "本站首页",
        "管理者的孤独",
        "十一月 6th, 2009",
        "作者：《某某企业家》记者 林一",
        *_BLOG_BODY,
        "相关日志",
        "某某人物 执掌某公司 (4)",
        "3 条评论 针对这篇 “管理者的孤独”",
        "张三 评论道:",
        "十一月 6th, 2009 at 12:02 下午",
    )
    assert article.author == "林一"
    assert article.publisher == "某某企业家"
    assert article.body.rstrip().endswith("其实背后是一套完整的培养体系。")
    assert "执掌某公司" not in article.body and "相关日志" not in article.body


def test_headline_below_the_dateline_under_a_breadcrumb_trail() -> None:
    # ``某某新聞雲 > 地方 > 地方`` as separate lines above the dateline, a kicker row and the headline below it:
    # no breadcrumb item is the headline, the kicker is not a source, ``記者X／Y報導`` names where X reports from.
    article = _page_of_lines(
        "首頁",
        "最新",
        "某某新聞雲",
        ">",
        "地方",
        ">",
        "地方",
        "2017年12月09日 00:26",
        "地方 地方焦點",
        "市區新建三座公園　國慶前向市民開放",
        "記者林一／南市報導",
        "市府今天宣布，三座新建公園將在國慶前向市民開放，公園內設有步道、球場和兒童遊樂設施。",
        "園林部門表示，公園建設堅持生態優先，保留了原有的大樹和水系，並增加了多處休憩座椅。",
    )
    assert article.title == "市區新建三座公園 國慶前向市民開放"
    assert article.date == dt.datetime(2017, 12, 9, 0, 26, tzinfo=TZ)
    assert article.author == "林一"
    assert article.publisher == ""  # no breadcrumb item (not even the trail's first, the site) is the publisher


_GADGET_BODY = (
    "今天，某公司在大会上向开发者提供两千台新原型机，原型机采用较大的显示屏，相当于平板电脑的缩小版本。",
    "公司副总裁表示，给开发者硬件，是为了让他们在上面开发产品，对自己的应用有信心，并期待正式发布。",
    "然而，大会缺乏新意，一些分析师并不振奋，周二该公司股价大跌百分之五，市场对新系统的前景仍有疑虑。",
)


def test_dateline_with_tools_and_a_comment_link_names_the_source() -> None:
    article = _page_of_lines(
        "当前位置：某某首页 > 某某娱乐 > 正文",
        "新剧开播在即 两位主演首次合作",
        "2008-12-11 09:51:57\u3000 某某娱乐\t【 浏览字号： 大 中 小 】\t点击发表评论",
        *_GADGET_BODY,
    )
    assert article.publisher == "某某娱乐"


def test_writer_or_poster_before_the_date_is_not_the_publisher() -> None:
    reported = _page_of_lines("首页", "某州选民今日投票", "JOHN SMITH 报道 2012年08月02日", *_GADGET_BODY)
    assert reported.author == "JOHN SMITH" and reported.publisher == ""
    posted = _page_of_lines(
        "首页",
        "某公司向开发者提供新原型机",
        "editor01发布于 2012-05-02 06:50:49| 次阅读 字体：大 小 打印预览",
        *_GADGET_BODY,
        "文/某某IT",
    )
    assert posted.publisher == "某某IT"  # the outlet credited under the story, not the account that posted it
    assert posted.author == ""
    # ``發表於`` publishes one's own piece: the name before it is the writer.
    written = _page_of_lines("首页", "某州选民今日投票", " janus 發表於 2024年9月26日 08:27 收藏此文", *_GADGET_BODY)
    assert written.author == "janus" and written.publisher == ""


_PARK_BODY = (
    "市府今天宣布，三座新建公園將在國慶前向市民開放，公園內設有步道、球場和兒童遊樂設施，預計吸引大批人潮。",
    "園林部門表示，公園建設堅持生態優先，保留了原有的大樹和水系，並增加了多處休憩座椅，方便長者使用。",
    "市民對新公園普遍表示期待，不少家長說，週末終於有地方帶孩子親近自然，也希望市府做好後續維護。",
)


def test_ticker_of_timed_headlines_above_a_spaced_dateline() -> None:
    # A ``速報`` ticker of headlines closed by ``(HH:MM)`` is a list, not the story's start; the date's
    # ``年``/``月``/``日`` parts come as separate tokens.
    ticker = [f"某隊第{n}場比賽　主將獨得{n + 20}分(1{n}:0{n})" for n in range(1, 10)]
    article = _page_of_lines(
        "首頁",
        "速報>>",
        *ticker,
        "市區新建三座公園　國慶前向市民開放",
        "某某新聞網",
        "2014年 12月 05日\u00a0 19:21",
        "公園一景。",
        "地方新聞中心／綜合報導",
        *_PARK_BODY,
    )
    assert article.title == "市區新建三座公園 國慶前向市民開放"
    assert article.date == dt.datetime(2014, 12, 5, 19, 21, tzinfo=TZ)
    assert article.body.startswith("市府今天宣布")
    assert "主將獨得" not in article.body


def test_menu_row_with_bars_and_names_before_report_on_the_dateline() -> None:
    # A ``│`` menu row is not the headline; ``NAME NAME 報導`` after the time names the writers; ``字級`` and a
    # related list whose items end with their date-time do not belong to the story.
    article = _page_of_lines(
        "熱門 │ 即時 │ 政治 │ 社會 │ 財經 │ 娛樂 │ 運動 │ 生活 │ 兩岸每日一詞 │ 兩岸最給力",
        "市區新建三座公園 國慶前開放",
        "2014/03/19 18:58 王小明 陳大同 報導\u3000\u3000\u3000\u3000\u3000地區：台中市報導",
        "字級",
        *_PARK_BODY,
        "某地道路拓寬 明年動工 (2014/03/19 18:16)",
        "市議會通過預算案　地方建設加速 (2014/03/19 17:42)",
        "颱風來襲前 各地做好防颱準備 (2014/03/18 06:00)",
        "新站啟用首日 人潮湧入 (2014/03/17 12:00)",
    )
    assert article.title == "市區新建三座公園 國慶前開放"
    assert article.author == "王小明 陳大同"
    assert article.publisher == ""
    assert article.body.rstrip().endswith("也希望市府做好後續維護。")


def test_headline_fused_with_its_date_and_a_closing_outlet_credit() -> None:
    # ``HEADLINE2014/12/1 18:13`` on one line under a breadcrumb; share buttons below it; the credit closes the
    # last paragraph; teasers ending ``...更多`` under an ``其它…新聞`` heading and a script notice follow.
    article = _page_of_lines(
        "首頁 > 生活新聞 >",
        "「良心公園」重視生態 三年終於完工2014/12/1 18:13",
        "Link",
        "分享",
        "Plurk Twitter Facebook",
        *_PARK_BODY[:2],
        _PARK_BODY[2] + "（某某新聞王小明、陳大同台中報導）",
        "其它生活新聞",
        "寒流來襲 低溫下探9度",
        "強烈冷氣團發威，平地最低溫出現在山區，氣象局提醒民眾注意保暖，外出記得多加衣物，...更多",
        "Please enable JavaScript to view the comments powered by Disqus.",
    )
    assert article.title == "「良心公園」重視生態 三年終於完工"
    assert article.date == dt.datetime(2014, 12, 1, 18, 13, tzinfo=TZ)
    assert article.author == "王小明 陳大同"
    assert article.publisher == "某某新聞"  # the outlet opening the closing credit, not ``Link``
    assert article.body.rstrip().endswith("（某某新聞王小明、陳大同台中報導）")
    assert "冷氣團" not in article.body and "JavaScript" not in article.body


def test_bracketed_outlet_byline_twelve_hour_time_and_photographer_credit() -> None:
    article = _page_of_lines(
        "熱門》某某活動 報名即將截止",
        "市區新建三座公園 國慶前開放",
        "【某某晚報╱記者王大明/台中報導】",
        "2013.06.29 04:17 pm",
        "新公園開放 市民湧入 / 李小華",
        "民眾在新公園內散步，享受難得的好天氣。",
        "記者李小華／攝影",
        *_PARK_BODY,
    )
    assert article.title == "市區新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2013, 6, 29, 16, 17, tzinfo=TZ)
    assert article.author == "王大明"
    assert article.publisher == "某某晚報"


def test_name_glued_to_the_timestamp_is_the_writer_and_app_promo_is_cut() -> None:
    article = _page_of_lines(
        "科技",
        "这个新应用，想用你的兴趣来帮你找朋友",
        "王小明2017-03-01 14:27:02",
        "有人喜欢音乐，有人讨厌运动，最近一款新应用就以用户的好恶为基础来推荐朋友，引起不少讨论。",
        "用户注册以后，应用会提供上千个话题，用户可以滑动表态，系统再据此计算彼此的相似程度。",
        "创始人表示，接下来应用不仅仅定位于交友，也想朝着社交平台的方向发展，扩大用户规模。",
        "喜欢这篇文章？去 App 商店搜 某某日报 ，每天看点新东西。",
    )
    assert article.author == "王小明"
    assert article.publisher == ""
    assert "App 商店" not in article.body


def test_tokens_next_to_the_date_are_never_the_publisher() -> None:
    bare = _page_of_lines("首頁", "市區新建三座公園 國慶前開放", "2014/12/11 18:58 報導", "小 中 大", *_PARK_BODY)
    assert bare.publisher == "" and bare.date == dt.datetime(2014, 12, 11, 18, 58, tzinfo=TZ)
    tools = _page_of_lines(
        "首頁> 新聞> 地方",
        "市區新建三座公園 國慶前開放",
        "產生縮網址",
        "編輯部 2014年12月13日 09:33",
        *_PARK_BODY,
        "立即下載某某APP，天下大事盡在掌握！",
    )
    assert tools.publisher == ""  # neither the short-URL button nor the desk (``編輯部``) before the date
    assert "下載" not in tools.body


def test_byline_and_bracketed_date_under_the_story() -> None:
    # ``記者A B PLACE報導`` then ``(DATE TIME) 午間新聞`` below the body: names split, place dropped, date read.
    article = _page_of_lines(
        "某某新聞網 / 地方",
        "市區新建三座公園 國慶前開放",
        *_PARK_BODY,
        "記者王大明 陳小華 台中報導",
        "(2014-12-12 12:00)  午間新聞",
    )
    assert article.author == "王大明 陳小華"
    assert article.date == dt.datetime(2014, 12, 12, 12, 0, tzinfo=TZ)


def test_caption_with_credit_above_a_dateline_inside_the_story() -> None:
    # A long caption closed by ``圖：…提供`` and a dateline ``OUTLET2014.10.24 NAME/PLACE報導`` open the text run.
    article = _page_of_lines(
        "現在位置： 首頁 \\ 要聞 \\ 地方",
        "市區新建三座公園 國慶前開放",
        "點擊圖片可瀏覽相關圖片",
        "三座新建公園今日開放，市長、議員與數百名市民一同出席啟用典禮，場面熱鬧。圖：某某市政府提供",
        "某某網site2014.10.24 王明/台中報導",
        *_PARK_BODY,
    )
    assert article.title == "市區新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2014, 10, 24, tzinfo=TZ)
    assert article.author == "王明"
    assert article.body.startswith("市府今天宣布")
    assert article.publisher != "點擊圖片可瀏覽相關圖片"


def test_teasers_ending_with_more_and_a_comment_script_notice_end_the_story() -> None:
    article = _page_of_lines(
        "首頁",
        "市區新建三座公園 國慶前開放",
        "2014/12/01 18:13",
        *_PARK_BODY,
        "寒流來襲 低溫下探9度",
        "強烈冷氣團發威，平地最低溫出現在山區，氣象局提醒民眾注意保暖，外出記得多加衣物，以免著涼，...更多",
        "山寨維修站 罰鍰恐提高",
        "許多民眾家電壞了會上網搜尋原廠維修，不過要小心，很多網頁打著原廠招牌，實際上並非原廠，...更多",
        "Please enable JavaScript to view the comments powered by Disqus.",
    )
    assert article.body.rstrip().endswith("也希望市府做好後續維護。")
    notice = _page_of_lines(
        "首頁",
        "市區新建三座公園 國慶前開放",
        "2014/12/01 18:13",
        *_PARK_BODY,
        "Please enable JavaScript to view the comments powered by Disqus.",
    )
    assert "JavaScript" not in notice.body


def test_traditional_date_label_and_an_empty_counter_are_not_the_source() -> None:
    labelled = _page_of_lines("首頁", "某市新建三座公園 國慶前開放", "發佈日期 : 2020-08-07", *_PARK_BODY)
    assert labelled.publisher == "" and labelled.date == dt.datetime(2020, 8, 7, tzinfo=TZ)
    counted = _page_of_lines("首頁", "某市新建三座公園 國慶前開放", "2014/12/12 ", "回應()", "列印", *_PARK_BODY)
    assert counted.publisher == ""


def test_tool_buttons_after_the_date_are_not_the_source() -> None:
    article = _page_of_lines("首頁", "某市新建三座公園 國慶前開放", "2020-08-08 12:46 列印 文字大小", *_PARK_BODY)
    assert article.publisher == "" and article.date == dt.datetime(2020, 8, 8, 12, 46, tzinfo=TZ)


def test_section_name_beside_a_time_first_dateline_is_not_the_source() -> None:
    article = _page_of_lines("首頁", "某市新建三座公園 國慶前開放", "社會 17:30 2020/08/09", *_PARK_BODY)
    assert article.date == dt.datetime(2020, 8, 9, 17, 30, tzinfo=TZ)
    assert article.publisher == ""


_GTM = (
    "function initGtm(){",
    "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':",
    "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],",
    "j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=",
    "'//www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);",
    "})(window,document,'script','dataLayer','GTM-XXXXXX');",
    "var shareConfig = { title: document.title, url: window.location.href, width: 600 };",
    "if (typeof window.ads === 'undefined') { window.ads = []; ads.push({slot: 'top', size: [728, 90]}); }",
)


def test_script_code_in_the_copied_text_is_not_the_story() -> None:
    # A page that hides its body with CSS copies as raw text, scripts included; their lines have commas and
    # semicolons like sentences and outweighed the short story.
    article = _page_of_lines(*_GTM, "首頁", "某市新建三座公園 國慶前開放", "2020/08/09 17:30", *_PARK_BODY, *_GTM)
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_time_and_date_on_two_lines_under_a_section_name() -> None:
    # ``社會`` / ``17:30`` / ``2020/08/09``: the page shows section, time and date in three elements.
    article = _page_of_lines(
        "首頁", "某市新建三座公園 國慶前開放", "社會", "17:30", "2020/08/09", "分享：", *_PARK_BODY
    )
    assert article.date == dt.datetime(2020, 8, 9, 17, 30, tzinfo=TZ)
    assert article.publisher == ""


def test_short_story_under_a_relative_dateline_beats_a_long_disclaimer() -> None:
    # ``今日 09:18``: the day is relative but the header is the story's; the footer's disclaimer is longer.
    article = _page_of_lines(
        "« 返回前頁",
        "今日 09:18 時事脈搏",
        "特首委任某某為顧問委員會主席",
        "政府刊憲，行政長官委任某某為顧問委員會主席，下月1日起生效，任期兩年。",
        "另外，新委任兩名委員會成員，並再度委任其餘10名成員，任期同樣為兩年。",
        "下一篇： 某某新聞標題",
        "股票及指數資料由某某財經有限公司提供。期貨指數資料由某某財經有限公司提供。外滙及黃金報價由某某社提供。",
        "本網站的內容概不構成任何投資意見，本網站內容亦並非就任何個別投資者的特定投資目標、財務狀況及個別需要而編製。"
        "投資者不應只按本網站內容進行投資。在作出任何投資決定前，投資者應考慮產品的特點、其本身的投資目標、可承受的"
        "風險程度及其他因素，並適當地尋求獨立的財務及專業意見。本網站及其資訊供應商竭力提供準確而可靠的資料，"
        "但並不保證資料絕對無誤，資料如有錯漏而令閣下蒙受損失，本公司概不負責。",
        "某某財經新聞有限公司版權所有，不得轉載。",
    )
    assert article.title == "特首委任某某為顧問委員會主席"
    assert article.body.startswith("政府刊憲") and article.body.rstrip().endswith("任期同樣為兩年。")


def test_paywalled_lead_under_the_dateline_is_the_story_and_a_login_panel_ends_it() -> None:
    # One cut paragraph (``…，...``) under the byline and dateline, then a member-login panel whose phone and
    # hours lines end like sentences; the reporter's ``／綜合外電`` says how the story was made, not who published it.
    lead = (
        "某某晶片公司於8月20日發表新一代行動平台，為中階手機市場帶來生成式AI、高效能遊戲與專業影像等旗艦級功能。"
        "據外電報導，..."
    )
    article = _page_of_lines(
        "產業",
        "中階手機迎來生成式AI　某某推新一代晶片",
        "陳某武 ／綜合外電",
        "2024/08/21 15:09",
        lead,
        "會員登入",
        "忘記密碼 | 重寄啟用信",
        "申請專線：",
        "+886-02-87125398。",
        "(週一至週五工作日9:00~18:00)",
        "(一個工作日內將回覆您的來信)",
        "(週一至週五工作日9:00~18:00)",
        "(一個工作日內將回覆您的來信)",
    )
    assert article.body.strip() == lead
    assert article.author == "陳某武" and article.publisher == ""
    assert article.date == dt.datetime(2024, 8, 21, 15, 9, tzinfo=TZ)


def test_a_column_of_tagged_headlines_is_a_list_not_the_story() -> None:
    # ``【專欄】…`` items with commas read like sentences; three in a row with one tag are a list.
    items = [
        "【專欄】某作家：就算你去國胸懷，不敵天氣 某某：兩鬢斑白，香港再等你",
        "【專欄】「引爆某某的人」 某某爆料，匿名捐款撐碼頭工人",
        "【專欄】某某籲中央大方，放議員一馬",
        "【專欄】同場加映，閉目十秒八秒",
    ]
    article = _page_of_lines(
        "港聞", "2020年8月8日星期六", "港聞一", *items, "某市新建三座公園 國慶前開放", *_PARK_BODY, "上 / 下一篇新聞"
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)
    assert article.publisher == ""


def test_outlet_and_reporter_opening_the_story() -> None:
    # ``【財訊快報／陳某朔】`` opens the first paragraph: the outlet publishes, the reporter wrote it.
    first = "【某某快報／陳某朔】" + _PARK_BODY[0]
    article = _page_of_lines("某市新建三座公園 國慶前開放", "2024/10/17　09:09", first, *_PARK_BODY[1:])
    assert article.author == "陳某朔"
    assert article.publisher == "某某快報"


def test_headline_under_a_relative_dateline_below_market_tickers() -> None:
    # ``今日 09:18`` is the header's first line and the headline is under it; above are menu items and quotes.
    article = _page_of_lines(
        "即巿股評",
        "港交所通告",
        "恒生指數 25,345.11 114.44",
        "上證指數 3,340.64 19.91",
        "今日 09:18 時事脈搏",
        "某市新建三座公園 國慶前開放",
        *_PARK_BODY,
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_infinite_scroll_page_with_a_sponsored_story_below_and_a_repeated_header() -> None:
    # The header block is shown twice (headline, date-only dateline, writer); below the story the site loads a
    # hot list (two numbered items per line) and a longer sponsored story.
    sponsored = [
        "面對勢不可擋的AI浪潮，某品牌不僅積極擁抱創新科技，更降低採用門檻，致力讓每一個人乃至企業都可以享受新科技帶來的便利。"
        * 2,
        "某品牌專業商用顯示器部總經理表示：「在其他顯示器品牌仍專注於硬體規格時，我們早已看見軟硬整合的重要性。」" * 2,
        "致力解決客戶痛點，某品牌三步驟加速學校轉型、創造生態體系共榮，讓老師與學生都能在數位教室裡更有效率地學習。"
        * 2,
    ]
    article = _page_of_lines(
        "登入 / 註冊",
        "2024.10.14 | 半導體與電子產業",
        "某市新建三座公園，國慶前開放！",
        "市府宣布三座新建公園將在國慶前開放，園內設有步道、球場和兒童遊樂設施，並保留原有的大樹和水系。",
        "＃公園 ＃國慶 ＃市政",
        "孫某君",
        "某市新建三座公園，國慶前開放！",
        "2024.10.14 | 半導體與電子產業",
        "孫某君",
        "分享",
        *_PARK_BODY,
        "掌握最新趨勢！訂閱《某某時代》日報及社群活動訊息",
        "Related Items公園國慶",
        "往下滑看下一篇文章",
        "即時熱門文章",
        "1 某公司重新擁抱買斷制！軟體維持原價不漲價 2 專訪｜史上最年輕創辦人：我們的目標很清楚",
        "2024.09.30 |",
        "以解決客戶痛點為優先！某品牌聚焦四大場景",
        "sponsored by",
        "某品牌",
        *sponsored,
    )
    assert article.title == "某市新建三座公園，國慶前開放！"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)
    assert article.author == "孫某君"
    assert article.date == dt.datetime(2024, 10, 14, tzinfo=TZ)


def test_numbered_headlines_run_together_on_one_line_are_a_list() -> None:
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "2020/08/09 17:30",
        *_PARK_BODY,
        "1 某公司重新擁抱買斷制！軟體維持原價不漲價，目標鎖定這群人 2 專訪｜史上最年輕創辦人：我們的目標很清楚",
        "4 只為某集團，某平台狂砸百萬背後算盤是？最大餐飲集團為何改嫁 5 某電信以企業專網實現賦能，推動產業轉型升級",
    )
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_column_header_with_a_like_counter_a_spaced_byline_and_a_credited_lead_photo() -> None:
    # ``讚 645`` is a button; ``陳某宏 2023年09月01日 07:02:00`` is the writer and the time; the lead photo's
    # caption is closed by ``（攝影：…）``.
    article = _page_of_lines(
        "評論 主筆社評 政經交鋒",
        "某市新建三座公園 國慶前開放",
        "讚 645",
        "陳某宏 2023年09月01日 07:02:00",
        "分享 : Facebook Line Twitter Copy",
        "三座新建公園在國慶前開放，市民可以在步道上散步。（攝影：楊某翰）",
        *_PARK_BODY,
    )
    assert article.author == "陳某宏" and article.publisher == ""
    assert article.date == dt.datetime(2023, 9, 1, 7, 2, tzinfo=TZ)
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_list_of_headlines_dated_in_brackets_and_a_blog_byline_with_at() -> None:
    # Items closed by ``(MM/DD/YYYY)`` are a list, whatever their punctuation; ``- 某某編輯部 @ 05-19-2013``
    # names the writer and the day (month and day told apart: 19 is no month).
    items = [f"某某專題第{n}篇：我們的城市與我們的未來！ ({n:02d}/2{n}/2014)" for n in range(1, 9)]
    article = _page_of_lines(
        "熱血新聞 » 專題", *items, "某市新建三座公園 國慶前開放", "- 某某編輯部 @ 05-19-2013 / 2 years ago", *_PARK_BODY
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2013, 5, 19, tzinfo=TZ)
    assert article.author == "某某編輯部"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_headline_fused_with_its_dateline_beats_a_ticker_item_above_another_date() -> None:
    # A breaking-news bar (its own date under it) sits above ``headline　2014-12-08 06:49``.
    article = _page_of_lines(
        "新聞關注",
        "警方下周一早上清除某某障礙物",
        "2014-12-08",
        "某市新建三座公園 國慶前開放\u30002014-12-08 06:49",
        *_PARK_BODY,
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2014, 12, 8, 6, 49, tzinfo=TZ)
    assert article.publisher == ""  # the headline beside the date is no source


def test_name_over_a_reporter_role_is_the_author() -> None:
    article = _page_of_lines("Backstories", "某市新建三座公園 國慶前開放", "関谷某", "国際部記者", *_PARK_BODY)
    assert article.author == "関谷某" and article.publisher == ""


def test_headline_with_wen_inside_is_not_a_byline() -> None:
    article = _page_of_lines(
        "影库", "VIP影院", "短视频与大众文化生产", "时间：2024.05.11 来源：某某日报 作者：南某 分享到：", *_GADGET_BODY
    )
    assert article.title == "短视频与大众文化生产"
    assert article.author == "南某" and article.publisher == "某某日报"


def test_transliterated_writer_on_the_dateline_and_an_author_note_after_the_story() -> None:
    # ``网络  贾森·庞廷（Jason Pontin）  2013-01-21``: a channel, the writer, the date. The author's note and the
    # licence line after the story are not the story.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "网络     贾某·庞某（Jason Pontin）    2013-01-21 13:47:30",
        *_PARK_BODY,
        "【作者简介】贾某·庞某是某杂志美国版主编。",
        "本文为美国某杂志授权文章,未经书面许可,严禁转载使用.",
    )
    assert article.author == "贾某·庞某" and article.publisher == ""
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_copied_from_the_headline_down_past_a_follow_prompt_and_a_keyword_cloud() -> None:
    # An editor who selects from the headline down copies no dateline above it. The follow prompt between the
    # headline and the story is not a headline, and a long row of hot keywords ending ``F.I.R.`` is not an
    # English sentence that would outweigh the story.
    cloud = " ".join(f"熱詞{i:03d}話題" for i in range(120)) + " S.H.E F.I.R."
    article = _page_of_lines(
        "某市新建三座公園　國慶前開放",
        "即時+好看！按讚加入某某新聞雲",
        "▲公園內的步道。（圖／記者某某攝）",
        "記者王小明／台北報導",
        *_PARK_BODY,
        "發燒話題",
        cloud,
        "熱門新聞",
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.author == "王小明"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


_PAPERS = (
    "某会议是计算机视觉方向的顶级会议之一，今年共收到九千多篇投稿，最终两千多篇被接收，接收率约为百分之二十五。",
    "| 01 分而治之的领域自适应",
    "论文简介：该论文提出了一种分而治之的策略，综合考虑目标域样本与源域数据的差异性，取得了显著的效果提升。",
    "| 02 高效的平面优化",
    "论文简介：该论文推导出了平面优化问题的闭式解，使得大规模三维重建的速度提高了一个数量级，精度保持不变。",
)


def test_blog_post_with_an_opening_heading_a_keyword_row_and_a_labelled_previous_post_link() -> None:
    # ``写在前面`` opens a post that has more headings; the tag row, the previous-post link (a long title after
    # ``前一篇:``) and the blog's feedback note after it are not the post. The byline's reading stats are no name.
    article = _page_of_lines(
        "某某技术团队",
        "最新文章",
        "某会议 2023 | 某某技术团队精选论文解读",
        "2023年06月16日 作者: 某某技术团队 文章链接 6381字 13分钟阅读",
        "写在前面",
        *_PAPERS,
        "某某技术团队, 算法, 深度学习, 视觉, 会议 2023",
        "前一篇: 超大规模数据库集群保稳系列之三：某某数据库容灾体系建设实践",
        "如发现文章有错误、对内容有疑问，都可以关注某某技术团队微信公众号，在后台给我们留言。",
    )
    assert article.title == "某会议 2023 | 某某技术团队精选论文解读"
    assert article.author == "某某技术团队"
    assert article.publisher == ""
    paragraphs = article.body.strip().split("\n\n")
    assert paragraphs[0] == "## 写在前面"
    assert paragraphs[1] == _PAPERS[0]
    assert paragraphs[-1] == _PAPERS[-1]


def test_headline_naming_a_day_above_the_dateline_and_references_closing_the_story() -> None:
    # A headline with a date in it (``【某日报】2023-06-08 …``) is the headline, not a second dateline; the
    # references after the last paragraph (a label, its address on the next line, a photo between) are the
    # story's; the copyright line after them is not. ``某某某 发自 某地`` names the writer.
    article = _page_of_lines(
        "某某社区",
        "Search   RSS   帐户",
        "< 返回版块",
        "【某某日报】2023-06-08 某基金会发布面向初学者的编程课程",
        "某某某 2023-06-09 00:26 来源：某某社区",
        "某某某 发自 凹非寺",
        *_PARK_BODY,
        "![](https://example.com/figure.png)",
        "论文地址：",
        "https://arxiv.org/abs/2309.03852",
        "Hugging Face项目页：",
        "https://huggingface.co/Example/Model",
        "版权所有，未经授权不得以任何形式转载及使用，违者必究。",
    )
    assert article.title == "【某某日报】2023-06-08 某基金会发布面向初学者的编程课程"
    assert article.date is not None and article.date.strftime("%Y-%m-%d %H:%M") == "2023-06-09 00:26"
    assert article.author == "某某某"
    body = article.body
    assert body.rstrip().endswith("https://huggingface.co/Example/Model")
    assert "论文地址：" in body and "版权所有" not in body


def test_name_with_its_role_under_the_dateline_is_the_writer_not_the_publisher() -> None:
    article = _page_of_lines(
        "某国长期失业者人数上升",
        "2021-11-18 17:28",
        "某某某 ｜作者",
        *_PARK_BODY,
    )
    assert article.publisher == ""
    assert article.author == "某某某"


def test_writer_before_the_dateline_with_only_the_source_after_it() -> None:
    # ``某某某 2023-09-13 10:00:39 来源：某某网``: the name before the timestamp is the writer's, the label the source.
    article = _page_of_lines("某市新建三座公園 國慶前開放", "某某某 2023-09-13 10:00:39 来源：某某网", *_PARK_BODY)
    assert article.author == "某某某" and article.publisher == "某某网"


def test_role_line_above_a_story_with_headings_is_not_its_opening_heading() -> None:
    # ``関谷智`` over ``国際部記者`` is the byline, even when the story below has section headings.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "関谷智",
        "国際部記者",
        _PARK_BODY[0],
        "園區設施一覽",
        _PARK_BODY[1],
        "市民反應熱烈",
        _PARK_BODY[2],
    )
    assert article.author == "関谷智"
    assert "国際部記者" not in article.body
    assert article.body.startswith(_PARK_BODY[0])


def test_the_lead_photos_caption_under_its_credit_is_not_an_opening_heading() -> None:
    # ``摄影：某某`` then the caption of the lead photo, above a story with section headings: credit and caption are
    # the photo's, and the story starts at its first paragraph.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "原创 张三 某某公众号 2024-05-01",
        "摄影：李四",
        "公园里的第一个周末",
        _PARK_BODY[0],
        "園區設施一覽",
        _PARK_BODY[1],
        "市民反應熱烈",
        _PARK_BODY[2],
    )
    assert article.body.startswith(_PARK_BODY[0])
    assert "公园里的第一个周末" not in article.body and "摄影" not in article.body


def test_page_without_a_dateline_takes_no_date_from_a_clock_or_a_dated_list_item() -> None:
    # The top bar's clock (``2021年10月7日 星期四``) and a list item closed by its date are not the story's date.
    article = _page_of_lines(
        "2021年10月7日 星期四",
        *[f"频道{i}" for i in range(8)],
        "「舉牌」設計者集資　商品化成功在望 (06/23/2013)",
        "某市新建三座公園 國慶前開放",
        *_PARK_BODY,
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.date is None


@pytest.mark.parametrize(
    "furniture",
    [
        ("17:30",),  # a clock
        ("13 August 2020", "29°C 86%"),  # the date and the weather of a top bar
        ("© 2023 某某技术团队",),
        ("用微信扫码二维码",),
        ("分享 : Facebook Line Twitter Copy",),
        ("某某财经APP 缩小字体 放大字体 收藏 微博 微信 分享",),
        ("我来说两句(0)",),
        ("‧ 紙鈔環遊世界 魔術師手法吸睛", "· 售价来了！新处理器提前上架"),  # bulleted items of a list
        ("科技评论", "频道一", "频道二"),  # a short menu item further up than right above the dateline
    ],
)
def test_page_furniture_above_a_missing_headline_is_never_the_title(furniture: tuple[str, ...]) -> None:
    # The editor's copy lost the headline: what stands above the dateline is page furniture, and the file is
    # reported (no headline) rather than published under it.
    with pytest.raises(ReadError, match="no headline"):
        _page_of_lines("首页 > 新闻 > 正文", *furniture, "2024-05-01 10:00 来源：某某网", *_PARK_BODY)


def test_short_headline_right_above_the_dateline_is_still_the_title() -> None:
    article = _page_of_lines("首页 > 新闻 > 正文", "两会观察", "2024-05-01 10:00 来源：某某网", *_PARK_BODY)
    assert article.title == "两会观察"


_PAGE_TWO = (
    "首页 > 财经 > 正文",
    "某省一季度外贸进出口同比增长百分之八",
    "2024-04-20 09:30 来源：某某日报",
    "海关今天发布数据，一季度全省外贸进出口总值超过一千亿元，同比增长百分之八，增速高于全国平均水平。",
    "其中出口增长百分之十，进口增长百分之五，民营企业进出口占比继续提高，成为稳外贸的主力军。",
    "海关负责人表示，下一步将继续优化通关流程，压缩整体通关时间，为企业减负增效，稳住外贸基本盘。",
    "业内人士认为，随着一系列稳外贸政策落地见效，全年外贸有望保持稳定增长，结构也将进一步优化。",
    "数据显示，跨境电商等新业态增势明显，一季度跨境电商进出口增长百分之二十，带动了大批中小企业出海。",
    "版权所有 某某日报",
)


@pytest.mark.parametrize("between", [(), tuple(f"热门新闻标题第{i}条 某地发生某事" for i in range(12))])
def test_two_pages_pasted_into_one_file_are_flagged(between: tuple[str, ...]) -> None:
    # Each story has its headline and dateline over a long run of prose: the file holds two stories, whether
    # their runs of prose join (nothing between) or not (the first page's hot list between).
    report = Report()
    lines = [
        "首页 > 新闻 > 正文",
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        *_PARK_BODY,
        "市府並表示，未來五年還將新建十座社區公園，讓市民步行十五分鐘就能到達一座公園，提升城市宜居程度。",
        "有議員建議，公園管理應引入社區志願者，讓居民參與日常維護，市府表示將研究這項建議的可行性。",
        "版权所有 某某网",
        *between,
        *_PAGE_TWO,
    ]
    article = read_page_text("two.txt", "\n".join(lines) + "\n", TZ, report)
    assert article.title
    assert [p.message for p in report.warnings if "stories" in p.message] == [
        "the file seems to hold several stories (2 headlines, each over its own dateline and text); only one was read"
    ]
    single = Report()
    read_page_text("one.txt", "\n".join(_PAGE_TWO) + "\n", TZ, single)
    assert not single.warnings


def test_headline_sharing_its_line_with_a_labelled_date() -> None:
    # ``某某標題 出版時間：2016/05/21 11:44``: the headline is the text before the date, without the date's label.
    article = _page_of_lines("首頁 > 社會", "某市新建三座公園 國慶前開放 出版時間：2016/05/21 11:44", *_PARK_BODY)
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2016, 5, 21, 11, 44, tzinfo=TZ)


def test_an_ad_marker_and_one_related_link_inside_the_story_neither_end_nor_join_it() -> None:
    # ``广告``, ``视频加载中...`` and one ``相关阅读：…`` link set between paragraphs are furniture inside the story;
    # several ``延伸閱讀：…`` links in a row after it are the list that ends it.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        _PARK_BODY[0],
        "广告",
        _PARK_BODY[1],
        "相关阅读：某地发生一起交通事故 三人受伤",
        "视频加载中...",
        _PARK_BODY[2],
        "延伸閱讀：某市公園管理辦法修訂 夜間開放延長兩小時",
        "延伸閱讀：某區新建社區運動場 明年啟用",
        "某某，資深記者，長期關注城市規劃與公共空間議題，曾獲多項新聞獎項，著有多部城市觀察專書。",
    )
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


@pytest.mark.parametrize(
    "toolbar",
    [
        ("字号: [大] [中] [小] [打印]",),
        ("打印 字体： 放大 正常 缩小 分享",),
        ("打印 转发 寄信给编辑 字号", "小", "中", "大"),
        ("小", "中", "大", "特大", "小中大特大", "中", "大"),  # font-size buttons, one per line
        ("T + -", "点击进入“某某专题”>>"),
        ("缩小字体 放大字体 收藏 微博 微信 分享 106",),
    ],
)
def test_headline_over_toolbars_on_a_page_without_a_dateline(toolbar: tuple[str, ...]) -> None:
    # With no dateline to anchor the header, the headline is found above the story across toolbars and share
    # buttons (none of them a breadcrumb that would end the search).
    article = _page_of_lines("首页 > 新闻中心 > 综合新闻", "某市新建三座公園 國慶前開放", *toolbar, *_PARK_BODY)
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_headline_reading_like_a_sentence_opens_the_story_when_nothing_is_above() -> None:
    # ``某地寻子一个月：儿子消失在眼前，搜寻无果`` has a colon and a comma, so it scores as prose and opens the
    # story's run; with nothing above but a breadcrumb, it is the headline, not the first paragraph.
    article = _page_of_lines(
        "首页 / 其他 / 正文", "某地寻子一个月：儿子消失在眼前十几米，搜寻无果母亲不舍离去！", *_PARK_BODY
    )
    assert article.title == "某地寻子一个月：儿子消失在眼前十几米，搜寻无果母亲不舍离去！"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_a_label_waiting_for_its_value_is_never_the_headline() -> None:
    with pytest.raises(ReadError, match="no headline"):
        _page_of_lines("首頁 > 生活新聞 >", "會員服務申請專線：", "02-87125398", *_PARK_BODY)


def test_without_a_dateline_a_long_headline_beats_a_nearer_short_line() -> None:
    # No dateline anchors the header: the headline a few lines up (under it a caption and a byline) beats a short
    # line standing right above the story.
    article = _page_of_lines(
        "首页 > 新闻 > 正文",
        "某市新建三座公園 國慶前向全體市民開放",
        "▲公園內的步道。（圖／記者某某攝）",
        "記者王小明／台北報導",
        "熱門話題 一次看完",
        "精彩影音 不容錯過",
        *_PARK_BODY,
    )
    assert article.title == "某市新建三座公園 國慶前向全體市民開放"


def test_a_brief_under_its_headline_beats_a_longer_thread_of_dated_comments() -> None:
    # Each comment has a dateline too (``今天 12:50 网友甲``), under a floor number, not a headline: the two-paragraph
    # story under its headline and dateline is the article, though the comments hold more text.
    comment = "我觉得这件事情说明了很多问题，希望有关部门能够认真对待，把好事办好，也希望市民们爱护公共设施。"
    thread = [line for floor in range(1, 6) for line in (f"{floor}楼", f"今天 12:{floor:02d} 网友{floor}", comment)]
    article = _page_of_lines(
        "首页 > 新闻 > 正文",
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        *_PARK_BODY[:2],
        "热门推荐",
        *thread,
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.body.strip().split("\n\n") == list(_PARK_BODY[:2])


def test_a_columnists_box_beside_the_headline_is_not_the_headline() -> None:
    # A column's header: headline, then the writer's box (name, affiliation, position), then the dateline and a
    # ``【文/某某网专栏作者 某某】`` byline. The box sits nearer the dateline; the headline is the title, the name the
    # author, without the role before it.
    article = _page_of_lines(
        "首页 > 评论 > 正文",
        "王小明：公园建设要算长远账",
        "王小明某某大学城市研究院执行院长",
        "2024-05-01 10:00:00 来源：某某网",
        "【文/某某网专栏作者 王小明】",
        *_PARK_BODY,
    )
    assert article.title == "王小明：公园建设要算长远账"
    assert article.author == "王小明"


def test_related_links_listed_above_the_lead_are_not_the_story() -> None:
    # A box of related links between dateline and lead: the linked headlines under ``相关新闻：`` (one of them closed
    # by a bracket, as sentences are) are the list's, and the story starts at its lead.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        "相关新闻：",
        "直播某市公园开园仪式(全程高清)",
        "某市公园建设纪实：绿色家园",
        *_PARK_BODY,
    )
    assert article.body.strip().split("\n\n") == list(_PARK_BODY)


def test_a_story_broken_into_lines_at_its_commas_is_read_whole() -> None:
    # Some accounts break every sentence at its commas, one clause a line: the clauses are the story, from the first
    # (``下周一，``) to the closing wish.
    clauses = (
        "下周一，",
        "某某高速施工就将进入第二阶段，",
        "也是对市民出行影响最大的一段。",
        "请大家互相转告通知，",
        "愿大家都能",
        "平安出行，安全到家。",
    )
    header = ("某某高速下周封闭施工", "2024-05-17 · 某某城市报道")
    article = _page_of_lines(*header, *clauses, "来源：某某交警", "热门推荐")
    assert article.body.strip().split("\n\n") == list(clauses)
    assert article.publisher == "某某城市报道"


def test_a_dateline_set_as_year_day_and_time_on_lines_of_their_own() -> None:
    # ``2019`` / ``09/07`` / ``19:02``: one dateline in three blocks, under the headline, then the account's name.
    article = _page_of_lines(
        "要闻 娱乐 财经",
        "某市新建三座公園 國慶前開放",
        "2019",
        "09/07",
        "19:02",
        "某某晚报",
        "企鹅号",
        "分享",
        *_PARK_BODY,
    )
    assert article.title == "某市新建三座公園 國慶前開放"
    assert article.date == dt.datetime(2019, 9, 7, 19, 2, tzinfo=TZ)
    assert article.publisher == "某某晚报"


def test_a_lead_box_quoting_the_story_with_its_attribution_is_the_summary() -> None:
    # The box above the story gives a quote with who said it (``某某表示，``); the story quotes it further down
    # without the attribution. The box is the summary, not the story's first paragraph.
    quote = "公园建设要尊重居民意愿，先问需于民，再定方案，确保每一笔资金都用在群众最关心的地方，这一点不能含糊。"
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        "园林局局长表示，" + quote,
        *_PARK_BODY[:2],
        "“" + quote + "”园林局局长在接受采访时说。",
        _PARK_BODY[2],
    )
    assert article.body.startswith(_PARK_BODY[0])
    assert article.summary.startswith("园林局局长表示")


@pytest.mark.parametrize("when", ["前天", "2020-02-11"])
def test_an_accounts_header_names_the_writer_then_the_account(when: str) -> None:
    # ``原创 作者 公众号 日期``: an account's original article, its writer's name before the account's.
    article = _page_of_lines("某市新建三座公园", f"原创 kingname 某某Code {when}", *_PARK_BODY)
    assert (article.author, article.publisher) == ("kingname", "某某Code")


def test_a_program_listing_in_the_story_is_kept_as_code() -> None:
    # A how-to article: a line introducing the code (``示例代码如下：``), the listing, and the story going on. The
    # listing neither ends the story nor loses its indentation; it becomes one fenced block.
    article = _page_of_lines(
        "一日一技：在 Python 中实现延迟调用",
        "2020-02-11 来源：某某Code",
        "熟悉 Golang 的同学都知道，Golang 里面有一个关键词叫做defer，它可以实现延迟调用。",
        "我有一个函数parse，它的作用是从 Redis 中持续读入数据，并写入到MongoDB 中。示例代码如下：",
        "import json",
        "",
        "def parse():",
        "    data = client.lpop('test')",
        "    if not data:",
        "        print('读取结束')",
        "        return",
        "但现在我想增加一个需求，当读取结束的时候，能把当前的时间也写入到MongoDB 中。",
        "无论是正常运行结束还是运行过程中报错，回调函数都会正常运行，确保始终增加一条日期数据。",
        "微信扫一扫",
        "关注该公众号",
    )
    blocks = article.body.strip().split("\n\n")
    assert blocks[2] == (
        "```\nimport json\ndef parse():\n    data = client.lpop('test')\n    if not data:\n"
        "        print('读取结束')\n        return\n```"
    )
    assert blocks[-1].startswith("无论是正常运行结束")


def test_code_like_lines_without_an_introduction_are_not_a_listing() -> None:
    # Script text copied from a page whose body is hidden: no line introduces it, so it is not the story's.
    article = _page_of_lines(
        "某市新建三座公园",
        "2024-05-01 10:00 来源：某某网",
        *_PARK_BODY,
        "var s = document.createElement('script');",
        "s.src = 'https://example.com/a.js';",
    )
    assert "```" not in article.body and "script" not in article.body


_POST = "我觉得这件事情说明了很多问题，希望有关部门能够认真对待，把好事办好，也希望市民们爱护公共设施，大家一起努力。"


def _thread(count: int, name: str, *after: str) -> list[str]:
    """A comment thread: each post's name line, its text and the lines under it."""
    return [line for n in range(1, count + 1) for line in (name.format(n), _POST, *(a.format(n) for a in after))]


#: A brief under its header, what stands between it and a comment section, and the posts (longer than the brief).
_BRIEFS_OVER_COMMENTS = {
    # The share bar's label between headline and dateline does not hide the headline.
    "share bar in the header": (
        (
            "首页 > 新闻 > 正文",
            "某市新建三座公園 國慶前開放",
            "分享到：",
            "9 70",
            "2024-05-01 10:00:00 字号：A- A A+ 来源：某某网",
        ),
        ("标签 公园 城市",),
        _thread(16, "网友{}号", "3小时前", "查看回复 2 举报 分享"),
    ),
    # ``热门评论 10条`` heads the comment section; a sign-in row and buttons stand between it and the posts.
    "posts far below the comment heading": (
        ("某市新建三座公園 國慶前開放", "2024-05-01 10:00 来源：某某网"),
        ("热门评论 10条", "登录 | 注册", "表情", "发布", "排序"),
        _thread(22, "网友{}号", "3小时前", "查看回复 2 举报 分享"),
    ),
    # ``今天08:21举报查看对话赞181回复``: a post's time with its buttons, under a name that could pass for a headline.
    "a post's time beside its buttons": (
        ("某市新建三座公園 國慶前開放", "2024-05-01 10:00 来源：某某网"),
        (
            "分享到:",
            "51条评论|1,307人参与网友评论",
            "网友甲来自广东深圳",
            "大部分是广告",
            "今天08:20举报查看对话赞180回复",
        ),
        _thread(7, "网友{}号来自广东深圳", "今天08:2{0}举报查看对话赞18{0}回复"),
    ),
    # A headline with a comma and a colon scores as a sentence, so the story's header opens its run.
    "a long headline opening the run": (
        (
            "首页 / 科技 / 正文",
            "某市新建三座公園，市府：國慶前向全體市民免費開放，預計吸引大批遊客前往參觀",
            "某某网 2024-05-01 10:00:00",
        ),
        ("来源：网络", "评论"),
        _thread(4, "网友{}号 1天前", "回复 ⋅ 12条回复 1375"),
    ),
}


@pytest.mark.parametrize(("header", "between", "posts"), _BRIEFS_OVER_COMMENTS.values(), ids=_BRIEFS_OVER_COMMENTS)
def test_a_brief_is_the_story_not_a_longer_comment_thread_below_it(
    header: tuple[str, ...], between: tuple[str, ...], posts: list[str]
) -> None:
    article = _page_of_lines(*header, *_PARK_BODY[:2], *between, *posts)
    assert article.title == next(line for line in header if line.startswith("某市"))
    assert article.body.strip().split("\n\n") == list(_PARK_BODY[:2])


def test_an_accounts_name_after_its_badge_on_the_dateline_is_the_publisher_not_a_headline() -> None:
    # ``原创 SomeAccount 2019-09-04 22:18:34``: a badge and the account's name before the date, no headline fused in.
    article = _page_of_lines("某市新建三座公園 國慶前開放", "原创 GameForce 2019-09-04 22:18:34", *_PARK_BODY)
    assert article.publisher == "GameForce"
    assert article.title == "某市新建三座公園 國慶前開放"


@pytest.mark.parametrize("offer", ["展开全文", "打开APP，阅读全文", "1 2 下一页 余下全文", "剩余80%内容，订阅后可阅读"])
def test_a_story_cut_short_by_an_offer_of_the_rest_is_read_and_reported(offer: str) -> None:
    # A mobile page shows the start of the story and offers the rest; a paged article its first page.
    report = Report()
    text = "\n".join(["某市新建三座公園 國慶前開放", "某某日报 2024-05-01 10:00", *_PARK_BODY[:2], offer, "相关推荐"])
    article = read_page_text("cut.txt", text, TZ, report)
    assert article.body.strip().split("\n\n") == list(_PARK_BODY[:2])
    assert any("cut short" in problem.message for problem in report.warnings)


def test_a_prompt_to_read_on_the_phone_is_no_cut() -> None:
    report = Report()
    header = ["某市新建三座公園 國慶前開放", "某某日报 2024-05-01 10:00"]
    text = "\n".join([*header, *_PARK_BODY, "扫码阅读全文", "相关推荐"])
    read_page_text("whole.txt", text, TZ, report)
    assert not any("cut short" in problem.message for problem in report.warnings)


_MORE = "据介绍，三座公园总面积超过二十公顷，是本市近五年来规模最大的公园建设项目，总投资约三亿元，由市财政全额出资。"


def test_section_headings_are_only_lines_that_head_text() -> None:
    # Items under a line introducing them are not headings (a heading right after such a line still is, when text
    # follows it), nor is a line without words or a short sentence; a caption marked ``◎``, a photographer's credit,
    # a carousel's buttons and lost glyphs are no story text at all, nor is the comment counter above the story.
    article = _page_of_lines(
        "某市新建三座公園 國慶前開放",
        "2024-05-01 10:00 来源：某某网",
        "分享到",
        "19 跟贴",
        _PARK_BODY[0],
        "※※※※",
        _MORE,
        "市民很满意。",
        "可以看出以下特点：",
        "步道贯通全园",
        "球场对外开放",
        "休憩座椅增加",
        "新园的亮点可归纳为以下两类：",
        "亮点1、生态优先",
        _PARK_BODY[1] * 2,
        "◎ 图：某某网微博截图",
        "記者王小明／攝影",
        "Previous Next",
        "\ufffd\ufffd\ufffd\ufffd",
        "亮点2、方便长者",
        _PARK_BODY[2] * 2,
    )
    blocks = article.body.strip().split("\n\n")
    assert blocks == [
        _PARK_BODY[0],
        "※※※※",
        _MORE,
        "市民很满意。",
        "可以看出以下特点：",
        "步道贯通全园",
        "球场对外开放",
        "休憩座椅增加",
        "新园的亮点可归纳为以下两类：",
        "## 亮点1、生态优先",
        _PARK_BODY[1] * 2,
        "## 亮点2、方便长者",
        _PARK_BODY[2] * 2,
    ]


def test_a_line_repeated_under_every_section_is_not_a_heading() -> None:
    sections = [line for n in range(3) for line in (f"第{n + 1}篇论文解读", _PARK_BODY[n] * 2, "论文下载：PDF")]
    article = _page_of_lines("某团队精选论文解读", "2024-05-01 10:00 来源：某某网", _MORE, *sections)
    blocks = article.body.strip().split("\n\n")
    assert blocks.count("论文下载：PDF") == 2 and "## 第2篇论文解读" in blocks
