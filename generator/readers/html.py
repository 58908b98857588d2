"""Reader for saved HTML pages: trafilatura for the article body, our own Chinese metadata lifting around it.

Two independent views of the page are compared:

- trafilatura's main-content extraction (markdown, images kept), which knows HTML structure;
- our page-text reader run on the page's visible text (what ``innerText`` gives), which knows Chinese
  headers, datelines and bylines and where the story ends.

The page-text view decides the article's first and last paragraph (trafilatura tends to keep lead boxes,
credits and "related" teasers that sit inside the article container); trafilatura's paragraphs inside that
window are kept for their markup and images. Metadata comes from our header/byline parsing first, then
from the page's own ``<meta>`` tags; trafilatura's author and htmldate's date are not trusted (they drop
space-less Chinese names and misread ``2025年03月25日``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import unquote, urljoin
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree

from ..clean import RELATIVE_TIME, find_datetimes, norm, parse_datetime, site_from_title, site_from_url
from ..clean.chrome import clean_name
from ..discover import resource_folder_of
from ..errors import ReadError
from ..model import Article
from ..report import Report
from .common import find_dates
from .page_text import IMAGE_LINE, TRAILING_LINK, PageParts, article_from_parts, extract_page_text

_SKIP = {"script", "style", "noscript", "template", "head", "iframe", "svg", "canvas", "object", "select", "option"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article",
    "header", "footer", "nav", "aside", "main", "dd", "dt", "dl", "blockquote", "pre", "figure", "figcaption",
    "form", "hr", "address", "center", "tbody", "thead", "title",
}  # fmt: skip
#: Class names pages give photo captions (``img_descr``, ``pic_txt``, ``image-caption``): not article text.
_CAPTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:caption|img_?descr?|pic_?(?:txt|text|info|intro)|imgtxt|photo_?desc)(?:$|[\s_-])", re.I
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_IMAGE_MD = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: ``<meta>`` names that carry the publication time, most specific first.
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "og:release_date",
    "publishdate",
    "pubdate",
    "publish_date",
    "publishtime",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "apub:time",
    "dateupdate",
    "date",
)
#: `` - 网站名`` / ``_频道_网站名`` after the headline in ``<title>``.
_SITE_SUFFIX = re.compile(r"\s*[_|｜-]\s*[^_|｜-]{2,20}(?:[_|｜-][^_|｜-]{2,20})*$")
#: A file name or address (``2014C01L08M1.jpg``, ``…/a.png``): never a publisher's name.
_FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg|html?|aspx?|php)\s*$|://|^www\.", re.IGNORECASE)
_WECHAT_CT = re.compile(r"""\bct\s*=\s*["'](\d{10})["']""")
#: Characters of other text allowed in trafilatura's first block before the article's first paragraph
#: (and in its last block after the last): a byline or a credit, not a headline and a dateline.
_EDGE = 40


#: ``</body>`` and ``</html>`` end tags: browsers keep parsing into the body after them, libxml2 stops there.
_END_OF_DOCUMENT = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)


def _parse(text: str) -> lxml.html.HtmlElement:
    # A page assembled from includes may close </html> in its header; what follows is still on screen.
    text = _END_OF_DOCUMENT.sub("", _XML_DECL.sub("", text))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ReadError("", f"the HTML cannot be parsed ({error})", "save the page again as 'HTML only'") from error


def _image_line(element: lxml.html.HtmlElement) -> str:
    """``![alt](src)`` for a content image (lazy-loading attributes first); ``""`` for icons and pixels."""
    src = ""
    for attribute in ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "src"):
        value = (element.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            src = value
            break
    sizes = [element.get("width") or "", element.get("height") or ""]
    if not src or any(size.isdigit() and int(size) < 50 for size in sizes):
        return ""
    alt = re.sub(r"[\[\]\s]+", " ", element.get("alt") or "").strip()
    return f"![{alt}]({src.replace(' ', '%20').replace(')', '%29')})"


def visible_text(root: lxml.html.HtmlElement, images: bool = False) -> str:
    """The page's text as a browser shows it (``innerText`` with scripts off): one line per block element.

    With ``images``, each content image becomes a markdown image line where it stands.
    """
    out: list[str] = []
    space = re.compile(r"[ \t\r\n\f\v]+")

    def walk(element: lxml.html.HtmlElement, pre: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        # Source line breaks inside running text are spaces on screen (white-space: normal), except in <pre>.
        tail = (element.tail if pre else space.sub(" ", element.tail)) if element.tail else ""
        caption = images and (tag == "figcaption" or bool(_CAPTION_CLASS.search(element.get("class") or "")))
        if (
            tag in _SKIP
            or caption
            or element.get("hidden") is not None
            or _HIDDEN_STYLE.search(element.get("style") or "")
        ):
            out.append(tail)
            return
        if images and tag == "img" and (line := _image_line(element)):
            out.append(f"\n{line}\n")
        inner_pre = pre or tag in ("pre", "textarea")
        block = tag in _BLOCK
        if block:
            out.append("\n")
        if element.text and tag:
            out.append(element.text if inner_pre else space.sub(" ", element.text))
        for child in element:
            walk(child, inner_pre)
        if block:
            out.append("\n")
        out.append(tail)

    body = root.find("body")
    walk(body if body is not None else root)
    text = "".join(out)
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n"))


def _metas(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    return found


def _json_ld(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                for key in ("datePublished", "headline", "url"):
                    if isinstance(item.get(key), str):
                        found.setdefault(key, item[key])
    return found


def _page_url(root: lxml.html.HtmlElement, metas: dict[str, str], ld: dict[str, str]) -> str:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower() and (link.get("href") or "").startswith("http"):
            return str(link.get("href")).strip()
    for candidate in (metas.get("og:url", ""), ld.get("url", "")):
        if candidate.startswith("http"):
            return candidate
    return ""


def _meta_date(metas: dict[str, str], ld: dict[str, str], html: str, tz: ZoneInfo, site: str) -> dt.datetime | None:
    for key in _DATE_METAS:
        if key in metas and (value := parse_datetime(metas[key], tz)):
            return value
    if "datePublished" in ld and (value := parse_datetime(ld["datePublished"], tz)):
        return value
    if site == "wechat" and (match := _WECHAT_CT.search(html)):
        # WeChat shows ``昨天``; the page script carries the publish time as a Unix timestamp.
        return dt.datetime.fromtimestamp(int(match.group(1)), tz)
    return None


#: Keys of a page's data record that hold the item's own publication time, most specific first.
_STATE_DATE_KEYS = (
    "datePublished", "publishDate", "publishedAt", "publishTime", "publish_time", "pubDate", "pubdate",
    "createdAt", "created_at", "createTime", "ctime",
)  # fmt: skip
#: A script's data object (``window.__INITIAL_STATE__ = {…}``, ``<script id="__NEXT_DATA__">{…}``).
_STATE_START = re.compile(r"^\s*(?:(?:window\.)?[\w$.]+\s*=\s*)?(?=\{)")


def _records(value: object, depth: int = 0) -> Iterable[dict[str, object]]:
    if depth > 40:
        return
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _records(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _records(child, depth + 1)


def _state_date(root: lxml.html.HtmlElement, headline: str, tz: ZoneInfo) -> dt.datetime | None:
    """The publication time of the page's own item in its script data, when the page shows only ``昨天``.

    A server-rendered app page ships its data as JSON; the record whose title is the headline carries the date.
    """
    key = norm(headline)
    if len(key) < 6:
        return None
    for script in root.iter("script"):
        text = script.text or ""
        if (script.get("type") or "").lower() == "application/ld+json" or key[:6] not in norm(text):
            continue
        start = _STATE_START.match(text)
        if not start:
            continue
        try:
            data, _end = json.JSONDecoder().raw_decode(text, start.end())
        except ValueError:
            continue
        for field in _STATE_DATE_KEYS:
            for record in _records(data):
                title = record.get("title") or record.get("headline")
                value = record.get(field)
                if not (isinstance(title, str) and norm(title) == key) or value is None:
                    continue
                if isinstance(value, int | float) and 10**9 <= value < 10**13:
                    stamp = value / 1000 if value >= 10**11 else value
                    return dt.datetime.fromtimestamp(stamp, tz)
                if isinstance(value, str) and (found := parse_datetime(value, tz)):
                    return found
    return None


#: A publication time assigned in a script (``ejValue['publishDateTime']="2020-08-14 09:18:00";``).
_SCRIPT_DATE = re.compile(
    r"""(?i)pub\w{0,8}(?:date|time)\w{0,8}['"]?\]?\s*[:=]\s*['"]"""
    r"""(?P<value>(?:19|20)\d\d-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?)['"]"""
)


def _script_date(root: lxml.html.HtmlElement, shown: str, tz: ZoneInfo) -> dt.datetime | None:
    """The publication time a page's script assigns, when the page shows only a relative day at that time.

    ``今日 09:18`` over the headline and ``publishDateTime="2020-08-14 09:18:00"`` in a script: the script's
    day, confirmed by the time the reader sees.
    """
    shown_times = {m.group("time").zfill(5) for m in RELATIVE_TIME.finditer(shown)}
    if not shown_times:
        return None
    for script in root.iter("script"):
        for match in _SCRIPT_DATE.finditer(script.text or ""):
            value = parse_datetime(match.group("value"), tz)
            if value is not None and value.strftime("%H:%M") in shown_times:
                return value
    return None


def _local_if_shown(value: dt.datetime | None, shown: str, tz: ZoneInfo) -> dt.datetime | None:
    """A meta time marked UTC (``…T08:19:00Z``) whose digits the page shows as its local time, read as local.

    Many sites write their local time into ``pubdate`` with a ``Z``; the visible dateline is what readers see.
    """
    if value is None or value.utcoffset() != dt.timedelta(0):
        return value
    naive = value.replace(tzinfo=None)
    for match in find_datetimes(shown, tz):
        if match.has_time and match.value.tzinfo is tz and match.value.replace(tzinfo=None) == naive:
            return match.value
    return value


def _time_under_headline(date: dt.datetime, headline: str, shown: str, tz: ZoneInfo) -> dt.datetime:
    """The same day with its time, when a dateline right under the headline shows it and a date-only value was read.

    A date-only value can come from a line nearer the body (a photo's address ``…/2014/12/01/…``); the dateline
    that the headline sits on shows the time.
    """
    if not headline or (date.hour, date.minute, date.second) != (0, 0, 0):
        return date
    lines = [line for line in shown.split("\n") if line.strip() and not IMAGE_LINE.match(line)]
    key = norm(headline)
    for index, line in enumerate(lines):
        if key and norm(line).startswith(key):
            # The headline's own line (a dateline glued to it) and the few lines under it.
            for near in [line.replace(headline.strip(), " ", 1), *lines[index + 1 : index + 4]]:
                for match in find_dates(near, tz):
                    if match.has_time and match.value.date() == date.date():
                        return match.value
            break
    return date


def _headline(root: lxml.html.HtmlElement, metas: dict[str, str]) -> tuple[str, str]:
    """(``<title>`` text, og:title) for checking the headline found in the visible text."""
    title_el = root.find(".//title")
    page_title = (title_el.text_content() if title_el is not None else "").strip()
    return page_title, metas.get("og:title", "").strip()


#: A line that states who owns the site (``本網站內容屬於某某所有``, ``Copyright ©``): names there are the site's.
_OWNER_LINE = re.compile(r"版[權权]|所有|copyright|©|all rights reserved", re.IGNORECASE)


def _bigrams(text: str) -> set[str]:
    key = norm(text)
    return {key[i : i + 2] for i in range(len(key) - 1)}


def _names_a_story(reference: str, headline: str, site_names: set[str], shown_lines: list[str]) -> bool:
    """Whether a ``<title>``/og:title names the page's story rather than only the site.

    Not a story's title: an empty headline slot before the site suffix (``-某某新聞網``), the site's own name
    (og:site_name, or the name the page's ownership line gives), and a short title (a name's length) the page shows
    nowhere that shares no two characters with the headline found above the article.
    """
    if re.match(r"\s*[_|｜\-–—]", reference):
        return False
    key = norm(reference)
    if key in site_names:
        return False
    if any(key in line and len(line) > len(key) and _OWNER_LINE.search(line) for line in shown_lines):
        return False
    head = norm(_SITE_SUFFIX.split(reference)[0]) or key
    if len(head) > 12 or not headline:
        return True  # a headline's length: shown or not, it names the story
    return any(head in line for line in shown_lines) or bool(_bigrams(head) & _bigrams(headline))


def _without_site_suffix(candidate: str, page_title: str, og_title: str, site_names: set[str]) -> str:
    """A title candidate without the `` - 站名`` the site puts after every headline.

    The part after the separator is the site's when the page's other title ends with it too, or it is the site name.
    """
    suffix = _SITE_SUFFIX.search(candidate)
    if not suffix or len(norm(candidate[: suffix.start()])) < 4:
        return candidate
    tail = norm(re.split(r"[_|｜-]", suffix.group(0))[-1])
    others = [norm(t) for t in (page_title, og_title) if norm(t) and t != candidate]
    if tail and (tail in site_names or any(other.endswith(tail) for other in others)):
        return candidate[: suffix.start()].strip()
    return candidate


def _title_supported(title: str, references: Iterable[str]) -> bool:
    """Whether a page title (with or without the `` - 站名`` after it) holds the headline, or the headline it."""
    key = norm(title)
    refs = {norm(r) for ref in references for r in (ref, _SITE_SUFFIX.split(ref)[0]) if len(norm(r)) >= 4}
    return any(key and (key in ref or ref in key) for ref in refs)


_HOME_PATH = re.compile(r"^(?:https?:)?(?://[^/?#]+)?/?(?:index\.\w{2,5})?$", re.IGNORECASE)


def _site_named_by_home_link(root: lxml.html.HtmlElement, page_title: str, headline: str) -> str:
    """The site's name from ``<title>`` (``标题-EDN 电子技术设计``) when a link to a home page carries it.

    A name after the headline in ``<title>`` may be a channel (``-纪检``); the same words on a link to a site's
    root (the logo or the footer's home link) make it the site's own name.
    """
    key = norm(headline)
    title = norm(page_title)
    if len(key) < 4 or not title.startswith(key) or len(title) == len(key):
        return ""
    suffix = _SITE_SUFFIX.search(re.sub(r"\s+", " ", page_title).strip())
    if not suffix:
        return ""
    last = re.split(r"[_|｜-]", suffix.group(0))[-1]
    words = {norm(w) for w in last.split()} | {norm(last)}
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        text = re.sub(r"\s+", " ", link.text_content()).strip()
        if href and _HOME_PATH.match(href) and 2 <= len(norm(text)) <= 20 and norm(text) in words:
            return clean_name(text)
    return ""


def _with_lazy_images_loaded(root: lxml.html.HtmlElement) -> str:
    """The page's HTML with lazy-loaded images' real address in ``src`` and tiny icons removed.

    Pages keep the photo in ``data-src`` and a placeholder in ``src`` until a script swaps them;
    a saved page never ran that script.
    """
    for img in list(root.iter("img")):
        line = _image_line(img)
        if not line:
            img.drop_tree()
            continue
        img.set("src", line[line.index("](") + 2 : -1])
    return str(lxml.html.tostring(root, encoding="unicode"))


def _trafilatura_markdown(html: str, url: str) -> str:
    import trafilatura

    result = trafilatura.extract(
        html,
        url=url or None,
        output_format="markdown",
        include_images=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        favor_recall=True,
    )
    return result or ""


# Each block's key is needed by several passes of the merge (window, kept, counts, missing): computed once.
@lru_cache(maxsize=4096)
def _md_key(paragraph: str) -> str:
    text = _IMAGE_MD.sub("", paragraph)
    text = re.sub(r"^\s*(?:#+|[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    return norm(re.sub(r"<[^>]+>|[*_`>\\]", "", text))


def _tidy_block(block: str) -> str:
    """A trafilatura block without inline HTML tags and without link-only lines (``返回腾讯网首页>>``)."""
    block = re.sub(r"</?(?:u|span|font|strong|em|b|i)(?:\s[^>]*)?>", "", block)
    lines = [
        TRAILING_LINK.sub("", line.rstrip())
        for line in block.split("\n")
        if not (len(norm(line)) <= 16 and line.rstrip().endswith((">>", "》》")))
    ]
    return "\n".join(lines).strip()


def _covered(key: str, text: str) -> bool:
    """Whether a block's text is in ``text`` (its start and end, so small markup differences do not matter)."""
    if not key:
        return True
    return key in text or (key[:15] in text and key[-15:] in text)


def _add_missing(blocks: list[str], ours: list[str]) -> list[str]:
    """Put back images and paragraphs of the story that trafilatura left out.

    Trafilatura keeps only image URLs with an image file extension, and now and then drops a paragraph in the
    middle of a story (one holding ``AT&amp;<wbr></wbr>T``). Each missing image or paragraph of our reader's
    story goes after the block holding the text that precedes it in the visible text.
    """
    present = "\n".join(blocks)
    present_keys = "".join(_md_key(block) for block in blocks)
    result = list(blocks)
    previous = ""
    for number, paragraph in enumerate(ours):
        if not IMAGE_LINE.match(paragraph):
            key = _md_key(paragraph)
            # A section heading is put back between two paragraphs that are there (``“成长策略”降低训练成本``).
            following = _md_key(ours[number + 1]) if number + 1 < len(ours) else ""
            heading = (
                paragraph.startswith("## ") and len(key) >= 4 and bool(following) and _covered(following, present_keys)
            )
            if (len(key) < _MISSING_MIN and not heading) or (paragraph.startswith("## ") and not heading):
                previous = key
                continue
            if _covered(key, present_keys):
                previous = key
                continue
        else:
            url = paragraph[paragraph.index("](") + 2 : -1]
            if url in present:
                continue
        position = 0
        if previous:
            for index, block in enumerate(result):
                if previous[-15:] in _md_key(block):
                    position = index + 1
        if position == 0 and previous and not IMAGE_LINE.match(paragraph):
            continue  # a paragraph is put back only where the text before it is found
        result.insert(position, paragraph)
        present += "\n" + paragraph
        if not IMAGE_LINE.match(paragraph):
            present_keys += _md_key(paragraph)
            previous = _md_key(paragraph)
    return result


#: Shorter paragraphs of ours that trafilatura lacks are not put back (a caption, a label, a credit).
_MISSING_MIN = 20


def _merge_bodies(parts: PageParts, markdown: str, base: str) -> tuple[list[str], list[str], bool]:
    """Paragraphs and image URLs: trafilatura's paragraphs inside the page-text window, images resolved."""
    blocks = [t for b in re.split(r"\n\s*\n", markdown) if (t := _tidy_block(b))]
    ours = [_md_key(p) for p in parts.paragraphs if not p.startswith("## ")]
    first = next((k for k in ours if len(k) >= 6), "")
    last = next((k for k in reversed(ours) if len(k) >= 6), "")
    start = end = -1
    if first and last:
        for index, block in enumerate(blocks):
            key = _md_key(block)
            if start < 0 and key and first[:20] in key:
                start = index
            if key and last[-20:] in key:
                end = index
        # Short paragraphs before the first long one (``下周一，`` opening a story broken at its commas) are the
        # story's too when trafilatura has them right there.
        for key in reversed(ours[: ours.index(first)]):
            if not 0 < start <= end or _md_key(blocks[start - 1]) != key:
                break
            start -= 1
    paragraphs: list[str]
    ours_len = sum(len(k) for k in ours) or 1
    window_len = sum(len(_md_key(b)) for b in blocks[start : end + 1]) if 0 <= start <= end else 0
    used = 0 <= start <= end and 0.7 <= window_len / ours_len <= 1.4
    if used:
        # A layout table comes back as one block holding headline, dateline and body: it is not paragraphs.
        head = _md_key(blocks[start]).find(first[:20])
        tail = _md_key(blocks[end])
        used = head <= _EDGE and len(tail) - tail.rfind(last[-20:]) - len(last[-20:]) <= _EDGE
    if used and start == end and blocks[start].lstrip().startswith("|") and len(ours) >= 3:
        used = False  # the whole story in one layout-table row: our paragraphs are the story's own
    if used:
        window = blocks[start : end + 1]
        # Images just above the first paragraph belong to the story (lead photo).
        lead = start
        while lead > 0 and _IMAGE_MD.fullmatch(blocks[lead - 1]) and lead > start - 3:
            lead -= 1
        opening = parts.paragraphs[0] if parts.paragraphs and parts.paragraphs[0].startswith("## ") else ""
        if opening and lead == start and start > 0 and _md_key(blocks[start - 1]) == _md_key(opening):
            lead -= 1  # the story's opening section heading (``写在前面``), found by the page-text reader too
        paragraphs = blocks[lead:start] + window
        # Lines our reader lifted as metadata (bylines, 原标题, summary boxes) or judged captions and
        # chrome stay out of the markdown body too: a block is kept when our text has it.
        ours_all = "".join(_md_key(p) for p in parts.paragraphs)
        kept: list[str] = []
        for paragraph in paragraphs:
            key = _md_key(paragraph)
            if _IMAGE_MD.search(paragraph) or _covered(key, ours_all):
                kept.append(paragraph)
                continue
            # A block joining lines our reader split and partly dropped (a caption-like heading over helplines):
            # our paragraphs inside it stand for it when they make up most of it.
            inside = [p for p in parts.paragraphs if len(k := _md_key(p)) >= 6 and k in key and not p.startswith("## ")]
            if sum(len(_md_key(p)) for p in inside) >= 0.5 * len(key):
                kept.extend(inside)
        # A block trafilatura repeats (a ``<br>`` line it also emits on its own) is kept as often as our text has it.
        counts: dict[str, int] = {}
        for paragraph in parts.paragraphs:
            counts[_md_key(paragraph)] = counts.get(_md_key(paragraph), 0) + 1
        paragraphs = []
        for paragraph in kept:
            key = _md_key(paragraph)
            if key in counts and not _IMAGE_MD.search(paragraph):
                if counts[key] <= 0:
                    continue
                counts[key] -= 1
            paragraphs.append(paragraph)
        paragraphs = _add_missing(paragraphs, parts.paragraphs)
        if sum(len(_md_key(p)) for p in paragraphs) < 0.7 * ours_len:
            used = False  # most of trafilatura's blocks were not article text after all
    if not used:
        paragraphs = list(parts.paragraphs)
    images: list[str] = []
    fixed: list[str] = []
    for paragraph in paragraphs:

        def resolve(match: re.Match[str]) -> str:
            local = _saved_alongside(match.group(2), base)  # ``页面_files/a.png``: the copy saved with the page
            url = local or (urljoin(base, match.group(2)) if base else match.group(2))
            if url.startswith("//"):
                url = "https:" + url
            if url.startswith("http") and url not in images:
                images.append(url)
            return f"![{match.group(1)}]({url})"

        fixed.append(_IMAGE_MD.sub(resolve, paragraph))
    return fixed, images, used


def _saved_alongside(link: str, base: str = "") -> str:
    """The relative link when an image link points into the folder a browser saved the page's files in
    (``页面_files/a.png``; made absolute against the page's address, it is still that folder's), else ``""``."""
    if base and link.startswith(("http://", "https://")):
        folder = urljoin(base, ".")
        link = link[len(folder) :] if link.startswith(folder) else ""
    path = unquote(link).removeprefix("./")
    return link if "/" in path and resource_folder_of(path.split("/", 1)[0]) else ""


def read_html(source: str, text: str, tz: ZoneInfo, report: Report, page_url: str = "") -> Article:
    """Read a saved HTML page into an Article: trafilatura's body inside our page-text window, our metadata."""
    root = _parse(text)
    metas = _metas(root)
    ld = _json_ld(root)
    url = _page_url(root, metas, ld) or page_url
    site = site_from_url(url)
    shown = visible_text(root, images=True)
    parts = extract_page_text(shown, tz)
    page_title, og_title = _headline(root, metas)
    site_names = {norm(n) for n in (metas.get("og:site_name", ""), metas.get("application-name", "")) if norm(n)}
    shown_lines = [norm(line) for line in shown.split("\n") if line.strip()]
    references = [
        t
        for t in (page_title, og_title, ld.get("headline", ""))
        if t and _names_a_story(t, parts.title, site_names, shown_lines)
    ]
    headings = [h.text_content().strip() for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    # Headings the page's own headline confirms (``<h2>`` under a ``<title>`` that starts with it); the site name
    # after the separator in ``<title>`` confirms nothing.
    heads = [norm(t) for t in (_SITE_SUFFIX.split(page_title)[0], og_title, ld.get("headline", "")) if norm(t)]
    confirmed = [
        h
        for h in headings
        if len(norm(h)) >= 6 and any(norm(h) in head and len(norm(h)) >= 0.6 * len(head) for head in heads)
    ]
    # A headline shown in a heading element (``<h5>``) is the page's own even when ``<title>`` is a channel name
    # (``新闻动态--某学会官网``), unless another heading is the one the titles confirm (a subtitle ``<h3>``).
    in_heading = bool(parts.title) and not confirmed and norm(parts.title) in {norm(h) for h in headings}
    if not parts.title or (references and not in_heading and not _title_supported(parts.title, references)):
        # The visible-text headline is missing or matches none of the page's own titles: use the markup's.
        # An ``<h1>`` logo holding only the site name that follows the headline in ``<title>`` is no headline.
        suffix = _SITE_SUFFIX.search(page_title)
        site_part = norm(suffix.group(0)) if suffix and norm(page_title[: suffix.start()]) else ""
        h1s = [
            h.text_content().strip()
            for h in root.iter("h1")
            if norm(h.text_content()) and norm(h.text_content()) not in site_part
        ]
        supported = [h for h in h1s if _title_supported(h, references)] + confirmed
        stripped = _SITE_SUFFIX.split(page_title)[0].strip()
        metadata = [
            _without_site_suffix(t, page_title, og_title, site_names)
            for t in (og_title, ld.get("headline", ""))
            if t in references
        ]
        for candidate in (*supported, *metadata, *h1s[:1], stripped):
            if len(norm(candidate)) >= 4:
                parts.title = re.sub(r"\s+", " ", candidate).strip()
                break
    if parts.date is not None:
        parts.date = _time_under_headline(parts.date, parts.title, shown, tz)
    if parts.date is None:
        parts.date = _local_if_shown(_meta_date(metas, ld, text, tz, site or parts.site), shown, tz)
        if parts.date is None and parts.title:
            parts.date = _state_date(root, parts.title, tz)
        if parts.date is None:
            parts.date = _script_date(root, shown, tz)
        parts.notes = [n for n in parts.notes if n[0] != "date"] if parts.date else parts.notes
    if _FILE_NAME.search(parts.publisher):
        parts.publisher = ""  # a photo's file name read off the line under the dateline names no one
    if not parts.publisher:
        parts.publisher = clean_name(metas.get("og:site_name", "") or metas.get("source", ""))
    if not parts.publisher and parts.title:
        # A first-party page names no source: the publisher is the site, as its title shows it after the headline.
        for candidate in (page_title, og_title):
            if name := clean_name(site_from_title(candidate, parts.title)):
                parts.publisher = name
                break
    if not parts.publisher and parts.title:
        parts.publisher = _site_named_by_home_link(root, page_title, parts.title)
    # ``<meta name="author">`` is not used: Chinese pages fill it with the site or the source (``网易``).
    try:
        markdown = _trafilatura_markdown(_with_lazy_images_loaded(root), url)
    except Exception as error:
        report.info(source, "body", f"trafilatura failed ({error}); using the page text only")
        markdown = ""
    paragraphs, images, used_trafilatura = _merge_bodies(parts, markdown, url)
    if not used_trafilatura:
        report.info(source, "body", "trafilatura's extraction did not match the article; the visible text was used")
    parts.paragraphs = paragraphs
    parts.site = site or parts.site
    if not url and any(
        "](http" not in m.group(0) and not _saved_alongside(m.group(2))
        for p in paragraphs
        for m in _IMAGE_MD.finditer(p)
    ):
        report.warn(
            source,
            "images",
            "the page has relative image links but no canonical or og:url address to resolve them against",
            'add the article\'s address as <link rel="canonical"> or save the page with its address',
        )
    article = article_from_parts(source, "html", parts, report)
    import dataclasses

    keywords = tuple(k.strip() for k in re.split(r"[,，;；]", metas.get("keywords", "")) if k.strip())[:20]
    summary = article.summary or metas.get("description", "").strip()
    return dataclasses.replace(
        article,
        source_url=url,
        images=tuple(images),
        keywords=keywords,
        summary=summary,
        explicit=article.explicit
        | ({"source_url"} if url else set())
        | ({"keywords"} if keywords else set())
        | ({"summary"} if summary else set())
        | ({"images"} if images else set()),
    )
