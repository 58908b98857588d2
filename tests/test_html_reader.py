"""read_html: our metadata over trafilatura's, images resolved against the page URL."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.decode import decode
from generator.errors import ReadError
from generator.readers.html import read_html, visible_text
from generator.report import Report

TZ = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reading"


@pytest.fixture(scope="module")
def page() -> str:
    return decode((FIXTURES / "html_article_with_images_and_related.html").read_bytes())


def test_metadata_is_ours(page: str) -> None:
    article = read_html("page.html", page, TZ, Report())
    assert article.kind == "html"
    assert article.title == "机器人进工厂：一条产线的改造账本"
    # htmldate would read ``2025年03月25日 16:46`` as 2025-01-01 and the script's date is a decoy.
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, tzinfo=TZ)
    assert article.author == "茯神"  # no space after the label: trafilatura drops it
    assert article.editor == "顾北"
    assert article.publisher == "制造周刊"
    assert article.source_url == "https://news.example.com/tech/2025/0325/1234.html"
    assert article.site == "example"
    assert article.keywords == ("机器人", "制造业", "产线改造")


def test_body_and_images(page: str) -> None:
    article = read_html("page.html", page, TZ, Report())
    assert article.body.startswith("在江南一家汽车零部件工厂里")
    assert "才能让更多工厂跟上这一轮技术升级。" in article.body
    for junk in ("相关推荐", "工业机器人销量创新高", "责任编辑", "版权所有", "分享到", "参加设备维护培训课程"):
        assert junk not in article.body
    assert article.images == (
        "https://news.example.com/images/2025/line.jpg",
        "https://img.example.com/2025/worker.png",
    )
    assert "](https://news.example.com/images/2025/line.jpg)" in article.body


def test_visible_text_skips_scripts_and_joins_inline_lines() -> None:
    import lxml.html

    root = lxml.html.document_fromstring(
        "<html><body><script>var a=1;</script><p>第一行\n接着</p>"
        "<div style='display:none'>隐藏</div><p>二</p></body></html>"
    )
    text = visible_text(root)
    assert "var a" not in text and "隐藏" not in text
    assert [line for line in text.split("\n") if line] == ["第一行 接着", "二"]


def test_known_site_from_canonical_url() -> None:
    html = (
        '<html><head><link rel="canonical" href="https://www.163.com/dy/article/ABC.html"></head><body>'
        "<h1>测试标题在这里</h1><p>2025-01-02 03:04:05 来源：测试日报</p>"
        "<p>这是第一段正文，内容足够长，用来让读者判断它是文章的主体部分而不是导航或者页脚。</p>"
        "<p>这是第二段正文，同样包含完整的句子和标点符号，描述事情的来龙去脉和各方的看法。</p>"
        "</body></html>"
    )
    article = read_html("x.html", html, TZ, Report())
    assert article.site == "163"
    assert article.date == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=TZ)
    assert article.publisher == "测试日报"


def test_page_without_article_is_a_read_error() -> None:
    with pytest.raises(ReadError):
        read_html("x.html", "<html><body><a href='/'>首页</a></body></html>", TZ, Report())


def test_wechat_page_relative_date_and_lazy_images() -> None:
    report = Report()
    html = decode((FIXTURES / "html_wechat_relative_date_lazy_images.html").read_bytes())
    article = read_html("wx.html", html, TZ, report)
    assert article.title == "一家小面馆的十年"
    assert article.site == "wechat"
    assert article.source_url.startswith("http://mp.weixin.qq.com/s?")
    # The page shows only ``昨天``; the page script's publish timestamp gives the real time.
    assert article.date == dt.datetime(2025, 3, 25, 16, 46, tzinfo=TZ)
    assert not [p for p in report.warnings if p.where == "date"]
    assert article.images == ("https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg",)  # not the 30px QR code
    assert article.body.rstrip().endswith("一天只熬两锅。")
    assert "扫一扫" not in article.body


_PARAGRAPHS = (
    "<p>市里今天召开推进会，部署下一阶段的老旧小区改造工作，要求各区在年底前完成全部项目的立项和招标。</p>"
    "<p>会议指出，改造要尊重居民意愿，先问需于民，再定方案，确保每一笔资金都用在群众最关心的地方。</p>"
    "<p>据介绍，今年全市计划改造小区一百二十个，惠及居民三万多户，目前已有四十个项目开工建设。</p>"
)


def test_content_after_a_stray_html_end_tag_is_read() -> None:
    # A header include closes </html>; browsers keep going, and so must we.
    page = (
        "<html><head><title>老旧小区改造推进会召开_某某网</title></head><body>"
        "<div class='header'><a href='/'>首页</a></div></html>"
        "<div class='content'><h1>老旧小区改造推进会召开</h1><div>2019-09-23 14:34 来源：城市晚报</div>"
        f"<div class='text'>{_PARAGRAPHS}</div></div><div class='footer'>关于我们</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "老旧小区改造推进会召开"
    assert article.body.startswith("市里今天召开推进会")
    assert article.body.rstrip().endswith("目前已有四十个项目开工建设。")


def test_layout_table_page_reads_the_story_not_the_table() -> None:
    # Old CMS pages put the whole page in nested tables; trafilatura returns them as one markdown table.
    cell = "<td>{}</td>"
    page = (
        "<html><head><meta charset='utf-8'><title>老旧小区改造推进会召开-纪检</title></head><body><table><tr>"
        + cell.format("<a href='/'>首页</a><br><a href='/a'>机构职能</a><br><img src='/img/logo.jpg' width='168'>")
        + cell.format(
            "<table><tr><td>老旧小区改造推进会召开</td></tr>"
            "<tr><td>来源: | 发布时间: 2019-09-23 | 浏览次数: 2168</td></tr>"
            f"<tr><td>{_PARAGRAPHS}</td></tr>"
            "<tr><td>【<a href='javascript:window.print();'>打印本页</a>】【<a href='#'>关闭窗口</a>】</td></tr>"
            "</table>"
        )
        + "</tr></table><p>主办单位：某某大学纪检监察室 版权所有</p></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "老旧小区改造推进会召开"  # not the image line above it
    assert article.body.startswith("市里今天召开推进会")
    assert "|" not in article.body and "打印本页" not in article.body
    assert article.publisher == ""


def test_headline_in_a_heading_beats_a_channel_title() -> None:
    page = (
        "<html><head><title>新闻动态--某某学会官网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/n'>新闻动态</a></div>"
        "<h3>首页 - 新闻动态</h3><h5>2019年学术年会在重庆成功举行！</h5>"
        "<div class='ly'><b>发布时间：2019-05-18</b> <i>来源：某某学会</i></div>"
        f"<div class='detail'>{_PARAGRAPHS}</div>"
        "<div class='side'><h4>联系我们</h4><h5>某某学会</h5><p>地址：某市某路11号</p></div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "2019年学术年会在重庆成功举行！"


def test_subtitle_heading_is_not_the_headline() -> None:
    # 主题 in <h2>, 副题 in <h3> right above the dateline; <title> repeats the 主题.
    page = (
        "<html><head><title>山西品牌丝路行正式启动 - 某省人民政府门户网站</title></head><body>"
        "<div class='title'><h2>山西品牌丝路行正式启动</h2><h3>成功举办双向经贸投资推介会</h3></div>"
        "<ul><li><span>时间：2019-09-18 06:23</span> <span>来源： 某某日报</span></li></ul>"
        f"<div class='article-body'>{_PARAGRAPHS}</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "山西品牌丝路行正式启动"
    assert article.publisher == "某某日报"


def test_first_party_page_publisher_is_the_site_in_the_title() -> None:
    # No 来源 line and no og:site_name: the site names itself after the headline and the channel in <title>.
    page = (
        "<html><head><title>老旧小区改造推进会召开 - 民生 - 大华时报电子报</title>"
        '<meta name="application-name" content="DH"/></head><body>'
        "<h1>老旧小区改造推进会召开</h1><div class='date'>2018-07-31 08:19</div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "老旧小区改造推进会召开"
    assert article.publisher == "大华时报"


def test_channel_after_the_headline_is_not_a_publisher() -> None:
    page = (
        "<html><head><title>老旧小区改造推进会召开-纪检</title></head><body>"
        "<h1>老旧小区改造推进会召开</h1><div class='date'>2018-07-31 08:19</div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).publisher == ""


def test_meta_time_marked_utc_but_shown_as_local_time() -> None:
    # ``pubdate`` carries the local time with a ``Z``; the page shows the same digits as its local dateline,
    # far from the story (so the header reader does not take it).
    page = (
        '<html><head><title>老旧小区改造推进会召开</title><meta name="pubdate" content="2018-07-31T08:19:00Z">'
        "</head><body><h1>老旧小区改造推进会召开</h1>"
        f"<div class='text'>{_PARAGRAPHS}</div>"
        "<div class='foot'><p>推荐阅读</p><p>本页更新于 2018-07-31 08:19</p></div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.date == dt.datetime(2018, 7, 31, 8, 19, tzinfo=TZ)

    page = page.replace("本页更新于 2018-07-31 08:19", "本页")
    article = read_html("page.html", page, TZ, Report())
    assert article.date == dt.datetime(2018, 7, 31, 8, 19, tzinfo=dt.UTC)  # nothing shown: the meta as written


def test_helpline_block_joined_with_a_notice_heading_stays_in_the_body() -> None:
    # The notice heading, two helplines and ``<br>`` in one ``<p>``: the helplines end the story.
    # trafilatura keeps the ``<p>`` as one block (and repeats its last line): our helpline paragraphs stand for it.
    page = (
        "<html><head><title>某地男子輕生 家屬：和解不成心情鬱悶</title></head><body>"
        "<div class='head'><h1>某地男子輕生 家屬：和解不成心情鬱悶</h1><p class='date'>2017-12-09 00:26</p></div>"
        f"<article><div class='story'>{_PARAGRAPHS}"
        "<p><strong>●《某某新聞雲》提醒您，請給自己機會：<br>自殺防治諮詢安心專線：0800-788995；<br>"
        "生命線協談專線：1995</strong></p></div></article></body></html>"
    )
    body = read_html("page.html", page, TZ, Report()).body
    end = "目前已有四十个项目开工建设。\n\n自殺防治諮詢安心專線：0800-788995；\n\n生命線協談專線：1995"
    assert body.rstrip().endswith(end)


def test_site_name_in_the_title_confirmed_by_a_home_link_is_the_publisher() -> None:
    # ``<title>`` ends with a name not shaped like a news site's (``-EDN 电子技术设计``); the footer's link to the
    # site's root carries the same name: it is the site's own. A channel (``-纪检``) has no such link.
    page = (
        "<html><head><title>老旧小区改造推进会召开-XYZ 城市建设设计</title></head><body>"
        "<h1>老旧小区改造推进会召开</h1><div class='date'>2018-07-31 08:19</div>"
        f"<div class='text'>{_PARAGRAPHS}</div>"
        "<dl><dt>友情链接</dt><dd><a href='http://www.example.com/'>城市建设设计</a></dd>"
        "<dd><a href='http://www.example.org/about'>关于我们</a></dd></dl></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).publisher == "城市建设设计"
    page = page.replace("href='http://www.example.com/'", "href='http://www.example.com/news/1.html'")
    assert read_html("page.html", page, TZ, Report()).publisher == ""


def test_relative_day_and_the_date_in_the_page_data_record() -> None:
    # The page shows ``昨天``; its server-rendered data carries the record whose title is the headline.
    state = (
        '{"topic":{"title":"老旧小区改造推进会召开","publishDate":"2019-09-07T00:31:40.109Z",'
        '"news":[{"title":"别的报道","publishDate":"2019-09-01T05:51:23.000Z"}]}}'
    )
    page = (
        "<html><head><title>老旧小区改造推进会召开 - 某某聚合</title></head><body>"
        "<h1>老旧小区改造推进会召开</h1><div class='date'>昨天</div>"
        f"<div class='text'>{_PARAGRAPHS}</div>"
        f"<script>window.__INITIAL_STATE__={state};</script></body></html>"
    )
    report = Report()
    article = read_html("page.html", page, TZ, report)
    assert article.date == dt.datetime(2019, 9, 7, 0, 31, 40, tzinfo=dt.UTC)
    assert not any(w.where == "date" for w in report.warnings)
    page = page.replace('"title":"老旧小区改造推进会召开"', '"title":"另一篇"')
    assert read_html("page.html", page, TZ, Report()).date is None


def test_relative_day_with_a_time_and_the_date_a_script_assigns() -> None:
    # ``今日 09:18`` over the headline; a script assigns the publication time, and its time is the one shown.
    script = "var ejValue = {}; ejValue['publishDateTime']=\"2020-08-14 09:18:00\"; ejValue['author']='';"
    page = (
        "<html><head><title>老旧小区改造推进会召开 - 某某即时新闻</title></head><body>"
        "<div class='date'>今日 09:18 时事</div><h1>老旧小区改造推进会召开</h1>"
        f"<div class='text'>{_PARAGRAPHS}</div><script>{script}</script></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).date == dt.datetime(2020, 8, 14, 9, 18, tzinfo=TZ)
    # A script time that is not the one the page shows is some other item's (or the page's build time).
    other = page.replace("09:18:00", "07:02:00")
    assert read_html("page.html", other, TZ, Report()).date is None


def test_site_name_title_does_not_override_the_headline_above_the_dateline() -> None:
    # No <h1>; <title> is only the site's name, which the footer's ownership line confirms.
    page = (
        "<html><head><title>大华广播全球资讯网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
        "<div class='tt'>老旧小区改造推进会召开 年底前完成立项</div><div class='date'>2018-07-31 08:19</div>"
        f"<div class='text'>{_PARAGRAPHS}</div>"
        "<div class='foot'>本网站内容属于大华广播全球资讯网所有，非经允许，不得转载</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).title == "老旧小区改造推进会召开 年底前完成立项"


def test_empty_headline_slot_in_og_title_and_a_site_title_shown_nowhere() -> None:
    # og:title is the site template with an empty headline (``-站名``); <title> is a site name the page never shows.
    page = (
        "<html><head><title>大华电视台 新闻网</title>"
        '<meta property="og:site_name" content="大华新闻网"/><meta property="og:title" content="-大华新闻网"/>'
        "</head><body><table><tr><td>老旧小区改造推进会召开 年底前完成立项</td></tr>"
        "<tr><td>2018-07-31 08:19</td></tr>"
        f"<tr><td>{_PARAGRAPHS}</td></tr></table></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).title == "老旧小区改造推进会召开 年底前完成立项"


def test_site_suffix_shared_by_the_titles_is_stripped_from_og_title() -> None:
    # The visible headline line is not found (a photo hint stands above the story); og:title is used without
    # the `` -  站名 brand`` that <title> ends with too.
    page = (
        "<html><head><title>老旧小区改造推进会召开 年底前完成立项 -  新某某 newsx</title>"
        '<meta property="og:title" content="老旧小区改造推进会召开 年底前完成立项 - 新某某 newsx"/></head><body>'
        "<div class='nav'><a href='/'>首页</a></div><div>点击图片可浏览相关图片</div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).title == "老旧小区改造推进会召开 年底前完成立项"


def test_dateline_span_glued_to_the_headline_span_and_a_dated_photo_address() -> None:
    # ``<span>标题</span><span>2014/12/1 18:13</span>`` reads as one line on screen; the photo under it has the
    # day in its address, nearer the body than the dateline.
    page = (
        "<html><head><title>老旧小区改造推进会召开 年底前完成立项 - 某某新闻</title></head><body>"
        "<div class='crumb'>首页 > 生活新闻 ></div>"
        "<div class='head'><a href='#'><span>老旧小区改造推进会召开 年底前完成立项</span></a>"
        "<span class='ndate'>2014/12/1 18:13</span></div>"
        "<div class='photo'><img src='http://img.example.com/2014/12/01/a1.jpg' width='600'></div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.title == "老旧小区改造推进会召开 年底前完成立项"
    assert article.date == dt.datetime(2014, 12, 1, 18, 13, tzinfo=TZ)


def test_photo_file_name_under_the_dateline_is_not_the_publisher() -> None:
    page = (
        "<html><head><title>某某新闻</title></head><body>"
        "<div class='head'>老旧小区改造推进会召开 年底前完成立项</div><div>2014/12/1 18:13</div>"
        "<div class='photo'><a href='#'>Link</a>"
        "<img src='http://img.example.com/2014/12/01/2014A01B08.jpg' width='600'></div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).publisher == ""


def test_logo_heading_matching_the_site_part_of_the_title_is_not_the_headline() -> None:
    # The page's one <h1> is the logo, whose words are the site name after the headline in <title>; the line
    # found above the dateline is not the headline, so the title comes from the markup.
    page = (
        "<html><head><title>老旧小区改造推进会召开 年底前完成立项 - 某某时报中文网 国际纵览</title></head><body>"
        "<h1 id='logo'>某某时报中文网 国际纵览</h1><div class='nav'><a href='/'>首页</a></div>"
        "<div>分享到微博</div><div>JOHN SMITH 报道</div><div>2018年07月31日</div>"
        f"<div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).title == "老旧小区改造推进会召开 年底前完成立项"


def test_visible_headline_longer_than_the_title_before_its_site_suffix() -> None:
    # No <h1>; <title> and og:title hold the first two parts of the headline and `` - 站名新聞``; the page shows
    # all three parts above the dateline: the page's own, longer headline is kept.
    head = "年終平均一點四個月 科技業最高三十個月\u3000尾牙最期待藝人 三成企業加碼辦"
    shown = f"{head}\u3000年終比去年多兩天 獎金太低過半擬離職"
    page = (
        f"<html><head><title>{head} - 某視新聞</title>"
        f'<meta property="og:title" content="{head} - 某視新聞"/><meta property="og:site_name" content="某視"/>'
        f"</head><body><div class='nav'><a href='/'>首頁</a></div><div class='t'>{shown}</div>"
        f"<div>2014/12/12</div><div class='text'>{_PARAGRAPHS}</div></body></html>"
    )
    assert read_html("page.html", page, TZ, Report()).title == shown.replace("\u3000", " ")


def test_story_in_one_layout_table_row_keeps_its_own_paragraphs() -> None:
    # On a page built of layout tables the extraction library may return the story's cell and a sidebar cell
    # (``您可能有興趣:``) as one ``| … | … |`` row: the body is then the story's own paragraphs.
    from generator.readers.html import _merge_bodies
    from generator.readers.page_text import PageParts

    paragraphs = re.findall(r"<p>(.*?)</p>", _PARAGRAPHS)
    parts = PageParts(title="老旧小区改造推进会召开", paragraphs=list(paragraphs))
    row = "| " + " ".join(paragraphs) + " | 您可能有興趣: |"
    body, _images, used = _merge_bodies(parts, f"| 首頁 | 即時新聞 |\n\n{row}\n\n| 地址 | 電話 |", "")
    assert body == paragraphs and not used


def test_reporter_credit_after_a_lead_photo() -> None:
    # The first paragraph of the HTML body is the lead photo; the credit opens the first text paragraph.
    page = (
        "<html><head><title>某某快報</title></head><body><h2>某市新建三座公園 國慶前開放</h2>"
        "<div>2024/10/17　09:09</div><div class='text'><p><img src='https://img.example.com/a.png'></p>"
        "<p>【某某快報／陳某朔】市府今天宣布，三座新建公園將在國慶前向市民開放，公園內設有步道、球場和兒童遊樂設施。</p>"
        f"{_PARAGRAPHS}</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.author == "陳某朔"


def test_a_paragraph_trafilatura_dropped_inside_the_story_is_put_back_in_place() -> None:
    # Trafilatura now and then leaves out a paragraph in the middle of a story (a Guokr page with
    # ``AT&amp;<wbr></wbr>T`` in it); the page-text reader has it, and it goes back after the paragraph before it.
    from generator.readers.html import _merge_bodies
    from generator.readers.page_text import PageParts

    paragraphs = [
        *re.findall(r"<p>(.*?)</p>", _PARAGRAPHS),
        "在拿到博士学位后，他加入AT&T的贝尔实验室，开始研究信息检索，这段经历决定了他此后二十年的方向。",
        "居民代表表示，改造完成后小区环境明显改善，停车难、晾晒难等老问题都得到了解决，大家都很满意。",
    ]
    parts = PageParts()
    parts.paragraphs = list(paragraphs)
    markdown = "\n\n".join(p for i, p in enumerate(paragraphs) if i != 3)
    body, _images, used = _merge_bodies(parts, markdown, "")
    assert used and body == paragraphs


def test_opening_section_heading_of_a_post_with_headings_stays_in_the_body() -> None:
    # ``<h2>写在前面</h2>`` opens a post that has more section headings: it is the body's first block.
    page = (
        "<html><head><title>某会议论文解读</title></head><body>"
        "<h1>某会议论文解读</h1><div class='meta'>2023年06月16日 作者: 某某技术团队</div>"
        "<div class='content'><h2>写在前面</h2>"
        "<p>某会议是计算机视觉方向的顶级会议之一，今年共收到九千多篇投稿，最终两千多篇被接收，接收率约为百分之二十五。</p>"
        "<h2>分而治之的领域自适应</h2>"
        "<p>该论文提出了一种分而治之的策略，综合考虑目标域样本与源域数据的差异性，取得了显著的效果提升。</p>"
        "<h2>高效的平面优化</h2>"
        "<p>该论文推导出了平面优化问题的闭式解，使得大规模三维重建的速度提高了一个数量级，精度保持不变。</p>"
        "</div></body></html>"
    )
    body = read_html("page.html", page, TZ, Report()).body
    assert body.startswith("## 写在前面\n\n某会议是计算机视觉方向的顶级会议之一")
    # Without class names trafilatura leaves the section headings out; the page-text reader has them between
    # paragraphs that are there, and they are put back.
    bare = read_html("bare.html", page.replace(" class='meta'", "").replace(" class='content'", ""), TZ, Report()).body
    assert "## 分而治之的领域自适应\n\n该论文提出了一种分而治之的策略" in bare
    assert "## 高效的平面优化\n\n该论文推导出了平面优化问题的闭式解" in bare


def test_a_short_clause_opening_the_story_is_kept() -> None:
    # A story broken at its commas, one ``<p>`` a clause: the short first clause is the story's.
    clauses = ["下周一，", *re.findall(r"<p>(.*?)</p>", _PARAGRAPHS), "请大家互相转告，", "愿大家平安出行，安全到家。"]
    page = (
        "<html><head><title>老旧小区改造推进会召开_某某网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/news'>新闻</a></div>"
        "<h1>老旧小区改造推进会召开</h1><div>2019-09-23 14:34 来源：城市晚报</div>"
        "<div class='content'>" + "".join(f"<p>{c}</p>" for c in clauses) + "</div>"
        "<div class='footer'>关于我们 | 联系我们</div></body></html>"
    )
    article = read_html("page.html", page, TZ, Report())
    assert article.body.strip().split("\n\n") == clauses
