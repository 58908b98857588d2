"""Fill the schema: defaults from config, summary, language, categories, slug. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from markdown_it import MarkdownIt

from .config import Config
from .errors import ReadError
from .images import find_images
from .model import Article
from .report import Report
from .slugs import bundle_slug, is_safe_slug
from .terms import categories_for, normalize_terms

#: Titles longer than this are cut (a whole paragraph pasted as a title is a mistake, not a headline).
MAX_TITLE_LENGTH = 200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_SPACES = re.compile(r"\s+")
#: Control characters (C0, C1, DEL, line/paragraph separators) never belong in one-line fields.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
#: Names Windows reserves for devices: a folder called ``con`` cannot be checked out or copied there.
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
#: A site path Hugo can publish an alias at: word segments (no ``.``/``..``, no scheme, no ``//``, no ``\\``).
_ALIAS = re.compile(r"^/?[\w~%-][\w~%.-]*(?:/[\w~%-][\w~%.-]*)*/?$")
#: Links and image addresses an article may carry: web URLs only (no ``javascript:``, ``data:``, ``file:``).
_WEB_URL = re.compile(r"^(?:https?:)?//[^\s/?#]+", re.IGNORECASE)
#: A bundle-relative file name (a thumbnail already localized), never a path out of the bundle.
_BUNDLE_FILE = re.compile(r"^(?:\./)?[\w~%-][\w~%.-]*$")
#: A paragraph that is only a photo credit, e.g. （图片来源：unsplash）, is not the start of a summary.
_CREDIT = re.compile(r"^[（(]?\s*(图片来源|图源|来源|图|摄影|视频来源)[:：].{0,40}[)）]?$")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def clean_line(text: str) -> str:
    """One-line field text: NFC, control characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def paragraphs_of(markdown: str) -> list[str]:
    """Plain text of each paragraph of a markdown body (headings, images and markup left out)."""
    result: list[str] = []
    tokens = _markdown().parse(markdown)
    for previous, token in zip([None, *tokens], tokens, strict=False):
        if token.type != "inline" or not token.children or previous is None or previous.type != "paragraph_open":
            continue
        parts = [child.content for child in token.children if child.type in {"text", "code_inline"}]
        text = clean_line("".join(parts))
        if text:
            result.append(text)
    return result


#: Markdown that can make a paragraph depend on text after a blank line: fences, HTML blocks, link
#: reference definitions (``[x]: url`` anywhere turns an earlier ``[x]`` into a link).
_NOT_LOCAL = re.compile(r"```|~~~|\]:|^ {0,3}<", re.MULTILINE)


def drop_raw_html(markdown: str) -> tuple[str, int]:
    """The body without raw HTML, and how many pieces were dropped.

    Article text is untrusted: Goldmark (``unsafe = false``) omits raw HTML anyway, but Hugo warns for every
    page that has some, which fails the strict build. Dropping it here, with markdown-it (CommonMark, as
    Goldmark), keeps ``<script>``, ``on*=`` attributes and iframes out of the page source as well; text in
    code spans and code blocks is kept as it is.
    """
    if "<" not in markdown:
        return markdown, 0
    lines = markdown.split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    dropped = 0
    for token in _markdown().parse(markdown):
        if token.map is None:
            continue
        start, end = token.map
        if token.type == "html_block":
            edits.append((start, end, [""] * (end - start)))
            dropped += 1
        elif token.type == "inline" and any(c.type == "html_inline" for c in token.children or ()):
            segment, cursor = "\n".join(lines[start:end]), 0
            for child in token.children or ():
                if child.type == "code_inline" and (at := segment.find(child.content, cursor)) >= 0:
                    cursor = at + len(child.content)
                elif child.type == "html_inline" and (at := segment.find(child.content, cursor)) >= 0:
                    segment = segment[:at] + segment[at + len(child.content) :]
                    cursor = at
                    dropped += 1
            edits.append((start, end, segment.split("\n")))
    for start, end, replacement in sorted(edits, reverse=True):
        lines[start:end] = replacement
    return "\n".join(lines), dropped


def make_summary(markdown: str, length: int) -> str:
    """First paragraphs as plain text, cut at ``length`` characters with ``...`` when cut."""
    # Parsing the whole body was a large share of normalize; the summary needs only its start. A prefix
    # cut at a blank line has the same first paragraphs as the whole text unless a construct can reach
    # across blank lines (``_NOT_LOCAL``); when the prefix does not hold enough text, parse it all.
    cut = markdown.find("\n\n", 4 * length)
    if cut > 0 and not _NOT_LOCAL.search(markdown):
        text, complete = _summary_text(paragraphs_of(markdown[:cut]), length)
        if complete:
            return text[:length].rstrip() + "..."
    text, complete = _summary_text(paragraphs_of(markdown), length)
    return text[:length].rstrip() + "..." if complete else text


def _summary_text(paragraphs: Iterable[str], length: int) -> tuple[str, bool]:
    """The paragraphs joined up to the first that makes the text longer than ``length``; True if it did."""
    text = ""
    for paragraph in paragraphs:
        if not text and _CREDIT.match(paragraph):
            continue
        text += paragraph
        if len(text) > length:
            return text, True
    return text, False


def detect_lang(text: str, default: str) -> str:
    """``zh-CN`` when Han characters carry the text, ``en`` when Latin letters do, else the default."""
    sample = text[:4000]
    cjk = len(sample) - len(_CJK.sub("", sample))  # a count without a list of 4,000 one-character strings
    latin_words = len(_LATIN_WORD.findall(sample))
    if cjk == 0 and latin_words == 0:
        return default
    if cjk >= latin_words:
        if re.search(r"[\u3040-\u30ff]", sample):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", sample):
            return "ko"
        return "zh-CN"
    return "en"


def slug_identity(article: Article) -> str:
    """What a slug hashes: the original URL when known (a re-submission maps to the same page), else the file."""
    return article.source_url or article.source


def normalize(article: Article, config: Config, report: Report, existing_slug: str = "") -> Article:
    """Return the article with every schema field set; raise ``ReadError`` if it has no usable title or body."""
    d = config.defaults
    title = clean_line(article.title)
    if not title:
        raise ReadError(
            "title", "no title found", "start the file with a '# Title' line or add title: to the front matter"
        )
    if len(title) > MAX_TITLE_LENGTH:
        report.warn(
            article.source, "title", f"title is {len(title)} characters; cut to {MAX_TITLE_LENGTH}", "shorten it"
        )
        title = title[:MAX_TITLE_LENGTH].rstrip() + "…"
    body, dropped = drop_raw_html(article.body)
    if not body.strip():
        raise ReadError("body", "no article text found", "check that the file holds the article, not only its title")
    if dropped:
        say = report.info if article.kind == "html" else report.warn
        say(
            article.source,
            "body",
            f"raw HTML dropped from the article text ({dropped} tag(s) or block(s)); it is never published",
            "write the text as plain Markdown",
        )
    if article.date is None:
        report.warn(
            article.source,
            "date",
            "no publication date found; the page is published without one",
            'add a date line such as 2025-02-14 12:46 or date: "2025-02-14 12:46:28" in front matter',
        )
    date = article.date if article.date is None or article.date.tzinfo else article.date.replace(tzinfo=config.tz)
    if date is not None and (offset := date.utcoffset()) is not None and offset % dt.timedelta(minutes=1):
        # Zones used local mean time before ~1900 (Shanghai: +08:05:43); Hugo cannot parse an offset with seconds.
        date = date.astimezone(dt.UTC)
    summary = clean_line(article.summary) or make_summary(body, config.summary_length)
    lang = article.lang or (detect_lang(title + "\n" + body, d.lang),)
    if date is not None and date > dt.datetime.now(dt.UTC) + dt.timedelta(days=1):
        report.warn(
            article.source,
            "date",
            f"the date {date.isoformat()} is in the future; Hugo does not publish the page before then",
            "check the date (a typo in the year?)",
        )
    source_url = article.source_url.strip()
    if source_url and not _WEB_URL.match(source_url):
        report.warn(
            article.source, "source_url", f"{source_url[:80]!r} is not a web address; left out", "use an http(s) URL"
        )
        source_url = ""
    thumbnail = article.thumbnail.strip()
    if thumbnail and not (_WEB_URL.match(thumbnail) or _BUNDLE_FILE.match(thumbnail)):
        report.warn(
            article.source,
            "thumbnail",
            f"{thumbnail[:80]!r} is neither a web address nor an image file of the page; left out",
            "use an http(s) image URL",
        )
        thumbnail = ""
    aliases = _safe_aliases(article, config, report)
    slug = existing_slug or article.slug
    if slug and not is_safe_slug(slug):
        report.warn(
            article.source, "slug", f"slug {slug!r} is not a safe URL part; made a new one", "use a-z, 0-9 and -"
        )
        slug = ""
    if slug in _WINDOWS_RESERVED:
        report.warn(
            article.source, "slug", f"slug {slug!r} is a reserved file name on Windows; made a new one", "pick another"
        )
        slug = ""
    article = replace(
        article,
        title=title,
        date=date,
        summary=summary,
        body=body,
        source_url=source_url,
        thumbnail=thumbnail,
        aliases=aliases,
        author=clean_line(article.author),
        editor=clean_line(article.editor),
        publisher=clean_line(article.publisher),
        original_title=clean_line(article.original_title),
        categories=categories_for(article, config.taxonomy, d.category),
        tags=normalize_terms((clean_line(t) for t in article.tags), config.taxonomy.tags),
        keywords=_unique(clean_line(k) for k in article.keywords),
        lang=lang,
        translations=article.translations or lang,
        menu=d.menu if article.menu is None else article.menu,
        lead=clean_line(article.lead) or d.lead,
        comments=d.comments if article.comments is None else article.comments,
        authorbox=d.authorbox if article.authorbox is None else article.authorbox,
        pager=d.pager if article.pager is None else article.pager,
        toc=d.toc if article.toc is None else article.toc,
        mathjax=d.mathjax if article.mathjax is None else article.mathjax,
        sidebar=d.sidebar if article.sidebar is None else article.sidebar,
        widgets=d.widgets if article.widgets is None else article.widgets,
        slug=slug or bundle_slug(title, slug_identity(replace(article, source_url=source_url))),
    )
    return replace(article, images=find_images(article))


def _safe_aliases(article: Article, config: Config, report: Report) -> tuple[str, ...]:
    """Aliases that only add a redirect at a path of their own; each one refused is reported.

    Hugo writes an alias as a redirect page, so an alias at ``/``, at a section or taxonomy list, or at a
    feed would replace that page, and an absolute URL fails the whole build.
    """
    lists = {"", config.section.lower(), "tags", "categories", "index.xml", "sitemap.xml", "robots.txt", "404.html"}
    kept: list[str] = []
    for alias in article.aliases:
        path = alias.strip()
        if _ALIAS.match(path) and path.lower().strip("/") not in lists:
            kept.append(path)
        else:
            report.warn(
                article.source,
                "aliases",
                f"alias {path[:80]!r} is not a path of its own on this site; left out",
                "aliases are old paths of this article, such as /2025/02/old-name/",
            )
    return _unique(kept)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)
